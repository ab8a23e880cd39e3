"""Where each record comes from: a pack laid over the fixture adds and extends records of
every kind, and every listing command says, in every format, which records are whose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from asiannato.views.origins import SYMBOLS

from .conftest import FIXTURE, run

# New records of every kind, and records that overlay the fixture's, leaving fields out.
OVERLAY = """\
sources:
  - id: pack-source
    title: A source only the pack has
    outlet: Pack Outlet
    date: "2024-10-01"
    url: https://example.com/pack-source
terms:
  - id: pack-term
    label: A term only the pack has
actors:
  - id: pack-person
    kind: person
    name: Pat Packer
    country: japan
    sources: [pack-source]
  - id: kritenbrink
    description: Extended by the pack.
positions:
  - id: pack-person-position
    actor: pack-person
    stance: supportive
    summary: Pat Packer supports the idea.
    since: "2024-10-01"
    sources: [pack-source]
  - id: china-opposed
    stance: skeptical
quotes:
  - id: pack-quote
    speaker: pack-person
    text: "Words only the pack has."
    kind: direct
    date: "2024-10-02"
    venue: A pack venue
    sources: [pack-source]
  - id: iwaya-deterrence
    venue: A venue the pack gives
frameworks:
  - id: anzus
    summary: Extended by the pack.
events:
  - id: 2024-10-02-pack-event
    date: "2024-10-02"
    title: An event only the pack has
    actors: [pack-person]
    sources: [pack-source]
arguments:
  - id: pack-argument
    side: for
    title: An argument only the pack has
    summary: Packs matter.
    actors: [pack-person]
    sources: [pack-source]
"""
FROM_PACK = {
    "sources": {"pack-source"},
    "actors": {"pack-person", "kritenbrink"},
    "positions": {"pack-person-position", "china-opposed"},
    "quotes": {"pack-quote", "iwaya-deterrence"},
    "frameworks": {"anzus"},
    "events": {"2024-10-02-pack-event"},
    "arguments": {"pack-argument"},
}
BASE = str(FIXTURE).rstrip("/")


@pytest.fixture(scope="module")
def over(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pack = tmp_path_factory.mktemp("origin") / "notes"
    pack.mkdir()
    (pack / "notes.yaml").write_text(OVERLAY, encoding="utf-8")
    return pack


def origin_of(kind: str, rid: str, over: Path) -> str:
    return str(over) if rid in FROM_PACK[kind] else BASE


# Each listing command, the kind of its records, and how a JSON result gives its id and
# origin (an actor's row comes from the pack of its position, else of the actor).
LISTINGS: dict[str, tuple[list[str], str]] = {
    "actors": (["actors", "--all", "--as-of", "2024-12-31"], "actors"),
    "quotes": (["quotes"], "quotes"),
    "frameworks": (["frameworks"], "frameworks"),
    "timeline": (["timeline"], "events"),
    "arguments": (["arguments"], "arguments"),
    "sources": (["sources"], "sources"),
    "search": (["search", "japan OR pack OR deterrence OR treaty"], "search"),
}


def _expected(name: str, result: dict[str, Any], over: Path) -> tuple[str, str]:
    """A JSON result's id and the origin it must show."""
    if name == "actors":
        actor, pos = result["actor"], result["position"]
        if pos is not None and pos["id"] in FROM_PACK["positions"]:
            return actor["id"], str(over)
        return actor["id"], origin_of("actors", actor["id"], over)
    if name == "search":
        kind = result["kind"] + "s"
        return result["id"], origin_of(kind, result["id"], over)
    return result["id"], origin_of(LISTINGS[name][1], result["id"], over)


def _json(args: list[str], over: Path) -> dict[str, Any]:
    r = run("--data", str(over), *args, "--format", "json")
    assert r.code == 0, r
    doc: dict[str, Any] = json.loads(r.out)
    return doc


@pytest.mark.parametrize("name", LISTINGS)
def test_every_json_record_says_where_it_comes_from(name: str, over: Path) -> None:
    args, _ = LISTINGS[name]
    doc = _json(args, over)
    assert doc["dataset"]["origin"] == BASE
    results = doc["results"]
    assert results
    seen_pack = False
    for result in results:
        rid, want = _expected(name, result, over)
        if name == "actors":
            actor, pos = result["actor"], result["position"]
            assert actor["origin"] == origin_of("actors", rid, over), rid
            if pos is not None:
                assert pos["origin"] == origin_of("positions", pos["id"], over), pos["id"]
                seen_pack |= pos["origin"] == str(over)
        else:
            assert result["origin"] == want, rid
        seen_pack |= want == str(over)
        for quote in result.get("evidence", []):  # arguments carry their quotes
            assert quote["origin"] == origin_of("quotes", quote["id"], over)
    assert seen_pack, "the pack's records are listed"
    # the sources every answer cites are records too
    for sid, source in doc["sources"].items():
        assert source["origin"] == origin_of("sources", sid, over)


def test_an_extended_record_keeps_what_the_pack_left_out(over: Path) -> None:
    doc = _json(["quotes"], over)
    quote = next(q for q in doc["results"] if q["id"] == "iwaya-deterrence")
    assert quote["venue"] == "A venue the pack gives"
    base = json.loads(run("quotes", "--format", "json").out)
    before = next(q for q in base["results"] if q["id"] == "iwaya-deterrence")
    assert before["origin"] == BASE
    # every other field is the fixture's
    assert {k: v for k, v in quote.items() if k not in ("venue", "origin")} == {
        k: v for k, v in before.items() if k not in ("venue", "origin")
    }


