"""Start-up benchmark: how long each command takes, as a ratio to importing its libraries.

Stdlib only. Every case runs in a fresh process; cases are interleaved round by round
(so a slow moment of the machine hits them all alike), after warm-up rounds, and the
median of each is compared with F, the median of ``python -c "import typer,
rich.console, rich.table, yaml"`` measured in the same run. Peak memory (RSS) comes from
the kernel's accounting of each child process.

    python bench/startup.py               # 15 rounds, prints a table, writes JSON
    python bench/startup.py --rounds 30   # steadier numbers
    python bench/startup.py --quick       # 2 rounds: checks that the benchmark works (CI)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
FLOOR_IMPORT = "import typer, rich.console, rich.table, yaml"


def cases() -> dict[str, list[str]]:
    script = str(BIN / "asiannato")
    py = sys.executable
    return {
        "python -c pass": [py, "-c", "pass"],
        "F: import typer+rich+yaml": [py, "-c", FLOOR_IMPORT],
        "asiannato --help": [script, "--help"],
        "asiannato actors": [script, "actors"],
        "asiannato compare japan china": [script, "compare", "japan", "china"],
        "asiannato quotes --speaker iwaya": [script, "quotes", "--speaker", "iwaya"],
        "asiannato quotes --search deterrence": [script, "quotes", "--search", "deterrence"],
        # what a terminal user gets: Rich tables and cards (stdout here is not a terminal)
        "asiannato actors -f table": [script, "actors", "-f", "table"],
        "asiannato compare japan china -f table": [
            script,
            "compare",
            "japan",
            "china",
            "-f",
            "table",
        ],
        "asiannato quotes --speaker iwaya -f table": [
            script,
            "quotes",
            "--speaker",
            "iwaya",
            "-f",
            "table",
        ],
        "asiannato quotes -f json": [script, "quotes", "-f", "json"],
    }


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in KiB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark case failed (exit {proc.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2 rounds, 1 warm-up: a smoke test")
    parser.add_argument(
        "--json", type=Path, help="where to write the results (default: bench/results/)"
    )
    args = parser.parse_args()
    rounds, warmup = (2, 1) if args.quick else (args.rounds, args.warmup)

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ASIANNATO_CACHE_DIR": cache, "NO_COLOR": "1", "COLUMNS": "100"}
        env.pop("PYTHONUNBUFFERED", None)
        todo = cases()
        times: dict[str, list[float]] = {name: [] for name in todo}
        rss: dict[str, list[int]] = {name: [] for name in todo}
        for r in range(warmup + rounds):
            for name, argv in todo.items():
                elapsed, peak = run_once(argv, env)
                if r >= warmup:
                    times[name].append(elapsed)
                    rss[name].append(peak)

    floor = statistics.median(times["F: import typer+rich+yaml"])
    rows = []
    for name in todo:
        med = statistics.median(times[name])
        rows.append(
            {
                "case": name,
                "median_ms": round(med * 1000, 1),
                "ratio_to_F": round(med / floor, 2),
                "peak_rss_mib": round(max(rss[name]) / 1024, 1),
            }
        )
    width = max(len(r["case"]) for r in rows)
    print(f"{'case':<{width}}  {'median ms':>9}  {'x F':>5}  {'peak MiB':>8}")
    for r in rows:
        ms, ratio, mib = r["median_ms"], r["ratio_to_F"], r["peak_rss_mib"]
        print(f"{r['case']:<{width}}  {ms:>9}  {ratio:>5}  {mib:>8}")
    print(
        f"rounds={rounds} warmup={warmup} python={platform.python_version()} cpus={os.cpu_count()}"
    )

    result = {
        "rounds": rounds,
        "warmup": warmup,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "quick": args.quick,
        "rows": rows,
    }
    out = args.json
    if out is None:
        out = Path(tempfile.gettempdir() if args.quick else Path(__file__).parent / "results")
        out.mkdir(parents=True, exist_ok=True)
        out = out / f"startup-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
