"""Choices on the command line, built from the vocabularies in ``model`` in ONE place:
every value is accepted in its British and American spellings (``sceptical`` and
``skeptical``, ``organisation`` and ``organization``, ``defence`` and ``defense``), and
an alias may stand for a value (``text`` for the ``plain`` format). ``--help`` lists the
canonical values only; the command receives the canonical value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from typer._types import TyperChoice

# American -> British: the spelling pairs the vocabularies meet. Each value is offered in
# both, whichever the enum uses.
_SPELLINGS = (
    ("skeptic", "sceptic"), ("ization", "isation"), ("ize", "ise"), ("defense", "defence"),
    ("center", "centre"), ("analyz", "analys"), ("favor", "favour"),
)  # fmt: skip


def spellings(value: str) -> set[str]:
    """The value in every spelling: itself, and with each American/British pair swapped."""
    out = {value}
    for us, uk in _SPELLINGS:
        for v in list(out):
            out |= {v.replace(us, uk), v.replace(uk, us)}
    return out


class Choice(TyperChoice[str]):
    """A click Choice that also takes every spelling of a value and the aliases given."""

    def __init__(
        self,
        values: Iterable[str],
        aliases: Mapping[str, str] | None = None,
        refused: Mapping[str, str] | None = None,
    ) -> None:
        values = list(values)
        self.refused = dict(refused or {})  # a value not offered here, and why
        super().__init__(values, case_sensitive=False)
        self.accepted: dict[str, str] = {}
        for v in values:
            for s in spellings(v):
                self.accepted.setdefault(s.casefold(), v)
        for alias, v in (aliases or {}).items():
            self.accepted[alias.casefold()] = v

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str):
            key = value.strip().casefold()
            if key in self.refused:
                self.fail(self.refused[key], param, ctx)
            if key in self.accepted:
                return self.accepted[key]
            if key.replace("_", "-") in self.accepted:
                return self.accepted[key.replace("_", "-")]
        return super().convert(value, param, ctx)


def choice(enum: type[StrEnum], *, only: Iterable[str] | None = None,
           aliases: Mapping[str, str] | None = None,
           refused: Mapping[str, str] | None = None) -> Choice:  # fmt: skip
    """The choice of an enum's values (or ``only`` these), with every spelling; a value
    in ``refused`` is an error that says why."""
    wanted = set(only) if only is not None else None
    values = [m.value for m in enum if wanted is None or m.value in wanted]
    return Choice(values, aliases, refused)


FORMAT_ALIASES = {"text": "plain", "txt": "plain", "md": "markdown"}
