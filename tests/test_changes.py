"""`changes`: what changed in a period, checked against the bundled data (read from its
YAML, not from snapshots), in every format; and how fresh the data is (the stance
legend, `data_as_of`, the stale-data note on a terminal)."""

from __future__ import annotations

import csv
import io
import json
import sys
from functools import cache
from typing import Any

import pytest
import yaml

from asiannato.model import STANCE_SCOPE, date_bounds
from asiannato.packs import bundled_data_dir
from asiannato.views.labels import stale_note

from .bundled_data import LOADER
from .conftest import FIXTURE, on_a_terminal, run, script

FORMATS = ("json", "csv", "plain", "markdown", "table")


@cache
def records(kind: str) -> tuple[dict[str, Any], ...]:
    """Every bundled record of a kind, from each of its files."""
    out: list[dict[str, Any]] = []
    for path in sorted(bundled_data_dir().glob(f"{kind}*.yaml")):
        with open(path, encoding="utf-8") as f:
            out.extend(yaml.load(f, Loader=LOADER).get(kind) or [])
    return tuple(out)


def as_json(*args: str) -> dict[str, Any]:
    r = run(*args, "-f", "json", fixture=False)
    assert r.code == 0, r
    if not r.out:
        return {"results": []}
    doc: dict[str, Any] = json.loads(r.out)
    return doc


def overlaps(date: str | None, since: str, until: str) -> bool:
    if not date:
        return False
    lo, hi = date_bounds(date)
    return hi >= date_bounds(since)[0] and lo <= date_bounds(until)[1]


def replaced_stance(position: dict[str, Any]) -> str:
    """The stance the actor held just before this position began: the newest earlier one."""
    mine = [p for p in records("positions") if p["actor"] == position["actor"]]
    earlier = [p for p in mine if p["since"] < position["since"]]
    same_day = [p for p in mine if p["since"] == position["since"]]
    assert len(same_day) == 1, f"two positions of {position['actor']} on one date"
    return max(earlier, key=lambda p: p["since"])["stance"] if earlier else "undeclared"


START_DATES = sorted({p["since"] for p in records("positions")})


@pytest.mark.parametrize("day", START_DATES)
def test_every_start_date_lists_exactly_the_positions_starting_then(day: str) -> None:
    doc = as_json("changes", "--since", day, "--until", day)
    shown = {r["id"]: r for r in doc["results"] if r["type"] == "position"}
    expected = {p["id"]: p for p in records("positions") if overlaps(p["since"], day, day)}
    assert set(shown) == set(expected)
    for pid, p in expected.items():
        assert shown[pid]["stance"] == p["stance"]
        assert shown[pid]["replaced_stance"] == replaced_stance(p), pid
        assert shown[pid]["actor"] == p["actor"]
        assert shown[pid]["sources"] == p["sources"]


def test_the_results_are_newest_first_and_cover_quotes_events_and_agreements() -> None:
    doc = as_json("changes", "--since", "2025-10")
    days = [date_bounds(r["date"])[1] for r in doc["results"]]
    assert days == sorted(days, reverse=True)
    ids = {(r["type"], r["id"]) for r in doc["results"]}
    for kind, table, field in (("quote", "quotes", "date"), ("event", "events", "date")):
        want = {x["id"] for x in records(table) if overlaps(x.get(field), "2025-10", "9999")}
        assert {i for k, i in ids if k == kind} == want
    treaty = [
        r for r in doc["results"] if r["id"] == "australia-indonesia-treaty-on-common-security"
    ]
    assert [(r["date"], r["what"]) for r in treaty] == [("2026-02-06", "signed or created")]
    assert doc["data_as_of"] == "2026-05-31"
    # where to look next: every actor with a new position, every speaker quoted
    assert {
        f"asiannato actor {r['actor']}" for r in doc["results"] if r["type"] == "position"
    } <= set(doc["next"])


