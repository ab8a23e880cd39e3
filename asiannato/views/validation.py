"""``validate``'s report as a page: the errors, the warnings, and when the packs are
valid, what each pack beyond the first adds, replaces and extends, with every id (a
pack's author checks them). One line per fact, so that it reads in a pipe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asiannato.doc import Doc, Para, plain

if TYPE_CHECKING:
    from asiannato.dataset import PackReport
    from asiannato.query.validation import Validation


def validation_page(r: Validation) -> Doc:
    doc = Doc()
    for name, problems in (("error", r.errors), ("warning", r.warnings)):
        if problems:
            doc.add(Para(plain(f"{len(problems)} {name}{'s' if len(problems) != 1 else ''}:")))
            for p in problems:
                doc.add(Para(plain(p.format()), indent=2))
    if r.info is not None:
        counts = ", ".join(f"{r.info.counts[k]} {k}" for k in ("actors", "quotes", "sources"))
        doc.add(Para(plain(f"valid: {', '.join(r.packs)} ({counts})")))
        for report in r.overlay:
            _overlay(doc, report)
    return doc


def _overlay(doc: Doc, report: PackReport) -> None:
    doc.add(Para(plain(f"pack {report.label}:"), indent=2))
    before = len(doc.blocks)
    for verb, by_kind in (
        ("adds", report.added),
        ("replaces", report.replaced),
        ("extends", report.extended),
    ):
        for kind, ids in by_kind.items():
            noun = kind if len(ids) != 1 else kind.removesuffix("s")
            doc.add(Para(plain(f"{verb} {len(ids)} {noun}: {', '.join(ids)}"), indent=4))
    if len(doc.blocks) == before:
        doc.add(Para(plain("no records"), indent=4))
