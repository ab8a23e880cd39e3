"""Queries over the compiled fixture pack."""

from __future__ import annotations

import pytest

from asiannato import query
from asiannato.commands import date_arg
from asiannato.errors import NotFoundError, UsageError
from asiannato.store import Store


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("japan", "japan"),
        ("JP", "japan"),
        ("Japan", "japan"),
        ("日本", "japan"),
        ("us", "united-states"),
        ("USA", "united-states"),
        ("United States", "united-states"),
        ("united-states", "united-states"),
        ("prc", "china"),
        ("People’s Republic of China", "china"),  # curly apostrophe
        ("iwaya", "iwaya"),
        ("Takeshi Iwaya", "iwaya"),
        ("takeshi", "iwaya"),
        ("岩屋毅", "iwaya"),
        ("岩屋", "iwaya"),
        ("Kritenbrink", "kritenbrink"),
        ("daniel j kritenbrink", "kritenbrink"),
        ("Wu  Qián", "wu-qian"),  # accents and spacing do not matter
    ],
)
def test_names_resolve_in_any_form(fixture_store: Store, name: str, expected: str) -> None:
    assert query.resolve_actor(fixture_store, name).id == expected


def test_unknown_name_suggests_the_closest(fixture_store: Store) -> None:
    with pytest.raises(NotFoundError) as err:
        query.resolve_actor(fixture_store, "iwya")
    assert "did you mean 'iwaya'?" in str(err.value)


def test_empty_name_is_a_usage_error(fixture_store: Store) -> None:
    with pytest.raises(UsageError):
        query.resolve_actor(fixture_store, "  ")


def test_a_state_is_not_a_speaker(fixture_store: Store) -> None:
    with pytest.raises(UsageError) as err:
        query.find_quotes(fixture_store, speaker="japan")
    assert err.value.hint == "use --actor japan for quotes by its officials"


def test_actors_show_the_position_in_force_on_a_date(fixture_store: Store) -> None:
    before = {r.actor.id: r.position for r in query.list_actors(fixture_store, as_of="2025-01-01")}
    after = {r.actor.id: r.position for r in query.list_actors(fixture_store, as_of="2025-12-01")}
    assert before["japan"] is not None and before["japan"].stance == "advocate"
    assert after["japan"] is not None and after["japan"].stance == "undeclared"
    # China's position began in October 2024: nothing on record before it.
    early = {r.actor.id: r.position for r in query.list_actors(fixture_store, as_of="2024-09-30")}
    assert early["china"] is None


def test_filters_by_kind_and_stance(fixture_store: Store) -> None:
    rows = query.list_actors(fixture_store, kind="state", stance="opposed", as_of="2025-01-01")
    assert [r.actor.id for r in rows] == ["china"]
    # the fixture's people have no position of their own: they take no part in the
    # debate's table unless asked for
    assert query.list_actors(fixture_store, kind="person") == []
    people = query.list_actors(fixture_store, kind="person", everyone=True)
    assert {r.actor.id for r in people} == {"iwaya", "ishiba", "kritenbrink", "wu-qian"}
    assert query.count_outside_debate(fixture_store) == 4


def test_quotes_by_speaker_in_date_order(fixture_store: Store) -> None:
    found = query.find_quotes(fixture_store, speaker="Takeshi Iwaya")
    assert [q.id for q in found] == ["iwaya-deterrence", "iwaya-future"]


def test_quotes_by_actor_include_its_people(fixture_store: Store) -> None:
    found = query.find_quotes(fixture_store, actor="usa")
    assert [q.id for q in found] == ["kritenbrink-too-early"]


def test_date_bounds_are_inclusive(fixture_store: Store) -> None:
    ids = lambda **kw: [q.id for q in query.find_quotes(fixture_store, **kw)]  # noqa: E731
    assert ids(since="2024-10-02", until="2024-10-02") == ["iwaya-deterrence", "iwaya-future"]
    assert ids(since="2024-10") == ["iwaya-deterrence", "iwaya-future", "wu-qian-china-threat"]
    assert ids(until="2024-09") == ["kritenbrink-too-early"]
    assert ids(since="2025") == []


def test_search_is_ranked_and_case_and_accent_insensitive(fixture_store: Store) -> None:
    assert [q.id for q in query.find_quotes(fixture_store, search="TOO early")] == [
        "kritenbrink-too-early"
    ]
    assert [q.id for q in query.find_quotes(fixture_store, search="déterrence")] == [
        "iwaya-deterrence"
    ]
    # a phrase must match in order; a prefix with *
    assert query.find_quotes(fixture_store, search='"early too"') == []
    assert [q.id for q in query.find_quotes(fixture_store, search="institu*")] == [
        "kritenbrink-too-early"
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"unbalanced', []),
        ("AND", ["kritenbrink-too-early"]),  # the word "and", not an operator
        ("a OR", ["iwaya-future"]),  # the word "a", with nothing to join
        ("NEAR(", []),
        ("*", []),
        ("col:umn", []),
        ("(x", []),
    ],
)
def test_search_syntax_is_text_never_a_crash(
    fixture_store: Store, text: str, found: list[str]
) -> None:
    # FTS5 operators and punctuation in a search are words to look for, never syntax
    # that raises (a UsageError included: these are all answerable).
    assert [q.id for q in query.find_quotes(fixture_store, search=text)] == found


def test_compare_computes_agreement(fixture_store: Store) -> None:
    cmp = query.compare(fixture_store, ["japan", "us"], as_of="2025-01-01")
    assert [b.actor.id for b in cmp.briefs] == ["japan", "united-states"]
    assert cmp.common_frameworks == (("us-japan-treaty", ("japan", "united-states")),)
    assert cmp.only["united-states"]["prefers"] == ("existing-alliances",)
    japan = cmp.briefs[0]
    assert japan.position is not None and japan.position.stance == "advocate"
    # in office on the date first, then the most recently appointed; both were appointed
    # on 2024-10-01 and are in office, so the dataset's order decides
    assert [p.actor.id for p in japan.people] == ["iwaya", "ishiba"]
    later = query.compare(fixture_store, ["japan", "us"], as_of="2025-12-01")
    assert [p.actor.id for p in later.briefs[0].people] == ["iwaya", "ishiba"]
    assert japan.quote is not None and japan.quote.speaker == "iwaya"


def test_compare_needs_two_different_actors(fixture_store: Store) -> None:
    with pytest.raises(UsageError):
        query.compare(fixture_store, ["japan"])
    with pytest.raises(UsageError):
        query.compare(fixture_store, ["japan", "JP"])


@pytest.mark.parametrize("bad", ["2024-13", "24-10-02", "yesterday", "2024-02-30"])
def test_bad_date_arguments(bad: str) -> None:
    with pytest.raises(UsageError):
        date_arg(bad, "--since")


def test_fts_query_quotes_everything() -> None:
    assert query.fts_query('too early "status quo" nucl* OR x') == (
        '"too" "early" "status quo" "nucl"* OR "x"'
    )
    assert query.fts_query('AND "') == '"AND"'


def test_a_search_asks_for_each_word_once_and_for_a_bounded_number() -> None:
    from asiannato.query.core import MAX_TERMS, fts_query

    assert fts_query("nato " * 3000) == '"nato"'
    assert fts_query("a OR a OR b") == '"a" OR "b"'
    many = fts_query(" ".join(f"w{i}" for i in range(MAX_TERMS + 10)))
    assert many.split() == [f'"w{i}"' for i in range(MAX_TERMS)]