def _row_ids(text: str, fmt: str) -> set[str]:
    if fmt == "csv":
        return {row["id"] for row in csv.DictReader(io.StringIO(text))}
    return {line.split("\t")[2] for line in text.splitlines()}


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "json"])
@pytest.mark.parametrize("span", [("2026-01", "2026-02"), ("2025-09-20", "2025-10-10")])
def test_every_format_carries_the_same_records(fmt: str, span: tuple[str, str]) -> None:
    doc = as_json("changes", "--since", span[0], "--until", span[1])
    assert doc["results"]
    r = run("changes", "--since", span[0], "--until", span[1], "-f", fmt, fixture=False)
    assert r.code == 0, r
    if fmt in ("csv", "plain"):
        assert _row_ids(r.out, fmt) == {x["id"] for x in doc["results"]}
        rows = list(csv.reader(io.StringIO(r.out))) if fmt == "csv" else r.out.splitlines()
        assert len(rows) == len(doc["results"]) + (fmt == "csv")
        return
    page = " ".join(r.out.replace("\\", "").split())
    for x in doc["results"]:
        if x["type"] == "quote":
            assert f"id: {x['id']}" in page
        elif x["type"] == "position":
            line = " ".join(x["headline"].split())
            assert line in page or fmt == "table", x["id"]  # a table wraps its cells
        elif x["type"] == "event" and fmt == "markdown":
            assert " ".join(x["title"].split()) in page
        elif x["type"] == "framework":
            assert (x["framework"]["short_name"] or x["framework"]["name"]) in page
    for step in doc["next"]:
        assert step in page


def _words(*args: str) -> str:
    r = run("changes", *args, "-f", "markdown", fixture=False)
    assert r.code == 0, r
    return " ".join(r.out.replace("**", "").split())


def test_a_position_says_what_it_replaced_in_words() -> None:
    assert "Japan: undeclared → skeptical" in _words(
        "--since", "2024-10-02", "--until", "2024-10-02"
    )


