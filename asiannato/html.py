"""A ``doc.Doc`` as ONE self-contained HTML page: semantic HTML from a Jinja2 template with
autoescape on, an inline stylesheet (phone, light and dark, print), nothing fetched.

Jinja2 is imported only here, and only when a page is rendered: no other output pays for it.
Dataset text is always escaped by the template; the two kinds of trusted markup, the
stylesheet (our own constants) and a ``Figure``'s SVG (made by ``asiannato.chart``), are
marked safe explicitly.

Doc styles map to elements and classes: ``bold`` <strong>, ``italic`` <em>, ``dim``
<span class="dim">, ``hit`` <mark>, ``del``/``ins`` (a verify diff) <del>/<ins>,
``stance:NAME`` <span class="badge stance-NAME"> coloured from ``chart.STANCES``, ``link``
<a href> (only for http and https addresses). Source numbers such as "[3]" link to the
source list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asiannato.chart import STANCES
from asiannato.doc import (
    Block,
    Bullets,
    Doc,
    Heading,
    Line,
    Panels,
    Para,
    QuoteBlock,
    SourceList,
    Table,
)

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Figure:
    """A block of trusted SVG markup (from ``asiannato.chart.to_svg``) and a caption."""

    svg: str
    caption: str = ""


PageBlock = Block | Figure

_TAGS = {"bold": "strong", "italic": "em", "hit": "mark", "del": "del", "ins": "ins"}
_URL = re.compile(r"https?://[^\s<>\"']+\Z")
_CITES = re.compile(r"\[(\d+)\]")


def _href(text: str) -> str | None:
    """A link target, only for a web address: never ``javascript:`` or a file."""
    t = text.strip()
    return t if _URL.match(t) else None


def _piece(text: str, style: str, sources: set[int]) -> list[dict[str, Any]]:
    styles = set(style.split())
    stance = next((s.split(":", 1)[1] for s in styles if s.startswith("stance:")), None)
    if stance is not None:
        name = re.sub(r"[^a-z0-9-]", "", stance.lower()) or "unknown"
        return [{"text": text, "tag": "span", "cls": f"badge stance-{name}", "href": None}]
    if "link" in styles and (href := _href(text)):
        return [{"text": text, "tag": None, "cls": None, "href": href}]
    cls = "dim" if "dim" in styles else None
    tag = next((_TAGS[s] for s in ("bold", "italic", "hit", "del", "ins") if s in styles), None)
    if tag is None and cls:
        tag = "span"
    # source numbers "[3]" in a citation link to the source list
    if sources and _CITES.search(text) and not _CITES.sub("", text).strip():
        out = []
        for m in _CITES.finditer(text):
            n = int(m.group(1))
            if n in sources:
                out.append({"text": m.group(), "tag": None, "cls": cls, "href": f"#src-{n}"})
            else:
                out.append({"text": m.group(), "tag": tag, "cls": cls, "href": None})
        lead = text[: len(text) - len(text.lstrip())]
        if lead:
            out.insert(0, {"text": lead, "tag": None, "cls": None, "href": None})
        return out
    return [{"text": text, "tag": tag, "cls": cls, "href": None}]


def _line(line: Line, sources: set[int]) -> list[dict[str, Any]]:
    return [p for text, style in line for p in _piece(text, style, sources)]


def _block(b: PageBlock, sources: set[int]) -> dict[str, Any]:
    from markupsafe import Markup

    if isinstance(b, Heading):
        return {"kind": "heading", "text": b.text, "level": min(max(b.level, 1), 3)}
    if isinstance(b, Para):
        return {"kind": "para", "line": _line(b.line, sources), "indent": min(b.indent, 3)}
    if isinstance(b, Bullets):
        return {"kind": "bullets", "points": [_line(i, sources) for i in b.items]}
    if isinstance(b, Table):
        return {
            "kind": "table",
            "columns": b.columns,
            "rows": [[_line(c, sources) for c in row] for row in b.rows],
        }
    if isinstance(b, Panels):  # records side by side: one column each
        return {
            "kind": "table",
            "columns": ["", *b.titles],
            "rows": [
                [_line([(label, "")], sources)] + [_line(c, sources) for c in cells]
                for label, cells in zip(b.labels, b.cells, strict=False)
            ],
        }
    if isinstance(b, QuoteBlock):
        return {
            "kind": "quote",
            "text": b.text,
            "reported": b.reported,
            "attribution": _line(b.attribution, sources),
            "extra": [_line(e, sources) for e in b.extra],
        }
    if isinstance(b, SourceList):
        return {
            "kind": "sources",
            "entries": [
                {"number": n, "text": text, "href": _href(link or ""), "is_copy": copy}
                for n, text, link, copy in b.entries
            ],
        }
    if isinstance(b, Panels):  # records side by side: a table with a row per field
        return {
            "kind": "table",
            "columns": ["", *b.titles],
            "rows": [
                [_piece(label, "bold", sources), *(_line(c, sources) for c in cells)]
                for label, cells in zip(b.labels, b.cells, strict=True)
            ],
        }
    # a Figure: SVG made by asiannato.chart, trusted by construction
    return {"kind": "figure", "svg": Markup(b.svg), "caption": b.caption}


def stance_css() -> str:
    """Badge colours, one rule per stance, from the chart's palette."""
    return "\n".join(
        f".stance-{name} {{ background: {st.fill}; color: {st.ink}; }}"
        for name, st in STANCES.items()
    )


@cache
def _env() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template here writes HTML
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_html(
    content: Doc | Sequence[PageBlock],
    *,
    title: str,
    lang: str = "en",
    footer: str | None = None,
    extra_css: str = "",
) -> str:
    """The page. ``content``: a Doc, or a list of its blocks with ``Figure`` blocks put
    where a chart belongs. ``title`` goes in <title>, and in an <h1> unless the content
    starts with a level-1 heading. ``extra_css``: the name of one more stylesheet in
    ``templates`` (the brief's print layout), added after the page's own."""
    from markupsafe import Markup

    blocks: Sequence[PageBlock] = content.blocks if isinstance(content, Doc) else content
    sources = {n for b in blocks if isinstance(b, SourceList) for n, *_ in b.entries}
    own_heading = not (blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1)
    css = (TEMPLATES / "page.css").read_text(encoding="utf-8") + stance_css()
    if extra_css:
        css += "\n" + (TEMPLATES / extra_css).read_text(encoding="utf-8")
    template = _env().get_template("page.html.j2")
    return template.render(
        title=title,
        lang=lang,
        css=Markup(css),
        blocks=[_block(b, sources) for b in blocks],
        own_heading=own_heading,
        footer=footer,
    )


__all__ = ["Figure", "PageBlock", "render_html", "stance_css"]
