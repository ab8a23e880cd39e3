"""The console script and ``python -m asiannato``. This module imports almost nothing
itself, so that Ctrl-C while the rest of the program is still loading ends quietly too
(exit 130, one line) instead of printing a traceback from the middle of an import."""

import gc  # built in, like sys: importing them runs no Python code that Ctrl-C could stop
import sys


def run() -> None:
    # A command lives for a tenth of a second and makes few reference cycles: the cyclic
    # collector, which runs dozens of times while typer and rich are imported, costs
    # time and frees almost nothing (reference counting frees the rest).
    gc.disable()
    try:
        from asiannato.cli import main
    except KeyboardInterrupt:
        try:  # noqa: SIM105  # not contextlib.suppress: this module imports nothing to load
            sys.stderr.write("asiannato: interrupted\n")
        except (OSError, ValueError, AttributeError):
            pass
        raise SystemExit(130) from None
    try:
        main()
    finally:
        # With the collector off, every object made during the run is still in the
        # youngest generation, and the interpreter's last collection at exit would walk
        # them all to free almost nothing before the process ends; frozen objects are
        # left out of it. Exit itself stays ordinary (atexit, flushing, finalizers).
        gc.freeze()


if __name__ == "__main__":
    run()
