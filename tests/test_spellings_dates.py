"""British and American spellings of every vocabulary value, and every date form the tool
prints, are accepted wherever the command line takes one."""

from __future__ import annotations

import json

import pytest
import typer

from asiannato import cite
from asiannato.cli import app
from asiannato.commands import date_arg
from asiannato.commands.choices import Choice
from asiannato.errors import UsageError
from asiannato.views import labels
from tests.conftest import run

# the test's own word list, independent of the code's: American -> British
US_UK = {"skeptical": "sceptical", "organization": "organisation", "defense": "defence"}


def _other_spelling(value: str) -> str:
    for us, uk in US_UK.items():
        if us in value:
            return value.replace(us, uk)
        if uk in value:
            return value.replace(uk, us)
    return value


def _choices() -> list[tuple[str, str, Choice]]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    out = []
    for name, command in group.commands.items():
        for p in command.params:
            if isinstance(p.type, Choice):
                out.append((name, max(p.opts, key=len), p.type))
    return out


CHOICES = _choices()


def test_every_vocabulary_option_takes_every_spelling() -> None:
    assert {(c, o) for c, o, _ in CHOICES} >= {
        ("actors", "--stance"), ("actors", "--kind"), ("quotes", "--kind"),
        ("arguments", "--side"), ("search", "--kind"),
    }  # fmt: skip
    both = 0
    for command, option, choice in CHOICES:
        for value in choice.choices:
            for given in {value, value.upper(), _other_spelling(value)}:
                assert choice.convert(given, None, None) == value, (command, option, given)
            both += _other_spelling(value) != value
    assert both >= 2  # skeptical and organization were really tried in both spellings


@pytest.mark.parametrize(
    ("args", "british"),
    [
        (("actors", "--stance", "skeptical"), "sceptical"),
        (("actors", "--kind", "organization"), "organisation"),
    ],
)
def test_british_spelling_gives_the_same_answer(args: tuple[str, ...], british: str) -> None:
    us = run(*args, "-f", "json", fixture=False)
    uk = run(*args[:-1], british, "-f", "json", fixture=False)
    assert us.code == uk.code == 0
    assert json.loads(us.out)["results"] == json.loads(uk.out)["results"] != []


DATES = [f"2024-{m:02d}-0{d}" for m in range(1, 13) for d in (2, 9)]
FORMATTERS = [labels.human_date, cite.human_date, cite.apa_date, cite.mla_date, cite.chicago_date]


@pytest.mark.parametrize("formatter", FORMATTERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_every_printed_date_form_is_read_back(formatter: object) -> None:
    assert callable(formatter)
    for iso in DATES:
        for value in (iso, iso[:7], iso[:4]):
            printed = formatter(value)
            assert date_arg(printed, "--since") == value, (printed, value)


def test_a_printed_date_selects_what_the_iso_date_selects() -> None:
    iso = run(
        "timeline", "--since", "2024-10", "--until", "2024-10-02", "-f", "json", fixture=False
    )
    words = run(
        "timeline", "--since", "Oct 2024", "--until", "2 Oct 2024", "-f", "json", fixture=False
    )
    assert iso.code == words.code == 0
    assert json.loads(iso.out)["results"] == json.loads(words.out)["results"] != []


@pytest.mark.parametrize("bad", ["31 Feb 2024", "Oct", "2 3 2024", "Oct Nov 2024", "soon"])
def test_not_a_date_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError):
        date_arg(bad, "--since")
