"""A fast path for the plain shape of YAML that data packs are written in.

LibYAML hands Python one event per token; for a pack of 50,000 quotes that is nearly a
million events, and turning them into values costs more than the rest of a compile.
Data files are almost always block mappings and lists of records whose values fit on
one line: a plain or quoted scalar, or a flow list of plain words. This module reads
exactly that shape, line by line, into the same values and the same positions as
``yamlload``'s event builder, and gives up (returns ``FALLBACK``) on anything else:
block scalars, multi-line or escaped strings, anchors, tags, flow mappings, documents
markers, odd indentation, duplicate keys, characters YAML treats specially. Then the
full parser reads the file and reports any error with its own message.

Because it can always give up, it never has to be right about anything hard; a test
compares the two readers on generated documents and on every data file we have.
"""

from __future__ import annotations

import re
from typing import Any

from asiannato.yamlload import MAX_DEPTH, MAX_STRING_CHARS, LocDict, LocList, plain_scalar

FALLBACK: Any = object()

# Characters that make the text something other than plain lines: tabs, carriage
# returns and YAML's other line breaks, byte-order marks, and whatever LibYAML's reader
# refuses (controls, surrogates, U+FFFE/U+FFFF). Any of them: let the full parser read it.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# the same for ASCII text, as bytes to delete: what remains is what YAML refuses or reads
# otherwise (controls, tabs, carriage returns)
_ASCII_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"
# Every line: its indent, a dash that starts a list item, a mapping key with the spaces
# after its colon, and the rest. A line that is none of these leaves key and dash empty.
_ROW = re.compile(r"^( *)(- +)?(?:([A-Za-z_][A-Za-z0-9_]{0,199}):(?= |$)( *))?(.*)$", re.M)
# a double- or single-quoted scalar alone on the rest of its line (no escapes)
_DQ = re.compile(r'"((?:[^"\\]|\\["\\])*)" *(?: #.*)?\Z')
_DQ_ESCAPE = re.compile(r'\\(["\\])')  # the only escapes read here: \" and \\
_SQ = re.compile(r"'((?:[^']|'')*)' *(?: #.*)?\Z")
# an item of a flow list, and the comma or bracket after it: a double-quoted string
# without escapes, or plain words (no nesting, mappings, comments or quotes)
_FLOW_ITEM = re.compile(
    r' *(?:"([^"\\]*)"|([^\s,\[\]{}#&*!|>\'"%@`?:-][^,\[\]{}#"\':]*?)) *([,\]])'
)
_FLOW_EMPTY = re.compile(r"\[ *\]")
_FLOW_BUSY = re.compile(r"[\[\]{}#\"':]")  # what makes a flow list more than plain words
_AFTER = re.compile(r" *(?: #.*)?\Z")
# Frames this reader opens at most: one fewer than the full reader allows, so that a
# flow list on the deepest line is still within its limit (deeper: the full reader).
_DEEPEST = MAX_DEPTH - 1
# plain keys that YAML reads as something other than text
_TYPED_KEYS = frozenset(("null", "true", "false"))
# what a plain scalar may not start with (YAML's indicators), nor hold
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# first characters of plain scalars that may read as null, a boolean or a number
_MAYBE_TYPED = frozenset("~ntf+0123456789")


def _flow(raw: str, line: int, col: int) -> LocList:
    """A flow list (``[a, "b c"]``) on one line, starting at 0-based ``col``."""
    items = LocList()
    items.where, items.item_where = (line, col + 1), []
    if raw[-1] == "]" and not _FLOW_BUSY.search(raw, 1, len(raw) - 1):
        # plain words only, the common case: split at the commas
        offset = col + 1
        parts = raw[1:-1].split(",")
        if len(parts) == 1 and not parts[0].strip(" "):
            return items  # []
        for part in parts:
            word = part.strip(" ")
            if not word or word[0] in _INDICATORS or len(word) > MAX_STRING_CHARS:
                raise _GiveUp
            items.append(plain_scalar(word))
            items.item_where.append((line, offset + len(part) - len(part.lstrip(" ")) + 1))
            offset += len(part) + 1
        return items
    m = _FLOW_EMPTY.match(raw)
    if m is not None:
        end = m.end()
    else:
        end, item = 1, _FLOW_ITEM.match
        while True:
            m = item(raw, end)
            if m is None:
                raise _GiveUp
            quoted, plain, sep = m.groups()
            if quoted is not None:
                items.append(quoted)
                start = m.start(1) - 1
            else:
                items.append(plain_scalar(plain))
                start = m.start(2)
            if len(quoted if quoted is not None else plain) > MAX_STRING_CHARS:
                raise _GiveUp
            items.item_where.append((line, col + start + 1))
            end = m.end()
            if sep == "]":
                break
    if not _AFTER.match(raw, end):
        raise _GiveUp
    return items


