"""The shape the output redesign promises: one vocabulary, one stderr writer that makes
outside text safe, global options anywhere, and every field of an answer in every
format. In-process, through ``cli.execute``."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from asiannato import cli, schema
from asiannato.model import ActorKind, Format, QuoteKind, Side, Stance

from .conftest import FIXTURE


def execute(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = cli.execute(list(argv))
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def fixture(*argv: str) -> tuple[int, str, str]:
    return execute("--no-bundled", "--data", str(FIXTURE), *argv)


# --- one vocabulary ---------------------------------------------------------------------------


def _enum_of(kind: str, field: str) -> tuple[str, ...]:
    (f,) = [f for f in schema.KINDS[kind].fields if f.name == field]
    return tuple(f.enum)


def _option_choices(command: str, option: str) -> list[str]:
    group = cli.typer.main.get_command(cli.app)
    (param,) = [p for p in group.commands[command].params if option in p.opts]  # type: ignore[attr-defined]
    return list(param.type.choices)


def test_the_schema_the_model_the_cli_and_the_json_schema_share_one_vocabulary() -> None:
    assert _enum_of("positions", "stance") == tuple(Stance)
    assert _enum_of("actors", "kind") == tuple(ActorKind)
    assert _enum_of("quotes", "kind") == tuple(QuoteKind)
    assert _enum_of("arguments", "side") == tuple(Side)
    assert _option_choices("actors", "--stance") == [s.value for s in Stance]
    assert _option_choices("actors", "--kind") == [k.value for k in ActorKind]
    assert _option_choices("arguments", "--side") == [s.value for s in Side]
    for command in ("actors", "quotes", "frameworks", "timeline", "search", "terms"):
        assert _option_choices(command, "--format") == [f.value for f in Format]
    for command in ("compare", "actor", "verify"):  # one page each: no csv to offer
        assert _option_choices(command, "--format") == [f.value for f in Format if f != "csv"]
    js = schema.to_json_schema(None)["properties"]
    stance = js["positions"]["items"]["properties"]["stance"]
    assert stance == {"enum": [s.value for s in Stance]}
    assert js["quotes"]["items"]["properties"]["kind"] == {"enum": [k.value for k in QuoteKind]}


# --- stderr ------------------------------------------------------------------------------------


def test_a_file_name_with_an_escape_reaches_stderr_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASIANNATO_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    assert execute("--no-bundled", "--data", str(pack), "actors")[0] == 0
    (pack / "z\x1b[31mred.yaml").write_text("terms:\n  - id: red\n    label: Red\n")
    code, out, err = execute("--no-bundled", "--data", str(pack), "actors")
    assert code == 0 and out
    assert "compiled the data" in err and "(new: " in err  # the note names the new file
    assert "\x1b" not in err and "z\\x1b[31mred.yaml" in err


def test_the_internal_error_line_ends_with_a_newline(monkeypatch: pytest.MonkeyPatch) -> None:
    from asiannato.query import core

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(core, "list_actors", boom)
    code, _, err = fixture("actors")
    assert code == 1 and err.endswith("report the traceback)\n")


# --- global options anywhere -----------------------------------------------------------------


def test_global_options_work_before_or_after_the_command() -> None:
    before = execute("--no-bundled", "--data", str(FIXTURE), "--color", "never", "actors")
    after = execute("actors", "--no-bundled", "--color", "never", "--data", str(FIXTURE))
    mixed = execute("--no-bundled", "actors", "--no-pager", "--data", str(FIXTURE), "--debug")
    assert before[0] == after[0] == mixed[0] == 0
    assert before[1] == after[1] == mixed[1] and "united-states" in before[1]


def test_an_option_value_that_looks_global_is_left_to_its_option() -> None:
    code, out, err = fixture("quotes", "--search", "--debug")
    assert code == 0 and out == "" and "no quotes match" in err


# --- every field in every format ---------------------------------------------------------------


def _copies(doc: dict[str, object]) -> set[str]:
    sources = doc["sources"]
    assert isinstance(sources, dict)
    return {sid for sid, s in sources.items() if s["seen_at"] and not s["url"]}


@pytest.mark.parametrize("fmt", ["table", "markdown", "plain"])
def test_a_copy_is_flagged_in_every_format_of_a_page(fmt: str) -> None:
    _, raw, _ = execute("actor", "japan", "-f", "json")
    copies = _copies(json.loads(raw))
    assert copies, "the bundled Japan cites sources seen only in a copy"
    _, out, _ = execute("actor", "japan", "-f", fmt)
    assert " ".join(out.split()).count("(seen in a copy)") == len(copies)


@pytest.mark.parametrize("fmt", ["table", "markdown", "plain", "csv"])
def test_the_bibliography_flags_every_copy_in_every_format(fmt: str) -> None:
    _, raw, _ = fixture("sources", "-f", "json")
    copies = [s for s in json.loads(raw)["results"] if s["seen_at"] and not s["url"]]
    assert copies
    _, out, _ = fixture("sources", "-f", fmt)
    assert " ".join(out.split()).count("seen in a copy") == len(copies)


@pytest.mark.parametrize("fmt", ["table", "markdown", "plain", "csv"])
def test_quotes_keep_kind_and_disputed_date_in_every_format(fmt: str) -> None:
    _, raw, _ = fixture("quotes", "-f", "json")
    quotes = json.loads(raw)["results"]
    disputed = [q for q in quotes if q["disputes"]]
    _, out, _ = fixture("quotes", "-f", fmt)
    flat = " ".join(out.split())
    for q in quotes:
        assert q["kind"] in flat, q["id"]
    for q in disputed:
        (d,) = [d for d in q["disputes"] if d["field"] == "date"]
        if fmt in ("plain", "csv"):
            assert " or ".join(d["values"]) in flat
        else:
            assert "disputed:" in flat


@pytest.mark.parametrize("fmt", ["table", "markdown", "plain"])
def test_prefers_has_one_label_everywhere(fmt: str) -> None:
    _, out, _ = fixture("compare", "japan", "china", "-f", fmt)
    assert "prefers instead" in out.lower() and "alternatives" not in out.lower()


def test_every_answer_has_a_page_or_renderers_of_its_own() -> None:
    import importlib
    import inspect
    import pkgutil

    from asiannato import output, query, views
    from asiannato.query.answer import Answer, Result

    answers = {
        c.__name__
        for module in pkgutil.iter_modules(query.__path__)
        for c in vars(importlib.import_module(f"asiannato.query.{module.name}")).values()
        if inspect.isclass(c) and issubclass(c, Result) and c not in (Result, Answer)
    }
    # a citation is drawn in a citation style and the chart as a chart, never as a page
    assert answers == set(views._PAGES) | set(output.RENDERERS)
    assert {"Citation", "ChartAnswer"} == answers - set(views._PAGES)
    assert set(views._ROWS) <= set(views._PAGES)
    for function in views._PAGES.values():
        assert callable(views._view(function, "pages"))
    for function in views._ROWS.values():
        assert callable(views._view(function, "listing"))
