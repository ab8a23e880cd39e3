"""Where results and messages go: the one writer of stdout and the one writer of stderr,
the per-run settings they follow, the terminal (console, pager), and ``show()``, which
draws any answer in the chosen format. Heavy modules (rich, the views, the store) are
imported inside the functions that need them, so ``--help`` stays as cheap as Typer."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from asiannato.errors import PipeClosed, UsageError
from asiannato.model import Format
from asiannato.records import record
from asiannato.textsafe import safe_line

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from asiannato.chart import Chart
    from asiannato.doc import Doc
    from asiannato.query.answer import Answer
    from asiannato.query.reference import Citation
    from asiannato.store import Store


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@record
class Settings:
    """What the global options asked for, for this run (on Typer's context: ``ctx.obj``)."""

    packs: tuple[str, ...] = ()  # --data folders, after those of ASIANNATO_DATA
    no_bundled: bool = False
    color: Color = Color.auto
    pager: bool = True
    debug: bool = False


# --- stderr: the one writer ------------------------------------------------------------------


def to_stderr(line: str) -> None:
    """Every line for stderr goes through here: made safe (a control or bidi character
    from a file name, a pack or the command line shows as a visible escape) and kept
    to one line. A stderr that is gone is not worth an error of its own."""
    try:
        sys.stderr.write(safe_line(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def note(message: str) -> None:
    """A message for the person, not the pipe."""
    to_stderr(f"asiannato: {message}")


def error(message: str, hint: str | None = None) -> None:
    to_stderr(f"asiannato: error: {message}" + (f" ({hint})" if hint else ""))


# --- stdout ---------------------------------------------------------------------------------


def emit(text: str) -> None:
    """Write a result to stdout. A closed pipe becomes PipeClosed, which Typer does not
    intercept (it would exit 1 for an OSError)."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise PipeClosed from None


def resolve_format(fmt: Format) -> Format:
    if fmt is Format.auto:
        return Format.table if sys.stdout.isatty() else Format.plain
    return fmt


def make_console(settings: Settings, *, width: int | None = None) -> Console:
    """A console for this run (Rich reads NO_COLOR, TERM and the width when it is made;
    --color overrides). Narrower than 40 columns (COLUMNS=0 or 10), tables would print
    empty cells or nothing: lay out for 40 and let the terminal wrap."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # Rich would exit 1 here; a closed pipe is handled in one place (cli):
            # quietly, with the documented exit code.
            self.quiet = True
            raise PipeClosed

    options: dict[str, Any] = {"highlight": False, "emoji": False}
    if settings.color is Color.never:
        # no colour and no bold or underline either: not one escape sequence
        options["color_system"] = None
        options["force_terminal"] = False
    elif settings.color is Color.always:
        options["force_terminal"] = True
        options["no_color"] = False
    if width is not None:
        options["width"] = width
    console = _Console(**options)
    if console.width < 40:
        console = _Console(**(options | {"width": 40}))
    return console


def show_rich(settings: Settings, renderable: RenderableType, console: Console) -> None:
    """Print to the terminal; output taller than the terminal goes through the pager
    ($PAGER, else less), never when stdout is not a terminal or with --no-pager."""
    # crop=False: a word longer than the width (an id) runs past the edge rather than
    # being cut (render._whole_words); everything else is laid out to the width
    if not (settings.pager and sys.stdout.isatty() and console.is_terminal):
        console.print(renderable, crop=False)
        return
    with console.capture() as captured:
        console.print(renderable, crop=False)
    text = captured.get()
    if text.count("\n") < console.height or not page(text):
        sys.stdout.write(text)


def page(text: str) -> bool:
    """Show text through the user's pager; False when there is none to run."""
    import shlex
    import subprocess

    command = os.environ.get("PAGER") or "less"
    env = dict(os.environ)
    # less: keep colours (-R), quit when it fits (-F), leave the text on screen (-X)
    env.setdefault("LESS", "FRX")
    try:
        argv = shlex.split(command)
        subprocess.run(
            argv, input=text.encode(sys.stdout.encoding or "utf-8", "replace"), env=env, check=False
        )
    except (OSError, ValueError):
        return False
    return True


def show_page(settings: Settings, doc: Doc, fmt: Format) -> None:
    """A page in a document format: Markdown, plain text, or a terminal's view."""
    from asiannato import export

    if fmt is Format.markdown:
        emit(export.doc_to_markdown(doc))
    elif fmt is Format.plain:
        emit(export.doc_to_text(doc))
    else:
        from asiannato import render

        console = make_console(settings)
        show_rich(settings, render.doc_to_rich(doc, console.width), console)


def note_if_stale(data_as_of: str) -> None:
    """On a terminal, say once when the data ends more than six months before today;
    never in a pipe (nor in JSON: its callers do not call this for JSON)."""
    if not sys.stdout.isatty():
        return
    from asiannato.query.core import today
    from asiannato.views.labels import stale_note

    message = stale_note(data_as_of, today())
    if message:
        note(message)


# What to say when CSV is asked of a page: the commands whose answers are lists.
CSV_REFUSED = (
    "--format csv is for lists (actors, quotes, changes, timeline, frameworks, sources, "
    "search, arguments, terms)",
    "use json or markdown here",
)


def show(settings: Settings, answer: Answer, fmt: Format) -> None:
    """Draw an answer in the chosen format: the one way from answer to output. JSON from
    the answer itself; lists as rows for CSV and pipes; everything else as its page."""
    if answer.is_empty():
        note(answer.note_when_empty())
        return
    from asiannato import export

    fmt = resolve_format(fmt)
    if fmt is Format.json:
        emit(export.to_json(answer))
        return
    from asiannato import views

    if fmt in (Format.csv, Format.plain):
        rows = views.rows(answer)
        if rows is not None:
            emit(export.rows_csv(rows) if fmt is Format.csv else export.rows_tsv(rows))
            more = views.shortfall(answer)
            if more:
                sys.stdout.flush()
                note(more)
            return
        if fmt is Format.csv:
            raise UsageError(CSV_REFUSED[0], hint=CSV_REFUSED[1])
    show_page(settings, views.page(answer), fmt)
    tally = views.tally(answer) if fmt is Format.table else None
    if tally:
        sys.stdout.flush()  # after the output, and never when its reader has gone
        note(tally)
    note_if_stale(answer.info.as_of)


# --- the compiled data ------------------------------------------------------------------------

# A compile quicker than this is not worth a word: nobody waited for it. Longer, and a
# person may wonder why this run was slow: a progress bar shows (a little before), and a
# note says why afterwards. ASIANNATO_NOTE_AFTER (seconds) sets both; 0 reports every
# compile.
NOTE_AFTER_SECONDS = 1.0


def note_after() -> float:
    try:
        return float(os.environ.get("ASIANNATO_NOTE_AFTER", NOTE_AFTER_SECONDS))
    except ValueError:
        return NOTE_AFTER_SECONDS


def bar_after() -> float:
    from asiannato.progress import SHOW_AFTER_SECONDS

    return note_after() if "ASIANNATO_NOTE_AFTER" in os.environ else SHOW_AFTER_SECONDS


def open_data(settings: Settings) -> Store:
    """The compiled store for the bundled data and the packs given; on a rebuild, a
    progress display on a terminal's stderr and one line saying why."""
    from pathlib import Path

    from asiannato.packs import Pack, bundled
    from asiannato.store import open_store

    packs = [] if settings.no_bundled else [bundled()]
    for raw in settings.packs:
        path = Path(raw)
        if not path.is_dir():
            what = "does not exist" if not path.exists() else "is not a folder"
            raise UsageError(f"--data {raw!r} {what}", hint="give a folder of YAML files")
        packs.append(Pack(path, raw.rstrip("/") or "/"))
    if not packs:
        raise UsageError("--no-bundled needs at least one --data folder")
    if sys.stderr.isatty():
        from asiannato.progress import stderr_progress

        with stderr_progress(show_after=bar_after()) as progress:
            store = open_store(packs, progress=progress)  # it escapes file names itself
    else:
        store = open_store(packs)
    if store.rebuilt and (store.seconds >= note_after() or store.in_memory):
        where = " in memory (no writable cache directory)" if store.in_memory else ""
        note(f"compiled the data{where} in {store.seconds:.2f} s ({store.reason})")
    for line in store.overlay():
        note(line)
    return store


def show_citation(settings: Settings, answer: Citation, style: str) -> None:
    """A citation in one style (``export.CITATION_STYLES``), or all of them as JSON."""
    from asiannato import export

    if style == Format.json:
        emit(export.citation_json(answer))
        return
    c = answer.citable
    emit(export.citation(c.source, style, quote=c.quote, speaker=c.speaker))


def show_chart(settings: Settings, chart: Chart, style: str, *, to_file: bool) -> str | None:
    """The stance chart: drawn on a terminal, as plain text (a pipe), or as SVG text."""
    from asiannato.chart import StanceChart, to_svg

    if style == "svg":
        text = to_svg(chart)
    elif style == "auto" and not to_file and sys.stdout.isatty():
        show_rich(settings, StanceChart(chart), make_console(settings))
        return None
    else:
        plain = Settings(color=Color.never)
        console = make_console(plain, width=None if sys.stdout.isatty() else 80)
        with console.capture() as captured:
            console.print(StanceChart(chart))
        text = captured.get()
    if to_file:
        return text
    emit(text)
    return None


# Recorded output is laid out at this width, so files look the same on any machine.
PAGE_WIDTH = 100


def show_brief(settings: Settings, answer: Answer, style: str, *, to_file: bool) -> str | None:
    """The briefing in one of its formats (auto, text, markdown, html, svg, json): drawn
    on the terminal (returns None), or returned as text for stdout or a file. HTML is a
    web page with the stance chart (``html.render_html``); SVG is the stance chart."""
    from asiannato import views

    if style == "json":
        from asiannato import export

        text = export.to_json(answer)
    elif style in ("html", "svg"):
        from asiannato import brief_html as brief_view

        text = brief_view.as_html(answer) if style == "html" else brief_view.as_svg(answer)
    else:
        doc = views.page(answer)
        if style == "auto":
            if not to_file and sys.stdout.isatty():
                show_page(settings, doc, Format.table)
                note_if_stale(answer.info.as_of)
                return None
            style = "text"
        if style == "markdown":
            from asiannato import export

            text = export.doc_to_markdown(doc)
        else:
            from asiannato import render

            text = render.record(doc, style, PAGE_WIDTH, color=settings.color is not Color.never)
    if to_file:
        return text
    emit(text)
    return None
