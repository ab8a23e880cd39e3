"""The compiled store: built once, reused, rebuilt when the data changes, never trusted
when corrupt, and in memory when no cache directory is writable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from asiannato import query
from asiannato.packs import Pack
from asiannato.store import cache_dir, open_store

from .conftest import FIXTURE

# Every test here looks at the cache directory itself: each gets an empty one.
pytestmark = pytest.mark.usefixtures("fresh_cache")


def copy_pack(tmp_path: Path) -> Pack:
    folder = tmp_path / "pack"
    shutil.copytree(FIXTURE, folder)
    return Pack(folder, "pack")


def stores() -> list[Path]:
    return sorted(cache_dir().glob("store-*.sqlite3"))


def test_first_run_builds_then_reuses(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    first = open_store([pack])
    assert first.rebuilt
    first.close()
    second = open_store([pack])
    assert not second.rebuilt
    assert len(stores()) == 1
    second.close()


def test_a_changed_file_is_noticed(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    open_store([pack]).close()
    positions = pack.path / "positions.yaml"
    positions.write_text(positions.read_text().replace("stance: opposed", "stance: skeptical"))
    store = open_store([pack])
    assert store.rebuilt
    assert query.position_on(store, "china", "2025-01-01").stance == "skeptical"  # type: ignore[union-attr]
    assert len(stores()) == 1, "the stale store is removed"


def test_a_corrupt_cache_file_is_rebuilt_not_trusted(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    open_store([pack]).close()
    (path,) = stores()
    path.write_bytes(b"this is not a database" * 100)
    store = open_store([pack])
    assert store.rebuilt
    assert query.info(store).version == "test.1"


def test_no_writable_cache_builds_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ASIANNATO_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    store = open_store([copy_pack(tmp_path)])
    assert store.rebuilt
    assert query.info(store).version == "test.1"


def test_a_warm_run_never_imports_yaml(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    open_store([pack]).close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from asiannato.packs import Pack\n"
        "from asiannato.store import open_store\n"
        "from asiannato import query\n"
        f"s = open_store([Pack(Path({str(pack.path)!r}), 'pack')])\n"
        "query.find_quotes(s, speaker='iwaya')\n"
        "print(s.rebuilt, 'yaml' in sys.modules)\n"
    )
    # dataset.py is imported for Pack, but it must not pull in yaml on a warm run.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_the_store_is_one_file_and_answers_searches(tmp_path: Path) -> None:
    from asiannato import query as briefing

    store = open_store([copy_pack(tmp_path)])
    assert [p.name for p in cache_dir().glob("*.sqlite3")] == [p.name for p in stores()]
    assert len(stores()) == 1
    assert {h.ref for h in briefing.search(store, "deterrence")} >= {"iwaya-deterrence"}
    (cites,) = store.conn.execute("SELECT count(*) FROM cites").fetchone()
    assert cites > 0, "the citations are in the same file"


def test_a_rebuild_leaves_no_old_or_temporary_file(tmp_path: Path) -> None:
    import time

    pack = copy_pack(tmp_path)
    for _ in range(3):
        (pack.path / "positions.yaml").touch()
        time.sleep(0.01)
        open_store([pack]).close()
    leftovers = [p for p in cache_dir().rglob(".*") if p.name != ".lock"]
    assert leftovers == []
    assert len(stores()) == 1


def parsed_entries() -> list[Path]:
    return sorted((cache_dir() / "parsed").glob("*.parsed"))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files that the next compiles really read (not answered from the cache)."""
    from asiannato import dataset

    read: list[str] = []
    real = dataset._read_file

    def counting(path: Path, display: str, problems: list[object]) -> object:
        read.append(path.name)
        return real(path, display, problems)  # type: ignore[arg-type]

    monkeypatch.setattr(dataset, "_read_file", counting)
    return read


