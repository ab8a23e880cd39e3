"""Find the data, read its YAML safely, check every record and every reference.

This is the only module that reads YAML (through ``yamlload``). It runs only when the
compiled store is missing or stale, never on a warm run; given a cache folder, it keeps
each file's checked records there and reads again only the files that changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import json
import marshal
import os
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asiannato import __version__, yamlload
from asiannato.errors import DataError, Problem
from asiannato.model import BUNDLED, date_bounds
from asiannato.packs import Pack
from asiannato.schema import KIND_ORDER, KINDS, Field, Kind

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_LANG = re.compile(r"[a-zA-Z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")
# No white space, control, bidi or zero-width characters, and none of <>"\` that
# would end a Markdown autolink or an HTML attribute early.
_URL = re.compile(
    r"https?://[^\s<>\"`\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+\Z"
)
MAX_ID_CHARS = 120


@dataclass
class _Located:
    record: dict[str, Any]
    file: str
    line: int
    path: str  # key path, e.g. "quotes[3]"
    key_where: dict[str, tuple[int, int]]
    column: int = 1
    json: str | None = None  # the record as ``record_json`` writes it, once known
    # required fields it leaves out (an overlay may: the earlier layer's values stay)
    missing: tuple[str, ...] = ()
    # optional fields it sets to null: cleared, even when an earlier layer has them
    cleared: tuple[str, ...] = ()
    partial: bool = False  # a faulty record kept for the rest of its checks
    origin: str = BUNDLED  # "bundled", or the label of the pack it comes from

    def at(self, key: str) -> tuple[int, int]:
        """Where a field of the record stands (the record itself when the key is nested)."""
        return self.key_where.get(key.split("[", 1)[0].split(".", 1)[0], (self.line, self.column))


@dataclass
class Dataset:
    """A validated dataset: plain records by kind, in file order."""

    info: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    overlay: list[PackReport] = field(default_factory=list)
    # each record's JSON text where the parsed cache already had it (else None)
    encoded: dict[str, list[str | None]] = field(default_factory=dict)
    origin: str = BUNDLED  # the base layer's: "bundled", or the first pack's label

    def count(self, kind: str) -> int:
        return len(self.records.get(kind, []))

    def with_json(self, kind: str) -> Iterator[tuple[dict[str, Any], str]]:
        """Each record of a kind, in order, with its JSON text."""
        records = self.records.get(kind, [])
        texts = self.encoded.get(kind) or [None] * len(records)
        for record, text in zip(records, texts, strict=True):
            yield record, text if text is not None else record_json(record)


# One encoder for every record (json.dumps with options builds a new one per call). Its
# output is kept in the parsed cache: encoding is a fifth of a rebuild's work.
record_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@dataclass
class PackReport:
    """What one pack did to the data before it, by record kind: the ids it added (new
    records), replaced (every field given anew) and extended (some fields given, the
    others kept from the earlier layer)."""

    label: str
    added: dict[str, list[str]] = field(default_factory=dict)
    replaced: dict[str, list[str]] = field(default_factory=dict)
    extended: dict[str, list[str]] = field(default_factory=dict)

    def line(self) -> str:
        def plural(kind: str, n: int) -> str:
            return kind if n != 1 else kind.rstrip("s")

        added = [f"{len(ids)} {plural(k, len(ids))}" for k, ids in self.added.items() if ids]
        bits = [f"added {', '.join(added)}"] if added else []
        for verb, by_kind in (("replaced", self.replaced), ("extended", self.extended)):
            for k, ids in by_kind.items():
                shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                bits.append(f"{verb} {len(ids)} {plural(k, len(ids))} ({shown})")
        return f"pack {self.label}: " + ("; ".join(bits) if bits else "no records")

    def to_dict(self) -> dict[str, object]:
        return {
            "pack": self.label,
            "added": self.added,
            "replaced": self.replaced,
            "extended": self.extended,
        }


# What a compile is doing, and the share of the whole compile done so far (0 to 1).
Progress = Callable[[str, float], None]
# The share of a compile spent reading files (the rest: references, tables, search).
READ_SHARE = 0.65


def check(
    packs: Sequence[Pack], *, progress: Progress | None = None, cache: Path | None = None
) -> tuple[Dataset | None, list[Problem]]:
    """Read and validate packs in order; a record whose id an earlier pack already has
    replaces it. Return the dataset (None when there are errors) and every problem,
    errors and warnings alike. With ``cache`` (a folder), each file's checked records
    are kept there and reused while the file is unchanged."""
    problems: list[Problem] = []
    total = _total_size(packs) if progress else 0
    done = 0
    merged: dict[str, dict[str, _Located]] = {k: {} for k in KIND_ORDER}
    info: _Located | None = None
    reports: list[PackReport] = []
    home = _bundled_path()
    base_origin = BUNDLED
    for n, pack in enumerate(packs):
        report = PackReport(pack.label)
        if n:  # the first pack is the base; the others overlay it
            reports.append(report)
        origin = BUNDLED if _resolved(pack.path) == home else pack.label
        if n == 0:
            base_origin = origin
        try:
            files = pack.files()
        except OSError as err:
            problems.append(Problem(pack.label, None, "", f"cannot list folder: {err.strerror}"))
            continue
        seen_here: dict[str, dict[str, _Located]] = {k: {} for k in KIND_ORDER}
        for path in files:
            display = f"{pack.label}/{path.name}"
            if progress:
                progress(f"reading {display}", READ_SHARE * done / max(total, 1))
                with contextlib.suppress(OSError):
                    done += path.stat().st_size
            for kind, locs in _read_file_cached(path, display, problems, cache):
                if kind == "dataset":
                    # the base's own description; a pack laid on top describes nothing
                    if n == 0 or info is None:
                        info = locs[0]
                    continue
                seen, into = seen_here[kind], merged[kind]
                for loc in locs:
                    loc.origin = origin
                    rid = loc.record["id"]
                    first = seen.get(rid)
                    if first is not None:
                        problems.append(
                            _at(
                                display,
                                loc.at("id"),
                                f"{loc.path}.id",
                                f"duplicate id {rid!r} (first defined at "
                                f"{first.file}:{first.line})",
                            )
                        )
                        continue
                    seen[rid] = loc
                    earlier = into.get(rid)
                    if earlier is not None:
                        loc, kept = _overlay(earlier, loc)
                        verb = report.extended if kept else report.replaced
                        verb.setdefault(kind, []).append(rid)
                    else:
                        report.added.setdefault(kind, []).append(rid)
                    into[rid] = loc
    if info is None:
        problems.append(
            Problem(
                packs[0].label if packs else "data",
                None,
                "dataset",
                "no 'dataset:' record (version, as_of, title)",
            )
        )
    if progress:
        progress("checking references", READ_SHARE)
    _check_merged_records(merged, problems)
    _check_references(merged, problems)
    _check_position_dates(merged, problems)
    _check_position_voices(merged, problems)
    if any(p.severity == "error" for p in problems) or info is None:
        return None, problems
    for by_id in merged.values():
        for loc in by_id.values():
            if loc.origin != BUNDLED:  # a pack's record says where it comes from
                loc.record = {**loc.record, "origin": loc.origin}
                if loc.json is not None and loc.json.endswith("}"):
                    # the kept text, with the key added: no record is encoded again
                    tail = f'"origin":{record_json(loc.origin)}}}'
                    loc.json = loc.json[:-1] + ("," if len(loc.json) > 2 else "") + tail
                else:
                    loc.json = None
    data = Dataset(
        info=info.record,
        records={
            k: [loc.record for loc in merged[k].values()] for k in KIND_ORDER if k != "dataset"
        },
        warnings=[p for p in problems if p.severity != "error"],
        overlay=reports,
        encoded={k: [loc.json for loc in merged[k].values()] for k in KIND_ORDER if k != "dataset"},
        origin=base_origin,
    )
    return data, problems


def _bundled_path() -> Path | None:
    from asiannato.packs import bundled_data_dir

    return _resolved(bundled_data_dir())


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def _overlay(earlier: _Located, loc: _Located) -> tuple[_Located, bool]:
    """A record laid over an earlier layer's record with the same id: the fields it gives
    replace the earlier ones (lists too, whole), the fields it sets to null are cleared,
    and the fields it leaves out keep the earlier values. Also whether any was kept."""
    rec = {**earlier.record, **loc.record}
    for name in loc.cleared:
        rec.pop(name, None)
    kept = any(k not in loc.record and k not in loc.cleared for k in earlier.record)
    # what it left out is no longer missing; where it stands is the overlay's own place
    out = _Located(
        rec, loc.file, loc.line, loc.path, loc.key_where, loc.column, None, (), (),
        loc.partial, loc.origin,
    )  # fmt: skip
    return out, kept


def _check_merged_records(merged: dict[str, dict[str, _Located]], problems: list[Problem]) -> None:
    """The checks that need the whole record, run once the layers are laid over each
    other: a field an overlay leaves out is the earlier layer's. A new record must give
    every required field."""
    for kind_name, locs in merged.items():
        kind = KINDS[kind_name]
        for loc in locs.values():
            at = (loc.line, loc.column)
            for name in loc.missing:
                problems.append(
                    _at(loc.file, at, f"{loc.path}.{name}", "required field is missing")
                )
            before = len(problems)
            _check_record_rules(kind, loc.record, loc.file, at, loc.path, loc.key_where, problems)
            if loc.partial:  # a field already reported as wrong is not also "missing"
                problems[before:] = [p for p in problems[before:] if p.severity == "error"]


# What ``init`` writes where a value is to be filled in: a pack that keeps one gets a
# warning, so that an example never passes for data.
PLACEHOLDER = "(replace me)"
PLACEHOLDER_URL = "https://example.org/replace-me"


def _check_placeholders(loc: _Located, problems: list[Problem]) -> None:
    """A warning for each field that keeps a value ``init`` wrote to be replaced (the
    bundled data has none: it is checked the same way)."""
    for key, value in loc.record.items():
        found = _placeholder_in(value)
        if found:
            problems.append(
                _at(
                    loc.file,
                    loc.at(key),
                    f"{loc.path}.{key}",
                    f"placeholder {found!r} left in: write your own value, or delete the record",
                    "warning",
                )
            )


def _placeholder_in(value: Any) -> str | None:
    if isinstance(value, str):
        if PLACEHOLDER in value:
            return PLACEHOLDER
        return PLACEHOLDER_URL if value.startswith(PLACEHOLDER_URL) else None
    if isinstance(value, list):
        return next((f for f in map(_placeholder_in, value) if f), None)
    if isinstance(value, dict):
        return next((f for f in map(_placeholder_in, value.values()) if f), None)
    return None


def load(
    packs: Sequence[Pack], *, progress: Progress | None = None, cache: Path | None = None
) -> Dataset:
    """The validated dataset; DataError listing every error when there is any."""
    data, problems = check(packs, progress=progress, cache=cache)
    if data is None:
        raise DataError([p for p in problems if p.severity == "error"])
    return data


def _total_size(packs: Sequence[Pack]) -> int:
    total = 0
    for pack in packs:
        with contextlib.suppress(OSError):
            for path in pack.files():
                with contextlib.suppress(OSError):
                    total += path.stat().st_size
    return total


def _read_file(
    path: Path, display: str, problems: list[Problem]
) -> list[tuple[str, list[_Located]]]:
    """The checked records of one file, by kind, in file order."""
    text, file_problems = yamlload.read_text(path, display)
    if text is None:
        problems.extend(file_problems)
        return []
    doc, parse_problems = yamlload.parse(text, display)
    if parse_problems:
        problems.extend(parse_problems)
        return []
    return _check_doc(doc, display, problems)


# A cache of each file's checked records, so that editing one file of a large pack
# re-reads only that file. An entry is trusted only for the same tool version and entry
# layout, the same file (path, shown name) and the same identity (size, modification
# time, inode), and only whole: a checksum guards the bytes. Anything else is a miss,
# and the file is read again.
_ENTRY_MAGIC = b"asiannato-parsed\n"
_ENTRY_LAYOUT = 3  # bump when what an entry holds, or record_json, changes


def _read_file_cached(
    path: Path, display: str, problems: list[Problem], cache: Path | None
) -> list[tuple[str, list[_Located]]]:
    """``_read_file``, answered from ``cache`` (a folder) when it holds this very file."""
    if cache is None:
        return _read_file(path, display, problems)
    try:
        st = path.stat()
    except OSError:
        return _read_file(path, display, problems)  # which reports it
    where = str(path.absolute())
    key = (
        f"{__version__}/{_ENTRY_LAYOUT}\0{where}\0{display}\0"
        f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    )
    name = f"{where}\0{display}".encode("utf-8", "surrogateescape")
    entry = cache / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.parsed"
    found = _load_entry(entry, key, display)
    if found is not None:
        out, known = found
        problems.extend(known)
        return out
    mine: list[Problem] = []
    out = _read_file(path, display, mine)
    problems.extend(mine)
    # A file with errors is not kept: the run fails anyway, and some errors (permission
    # denied) can be mended without changing the file's identity.
    if not any(p.severity == "error" for p in mine):
        _save_entry(entry, key, out, mine)
    return out


def _save_entry(
    entry: Path, key: str, out: list[tuple[str, list[_Located]]], problems: list[Problem]
) -> None:
    for _, locs in out:
        for x in locs:
            x.json = record_json(x.record)
    payload = (
        key,
        [
            (
                kind,
                [
                    (
                        x.record,
                        x.line,
                        x.path,
                        x.key_where,
                        x.column,
                        x.json,
                        x.missing,
                        x.cleared,
                        x.partial,
                    )
                    for x in locs
                ],
            )
            for kind, locs in out
        ],
        [(p.file, p.line, p.key_path, p.message, p.column, p.severity) for p in problems],
    )
    try:
        blob = marshal.dumps(payload)
    except ValueError:  # pragma: no cover - a value of a type marshal cannot keep
        return
    checksum = zlib.crc32(blob).to_bytes(4, "big")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{entry.name}.", suffix=".tmp", dir=entry.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_ENTRY_MAGIC + checksum + blob)
            os.replace(tmp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # no cache this time; the next compile reads the file again


def _load_entry(
    entry: Path, key: str, display: str
) -> tuple[list[tuple[str, list[_Located]]], list[Problem]] | None:
    """A cache entry's records and problems, or None when it is missing, damaged or
    for another version of the file."""
    try:
        raw = entry.read_bytes()
    except OSError:
        return None
    head = len(_ENTRY_MAGIC) + 4
    if not raw.startswith(_ENTRY_MAGIC) or len(raw) < head:
        return None
    blob = memoryview(raw)[head:]
    if zlib.crc32(blob).to_bytes(4, "big") != raw[len(_ENTRY_MAGIC) : head]:
        return None
    try:
        stored_key, kinds, problems = marshal.loads(blob)
        if stored_key != key:
            return None
        out = [
            (
                kind,
                [
                    _Located(record, display, line, kpath, key_where, column, text, *rest)
                    for record, line, kpath, key_where, column, text, *rest in locs
                ],
            )
            for kind, locs in kinds
        ]
        found = [
            Problem(file, line, kpath, message, column=column, severity=severity)
            for file, line, kpath, message, column, severity in problems
        ]
    except (EOFError, ValueError, TypeError, IndexError):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # in use: not to be pruned as forgotten
    return out, found


def _check_doc(doc: Any, display: str, problems: list[Problem]) -> list[tuple[str, list[_Located]]]:
    """Check a parsed file's records."""
    if doc is None:
        return []
    if not isinstance(doc, yamlload.LocDict):
        problems.append(
            Problem(display, 1, "", f"expected a mapping of record kinds ({', '.join(KIND_ORDER)})")
        )
        return []
    out: list[tuple[str, list[_Located]]] = []
    for key, value in doc.items():
        at = doc.key_where[key]
        kind = KINDS.get(key)
        if kind is None:
            problems.append(_at(display, at, key, f"unknown record kind{_suggest(key, KINDS)}"))
            continue
        if kind.single:
            items: list[Any] = [value]
            wheres = [doc.key_where[key]]
        elif isinstance(value, yamlload.LocList):
            items, wheres = list(value), value.item_where
        else:
            problems.append(_at(display, at, key, "expected a list of records"))
            continue
        locs: list[_Located] = []
        out.append((key, locs))
        for i, (item, where) in enumerate(zip(items, wheres, strict=True)):
            kpath = key if kind.single else f"{key}[{i}]"
            before = len(problems)
            # a record of a list may leave out required fields and clear optional ones:
            # it may overlay an earlier layer's record (checked once layers are merged)
            missing: list[str] | None = None if kind.single else []
            cleared: list[str] = []
            rec = _check_record(
                kind.fields, item, display, where, kpath, problems, missing, cleared
            )
            partial = rec is None
            if rec is None:
                # Keep what was valid of a faulty record, so that its duplicate id and
                # broken references are reported in this same run, not the next one.
                if len(problems) == before or not isinstance(item, yamlload.LocDict):
                    continue
                rec = _partial(kind.fields, item)
                if not rec or (not kind.single and "id" not in rec):
                    continue
            key_where = item.key_where if isinstance(item, yamlload.LocDict) else {}
            if kind.single:
                before_rules = len(problems)
                _check_record_rules(kind, rec, display, where, kpath, key_where, problems)
                if partial:  # a field already reported as wrong is not also "missing"
                    problems[before_rules:] = [
                        p for p in problems[before_rules:] if p.severity == "error"
                    ]
            loc = _Located(
                rec, display, where[0], kpath, key_where, where[1], None,
                tuple(missing or ()), tuple(cleared), partial,
            )  # fmt: skip
            _check_placeholders(loc, problems)  # here, so that the parsed cache keeps it
            locs.append(loc)
    return out


