"""Pages and answers as text: JSON, Markdown, plain text (tab-separated rows for
pipes) and CSV.

JSON keeps dataset text exactly as it is (escaped by the encoder); Markdown and plain
text pass it through ``safe`` so nothing in the data can act on a terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asiannato import __version__
from asiannato.query.answer import Result
from asiannato.records import as_dict
from asiannato.textsafe import safe

if TYPE_CHECKING:
    from asiannato.doc import Doc, Line
    from asiannato.views.listing import Rows

JSON_SCHEMA_VERSION = 1


# --- JSON: built here, once, from any answer ---------------------------------------------


def to_json(answer: Result) -> str:
    """The versioned JSON document of an answer: the envelope every command's JSON has
    (the tool, the dataset, its date; null for packs that do not validate) around
    ``answer.to_dict()``, and the sources it cites."""
    info = answer.info
    doc: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "command": answer.command,
        "tool_version": __version__,
        "dataset": None
        if info is None
        else {
            "version": info.version,
            "as_of": info.as_of,
            "title": info.title,
            "origin": info.origin,  # the base layer's: records from other packs differ
        },
        "data_as_of": None if info is None else info.as_of,
        **answer.to_dict(),
        "sources": {i: as_dict(s) for i, s in sorted(answer.sources.items())},
    }
    return json_text(doc)


# json.dumps escapes C0 controls but leaves C1 controls, bidi overrides and zero-width
# characters raw: escape them too, so `cat`-ing the JSON cannot act on a terminal. The
# parsed text is unchanged (JSON \u escapes decode to the same characters).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def json_text(doc: Any) -> str:
    """``json.dumps(doc, ensure_ascii=False, indent=2)``, made safe to print."""
    text = "".join(_indented(doc))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _indented(doc: Any) -> list[str]:
    """The text of ``json.dumps(doc, ensure_ascii=False, indent=2)``, in pieces, about
    twice as fast: with an indent, json.dumps takes its pure-Python encoder, made of
    nested generators, and a long answer is thousands of values. Strings are escaped by
    json's own (C) escaper; ``tests/test_one_path.py`` holds the two to the same text."""
    out: list[str] = []
    put = out.append
    escape = json.encoder.encode_basestring

    def key(k: object) -> str:
        if isinstance(k, str):
            return str(escape(k))
        if k is True or k is False or k is None or isinstance(k, int | float):
            return '"' + json.dumps(k) + '"'
        raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")

    def value(o: object, indent: str) -> None:
        # the order of json's own encoder: bool before int, str subclasses (enums) as str
        if isinstance(o, str):
            put(escape(o))
        elif o is None:
            put("null")
        elif o is True:
            put("true")
        elif o is False:
            put("false")
        elif isinstance(o, int):
            put(int.__repr__(o))
        elif isinstance(o, float):
            put(json.dumps(o))
        elif isinstance(o, dict):
            if not o:
                put("{}")
                return
            inner = indent + "  "
            between = ",\n" + inner
            put("{\n" + inner)
            first = True
            for k, item in o.items():
                if first:
                    first = False
                else:
                    put(between)
                put((escape(k) if isinstance(k, str) else key(k)) + ": ")
                value(item, inner)
            put("\n" + indent + "}")
        elif isinstance(o, (list, tuple)):  # a tuple of types: quicker than list | tuple
            if not o:
                put("[]")
                return
            inner = indent + "  "
            between = ",\n" + inner
            put("[\n" + inner)
            first = True
            for item in o:
                if first:
                    first = False
                else:
                    put(between)
                value(item, inner)
            put("\n" + indent + "]")
        else:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    value(doc, "")
    return out


# --- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Dataset text for Markdown: shown literally, never as markup, links or HTML."""
    return " ".join(safe(text).translate(_MD_SPECIAL).split())


# --- plain text for pipes -------------------------------------------------------------


_ROW_BREAKERS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _cell(text: str | None) -> str:
    """A TSV cell: tabs and newlines would break the row, so they become spaces."""
    if not text:
        return ""
    if text.isascii() and text.isprintable():  # no tab, newline or control: as it is
        return text.strip()
    return safe(text).translate(_ROW_BREAKERS).strip()


def tsv(rows: Sequence[Sequence[str | None]]) -> str:
    return "".join("\t".join(_cell(c) for c in row) + "\n" for row in rows)


# --- the generic page model (asiannato.doc) -------------------------------------------


def _md_line(line: Line) -> str:
    out: list[str] = []
    for text, style in line:
        if style.startswith("stance:"):
            out.append(f"**{style.split(':', 1)[1]}**")
        elif style == "link":
            out.append(f"<{safe(text)}>")
        elif not text.strip():
            out.append(" " if text else "")
        else:
            # md() folds white space; keep one space at either end, where spans meet
            lead = " " if text[0].isspace() else ""
            trail = " " if text[-1].isspace() else ""
            mark = {"bold": "**", "hit": "**", "italic": "*"}.get(style, "")
            out.append(f"{lead}{mark}{md(text)}{mark}{trail}")
    return "".join(out)


