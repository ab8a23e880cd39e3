"""`verify`: were these words really said, and how do they differ from what was?"""

from __future__ import annotations

from typing import Annotated

import typer

from asiannato.commands import PageFormatOpt, complete_speakers, settings, store
from asiannato.errors import UsageError
from asiannato.model import Format
from asiannato.output import show


def verify(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="The words to check, as someone attributes them.", metavar="TEXT")
    ],
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            autocompletion=complete_speakers,
            help="Only quotes of this speaker (repeatable: any of them).",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most N quotes.", metavar="N")
    ] = 5,
    fmt: PageFormatOpt = Format.auto,
) -> None:
    """Check words against the quotes on record: the closest, and how they differ.

    Exit 0: found word for word (a part of a quote counts); 1: only something close;
    3: nothing close. Differences are marked [-said-] {+given+}.

    Example: asiannato verify "It is too early to talk about collective security"
    """
    from asiannato.query import verification as answer

    if not any(ch.isalnum() for ch in text):
        raise UsageError(
            "verify needs words to check", hint='e.g. asiannato verify "too early to talk"'
        )
    result = answer.verification(store(ctx), text, speakers=speaker, limit=limit)
    show(settings(ctx), result, fmt)
    if result.exit_code:
        raise typer.Exit(result.exit_code)
