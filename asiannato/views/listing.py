"""Lists as rows of plain values: CSV with a header, and the same columns
tab-separated for pipes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asiannato.model import Dispute
from asiannato.query.answer import speaker_role
from asiannato.views.labels import COPY
from asiannato.views.origins import row_origin

if TYPE_CHECKING:
    from asiannato.query.actor import ActorList
    from asiannato.query.glossary import Glossary
    from asiannato.query.quotes import QuoteList
    from asiannato.query.reference import (
        ArgumentList,
        FrameworkList,
        SearchAnswer,
        SourceIndex,
        Timeline,
    )


@dataclass
class Rows:
    """A list as a table of plain values: CSV with this header, and tab-separated
    without it for pipes, in ``pipe`` order where scripts rely on it (the same columns:
    no field is in one and not the other)."""

    header: list[str]
    rows: list[list[Any]]
    pipe: tuple[str, ...] = ()

    def for_pipe(self) -> list[list[Any]]:
        if not self.pipe:
            return self.rows
        order = [self.header.index(name) for name in self.pipe]
        assert sorted(order) == list(range(len(self.header))), "a pipe shows every column"
        return [[row[i] for i in order] for row in self.rows]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _disputed_values(disputes: Sequence[Dispute], name: str | None = None) -> str:
    """Every value the sources give, labelled, for one field (or all of them): a pipe has
    no header, so the cell says what it is."""
    chosen = [d for d in disputes if name is None or d.field == name]
    return "; ".join(
        (f"{d.field} " if name is None else "") + "disputed: " + " or ".join(d.values)
        for d in chosen
    )


def actor_rows(r: ActorList) -> Rows:
    header = ["id", "name", "native_name", "kind", "stance", "named_as_threat", "since",
              "headline", "summary", "sources", "as_of", "origin"]  # fmt: skip
    rows = []
    for row in r.rows:
        p = row.position
        rows.append(
            [row.actor.id, row.actor.name, row.actor.native_name, row.actor.kind,
             p.stance if p else "undeclared", _yes(bool(p and p.named_as_threat)),
             p.since if p else "", p.one_line if p else "", p.summary if p else "",
             " ".join(p.sources if p else row.actor.sources), r.as_of,
             row_origin(row.actor, p)]
        )  # fmt: skip
    # scripts cut the first columns of a pipe: id, name, kind, stance
    pipe = ("id", "name", "kind", "stance", "since", "headline", "sources", "native_name",
            "named_as_threat", "summary", "as_of", "origin")  # fmt: skip
    return Rows(header, rows, pipe)


def quote_rows(r: QuoteList) -> Rows:
    header = ["id", "date", "speaker_id", "speaker", "role", "kind", "language", "text",
              "original_text", "venue", "sources", "source_outlet", "source_url",
              "source_is_a_copy", "original_language", "gloss", "note", "disputed_date",
              "date_is_report_date", "origin"]  # fmt: skip
    rows = []
    for q in r.quotes:
        sp = r.names.get(q.speaker)
        first = r.sources.get(q.sources[0]) if q.sources else None
        rows.append(
            [q.id, q.date, q.speaker, sp.name if sp else q.speaker, speaker_role(q, sp), q.kind,
             q.language or "en", q.text, q.original_text, q.venue, " ".join(q.sources),
             first.outlet if first else "", first.link if first else "",
             COPY if first and first.is_copy else "", q.original_language, q.gloss, q.note,
             _disputed_values(q.disputes, "date"), _yes(q.date_is_report_date), q.origin]
        )  # fmt: skip
    # in a pipe the quote's id comes last: scripts cut it to pass to `asiannato cite`
    pipe = ("date", "speaker", "role", "kind", "text", "venue", "source_outlet", "source_url",
            "source_is_a_copy", "speaker_id", "language", "original_language",
            "original_text", "gloss", "note", "disputed_date", "date_is_report_date",
            "sources", "origin", "id")  # fmt: skip
    return Rows(header, rows, pipe)


def framework_rows(r: FrameworkList) -> Rows:
    header = ["id", "name", "short_name", "founded", "collective_defense", "status",
              "ended", "members", "member_count", "sources", "in_force", "disputed",
              "origin"]  # fmt: skip
    rows = [
        [f.id, f.name, f.short_name, f.founded, _yes(f.collective_defense), f.status, f.ended,
         " ".join(m.actor for m in f.members), f.member_count, " ".join(f.sources),
         f.in_force, _disputed_values(f.disputes), f.origin]
        for f in r.frameworks
    ]  # fmt: skip
    return Rows(header, rows)


def event_rows(r: Timeline) -> Rows:
    header = ["id", "date", "end", "disputed_dates", "title", "summary", "actors", "sources",
              "origin"]  # fmt: skip
    rows = [
        [e.id, e.date, e.end, _disputed_values(e.disputes, "date"),
         e.title, e.summary, " ".join(e.actors), " ".join(e.sources), e.origin]
        for e in r.events
    ]  # fmt: skip
    return Rows(header, rows)


def argument_rows(r: ArgumentList) -> Rows:
    header = ["id", "side", "title", "summary", "actors", "others", "quotes", "sources",
              "quote_kinds", "origin"]  # fmt: skip
    rows = [
        [x.id, x.side, x.title, x.summary, " ".join(x.actors), "; ".join(x.others),
         " ".join(x.quotes), " ".join(x.sources),
         # the kind of each quote, in the order of `quotes`: a translation is not his English
         " ".join(r.quotes[q].kind for q in x.quotes if q in r.quotes), x.origin]
        for x in r.arguments
    ]  # fmt: skip
    return Rows(header, rows)


def _unmarked(text: str) -> str:
    from asiannato.query.reference import split_hits

    return "".join(p for p, _ in split_hits(text))


def hit_rows(r: SearchAnswer) -> Rows:
    rows = [
        [h.kind, h.ref, _unmarked(h.title), _unmarked(h.snippet), round(h.rank, 4), h.origin]
        for h in r.hits
    ]
    return Rows(["kind", "id", "title", "snippet", "rank", "origin"], rows)


def source_rows(r: SourceIndex) -> Rows:
    header = ["id", "title", "outlet", "author", "date", "url", "seen_at", "note", "copy",
              "origin"]  # fmt: skip
    rows = [
        [s.id, s.title, s.outlet, s.author, s.date, s.url, s.seen_at, s.note,
         COPY if s.is_copy else "", s.origin]
        for s in r.every
    ]  # fmt: skip
    return Rows(header, rows)


def glossary_rows(r: Glossary) -> Rows:
    header = ["kind", "id", "label", "description", "reasons", "prefers", "concerns"]
    rows: list[list[Any]] = [["stance", s, s, meaning, "", "", ""] for s, meaning in r.stances]
    for use in r.terms:
        t = use.term
        rows.append(
            ["term", t.id, t.label, t.description or "",
             *(use.uses.get(role, 0) for role in ("reasons", "prefers", "concerns"))]
        )  # fmt: skip
    return Rows(header, rows)
