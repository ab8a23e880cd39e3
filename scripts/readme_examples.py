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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Every page whose examples are real output: the front door and the tour.
PAGES = [ROOT / "README.md", ROOT / "docs" / "tour.md"]
BLOCK = re.compile(r"(<!-- example: (?P<args>.+?) -->\n```text\n)(?P<body>.*?)(```)", re.S)
CUT = "…"


# One cache of our own for every example of a run: the data is compiled once, and a
# cache the user has is never read.
CACHE = tempfile.TemporaryDirectory()


def output(args: str) -> str:
    script = Path(sys.executable).parent / "asiannato"
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "COLUMNS": "100",
        "ASIANNATO_CACHE_DIR": CACHE.name,
        "PYTHONIOENCODING": "utf-8",
    }
    env.pop("FORCE_COLOR", None)
    proc = subprocess.run(
        [str(script), *shlex.split(args)], capture_output=True, text=True, env=env, check=False
    )
    # `verify` answers "only something close" with exit 1 and "nothing close" with 3
    if proc.returncode not in (0, 1, 3) or not proc.stdout:
        raise SystemExit(f"asiannato {args}: exit {proc.returncode}\n{proc.stderr}")
    # The prompt shows the command as typed on a terminal, where tables are the default.
    prompt = "$ asiannato " + args.replace(" -f table", "")
    # Rich pads table lines to the full width; trailing spaces only make noisy diffs.
    return prompt + "\n" + "".join(line.rstrip() + "\n" for line in proc.stdout.splitlines())


def matches(body: str, out: str) -> bool:
    lines = body.splitlines()
    if lines and lines[-1] == CUT:
        return out.splitlines()[: len(lines) - 1] == lines[:-1]
    return body == out


def main() -> int:
    check = "--check" in sys.argv
    stale: list[str] = []
    for page in PAGES:
        if not page.exists():
            continue
        name = page.relative_to(ROOT).as_posix()
        text = page.read_text(encoding="utf-8")

        def replace(m: re.Match[str], name: str = name) -> str:
            out = output(m["args"])
            body = m["body"]
            if matches(body, out):
                return m.group(0)
            stale.append(f"{name}: asiannato {m['args']}")
            lines = body.splitlines()
            if lines and lines[-1] == CUT:  # keep the same cut
                kept = out.splitlines()[: len(lines) - 1]
                out = "".join(line + "\n" for line in kept) + CUT + "\n"
            return m.group(1) + out + m.group(4)

        new = BLOCK.sub(replace, text)
        if not check and new != text:
            page.write_text(new, encoding="utf-8")
    if check:
        for where in stale:
            print(f"example out of date: {where}")
        return 1 if stale else 0
    print(f"updated {len(stale)} example(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
