"""The Typer application, the options shared by many commands, and output plumbing.

Commands live in ``asiannato.commands``; ``asiannato.cli`` registers them and owns the
error boundary. Heavy modules (rich, sqlite3, the query layer) are imported inside the
functions that need them, so ``asiannato --help`` costs no more than Typer itself.
"""

from __future__ import annotations

import enum
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asiannato import __version__

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from asiannato.doc import Doc
    from asiannato.store import Store


class Format(enum.StrEnum):
    auto = "auto"
    table = "table"
    plain = "plain"
    json = "json"
    markdown = "markdown"
    csv = "csv"


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class Kind(enum.StrEnum):
    state = "state"
    organization = "organization"
    person = "person"


class Stance(enum.StrEnum):
    advocate = "advocate"
    supportive = "supportive"
    neutral = "neutral"
    skeptical = "skeptical"
    opposed = "opposed"
    undeclared = "undeclared"


app = typer.Typer(
    name="asiannato",
    help=(
        "An offline briefing on the debate over an \u201cAsian NATO\u201d: who stands where, "
        "why, in whose exact words, and where it was said."
    ),
    epilog="Exit codes: 0 ok, 2 usage, 3 not found, 4 invalid data, 5 output failed, "
    "130 interrupted. Docs: README.md",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (terminal), plain (tab-separated, the default in a pipe), json or markdown.",
        case_sensitive=False,
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Positions as they stood on this date (YYYY[-MM[-DD]]).", metavar="DATE"
    ),
]


def _print_version() -> None:
    from asiannato import query

    info = query.info(get_store())
    counts = ", ".join(f"{n} {k}" for k, n in info.counts.items())
    emit(f"asiannato {__version__}\ndataset {info.version}, facts to {info.as_of}: {counts}\n")


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
    _OPTIONS["packs"] = [p for p in env.split(os.pathsep) if p] + list(data or [])
    _OPTIONS["no_bundled"] = no_bundled
    _OPTIONS["color"] = color
    _OPTIONS["pager"] = not no_pager
    if version:
        _print_version()
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        emit(ctx.get_help() + "\n")
        raise typer.Exit()


_OPTIONS: dict[str, object] = {"packs": [], "no_bundled": False, "color": Color.auto, "pager": True}


# --- output plumbing -----------------------------------------------------------------


def resolve_format(fmt: Format) -> Format:
    if fmt is Format.auto:
        return Format.table if sys.stdout.isatty() else Format.plain
    return fmt


def make_console(*, width: int | None = None, record: bool = False) -> Console:
    """A console for this run (Rich reads NO_COLOR, TERM and the width when it is made;
    --color overrides). Narrower than 40 columns (COLUMNS=0 or 10), tables would print
    empty cells or nothing: lay out for 40 and let the terminal wrap."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; a closed pipe is handled in one place (cli.main):
            # quietly, with the documented exit code.
            from asiannato.errors import PipeClosed

            self.quiet = True
            raise PipeClosed

    color = _OPTIONS["color"]
    options: dict[str, Any] = {"highlight": False, "emoji": False, "record": record}
    if color is Color.never:
        # no colour and no bold or underline either: not one escape sequence
        options["color_system"] = None
        options["force_terminal"] = False
    elif color is Color.always:
        options["force_terminal"] = True
        options["no_color"] = False
    if width is not None:
        options["width"] = width
    console = _Console(**options)
    if console.width < 40:
        console = _Console(**(options | {"width": 40}))
    return console


def emit(text: str) -> None:
    """Write a result to stdout. A closed pipe becomes PipeClosed, which Typer does not
    intercept (it would exit 1 for an OSError)."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        from asiannato.errors import PipeClosed

        raise PipeClosed from None


def show(renderable: RenderableType, console: Console | None = None) -> None:
    """Print to the terminal; output taller than the terminal goes through the pager
    ($PAGER, else less), never when stdout is not a terminal or with --no-pager."""
    console = console or make_console()
    if not (_OPTIONS["pager"] and sys.stdout.isatty() and console.is_terminal):
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    text = captured.get()
    if text.count("\n") < console.height or not page(text):
        sys.stdout.write(text)


def page(text: str) -> bool:
    """Show text through the user's pager; False when there is none to run."""
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less"
    env = dict(os.environ)
    # less: keep colours (-R), quit when it fits (-F), leave the text on screen (-X)
    env.setdefault("LESS", "FRX")
    try:
        argv = shlex.split(command)
        subprocess.run(
            argv, input=text.encode(sys.stdout.encoding or "utf-8", "replace"), env=env, check=False
        )
    except (OSError, ValueError):
        return False
    return True


def get_store() -> Store:
    """The compiled store for the bundled data and the packs given; on a rebuild, a
    progress display on a terminal's stderr and one line saying why."""
    from pathlib import Path

    from asiannato.errors import UsageError
    from asiannato.packs import Pack, bundled
    from asiannato.store import open_store

    packs = [] if _OPTIONS["no_bundled"] else [bundled()]
    for raw in _OPTIONS["packs"]:  # type: ignore[attr-defined]
        path = Path(raw)
        if not path.is_dir():
            what = "does not exist" if not path.exists() else "is not a folder"
            raise UsageError(f"--data {raw!r} {what}", hint="give a folder of YAML files")
        packs.append(Pack(path, raw.rstrip("/") or "/"))
    if not packs:
        raise UsageError("--no-bundled needs at least one --data folder")
    if sys.stderr.isatty():
        from asiannato.progress import stderr_progress

        with stderr_progress() as progress:
            store = open_store(packs, progress=progress)
    else:
        store = open_store(packs)
    if store.rebuilt:
        where = " in memory (no writable cache directory)" if store.in_memory else ""
        note(f"compiled the data{where} in {store.seconds:.2f} s ({store.reason})")
    for line in store.overlay():
        note(line)
    return store


def note(message: str) -> None:
    """A message for the person, not the pipe: stderr."""
    sys.stderr.write(f"asiannato: {message}\n")


def emit_rows(fmt: Format, header: list[str], rows: list[list[Any]]) -> None:
    """A list as CSV (with a header) or, for a pipe, tab-separated rows (without one)."""
    from asiannato import export

    if fmt is Format.csv:
        emit(export.csv_text(header, rows))
    else:
        emit(export.tsv([["" if c is None else str(c) for c in row] for row in rows]))


def emit_doc(doc: Doc, fmt: Format) -> None:
    """Print a briefing page in the chosen format (JSON and CSV are the command's own
    job: they carry ids and fields a page does not show)."""
    from asiannato import export

    if fmt is Format.csv:
        raise no_csv()
    if fmt is Format.markdown:
        emit(export.doc_to_markdown(doc))
    elif fmt is Format.plain:
        emit(export.doc_to_text(doc))
    else:
        from asiannato import render

        console = make_console()
        show(render.doc_to_rich(doc, console.width), console)


def no_csv() -> Exception:
    from asiannato.errors import UsageError

    return UsageError(
        "--format csv is for lists (actors, quotes, timeline, frameworks, sources, search, "
        "arguments)",
        hint="use --format json or markdown here",
    )


# --- shell completion: thin wrappers, so that importing the CLI stays light --------------


def complete_actors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato import complete

    return complete.actors(ctx, incomplete)


def complete_speakers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato import complete

    return complete.speakers(ctx, incomplete)


def complete_frameworks(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato import complete

    return complete.frameworks(ctx, incomplete)


def complete_sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato import complete

    return complete.sources(ctx, incomplete)


def complete_citables(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato import complete

    return complete.citables(ctx, incomplete)
