"""One way from an answer to output (issue 12 point 1): every command that answers hands
its answer to ``output.show``, which draws it through the renderer for its kind and
format; JSON is one envelope, built from the answer, for every command."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from asiannato import __version__, cli, output

from .conftest import FIXTURE, run

# Arguments that give each command an answer with something in it, on the fixture pack.
# Every command of the CLI is here but the two that answer nothing about the data:
# `schema` prints the JSON Schema itself and `init` says what files it wrote.
ARGS: dict[str, list[str]] = {
    "actors": [],
    "compare": ["japan", "china"],
    "quotes": [],
    "brief": [],
    "changes": ["--since", "2024"],
    "chart": [],
    "actor": ["japan"],
    "frameworks": [],
    "timeline": [],
    "arguments": [],
    "search": ["nato"],
    "sources": [],
    "cite": ["kritenbrink-too-early"],
    "verify": ["too early to talk about collective security"],
    "terms": [],
    "validate": [],
}
NOT_ANSWERS = {"schema", "init"}


def _formats(command: str) -> list[str]:
    """The values the command's --format offers (and, for cite, --style's)."""
    group = cli.typer.main.get_command(cli.app)
    params = group.commands[command].params  # type: ignore[attr-defined]
    return [
        choice
        for p in params
        if {"--format", "--style"} & set(p.opts)
        for choice in p.type.choices
        if choice != "auto"
    ]


def test_every_command_is_checked_here() -> None:
    assert {c.__name__ for c in cli.COMMANDS} == set(ARGS) | NOT_ANSWERS


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every renderer, and the JSON, replaced by one that writes only its own name: a
    command whose output is not exactly such a mark drew (or built) it by itself."""
    from asiannato import export

    def mark(kind: str, fmt: str) -> output.Renderer:
        return lambda settings, answer: output.Drawn(f"<{kind} {fmt}>\n")

    tables = {"page": output.PAGE, **output.RENDERERS}
    for kind, forms in tables.items():
        for fmt in list(forms):
            monkeypatch.setitem(forms, fmt, mark(kind, fmt))
    monkeypatch.setattr(export, "to_json", lambda answer: f"<json {answer.command}>\n")
    yield


@pytest.mark.parametrize("command", sorted(ARGS))
def test_every_command_draws_every_format_through_show(command: str, marked: None) -> None:
    kind = {"brief": "Briefing", "chart": "ChartAnswer", "cite": "Citation"}.get(command, "page")
    formats = _formats(command)
    assert formats, f"{command} offers no --format"
    for fmt in formats:
        option = "--style" if command == "cite" and fmt in ("apa", "mla", "chicago") else "-f"
        r = run(command, *ARGS[command], option, fmt)
        if command == "validate" and fmt == "text":
            fmt = "plain"  # validate's name for plain text
        expected = f"<json {command}>\n" if fmt == "json" else f"<{kind} {fmt}>\n"
        assert r.out == expected, (command, fmt, r)
        assert r.code in (0, 1), (command, fmt, r)  # verify says 1 for a close match


def _json(command: str, *args: str, **kwargs: Any) -> dict[str, Any]:
    r = run(command, *args, "--format", "json", **kwargs)
    assert r.out, r
    doc = json.loads(r.out)
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize("command", sorted(c for c in ARGS if "json" in _formats(c)))
def test_every_json_answer_has_the_envelope(command: str) -> None:
    doc = _json(command, *ARGS[command])
    facts = json.loads(run("actors", "-f", "json").out)["dataset"]
    assert doc["schema_version"] == 1
    assert doc["command"] == command
    assert doc["tool_version"] == __version__
    assert doc["dataset"] == facts and doc["data_as_of"] == facts["as_of"]
    assert isinstance(doc["sources"], dict)
    assert "query" in doc


def _reference_json(doc: Any) -> str:
    """What ``export.json_text`` stands in for: json.dumps, then the escapes of the
    characters that could act on a terminal."""
    from asiannato.export import _JSON_UNSAFE

    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


