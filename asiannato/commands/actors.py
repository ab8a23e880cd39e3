"""`actors` (who stands where) and `actor` (one actor in depth)."""

from typing import Annotated

import typer

from asiannato.commands import (
    AsOfOpt,
    FormatOpt,
    PageFormatOpt,
    actors_argument,
    any_of,
    date_arg,
    settings,
    store,
)
from asiannato.model import ActorKind, Format, Stance
from asiannato.output import show


def actors(
    ctx: typer.Context,
    kind: Annotated[
        list[ActorKind] | None, any_of(ActorKind, "--kind", "-k", help="Only this kind of actor")
    ] = None,
    stance: Annotated[
        list[Stance] | None,
        any_of(
            Stance,
            "--stance",
            "-s",
            help="Only actors with this stance, as 'asiannato terms' defines it",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    everyone: Annotated[
        bool,
        typer.Option("--all", help="Also actors with no position on record (e.g. treaty members)."),
    ] = False,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who stands where: each actor's stance and position.

    Example: asiannato actors --kind state --stance skeptical
    """
    from asiannato.query import actor as answer

    date = date_arg(as_of, "--as-of")
    result = answer.actor_list(store(ctx), kind=kind, stance=stance, as_of=date, everyone=everyone)
    show(settings(ctx), result, fmt)


def actor(
    ctx: typer.Context,
    name: Annotated[str, actors_argument("An id, name or alias: iwaya, JP, 岩屋.", "ACTOR")],
    as_of: AsOfOpt = None,
    fmt: PageFormatOpt = Format.auto,
) -> None:
    """One actor: offices, stance over time, quotes, sources.

    Example: asiannato actor ishiba --as-of 2025-12-01
    """
    from asiannato.query import actor as answer

    date = date_arg(as_of, "--as-of")
    show(settings(ctx), answer.actor_profile(store(ctx), name, as_of=date), fmt)
