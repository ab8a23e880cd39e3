"""The short brief and the position paper as pages (``doc.Doc``), and the stance chart
they carry in HTML and SVG. The long brief (``--full``) is ``pages.brief_page``; what goes
on these pages is chosen by the rules in ``query.essentials``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asiannato.doc import Bullets, Doc, Heading, Line, Para, QuoteBlock, Table, join, plain, styled
from asiannato.model import STANCE_SCOPE, Actor, Argument, Event, Position
from asiannato.query import essentials
from asiannato.views.labels import (
    Bibliography,
    bibliography,
    data_to_text,
    event_date,
    human_date,
)
from asiannato.views.origins import Marks, row_origin
from asiannato.views.pages import _sources, quote_attribution

if TYPE_CHECKING:
    from asiannato.query.brief import Brief, Briefing

TITLE = "Briefing: an \u201cAsian NATO\u201d"


def _cite(
    bib: Bibliography, b: Brief, ids: tuple[str, ...] | list[str], *, words: bool = False
) -> Line:
    text = bib.cite(b.cites(ids, words=words))
    return styled(f" {text}", "dim") if text else []


def short_name(actor: Actor) -> str:
    """A name that fits a narrow column: an organization's acronym (NATO, ASEAN) when it
    has one, else its name."""
    if actor.kind == "organization":
        acronyms = [a for a in actor.aliases if a.isupper() and a.isalpha()]
        if acronyms:
            return min(acronyms, key=len)
    return actor.name


def _badge(p: Position | None) -> Line:
    stance = p.stance if p else "undeclared"
    return styled(stance, f"stance:{stance}")


def _byline(r: Briefing, extra: str) -> Para:
    return Para(
        styled(
            f"As of {r.brief.as_of} \u00b7 asiannato dataset {r.info.version}, "
            f"{data_to_text(r.info.as_of)} \u00b7 [n]: the sources listed at the end "
            f"\u00b7 {extra}",
            "dim",
        )
    )


def _arguments(
    doc: Doc, bib: Bibliography, r: Briefing, args: tuple[Argument, ...], marks: Marks
) -> None:
    b, names = r.brief, r.names
    for side, label in (("for", "For"), ("against", "Against, or not now")):
        items = []
        for arg in args:
            if arg.side != side:
                continue
            who = ", ".join([*(names[x].name for x in arg.actors if x in names), *arg.others])
            items.append(
                join([styled(arg.title, "bold"), marks.span(arg.origin)])
                + plain(f" \u2014 {who}" if who else "")
                + _cite(bib, b, arg.sources)
            )
        if items:
            doc.add(Para(styled(label, "bold")))
            doc.add(Bullets(items))


def _quotes(doc: Doc, bib: Bibliography, r: Briefing, marks: Marks) -> None:
    b = r.brief
    for q in b.quotes:
        attribution = quote_attribution(q, r.names.get(q.speaker), None) + marks.span(q.origin)
        doc.add(
            QuoteBlock(
                q.text,
                attribution + _cite(bib, b, q.sources, words=True),
                reported=q.kind == "reported",
            )
        )


def _milestones(
    doc: Doc, bib: Bibliography, b: Brief, events: tuple[Event, ...], marks: Marks
) -> None:
    if events:
        doc.add(Heading("Latest milestones", 2))
        rows = [
            [plain(event_date(e)), plain(e.title) + marks.span(e.origin) + _cite(bib, b, e.sources)]
            for e in events
        ]
        doc.add(Table(["Date", "What happened"], rows, wrap=(0, 1), ratios=(1, 4)))


def _add_legend(doc: Doc, marks: Marks) -> None:
    legend = marks.legend()
    if legend is not None:
        doc.add(legend)


def short_page(r: Briefing) -> Doc:
    """The whole debate on one page."""
    b = r.brief
    bib = bibliography(r.cited(), r.sources)
    marks = Marks(r.info.origin)
    doc = Doc([Heading(TITLE)])
    doc.add(_byline(r, "the whole debate: asiannato brief --full"))
    doc.add(Heading("The proposal", 2))
    doc.add(
        Para(plain(b.overview or "No overview in the dataset.") + _cite(bib, b, b.overview_sources))
    )
    doc.add(Heading("Who stands where", 2))
    rows = [
        [
            styled(short_name(a), "bold") + marks.span(row_origin(a, p)),
            _badge(p),
            plain(p.one_line if p else "No position in the dataset.")
            + _cite(bib, b, p.sources if p else a.sources),
        ]
        for a, p in b.stances
    ]
    doc.add(Table(["Actor", "Stance", "Position"], rows, wrap=(0, 2), ratios=(1, 4)))
    doc.add(Para(styled(STANCE_SCOPE, "dim")))
    doc.add(Heading("The strongest arguments", 2))
    _arguments(doc, bib, r, b.arguments, marks)
    if b.quotes:
        doc.add(Heading("Key quotes", 2))
        _quotes(doc, bib, r, marks)
    _milestones(doc, bib, b, b.milestones, marks)
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


def relation(mine: Position | None, theirs: Position | None) -> str:
    """Where another actor stands to this one: on the same side (for or against), on the
    other side, or no side to compare (either has none on record)."""
    a = essentials.side(mine.stance if mine else None)
    t = essentials.side(theirs.stance if theirs else None)
    if a is None or t is None:
        return "\u2014"
    return "same side" if a == t else "other side"


def paper_page(r: Briefing) -> Doc:
    """A position paper for the actors asked for (Model UN delegate's page)."""
    b = r.brief
    bib = bibliography(r.cited(), r.sources)
    marks = Marks(r.info.origin)
    names = ", ".join(a.name for a in b.centre)
    doc = Doc([Heading(f"Position paper: {names} on an \u201cAsian NATO\u201d")])
    doc.add(_byline(r, "the proposal: asiannato brief"))
    doc.add(Heading("Stance and how it changed", 2))
    for actor, p in b.stances:
        if len(b.centre) > 1:
            doc.add(Para(styled(actor.name, "bold")))
        doc.add(
            Para(
                _badge(p)
                + plain(" " + (p.one_line if p else "No position in the dataset."))
                + _cite(bib, b, p.sources if p else actor.sources)
            )
        )
    rows = [
        [plain(human_date(p.since)), _badge(p), plain(p.one_line) + _cite(bib, b, p.sources)]
        for actor, history in b.histories
        for p in history
    ]
    if rows:
        doc.add(Table(["Since", "Stance", "Position"], rows, wrap=(0, 2), ratios=(1, 5)))
    if b.people:
        doc.add(Heading("Key people and their defining words", 2))
        _quotes(doc, bib, r, marks)
    mine = next((essentials.declared(h, b.as_of) for _, h in b.histories), None)
    basis = f"{mine.stance} since {human_date(mine.since)}" if mine else "no side on record"
    doc.add(Heading("Where it agrees and differs", 2))
    doc.add(
        Para(
            styled(
                f"Compared on its last declared stance ({basis}); for = advocate or "
                "supportive, against = skeptical or opposed; \u2014: no side on record.",
                "dim",
            )
        )
    )
    table = [
        [
            styled(short_name(a), "bold") + marks.span(row_origin(a, p)),
            _badge(p) + _cite(bib, b, p.sources if p else a.sources),
            plain(relation(mine, p)),
        ]
        for a, p in b.others
    ]
    doc.add(Table(["Actor", "Stance", "Its side vs. this one"], table, wrap=(2,), ratios=(1,)))
    doc.add(Heading("Arguments it makes", 2))
    if b.arguments:
        _arguments(doc, bib, r, b.arguments, marks)
    else:
        doc.add(Para(styled("None on record in the dataset.", "dim")))
    if b.answer:
        doc.add(Heading("Arguments it must answer", 2))
        _arguments(doc, bib, r, b.answer, marks)
    _milestones(doc, bib, b, b.milestones, marks)
    _add_legend(doc, marks)
    doc.add(_sources(bib))
    return doc


def charted(b: Brief) -> list[tuple[Actor, tuple[Position, ...]]]:
    """The chart's rows: the actors asked for, or else every major actor that has
    taken a side at some time (a row that is blank from end to end says nothing)."""
    if b.centre:
        return [(a, h) for a, h in b.histories if h]
    return [(a, h) for a, h in b.histories if any(essentials.side(p.stance) for p in h)]


__all__ = ["charted", "paper_page", "relation", "short_name", "short_page"]
