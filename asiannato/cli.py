"""The command line: the Typer app and its global options, the commands in the order
``--help`` lists them, and the one error boundary that turns every failure into one line
on stderr and a documented exit code.

``execute(argv)`` runs one command line and returns its exit code (tests call it
in-process); ``main(argv)`` exits with that code; ``run()`` is the console script.
"""

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NoReturn

import typer

# typer vendors click as ``typer._click``; its exceptions are what the boundary maps
from typer._click import exceptions as click_exc

from asiannato import __version__
from asiannato.commands import (
    actors,
    brief,
    changes,
    chart,
    compare,
    packs,
    quotes,
    reference,
    verifying,
)
from asiannato.errors import AsiannatoError, DataError, ExitCode, OutputError, PipeClosed
from asiannato.output import Color, Settings, emit, error, open_data, to_stderr

app = typer.Typer(
    name="asiannato",
    help=(
        "An offline briefing on the debate over an \u201cAsian NATO\u201d: who stands where, "
        "why, in whose exact words, and where it was said."
    ),
    epilog="Exit codes: 0 ok, 2 usage, 3 not found, 4 invalid data, 5 output failed, "
    "130 interrupted (verify: 0 verbatim, 1 close, 3 nothing close). Docs: README.md",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The commands, in the order `asiannato --help` lists them: the heart of the product first.
COMMANDS: tuple[Callable[..., None], ...] = (
    actors.actors, compare.compare, quotes.quotes, brief.brief, changes.changes, chart.chart,
    actors.actor, reference.frameworks, reference.timeline, reference.arguments,
    reference.search, reference.sources, reference.cite, verifying.verify, reference.terms,
    packs.validate, packs.schema, packs.init,
)  # fmt: skip
for _command in COMMANDS:
    app.command()(_command)


def _print_version(settings: Settings) -> None:
    from asiannato.query import core

    info = core.info(open_data(settings))
    counts = ", ".join(f"{n} {k}" for k, n in info.counts.items())
    emit(f"asiannato {__version__}\ndataset {info.version}, data to {info.as_of}: {counts}\n")


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", help="Show the tool's and the dataset's versions.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of an unexpected error.")
    ] = False,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            help="Add a pack: a folder of YAML files in the dataset format (repeatable; "
            "also ASIANNATO_DATA, separated like PATH).",
            metavar="DIR",
        ),
    ] = None,
    no_bundled: Annotated[
        bool, typer.Option("--no-bundled", help="Use only the packs, not the bundled dataset.")
    ] = False,
    color: Annotated[
        Color,
        typer.Option(
            "--color",
            help="Colour on a terminal: auto (honours NO_COLOR, TERM=dumb), always, never.",
        ),
    ] = Color.auto,
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Never page long output on a terminal.")
    ] = False,
) -> None:
    """An offline briefing on the debate over an "Asian NATO"."""
    env = os.environ.get("ASIANNATO_DATA", "")
    ctx.obj = Settings(
        packs=(*(p for p in env.split(os.pathsep) if p), *(data or [])),
        no_bundled=no_bundled,
        color=color,
        pager=not no_pager,
        debug=debug,
    )
    if version:
        _print_version(ctx.obj)
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        emit(ctx.get_help() + "\n")
        raise typer.Exit()


# --- reading the command line ---------------------------------------------------------------

_GLOBAL_WITH_VALUE = {"--data", "--color"}
_GLOBAL_FLAGS = {"--no-bundled", "--no-pager", "--debug"}


