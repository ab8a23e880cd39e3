"""The brief's HTML page and SVG picture: the pages of ``views.brief`` (or ``--full``'s)
with the stance chart (``asiannato.chart``) built from the actors' position histories.
Outside the view layer because the chart module also draws on terminals (Rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asiannato.doc import Heading
from asiannato.views.brief import TITLE, charted, short_name
from asiannato.views.labels import data_to_text

if TYPE_CHECKING:
    from asiannato.chart import Chart
    from asiannato.model import Position
    from asiannato.query.answer import Answer
    from asiannato.query.brief import Brief, Briefing


def chart_end(b: Brief, data_as_of: str) -> str:
    """Where the chart stops: the date asked for, but never past the date the data runs
    to (a bar drawn beyond it would claim a stance nobody has checked)."""
    from asiannato.model import date_bounds

    return data_as_of if date_bounds(data_as_of)[1] < date_bounds(b.as_of)[0] else b.as_of


def stance_chart(b: Brief, data_as_of: str, *, since: str | None = None) -> Chart:
    from asiannato.chart import Chart, Mark, rows_from
    from asiannato.textsafe import safe

    # labels are data: control characters shown as escapes, on a terminal as in a file
    rows = rows_from((safe(short_name(a)), _runs(h)) for a, h in charted(b))
    starts = [s.start for r in rows for s in r.stretches]
    start = since or (min(starts)[:4] if starts else b.as_of[:4])
    marks = tuple(Mark(e.date, safe(e.title)) for e in b.milestones)
    return Chart(rows, start, chart_end(b, data_as_of), marks)


def as_html(r: Answer) -> str:
    """The brief as one self-contained web page, the stance chart after the first table."""
    from asiannato import html
    from asiannato.chart import to_svg
    from asiannato.doc import Table as _Table
    from asiannato.views import page

    assert isinstance(r, _briefing())
    doc = page(r)
    blocks: list[html.PageBlock] = list(doc.blocks)
    b = r.brief
    if charted(b):
        figure = html.Figure(
            to_svg(stance_chart(b, r.info.as_of)),
            "Stances over time, from each actor's position history; dashed lines mark "
            "the latest milestones.",
        )
        at = next((i + 1 for i, x in enumerate(blocks) if isinstance(x, _Table)), len(blocks))
        blocks.insert(at, figure)
    first = doc.blocks[0]
    title = first.text if isinstance(first, Heading) else TITLE
    footer = (
        f"Made with asiannato from dataset {r.info.version} ({data_to_text(r.info.as_of)}); "
        "every quote is verbatim from its first cited source."
    )
    from asiannato.textsafe import safe

    # control and bidi characters from the data shown as visible escapes, as elsewhere
    return safe(html.render_html(blocks, title=title, footer=footer, extra_css="brief.css"))


def as_svg(r: Answer) -> str:
    """The brief's picture: the stance chart as a compact SVG (the text of the brief is
    in the HTML, Markdown and text formats)."""
    from asiannato.chart import to_svg
    from asiannato.textsafe import safe

    assert isinstance(r, _briefing())
    return safe(to_svg(stance_chart(r.brief, r.info.as_of)))


def _runs(history: tuple[Position, ...]) -> list[tuple[str, str]]:
    """(since, stance) where the stance changes: positions that keep the stance are one
    stretch on the chart."""
    out: list[tuple[str, str]] = []
    for p in history:
        if not out or out[-1][1] != str(p.stance):
            out.append((p.since, str(p.stance)))
    return out


def _briefing() -> type[Briefing]:
    from asiannato.query.brief import Briefing

    return Briefing


__all__ = ["as_html", "as_svg", "stance_chart"]
