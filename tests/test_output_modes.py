"""Output modes, like gh: tables on a terminal, tab-separated rows in a pipe, CSV and
JSON that never carry colour or wrapping, and --color overriding the guesses."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import run

LISTS = [
    ("actors",),
    ("quotes",),
    ("timeline",),
    ("frameworks",),
    ("sources",),
    ("search", "deterrence"),
    ("arguments",),
]
CARDS = [("compare", "japan", "china"), ("actor", "iwaya"), ("frameworks", "seato")]
HOSTILE_TERMINAL = {"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "20", "TERM": "xterm-256color"}
BOX = set("│─╭╮╰╯┃━┏┓")


@pytest.mark.parametrize("args", LISTS)
def test_lists_in_a_pipe_are_tab_separated_rows(args: tuple[str, ...]) -> None:
    r = run(*args, fixture=False)
    assert r.code == 0, r
    lines = r.out.splitlines()
    assert lines and all("\t" in ln for ln in lines), lines[:3]
    assert len({ln.count("\t") for ln in lines}) == 1  # one shape: cut and sort work
    assert "\x1b" not in r.out and not BOX & set(r.out)


@pytest.mark.parametrize("args", CARDS)
def test_cards_in_a_pipe_are_plain_text(args: tuple[str, ...]) -> None:
    r = run(*args, fixture=False)
    assert r.code == 0 and r.out.strip()
    assert "\x1b" not in r.out and not BOX & set(r.out)


@pytest.mark.parametrize("args", LISTS)
def test_csv_is_rfc_4180_and_never_coloured(args: tuple[str, ...]) -> None:
    r = run(*args, "--format", "csv", fixture=False, env=HOSTILE_TERMINAL)
    assert r.code == 0, r
    assert "\x1b" not in r.out
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    header, body = rows[0], rows[1:]
    assert body and all(len(row) == len(header) for row in body)
    assert header[0] in ("id", "kind")


@pytest.mark.parametrize("args", LISTS + CARDS)
def test_json_is_never_coloured_or_wrapped(args: tuple[str, ...]) -> None:
    r = run(*args, "--format", "json", fixture=False, env=HOSTILE_TERMINAL)
    assert r.code == 0 and "\x1b" not in r.out
    doc = json.loads(r.out)
    assert doc["schema_version"] == 1 and doc["results"]


@pytest.mark.parametrize("args", LISTS + CARDS)
def test_markdown_has_a_title(args: tuple[str, ...]) -> None:
    r = run(*args, "--format", "markdown", fixture=False)
    assert r.code == 0 and r.out.startswith("# ") and "\x1b" not in r.out


def test_csv_is_refused_for_cards() -> None:
    r = run("compare", "japan", "china", "--format", "csv", fixture=False)
    assert r.code == 2 and "--format csv is for lists" in r.err


def test_color_overrides() -> None:
    always = run("--color", "always", "actors", "--format", "table", fixture=False)
    assert "\x1b[" in always.out  # even in a pipe, even with NO_COLOR
    never = run(
        "--color", "never", "actors", "--format", "table", fixture=False, env=HOSTILE_TERMINAL
    )
    assert "\x1b[" not in never.out
    dumb = run("actors", "--format", "table", fixture=False, env={"TERM": "dumb", "NO_COLOR": ""})
    assert "\x1b[" not in dumb.out


def test_csv_lines_end_in_crlf() -> None:
    out = run("actors", "--format", "csv", fixture=False).out
    lines = out.split("\r\n")
    assert len(lines) > 2 and lines[-1] == ""
    # a bare newline only inside a quoted cell
    assert all("\n" not in ln or ln.count('"') for ln in lines)
    assert out.startswith("id,name,native_name,kind,stance")


def test_pages_stack_their_tables_on_a_narrow_terminal() -> None:
    wide = run("actor", "japan", "--as-of", "2025-01-01", "--format", "table", fixture=False)
    narrow = run(
        "actor", "japan", "--as-of", "2025-01-01", "--format", "table", fixture=False,
        env={"COLUMNS": "50"},
    )  # fmt: skip
    assert "Position" in wide.out and "Position: " not in wide.out
    # stacked: every word whole, no column squeezed to a few letters
    # Japan's first row: the incoming LDP leader's proposal was not the state's (audit P1)
    assert "Position: No sourced position: the proposal was" in narrow.out
    assert max(len(line.rstrip()) for line in narrow.out.splitlines()) <= 50
