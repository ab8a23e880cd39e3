"""A stance-over-time chart: one row per actor, time along the axis, each stretch of time
coloured by the stance held then, and key events marked.

Two drawings of one ``Chart``: ``to_svg`` writes a compact, self-contained SVG (system fonts,
nothing fetched, readable in grey print: every stance has its own lightness AND pattern, and
wide stretches carry their stance as a word); ``StanceChart`` is a Rich renderable for the
terminal, one row per actor in block characters that differ by shape as well as colour, so
the chart still reads with ``NO_COLOR``.

The stance colours are defined once here (``STANCES``); the HTML page uses them for its
badges. Rich is imported only when the terminal chart is drawn.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult


@dataclass(frozen=True)
class StanceLook:
    """How a stance is drawn. ``fill``: the colour (light enough or dark enough to differ
    from its neighbours in grey); ``ink``: text on it; ``pattern``: what tells it apart in
    grey print; ``glyph``: its terminal character; ``rich``: its terminal colour."""

    label: str
    fill: str
    ink: str
    pattern: str  # "" (solid), "diagonal", "dots", "horizontal", "cross", "outline"
    glyph: str
    rich: str
    meaning: str


# Ordered from for to against. Lightness in grey, darkest first: advocate, opposed,
# supportive, skeptical, neutral, undeclared; advocate and opposed, both dark, differ by
# pattern (solid / cross-hatched).
STANCES: dict[str, StanceLook] = {
    "advocate": StanceLook(
        "advocate", "#1b7837", "#ffffff", "", "█", "green4", "proposes or champions the idea"
    ),
    "supportive": StanceLook(
        "supportive",
        "#7fbf7b",
        "#000000",
        "diagonal",
        "▓",
        "green3",
        "welcomes it, with or without conditions",
    ),
    "neutral": StanceLook("neutral", "#d9d9d9", "#000000", "dots", "▒", "grey62", "takes no side"),
    "skeptical": StanceLook(
        "skeptical",
        "#f1b543",
        "#000000",
        "horizontal",
        "░",
        "yellow3",
        "doubts it is wise or possible",
    ),
    "opposed": StanceLook("opposed", "#b2182b", "#ffffff", "cross", "×", "red3", "rejects it"),
    "undeclared": StanceLook(
        "undeclared", "#ffffff", "#000000", "outline", "·", "grey50", "no stance on record"
    ),
}
_UNKNOWN = StanceLook(
    "unknown", "#ffffff", "#000000", "outline", "?", "default", "not a known stance"
)


def look(stance: str) -> StanceLook:
    return STANCES.get(str(stance), _UNKNOWN)


@dataclass(frozen=True)
class Stretch:
    start: str  # YYYY, YYYY-MM or YYYY-MM-DD
    end: str | None  # None: still held (until the chart's end)
    stance: str


@dataclass(frozen=True)
class Row:
    label: str
    stretches: tuple[Stretch, ...]


@dataclass(frozen=True)
class Mark:
    date: str
    label: str


@dataclass(frozen=True)
class Chart:
    rows: tuple[Row, ...]
    start: str
    end: str  # "today" is the caller's to give: the chart is the same on every run
    events: tuple[Mark, ...] = ()
    title: str = "Stances on an Asian NATO over time"

    def stances(self) -> list[str]:
        """The stances the chart shows (in its date range), in the legend's order."""
        scale = _scale(self)
        used = {str(sp.stretch.stance) for r in self.rows for sp in scale.spans(r)}
        known = [k for k in STANCES if k in used]
        return known + sorted(used - set(STANCES))


