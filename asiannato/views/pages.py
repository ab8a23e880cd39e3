"""Every answer as a page (``doc.Doc``): what it says, in what order, with which
labels, once for every format that draws pages (terminal, Markdown, plain text)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asiannato.doc import (
    Bullets,
    Doc,
    Heading,
    Line,
    Panels,
    Para,
    QuoteBlock,
    SourceList,
    Table,
    join,
    plain,
    styled,
)
from asiannato.model import (
    STANCE_SCOPE,
    Actor,
    Event,
    Framework,
    Position,
    Quote,
    Role,
    Source,
    Term,
)
from asiannato.query.answer import speaker_role
from asiannato.query.core import ActorRow
from asiannato.views.labels import (
    COPY,
    KIND_LABEL,
    KIND_PLURAL,
    KIND_TITLES,
    ROLE_TITLE,
    Bibliography,
    as_of_text,
    bibliography,
    data_to_text,
    date_text,
    dispute_text,
    disputed,
    event_date,
    history_text,
    human_date,
    language_name,
    office_text,
    source_line,
    term_labels,
)
from asiannato.views.origins import Marks, row_origin

if TYPE_CHECKING:
    from asiannato.query.actor import ActorList, ActorProfile
    from asiannato.query.brief import Briefing
    from asiannato.query.comparison import ComparisonAnswer
    from asiannato.query.glossary import Glossary
    from asiannato.query.quotes import QuoteList
    from asiannato.query.reference import (
        ArgumentList,
        FrameworkList,
        FrameworkPage,
        SearchAnswer,
        SourceIndex,
        SourcePage,
        Timeline,
    )
    from asiannato.query.verification import VerifyAnswer


def _sources(bib: Bibliography) -> SourceList:
    return SourceList([(n, source_line(s), s.link, s.is_copy) for n, s in bib.entries()])


def _cite(bib: Bibliography, ids: Sequence[str]) -> Line:
    text = bib.cite(ids)
    return styled(f" {text}", "dim") if text else []


def _kind(q: Quote) -> str:
    kind = KIND_LABEL[q.kind]
    if q.kind == "translation":
        kind += f" from {language_name(q.original_language)}"
    elif q.language and q.language != "en":
        kind += f" in {language_name(q.language)}"
    return kind


def _when(q: Quote) -> str:
    d = disputed(q.disputes, "date")
    when = date_text(q.date, reported=q.date_is_report_date)
    return f"{when} ({dispute_text(d)})" if d else when


def _events(
    doc: Doc, events: Sequence[Event], bib: Bibliography, marks: Marks | None = None
) -> None:
    """An "Events" section: date and title (marked when from a pack), with sources."""
    if events:
        doc.add(Heading("Events", 2))
        rows = [
            [
                plain(event_date(e)),
                plain(e.title) + (marks.span(e.origin) if marks else []) + _cite(bib, e.sources),
            ]
            for e in events
        ]
        doc.add(Table(["Date", "Event"], rows))


def quote_attribution(
    q: Quote, speaker: Actor | None, bib: Bibliography | None, marks: Marks | None = None
) -> Line:
    who = speaker.display_name if speaker else q.speaker
    role = speaker_role(q, speaker)
    line = join(
        [
            styled(who, "bold"),
            marks.span(q.origin) if marks is not None else [],
            plain(f", {role}" if role else ""),
            styled(f" \u00b7 {_when(q)} \u00b7 {q.venue} \u00b7 {_kind(q)}", "dim"),
        ]
    )
    if bib is not None:
        line += _cite(bib, q.sources)
    return line


def _quote_notes(q: Quote) -> list[Line]:
    """The original words, our gloss and the dataset's note, under a quote."""
    extra: list[Line] = []
    if q.original_text:
        lang = language_name(q.original_language)
        extra.append(join([styled(f"Original ({lang}): ", "dim"), plain(q.original_text)]))
    if q.gloss:
        extra.append(join([styled("Gloss (our paraphrase, not a quote): ", "dim"), plain(q.gloss)]))
    if q.note:
        extra.append(join([styled("Note: ", "dim"), styled(q.note, "dim")]))
    return extra


