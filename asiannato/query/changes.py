"""What changed in the debate in a period (``changes``): new positions with the ones
they replaced, new quotes, events, and agreements and frameworks signed, created, in
force, ended or joined in the period, newest first."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from asiannato.model import Actor, Event, Framework, Position, Quote, Stance, date_bounds
from asiannato.query import core
from asiannato.query.answer import Answer, framework_ref, quote_dict, sources_cited
from asiannato.records import as_dict
from asiannato.store import Store


@dataclass(frozen=True)
class PositionChange:
    position: Position
    replaced: Position | None  # the actor's position before this one (None: undeclared)

    @property
    def was(self) -> str:
        return self.replaced.stance if self.replaced else Stance.undeclared


@dataclass(frozen=True)
class FrameworkChange:
    framework: Framework
    date: str
    what: str  # "signed or created", "in force", "ended", "<actor> joined", "<actor> left"
    actor: str | None = None  # whose membership changed


@dataclass(frozen=True)
class ChangeList(Answer):
    since: str
    until: str | None
    positions: tuple[PositionChange, ...]  # each list newest first
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    frameworks: tuple[FrameworkChange, ...]
    names: dict[str, Actor]

    command = "changes"

    def span(self) -> str:
        if self.until == self.since:
            return f"on {self.since}"
        return f"between {self.since} and {self.until}" if self.until else f"since {self.since}"

    def note_when_empty(self) -> str:
        who = " or ".join(self.asked.get("actor") or ())
        for_whom = f" for {who}" if who else ""
        return f"nothing changed{for_whom} {self.span()} (the data runs to {self.info.as_of})"

    def is_empty(self) -> bool:
        return not (self.positions or self.quotes or self.events or self.frameworks)

    def cited(self) -> list[Sequence[str]]:
        return [
            *(c.position.sources for c in self.positions),
            *(q.sources for q in self.quotes),
            *(e.sources for e in self.events),
            *(c.framework.sources for c in self.frameworks),
        ]

    def next_steps(self) -> list[str]:
        """Where to look next: the actors whose positions changed, the speakers quoted."""
        actors = dict.fromkeys(c.position.actor for c in self.positions)
        speakers = dict.fromkeys(q.speaker for q in self.quotes)
        return [
            *(f"asiannato actor {a}" for a in actors),
            *(f"asiannato quotes --speaker {s}" for s in speakers),
        ]

    def results(self) -> list[Any]:
        out: list[tuple[str, int, dict[str, Any]]] = []
        for c in self.positions:
            p = c.position
            d: dict[str, Any] = {"type": "position", "id": p.id, "date": p.since}
            d |= {"actor": p.actor, "stance": p.stance, "replaced_stance": c.was}
            d |= {"replaced": c.replaced.id if c.replaced else None, "headline": p.one_line}
            out.append((p.since, 0, d | {"position": as_dict(p), "sources": list(p.sources)}))
        for q in self.quotes:
            d = {"type": "quote", "id": q.id, "date": q.date, "actor": q.speaker}
            out.append((q.date or "", 1, d | {"quote": quote_dict(q, self.names)}))
        for e in self.events:
            d = {"type": "event", "id": e.id, "date": e.date, "title": e.title}
            out.append((e.date, 2, d | {"event": as_dict(e), "sources": list(e.sources)}))
        for f in self.frameworks:
            fw = f.framework
            d = {"type": "framework", "id": fw.id, "date": f.date, "what": f.what}
            d |= {"actor": f.actor, "framework": framework_ref(fw), "sources": list(fw.sources)}
            out.append((f.date, 3, d))
        return [d for _, _, d in sorted(out, key=_newest_first)]

    def extra(self) -> dict[str, Any]:
        return {"next": self.next_steps()}


def _newest_first(item: tuple[str, int, dict[str, Any]]) -> tuple[str, int, str]:
    date, order, d = item
    # newest first: invert the date's characters so that a plain sort does it
    return (_descending(date), order, d["id"])


def _descending(date: str) -> str:
    lo, hi = date_bounds(date) if date else ("0000-00-00", "0000-00-00")
    return "".join(chr(0x10FFFF - ord(c)) for c in hi + lo)


def _in(date: str | None, lo: str, hi: str) -> bool:
    """A (possibly partial) date that may fall in [lo, hi] (ISO days)."""
    if not date:
        return False
    first, last = date_bounds(date)
    return last >= lo and first <= hi


def changes(
    store: Store, *, since: str, until: str | None = None, actors: Sequence[str] = ()
) -> ChangeList:
    lo, hi = date_bounds(since)[0], date_bounds(until)[1] if until else "9999-12-31"
    wanted: set[str] | None = None
    asked_for: list[str] = []
    if actors:
        wanted = set()
        for name in actors:
            a = core.resolve_actor(store, name)
            asked_for.append(a.id)
            wanted.update(core.speakers_of(store, a.id))

    def mine(ids: Sequence[str | None]) -> bool:
        return wanted is None or any(i in wanted for i in ids if i)

    history: dict[str, Position] = {}
    positions = []
    for (raw,) in store.conn.execute("SELECT json FROM positions ORDER BY since, seq"):
        p = Position.from_dict(json.loads(raw))
        if _in(p.since, lo, hi) and mine([p.actor]):
            positions.append(PositionChange(p, history.get(p.actor)))
        history[p.actor] = p
    quotes = [q for q in core.find_quotes(store, since=since, until=until) if mine([q.speaker])]

    from asiannato.query.reference import frameworks as all_frameworks
    from asiannato.query.reference import timeline

    events = [e for e in timeline(store, since=since, until=until) if mine(e.actors)]
    fw_changes = []
    for fw in all_frameworks(store):
        members = [m.actor for m in fw.members]
        found = [
            FrameworkChange(fw, d, what)
            for d, what in (
                (fw.founded, "signed or created"),
                (fw.in_force, "in force"),
                (fw.ended, "ended"),
            )
            if d and _in(d, lo, hi) and mine(members)
        ]
        for m in fw.members:
            for d, verb in ((m.joined, "joined"), (m.left, "left")):
                if d and _in(d, lo, hi) and mine([m.actor]):
                    found.append(FrameworkChange(fw, d, verb, m.actor))
        fw_changes.extend(found)

    def newest(items: list[Any], date: Any) -> tuple[Any, ...]:
        return tuple(sorted(items, key=lambda x: _descending(date(x) or "")))

    names = core.actors(
        store,
        {c.position.actor for c in positions}
        | {q.speaker for q in quotes}
        | {a for e in events for a in e.actors}
        | {m.actor for c in fw_changes for m in c.framework.members},
    )
    partial = ChangeList(
        info=core.info(store),
        asked={"since": since, "until": until, "actor": asked_for},
        sources={},
        since=since,
        until=until,
        positions=newest(positions, lambda c: c.position.since),
        quotes=newest(quotes, lambda q: q.date),
        events=newest(events, lambda e: e.date),
        frameworks=newest(fw_changes, lambda c: c.date),
        names=names,
    )
    return replace(partial, sources=sources_cited(store, partial.cited()))
