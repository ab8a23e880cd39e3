"""The answer of ``terms``: the controlled vocabulary positions use (reasons, what they
prefer instead, concerns) with how many positions use each term so, and the stance
legend: what each stance means (``model.STANCE_MEANING``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from asiannato.model import STANCE_MEANING, Position, Role, Stance, Term
from asiannato.query import core
from asiannato.query.answer import Answer
from asiannato.records import as_dict
from asiannato.store import Store


@dataclass(frozen=True)
class TermUse:
    term: Term
    uses: dict[str, int]  # role (reasons, prefers, concerns) -> positions using it so


@dataclass(frozen=True)
class Glossary(Answer):
    stances: tuple[tuple[Stance, str], ...]
    terms: tuple[TermUse, ...]

    command = "terms"

    def results(self) -> list[Any]:
        return [
            *({"kind": "stance", "id": str(s), "meaning": m} for s, m in self.stances),
            *({"kind": "term", **as_dict(t.term), "used_as": dict(t.uses)} for t in self.terms),
        ]


def glossary(store: Store) -> Glossary:
    terms = core.terms(store)
    uses: dict[str, dict[str, int]] = {t: {} for t in terms}
    for (raw,) in store.conn.execute("SELECT json FROM positions"):
        p = Position.from_dict(json.loads(raw))
        for role in Role:
            for t in getattr(p, role.value):
                counts = uses.setdefault(t, {})
                counts[role.value] = counts.get(role.value, 0) + 1
    return Glossary(
        info=core.info(store),
        asked={},
        sources={},
        stances=tuple(STANCE_MEANING.items()),
        terms=tuple(TermUse(t, uses.get(t.id, {})) for t in terms.values()),
    )
