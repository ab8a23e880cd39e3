"""The answer of ``quotes``: who said what, when, where, in which source."""

from __future__ import annotations

from typing import Any

from asiannato.model import Actor, Quote
from asiannato.query import core
from asiannato.query.answer import Answer, quote_dict, sources_cited
from asiannato.records import record
from asiannato.store import Store


@record
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
    speaker: core.Many = None,
    actor: core.Many = None,
    kind: core.Many = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    random: bool = False,
    seed: int | None = None,
) -> QuoteList:
    found = core.find_quotes(
        store, speaker=speaker, actor=actor, kind=kind, search=search, since=since, until=until
    )
    if found and (random or seed is not None):
        found = [core.random_quote(found, seed)]
    return QuoteList(
        info=core.info(store),
        asked={
            "speaker": core.asked(speaker),
            "actor": core.asked(actor),
            "kind": core.asked(kind),
            "search": search,
            "since": since,
            "until": until,
        },
        sources=sources_cited(store, (q.sources for q in found)),
        quotes=tuple(found),
        names=core.actors(store, {q.speaker for q in found}),
    )
