"""The fast line reader must read exactly what LibYAML reads, positions included, or
give up: compared on our data files and on generated documents, valid and not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asiannato import yamlfast
from asiannato.yamlload import LocDict, LocList, parse

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "data").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "fixtures" / "pack").glob("*.yaml")
)


def shape(value: Any) -> Any:
    """A value with every position it carries, for comparison."""
    if isinstance(value, LocDict):
        items = tuple((k, value.key_where[k], shape(v)) for k, v in value.items())
        return ("map", value.where, items)
    if isinstance(value, LocList):
        return ("list", value.where, tuple(value.item_where), tuple(shape(v) for v in value))
    return (type(value).__name__, value)


def full(text: str) -> tuple[Any, bool]:
    """LibYAML's reading (through the event builder), and whether it was an error."""
    value, problems = parse(text, "f.yaml", fast=False)
    return value, bool(problems)


def agree(text: str) -> bool:
    """Check the two readers agree on ``text``; True when the fast one read it."""
    fast = yamlfast.parse(text)
    if fast is yamlfast.FALLBACK:
        return False
    value, failed = full(text)
    assert not failed, f"fast reader accepted what LibYAML refuses:\n{text}"
    assert shape(fast) == shape(value), text
    return True


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_reads_our_data_files_exactly_as_libyaml_does(path: Path) -> None:
    # and takes the fast way for every one of them: a file that falls back is slow
    assert agree(path.read_text(encoding="utf-8")), f"{path.name} fell back"


def test_positions_and_types_of_the_common_shapes() -> None:
    text = (
        "# a comment\n"
        "quotes:\n"
        "  - id: a-1   # trailing comment\n"
        '    text: "He said \\"no\\" \\\\ twice"\n'
        "    n: 12\n"
        "    flag: true\n"
        "    empty:\n"
        "    none: ~\n"
        '    sources: [s-1,  s-2, "s 3"]\n'
        "    offices:\n"
        "    - title: 'It''s'\n"
        "      of: japan\n"
        "  - id: a-2\n"
        "    tags: []\n"
    )
    assert agree(text)
    doc = yamlfast.parse(text)
    first = doc["quotes"][0]
    assert first["text"] == 'He said "no" \\ twice'
    assert (first["n"], first["flag"], first["empty"], first["none"]) == (12, True, None, None)
    assert first["sources"] == ["s-1", "s-2", "s 3"]
    assert first["sources"].item_where == [(9, 15), (9, 21), (9, 26)]
    assert first["offices"][0]["title"] == "It's"
    assert doc["quotes"].item_where == [(3, 5), (13, 5)]
    assert first.key_where["offices"] == (10, 5)


@pytest.mark.parametrize(
    "text",
    [
        "a: |\n  block\n",  # block scalars
        "a: >-\n  folded\n",
        "a: plain\n  continued\n",  # a multi-line plain scalar
        'a: "two\n  lines"\n',
        'a: "tab\\tescape"\n',  # an escape other than \" and \\
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !tag x\n",
        "a: {b: 1}\n",
        "a: [b, [c]]\n",
        "a: 1\na: 2\n",  # a duplicate key: LibYAML's error says where
        "true: 1\n",  # a key that is not text
        "---\na: 1\n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: x\u2028y\n",
        "- - a\n",
        "-\n  a: 1\n",
        "a: b: c\n",
        "a: [b, ]\n",
        "a: [b] c\n",
        "k" * 201 + ": 1\n",  # a key longer than this reader takes
        "  a: 1\n",  # an indented root
        "a: 1\n b: 2\n",  # odd indentation
        "x\n",  # a bare scalar
    ],
)
def test_gives_up_on_what_it_does_not_read(text: str) -> None:
    assert yamlfast.parse(text) is yamlfast.FALLBACK


