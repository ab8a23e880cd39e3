"""`asiannato chart` and `asiannato cite --style` as a user runs them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import on_a_terminal, run, script

MONTHS = "January February March April May June July August September October November December"
MLA_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec."
SOURCES = ["thehindu-jaishankar-asian-nato", "japantimes-iwaya-idea-for-future", "tass-rudenko-sun-weidong-consultations"]  # fmt: skip


def source(sid: str) -> dict[str, str]:
    doc = json.loads(run("sources", sid, "-f", "json", fixture=False).out)
    found: dict[str, str] = doc["sources"][sid]
    return found


@pytest.mark.parametrize("sid", SOURCES)
def test_each_style_dates_and_names_the_source_by_its_manual(sid: str) -> None:
    s = source(sid)
    y, m, d = (int(x) for x in s["date"].split("-"))
    month, mla_month = MONTHS.split()[m - 1], MLA_MONTHS.split()[m - 1]
    out = {}
    for style in ("apa", "mla", "chicago", "bibtex", "text", "plain", "markdown"):
        r = run("cite", sid, "--style", style, fixture=False)
        assert r.code == 0, (style, r.err)
        out[style] = r.out
    assert f"({y}, {month} {d})." in out["apa"] and s["outlet"] in out["apa"]
    assert f"{d} {mla_month} {y}" in out["mla"] and "https://" not in out["mla"]
    assert f"{month} {d}, {y}." in out["chicago"] and s["url"] in out["chicago"]
    assert out["bibtex"].startswith("@misc{") and f"year = {{{y}}}" in out["bibtex"]
    assert out["text"] == out["plain"] and s["title"] in out["text"]
    assert f"*{s['outlet']}*" in out["markdown"]
    # --format keeps working as before
    assert run("cite", sid, "--format", "bibtex", fixture=False).out.startswith("@misc{")


def test_a_quote_cited_in_apa_names_speaker_and_source() -> None:
    r = run("cite", "ishiba-2024-09-no-collective-self-defence", "--style", "apa", fixture=False)
    assert r.code == 0
    assert "(Ishiba, as cited in Kelly, 2024)" in r.out
    assert "translation" in r.out  # the words are a translation, and the citation says so


def test_an_unknown_style_is_a_usage_error_naming_the_styles() -> None:
    r = run("cite", SOURCES[0], "--style", "harvard", fixture=False)
    assert r.code == 2 and "apa" in r.err and "chicago" in r.err


def test_the_chart_in_a_pipe_is_plain_text_with_a_row_per_actor() -> None:
    r = run("chart", "japan", "china", "--since", "2024", fixture=False)
    assert r.code == 0 and "\x1b" not in r.out and "<svg" not in r.out
    lines = r.out.splitlines()
    assert any(ln.startswith("Japan ") for ln in lines)
    assert any(ln.startswith("China ") for ln in lines)
    assert "|2024" in r.out and "|2023" not in r.out


def test_a_text_chart_written_from_a_wide_terminal_is_laid_out_as_in_a_pipe(
    tmp_path: Path,
) -> None:
    # a file is read elsewhere: 80 columns, as in a pipe, not the width of this terminal
    target = tmp_path / "stances.txt"
    _, err = on_a_terminal(
        [script(), "chart", "-o", str(target)], {"COLUMNS": "160", "NO_COLOR": "1"}
    )
    written = target.read_text()
    assert written == run("chart", fixture=False).out, err
    assert max(len(line) for line in written.splitlines()) <= 81 < 160


def test_the_chart_to_a_file_is_a_compact_svg_without_a_web_font(tmp_path: Path) -> None:
    target = tmp_path / "stances.svg"
    r = run("chart", "-o", str(target), fixture=False)
    assert r.code == 0 and r.out == ""
    svg = target.read_text()
    root = ET.fromstring(svg)
    assert int(root.get("width", "0")) <= 1000 and int(root.get("height", "0")) <= 1000
    assert "@import" not in svg and "url(http" not in svg
    # one row per major actor that has ever taken a side, from the positions' history
    labels = [g.get("data-label") for g in root.iter("{http://www.w3.org/2000/svg}g")]
    assert {"China", "Russia", "India", "Japan"} <= set(labels)
    bad = run("chart", "-o", str(tmp_path / "x.png"), fixture=False)
    assert bad.code == 2 and ".svg" in bad.err


@pytest.mark.parametrize("fmt", ["text", "svg"])
def test_hostile_names_are_escaped_in_the_chart(tmp_path: Path, fmt: str) -> None:
    from .test_hostile import RAW_CONTROL, evil_pack

    pack = evil_pack(tmp_path)
    r = run("--data", str(pack), "chart", "evil-person", "-f", fmt, fixture=False)
    assert r.code == 0, r
    assert "\\x1b" in r.out or "\\u202e" in r.out  # shown, not obeyed
    assert not RAW_CONTROL.search(r.out)


def test_bash_completes_citation_styles() -> None:
    from .conftest import invoke

    env = {
        "_ASIANNATO_COMPLETE": "complete_bash",
        "COMP_WORDS": "asiannato cite some-id --style c",
        "COMP_CWORD": "4",
    }
    code, out, _ = invoke([], env)
    assert code == 0 and out.split() == ["chicago"]
    env["COMP_WORDS"] = "asiannato cite some-id --style "
    env["COMP_CWORD"] = "4"
    _, out, _ = invoke([], env)
    assert sorted(out.split()) == sorted(
        ["apa", "mla", "chicago", "bibtex", "plain", "markdown"]  # text: an alias, not offered
    )


def test_a_chart_never_starts_after_it_ends() -> None:
    for args in (["--since", "2099"], ["japan", "--since", "2026", "--as-of", "2025-01-01"]):
        r = run("chart", *args, fixture=False)
        assert r.code == 2, r
        assert "is after the chart's end" in r.err


def test_a_chart_stops_where_the_data_stops() -> None:
    as_of = json.loads(run("actors", "-f", "json", fixture=False).out)["dataset"]["as_of"]
    svg = run("chart", "-f", "svg", "--as-of", f"{int(as_of[:4]) + 1}-06-01", fixture=False).out
    # the axis reaches the data's year and no further, though the date asked for is later
    years = [int(y) for y in re.findall(r">(\d{4})<", svg)]
    assert years and max(years) == int(as_of[:4]), years
