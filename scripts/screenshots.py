"""Make the README's screenshots: SVG images of real output, drawn by Rich from the
current dataset, with the same fixed width and colours every time.

    python scripts/screenshots.py          # write docs/screenshots/*.svg
    python scripts/screenshots.py --check  # exit 1 when one is out of date

A test checks them (in its own process, as this script draws them in its own), so a
screenshot can never be older than the data or the renderer that produced it.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
WIDTH = 100
# name -> arguments; fixed --as-of dates keep the images independent of today's date
SHOTS = {
    "actors": "actors --kind state --as-of 2025-01-01",
    "compare": "compare japan china --as-of 2025-01-01",
    "quotes": "quotes --speaker iwaya --since 2024-10-02 --until 2024-10-02",
    "chart": "chart --as-of 2026-05-31",
}
# The HTML brief as a browser draws it (written, not checked: a PNG is not byte-stable).
BRIEF_HTML = "brief --as-of 2026-05-31"

# What a run may give a command: its arguments and the environment to set (None unsets);
# it answers with the exit code, stdout and stderr. It must run the command in this
# process: a screenshot records the console the command draws on.
Runner = Callable[[list[str], dict[str, str | None]], tuple[int, str, str]]

# The terminal the screenshots are drawn for: 100 columns, colour whatever the shell says.
ENV: dict[str, str | None] = {
    "COLUMNS": str(WIDTH),
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "ASIANNATO_DATA": None,
}

# One cache of our own for every screenshot of a run: the data is compiled once, and a
# cache the user has is never read.
CACHE = tempfile.TemporaryDirectory()


def in_this_process(argv: list[str], env: dict[str, str | None]) -> tuple[int, str, str]:
    """The command line, run here as the console script would run it."""
    from asiannato.cli import main

    os.environ["ASIANNATO_CACHE_DIR"] = CACHE.name
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    saved = sys.stdout, sys.stderr
    sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="backslashreplace")
    streams = sys.stdout, sys.stderr
    try:
        main(argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.stdout, sys.stderr = saved
    texts = []
    for stream in streams:
        with contextlib.suppress(ValueError):  # closed by the run
            stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8", "replace"))
    return code, texts[0], texts[1]


def shot(name: str, args: str, run: Runner = in_this_process) -> str:
    """The screenshot ``name``: what ``asiannato args`` draws on a terminal, as SVG."""
    argv = shlex.split(args)
    if name == "chart":  # the chart draws itself as a compact SVG
        code, out, err = run([*argv, "--format", "svg"], ENV)
        if code:
            raise SystemExit(f"asiannato {args}: exit {code}\n{err}")
        return out
    from rich.console import Console

    import asiannato.output as output

    console = Console(file=io.StringIO(), width=WIDTH, record=True, force_terminal=True,
                      color_system="truecolor", highlight=False, emoji=False,
                      legacy_windows=False)  # fmt: skip
    real = output.make_console
    output.make_console = lambda settings, *, width=None: console
    try:
        code, _, err = run([*argv, "--format", "table"], ENV)
    finally:
        output.make_console = real
    if code:
        raise SystemExit(f"asiannato {args}: exit {code}\n{err}")
    return console.export_svg(title=f"asiannato {args}")


def stale_shots(run: Runner = in_this_process, *, rewrite: bool = False) -> list[str]:
    """The screenshots that are out of date; with ``rewrite``, each is written anew."""
    stale = []
    for name, args in SHOTS.items():
        path = OUT / f"{name}.svg"
        image = shot(name, args, run)
        if not path.exists() or path.read_text(encoding="utf-8") != image:
            stale.append(name)
            if rewrite:
                OUT.mkdir(parents=True, exist_ok=True)
                path.write_text(image, encoding="utf-8")
    return stale


def main() -> int:
    check = "--check" in sys.argv
    stale = stale_shots(rewrite=not check)
    if check:
        for name in stale:
            print(f"screenshot out of date: docs/screenshots/{name}.svg")
        return 1 if stale else 0
    print(f"updated {len(stale)} screenshot(s)")
    browser_shot()
    return 0


def browser_shot() -> None:
    """docs/screenshots/brief-html.png: the HTML brief in headless Chromium, if present."""
    import shutil

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("no chromium: docs/screenshots/brief-html.png left as it was")
        return
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "brief.html"
        env = {**os.environ, "ASIANNATO_CACHE_DIR": CACHE.name}
        script = Path(sys.executable).parent / "asiannato"
        cmd = [str(script), *shlex.split(BRIEF_HTML), "-o", str(page)]
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 f"--user-data-dir={tmp}/profile", "--hide-scrollbars", "--window-size=1000,1400",
                 f"--screenshot={OUT / 'brief-html.png'}"]  # fmt: skip
        subprocess.run([chromium, *flags, page.as_uri()], check=True, capture_output=True)
    print("updated docs/screenshots/brief-html.png")


if __name__ == "__main__":
    raise SystemExit(main())
