"""Labels and wording shared by every page and row: how dates, offices, languages,
disputes and sources are written. No page model and no Rich here."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from asiannato.model import (
    Actor,
    Dispute,
    Event,
    Office,
    Position,
    Role,
    Source,
    Term,
    date_bounds,
)
from asiannato.model import human_date as human_date  # the views' date wording, from here

ROLE_TITLE = {Role.reasons: "Reasons", Role.prefers: "Prefers instead", Role.concerns: "Concerns"}
KIND_TITLES = {"state": "States", "organization": "Organizations", "person": "People"}
COPY = "seen in a copy"
KIND_LABEL = {
    "direct": "direct quote",
    "reported": "reported speech (not a verbatim quote)",
    "translation": "translation",
}
LANGUAGES = {
    "en": "English",
    "ja": "Japanese",
    "zh": "Chinese",
    "zh-Hant": "Chinese (traditional script)",
    "zh-Hans": "Chinese (simplified script)",
    "ko": "Korean",
    "ru": "Russian",
    "tl": "Filipino",
    "fil": "Filipino",
}


def as_of_text(as_of: str, facts_to: str = "") -> str:
    """ "as of DATE", and where DATE is after the data ends, say so: positions shown
    "as of" today are the last ones on record, not news from today."""
    if facts_to and as_of > facts_to:
        return f"as of {as_of}; {data_to_text(facts_to)}"
    return f"as of {as_of}"


def language_name(tag: str | None) -> str:
    if not tag:
        return "English"
    return LANGUAGES.get(tag, LANGUAGES.get(tag.split("-")[0], tag))


def date_text(date: str | None, *, reported: bool = False) -> str:
    if not date:
        return "date unknown"
    return f"{date} (date reported)" if reported else date


def office_text(office: Office, actors: dict[str, Actor]) -> str:
    of = actors.get(office.of or "")
    where = f" ({of.name})" if of and of.name.lower() not in office.title.lower() else ""
    return f"{office.title}{where}, {office.term()}"


def history_text(earlier: Sequence[Position]) -> str:
    """Earlier positions, oldest first: "2024-09-27 advocate; 2024-10-02 supportive"."""
    return "; ".join(f"{p.since} {p.stance}" for p in earlier)


def term_labels(ids: Iterable[str], terms: dict[str, Term]) -> list[str]:
    return [terms[t].label if t in terms else t for t in ids]


def source_line(s: Source) -> str:
    """One line of a bibliography: outlet, author, date, title."""
    bits = [s.outlet]
    if s.author:
        bits.append(s.author)
    bits.append(s.date or "date unknown")
    return f"{', '.join(bits)}: {s.title}"


@dataclass
class Bibliography:
    """Sources numbered in the order the text first cites them."""

    order: list[str]
    by_id: dict[str, Source]

    def __post_init__(self) -> None:
        self._number = {sid: n for n, sid in enumerate(self.order, 1)}

    def numbers(self, ids: Sequence[str]) -> list[int]:
        return sorted({self._number[i] for i in ids if i in self._number})

    def cite(self, ids: Sequence[str]) -> str:
        return "".join(f"[{n}]" for n in self.numbers(ids))

    def compact(self, ids: Sequence[str]) -> str:
        """Source numbers for a narrow column: "1-3 7" rather than "[1][2][3][7]"."""
        nums = sorted(set(self.numbers(ids)))
        runs: list[str] = []
        i = 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                j += 1
            runs.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
            i = j + 1
        return " ".join(runs)

    def entries(self) -> list[tuple[int, Source]]:
        return [(n, self.by_id[i]) for n, i in enumerate(self.order, 1) if i in self.by_id]


def bibliography(id_lists: Iterable[Sequence[str]], by_id: dict[str, Source]) -> Bibliography:
    order: dict[str, None] = {}  # insertion-ordered set
    for ids in id_lists:
        for i in ids:
            if i in by_id:
                order.setdefault(i)
    return Bibliography(list(order), by_id)


KIND_PLURAL = {
    "actor": "Actors",
    "position": "Positions",
    "quote": "Quotes",
    "framework": "Frameworks",
    "event": "Events",
    "argument": "Arguments",
    "source": "Sources",
}


def dispute_text(d: Dispute) -> str:
    """ "disputed: 25 or 27 Sep 2024" — every value the sources give."""
    values = list(d.values)
    full = all(len(v) == 10 for v in values)
    if full and len({v[:7] for v in values}) == 1:
        days = " or ".join(str(int(v[8:])) for v in values)
        return f"disputed: {days} {human_date(values[0])[-8:]}"
    return "disputed: " + " or ".join(human_date(v) for v in values)


def disputed(disputes: Sequence[Dispute], name: str) -> Dispute | None:
    return next((d for d in disputes if d.field == name), None)


def event_date(e: Event) -> str:
    when = human_date(e.date) + (f" to {human_date(e.end)}" if e.end else "")
    d = disputed(e.disputes, "date")
    return f"{when}\n({dispute_text(d)})" if d else when


# --- freshness: the date the data runs to, and a note when it is old -------------------

STALE_AFTER_MONTHS = 6


def _last_day(value: str) -> dt.date:
    """The last day a (possibly partial) ISO date can mean."""
    year, month, day = (int(p) for p in date_bounds(value)[1].split("-"))
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (0 when less than one)."""
    n = (later.year - earlier.year) * 12 + later.month - earlier.month
    if _add_months(earlier, n) > later:
        n -= 1
    return max(n, 0)


def data_to_text(as_of: str) -> str:
    """ "data to 31 May 2026" """
    return f"data to {human_date(as_of)}"


def stale_note(as_of: str, today: str) -> str | None:
    """The note for a terminal when the data ends more than six months before ``today``
    (both ISO dates), else None."""
    end = _last_day(as_of)
    now = dt.date.fromisoformat(today)
    if now <= _add_months(end, STALE_AFTER_MONTHS):
        return None
    months = months_between(end, now)
    return (
        f"note: the data runs to {human_date(as_of)}, {months} months ago; "
        "newer events are not covered"
    )
