"""The HTML page: one self-contained, semantic, escaped page from a Doc, read back with
html.parser as a browser would see its structure."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

from asiannato.chart import STANCES, Chart, Row, Stretch, to_svg
from asiannato.doc import (
    Bullets,
    Doc,
    Heading,
    Para,
    QuoteBlock,
    SourceList,
    Table,
    plain,
    styled,
)
from asiannato.html import Figure, render_html

EVIL = "<script>alert('x')</script>"
KELLY_URL = "https://www.channelnewsasia.com/east-asia/incoming-japan-pm-ishibas-asian-nato-idea-test-us-diplomacy-4642741"
COPY_URL = "https://plawiuk.blogspot.com/2024/09/see-its-in-planning-too-early-for-asian.html?m=0"


class Page(HTMLParser):
    """The tags, attributes and text of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in self.stack:
            self.text.setdefault(tag, []).append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    def words(self, tag: str) -> str:
        return "".join(self.text.get(tag, []))


def sample_doc(hostile: str = "") -> Doc:
    doc = Doc()
    doc.add(Heading(f"Briefing: an Asian NATO{hostile}", 1))
    doc.add(Para([*plain("Ishiba proposed it "), *styled(" [1][2]", "dim")]))
    doc.add(Heading("Who stands where", 2))
    doc.add(
        Table(
            ["Actor", "Stance", "Position"],
            [
                [
                    plain("Japan"),
                    styled("SUPPORTIVE", "stance:supportive"),
                    plain("An idea for the future"),
                ],
                [
                    plain(f"China{hostile}"),
                    styled("OPPOSED", "stance:opposed"),
                    plain("No blocs [2]"),
                ],
            ],
        )
    )
    doc.add(
        Bullets(
            [
                plain(f"Argument one{hostile}"),
                [("bold part", "bold"), (" and ", ""), ("hit", "hit")],
            ]
        )
    )
    doc.add(
        QuoteBlock(
            f"It's too early to talk about collective security{hostile}",
            [*plain("Daniel Kritenbrink, 17 Sep 2024 "), *styled("[1]", "dim")],
            extra=[plain("note: he did not reject it outright")],
        )
    )
    doc.add(QuoteBlock("need to strengthen deterrence", plain("Takeshi Iwaya"), reported=True))
    doc.add(Para([("javascript:alert(1)", "link"), (" and ", ""), (KELLY_URL, "link")]))
    doc.add(Heading("Sources", 2))
    doc.add(
        SourceList(
            [
                (
                    1,
                    f"Reuters (via CNA), Tim Kelly, 2024-09-27: Incoming Japan PM{hostile}",
                    KELLY_URL,
                    False,
                ),
                (2, "Radio Free Asia, Alex Willemyns, 2024-09-17: ‘Too early’", COPY_URL, True),
            ]
        )
    )
    return doc


def test_page_head_lang_title_viewport() -> None:
    p = Page(render_html(sample_doc(), title="Briefing: an Asian NATO"))
    assert p.all("html")[0]["lang"] == "en"
    assert p.words("title") == "Briefing: an Asian NATO"
    metas = p.all("meta")
    assert any(
        m.get("name") == "viewport" and "width=device-width" in (m.get("content") or "")
        for m in metas
    )
    assert any(m.get("charset") == "utf-8" for m in metas)
    # the doc's own level-1 heading is the page's only h1
    assert len(p.all("h1")) == 1 and p.words("h1") == "Briefing: an Asian NATO"
    assert len(p.all("h2")) == 2


def test_a_doc_without_a_heading_gets_the_title_as_h1() -> None:
    p = Page(render_html(Doc([Para(plain("x"))]), title="Japan: position paper", lang="en"))
    assert p.words("h1") == "Japan: position paper"


