"""Generate a synthetic data pack for benchmarks: N quotes by many actors, with text of
realistic length. Stdlib only. The records are plainly synthetic (ids start with
"synthetic-", texts say so) and are never shipped; they exist to measure scale.

    python bench/make_pack.py 50000 /tmp/pack-50k
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = [
    "alliance",
    "deterrence",
    "security",
    "region",
    "collective",
    "defence",
    "treaty",
    "partners",
    "cooperation",
    "stability",
    "dialogue",
    "framework",
    "threat",
    "nuclear",
    "maritime",
    "sovereignty",
    "order",
    "rules",
    "based",
    "bilateral",
    "multilateral",
    "architecture",
    "network",
    "balance",
    "confrontation",
    "bloc",
    "escalation",
    "commitment",
    "obligation",
    "mutual",
    "pact",
    "summit",
    "ministers",
    "strategy",
    "posture",
    "capability",
]


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return "Synthetic benchmark text: " + " ".join(words) + "."


def write_pack(n_quotes: int, out: Path, *, seed: int = 1) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    n_actors = max(20, n_quotes // 50)
    n_sources = max(10, n_quotes // 10)
    with (out / "dataset.yaml").open("w") as f:
        f.write('dataset:\n  version: "bench"\n  as_of: "2025-10-26"\n  title: Synthetic pack\n')
    with (out / "sources.yaml").open("w") as f:
        f.write("sources:\n")
        for i in range(n_sources):
            f.write(
                f"  - id: synthetic-source-{i}\n"
                f'    title: "Synthetic source {i}"\n'
                f"    outlet: Synthetic Outlet {i % 97}\n"
                f'    date: "2024-{1 + i % 12:02d}-{1 + i % 28:02d}"\n'
                f"    url: https://example.org/synthetic/{i}\n"
            )
    with (out / "terms.yaml").open("w") as f:
        f.write("terms:\n")
        for w in WORDS[:12]:
            f.write(f"  - id: synthetic-{w}\n    label: Synthetic {w}\n")
    with (out / "actors.yaml").open("w") as f:
        f.write("actors:\n")
        for i in range(n_actors):
            kind = "state" if i < 10 else "person"
            f.write(
                f"  - id: synthetic-actor-{i}\n"
                f"    kind: {kind}\n"
                f"    name: Synthetic Actor {i}\n"
                f"    aliases: [sa{i}]\n"
            )
            if kind == "person":
                f.write(
                    f"    offices:\n      - title: Synthetic Minister\n"
                    f"        of: synthetic-actor-{i % 10}\n"
                    f'        start: "2020-01-01"\n'
                    f"        sources: [synthetic-source-{i % n_sources}]\n"
                )
            f.write(f"    sources: [synthetic-source-{i % n_sources}]\n")
    with (out / "positions.yaml").open("w") as f:
        f.write("positions:\n")
        stances = ("advocate", "supportive", "neutral", "skeptical", "opposed")
        for i in range(n_actors):
            f.write(
                f"  - id: synthetic-position-{i}\n"
                f"    actor: synthetic-actor-{i}\n"
                f"    stance: {stances[i % 5]}\n"
                f'    summary: "{sentence(rng, 30, 60)}"\n'
                f"    reasons: [synthetic-{WORDS[i % 12]}]\n"
                f'    since: "2024-{1 + i % 12:02d}"\n'
                f"    sources: [synthetic-source-{i % n_sources}]\n"
            )
    with (out / "quotes.yaml").open("w") as f:
        f.write("quotes:\n")
        for i in range(n_quotes):
            speaker = 10 + i % (n_actors - 10)
            f.write(
                f"  - id: synthetic-quote-{i}\n"
                f"    speaker: synthetic-actor-{speaker}\n"
                f'    text: "{sentence(rng, 15, 45)}"\n'
                f"    kind: direct\n"
                f'    date: "20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"\n'
                f"    venue: Synthetic venue {i % 300}\n"
                f"    sources: [synthetic-source-{i % n_sources}]\n"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("quotes", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write_pack(args.quotes, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
