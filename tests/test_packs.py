"""Bring your own data: overlay packs, validate, the JSON Schema, init, and the cache."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from asiannato import yamlload
from asiannato.commands.packs import INIT_FILES
from asiannato.packs import bundled
from asiannato.schema import to_json_schema as schema

from .conftest import FIXTURE, run, run_script, script

OVERLAY_POSITION = """positions:
  - id: china-opposed
    actor: china
    stance: skeptical
    summary: Replaced in the overlay pack.
    since: "2024-10-15"
    sources: [kyodo-china-criticizes]
"""
OVERLAY_QUOTE = """quotes:
  - id: wu-qian-again
    speaker: wu-qian
    text: "hyped up the non-existent ‘China threat’"
    kind: translation
    original_language: zh
    date: "2024-10-15"
    venue: Ministry of National Defense news release
    sources: [kyodo-china-criticizes]
"""


def make_pack(root: Path, name: str, files: dict[str, str]) -> Path:
    pack = root / name
    pack.mkdir()
    for fname, text in files.items():
        (pack / fname).write_text(text, encoding="utf-8")
    return pack


def test_a_pack_adds_and_replaces_and_says_so(tmp_path: Path) -> None:
    over = make_pack(tmp_path, "notes", {"a.yaml": OVERLAY_POSITION, "b.yaml": OVERLAY_QUOTE})
    r = run("--data", str(over), "actors", "--as-of", "2025-01-01")
    assert r.code == 0
    # the overlay leaves out named_as_threat and reasons: they keep the base's values
    assert f"asiannato: pack {over}: added 1 quote; extended 1 position (china-opposed)" in r.err
    china = next(line for line in r.out.splitlines() if line.startswith("china\t"))
    assert china.split("\t")[3] == "skeptical"
    quotes = run("--data", str(over), "quotes", "--speaker", "wu qian")
    assert [line.split("\t")[-1] for line in quotes.out.splitlines()] == [
        "wu-qian-china-threat",
        "wu-qian-again",
    ]


def test_packs_from_the_environment(tmp_path: Path) -> None:
    over = make_pack(tmp_path, "notes", {"a.yaml": OVERLAY_POSITION})
    env = {"ASIANNATO_DATA": os.pathsep.join([str(FIXTURE), str(over)])}
    r = run("--no-bundled", "actors", "--as-of", "2025-01-01", fixture=False, env=env)
    assert r.code == 0 and "extended 1 position (china-opposed)" in r.err


def test_packs_overlay_the_bundled_data(tmp_path: Path) -> None:
    quote = OVERLAY_QUOTE.replace("wu-qian-again", "my-note").replace(
        "[kyodo-china-criticizes]", "[japantoday-kyodo-china-criticizes-ishiba]"
    )
    over = make_pack(tmp_path, "notes", {"q.yaml": quote})
    r = run("--data", str(over), "quotes", "--speaker", "wu-qian", fixture=False)
    assert r.code == 0 and "my-note" in r.out and "added 1 quote" in r.err


def test_validate_a_clean_pack_writes_no_cache(fresh_cache: Path) -> None:
    cache = fresh_cache
    r = run("validate", fixture=False, env={"ASIANNATO_DATA": str(FIXTURE)})
    # ASIANNATO_DATA overlays the fixture on the bundled data; both are valid
    assert r.code == 0, r
    assert r.out.startswith("valid: data, ")
    assert not cache.exists() or not list(cache.iterdir())


def test_validate_reports_errors_and_warnings_apart(tmp_path: Path) -> None:
    bad = OVERLAY_QUOTE.replace('    date: "2024-10-15"\n', "").replace(
        "speaker: wu-qian", "speaker: wu-qiann"
    )
    undated = OVERLAY_QUOTE.replace('    date: "2024-10-15"\n', "").replace("wu-qian-again", "q2")
    pack = make_pack(tmp_path, "p", {"bad.yaml": bad, "undated.yaml": undated})
    r = run("validate", str(pack))  # on the fixture pack
    assert r.code == 4, r
    lines = r.out.splitlines()
    assert lines[0] == "1 error:"
    assert lines[1] == (
        f"  {pack}/bad.yaml:3:5: quotes[0].speaker: unknown actor 'wu-qiann' (did you mean 'wu-qian'?)"
    )
    assert lines[2] == "2 warnings:"
    assert lines[3].startswith(f"  {pack}/bad.yaml:2:5: quotes[0].date: no date")
    assert lines[4].startswith(f"  {pack}/undated.yaml:2:5: quotes[0].date: no date")


def test_validate_json(tmp_path: Path) -> None:
    pack = make_pack(tmp_path, "p", {"x.yaml": "quotes:\n  - id: a\n    id: b\n"})
    r = run("validate", str(pack), "--format", "json", fixture=False)
    doc = json.loads(r.out)
    assert r.code == 4 and doc["valid"] is False
    assert doc["errors"][0] == {
        "file": f"{pack}/x.yaml",
        "line": 3,
        "column": 5,
        "path": "",
        "message": "duplicate key 'id' (first at line 2)",
        "text": f"{pack}/x.yaml:3:5: duplicate key 'id' (first at line 2)",
    }


def test_validate_a_missing_folder() -> None:
    r = run("validate", "/nonexistent/pack", fixture=False)
    assert r.code == 2 and "does not exist" in r.err


def test_a_warning_only_pack_still_loads(tmp_path: Path) -> None:
    undated = OVERLAY_QUOTE.replace('    date: "2024-10-15"\n', "")
    pack = make_pack(tmp_path, "p", {"q.yaml": undated})
    r = run("--data", str(pack), "quotes", "--format", "json")
    doc = json.loads(r.out)
    undated_quote = next(q for q in doc["results"] if q["id"] == "wu-qian-again")
    assert undated_quote["date"] is None
    assert doc["results"][-1]["id"] == "wu-qian-again"  # an undated quote sorts last
    dated = run("--data", str(pack), "quotes", "--since", "2000")
    assert "wu-qian-again" not in dated.out  # and falls inside no date range


# --- the JSON Schema ------------------------------------------------------------------------


def test_the_bundled_data_and_the_fixture_validate_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(schema())
    for folder in (bundled().path, FIXTURE):
        for f in sorted(folder.glob("*.yaml")):
            value, problems = yamlload.parse(f.read_text(encoding="utf-8"), f.name)
            assert problems == []
            errors = [e.message for e in validator.iter_errors(value)]
            assert errors == [], (f.name, errors[:3])


@pytest.mark.parametrize(
    "record",
    [
        {
            "quotes": [
                {
                    "id": "x",
                    "speaker": "a",
                    "text": "t",
                    "kind": "direct",
                    "venue": "v",
                    "sources": ["s"],
                    "speeker": "a",
                }
            ]
        },
        {
            "quotes": [
                {
                    "id": "X Y",
                    "speaker": "a",
                    "text": "t",
                    "kind": "direct",
                    "venue": "v",
                    "sources": ["s"],
                }
            ]
        },
        {
            "quotes": [
                {
                    "id": "x",
                    "speaker": "a",
                    "text": "t",
                    "kind": "said",
                    "venue": "v",
                    "sources": ["s"],
                }
            ]
        },
        {
            "quotes": [
                {
                    "id": "x",
                    "speaker": "a",
                    "text": "t",
                    "kind": "direct",
                    "venue": "v",
                    "sources": [],
                }
            ]
        },
        {"events": [{"id": "x", "date": "Oct 2024", "title": "t", "sources": ["s"]}]},
        {"quotess": []},
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(record: dict) -> None:  # type: ignore[type-arg]
    jsonschema = pytest.importorskip("jsonschema")
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(record))


def test_schema_command() -> None:
    r = run("schema", "quotes", fixture=False)
    doc = json.loads(r.out)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(doc["properties"]) == ["quotes"]
    assert run("schema", "nope", fixture=False).code == 2


# --- init -----------------------------------------------------------------------------------


def test_init_creates_a_pack_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    r = run("init", str(target), fixture=False)
    assert r.code == 0, r
    files = sorted(p.name for p in target.iterdir())
    assert files == sorted([*INIT_FILES, "pack.schema.json"])
    assert "dataset.yaml" in files
    assert (
        (target / "quotes.yaml")
        .read_text()
        .startswith("# yaml-language-server: $schema=./pack.schema.json\n")
    )
    v = run("validate", str(target), fixture=False)
    assert v.code == 0 and "error" not in v.out, v
    assert "adds 2 actors: example-state, example-person" in v.out
    for kind in ("argument", "event", "framework", "position", "quote", "source", "term"):
        assert f"adds 1 {kind}: " in v.out


def test_init_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "quotes.yaml").write_text("mine\n")
    r = run("init", str(target), fixture=False)
    assert r.code == 2 and "already has quotes.yaml" in r.err
    assert sorted(p.name for p in target.iterdir()) == ["quotes.yaml"]
    assert (target / "quotes.yaml").read_text() == "mine\n"


# --- the cache ------------------------------------------------------------------------------


def test_the_cache_is_built_once_and_rebuilt_when_a_pack_file_changes(
    tmp_path: Path, fresh_cache: Path
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    first = run("--no-bundled", "--data", str(pack), "actors", fixture=False)
    assert "compiled the data in" in first.stderr and "(no compiled cache yet)" in first.stderr
    warm = run("--no-bundled", "--data", str(pack), "actors", fixture=False)
    assert warm.stderr == "" and warm.out == first.out
    positions = pack / "positions.yaml"
    positions.write_text(positions.read_text().replace("stance: opposed", "stance: neutral"))
    changed = run("--no-bundled", "--data", str(pack), "actors", fixture=False)
    assert f"(changed: {pack}/positions.yaml)" in changed.stderr
    assert "china\tChina\tstate\tneutral" in changed.out


def test_a_corrupt_cache_is_rebuilt(fresh_cache: Path) -> None:
    run("actors")
    (store,) = fresh_cache.glob("store-*.sqlite3")
    store.write_bytes(b"\0garbage" * 512)
    r = run("actors")
    assert r.code == 0 and "(the cache file was unreadable)" in r.stderr


def test_concurrent_builds_never_corrupt_the_cache(fresh_cache: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    argv = [script(), "--no-bundled", "--data", str(FIXTURE), "quotes", "--format", "json"]
    procs = [
        subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(6)
    ]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert len({o for o, _ in outs}) == 1
    assert len(list(fresh_cache.glob("store-*.sqlite3"))) == 1
    assert list(fresh_cache.glob(".*.tmp")) == []  # no temporary file left behind
    again = run("quotes", "--format", "json")
    assert again.stderr == "" and again.out == outs[0][0].decode()


def test_the_example_pack_in_the_docs_validates(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "packs.md").read_text()
    start = docs.index("```yaml\n# my-notes/notes.yaml")
    block = docs[start + len("```yaml\n") : docs.index("```", start + 8)]
    pack = make_pack(tmp_path, "my-notes", {"notes.yaml": block})
    r = run("validate", str(pack), fixture=False)
    assert r.code == 0, r
    assert "adds 1 quote: my-wu-qian-small-circles" in r.out
    assert "extends 1 position: china-2025-04-mfa-no-military-blocs" in r.out


def test_validate_reports_field_errors_and_reference_errors_in_one_run(tmp_path: Path) -> None:
    # A record with a bad field still has its duplicate id and broken references
    # reported in the same run, so fixing a pack takes one pass, not several.
    pack = make_pack(
        tmp_path,
        "p",
        {
            "q.yaml": "quotes:\n"
            "  - id: bad-q\n    speaker: wu-qiann\n    text: x\n    kind: directt\n"
            '    date: "2024-10-02"\n    sources: [nope]\n'
            "  - id: bad-q\n    speaker: wu-qian\n    text: y\n    kind: direct\n"
            '    date: "2024-13-02"\n    venue: v\n    sources: [rfa-too-early]\n'
        },
    )
    r = run("validate", str(pack))
    assert r.code == 4
    found = {line.split(": ", 2)[1] for line in r.out.splitlines() if line.startswith("  ")}
    assert found == {
        "quotes[0].kind",
        "quotes[0].venue",
        "quotes[0].speaker",
        "quotes[0].sources",
        "quotes[1].id",
        "quotes[1].date",
    }, r.out
    assert "warning" not in r.out  # the bad date is an error, not also "no date"


def test_a_run_that_compiles_prints_all_and_leaves_a_clean_cache(
    tmp_path: Path, fresh_cache: Path
) -> None:
    # A run that compiled the data prints all of its output, and the store it replaced
    # is removed: one store, its lock, and one parsed entry per file are left.
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    args = ("--no-bundled", "--data", str(pack), "quotes", "--format", "json")
    first = run_script(*args, fixture=False)
    (pack / "quotes.yaml").touch()
    os.utime(pack / "quotes.yaml", (1, 1))  # a changed identity, surely
    again = run_script(*args, fixture=False)
    warm = run_script(*args, fixture=False)
    assert first.code == again.code == warm.code == 0
    assert "compiled the data" in again.stderr and warm.stderr == ""
    assert first.out == again.out == warm.out and json.loads(warm.out)["count"] == 4
    cache = fresh_cache
    names = sorted(p.name for p in cache.iterdir())
    assert [n.rsplit(".", 1)[-1] for n in names] == ["parsed", "lock", "sqlite3"], names
    assert names[1].startswith("store-") and names[2] == names[1][: -len("lock")] + "sqlite3"
    entries = sorted(p.suffix for p in (cache / "parsed").iterdir())
    assert entries == [".parsed"] * len(list(pack.glob("*.yaml")))
