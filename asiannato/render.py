"""Results as Rich renderables for a terminal. Never prints.

Every piece of dataset text enters Rich as ``Text`` (through ``_t``), never as a markup
string: quotes contain editorial ``[brackets]`` that Rich would otherwise eat or obey.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from asiannato.doc import Bullets, Doc, Heading, Line, Para, QuoteBlock, SourceList, text_of
from asiannato.doc import Table as DocTable
from asiannato.model import Actor, Quote, Source, Term
from asiannato.query import ActorRow, Brief, Comparison
from asiannato.views import (
    KIND_LABEL,
    STANCE_STYLE,
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


def _t(text: str | None, style: str = "") -> Text:
    return Text(safe(text or ""), style=style)


def badge(stance: str) -> Text:
    """A stance as a coloured badge that still reads as the word without colour."""
    return Text(f" {stance.upper()} ", style=STANCE_STYLE.get(stance, "reverse"))


def _link(s: Source) -> Text | None:
    """A source's address, folded rather than cut: a URL must stay whole to be usable."""
    if not s.link:
        return None
    link = Text(safe(s.link), style="dim", overflow="fold")
    if not s.url:
        link.append(" (seen in a copy)", style="dim")
    return link


def _source_cell(s: Source) -> RenderableType:
    link = _link(s)
    title = _t(source_line(s))
    return Group(title, link) if link else title


def sources_block(bib: Bibliography) -> RenderableType:
    """The numbered source list. One Text, not a grid: with a hundred entries a grid
    of nested renderables costs more to lay out than the rest of the output."""
    entries = bib.entries()
    pad = len(str(len(entries))) + 2
    out = Text("Sources", style="bold", overflow="fold")
    for n, s in entries:
        out.append("\n" + f"[{n}]".rjust(pad) + " ", style="dim")
        out.append(safe(source_line(s)))
        if s.link:
            out.append("\n" + " " * (pad + 1) + safe(s.link), style="dim")
            if not s.url:
                out.append(" (seen in a copy)", style="dim")
    return out


KIND_TITLES = {"state": "States", "organization": "Organizations", "person": "People"}


def actors_table(
    rows: Sequence[ActorRow],
    bib: Bibliography,
    as_of: str,
    version: str,
    width: int = 100,
    hidden: int = 0,
    facts_to: str = "",
) -> RenderableType:
    footer = f"dataset {version}"
    if hidden:
        footer += f" \u00b7 {hidden} actors with no position on record not shown (--all)"
    when = as_of_text(as_of, facts_to)
    if width < 72:
        return _actors_list(rows, bib, when, footer)
    table = Table(
        box=box.SIMPLE_HEAD,
        title=Text(f"Who stands where on an \u201cAsian NATO\u201d ({when})", style="bold"),
        caption=Text(f"{footer} \u00b7 more: asiannato compare ID ID", style="dim"),
        expand=True,
    )
    table.add_column("Actor", ratio=3, min_width=10)
    table.add_column("Stance", no_wrap=True)
    table.add_column("Position", ratio=7, min_width=16)
    table.add_column("Since", no_wrap=True)
    table.add_column("Sources", width=7, style="dim", overflow="fold")
    kind = None
    for r in rows:
        if r.actor.kind != kind:
            if kind is not None:
                table.add_section()
            kind = r.actor.kind
            table.add_row(Text(KIND_TITLES.get(kind, kind), style="bold underline"))
        p = r.position
        name = _t(r.actor.name, "bold")
        if r.actor.native_name:
            name.append(" ")
            name.append(safe(r.actor.native_name))
        name.append("\n")
        name.append(r.actor.id, style="dim")
        stance = badge(p.stance if p else "undeclared")
        if p and p.named_as_threat:
            stance.append("\nnamed as\na threat", style="italic")
        summary = _t(p.one_line) if p else Text("No position in the dataset.", "dim")
        table.add_row(
            name,
            stance,
            summary,
            p.since if p else "",
            bib.compact(p.sources if p else r.actor.sources),
        )
    return Group(table, sources_block(bib))


def _actors_list(
    rows: Sequence[ActorRow], bib: Bibliography, when: str, footer: str
) -> RenderableType:
    """The actors table for a narrow terminal: one block per actor, nothing cut off."""
    parts: list[RenderableType] = [
        Text(f"Who stands where on an \u201cAsian NATO\u201d ({when})", style="bold")
    ]
    kind = None
    for r in rows:
        if r.actor.kind != kind:
            kind = r.actor.kind
            parts.append(Text("\n" + KIND_TITLES.get(kind, kind), style="bold underline"))
        p = r.position
        head = _t(r.actor.display_name, "bold")
        head.append(f" {r.actor.id} ", style="dim")
        head.append_text(badge(p.stance if p else "undeclared"))
        if p and p.named_as_threat:
            head.append(" named as a threat", style="italic")
        parts.append(head)
        if p:
            body = _t(p.one_line)
            body.append(f" (since {p.since}; sources {bib.compact(p.sources)})", style="dim")
        else:
            body = Text("No position in the dataset.", "dim")
        parts.append(Padding(body, (0, 0, 0, 2)))
    parts.append(Text(footer, style="dim"))
    parts.append(sources_block(bib))
    return Group(*parts)


