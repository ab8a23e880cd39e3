"""The stance-over-time chart: a valid, self-contained SVG that shows every row and stretch
with its stance, a legend and events; and a terminal drawing that fits 40 and 100 columns
and still reads without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from rich.console import Console

from asiannato.chart import (
    STANCES,
    Chart,
    Mark,
    Row,
    StanceChart,
    Stretch,
    look,
    rows_from,
    to_svg,
)

NS = {"s": "http://www.w3.org/2000/svg"}

# Histories as the bundled positions give them (actor, since, stance).
ROWS = rows_from(
    [
        ("Japan", [("2024-09-27", "advocate"), ("2024-10-02", "supportive")]),
        ("United States", [("2024-09-17", "skeptical")]),
        ("China", [("2023-06", "opposed"), ("2024-10-15", "opposed")]),
        ("Association of Southeast Asian Nations", [("2024-10-10", "undeclared")]),
    ]
)
EVENTS = (
    Mark("2024-09-17", "Kritenbrink: too early"),
    Mark("2024-09-27", "Ishiba wins LDP vote"),
    Mark("2025-10-21", "Ishiba cabinet resigns"),
)
CHART = Chart(ROWS, "2024-01", "2026-06", EVENTS)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_rows_from_histories_end_each_stretch_the_day_before_the_next() -> None:
    japan = ROWS[0]
    assert japan.stretches == (
        Stretch("2024-09-27", "2024-10-01", "advocate"),
        Stretch("2024-10-02", None, "supportive"),
    )


def test_svg_is_valid_xml_with_title_and_accessible_name() -> None:
    root = parse(to_svg(CHART))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img" and root.get("aria-label") == CHART.title
    assert root.find("s:title", NS) is not None and root.find("s:title", NS).text == CHART.title
    assert int(root.get("width")) == 800
    assert 150 < int(root.get("height")) < 600  # compact: about 24 px a row


def test_every_row_and_stretch_is_drawn_with_its_stance() -> None:
    root = parse(to_svg(CHART))
    rows = root.findall(".//s:g[@class='row']", NS)
    assert [r.get("data-label") for r in rows] == [r.label for r in ROWS]
    for g, row in zip(rows, ROWS, strict=True):
        rects = g.findall("s:rect", NS)
        assert [r.get("data-stance") for r in rects] == [s.stance for s in row.stretches]
        for rect, stretch in zip(rects, row.stretches, strict=True):
            assert f"stance-{stretch.stance}" in rect.get("class", "")
            assert rect.get("fill") == f"url(#sc-{stretch.stance})"
            assert float(rect.get("width")) > 0
    # later stretches start further right
    japan = rows[0].findall("s:rect", NS)
    assert float(japan[0].get("x")) < float(japan[1].get("x"))


def test_legend_lists_each_stance_shown_once_with_its_pattern() -> None:
    root = parse(to_svg(CHART))
    items = root.findall(".//s:g[@class='legend-item']", NS)
    shown = ["advocate", "supportive", "skeptical", "opposed", "undeclared"]
    assert [i.get("data-stance") for i in items] == shown
    ids = {p.get("id") for p in root.findall(".//s:pattern", NS)}
    assert ids == {f"sc-{k}" for k in shown}


def test_year_ticks_and_events() -> None:
    root = parse(to_svg(CHART))
    years = [t.text for t in root.findall(".//s:g[@class='axis']/s:text", NS)]
    assert years == ["2024", "2025", "2026"]
    events = root.findall(".//s:g[@class='event']", NS)
    texts = [e.find("s:text", NS).text for e in events]
    assert texts == [e.label for e in EVENTS]  # room for every label: written by its line


def test_crowded_events_are_numbered_with_a_key() -> None:
    many = tuple(Mark(f"2024-10-{d:02d}", f"Event on day {d}") for d in range(1, 12))
    root = parse(to_svg(Chart(ROWS, "2024-01", "2026-06", many)))
    markers = [e.find("s:text", NS).text for e in root.findall(".//s:g[@class='event']", NS)]
    assert markers and all(m[0].isdigit() for m in markers)
    key = root.findall(".//s:g[@class='event-key']/s:text", NS)
    assert len(key) == len(many)
    assert "".join(key[0].itertext()) == "1 2024-10-01 Event on day 1"
    # every event still has its line
    assert len(root.findall(".//s:g[@class='event']/s:line", NS)) == len(many)


def test_nothing_is_fetched_and_fonts_are_the_system_ones() -> None:
    svg = to_svg(CHART)
    assert svg.count("http") == 1 and "http://www.w3.org/2000/svg" in svg
    assert "@import" not in svg and "href" not in svg
    assert "system-ui" in svg


def test_hostile_labels_are_escaped() -> None:
    evil = "<script>alert('x')</script> & \"q\""
    chart = Chart(
        (Row(evil, (Stretch("2024", None, "opposed"),)),),
        "2024",
        "2025",
        (Mark("2024-06-01", evil),),
        title=evil,
    )
    svg = to_svg(chart)
    root = parse(svg)  # still valid XML
    assert "<script>" not in svg
    assert root.find("s:title", NS).text == evil
    assert root.find(".//s:g[@class='row']", NS).get("data-label") == evil


def test_an_unknown_stance_is_drawn_not_dropped() -> None:
    chart = Chart((Row("X", (Stretch("2024", None, "wavering"),)),), "2024", "2025")
    root = parse(to_svg(chart))
    assert root.find(".//s:rect[@data-stance='wavering']", NS) is not None
    assert look("wavering").label == "unknown"


def test_stance_looks_differ_in_grey_and_in_shape() -> None:
    def lightness(hex_: str) -> float:
        r, g, b = (int(hex_[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    looks = list(STANCES.values())
    # two looks alike in grey must differ by pattern
    for a in looks:
        for b in looks:
            if a is not b and abs(lightness(a.fill) - lightness(b.fill)) < 25:
                assert a.pattern != b.pattern, (a.label, b.label)
    assert len({s.glyph for s in looks}) == len(looks)


def render(width: int, *, color: bool) -> str:
    console = Console(
        width=width, record=True, force_terminal=color, no_color=not color, color_system="truecolor"
    )
    console.print(StanceChart(CHART))
    return console.export_text(styles=False)


@pytest.mark.parametrize("width", [40, 100])
def test_terminal_chart_fits_and_shows_every_row(width: int) -> None:
    text = render(width, color=False)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    for row in ROWS:
        if width < 60:  # stacked: each label whole on its own line
            assert row.label in lines
        else:  # beside the bars, wrapped in its column: every word there, in order
            column = " ".join(line[: width // 4].strip() for line in lines)
            assert row.label in " ".join(column.split())
    # the legend names every stance shown with its glyph
    for name in ("advocate", "supportive", "skeptical", "opposed", "undeclared"):
        assert f"{look(name).glyph * 2} {name}" in text
    assert "2024" in text and "2025" in text and "2026" in text
    for e in EVENTS:
        assert e.date in text
    # without colour the stances still differ by character: China is opposed throughout
    china = next(i for i, line in enumerate(lines) if line.startswith("China"))
    bar = lines[china + 1] if width < 60 else lines[china]
    assert "×" in bar and "█" not in bar


def test_terminal_chart_places_stretches_in_time() -> None:
    lines = render(100, color=False).splitlines()
    japan = next(line for line in lines if line.startswith("Japan"))
    china = next(line for line in lines if line.startswith("China"))
    # China's stance is on record from before the chart starts; Japan's from Sep 2024,
    # about a third of the way along Jan 2024 - Jun 2026
    start = china.index("×")
    japan_at = (japan.index("█") - start) / (len(china) - start)
    assert 0.25 < japan_at < 0.4
    assert japan.index("█") < japan.index("▓")
    # a long label wraps in its column instead of pushing the bars out
    assert any(line.startswith("Asian Nations") for line in lines)


def test_terminal_chart_has_colour_when_the_terminal_does() -> None:
    console = Console(width=80, force_terminal=True, color_system="truecolor", record=True)
    console.print(StanceChart(CHART))
    assert "\x1b[" in console.export_text(styles=True)


def test_empty_and_out_of_range_charts_still_draw() -> None:
    empty = Chart((), "2024", "2025")
    assert parse(to_svg(empty)).findall(".//s:g[@class='row']", NS) == []
    past = Chart((Row("A", (Stretch("2020", "2021", "opposed"),)),), "2024", "2025")
    root = parse(to_svg(past))
    assert root.findall(".//s:rect[@data-stance]", NS) == []
    assert root.findall(".//s:g[@class='legend-item']", NS) == []  # nothing shown, no key
    console = Console(width=40, record=True, no_color=True)
    console.print(StanceChart(past))
    assert "opposed" not in console.export_text()
