"""The one-page briefing: the debate as a whole, or centred on some actors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from asiannato.model import Actor, Argument, Event, Framework, Position, Quote
from asiannato.model import date_bounds as _bounds
from asiannato.query import comparison, core
from asiannato.query.answer import Answer, sources_cited
from asiannato.query.reference import arguments, frameworks, timeline
from asiannato.store import Store


@dataclass
class Brief:
    """Everything ``asiannato brief`` prints, centred on some actors or on the debate."""

    as_of: str
    centre: tuple[Actor, ...]  # the actors asked for; empty for the whole debate
    overview: str
    overview_sources: tuple[str, ...]
    stances: tuple[tuple[Actor, Position | None], ...]
    arguments: tuple[Argument, ...]
    quotes: tuple[Quote, ...]
    frameworks: tuple[Framework, ...]
    milestones: tuple[Event, ...]


def brief(store: Store, names: Sequence[str], *, as_of: str | None = None) -> Brief:
    date = as_of or core.today()
    centre: list[Actor] = []
    for n in names:
        a = core.resolve_actor(store, n)
        if a.id not in (c.id for c in centre):
            centre.append(a)
    overview = store.meta("overview") or ""
    overview_sources = tuple(json.loads(store.meta("overview_sources") or "[]"))
    if centre:
        stances = tuple((a, core.position_on(store, a.id, date)) for a in centre)
        ids = {a.id for a in centre}
        ids |= {i for a in centre for i in core.speakers_of(store, a.id)}
        args = [x for x in arguments(store) if set(x.actors) & ids]
        quote_list: list[Quote] = []
        for a in centre:
            people = core.speakers_of(store, a.id)
            said = [q for q in core.quotes_by(store, people) if q.date and q.date <= date]
            quote_list += said[-3:]  # the newest three by each
        fws: list[Framework] = []
        for a in centre:
            fws += [f for f in core.frameworks_of(store, core.home_of(a), date) if f not in fws]
        events = [e for a in centre for e in timeline(store, actor=a.id, until=date)]
        events = sorted({e.id: e for e in events}.values(), key=lambda e: _bounds(e.date)[0])
    else:
        rows = core.list_actors(store, as_of=date)
        stances = tuple(
            (r.actor, r.position) for r in rows if r.actor.kind != "person" and r.position
        )
        args = arguments(store)
        quote_list = []
        # The proposers first (people who advocate it), then one quote for each state
        # and organization, chosen for the last position it declared (Japan under
        # Takaichi has none on record, but its stance under Ishiba is the debate).
        speakers = [(r.actor, r.position) for r in rows if r.actor.kind == "person"]
        advocates = [(a, p) for a, p in speakers if p and p.stance == "advocate"]
        for actor, _ in [*advocates, *stances]:
            declared = [
                p for p in core.positions_of(store, actor.id)
                if p.stance != "undeclared" and _bounds(p.since)[0] <= _bounds(date)[1]
            ]  # fmt: skip
            if not declared:
                continue
            people = core.speakers_of(store, actor.id)
            said = [q for q in core.quotes_by(store, people) if q.date and q.date <= date]
            # the declared position with the most sources is the one the record rests on
            main = max(declared, key=lambda p: len(p.sources))
            pick = comparison.representative(
                said, main, actor.id, comparison.stances(store, said, date)
            )
            if pick is not None and pick not in quote_list:
                quote_list.append(pick)
        fws = frameworks(store)
        events = [e for e in timeline(store, until=date) if e.milestone]
    return Brief(
        as_of=date,
        centre=tuple(centre),
        overview=overview,
        overview_sources=overview_sources,
        stances=stances,
        arguments=tuple(args),
        quotes=tuple(quote_list),
        frameworks=tuple(fws),
        milestones=tuple(events),
    )


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
    b = brief(store, names, as_of=as_of)
    ids = {a.id for a, _ in b.stances} | {a.id for a in b.centre} | {q.speaker for q in b.quotes}
    ids |= {x for arg in b.arguments for x in arg.actors}
    partial = Briefing(core.info(store), {"actors": list(names), "as_of": b.as_of}, {}, b, {})
    return Briefing(
        partial.info,
        partial.asked,
        sources_cited(store, partial.cited()),
        b,
        core.actors(store, ids),
    )