def parse(text: str, first_line: int = 1) -> Any:
    """The document's value (LocDict, LocList or None), or FALLBACK. Lines are
    numbered from ``first_line`` (a part of a longer file starts further down)."""
    if text.isascii():
        # the common case, checked at C speed: no control characters but the newline
        if text.encode("ascii").translate(None, _ASCII_PLAIN):
            return FALLBACK
    elif _UNUSUAL.search(text):
        return FALLBACK
    try:
        return _parse(text, first_line)
    except _GiveUp:
        return FALLBACK


class _GiveUp(Exception):
    pass


def _scalar(raw: str, line: int, col: int) -> Any:
    """The value of an inline scalar or flow list starting at 0-based ``col``."""
    first = raw[0]
    if first == '"':
        m = _DQ.match(raw)
        if m is None:
            raise _GiveUp
        value: Any = m.group(1)
        if "\\" in value:
            value = _DQ_ESCAPE.sub(r"\1", value)
    elif first == "'":
        m = _SQ.match(raw)
        if m is None:
            raise _GiveUp
        value = m.group(1).replace("''", "'")
    elif first == "[":
        return _flow(raw, line, col)
    else:
        if first in _INDICATORS:
            raise _GiveUp
        cut = raw.find(" #")
        if cut >= 0:
            raw = raw[:cut]
        raw = raw.rstrip(" ")
        if ": " in raw or raw.endswith(":"):
            raise _GiveUp
        value = plain_scalar(raw)
        if type(value) is not str:
            return value
    if len(value) > MAX_STRING_CHARS:
        raise _GiveUp
    return value


def _parse(text: str, first_line: int) -> Any:
    # One C-speed pass splits every line into indent, dash, key, spaces after the key's
    # colon, and the rest; the loop below then runs a few operations per line.
    rows = _ROW.findall(text)
    # frames: [indent, container, pending key]; indent is the 0-based column of a
    # mapping's keys or of a list's dashes. A pending key waits for a nested value.
    stack: list[list[Any]] = []
    root: Any = None
    # the mapping on top of the stack, when no key of it is pending: most lines are
    # "key: value" in it, and take the short way
    frame: list[Any] = []
    cur: Any = None
    cur_ind = -1
    for lineno, (sp, dash, key, gap, rest) in enumerate(rows, first_line):
        ind = len(sp)
        if key and not dash and ind == cur_ind:
            if key in cur or key in _TYPED_KEYS:
                raise _GiveUp  # a duplicate, or a key that is not text: LibYAML says where
            cur.key_where[key] = (lineno, ind + 1)
            if rest[:1] == '"' and rest[-1:] == '"' and len(rest) > 1:
                inner = rest[1:-1]
                if '"' not in inner and "\\" not in inner and len(inner) <= MAX_STRING_CHARS:
                    cur[key] = inner
                    continue
            first = rest[:1]
            if (
                first
                and first not in _INDICATORS
                and rest[-1] not in " :"
                and "#" not in rest
                and ": " not in rest
                and len(rest) <= MAX_STRING_CHARS
            ):
                # plain text (a comment or a colon leaves it to _scalar)
                cur[key] = plain_scalar(rest) if first in _MAYBE_TYPED else rest
                continue
            if not rest or rest[0] == "#":
                cur[key] = None  # holds the key's place in the mapping's order
                frame[2] = key
                cur, cur_ind = None, -1
            else:
                cur[key] = _scalar(rest, lineno, ind + len(key) + 1 + len(gap))
            continue
        if not key and (not rest or rest[0] == "#"):
            if not dash:
                continue  # a blank or comment line
            raise _GiveUp  # a dash alone, or with only a comment: left to LibYAML
        if not stack:
            if root is not None or ind:
                raise _GiveUp
            root = LocList() if dash else LocDict()
            root.where = (lineno, 1)
            if dash:
                root.item_where = []
            else:
                root.key_where = {}
            stack.append([0, root, None])
        else:
            top = stack[-1]
            if top[2] is not None:  # the value of a key that ended its line
                new: Any = None
                if dash and ind >= top[0]:  # a list may start at its key's column
                    new = LocList()
                    new.where, new.item_where = (lineno, ind + 1), []
                elif not dash and ind > top[0]:
                    new = LocDict()
                    new.where, new.key_where = (lineno, ind + 1), {}
                top[1][top[2]] = new
                top[2] = None
                if new is not None:
                    if len(stack) >= _DEEPEST:
                        raise _GiveUp
                    stack.append([ind, new, None])
            # close the containers this line is not part of
            while True:
                top = stack[-1]
                if top[0] == ind and (type(top[1]) is LocList) == bool(dash):
                    break
                if top[0] < ind or len(stack) == 1:
                    raise _GiveUp  # a continuation line, odd indentation, a second root
                stack.pop()
        frame = stack[-1]
        container = frame[1]
        if dash:
            col = ind + len(dash)  # where the item starts
            if not key:
                container.append(_scalar(rest, lineno, col))
                container.item_where.append((lineno, col + 1))
                cur, cur_ind = None, -1
                continue
            record = LocDict()
            record.where, record.key_where = (lineno, col + 1), {}
            container.append(record)
            container.item_where.append((lineno, col + 1))
            if len(stack) >= _DEEPEST:
                raise _GiveUp
            frame = [col, record, None]
            stack.append(frame)
            container, ind = record, col
        elif not key:
            raise _GiveUp  # text where a key should be: a continuation or a bare scalar
        if key in container or key in _TYPED_KEYS:
            raise _GiveUp
        container.key_where[key] = (lineno, ind + 1)
        container[key] = None  # holds the key's place in the mapping's order
        if not rest or rest[0] == "#":
            frame[2] = key
            cur, cur_ind = None, -1
        else:
            container[key] = _scalar(rest, lineno, ind + len(key) + 1 + len(gap))
            cur, cur_ind = container, ind
    if stack and stack[-1][2] is not None:
        stack[-1][1][stack[-1][2]] = None
    return root


