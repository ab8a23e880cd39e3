"""The shape of every record kind: fields, types, enums and references, and the JSON
Schema (draft 2020-12) of pack files made from it.

One declarative description serves the validator and the JSON Schema that editors and
CI use, so the two cannot drift apart. The enumerations are the model's own. No I/O, no
third-party imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from asiannato import __version__
from asiannato.model import RECORD_KINDS, ActorKind, FrameworkStatus, QuoteKind, Side, Stance

# as plain strings: messages quote them (repr) and JSON carries them
STANCES = tuple(s.value for s in Stance)
ACTOR_KINDS = tuple(k.value for k in ActorKind)
QUOTE_KINDS = tuple(k.value for k in QuoteKind)
FRAMEWORK_STATUSES = tuple(s.value for s in FrameworkStatus)
ARGUMENT_SIDES = tuple(s.value for s in Side)


class FieldType(StrEnum):
    text = "text"
    date = "date"
    bool = "bool"
    int = "int"
    id = "id"  # this record's id
    url = "url"
    lang = "lang"  # a BCP 47 language tag
    enum = "enum"
    ref = "ref"  # another record's id
    refs = "refs"  # a list of ids
    strs = "strs"  # a list of strings
    records = "records"  # a list of nested records


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    required: bool = False
    enum: tuple[str, ...] = ()
    ref: str = ""  # the kind a ref/refs field points at
    fields: tuple[Field, ...] = ()  # for records
    doc: str = ""


@dataclass(frozen=True)
class Kind:
    name: str  # the top-level key, plural: "sources"
    fields: tuple[Field, ...]
    single: bool = False  # exactly one record (the dataset description)


_SOURCES = Field("sources", FieldType.refs, required=True, ref="sources", doc="source ids")
# Where sources disagree on a value, both are kept and shown: "disputed: 25 or 27 Sept 2024".
_DISPUTES = Field(
    "disputes",
    FieldType.records,
    fields=(
        Field("field", FieldType.text, required=True),
        Field("values", FieldType.strs, required=True),
        Field("note", FieldType.text),
        _SOURCES,
    ),
)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "dataset",
            (
                Field("version", FieldType.text, required=True),
                Field("as_of", FieldType.date, required=True),
                Field("title", FieldType.text, required=True),
                Field("description", FieldType.text),
                # what the proposal is and where it came from, for the briefing's opening
                Field("overview", FieldType.text),
                Field("overview_sources", FieldType.refs, ref="sources"),
            ),
            single=True,
        ),
        Kind(
            "sources",
            (
                Field("id", FieldType.id, required=True),
                Field("title", FieldType.text, required=True),
                Field("outlet", FieldType.text, required=True),
                Field("author", FieldType.text),
                Field("date", FieldType.date),
                Field("url", FieldType.url),
                Field("seen_at", FieldType.url),
                Field("note", FieldType.text),
            ),
        ),
        Kind(
            "terms",
            (
                Field("id", FieldType.id, required=True),
                Field("label", FieldType.text, required=True),
                Field("description", FieldType.text),
            ),
        ),
        Kind(
            "actors",
            (
                Field("id", FieldType.id, required=True),
                Field("kind", FieldType.enum, required=True, enum=ACTOR_KINDS),
                Field("name", FieldType.text, required=True),
                Field("native_name", FieldType.text),
                Field("native_name_source", FieldType.refs, ref="sources"),
                Field("aliases", FieldType.strs),
                Field("country", FieldType.ref, ref="actors"),
                Field("description", FieldType.text),
                Field(
                    "offices",
                    FieldType.records,
                    fields=(
                        Field("title", FieldType.text, required=True),
                        Field("of", FieldType.ref, ref="actors"),
                        Field("start", FieldType.date),
                        Field("end", FieldType.date),
                        _SOURCES,
                    ),
                ),
                _SOURCES,
            ),
        ),
        Kind(
            "positions",
            (
                Field("id", FieldType.id, required=True),
                Field("actor", FieldType.ref, required=True, ref="actors"),
                Field("stance", FieldType.enum, required=True, enum=STANCES),
                Field("named_as_threat", FieldType.bool),
                Field("headline", FieldType.text),
                Field("summary", FieldType.text, required=True),
                Field("reasons", FieldType.refs, ref="terms"),
                Field("prefers", FieldType.refs, ref="terms"),
                Field("concerns", FieldType.refs, ref="terms"),
                # for a state or organization: who speaks for it in this position
                Field("voiced_by", FieldType.refs, ref="actors"),
                Field("since", FieldType.date, required=True),
                _SOURCES,
            ),
        ),
        Kind(
            "quotes",
            (
                Field("id", FieldType.id, required=True),
                Field("speaker", FieldType.ref, required=True, ref="actors"),
                Field("role", FieldType.text),
                Field("text", FieldType.text, required=True),
                Field("kind", FieldType.enum, required=True, enum=QUOTE_KINDS),
                Field("language", FieldType.lang),
                Field("original_language", FieldType.lang),
                Field("original_text", FieldType.text),
                Field("gloss", FieldType.text),
                Field("date", FieldType.date),  # a quote without one is accepted with a warning
                Field("date_is_report_date", FieldType.bool),
                Field("venue", FieldType.text, required=True),
                Field("note", FieldType.text),
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "frameworks",
            (
                Field("id", FieldType.id, required=True),
                Field("name", FieldType.text, required=True),
                Field("short_name", FieldType.text),
                Field("founded", FieldType.date),
                Field("founding_document", FieldType.text),
                Field("in_force", FieldType.date),
                Field("collective_defense", FieldType.bool, required=True),
                Field("collective_defense_clause", FieldType.text),
                Field("status", FieldType.enum, required=True, enum=FRAMEWORK_STATUSES),
                Field("ended", FieldType.date),
                Field(
                    "members",
                    FieldType.records,
                    fields=(
                        Field("actor", FieldType.ref, required=True, ref="actors"),
                        Field("joined", FieldType.date),
                        Field("left", FieldType.date),
                    ),
                ),
                Field("member_count", FieldType.int),
                Field("summary", FieldType.text),
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "events",
            (
                Field("id", FieldType.id, required=True),
                Field("date", FieldType.date, required=True),
                Field("end", FieldType.date),
                Field("title", FieldType.text, required=True),
                Field("summary", FieldType.text),
                Field("actors", FieldType.refs, ref="actors"),
                Field("frameworks", FieldType.refs, ref="frameworks"),
                Field(
                    "milestone", FieldType.bool
                ),  # one of the debate's milestones, for the briefing
                _DISPUTES,
                _SOURCES,
            ),
        ),
        Kind(
            "arguments",
            (
                Field("id", FieldType.id, required=True),
                Field("side", FieldType.enum, required=True, enum=ARGUMENT_SIDES),
                Field("title", FieldType.text, required=True),
                Field("summary", FieldType.text, required=True),
                Field("actors", FieldType.refs, ref="actors"),
                # arguers who are not actors in the dataset: a commentary's authors, a study
                Field("others", FieldType.strs),
                Field("quotes", FieldType.refs, ref="quotes"),
                Field("terms", FieldType.refs, ref="terms"),
                _SOURCES,
            ),
        ),
    )
}

KIND_ORDER = RECORD_KINDS


# --- the JSON Schema of pack files -------------------------------------------------

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$"
URL_PATTERN = (
    r"^https?://[^\s<>\"`\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+$"
)
LANG_PATTERN = r"^[a-zA-Z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"


def _one_or_many(item: dict[str, Any]) -> dict[str, Any]:
    # The loader accepts a single value where a list is expected.
    return {"anyOf": [item, {"type": "array", "items": item}]}


def _field(f: Field) -> dict[str, Any]:
    t = f.type
    if t == "text":
        return {"type": "string", "minLength": 1, "pattern": r"\S"}
    if t in ("id", "ref"):
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": 120}
    if t == "date":
        return {"type": "string", "pattern": DATE_PATTERN}
    if t == "url":
        return {"type": "string", "pattern": URL_PATTERN}
    if t == "lang":
        return {"type": "string", "pattern": LANG_PATTERN}
    if t == "enum":
        return {"enum": list(f.enum)}
    if t == "bool":
        return {"type": "boolean"}
    if t == "int":
        return {"type": "integer", "minimum": 0}
    if t == "refs":
        one = {"type": "string", "pattern": ID_PATTERN}
        if f.required:
            return {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
        return _one_or_many(one)
    if t == "strs":
        return _one_or_many({"type": "string", "minLength": 1})
    if t == "records":
        return {"type": "array", "items": _record(f.fields)}
    raise AssertionError(t)  # pragma: no cover


def _record(fields: tuple[Field, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {f.name: _field(f) for f in fields},
        "additionalProperties": False,
    }
    required = [f.name for f in fields if f.required]
    if required:
        out["required"] = required
    return out


def _kind(kind: Kind) -> dict[str, Any]:
    record = _record(kind.fields)
    return record if kind.single else {"type": "array", "items": record}


def to_json_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of a pack file holding any kinds, or only ``kind``."""
    kinds = [kind] if kind else list(KIND_ORDER)
    return {
        "$schema": DRAFT,
        "$id": f"https://asiannato.invalid/schema/{kind or 'pack'}-{__version__}.json",
        "title": f"asiannato {kind or 'pack'} file",
        "description": "A YAML file of an asiannato data pack; see docs/data-format.md.",
        "type": "object",
        "properties": {k: _kind(KINDS[k]) for k in kinds},
        "additionalProperties": False,
    }
