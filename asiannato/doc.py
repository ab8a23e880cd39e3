"""A small document model: what a page says, independent of how it is drawn.

Every command's page is built once as a ``Doc`` (``views``); ``render.doc_to_rich``
draws it on a terminal and ``export.doc_to_markdown`` / ``export.doc_to_text`` write it
for documents and pipes, so the outputs cannot drift apart. A new format is one more
function over these blocks. Styles are semantic names, never Rich markup:
``bold``, ``dim``, ``italic``, ``hit`` (a search match), ``stance:<name>``, ``link``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from asiannato.records import record

Span = tuple[str, str]  # (text, style); style "" for plain text
Line = list[Span]


def plain(text: str) -> Line:
    return [(text, "")]


def styled(text: str, style: str) -> Line:
    return [(text, style)]


def join(parts: Iterable[Line], sep: str = "") -> Line:
    out: Line = []
    for i, part in enumerate(parts):
        if i and sep:
            out.append((sep, ""))
        out.extend(part)
    return out


def text_of(line: Line) -> str:
    return "".join(t for t, _ in line)


@record(frozen=False)
class Heading:
    text: str
    level: int = 1


@record(frozen=False)
class Para:
    line: Line
    indent: int = 0


@record(frozen=False)
class Bullets:
    items: list[Line]


@record(frozen=False)
class Table:
    columns: list[str]
    rows: list[list[Line]]
    # which columns may wrap (others stay on one line); by default the last one
    wrap: tuple[int, ...] = ()
    # relative widths of the wrapping columns, in the order of ``wrap`` (default: the
    # first column narrow, the others wide)
    ratios: tuple[int, ...] = ()


@record(frozen=False)
class QuoteBlock:
    text: str
    attribution: Line
    reported: bool = False  # reported speech is not put in quotation marks
    extra: list[Line] = field(default_factory=list)  # original text, gloss, notes
    card: bool = False  # a quote standing alone (a list of quotes): drawn as a card


@record(frozen=False)
class SourceList:
    entries: list[tuple[int, str, str | None, bool]]  # number, line, link, link is a copy


@record(frozen=False)
class Panels:
    """Records described field by field, side by side where there is room (a
    comparison), else one after another: ``cells[field][record]``."""

    titles: list[str]
    labels: list[str]
    cells: list[list[Line]]


Block = Heading | Para | Bullets | Table | QuoteBlock | SourceList | Panels


@record(frozen=False)
class Doc:
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)
