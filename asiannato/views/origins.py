"""Which records come from a pack: a mark after each such record's name, and a legend
that names the pack behind each mark. The bundled data's records carry no mark."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asiannato.doc import Line, Para, plain
from asiannato.model import BUNDLED

if TYPE_CHECKING:
    from asiannato.model import Actor, Position

# one mark per pack, in the order the page first shows one of its records
SYMBOLS = ("\u2020", "\u2021", "\u00a7", "\u00b6")


class Marks:
    """The marks of one page: ``span(origin)`` after a record's name, ``legend()`` at
    the end. The base layer's records (the bundled data's, or with --no-bundled the first
    pack's) carry no mark: a mark says that a pack laid on top changed or added one."""

    def __init__(self, base: str = BUNDLED) -> None:
        self.base = base
        self.packs: list[str] = []

    def symbol(self, origin: str) -> str:
        if origin == self.base:
            return ""
        if origin not in self.packs:
            self.packs.append(origin)
        i = self.packs.index(origin)
        return SYMBOLS[i] if i < len(SYMBOLS) else f"[{i + 1}]"

    def span(self, origin: str) -> Line:
        """`` †`` after a name when the record comes from a pack; nothing otherwise."""
        mark = self.symbol(origin)
        return plain(f" {mark}") if mark else []

    def legend(self) -> Para | None:
        if not self.packs:
            return None
        parts = [f"{self.symbol(p)} from the pack {p}" for p in self.packs]
        return Para(plain("; ".join(parts)))


def row_origin(actor: Actor, position: Position | None) -> str:
    """Where an actor's row comes from: the pack of its position, else of the actor."""
    if position is not None and position.origin != BUNDLED:
        return position.origin
    return actor.origin
