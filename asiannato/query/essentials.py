"""What matters, chosen by rule: the short brief and the position paper are made from the
whole dataset by the rules below, never from a hand list of ids, so new data flows in.

- **Major actors**: every state, and every organization that belongs to no country (NATO,
  ASEAN); a ministry, party or news agency speaks for its state, and people for their
  office.
- **Side** of a stance: advocate and supportive are *for*, skeptical and opposed are
  *against*; neutral and undeclared take no side.
- **Strongest argument**: the one with the most distinct sources, then the most actors
  and others making it, then the most quotes behind it (then the dataset's order).
- **Defining quote** of a speaker: of their words that lead an argument (an argument's
  first quote, the one the dataset puts forward for it), the one printed by the most
  sources, ties going to the argument listed first; a speaker who leads no argument: their
  words printed in a source that a position of theirs (or of their state) rests on, then
  those printed by the most sources, direct before translated, then the newest. Never
  reported speech. So Ishiba's is "The absence of a collective self-defence system like
  NATO in Asia...", the first words of the first argument for the pact.
- **Key quotes** of the debate: the defining quotes of the speakers who took a side, the
  most widely printed first, at most two per side and one per speaker: three (so the
  Markdown brief stays one screen, 90 lines).
- **Charted**: the major actors that have taken a side at some time, and the people who
  proposed the pact (held "advocate"); a position paper charts the actors asked for.
- **Key events** (marked on the chart, listed as the latest milestones): the events the
  dataset flags as milestones.
- **Cited**: a short brief cites one source per record, its first: for a quote the one its
  words are taken from, for anything else the one the record rests on first. (Reusing a
  source the page already cites would save lines, but could point a reader to an article
  that supports only a side remark of the record.) ``--full`` cites them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from asiannato.model import Actor, Argument, Position, Quote
from asiannato.model import date_bounds as _bounds

FOR = ("advocate", "supportive")
AGAINST = ("skeptical", "opposed")
KEY_QUOTES = 3
PER_SIDE = 2
STRONGEST = 3
LATEST_MILESTONES = 2  # with the stance legend, three would take the page past 90 lines
KEY_PEOPLE = 3


def is_major(actor: Actor) -> bool:
    return actor.kind == "state" or (actor.kind == "organization" and not actor.country)


def side(stance: str | None) -> str | None:
    """ "for", "against", or None (no side)."""
    if stance in FOR:
        return "for"
    if stance in AGAINST:
        return "against"
    return None


def declared(positions: Sequence[Position], date: str) -> Position | None:
    """The newest position by ``date`` that takes a side, if any."""
    hi = _bounds(date)[1]
    found = [p for p in positions if _bounds(p.since)[0] <= hi and side(p.stance)]
    return found[-1] if found else None


def strength(arg: Argument) -> tuple[int, int, int]:
    return (len(set(arg.sources)), len(arg.actors) + len(arg.others), len(arg.quotes))


def strongest(args: Iterable[Argument], n: int = STRONGEST) -> list[Argument]:
    """The ``n`` strongest, in the dataset's order among equals."""
    ranked = sorted(enumerate(args), key=lambda ia: (*(-k for k in strength(ia[1])), ia[0]))
    return [a for _, a in ranked[:n]]


def leads(args: Iterable[Argument]) -> dict[str, int]:
    """The quotes that lead an argument, and the order of their arguments."""
    out: dict[str, int] = {}
    for rank, arg in enumerate(args):
        if arg.quotes:
            out.setdefault(arg.quotes[0], rank)
    return out


def defining(
    quotes: Iterable[Quote], lead: dict[str, int], positions: Iterable[Position] = ()
) -> Quote | None:
    """A speaker's defining quote (see the module's rules); ``positions``: the speaker's
    and their state's."""
    said = [q for q in quotes if q.kind != "reported"]
    leading = [q for q in said if q.id in lead]
    if leading:
        return max(leading, key=lambda q: (len(set(q.sources)), -lead[q.id]))
    if not said:
        return None
    cited = {s for p in positions for s in p.sources}
    return max(
        said,
        key=lambda q: (
            bool(cited & set(q.sources)),
            len(set(q.sources)),
            q.kind == "direct",
            q.date or "",
        ),
    )


def key_quotes(by_speaker: dict[str, tuple[str | None, Quote]]) -> list[Quote]:
    """From each speaker's (side, defining quote): the key quotes of the debate."""
    ranked = sorted(
        ((s, q) for s, q in by_speaker.values() if s),
        key=lambda sq: (-len(set(sq[1].sources)), sq[1].date or ""),
    )
    chosen: list[Quote] = []
    count = {"for": 0, "against": 0}
    rest: list[Quote] = []
    for s, q in ranked:
        if s is not None and count[s] < PER_SIDE:
            count[s] += 1
            chosen.append(q)
        else:
            rest.append(q)
    chosen = (chosen + rest)[:KEY_QUOTES]
    return sorted(chosen, key=lambda q: q.date or "")


def pick_source(ids: Sequence[str], cited: set[str], *, words: bool) -> tuple[str, ...]:
    """The one source a short brief cites a record by: its first (see the module's rules).
    ``cited`` and ``words`` are kept for callers; the rule no longer needs them."""
    del cited, words
    return tuple(ids[:1])


def two_sentences(text: str) -> str:
    """The first two sentences of a paragraph."""
    import re

    ends = [m.end() for m in re.finditer(r"[.!?][\u201d\"')]?(?=\s+[A-Z\u201c\"(])", text)]
    return text[: ends[1]].strip() if len(ends) >= 2 else text.strip()


__all__ = [
    "AGAINST",
    "FOR",
    "declared",
    "defining",
    "is_major",
    "key_quotes",
    "leads",
    "pick_source",
    "side",
    "strength",
    "strongest",
    "two_sentences",
]
