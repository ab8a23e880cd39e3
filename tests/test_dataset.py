"""Validation: every problem in a pack is reported at once, each as file:line: key.path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from asiannato import dataset
from asiannato.errors import DataError
from asiannato.packs import Pack

from .conftest import FIXTURE


def pack_with(tmp_path: Path, name: str, text: str) -> Pack:
    """A copy of the fixture pack with one file replaced (or added)."""
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURE, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return Pack(folder, "pack")


def problems(pack: Pack) -> list[str]:
    with pytest.raises(DataError) as info:
        dataset.load([pack])
    return [p.format() for p in info.value.problems]


def test_fixture_pack_is_valid() -> None:
    data = dataset.load([Pack(FIXTURE, "pack")])
    assert data.info["version"] == "test.1"
    assert data.count("quotes") == 4


QUOTE = """quotes:
  - id: q-one
    speaker: iwaya
    text: "need to strengthen deterrence"
    kind: direct
    date: "2024-10-02"
    venue: Tokyo
    sources: [japantimes-iwaya]
"""


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    text = QUOTE.replace("    venue: Tokyo\n", "    venue: Tokyo\n    speeker: iwaya\n")
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:8:5: quotes[0].speeker: unknown field (did you mean 'speaker'?)"
    ]


def test_missing_required_field(tmp_path: Path) -> None:
    text = QUOTE.replace("    venue: Tokyo\n", "")
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:2:5: quotes[0].venue: required field is missing"
    ]


def test_unknown_enum_value_lists_the_choices(tmp_path: Path) -> None:
    text = QUOTE.replace("kind: direct", "kind: directt")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.startswith(
        "pack/extra.yaml:5:5: quotes[0].kind: unknown value 'directt' (did you mean 'direct'?)"
    )
    assert "direct, reported, translation" in msg


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('"2024-13-01"', "invalid date"),
        ('"2024-02-30"', "no such day"),
        ('"Oct 2024"', "invalid date"),
    ],
)
def test_bad_dates(tmp_path: Path, value: str, why: str) -> None:
    text = QUOTE.replace('"2024-10-02"', value)
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.startswith("pack/extra.yaml:6:5: quotes[0].date:") and why in msg


def test_unquoted_number_where_text_belongs_says_to_quote_it(tmp_path: Path) -> None:
    text = QUOTE.replace("venue: Tokyo", "venue: 1984")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert (
        msg
        == "pack/extra.yaml:7:5: quotes[0].venue: expected text, got the number 1984; put it in quotes"
    )


def test_unresolved_reference_suggests_a_close_id(tmp_path: Path) -> None:
    text = QUOTE.replace("speaker: iwaya", "speaker: iwya").replace(
        "[japantimes-iwaya]", "[japantimes-iwaya, nowhere]"
    )
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:3:5: quotes[0].speaker: unknown actor 'iwya' (did you mean 'iwaya'?)",
        "pack/extra.yaml:8:5: quotes[0].sources: unknown source 'nowhere'",
    ]


def test_duplicate_id_in_a_pack(tmp_path: Path) -> None:
    text = QUOTE + QUOTE.replace("quotes:\n", "")
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:9:5: quotes[1].id: duplicate id 'q-one' (first defined at pack/extra.yaml:2)"
    ]


def test_every_problem_is_reported_together(tmp_path: Path) -> None:
    text = QUOTE.replace("kind: direct", "kind: nope").replace("venue: Tokyo", "venue: ''")
    found = problems(pack_with(tmp_path, "extra.yaml", text))
    assert len(found) == 2
    assert {m.split(": ", 2)[1] for m in found} == {"quotes[0].kind", "quotes[0].venue"}


def test_a_translation_needs_its_original_language(tmp_path: Path) -> None:
    text = QUOTE.replace("kind: direct", "kind: translation")
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:2:5: quotes[0].original_language: a translation needs original_language (e.g. 'ja')"
    ]


def test_a_state_cannot_be_a_speaker(tmp_path: Path) -> None:
    text = QUOTE.replace("speaker: iwaya", "speaker: japan")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.startswith("pack/extra.yaml:3:5: quotes[0].speaker: 'japan' is a state")


def test_an_office_cannot_end_before_it_starts(tmp_path: Path) -> None:
    text = (
        (FIXTURE / "actors.yaml").read_text().replace('end: "2025-10-21"', 'end: "2023-01-01"', 1)
    )
    (msg,) = problems(pack_with(tmp_path, "actors.yaml", text))
    assert "actors[3].offices[0].end: office ends (2023-01-01) before it starts (2024-10-01)" in msg


def test_a_record_without_sources_is_refused(tmp_path: Path) -> None:
    text = QUOTE.replace("    sources: [japantimes-iwaya]\n", "    sources: []\n")
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:8:5: quotes[0].sources: needs at least one entry"
    ]


def test_native_name_needs_its_source(tmp_path: Path) -> None:
    text = (
        (FIXTURE / "actors.yaml")
        .read_text()
        .replace(
            "    native_name_source: [japantimes-iwaya]\n    country: japan", "    country: japan"
        )
    )
    (msg,) = problems(pack_with(tmp_path, "actors.yaml", text))
    assert "actors[3].native_name: give native_name_source" in msg


def test_unknown_record_kind(tmp_path: Path) -> None:
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", "quotess: []\n"))
    assert msg == "pack/extra.yaml:1:1: quotess: unknown record kind (did you mean 'quotes'?)"


def test_yaml_errors_carry_line_and_column(tmp_path: Path) -> None:
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", "quotes:\n  - id: a\n    id: b\n"))
    assert msg == "pack/extra.yaml:3:5: duplicate key 'id' (first at line 2)"


def test_a_later_pack_replaces_records_by_id(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "positions.yaml").write_text(
        "positions:\n"
        "  - id: china-opposed\n    actor: china\n    stance: skeptical\n"
        '    summary: Replaced.\n    since: "2024-10-15"\n    sources: [kyodo-china-criticizes]\n'
    )
    data = dataset.load([Pack(FIXTURE, "pack"), Pack(overlay, "overlay")])
    china = [p for p in data.records["positions"] if p["id"] == "china-opposed"]
    assert len(china) == 1 and china[0]["stance"] == "skeptical"


POSITION = """positions:
  - id: p-one
    actor: japan
    stance: skeptical
    summary: Test summary.
    voiced_by: [iwaya]
    since: "2024-10-03"
    sources: [japantimes-iwaya, reuters-cna-ishiba]
