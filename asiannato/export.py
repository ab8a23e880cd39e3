"""Results as JSON, Markdown and plain text (tab-separated rows for pipes).

JSON keeps dataset text exactly as it is (escaped by the encoder); Markdown and plain
text pass it through ``views.safe`` so nothing in the data can act on a terminal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from asiannato import __version__
from asiannato.model import Actor, DatasetInfo, Position, Quote, Source, Term
from asiannato.query import ActorRow, Comparison
from asiannato.views import (
    KIND_LABEL,
    Bibliography,
    agreement_lines,
    as_of_text,
    date_text,
    history_text,
    language_name,
    office_text,
    safe,
    source_line,
    speaker_role,
    term_labels,
)

if TYPE_CHECKING:
    from asiannato.doc import Doc, Line

JSON_SCHEMA_VERSION = 1


# --- JSON ---------------------------------------------------------------------------


def envelope(
    command: str,
    info: DatasetInfo,
    query: dict[str, Any],
    results: list[Any],
    sources: dict[str, Source],
    **extra: Any,
) -> str:
    doc: dict[str, Any] = {
        "schema_version": JSON_SCHEMA_VERSION,
        "command": command,
        "tool_version": __version__,
        "dataset": {"version": info.version, "as_of": info.as_of, "title": info.title},
        "query": query,
        "count": len(results),
        "results": results,
        **extra,
        "sources": {i: asdict(s) for i, s in sorted(sources.items())},
    }
    return json_text(doc)


# json.dumps escapes C0 controls but leaves C1 controls, bidi overrides and zero-width
# characters raw: escape them too, so `cat`-ing the JSON cannot act on a terminal. The
# parsed text is unchanged (JSON \u escapes decode to the same characters).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def json_text(doc: Any) -> str:
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def actor_dict(a: Actor) -> dict[str, Any]:
    return asdict(a)


def position_dict(p: Position | None, terms: dict[str, Term]) -> dict[str, Any] | None:
    if p is None:
        return None
    d = asdict(p)
    for role in ("reasons", "prefers", "concerns"):
        d[role] = [
            {"id": t, "label": terms[t].label if t in terms else t} for t in getattr(p, role)
        ]
    return d


def quote_dict(q: Quote, speakers: dict[str, Actor]) -> dict[str, Any]:
    d = asdict(q)
    sp = speakers.get(q.speaker)
    d["speaker"] = {
        "id": q.speaker,
        "name": sp.name if sp else q.speaker,
        "native_name": sp.native_name if sp else None,
        "role_at_the_time": speaker_role(q, sp),
    }
    return d


# --- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Dataset text for Markdown: shown literally, never as markup, links or HTML."""
    return " ".join(safe(text).translate(_MD_SPECIAL).split())


def md_sources(bib: Bibliography) -> list[str]:
    lines = ["", "## Sources", ""]
    for n, s in bib.entries():
        link = s.link
        seen = " (seen in a copy)" if not s.url and s.seen_at else ""
        lines.append(f"{n}. {md(source_line(s))}{seen}" + (f" <{safe(link)}>" if link else ""))
    return lines


