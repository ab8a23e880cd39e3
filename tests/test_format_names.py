"""One name per format across commands: ``plain`` everywhere (``text`` an accepted alias),
and each command's ``--help`` offers only the formats it accepts: every format offered
works, on every command."""

from __future__ import annotations

import re

import pytest
import typer

from asiannato.cli import app
from tests.conftest import run

# the arguments each command needs to show something
ARGS = {
    "actor": ["ishiba"],
    "compare": ["japan", "china"],
    "search": ["nato"],
    "cite": ["kritenbrink-2024-09-too-early"],
    "verify": ["too early to talk about collective security"],
    "changes": ["--since", "2026-05"],
}


def _offered() -> list[tuple[str, str]]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    pairs = []
    for name in group.commands:
        shown = " ".join(run(name, "--help").out.split())
        m = re.search(r"--format <([a-z|]+)>", shown)
        if m:
            pairs += [(name, fmt) for fmt in m.group(1).split("|")]
    return pairs


OFFERED = _offered()


def test_the_walk_found_every_command_with_a_format() -> None:
    commands = {c for c, _ in OFFERED}
    assert commands >= {"actors", "compare", "quotes", "brief", "actor", "search", "cite"}
    assert all(f != "text" for _, f in OFFERED)  # text is an alias, not a name
    assert {f for c, f in OFFERED if c in ("compare", "actor", "verify")}.isdisjoint({"csv"})


@pytest.mark.parametrize(("command", "fmt"), OFFERED)
def test_every_offered_format_works(command: str, fmt: str) -> None:
    r = run(command, *ARGS.get(command, []), "--format", fmt, fixture=False)
    assert r.code == 0, r
    assert r.out.strip()


@pytest.mark.parametrize("command", sorted({c for c, f in OFFERED if f == "plain"}))
def test_text_is_plain(command: str) -> None:
    args = [command, *ARGS.get(command, [])]
    plain = run(*args, "--format", "plain", fixture=False)
    text = run(*args, "--format", "text", fixture=False)
    assert text.code == 0 and text.out == plain.out
