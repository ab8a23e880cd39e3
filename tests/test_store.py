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


def search_files() -> list[Path]:
    return sorted(cache_dir().glob("search-*.sqlite3"))


def test_the_search_index_sits_beside_the_store_and_answers(tmp_path: Path) -> None:
    from asiannato import query as briefing

    store = open_store([copy_pack(tmp_path)])
    assert len(stores()) == 1 and len(search_files()) == 1
    assert {h.ref for h in briefing.search(store, "deterrence")} >= {"iwaya-deterrence"}


@pytest.mark.parametrize("damage", ["missing", "corrupt", "from-another-build"])
def test_a_missing_or_foreign_search_index_means_a_rebuild(tmp_path: Path, damage: str) -> None:
    pack = copy_pack(tmp_path)
    open_store([pack]).close()
    (index,) = search_files()
    if damage == "missing":
        index.unlink()
    elif damage == "corrupt":
        index.write_bytes(b"not a database" * 100)
    else:
        import sqlite3

        conn = sqlite3.connect(index)
        with conn:
            conn.execute("UPDATE meta SET value = 'another build' WHERE key = 'fingerprint'")
        conn.close()
    store = open_store([pack])
    assert store.rebuilt and store.reason == "the search index was missing or out of date"
    from asiannato import query as briefing

    assert briefing.search(store, "deterrence")


def test_built_by_a_child_or_in_process_the_index_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from asiannato import parallel
    from asiannato import query as briefing

    pack = copy_pack(tmp_path)
    queries = ["deterrence", "asian nato", '"collective security"', "岩屋", "nato OR treaty"]

    def answers() -> list[list[tuple[str, str, str]]]:
        store = open_store([pack])
        assert store.rebuilt
        out = [[(h.kind, h.ref, h.title) for h in briefing.search(store, q)] for q in queries]
        store.close()
        for f in stores() + search_files():
            f.unlink()
        return out

    children = []
    real_child = parallel.Child

    class CountingChild(real_child):  # type: ignore[misc, valid-type]
        def result(self) -> object:
            value = super().result()
            children.append(value)
            return value

    monkeypatch.setattr(parallel, "Child", CountingChild)
    first = answers()
    assert children == [True], "the index was built by a child"
    monkeypatch.setattr(parallel, "available", lambda: False)
    assert answers() == first
    assert any(first)


def test_a_rebuild_leaves_no_old_or_temporary_file(tmp_path: Path) -> None:
    import time

    pack = copy_pack(tmp_path)
    for _ in range(3):
        (pack.path / "positions.yaml").touch()
        time.sleep(0.01)
        open_store([pack]).close()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and list(cache_dir().glob(".*")):
        time.sleep(0.05)  # the replaced files are removed by a thread
    assert list(cache_dir().glob(".*")) == []
    assert len(stores()) == 1 and len(search_files()) == 1


def test_a_program_using_the_store_gets_its_memory_back(tmp_path: Path) -> None:
    # Only the console script keeps compiled data alive until it exits.
    from asiannato import store

    assert open_store([copy_pack(tmp_path)]).rebuilt
    assert not store.compiled_this_run()


def test_a_search_child_killed_midway_leaves_the_work_to_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal

    from asiannato import parallel, store
    from asiannato import query as briefing

    monkeypatch.setattr(parallel, "available", lambda: True)
    parent = os.getpid()
    real = store._build_search

    def dying(conn: object, data: object) -> None:
        if os.getpid() != parent:
            real(conn, data)  # type: ignore[arg-type]
            os.kill(os.getpid(), signal.SIGKILL)  # the out-of-memory killer, say
        real(conn, data)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "_build_search", dying)
    built = open_store([copy_pack(tmp_path)])
    assert built.rebuilt and not built.in_memory
    assert briefing.search(built, "deterrence")
    assert len(search_files()) == 1


def test_when_no_process_can_be_made_the_work_is_done_in_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from asiannato import parallel
    from asiannato import query as briefing

    def no_fork() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "available", lambda: True)
    monkeypatch.setattr(os, "fork", no_fork)
    fds = len(os.listdir("/proc/self/fd"))
    built = open_store([copy_pack(tmp_path)])
    assert built.rebuilt and not built.in_memory, "the cache is still written"
    assert briefing.search(built, "deterrence")
    built.close()
    assert len(os.listdir("/proc/self/fd")) == fds, "no pipe is left open"


def test_compiling_in_a_program_leaves_its_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    pack = copy_pack(tmp_path)
    for _ in range(2):
        (pack.path / "positions.yaml").touch()
        os.utime(pack.path / "positions.yaml", None)
        open_store([pack]).close()
    assert gc.isenabled() and gc.get_freeze_count() == 0
