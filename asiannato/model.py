"""Frozen records of the briefing. No I/O; built from validated plain mappings."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from asiannato.records import record

# --- the vocabulary: defined once, used by the schema, the model, the CLI and the JSON
# Schema (a StrEnum member is its string, so records and JSON keep plain strings).


class Stance(StrEnum):
    advocate = "advocate"
    supportive = "supportive"
    neutral = "neutral"
    skeptical = "skeptical"
    opposed = "opposed"
    undeclared = "undeclared"


# What a stance is about, said wherever a stance is shown without room to explain (the
# legend under `actors`, and `stance_scope` in its JSON); docs/data-format.md gives the rule.
STANCE_SCOPE = (
    "A stance is a position on an \u201cAsian NATO\u201d: a formal collective-defence pact "
    "in the region, under any name. Related moves (access agreements, collective "
    "self-defence over Taiwan, calls for allies to do more) are not counted as support "
    "unless the actor ties them to a pact."
)

# What each stance means: the stance rule of docs/data-format.md, kept here once and shown
# by `asiannato terms` (a test checks the two agree).
STANCE_MEANING = {
    Stance.advocate: "proposes a pact or calls for one to be created",
    Stance.supportive: "endorses someone else's proposal, or says a pact is worth pursuing or "
    "exploring, without putting it off as unworkable for now",
    Stance.neutral: "addresses the idea but takes neither side: no comment at this stage, will "
    "consult or study it if it becomes concrete, or says a pact is not its role",
    Stance.skeptical: "doubts the pact is feasible, timely or wise, or declines to pursue it, "
    "without rejecting it outright (\u201ca long-term idea, not now\u201d is skeptical)",
    Stance.opposed: "rejects a pact or condemns it as harmful",
    Stance.undeclared: "no sourced statement by the actor on a pact",
}


class ActorKind(StrEnum):
    state = "state"
    organization = "organization"
    person = "person"


class QuoteKind(StrEnum):
    direct = "direct"
    reported = "reported"
    translation = "translation"


class FrameworkStatus(StrEnum):
    active = "active"
    dissolved = "dissolved"
    suspended = "suspended"
    never_created = "never-created"


class Side(StrEnum):
    for_ = "for"
    against = "against"


class Role(StrEnum):
    """What a term is to a position: a reason for it, an alternative it prefers, or a
    concern about it."""

    reasons = "reasons"
    prefers = "prefers"
    concerns = "concerns"


# The record kinds of a data file, in the order they are checked and compiled
# (referenced kinds first).
RECORD_KINDS = (
    "dataset", "sources", "terms", "actors", "positions", "quotes", "frameworks", "events",
    "arguments",
)  # fmt: skip


class Format(StrEnum):
    """Output formats of the query commands (auto: table on a terminal, else plain)."""

    auto = "auto"
    table = "table"
    plain = "plain"
    json = "json"
    markdown = "markdown"
    csv = "csv"


# The origin of a record from the bundled dataset; a pack's records carry the pack's
# path as messages show it.
BUNDLED = "bundled"


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a (possibly partial) date can mean, as ISO strings.

    "2024" -> ("2024-01-01", "2024-12-31"); "2024-09" -> ("2024-09-01", "2024-09-31").
    A day 31 in every month is fine here: the bounds only need to compare correctly.
    """
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-01-01", f"{value}-12-31"
    if len(parts) == 2:
        return f"{value}-01", f"{value}-31"
    return value, value


# the end of a sentence: its mark, then white space or the end of the text
_SENTENCE_END = re.compile(r"[.!?](?=\s|\Z)")


def _t(values: Any) -> tuple[str, ...]:
    return tuple(values or ())


@record
class Dispute:
    """Sources disagree on ``field``: every value they give is kept."""

    field: str
    values: tuple[str, ...]
    sources: tuple[str, ...]
    note: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Dispute:
        return cls(d["field"], _t(d["values"]), _t(d.get("sources")), d.get("note"))


def _disputes(d: dict[str, Any]) -> tuple[Dispute, ...]:
    return tuple(Dispute.from_dict(x) for x in d.get("disputes", ()))


@record
class DatasetInfo:
    version: str
    as_of: str
    title: str
    description: str | None
    counts: dict[str, int]
    # where the base layer comes from: "bundled", or the first pack (with --no-bundled)
    origin: str = BUNDLED


@record
class Source:
    id: str
    title: str
    outlet: str
    author: str | None = None
    date: str | None = None
    url: str | None = None
    seen_at: str | None = None
    note: str | None = None
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Source:
        return cls(**d)

    @property
    def link(self) -> str | None:
        """The address to give a reader: the outlet's own, else where it was seen."""
        return self.url or self.seen_at

    @property
    def is_copy(self) -> bool:
        """The only address we have is of a copy ("seen in a copy"), not the outlet's."""
        return bool(self.seen_at and not self.url)


@record
class Term:
    id: str
    label: str
    description: str | None = None
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Term:
        return cls(**d)