def doc_to_markdown(doc: Doc) -> str:
    # imported here: lists in a pipe never build a page
    from asiannato.doc import Bullets, Heading, Panels, Para, QuoteBlock, SourceList
    from asiannato.doc import Table as DocTable

    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {md(block.text)}", ""]
        elif isinstance(block, Para):
            out += [_md_line(block.line), ""]
        elif isinstance(block, Bullets):
            out += [f"- {_md_line(item)}" for item in block.items] + [""]
        elif isinstance(block, Panels):
            for i, title in enumerate(block.titles):
                out += [f"## {md(title)}", ""]
                for label, cells in zip(block.labels, block.cells, strict=True):
                    out.append(f"- **{md(label)}:** {_md_line(cells[i])}")
                out.append("")
        elif isinstance(block, DocTable):
            out.append("| " + " | ".join(md(c) for c in block.columns) + " |")
            out.append("|" + "---|" * len(block.columns))
            for row in block.rows:
                out.append("| " + " | ".join(_md_line(cell) for cell in row) + " |")
            out.append("")
        elif isinstance(block, QuoteBlock):
            text = md(block.text) if block.reported else f"\u201c{md(block.text)}\u201d"
            prefix = "Reported: " if block.reported else ""
            out += [f"> {prefix}{text}", ">", f"> \u2014 {_md_line(block.attribution)}"]
            out += [f">\n> {_md_line(extra)}" for extra in block.extra] + [""]
            if block.card:
                out += ["---", ""]
        elif isinstance(block, SourceList):
            out += ["## Sources", ""]
            for n, line, link, copy in block.entries:
                seen = " (seen in a copy)" if copy else ""
                out.append(f"{n}. {md(line)}{seen}" + (f" <{safe(link)}>" if link else ""))
            out.append("")
    while out and out[-1] in ("", "---"):  # a rule separates cards; none ends the page
        out.pop()
    return "\n".join(out).rstrip("\n") + "\n"


def doc_to_text(doc: Doc) -> str:
    """Plain text for pipes: tables become tab-separated rows without a header."""
    from asiannato.doc import Bullets, Heading, Panels, Para, QuoteBlock, SourceList, text_of
    from asiannato.doc import Table as DocTable

    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            # a section ends its heading with a colon, so that `grep -A` finds it
            out.append(_cell(block.text) + (":" if block.level > 1 else ""))
        elif isinstance(block, Panels):
            for i, title in enumerate(block.titles):
                out.append(_cell(title))
                for label, cells in zip(block.labels, block.cells, strict=True):
                    value = " ".join(_cell(text_of(cells[i])).split())
                    out.append(f"  {label.lower()}: {value}")
                out.append("")
        elif isinstance(block, Para):
            out.append(" " * block.indent + _cell(text_of(block.line)))
        elif isinstance(block, Bullets):
            out += [f"  - {_cell(text_of(item))}" for item in block.items]
        elif isinstance(block, DocTable):
            out += ["\t".join(_cell(text_of(c)) for c in row) for row in block.rows]
        elif isinstance(block, QuoteBlock):
            text = _cell(block.text) if block.reported else f"\u201c{_cell(block.text)}\u201d"
            out.append(f"  {text} \u2014 {_cell(text_of(block.attribution))}")
            out += [f"    {_cell(text_of(extra))}" for extra in block.extra]
        elif isinstance(block, SourceList):
            out.append("Sources:")
            out += [
                f"  [{n}] {_cell(line)} {_cell(link)}{' (seen in a copy)' if copy else ''}".rstrip()
                for n, line, link, copy in block.entries
            ]
    return "\n".join(out) + "\n"


# --- CSV (RFC 4180, UTF-8) --------------------------------------------------------------


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with a header row and CRLF line ends. Cells are made terminal-safe (CSV has no
    escapes for control characters) but otherwise kept whole: no wrapping, no colour."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if c is None else _csv_cell(str(c)) for c in row])
    return buf.getvalue()


def _csv_cell(text: str) -> str:
    """Terminal-safe, and never a spreadsheet formula: text from a pack that begins
    with = + - @ would run as one when the file is opened, so it gets a leading
    apostrophe (the spreadsheet convention for "this is text")."""
    text = safe(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows_csv(rows: Rows) -> str:
    return csv_text(rows.header, rows.rows)


def rows_tsv(rows: Rows) -> str:
    """A list for a pipe: the CSV's columns, tab-separated, without the header."""
    return tsv([["" if c is None else str(c) for c in row] for row in rows.for_pipe()])