_BY_NAME: dict[int, dict[str, Field]] = {}
_REQUIRED: dict[int, tuple[str, ...]] = {}


def _by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    # Keyed by identity: the field tuples are module constants, and hashing a tuple of
    # frozen dataclasses on every record of a 50,000-quote pack cost half a second.
    found = _BY_NAME.get(id(fields))
    if found is None:
        found = _BY_NAME[id(fields)] = {f.name: f for f in fields}
        _REQUIRED[id(fields)] = tuple(f.name for f in fields if f.required)
    return found


@functools.lru_cache(maxsize=65536)
def _is_id(value: str) -> bool:
    # References repeat (a source cited by thousands of quotes): remember the answer.
    return bool(_ID.match(value)) and len(value) <= MAX_ID_CHARS


def _at(
    display: str, where: tuple[int, int], path: str, message: str, severity: str = "error"
) -> Problem:
    return Problem(display, where[0], path, message, column=where[1], severity=severity)


def _check_record(
    fields: tuple[Field, ...],
    item: Any,
    display: str,
    where: tuple[int, int],
    kpath: str,
    problems: list[Problem],
    missing: list[str] | None = None,
    cleared: list[str] | None = None,
) -> dict[str, Any] | None:
    """The checked record, or None when it has errors. With ``missing``, required fields
    left out are listed there instead of reported; with ``cleared``, optional fields set
    to null are listed there."""
    if not isinstance(item, yamlload.LocDict):
        problems.append(
            _at(display, where, kpath, f"expected a record (a mapping), got {_what(item)}")
        )
        return None
    by_name = _by_name(fields)
    ok = True
    rec: dict[str, Any] = {}
    for key, value in item.items():
        spec = by_name.get(key)
        # The common, valid cases first and without a call: a pack of 50,000 quotes
        # has some 400,000 fields, almost all plain text, dates and references.
        if spec is not None:
            t = spec.type
            if type(value) is str:
                if (
                    value
                    and not value.isspace()
                    and (
                        t == "text"
                        or (t == "ref" and _is_id(value))
                        or (t == "date" and date_error(value) is None)
                        or (t == "enum" and value in spec.enum)
                    )
                ):
                    rec[key] = value
                    continue
            elif t == "refs" and type(value) is yamlload.LocList and value:
                for v in value:
                    if type(v) is not str or not _is_id(v):
                        break
                else:
                    rec[key] = list(value)
                    continue
        kat = item.key_where[key]
        if spec is None:
            problems.append(
                _at(display, kat, f"{kpath}.{key}", f"unknown field{_suggest(key, by_name)}")
            )
            ok = False
            continue
        clean = _check_value(spec, value, display, kat, f"{kpath}.{key}", problems)
        if clean is _INVALID:
            ok = False
        elif clean is not None:
            rec[key] = clean
        elif cleared is not None:
            cleared.append(key)
    for name in _REQUIRED[id(fields)]:
        if name not in rec and name not in item:
            if missing is not None and name != "id":
                missing.append(name)
                continue
            problems.append(_at(display, where, f"{kpath}.{name}", "required field is missing"))
            ok = False
    return rec if ok else None


