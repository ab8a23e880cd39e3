"""The README shows real output, and the commands it promises exist."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from .conftest import invoke

REPO = Path(__file__).resolve().parent.parent


def script(name: str) -> ModuleType:
    """One of scripts/, imported (it is not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_examples_are_current_output() -> None:
    # Fails when the data or a renderer changed without `python scripts/readme_examples.py`.
    # The examples are run in this process: what they show is output, not the process.
    stale = script("readme_examples").stale_examples(invoke)
    assert stale == [], "run python scripts/readme_examples.py"


def test_an_example_is_current_on_any_day_but_not_with_other_output() -> None:
    matches = script("readme_examples").matches
    drawn = "$ asiannato actors\nWho stands where (as of 2026-12-01; data to 31 May 2026)\n"
    assert matches(drawn, drawn.replace("2026-12-01", "2027-03-04"), dated=False)
    assert not matches(drawn, drawn.replace("31 May", "30 May"), dated=False)
    assert not matches(drawn, drawn.replace("stands", "sits"), dated=False)
    # an example that gives the day (--as-of) must show that day
    assert not matches(drawn, drawn.replace("2026-12-01", "2027-03-04"), dated=True)


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
    stale = script("screenshots").stale_shots(invoke)
    assert stale == [], "run python scripts/screenshots.py"
    for name in ("actors", "compare", "quotes", "chart"):
        assert f"docs/screenshots/{name}.svg" in (REPO / "README.md").read_text()
