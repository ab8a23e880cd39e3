"""The architecture page names every module, so it cannot silently fall behind the code."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "asiannato"


def test_the_architecture_page_names_every_module() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)(?:/\*?|\.py)?`", page))
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.name == "__init__.py" and len(rel.parts) == 1:
            continue  # the package itself
        if rel.parts[0] == "commands":
            continue  # one module per command, covered by `commands/*`
        if rel.name == "__init__.py" or len(rel.parts) == 1:
            name = rel.parts[0].removesuffix(".py")
        else:
            name = rel.stem
        if name not in named:
            missing.append(str(rel))
    assert missing == [], f"docs/architecture.md does not name: {missing}"
