"""`verify`: finding the quotes closest to words someone attributes to a person, on the real
bundled quotes, and the word-by-word difference a fact-checker is shown."""

from __future__ import annotations

import json

import pytest

from asiannato.doc import text_of
from asiannato.model import Quote
from asiannato.verify import (
    CLOSE_THRESHOLD,
    Outcome,
    diff_line,
    diff_text,
    verify,
)
from tests.bundled_data import bundled_records

QUOTES = [Quote.from_dict(d) for d in bundled_records("quotes")]
BY_ID = {q.id: q for q in QUOTES}


def test_the_acceptance_example_is_close_and_shows_the_contraction() -> None:
    v = verify("It is too early to talk about collective security", QUOTES)
    assert v.outcome is Outcome.CLOSE and v.exit_code == 1
    best = v.matches[0]
    assert best.quote.id == "kritenbrink-2024-09-too-early"
    assert best.quote.text.startswith("It's too early to talk about collective security in that")
    assert best.score == 1.0  # every word found: only the form of "It's" differs
    first = best.ops[0]
    assert (first.kind, first.said, first.given, first.minor) == (
        "replace",
        ("It's",),
        ("It", "is"),
        True,
    )
    assert [op.kind for op in best.ops] == ["replace", "equal", "context"]
    assert best.ops[-1].said[:3] == ("in", "that", "context,")
    line = diff_line(best.ops)
    assert ("[-It's-]", "del") in line and ("{+It is+}", "ins") in line
    assert any(style == "dim" and text.startswith("in that context") for text, style in line)
    bare = diff_line(best.ops, marks=False)  # for a renderer that styles del/ins itself
    assert ("It's", "del") in bare and ("It is", "ins") in bare
    assert text_of(bare).replace("It is ", "") == best.quote.text
    assert diff_text(best.ops).startswith("[-It's-] {+It is+} too early to talk about")
    # the note that says what the words do and do not mean travels with the match
    assert best.quote.note and "seed article" in best.quote.note


def test_a_part_of_a_quote_is_verbatim_whatever_the_case_and_quotation_marks() -> None:
    v = verify("it’s TOO early to talk about collective security!", QUOTES)
    assert v.outcome is Outcome.VERBATIM and v.exit_code == 0
    assert v.matches[0].quote.id == "kritenbrink-2024-09-too-early"
    assert v.matches[0].verbatim and v.matches[0].score == 1.0


def test_an_ellipsis_marks_words_left_out_not_a_difference() -> None:
    v = verify("“too early … more formal institutions”", QUOTES)
    assert v.outcome is Outcome.VERBATIM
    ops = v.matches[0].ops
    assert [op.kind for op in ops] == ["context", "equal", "omitted", "equal"]
    assert ops[2].said == (
        "to",
        "talk",
        "about",
        "collective",
        "security",
        "in",
        "that",
        "context,",
        "and",
        "[the",
        "creation",
        "of]",
    )
    assert "[…]" in diff_text(ops)


def test_words_dropped_from_the_middle_are_shown_as_deleted() -> None:
    v = verify("hyped up the China threat to divert attention", QUOTES)
    assert v.outcome is Outcome.CLOSE
    best = v.matches[0]
    assert best.quote.id == "wu-qian-2024-10-china-threat"
    deleted = [op.said for op in best.ops if op.kind == "delete"]
    assert deleted == [
        ("non-existent",),
        ("in", "an", "attempt"),
        ("the", "international", "community's"),
    ]
    assert CLOSE_THRESHOLD <= best.score < 1


def test_an_added_word_is_shown_as_inserted() -> None:
    v = verify("It's far too early to talk about collective security", QUOTES)
    best = v.matches[0]
    assert v.outcome is Outcome.CLOSE and best.quote.id == "kritenbrink-2024-09-too-early"
    assert [op.given for op in best.ops if op.kind == "insert"] == [("far",)]