def _terms_text(ids: Sequence[str], terms: dict[str, Term]) -> Text:
    labels = term_labels(ids, terms)
    return _t("\n".join(f"\u2022 {x}" for x in labels)) if labels else Text("\u2014", "dim")


def _quote_short(q: Quote | None, actors: dict[str, Actor], bib: Bibliography) -> Text:
    if q is None:
        return Text("\u2014", "dim")
    sp = actors.get(q.speaker)
    out = _t(f"\u201c{q.text}\u201d", "italic")
    out.append("\n\u2014 ")
    out.append(safe(sp.name if sp else q.speaker))
    role = speaker_role(q, sp)
    if role:
        out.append(f", {safe(role)}")
    out.append(
        f"\n{date_text(q.date, reported=q.date_is_report_date)}, {safe(q.venue)}", style="dim"
    )
    out.append(f" ({q.kind}) {bib.cite(q.sources)}", style="dim")
    return out


def _people_text(b: Brief, actors: dict[str, Actor], limit: int = 5) -> Text:
    if not b.people:
        return Text("\u2014", "dim")
    out = Text()
    for i, person in enumerate(b.people[:limit]):
        if i:
            out.append("\n")
        out.append(safe(person.actor.name), style="bold")
        for o in person.offices[:2]:
            out.append("\n  " + safe(office_text(o, actors)), style="dim")
    if len(b.people) > limit:
        out.append(f"\n+{len(b.people) - limit} more", style="dim")
    return out


def compare_view(
    cmp: Comparison,
    terms: dict[str, Term],
    actors: dict[str, Actor],
    bib: Bibliography,
    width: int,
    facts_to: str = "",
) -> RenderableType:
    n = len(cmp.briefs)
    side_by_side = width >= 36 * n + 14
    rows: list[tuple[str, list[Text]]] = []
    stance_cells = []
    for b in cmp.briefs:
        p = b.position
        cell = badge(p.stance if p else "undeclared")
        if p:
            cell.append(f"\nsince {p.since} {bib.cite(p.sources)}", style="dim")
            if p.named_as_threat:
                cell.append("\nnamed as a threat by proponents", style="italic")
        stance_cells.append(cell)
    rows.append(("Stance", stance_cells))
    if any(b.earlier for b in cmp.briefs):
        rows.append(
            (
                "Earlier",
                [
                    _t(history_text(b.earlier)) if b.earlier else Text("\u2014", "dim")
                    for b in cmp.briefs
                ],
            )
        )
    rows.append(
        (
            "Summary",
            [
                _t(b.position.summary) if b.position else Text("No position in the dataset.", "dim")
                for b in cmp.briefs
            ],
        )
    )
    for role, label in (
        ("reasons", "Reasons"),
        ("prefers", "Alternatives"),
        ("concerns", "Concerns"),
    ):
        rows.append(
            (
                label,
                [
                    _terms_text(getattr(b.position, role) if b.position else (), terms)
                    for b in cmp.briefs
                ],
            )
        )
    rows.append(("Key people", [_people_text(b, actors) for b in cmp.briefs]))
    rows.append(("Quote", [_quote_short(b.quote, actors, bib) for b in cmp.briefs]))
    rows.append(
        (
            "Frameworks",
            [
                _t(", ".join(f.label for f in b.frameworks))
                if b.frameworks
                else Text("\u2014", "dim")
                for b in cmp.briefs
            ],
        )
    )
    parts: list[RenderableType] = []
    names = " vs ".join(b.actor.name for b in cmp.briefs)
    title = _t(f"{names} ({as_of_text(cmp.as_of, facts_to)})", "bold")
    if side_by_side:
        table = Table(box=box.ROUNDED, show_lines=True, title=title, expand=True)
        table.add_column("", style="bold", no_wrap=True, width=12)
        for b in cmp.briefs:
            table.add_column(_t(b.actor.display_name, "bold"), ratio=1)
        for label, cells in rows:
            table.add_row(label, *cells)
        parts.append(table)
    else:
        parts.append(title)
        for i, b in enumerate(cmp.briefs):
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column()
            for label, cells in rows:
                grid.add_row(label, cells[i])
            parts.append(Panel(grid, title=_t(b.actor.display_name, "bold"), title_align="left"))
    agree, differ = agreement_lines(cmp, terms)
    parts.append(Text("Where they agree", style="bold green"))
    parts.append(Padding(_t("\n".join(f"\u2022 {x}" for x in agree)), (0, 0, 0, 2)))
    parts.append(Text("Where they differ", style="bold red"))
    parts.append(
        Padding(
            _t("\n".join(f"\u2022 {x}" for x in differ or ["No differences on record."])),
            (0, 0, 0, 2),
        )
    )
    parts.append(Text(""))
    parts.append(sources_block(bib))
    return Group(*parts)


