"""A large file is read in two halves at once (a forked child takes the second). The
answer must be the one a single process gives: the same records in the same order, the
same problems at the same places, and the same fallback to the full reader."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from asiannato import dataset, parallel
from asiannato.packs import Pack

from .conftest import FIXTURE

pytestmark = pytest.mark.skipif(not parallel.available(), reason="needs fork and two cores")


def quotes_yaml(n: int, *, bad: dict[int, str] | None = None) -> str:
    """``n`` quotes by the fixture's speakers; ``bad`` swaps a field line of quote i."""
    out = ["# many quotes", "quotes:"]
    for i in range(n):
        fields = [
            f"  - id: many-{i}",
            f"    speaker: {'iwaya' if i % 2 else 'kritenbrink'}",
            f'    text: "words number {i}, said plainly"',
            "    kind: direct",
            f'    date: "2024-{1 + i % 12:02d}-{1 + i % 28:02d}"',
            f"    venue: Venue {i % 7}",
            "    sources: [rfa-too-early]",
        ]
        if bad and i in bad:
            fields[3] = bad[i]
        out += fields
        if i % 5 == 0:
            out.append("")
    return "\n".join(out) + "\n"


def make_pack(tmp_path: Path, text: str) -> Pack:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURE, folder)
    (folder / "zz-many.yaml").write_text(text, encoding="utf-8")
    return Pack(folder, "pack")


def outcome(pack: Pack) -> tuple[Any, list[str]]:
    data, problems = dataset.check([pack])
    return (None if data is None else data.records), [p.format() for p in problems]


def both_ways(pack: Pack, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """The outcome read in halves, read whole, and how many children's work was used."""
    used = []
    real_child = parallel.Child

    class CountingChild(real_child):  # type: ignore[misc, valid-type]
        def result(self) -> Any:
            value = super().result()
            if value is not None:
                used.append(value)
            return value

    monkeypatch.setattr(dataset, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(parallel, "Child", CountingChild)
    halves = outcome(pack)
    monkeypatch.setattr(parallel, "available", lambda: False)
    whole = outcome(pack)
    return halves, whole, len(used)


def test_halves_give_the_same_records_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = make_pack(tmp_path, quotes_yaml(40))
    halves, whole, children = both_ways(pack, monkeypatch)
    assert children >= 1
    assert halves == whole
    records, problems = halves
    assert problems == []
    assert [q["id"] for q in records["quotes"][-40:]] == [f"many-{i}" for i in range(40)]


def test_problems_in_both_halves_keep_their_places_and_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = quotes_yaml(40, bad={3: "    kind: direkt", 35: "    knid: direct"})
    halves, whole, children = both_ways(make_pack(tmp_path, text), monkeypatch)
    assert children >= 1
    assert halves == whole
    _, problems = halves
    # the second one comes from the child's half, numbered as in the whole file
    assert any(p.startswith("pack/zz-many.yaml:") and "quotes[3].kind" in p for p in problems)
    assert any("quotes[35].knid: unknown field" in p for p in problems)
    line = next(p for p in problems if "quotes[35].knid" in p).split(":")[1]
    lines = text.splitlines()
    assert lines[int(line) - 1] == "    knid: direct"


def test_a_duplicate_across_the_halves_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = quotes_yaml(40).replace("  - id: many-36\n", "  - id: many-2\n")
    halves, whole, _ = both_ways(make_pack(tmp_path, text), monkeypatch)
    assert halves == whole
    assert any("duplicate id 'many-2'" in p for p in halves[1])


@pytest.mark.parametrize(
    "tail_change",
    [
        ("    venue: Venue 2\n", "    venue: |\n      Venue 2\n"),  # a block scalar
        ('text: "words number 37, said plainly"', 'text: "words number 37'),  # a syntax error
    ],
    ids=["not-plain", "syntax-error"],
)
def test_a_second_half_the_fast_reader_refuses_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tail_change: tuple[str, str]
) -> None:
    text = quotes_yaml(40)
    old, new = tail_change
    cut = text.index("many-30")
    text = text[:cut] + text[cut:].replace(old, new, 1)
    halves, whole, _ = both_ways(make_pack(tmp_path, text), monkeypatch)
    assert halves == whole


def test_a_child_that_fails_leaves_the_work_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("the child fell over")

    monkeypatch.setattr(dataset, "_read_tail", broken)
    halves, whole, children = both_ways(make_pack(tmp_path, quotes_yaml(40)), monkeypatch)
    assert children == 0
    assert halves == whole


def test_no_child_is_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(dataset, "PARALLEL_MIN_CHARS", 0)
    outcome(make_pack(tmp_path, quotes_yaml(40)))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


def positions_yaml(n: int) -> str:
    out = ["positions:"]
    for i in range(n):
        out += [
            f"  - id: pos-{i}",
            "    actor: japan",
            "    stance: advocate",
            f"    summary: Summary {i}.",
            '    since: "2024-09"',
            "    sources: [reuters-cna-ishiba]",
        ]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("offset", [0, 1, 5, 10, 11, 12])
def test_a_cut_next_to_another_key_keeps_each_list_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offset: int
) -> None:
    # The fraction falls in or near the next list's key line: that list's records
    # must not be read as more of this one.
    quotes = quotes_yaml(20)
    text = quotes + positions_yaml(20)
    monkeypatch.setattr(dataset, "PARENT_SHARE", (len(quotes) + offset) / len(text))
    halves, whole, _ = both_ways(make_pack(tmp_path, text), monkeypatch)
    assert halves == whole
    assert whole[1] == []  # the file is valid


def test_a_key_with_its_value_on_the_line_before_the_cut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    quotes = quotes_yaml(40)
    i = quotes.index("  - id: many-22\n")
    text = quotes[:i] + "meta: x\n" + quotes[i:]  # invalid YAML as a whole
    halves, whole, _ = both_ways(make_pack(tmp_path, text), monkeypatch)
    assert halves == whole
    assert any("YAML syntax" in p for p in whole[1])


def test_when_no_process_can_be_made_the_file_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    pack = make_pack(tmp_path, quotes_yaml(40, bad={35: "    knid: direct"}))
    monkeypatch.setattr(parallel, "available", lambda: False)
    whole = outcome(pack)
    monkeypatch.setattr(parallel, "available", lambda: True)
    monkeypatch.setattr(dataset, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(os, "fork", no_fork)
    fds = len(os.listdir("/proc/self/fd"))
    assert outcome(pack) == whole
    assert len(os.listdir("/proc/self/fd")) == fds, "no pipe is left open"
