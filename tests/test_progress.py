"""The progress bar of a long compile on a terminal: shown once a compile takes a while,
never for a quick one, gone when done, and safe with hostile file names."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from asiannato.progress import stderr_progress

from .conftest import FIXTURE, script

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def drain(fd: int) -> str:
    os.set_blocking(fd, False)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except (BlockingIOError, OSError):
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def terminal_stderr(monkeypatch: pytest.MonkeyPatch) -> int:
    """Put stderr on a pseudo-terminal; the leader's end, to read what was drawn. (Called
    in the test itself: pytest sets its own stderr between a fixture and the test.)"""
    import pty

    leader, follower = pty.openpty()
    stream = open(follower, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return leader


def test_a_long_compile_draws_a_bar_with_what_it_is_doing(monkeypatch: pytest.MonkeyPatch) -> None:
    leader = terminal_stderr(monkeypatch)
    with stderr_progress(show_after=0.1) as update:
        update("reading pack/z\x1b[31mred.yaml", 0.2)
        time.sleep(0.5)
        update("writing the cache", 0.7)
        time.sleep(0.3)
    drawn = drain(leader)
    assert "asiannato: reading pack/z\\x1b[31mred.yaml" in drawn
    assert "\x1b[31mred" not in drawn, "a file name's escape codes are shown, not obeyed"
    assert "writing the cache" in drawn


def test_a_quick_compile_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    leader = terminal_stderr(monkeypatch)
    with stderr_progress(show_after=0.5) as update:
        update("reading pack/quotes.yaml", 0.0)
        update("writing the cache", 0.7)
    assert drain(leader) == ""


def test_a_quick_compile_on_a_terminal_prints_nothing() -> None:
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [script(), "--no-bundled", "--data", str(FIXTURE), "actors"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        # "quick" fixed by the threshold, not by how busy the machine is
        env={**env, "COLUMNS": "100", "ASIANNATO_NOTE_AFTER": "30"},
        timeout=60,
    )
    os.close(follower)
    err = drain(leader)
    os.close(leader)
    assert proc.returncode == 0
    # a compile nobody waited for says nothing (issue 15 point 8): no bar, no note; only
    # the reminder that the data is old may follow, and no escape code leaks
    lines = [ln for ln in err.splitlines() if ln.strip() and "the data runs to" not in ln]
    assert lines == [], err
    assert "\x1b" not in err
