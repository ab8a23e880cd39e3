"""The page and the rows of ``changes``: what changed in the debate in a period."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asiannato.doc import Bullets, Doc, Heading, Para, Table, plain, styled
from asiannato.views.labels import bibliography, data_to_text, event_date, human_date
from asiannato.views.listing import Rows
from asiannato.views.pages import _cite, _sources, _stance_cell, quote_block

if TYPE_CHECKING:
    from asiannato.query.changes import ChangeList


def changes_page(r: ChangeList) -> Doc:
    bib = bibliography(r.cited(), r.sources)
    names = r.names

    def name(actor_id: str) -> str:
        return names[actor_id].name if actor_id in names else actor_id

    doc = Doc([Heading(f"What changed {r.span()}")])
    doc.add(Para(styled(f"newest first \u00b7 {data_to_text(r.info.as_of)}", "dim")))
    if r.positions:
        doc.add(Heading("New positions", 2))
        rows = []
        for c in r.positions:
            p = c.position
            change = styled(f"{name(p.actor)}: ", "bold")
            if c.replaced is None:  # the actor's first record: nothing to compare with
                change += _stance_cell(p) + styled(" (first record)", "dim")
            elif c.was == p.stance:  # a new position, the same stance
                change += _stance_cell(p) + styled(" (unchanged)", "dim")
            else:
                change += styled(c.was, f"stance:{c.was}") + plain(" \u2192 ") + _stance_cell(p)
            rows.append(
                [
                    plain(human_date(p.since)),
                    change,
                    plain(p.one_line) + _cite(bib, p.sources),
                ]
            )
        doc.add(Table(["Date", "Change", "Position"], rows, wrap=(1, 2), ratios=(3, 7)))
    if r.quotes:
        doc.add(Heading("New quotes", 2))
        for q in r.quotes:
            block = quote_block(q, names, bib)
            block.extra.append(styled(f"id: {q.id}", "dim"))
            doc.add(block)
    if r.events:
        doc.add(Heading("Events", 2))
        rows = [[plain(event_date(e)), plain(e.title) + _cite(bib, e.sources)] for e in r.events]
        doc.add(Table(["Date", "Event"], rows))
    if r.frameworks:
        doc.add(Heading("Agreements and frameworks", 2))
        rows = [
            [
                plain(human_date(c.date)),
                styled(c.framework.label, "bold")
                + plain(f": {name(c.actor) + ' ' if c.actor else ''}{c.what}")
                + _cite(bib, c.framework.sources),
            ]
            for c in r.frameworks
        ]
        doc.add(Table(["Date", "Change"], rows))
    steps = r.next_steps()
    if steps:
        doc.add(Heading("Where to look next", 2))
        doc.add(Bullets([plain(s) for s in steps]))
    doc.add(_sources(bib))
    return doc


def change_rows(r: ChangeList) -> Rows:
    """One row per change, newest first: the same records, in the same order, as JSON."""
    header = ["date", "type", "id", "actor", "actor_name", "was", "now", "what", "sources"]
    rows = []
    for d in r.results():
        actor = d.get("actor") or ""
        kind = d["type"]
        if kind == "position":
            was, now, what = d["replaced_stance"], d["stance"], d["headline"]
            sources = d["sources"]
        elif kind == "quote":
            q = d["quote"]
            was, now, what, sources = "", "", f"{q['kind']}: {q['text']}", q["sources"]
        elif kind == "event":
            was, now, what, sources = "", "", d["title"], d["sources"]
        else:
            fw = d["framework"]
            label = fw["short_name"] or fw["name"]
            who = f"{r.names[actor].name if actor in r.names else actor} " if actor else ""
            was, now, what, sources = "", "", f"{label}: {who}{d['what']}", d["sources"]
        who_name = r.names[actor].name if actor in r.names else actor
        rows.append([d["date"] or "", kind, d["id"], actor, who_name, was, now, what,
                     " ".join(sources)])  # fmt: skip
    return Rows(header, rows)
