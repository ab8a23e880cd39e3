"""`search --limit N --kind K`: a search that stops short says how many more match, of
which kinds, and how to see them; sources are searchable; every format carries the
counts (JSON: total and shown)."""

from __future__ import annotations

import json

from tests.bundled_data import bundled_records
from tests.conftest import run


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    r = run("search", *args, "--format", "json", fixture=False)
    assert r.code == 0, r
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_search_nato_finds_every_quote_that_says_nato_with_kind_quote() -> None:
    said = {q["id"] for q in bundled_records("quotes") if "nato" in q["text"].lower()}
    assert len(said) >= 10
    found = _json("nato", "--kind", "quote")
    ids = {h["id"] for h in found["results"]}
    assert said <= ids
    assert {h["kind"] for h in found["results"]} == {"quote"}
    assert found["total"] == found["shown"] == len(ids)


def test_a_search_cut_short_says_how_many_are_hidden_and_how_to_see_them() -> None:
    everything = _json("nato", "--limit", "0")
    total = everything["total"]
    assert total == everything["shown"] == len(everything["results"]) > 50
    cut = _json("nato")
    assert (cut["shown"], cut["total"]) == (50, total)
    hidden = cut["hidden_by_kind"]
    assert sum(hidden.values()) == total - 50
    shown_quotes = sum(1 for h in cut["results"] if h["kind"] == "quote")
    assert hidden.get("quote", 0) == everything["total_by_kind"]["quote"] - shown_quotes
    for fmt in ("table", "markdown"):
        page = " ".join(run("search", "nato", "-f", fmt, fixture=False).out.split())
        assert f"Showing the best 50 of {total} matches" in page
        assert "--limit 0" in page and "--kind" in page
    piped = run("search", "nato", "-f", "plain", fixture=False)
    assert len(piped.out.splitlines()) == 50  # rows only: scripts read them
    assert f"50 of {total}" in piped.err
    small = run("search", "nato", "--limit", "3", "-f", "plain", fixture=False)
    assert len(small.out.splitlines()) == 3 and f"3 of {total}" in small.err


def test_a_search_that_shows_everything_says_nothing_more() -> None:
    r = run("search", "nato", "--kind", "quote", "-f", "plain", fixture=False)
    assert r.code == 0 and "Showing" not in r.err


def test_sources_are_searchable_by_title_outlet_and_author() -> None:
    source = next(s for s in bundled_records("sources") if s.get("author"))
    for words in (source["title"], source["outlet"], source["author"]):
        words = " ".join([w for w in words.split() if w.isalpha()][:4])
        assert words
        found = _json(words, "--kind", "source", "--limit", "0")
        assert source["id"] in {h["id"] for h in found["results"]}, words


def test_actors_say_how_many_are_left_out_in_every_output() -> None:
    some = json.loads(run("actors", "-f", "json", fixture=False).out)
    every = json.loads(run("actors", "--all", "-f", "json", fixture=False).out)
    left_out = some["not_shown_without_position"]
    assert left_out > 0 and every["not_shown_without_position"] == 0
    assert some["shown"] + left_out == every["shown"] == every["count"]
    piped = run("actors", "-f", "plain", fixture=False)
    assert len(piped.out.splitlines()) == some["shown"]  # a filter by design: a quiet pipe
    page = " ".join(run("actors", "-f", "markdown", fixture=False).out.split())
    assert f"{left_out} actors with no position on record not shown" in page