def test_an_actors_first_position_replaces_nothing() -> None:
    # the ministry's first record: no earlier one to have been "undeclared" or "unchanged"
    said = _words("--since", "2026-01-23", "--until", "2026-01-23")
    assert "Russian Ministry of Foreign Affairs: opposed (first record)" in said
    assert "→ opposed" not in said


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--since", "2026-07"), "nothing changed since 2026-07"),
        (("--since", "2030", "--until", "2031"), "nothing changed between 2030 and 2031"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_period_says_so_and_succeeds(args: tuple[str, ...], said: str, fmt: str) -> None:
    r = run("changes", *args, "-f", fmt, fixture=False)
    assert (r.code, r.out) == (0, "")
    assert said in r.err


@pytest.mark.parametrize("bad", ["2026-13", "yesterday", "2026/01/01", "26-01-01", ""])
def test_a_bad_date_is_a_usage_error_with_the_accepted_forms(bad: str) -> None:
    for args in (("--since", bad), ("--since", "2025", "--until", bad)):
        r = run("changes", *args, fixture=False)
        assert r.code == 2, r
        assert "YYYY, YYYY-MM or YYYY-MM-DD" in r.err and not r.out


def test_since_after_until_and_no_since_are_usage_errors() -> None:
    r = run("changes", "--since", "2026-03", "--until", "2026-01", fixture=False)
    assert r.code == 2 and "is after --until" in r.err
    assert run("changes", fixture=False).code == 2


@cache
def officials(actor_id: str) -> frozenset[str]:
    """The people who held an office of the actor, as the data says."""
    return frozenset(
        a["id"]
        for a in records("actors")
        if any(o.get("of") == actor_id for o in a.get("offices") or [])
    )


IN_DEBATE = sorted({p["actor"] for p in records("positions")})


@pytest.mark.parametrize("actor", IN_DEBATE)
def test_actor_narrows_to_the_actor_and_its_people(actor: str) -> None:
    doc = as_json("changes", "--since", "1900", "--actor", actor)
    who = {actor} | officials(actor)
    got = {r["id"] for r in doc["results"] if r["type"] == "position"}
    assert got == {p["id"] for p in records("positions") if p["actor"] in who}
    for r in doc["results"]:
        if r["type"] in ("position", "quote"):
            assert r["actor"] in who
        elif r["type"] == "event":
            assert who & set(r["event"]["actors"])
    quotes = {r["id"] for r in doc["results"] if r["type"] == "quote"}
    assert quotes == {q["id"] for q in records("quotes") if q["speaker"] in who and q.get("date")}


def test_an_empty_period_for_an_actor_names_it() -> None:
    r = run("changes", "--since", "2026-07", "--actor", "japan", "--actor", "cn", fixture=False)
    assert (r.code, r.out) == (0, "")
    assert "nothing changed for japan or china since 2026-07" in r.err


def test_actor_is_repeatable_and_means_any_of() -> None:
    one = {r["id"] for r in as_json("changes", "--since", "2025", "--actor", "japan")["results"]}
    two = {r["id"] for r in as_json("changes", "--since", "2025", "--actor", "china")["results"]}
    both = as_json("changes", "--since", "2025", "--actor", "japan", "--actor", "china")
    assert {r["id"] for r in both["results"]} == one | two
    assert run("changes", "--since", "2025", "--actor", "nobody-here", fixture=False).code == 3


# --- what a stance is about, and how fresh the data is ---------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_actors_table_says_what_a_stance_is_about(fmt: str) -> None:
    r = run("actors", "-f", fmt, fixture=False)
    assert " ".join(STANCE_SCOPE.split()) in " ".join(r.out.replace("\\", "").split())
    assert "data to 31 May 2026" in r.out


def test_json_gives_the_stance_scope_and_the_date_the_data_runs_to() -> None:
    doc = as_json("actors")
    assert doc["stance_scope"] == STANCE_SCOPE
    for command in ("actors", "quotes", "timeline", "frameworks", "changes --since 2026"):
        assert as_json(*command.split())["data_as_of"] == "2026-05-31"


def test_the_brief_and_version_give_the_date_the_data_runs_to() -> None:
    brief = run("brief", fixture=False).out
    assert "data to 31 May 2026" in brief
    # its stance table says what a stance is about, as the actors table does
    assert " ".join(STANCE_SCOPE.split()) in " ".join(brief.split())
    assert "data to 2026-05-31" in run("--version", fixture=False).out


@pytest.mark.parametrize(
    ("as_of", "today", "stale"),
    [
        ("2026-05-31", "2026-11-30", False),  # six months to the day (30 Nov: no 31st)
        ("2026-05-31", "2026-12-01", True),
        ("2026-05-15", "2026-11-15", False),
        ("2026-05-15", "2026-11-16", True),
        ("2026-05", "2026-11-30", False),  # a month means its last day
        ("2026-05", "2026-12-01", True),
        ("2026-05-31", "2026-05-31", False),
    ],
)
def test_the_data_is_stale_more_than_six_months_after_it_ends(
    as_of: str, today: str, stale: bool
) -> None:
    note = stale_note(as_of, today)
    assert (note is not None) is stale
    if note:
        assert "6 months ago" in note and "newer events are not covered" in note


def test_the_stale_note_counts_whole_months() -> None:
    assert "13 months ago" in (stale_note("2025-10-21", "2026-12-01") or "")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_a_terminal_is_told_once_that_the_data_is_old_a_pipe_and_json_never() -> None:
    # the fixture's data runs to 21 Oct 2025: more than six months before any day this runs
    base = [script(), "--no-pager", "--no-bundled", "--data", str(FIXTURE)]
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    _, err = on_a_terminal([*base, "actors"], env)
    assert err.count("the data runs to 21 Oct 2025") == 1
    assert "newer events are not covered" in err
    _, err = on_a_terminal([*base, "actors", "-f", "json"], env)
    assert "data runs to" not in err
    assert "data runs to" not in run("actors").err
    assert "data runs to" not in run("brief").err