@pytest.mark.parametrize("command", sorted(c for c in ARGS if "json" in _formats(c)))
def test_the_json_text_is_what_json_dumps_writes(command: str) -> None:
    # export writes JSON with its own indenting encoder (json's, with an indent, is slow):
    # every command's document, on the bundled data, must read exactly as json.dumps has it
    bundled = {"actor": ["ishiba"], "cite": ["kritenbrink-2024-09-too-early"]}
    r = run(command, *bundled.get(command, ARGS[command]), "-f", "json", fixture=False)
    out = r.out
    assert r.code == 0 and out, r
    assert out == _reference_json(json.loads(out))


def test_the_json_encoder_takes_what_json_dumps_takes() -> None:
    from enum import StrEnum

    from asiannato.export import json_text

    class Kind(StrEnum):
        a = "a"

    doc = {
        "text": 'quotes " and \\ and \n and \u202e and \x9b and 中文 and \U0001f600',
        "numbers": [0, -3, 2**70, 1.5, 1e-9, float("inf")],
        "flags": (True, False, None),
        "empty": [[], {}, ()],
        Kind.a: {7: "int key", 2.5: "float key", True: "bool key", None: "none key"},
        "nested": {"a": [{"b": [1, {"c": ()}]}]},
    }
    assert json_text(doc) == _reference_json(doc)
    with pytest.raises(TypeError):
        json_text({"x": object()})
    with pytest.raises(TypeError):
        json_text({(1, 2): "a tuple key"})


def test_validate_json_keeps_its_keys_inside_the_envelope(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "terms.yaml").write_text("terms:\n  - id: extra-term\n    label: Extra\n")
    doc = _json("validate", str(pack))
    assert doc["command"] == "validate" and doc["tool_version"] == __version__
    assert doc["packs"] == [str(FIXTURE), str(pack)]
    assert doc["valid"] is True and doc["errors"] == [] and doc["warnings"] == []
    assert doc["overlay"] == [
        {"pack": str(pack), "added": {"terms": ["extra-term"]}, "replaced": {}, "extended": {}}
    ]
    # the dataset checked: the fixture's own description, with what the pack added
    fixture = json.loads(run("actors", "-f", "json").out)
    assert doc["dataset"] == fixture["dataset"]
    assert doc["query"] == {"paths": [str(pack)], "strict": False}
    assert doc["sources"] == {}


def test_packs_with_errors_have_no_dataset_in_the_envelope(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "broken.yaml").write_text("quotes:\n  - id: q\n    speaker: nobody\n")
    r = run("validate", str(pack), "-f", "json", fixture=False)
    assert r.code == 4
    doc = json.loads(r.out)
    assert doc["valid"] is False and doc["errors"]
    assert doc["dataset"] is None and doc["data_as_of"] is None
    assert doc["tool_version"] == __version__
    assert all(e["text"].startswith(f"{pack}/broken.yaml") for e in doc["errors"])


def test_validate_text_and_json_report_the_same_problems(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    (pack / "broken.yaml").write_text("quotes:\n  - id: q\n    speaker: nobody\n")
    text = run("validate", str(pack), fixture=False)
    doc = json.loads(run("validate", str(pack), "-f", "json", fixture=False).out)
    assert text.code == 4
    expected = []
    for name in ("error", "warning"):
        found = doc[f"{name}s"]
        if found:
            expected.append(f"{len(found)} {name}{'s' if len(found) != 1 else ''}:")
            expected += [f"  {p['text']}" for p in found]
    assert doc["errors"] and text.out == "".join(line + "\n" for line in expected)


def test_cite_json_gives_every_style_the_style_option_gives() -> None:
    ref = ARGS["cite"][0]
    (entry,) = _json("cite", ref)["results"]
    for style in ("apa", "mla", "chicago", "bibtex", "markdown"):
        given = run("cite", ref, "--style", style).out
        assert entry[style] == (given if style == "bibtex" else given.strip()), style
    assert entry["text"] == run("cite", ref, "--style", "plain").out.strip()


def test_a_file_gets_what_stdout_would(tmp_path: Path) -> None:
    for command, fmt, name in (
        ("brief", "markdown", "b.md"),
        ("brief", "json", "b.json"),
        ("chart", "svg", "c.svg"),
    ):
        target = tmp_path / name
        written = run(command, "-o", str(target))
        assert written.code == 0 and written.out == ""
        assert written.err == f"asiannato: wrote {fmt} to {target}\n"
        assert target.read_text(encoding="utf-8") == run(command, "-f", fmt).out
