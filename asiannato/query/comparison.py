"""``compare``: two or more actors side by side, what they agree and differ on (in
sentences that must be true of exactly the actors compared), and the answer."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import field
from typing import Any

from asiannato.errors import UsageError
from asiannato.model import Actor, Framework, Office, Position, Quote, Term
from asiannato.model import date_bounds as _bounds
from asiannato.query import core
from asiannato.query.answer import Answer, framework_ref, position_dict, quote_dict, sources_cited
from asiannato.query.core import (
    frameworks_of,
    home_of,
    people_of,
    positions_of,
    resolve_actor,
    today,
)
from asiannato.records import as_dict, record
from asiannato.store import Store


@record(frozen=False)
class Person:
    actor: Actor
    offices: tuple[Office, ...]  # the offices relevant to the compared actor


@record(frozen=False)
class Brief:
    actor: Actor
    position: Position | None
    people: tuple[Person, ...]
    quote: Quote | None
    frameworks: tuple[Framework, ...]
    earlier: tuple[Position, ...] = ()  # positions held before the current one, oldest first


@record(frozen=False)
class Shared:
    role: str  # reasons | prefers | concerns
    term: str
    actors: tuple[str, ...]


@record(frozen=False)
class Comparison:
    as_of: str
    briefs: tuple[Brief, ...]
    shared: tuple[Shared, ...]  # terms that two or more actors give
    only: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # actor->role->terms
    common_frameworks: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (framework id, actor ids)


_KIND_PREFERENCE = {"direct": 0, "translation": 1, "reported": 2}


def representative(
    quotes: list[Quote], position: Position | None, actor_id: str, stances: dict[str, str]
) -> Quote | None:
    """The quote that best shows the actor's position: said by someone who held the same
    stance, cited by the same sources as the position, readable without a gloss, said by
    the actor itself, direct rather than translated or reported, then the newest."""
    if not quotes:
        return None
    cited = set(position.sources) if position else set()
    stance = position.stance if position else None

    def score(q: Quote) -> tuple[int, int, int, int, int, str]:
        return (
            1 if stance and stances.get(q.speaker) == stance else 0,
            1 if cited & set(q.sources) else 0,
            1 if (q.language or "en") == "en" else 0,
            1 if q.speaker == actor_id else 0,
            -_KIND_PREFERENCE.get(q.kind, 3),
            q.date or "",
        )

    return max(quotes, key=score)


def compare(store: Store, names: Sequence[str], *, as_of: str | None = None) -> Comparison:
    if len(names) < 2:
        raise UsageError(
            "compare needs at least two actors", hint="e.g. asiannato compare japan china"
        )
    date = as_of or today()
    chosen: list[Actor] = []
    for n in names:
        a = resolve_actor(store, n)
        if a.id in (c.id for c in chosen):
            raise UsageError(
                f"{n!r} names {a.id!r} twice", hint="compare two or more different actors"
            )
        chosen.append(a)
    day_hi = _bounds(date)[1]
    spoken = core._positions_on(store, date)  # who had a position on record by the date
    briefs = []
    for a in chosen:
        history = [p for p in positions_of(store, a.id) if _bounds(p.since)[0] <= day_hi]
        position = history[-1] if history else None
        # Officials whose office of this actor had begun by the date (or is undated).
        people = []
        persons = []
        for p in [] if a.kind == "person" else people_of(store, a.id):
            relevant = tuple(
                o
                for o in p.offices
                if (o.of == a.id or a.kind == "person")
                and (o.start is None or _bounds(o.start)[0] <= day_hi)
            )
            if relevant:
                people.append(p)
                persons.append(Person(p, relevant))
        # people in office on the date first, then those who had spoken on the idea by the
        # date, the latest voice first (an undated office counts as held, so this keeps a
        # 2026 official from heading a 2025 comparison), then the most recently appointed
        persons.sort(
            key=lambda p: max((o.start or "" for o in p.offices), default=""), reverse=True
        )
        persons.sort(
            key=lambda p: _bounds(spoken[p.actor.id].since)[0] if p.actor.id in spoken else "",
            reverse=True,
        )
        persons.sort(key=lambda p: not any(o.held_on(_bounds(date)[0]) for o in p.offices))
        speakers = [a.id, *(p.id for p in people)]
        held = speaker_stances(store, speakers, date)
        said = candidate_quotes(store, speakers, held, position, day_hi)
        home = home_of(a)
        briefs.append(
            Brief(
                actor=a,
                position=position,
                people=tuple(persons),
                quote=representative(said, position, a.id, held),
                frameworks=tuple(frameworks_of(store, home, date)),
                earlier=tuple(history[:-1]),
            )
        )
    return _agreement(date, briefs)


def stances(store: Store, quotes: Sequence[Quote], date: str) -> dict[str, str]:
    """The stance each speaker of ``quotes`` held on ``date``."""
    return speaker_stances(store, sorted({q.speaker for q in quotes}), date)


def speaker_stances(store: Store, speakers: Sequence[str], date: str) -> dict[str, str]:
    """The stance each of ``speakers`` held on ``date``: one query, not one a speaker
    (a state of a large pack can have a hundred officials)."""
    if not speakers:
        return {}
    hi = _bounds(date)[1]
    out: dict[str, str] = {}
    for start in range(0, len(speakers), 500):
        chunk = list(speakers[start : start + 500])
        rows = store.conn.execute(
            f"SELECT actor_id, since, json_extract(json, '$.stance') FROM positions "
            f"WHERE actor_id IN ({','.join('?' * len(chunk))}) ORDER BY since, seq",
            chunk,
        ).fetchall()
        for actor_id, since, stance in rows:
            if _bounds(since)[0] <= hi:
                out[actor_id] = stance
    return out


# The representative quote is chosen among at most this many of the newest candidates,
# so that comparing two states with thousands of quotes stays as quick as comparing two.
CANDIDATES = 200


def candidate_quotes(
    store: Store,
    speakers: Sequence[str],
    held: dict[str, str],
    position: Position | None,
    day_hi: str,
) -> list[Quote]:
    """Quotes that could represent the actor, newest first: by speakers who held the
    actor's stance when there are any, else by all its speakers."""
    same = [s for s in speakers if position and held.get(s) == position.stance]
    chosen = same if same else list(speakers)
    found: list[Quote] = []
    for group in (chosen, list(speakers)) if same else (chosen,):
        marks = ",".join("?" * len(group))
        rows = store.conn.execute(
            f"SELECT json FROM quotes WHERE speaker_id IN ({marks}) AND date_lo <= ? "
            "ORDER BY date_lo DESC, seq DESC LIMIT ?",
            [*group, day_hi, CANDIDATES],
        ).fetchall()
        found = [Quote.from_dict(json.loads(r)) for (r,) in rows]
        if found:
            break
    return found


