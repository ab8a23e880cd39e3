"""The commands: each is glue only (parse the arguments, ask ``query.answer``, hand the
answer to ``output.show``). The options several commands share are declared here once;
``asiannato.cli`` registers the commands, in the order ``--help`` lists them."""

import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asiannato.commands.choices import FORMAT_ALIASES, choice
from asiannato.errors import UsageError
from asiannato.model import Format, date_bounds
from asiannato.output import CSV_REFUSED, Settings, open_data

if TYPE_CHECKING:
    from asiannato.store import Store


def settings(ctx: typer.Context) -> Settings:
    """This run's settings, put on the context by the root callback."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def store(ctx: typer.Context) -> "Store":
    return open_data(settings(ctx))


_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?\Z")
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# every way the tool writes a month: "October", "Oct", "Oct." (citations), "Sept." (MLA)
_MONTH = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name: i for i, name in enumerate(_MONTH_NAMES, 1)
} | {"sept": 9}  # fmt: skip


def _written_date(value: str) -> str | None:
    """A date as the tool prints it, in words: "2 Oct 2024", "Oct 2024", "October 2,
    2024", "2024, October 2", "Sept. 2024" ... as YYYY[-MM[-DD]]; None if it is not one."""
    words = re.sub(r"[,.]", " ", value).casefold().split()
    years = [w for w in words if re.fullmatch(r"[0-9]{4}", w)]
    months = [_MONTH[w] for w in words if w in _MONTH]
    days = [w for w in words if re.fullmatch(r"[0-9]{1,2}", w)]
    if len(years) != 1 or len(months) != 1 or len(days) > 1:
        return None
    if len(years) + len(months) + len(days) != len(words):
        return None
    iso = f"{years[0]}-{months[0]:02d}"
    return f"{iso}-{int(days[0]):02d}" if days else iso


def date_arg(value: str | None, option: str) -> str | None:
    """A date given on the command line, in any form the tool prints one (YYYY, YYYY-MM,
    YYYY-MM-DD, "Oct 2024", "2 Oct 2024", "October 2, 2024" ...), as YYYY[-MM[-DD]];
    else UsageError."""
    if value is None:
        return None
    value = value.strip()
    iso = value if _DATE.match(value) else _written_date(value)
    if iso is not None:
        parts = [int(p) for p in iso.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return iso
    raise UsageError(
        f"{option}: {value!r} is not a date",
        hint="use YYYY, YYYY-MM or YYYY-MM-DD (2024-10-02), or as printed: 2 Oct 2024, Oct 2024",
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


def any_of(enum: type[StrEnum], *names: str, help: str) -> Any:
    """A repeatable option over an enum's values (every spelling accepted): repeated, it
    means any of them, and its help says so."""
    return typer.Option(*names, help=f"{help} (repeatable: any of them).", click_type=choice(enum))


def actors_argument(help: str, metavar: str) -> Any:
    """The actors a command is about, named as the user likes and completed from ids."""
    return typer.Argument(help=help, metavar=metavar, autocompletion=complete_actors)


def actors_option(help: str) -> Any:
    """A repeatable --actor filter, completed from actor ids: repeated, it means any of
    them, and its help says so."""
    return typer.Option(
        "--actor",
        help=f"{help} (repeatable: any of them).",
        metavar="ID",
        autocompletion=complete_actors,
    )


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (terminal), plain (tab-separated, the default in a pipe; alias text), "
        "json, markdown or csv.",
        click_type=choice(Format, aliases=FORMAT_ALIASES),
    ),
]
# for the commands that show one page, not a list: no csv
PageFormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (terminal), plain (the default in a pipe; alias text), json or markdown.",
        click_type=choice(
            Format,
            only=[f for f in Format if f is not Format.csv],
            aliases=FORMAT_ALIASES,
            refused={"csv": f"{CSV_REFUSED[0]}; {CSV_REFUSED[1]}"},
        ),
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Positions as they stood on this date (YYYY[-MM[-DD]], or Oct 2024, 2 Oct 2024).",
        metavar="DATE",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", help="From this date (YYYY[-MM[-DD]], or Oct 2024, 2 Oct 2024).", metavar="DATE"
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", help="Up to this date (YYYY[-MM[-DD]], or Oct 2024, 2 Oct 2024).", metavar="DATE"
    ),
]
