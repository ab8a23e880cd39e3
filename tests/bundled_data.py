"""The bundled YAML records, read straight from the package's data folder for tests that
check code against the real data."""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from asiannato.packs import bundled_data_dir

# libyaml's loader where PyYAML has it: the same records, several times faster to read
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def _file(name: str) -> dict[str, Any]:
    with open(bundled_data_dir() / f"{name}.yaml", encoding="utf-8") as f:
        data: dict[str, Any] = yaml.load(f, Loader=LOADER)
    return data


def bundled_records(name: str) -> list[dict[str, Any]]:
    """The records of ``data/NAME.yaml`` (its one top-level list), as plain mappings."""
    return list(_file(name)[name])
