"""`asiannato brief`: a one-page briefing to print, paste or hand out."""

from __future__ import annotations

import contextlib
import enum
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from asiannato.app import (
    _OPTIONS,
    AsOfOpt,
    Color,
    app,
    complete_actors,
    emit,
    get_store,
    make_console,
    show,
)
from asiannato.errors import OutputError, UsageError

if TYPE_CHECKING:
    from asiannato.doc import Doc

# Recorded output is laid out at this width, so files look the same on any machine.
PAGE_WIDTH = 100


class BriefFormat(enum.StrEnum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    html = "html"
    svg = "svg"


@app.command()
def brief(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Centre the briefing on these actors (default: the whole debate).",
            metavar="[ACTOR]...",
            autocompletion=complete_actors,
        ),
    ] = None,
    as_of: AsOfOpt = None,
    fmt: Annotated[
        BriefFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, markdown, html or svg (default: the terminal view, or text in a pipe).",
            case_sensitive=False,
        ),
    ] = BriefFormat.auto,
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

    Example: asiannato brief japan china --format html --output brief.html
    """
    from asiannato import briefing, pages, query

    date = query.parse_date_arg(as_of, "--as-of") if as_of else None
    target = _check_output(output) if output else None
    store = get_store()
    b = briefing.brief(store, names or [], as_of=date)
    srcs = query.sources(store, [s for ids in pages.brief_cited(b) for s in ids])
    people = {a for a, _ in b.stances} | {a for a in b.centre}
    ids = {a.id for a in people} | {q.speaker for q in b.quotes}
    ids |= {x for arg in b.arguments for x in arg.actors}
    speakers = query.actors(store, ids)
    info = query.info(store)
    doc = pages.brief_doc(b, srcs, speakers, info.version, info.as_of)
    chosen = fmt
    if chosen is BriefFormat.auto:
        chosen = BriefFormat.text if (target or not sys.stdout.isatty()) else BriefFormat.auto
    if chosen is BriefFormat.auto:
        from asiannato import render

        console = make_console()
        show(render.doc_to_rich(doc, console.width), console)
        return
    text = _render(doc, chosen)
    if target is None:
        emit(text)
        return
    _write_atomically(target, text)
    from asiannato.app import note

    note(f"wrote {chosen.value} to {target}")


def _render(doc: Doc, fmt: BriefFormat) -> str:
    from asiannato import export

    if fmt is BriefFormat.markdown:
        return export.doc_to_markdown(doc)
    from rich.console import Console

    from asiannato import render

    # HTML and SVG come from Rich's own recording, so they look like the terminal; the
    # text is the same page without colour. A fixed width keeps files reproducible.
    console = Console(
        file=io.StringIO(),
        width=PAGE_WIDTH,
        record=True,
        force_terminal=fmt is not BriefFormat.text,
        color_system="truecolor" if fmt is not BriefFormat.text else None,
        no_color=fmt is BriefFormat.text or _OPTIONS["color"] is Color.never,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(render.doc_to_rich(doc, PAGE_WIDTH))
    if fmt is BriefFormat.html:
        return console.export_html(inline_styles=True)
    if fmt is BriefFormat.svg:
        return console.export_svg(title="asiannato brief")
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())


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


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename it into place: an
    interrupted or failed write never leaves a partial file."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {str(path)!r}: {err.strerror or err}") from None
        raise