def quote_block(
    q: Quote, speakers: dict[str, Actor], bib: Bibliography | None, marks: Marks | None = None
) -> QuoteBlock:
    return QuoteBlock(
        q.text,
        quote_attribution(q, speakers.get(q.speaker), bib, marks),
        reported=q.kind == "reported",
        extra=_quote_notes(q),
    )


def quote_card(
    q: Quote, speakers: dict[str, Actor], srcs: dict[str, Source], marks: Marks | None = None
) -> QuoteBlock:
    """A quote standing alone: who, then when and where, what kind of words, notes, its
    sources in full, and the id to cite it by (and a mark when it comes from a pack)."""
    speaker = speakers.get(q.speaker)
    role = speaker_role(q, speaker)
    who = styled(speaker.display_name if speaker else q.speaker, "bold")
    if marks is not None:
        who += marks.span(q.origin)
    extra = [
        styled(f"{_when(q)} \u00b7 {q.venue}", "dim"),
        styled(_kind(q), "italic" if q.kind != "direct" else ""),
        *_quote_notes(q),
        *_source_lines(q, srcs),
        styled(f"cite: asiannato cite {q.id}", "dim"),
    ]
    return QuoteBlock(
        q.text,
        who + plain(f", {role}" if role else ""),
        reported=q.kind == "reported",
        extra=extra,
        card=True,
    )


# --- actor profile ------------------------------------------------------------------------


def profile_page(r: ActorProfile) -> Doc:
    p, terms, names, facts_to = r.profile, r.terms, r.names, r.info.as_of
    actor = p.actor
    bib = bibliography(r.cited(), r.sources)
    doc = Doc()
    marks = Marks(r.info.origin)
    doc.add(Heading(actor.display_name))
    facts = [styled(actor.kind, "dim"), styled(f" \u00b7 id {actor.id}", "dim")]
    facts.append(marks.span(actor.origin))
    if actor.aliases:
        facts.append(styled(f" \u00b7 also: {', '.join(actor.aliases)}", "dim"))
    doc.add(Para(join(facts) + _cite(bib, actor.sources)))
    if actor.description:
        doc.add(Para(plain(actor.description)))
    if actor.kind == "person":
        doc.add(Heading("Offices", 2))
        if actor.offices:
            rows = []
            for o in actor.offices:
                of = p.office_of.get(o.of or "", "")
                held = styled("in office" if o.held_on(p.as_of) else "", "dim")
                rows.append([plain(o.title), plain(of), plain(o.term()), held])
            doc.add(Table(["Office", "Of", "Term", p.as_of], rows, wrap=(0, 1), ratios=(3, 2)))
        else:
            doc.add(Para(styled("No office on record.", "dim")))
    doc.add(Heading(f"Stance over time ({as_of_text(p.as_of, facts_to)})", 2))
    if not p.positions:
        doc.add(Para(styled("No sourced position in the dataset.", "dim")))
    rows = []
    for pos in p.positions:
        marker = "\u2190 in force" if pos is p.current or pos == p.current else ""
        rows.append(
            [
                plain(pos.since),
                styled(pos.stance, f"stance:{pos.stance}"),
                plain(pos.one_line) + marks.span(pos.origin),
                styled(marker, "bold"),
            ]
        )
    if rows:
        doc.add(Table(["Since", "Stance", "Position", ""], rows, wrap=(2,)))
    cur = p.current
    if cur is not None:
        threat = (
            " Proponents name this actor as a threat the pact would deter."
            if cur.named_as_threat
            else ""
        )
        doc.add(Para(plain(cur.summary + threat) + _cite(bib, cur.sources)))
        items = []
        for role, label in ROLE_TITLE.items():
            labels = term_labels(getattr(cur, role), terms)
            if labels:
                items.append(join([styled(f"{label}: ", "bold"), plain(", ".join(labels))]))
        if items:
            doc.add(Bullets(items))
    elif p.positions:
        doc.add(Para(styled(f"No position had begun by {p.as_of}.", "dim")))
    if p.officials:
        doc.add(Heading("People and offices", 2))
        rows = []
        for off in p.officials:
            for i, o in enumerate(off.offices):
                rows.append(
                    [
                        styled(off.person.display_name, "bold") if i == 0 else plain(""),
                        plain(o.title),
                        plain(o.term()),
                        styled("in office" if o.held_on(p.as_of) else "", "dim"),
                    ]
                )
        doc.add(Table(["Person", "Office", "Term", f"{p.as_of}"], rows, wrap=(0, 1), ratios=(2, 3)))
    if p.quotes:
        doc.add(Heading(f"Quotes ({len(p.quotes)})", 2))
        for q in p.quotes:
            doc.add(quote_block(q, names, bib, marks))
    _events(doc, p.events, bib, marks)
    if p.frameworks:
        whose = f" ({p.affiliation.name})" if actor.kind == "person" and p.affiliation else ""
        doc.add(Heading(f"Frameworks{whose}", 2))
        doc.add(
            Bullets(
                [
                    (plain(f"{fw.label}: {fw.name}") if fw.short_name else plain(fw.name))
                    + marks.span(fw.origin)
                    for fw in p.frameworks
                ]
            )
        )
    if p.arguments:
        doc.add(Heading("Arguments made", 2))
        doc.add(
            Bullets(
                [
                    join(
                        [styled(f"{arg.side}: ", "bold"), plain(arg.title), marks.span(arg.origin)]
                    )
                    for arg in p.arguments
                ]
            )
        )
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


