"""The one-line forms that lists print: a position's first sentence, and TSV cells."""

from __future__ import annotations

import pytest

from asiannato.export import tsv
from asiannato.model import Position


def position(summary: str, headline: str | None = None) -> Position:
    return Position(
        id="p", actor="a", stance="neutral", summary=summary, since="2024",
        reasons=(), prefers=(), concerns=(), sources=("s",), headline=headline,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        ("First sentence. Second one.", "First sentence."),
        ("Asks why?  Then more", "Asks why?"),
        ("No full stop at all", "No full stop at all"),
        ("  Spread\n over   lines. Next", "Spread over lines."),
        ("Version 1.5 is out. Next", "Version 1.5 is out."),
        (". Starts with a stop. Next", ". Starts with a stop."),
    ],
)
def test_a_position_in_one_line_is_its_first_sentence(summary: str, line: str) -> None:
    assert position(summary).one_line == line


def test_a_headline_wins_over_the_summary() -> None:
    assert position("Long summary. More.", headline="The headline").one_line == "The headline"


def test_tsv_cells_never_break_a_row() -> None:
    out = tsv([("plain", " padded ", "tab\there", "new\nline", "esc\x1b[31m", None, "日本")])
    assert out == "plain\tpadded\ttab here\tnew line\tesc\\x1b[31m\t\t日本\n"
