"""Questions asked of the compiled store. ``core``: names, actors, positions, quotes;
one module per command family, each with its answers (frozen results with
``to_dict()``, on the base in ``answer``): ``actor``, ``comparison``, ``quotes``,
``reference`` (profiles, frameworks, timeline, arguments, search, sources, citations)
and ``brief`` (the one-page briefing).

The functions most callers need can be reached from here (``query.compare``); each
module is imported on first use, so a run imports only what its command asks."""

from __future__ import annotations

import importlib
from typing import Any

_CORE = (
    "ActorRow actors count_outside_debate find_quotes fts_query info list_actors office_on "
    "people_of position_on positions_of random_quote resolve_actor sources speakers_of terms "
    "today"
)
_COMPARE = "Comparison compare"
_REFERENCE = (
    "all_sources arguments citable cited_by find_framework find_source framework_detail "
    "frameworks profile search split_hits timeline"
)
_HOME = (
    dict.fromkeys(_CORE.split(), "core")
    | dict.fromkeys(_COMPARE.split(), "comparison")
    | dict.fromkeys(_REFERENCE.split(), "reference")
)

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'asiannato.query' has no attribute {name!r}")
    return getattr(importlib.import_module(f"asiannato.query.{_HOME[name]}"), name)