# --- frameworks ---------------------------------------------------------------------------


def _members_text(fw: Framework, names: dict[str, Actor]) -> str:
    listed = [names[m.actor].name for m in fw.members if m.actor in names and not m.left]
    text = ", ".join(listed)
    if fw.member_count is not None and fw.member_count != len(listed):
        text = f"{fw.member_count} members" + (f", including {text}" if text else "")
    return text or "none"


def _founded_text(fw: Framework) -> str:
    """When it was founded, and every other date the sources disagree on (ANZUS came into
    force on 28 or 29 April 1952, depending on the source)."""
    text = human_date(fw.founded) if fw.founded else "\u2014"
    for d in fw.disputes:
        text += f"\n({d.field.replace('_', ' ')} {dispute_text(d)})"
    return text


def frameworks_page(r: FrameworkList) -> Doc:
    fws, names = r.frameworks, r.names
    doc = Doc([Heading("Existing and past security arrangements")])
    marks = Marks(r.info.origin)
    rows = []
    for fw in fws:
        status = fw.status + (f" ({human_date(fw.ended)})" if fw.ended else "")
        rows.append(
            [
                join(
                    [styled(fw.label, "bold"), marks.span(fw.origin), styled(f"\n{fw.id}", "dim")]
                ),
                plain(_founded_text(fw)),
                plain("yes" if fw.collective_defense else "no"),
                plain(_members_text(fw, names)),
                plain(status),
            ]
        )
    doc.add(
        Table(
            ["Framework", "Founded", "Defence clause", "Members now", "Status"], rows, wrap=(0, 3)
        )
    )
    _add_legend(doc, marks)
    return doc


def framework_page(r: FrameworkPage) -> Doc:
    d = r.detail
    fw = d.framework
    bib = bibliography(r.cited(), r.sources)
    doc = Doc([Heading(f"{fw.name}" + (f" ({fw.short_name})" if fw.short_name else ""))])
    marks = Marks(r.info.origin)
    doc.add(
        Para(
            styled(f"id {fw.id} \u00b7 status: {fw.status}", "dim")
            + marks.span(fw.origin)
            + _cite(bib, fw.sources)
        )
    )
    if fw.summary:
        doc.add(Para(plain(fw.summary)))
    facts: list[Line] = []
    if fw.founded:
        facts.append(join([styled("Founded: ", "bold"), plain(human_date(fw.founded))]))
    if fw.founding_document:
        facts.append(join([styled("Founding document: ", "bold"), plain(fw.founding_document)]))
    in_force = disputed(fw.disputes, "in_force")
    if fw.in_force or in_force:
        value = human_date(fw.in_force) if fw.in_force else ""
        if in_force:
            value = f"{value} ({dispute_text(in_force)})" if value else dispute_text(in_force)
        facts.append(join([styled("In force: ", "bold"), plain(value)]))
    clause = "yes" if fw.collective_defense else "no"
    if fw.collective_defense_clause:
        clause += f" \u2014 {fw.collective_defense_clause}"
    facts.append(join([styled("Collective-defence clause: ", "bold"), plain(clause)]))
    if fw.ended:
        facts.append(join([styled("Ended: ", "bold"), plain(human_date(fw.ended))]))
    for dispute in fw.disputes:
        if dispute.field != "in_force":
            facts.append(join([styled(f"{dispute.field}: ", "bold"), plain(dispute_text(dispute))]))
    doc.add(Bullets(facts))
    for dispute in fw.disputes:
        if dispute.note:
            doc.add(
                Para(
                    styled(
                        f"On the {dispute.field.replace('_', ' ')} dispute: {dispute.note}", "dim"
                    )
                    + _cite(bib, dispute.sources)
                )
            )
    doc.add(Heading("Members", 2))
    if d.members:
        rows = [
            [
                plain(a.name),
                plain(human_date(j) if j else "\u2014"),
                plain(human_date(left) if left else ""),
            ]
            for a, j, left in d.members
        ]
        doc.add(Table(["Member", "Joined", "Left"], rows, wrap=(0,)))
    if fw.member_count is not None:
        doc.add(
            Para(
                styled(
                    f"{fw.member_count} members today; the table lists those in this dataset.",
                    "dim",
                )
            )
        )
    _events(doc, d.events, bib, marks)
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


