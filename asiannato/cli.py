"""The command line: parse arguments, ask a query, pick a renderer, map errors to exit codes.

Heavy modules (rich, sqlite3, the query layer) are imported inside the commands, so
``asiannato --help`` costs no more than Typer itself.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from asiannato import __version__
from asiannato.errors import AsiannatoError, DataError, ExitCode, OutputError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from asiannato.store import Store


class Format(enum.StrEnum):
    auto = "auto"
    table = "table"
    plain = "plain"
    json = "json"
    markdown = "markdown"


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
    add_completion=False,
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

    info = query.info(_store())
    counts = ", ".join(f"{n} {k}" for k, n in info.counts.items())
    print(f"asiannato {__version__}")
    print(f"dataset {info.version}, facts to {info.as_of}: {counts}")


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
) -> None:
    """An offline briefing on the debate over an "Asian NATO"."""
    env = os.environ.get("ASIANNATO_DATA", "")
    _OPTIONS["packs"] = [p for p in env.split(os.pathsep) if p] + list(data or [])
    _OPTIONS["no_bundled"] = no_bundled
    if version:
        _print_version()
        raise typer.Exit()
    if ctx.invoked_subcommand is None:
        sys.stdout.write(ctx.get_help() + "\n")
        raise typer.Exit()


_OPTIONS: dict[str, object] = {"packs": [], "no_bundled": False}


# --- output plumbing -----------------------------------------------------------------


def _resolve_format(fmt: Format) -> Format:
    if fmt is Format.auto:
        return Format.table if sys.stdout.isatty() else Format.plain
    return fmt


def _console() -> Console:
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def _emit(text: str) -> None:
    sys.stdout.write(text)


def _print(renderable: RenderableType) -> None:
    _console().print(renderable)


def _store() -> Store:
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
    return open_store(packs)


def _note(message: str) -> None:
    """A message for the person, not the pipe: stderr."""
    sys.stderr.write(f"asiannato: {message}\n")


# --- commands ------------------------------------------------------------------------


@app.command()
def actors(
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only this kind of actor.")
    ] = None,
    stance: Annotated[
        Stance | None, typer.Option("--stance", "-s", help="Only actors with this stance.")
    ] = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who stands where: every actor with its stance and one-line position.

    Example: asiannato actors --kind state --stance skeptical
    """
    from asiannato import export, query, views

    date = query.parse_date_arg(as_of, "--as-of") if as_of else query.today()
    store = _store()
    rows = query.list_actors(
        store,
        kind=kind.value if kind else None,
        stance=stance.value if stance else None,
        as_of=date,
    )
    if not rows:
        _note("no actors match those filters")
        return
    info = query.info(store)
    cited = [r.position.sources if r.position else r.actor.sources for r in rows]
    srcs = query.sources(store, [s for ids in cited for s in ids])
    bib = views.bibliography(cited, srcs)
    out = _resolve_format(fmt)
    if out is Format.json:
        terms = query.terms(store)
        results = [
            {
                "actor": export.actor_dict(r.actor),
                "position": export.position_dict(r.position, terms),
            }
            for r in rows
        ]
        q = {
            "kind": kind.value if kind else None,
            "stance": stance.value if stance else None,
            "as_of": date,
        }
        _emit(export.envelope("actors", info, q, results, srcs))
    elif out is Format.markdown:
        _emit(export.actors_markdown(rows, bib, info, date))
    elif out is Format.plain:
        _emit(export.actors_tsv(rows))
    else:
        from asiannato import render

        console = _console()
        console.print(render.actors_table(rows, bib, date, info.version, console.width))


