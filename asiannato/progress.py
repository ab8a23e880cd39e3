"""A progress display on stderr while the data is compiled (only used on a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def stderr_progress() -> Iterator[Callable[[str, int, int], None]]:
    """Yield a callback (what, done, total) that draws a transient progress bar on stderr.
    Nothing is drawn until the first call, so a warm run shows nothing."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar: Progress | None = None
    task = None

    def update(what: str, done: int, total: int) -> None:
        nonlocal bar, task
        if bar is None:
            bar = Progress(
                SpinnerColumn(),
                # markup=False: the description holds file names, which are data
                TextColumn("{task.description}", markup=False, style="progress.description"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            task = bar.add_task("compiling", total=max(total, 1))
        assert task is not None
        bar.update(task, description=f"asiannato: {what}", completed=done, total=max(total, 1))

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()