def test_a_possessive_is_not_read_as_is() -> None:
    v = verify(
        "What we're focused on is investing in the region is existing formal architecture", QUOTES
    )
    best = v.matches[0]
    assert best.quote.id == "kritenbrink-2024-09-existing-architecture"
    changed = [op for op in best.ops if op.kind == "replace"]
    assert [(op.said, op.given, op.minor) for op in changed] == [
        (("region’s",), ("region", "is"), False)
    ]


def test_the_chinese_original_finds_the_translation() -> None:
    v = verify("炒作并不存在的“中國威脅”", QUOTES)
    assert v.outcome is Outcome.VERBATIM
    found = {m.quote.id: m.field for m in v.matches}
    assert found["wu-qian-2024-10-china-threat"] == "original_text"
    assert found["wu-qian-2024-10-zh-china-threat"] == "text"
    # characters run together in the display, punctuation kept
    line = diff_line(v.matches[0].ops)
    assert "炒作并不存在的“中國威脅”" in text_of(line)


def test_the_japanese_original_is_searched_too() -> None:
    with_original = [q for q in QUOTES if q.original_text and q.original_language == "ja"]
    assert with_original, "the bundled data has Japanese originals"
    q = with_original[0]
    part = q.original_text[: max(8, len(q.original_text) // 2)] if q.original_text else ""
    v = verify(part, QUOTES)
    assert v.outcome is Outcome.VERBATIM
    assert (v.matches[0].quote.id, v.matches[0].field) == (q.id, "original_text")


@pytest.mark.parametrize("text", ["", "   ", "?!…", "— … —", "\u202e\x1b"])
def test_nothing_to_look_for_finds_nothing(text: str) -> None:
    v = verify(text, QUOTES)
    assert (v.outcome, v.exit_code, v.matches) == (Outcome.NONE, 3, ())


def test_an_unsupported_claim_finds_nothing() -> None:
    # every quote says "Asian NATO"; that alone is not the claim
    v = verify("Kritenbrink outright rejected an Asian NATO", QUOTES)
    assert v.outcome is Outcome.NONE and v.exit_code == 3
    assert verify("Bonjour tout le monde, il fait beau", QUOTES).outcome is Outcome.NONE


def test_a_very_long_text_is_handled() -> None:
    text = " ".join(q.text for q in QUOTES if q.language in (None, "en")) * 3
    v = verify(text, QUOTES)
    assert v.outcome is Outcome.NONE  # a quote is a small part of all of it: not close


def test_many_quotes_the_real_one_still_wins() -> None:
    noise = [
        Quote(
            f"n{i}",
            "someone",
            f"Collective security in {i} is too hard to talk about early",
            "direct",
            "2024-01-01",
            "x",
            ("s",),
        )
        for i in range(3000)
    ]
    v = verify("It's too early to talk about collective security", [*noise, *QUOTES])
    assert v.outcome is Outcome.VERBATIM
    assert v.matches[0].quote.id == "kritenbrink-2024-09-too-early"
    assert len(v.matches) <= 5


def test_ranking_and_limit() -> None:
    v = verify("Asian NATO", QUOTES, limit=3)
    # two quotes say "Asian NATO" as such; they come before "Asian version of NATO"
    assert len(v.matches) == 3
    assert [m.verbatim for m in v.matches] == [True, True, False]
    assert v.matches[2].quote.id == "kcna-2022-06-dangerous-prelude"
    scores = [m.score for m in verify("It was too early to talk about security", QUOTES).matches]
    assert scores == sorted(scores, reverse=True)


def test_json_shape() -> None:
    v = verify("It is too early to talk about collective security", QUOTES)
    d = json.loads(json.dumps(v.to_dict()))
    assert d["outcome"] == "close" and d["threshold"] == CLOSE_THRESHOLD
    m = d["matches"][0]
    assert m["quote"] == "kritenbrink-2024-09-too-early"
    assert m["speaker"] == "kritenbrink" and m["kind"] == "direct" and m["date"] == "2024-09-17"
    assert m["sources"][0] == "rfa-too-early-for-asian-nato" and m["matched_in"] == "text"
    assert m["diff"][0] == {"op": "replace", "said": "It's", "given": "It is", "minor": True}
    assert m["note"].startswith("The bracketed words") and m["venue"].startswith("Forum")
