"""`asiannato brief`: the one-page briefing in every format, written atomically."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import run

SECTIONS = [
    "What it is and where it came from",
    "Who stands where",
    "The arguments",
    "Key quotes",
    "Existing frameworks",
    "Milestones",
    "Sources",
]


def brief(*args: str) -> str:
    r = run("brief", *args, fixture=False)
    assert r.code == 0, r
    return r.out


def test_markdown_has_every_section_and_every_citation_resolves() -> None:
    md = brief("--full", "--format", "markdown")
    assert md.startswith("# Briefing: an \u201cAsian NATO\u201d\n")
    for name in SECTIONS:
        assert f"\n## {name}\n" in md, name
    body, sources = md.split("\n## Sources\n")
    listed = [int(n) for n in re.findall(r"^(\d+)\. ", sources, re.M)]
    assert listed == list(range(1, len(listed) + 1)), "sources are numbered 1..N"
    cited = {int(n) for n in re.findall(r"\\?\[(\d+)\\?\]", body)}
    assert cited == set(listed), "every citation resolves and every source is cited"
    assert "| **Japan** | **undeclared** |" in md


def test_text_is_plain() -> None:
    text = brief("--format", "text")
    assert "\x1b" not in text and "Who stands where" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_html_parses_and_svg_is_well_formed(tmp_path: Path) -> None:
    html = brief("--format", "html")

    class Checker(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.append(tag)

    checker = Checker()
    checker.feed(html)
    checker.close()
    # a real page: headings, tables, a quote, an embedded chart; no terminal dump
    for tag in ("html", "title", "h1", "h2", "table", "blockquote", "svg", "ol"):
        assert tag in checker.tags, tag
    assert "pre" not in checker.tags and "Who stands where" in html
    # the SVG is the stance chart: compact, one row per charted actor, no web font
    svg = brief("--format", "svg")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and int(root.get("height", "0")) < 1000
    assert 'class="row" data-label="China"' in svg and "http" not in svg.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_a_centred_briefing() -> None:
    text = brief("japan", "PRC", "--full", "--as-of", "2025-01-01", "--format", "markdown")
    assert text.startswith("# Briefing: an \u201cAsian NATO\u201d \u2014 Japan, China\n")
    table = text.split("## Who stands where")[1].split("##")[0]
    rows = [ln for ln in table.splitlines() if ln.startswith("| ") and not ln.startswith("| Actor")]
    assert [r.split(" | ")[0] for r in rows] == ["| **Japan**", "| **China**"]
    # Japan's government shelved the idea for the long term (audit P4): skeptical, not supportive
    assert "**skeptical**" in rows[0] and "**opposed**" in rows[1]


def test_output_is_written_atomically_and_never_over_a_directory(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    target.write_text("old")
    r = run("brief", "--format", "html", "--output", str(target), fixture=False)
    assert r.code == 0 and r.out == "" and f"wrote html to {target}" in r.err
    assert target.read_text().lstrip().lower().startswith("<!doctype html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]  # no temporary file left
    folder = tmp_path / "dir"
    folder.mkdir()
    refused = run("brief", "--output", str(folder), fixture=False)
    assert refused.code == 2 and "is a directory" in refused.err and list(folder.iterdir()) == []
    missing = run("brief", "--output", str(tmp_path / "nope" / "b.md"), fixture=False)
    assert missing.code == 2 and "does not exist" in missing.err


def test_output_to_a_file_defaults_to_text(tmp_path: Path) -> None:
    target = tmp_path / "brief.txt"
    assert run("brief", "-o", str(target), fixture=False).code == 0
    assert target.read_text().startswith("Briefing: an \u201cAsian NATO\u201d")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "svg"])
def test_hostile_text_is_escaped_in_every_brief_format(tmp_path: Path, fmt: str) -> None:
    from .test_hostile import RAW_CONTROL, evil_pack

    pack = evil_pack(tmp_path)
    r = run("--data", str(pack), "brief", "evil-person", "--format", fmt, fixture=False)
    assert r.code == 0, r
    assert not RAW_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", r.out))
    if fmt == "html":
        assert "<script" not in r.out.lower() and "file:///etc/passwd" in r.out
        assert 'href="file:' not in r.out
