"""A quick compile prints nothing; one that takes long enough for a person to wonder (about
a second) says what it did. The threshold is injected (ASIANNATO_NOTE_AFTER), and so is
the compile's duration (the store's clock)."""

from __future__ import annotations

import pytest

from asiannato import output, store
from tests.conftest import run


def _compile(monkeypatch: pytest.MonkeyPatch, *, seconds: float, after: str | None) -> str:
    if after is None:
        monkeypatch.delenv("ASIANNATO_NOTE_AFTER", raising=False)
    else:
        monkeypatch.setenv("ASIANNATO_NOTE_AFTER", after)
    ticks = iter([100.0, 100.0 + seconds])
    real = store.time.perf_counter
    monkeypatch.setattr(store.time, "perf_counter", lambda: next(ticks, None) or real())
    env = {} if after is None else {"ASIANNATO_NOTE_AFTER": after}
    r = run("actors", env=env)  # a fresh cache: this run compiles the fixture pack
    assert r.code == 0 and r.out
    return r.stderr


def test_a_quick_first_compile_prints_nothing(
    fresh_cache: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert output.NOTE_AFTER_SECONDS == 1.0
    assert _compile(monkeypatch, seconds=0.03, after=None) == ""


def test_a_slow_compile_says_so(fresh_cache: object, monkeypatch: pytest.MonkeyPatch) -> None:
    err = _compile(monkeypatch, seconds=2.5, after=None)
    assert err.startswith("asiannato: compiled the data in 2.50 s (no compiled cache yet)")


def test_the_threshold_can_be_moved(fresh_cache: object, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "compiled the data" in _compile(monkeypatch, seconds=0.03, after="0")