def actors_markdown(
    rows: Sequence[ActorRow], bib: Bibliography, info: DatasetInfo, as_of: str
) -> str:
    out = [
        "# Who stands where on an \u201cAsian NATO\u201d",
        "",
        f"Positions as of {as_of}; dataset {info.version} (facts to {info.as_of}).",
        "",
        "| Actor | Kind | Stance | Position | Since | Sources |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        p = r.position
        name = md(r.actor.display_name) + f" (`{r.actor.id}`)"
        stance = p.stance if p else "undeclared"
        if p and p.named_as_threat:
            stance += ", named as a threat"
        summary = md(p.one_line) if p else "No position in the dataset."
        cite = bib.cite(p.sources) if p else bib.cite(r.actor.sources)
        out.append(
            f"| {name} | {r.actor.kind} | **{stance}** | {summary} | "
            f"{p.since if p else ''} | {cite} |"
        )
    out += md_sources(bib)
    return "\n".join(out) + "\n"


def compare_markdown(
    cmp: Comparison,
    terms: dict[str, Term],
    actors: dict[str, Actor],
    bib: Bibliography,
    facts_to: str = "",
) -> str:
    names = [md(b.actor.name) for b in cmp.briefs]
    out = [f"# {' vs '.join(names)}", "", f"Positions {as_of_text(cmp.as_of, facts_to)}.", ""]
    for b in cmp.briefs:
        p = b.position
        out += [f"## {md(b.actor.display_name)}", ""]
        if p is None:
            out += ["No position in the dataset.", ""]
        else:
            threat = " (named by proponents as a threat)" if p.named_as_threat else ""
            out += [
                f"**Stance:** {p.stance}{threat}, since {p.since} {bib.cite(p.sources)}",
                "",
                md(p.summary),
                "",
            ]
            if b.earlier:
                out += [f"**Earlier:** {history_text(b.earlier)}", ""]
            for role, label in (
                ("reasons", "Reasons"),
                ("prefers", "Prefers instead"),
                ("concerns", "Concerns"),
            ):
                vals = term_labels(getattr(p, role), terms)
                out.append(f"- **{label}:** {md(', '.join(vals)) if vals else '(none on record)'}")
            out.append("")
        if b.people:
            out.append("**Key people:**")
            out.append("")
            for person in b.people:
                offices = "; ".join(md(office_text(o, actors)) for o in person.offices)
                out.append(f"- {md(person.actor.display_name)}: {offices or 'no office on record'}")
            out.append("")
        if b.quote:
            q = b.quote
            sp = actors.get(q.speaker)
            said_as = speaker_role(q, sp)
            who = md(sp.name if sp else q.speaker) + (f", {md(said_as)}" if said_as else "")
            out += [
                f"> {md(q.text)}",
                ">",
                f"> \u2014 {who}, {date_text(q.date, reported=q.date_is_report_date)}, "
                f"{md(q.venue)} ({KIND_LABEL[q.kind]}) {bib.cite(q.sources)}",
                "",
            ]
        fws = ", ".join(md(f.label) for f in b.frameworks) or "none in the dataset"
        out += [f"**Frameworks:** {fws}", ""]
    agree, differ = agreement_lines(cmp, terms)
    out += ["## Where they agree", ""] + [f"- {md(line)}" for line in agree]
    out += ["", "## Where they differ", ""] + [
        f"- {md(line)}" for line in differ or ["No differences on record."]
    ]
    out += md_sources(bib)
    return "\n".join(out) + "\n"


def quotes_markdown(
    quotes: Sequence[Quote], actors: dict[str, Actor], bib: Bibliography, title: str
) -> str:
    out = [f"# {md(title)}", ""]
    for q in quotes:
        sp = actors.get(q.speaker)
        role = speaker_role(q, sp)
        who = md(sp.display_name if sp else q.speaker) + (f", {md(role)}" if role else "")
        kind = KIND_LABEL[q.kind]
        if q.kind == "translation":
            kind += f" from {language_name(q.original_language)}"
        out += [
            f"> {md(q.text)}",
            ">",
            f"> \u2014 {who}; {date_text(q.date, reported=q.date_is_report_date)}; {md(q.venue)}",
            "",
            f"*{kind}* {bib.cite(q.sources)}",
        ]
        if q.original_text:
            out += ["", f"Original ({language_name(q.original_language)}): {md(q.original_text)}"]
        if q.gloss:
            out += ["", f"Gloss (our paraphrase, not a quote): {md(q.gloss)}"]
        if q.note:
            out += ["", f"Note: {md(q.note)}"]
        out += ["", "---", ""]
    out += md_sources(bib)
    return "\n".join(out) + "\n"


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


def actors_tsv(rows: Sequence[ActorRow]) -> str:
    return tsv(
        [
            (
                r.actor.id,
                r.actor.name,
                r.actor.kind,
                r.position.stance if r.position else "undeclared",
                r.position.since if r.position else "",
                r.position.one_line if r.position else "",
                ",".join(r.position.sources if r.position else r.actor.sources),
            )
            for r in rows
        ]
    )


def quotes_tsv(quotes: Sequence[Quote], actors: dict[str, Actor], srcs: dict[str, Source]) -> str:
    rows = []
    for q in quotes:
        sp = actors.get(q.speaker)
        first = srcs.get(q.sources[0]) if q.sources else None
        rows.append(
            (
                q.date or "",
                sp.name if sp else q.speaker,
                speaker_role(q, sp),
                q.kind,
                q.text,
                q.venue,
                first.outlet if first else "",
                first.link if first else "",
                q.id,
            )
        )
    return tsv(rows)


def compare_text(
    cmp: Comparison, terms: dict[str, Term], actors: dict[str, Actor], bib: Bibliography
) -> str:
    out: list[str] = []
    for b in cmp.briefs:
        p = b.position
        out.append(_cell(b.actor.display_name))
        if p:
            threat = ", named as a threat" if p.named_as_threat else ""
            out.append(f"  stance: {p.stance}{threat} (since {p.since}) {bib.cite(p.sources)}")
            if b.earlier:
                out.append(f"  earlier: {history_text(b.earlier)}")
            out.append(f"  summary: {_cell(p.summary)}")
            for role, label in (
                ("reasons", "reasons"),
                ("prefers", "prefers instead"),
                ("concerns", "concerns"),
            ):
                out.append(
                    f"  {label}: {_cell(', '.join(term_labels(getattr(p, role), terms))) or '-'}"
                )
        else:
            out.append("  stance: undeclared (no position in the dataset)")
        for person in b.people:
            offices = "; ".join(office_text(o, actors) for o in person.offices)
            out.append(f"  person: {_cell(person.actor.display_name)}: {_cell(offices)}")
        if b.quote:
            q = b.quote
            sp = actors.get(q.speaker)
            out.append(
                f"  quote: \u201c{_cell(q.text)}\u201d "
                f"\u2014 {_cell(sp.name if sp else q.speaker)}, "
                f"{date_text(q.date)}, {_cell(q.venue)} ({q.kind}) {bib.cite(q.sources)}"
            )
        out.append(f"  frameworks: {', '.join(f.label for f in b.frameworks) or '-'}")
        out.append("")
    agree, differ = agreement_lines(cmp, terms)
    out += ["Where they agree:"] + [f"  - {_cell(x)}" for x in agree]
    out += ["Where they differ:"] + [
        f"  - {_cell(x)}" for x in differ or ["No differences on record."]
    ]
    out += ["", "Sources:"]
    out += [f"  [{n}] {_cell(source_line(s))} {_cell(s.link)}".rstrip() for n, s in bib.entries()]
    return "\n".join(out) + "\n"


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
    # imported here: the core commands' plain output does not need the page model
    from asiannato.doc import Bullets, Heading, Para, QuoteBlock, SourceList
    from asiannato.doc import Table as DocTable

    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * block.level} {md(block.text)}", ""]
        elif isinstance(block, Para):
            out += [_md_line(block.line), ""]
        elif isinstance(block, Bullets):
            out += [f"- {_md_line(item)}" for item in block.items] + [""]
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
        elif isinstance(block, SourceList):
            out += ["## Sources", ""]
            for n, line, link, copy in block.entries:
                seen = " (seen in a copy)" if copy else ""
                out.append(f"{n}. {md(line)}{seen}" + (f" <{safe(link)}>" if link else ""))
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def doc_to_text(doc: Doc) -> str:
    """Plain text for pipes: tables become tab-separated rows without a header."""
    from asiannato.doc import Bullets, Heading, Para, QuoteBlock, SourceList, text_of
    from asiannato.doc import Table as DocTable

    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(_cell(block.text))
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
                f"  [{n}] {_cell(line)} {_cell(link)}".rstrip()
                for n, line, link, _ in block.entries
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


