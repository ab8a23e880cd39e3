"""Shared test helpers: the fixture pack, one compiled cache shared by the whole run, and
two ways to run the command line: `run` calls it in this process (the default, a few ms a
call); `run_script` starts the installed console script, for the tests where the process
itself is the point (pipes, signals, a terminal, packaging, what a fresh process imports)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import FrameType

import pytest

from asiannato.packs import Pack
from asiannato.store import Store, open_store

# Bytecode, as an installed copy has it (pip compiles it). A machine that exports
# PYTHONDONTWRITEBYTECODE (CI's do) would otherwise make every process a test starts
# compile the package from source, and pytest rewrite every test module anew each run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "pack"

# The environment every run starts from: no terminal guesses from the developer's shell.
DROPPED = ("FORCE_COLOR", "COLUMNS", "LINES", "TERM")
DEFAULTS = {"COLUMNS": "100", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}


def script() -> str:
    """The installed `asiannato` console script next to this Python."""
    found = Path(sys.executable).parent / "asiannato"
    if found.exists():
        return str(found)
    which = shutil.which("asiannato")
    assert which, "the asiannato console script is not installed: pip install -e '.[test]'"
    return which


# --- the cache ---------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache directory for the whole run. A compiled store is named after its packs,
    so the fixture pack's store and the bundled data's sit side by side here and each is
    compiled once; a pack made by a test gets a store of its own. Under pytest-xdist the
    workers share it too (the run's temporary folder is theirs in common; the compile
    lock makes the first to need a store compile it while the others wait).

    It is set for the whole session, before any fixture of a module runs: a module's
    fixture that ran a command once compiled into the developer's own cache."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        shared = tmp_path_factory.mktemp("cache-shared")
    else:
        shared = tmp_path_factory.getbasetemp().parent / "cache-shared"
        shared.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as session:
        session.setenv("ASIANNATO_CACHE_DIR", str(shared))
        yield shared


@pytest.fixture(autouse=True)
def _cache(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, shared_cache: Path
) -> None:
    fresh = "fresh_cache" in request.fixturenames
    if not fresh:
        monkeypatch.setenv("ASIANNATO_CACHE_DIR", str(shared_cache))
    monkeypatch.delenv("ASIANNATO_DATA", raising=False)
    # every compile is reported, so the tests of the cache can see one happen (a quick
    # compile is quiet by default: tests/test_quiet_compile.py)
    monkeypatch.setenv("ASIANNATO_NOTE_AFTER", "0")


@pytest.fixture
def fresh_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of this test's own: for tests about compiling and caching,
    which look at what a run compiled or at the cache files."""
    path = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ASIANNATO_CACHE_DIR", str(path))
    return path


@pytest.fixture
def fixture_store() -> Iterator[Store]:
    store = open_store([Pack(FIXTURE, "pack")])
    yield store
    store.close()


# --- running the command line ------------------------------------------------------------


class Result:
    def __init__(self, code: int, out: str, stderr: str) -> None:
        self.code = code
        self.out = out
        self.stderr = stderr
        # The one-time notice that the cache was (re)built is checked by its own tests;
        # the others look at the rest of stderr, whether or not this run compiled.
        self.err = "".join(
            line
            for line in stderr.splitlines(keepends=True)
            if not line.startswith("asiannato: compiled the data")
        )

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[:300]!r}, err={self.err[:300]!r})"


def invoke(argv: Sequence[str], env: Mapping[str, str | None]) -> tuple[int, str, str]:
    """Run the command line in this process as the console script would, and return its
    exit code, stdout and stderr. The ONE place that knows how to call the CLI in-process.

    ``argv`` is the arguments without the program name. ``env`` is set (a value of None
    unsets the variable) for the run and restored after. stdout and stderr are text
    streams over bytes, not terminals, encoded as a process's would be
    (PYTHONIOENCODING, else UTF-8). The entry point must end by raising SystemExit, with
    the exit code; any other exception is a bug in the test or the CLI and propagates."""
    from asiannato.cli import main

    encoding, _, errors = (env.get("PYTHONIOENCODING") or "utf-8").partition(":")
    out = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors or "strict")
    err = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace")
    saved_env = {k: os.environ.get(k) for k in env}
    saved_streams = sys.stdout, sys.stderr
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    sys.stdout, sys.stderr = out, err
    try:
        main(list(argv))
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    else:  # pragma: no cover - main always exits
        raise AssertionError("the CLI's entry point returned instead of exiting")
    finally:
        sys.stdout, sys.stderr = saved_streams
        for key, old in saved_env.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old
    texts = []
    for stream in (out, err):
        with contextlib.suppress(ValueError):  # closed by the run
            stream.flush()
        raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
        texts.append(raw.decode(encoding, "replace"))
    return code, texts[0], texts[1]


class TimedOut(BaseException):
    """A run took longer than its timeout (a BaseException, so that the CLI's error
    boundary cannot turn it into an exit code)."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt a run that hangs (e.g. opening a FIFO) instead of hanging the suite."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimedOut(f"the run took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _argv(args: Sequence[str], fixture: bool) -> list[str]:
    return (["--no-bundled", "--data", str(FIXTURE)] if fixture else []) + list(args)


def run(
    *args: str,
    fixture: bool = True,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60,
) -> Result:
    """Run the command line in this process; by default on the fixture pack alone, with
    the environment of a pipe (no terminal, NO_COLOR, 100 columns)."""
    full_env: dict[str, str | None] = dict.fromkeys(DROPPED)
    full_env.update(DEFAULTS)
    full_env.update(env or {})
    with contextlib.chdir(cwd or os.getcwd()), _deadline(timeout):
        return Result(*invoke(_argv(args, fixture), full_env))


def run_script(
    *args: str,
    fixture: bool = True,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 60,
) -> Result:
    """Run the installed console script in a subprocess, as `run` runs it in-process."""
    full_env = {k: v for k, v in os.environ.items() if k not in DROPPED}
    full_env.update(DEFAULTS)
    full_env.update(env or {})
    proc = subprocess.run(
        [script(), *_argv(args, fixture)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def on_a_terminal(argv: Sequence[str], env: Mapping[str, str]) -> tuple[str, str]:
    """Run a command with stdout on a pseudo-terminal, as a user at a terminal would:
    what it showed there, and its stderr (a pipe)."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        list(argv), stdout=follower, stderr=subprocess.PIPE, env={**os.environ, **env}
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace"), err
