"""The command line's entry point: register the commands, run the app, and turn every
failure into one line on stderr and a documented exit code."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer

from asiannato.app import app
from asiannato.commands import brief as _brief  # noqa: F401  (registers commands)
from asiannato.commands import briefing as _briefing  # noqa: F401  (registers commands)
from asiannato.commands import core as _core  # noqa: F401  (registers commands)
from asiannato.commands import packs as _packs  # noqa: F401  (registers commands)
from asiannato.errors import AsiannatoError, DataError, ExitCode, OutputError, PipeClosed
from asiannato.textsafe import safe_line

__all__ = ["app", "main"]

# The order `asiannato --help` lists the commands in: the heart of the product first.
COMMAND_ORDER = (
    "actors", "compare", "quotes", "brief", "actor", "frameworks", "timeline", "arguments",
    "search", "sources", "cite", "validate", "schema", "init",
)  # fmt: skip
app.registered_commands.sort(
    key=lambda c: COMMAND_ORDER.index(c.callback.__name__) if c.callback else len(COMMAND_ORDER)
)


# --- the error boundary ----------------------------------------------------------------


def _fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    """One line on stderr: what was wrong and, where we know, what would be right. The
    message may quote the user's input or a pack's text: it is made safe and one line."""
    line = f"asiannato: error: {safe_line(message)}" + (f" ({safe_line(hint)})" if hint else "")
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    raise SystemExit(code)


_GLOBAL_WITH_VALUE = {"--data", "--color"}
_GLOBAL_FLAGS = {"--no-bundled", "--no-pager", "--debug"}


def _command_for(args: list[str]) -> typer.core.TyperGroup:
    """The click command tree. Building it inspects every command's signature (about
    10 ms for all of them), so when the command line names one command, after the
    global options, only that one is built; help, completion, "did you mean" and
    anything unusual get the whole tree."""
    wanted = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_WITH_VALUE:
            i += 2
        elif arg in _GLOBAL_FLAGS or arg.startswith(("--data=", "--color=")):
            i += 1
        elif arg.startswith("-"):
            break  # --help, --version, or something to report in full
        else:
            wanted = arg
            break
    chosen = [c for c in app.registered_commands if c.callback and c.callback.__name__ == wanted]
    if not chosen or any(k.endswith("_COMPLETE") for k in os.environ):
        return typer.main.get_command(app)  # type: ignore[return-value]
    every = app.registered_commands
    app.registered_commands = chosen
    try:
        return typer.main.get_command(app)  # type: ignore[return-value]
    finally:
        app.registered_commands = every


def _buffer_stdout() -> None:
    """With PYTHONUNBUFFERED=1, stdout writes straight to the file descriptor, and a
    short write into a pipe whose reader left is silently dropped: the output ends
    early and the exit status says all went well. A buffered writer retries short
    writes and raises when the pipe is gone."""
    import io

    raw = getattr(sys.stdout, "buffer", None)
    if not isinstance(raw, io.RawIOBase):
        return
    try:
        # a second handle on the same descriptor, which closing never closes
        fd = io.FileIO(raw.fileno(), "wb", closefd=False)
    except (OSError, ValueError):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(fd),
        encoding=sys.stdout.encoding,
        errors=sys.stdout.errors,
        line_buffering=bool(getattr(sys.stdout, "line_buffering", False)),
    )


def _text(arg: str) -> str:
    """A command-line argument as text: bytes that were not UTF-8 (which Python hands
    over as lone surrogates, unprintable and unstorable) become U+FFFD."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = arg.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate that no byte stands for
            raw = arg.encode("utf-8", "surrogatepass")
        return raw.decode("utf-8", "replace")
    return arg


def _interrupted() -> NoReturn:
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("asiannato: interrupted\n")
    raise SystemExit(ExitCode.INTERRUPTED)


def _quiet_pipe_exit() -> NoReturn:
    # The reader went away: send what is left of our output nowhere, exit quietly.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(ExitCode.PIPE_CLOSED)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of the console script: run the app, turn every failure into a message
    and a documented exit code."""
    args = [_text(a) for a in (sys.argv[1:] if argv is None else argv)]
    debug = "--debug" in args or bool(os.environ.get("ASIANNATO_DEBUG"))
    if sys.stdout is None:  # started with stdout closed (`asiannato actors >&-`)
        _fail("standard output is closed; nothing can be printed", OutputError.exit_code)
    _buffer_stdout()
    for stream in (sys.stdout, sys.stderr):
        # A name in CJK script on an ASCII-only stream prints as \u escapes, not a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    from typer._click import exceptions as click_exc

    try:
        command = _command_for(args)
        rv = command.main(args=args, prog_name="asiannato", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
        if code == ExitCode.INTERRUPTED:  # Typer turned a Ctrl-C into an exit code
            raise KeyboardInterrupt
        sys.stdout.flush()
    except KeyboardInterrupt:
        _interrupted()
    except (BrokenPipeError, PipeClosed):
        _quiet_pipe_exit()
    except DataError as err:
        for p in err.problems:
            try:
                sys.stderr.write(safe_line(p.format()) + "\n")
            except OSError:
                break
        n = len(err.problems)
        _fail(f"the dataset has {n} problem{'s' if n != 1 else ''} (listed above)", err.exit_code)
    except AsiannatoError as err:
        if debug:
            raise
        _fail(err.message, err.exit_code, err.hint)
    except click_exc.UsageError as err:
        ctx = err.ctx
        cmd = f"asiannato {ctx.command.name} --help" if ctx and ctx.parent else "asiannato --help"
        message = " ".join(err.format_message().split())
        _fail(message, ExitCode.USAGE, f"try '{cmd}'")
    except click_exc.ClickException as err:
        _fail(err.format_message(), err.exit_code if err.exit_code else ExitCode.USAGE)
    except typer.Abort:
        _interrupted()
    except OSError as err:
        if debug:
            raise
        _fail(f"cannot write the output: {err.strerror or err}", OutputError.exit_code)
    except Exception as err:
        if debug:
            raise
        _fail(
            f"internal error: {type(err).__name__}: {err}",
            ExitCode.INTERNAL,
            "this is a bug; run again with --debug and report the traceback",
        )
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_pipe_exit()
    except OSError as err:
        _fail(f"cannot write the output: {err.strerror or err}", OutputError.exit_code)
    raise SystemExit(code)