# --- timeline -----------------------------------------------------------------------------


def timeline_page(r: Timeline) -> Doc:
    events, names = r.events, r.names
    bib = bibliography([e.sources for e in events], r.sources)
    span = " ".join(
        x for x in (f"from {r.since}" if r.since else "", f"to {r.until}" if r.until else "") if x
    )
    title = "Timeline" + (f" {span}" if span else "")
    rows = []
    marks = Marks(r.info.origin)
    for e in events:
        who = ", ".join(names[a].name for a in e.actors if a in names)
        rows.append(
            [
                plain(event_date(e)),
                plain(e.title) + marks.span(e.origin),
                styled(who, "dim"),
                styled(bib.compact(e.sources), "dim"),
            ]
        )
    doc = Doc([Heading(title), Table(["Date", "Event", "Actors", "Sources"], rows, wrap=(0, 1, 2))])
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


# --- arguments ----------------------------------------------------------------------------


def arguments_page(r: ArgumentList) -> Doc:
    args, names, quotes, terms = r.arguments, r.names, r.quotes, r.terms
    cited: list[Sequence[str]] = []
    for arg in args:
        cited.append(arg.sources)
        cited += [quotes[q].sources for q in arg.quotes if q in quotes]
    bib = bibliography(cited, r.sources)
    doc = Doc([Heading("The arguments")])
    marks = Marks(r.info.origin)
    for side, title in (("for", "For an Asian NATO"), ("against", "Against, or not now")):
        mine = [x for x in args if x.side == side]
        if not mine:
            continue
        doc.add(Heading(title, 2))
        for x in mine:
            doc.add(Para(styled(x.title, "bold") + marks.span(x.origin) + _cite(bib, x.sources)))
            doc.add(Para(plain(x.summary), indent=2))
            who = ", ".join([*(names[x].name for x in x.actors if x in names), *x.others])
            doc.add(Para(join([styled("Made by: ", "dim"), plain(who or "\u2014")]), indent=2))
            if x.terms:
                doc.add(
                    Para(
                        join(
                            [
                                styled("Terms: ", "dim"),
                                plain(", ".join(term_labels(x.terms, terms))),
                            ]
                        ),
                        indent=2,
                    )
                )
            for qid in x.quotes:
                if qid in quotes:
                    doc.add(quote_block(quotes[qid], names, bib, marks))
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


# --- search -------------------------------------------------------------------------------


def _hit_line(text: str) -> Line:
    from asiannato.query.reference import split_hits

    return [(piece, "hit" if hit else "") for piece, hit in split_hits(text)]


def search_page(r: SearchAnswer) -> Doc:
    from asiannato.query.reference import SEARCH_KINDS

    hits = r.hits
    doc = Doc([Heading(f"Search: {r.text}")])
    marks = Marks(r.info.origin)
    more = shortfall(r)
    if more:
        doc.add(Para(styled(more, "bold")))
    for kind in SEARCH_KINDS:
        mine = [h for h in hits if h.kind == kind]
        if not mine:
            continue
        doc.add(Heading(f"{KIND_PLURAL[kind]} ({len(mine)})", 2))
        rows = [
            [
                styled(h.ref, "dim"),
                [*_hit_line(h.title), *marks.span(h.origin), ("  ", ""), *_hit_line(h.snippet)],
            ]
            for h in mine
        ]
        doc.add(Table(["Id", "Match"], rows, wrap=(1,)))
    _add_legend(doc, marks)
    return doc


