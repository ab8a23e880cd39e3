"""A strict, bounded YAML reader that keeps line numbers.

PyYAML's ``safe_load`` is not strict enough for human-edited and third-party data: it
silently keeps the last of duplicate keys, expands aliases without bound, and guesses
YAML 1.1 types (``NO`` becomes False, ``2024-10-02`` a date, ``12:30`` the integer 750).
Here we read PyYAML's events (LibYAML's C parser where available) and turn them into
values ourselves, with our own rules and limits, remembering where every mapping key and
list item stands so that errors can say ``file:line:column``. This is the project's
only YAML reader.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from asiannato.errors import Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING_CHARS = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_START = frozenset("+-0123456789")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "bool", "null", "float", "timestamp", "map", "seq", "binary")
)
_PLAIN_NULL = frozenset(("", "~", "null"))

Where = tuple[int, int]  # 1-based line and column


class LocDict(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand."""

    where: Where = (0, 0)
    key_where: dict[str, Where]


class LocList(list[Any]):
    """A list that remembers where it and each of its items stand."""

    where: Where = (0, 0)
    item_where: list[Where]


class _Bad(Exception):
    def __init__(self, where: Where, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a data file as UTF-8 text, refusing what is not a regular, bounded file."""
    try:
        st = os.stat(path)
    except OSError as err:
        return None, [Problem(display, None, "", f"cannot read: {err.strerror or err}")]
    if stat.S_ISDIR(st.st_mode):
        return None, [Problem(display, None, "", "is a directory, expected a YAML file")]
    if not stat.S_ISREG(st.st_mode):
        return None, [Problem(display, None, "", "is not a regular file (a FIFO or device?)")]
    if st.st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        return None, [Problem(display, None, "", f"file is larger than {limit} MiB")]
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the stat, open never hangs.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = _read_bounded(fh, st.st_size)
    except OSError as err:
        return None, [Problem(display, None, "", f"cannot read: {err.strerror or err}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(display, None, "", "file grew too large while reading")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        msg = f"invalid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8"
        return None, [Problem(display, line, "", msg, column=col)]


def _read_bounded(fh: BinaryIO, size: int) -> bytes:
    """The file's bytes, and at most one more than the limit: the size it had when it was
    statted and a byte to see whether it grew, then the rest in pieces. (A read of the
    limit at once allocates the whole limit, 64 MiB, for every file.)"""
    chunks = []
    got = 0
    want = size + 1
    while got <= MAX_FILE_BYTES:
        chunk = fh.read(min(want, MAX_FILE_BYTES + 1 - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
        want = 1 << 20
    return b"".join(chunks)


def parse(text: str, display: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text into plain values (LocDict, LocList, str, int, bool, None)."""
    if "\t" in text:
        # YAML forbids tabs in indentation; give the line rather than a parser riddle.
        for n, text_line in enumerate(text.splitlines(), 1):
            stripped = text_line.lstrip(" ")
            if stripped.startswith("\t"):
                col = len(text_line) - len(stripped) + 1
                msg = "tab used for indentation; indent with spaces"
                return None, [Problem(display, n, "", msg, column=col)]
    loader = _Loader(text)
    try:
        return _build(loader), []
    except _Bad as bad:
        return None, [Problem(display, bad.where[0], "", bad.message, column=bad.where[1])]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = " ".join(p for p in (err.context, err.problem) if p) or "invalid YAML"
        return None, [
            Problem(
                display,
                mark.line + 1 if mark else None,
                "",
                f"YAML syntax: {what}",
                column=mark.column + 1 if mark else None,
            )
        ]
    except yaml.reader.ReaderError as err:
        # a character YAML does not allow (a raw control byte): say where, on one line
        pos = max(int(err.position), 0)
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = err.character if isinstance(err.character, str) else chr(err.character)
        msg = f"character U+{ord(char):04X} is not allowed in YAML; write it as an escape"
        return None, [Problem(display, line, "", msg, column=col)]
    except yaml.YAMLError as err:
        return None, [Problem(display, None, "", "YAML syntax: " + " ".join(str(err).split()))]
    finally:
        loader.dispose()


def _build(loader: Any) -> Any:
    """Build values straight from the parser's events. No node graph is composed (half
    a million nodes for a large pack), and PyYAML's type resolver never runs: scalars
    are typed by ``_scalar``'s rules. Aliases and anchors are refused on sight, so an
    alias bomb costs nothing. This loop runs once per scalar of a 50,000-quote pack,
    so positions are computed only where they are kept (keys, list items) or reported."""
    root: Any = None
    have_root = False
    # frames: [container, pending key or None, the key's where, the container's where];
    # a mapping's events alternate: key, value, key, value
    stack: list[list[Any]] = []
    scalar_event = yaml.ScalarEvent
    get_event = loader.get_event

    def put(value: Any, event: Any, where: Where | None = None) -> None:
        """Place a value; ``where`` is given for containers, else read off ``event``."""
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        frame = stack[-1]
        container = frame[0]
        if frame[1] is not None:  # the value of a mapping's pending key
            container[frame[1]] = value
            container.key_where[frame[1]] = frame[2]
            frame[1] = None
        elif type(container) is LocList:
            container.append(value)
            container.item_where.append(where or _where(event))
        else:  # a mapping's key
            at = where or _where(event)
            if type(value) is not str:
                raise _Bad(at, "a mapping key must be a plain string")
            if value in container:
                first = container.key_where[value][0]
                raise _Bad(at, f"duplicate key {value!r} (first at line {first})")
            if value == "<<":
                raise _Bad(at, "merge keys (<<) are not supported")
            frame[1], frame[2] = value, at

    while True:
        event = get_event()
        if type(event) is scalar_event:
            if event.anchor is not None or event.tag is not None:
                _no_anchor_or_tag(event)
            put(_scalar(event), event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            _no_anchor_or_tag(event)
            where = _where(event)
            if len(stack) >= MAX_DEPTH:
                raise _Bad(where, f"nested deeper than {MAX_DEPTH} levels")
            if stack and type(stack[-1][0]) is LocDict and stack[-1][1] is None:
                raise _Bad(where, "a mapping key must be a plain string")
            if isinstance(event, yaml.MappingStartEvent):
                mapping = LocDict()
                mapping.where, mapping.key_where = where, {}
                stack.append([mapping, None, None, where])
            else:
                items = LocList()
                items.where, items.item_where = where, []
                stack.append([items, None, None, where])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            put(frame[0], event, frame[3])
        elif isinstance(event, yaml.AliasEvent):
            raise _Bad(_where(event), "anchors and aliases (&name, *name) are not supported")
        elif isinstance(event, yaml.DocumentStartEvent) and have_root:
            raise _Bad(_where(event), "a file holds one YAML document; found a second one")
        elif isinstance(event, yaml.StreamEndEvent):
            return root
        # StreamStart and DocumentEnd carry nothing we keep


def _where(event: Any) -> Where:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1)


def _no_anchor_or_tag(event: Any) -> None:
    if event.anchor is not None:
        raise _Bad(_where(event), "anchors and aliases (&name, *name) are not supported")
    tag = event.tag
    if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
        raise _Bad(_where(event), f"custom tag {tag!r} is not allowed")


def _scalar(event: Any) -> Any:
    value: str = event.value
    if len(value) > MAX_STRING_CHARS:
        raise _Bad(_where(event), f"text longer than {MAX_STRING_CHARS} characters")
    if not value.isascii() and _SURROGATE.search(value):
        raise _Bad(_where(event), "text contains a lone surrogate (an invalid character)")
    # Plain (unquoted) and untagged scalars only: style is None in pure PyYAML, "" in
    # LibYAML.
    if not event.style and event.tag is None:
        return plain_scalar(value)
    return value


def plain_scalar(value: str) -> Any:
    """The value of a plain (unquoted) scalar: null, true, false, an integer, or the
    text itself. YAML 1.1's guesses (yes/no, dates, sexagesimal numbers) are not made."""
    if value in _PLAIN_NULL:
        return None
    if value in ("true", "false"):
        return value == "true"
    if value[:1] in _INT_START and _INT.match(value):
        try:
            return int(value)
        except ValueError:  # more digits than Python converts: left as text
            return value
    return value
