"""``validate``'s answer: packs checked as a compile would check them, without writing a
store. Every problem, errors and warnings apart, and what each pack laid over the data
before it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from asiannato.model import DatasetInfo, Source
from asiannato.query.answer import Result
from asiannato.records import record

if TYPE_CHECKING:
    from asiannato.dataset import PackReport
    from asiannato.errors import Problem
    from asiannato.packs import Pack

# the counts of a dataset's facts, as the compiled store keeps them
COUNTED = ("actors", "positions", "quotes", "sources", "frameworks", "events", "arguments")


@record
class Validation(Result):
    """The packs checked (by label), their problems, and what each pack beyond the
    first added, replaced and extended. ``info`` describes the checked data; None when
    it has errors (there is no dataset to describe)."""

    asked: dict[str, Any]
    packs: tuple[str, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    overlay: tuple[PackReport, ...]
    strict: bool
    info: DatasetInfo | None
    sources: dict[str, Source]

    command = "validate"

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def failed(self) -> bool:
        """Whether the command fails (exit 4): on errors, or with --strict on warnings."""
        return bool(self.errors or (self.strict and self.warnings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.asked,
            "packs": list(self.packs),
            "valid": self.valid,
            "errors": [_problem(p) for p in self.errors],
            "warnings": [_problem(p) for p in self.warnings],
            "overlay": [r.to_dict() for r in self.overlay],
        }


def _problem(p: Problem) -> dict[str, object]:
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "path": p.key_path,
        "message": p.message,
        "text": p.format(),
    }


def validation(packs: Sequence[Pack], *, strict: bool, paths: Sequence[str]) -> Validation:
    """Check the packs in order (the first is the base, the others overlay it)."""
    from asiannato import collector, dataset

    with collector.paused():
        data, problems = dataset.check(packs)
    info = None
    if data is not None:
        info = DatasetInfo(
            version=str(data.info["version"]),
            as_of=str(data.info["as_of"]),
            title=str(data.info["title"]),
            description=data.info.get("description") or None,
            counts={k: data.count(k) for k in COUNTED},
            origin=data.origin,
        )
    return Validation(
        asked={"paths": list(paths), "strict": strict},
        packs=tuple(p.label for p in packs),
        errors=tuple(p for p in problems if p.severity == "error"),
        warnings=tuple(p for p in problems if p.severity != "error"),
        overlay=tuple(data.overlay) if data is not None else (),
        strict=strict,
        info=info,
        sources={},
    )