def _agreement(date: str, briefs: list[Brief]) -> Comparison:
    shared: list[Shared] = []
    only: dict[str, dict[str, tuple[str, ...]]] = {}
    for role in ("reasons", "prefers", "concerns"):
        holders: dict[str, list[str]] = {}
        for b in briefs:
            for t in getattr(b.position, role, ()) if b.position else ():
                holders.setdefault(t, []).append(b.actor.id)
        for term, ids in holders.items():
            if len(ids) > 1:
                shared.append(Shared(role, term, tuple(ids)))
        for b in briefs:
            mine = tuple(
                t
                for t in (getattr(b.position, role, ()) if b.position else ())
                if len(holders[t]) == 1
            )
            if mine:
                only.setdefault(b.actor.id, {})[role] = mine
    fw_holders: dict[str, list[str]] = {}
    for b in briefs:
        for fw in b.frameworks:
            fw_holders.setdefault(fw.id, []).append(b.actor.id)
    common = tuple((fid, tuple(ids)) for fid, ids in fw_holders.items() if len(ids) > 1)
    return Comparison(date, tuple(briefs), tuple(shared), only, common)


# --- what the compared actors agree and differ on, in words ---------------------------

_ONLY_VERB = {
    "reasons": "gives the reasons",
    "prefers": "prefers instead",
    "concerns": "names the concerns",
}


