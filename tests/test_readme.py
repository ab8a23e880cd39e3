"""The README shows real output, and the commands it promises exist."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_readme_examples_are_current_output() -> None:
    # Fails when the data or a renderer changed without `python scripts/readme_examples.py`.
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "readme_examples.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    start = readme.index("Run the tests")
    block = readme[readme.index("```sh\n", start) + 6 : readme.index("\n```", start)]
    assert block.strip() in ci.splitlines()


def test_every_command_is_in_the_readme() -> None:
    from asiannato.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"asiannato {name}" in readme, name


def test_screenshots_are_current() -> None:
    # Fails when the data or a renderer changed without `python scripts/screenshots.py`.
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "screenshots.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for name in ("actors", "compare", "quotes", "chart"):
        assert f"docs/screenshots/{name}.svg" in (REPO / "README.md").read_text()
