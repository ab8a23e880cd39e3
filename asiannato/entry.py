"""The console script's entry point. It imports almost nothing itself, so that Ctrl-C
while the rest of the program is still loading ends quietly too (exit 130, one line),
instead of printing a traceback from the middle of an import."""

from __future__ import annotations

import contextlib
import gc
import sys

running = False  # set by main(): this process is the console script


def _interrupted() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write("asiannato: interrupted\n")
    raise SystemExit(130)


def main() -> None:
    # A command lives for a tenth of a second and makes few reference cycles. The
    # cyclic collector, which runs dozens of times while typer and rich are imported,
    # costs 5 to 7 ms per run (measured) and frees almost nothing: reference counting
    # frees the rest. (Peak memory grows by under 1 MiB.)
    gc.disable()
    global running
    running = True  # the store keeps compiled data alive for a quick exit (see below)
    try:
        from asiannato.cli import main as run

        run()
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit as done:
        if isinstance(done.code, int):
            _exit_now_if_compiled(done.code)
        raise


def _exit_now_if_compiled(code: int) -> None:
    """After a run that compiled the data, end without tearing the interpreter down:
    freeing the compiled data's million objects one by one costs 50 to 100 ms and
    achieves nothing at exit (the store keeps them alive for this; see
    ``store.compiled_this_run``). Only here, in the console script: a program that
    calls ``cli.main`` itself keeps running. Output is flushed first (if that fails,
    the usual exit handles it), no exit handler is registered, and the only other
    threads, removing replaced cache files, are waited for."""
    store = sys.modules.get("asiannato.store")
    if store is None or not store.compiled_this_run():
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    import os
    import threading

    for thread in threading.enumerate():
        if thread is not threading.current_thread():
            thread.join()
    os._exit(code)
