"""Every repeatable filter means "any of these": giving two values finds what either finds
alone, together, and says so in ``--help``. The table below covers every repeatable
option of every command (a test checks it against the command tree, so a new one cannot
be left out)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import typer

from asiannato.cli import app
from tests.conftest import run

# command, option, two values that each find something different (on the bundled data)
CASES = [
    ("actors", "--kind", "state", "person"),
    ("actors", "--stance", "skeptical", "opposed"),
    ("quotes", "--speaker", "iwaya", "kritenbrink"),
    ("quotes", "--actor", "japan", "china"),
    ("quotes", "--kind", "direct", "reported"),
    ("timeline", "--actor", "japan", "china"),
    ("arguments", "--side", "for", "against"),
    ("arguments", "--actor", "ishiba", "kritenbrink"),
    ("search", "--kind", "quote", "source"),
    ("changes", "--actor", "japan", "china"),
]
# tested where the command is: verify's --speaker (tests/test_verify_command.py)
ELSEWHERE = {("verify", "--speaker")}
# the words a command needs before its filters
LEADING = {"search": ["nato", "--limit", "0"], "changes": ["--since", "2024"]}
GLOBAL = {"--data"}  # a global option: packs add up, which is not a filter


def _ids(results: list[dict[str, Any]]) -> set[str]:
    out = set()
    for r in results:
        if "actor" in r and isinstance(r["actor"], dict):
            out.add(r["actor"]["id"])
        else:
            out.add(r.get("id") or r.get("quote") or r.get("ref") or json.dumps(r))
    return out


def _found(command: str, *filters: str) -> set[str]:
    r = run(command, *LEADING.get(command, []), *filters, "--format", "json", fixture=False)
    assert r.code == 0, r
    return _ids(json.loads(r.out)["results"]) if r.out else set()


@pytest.mark.parametrize(("command", "option", "a", "b"), CASES)
def test_a_repeated_filter_finds_either(command: str, option: str, a: str, b: str) -> None:
    only_a, only_b = _found(command, option, a), _found(command, option, b)
    assert only_a and only_b and only_a != only_b, (only_a, only_b)
    assert _found(command, option, a, option, b) == only_a | only_b


def _repeatable() -> set[tuple[str, str]]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    found = set()
    for name, command in group.commands.items():
        for p in command.params:
            if getattr(p, "multiple", False):
                found.add((name, max(p.opts, key=len)))
    return found


def test_every_repeatable_option_is_covered_and_says_any_of_in_help() -> None:
    found = _repeatable() - {(c, o) for c, o in _repeatable() if o in GLOBAL}
    assert found == {(c, o) for c, o, _, _ in CASES} | ELSEWHERE
    for command, option in found:
        help_text = " ".join(run(command, "--help").out.split())
        at = help_text.index(option)
        assert "any of" in help_text[at : at + 400], (command, option)
