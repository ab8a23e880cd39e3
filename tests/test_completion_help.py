"""Shell completion through its real protocol (environment variables), help text for
every command, the version line, and the pager (on a real pseudo-terminal)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import FIXTURE, Result, invoke, on_a_terminal, run, script


def complete(env: dict[str, str]) -> Result:
    """Ask for completions as a shell does: the console script run with no arguments and
    the request in the environment."""
    return Result(*invoke([], env))


@pytest.fixture
def warm() -> None:
    assert run("actors", fixture=False).code == 0  # compiles the bundled data


def test_bash_completes_speakers_from_the_cache(warm: None) -> None:
    r = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_bash",
            "COMP_WORDS": "asiannato quotes --speaker iw",
            "COMP_CWORD": "3",
        }
    )
    assert r.code == 0 and r.out.split() == ["iwaya"]
    states = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_bash",
            "COMP_WORDS": "asiannato quotes --speaker jap",
            "COMP_CWORD": "3",
        }
    )
    assert states.out.split() == []  # a state is not a speaker


def test_bash_completes_actor_ids_and_aliases(warm: None) -> None:
    r = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_bash",
            "COMP_WORDS": "asiannato compare japan ch",
            "COMP_CWORD": "3",
        }
    )
    assert "china" in r.out.split()
    codes = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_bash",
            "COMP_WORDS": "asiannato actor pr",
            "COMP_CWORD": "2",
        }
    )
    assert "prc" in codes.out.split()


def test_command_names_complete() -> None:
    r = complete(
        {"_ASIANNATO_COMPLETE": "complete_bash", "COMP_WORDS": "asiannato comp", "COMP_CWORD": "1"}
    )
    assert r.out.split() == ["compare"]


def test_zsh_and_fish_complete_framework_and_quote_ids(warm: None) -> None:
    z = complete(
        {"_ASIANNATO_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "asiannato frameworks se"}
    )
    assert '"seato":"SEATO"' in z.out
    f = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": "asiannato cite kritenbrink-2024-09-t",
        }
    )
    assert f.out.strip() == "kritenbrink-2024-09-too-early\tquote"
    s = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "asiannato sources japantimes-iw",
        }
    )
    assert "japantimes-iwaya-idea-for-future" in s.out


def test_completion_never_builds_the_data(fresh_cache: Path) -> None:
    cache = fresh_cache
    r = complete(
        {
            "_ASIANNATO_COMPLETE": "complete_bash",
            "COMP_WORDS": "asiannato quotes --speaker iw",
            "COMP_CWORD": "3",
        }
    )
    assert r.code == 0 and r.out.strip() == "" and r.stderr == ""
    assert not cache.exists() or not list(cache.glob("store-*"))


def test_completion_scripts_for_bash_zsh_fish() -> None:
    # Users get their shell detected; this switch (Typer's own, for tests) names it.
    env = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    for shell, marker in (
        ("bash", "complete -o default"),
        ("zsh", "compdef"),
        ("fish", "complete --command asiannato"),
    ):
        r = run("--show-completion", shell, fixture=False, env=env)
        assert r.code == 0 and "_ASIANNATO_COMPLETE" in r.out and marker in r.out, (
            shell,
            r.out[:200],
        )


# --- help -------------------------------------------------------------------------------------


def commands() -> list[str]:
    from asiannato.cli import app

    return [c.callback.__name__ for c in app.registered_commands if c.callback]


@pytest.mark.parametrize("name", commands())
def test_every_command_has_a_summary_and_an_example(name: str) -> None:
    r = run(name, "--help", fixture=False)
    assert r.code == 0
    lines = [ln.strip() for ln in r.out.splitlines()]
    summary = lines[lines.index("") + 1] if "" in lines else ""
    assert summary and summary.endswith("."), (name, summary)
    assert any(ln.startswith(f"Example: asiannato {name}") for ln in lines), (name, r.out)
    listed = run("--help", fixture=False).out
    assert f"  {name} " in listed


# --- version ----------------------------------------------------------------------------------


def test_version_names_tool_dataset_as_of_and_counts() -> None:
    from asiannato import __version__

    r = run("--version", fixture=False)
    first, second = r.out.splitlines()
    assert first == f"asiannato {__version__}"
    assert second.startswith("dataset 2026.12.01, data to 2026-05-31: ")
    for kind in ("actors", "positions", "quotes", "sources", "frameworks", "events", "arguments"):
        assert f" {kind}" in second


# --- the pager --------------------------------------------------------------------------------


def _pager(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    marker = tmp_path / "paged.txt"
    pager = tmp_path / "pager.sh"
    pager.write_text(f"#!/bin/sh\ncat > '{marker}'\n")
    pager.chmod(0o755)
    return marker, {"PAGER": str(pager), "LINES": "20", "COLUMNS": "100"}


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """Run with stdout on a pseudo-terminal, as a user at a terminal would."""
    return on_a_terminal(argv, env)[0]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")
def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    marker, env = _pager(tmp_path)
    argv = [script(), "--no-bundled", "--data", str(FIXTURE), "quotes"]
    _on_a_terminal(argv, env)
    assert marker.exists() and "kritenbrink-too-early" in marker.read_text()
    marker.unlink()
    shown = _on_a_terminal([*argv[:1], "--no-pager", *argv[1:]], env)
    assert not marker.exists() and "kritenbrink-too-early" in shown


def test_the_pager_is_never_used_in_a_pipe(tmp_path: Path) -> None:
    marker, env = _pager(tmp_path)
    r = run("quotes", "--format", "table", env=env)
    assert r.code == 0 and "kritenbrink-too-early" in r.out and not marker.exists()