def _day(value: str, *, last: bool = False) -> dt.date:
    """A (partial) ISO date as a day: its first day, or its last with ``last``."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        if not last:
            return dt.date(y, m, 1)
        return dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


@dataclass(frozen=True)
class _Span:
    stretch: Stretch
    a: float  # 0..1 along the axis
    b: float


@dataclass
class _Scale:
    start: dt.date
    end: dt.date
    days: int = field(init=False)

    def __post_init__(self) -> None:
        if self.end <= self.start:
            self.end = self.start + dt.timedelta(days=1)
        self.days = (self.end - self.start).days

    def at(self, day: dt.date) -> float:
        return min(1.0, max(0.0, (day - self.start).days / self.days))

    def spans(self, row: Row) -> list[_Span]:
        out = []
        for s in row.stretches:
            a = _day(s.start)
            b = _day(s.end, last=True) if s.end else self.end
            if b < self.start or a > self.end:
                continue
            out.append(_Span(s, self.at(a), self.at(b)))
        return out

    def years(self) -> Iterator[tuple[int, float]]:
        for year in range(self.start.year, self.end.year + 1):
            day = dt.date(year, 1, 1)
            if self.start <= day <= self.end:
                yield year, self.at(day)


def _scale(chart: Chart) -> _Scale:
    return _Scale(_day(chart.start), _day(chart.end, last=True))


# --- SVG ---------------------------------------------------------------------------------

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_W = 800
_ROW = 24
_LABEL_W = 170
_RIGHT = 16
_CHAR_W = 6.3  # an estimate of one character's width at 11 px, to keep labels apart


def _pattern(pid: str, st: StanceLook) -> str:
    """A tile: the stance's fill, and marks that survive grey print."""
    fill = f'<rect width="8" height="8" fill="{st.fill}"/>'
    marks = {
        "": "",
        "diagonal": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#1b5e20" '
        'stroke-width="1.2"/>',
        "dots": '<circle cx="4" cy="4" r="1.2" fill="#4d4d4d"/>',
        "horizontal": '<path d="M0,2 h8 M0,6 h8" stroke="#7a5200" stroke-width="1"/>',
        "cross": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#ffffff" stroke-width="1.3"/>',
        "outline": "",
    }[st.pattern]
    return (
        f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f"{fill}{marks}</pattern>"
    )


def _place_events(xs: list[tuple[float, str]], lanes: int) -> tuple[list[_Placed], bool]:
    """Event labels in up to ``lanes`` lines above the rows. When every label fits without
    overlapping, each is written by its line; otherwise events close together share one
    numbered marker ("1-5") and the labels go in a numbered key below the chart."""
    events = sorted(xs, key=lambda e: e[0])
    ends = [-1e9] * lanes
    direct: list[_Placed] = []
    for n, (x, label) in enumerate(events, 1):
        width = len(label) * _CHAR_W + 8
        lane = next((i for i, e in enumerate(ends) if x >= e), None)
        if lane is None or x + width > _W:
            break
        ends[lane] = x + width
        direct.append(_Placed([x], label, lane, [n]))
    else:
        return direct, False
    # numbered: group events closer than a marker's width, then lay the groups in lanes
    groups: list[_Placed] = []
    for n, (x, _) in enumerate(events, 1):
        if groups and x - groups[-1].xs[0] < 22:
            groups[-1].xs.append(x)
            groups[-1].numbers.append(n)
        else:
            groups.append(_Placed([x], "", 0, [n]))
    ends = [-1e9] * lanes
    for g in groups:
        first, last = g.numbers[0], g.numbers[-1]
        g.label = str(first) if first == last else f"{first}\u2013{last}"
        width = len(g.label) * _CHAR_W + 6
        g.lane = next((i for i, e in enumerate(ends) if g.xs[0] >= e), len(groups) % lanes)
        ends[g.lane] = g.xs[0] + width
    return groups, True


@dataclass
class _Placed:
    xs: list[float]  # where the events' lines go
    label: str
    lane: int
    numbers: list[int]


def _label_lines(label: str, room: float) -> list[str]:
    """A row label in one line, or two, cut short with "…" only if two are not enough."""
    chars = max(4, int(room / _CHAR_W))
    if len(label) <= chars:
        return [label]
    lines = textwrap.wrap(label, chars)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), chars, placeholder="\u2026")]
    return lines