# Generated documents: lines put together from pieces, most of them odd on purpose.
_KEYS = ["id", "text", "a_b", "Key1", "true", "null", "x-y", "k"]
_VALUES = [
    "",
    "plain words",
    "12",
    "-3",
    "+4",
    "007",
    "1.5",
    "0x1F",
    "~",
    "null",
    "true",
    "yes",
    "No",
    "12:30",
    "2024-10-02",
    "a #b",
    "a#b",
    "a: b",
    "a:",
    "http://x.org/a?b=c",
    '"quoted"',
    '"esc \\" \\\\ q"',
    '"bad \\n"',
    '"open',
    "'single ''q'''",
    "'open",
    "[a, b]",
    "[ a ,b ]",
    "[]",
    '[a, "b, c"]',
    "[1, true, ~]",
    "[a, [b]]",
    "[a, ]",
    "[a] x",
    '[a, "b"] x',
    '["", b]',
    "[1, '']",
    "{a: 1}",
    "|",
    ">-",
    "&anchor x",
    "*alias",
    "!tag x",
    "- x",
    "# comment",
    "%x",
    "@x",
    "`x",
    "? x",
    "-",
    "日本語",
    "naïve café",
    '"日本語"',
]


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["key", "key", "item", "itemkey", "blank", "comment"]))
        indent = " " * draw(st.sampled_from([0, 0, 2, 2, 4, 6, 1, 3]))
        key = draw(st.sampled_from(_KEYS))
        sep = draw(st.sampled_from([": ", ": ", ":  ", ":"]))
        value = draw(st.sampled_from(_VALUES))
        trail = draw(st.sampled_from(["", "", "  ", " # c"]))
        dash = draw(st.sampled_from(["- ", "- ", "-  "]))
        if kind == "key":
            lines.append(f"{indent}{key}{sep}{value}{trail}")
        elif kind == "item":
            lines.append(f"{indent}{dash}{value}{trail}")
        elif kind == "itemkey":
            lines.append(f"{indent}{dash}{key}{sep}{value}{trail}")
        elif kind == "comment":
            lines.append(f"{indent}# note")
        else:
            lines.append(indent)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


_TAG_WORDS = ["a", "b c", "1", "~", '"q"', '"x, y"', '""']
# values the fast reader takes: most generated records should be compared, not skipped
_USUAL = [
    "plain words",
    "12",
    "~",
    "true",
    "false",
    "yes",
    "12:30",
    "2024-10-02",
    "a #b",
    "a#b",
    "http://x.org/a?b=c",
    '"quoted"',
    '"esc \\" \\\\ q"',
    '""',
    "'single ''q'''",
    "''",
    "[a, b]",
    "[]",
    '[a, "b, c"]',
    "日本語",
    '"日本語 — “curly”"',
    "# only a comment",
]