def shortfall(r: SearchAnswer) -> str | None:
    """ "Showing N of M" when a search stops short, and how to see the rest."""
    if not r.hidden:
        return None
    hidden = r.hidden_by_kind()
    more = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in hidden.items())
    first = "quote" if "quote" in hidden else next(iter(hidden))  # words said, first
    return (
        f"Showing the best {len(r.hits)} of {r.total} matches; not shown: {more}. "
        f"See them with --kind {first} (or another kind), or all with --limit 0."
    )


# --- sources ------------------------------------------------------------------------------


def _title_and_link(s: Source, marks: Marks) -> Line:
    line = plain(s.title) + marks.span(s.origin)
    if s.link:
        line += styled("\n", "") + styled(s.link, "link")
        if s.is_copy:  # on a line of its own, so that a narrow column never splits it
            line += styled(f"\n({COPY})", "dim")
    return line


def sources_page(r: SourceIndex) -> Doc:
    srcs = r.every
    marks = Marks(r.info.origin)
    rows = [
        [styled(s.id, "dim"), plain(s.outlet), plain(s.date or "\u2014"), _title_and_link(s, marks)]
        for s in srcs
    ]
    doc = Doc(
        [
            Heading(f"Bibliography ({len(srcs)} sources)"),
            Table(["Id", "Outlet", "Date", "Title"], rows, wrap=(1, 3)),
        ]
    )
    _add_legend(doc, marks)
    return doc


def source_page(r: SourcePage) -> Doc:
    s, cited_by = r.source, r.cited_by
    doc = Doc([Heading(s.title)])
    facts = [join([styled("Outlet: ", "bold"), plain(s.outlet)])]
    if s.author:
        facts.append(join([styled("Author: ", "bold"), plain(s.author)]))
    facts.append(join([styled("Date: ", "bold"), plain(s.date or "unknown")]))
    if s.url:
        facts.append(join([styled("URL: ", "bold"), styled(s.url, "link")]))
    if s.seen_at:
        copy = f" ({COPY})" if s.is_copy else ""
        facts.append(
            join([styled("Seen at (a copy): ", "bold"), styled(s.seen_at, "link"), plain(copy)])
        )
    marks = Marks(r.info.origin)
    facts.append(join([styled("Id: ", "bold"), plain(s.id), marks.span(s.origin)]))
    doc.add(Bullets(facts))
    _add_legend(doc, marks)
    if s.note:
        doc.add(Para(join([styled("Note: ", "dim"), plain(s.note)])))
    if cited_by:
        doc.add(Heading("Cited by", 2))
        doc.add(Table(["Kind", "Id"], [[plain(k), plain(r)] for k, r in cited_by], wrap=(1,)))
    return doc


# --- the one-page briefing ----------------------------------------------------------------


