"""Keep the examples of README.md and docs/tour.md real: regenerate or check every block.

An example is a marker line naming the arguments, then a ```text block:

    <!-- example: quotes --speaker iwaya -f table -->
    ```text
    $ asiannato quotes --speaker iwaya
    ...its output...
    ```

The output is captured with NO_COLOR=1 and COLUMNS=100. A block may stop early with a
line that is only "…": then it must match the start of the output.

    python scripts/readme_examples.py          # rewrite the blocks from the current data
    python scripts/readme_examples.py --check  # exit 1 when a block is out of date
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every page whose examples are real output: the front door and the tour.
PAGES = [ROOT / "README.md", ROOT / "docs" / "tour.md"]
BLOCK = re.compile(r"(<!-- example: (?P<args>.+?) -->\n```text\n)(?P<body>.*?)(```)", re.S)
CUT = "…"


# What a run may give a command: its arguments and the environment to set (None unsets);
# it answers with the exit code, stdout and stderr. The tests pass one that runs the
# command in their own process.
Runner = Callable[[list[str], dict[str, str | None]], tuple[int, str, str]]

# The terminal the examples are drawn for: a pipe, no colour, 100 columns.
ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "PYTHONIOENCODING": "utf-8",
    "FORCE_COLOR": None,
}

# One cache of our own for every example of a run: the data is compiled once, and a
# cache the user has is never read.
CACHE = tempfile.TemporaryDirectory()


def in_a_process(argv: list[str], env: dict[str, str | None]) -> tuple[int, str, str]:
    """The installed console script, as a user runs it."""
    script = Path(sys.executable).parent / "asiannato"
    full = {**os.environ, "ASIANNATO_CACHE_DIR": CACHE.name}
    for key, value in env.items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    proc = subprocess.run(
        [str(script), *argv], capture_output=True, text=True, env=full, check=False
    )
    return proc.returncode, proc.stdout, proc.stderr


def output(args: str, run: Runner = in_a_process) -> str:
    code, out, err = run(shlex.split(args), ENV)
    # `verify` answers "only something close" with exit 1 and "nothing close" with 3
    if code not in (0, 1, 3) or not out:
        raise SystemExit(f"asiannato {args}: exit {code}\n{err}")
    # The prompt shows the command as typed on a terminal, where tables are the default.
    prompt = "$ asiannato " + args.replace(" -f table", "")
    # Rich pads table lines to the full width; trailing spaces only make noisy diffs.
    return prompt + "\n" + "".join(line.rstrip() + "\n" for line in out.splitlines())


# Without --as-of, a page's heading says the day it was drawn on ("as of 2026-12-01; data
# to 31 May 2026"): such an example stays current whatever day it is checked on.
_DAY = re.compile(r"\(as of \d{4}-\d{2}-\d{2};")


def matches(body: str, out: str, *, dated: bool = True) -> bool:
    """Whether an example's block shows this output; ``dated``: the example gives the day
    itself (--as-of), so the day in its heading must be the same too."""
    if not dated:
        body, out = _DAY.sub("(as of DAY;", body), _DAY.sub("(as of DAY;", out)
    lines = body.splitlines()
    if lines and lines[-1] == CUT:
        return out.splitlines()[: len(lines) - 1] == lines[:-1]
    return body == out


def stale_examples(run: Runner = in_a_process, *, rewrite: bool = False) -> list[str]:
    """The examples whose output is out of date, as "page: asiannato args"; with
    ``rewrite``, each page is written with its blocks made current."""
    stale: list[str] = []
    for page in PAGES:
        if not page.exists():
            continue
        name = page.relative_to(ROOT).as_posix()
        text = page.read_text(encoding="utf-8")

        def replace(m: re.Match[str], name: str = name) -> str:
            out = output(m["args"], run)
            body = m["body"]
            if matches(body, out, dated="--as-of" in m["args"]):
                return m.group(0)
            stale.append(f"{name}: asiannato {m['args']}")
            lines = body.splitlines()
            if lines and lines[-1] == CUT:  # keep the same cut
                kept = out.splitlines()[: len(lines) - 1]
                out = "".join(line + "\n" for line in kept) + CUT + "\n"
            return m.group(1) + out + m.group(4)

        new = BLOCK.sub(replace, text)
        if rewrite and new != text:
            page.write_text(new, encoding="utf-8")
    return stale


def main() -> int:
    check = "--check" in sys.argv
    stale = stale_examples(rewrite=not check)
    if check:
        for where in stale:
            print(f"example out of date: {where}")
        return 1 if stale else 0
    print(f"updated {len(stale)} example(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
