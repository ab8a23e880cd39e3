"""Pages (``doc.Doc``) as Rich renderables for a terminal. Never prints.

Every piece of dataset text enters Rich as ``Text``, never as a markup string: quotes
contain editorial ``[brackets]`` that Rich would otherwise eat or obey.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

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


def _stacked(block: DocTable, width: int) -> RenderableType:
    """A table for a narrow terminal: one block per row, the first cell leading and the
    others below it, so no column is squeezed to a few letters."""
    parts: list[RenderableType] = []
    for row in block.rows:
        head = _line(row[0])
        head.stylize("bold")
        body = Text()
        for name, cell in zip(block.columns[1:], row[1:], strict=True):
            if not text_of(cell).strip():
                continue
            if body:
                body.append("\n")
            if name:
                body.append(f"{name}: ", style="dim")
            body.append_text(_line(cell))
        parts.append(_whole_words(head, width))
        if body:
            parts.append(_whole_words(body, width - 2, indent=2))
    return Group(*parts)


def _whole_words(text: Text, width: int, *, indent: int = 0) -> Text:
    """Text wrapped at spaces to ``width`` and indented, where a word longer than the
    width (an id, an address) stays whole on a line of its own, running past the edge,
    never split or cut: the terminal shows the rest on the next row, and a person can
    still copy it and type it next. (Drawn with ``crop=False``.)"""
    from rich._wrap import divide_line

    out = Text(no_wrap=True, overflow="ignore", end="\n")
    for k, line in enumerate(text.split("\n", allow_blank=True)):
        pieces = line.divide(divide_line(line.plain, max(width, 1), fold=False))
        for j, piece in enumerate(pieces):
            piece.rstrip()
            if k or j:
                out.append("\n")
            out.append(" " * indent)
            out.append_text(piece)
    return out


def _wrapped(text: Text, width: int) -> list[Text]:
    """A cell's lines, wrapped at spaces to ``width`` cells (a longer word is folded)."""
    from rich._wrap import divide_line  # the word wrapping Text.wrap uses, without the rest

    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        if cell_len(line.plain) <= width:
            out.append(line)
            continue
        for piece in line.divide(divide_line(line.plain, width, fold=True)):
            piece.rstrip()
            out.append(piece)
    return out


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
            for line in text_of(row[i]).split("\n"):
                lines.append(cell_len(line))
                words += [cell_len(w) for w in _unbreakable(line)]
        if i in wrap:
            need += max(max(words), min(max(lines), _MIN_TEXT_COLUMN))
        else:
            need += max(lines)
    return need <= width


def _grid(block: DocTable, width: int) -> Text:
    """A table as lines of text, laid out here rather than by Rich's Table: a table of a
    hundred rows is drawn several times faster, and it reads the same. Columns that
    may not wrap are as wide as their widest line; the others share the rest of the
    width by ratio, none narrower than its longest word (up to 24 columns)."""
    n = len(block.columns)
    wrap = block.wrap or (n - 1,)
    cells = [[_line(cell) for cell in row] for row in block.rows]
    natural = [cell_len(name) for name in block.columns]
    longest = [0] * n
    for row in cells:
        for i, cell in enumerate(row):
            for line in cell.plain.split("\n"):
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
    spare = width - 2 * n - sum(widths)  # the rounding, to the last wrapping column
    if spare > 0:
        widths[wrap[-1]] += spare

    out = Text(no_wrap=True, overflow="crop")

    def add(line_cells: list[list[Text]]) -> None:
        for k in range(max(len(c) for c in line_cells)):
            if len(out):
                out.append("\n")
            for i, lines in enumerate(line_cells):
                piece = lines[k] if k < len(lines) else Text()
                out.append(" ")
                out.append_text(piece)
                out.append(" " * (widths[i] - cell_len(piece.plain) + 1))

    add([[Text(safe(name), style="bold")] for name in block.columns])
    out.append("\n" + "\u2500" * sum(w + 2 for w in widths))
    for row in cells:
        add([_wrapped(cell, widths[i]) for i, cell in enumerate(row)])
    return out


def _panels(block: Panels, width: int) -> RenderableType:
    """Records side by side when each gets 36 columns, else one panel each."""
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
    """The page for a terminal of this width (under 72 columns, tables are stacked)."""
    parts: list[RenderableType] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = "bold underline" if block.level == 1 else "bold"
            if parts and block.level > 1:
                parts.append(Text(""))
            parts.append(Text(safe(block.text), style=style))
        elif isinstance(block, Para):
            parts.append(Padding(_line(block.line), (0, 0, 0, block.indent)))
        elif isinstance(block, Panels):
            parts.append(_panels(block, width))
        elif isinstance(block, Bullets):
            for item in block.items:
                bullet = Text("\u2022 ")
                bullet.append_text(_line(item))
                parts.append(Padding(bullet, (0, 0, 0, 2)))
        elif isinstance(block, DocTable) and (width < 72 or not _fits(block, width)):
            parts.append(_stacked(block, width))
        elif isinstance(block, DocTable):
            parts.append(_grid(block, width))
        elif isinstance(block, QuoteBlock):
            if block.reported:
                body = Text("Reported: ", style="bold")
                body.append(safe(block.text))
            else:
                body = Text(f"\u201c{safe(block.text)}\u201d", style="italic")
            body.append("\n\u2014 ")
            body.append_text(_line(block.attribution))
            for extra in block.extra:
                body.append("\n")
                body.append_text(_line(extra))
            if block.card and width >= 72:
                parts.append(Panel(body, box=box.ROUNDED, padding=(0, 1)))
            elif block.card:  # narrow: no frame, so a long id is never cut at its edge
                parts.append(_whole_words(body, width))
                parts.append(Text(""))
            else:
                parts.append(Padding(body, (0, 0, 1, 2)))
        elif isinstance(block, SourceList):
            pad = len(str(len(block.entries))) + 2
            out = Text("Sources", style="bold", overflow="fold")
            for n, line, link, copy in block.entries:
                out.append("\n" + f"[{n}]".rjust(pad) + " ", style="dim")
                out.append(safe(line))
                if link:
                    out.append("\n" + " " * (pad + 1) + safe(link), style="dim")
                    if copy:
                        out.append(" (seen in a copy)", style="dim")
            parts.append(Text(""))
            parts.append(out)
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
