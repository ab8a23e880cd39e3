"""The briefing pages as documents (``asiannato.doc``): what each page says and in what
order. Drawing them is ``render``'s and ``export``'s job."""

from __future__ import annotations

from collections.abc import Sequence

from asiannato.briefing import Brief as BriefData
from asiannato.briefing import FrameworkDetail, Hit, Profile, split_hits
from asiannato.doc import (
    Bullets,
    Doc,
    Heading,
    Line,
    Para,
    QuoteBlock,
    SourceList,
    Table,
    join,
    plain,
    styled,
)
from asiannato.model import Actor, Argument, Dispute, Event, Framework, Quote, Source, Term
from asiannato.views import (
    KIND_LABEL,
    Bibliography,
    as_of_text,
    bibliography,
    date_text,
    human_date,
    language_name,
    source_line,
    speaker_role,
    term_labels,
)

KIND_PLURAL = {
    "actor": "Actors",
    "position": "Positions",
    "quote": "Quotes",
    "framework": "Frameworks",
    "event": "Events",
    "argument": "Arguments",
}


def dispute_text(d: Dispute) -> str:
    """ "disputed: 25 or 27 Sep 2024" — every value the sources give."""
    values = list(d.values)
    full = all(len(v) == 10 for v in values)
    if full and len({v[:7] for v in values}) == 1:
        days = " or ".join(str(int(v[8:])) for v in values)
        return f"disputed: {days} {human_date(values[0])[-8:]}"
    return "disputed: " + " or ".join(human_date(v) for v in values)


def _disputed(disputes: Sequence[Dispute], name: str) -> Dispute | None:
    return next((d for d in disputes if d.field == name), None)


def event_date(e: Event) -> str:
    when = human_date(e.date) + (f" to {human_date(e.end)}" if e.end else "")
    d = _disputed(e.disputes, "date")
    return f"{when}\n({dispute_text(d)})" if d else when


def _sources(bib: Bibliography) -> SourceList:
    return SourceList(
        [(n, source_line(s), s.link, bool(s.seen_at and not s.url)) for n, s in bib.entries()]
    )


def _cite(bib: Bibliography, ids: Sequence[str]) -> Line:
    text = bib.cite(ids)
    return styled(f" {text}", "dim") if text else []


def quote_attribution(q: Quote, speaker: Actor | None, bib: Bibliography | None) -> Line:
    who = speaker.display_name if speaker else q.speaker
    role = speaker_role(q, speaker)
    kind = KIND_LABEL[q.kind]
    if q.kind == "translation":
        kind += f" from {language_name(q.original_language)}"
    line = join(
        [
            styled(who, "bold"),
            plain(f", {role}" if role else ""),
            styled(f" \u00b7 {date_text(q.date, reported=q.date_is_report_date)}", "dim"),
            styled(f" \u00b7 {q.venue} \u00b7 {kind}", "dim"),
        ]
    )
    d = _disputed(q.disputes, "date")
    if d:
        line += styled(f" ({dispute_text(d)})", "dim")
    if bib is not None:
        line += _cite(bib, q.sources)
    return line


def quote_block(q: Quote, speakers: dict[str, Actor], bib: Bibliography | None) -> QuoteBlock:
    extra: list[Line] = []
    if q.original_text:
        lang = language_name(q.original_language)
        extra.append(join([styled(f"Original ({lang}): ", "dim"), plain(q.original_text)]))
    if q.gloss:
        extra.append(join([styled("Gloss (our paraphrase, not a quote): ", "dim"), plain(q.gloss)]))
    return QuoteBlock(
        q.text,
        quote_attribution(q, speakers.get(q.speaker), bib),
        reported=q.kind == "reported",
        extra=extra,
    )


# --- actor profile ------------------------------------------------------------------------


def profile_doc(
    p: Profile,
    terms: dict[str, Term],
    srcs: dict[str, Source],
    names: dict[str, Actor],
    facts_to: str = "",
) -> Doc:
    a = p.actor
    cited: list[Sequence[str]] = [a.sources]
    cited += [pos.sources for pos in p.positions]
    cited += [q.sources for q in p.quotes]
    cited += [e.sources for e in p.events]
    bib = bibliography(cited, srcs)
    doc = Doc()
    doc.add(Heading(a.display_name))
    facts = [styled(a.kind, "dim"), styled(f" \u00b7 id {a.id}", "dim")]
    if a.aliases:
        facts.append(styled(f" \u00b7 also: {', '.join(a.aliases)}", "dim"))
    doc.add(Para(join(facts) + _cite(bib, a.sources)))
    if a.description:
        doc.add(Para(plain(a.description)))
    if a.kind == "person":
        doc.add(Heading("Offices", 2))
        if a.offices:
            rows = []
            for o in a.offices:
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
                plain(pos.one_line),
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
        for role, label in (
            ("reasons", "Reasons"),
            ("prefers", "Prefers instead"),
            ("concerns", "Concerns"),
        ):
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
            doc.add(quote_block(q, names, bib))
    if p.events:
        doc.add(Heading("Events", 2))
        doc.add(
            Table(
                ["Date", "Event"],
                [[plain(event_date(e)), plain(e.title) + _cite(bib, e.sources)] for e in p.events],
            )
        )
    if p.frameworks:
        whose = f" ({p.affiliation.name})" if a.kind == "person" and p.affiliation else ""
        doc.add(Heading(f"Frameworks{whose}", 2))
        doc.add(
            Bullets(
                [
                    plain(f"{fw.label}: {fw.name}") if fw.short_name else plain(fw.name)
                    for fw in p.frameworks
                ]
            )
        )
    if p.arguments:
        doc.add(Heading("Arguments made", 2))
        doc.add(
            Bullets(
                [join([styled(f"{arg.side}: ", "bold"), plain(arg.title)]) for arg in p.arguments]
            )
        )
    doc.add(_sources(bib))
    return doc