def brief_page(r: Briefing) -> Doc:
    if not r.brief.full:
        from asiannato.views import brief

        return brief.paper_page(r) if r.brief.centre else brief.short_page(r)
    b, names, version, facts_to = r.brief, r.names, r.info.version, r.info.as_of
    bib = bibliography(r.cited(), r.sources)
    title = "Briefing: an \u201cAsian NATO\u201d"
    if b.centre:
        title += " \u2014 " + ", ".join(a.name for a in b.centre)
    doc = Doc([Heading(title)])
    marks = Marks(r.info.origin)
    doc.add(
        Para(
            styled(
                f"As of {b.as_of} \u00b7 asiannato dataset {version}, {data_to_text(facts_to)} "
                "\u00b7 "
                "numbers in brackets are the sources listed at the end",
                "dim",
            )
        )
    )
    doc.add(Heading("What it is and where it came from", 2))
    doc.add(
        Para(plain(b.overview or "No overview in the dataset.") + _cite(bib, b.overview_sources))
    )

    doc.add(Heading("Who stands where", 2))
    rows = []
    for actor, p in b.stances:
        stance = p.stance if p else "undeclared"
        rows.append(
            [
                styled(actor.name, "bold") + marks.span(row_origin(actor, p)),
                styled(stance, f"stance:{stance}"),
                plain(p.one_line if p else "No position in the dataset."),
                styled(bib.cite(p.sources if p else actor.sources), "dim"),
            ]
        )
    doc.add(Table(["Actor", "Stance", "Position", "Sources"], rows, wrap=(0, 2, 3)))
    doc.add(Para(styled(STANCE_SCOPE, "dim")))

    doc.add(Heading("The arguments", 2))
    for side, label in (("for", "For"), ("against", "Against, or not now")):
        items = []
        for arg in b.arguments:
            if arg.side != side:
                continue
            who = ", ".join([*(names[x].name for x in arg.actors if x in names), *arg.others])
            items.append(
                join(
                    [
                        styled(arg.title, "bold"),
                        marks.span(arg.origin),
                        plain(f" \u2014 {who}" if who else ""),
                    ]
                )
                + _cite(bib, arg.sources)
            )
        if items:
            doc.add(Para(styled(label, "bold")))
            doc.add(Bullets(items))

    if b.quotes:
        doc.add(Heading("Key quotes", 2))
        for q in b.quotes:
            doc.add(quote_block(q, names, bib, marks))

    doc.add(Heading("Existing frameworks", 2))
    rows = []
    for fw in b.frameworks:
        status = fw.status + (f" ({human_date(fw.ended)})" if fw.ended else "")
        rows.append(
            [
                styled(fw.label, "bold") + marks.span(fw.origin),
                plain(_founded_text(fw)),
                plain("yes" if fw.collective_defense else "no"),
                plain(status),
                styled(bib.cite(fw.sources), "dim"),
            ]
        )
    doc.add(
        Table(["Framework", "Founded", "Defence clause", "Status", "Sources"], rows, wrap=(0, 4))
    )

    doc.add(Heading("Milestones", 2))
    doc.add(
        Table(
            ["Date", "What happened", "Sources"],
            [
                [
                    plain(event_date(e)),
                    plain(e.title) + marks.span(e.origin),
                    styled(bib.cite(e.sources), "dim"),
                ]
                for e in b.milestones
            ],
            wrap=(0, 1, 2),
        )
    )
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


# --- the core commands: actors, compare, quotes -----------------------------------------


def _stance_cell(p: Position | None, bib: Bibliography | None = None) -> Line:
    """The stance, and (with sources numbered) since when; for a table column, where
    the stance alone is shown, a threat named in short lines."""
    stance = p.stance if p else "undeclared"
    line = styled(stance, f"stance:{stance}")
    if p and bib is not None:
        line += styled(f"\nsince {p.since}", "dim") + _cite(bib, p.sources)
        if p.named_as_threat:
            line += styled("\nnamed as a threat by proponents", "italic")
    elif p and p.named_as_threat:
        line += styled("\nnamed as\na threat", "italic")
    return line


def actors_page(r: ActorList) -> Doc:
    bib = bibliography(r.cited(), r.sources)
    when = f"{as_of_text(r.as_of)}; {data_to_text(r.info.as_of)}"
    doc = Doc([Heading(f"Who stands where on an \u201cAsian NATO\u201d ({when})")])
    marks = Marks(r.info.origin)
    kinds: dict[str, list[ActorRow]] = {}
    for row in r.rows:
        kinds.setdefault(row.actor.kind, []).append(row)
    for kind, rows in kinds.items():
        doc.add(Heading(KIND_TITLES.get(kind, kind), 2))
        cells = []
        for row in rows:
            p = row.position
            name = styled(row.actor.name, "bold")
            if row.actor.native_name:
                name += plain(f" {row.actor.native_name}")
            name += marks.span(row_origin(row.actor, p))
            name += styled(f"\n{row.actor.id}", "dim")
            cells.append(
                [
                    name,
                    _stance_cell(p),
                    plain(p.one_line) if p else styled("No position in the dataset.", "dim"),
                    plain(p.since if p else ""),
                    styled(bib.compact(p.sources if p else row.actor.sources), "dim"),
                ]
            )
        doc.add(
            Table(
                ["Actor", "Stance", "Position", "Since", "Sources"],
                cells,
                wrap=(0, 2),
                ratios=(3, 7),
            )
        )
    doc.add(Para(styled(STANCE_SCOPE, "dim")))
    footer = f"dataset {r.info.version}, {data_to_text(r.info.as_of)}"
    if r.hidden:
        footer += f" \u00b7 {r.hidden} actors with no position on record not shown (--all)"
    doc.add(Para(styled(f"{footer} \u00b7 more: asiannato compare ID ID", "dim")))
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


