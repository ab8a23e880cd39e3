"""At any width from 40 columns up, an id a reader must type next is never cut or split: on
the terminal renderer, every id of every listing command's JSON appears whole on one line.
Below the width where columns would squeeze, tables are stacked (one record per block)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.conftest import run

# the listings whose ids are typed next (actor ID, cite ID, frameworks ID, sources ID, a
# term or a stance); timeline and arguments show no ids: no command takes an event's or an
# argument's
LISTINGS = {
    "actors": [],
    "quotes": [],
    "frameworks": [],
    "search": ["nato", "--limit", "0"],
    "sources": [],
    "terms": [],
}


def _ids(command: str, results: list[dict[str, Any]]) -> set[str]:
    if command == "actors":
        return {r["actor"]["id"] for r in results}
    if command == "terms":  # the stances show as badges (SKEPTICAL): the terms' ids
        return {r["id"] for r in results if r["kind"] == "term"}
    return {r["id"] for r in results}


def _not_whole(ids: set[str], text: str) -> list[str]:
    """The ids that appear nowhere whole on one line of ``text``: not as a run of word
    characters and hyphens of its own (an id cut by a line break leaves two runs)."""
    runs = set(re.findall(r"[\w-]+", text))
    missing = []
    for ident in sorted(ids):
        if re.fullmatch(r"[\w-]+", ident):
            found = ident in runs
        else:  # an id with other characters: look for it, bounded the same way
            found = any(
                re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", line)
                for line in text.splitlines()
            )
        if not found:
            missing.append(ident)
    return missing


@pytest.mark.parametrize("columns", [40, 60, 80, 100])
@pytest.mark.parametrize("command", sorted(LISTINGS))
def test_every_id_is_whole_on_one_line(command: str, columns: int) -> None:
    args = [command, *LISTINGS[command]]
    listed = run(*args, "--format", "json", fixture=False)
    ids = _ids(command, json.loads(listed.out)["results"])
    assert ids
    shown = run(*args, "--format", "table", env={"COLUMNS": str(columns)}, fixture=False)
    assert shown.code == 0, shown
    missing = _not_whole(ids, shown.out)
    assert not missing, (columns, missing[:5], len(missing))


def test_sources_at_80_columns_do_not_squeeze_titles() -> None:
    shown = run("sources", "--format", "table", env={"COLUMNS": "80"}, fixture=False)
    listed = json.loads(run("sources", "--format", "json", fixture=False).out)["results"]
    title = next(s["title"] for s in listed if len(s["title"]) > 40)
    words = title.split()[:3]
    assert any(" ".join(words) in line for line in shown.out.splitlines()), title
