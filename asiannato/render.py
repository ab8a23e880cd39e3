"""Pages (``doc.Doc``) as Rich renderables for a terminal. Never prints.

Every piece of dataset text enters Rich as ``Text``, never as a markup string: quotes
contain editorial ``[brackets]`` that Rich would otherwise eat or obey.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

from asiannato.doc import (
    Bullets,
    Doc,
    Heading,
    Line,
    Panels,
    Para,
    QuoteBlock,
    SourceList,
    text_of,
)
from asiannato.doc import Table as DocTable
from asiannato.textsafe import safe

STANCE_STYLE = {
    "advocate": "bold white on dark_green",
    "supportive": "bold black on green3",
    "neutral": "bold black on grey70",
    "skeptical": "bold black on yellow3",
    "opposed": "bold white on red3",
    "undeclared": "black on grey50",
}


def badge(stance: str) -> Text:
    """A stance as a coloured badge that still reads as the word without colour."""
    return Text(f" {stance.upper()} ", style=STANCE_STYLE.get(stance, "reverse"))


# --- the generic page model (asiannato.doc) -------------------------------------------

_DOC_STYLE = {
    "bold": "bold",
    "dim": "dim",
    "italic": "italic",
    "hit": "bold underline",
    "link": "dim",
    "del": "red",
    "ins": "green",
    "": "",
}


def _line(line: Line) -> Text:
    out = Text(overflow="fold")
    for text, style in line:
        if style.startswith("stance:"):
            out.append_text(badge(style.split(":", 1)[1]))
        else:
            out.append(safe(text), style=_DOC_STYLE.get(style, ""))
    return out


# --- lines laid out here, drawn without Rich's wrapping ---------------------------------

Run = tuple[str, str]  # a piece of text and its Rich style ("" for none)


def _runs(line: Line) -> list[Run]:
    """A line of the page as runs: the same text and styles that ``_line`` gives Rich."""
    out: list[Run] = []
    for text, style in line:
        if style.startswith("stance:"):
            stance = style.split(":", 1)[1]
            out.append((f" {stance.upper()} ", STANCE_STYLE.get(stance, "reverse")))
        elif text:
            out.append((safe(text), _DOC_STYLE.get(style, "")))
    return out


def _plain(runs: list[Run]) -> str:
    return "".join(text for text, _ in runs)


def _lines_of(runs: list[Run]) -> list[list[Run]]:
    """Runs split into lines at each newline, as ``Text.split("\\n", allow_blank=True)``."""
    lines: list[list[Run]] = [[]]
    for text, style in runs:
        first, *rest = text.split("\n")
        if first:
            lines[-1].append((first, style))
        for piece in rest:
            lines.append([(piece, style)] if piece else [])
    return lines


def _divide(runs: list[Run], offsets: list[int]) -> list[list[Run]]:
    """A line cut at these character offsets, as ``Text.divide``."""
    pieces: list[list[Run]] = [[]]
    ends = [*offsets, -1]  # -1: no further cut
    at = 0
    for text, style in runs:
        while ends[0] != -1 and at + len(text) > ends[0]:
            cut = ends.pop(0) - at
            if cut:
                pieces[-1].append((text[:cut], style))
            pieces.append([])
            text, at = text[cut:], at + cut
        if text:
            pieces[-1].append((text, style))
        at += len(text)
    while ends[0] != -1:  # cuts at the very end leave empty lines, as in Rich
        ends.pop(0)
        pieces.append([])
    return pieces


def _keep(runs: list[Run], plain: str) -> list[Run]:
    """The runs over a shortened plain text: each run's characters from ``plain``, runs
    past its end dropped (as Rich trims the spans of a cropped Text)."""
    out: list[Run] = []
    at = 0
    for text, style in runs:
        if at >= len(plain):
            break
        out.append((plain[at : at + len(text)], style))
        at += len(text)
    return out


def _rstrip(runs: list[Run]) -> list[Run]:
    """A line without its trailing whitespace, as ``Text.rstrip``."""
    plain = _plain(runs)
    return _keep(runs, plain.rstrip())


_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap's word: a word with the spaces around it


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """``rich._wrap.divide_line`` (where Rich's word wrapping breaks a line), the same
    breaks, for a line of printable ASCII without measuring each word's cells: there a
    character is a cell, and a long word folds every ``width`` characters, as Rich's
    ``chop_cells`` folds it. Other lines go to Rich's. ``tests/test_laid.py`` holds the
    two to the same breaks."""
    if width < 1 or not (text.isascii() and text.isprintable()):
        from rich._wrap import divide_line as rich_divide_line

        return rich_divide_line(text, width, fold=fold)
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:  # it fits on this line
            offset += len(word)
        elif length > width:  # it fits on no line: folded, or left to be cropped
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for piece in pieces[:-1]:
                    if start:
                        breaks.append(start)
                    start += len(piece)
                if start:
                    breaks.append(start)
                offset = len(pieces[-1])
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:  # onto the next line
            breaks.append(start)
            offset = len(word)
    return breaks


# what Text.append drops (control codes) or Text.wrap treats apart (tabs, newlines)
_RICH_SPECIAL = frozenset("\t\n\a\b\v\f\r")

Overflow = Literal["fold", "crop", "ignore"]


def _wrap(line: list[Run], width: int, overflow: Overflow, no_wrap: bool) -> list[list[Run]]:
    """One line (no tab, no control code) as ``Text.wrap`` lays it out with justify
    "default", step by step: divided at ``divide_line``'s offsets and each piece's
    whitespace beyond the width trimmed (unless ``no_wrap``), then cropped to the width
    (``Text.truncate``). With overflow "ignore" Rich leaves a line as it is."""
    plain = _plain(line)
    if overflow == "ignore" or (len(plain) <= width and cell_len(plain) <= width):
        return [line]  # nothing to divide, trim or crop
    pieces = [line]
    if not no_wrap:
        pieces = []
        for piece in _divide(line, divide_line(plain, width, fold=overflow == "fold")):
            text = _plain(piece)
            beyond = len(text) - width  # Text.rstrip_end: whitespace beyond the width
            trailing = len(text) - len(text.rstrip())
            if beyond > 0 and trailing:
                piece = _keep(piece, text[: len(text) - min(trailing, beyond)])
            pieces.append(piece)
    out = []
    for piece in pieces:
        text = _plain(piece)
        out.append(_keep(piece, set_cell_size(text, width)) if cell_len(text) > width else piece)
    return out


class Laid:
    """Lines laid out here, drawn exactly as Rich draws ``rich()``: the one ``Text`` of
    the same runs, style, overflow and wrapping (in a ``Padding`` if ``padding`` is
    given), but several times cheaper. ``tests/test_laid.py`` holds the two to the same
    output, byte for byte, for the real pages at several widths and for awkward lines.

    Why it is the same: Rich wraps a Text line by line, each line on its own
    (``_wrap`` does what ``Text.wrap`` does to one line), and ``Text.render`` yields one
    segment per styled run and one for the unstyled text between runs, each in the
    Text's style combined with the run's; those segments are yielded here directly. A
    line with a tab or a control code goes to Rich as a Text of its own, which Rich
    draws as it would have drawn it within the whole. A Padding (expanded, unstyled)
    puts ``left`` spaces before each line, pads it with spaces to the width and adds
    ``bottom`` blank lines; a padded block with any line that Rich would have to draw
    or crop itself is left to Rich whole."""

    def __init__(
        self,
        lines: list[list[Run]],
        *,
        style: str = "",
        overflow: Overflow,
        no_wrap: bool | None = None,
        padding: tuple[int, int] | None = None,  # (bottom, left) of a Padding
    ) -> None:
        self.lines = lines
        self.style = style
        self.overflow: Overflow = overflow
        self.no_wrap = no_wrap
        self.padding = padding

    def rich(self) -> RenderableType:
        """What Rich would draw the same: all the lines as one Text, in its Padding."""
        runs: list[Run] = []
        for k, line in enumerate(self.lines):
            runs += [("\n", ""), *line] if k else line
        text = self._text(runs)
        if self.padding is None:
            return text
        from rich.padding import Padding

        bottom, left = self.padding
        return Padding(text, (0, 0, bottom, left))

    def _text(self, line: list[Run]) -> Text:
        out = Text(style=self.style, overflow=self.overflow, no_wrap=self.no_wrap)
        for text, style in line:
            out.append(text, style)
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        bottom, left = self.padding or (0, 0)
        width = options.max_width - left
        if (
            width < 1
            or options.justify not in (None, "default")  # a justified line: Rich's work
            or options.overflow not in (None, self.overflow)
        ):
            yield self.rich()
            return
        no_wrap = self.no_wrap if self.no_wrap is not None else bool(options.no_wrap)
        laid: list[list[Run] | Text] = []
        for whole in self.lines:
            plain = _plain(whole)
            if not plain.isprintable() and not _RICH_SPECIAL.isdisjoint(plain):
                laid.append(self._text(whole))
            else:
                laid += _wrap(whole, width, self.overflow, no_wrap)
        cells: list[int] = []
        if self.padding is not None:
            cells = [-1 if isinstance(line, Text) else cell_len(_plain(line)) for line in laid]
            if not all(0 <= n <= width for n in cells):
                yield self.rich()
                return

        get_style = console.get_style
        null = Style.null()
        base = get_style(self.style) if self.style else null
        styles: dict[str, Style] = {}
        indent = Segment(" " * left, null) if left else None
        newline = Segment("\n")
        for k, line in enumerate(laid):
            if isinstance(line, Text):
                yield line
                continue
            if indent:
                yield indent
            unstyled = ""
            for text, style in line:
                if not style:
                    unstyled += text
                elif text:
                    if unstyled:
                        yield Segment(unstyled, base)
                        unstyled = ""
                    if style not in styles:
                        styles[style] = base + get_style(style)
                    yield Segment(text, styles[style])
            if unstyled:
                yield Segment(unstyled, base)
            if cells and cells[k] < width:
                yield Segment(" " * (width - cells[k]), null)
            yield newline
        for _ in range(bottom):
            yield Segment(" " * options.max_width + "\n", null)


def _wrapped(runs: list[Run], width: int) -> list[list[Run]]:
    """A cell's lines, wrapped at spaces to ``width`` cells (a longer word is folded)."""
    out: list[list[Run]] = []
    for line in _lines_of(runs):
        plain = _plain(line)
        if cell_len(plain) <= width:
            out.append(line)
            continue
        out += [_rstrip(piece) for piece in _divide(line, divide_line(plain, width, fold=True))]
    return out


def _sources(block: SourceList) -> Laid:
    """The numbered list of sources, each with its address on the next line."""
    pad = len(str(len(block.entries))) + 2
    runs: list[Run] = [("Sources", "bold")]
    for n, line, link, copy in block.entries:
        runs += [("\n", ""), (f"[{n}]".rjust(pad) + " ", "dim"), (safe(line), "")]
        if link:
            runs += [("\n", ""), (" " * (pad + 1) + safe(link), "dim")]
            if copy:
                runs.append((" (seen in a copy)", "dim"))
    return Laid(_lines_of(runs), overflow="fold")


def _stacked(block: DocTable, width: int) -> RenderableType:
    """A table for a narrow terminal: one block per row, the first cell leading and the
    others below it, so no column is squeezed to a few letters."""
    parts: list[RenderableType] = []
    for row in block.rows:
        body: list[Run] = []
        for name, cell in zip(block.columns[1:], row[1:], strict=True):
            if not text_of(cell).strip():
                continue
            if body:
                body.append(("\n", ""))
            if name:
                body.append((f"{name}: ", "dim"))
            body += _runs(cell)
        parts.append(_whole_words(_lines_of(_runs(row[0])), width, style="bold"))
        if body:
            parts.append(_whole_words(_lines_of(body), width - 2, indent=2))
    return Group(*parts)


def _whole_words(lines: list[list[Run]], width: int, *, indent: int = 0, style: str = "") -> Laid:
    """Lines wrapped at spaces to ``width`` and indented, where a word longer than the
    width (an id, an address) stays whole on a line of its own, running past the edge,
    never split or cut: the terminal shows the rest on the next row, and a person can
    still copy it and type it next. (Drawn with ``crop=False``.) ``style``, the style
    of the whole text, is for text that is not indented (the indent has none)."""
    assert not (indent and style)
    out: list[list[Run]] = []
    for line in lines:
        for piece in _divide(line, divide_line(_plain(line), max(width, 1), fold=False)):
            out.append([(" " * indent, ""), *_rstrip(piece)] if indent else _rstrip(piece))
    return Laid(out, style=style, overflow="ignore", no_wrap=True)


# a column of running text narrower than this reads as a list of stray words
_MIN_TEXT_COLUMN = 24


def _unbreakable(line: str) -> list[str]:
    """The words of a line that must not be split: all but web addresses, which are
    copied rather than typed and may fold."""
    return [w for w in line.split() if not w.startswith(("http://", "https://"))]


def _fits(block: DocTable, width: int) -> bool:
    """Whether the table's columns fit side by side without squeezing: the columns that
    do not wrap at their widest, each wrapping column at its longest word (an id is
    never split) and at least a readable width."""
    n = len(block.columns)
    wrap = block.wrap or (n - 1,)
    need = 2 * n
    for i, name in enumerate(block.columns):
        lines = [cell_len(name)]
        words = [0]
        for row in block.rows:
            # measured as drawn (a stance badge is padded), as _grid measures it
            for line in _plain(_runs(row[i])).split("\n"):
                lines.append(cell_len(line))
                words += [cell_len(w) for w in _unbreakable(line)]
        if i in wrap:
            need += max(max(words), min(max(lines), _MIN_TEXT_COLUMN))
        else:
            need += max(lines)
    return need <= width


def _grid(block: DocTable, width: int) -> Laid:
    """A table as lines of text, laid out here rather than by Rich's Table: a table of a
    hundred rows is drawn several times faster, and it reads the same. Columns that
    may not wrap are as wide as their widest line; the others share the rest of the
    width by ratio, none narrower than its longest word (up to 24 columns)."""
    n = len(block.columns)
    wrap = block.wrap or (n - 1,)
    cells = [[_runs(cell) for cell in row] for row in block.rows]
    natural = [cell_len(name) for name in block.columns]
    longest = [0] * n
    for row in cells:
        for i, cell in enumerate(row):
            for line in _plain(cell).split("\n"):
                natural[i] = max(natural[i], cell_len(line))
                if i in wrap:
                    longest[i] = max([longest[i], *(cell_len(w) for w in _unbreakable(line))])
    widths = list(natural)
    # a wrapping column is never narrower than its longest word: ids are not split
    # (a table that cannot give them that much is stacked instead: _fits)
    ratios = {
        i: block.ratios[k] if block.ratios else (1 if i == 0 else 3) for k, i in enumerate(wrap)
    }
    room = width - 2 * n - sum(natural[i] for i in range(n) if i not in wrap)
    total = sum(ratios.values())
    for i in wrap:
        widths[i] = max(longest[i], room * ratios[i] // total, 1)
    # A column widened to its longest word took room the ratios gave to the others: take
    # it back, from the column with most to spare above the least _fits counted for it
    # (its longest word, and a readable width or all its text when that is shorter).
    floor = {i: max(longest[i], min(natural[i], _MIN_TEXT_COLUMN), 1) for i in wrap}
    over = sum(widths) - (width - 2 * n)
    while over > 0:
        i = max(wrap, key=lambda j: widths[j] - floor[j])
        if widths[i] <= floor[i]:
            break  # nothing left to give: the table does not fit (callers stack it)
        take = min(over, widths[i] - floor[i])
        widths[i] -= take
        over -= take
    spare = width - 2 * n - sum(widths)  # the rounding, to the last wrapping column
    if spare > 0:
        widths[wrap[-1]] += spare

    lines: list[list[Run]] = []

    def add(line_cells: list[list[list[Run]]]) -> None:
        for k in range(max(len(c) for c in line_cells)):
            out: list[Run] = []
            for i, cell_lines in enumerate(line_cells):
                piece = cell_lines[k] if k < len(cell_lines) else []
                out.append((" ", ""))
                out += piece
                out.append((" " * (widths[i] - cell_len(_plain(piece)) + 1), ""))
            lines.append(out)

    add([[[(safe(name), "bold")]] for name in block.columns])
    lines.append([("\u2500" * sum(w + 2 for w in widths), "")])
    for row in cells:
        add([_wrapped(cell, widths[i]) for i, cell in enumerate(row)])
    return Laid(lines, overflow="crop", no_wrap=True)


def _panels(block: Panels, width: int) -> RenderableType:
    """Records side by side when each gets 36 columns, else one panel each."""
    from rich import box
    from rich.panel import Panel
    from rich.table import Table

    n = len(block.titles)
    if width >= 36 * n + 14:
        table = Table(box=box.ROUNDED, show_lines=True, expand=True)
        table.add_column("", style="bold", no_wrap=True, width=15)
        for title in block.titles:
            table.add_column(Text(safe(title), style="bold"), ratio=1)
        for label, cells in zip(block.labels, block.cells, strict=True):
            table.add_row(label, *(_line(c) for c in cells))
        return table
    parts: list[RenderableType] = []
    for i, title in enumerate(block.titles):
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for label, cells in zip(block.labels, block.cells, strict=True):
            grid.add_row(label, _line(cells[i]))
        parts.append(Panel(grid, title=Text(safe(title), style="bold"), title_align="left"))
    return Group(*parts)


def doc_to_rich(doc: Doc, width: int = 100) -> RenderableType:
    """The page for a terminal of this width (under 72 columns, tables are stacked).
    Rich's Padding, Panel and Table are imported by the blocks that need them: a page
    of tables and sources (``actors``) has no need of rich.table and what it imports."""
    parts: list[RenderableType] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = "bold underline" if block.level == 1 else "bold"
            if parts and block.level > 1:
                parts.append(Text(""))
            parts.append(Text(safe(block.text), style=style))
        elif isinstance(block, Para):
            parts.append(
                Laid(_lines_of(_runs(block.line)), overflow="fold", padding=(0, block.indent))
            )
        elif isinstance(block, Panels):
            parts.append(_panels(block, width))
        elif isinstance(block, Bullets):
            for item in block.items:
                bullet = _lines_of([("\u2022 ", ""), *_runs(item)])
                parts.append(Laid(bullet, overflow="fold", padding=(0, 2)))  # Rich's default
        elif isinstance(block, DocTable) and (width < 72 or not _fits(block, width)):
            parts.append(_stacked(block, width))
        elif isinstance(block, DocTable):
            parts.append(_grid(block, width))
        elif isinstance(block, QuoteBlock):
            if block.reported:
                style, runs = "bold", [("Reported: ", ""), (safe(block.text), "")]
            else:
                style, runs = "italic", [(f"\u201c{safe(block.text)}\u201d", "")]
            runs += [("\n\u2014 ", ""), *_runs(block.attribution)]
            for extra in block.extra:
                runs += [("\n", ""), *_runs(extra)]
            if not block.card:
                parts.append(Laid(_lines_of(runs), style=style, overflow="fold", padding=(1, 2)))
                continue
            body = Text(style=style)
            for text, run_style in runs:
                body.append(text, run_style)
            if width >= 72:
                from rich import box
                from rich.panel import Panel

                parts.append(Panel(body, box=box.ROUNDED, padding=(0, 1)))
            else:  # narrow: no frame, so a long id is never cut at its edge
                parts.append(_whole_words(_lines_of(runs), width, style=style))
                parts.append(Text(""))
        elif isinstance(block, SourceList):
            parts.append(Text(""))
            parts.append(_sources(block))
    return Group(*parts)


def record(doc: Doc, style: str, width: int, *, color: bool = True) -> str:
    """The page as a file: "html" or "svg" from Rich's own recording, so they look like
    the terminal, or "text", the same page without colour. A fixed width keeps files
    reproducible."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        record=True,
        force_terminal=style != "text",
        color_system="truecolor" if style != "text" else None,
        no_color=style == "text" or not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(doc_to_rich(doc, width))
    if style == "html":
        return console.export_html(inline_styles=True)
    if style == "svg":
        return console.export_svg(title="asiannato brief")
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())