def _terms_line(ids: Sequence[str], terms: dict[str, Term]) -> Line:
    labels = term_labels(ids, terms)
    return plain("\n".join(f"\u2022 {x}" for x in labels)) if labels else styled("\u2014", "dim")


def _people_line(people: Sequence[Any], names: dict[str, Actor], limit: int = 5) -> Line:
    if not people:
        return styled("\u2014", "dim")
    line: Line = []
    for i, person in enumerate(people[:limit]):
        line += styled(("\n" if i else "") + person.actor.display_name, "bold")
        for o in person.offices[:2]:
            line += styled("\n  " + office_text(o, names), "dim")
    if len(people) > limit:
        line += styled(f"\n+{len(people) - limit} more", "dim")
    return line


def _quote_line(q: Quote | None, names: dict[str, Actor], bib: Bibliography) -> Line:
    if q is None:
        return styled("\u2014", "dim")
    text = f"(reported speech) {q.text}" if q.kind == "reported" else f"\u201c{q.text}\u201d"
    return (
        styled(text, "italic")
        + plain("\n\u2014 ")
        + quote_attribution(q, names.get(q.speaker), bib)
    )


def compare_page(r: ComparisonAnswer) -> Doc:
    cmp = r.comparison
    bib = bibliography(r.cited(), r.sources)
    names = " vs ".join(b.actor.name for b in cmp.briefs)
    doc = Doc([Heading(f"{names} ({as_of_text(cmp.as_of, r.info.as_of)})")])
    fields: list[tuple[str, list[Line]]] = [
        ("Stance", [_stance_cell(b.position, bib) for b in cmp.briefs])
    ]
    if any(b.earlier for b in cmp.briefs):
        fields.append(
            (
                "Earlier",
                [
                    plain(history_text(b.earlier)) if b.earlier else styled("\u2014", "dim")
                    for b in cmp.briefs
                ],
            )
        )
    fields.append(
        (
            "Summary",
            [
                plain(b.position.summary)
                if b.position
                else styled("No position in the dataset.", "dim")
                for b in cmp.briefs
            ],
        )
    )
    for role in Role:
        fields.append(
            (
                ROLE_TITLE[role],
                [
                    _terms_line(getattr(b.position, role) if b.position else (), r.terms)
                    for b in cmp.briefs
                ],
            )
        )
    fields.append(("Key people", [_people_line(b.people, r.names) for b in cmp.briefs]))
    fields.append(("Quote", [_quote_line(b.quote, r.names, bib) for b in cmp.briefs]))
    fields.append(
        (
            "Frameworks",
            [
                plain(", ".join(f.label for f in b.frameworks))
                if b.frameworks
                else styled("\u2014", "dim")
                for b in cmp.briefs
            ],
        )
    )
    marks = Marks(r.info.origin)
    titles = []
    for b in cmp.briefs:
        mark = marks.symbol(row_origin(b.actor, b.position))
        titles.append(f"{b.actor.display_name} {mark}" if mark else b.actor.display_name)
    doc.add(
        Panels(
            titles,
            [label for label, _ in fields],
            [cells for _, cells in fields],
        )
    )
    doc.add(Heading("Where they agree", 2))
    doc.add(Bullets([plain(x) for x in r.agree]))
    doc.add(Heading("Where they differ", 2))
    doc.add(Bullets([plain(x) for x in r.differ or ("No differences on record.",)]))
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


def _source_lines(q: Quote, srcs: dict[str, Source]) -> list[Line]:
    out: list[Line] = []
    for sid in q.sources:
        s = srcs.get(sid)
        if s is None:
            continue
        out.append(join([styled("Source: ", "dim"), plain(source_line(s))]))
        if s.link:
            out.append(styled(s.link, "link") + (styled(f" ({COPY})", "dim") if s.is_copy else []))
    return out


