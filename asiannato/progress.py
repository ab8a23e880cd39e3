"""A progress bar on stderr while the data is compiled (only used on a terminal)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# A compile quicker than this shows nothing: a bar that flashes up and vanishes at once
# is noise.
SHOW_AFTER_SECONDS = 0.8
_STEPS = 1000  # the bar counts whole steps


@contextmanager
def stderr_progress(
    show_after: float = SHOW_AFTER_SECONDS,
) -> Iterator[Callable[[str, float], None]]:
    """Yield a callback (what is happening, share of the compile done from 0 to 1) that
    draws a bar on stderr with the time so far, once a compile has taken ``show_after``
    seconds; the bar is gone when done. Until the first call nothing is set up at all,
    so a warm run costs nothing."""
    state: dict[str, Any] = {}
    lock = threading.Lock()

    def start() -> None:
        with lock:
            bar = state.get("bar")
            if bar is not None and not state.get("stopped"):
                bar.start()
                state["started"] = True

    def update(what: str, done: float) -> None:
        from asiannato.textsafe import safe_line

        description = f"asiannato: {safe_line(what)}"
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            state["bar"] = bar = Progress(
                # markup=False: the description holds file names, which are data
                TextColumn("{task.description}", markup=False, style="progress.description"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            state["task"] = bar.add_task(description, total=_STEPS, completed=round(done * _STEPS))
            timer = state["timer"] = threading.Timer(show_after, start)
            timer.daemon = True
            timer.start()
        state["bar"].update(state["task"], description=description, completed=round(done * _STEPS))

    try:
        yield update
    finally:
        timer = state.get("timer")
        if timer is not None:
            timer.cancel()
        with lock:
            state["stopped"] = True
            if state.get("started"):
                state["bar"].stop()
