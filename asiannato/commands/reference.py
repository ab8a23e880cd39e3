"""The reference commands: frameworks, timeline, arguments, search, sources, cite."""

from enum import StrEnum
from typing import Annotated

import typer

from asiannato.commands import (
    FormatOpt,
    SinceOpt,
    UntilOpt,
    actors_option,
    any_of,
    complete_citables,
    complete_frameworks,
    complete_sources,
    date_range,
    settings,
    store,
)
from asiannato.commands.choices import FORMAT_ALIASES, choice
from asiannato.model import Format, Side
from asiannato.output import show


class CiteStyle(StrEnum):
    apa = "apa"
    mla = "mla"
    chicago = "chicago"
    bibtex = "bibtex"
    plain = "plain"
    markdown = "markdown"


def complete_styles(incomplete: str) -> list[str]:
    return [s.value for s in CiteStyle if s.value.startswith(incomplete.lower())]


class SearchKind(StrEnum):
    """The kinds of record ``search`` finds (query.reference.SEARCH_KINDS)."""

    actor = "actor"
    position = "position"
    quote = "quote"
    framework = "framework"
    event = "event"
    argument = "argument"
    source = "source"


class CiteFormat(StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"
    json = "json"


def frameworks(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="One framework in detail: nato, seato, quad ...",
            metavar="[ID]",
            autocompletion=complete_frameworks,
        ),
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Existing and past security arrangements.

    Example: asiannato frameworks seato
    """
    from asiannato.query import reference as answer

    data = store(ctx)
    result = answer.framework_list(data) if name is None else answer.framework_page(data, name)
    show(settings(ctx), result, fmt)


def timeline(
    ctx: typer.Context,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: Annotated[
        list[str] | None, actors_option("Only those involving this actor or its officials")
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """What happened, in order.

    Example: asiannato timeline --since 2024-09 --until 2024-12
    """
    from asiannato.query import reference as answer

    lo, hi = date_range(since, until)
    show(settings(ctx), answer.timeline_answer(store(ctx), since=lo, until=hi, actor=actor), fmt)


def arguments(
    ctx: typer.Context,
    side: Annotated[
        list[Side] | None, any_of(Side, "--side", help="Only the arguments for, or against")
    ] = None,
    actor: Annotated[list[str] | None, actors_option("Only arguments this actor makes")] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """The arguments for and against, with evidence.

    Example: asiannato arguments --side against
    """
    from asiannato.query import reference as answer

    show(settings(ctx), answer.argument_list(store(ctx), side=side, actor=actor), fmt)


def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help='Words to find: deterrence, "too early", nucl*, a OR b.')
    ],
    kind: Annotated[
        list[SearchKind] | None,
        any_of(SearchKind, "--kind", "-k", help="Only this kind of record"),
    ] = None,
    limit: Annotated[
        int,
        typer.Option("--limit", "-n", min=0, metavar="N", help="Show the best N (0: all of them)."),
    ] = 50,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Ranked search across the whole briefing, sources included.

    Says how many more match when it stops short.

    Example: asiannato search nato --kind quote
    """
    from asiannato.query import reference as answer

    found = answer.search_answer(store(ctx), text, limit=limit or None, kinds=kind)
    show(settings(ctx), found, fmt)


def sources(
    ctx: typer.Context,
    source_id: Annotated[
        str | None,
        typer.Argument(
            help="One source in detail.", metavar="[ID]", autocompletion=complete_sources
        ),
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """The bibliography, or one source and what cites it.

    Example: asiannato sources japantimes-iwaya-asian-nato-idea-for-future
    """
    from asiannato.query import reference as answer

    data = store(ctx)
    result = answer.source_list(data) if source_id is None else answer.source_page(data, source_id)
    show(settings(ctx), result, fmt)


def cite(
    ctx: typer.Context,
    ref: Annotated[
        str,
        typer.Argument(
            help="A quote id or a source id.", metavar="ID", autocompletion=complete_citables
        ),
    ],
    fmt: Annotated[
        CiteFormat,
        typer.Option(
            "--format",
            "-f",
            help="plain (alias text), markdown, bibtex or json.",
            click_type=choice(CiteFormat, aliases=FORMAT_ALIASES),
        ),
    ] = CiteFormat.plain,
    style: Annotated[
        CiteStyle | None,
        typer.Option(
            "--style",
            "-s",
            help="apa, mla, chicago (news-article rules of each manual), bibtex, plain "
            "(alias text) or markdown. Overrides --format, but for json, which gives every "
            "style.",
            click_type=choice(CiteStyle, aliases=FORMAT_ALIASES),
            autocompletion=complete_styles,
        ),
    ] = None,
) -> None:
    """A citation to paste, for a quote or a source, in a student's style.

    Example: asiannato cite iwaya-2024-10-idea-for-the-future --style apa
    """
    from asiannato.query import reference as answer

    found = answer.citation(store(ctx), ref)
    # --style overrides --format, but for json (which gives every style)
    show(settings(ctx), found, fmt if style is None or fmt is CiteFormat.json else style)


def terms(ctx: typer.Context, fmt: FormatOpt = Format.auto) -> None:
    """What each stance means, and the vocabulary of reasons and concerns.

    Example: asiannato terms --format markdown
    """
    from asiannato.query import glossary as answer

    show(settings(ctx), answer.glossary(store(ctx)), fmt)