def quotes_page(r: QuoteList) -> Doc:
    doc = Doc([Heading("Quotes on an \u201cAsian NATO\u201d")])
    marks = Marks(r.info.origin)
    for q in r.quotes:
        doc.add(quote_card(q, r.names, r.sources, marks))
    _add_legend(doc, marks)
    return doc


def _add_legend(doc: Doc, marks: Marks) -> None:
    legend = marks.legend()
    if legend is not None:
        doc.add(legend)


# --- verify -------------------------------------------------------------------------------


def verify_page(r: VerifyAnswer) -> Doc:
    """The fact-checker's page: the outcome, then each close quote as a card (who, when,
    what kind of words, notes, sources), the word-by-word difference marked the way
    wdiff marks it, and the speaker's position then, which says what the words meant."""
    from asiannato.verify import Outcome, diff_line

    v = r.verification
    heads = {
        Outcome.VERBATIM: "Found word for word",
        Outcome.CLOSE: "Not found word for word: the closest quotes on record",
        Outcome.NONE: "No quote on record comes close to these words",
    }
    doc = Doc([Heading(heads[v.outcome]), Para(join([styled("Checked: ", "dim"), plain(v.text)]))])
    for m in v.matches:
        verdict = "verbatim" if m.verbatim else f"close (score {m.score:.2f})"
        if m.field == "original_text":
            verdict += ", in the original-language text"
        doc.add(Heading(f"{verdict}: {m.quote.id}", 2))
        doc.add(quote_card(m.quote, r.names, r.sources))
        if not m.verbatim or any(op.kind == "omitted" for op in m.ops):
            # the words given, compared; the quote's words around them said apart, so no
            # format (plain has no grey) can make them look like part of what was given
            core = [op for op in m.ops if op.kind != "context"]
            legend = styled("  ([-said, not given-] {+given, not said+})", "dim")
            doc.add(Para([*styled("Difference: ", "bold"), *diff_line(core), *legend]))
            ctx = [op for op in m.ops if op.kind == "context"]
            before = ctx[0].said if ctx and m.ops[0].kind == "context" else ()
            after = ctx[-1].said if ctx and m.ops[-1].kind == "context" else ()
            for label, words in (("Said before the words given", before),
                                 ("Said after the words given", after)):  # fmt: skip
                if words:
                    doc.add(Para([*styled(f"{label}: ", "dim"), *plain(" ".join(words))]))
        p = r.positions.get(m.quote.id)
        if p is not None:
            doc.add(
                Para(
                    join(
                        [
                            styled("Position then: ", "bold"),
                            styled(p.stance, f"stance:{p.stance}"),
                            plain(f" \u2014 {p.summary}"),
                        ]
                    )
                )
            )
    if v.outcome is Outcome.NONE:
        doc.add(Para(styled("Try fewer words, or: asiannato search WORDS", "dim")))
    return doc


# --- terms ----------------------------------------------------------------------------------


_AS_ROLE = {"reasons": "a reason", "prefers": "preferred instead", "concerns": "a concern"}


def terms_page(r: Glossary) -> Doc:
    """The stance legend, then the controlled vocabulary with how positions use it."""
    doc = Doc([Heading("Terms: the stance legend and the vocabulary of positions")])
    doc.add(Heading("Stances", 2))
    rows = [[styled(s, f"stance:{s}"), plain(meaning)] for s, meaning in r.stances]
    doc.add(Table(["Stance", "What it means"], rows))
    doc.add(Heading("Reasons, preferences and concerns", 2))
    trows = []
    for use in r.terms:
        t = use.term
        used = "; ".join(
            f"{_AS_ROLE[k]} in {n} position{'s' if n != 1 else ''}" for k, n in use.uses.items()
        )
        trows.append(
            [
                styled(t.id, "dim"),
                join(
                    [styled(t.label, "bold"), plain(f": {t.description}" if t.description else "")]
                )
                + (styled(f" (used as {used})", "dim") if used else []),
            ]
        )
    doc.add(Table(["Id", "Term"], trows, wrap=(1,)))
    return doc
