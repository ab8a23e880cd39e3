"""Hostile input and faults: packs written by others, output piped anywhere, terminals of
every kind. No traceback, nothing injected into a terminal, nothing lost."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import FIXTURE, run, run_script, script

# --- a pack whose every text carries markup and terminal control sequences -------------------

MARKUP = "[bold red]loud[/] [link=file:///etc/passwd]click[/link] [sic] [/]"
# YAML double-quoted escapes: ESC ] 52 (clipboard write), ESC [2J (clear screen), a C1
# CSI, a bidi override and a zero-width space.
CONTROLS = r"\e]52;c;aGFja2Vk\a \e[2J \x9b31m \u202Eevil\u202C zero\u200Bwidth"
EVIL = f"{MARKUP} {CONTROLS}"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069]")


def evil_pack(root: Path) -> Path:
    pack = root / "evil"
    pack.mkdir()
    e = f'"{EVIL}"'
    (pack / "evil.yaml").write_text(
        f"""sources:
  - id: evil-source
    title: {e}
    outlet: {e}
    author: {e}
    note: {e}
    url: https://example.org/x
actors:
  - id: evil-person
    kind: person
    name: {e}
    native_name: {e}
    native_name_source: [evil-source]
    aliases: [{e}]
    description: {e}
    offices:
      - title: {e}
        of: japan
        sources: [evil-source]
    sources: [evil-source]
positions:
  - id: evil-position
    actor: evil-person
    stance: opposed
    headline: {e}
    summary: {e}
    since: "2024-10-01"
    sources: [evil-source]
quotes:
  - id: evil-quote
    speaker: evil-person
    role: {e}
    text: {e}
    kind: translation
    original_language: ja
    original_text: {e}
    gloss: {e}
    note: {e}
    date: "2024-10-02"
    venue: {e}
    sources: [evil-source]
events:
  - id: 2024-10-03-evil
    date: "2024-10-03"
    title: {e}
    summary: {e}
    actors: [evil-person]
    sources: [evil-source]
arguments:
  - id: evil-argument
    side: against
    title: {e}
    summary: {e}
    actors: [evil-person]
    others: [{e}]
    quotes: [evil-quote]
    sources: [evil-source]