def to_svg(chart: Chart, *, id_prefix: str = "sc") -> str:
    """The chart as one SVG document (also fit to put inline in an HTML page: ids start
    with ``id_prefix``, text and lines take ``currentColor``)."""
    scale = _scale(chart)
    x0, x1 = _LABEL_W, _W - _RIGHT
    span = x1 - x0

    def x(f: float) -> float:
        return round(x0 + f * span, 1)

    shown = [e for e in chart.events if _in(scale, e.date)]
    lanes = 3 if shown else 0
    placed, numbered = _place_events(
        [(x(scale.at(_day(e.date))), e.label) for e in shown], lanes or 1
    )
    ordered = sorted(shown, key=lambda e: _day(e.date))
    top = 30 + lanes * 14
    axis_y = top + len(chart.rows) * _ROW
    stances = chart.stances()
    legend_y = axis_y + 40
    per_line = 2
    key_y = legend_y + ((len(stances) + per_line - 1) // per_line) * 20 + 8
    height = key_y + (len(ordered) * 15 + 4 if numbered else 0)
    title = escape(chart.title)
    desc = escape(
        f"{len(chart.rows)} rows from {chart.start} to {chart.end}; stances: " + ", ".join(stances)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{height}" '
        f'viewBox="0 0 {_W} {height}" role="img" aria-label="{title}" '
        f'aria-describedby="{id_prefix}-desc" class="stance-chart" '
        f'font-family="{escape(FONT)}" font-size="11">',
        f"<title>{title}</title>",
        f'<desc id="{id_prefix}-desc">{desc}</desc>',
        "<defs>",
        *(_pattern(f"{id_prefix}-{escape(k)}", look(k)) for k in stances),
        "</defs>",
        f'<text x="0" y="16" font-size="14" font-weight="bold" fill="currentColor">{title}</text>',
    ]
    # year ticks and grid
    out.append('<g class="axis">')
    out.append(
        f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" stroke="currentColor" '
        'stroke-width="1"/>'
    )
    for year, f in scale.years():
        out.append(
            f'<line x1="{x(f)}" y1="{top}" x2="{x(f)}" y2="{axis_y + 4}" stroke="currentColor" '
            'stroke-opacity="0.25"/>'
            f'<text x="{x(f)}" y="{axis_y + 16}" text-anchor="middle" fill="currentColor">'
            f"{year}</text>"
        )
    out.append("</g>")
    # rows
    for i, row in enumerate(chart.rows):
        y = top + i * _ROW
        label = escape(row.label)
        out.append(f'<g class="row" data-label="{label}">')
        lines = _label_lines(row.label, x0 - 12)
        first = y + _ROW / 2 + 4 - (len(lines) - 1) * 6
        out.append(
            f'<text x="{x0 - 8}" y="{first}" text-anchor="end" fill="currentColor">'
            + "".join(
                f'<tspan x="{x0 - 8}" dy="{0 if k == 0 else 12}">{escape(t)}</tspan>'
                for k, t in enumerate(lines)
            )
            + f"<title>{label}</title></text>"
        )
        previous = None
        for sp in scale.spans(row):
            st = look(sp.stretch.stance)
            name = escape(str(sp.stretch.stance))
            w = max(1.0, round((sp.b - sp.a) * span, 1))
            until = escape(sp.stretch.end or "now")
            out.append(
                f'<rect class="stretch stance-{name}" data-stance="{name}" '
                f'x="{x(sp.a)}" y="{y + 3}" width="{w}" height="{_ROW - 6}" '
                f'fill="url(#{id_prefix}-{name})" stroke="#333333" stroke-width="0.6">'
                f"<title>{label}: {name}, {escape(sp.stretch.start)} to {until}</title></rect>"
            )
            # the stance as a word where it starts (not again for a stretch of the same)
            if w > len(name) * _CHAR_W + 10 and name != previous:
                out.append(
                    f'<text x="{round(x(sp.a) + 5, 1)}" y="{y + _ROW / 2 + 4}" '
                    f'fill="{st.ink}" font-size="10" paint-order="stroke" '
                    f'stroke="{st.fill}" stroke-width="3">{name}</text>'
                )
            previous = name
        out.append("</g>")
    # events: a dashed line over the rows, and a label (or a number) above
    for g in placed:
        ly = 30 + g.lane * 14 + 8
        marks = "".join(
            f'<line x1="{ex}" y1="{ly + 3}" x2="{ex}" y2="{axis_y}" stroke="currentColor" '
            'stroke-dasharray="3,2" stroke-width="1"/>'
            for ex in g.xs
        )
        out.append(
            f'<g class="event">{marks}<text x="{g.xs[0] + 2}" y="{ly}" font-size="10" '
            f'fill="currentColor">{escape(g.label)}</text></g>'
        )
    # legend
    out.append('<g class="legend">')
    for k, name in enumerate(stances):
        st = look(name)
        lx = (k % per_line) * 400
        ly = legend_y + (k // per_line) * 20
        out.append(
            f'<g class="legend-item" data-stance="{escape(name)}">'
            f'<rect x="{lx}" y="{ly - 10}" width="24" height="12" '
            f'fill="url(#{id_prefix}-{escape(name)})" stroke="#333333" stroke-width="0.6"/>'
            f'<text x="{lx + 30}" y="{ly}" fill="currentColor"><tspan font-weight="bold">'
            f"{escape(name)}</tspan>: {escape(st.meaning)}</text></g>"
        )
    out.append("</g>")
    if numbered:
        out.append('<g class="event-key">')
        for n, e in enumerate(ordered, 1):
            out.append(
                f'<text x="0" y="{key_y + n * 15 - 4}" font-size="10" fill="currentColor">'
                f'<tspan font-weight="bold">{n}</tspan> {escape(e.date)} {escape(e.label)}'
                "</text>"
            )
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _in(scale: _Scale, date: str) -> bool:
    return scale.start <= _day(date) <= scale.end


# --- terminal ----------------------------------------------------------------------------


@dataclass
class StanceChart:
    """The chart as a Rich renderable; it fits the width it is given (40 columns up)."""

    chart: Chart

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        width = max(20, options.max_width)
        scale = _scale(self.chart)
        longest = max((len(r.label) for r in self.chart.rows), default=0)
        # On a wide screen, labels beside the bars (wrapped in a column of at most a quarter
        # of the width); on a narrow one, each label on its own line above its bar.
        stacked = width < 60
        label_w = 0 if stacked else min(longest, max(12, width // 4))
        bar_w = width - (label_w + 1 if label_w else 0)
        pad = " " * (width - bar_w)

        yield Text(self.chart.title, style="bold")
        events = [e for e in self.chart.events if _in(scale, e.date)]
        if events:
            marks = [" "] * bar_w
            for e in events:
                marks[min(bar_w - 1, int(scale.at(_day(e.date)) * bar_w))] = "▼"
            yield Text(pad + "".join(marks), style="bold")
        for row in self.chart.rows:
            bar = Text()
            cells: list[tuple[str, str]] = [(" ", "")] * bar_w
            for sp in scale.spans(row):
                st = look(sp.stretch.stance)
                a = min(bar_w - 1, int(sp.a * bar_w))
                b = max(a + 1, min(bar_w, round(sp.b * bar_w)))
                for c in range(a, b):
                    cells[c] = (st.glyph, st.rich)
            for ch, style in cells:
                bar.append(ch, style=style)
            if stacked:
                yield Text(row.label, style="bold", overflow="fold")
                yield bar
                continue
            lines = textwrap.wrap(row.label, label_w) or [""]
            line = Text(lines[0].ljust(label_w) + " ", style="bold")
            line.append_text(bar)  # not "+": that would make the whole line bold
            yield line
            for more in lines[1:]:
                yield Text(more, style="bold")
        yield Text(pad + _axis(scale, bar_w), style="dim")
        legend = Text()
        for name in self.chart.stances():
            st = look(name)
            piece = Text(st.glyph * 2, style=st.rich) + Text(f" {name}  ")
            if legend.cell_len + piece.cell_len > width and legend.cell_len:
                yield legend
                legend = Text()
            legend.append_text(piece)
        if legend.cell_len:
            yield legend
        for e in events:
            text = textwrap.fill(
                f"▼ {e.date} {e.label}", width, subsequent_indent="  ", break_long_words=True
            )
            yield Text(text)


def _axis(scale: _Scale, width: int) -> str:
    """Year labels under the bars, each where its year starts, none overlapping."""
    line = [" "] * width
    free = 0
    for year, f in scale.years():
        col = min(width - 1, int(f * width))
        text = f"|{year}"
        if col < free or col + len(text) > width:
            if col < width and col >= free:
                line[col] = "|"
                free = col + 1
            continue
        line[col : col + len(text)] = list(text)
        free = col + len(text) + 1
    return "".join(line)


def rows_from(
    items: Iterable[tuple[str, Sequence[tuple[str, str]]]],
) -> tuple[Row, ...]:
    """Rows from (label, [(since, stance), ...]) histories, oldest first: each stretch
    runs until the next one starts (the day before it), the last until now."""
    rows = []
    for label, history in items:
        ordered = sorted(history)
        stretches = []
        for k, (since, stance) in enumerate(ordered):
            end = None
            if k + 1 < len(ordered):
                nxt = _day(ordered[k + 1][0])
                end = max(_day(since), nxt - dt.timedelta(days=1)).isoformat()
            stretches.append(Stretch(since, end, stance))
        rows.append(Row(label, tuple(stretches)))
    return tuple(rows)


__all__ = [
    "FONT",
    "STANCES",
    "Chart",
    "Mark",
    "Row",
    "StanceChart",
    "StanceLook",
    "Stretch",
    "look",
    "rows_from",
    "to_svg",
]