def quote_card(q: Quote, actors: dict[str, Actor], srcs: dict[str, Source]) -> RenderableType:
    sp = actors.get(q.speaker)
    if q.kind == "reported":
        # Reported speech is the outlet's wording, not the speaker's: no quotation marks.
        body = Text("Reported: ", style="bold")
        body.append(safe(q.text))
    else:
        body = _t(f"\u201c{q.text}\u201d", "italic")
    lines: list[RenderableType] = [body]
    who = Text("\u2014 ")
    who.append(safe(sp.display_name if sp else q.speaker), style="bold")
    role = speaker_role(q, sp)
    if role:
        who.append(f", {safe(role)}")
    lines.append(who)
    meta = Text(date_text(q.date, reported=q.date_is_report_date), style="cyan")
    meta.append(" \u00b7 ")
    meta.append(safe(q.venue))
    lines.append(meta)
    kind = KIND_LABEL[q.kind]
    if q.kind == "translation":
        kind += f" from {language_name(q.original_language)}"
    elif q.language and q.language != "en":
        kind += f" in {language_name(q.language)}"
    lines.append(Text(kind, style="magenta" if q.kind != "direct" else "green"))
    if q.original_text:
        orig = Text("Original: ", style="dim")
        orig.append(safe(q.original_text))
        lines.append(orig)
    if q.gloss:
        gloss = Text("Gloss (our paraphrase, not a quote): ", style="dim")
        gloss.append(safe(q.gloss))
        lines.append(gloss)
    if q.note:
        note = Text("Note: ", style="dim")
        note.append(safe(q.note), style="dim")
        lines.append(note)
    for sid in q.sources:
        s = srcs.get(sid)
        if s is None:
            continue
        src = Text("Source: ", style="dim")
        src.append(safe(source_line(s)))
        lines.append(src)
        link = _link(s)
        if link:
            lines.append(Padding(link, (0, 0, 0, 8)))
    # The id goes inside the card, where it folds rather than being cut off at a
    # narrow width: it is what `asiannato cite` takes.
    lines.append(Text(f"cite: asiannato cite {q.id}", style="dim", overflow="fold"))
    return Panel(Group(*lines), box=box.ROUNDED, padding=(0, 1))


# --- the generic page model (asiannato.doc) -------------------------------------------

_DOC_STYLE = {
    "bold": "bold",
    "dim": "dim",
    "italic": "italic",
    "hit": "bold underline",
    "link": "dim",
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


def _stacked(block: DocTable) -> RenderableType:
    """A table for a narrow terminal: one block per row, the first cell leading and the
    others below it, so no column is squeezed to a few letters."""
    parts: list[RenderableType] = []
    for row in block.rows:
        head = _line(row[0])
        head.stylize("bold")
        body = Text(overflow="fold")
        for name, cell in zip(block.columns[1:], row[1:], strict=True):
            if not text_of(cell).strip():
                continue
            if body:
                body.append("\n")
            if name:
                body.append(f"{name}: ", style="dim")
            body.append_text(_line(cell))
        parts.append(head)
        if body:
            parts.append(Padding(body, (0, 0, 0, 2)))
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
        elif isinstance(block, Bullets):
            for item in block.items:
                bullet = Text("\u2022 ")
                bullet.append_text(_line(item))
                parts.append(Padding(bullet, (0, 0, 0, 2)))
        elif isinstance(block, DocTable) and width < 72:
            parts.append(_stacked(block))
        elif isinstance(block, DocTable):
            table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False)
            last = len(block.columns) - 1
            wrap = block.wrap or (last,)
            for i, name in enumerate(block.columns):
                # the first column, when it may wrap, only needs room for a date or a name;
                # no column is narrower than its longest word, so words are never cut
                if i in wrap and block.ratios:
                    ratio: int | None = block.ratios[wrap.index(i)]
                else:
                    ratio = (1 if i == 0 else 3) if i in wrap else None
                longest = max(
                    (len(w) for row in block.rows for w in text_of(row[i]).split()), default=0
                )
                table.add_column(
                    name, no_wrap=i not in wrap, ratio=ratio, min_width=min(longest, 24) or None
                )
            for row in block.rows:
                table.add_row(*(_line(cell) for cell in row))
            parts.append(table)
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