def agreement_lines(cmp: Comparison, terms: dict[str, Term]) -> tuple[list[str], list[str]]:
    """Computed lines: where the compared actors agree and where they differ."""
    names = {b.actor.id: b.actor.name for b in cmp.briefs}
    agree: list[str] = []
    differ: list[str] = []

    def who(ids: Sequence[str]) -> str:
        ns = [names[i] for i in ids]
        return ns[0] if len(ns) == 1 else ", ".join(ns[:-1]) + " and " + ns[-1]

    stances: dict[str, list[str]] = {}
    for b in cmp.briefs:
        stances.setdefault(b.position.stance if b.position else "undeclared", []).append(b.actor.id)
    if len(stances) == 1:
        ((stance, ids),) = stances.items()
        agree.append(f"Same stance: {who(ids)} are all {stance}.")
    else:
        differ.append("Stance: " + "; ".join(f"{who(ids)} {s}" for s, ids in stances.items()) + ".")
    for s in cmp.shared:
        label = terms[s.term].label if s.term in terms else s.term
        verb = {
            "reasons": "give the reason",
            "prefers": "prefer instead",
            "concerns": "name the concern",
        }[s.role]
        agree.append(f"{who(s.actors)} {verb}: {label}.")
    for fid, members in cmp.common_frameworks:
        fw = next(f for b in cmp.briefs for f in b.frameworks if f.id == fid)
        agree.append(
            f"{who(members)} are both members of {fw.label}."
            if len(members) == 2
            else f"{who(members)} are all members of {fw.label}."
        )
    threats = [b.actor.id for b in cmp.briefs if b.position and b.position.named_as_threat]
    if threats and len(threats) < len(cmp.briefs):
        differ.append(f"Proponents name {who(threats)} as a threat the pact would deter.")
    for b in cmp.briefs:
        own = cmp.only.get(b.actor.id, {})
        for role in ("reasons", "prefers", "concerns"):
            if own.get(role):
                differ.append(
                    f"Only {b.actor.name} {_ONLY_VERB[role]}: "
                    + ", ".join(terms[t].label if t in terms else t for t in own[role])
                    + "."
                )
    if not agree:
        agree.append("No shared reasons, preferences, concerns or frameworks on record.")
    return agree, differ


# --- compare --------------------------------------------------------------------------


@record
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
                "actor": as_dict(b.actor),
                "position": position_dict(b.position, self.terms),
                "people": [
                    {
                        "id": p.actor.id,
                        "name": p.actor.name,
                        "native_name": p.actor.native_name,
                        "offices": [as_dict(o) for o in p.offices],
                    }
                    for p in b.people
                ],
                "quote": quote_dict(b.quote, self.names) if b.quote else None,
                "frameworks": [framework_ref(f) for f in b.frameworks],
            }
            for b in self.comparison.briefs
        ]

    def extra(self) -> dict[str, Any]:
        cmp = self.comparison
        return {
            "comparison": {
                "agree": list(self.agree),
                "differ": list(self.differ),
                "shared": [as_dict(s) for s in cmp.shared],
                "only": cmp.only,
                "common_frameworks": [
                    {"framework": f, "actors": list(a)} for f, a in cmp.common_frameworks
                ],
            }
        }


def comparison(store: Store, names: Sequence[str], *, as_of: str | None = None) -> ComparisonAnswer:
    cmp = compare(store, names, as_of=as_of)
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
    agree, differ = agreement_lines(cmp, terms)
    return ComparisonAnswer(
        info=core.info(store),
        asked={"actors": list(names), "as_of": cmp.as_of},
        sources=sources_cited(store, cited),
        comparison=cmp,
        names=core.actors(store, ids),
        terms=terms,
        agree=tuple(agree),
        differ=tuple(differ),
    )
