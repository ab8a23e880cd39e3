"""What every command's answer has in common, and the JSON shapes they share.

A command asks one function (``query.actors.actor_list``, ``query.compare.comparison``,
...) and gets one frozen result, a subclass of ``Answer``: it holds everything any
output format shows (the records, the names and sources they cite, the dataset's
facts), so the views draw every format from the same object and ``to_dict()`` is the
JSON. Nothing here knows how a result is drawn. ``Result`` is what every answer,
``validate``'s report on packs included, gives ``output.show``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from asiannato.model import (
    Actor,
    DatasetInfo,
    Framework,
    Position,
    Quote,
    Source,
    Term,
)
from asiannato.query import core
from asiannato.records import as_dict, record
from asiannato.store import Store


class Result:
    """What ``output.show`` draws: the command that asked, the dataset the result is
    about (None when there is none, as for packs that fail to validate), the sources it
    cites, and ``to_dict()``, the body of its JSON document."""

    command: ClassVar[str]
    # said on stderr, with nothing on stdout, when there is nothing to show
    empty_note: ClassVar[str] = ""
    info: DatasetInfo | None
    sources: dict[str, Source]

    def is_empty(self) -> bool:
        return False

    def note_when_empty(self) -> str:
        return self.empty_note

    def to_dict(self) -> dict[str, Any]:
        raise NotImplementedError


@record
class Answer(Result):
    """What every answer from the compiled data has: the dataset it came from, the
    question as asked, and the sources it cites (by id)."""

    info: DatasetInfo
    asked: dict[str, Any]
    sources: dict[str, Source]

    def results(self) -> list[Any]:
        raise NotImplementedError

    def extra(self) -> dict[str, Any]:
        """Keys of the JSON document beside ``results`` (none by default)."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        results = self.results()
        return {"query": self.asked, "count": len(results), "results": results, **self.extra()}


def position_dict(p: Position | None, terms: dict[str, Term]) -> dict[str, Any] | None:
    if p is None:
        return None
    d = as_dict(p)
    for role in ("reasons", "prefers", "concerns"):
        d[role] = [
            {"id": t, "label": terms[t].label if t in terms else t} for t in getattr(p, role)
        ]
    return d


def quote_dict(q: Quote, speakers: dict[str, Actor]) -> dict[str, Any]:
    d = as_dict(q)
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


def sources_cited(store: Store, id_lists: Iterable[Sequence[str]]) -> dict[str, Source]:
    return core.sources(store, [s for ids in id_lists for s in ids])


def framework_ref(f: Framework) -> dict[str, Any]:
    return {"id": f.id, "name": f.name, "short_name": f.short_name}
