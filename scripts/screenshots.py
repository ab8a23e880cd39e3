"""Make the README's screenshots: SVG images of real output, drawn by Rich from the
current dataset, with the same fixed width and colours every time.

    python scripts/screenshots.py          # write docs/screenshots/*.svg
    python scripts/screenshots.py --check  # exit 1 when one is out of date

A test runs --check, so a screenshot can never be older than the data or the renderer
that produced it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
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

# Rendered in a child process: the same code path as the real command, recorded.
_RECORD = """
import io, sys
from rich.console import Console
import asiannato.output as output

def make_console(settings, *, width=None):
    return CONSOLE

CONSOLE = Console(file=io.StringIO(), width={width}, record=True, force_terminal=True,
                  color_system="truecolor", highlight=False, emoji=False, legacy_windows=False)
output.make_console = make_console
from asiannato import cli
try:
    cli.main(sys.argv[1:])
except SystemExit as stop:
    if stop.code:
        raise
finally:
    sys.stdout = sys.__stdout__
print(CONSOLE.export_svg(title={title!r}), end="")
"""


# One cache of our own for every screenshot of a run: the data is compiled once, and a
# cache the user has is never read.
CACHE = tempfile.TemporaryDirectory()


def svg(name: str, args: str) -> str:
    code = _RECORD.format(width=WIDTH, title=f"asiannato {args}")
    env = {**os.environ, "ASIANNATO_CACHE_DIR": CACHE.name, "COLUMNS": str(WIDTH)}
    for var in ("NO_COLOR", "FORCE_COLOR", "ASIANNATO_DATA"):
        env.pop(var, None)
    if name == "chart":  # the chart draws itself as a compact SVG
        argv = [str(Path(sys.executable).parent / "asiannato"), *shlex.split(args)]
        argv += ["--format", "svg"]
    else:
        argv = [sys.executable, "-c", code, *shlex.split(args), "--format", "table"]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return proc.stdout


def main() -> int:
    check = "--check" in sys.argv
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, args in SHOTS.items():
        path = OUT / f"{name}.svg"
        image = svg(name, args)
        if not path.exists() or path.read_text(encoding="utf-8") != image:
            stale.append(name)
            if not check:
                path.write_text(image, encoding="utf-8")
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
