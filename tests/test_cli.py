"""The command-line contract, through the installed console script in a subprocess:
exit codes, which stream gets what, and output that parses."""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURE, run

ENVELOPE_KEYS = {
    "schema_version",
    "command",
    "tool_version",
    "dataset",
    "query",
    "count",
    "results",
    "sources",
}


def test_help_lists_the_commands() -> None:
    r = run("--help", fixture=False)
    assert r.code == 0
    for cmd in ("actors", "compare", "quotes"):
        assert cmd in r.out


def test_bare_command_shows_help_and_succeeds() -> None:
    r = run(fixture=False)
    assert r.code == 0 and "Usage: asiannato" in r.out


def test_python_dash_m_works() -> None:
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "asiannato", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0 and "compare" in out.stdout


def test_actors_piped_is_tab_separated_without_decoration() -> None:
    r = run("actors")
    assert r.code == 0 and r.err == ""
    rows = [line.split("\t") for line in r.out.splitlines()]
    # the CSV's columns without its header, id, name, kind and stance first
    assert all(len(row) == 12 for row in rows)
    by_id = {row[0]: row for row in rows}
    assert by_id["china"][3] == "opposed"
    assert "\x1b" not in r.out and "─" not in r.out


def test_actors_table_when_asked_names_the_stance_in_words_without_colour() -> None:
    r = run("actors", "--format", "table")
    assert r.code == 0
    assert " OPPOSED " in r.out and " SKEPTICAL " in r.out
    assert "\x1b[" not in r.out  # NO_COLOR is set by the helper
    assert "Sources" in r.out


def test_actors_colour_is_applied_when_forced() -> None:
    r = run("actors", "--format", "table", env={"NO_COLOR": "", "FORCE_COLOR": "1"})
    assert "\x1b[" in r.out


def test_actors_json_envelope() -> None:
    r = run("actors", "--format", "json", env={"FORCE_COLOR": "1", "COLUMNS": "20"})
    doc = json.loads(r.out)
    assert set(doc) >= ENVELOPE_KEYS
    assert doc["schema_version"] == 1 and doc["command"] == "actors"
    assert doc["dataset"] == {
        "version": "test.1",
        "as_of": "2025-10-21",
        "title": "Test pack",
        "origin": str(FIXTURE),  # the base layer: with --no-bundled, the first pack
    }
    china = next(x for x in doc["results"] if x["actor"]["id"] == "china")
    assert china["position"]["stance"] == "opposed"
    assert china["position"]["reasons"] == [
        {"id": "no-military-blocs", "label": "No military blocs"}
    ]
    # every cited source is in the envelope, with its address
    for x in doc["results"]:
        for sid in (x["position"] or x["actor"])["sources"]:
            assert doc["sources"][sid]["url"] or doc["sources"][sid]["seen_at"]
    assert "\x1b" not in r.out


def test_actors_filters_and_as_of() -> None:
    r = run("actors", "--kind", "state", "--stance", "advocate", "--as-of", "2025-01-01")
    assert [line.split("\t")[0] for line in r.out.splitlines()] == ["japan"]


def test_actors_empty_result_is_not_an_error() -> None:
    r = run("actors", "--kind", "organization")
    assert r.code == 0 and r.out == "" and "no actors match" in r.err


def test_bad_enum_is_a_usage_error() -> None:
    r = run("actors", "--stance", "hostile")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") <= 2 and "hostile" in r.err
    assert "Traceback" not in r.err


def test_compare_plain_text_has_agreement_lines_and_sources() -> None:
    r = run("compare", "japan", "usa", "--as-of", "2025-01-01")
    assert r.code == 0, r
    assert "Where they agree:" in r.out and "Where they differ:" in r.out
    assert "Japan and United States are both members of US–Japan alliance." in r.out
    assert "Stance: Japan advocate; United States skeptical." in r.out
    assert "Sources:" in r.out and "https://" in r.out


def test_compare_table_side_by_side_and_stacked() -> None:
    wide = run("compare", "japan", "china", "--format", "table", env={"COLUMNS": "140"})
    narrow = run("compare", "japan", "china", "--format", "table", env={"COLUMNS": "60"})
    assert wide.code == narrow.code == 0
    assert max(len(line) for line in narrow.out.splitlines()) <= 60
    for r in (wide, narrow):
        assert "Where they agree" in r.out and "Key people" in r.out


def test_compare_json() -> None:
    r = run("compare", "JP", "prc", "--format", "json")
    doc = json.loads(r.out)
    assert ENVELOPE_KEYS | {"comparison"} <= set(doc)
    assert [x["actor"]["id"] for x in doc["results"]] == ["japan", "china"]
    assert set(doc["comparison"]) >= {"agree", "differ", "shared", "common_frameworks"}


def test_compare_markdown_sections() -> None:
    r = run("compare", "japan", "china", "--format", "markdown")
    assert r.out.startswith("# Japan vs China")
    for heading in (
        "## Japan",
        "## China",
        "## Where they agree",
        "## Where they differ",
        "## Sources",
    ):
        assert f"\n{heading}" in r.out


def test_compare_one_actor_is_a_usage_error() -> None:
    r = run("compare", "japan")
    assert r.code == 2 and r.out == "" and "at least two" in r.err


def test_unknown_actor_says_did_you_mean_on_stderr_only() -> None:
    r = run("compare", "japn", "china")
    assert r.code == 3 and r.out == ""
    assert "did you mean 'japan'?" in r.err.splitlines()[0]


