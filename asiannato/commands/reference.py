"""The reference commands: frameworks, timeline, arguments, search, sources, cite."""

from enum import StrEnum
from typing import Annotated

import typer

from asiannato.commands import (
    FormatOpt,
    SinceOpt,
    UntilOpt,
    complete_actors,
    complete_citables,
    complete_frameworks,
    complete_sources,
    date_range,
    settings,
    store,
)
from asiannato.model import Format, Side
from asiannato.output import show, show_citation


class CiteFormat(StrEnum):
    text = "text"
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
        str | None,
        typer.Option(
            "--actor",
            help="Only those involving this actor or its officials.",
            metavar="ID",
            autocompletion=complete_actors,
        ),
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
        Side | None, typer.Option("--side", help="Only the arguments for, or against.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Only arguments this actor makes.",
            metavar="ID",
            autocompletion=complete_actors,
        ),
    ] = None,
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
    fmt: FormatOpt = Format.auto,
) -> None:
    """Ranked search across the whole briefing.

    Example: asiannato search "collective self-defence"
    """
    from asiannato.query import reference as answer

    show(settings(ctx), answer.search_answer(store(ctx), text), fmt)


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
            "--format", "-f", help="text, markdown, bibtex or json.", case_sensitive=False
        ),
    ] = CiteFormat.text,
) -> None:
    """A citation to paste, for a quote or a source.

    Example: asiannato cite iwaya-2024-10-idea-for-the-future --format bibtex
    """
    from asiannato.query import reference as answer

    show_citation(settings(ctx), answer.citation(store(ctx), ref), fmt.value)
