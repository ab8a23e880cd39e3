"""The answer of ``verify``: the quotes closest to words someone attributes to a person,
the word-by-word difference (``asiannato.verify``), and what the data says about the
speaker's position when the words were said (a fact-checker asking whether someone
"rejected" an idea gets the position's summary, which says what the words meant)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from asiannato.model import Actor, Position, Quote
from asiannato.query import core
from asiannato.query.answer import Answer, quote_dict, sources_cited
from asiannato.store import Store
from asiannato.verify import Outcome, Verification, verify


@dataclass(frozen=True)
class VerifyAnswer(Answer):
    verification: Verification
    names: dict[str, Actor]  # the speakers of the matches
    positions: dict[str, Position]  # by quote id: the speaker's position on its date

    command = "verify"

    @property
    def exit_code(self) -> int:
        return self.verification.exit_code

    def results(self) -> list[Any]:
        out = []
        for m in self.verification.matches:
            d = m.to_dict()
            d["speaker"] = quote_dict(m.quote, self.names)["speaker"]
            p = self.positions.get(m.quote.id)
            d["position_then"] = (
                None
                if p is None
                else {"id": p.id, "stance": p.stance, "headline": p.one_line, "summary": p.summary}
            )
            out.append(d)
        return out

    def extra(self) -> dict[str, Any]:
        v = self.verification
        return {"outcome": str(v.outcome), "exit_code": v.exit_code, "threshold": v.threshold}


def verification(
    store: Store, text: str, *, speakers: list[str] | None = None, limit: int = 5
) -> VerifyAnswer:
    """The closest quotes to ``text`` (of these speakers, any of them, when given)."""
    if speakers:
        by_id: dict[str, Quote] = {}
        for who in speakers:
            by_id.update((q.id, q) for q in core.find_quotes(store, speaker=who))
        quotes = list(by_id.values())
    else:
        quotes = core.find_quotes(store)
    v = verify(text, quotes, limit=limit)
    found = [m.quote for m in v.matches]
    positions = {}
    for q in found:
        p = core.position_on(store, q.speaker, q.date) if q.date else None
        if p is not None:
            positions[q.id] = p
    return VerifyAnswer(
        info=core.info(store),
        asked={"text": text, "speaker": speakers or None},
        sources=sources_cited(store, (q.sources for q in found)),
        verification=v,
        names=core.actors(store, {q.speaker for q in found}),
        positions=positions,
    )


__all__ = ["Outcome", "VerifyAnswer", "verification"]
