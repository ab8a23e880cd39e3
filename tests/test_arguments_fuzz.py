"""Arbitrary text in every argument and option of every command: never a traceback,
only documented exit codes (a property-based test, with hypothesis)."""

from __future__ import annotations

import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asiannato import cli
from asiannato.errors import ExitCode

from .conftest import DEFAULTS, DROPPED, FIXTURE, invoke, script

DOCUMENTED = {int(c) for c in ExitCode}

# every argument and option that takes a value, with the rest of a valid command line
TEMPLATES: list[list[str | None]] = [
    ["actors", "--as-of", None],
    ["actors", "--kind", None],
    ["actors", "--stance", None],
    ["actors", "--format", None],
    ["compare", None, "japan"],
    ["compare", "japan", None, None],
    ["compare", "japan", "china", "--as-of", None],
    ["quotes", "--speaker", None],
    ["quotes", "--actor", None],
    ["quotes", "--search", None],
    ["quotes", "--since", None],
    ["quotes", "--until", None],
    ["quotes", "--random", "--seed", None],
    ["actor", None],
    ["actor", "japan", "--as-of", None],
    ["frameworks", None],
    ["timeline", "--since", None, "--until", None],
    ["timeline", "--actor", None],
    ["arguments", "--side", None],
    ["arguments", "--actor", None],
    ["search", None],
    ["sources", None],
    ["cite", None],
    ["cite", "iwaya-future", "--format", None],
    ["schema", None],
    ["validate", "--format", None],
    [None],
    [None, None],
]

# Anything a shell can pass: no NUL; control characters, markup, quotes, CJK, long runs.
TEXT = st.one_of(
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(
        ["", " ", "-", "--", "--help", "[bold]x[/]", '"', "*", "OR", "\x1b[2J", "岩屋"]
    ),
    # long runs, 2,000 to 6,000 characters: a random stretch repeated (drawing each of
    # thousands of characters one by one took most of this test's time)
    st.builds(
        lambda unit, times: unit * times,
        st.text(alphabet="ab\u202e\x1b[]*\"' ", min_size=40, max_size=60),
        st.integers(min_value=50, max_value=100),
    ),
)


def run_in_process(argv: list[str]) -> tuple[int, str, str]:
    env: dict[str, str | None] = {**dict.fromkeys(DROPPED), **DEFAULTS}
    return invoke(["--no-bundled", "--data", str(FIXTURE), *argv], env)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(template=st.sampled_from(TEMPLATES), values=st.lists(TEXT, min_size=2, max_size=2))
def test_any_text_in_any_argument(template: list[str | None], values: list[str]) -> None:
    it = iter(values * 2)
    argv = [next(it) if part is None else part for part in template]
    code, _, err = run_in_process(argv)
    assert code in DOCUMENTED, (argv, code, err)
    assert code != ExitCode.INTERNAL, (argv, err)
    assert "Traceback" not in err
    if code:
        # one line, the error (a first run may also say it compiled the data)
        lines = [ln for ln in err.splitlines() if not ln.startswith("asiannato: compiled")]
        assert len(lines) == 1 and lines[0].startswith("asiannato: error: "), (argv, err)


@pytest.mark.parametrize(
    "raw",
    [b"\xff\xfe", b"caf\xe9", b"\xe5\xb2\xa9\xe5\xb1\x8b", b"\x1b]52;c;eA==\x07", b"x" * 100_000],
)
def test_raw_bytes_on_a_real_command_line(raw: bytes) -> None:
    # Bytes that are not UTF-8 arrive as surrogate escapes; they must not crash the
    # error message that quotes them.
    proc = subprocess.run(
        [
            script().encode(),
            b"--no-bundled",
            b"--data",
            str(FIXTURE).encode(),
            b"quotes",
            b"--speaker",
            raw,
        ],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode in (0, 3), proc.stderr
    assert b"Traceback" not in proc.stderr
    assert b"\x1b]52" not in proc.stderr


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from asiannato.query import core as query

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(query, "list_actors", boom)
    code, _, err = run_in_process(["actors"])
    assert code == ExitCode.INTERNAL and "Traceback" not in err
    assert err.strip().endswith(
        "internal error: RuntimeError: simulated bug (this is a bug; run again with --debug "
        "and report the traceback)"
    )
    with pytest.raises(RuntimeError, match="simulated bug"):
        cli.main(["--debug", "--no-bundled", "--data", str(FIXTURE), "actors"])