# --- frameworks ---------------------------------------------------------------------------


def _members_text(fw: Framework, names: dict[str, Actor]) -> str:
    listed = [names[m.actor].name for m in fw.members if m.actor in names and not m.left]
    text = ", ".join(listed)
    if fw.member_count is not None and fw.member_count != len(listed):
        text = f"{fw.member_count} members" + (f", including {text}" if text else "")
    return text or "none"


def frameworks_doc(fws: Sequence[Framework], names: dict[str, Actor]) -> Doc:
    doc = Doc([Heading("Existing and past security arrangements")])
    rows = []
    for fw in fws:
        status = fw.status + (f" ({human_date(fw.ended)})" if fw.ended else "")
        rows.append(
            [
                join([styled(fw.label, "bold"), styled(f"\n{fw.id}", "dim")]),
                plain(human_date(fw.founded) if fw.founded else "\u2014"),
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
    return doc


def framework_doc(d: FrameworkDetail, srcs: dict[str, Source]) -> Doc:
    fw = d.framework
    cited: list[Sequence[str]] = [
        fw.sources,
        *(x.sources for x in fw.disputes),
        *(e.sources for e in d.events),
    ]
    bib = bibliography(cited, srcs)
    doc = Doc([Heading(f"{fw.name}" + (f" ({fw.short_name})" if fw.short_name else ""))])
    doc.add(Para(styled(f"id {fw.id} \u00b7 status: {fw.status}", "dim") + _cite(bib, fw.sources)))
    if fw.summary:
        doc.add(Para(plain(fw.summary)))
    facts: list[Line] = []
    if fw.founded:
        facts.append(join([styled("Founded: ", "bold"), plain(human_date(fw.founded))]))
    if fw.founding_document:
        facts.append(join([styled("Founding document: ", "bold"), plain(fw.founding_document)]))
    in_force = _disputed(fw.disputes, "in_force")
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
    if d.events:
        doc.add(Heading("Events", 2))
        doc.add(
            Table(
                ["Date", "Event"],
                [[plain(event_date(e)), plain(e.title) + _cite(bib, e.sources)] for e in d.events],
            )
        )
    doc.add(_sources(bib))
    return doc


# --- timeline -----------------------------------------------------------------------------


def timeline_doc(
    events: Sequence[Event], names: dict[str, Actor], srcs: dict[str, Source], title: str
) -> Doc:
    bib = bibliography([e.sources for e in events], srcs)
    rows = []
    for e in events:
        who = ", ".join(names[a].name for a in e.actors if a in names)
        rows.append(
            [
                plain(event_date(e)),
                plain(e.title),
                styled(who, "dim"),
                styled(bib.compact(e.sources), "dim"),
            ]
        )
    doc = Doc([Heading(title), Table(["Date", "Event", "Actors", "Sources"], rows, wrap=(0, 1, 2))])
    doc.add(_sources(bib))
    return doc


# --- arguments ----------------------------------------------------------------------------


def arguments_doc(
    args: Sequence[Argument],
    names: dict[str, Actor],
    quotes: dict[str, Quote],
    srcs: dict[str, Source],
    terms: dict[str, Term],
) -> Doc:
    cited: list[Sequence[str]] = []
    for a in args:
        cited.append(a.sources)
        cited += [quotes[q].sources for q in a.quotes if q in quotes]
    bib = bibliography(cited, srcs)
    doc = Doc([Heading("The arguments")])
    for side, title in (("for", "For an Asian NATO"), ("against", "Against, or not now")):
        mine = [a for a in args if a.side == side]
        if not mine:
            continue
        doc.add(Heading(title, 2))
        for a in mine:
            doc.add(Para(styled(a.title, "bold") + _cite(bib, a.sources)))
            doc.add(Para(plain(a.summary), indent=2))
            who = ", ".join([*(names[x].name for x in a.actors if x in names), *a.others])
            doc.add(Para(join([styled("Made by: ", "dim"), plain(who or "\u2014")]), indent=2))
            if a.terms:
                doc.add(
                    Para(
                        join(
                            [
                                styled("Terms: ", "dim"),
                                plain(", ".join(term_labels(a.terms, terms))),
                            ]
                        ),
                        indent=2,
                    )
                )
            for qid in a.quotes:
                if qid in quotes:
                    doc.add(quote_block(quotes[qid], names, bib))
    doc.add(_sources(bib))
    return doc


# --- search -------------------------------------------------------------------------------


def _hit_line(text: str) -> Line:
    return [(piece, "hit" if hit else "") for piece, hit in split_hits(text)]


def search_doc(query_text: str, hits: Sequence[Hit]) -> Doc:
    doc = Doc([Heading(f"Search: {query_text}")])
    for kind in ("actor", "position", "quote", "framework", "event", "argument"):
        mine = [h for h in hits if h.kind == kind]
        if not mine:
            continue
        doc.add(Heading(f"{KIND_PLURAL[kind]} ({len(mine)})", 2))
        rows = [
            [styled(h.ref, "dim"), [*_hit_line(h.title), ("  ", ""), *_hit_line(h.snippet)]]
            for h in mine
        ]
        doc.add(Table(["Id", "Match"], rows, wrap=(1,)))
    return doc


# --- sources ------------------------------------------------------------------------------


def sources_doc(srcs: Sequence[Source]) -> Doc:
    rows = [
        [styled(s.id, "dim"), plain(s.outlet), plain(s.date or "\u2014"), plain(s.title)]
        for s in srcs
    ]
    return Doc(
        [
            Heading(f"Bibliography ({len(srcs)} sources)"),
            Table(["Id", "Outlet", "Date", "Title"], rows, wrap=(1, 3)),
        ]
    )


def source_doc(s: Source, cited_by: Sequence[tuple[str, str]]) -> Doc:
    doc = Doc([Heading(s.title)])
    facts = [join([styled("Outlet: ", "bold"), plain(s.outlet)])]
    if s.author:
        facts.append(join([styled("Author: ", "bold"), plain(s.author)]))
    facts.append(join([styled("Date: ", "bold"), plain(s.date or "unknown")]))
    if s.url:
        facts.append(join([styled("URL: ", "bold"), styled(s.url, "link")]))
    if s.seen_at:
        facts.append(join([styled("Seen at (a copy): ", "bold"), styled(s.seen_at, "link")]))
    facts.append(join([styled("Id: ", "bold"), plain(s.id)]))
    doc.add(Bullets(facts))
    if s.note:
        doc.add(Para(join([styled("Note: ", "dim"), plain(s.note)])))
    if cited_by:
        doc.add(Heading("Cited by", 2))
        doc.add(Table(["Kind", "Id"], [[plain(k), plain(r)] for k, r in cited_by], wrap=(1,)))
    return doc


# --- the one-page briefing ----------------------------------------------------------------


def brief_cited(b: BriefData) -> list[Sequence[str]]:
    """Every source list the briefing cites, in the order the text cites them."""
    cited: list[Sequence[str]] = [b.overview_sources]
    cited += [p.sources if p else a.sources for a, p in b.stances]
    cited += [x.sources for x in b.arguments]
    cited += [q.sources for q in b.quotes]
    cited += [f.sources for f in b.frameworks]
    cited += [e.sources for e in b.milestones]
    return cited


def brief_doc(
    b: BriefData, srcs: dict[str, Source], names: dict[str, Actor], version: str, facts_to: str
) -> Doc:
    bib = bibliography(brief_cited(b), srcs)
    title = "Briefing: an \u201cAsian NATO\u201d"
    if b.centre:
        title += " \u2014 " + ", ".join(a.name for a in b.centre)
    doc = Doc([Heading(title)])
    doc.add(
        Para(
            styled(
                f"As of {b.as_of} \u00b7 asiannato dataset {version}, facts to {facts_to} \u00b7 "
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
                styled(actor.name, "bold"),
                styled(stance, f"stance:{stance}"),
                plain(p.one_line if p else "No position in the dataset."),
                styled(bib.cite(p.sources if p else actor.sources), "dim"),
            ]
        )
    doc.add(Table(["Actor", "Stance", "Position", "Sources"], rows, wrap=(0, 2, 3)))

    doc.add(Heading("The arguments", 2))
    for side, label in (("for", "For"), ("against", "Against, or not now")):
        items = []
        for a in b.arguments:
            if a.side != side:
                continue
            who = ", ".join([*(names[x].name for x in a.actors if x in names), *a.others])
            items.append(
                join([styled(a.title, "bold"), plain(f" \u2014 {who}" if who else "")])
                + _cite(bib, a.sources)
            )
        if items:
            doc.add(Para(styled(label, "bold")))
            doc.add(Bullets(items))

    if b.quotes:
        doc.add(Heading("Key quotes", 2))
        for q in b.quotes:
            doc.add(quote_block(q, names, bib))

    doc.add(Heading("Existing frameworks", 2))
    rows = []
    for fw in b.frameworks:
        status = fw.status + (f" ({human_date(fw.ended)})" if fw.ended else "")
        rows.append(
            [
                styled(fw.label, "bold"),
                plain(human_date(fw.founded) if fw.founded else "\u2014"),
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
                [plain(event_date(e)), plain(e.title), styled(bib.cite(e.sources), "dim")]
                for e in b.milestones
            ],
            wrap=(0, 1, 2),
        )
    )
    doc.add(_sources(bib))
    return doc
