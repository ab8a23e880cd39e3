"""The strict YAML reader: plain data only, no guessing, every error located."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asiannato.yamlload import LocDict, parse, read_text


def ok(text: str) -> object:
    value, problems = parse(text, "f.yaml")
    assert problems == [], problems
    return value


def error(text: str) -> str:
    value, problems = parse(text, "f.yaml")
    assert value is None and len(problems) == 1
    return problems[0].format()


def test_scalars_are_not_guessed_yaml_1_1_style() -> None:
    doc = ok("a: NO\nb: yes\nc: 2024-10-02\nd: 12:30\ne: 007\nf: 5\ng: true\nh: ~\ni: 1.5\n")
    assert doc == {
        "a": "NO",
        "b": "yes",
        "c": "2024-10-02",
        "d": "12:30",
        "e": 7,
        "f": 5,
        "g": True,
        "h": None,
        "i": "1.5",
    }


def test_quoted_values_stay_strings() -> None:
    assert ok('a: "true"\nb: "5"\nc: ""\n') == {"a": "true", "b": "5", "c": ""}


def test_positions_are_remembered() -> None:
    doc = ok("first: 1\nitems:\n  - x\n  - y\n")
    assert isinstance(doc, LocDict)
    assert doc.key_where["items"] == (2, 1)
    assert doc["items"].item_where == [(3, 5), (4, 5)]


def test_duplicate_key_is_an_error_with_both_lines() -> None:
    msg = error("id: a\nname: x\nid: b\n")
    assert msg == "f.yaml:3:1: duplicate key 'id' (first at line 1)"


def test_custom_tags_are_rejected() -> None:
    msg = error("a: !!python/object:os.system ls\n")
    assert msg.startswith("f.yaml:1:4: custom tag")


def test_aliases_are_rejected_so_a_billion_laughs_cannot_expand() -> None:
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    assert "anchors and aliases" in error(bomb)


def test_deep_nesting_is_bounded() -> None:
    assert "nested deeper" in error("a: " + "[" * 200 + "]" * 200 + "\n")


def test_tab_indentation_names_the_line() -> None:
    assert error("a:\n\tb: 1\n") == ("f.yaml:2:1: tab used for indentation; indent with spaces")


def test_syntax_error_is_located() -> None:
    assert error("a: [1, 2\nb: 3\n").startswith("f.yaml:")


def test_lone_surrogate_is_rejected() -> None:
    # LibYAML refuses the escape itself; the pure-Python parser lets it through to our check.
    msg = error('a: "\\ud800"\n')
    assert msg.startswith("f.yaml:1:")
    assert "surrogate" in msg or "invalid Unicode" in msg


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_bytes(b"a: ok\nb: caf\xe9\n")
    text, problems = read_text(f, "bad.yaml")
    assert text is None
    assert problems[0].format().startswith("bad.yaml:2:7: invalid UTF-8")


def test_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "bom.yaml"
    f.write_bytes(b"\xef\xbb\xbfa: 1\n")
    text, problems = read_text(f, "bom.yaml")
    assert problems == [] and text == "a: 1\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    text, problems = read_text(fifo, "pipe.yaml")
    assert text is None and "not a regular file" in problems[0].message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    text, problems = read_text(tmp_path, "dir.yaml")
    assert text is None and "is a directory" in problems[0].message


def test_a_file_is_read_whole_even_if_it_grew_and_never_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from asiannato import yamlload

    monkeypatch.setattr(yamlload, "MAX_FILE_BYTES", 3 << 20)
    # as statted, and grown since the stat (read in pieces after the first)
    assert yamlload._read_bounded(io.BytesIO(b"ab" * 10), 20) == b"ab" * 10
    assert yamlload._read_bounded(io.BytesIO(b"x" * (2 << 20)), 10) == b"x" * (2 << 20)
    # past the limit: one byte more than it, which the caller refuses
    big = yamlload._read_bounded(io.BytesIO(b"y" * (5 << 20)), 10)
    assert len(big) == (3 << 20) + 1