@st.composite
def records(draw: st.DrawFn) -> str:
    """Well-formed record lists in the shapes packs use, with the odd value."""
    key = draw(st.sampled_from(["quotes", "actors"]))
    indentless = draw(st.booleans())
    pad = "" if indentless else "  "
    out = [f"{key}:"]
    values = st.sampled_from(_USUAL) | st.sampled_from(_VALUES)
    for i in range(draw(st.integers(0, 4))):
        out.append(f"{pad}- id: r-{i}")
        for name in draw(
            st.lists(st.sampled_from(["text", "date", "n", "tags", "sub"]), unique=True)
        ):
            if name == "tags":
                words = draw(st.lists(st.sampled_from(_TAG_WORDS), max_size=3))
                out.append(f"{pad}  tags: [{', '.join(words)}]")
            elif name == "sub":
                out.append(f"{pad}  sub:")
                out.append(f"{pad}  - k: {draw(values)}")
            else:
                out.append(f"{pad}  {name}: {draw(values)}")
        if draw(st.booleans()):
            out.append("")
    return "\n".join(out) + "\n"


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_agrees_with_libyaml_on_odd_documents(text: str) -> None:
    agree(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_agrees_with_libyaml_on_record_lists(text: str) -> None:
    agree(text)


def test_reads_most_well_formed_record_lists() -> None:
    # The fast reader is only worth having if the usual shape takes it.
    text = "quotes:\n" + "".join(
        f'  - id: q-{i}\n    text: "words {i}"\n    sources: [s-{i}]\n' for i in range(50)
    )
    assert agree(text)


def test_numbers_lines_from_where_a_part_starts() -> None:
    doc = yamlfast.parse("quotes:\n  - id: a\n", first_line=41)
    assert doc.where == (41, 1)
    assert doc["quotes"].item_where == [(42, 5)]


@pytest.mark.parametrize(
    ("text", "head", "tail", "tail_first_line", "items_before"),
    [
        ("quotes:\n  - id: a\n  - id: b\n", "quotes:\n  - id: a\n", "quotes:\n  - id: b\n", 2, 1),
        ("# c\nquotes:\n- id: a\n- id: b\n", "# c\nquotes:\n- id: a\n", "quotes:\n- id: b\n", 3, 1),
        (
            "a: 1\nquotes:\n\n  # x\n  - id: a\n  - id: b\n  - id: c\n",
            "a: 1\nquotes:\n\n  # x\n  - id: a\n",
            "quotes:\n  - id: b\n  - id: c\n",
            5,
            1,
        ),
    ],
)
def test_split_cuts_between_items_of_the_last_list(
    text: str, head: str, tail: str, tail_first_line: int, items_before: int
) -> None:
    cut = yamlfast.split(text)
    assert cut is not None
    assert (cut.head, cut.tail()) == (head, (tail, tail_first_line, items_before))
    # read apart, the two parts give the items of the whole, at the same places
    whole = yamlfast.parse(text)["quotes"]
    first = yamlfast.parse(cut.head)["quotes"]
    second = yamlfast.parse(tail, tail_first_line)["quotes"]
    assert first + second == whole
    assert first.item_where + second.item_where == whole.item_where


@pytest.mark.parametrize(
    "text",
    [
        "quotes:\n  - id: a\n  - id: b\nother: 1\n",  # another key after the middle
        "quotes:\n  - id: a\n",  # nothing to cut
        "a: 1\nb: 2\n",  # no list
    ],
)
def test_split_declines_other_shapes(text: str) -> None:
    cut = yamlfast.split(text)
    assert cut is None or cut.tail() is None


def test_split_never_cuts_where_the_parts_read_differently_from_the_whole() -> None:
    # Every fraction, over texts with more than one top-level key, some of them with
    # the value on the key's line: wherever the text is cut, the parts must read as
    # the whole does (the next list's records must never land in this one).
    items = "".join(f"  - id: q-{i}\n    n: {i}\n" for i in range(6))
    texts = [
        "quotes:\n" + items + "positions:\n" + items.replace("q-", "p-"),
        "quotes:\n" + items + "meta: x\n" + items.replace("q-", "r-"),
        "a: 1\nquotes:\n" + items + "# the end\n",
        "quotes:\n" + items[: len(items) // 2] + "b: 2\n" + items[len(items) // 2 :],
    ]
    for text in texts:
        whole = yamlfast.parse(text)
        for offset in range(len(text)):
            cut = yamlfast.split(text, offset / len(text))
            if cut is None or (found := cut.tail()) is None:
                continue
            tail, first_line, before = found
            head_doc, tail_doc = yamlfast.parse(cut.head), yamlfast.parse(tail, first_line)
            if whole is yamlfast.FALLBACK:
                # the whole is not plainly shaped; then neither may both parts be
                assert head_doc is yamlfast.FALLBACK or tail_doc is yamlfast.FALLBACK, offset
                continue
            assert list(tail_doc) == [cut.key], (text, offset)
            first, second, all_ = head_doc[cut.key], tail_doc[cut.key], whole[cut.key]
            assert [shape(x) for x in first + second] == [shape(x) for x in all_], offset
            assert first.item_where + second.item_where == all_.item_where, offset
            assert before == len(first)


def test_an_empty_quoted_item_in_a_flow_list() -> None:
    assert agree('tags: ["", b]\n')
    assert yamlfast.parse('tags: ["", b]\n')["tags"] == ["", "b"]


def test_a_flow_list_on_the_deepest_line_is_left_to_the_full_reader() -> None:
    lines = [" " * (2 * i) + f"k{i}:" for i in range(31)] + [" " * 62 + "x: [a]"]
    text = "\n".join(lines) + "\n"
    assert yamlfast.parse(text) is yamlfast.FALLBACK
    full(text)  # whatever LibYAML makes of it, the fast reader did not decide


def test_an_integer_too_long_to_convert_stays_text() -> None:
    digits = "1" * 5000
    for fast in (True, False):
        value, problems = parse(f"n: {digits}\n", "f.yaml", fast=fast)
        assert problems == [] and value["n"] == digits
