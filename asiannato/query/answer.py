"""The answer to each command, as one frozen result object.

A command asks one function here; what comes back holds everything any output format
shows (the records, the names and sources they cite, the dataset's facts), so the views
draw every format from the same object and ``to_dict()`` is the JSON. Nothing here knows
how a result is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from asiannato.model import (
    Actor,
    Argument,
    DatasetInfo,
    Event,
    Framework,
    Position,
    Quote,
    Source,
    Term,
)
from asiannato.query import core
from asiannato.query.core import ActorRow, Comparison
from asiannato.store import Store

if TYPE_CHECKING:
    from asiannato.query.brief import Brief
    from asiannato.query.reference import Citable, FrameworkDetail, Hit, Profile


@dataclass(frozen=True)
class Answer:
    """What every answer has: the dataset it came from, the question as asked, and the
    sources it cites (by id)."""

    info: DatasetInfo
    asked: dict[str, Any]
    sources: dict[str, Source]

    command: ClassVar[str]
    # said on stderr, with nothing on stdout, when there is nothing to show
    empty_note: ClassVar[str] = ""

    def results(self) -> list[Any]:
        raise NotImplementedError

    def extra(self) -> dict[str, Any]:
        """Keys of the JSON document beside ``results`` (none by default)."""
        return {}

    def is_empty(self) -> bool:
        return False

    def note_when_empty(self) -> str:
        return self.empty_note

    def to_dict(self) -> dict[str, Any]:
        results = self.results()
        return {"query": self.asked, "count": len(results), "results": results, **self.extra()}


def _position_dict(p: Position | None, terms: dict[str, Term]) -> dict[str, Any] | None:
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


def speaker_role(quote: Quote, speaker: Actor | None) -> str | None:
    """The speaker's office when the words were said: as the source gives it, else from
    the office dates."""
    if quote.role:
        return quote.role
    if speaker is None or not quote.date:
        return None
    office = core.office_on(speaker, quote.date)
    return office.title if office else None


def _cited(store: Store, id_lists: Iterable[Sequence[str]]) -> dict[str, Source]:
    return core.sources(store, [s for ids in id_lists for s in ids])


def _fw_ref(f: Framework) -> dict[str, Any]:
    return {"id": f.id, "name": f.name, "short_name": f.short_name}


# --- actors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorList(Answer):
    as_of: str
    rows: tuple[ActorRow, ...]
    terms: dict[str, Term]
    hidden: int  # actors with no position on record, left out (--all shows them)

    command = "actors"
    empty_note = "no actors match those filters"

    def cited(self) -> list[Sequence[str]]:
        return [r.position.sources if r.position else r.actor.sources for r in self.rows]

    def is_empty(self) -> bool:
        return not self.rows

    def results(self) -> list[Any]:
        return [
            {"actor": asdict(r.actor), "position": _position_dict(r.position, self.terms)}
            for r in self.rows
        ]


def actor_list(
    store: Store,
    *,
    kind: str | None = None,
    stance: str | None = None,
    as_of: str | None = None,
    everyone: bool = False,
) -> ActorList:
    date = as_of or core.today()
    rows = tuple(core.list_actors(store, kind=kind, stance=stance, as_of=date, everyone=everyone))
    cited = [r.position.sources if r.position else r.actor.sources for r in rows]
    return ActorList(
        info=core.info(store),
        asked={"kind": kind, "stance": stance, "as_of": date},
        sources=_cited(store, cited),
        as_of=date,
        rows=rows,
        terms=core.terms(store) if rows else {},
        hidden=0 if everyone else core.count_outside_debate(store),
    )


@dataclass(frozen=True)
class ActorProfile(Answer):
    profile: Profile
    names: dict[str, Actor]  # speakers of its quotes, and the actor
    terms: dict[str, Term]

    command = "actor"

    def cited(self) -> list[Sequence[str]]:
        p = self.profile
        return [
            p.actor.sources,
            *(pos.sources for pos in p.positions),
            *(q.sources for q in p.quotes),
            *(e.sources for e in p.events),
        ]

    def results(self) -> list[Any]:
        p = self.profile
        return [
            {
                "actor": asdict(p.actor),
                "as_of": p.as_of,
                "current_position": _position_dict(p.current, self.terms),
                "positions": [_position_dict(x, self.terms) for x in p.positions],
                "officials": [
                    {
                        "id": o.person.id,
                        "name": o.person.name,
                        "offices": [asdict(x) for x in o.offices],
                        "in_office": o.in_office,
                    }
                    for o in p.officials
                ],
                "quotes": [quote_dict(q, self.names) for q in p.quotes],
                "events": [asdict(e) for e in p.events],
                "frameworks": [_fw_ref(f) for f in p.frameworks],
                "arguments": [{"id": a.id, "side": a.side, "title": a.title} for a in p.arguments],
            }
        ]


def actor_profile(store: Store, name: str, *, as_of: str | None = None) -> ActorProfile:
    from asiannato.query import reference

    p = reference.profile(store, name, as_of=as_of)
    names = core.actors(store, {q.speaker for q in p.quotes} | {p.actor.id})
    partial = ActorProfile(core.info(store), {"actor": name, "as_of": p.as_of}, {}, p, names, {})
    return ActorProfile(
        partial.info,
        partial.asked,
        _cited(store, partial.cited()),
        p,
        names,
        core.terms(store),
    )


# --- compare --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonAnswer(Answer):
    comparison: Comparison
    names: dict[str, Actor]  # the compared actors, their people and the quotes' speakers
    terms: dict[str, Term]
    agree: tuple[str, ...]
    differ: tuple[str, ...]

    command = "compare"

    def cited(self) -> list[Sequence[str]]:
        out: list[Sequence[str]] = []
        for b in self.comparison.briefs:
            out.append(b.position.sources if b.position else b.actor.sources)
            if b.quote:
                out.append(b.quote.sources)
        return out

    def results(self) -> list[Any]:
        return [
            {
                "actor": asdict(b.actor),
                "position": _position_dict(b.position, self.terms),
                "people": [
                    {
                        "id": p.actor.id,
                        "name": p.actor.name,
                        "native_name": p.actor.native_name,
                        "offices": [asdict(o) for o in p.offices],
                    }
                    for p in b.people
                ],
                "quote": quote_dict(b.quote, self.names) if b.quote else None,
                "frameworks": [_fw_ref(f) for f in b.frameworks],
            }
            for b in self.comparison.briefs
        ]

    def extra(self) -> dict[str, Any]:
        cmp = self.comparison
        return {
            "comparison": {
                "agree": list(self.agree),
                "differ": list(self.differ),
                "shared": [asdict(s) for s in cmp.shared],
                "only": cmp.only,
                "common_frameworks": [
                    {"framework": f, "actors": list(a)} for f, a in cmp.common_frameworks
                ],
            }
        }


def comparison(store: Store, names: Sequence[str], *, as_of: str | None = None) -> ComparisonAnswer:
    cmp = core.compare(store, names, as_of=as_of)
    terms = core.terms(store)
    ids: set[str] = set()
    cited: list[Sequence[str]] = []
    for b in cmp.briefs:
        ids.add(b.actor.id)
        ids.update(p.actor.id for p in b.people)
        ids.update(o.of for p in b.people for o in p.offices if o.of)
        cited.append(b.position.sources if b.position else b.actor.sources)
        if b.quote:
            ids.add(b.quote.speaker)
            cited.append(b.quote.sources)
    agree, differ = core.agreement_lines(cmp, terms)
    return ComparisonAnswer(
        info=core.info(store),
        asked={"actors": list(names), "as_of": cmp.as_of},
        sources=_cited(store, cited),
        comparison=cmp,
        names=core.actors(store, ids),
        terms=terms,
        agree=tuple(agree),
        differ=tuple(differ),
    )


# --- quotes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteList(Answer):
    quotes: tuple[Quote, ...]
    names: dict[str, Actor]  # the speakers

    command = "quotes"
    empty_note = "no quotes match those filters"

    def is_empty(self) -> bool:
        return not self.quotes

    def results(self) -> list[Any]:
        return [quote_dict(q, self.names) for q in self.quotes]


def quote_list(
    store: Store,
    *,
    speaker: str | None = None,
    actor: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    random: bool = False,
    seed: int | None = None,
) -> QuoteList:
    found = core.find_quotes(
        store, speaker=speaker, actor=actor, search=search, since=since, until=until
    )
    if found and (random or seed is not None):
        found = [core.random_quote(found, seed)]
    return QuoteList(
        info=core.info(store),
        asked={
            "speaker": speaker,
            "actor": actor,
            "search": search,
            "since": since,
            "until": until,
        },
        sources=_cited(store, (q.sources for q in found)),
        quotes=tuple(found),
        names=core.actors(store, {q.speaker for q in found}),
    )


# --- frameworks -----------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkList(Answer):
    frameworks: tuple[Framework, ...]
    names: dict[str, Actor]  # the members

    command = "frameworks"

    def results(self) -> list[Any]:
        return [asdict(f) for f in self.frameworks]


def framework_list(store: Store) -> FrameworkList:
    from asiannato.query import reference

    fws = tuple(reference.frameworks(store))
    return FrameworkList(
        info=core.info(store),
        asked={"framework": None},
        sources=_cited(store, (f.sources for f in fws)),
        frameworks=fws,
        names=core.actors(store, {m.actor for f in fws for m in f.members}),
    )


@dataclass(frozen=True)
class FrameworkPage(Answer):
    detail: FrameworkDetail

    command = "frameworks"

    def cited(self) -> list[Sequence[str]]:
        fw = self.detail.framework
        return [
            fw.sources,
            *(x.sources for x in fw.disputes),
            *(e.sources for e in self.detail.events),
        ]

    def results(self) -> list[Any]:
        return [asdict(self.detail.framework) | {"events": [asdict(e) for e in self.detail.events]}]


def framework_page(store: Store, name: str) -> FrameworkPage:
    from asiannato.query import reference

    detail = reference.framework_detail(store, name)
    page = FrameworkPage(core.info(store), {"framework": name}, {}, detail)
    return FrameworkPage(page.info, page.asked, _cited(store, page.cited()), detail)


# --- timeline and arguments -----------------------------------------------------------


@dataclass(frozen=True)
class Timeline(Answer):
    events: tuple[Event, ...]
    names: dict[str, Actor]
    since: str | None
    until: str | None

    command = "timeline"
    empty_note = "no events match those filters"

    def is_empty(self) -> bool:
        return not self.events

    def results(self) -> list[Any]:
        return [asdict(e) for e in self.events]


def timeline(
    store: Store, *, since: str | None = None, until: str | None = None, actor: str | None = None
) -> Timeline:
    from asiannato.query import reference

    events = tuple(reference.timeline(store, since=since, until=until, actor=actor))
    return Timeline(
        info=core.info(store),
        asked={"since": since, "until": until, "actor": actor},
        sources=_cited(store, (e.sources for e in events)),
        events=events,
        names=core.actors(store, {a for e in events for a in e.actors}),
        since=since,
        until=until,
    )


@dataclass(frozen=True)
class ArgumentList(Answer):
    arguments: tuple[Argument, ...]
    quotes: dict[str, Quote]  # the evidence, by id
    names: dict[str, Actor]
    terms: dict[str, Term]

    command = "arguments"
    empty_note = "no arguments match those filters"

    def is_empty(self) -> bool:
        return not self.arguments

    def results(self) -> list[Any]:
        return [
            asdict(a)
            | {
                "evidence": [
                    quote_dict(self.quotes[q], self.names) for q in a.quotes if q in self.quotes
                ]
            }
            for a in self.arguments
        ]


def argument_list(
    store: Store, *, side: str | None = None, actor: str | None = None
) -> ArgumentList:
    from asiannato.query import reference

    args = tuple(reference.arguments(store, side=side, actor=actor))
    quotes = reference.quotes_by_id(store, [q for a in args for q in a.quotes])
    cited = [*(a.sources for a in args), *(q.sources for q in quotes.values())]
    return ArgumentList(
        info=core.info(store),
        asked={"side": side, "actor": actor},
        sources=_cited(store, cited),
        arguments=args,
        quotes=quotes,
        names=core.actors(
            store, {x for a in args for x in a.actors} | {q.speaker for q in quotes.values()}
        ),
        terms=core.terms(store),
    )


# --- search, sources, citations -------------------------------------------------------


@dataclass(frozen=True)
class SearchAnswer(Answer):
    text: str
    hits: tuple[Hit, ...]

    command = "search"

    def note_when_empty(self) -> str:
        return f"nothing matches {self.text!r}"

    def is_empty(self) -> bool:
        return not self.hits

    def results(self) -> list[Any]:
        from asiannato.query.reference import split_hits

        return [
            {
                "kind": h.kind,
                "id": h.ref,
                "title": "".join(p for p, _ in split_hits(h.title)),
                "snippet": "".join(p for p, _ in split_hits(h.snippet)),
                "matches": [p for p, hit in split_hits(h.title + " " + h.snippet) if hit],
                "rank": round(h.rank, 4),
            }
            for h in self.hits
        ]


def search(store: Store, text: str) -> SearchAnswer:
    from asiannato.query import reference

    hits = tuple(reference.search(store, text))
    return SearchAnswer(core.info(store), {"text": text}, {}, text, hits)


@dataclass(frozen=True)
class SourceList(Answer):
    every: tuple[Source, ...]

    command = "sources"

    def results(self) -> list[Any]:
        return [asdict(s) for s in self.every]


def source_list(store: Store) -> SourceList:
    from asiannato.query import reference

    return SourceList(core.info(store), {"source": None}, {}, tuple(reference.all_sources(store)))


@dataclass(frozen=True)
class SourcePage(Answer):
    source: Source
    cited_by: tuple[tuple[str, str], ...]  # (kind, id)

    command = "sources"

    def results(self) -> list[Any]:
        cited_by = [{"kind": k, "id": r} for k, r in self.cited_by]
        return [asdict(self.source) | {"cited_by": cited_by}]


def source_page(store: Store, source_id: str) -> SourcePage:
    from asiannato.query import reference

    s = reference.find_source(store, source_id)
    cited_by = tuple(reference.cited_by(store, s.id))
    return SourcePage(core.info(store), {"source": source_id}, {s.id: s}, s, cited_by)


@dataclass(frozen=True)
class Citation(Answer):
    ref: str
    citable: Citable

    command = "cite"

    def results(self) -> list[Any]:
        # the citation in each style is drawn by the output layer (export.citation)
        return [{"id": self.ref, "kind": "quote" if self.citable.quote else "source"}]


def citation(store: Store, ref: str) -> Citation:
    from asiannato.query import reference

    c = reference.citable(store, ref)
    return Citation(core.info(store), {"id": ref}, {c.source.id: c.source}, ref, c)


# --- the one-page briefing ------------------------------------------------------------


@dataclass(frozen=True)
class Briefing(Answer):
    brief: Brief
    names: dict[str, Actor]

    command = "brief"

    def cited(self) -> list[Sequence[str]]:
        """Every source list the briefing cites, in the order the text cites them."""
        b = self.brief
        return [
            b.overview_sources,
            *(p.sources if p else a.sources for a, p in b.stances),
            *(x.sources for x in b.arguments),
            *(q.sources for q in b.quotes),
            *(f.sources for f in b.frameworks),
            *(e.sources for e in b.milestones),
        ]

    def results(self) -> list[Any]:
        return [asdict(self.brief)]


def briefing(store: Store, names: Sequence[str], *, as_of: str | None = None) -> Briefing:
    from asiannato.query.brief import brief

    b = brief(store, names, as_of=as_of)
    ids = {a.id for a, _ in b.stances} | {a.id for a in b.centre} | {q.speaker for q in b.quotes}
    ids |= {x for arg in b.arguments for x in arg.actors}
    partial = Briefing(core.info(store), {"actors": list(names), "as_of": b.as_of}, {}, b, {})
    return Briefing(
        partial.info, partial.asked, _cited(store, partial.cited()), b, core.actors(store, ids)
    )
