"""`asiannato terms`: the stance legend (what each stance means, kept once in the model and
in agreement with the stance rule in docs/data-format.md) and the controlled vocabulary,
with how many positions use each term in each role, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from asiannato.model import STANCE_MEANING, Stance
from asiannato.packs import bundled_data_dir
from tests.bundled_data import LOADER, bundled_records
from tests.conftest import run

TERMS = bundled_records("terms")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"
# every file of positions (positions.yaml, positions-2025-26.yaml ...)
POSITIONS = [
    p
    for path in sorted(bundled_data_dir().glob("positions*.yaml"))
    for p in yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)["positions"]
]


def test_every_stance_has_a_meaning_that_agrees_with_the_stance_rule() -> None:
    assert set(STANCE_MEANING) == set(Stance)
    rule = {
        line.split("|")[1].strip(" `"): line.split("|")[2]
        for line in DOCS.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `") and line.split("|")[1].strip(" `") in set(Stance)
    }
    assert set(rule) == set(Stance)
    for stance, meaning in STANCE_MEANING.items():
        assert meaning.split(" (")[0] in rule[stance], stance


def test_json_lists_every_stance_and_every_term_with_its_uses() -> None:
    r = run("terms", "-f", "json", fixture=False)
    assert r.code == 0, r
    results = json.loads(r.out)["results"]
    stances = {x["id"]: x["meaning"] for x in results if x["kind"] == "stance"}
    assert stances == {str(s): m for s, m in STANCE_MEANING.items()}
    terms = {x["id"]: x for x in results if x["kind"] == "term"}
    assert set(terms) == {t["id"] for t in TERMS}
    for t in TERMS:
        assert terms[t["id"]]["label"] == t["label"]
        for role in ("reasons", "prefers", "concerns"):
            n = sum(t["id"] in p.get(role, ()) for p in POSITIONS)
            assert terms[t["id"]]["used_as"].get(role, 0) == n, (t["id"], role)


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "csv"])
def test_every_format_shows_every_stance_and_term(fmt: str) -> None:
    r = run("terms", "-f", fmt, fixture=False)
    assert r.code == 0, r
    flat = " ".join(r.out.replace("\u2502", " ").split()).replace("\\", "")
    for s in Stance:
        assert s.value in flat.lower()
        assert STANCE_MEANING[s].split(" (")[0][:40] in flat
    for t in TERMS:
        assert t["id"] in flat and t["label"] in flat