def actors_csv(rows: Sequence[ActorRow], as_of: str) -> str:
    return csv_text(
        ["id", "name", "native_name", "kind", "stance", "named_as_threat", "since", "headline",
         "summary", "sources", "as_of"],
        [
            [r.actor.id, r.actor.name, r.actor.native_name, r.actor.kind,
             r.position.stance if r.position else "undeclared",
             "yes" if r.position and r.position.named_as_threat else "no",
             r.position.since if r.position else "", r.position.one_line if r.position else "",
             r.position.summary if r.position else "",
             " ".join(r.position.sources if r.position else r.actor.sources), as_of]
            for r in rows
        ],
    )  # fmt: skip


def quotes_csv(quotes: Sequence[Quote], actors: dict[str, Actor], srcs: dict[str, Source]) -> str:
    rows = []
    for q in quotes:
        sp = actors.get(q.speaker)
        first = srcs.get(q.sources[0]) if q.sources else None
        rows.append(
            [q.id, q.date, q.speaker, sp.name if sp else q.speaker, speaker_role(q, sp), q.kind,
             q.language or "en", q.text, q.original_text, q.venue, " ".join(q.sources),
             first.outlet if first else "", first.link if first else ""]
        )  # fmt: skip
    return csv_text(
        ["id", "date", "speaker_id", "speaker", "role", "kind", "language", "text",
         "original_text", "venue", "sources", "source_outlet", "source_url"],
        rows,
    )  # fmt: skip