@pytest.mark.parametrize("fmt", ["csv", "plain"])
@pytest.mark.parametrize("name", LISTINGS)
def test_rows_have_an_origin_column(name: str, fmt: str, over: Path) -> None:
    args, _ = LISTINGS[name]
    expected = dict(_expected(name, x, over) for x in _json(args, over)["results"])
    r = run("--data", str(over), *args, "--format", fmt)
    assert r.code == 0, r
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.out)))
        got = {row["id"]: row["origin"] for row in rows}
    else:
        # plain has no header: the origin is the field that names a pack
        got = {}
        for line in r.out.splitlines():
            fields = line.split("\t")
            ids = [f for f in fields if f in expected]
            origins = [f for f in fields if f in (BASE, str(over))]
            assert len(origins) == 1, line
            got[ids[0]] = origins[0]
    assert got == expected


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("name", LISTINGS)
def test_pages_mark_each_pack_record_and_name_the_pack(name: str, fmt: str, over: Path) -> None:
    args, _ = LISTINGS[name]
    results = _json(args, over)["results"]
    per_origin: dict[str, int] = {str(over): 0}
    for result in results:
        _, origin = _expected(name, result, over)
        per_origin[origin] = per_origin.get(origin, 0) + 1
        for quote in result.get("evidence", []):  # an argument's quotes are shown too
            per_origin[quote["origin"]] += quote["origin"] == str(over)
    env = {"COLUMNS": "200"}
    r = run("--data", str(over), *args, "--format", fmt, env=env)
    assert r.code == 0, r
    legend = [line for line in r.out.splitlines() if "from the pack" in line]
    # one mark, for the pack laid on top: the base's records carry none
    assert [line.strip().replace("\\", "") for line in legend] == [
        f"{SYMBOLS[0]} from the pack {over}"
    ]
    # each of the pack's records marked once, and the legend
    assert r.out.count(SYMBOLS[0]) == per_origin[str(over)] + 1, r.out
    assert not any(s in r.out for s in SYMBOLS[1:])


def test_bundled_records_say_bundled_and_are_not_marked(tmp_path: Path) -> None:
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "a.yaml").write_text(
        'positions:\n  - id: china-2025-04-mfa-no-military-blocs\n    headline: "Mine"\n',
        encoding="utf-8",
    )
    doc = json.loads(
        run("--data", str(pack), "actors", "--as-of", "2025-05", "-f", "json", fixture=False).out
    )
    china = next(x for x in doc["results"] if x["actor"]["id"] == "china")
    assert china["position"]["origin"] == str(pack)
    assert china["position"]["headline"] == "Mine"
    assert china["position"]["summary"]  # kept from the bundled record
    others = [x for x in doc["results"] if x["actor"]["id"] != "china"]
    assert others and all(x["actor"]["origin"] == "bundled" for x in others)
    table = run(
        "--data", str(pack), "actors", "--as-of", "2025-05", "-f", "markdown", fixture=False
    ).out
    assert table.count(SYMBOLS[0]) == 2  # China's row, and the legend
    assert doc["dataset"]["origin"] == "bundled"
    assert f"{SYMBOLS[0]} from the pack {pack}" in table.replace("\\", "")  # md escapes
    plain = run("actors", "-f", "markdown", fixture=False).out
    assert "from the pack" not in plain and SYMBOLS[0] not in plain


PAGES = {
    "actor": ["actor", "kritenbrink"],
    "compare": ["compare", "china", "japan", "--as-of", "2024-12-31"],
    "brief": ["brief", "--as-of", "2024-12-31"],
    "framework": ["frameworks", "anzus"],
    "source": ["sources", "pack-source"],
}


def _records(node: Any) -> list[dict[str, Any]]:
    """Every record in a JSON document: a mapping with an id that cites sources, a
    source (it has an outlet), or a search hit (it has a rank)."""
    found = []
    if isinstance(node, dict):
        if "id" in node and ("sources" in node or "outlet" in node or "rank" in node):
            found.append(node)
        for value in node.values():
            found += _records(value)
    elif isinstance(node, list):
        for value in node:
            found += _records(value)
    return found


@pytest.mark.parametrize(
    "args", [*(v for k, v in PAGES.items() if k != "brief"), *(a for a, _ in LISTINGS.values())]
)
def test_every_record_in_every_answer_has_an_origin(args: list[str], over: Path) -> None:
    records = _records(_json(args, over))
    assert records
    for rec in records:
        kind = next((k for k, ids in FROM_PACK.items() if rec["id"] in ids), None)
        assert rec["origin"] in (BASE, str(over)), rec["id"]
        if kind is None:  # an id the pack does not touch is the base's
            assert rec["origin"] == BASE, rec["id"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_mark_the_pack_records_they_show(name: str, over: Path) -> None:
    r = run("--data", str(over), *PAGES[name], "--format", "markdown")
    assert r.code == 0, r
    legend = next(line for line in r.out.splitlines() if "from the pack" in line)
    assert str(over).replace("_", "\\_") in legend
    pack_mark = next(
        part.split(" ", 1)[0]
        for part in legend.split("; ")
        if str(over).replace("_", "\\_") in part
    )
    assert r.out.count(pack_mark) >= 2  # a record, and the legend