def _split(args: list[str]) -> int | None:
    """Where the command's name is: after the global options (None: no command)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _GLOBAL_WITH_VALUE:
            i += 2
        elif arg in _GLOBAL_FLAGS or arg.startswith(("--data=", "--color=")):
            i += 1
        elif arg.startswith("-"):
            return None  # --help, --version, or something to report in full
        else:
            return i
    return None


def _command_for(args: list[str]) -> tuple[typer.core.TyperGroup, list[str]]:
    """The click command tree, and the arguments with global options given after the
    command moved before it. Building the tree inspects every command's signature, so
    when the command line names one command only that one is built; help, completion,
    "did you mean" and anything unusual get the whole tree."""
    at = _split(args)
    wanted = args[at] if at is not None else None
    known = any(c.callback and c.callback.__name__ == wanted for c in app.registered_commands)
    if not known or any(k.endswith("_COMPLETE") for k in os.environ):
        return typer.main.get_command(app), args  # type: ignore[return-value]  # a group
    assert at is not None and wanted is not None
    group = _tree(wanted)
    return group, _hoist_globals(args, at, group.commands[wanted])


@functools.cache
def _tree(only: str) -> typer.core.TyperGroup:
    """The click tree with only the command named. Built once per process: a click
    command keeps no state between invocations (a process runs one command line; the
    tests run thousands in one). The whole tree is built anew each time: what its
    completion options offer depends on the environment."""
    every = app.registered_commands
    app.registered_commands = [c for c in every if c.callback and c.callback.__name__ == only]
    try:
        return typer.main.get_command(app)  # type: ignore[return-value]  # a group
    finally:
        app.registered_commands = every


def _hoist_globals(args: list[str], at: int, command: Any) -> list[str]:
    """``asiannato actors --no-bundled --data DIR`` means ``asiannato --no-bundled
    --data DIR actors``: global options after the command are moved before it. A value
    of one of the command's own options is left alone, and so is all after ``--``."""
    takes_value = {
        name for p in command.params if not getattr(p, "is_flag", True) for name in p.opts
    }
    head, tail, rest = args[:at], [args[at]], args[at + 1 :]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if arg == "--":
            tail += rest[i:]
            break
        if arg in takes_value:
            tail += rest[i : i + 2]
            i += 2
        elif arg in _GLOBAL_WITH_VALUE and i + 1 < len(rest):
            head += rest[i : i + 2]
            i += 2
        elif arg in _GLOBAL_FLAGS or arg.startswith(("--data=", "--color=")):
            head.append(arg)
            i += 1
        else:
            tail.append(arg)
            i += 1
    return head + tail


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


# --- streams ------------------------------------------------------------------------------------


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


def _quiet_pipe_exit() -> int:
    # The reader went away: send what is left of our output nowhere, exit quietly.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return ExitCode.PIPE_CLOSED


# --- the error boundary -----------------------------------------------------------------------


def execute(argv: Sequence[str] | None = None) -> int:
    """Run one command line (default: ``sys.argv[1:]``) with this process's stdout and
    stderr, and return its exit code. Every failure becomes one line on stderr; with
    --debug (or ASIANNATO_DEBUG) an unexpected error is raised with its traceback."""
    args = [_text(a) for a in (sys.argv[1:] if argv is None else argv)]
    debug = "--debug" in args or bool(os.environ.get("ASIANNATO_DEBUG"))
    if sys.stdout is None:  # started with stdout closed (`asiannato actors >&-`)
        error("standard output is closed; nothing can be printed")
        return OutputError.exit_code
    _buffer_stdout()
    for stream in (sys.stdout, sys.stderr):
        # A name in CJK script on an ASCII-only stream prints as \u escapes, not a crash.
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # TextIO
    try:
        command, args = _command_for(args)
        rv = command.main(args=args, prog_name="asiannato", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
        if code == ExitCode.INTERRUPTED:  # Typer turned a Ctrl-C into an exit code
            raise KeyboardInterrupt
        sys.stdout.flush()
    except (KeyboardInterrupt, typer.Abort):
        to_stderr("asiannato: interrupted")
        return ExitCode.INTERRUPTED
    except (BrokenPipeError, PipeClosed):
        return _quiet_pipe_exit()
    except DataError as err:
        for problem in err.problems:
            to_stderr(problem.format())
        n = len(err.problems)
        error(f"the dataset has {n} problem{'s' if n != 1 else ''} (listed above)")
        return err.exit_code
    except AsiannatoError as err:
        if debug:
            raise
        error(err.message, err.hint)
        return err.exit_code
    except click_exc.UsageError as err:
        ctx = err.ctx
        cmd = f"asiannato {ctx.command.name} --help" if ctx and ctx.parent else "asiannato --help"
        error(" ".join(err.format_message().split()), f"try '{cmd}'")
        return ExitCode.USAGE
    except click_exc.ClickException as err:
        error(err.format_message())
        return err.exit_code if err.exit_code else ExitCode.USAGE
    except OSError as err:
        if debug:
            raise
        error(f"cannot write the output: {err.strerror or err}")
        return OutputError.exit_code
    except Exception as err:
        if debug:
            raise
        error(
            f"internal error: {type(err).__name__}: {err}",
            "this is a bug; run again with --debug and report the traceback",
        )
        return ExitCode.INTERNAL
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_pipe_exit()
    except OSError as err:
        error(f"cannot write the output: {err.strerror or err}")
        return OutputError.exit_code
    return code


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run one command line and exit with its code."""
    raise SystemExit(execute(argv))
