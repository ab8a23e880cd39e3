"""`changes`: what changed in the debate in a period."""

from __future__ import annotations

from typing import Annotated

import typer

from asiannato.commands import (
    FormatOpt,
    actors_option,
    date_range,
    settings,
    store,
)
from asiannato.model import Format
from asiannato.output import show


def changes(
    ctx: typer.Context,
    since: Annotated[
        str,
        typer.Option(
            "--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).", metavar="DATE"
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option("--until", help="Up to this date (default: no end).", metavar="DATE"),
    ] = None,
    actor: Annotated[
        list[str] | None, actors_option("Only this actor, its officials and its memberships")
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """What changed in a period, newest first.

    New positions (with the stance each replaced), quotes, events and agreements;
    --actor (repeatable) narrows to actors, their officials and their memberships;
    the end says where to look next.

    Example: asiannato changes --since 2026-01 --actor japan
    """
    from asiannato.query import changes as answer

    lo, hi = date_range(since, until)
    assert lo is not None  # --since is required
    result = answer.changes(store(ctx), since=lo, until=hi, actors=actor or ())
    show(settings(ctx), result, fmt)
