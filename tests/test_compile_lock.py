"""Processes started together on a cold cache compile the data once: one builds, the
others wait for it and open its result. Real processes: the lock between them is the
point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from asiannato import store
from asiannato.packs import Pack

from .conftest import FIXTURE, script

N = 4


def start(pack: Path) -> list[subprocess.Popen[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "COLUMNS", "TERM")}
    env.update({"NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    argv = [script(), "--no-bundled", "--data", str(pack), "quotes", "--format", "json"]
    return [
        subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(N)
    ]


def finish(procs: list[subprocess.Popen[str]]) -> list[tuple[str, str]]:
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    return outs


def compiles(outs: list[tuple[str, str]]) -> int:
    return sum("asiannato: compiled the data" in err for _, err in outs)


def waiting_on(lock: Path) -> int:
    """How many processes wait for the lock on ``lock`` (Linux's /proc/locks marks a
    waiter with "->")."""
    ino = lock.stat().st_ino
    lines = Path("/proc/locks").read_text().splitlines()
    return sum("->" in ln and f":{ino} " in ln for ln in lines)


@pytest.mark.skipif(not Path("/proc/locks").exists(), reason="needs /proc/locks (Linux)")
def test_processes_waiting_for_a_compile_open_its_result(tmp_path: Path, fresh_cache: Path) -> None:
    import fcntl

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    _, lock = store._paths([Pack(pack, "pack")])
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a+") as held:
        # This test holds the lock, as a process compiling would, until all are waiting.
        fcntl.flock(held, fcntl.LOCK_EX)
        procs = start(pack)
        deadline = time.monotonic() + 60
        while waiting_on(lock) < N and time.monotonic() < deadline:
            time.sleep(0.02)
        assert waiting_on(lock) == N, "every process waits for the lock"
        assert not any(p.poll() is not None for p in procs)
    # Released without a store: one of them compiles, and the others, who waited, open
    # what it built.
    outs = finish(procs)
    assert compiles(outs) == 1, [err for _, err in outs]
    assert len({out for out, _ in outs}) == 1 and '"quotes"' in outs[0][0]
    assert len(list(store.cache_dir().glob("store-*.sqlite3"))) == 1


def test_processes_started_together_on_a_cold_cache_compile_once(
    tmp_path: Path, fresh_cache: Path
) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from make_pack import write_pack  # type: ignore[import-not-found]

    pack = tmp_path / "pack"
    write_pack(2000, pack)  # long enough to compile that the processes overlap
    outs = finish(start(pack))
    assert compiles(outs) == 1, [err for _, err in outs]
    assert len({out for out, _ in outs}) == 1


def test_a_held_lock_on_a_current_store_does_not_delay_a_warm_run(
    tmp_path: Path, fresh_cache: Path
) -> None:
    import fcntl

    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    store.open_store([Pack(pack, "pack")]).close()
    _, lock = store._paths([Pack(pack, "pack")])
    with open(lock, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        opened = store.open_store([Pack(pack, "pack")])  # would hang if it took the lock
        assert not opened.rebuilt