@record
class Office:
    title: str
    of: str | None
    start: str | None
    end: str | None
    sources: tuple[str, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Office:
        return cls(d["title"], d.get("of"), d.get("start"), d.get("end"), _t(d.get("sources")))

    def held_on(self, date: str) -> bool | None:
        """Whether the office was held on ``date`` (None when its dates cannot tell)."""
        if self.start is None and self.end is None:
            return None
        if self.start is not None and date < self.start:
            return False
        return not (self.end is not None and date > self.end)

    def term(self) -> str:
        if self.start and self.end:
            return f"{self.start} to {self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return "dates not sourced"


@record
class Actor:
    id: str
    kind: ActorKind
    name: str
    native_name: str | None
    aliases: tuple[str, ...]
    country: str | None
    description: str | None
    offices: tuple[Office, ...]
    sources: tuple[str, ...]
    native_name_source: tuple[str, ...] = ()
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            kind=ActorKind(d["kind"]),
            name=d["name"],
            native_name=d.get("native_name"),
            aliases=_t(d.get("aliases")),
            country=d.get("country"),
            description=d.get("description"),
            offices=tuple(Office.from_dict(o) for o in d.get("offices", ())),
            sources=_t(d.get("sources")),
            native_name_source=_t(d.get("native_name_source")),
            origin=d.get("origin", BUNDLED),
        )

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.native_name})" if self.native_name else self.name


@record
class Position:
    id: str
    actor: str
    stance: Stance
    summary: str
    since: str
    reasons: tuple[str, ...]
    prefers: tuple[str, ...]
    concerns: tuple[str, ...]
    sources: tuple[str, ...]
    named_as_threat: bool = False
    headline: str | None = None
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @property
    def one_line(self) -> str:
        """The position in one line: its headline, else the summary's first sentence."""
        if self.headline:
            return self.headline
        text = self.summary.strip()
        end = _SENTENCE_END.search(text, 1)  # a sentence has at least one character
        return " ".join((text[: end.start() + 1] if end else self.summary).split())

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Position:
        return cls(
            id=d["id"],
            actor=d["actor"],
            stance=Stance(d["stance"]),
            summary=d["summary"],
            since=d["since"],
            reasons=_t(d.get("reasons")),
            prefers=_t(d.get("prefers")),
            concerns=_t(d.get("concerns")),
            sources=_t(d.get("sources")),
            named_as_threat=bool(d.get("named_as_threat", False)),
            headline=d.get("headline"),
            origin=d.get("origin", BUNDLED),
        )


@record
class Quote:
    id: str
    speaker: str
    text: str
    kind: QuoteKind
    date: str | None  # None: the pack gave no date (validation warns about it)
    venue: str
    sources: tuple[str, ...]
    role: str | None = None
    language: str | None = None
    original_language: str | None = None
    original_text: str | None = None
    gloss: str | None = None
    date_is_report_date: bool = False
    note: str | None = None
    disputes: tuple[Dispute, ...] = ()
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        d = dict(d)
        d.setdefault("date", None)
        d["kind"] = QuoteKind(d["kind"])
        d["sources"] = _t(d.get("sources"))
        d["disputes"] = _disputes(d)
        return cls(**d)


@record
class Member:
    actor: str
    joined: str | None = None
    left: str | None = None


@record
class Framework:
    id: str
    name: str
    collective_defense: bool
    status: FrameworkStatus
    sources: tuple[str, ...]
    short_name: str | None = None
    founded: str | None = None
    founding_document: str | None = None
    collective_defense_clause: str | None = None
    ended: str | None = None
    members: tuple[Member, ...] = ()
    member_count: int | None = None
    summary: str | None = None
    in_force: str | None = None
    disputes: tuple[Dispute, ...] = ()
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Framework:
        d = dict(d)
        d["status"] = FrameworkStatus(d["status"])
        d["sources"] = _t(d.get("sources"))
        d["members"] = tuple(Member(**m) for m in d.get("members", ()))
        d["disputes"] = _disputes(d)
        return cls(**d)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@record
class Event:
    id: str
    date: str
    title: str
    sources: tuple[str, ...]
    end: str | None = None
    summary: str | None = None
    actors: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    milestone: bool = False
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        for key in ("sources", "actors", "frameworks"):
            d[key] = _t(d.get(key))
        d["disputes"] = _disputes(d)
        return cls(**d)


@record
class Argument:
    id: str
    side: Side
    title: str
    summary: str
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    others: tuple[str, ...] = ()
    origin: str = BUNDLED  # "bundled", or the pack the record comes from

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Argument:
        d = dict(d)
        for key in ("sources", "actors", "quotes", "terms", "others"):
            d[key] = _t(d.get(key))
        d["side"] = Side(d["side"])
        return cls(**d)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(value: str) -> str:
    """ "2024-09-25" -> "25 Sep 2024"; "2024-09" -> "Sep 2024"; "2024" -> "2024"."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
