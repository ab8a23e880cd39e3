"""A strict, bounded YAML reader that keeps line numbers.

PyYAML's ``safe_load`` is not strict enough for human-edited and third-party data: it
silently keeps the last of duplicate keys, expands aliases without bound, and guesses
YAML 1.1 types (``NO`` becomes False, ``2024-10-02`` a date, ``12:30`` the integer 750).
Here we let PyYAML (LibYAML's C parser where available) build the node graph and turn
nodes into values ourselves, with our own rules and limits, remembering where every
mapping key and list item stands so that errors can say ``file:line:column``.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from asiannato.errors import Problem

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32
MAX_STRING_CHARS = 100_000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = re.compile(r"[-+]?[0-9]+\Z")
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


def _where(node: yaml.Node) -> Where:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


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
            raw = fh.read(MAX_FILE_BYTES + 1)
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
        node = loader.get_single_node()
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
    except yaml.YAMLError as err:
        return None, [Problem(display, None, "", f"YAML syntax: {err}")]
    except RecursionError:
        return None, [Problem(display, None, "", f"nested deeper than {MAX_DEPTH} levels")]
    finally:
        loader.dispose()
    if node is None:
        return None, []
    try:
        return _convert(node, 0, set()), []
    except _Bad as bad:
        return None, [Problem(display, bad.where[0], "", bad.message, column=bad.where[1])]
    except RecursionError:
        return None, [Problem(display, None, "", f"nested deeper than {MAX_DEPTH} levels")]


def _convert(node: yaml.Node, depth: int, seen: set[int]) -> Any:
    if depth > MAX_DEPTH:
        raise _Bad(_where(node), f"nested deeper than {MAX_DEPTH} levels")
    if id(node) in seen:
        raise _Bad(_where(node), "anchors and aliases (&name, *name) are not supported")
    seen.add(id(node))
    if node.tag not in _STANDARD_TAGS:
        raise _Bad(_where(node), f"custom tag {node.tag!r} is not allowed")
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        items = LocList()
        items.where = _where(node)
        items.item_where = []
        for child in node.value:
            items.append(_convert(child, depth + 1, seen))
            items.item_where.append(_where(child))
        return items
    if isinstance(node, yaml.MappingNode):
        mapping = LocDict()
        mapping.where = _where(node)
        mapping.key_where = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Bad(_where(key_node), "a mapping key must be a plain string")
            if id(key_node) in seen:
                raise _Bad(_where(key_node), "anchors and aliases are not supported")
            seen.add(id(key_node))
            key = key_node.value
            if key == "<<":
                raise _Bad(_where(key_node), "merge keys (<<) are not supported")
            if key in mapping:
                first = mapping.key_where[key][0]
                raise _Bad(_where(key_node), f"duplicate key {key!r} (first at line {first})")
            mapping[key] = _convert(value_node, depth + 1, seen)
            mapping.key_where[key] = _where(key_node)
        return mapping
    raise _Bad(_where(node), "unsupported YAML node")  # pragma: no cover


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    if len(value) > MAX_STRING_CHARS:
        raise _Bad(_where(node), f"text longer than {MAX_STRING_CHARS} characters")
    if _SURROGATE.search(value):
        raise _Bad(_where(node), "text contains a lone surrogate (an invalid character)")
    # Plain (unquoted) scalars: style is None in pure PyYAML, "" in LibYAML.
    if not node.style and node.tag != "tag:yaml.org,2002:str":
        if value in _PLAIN_NULL:
            return None
        if value in ("true", "false"):
            return value == "true"
        if _INT.match(value):
            return int(value)
    return value
