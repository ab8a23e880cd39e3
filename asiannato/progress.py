"""A progress display on stderr while the data is compiled (only used on a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stderr_progress() -> Iterator[Callable[[str], None]]:
    """Yield a callback (what is happening) that shows on stderr what is being compiled,
    with a spinner and the time so far; it is gone when done. The stages' sizes are not
    known ahead (one file may hold every quote), so no bar pretends to measure them.
    Nothing is drawn until the first call, so a warm run shows nothing."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar: Progress | None = None
    task = None

    def update(what: str) -> None:
        nonlocal bar, task
        if bar is None:
            bar = Progress(
                SpinnerColumn(),
                # markup=False: the description holds file names, which are data
                TextColumn("{task.description}", markup=False, style="progress.description"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                # No refresh thread: a cold compile may fork (``parallel``), and forking
                # a process with threads is unsafe. It is redrawn at each step instead.
                auto_refresh=False,
            )
            bar.start()
            task = bar.add_task("compiling", total=None)
        assert task is not None
        bar.update(task, description=f"asiannato: {what}", refresh=True)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()