_INVALID: Any = object()


def _partial(fields: tuple[Field, ...], item: yamlload.LocDict) -> dict[str, Any]:
    """The fields of a faulty record that are valid on their own (checked again into a
    throw-away list: their problems were reported already)."""
    by_name = _by_name(fields)
    out: dict[str, Any] = {}
    for key, value in item.items():
        spec = by_name.get(key)
        if spec is None:
            continue
        clean = _check_value(spec, value, "", (0, 0), key, [])
        if clean is not _INVALID and clean is not None:
            out[key] = clean
    return out


def _check_value(
    spec: Field,
    value: Any,
    display: str,
    where: tuple[int, int],
    kpath: str,
    problems: list[Problem],
) -> Any:
    def bad(message: str) -> Any:
        problems.append(_at(display, where, kpath, message))
        return _INVALID

    if value is None:
        return bad("is empty; give a value or remove the field") if spec.required else None
    t = spec.type
    if t in ("text", "id", "url", "lang", "enum", "date", "ref"):
        if not isinstance(value, str):
            hint = "; put it in quotes" if isinstance(value, (int, bool)) else ""
            return bad(f"expected text, got {_what(value)}{hint}")
        if not value.strip():
            return bad("is empty")
        if t == "id":
            if not _ID.match(value) or len(value) > MAX_ID_CHARS:
                return bad(
                    f"invalid id {value!r}: use lowercase letters, digits and hyphens "
                    "(e.g. 'iwaya-2024-10-idea')"
                )
        elif t == "url":
            if not _URL.match(value):
                return bad(
                    f"invalid URL {value!r}: expected http:// or https:// and no spaces, "
                    'control characters or <>"`\\'
                )
        elif t == "lang":
            if not _LANG.match(value):
                return bad(f"invalid language tag {value!r}: expected e.g. 'en', 'ja', 'zh-Hant'")
        elif t == "enum":
            if value not in spec.enum:
                return bad(
                    f"unknown value {value!r}{_suggest(value, spec.enum)} "
                    f"(one of: {', '.join(spec.enum)})"
                )
        elif t == "date":
            err = date_error(value)
            if err:
                return bad(err)
        elif t == "ref" and not _is_id(value):
            return bad(f"invalid id {value!r}")
        return value
    if t == "bool":
        if not isinstance(value, bool):
            return bad(f"expected true or false, got {_what(value)}")
        return value
    if t == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return bad(f"expected a whole number, got {_what(value)}")
        return value
    if t in ("refs", "strs"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return bad(f"expected a list, got {_what(value)}")
        out: list[str] = []
        for i, v in enumerate(value):
            if not isinstance(v, str) or not v.strip():
                return bad(f"item {i + 1}: expected text, got {_what(v)}")
            if t == "refs" and not _is_id(v):
                return bad(f"item {i + 1}: invalid id {v!r}")
            out.append(v)
        if spec.required and not out:
            return bad("needs at least one entry")
        return out
    if t == "records":
        if not isinstance(value, yamlload.LocList):
            return bad(f"expected a list of records, got {_what(value)}")
        recs: list[dict[str, Any]] = []
        ok = True
        for i, (item, at) in enumerate(zip(value, value.item_where, strict=True)):
            rec = _check_record(spec.fields, item, display, at, f"{kpath}[{i}]", problems)
            if rec is None:
                ok = False
            else:
                recs.append(rec)
        return recs if ok else _INVALID
    raise AssertionError(t)  # pragma: no cover


@functools.lru_cache(maxsize=8192)
def date_error(value: str) -> str | None:
    """Why ``value`` is not a YYYY, YYYY-MM or YYYY-MM-DD date, or None when it is one."""
    m = _DATE.match(value)
    if not m:
        return f"invalid date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return f"invalid date {value!r}: no such day"
    return None


def _check_record_rules(
    kind: Kind,
    rec: dict[str, Any],
    display: str,
    where: tuple[int, int],
    kpath: str,
    key_where: dict[str, tuple[int, int]],
    problems: list[Problem],
) -> None:
    def bad(key: str, message: str, severity: str = "error") -> None:
        at = key_where.get(key.split("[", 1)[0], where)
        problems.append(_at(display, at, f"{kpath}.{key}", message, severity))

    name = kind.name
    if name == "sources" and not (rec.get("url") or rec.get("seen_at")):
        bad("url", "a source needs a url or a seen_at address")
    if name == "actors":
        if rec.get("native_name") and not rec.get("native_name_source"):
            bad("native_name", "give native_name_source: the source where this name was seen")
        for i, office in enumerate(rec.get("offices", [])):
            if _ordered(office.get("start"), office.get("end")) is False:
                bad(
                    f"offices[{i}].end",
                    f"office ends ({office['end']}) before it starts ({office['start']})",
                )
    if name == "quotes" and not rec.get("date"):
        bad("date", "no date: the quote cannot be placed in time or filtered by date", "warning")
    if name == "quotes" and rec.get("kind") == "translation" and not rec.get("original_language"):
        bad("original_language", "a translation needs original_language (e.g. 'ja')")
    if name == "dataset" and rec.get("overview") and not rec.get("overview_sources"):
        bad("overview_sources", "the overview needs its sources (overview_sources)")
    if name == "arguments" and not (rec.get("actors") or rec.get("others")):
        bad("actors", "name who makes the argument: actors (ids) or others (names)")
    if name == "events" and _ordered(rec.get("date"), rec.get("end")) is False:
        bad("end", f"the event ends ({rec['end']}) before it starts ({rec['date']})")
    for i, dispute in enumerate(rec.get("disputes", [])):
        spec = next((f for f in kind.fields if f.name == dispute["field"]), None)
        if spec is None:
            bad(f"disputes[{i}].field", f"{kind.name} have no field {dispute['field']!r}")
        elif spec.type == "date":
            for v in dispute["values"]:
                if date_error(v):
                    bad(f"disputes[{i}].values", date_error(v) or "")
        if len(dispute["values"]) < 2:
            bad(f"disputes[{i}].values", "a dispute needs at least two values")
    if name == "frameworks":
        if _ordered(rec.get("founded"), rec.get("ended")) is False:
            bad("ended", "ends before it was founded")
        for i, member in enumerate(rec.get("members", [])):
            if _ordered(member.get("joined"), member.get("left")) is False:
                bad(f"members[{i}].left", "member left before it joined")


def _ordered(start: str | None, end: str | None) -> bool | None:
    """False when ``end`` is certainly before ``start`` (partial dates allowed)."""
    if not start or not end:
        return None
    return date_bounds(end)[1] >= date_bounds(start)[0]


def _check_references(merged: dict[str, dict[str, _Located]], problems: list[Problem]) -> None:
    for kind_name in KIND_ORDER:
        kind = KINDS[kind_name]
        for loc in merged[kind_name].values():
            _check_refs_in(kind.fields, loc.record, loc, loc.path, merged, problems)
    actors = merged["actors"]
    for loc in merged["quotes"].values():
        speaker = actors.get(loc.record.get("speaker", ""))
        if speaker is not None and speaker.record.get("kind") == "state":
            problems.append(
                _at(
                    loc.file,
                    loc.at("speaker"),
                    f"{loc.path}.speaker",
                    f"{speaker.record['id']!r} is a state; a quote's speaker is "
                    "a person or an organization",
                )
            )


def _check_position_dates(merged: dict[str, dict[str, _Located]], problems: list[Problem]) -> None:
    """A position cannot hold from before the first source it cites was published: its
    ``since`` may not end before that source's date begins (partial dates as ranges)."""
    sources = merged["sources"]
    for loc in merged["positions"].values():
        since, cited = loc.record.get("since"), loc.record.get("sources") or []
        first = sources.get(cited[0]) if cited else None
        published = first.record.get("date") if first is not None else None
        if not since or not published or date_bounds(since)[1] >= date_bounds(published)[0]:
            continue
        problems.append(
            _at(
                loc.file,
                loc.at("since"),
                f"{loc.path}.since",
                f"since {since} is before {published}, the date of its first source "
                f"{cited[0]!r}: cite first a source from the time, or date the position later",
            )
        )


def _check_position_voices(merged: dict[str, dict[str, _Located]], problems: list[Problem]) -> None:
    """A state's or organization's position is carried by the words of those who speak
    for it (``voiced_by``): each must belong to that actor on the ``since`` date. A
    person must hold an office ``of`` the actor that is not certainly over, or not yet
    begun, on that date (an office without dates passes); an organization must be the
    actor's own (its ``country``)."""
    actors = merged["actors"]
    for loc in merged["positions"].values():
        rec = loc.record
        holder = actors.get(rec.get("actor", ""))
        since = rec.get("since")
        if holder is None or not since:
            continue
        if holder.record.get("kind") == "person":
            if rec.get("voiced_by"):
                problems.append(
                    _at(
                        loc.file,
                        loc.at("voiced_by"),
                        f"{loc.path}.voiced_by",
                        f"{holder.record['id']!r} is a person, who speaks for themself; "
                        "voiced_by is for a state's or organization's position",
                    )
                )
            continue
        first, last = date_bounds(since)
        for vid in rec.get("voiced_by") or []:
            voice = actors.get(vid)
            if voice is None:
                continue  # reported as an unknown actor already
            why = _not_voice_of(voice.record, holder.record["id"], first, last)
            if why:
                problems.append(
                    _at(
                        loc.file,
                        loc.at("voiced_by"),
                        f"{loc.path}.voiced_by",
                        f"{vid!r} cannot carry {holder.record['id']!r}'s position from "
                        f"{since}: {why}",
                    )
                )


def _not_voice_of(voice: dict[str, Any], actor: str, first: str, last: str) -> str | None:
    """Why ``voice`` did not speak for ``actor`` at some time in [first, last], or None."""
    if voice.get("kind") != "person":
        if voice.get("country") == actor:
            return None
        return f"an organization speaks only for its 'country', which is not {actor!r}"
    offices = [o for o in voice.get("offices", []) if o.get("of") == actor]
    if not offices:
        return f"no office of {actor!r} is recorded for them"
    for office in offices:
        start, end = office.get("start"), office.get("end")
        if start and date_bounds(start)[0] > last:
            continue
        if end and date_bounds(end)[1] < first:
            continue
        return None
    held = "; ".join(
        f"{o['title']} {o.get('start') or '?'} to {o.get('end') or 'open'}" for o in offices
    )
    return f"they held no office of {actor!r} then ({held})"


def _check_refs_in(
    fields: tuple[Field, ...],
    rec: dict[str, Any],
    loc: _Located,
    kpath: str,
    merged: dict[str, dict[str, _Located]],
    problems: list[Problem],
) -> None:
    for spec in _linking(fields):
        value = rec.get(spec.name)
        if value is None:
            continue
        if spec.type == "records":
            for i, sub in enumerate(value):
                _check_refs_in(spec.fields, sub, loc, f"{kpath}.{spec.name}[{i}]", merged, problems)
            continue
        targets = merged[spec.ref]
        values = [value] if spec.type == "ref" else value
        for v in values:
            if v not in targets:
                # a nested field (offices[0].of) is reported at its top-level key
                top = spec.name if kpath == loc.path else kpath[len(loc.path) + 1 :]
                noun = spec.ref.rstrip("s") if spec.ref != "sources" else "source"
                problems.append(
                    _at(
                        loc.file,
                        loc.at(top),
                        f"{kpath}.{spec.name}",
                        f"unknown {noun} {v!r}{_suggest(v, targets)}",
                    )
                )


_LINKING: dict[int, tuple[Field, ...]] = {}


def _linking(fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The fields that refer to other records, or hold records that may (keyed by
    identity, as in ``_by_name``)."""
    found = _LINKING.get(id(fields))
    if found is None:
        found = _LINKING[id(fields)] = tuple(
            f for f in fields if f.type in ("ref", "refs", "records")
        )
    return found


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__
