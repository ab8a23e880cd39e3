"""The one-page briefing: the debate as a whole, or centred on some actors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asiannato.model import Actor, Argument, Event, Framework, Position, Quote
from asiannato.model import date_bounds as _bounds
from asiannato.query import comparison, core, essentials
from asiannato.query.answer import Answer, sources_cited
from asiannato.query.reference import arguments, frameworks, timeline
from asiannato.records import as_dict
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
    # the short brief (the default) and the position paper; ``full``: the long version
    full: bool = True
    # each charted actor's positions, oldest first (the stance chart)
    histories: tuple[tuple[Actor, tuple[Position, ...]], ...] = ()
    # position paper: the actor's key people, each with their defining quote
    people: tuple[tuple[Actor, Quote], ...] = ()
    # position paper: the other major actors, to agree or differ with
    others: tuple[tuple[Actor, Position | None], ...] = ()
    # position paper: the arguments it must answer (``arguments``: those it makes)
    answer: tuple[Argument, ...] = ()

    def __post_init__(self) -> None:
        # the source chosen for each record, once ``Briefing.cited`` has run
        self._picked: dict[tuple[tuple[str, ...], bool], tuple[str, ...]] = {}

    def cites(self, ids: Sequence[str], *, words: bool = False) -> tuple[str, ...]:
        """The sources a record is cited by here (``words``: a quote's): all of them in
        the full brief, else one, chosen by ``essentials.pick_source``."""
        if self.full:
            return tuple(ids)
        return self._picked.get((tuple(ids), words), tuple(ids[:1]))


def brief(
    store: Store, names: Sequence[str], *, as_of: str | None = None, full: bool = False
) -> Brief:
    date = as_of or core.today()
    centre: list[Actor] = []
    for n in names:
        a = core.resolve_actor(store, n)
        if a.id not in (c.id for c in centre):
            centre.append(a)
    if not full:
        return position_paper(store, centre, date) if centre else short_brief(store, date)
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


def _history(store: Store, actor: Actor, date: str) -> tuple[Position, ...]:
    return _begun(core.positions_of(store, actor.id), date)


def _begun(positions: Sequence[Position], date: str) -> tuple[Position, ...]:
    hi = _bounds(date)[1]
    return tuple(p for p in positions if _bounds(p.since)[0] <= hi)


def _said(store: Store, ids: Sequence[str], date: str) -> list[Quote]:
    return [q for q in core.quotes_by(store, ids) if q.date and q.date <= date]


def _latest_milestones(events: Sequence[Event]) -> tuple[Event, ...]:
    marked = sorted((e for e in events if e.milestone), key=lambda e: _bounds(e.date)[0])
    return tuple(marked[-essentials.LATEST_MILESTONES :])


def short_brief(store: Store, date: str) -> Brief:
    """The one-page brief of the whole debate, chosen by the rules in ``essentials``."""
    rows = core.list_actors(store, as_of=date)
    major = [(r.actor, r.position) for r in rows if essentials.is_major(r.actor)]
    # every actor's positions and every quote, read once (a page about every actor)
    positions = core.positions_by_actor(store)
    every = core.actors(store)
    said: dict[str, list[Quote]] = {}
    for q in _said(store, list(every), date):
        said.setdefault(q.speaker, []).append(q)
    # the chart also carries the people who proposed the pact (the debate is with them)
    proposers = [
        r.actor
        for r in rows
        if not essentials.is_major(r.actor)
        and any(p.stance == "advocate" for p in _begun(positions.get(r.actor.id, []), date))
    ]
    args = arguments(store)
    lead = essentials.leads(args)
    by_speaker: dict[str, tuple[str | None, Quote]] = {}
    for sid in sorted(said):
        if sid not in every:
            continue
        home = core.home_of(every[sid])
        own, homes = positions.get(sid, []), positions.get(home, [])
        words = essentials.defining(said[sid], lead, [*own, *homes])
        if words is None:
            continue
        stand = essentials.declared(own, date)
        if stand is None and home != sid:
            stand = essentials.declared(homes, date)
        by_speaker[sid] = (essentials.side(stand.stance if stand else None), words)
    chosen = [
        *essentials.strongest(a for a in args if a.side == "for"),
        *essentials.strongest(a for a in args if a.side == "against"),
    ]
    return Brief(
        as_of=date,
        centre=(),
        overview=essentials.two_sentences(store.meta("overview") or ""),
        overview_sources=tuple(json.loads(store.meta("overview_sources") or "[]"))[:1],
        stances=tuple(major),
        arguments=tuple(chosen),
        quotes=tuple(essentials.key_quotes(by_speaker)),
        frameworks=(),
        milestones=_latest_milestones(timeline(store, until=date)),
        full=False,
        histories=tuple(
            (a, _begun(positions.get(a.id, []), date)) for a in [*(a for a, _ in major), *proposers]
        ),
    )


def position_paper(store: Store, centre: Sequence[Actor], date: str) -> Brief:
    """A position paper for the actors asked for (a Model UN delegate's page)."""
    ids = {a.id for a in centre} | {i for a in centre for i in core.speakers_of(store, a.id)}
    people: list[tuple[Actor, Quote]] = []
    every = core.actors(store, ids)
    args = arguments(store)
    lead = essentials.leads(args)
    own = [p for a in centre for p in core.positions_of(store, a.id)]
    for sid in sorted(ids):
        stands = [*core.positions_of(store, sid), *own]
        words = essentials.defining(_said(store, [sid], date), lead, stands)
        if words is not None and sid in every:
            people.append((every[sid], words))
    people.sort(key=lambda aq: (-len(set(aq[1].sources)), aq[1].date or ""))
    people = people[: essentials.KEY_PEOPLE]
    made = essentials.strongest(a for a in args if set(a.actors) & ids)
    histories = tuple((a, _history(store, a, date)) for a in centre)
    stand = next((p for _, h in histories if (p := essentials.declared(h, date)) is not None), None)
    sides = {essentials.side(stand.stance)} if stand else {a.side.value for a in made}
    theirs = [a for a in args if not set(a.actors) & ids]
    if len(sides) == 1 and None not in sides:
        (mine,) = sides
        theirs = [a for a in theirs if a.side != mine]
        answer = essentials.strongest(theirs)
    else:  # no side of its own: the strongest case each way that it has not made
        answer = [
            *essentials.strongest((a for a in args if a.side == "for" and a in theirs), 2),
            *essentials.strongest((a for a in args if a.side == "against" and a in theirs), 2),
        ]
    centre_ids = {a.id for a in centre}
    others = tuple(
        (r.actor, r.position)
        for r in core.list_actors(store, as_of=date)
        if essentials.is_major(r.actor) and r.actor.id not in centre_ids
    )
    events = [e for a in centre for e in timeline(store, actor=a.id, until=date)]
    return Brief(
        as_of=date,
        centre=tuple(centre),
        overview=essentials.two_sentences(store.meta("overview") or ""),
        overview_sources=(),  # the paper does not restate the proposal
        stances=tuple((a, core.position_on(store, a.id, date)) for a in centre),
        arguments=tuple(made),
        quotes=tuple(q for _, q in sorted(people, key=lambda aq: aq[1].date or "")),
        frameworks=(),
        milestones=_latest_milestones(list({e.id: e for e in events}.values())),
        full=False,
        histories=histories,
        people=tuple(people),
        others=others,
        answer=tuple(answer),
    )


@dataclass(frozen=True)
class Briefing(Answer):
    brief: Brief
    names: dict[str, Actor]

    command = "brief"

    def cited(self) -> list[Sequence[str]]:
        """Every source list the briefing cites, in the order the text cites them."""
        b = self.brief
        lists = [
            *((x, False) for x in (
                b.overview_sources,
                *(p.sources for _, h in b.histories if b.centre for p in h),
                *(p.sources if p else a.sources for a, p in b.stances),
                *(x.sources for x in b.arguments),
            )),
            *((q.sources, True) for q in b.quotes),
            *((x, False) for x in (
                *(x.sources for x in b.answer),
                *(p.sources if p else a.sources for a, p in b.others),
                *(f.sources for f in b.frameworks),
                *(e.sources for e in b.milestones),
            )),
        ]  # fmt: skip
        if b.full:
            return [tuple(ids) for ids, _ in lists]
        seen: set[str] = set()
        out: list[Sequence[str]] = []
        for ids, words in lists:
            key = (tuple(ids), words)
            chosen = b._picked.setdefault(key, essentials.pick_source(ids, seen, words=words))
            seen.update(chosen)
            out.append(chosen)
        return out

    def results(self) -> list[Any]:
        return [as_dict(self.brief)]


def briefing(
    store: Store, names: Sequence[str], *, as_of: str | None = None, full: bool = False
) -> Briefing:
    b = brief(store, names, as_of=as_of, full=full)
    ids = {a.id for a, _ in b.stances} | {a.id for a in b.centre} | {q.speaker for q in b.quotes}
    ids |= {x for arg in (*b.arguments, *b.answer) for x in arg.actors}
    ids |= {a.id for a, _ in b.others}
    asked = {"actors": list(names), "as_of": b.as_of, "full": full}
    partial = Briefing(core.info(store), asked, {}, b, {})
    return Briefing(
        partial.info,
        partial.asked,
        sources_cited(store, partial.cited()),
        b,
        core.actors(store, ids),
    )


@dataclass(frozen=True)
class ChartAnswer(Briefing):
    """``chart``'s answer: the briefing's position histories, drawn as stances over time
    from ``since`` (default: the first position charted)."""

    since: str | None = None

    command = "chart"


def stance_chart(
    store: Store, names: Sequence[str], *, as_of: str | None = None, since: str | None = None
) -> ChartAnswer:
    b = briefing(store, names, as_of=as_of)
    asked = {"actors": list(names), "as_of": b.brief.as_of, "since": since}
    return ChartAnswer(b.info, asked, b.sources, b.brief, b.names, since)
