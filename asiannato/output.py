"""Where results and messages go: the one writer of stdout and the one writer of stderr,
the per-run settings they follow, the terminal (console, pager), and ``show()``, which
draws any answer in the chosen format. Heavy modules (rich, the views, the store) are
imported inside the functions that need them, so ``--help`` stays as cheap as Typer."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from asiannato.errors import OutputError, PipeClosed, UsageError
from asiannato.model import Format
from asiannato.records import record
from asiannato.textsafe import safe_line

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from asiannato.chart import Chart
    from asiannato.query.answer import Result
    from asiannato.query.brief import Briefing, ChartAnswer
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
    # set by show() while it draws for a file: lay out for a page, not for this terminal
    to_file: bool = False


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


def stale_note(answer: Result) -> str | None:
    """On a terminal, a note when the data of an answer from the compiled store ends
    more than six months before today; never in a pipe, nor for a report on packs."""
    from asiannato.query.answer import Answer

    if not isinstance(answer, Answer) or not sys.stdout.isatty():
        return None
    from asiannato.query.core import today
    from asiannato.views.labels import stale_note as message

    return message(answer.info.as_of, today())


# What to say when CSV is asked of a page: the commands whose answers are lists.
CSV_REFUSED = (
    "--format csv is for lists (actors, quotes, changes, timeline, frameworks, sources, "
    "search, arguments, terms)",
    "use json or markdown here",
)


def show(settings: Settings, answer: Result, fmt: str, *, to_file: Path | None = None) -> None:
    """Draw an answer in the chosen format: the one way from answer to output, for every
    command. JSON is built from the answer itself; every other format is drawn by the
    renderer that ``RENDERERS`` names for the answer's kind and the format. The result
    goes to stdout (or is drawn on the terminal), or to a file, written atomically;
    notes for the person follow on stderr."""
    if answer.is_empty():
        note(answer.note_when_empty())
        return
    fmt = str(fmt)
    if fmt == Format.auto:
        fmt = Format.table if to_file is None and sys.stdout.isatty() else Format.plain
    if fmt == Format.json:
        from asiannato import export

        drawn = Drawn(export.to_json(answer))
    else:
        forms = RENDERERS.get(type(answer).__name__, PAGE)
        if fmt not in forms:
            raise UsageError(f"--format {fmt} is not offered here")
        if to_file is not None:
            if fmt == Format.table:  # drawn on the terminal, with its width and colours
                raise UsageError("--format table draws on the terminal; it cannot go to a file")
            settings = replace(settings, to_file=True)
        drawn = forms[fmt](settings, answer)
    notes = [n for n in drawn.notes if n]
    if to_file is None:
        if drawn.text is not None:
            emit(drawn.text)
    else:
        assert drawn.text is not None, "only table draws on the terminal (refused above)"
        write_atomically(to_file, drawn.text)
        notes.insert(0, f"wrote {fmt} to {to_file}")
    if notes:
        sys.stdout.flush()  # after the output, and never when its reader has gone
        for line in notes:
            note(line)


# --- the renderers: how each kind of answer is drawn in each format ---------------------------


@record
class Drawn:
    """What a renderer made: the text for stdout or a file (None: it drew on the
    terminal itself), and the notes for stderr after it (None: no note)."""

    text: str | None
    notes: tuple[str | None, ...] = ()


Renderer = Callable[[Settings, Any], Drawn]


def _page_table(settings: Settings, answer: Result) -> Drawn:
    """The page on the terminal (Rich), paged when taller than the screen."""
    from asiannato import render, views

    console = make_console(settings)
    show_rich(settings, render.doc_to_rich(views.page(answer), console.width), console)
    return Drawn(None, (views.tally(answer), stale_note(answer)))


def _page_markdown(settings: Settings, answer: Result) -> Drawn:
    from asiannato import export, views

    return Drawn(export.doc_to_markdown(views.page(answer)), (stale_note(answer),))


def _page_plain(settings: Settings, answer: Result) -> Drawn:
    """A list as tab-separated rows (what a pipe wants); a page as plain text."""
    from asiannato import export, views

    rows = views.rows(answer)
    if rows is not None:
        return Drawn(export.rows_tsv(rows), (views.shortfall(answer),))
    return Drawn(export.doc_to_text(views.page(answer)), (stale_note(answer),))


def _page_csv(settings: Settings, answer: Result) -> Drawn:
    from asiannato import export, views

    rows = views.rows(answer)
    if rows is None:
        raise UsageError(CSV_REFUSED[0], hint=CSV_REFUSED[1])
    return Drawn(export.rows_csv(rows), (views.shortfall(answer),))


# Recorded output is laid out at this width, so files look the same on any machine.
PAGE_WIDTH = 100


def _brief_markdown(settings: Settings, answer: Briefing) -> Drawn:
    from asiannato import export, views

    return Drawn(export.doc_to_markdown(views.page(answer)))


def _brief_plain(settings: Settings, answer: Briefing) -> Drawn:
    """The brief as the terminal lays it out at ``PAGE_WIDTH``, without colour: a page
    to print or paste."""
    from asiannato import render, views

    color = settings.color is not Color.never
    return Drawn(render.record(views.page(answer), "text", PAGE_WIDTH, color=color))


def _brief_html(settings: Settings, answer: Briefing) -> Drawn:
    """A self-contained web page, with the stance chart."""
    from asiannato import brief_html

    return Drawn(brief_html.as_html(answer))


def _brief_svg(settings: Settings, answer: Briefing) -> Drawn:
    from asiannato import brief_html

    return Drawn(brief_html.as_svg(answer))


def _chart(answer: ChartAnswer) -> Chart:
    from asiannato.brief_html import stance_chart

    return stance_chart(answer.brief, answer.info.as_of, since=answer.since)


def _chart_table(settings: Settings, answer: ChartAnswer) -> Drawn:
    from asiannato.chart import StanceChart

    show_rich(settings, StanceChart(_chart(answer)), make_console(settings))
    return Drawn(None)


def _chart_plain(settings: Settings, answer: ChartAnswer) -> Drawn:
    """The terminal's chart as text without colour: as wide as the terminal, or 80
    columns in a pipe or a file."""
    from asiannato.chart import StanceChart

    on_screen = sys.stdout.isatty() and not settings.to_file
    console = make_console(Settings(color=Color.never), width=None if on_screen else 80)
    with console.capture() as captured:
        console.print(StanceChart(_chart(answer)))
    return Drawn(captured.get())


def _chart_svg(settings: Settings, answer: ChartAnswer) -> Drawn:
    from asiannato.chart import to_svg

    return Drawn(to_svg(_chart(answer)))


def _citation(style: str) -> Renderer:
    """A citation in one style (``query.reference.CITATION_STYLES``)."""

    def draw(settings: Settings, answer: Citation) -> Drawn:
        return Drawn(answer.styled(style))

    return draw


# A page answer (most commands, and validate's report) is drawn from its page
# (views.page) and, for a list, its rows (views.rows). The others have forms of their
# own, by the answer's class name. A new format for every page is one entry in PAGE; a
# new kind of answer that is not a page, one entry in RENDERERS.
PAGE: dict[str, Renderer] = {
    Format.table: _page_table,
    Format.markdown: _page_markdown,
    Format.plain: _page_plain,
    Format.csv: _page_csv,
}
RENDERERS: dict[str, dict[str, Renderer]] = {
    # a brief is a page (a new page format is the brief's too), laid out for print
    "Briefing": PAGE
    | {
        Format.markdown: _brief_markdown,
        Format.plain: _brief_plain,
        "html": _brief_html,
        "svg": _brief_svg,
    },
    "ChartAnswer": {Format.table: _chart_table, Format.plain: _chart_plain, "svg": _chart_svg},
    # the citation's plain text is its "text" style
    "Citation": {
        name: _citation("text" if name == Format.plain else name)
        for name in ("plain", "markdown", "bibtex", "apa", "mla", "chicago")
    },
}


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside the target, then rename it into place: an
    interrupted or failed write never leaves a partial file."""
    import contextlib
    import tempfile

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
