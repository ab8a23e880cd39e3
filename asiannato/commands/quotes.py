"""`quotes`: who said what, when, where, and in which source."""

from typing import Annotated

import typer

from asiannato.commands import (
    FormatOpt,
    SinceOpt,
    UntilOpt,
    actors_option,
    any_of,
    complete_speakers,
    date_range,
    settings,
    store,
)
from asiannato.model import Format, QuoteKind
from asiannato.output import show


def quotes(
    ctx: typer.Context,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            autocompletion=complete_speakers,
            help="Who said it: surname, full name, alias or native script (iwaya, 岩屋); "
            "repeatable: any of them.",
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        actors_option("Quotes by an actor, its officials and its organizations (e.g. japan)"),
    ] = None,
    kind: Annotated[
        list[QuoteKind] | None,
        any_of(
            QuoteKind,
            "--kind",
            "-k",
            help="direct (verbatim words), reported (an outlet's paraphrase) or translation",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help='Words to find, ranked: deterrence, "too early", nucl*.'),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    random: Annotated[
        bool, typer.Option("--random", help="One quote at random from those that match.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Make --random reproducible.", metavar="N")
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who said what, when, where, and in which source.

    Example: asiannato quotes --speaker iwaya
    """
    from asiannato.query import quotes as answer

    lo, hi = date_range(since, until)
    result = answer.quote_list(
        store(ctx),
        speaker=speaker,
        actor=actor,
        kind=kind,
        search=search,
        since=lo,
        until=hi,
        random=random,
        seed=seed,
    )
    show(settings(ctx), result, fmt)
