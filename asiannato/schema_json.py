"""JSON Schema (draft 2020-12) for pack files, generated from ``asiannato.schema`` so the
editor's checks and the loader's can never disagree."""

from __future__ import annotations

from typing import Any

from asiannato import __version__
from asiannato.schema import KIND_ORDER, KINDS, Field, Kind

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


def schema(kind: str | None = None) -> dict[str, Any]:
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
