"""The shape of every record kind: fields, types, enums and references.

One declarative description serves the validator (and, later, a JSON Schema export), so
the loader and the documentation cannot drift apart. No I/O, no third-party imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("advocate", "supportive", "neutral", "skeptical", "opposed", "undeclared")
ACTOR_KINDS = ("state", "organization", "person")
QUOTE_KINDS = ("direct", "reported", "translation")
FRAMEWORK_STATUSES = ("active", "dissolved", "suspended", "never-created")
TERM_ROLES = ("reasons", "prefers", "concerns")
ARGUMENT_SIDES = ("for", "against")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # text | date | bool | int | id | url | lang | enum | ref | refs | strs | records
    required: bool = False
    enum: tuple[str, ...] = ()
    ref: str = ""  # the kind a ref/refs field points at
    fields: tuple[Field, ...] = ()  # for records
    doc: str = ""


@dataclass(frozen=True)
class Kind:
    name: str  # the top-level key, plural: "sources"
    fields: tuple[Field, ...]
    has_id: bool = True
    single: bool = False  # exactly one record (the dataset description)
    extra: dict[str, str] = field(default_factory=dict)

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_SOURCES = Field("sources", "refs", required=True, ref="sources", doc="source ids")
# Where sources disagree on a value, both are kept and shown: "disputed: 25 or 27 Sept 2024".
_DISPUTES = Field(
    "disputes",
    "records",
    fields=(
        Field("field", "text", required=True),
        Field("values", "strs", required=True),
        Field("note", "text"),
        _SOURCES,
    ),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "dataset",
            (
                Field("version", "text", required=True),
                Field("as_of", "date", required=True),
                Field("title", "text", required=True),
                Field("description", "text"),
                # what the proposal is and where it came from, for the briefing's opening
                Field("overview", "text"),
                Field("overview_sources", "refs", ref="sources"),
            ),
            has_id=False,
            single=True,
        ),
        Kind(
            "sources",
            (
                Field("id", "id", required=True),
                Field("title", "text", required=True),
                Field("outlet", "text", required=True),
                Field("author", "text"),
                Field("date", "date"),
                Field("url", "url"),
                Field("seen_at", "url"),
                Field("note", "text"),
            ),
        ),
        Kind(
            "terms",
            (
                Field("id", "id", required=True),
                Field("label", "text", required=True),
                Field("description", "text"),
            ),
        ),
        Kind(
            "actors",
            (
                Field("id", "id", required=True),
                Field("kind", "enum", required=True, enum=ACTOR_KINDS),
                Field("name", "text", required=True),
                Field("native_name", "text"),
                Field("native_name_source", "refs", ref="sources"),
                Field("aliases", "strs"),
                Field("country", "ref", ref="actors"),
                Field("description", "text"),
                Field(
                    "offices",
                    "records",
                    fields=(
                        Field("title", "text", required=True),
                        Field("of", "ref", ref="actors"),
                        Field("start", "date"),
                        Field("end", "date"),
                        _SOURCES,
                    ),
                ),
                _SOURCES,
            ),
        ),
        Kind(
            "positions",
            (
                Field("id", "id", required=True),
                Field("actor", "ref", required=True, ref="actors"),
                Field("stance", "enum", required=True, enum=STANCES),
                Field("named_as_threat", "bool"),
                Field("headline", "text"),
                Field("summary", "text", required=True),
                Field("reasons", "refs", ref="terms"),
                Field("prefers", "refs", ref="terms"),
                Field("concerns", "refs", ref="terms"),
                # for a state or organization: who speaks for it in this position
                Field("voiced_by", "refs", ref="actors"),
                Field("since", "date", required=True),
                _SOURCES,
            ),
        ),
        Kind(
            "quotes",
            (
                Field("id", "id", required=True),
                Field("speaker", "ref", required=True, ref="actors"),
                Field("role", "text"),
                Field("text", "text", required=True),
                Field("kind", "enum", required=True, enum=QUOTE_KINDS),
                Field("language", "lang"),
                Field("original_language", "lang"),
                Field("original_text", "text"),
                Field("gloss", "text"),
                Field("date", "date"),  # a quote without one is accepted with a warning
                Field("date_is_report_date", "bool"),
                Field("venue", "text", required=True),
                Field("note", "text"),
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "frameworks",
            (
                Field("id", "id", required=True),
                Field("name", "text", required=True),
                Field("short_name", "text"),
                Field("founded", "date"),
                Field("founding_document", "text"),
                Field("in_force", "date"),
                Field("collective_defense", "bool", required=True),
                Field("collective_defense_clause", "text"),
                Field("status", "enum", required=True, enum=FRAMEWORK_STATUSES),
                Field("ended", "date"),
                Field(
                    "members",
                    "records",
                    fields=(
                        Field("actor", "ref", required=True, ref="actors"),
                        Field("joined", "date"),
                        Field("left", "date"),
                    ),
                ),
                Field("member_count", "int"),
                Field("summary", "text"),
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "events",
            (
                Field("id", "id", required=True),
                Field("date", "date", required=True),
                Field("end", "date"),
                Field("title", "text", required=True),
                Field("summary", "text"),
                Field("actors", "refs", ref="actors"),
                Field("frameworks", "refs", ref="frameworks"),
                Field("milestone", "bool"),  # one of the debate's milestones, for the briefing
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "arguments",
            (
                Field("id", "id", required=True),
                Field("side", "enum", required=True, enum=ARGUMENT_SIDES),
                Field("title", "text", required=True),
                Field("summary", "text", required=True),
                Field("actors", "refs", ref="actors"),
                # arguers who are not actors in the dataset: a commentary's authors, a study
                Field("others", "strs"),
                Field("quotes", "refs", ref="quotes"),
                Field("terms", "refs", ref="terms"),
                _SOURCES,
            ),
        ),
    )
}

# Order in which kinds are checked and compiled: referenced kinds first.
KIND_ORDER = (
    "dataset",
    "sources",
    "terms",
    "actors",
    "positions",
    "quotes",
    "frameworks",
    "events",
    "arguments",
)