def test_semantic_structure() -> None:
    p = Page(render_html(sample_doc(), title="t"))
    assert p.all("thead") and p.all("tbody")
    assert [a.get("scope") for a in p.all("th")] == ["col", "col", "col", "row", "row"]
    assert len(p.all("tr")) == 3 and len(p.all("ul")) == 1
    assert len(p.all("blockquote")) == 2 and len(p.all("cite")) == 2
    assert "“It's too early to talk about collective security”" in p.words("blockquote")
    # reported speech is said to be so, and not put in quotation marks
    assert "Reported speech, not a verbatim quote: need to strengthen deterrence" in p.words(
        "blockquote"
    )
    assert "“need" not in p.words("blockquote")
    assert p.words("strong") == "bold part" and p.words("mark") == "hit"
    badges = [a["class"] for a in p.all("span") if "badge" in (a.get("class") or "")]
    assert badges == ["badge stance-supportive", "badge stance-opposed"]


def test_every_source_is_a_link_and_a_copy_says_so() -> None:
    html = render_html(sample_doc(), title="t")
    p = Page(html)
    items = p.all("li")
    sources = [a for a in items if (a.get("id") or "").startswith("src-")]
    assert [a["id"] for a in sources] == ["src-1", "src-2"]
    assert len(p.all("ol")) == 1
    links = [a for a in p.all("a") if a.get("href") in (KELLY_URL, COPY_URL)]
    assert {a["href"] for a in links} == {KELLY_URL, COPY_URL}
    copy = [a for a in links if a["href"] == COPY_URL]
    assert all(a.get("class") == "copy" for a in copy)
    assert "(a copy)" in p.words("ol")
    assert not [a for a in links if a["href"] == KELLY_URL and a.get("class") == "copy"]


def test_source_numbers_link_to_the_list() -> None:
    p = Page(render_html(sample_doc(), title="t"))
    hrefs = [a.get("href") for a in p.all("a")]
    assert hrefs.count("#src-1") == 2 and hrefs.count("#src-2") == 1


def test_nothing_is_fetched_and_only_the_data_s_links_leave_the_page() -> None:
    html = render_html(sample_doc(), title="t")
    p = Page(html)
    assert not p.all("script") and not p.all("img") and not p.all("link") and not p.all("iframe")
    assert not [a for _, a in p.tags if "src" in a]
    external = {a["href"] for a in p.all("a") if not (a.get("href") or "").startswith("#")}
    assert external == {KELLY_URL, COPY_URL}
    css = p.words("style")
    assert "@import" not in css and "url(" not in css and "http" not in css


def test_a_javascript_address_is_never_a_link() -> None:
    p = Page(render_html(sample_doc(), title="t"))
    assert not [a for a in p.all("a") if "javascript" in (a.get("href") or "")]
    assert "javascript:alert(1)" in p.words("p")


def test_hostile_text_is_escaped_everywhere() -> None:
    html = render_html(sample_doc(EVIL), title=f"Title{EVIL}", footer=EVIL)
    p = Page(html)
    assert not p.all("script")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert p.words("title") == f"Title{EVIL}"
    assert EVIL in p.words("h1") and EVIL in p.words("table") and EVIL in p.words("ol")


def test_a_figure_carries_the_chart_inline() -> None:
    chart = Chart((Row("Japan", (Stretch("2024-09-27", None, "supportive"),)),), "2024", "2025")
    doc = sample_doc()
    blocks = [*doc.blocks[:2], Figure(to_svg(chart), "Stances over time"), *doc.blocks[2:]]
    p = Page(render_html(blocks, title="t"))
    assert len(p.all("svg")) == 1 and len(p.all("figure")) == 1
    assert p.words("figcaption") == "Stances over time"
    assert p.all("rect")[0]  # the chart's shapes are in the page itself


def test_stylesheet_phone_dark_and_print() -> None:
    css = Page(render_html(sample_doc(), title="t")).words("style")
    assert "@media (prefers-color-scheme: dark)" in css
    assert "@media print" in css and "@page" in css
    page_rule = css[css.index("@page") : css.index("}", css.index("@page"))]
    assert "size" not in page_rule and "margin" in page_rule  # the printer picks the paper
    assert "break-inside: avoid" in css
    assert "max-width" in css
    for name, st in STANCES.items():
        assert f".stance-{name} {{ background: {st.fill}; color: {st.ink}; }}" in css


def test_jinja2_is_imported_only_when_a_page_is_rendered() -> None:
    code = (
        "import sys, asiannato.html as h; a = 'jinja2' in sys.modules; "
        "h.render_html(h.Doc(), title='t'); print(a, 'jinja2' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