@app.command()
def compare(
    names: Annotated[
        list[str],
        typer.Argument(help="Two or more actors: ids, names or aliases.", metavar="ACTOR..."),
    ],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Two or more actors side by side, with where they agree and differ.

    Example: asiannato compare japan china
    """
    from asiannato import export, query, views

    date = query.parse_date_arg(as_of, "--as-of") if as_of else None
    store = _store()
    cmp = query.compare(store, names, as_of=date)
    terms = query.terms(store)
    ids: set[str] = set()
    for b in cmp.briefs:
        ids.add(b.actor.id)
        ids.update(p.actor.id for p in b.people)
        ids.update(o.of for p in b.people for o in p.offices if o.of)
        if b.quote:
            ids.add(b.quote.speaker)
    people = query.actors(store, ids)
    cited = []
    for b in cmp.briefs:
        cited.append(b.position.sources if b.position else b.actor.sources)
        if b.quote:
            cited.append(b.quote.sources)
    srcs = query.sources(store, [s for c in cited for s in c])
    bib = views.bibliography(cited, srcs)
    out = _resolve_format(fmt)
    if out is Format.json:
        from dataclasses import asdict

        info = query.info(store)
        agree, differ = views.agreement_lines(cmp, terms)
        results = [
            {
                "actor": export.actor_dict(b.actor),
                "position": export.position_dict(b.position, terms),
                "people": [
                    {
                        "id": p.actor.id,
                        "name": p.actor.name,
                        "native_name": p.actor.native_name,
                        "offices": [asdict(o) for o in p.offices],
                    }
                    for p in b.people
                ],
                "quote": export.quote_dict(b.quote, people) if b.quote else None,
                "frameworks": [
                    {"id": f.id, "name": f.name, "short_name": f.short_name} for f in b.frameworks
                ],
            }
            for b in cmp.briefs
        ]
        agreement = {
            "agree": agree,
            "differ": differ,
            "shared": [asdict(s) for s in cmp.shared],
            "only": cmp.only,
            "common_frameworks": [
                {"framework": f, "actors": list(a)} for f, a in cmp.common_frameworks
            ],
        }
        q = {"actors": list(names), "as_of": cmp.as_of}
        _emit(export.envelope("compare", info, q, results, srcs, comparison=agreement))
    elif out is Format.markdown:
        _emit(export.compare_markdown(cmp, terms, people, bib))
    elif out is Format.plain:
        _emit(export.compare_text(cmp, terms, people, bib))
    else:
        from asiannato import render

        console = _console()
        console.print(render.compare_view(cmp, terms, people, bib, console.width))


@app.command()
def quotes(
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            help="Who said it: surname, full name, alias or native script (iwaya, 岩屋).",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor", help="Quotes by an actor, its officials and its organizations (e.g. japan)."
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help='Words to find, ranked: deterrence, "too early", nucl*.'),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).", metavar="DATE")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date.", metavar="DATE")
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who said what, when, where, and in which source.

    Example: asiannato quotes --speaker iwaya
    """
    from asiannato import export, query, views

    since_d = query.parse_date_arg(since, "--since") if since else None
    until_d = query.parse_date_arg(until, "--until") if until else None
    store = _store()
    found = query.find_quotes(
        store, speaker=speaker, actor=actor, search=search, since=since_d, until=until_d
    )
    if not found:
        _note("no quotes match those filters")
        return
    speakers = query.actors(store, {q.speaker for q in found})
    srcs = query.sources(store, [s for q in found for s in q.sources])
    out = _resolve_format(fmt)
    if out is Format.json:
        info = query.info(store)
        q = {
            "speaker": speaker,
            "actor": actor,
            "search": search,
            "since": since_d,
            "until": until_d,
        }
        _emit(
            export.envelope(
                "quotes", info, q, [export.quote_dict(x, speakers) for x in found], srcs
            )
        )
    elif out is Format.markdown:
        bib = views.bibliography([x.sources for x in found], srcs)
        _emit(export.quotes_markdown(found, speakers, bib, "Quotes on an \u201cAsian NATO\u201d"))
    elif out is Format.plain:
        _emit(export.quotes_tsv(found, speakers, srcs))
    else:
        from rich.console import Group

        from asiannato import render

        _print(Group(*(render.quote_card(x, speakers, srcs) for x in found)))
        _note(f"{len(found)} quote{'s' if len(found) != 1 else ''}")


# --- the error boundary ----------------------------------------------------------------


def _fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    """One line on stderr: what was wrong and, where we know, what would be right."""
    line = f"asiannato: error: {message}" + (f" ({hint})" if hint else "")
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    raise SystemExit(code)


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
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or bool(os.environ.get("ASIANNATO_DEBUG"))
    from typer._click import exceptions as click_exc

    try:
        command = typer.main.get_command(app)
        rv = command.main(args=args, prog_name="asiannato", standalone_mode=False)
        sys.stdout.flush()
        code = rv if isinstance(rv, int) else 0
    except KeyboardInterrupt:
        _fail("interrupted", ExitCode.INTERRUPTED)
    except BrokenPipeError:
        _quiet_pipe_exit()
    except DataError as err:
        for p in err.problems:
            try:
                sys.stderr.write(p.format() + "\n")
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
        _fail("interrupted", ExitCode.INTERRUPTED)
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
