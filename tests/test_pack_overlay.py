"""How a pack's record is laid over an earlier layer's (fields left out are kept, lists
replace, null clears), what validate reports of it, and the pack `init` writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from asiannato.commands.packs import INIT_FILES

from .conftest import run


def pack_of(tmp_path: Path, text: str) -> Path:
    pack = tmp_path / "over"
    pack.mkdir(parents=True)
    (pack / "over.yaml").write_text(text, encoding="utf-8")
    return pack


def quote(pack: Path, qid: str) -> dict[str, Any]:
    r = run("--data", str(pack), "quotes", "-f", "json")
    assert r.code == 0, r
    found: dict[str, Any] = next(q for q in json.loads(r.out)["results"] if q["id"] == qid)
    return found


def test_null_clears_an_optional_field_and_the_rest_is_kept(tmp_path: Path) -> None:
    pack = pack_of(tmp_path, "quotes:\n  - id: iwaya-future\n    role: null\n")
    q = quote(pack, "iwaya-future")
    assert q["role"] is None
    assert q["original_language"] == "ja" and q["kind"] == "translation"
    assert q["text"].startswith("I think it is quite difficult")


def test_a_list_replaces_the_earlier_list_whole(tmp_path: Path) -> None:
    pack = pack_of(
        tmp_path,
        "actors:\n  - id: iwaya\n    aliases: [Mr Iwaya]\n    sources: [rfa-too-early]\n",
    )
    r = run("--data", str(pack), "actor", "iwaya", "-f", "json")
    assert r.code == 0, r
    actor = json.loads(r.out)["results"][0]["actor"]
    assert actor["aliases"] == ["Mr Iwaya"]
    assert actor["sources"] == ["rfa-too-early"]  # not japantimes-iwaya as well
    assert actor["native_name"] == "岩屋毅"  # left out: kept


def test_a_new_record_must_give_every_required_field(tmp_path: Path) -> None:
    pack = pack_of(tmp_path, "quotes:\n  - id: brand-new\n    speaker: iwaya\n")
    r = run("--data", str(pack), "validate")
    assert r.code == 4
    for name in ("text", "kind", "venue", "sources"):
        assert f"over.yaml:2:5: quotes[0].{name}: required field is missing" in r.out


def test_a_required_field_cannot_be_cleared(tmp_path: Path) -> None:
    pack = pack_of(tmp_path, "quotes:\n  - id: iwaya-future\n    text: null\n")
    r = run("--data", str(pack), "validate")
    assert r.code == 4 and "quotes[0].text: is empty" in r.out


def test_the_merged_record_is_checked_whole(tmp_path: Path) -> None:
    # a translation needs its original language: the base's reported quote has none
    pack = pack_of(tmp_path, "quotes:\n  - id: iwaya-deterrence\n    kind: translation\n")
    r = run("--data", str(pack), "validate")
    assert r.code == 4
    assert "over.yaml:2:5: quotes[0].original_language: a translation needs" in r.out
    # ...and clearing it from one that has it is caught the same way
    pack2 = pack_of(tmp_path / "b", "quotes:\n  - id: iwaya-future\n    original_language: ~\n")
    assert "a translation needs" in run("--data", str(pack2), "validate").out


def test_validate_lists_what_each_pack_adds_replaces_and_extends(tmp_path: Path) -> None:
    every_field = (
        "terms:\n  - id: premature\n    label: Too soon\n    description: Mine.\n"
        "  - id: mine\n    label: Mine\n"
        "quotes:\n  - id: iwaya-future\n    venue: Elsewhere\n"
    )
    pack = pack_of(tmp_path, every_field)
    text = run("--data", str(pack), "validate")
    assert text.code == 0, text
    assert f"  pack {pack}:" in text.out
    assert "    adds 1 term: mine" in text.out
    assert "    replaces 1 term: premature" in text.out
    assert "    extends 1 quote: iwaya-future" in text.out
    doc = json.loads(run("--data", str(pack), "validate", "-f", "json").out)
    assert doc["overlay"] == [
        {
            "pack": str(pack),
            "added": {"terms": ["mine"]},
            "replaced": {"terms": ["premature"]},
            "extended": {"quotes": ["iwaya-future"]},
        }
    ]
    # every run says it once on stderr, too
    err = run("--data", str(pack), "actors").err
    assert "added 1 term; replaced 1 term (premature); extended 1 quote (iwaya-future)" in err


# --- init -------------------------------------------------------------------------------


@pytest.fixture
def fresh_pack(tmp_path: Path) -> Path:
    target = tmp_path / "mine"
    assert run("init", str(target), fixture=False).code == 0
    return target


@pytest.mark.parametrize("command", ["actors", "quotes", "brief", "timeline", "arguments"])
def test_an_initialised_pack_works_alone(fresh_pack: Path, command: str) -> None:
    r = run("--no-bundled", "--data", str(fresh_pack), command, fixture=False)
    assert r.code == 0, r
    assert r.out.strip()


def _placeholder_lines(pack: Path) -> set[tuple[str, int]]:
    """Every line of the pack's files that holds a value to replace (not comments)."""
    out = set()
    for name in INIT_FILES:
        for n, line in enumerate((pack / name).read_text().splitlines(), 1):
            value = line.split(" #", 1)[0]
            if not line.lstrip().startswith("#") and (
                "(replace me)" in value or "example.org/replace-me" in value
            ):
                out.add((name, n))
    return out


def test_validate_warns_about_every_placeholder_init_writes(fresh_pack: Path) -> None:
    for base in ([], ["--no-bundled"]):
        r = run(*base, "validate", str(fresh_pack), fixture=False)
        assert r.code == 0, r
        assert "error" not in r.out
        warned = {
            (Path(m.group(1)).name, int(m.group(2)))
            for m in re.finditer(r"^  (\S+?):(\d+):\d+: .*placeholder", r.out, re.M)
        }
        lines = _placeholder_lines(fresh_pack)
        # a warning per field: at the placeholder's line, or at the key of the nested
        # block (offices) that holds it
        assert len(warned) == len(lines)
        for name, n in warned - lines:
            text = (fresh_pack / name).read_text().splitlines()[n - 1]
            assert text.rstrip().endswith(":"), text
        assert run(*base, "validate", "--strict", str(fresh_pack), fixture=False).code == 4


def test_a_pack_with_its_placeholders_replaced_passes_strict(fresh_pack: Path) -> None:
    for name in INIT_FILES:
        path = fresh_pack / name
        text = path.read_text().replace(" (replace me)", "").replace("(replace me)", "mine")
        path.write_text(text.replace("example.org/replace-me", "example.org/article"))
    for base in ([], ["--no-bundled"]):
        r = run(*base, "validate", "--strict", str(fresh_pack), fixture=False)
        assert r.code == 0, r
        assert "warning" not in r.out
