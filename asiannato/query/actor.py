"""Answers about actors: who stands where (``actors``) and one actor in depth
(``actor``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asiannato.model import STANCE_SCOPE, Actor, Term
from asiannato.query import core
from asiannato.query.answer import Answer, framework_ref, position_dict, quote_dict, sources_cited
from asiannato.query.core import ActorRow
from asiannato.records import as_dict, record
from asiannato.store import Store

if TYPE_CHECKING:
    from asiannato.query.reference import Profile


@record
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
            {"actor": as_dict(r.actor), "position": position_dict(r.position, self.terms)}
            for r in self.rows
        ]

    def extra(self) -> dict[str, Any]:
        # actors left out for having no position on record (any kind): --all shows them
        return {
            "stance_scope": STANCE_SCOPE,
            "shown": len(self.rows),
            "not_shown_without_position": self.hidden,
        }


def actor_list(
    store: Store,
    *,
    kind: core.Many = None,
    stance: core.Many = None,
    as_of: str | None = None,
    everyone: bool = False,
) -> ActorList:
    date = as_of or core.today()
    rows = tuple(core.list_actors(store, kind=kind, stance=stance, as_of=date, everyone=everyone))
    cited = [r.position.sources if r.position else r.actor.sources for r in rows]
    return ActorList(
        info=core.info(store),
        asked={"kind": core.asked(kind), "stance": core.asked(stance), "as_of": date},
        sources=sources_cited(store, cited),
        as_of=date,
        rows=rows,
        terms=core.terms(store) if rows else {},
        hidden=0 if everyone else core.count_outside_debate(store),
    )


@record
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
                "actor": as_dict(p.actor),
                "as_of": p.as_of,
                "current_position": position_dict(p.current, self.terms),
                "positions": [position_dict(x, self.terms) for x in p.positions],
                "officials": [
                    {
                        "id": o.person.id,
                        "name": o.person.name,
                        "offices": [as_dict(x) for x in o.offices],
                        "in_office": o.in_office,
                    }
                    for o in p.officials
                ],
                "quotes": [quote_dict(q, self.names) for q in p.quotes],
                "events": [as_dict(e) for e in p.events],
                "frameworks": [framework_ref(f) for f in p.frameworks],
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
        sources_cited(store, partial.cited()),
        p,
        names,
        core.terms(store),
    )
