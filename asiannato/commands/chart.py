"""`asiannato chart`: the stance-over-time chart, drawn on a terminal, as plain text in a
pipe, or as a compact SVG file."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from asiannato.commands import (
    AsOfOpt,
    SinceOpt,
    actors_argument,
    date_arg,
    settings,
    store,
)
from asiannato.commands.choices import FORMAT_ALIASES, choice


class ChartFormat(StrEnum):
    auto = "auto"
    plain = "plain"
    svg = "svg"


def chart(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        actors_argument(
            "Chart these actors (default: every major actor that has taken a side).", "[ACTOR]..."
        ),
    ] = None,
    since: SinceOpt = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        ChartFormat,
        typer.Option(
            "--format",
            "-f",
            help="plain (alias text) or svg (default: drawn on a terminal, plain in a pipe, "
            "svg to a file).",
            click_type=choice(ChartFormat, aliases=FORMAT_ALIASES),
        ),
    ] = ChartFormat.auto,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Write the SVG to this file.", metavar="FILE.svg"),
    ] = None,
) -> None:
    """Stances over time: one row per actor, coloured by stance, key events marked.

    Example: asiannato chart japan china --since 2024 -o stances.svg
    """
    from asiannato.brief_html import chart_end
    from asiannato.commands.brief import BriefFormat, _check_output, format_for
    from asiannato.errors import UsageError
    from asiannato.model import date_bounds
    from asiannato.output import show
    from asiannato.query import brief as answer

    date = date_arg(as_of, "--as-of")
    start = date_arg(since, "--since")
    target = _check_output(output) if output else None
    if target is not None and fmt is ChartFormat.auto:
        format_for(target, {".svg": BriefFormat.svg, ".txt": BriefFormat.plain})
        fmt = ChartFormat.svg if target.suffix.lower() == ".svg" else ChartFormat.plain
    result = answer.stance_chart(store(ctx), names or [], as_of=date, since=start)
    end = chart_end(result.brief, result.info.as_of)
    if start and date_bounds(start)[0] > date_bounds(end)[1]:
        raise UsageError(
            f"--since {since} is after the chart's end, {end}",
            hint=f"the data runs to {result.info.as_of}; give an earlier --since",
        )
    show(settings(ctx), result, fmt, to_file=target)
