"""`compare`: two or more actors side by side."""

from typing import Annotated

import typer

from asiannato.commands import (
    AsOfOpt,
    PageFormatOpt,
    actors_argument,
    date_arg,
    settings,
    store,
)
from asiannato.model import Format
from asiannato.output import show


def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str], actors_argument("Two or more actors: ids, names or aliases.", "ACTOR...")
    ],
    as_of: AsOfOpt = None,
    fmt: PageFormatOpt = Format.auto,
) -> None:
    """Two or more actors side by side: where they agree, differ.

    Example: asiannato compare japan china
    """
    from asiannato.query import comparison as answer

    date = date_arg(as_of, "--as-of")
    show(settings(ctx), answer.comparison(store(ctx), names, as_of=date), fmt)
