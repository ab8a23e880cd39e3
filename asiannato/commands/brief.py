"""`asiannato brief`: a one-page briefing to print, paste or hand out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from asiannato.commands import AsOfOpt, actors_argument, date_arg, settings, store
from asiannato.commands.choices import FORMAT_ALIASES, choice
from asiannato.errors import UsageError
from asiannato.output import show


class BriefFormat(StrEnum):
    auto = "auto"
    plain = "plain"
    markdown = "markdown"
    html = "html"
    svg = "svg"
    json = "json"


# The format a file name asks for, when --format does not say.
EXTENSIONS = {
    ".txt": BriefFormat.plain,
    ".text": BriefFormat.plain,
    ".md": BriefFormat.markdown,
    ".markdown": BriefFormat.markdown,
    ".html": BriefFormat.html,
    ".htm": BriefFormat.html,
    ".svg": BriefFormat.svg,
    ".json": BriefFormat.json,
}


def format_for(path: Path, accepted: dict[str, BriefFormat] = EXTENSIONS) -> BriefFormat:
    """The format a file's extension names; an unknown one is a usage error naming the
    accepted ones (give --format to write anything to any name)."""
    ext = path.suffix.lower()
    if ext in accepted:
        return accepted[ext]
    names = ", ".join(sorted(accepted))
    what = repr(ext) if ext else "a name with no extension"
    raise UsageError(
        f"--output {str(path)!r}: cannot tell the format from {what}",
        hint=f"use one of {names}, or give --format",
    )


def brief(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        actors_argument(
            "Centre the briefing on these actors (default: the whole debate).", "[ACTOR]..."
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        BriefFormat,
        typer.Option(
            "--format",
            "-f",
            help="plain (alias text), markdown, html (a web page to print), svg (the stance "
            "chart alone, a compact picture; the text is in the other formats) or json. "
            "Default: the terminal view; plain in a pipe; for --output, the file's extension.",
            click_type=choice(BriefFormat, aliases=FORMAT_ALIASES),
        ),
    ] = BriefFormat.auto,
    full: Annotated[
        bool,
        typer.Option("--full", help="The whole debate (long): every actor, argument and source."),
    ] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (atomically) instead of stdout.",
            metavar="FILE",
        ),
    ] = None,
) -> None:
    """A one-page briefing to print, paste or hand out.

    With ACTOR, a one-page position paper for it: its stance over time, key people,
    who is on its side, the arguments it makes and must answer. What goes on the page
    is chosen by rules (asiannato/query/essentials.py); --full is the long version.

    Example: asiannato brief japan -o japan.html
    """
    from asiannato.query import brief as answer

    date = date_arg(as_of, "--as-of")
    target = _check_output(output) if output else None
    if target is not None and fmt is BriefFormat.auto:
        fmt = format_for(target)
    result = answer.briefing(store(ctx), names or [], as_of=date, full=full)
    show(settings(ctx), result, fmt, to_file=target)


def _check_output(raw: str) -> Path:
    """The file to write: a new name, or an existing regular file to replace. A
    directory, a symlink, a FIFO or a device is refused, never replaced or written
    through."""
    import stat

    path = Path(raw)
    if path.is_symlink():
        raise UsageError(f"--output {raw!r} is a symbolic link", hint="give the file it points to")
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise UsageError(f"--output {raw!r}: {err.strerror}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"--output {raw!r} is a directory", hint="give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"--output {raw!r} is not a regular file (a FIFO or a device?)")
    parent = path.parent
    if not parent.exists():
        raise UsageError(f"--output {raw!r}: the folder {str(parent)!r} does not exist")
    if not parent.is_dir():
        raise UsageError(f"--output {raw!r}: {str(parent)!r} is not a folder")
    return path
