"""Shared test helpers: the fixture pack, an isolated cache, and running the installed
console script in a subprocess as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from asiannato.packs import Pack
from asiannato.store import Store, open_store

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "pack"


def script() -> str:
    """The installed `asiannato` console script next to this Python."""
    found = Path(sys.executable).parent / "asiannato"
    if found.exists():
        return str(found)
    which = shutil.which("asiannato")
    assert which, "the asiannato console script is not installed: pip install -e '.[test]'"
    return which


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASIANNATO_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("ASIANNATO_DATA", raising=False)


@pytest.fixture
def fixture_store() -> Iterator[Store]:
    store = open_store([Pack(FIXTURE, "pack")])
    yield store
    store.close()


class Result:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.stderr = proc.stderr
        # The one-time notice that the cache was (re)built is checked by its own tests;
        # every test runs with a fresh cache, so the others look at the rest of stderr.
        self.err = "".join(
            line
            for line in proc.stderr.splitlines(keepends=True)
            if not line.startswith("asiannato: compiled the data")
        )

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def run(
    *args: str,
    fixture: bool = True,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60,
) -> Result:
    """Run the installed console script; by default on the fixture pack alone."""
    full_env = {
        k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS", "LINES", "TERM")
    }
    full_env.update({"COLUMNS": "100", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    full_env.update(env or {})
    argv = [script()]
    if fixture:
        argv += ["--no-bundled", "--data", str(FIXTURE)]
    argv += list(args)
    proc = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc)
