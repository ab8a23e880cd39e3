"""The commands: each is glue only (parse the arguments, ask ``query.answer``, hand the
answer to ``output.show``). The options several commands share are declared here once;
``asiannato.cli`` registers the commands, in the order ``--help`` lists them."""

import datetime as dt
import re
from typing import TYPE_CHECKING, Annotated

import typer

from asiannato.errors import UsageError
from asiannato.model import Format, date_bounds
from asiannato.output import Settings, open_data

if TYPE_CHECKING:
    from asiannato.store import Store


def settings(ctx: typer.Context) -> Settings:
    """This run's settings, put on the context by the root callback."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def store(ctx: typer.Context) -> "Store":
    return open_data(settings(ctx))


_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?\Z")


def date_arg(value: str | None, option: str) -> str | None:
    """A date given on the command line (YYYY, YYYY-MM or YYYY-MM-DD), or UsageError."""
    if value is None:
        return None
    value = value.strip()
    if _DATE.match(value):
        parts = [int(p) for p in value.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return value
    raise UsageError(
        f"{option}: {value!r} is not a date",
        hint="use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-10-02",
    )


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """--since and --until, checked: a range that ends before it starts is a mistake,
    not an empty result."""
    lo, hi = date_arg(since, "--since"), date_arg(until, "--until")
    if lo and hi and date_bounds(lo)[0] > date_bounds(hi)[1]:
        raise UsageError(f"--since {lo} is after --until {hi}", hint="swap them, or drop one")
    return lo, hi


# --- shell completion: thin wrappers, so that importing the CLI stays light ----------------


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


# --- options shared by several commands -------------------------------------------------------

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
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).", metavar="DATE")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).", metavar="DATE")
]
