"""`asiannato verify`: the command a fact-checker runs, on the bundled quotes, in every
format, with the documented exit codes."""

from __future__ import annotations

import json

import pytest

from tests.bundled_data import bundled_records
from tests.conftest import run

ASKED = "It is too early to talk about collective security"
QUOTES = {d["id"]: d for d in bundled_records("quotes")}
POSITIONS = {d["id"]: d for d in bundled_records("positions")}


@pytest.mark.parametrize("fmt", ["plain", "text", "markdown", "table"])
def test_the_acceptance_example_shows_his_words_the_difference_and_the_position(fmt: str) -> None:
    r = run("verify", ASKED, "--format", fmt, fixture=False)
    assert r.code == 1, r  # close, not verbatim: he said "It's"
    said = QUOTES["kritenbrink-2024-09-too-early"]["text"]
    assert said.startswith("It's too early to talk about collective security in that context")
    # the words as a reader sees them: without the card's frame, Markdown's escapes
    flat = " ".join(r.out.replace("\u2502", " ").split()).replace("\\", "")
    assert said in flat
    assert "[-It's-] {+It is+} too early to talk about collective security (" in flat
    # the rest of the quote is said apart, never shown as if it had been given
    assert "Said after the words given: in that context, and" in flat
    assert "Radio Free Asia" in flat  # its first source, by name
    # the journalist asking whether he "outright rejected" the idea is told he did not
    position = POSITIONS["kritenbrink-2024-09-too-early"]
    assert "premature rather than rejecting it" in position["summary"]
    assert " ".join(position["summary"].split()) in flat
    assert "2024-09-17" in flat and "direct" in flat


def test_json_carries_outcome_diff_speaker_and_position() -> None:
    r = run("verify", ASKED, "--format", "json", fixture=False)
    assert r.code == 1
    doc = json.loads(r.out)
    assert doc["outcome"] == "close" and doc["exit_code"] == 1
    best = doc["results"][0]
    assert best["quote"] == "kritenbrink-2024-09-too-early"
    assert best["speaker"]["id"] == "kritenbrink"
    assert best["kind"] == "direct" and best["date"] == "2024-09-17"
    assert best["sources"] == QUOTES[best["quote"]]["sources"]
    assert best["diff"][0] == {"op": "replace", "said": "It's", "given": "It is", "minor": True}
    assert best["position_then"]["id"] == "kritenbrink-2024-09-too-early"
    assert set(doc["results"][0]) >= {"note", "venue", "score", "matched_in"}


def test_a_part_of_a_quote_word_for_word_exits_0() -> None:
    r = run("verify", "too early to talk about collective security", fixture=False)
    assert r.code == 0, r
    assert r.out.startswith("Found word for word")


def test_nothing_close_exits_3_and_says_so_in_every_format() -> None:
    for fmt in ("plain", "json", "markdown"):
        r = run("verify", "bananas grow on the moon in winter", "-f", fmt, fixture=False)
        assert r.code == 3, r
        assert "No quote on record comes close" in r.out or json.loads(r.out)["outcome"] == "none"


def test_speaker_narrows_and_repeats_mean_any_of() -> None:
    only_iwaya = run("verify", ASKED, "--speaker", "iwaya", "-f", "json", fixture=False)
    assert only_iwaya.code == 3  # he did not say it
    both = run(
        "verify", ASKED, "--speaker", "iwaya", "--speaker", "kritenbrink", "-f", "json",
        fixture=False,
    )  # fmt: skip
    assert both.code == 1
    assert json.loads(both.out)["results"][0]["speaker"]["id"] == "kritenbrink"


def test_help_documents_the_exit_codes() -> None:
    out = " ".join(run("verify", "--help").out.split())
    assert "Exit 0" in out and "1: only something close" in out and "3: nothing close" in out


@pytest.mark.parametrize("text", ["", "   ", "...", "“”"])
def test_words_are_needed_to_verify(text: str) -> None:
    r = run("verify", text, fixture=False)
    assert r.code == 2, r
    assert r.err.startswith("asiannato: error: verify needs words")