# A top-level key whose value follows on the next lines, and a line at column 0 that is
# neither a comment nor a list item. Both start at a newline: a pattern that starts with
# a literal is searched for six times faster than one anchored with ^.
_TOP_KEY = re.compile(r"\n([A-Za-z_][A-Za-z0-9_]*): *(?:#[^\n]*)?(?=\n)")
_TOP_OTHER = re.compile(r"\n(?!#|- )[^ \n]")
_TOP_KEY_FIRST = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): *(?:#[^\n]*)?(?=\n)")
# from the end of a key's line, past blank and comment lines, to its first list item
_FIRST_ITEM = re.compile(r"\n(?:[ ]*(?:#[^\n]*)?\n)*( *)- ")


class Split:
    """A document cut in two between two items of its last top-level list."""

    def __init__(self, text: str, cut: int, key: str, marker: str, items_from: int) -> None:
        self.text = text
        self.cut = cut  # where the second part starts: the start of an item's line
        self.key = key  # the list's key
        self._marker = marker  # a newline, the list's indent and a dash
        self._items_from = items_from  # where the list's first item starts

    @property
    def head(self) -> str:
        """The document up to the cut."""
        return self.text[: self.cut]

    def tail(self) -> tuple[str, int, int] | None:
        """The rest as a document of its own ("key:" and the items after the cut), the
        number of that "key:" line in the whole text, and how many items come before
        the cut; None when a line after the cut is not part of the list. It costs a
        pass over the text, so the process that reads the tail does it."""
        text, cut = self.text, self.cut
        if _TOP_OTHER.search(text, cut - 1):
            return None
        before = text.count(self._marker, self._items_from, cut)
        return f"{self.key}:\n{text[cut:]}", text.count("\n", 0, cut), before


def split(text: str, at: float = 0.5) -> Split | None:
    """Cut ``text`` at the first item of its last top-level list after the fraction
    ``at`` of it, so that each part can be read on its own; None when it has no such
    shape. Between the list's key line and the cut there must be only its items (and
    comments): any other line at column 0, even one with its value on the line
    (``a: 1``), and the text is not cut; ``Split.tail`` checks the rest. Whether the
    parts are plainly shaped is left to ``parse``: when either is not, the caller reads
    the whole text instead."""
    mid = int(len(text) * at)
    line_start = text.rfind("\n", 0, mid) + 1  # the line the fraction falls in
    last = None
    for last in _TOP_KEY.finditer(text, 0, line_start):  # noqa: B007 - the last one
        pass
    if last is None:
        last = _TOP_KEY_FIRST.match(text)  # the file's first line
        if last is None or last.end() > line_start:
            return None
    first = _FIRST_ITEM.match(text, last.end())
    if first is None:
        return None
    marker = "\n" + first.group(1) + "- "
    first_line_start = first.end() - len(first.group(1)) - 2  # the first item's line
    cut = text.find(marker, max(line_start - 1, first_line_start))  # after the first item
    if cut < 0:
        return None
    if _TOP_OTHER.search(text, last.end(), cut + 1):
        return None  # another top-level line between the list's key and the cut
    return Split(text, cut + 1, last.group(1), marker, first.start())