def test_after_an_edit_only_the_edited_file_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = copy_pack(tmp_path)
    read = count_reads(monkeypatch)
    open_store([pack]).close()
    assert sorted(read) == sorted(p.name for p in pack.files())
    assert len(parsed_entries()) == len(read)
    read.clear()
    positions = pack.path / "positions.yaml"
    positions.write_text(positions.read_text().replace("stance: opposed", "stance: skeptical"))
    store = open_store([pack])
    assert store.rebuilt and read == ["positions.yaml"]
    assert query.position_on(store, "china", "2025-01-01").stance == "skeptical"  # type: ignore[union-attr]
    # and back: the entry of the edited file follows the file, not its first version
    store.close()
    positions.write_text(positions.read_text().replace("stance: skeptical", "stance: opposed"))
    store = open_store([pack])
    assert query.position_on(store, "china", "2025-01-01").stance == "opposed"  # type: ignore[union-attr]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "one-byte-flipped", "empty"])
def test_a_damaged_parsed_entry_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    pack = copy_pack(tmp_path)
    open_store([pack]).close()
    expected = query.find_quotes(open_store([pack]), speaker="iwaya")
    for entry in parsed_entries():
        raw = entry.read_bytes()
        if damage == "garbage":
            entry.write_bytes(b"not a cache entry" * 50)
        elif damage == "truncated":
            entry.write_bytes(raw[: len(raw) // 2])
        elif damage == "one-byte-flipped":
            at = len(raw) - 7
            entry.write_bytes(raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :])
        else:
            entry.write_bytes(b"")
    read = count_reads(monkeypatch)
    (pack.path / "dataset.yaml").touch()
    os.utime(pack.path / "dataset.yaml", ns=(1, 1))  # a new identity: the store is stale
    store = open_store([pack])
    assert store.rebuilt
    assert sorted(read) == sorted(p.name for p in pack.files()), "every file was read again"
    assert [q.id for q in query.find_quotes(store, speaker="iwaya")] == [q.id for q in expected]
    # rebuilt whole: the next compile trusts them again
    read.clear()
    os.utime(pack.path / "dataset.yaml", ns=(2, 2))
    assert open_store([pack]).rebuilt and read == ["dataset.yaml"]


def test_a_file_with_errors_is_not_remembered(tmp_path: Path) -> None:
    from asiannato.errors import DataError

    pack = copy_pack(tmp_path)
    positions = pack.path / "positions.yaml"
    good = positions.read_text()
    positions.write_text(good.replace("stance: opposed", "stance: sideways", 1))
    for _ in range(2):  # reported each time, not remembered as read
        with pytest.raises(DataError, match="sideways"):
            open_store([pack])
    positions.write_text(good)
    assert query.position_on(open_store([pack]), "china", "2025-01-01").stance == "opposed"  # type: ignore[union-attr]


def test_the_same_file_in_another_pack_is_not_mistaken_for_it(tmp_path: Path) -> None:
    # Shown names are part of what an entry was read as: records and messages carry them.
    from asiannato import dataset

    pack = copy_pack(tmp_path)
    quotes = pack.path / "quotes.yaml"
    quotes.write_text(quotes.read_text().replace('    date: "2024-10-02"\n', "", 1))
    cache = tmp_path / "parsed"
    for label in ("first", "second", "first"):
        data, problems = dataset.check([Pack(pack.path, label)], cache=cache)
        assert data is not None
        (warning,) = [p for p in problems if "no date" in p.message]
        assert warning.file == f"{label}/quotes.yaml"
    assert len(list(cache.glob("*.parsed"))) == 2 * len(pack.files())


def test_a_store_built_from_the_parsed_cache_is_the_one_built_from_yaml(tmp_path: Path) -> None:
    import sqlite3

    pack = copy_pack(tmp_path)

    def dump() -> list[tuple[str, list[tuple[object, ...]]]]:
        (path,) = stores()
        conn = sqlite3.connect(path)
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith("search_fts_")
        ]
        out = [(t, sorted(conn.execute(f"SELECT * FROM {t}"), key=repr)) for t in tables]
        conn.close()
        return [(t, rows) for t, rows in out if t != "meta"]

    open_store([pack]).close()
    from_yaml = dump()
    os.utime(pack.path / "terms.yaml", ns=(5, 5))  # every other file from the cache
    assert open_store([pack]).rebuilt
    assert dump() == from_yaml
    assert any(t == "quotes" and rows for t, rows in from_yaml)
