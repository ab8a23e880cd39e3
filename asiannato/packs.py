"""Where data lives: a pack is a folder of YAML files. Light on purpose: a warm run uses
it to fingerprint the data without importing the YAML machinery."""

from __future__ import annotations

import os
from pathlib import Path

from asiannato.records import record


@record(frozen=False)
class Pack:
    """A folder of YAML files and the name to show for it in messages."""

    path: Path
    label: str  # how file names are shown: "data" for the bundled data, else the path

    def names(self) -> list[str]:
        """The names of the pack's YAML files, in a stable order: by name without the
        extension, so that ``actors.yaml`` comes before ``actors-2025-26.yaml`` and
        records keep the order in which the dataset grew. (Names, not paths: a warm run
        stats every file, and making a Path of each cost more than the stat.)"""
        found = [
            name
            for name in os.listdir(self.path)
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        ]
        return sorted(found, key=lambda name: tuple(name.rsplit(".", 1)))

    def files(self) -> list[Path]:
        """The pack's YAML files, in the order of ``names()``."""
        return [self.path / name for name in self.names()]


def bundled_data_dir() -> Path:
    """The dataset shipped with the tool: inside the wheel, or ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "data"
    return inside if inside.is_dir() else here.parent / "data"


def bundled() -> Pack:
    return Pack(bundled_data_dir(), "data")
