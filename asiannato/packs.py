"""Where data lives: a pack is a folder of YAML files. Light on purpose: a warm run uses
it to fingerprint the data without importing the YAML machinery."""

from __future__ import annotations

from pathlib import Path

from asiannato.records import record


@record(frozen=False)
class Pack:
    """A folder of YAML files and the name to show for it in messages."""

    path: Path
    label: str  # how file names are shown: "data" for the bundled data, else the path

    def files(self) -> list[Path]:
        """The YAML files of the pack, in a stable order: by name without the extension,
        so that ``actors.yaml`` comes before ``actors-2025-26.yaml`` and records keep the
        order in which the dataset grew."""
        return sorted(
            (
                p
                for p in self.path.iterdir()
                if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
            ),
            key=lambda p: (p.stem, p.suffix),
        )


def bundled_data_dir() -> Path:
    """The dataset shipped with the tool: inside the wheel, or ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "data"
    return inside if inside.is_dir() else here.parent / "data"


def bundled() -> Pack:
    return Pack(bundled_data_dir(), "data")