def test_quotes_by_speaker_surname_full_name_and_native_script() -> None:
    outs = [run("quotes", "--speaker", name).out for name in ("iwaya", "Takeshi Iwaya", "岩屋")]
    assert outs[0] == outs[1] == outs[2]
    assert [line.split("\t")[-1] for line in outs[0].splitlines()] == [
        "iwaya-deterrence",
        "iwaya-future",
    ]


def test_unknown_speaker_suggests() -> None:
    r = run("quotes", "--speaker", "iwya")
    assert r.code == 3 and r.out == ""
    assert r.err.startswith("asiannato: error: no speaker matches 'iwya' (did you mean 'iwaya'?)")


def test_quote_cards_show_kind_office_date_venue_and_source() -> None:
    r = run("quotes", "--speaker", "iwaya", "--format", "table", env={"COLUMNS": "90"})
    assert r.code == 0
    text = " ".join(r.out.split())
    assert "Reported: need to strengthen deterrence" in text
    assert "reported speech (not a verbatim quote)" in text
    assert "translation from Japanese" in text
    assert "Takeshi Iwaya (岩屋毅), Minister for Foreign Affairs" in text  # office on the day
    assert "2024-10-02 · First press conference as foreign minister, Tokyo" in text
    assert "Source: The Japan Times, 2024-10-03" in text
    assert (
        "https://www.japantimes.co.jp/news/2024/10/03/japan/politics/takeshi-iwaya-asian-nato/"
        in r.out.replace(" ", "").replace("│", "").replace("\n", "")
    )


def test_editorial_brackets_print_literally_everywhere() -> None:
    for fmt in ("table", "plain", "markdown", "json"):
        r = run("quotes", "--speaker", "kritenbrink", "--format", fmt)
        flat = " ".join(r.out.split())
        expected = "\\[the creation of\\]" if fmt == "markdown" else "[the creation of]"
        assert expected in flat, (fmt, r.out)


def test_quotes_search_and_dates() -> None:
    r = run("quotes", "--search", "too early")
    assert [line.split("\t")[-1] for line in r.out.splitlines()] == ["kritenbrink-too-early"]
    r = run("quotes", "--since", "2024-10", "--until", "2024-10-02")
    assert [line.split("\t")[-1] for line in r.out.splitlines()] == [
        "iwaya-deterrence",
        "iwaya-future",
    ]


def test_quotes_bad_date_is_a_usage_error() -> None:
    r = run("quotes", "--since", "last week")
    assert r.code == 2 and r.out == "" and "YYYY" in r.err


def test_quotes_empty_result_exit_zero() -> None:
    r = run("quotes", "--since", "2030")
    assert r.code == 0 and r.out == "" and "no quotes match" in r.err


def test_quotes_json_has_speaker_role_and_sources() -> None:
    doc = json.loads(run("quotes", "--actor", "japan", "--format", "json").out)
    assert doc["count"] == 2
    q = doc["results"][1]
    assert q["kind"] == "translation" and q["original_language"] == "ja"
    assert q["speaker"] == {
        "id": "iwaya",
        "name": "Takeshi Iwaya",
        "native_name": "岩屋毅",
        "role_at_the_time": "Foreign Minister",
    }
    assert doc["sources"]["japantimes-iwaya"]["seen_at"].startswith("https://todayschronic.com/")


def test_version() -> None:
    r = run("--version")
    assert r.code == 0
    assert r.out.splitlines()[0].startswith("asiannato ")
    assert "dataset test.1, data to 2025-10-21" in r.out


def test_invalid_pack_lists_every_problem_with_location(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from .conftest import FIXTURE

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "quotes.yaml").write_text("quotes:\n  - id: x\n    speaker: nobody\n    id: y\n")
    r = run("--no-bundled", "--data", str(pack), "actors", fixture=False)
    assert r.code == 4 and r.out == ""
    assert r.err.splitlines()[0] == f"{pack}/quotes.yaml:4:5: duplicate key 'id' (first at line 2)"
    assert "Traceback" not in r.err


def test_missing_pack_folder_is_a_usage_error() -> None:
    r = run("--data", "/nonexistent/pack", "actors", fixture=False)
    assert r.code == 2 and "does not exist" in r.err


@pytest.mark.parametrize("reader", ["head -1", "head -c 10"])
def test_closing_the_pipe_early_is_quiet(reader: str) -> None:
    import subprocess

    from .conftest import FIXTURE, script

    for unbuffered in ("1", ""):
        cmd = f"'{script()}' --no-bundled --data '{FIXTURE}' quotes --format table | {reader} >/dev/null"
        proc = subprocess.run(
            ["bash", "-o", "pipefail", "-c", cmd],
            capture_output=True,
            text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": unbuffered, "COLUMNS": "80"},
        )
        assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr
        assert proc.returncode in (0, 141), proc.stderr


def test_help_never_loads_the_dataset(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.yaml").write_text("quotes: [\n")
    r = run("--help", fixture=False, env={"ASIANNATO_DATA": str(broken)})
    assert r.code == 0 and "compare" in r.out


def test_importing_the_cli_loads_no_heavy_module() -> None:
    import subprocess
    import sys

    code = (
        "import sys, asiannato.cli\n"
        "print(sorted(m for m in ('rich', 'yaml', 'sqlite3', 'asiannato.store', 'asiannato.query')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr


def test_errors_are_one_line() -> None:
    for args in (("quotes", "--speaker", "iwya"), ("compare", "japn", "china"), ("qoutes",)):
        r = run(*args)
        assert r.err.count("\n") == 1 and r.err.startswith("asiannato: error: "), r
    assert "Did you mean 'quotes'" in run("qoutes").err