"""


def test_a_position_cannot_start_before_its_first_source(tmp_path: Path) -> None:
    # japantimes-iwaya is dated 2024-10-03; the second source (2024-09-27) does not count
    text = POSITION.replace('since: "2024-10-03"', 'since: "2024-10-02"')
    assert problems(pack_with(tmp_path, "extra.yaml", text)) == [
        "pack/extra.yaml:7:5: positions[0].since: since 2024-10-02 is before 2024-10-03, the "
        "date of its first source 'japantimes-iwaya': cite first a source from the time, or "
        "date the position later"
    ]


@pytest.mark.parametrize("since", ["2024-10-03", "2024-10", "2024"])
def test_a_partial_since_covering_the_source_date_is_fine(tmp_path: Path, since: str) -> None:
    text = POSITION.replace('since: "2024-10-03"', f'since: "{since}"')
    data = dataset.load([pack_with(tmp_path, "extra.yaml", text)])
    assert any(p["id"] == "p-one" for p in data.records["positions"])


def test_a_state_position_starts_no_earlier_than_its_voice_took_office(tmp_path: Path) -> None:
    # Ishiba became prime minister on 2024-10-01: as LDP leader in September 2024 he
    # did not speak for Japan
    text = POSITION.replace("[iwaya]", "[ishiba]").replace(
        'since: "2024-10-03"\n    sources: [japantimes-iwaya, reuters-cna-ishiba]',
        'since: "2024-09-27"\n    sources: [reuters-cna-ishiba]',
    )
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.startswith(
        "pack/extra.yaml:6:5: positions[0].voiced_by: 'ishiba' cannot carry 'japan''s "
        "position from 2024-09-27: they held no office of 'japan' then (Prime Minister "
        "2024-10-01 to 2025-10-21)"
    )
    ok = text.replace('since: "2024-09-27"', 'since: "2024-10-01"')
    assert dataset.load([pack_with(tmp_path / "ok", "extra.yaml", ok)])


def test_a_voice_needs_an_office_of_that_state(tmp_path: Path) -> None:
    text = POSITION.replace("actor: japan", "actor: united-states")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg == (
        "pack/extra.yaml:6:5: positions[0].voiced_by: 'iwaya' cannot carry 'united-states''s "
        "position from 2024-10-03: no office of 'united-states' is recorded for them"
    )


def test_a_person_position_takes_no_voice(tmp_path: Path) -> None:
    text = POSITION.replace("actor: japan", "actor: ishiba")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.startswith("pack/extra.yaml:6:5: positions[0].voiced_by: 'ishiba' is a person")


def test_an_organization_speaks_only_for_its_own_state(tmp_path: Path) -> None:
    agency = """actors:
  - id: kcna
    kind: organization
    name: Korean Central News Agency
    country: china
    sources: [kyodo-china-criticizes]
"""
    text = agency + POSITION.replace("positions:\n", "\npositions:\n").replace("[iwaya]", "[kcna]")
    (msg,) = problems(pack_with(tmp_path, "extra.yaml", text))
    assert msg.endswith(
        "positions[0].voiced_by: 'kcna' cannot carry 'japan''s position from 2024-10-03: "
        "an organization speaks only for its 'country', which is not 'japan'"
    )
    ok = text.replace("country: china", "country: japan")
    assert dataset.load([pack_with(tmp_path / "ok", "extra.yaml", ok)])