""",
        encoding="utf-8",
    )
    return pack


EVIL_COMMANDS = [
    ("actors", "--kind", "person", "--all"),
    ("compare", "evil-person", "japan"),
    ("quotes", "--speaker", "evil-person"),
    ("actor", "evil-person"),
    ("timeline", "--since", "2024-10-03", "--until", "2024-10-03"),
    ("arguments", "--actor", "evil-person"),
    ("search", "loud"),
    ("sources", "evil-source"),
]


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return evil_pack(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("args", EVIL_COMMANDS)
@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_markup_prints_literally_and_controls_never_reach_the_terminal(
    evil: Path, args: tuple[str, ...], fmt: str
) -> None:
    # FORCE_COLOR: the way Rich would act on a real terminal
    r = run(
        "--data",
        str(evil),
        *args,
        "--format",
        fmt,
        fixture=False,
        env={"FORCE_COLOR": "1", "NO_COLOR": ""},
    )
    assert r.code == 0, r
    text = re.sub(r"\x1b\[[0-9;]*m", "", r.out)  # Rich's own colours are fine
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text))
    assert "\x1b]" not in r.out and "\x1b[2J" not in r.out
    flat = " ".join(text.split()).replace("\\", "")  # Markdown escapes brackets
    assert "[link=file:///etc/passwd]click[/link]" in flat.replace("│ ", "").replace(" │", "")
    assert "[sic]" in flat
    # the controls are shown visibly, the same way everywhere
    assert "x1b]52;c;aGFja2Vk" in flat and "u202eevil" in flat
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args", EVIL_COMMANDS[:4])
def test_json_keeps_the_original_text_escaped(evil: Path, args: tuple[str, ...]) -> None:
    r = run("--data", str(evil), *args, "--format", "json", fixture=False, env={"FORCE_COLOR": "1"})
    assert r.code == 0 and not RAW_CONTROL.search(r.out)  # the encoder escapes controls
    texts = list(_strings(json.loads(r.out)))
    assert any("\x1b]52;c;aGFja2Vk\x07 \x1b[2J \x9b31m \u202eevil" in t for t in texts)
    assert any(MARKUP in t for t in texts)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_error_messages_never_carry_controls(evil: Path) -> None:
    r = run("quotes", "--speaker", "\x1b]0;pwned\x07\u202e", fixture=True)
    assert r.code == 3 and not RAW_CONTROL.search(r.err) and "\\x1b]0;pwned" in r.err


# --- hostile YAML ------------------------------------------------------------------------------

YAML_CASES = {
    "alias-bomb": (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        + "".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=False)
        )
    ).encode(),
    "deep": ("quotes: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "custom-tag": b"quotes: !!python/object/apply:os.system ['echo pwned']\n",
    "duplicate-key": b"quotes:\n  - id: a\n    id: b\n",
    "bad-utf8": b"sources:\n  - id: caf\xe9\n",
    "tab": b"sources:\n\t- id: a\n",
    "surrogate": b'sources:\n  - id: "\\ud800"\n',
    "long-string": b"sources:\n  - id: a\n    title: " + b"x" * 200_001 + b"\n",
    "yaml-1.1": b"sources:\n  - id: a\n    title: NO\n    outlet: 12:30\n    url: https://e.x/\n",
}


@pytest.mark.parametrize("case", sorted(YAML_CASES))
def test_hostile_yaml_is_one_located_error_fast_and_small(tmp_path: Path, case: str) -> None:
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "x.yaml").write_bytes(YAML_CASES[case])
    # In this process: the memory is what Python allocated for the run at its peak (an
    # alias bomb or a deep nest grows as Python objects), the time is CPU time, not the
    # clock (the suite shares the machine with browsers and builds).
    # the bundled data's files are read once for the run, whatever test comes first
    assert run("frameworks", "--format", "plain", fixture=False).code == 0
    tracemalloc.start()
    cpu = time.process_time()
    try:
        r = run("--data", str(pack), "actors", fixture=False)
        cpu = time.process_time() - cpu
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    err_lines = [
        ln for ln in r.err.splitlines() if not ln.startswith("asiannato: error: the dataset")
    ]
    assert "Traceback" not in r.stderr
    if case == "yaml-1.1":
        # NO and 12:30 stay text: they load; the pack's source is valid but unused
        assert r.code == 0, r
        return
    assert r.code == 4, r
    assert len(err_lines) == 1 and re.match(
        rf"{re.escape(str(pack))}/x\.yaml:\d+(:\d+)?: ", err_lines[0]
    ), err_lines
    assert cpu < 5 and peak < 30_000_000, (cpu, peak)


def test_a_bom_is_fine(tmp_path: Path) -> None:
    pack = tmp_path / "p"
    shutil.copytree(FIXTURE, pack)
    f = pack / "terms.yaml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes())
    assert run("--no-bundled", "--data", str(pack), "actors", fixture=False).code == 0


# --- hostile paths -----------------------------------------------------------------------------


def _special(tmp_path: Path, kind: str) -> Path:
    pack = tmp_path / "p"
    pack.mkdir()
    target = pack / "x.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/zero")
    elif kind == "directory":
        target.mkdir()
    elif kind == "dangling-symlink":
        target.symlink_to(tmp_path / "nowhere.yaml")
    elif kind == "symlink-loop":
        target.symlink_to(pack / "y.yaml")
        (pack / "y.yaml").symlink_to(target)
    elif kind == "huge":
        with target.open("wb") as fh:
            fh.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    elif kind == "unreadable":
        target.write_text("sources: []\n")
        target.chmod(0)
    return pack


@pytest.mark.parametrize(
    "kind",
    ["fifo", "device", "directory", "dangling-symlink", "symlink-loop", "huge", "unreadable"],
)
def test_hostile_paths_are_a_clear_error_never_a_hang(tmp_path: Path, kind: str) -> None:
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    pack = _special(tmp_path, kind)
    r = run("--data", str(pack), "actors", fixture=False, timeout=20)
    assert r.code == 4, r
    first = r.err.splitlines()[0]
    assert first.startswith(f"{pack}/x.yaml: "), first
    assert "Traceback" not in r.err


def test_validate_reports_every_bad_path_at_once(tmp_path: Path) -> None:
    pack = _special(tmp_path, "fifo")
    (pack / "z.yaml").mkdir()
    r = run("validate", str(pack), fixture=False, timeout=20)
    assert r.code == 4 and "x.yaml" in r.out and "z.yaml" in r.out


# --- the process -------------------------------------------------------------------------------


@pytest.mark.parametrize("unbuffered", ["1", ""])
@pytest.mark.parametrize(
    "args", ["quotes --format json", "brief --full --format html", "quotes --format table"]
)
def test_a_closed_pipe_is_quiet_and_never_a_silent_success(unbuffered: str, args: str) -> None:
    # All of these print far more than a pipe holds (64 KiB), so the reader leaving
    # after one line must show in the exit status: 141, not 0 (output cut short) or 1.
    cmd = f"'{script()}' {args} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "80", "HOME": os.environ.get("HOME", "/tmp")}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = unbuffered
    env["ASIANNATO_CACHE_DIR"] = os.environ["ASIANNATO_CACHE_DIR"]
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env)
    assert proc.stdout.strip() == "141", proc.stderr
    lines = [
        ln
        for ln in proc.stderr.splitlines()
        if not ln.startswith("asiannato: compiled") and not ln.endswith(" quotes")
    ]
    assert lines == [], proc.stderr


def test_stdout_closed_and_disk_full_are_one_line_and_non_zero() -> None:
    closed = subprocess.run(f"'{script()}' actors >&-", shell=True, capture_output=True, text=True)
    assert closed.returncode == 5 and closed.stderr.strip().splitlines()[-1].startswith(
        "asiannato: error: standard output is closed"
    )
    if os.path.exists("/dev/full"):
        full = subprocess.run(
            f"'{script()}' quotes >/dev/full", shell=True, capture_output=True, text=True
        )
        assert full.returncode == 5
        errs = [ln for ln in full.stderr.splitlines() if "compiled the data" not in ln]
        assert errs == ["asiannato: error: cannot write the output: No space left on device"]


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4])
def test_ctrl_c_at_any_moment_exits_130_with_at_most_one_line(delay: float) -> None:
    proc = subprocess.Popen(
        [script(), "compare", "japan", "china", "--format", "table"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode == 0:  # it finished before the signal arrived
        return
    if "Traceback" in err and _before_our_code(err):
        # The signal came while the interpreter was still starting (importing `site`, or
        # running the installer's wrapper script with its own `import re`), before any line
        # of ours: no Python program can catch that. Seen only on a loaded machine, at the
        # smallest delays.
        return
    lines = [ln for ln in err.splitlines() if "compiled the data" not in ln]
    if proc.returncode == -signal.SIGINT:
        # The signal itself ended the process, silently: it came before Python had
        # started, or after the command had finished, as the interpreter exited. A shell
        # reports 130 for it, as for our own exit.
        assert lines == [], err
        return
    assert proc.returncode == 130, err
    assert lines == ["asiannato: interrupted"], err


def _before_our_code(err: str) -> bool:
    """A KeyboardInterrupt traceback none of whose frames is in the asiannato package."""
    frames = re.findall(r'^  File "([^"]+)"', err, re.M)
    return bool(frames) and not any(f"{os.sep}asiannato{os.sep}" in f for f in frames)


def test_an_interrupted_build_leaves_no_partial_cache(tmp_path: Path, fresh_cache: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from make_pack import write_pack  # type: ignore[import-not-found]

    pack = tmp_path / "big"
    write_pack(5000, pack)
    cache = fresh_cache
    for delay in (0.3, 0.6):
        proc = subprocess.Popen(
            [script(), "--no-bundled", "--data", str(pack), "actors"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (0, 130) and "Traceback" not in err
        assert list(cache.glob(".*.tmp")) == []
        if list(cache.glob("store-*.sqlite3")):  # a store, if any, is complete
            assert run("--no-bundled", "--data", str(pack), "actors", fixture=False).code == 0
    after = run("--no-bundled", "--data", str(pack), "quotes", "--speaker", "sa15", fixture=False)
    assert after.code == 0 and after.out


# --- terminals ---------------------------------------------------------------------------------

TERMINALS = [
    {"COLUMNS": "0"},
    {"COLUMNS": "10"},
    {"COLUMNS": "20"},
    {"TERM": "dumb"},
    {"NO_COLOR": "1"},
    {"FORCE_COLOR": "1", "NO_COLOR": ""},
    {"LANG": "C", "LC_ALL": "C"},
    {"PYTHONIOENCODING": "ascii"},
]


@pytest.mark.parametrize("env", TERMINALS, ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()))
@pytest.mark.parametrize(
    "args",
    [("actors",), ("compare", "japan", "us"), ("quotes", "--speaker", "岩屋"), ("actor", "japan")],
)
def test_every_terminal_gives_readable_output(env: dict[str, str], args: tuple[str, ...]) -> None:
    # The locale is the process's own: that case runs the console script.
    r = (run_script if "LANG" in env else run)(*args, "--format", "table", env=env)
    assert r.code == 0, r
    assert "Traceback" not in r.stderr
    words = re.findall(r"[A-Za-z]{4,}", r.out)
    assert len(words) > 10, r.out[:300]  # real text, not empty cells
    if env.get("PYTHONIOENCODING") == "ascii":
        assert r.out.isascii()


def test_csv_never_carries_a_live_spreadsheet_formula(tmp_path: Path) -> None:
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "q.yaml").write_text(
        "quotes:\n  - id: formula\n    speaker: wu-qian\n"
        '    text: "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"\n'
        '    kind: direct\n    date: "2024-10-15"\n'
        "    venue: \"+cmd|' /C calc'!A0\"\n    sources: [kyodo-china-criticizes]\n",
        encoding="utf-8",
    )
    r = run("--data", str(pack), "quotes", "--speaker", "wu-qian", "--format", "csv")
    assert r.code == 0, r
    import csv as _csv
    import io as _io

    rows = list(_csv.DictReader(_io.StringIO(r.out)))
    row = next(x for x in rows if x["id"] == "formula")
    assert row["text"].startswith("'=HYPERLINK") and row["venue"].startswith("'+cmd")


def test_validate_shows_a_hostile_pack_path_escaped(tmp_path: Path) -> None:
    pack = tmp_path / "p\x1b[31mred"
    shutil.copytree(FIXTURE, pack)
    r = run("validate", str(pack), fixture=False)
    assert r.code == 0, r
    assert "\x1b" not in r.out + r.stderr
    assert "p\\x1b[31mred" in r.out
    assert "\n  pack " in r.out  # the report keeps its indentation
