"""Start-up and scale benchmark: every case as a ratio to importing the tool's libraries.

Stdlib only. Every case runs in a fresh process, as a user's command does. Cases are
interleaved round by round (so a slow moment of the machine hits them all alike), after
warm-up rounds, and each is summarised by its median. F is the median of
``python -c "import typer, rich.console, rich.table, yaml"`` in the same run: the tool
should cost no more than importing its three libraries.

Cases: the floors; the core commands on the bundled data, output to a pipe and drawn on
a terminal (a pseudo-terminal, --color always, COLUMNS=100); the bundled data's first
run on an empty cache; --help; a shell-completion request; and, on synthetic packs of
500, 5,000 and 50,000 quotes (bench/make_pack.py), four queries on a warm cache, the
same four after one small file of the pack was edited (which recompiles, reading only
that file again), and the very first compile on an empty cache. Peak memory (RSS) of
each case comes from the kernel's accounting of the child.

    python bench/startup.py                 # 10 rounds after 2 warm-ups; table + JSON
    python bench/startup.py --rounds 20     # steadier numbers
    python bench/startup.py --quick         # 2 rounds, small pack only: checks it works (CI)
    python bench/startup.py --json out.json
    python bench/startup.py --cpu --only terminal bundled   # CPU time, a few groups

On a machine shared with other work, wall time measures the neighbours; ``--cpu`` times
each case by the CPU time (user + system) the kernel charged to its process instead.
``--only`` runs just the named groups of cases (and the floors).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pty
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_pack import write_pack

BIN = Path(sys.executable).parent
FLOOR_IMPORT = "import typer, rich.console, rich.table, yaml"
SIZES = (500, 5_000, 50_000)

# Targets from the performance issues, as ratios to F (and MiB for memory).
TARGET_BUNDLED = 1.0  # piped queries on the bundled data, warm
TARGET_TERMINAL = 1.15  # the same drawn on a terminal
TARGET_BUNDLED_FIRST = 2.0  # the bundled data's first run, empty cache
TARGET_WARM_50K = 1.25
TARGET_GROWTH = 1.25
TARGET_EDIT_50K = 15.0  # after one small file of the 50,000-quote pack was edited
TARGET_FIRST_50K = 40.0  # the 50,000-quote pack's very first compile, empty cache
TARGET_COMPLETION = 1.0
TARGET_RSS_MIB = 30.0


@dataclass
class Case:
    name: str
    argv: list[str]
    # floor | bundled | terminal | bundled-first | help | completion | warm-N | edit-N | first-N
    group: str
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None  # run before each run, e.g. to force a rebuild
    tty: bool = False  # stdout on a pseudo-terminal, read as a terminal would
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)


def run_once(case: Case, env: dict[str, str], *, cpu: bool = False) -> tuple[float, int]:
    """Wall time (or with ``cpu``, user + system CPU time) in seconds and peak RSS in
    KiB of one run."""
    if case.before is not None:
        case.before()
    leader = follower = -1
    if case.tty:
        leader, follower = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.argv,
        stdin=subprocess.DEVNULL,
        stdout=follower if case.tty else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, **case.env},
    )
    if case.tty:
        os.close(follower)
        while True:  # what a terminal does: read all that is drawn
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:  # EIO: the child closed the terminal
                break
        os.close(leader)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"benchmark case failed (exit {code}): {case.name}")
    if cpu:
        return usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    return elapsed, usage.ru_maxrss


def touch(path: Path) -> Callable[[], None]:
    return path.touch


def empty(folder: Path) -> Callable[[], None]:
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def wanted(group: str, only: set[str]) -> bool:
    """Whether a case of this group runs under ``--only`` (the floors always do)."""
    if group == "floor" or group in only:
        return True
    return group.split("-")[0] in only & {"warm", "edit", "first"}


def cases(root: Path, packs: dict[int, Path]) -> list[Case]:
    script = str(BIN / "asiannato")
    py = sys.executable
    out = [
        Case("python -c pass", [py, "-c", "pass"], "floor"),
        Case("F: import typer+rich+yaml", [py, "-c", FLOOR_IMPORT], "floor"),
        Case("asiannato --help", [script, "--help"], "help"),
        Case(
            "completion: quotes --speaker iw<Tab>",
            [script],
            "completion",
            env={
                "_ASIANNATO_COMPLETE": "complete_bash",
                "COMP_WORDS": "asiannato quotes --speaker iw",
                "COMP_CWORD": "3",
            },
        ),
    ]
    for args in (
        ["actors"],
        ["compare", "japan", "china"],
        ["quotes", "--speaker", "iwaya"],
        ["search", "deterrence"],
    ):
        out.append(Case(f"asiannato {' '.join(args)}", [script, *args], "bundled"))
    for args in (
        ["actors"],
        ["compare", "japan", "china"],
        ["quotes", "--speaker", "iwaya"],
        ["brief"],
    ):
        out.append(
            Case(
                f"terminal: asiannato {' '.join(args)}",
                [script, "--color", "always", "--no-pager", *args],
                "terminal",
                tty=True,
            )
        )
    first_cache = root / "cache-bundled-first"
    out.append(
        Case(
            "bundled, first run (empty cache): actors",
            [script, "actors"],
            "bundled-first",
            env={"ASIANNATO_CACHE_DIR": str(first_cache)},
            before=empty(first_cache),
        )
    )
    queries = (
        ["actors"],
        ["compare", "synthetic-actor-0", "synthetic-actor-1"],
        ["quotes", "--speaker", "sa15"],
        ["search", "deterrence"],
    )
    for size, pack in packs.items():
        base = [script, "--no-bundled", "--data", str(pack)]
        for args in queries:
            out.append(
                Case(f"{size:>6} quotes, warm: {' '.join(args)}", [*base, *args], f"warm-{size}")
            )
        # a separate copy of the pack, so its cache file is not the warm cases' one; a
        # small file of it is touched before each run, so each run compiles it again
        edited = pack.parent / f"{pack.name}-edited"
        for args in queries:
            out.append(
                Case(
                    f"{size:>6} quotes, one file edited: {' '.join(args)}",
                    [script, "--no-bundled", "--data", str(edited), *args],
                    f"edit-{size}",
                    before=touch(edited / "positions.yaml"),
                )
            )
        first_cache = root / f"cache-first-{size}"
        out.append(
            Case(
                f"{size:>6} quotes, first compile (empty cache): actors",
                [*base, "actors"],
                f"first-{size}",
                env={"ASIANNATO_CACHE_DIR": str(first_cache)},
                before=empty(first_cache),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--quick", action="store_true", help="2 rounds, 1 warm-up, the 500-quote pack only"
    )
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default: bench/results/)"
    )
    parser.add_argument(
        "--cpu", action="store_true", help="time by CPU time (user + system), not wall time"
    )
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="GROUP",
        help="only these groups: bundled (or piped), terminal, bundled-first, help, "
        "completion, warm, edit, first (the floors always run)",
    )
    args = parser.parse_args()
    rounds, warmup = (2, 1) if args.quick else (args.rounds, args.warmup)
    sizes = SIZES[:1] if args.quick else SIZES
    # "piped": the bundled group's queries are the piped ones
    only = {"bundled" if g == "piped" else g for g in args.only or ()}
    if only and not only & {"warm", "edit", "first"}:
        sizes = ()  # no synthetic pack is needed

    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        packs = {}
        for size in sizes:
            packs[size] = root / f"pack-{size}"
            write_pack(size, packs[size])
            write_pack(size, root / f"pack-{size}-edited")
        # as a user's installed copy runs: with its bytecode cached, whatever this shell says
        unset = ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE", "ASIANNATO_DATA")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env.update({"ASIANNATO_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1", "COLUMNS": "100"})
        todo = cases(root, packs)
        if only:
            todo = [c for c in todo if wanted(c.group, only)]
        for r in range(warmup + rounds):
            for case in todo:
                elapsed, peak = run_once(case, env, cpu=args.cpu)
                if r >= warmup:
                    case.times.append(elapsed)
                    case.rss.append(peak)

    floor = statistics.median(next(c for c in todo if c.name.startswith("F:")).times)
    rows = []
    for c in todo:
        med = statistics.median(c.times)
        rows.append(
            {
                "case": c.name,
                "group": c.group,
                "median_ms": round(med * 1000, 1),
                "ratio_to_F": round(med / floor, 2),
                "peak_rss_mib": round(max(c.rss) / 1024, 1),
                "samples_ms": [round(t * 1000, 1) for t in c.times],
            }
        )
    width = max(len(r["case"]) for r in rows)
    unit = "cpu ms" if args.cpu else "median ms"
    print(f"{'case':<{width}}  {unit:>9}  {'x F':>6}  {'peak MiB':>8}")
    for r in rows:
        ms, ratio, mib = r["median_ms"], r["ratio_to_F"], r["peak_rss_mib"]
        print(f"{r['case']:<{width}}  {ms:>9}  {ratio:>6}  {mib:>8}")
    checks = targets(rows, sizes)
    print()
    for line, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {line}")
    print(
        f"\nF = {floor * 1000:.1f} ms{' of CPU time' if args.cpu else ''}; "
        f"rounds={rounds} warmup={warmup}; "
        f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cpus"
    )
    result = {
        "rounds": rounds,
        "warmup": warmup,
        "quick": args.quick,
        "clock": "cpu" if args.cpu else "wall",
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "floor_ms": round(floor * 1000, 1),
        "rows": rows,
        "targets": [{"target": line, "met": ok} for line, ok in checks],
    }
    out = args.json
    if out is None:
        folder = Path(tempfile.gettempdir()) if args.quick else Path(__file__).parent / "results"
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / f"startup-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


def targets(rows: list[dict[str, object]], sizes: tuple[int, ...]) -> list[tuple[str, bool]]:
    """Each target of the performance issue, and whether this run met it."""

    def ratio(group: str) -> list[float]:
        return [float(r["ratio_to_F"]) for r in rows if r["group"] == group]  # type: ignore[arg-type]

    def worst(group: str) -> float:
        return max(ratio(group))

    goals = [
        ("bundled data, every query piped, warm", "bundled", TARGET_BUNDLED),
        ("bundled data, every query on a terminal, warm", "terminal", TARGET_TERMINAL),
        ("bundled data, first run on an empty cache", "bundled-first", TARGET_BUNDLED_FIRST),
        ("completion", "completion", TARGET_COMPLETION),
    ]
    if sizes:
        big = sizes[-1]
        goals += [
            (f"{big} quotes warm", f"warm-{big}", TARGET_WARM_50K),
            (f"{big} quotes, one small file edited", f"edit-{big}", TARGET_EDIT_50K),
            (f"{big} quotes, first compile", f"first-{big}", TARGET_FIRST_50K),
        ]
    checks = [
        (f"{what} <= {goal}x F: worst {worst(group)}x", worst(group) <= goal)
        for what, group, goal in goals
        if ratio(group)  # a group left out with --only
    ]
    if len(sizes) > 1 and ratio(f"warm-{sizes[0]}"):
        big, small = sizes[-1], sizes[0]
        growth = worst(f"warm-{big}") / worst(f"warm-{small}")
        checks.append(
            (
                f"warm growth {small} -> {big} quotes <= {TARGET_GROWTH}x: {growth:.2f}x",
                growth <= TARGET_GROWTH,
            )
        )
    warm_rss = [
        float(r["peak_rss_mib"])  # type: ignore[arg-type]
        for r in rows
        if str(r["group"]).startswith(("warm", "bundled", "terminal", "completion"))
        and r["group"] != "bundled-first"
    ]
    if warm_rss:
        checks.append(
            (
                f"peak memory on warm runs <= {TARGET_RSS_MIB} MiB: worst {max(warm_rss)} MiB",
                max(warm_rss) <= TARGET_RSS_MIB,
            )
        )
    return checks


if __name__ == "__main__":
    main()
