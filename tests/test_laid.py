"""The terminal's fast path (``render.Laid``) draws exactly what Rich draws for the same
lines as one ``Text``: byte for byte, colours included, for the real pages at several
widths (and on consoles narrower than the page was laid out for, where Rich folds or
crops), and for lines made to be awkward (wide and combining characters, words longer
than the width, trailing spaces, tabs, control codes, newlines inside a run)."""

from __future__ import annotations

import io
import itertools
import re

import pytest
from rich.console import Console, Group, RenderableType

from asiannato import render
from asiannato.doc import Doc, SourceList, Table
from asiannato.render import _RICH_SPECIAL, Laid, Run, _plain
from tests.conftest import run


def draw(renderable: RenderableType, width: int, **options: object) -> str:
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    # in a Group, as the page is: Console.print would merge a bare Text into one of its own
    console.print(Group(renderable), crop=False, **options)  # type: ignore[arg-type]
    return out.getvalue()


def same(laid: Laid, width: int, **options: object) -> None:
    fast, rich = draw(laid, width, **options), draw(laid.rich(), width, **options)
    assert fast == rich, f"at {width} columns:\n{fast}\n---- Rich draws ----\n{rich}"


PAGES = [
    ("actors", "--format", "table"),
    ("actor", "japan", "--format", "table"),
    ("compare", "japan", "china", "--format", "table"),
    ("quotes", "--speaker", "iwaya", "--format", "table"),
    ("timeline", "--format", "table"),
    ("frameworks", "--format", "table"),
    ("changes", "--since", "2025-01-01", "--format", "table"),
    ("terms", "--format", "table"),
    ("brief", "--format", "plain"),
]


@pytest.fixture(scope="module")
def pages() -> list[Doc]:
    """The pages of the bundled data that the terminal draws, as the commands make them."""
    docs: list[Doc] = []
    real = render.doc_to_rich

    def spy(doc: Doc, width: int = 100) -> RenderableType:
        docs.append(doc)
        return real(doc, width)

    render.doc_to_rich = spy  # type: ignore[assignment]
    try:
        for args in PAGES:
            assert run(*args, fixture=False).code == 0, args
    finally:
        render.doc_to_rich = real  # type: ignore[assignment]
    assert len(docs) == len(PAGES)
    return docs


def laid_blocks(doc: Doc, width: int) -> list[Laid]:
    group = render.doc_to_rich(doc, width)
    return [part for part in group.renderables if isinstance(part, Laid)]  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [40, 80, 100])
def test_pages_draw_as_rich_draws_them(pages: list[Doc], width: int) -> None:
    count = 0
    for doc in pages:
        for laid in laid_blocks(doc, width):
            same(laid, width)
            count += 1
    # every table (stacked: a Laid a row) and source list was drawn this way
    assert count >= sum(isinstance(b, (SourceList, Table)) for d in pages for b in d.blocks) > 0


def test_on_a_narrower_console_lines_fold_and_crop_as_in_rich(pages: list[Doc]) -> None:
    actors = pages[0]
    for laid in laid_blocks(actors, 100):
        for width in (99, 47):
            same(laid, width)


AWKWARD: list[list[Run]] = [
    [],
    [("", "bold")],
    [("plain words, then ", ""), ("a dim tail", "dim"), (" and more plain", "")],
    [("same", "dim"), ("style", "dim"), (" twice", "")],
    [(" UNDECLARED ", "black on grey50"), (" next to ", ""), ("bold", "bold underline")],
    [("日本の防衛省は、南西諸島の防衛体制を強化している", ""), ("中国", "dim")],
    [("e\u0301e\u0301 combining marks", "italic"), ("   ", ""), ("x" * 70, "dim")],
    [("https://example.org/a/very/long/address/that/is/one/word/and/must/fold", "dim")],
    [("trailing spaces           ", ""), ("        ", "dim")],
    [("a\ttab", ""), (" here", "dim")],
    [("a bell\a and a return\r", "bold")],
    [("a newline\ninside a run", "dim"), (" after", "")],
    [("   leading spaces and a word", "")],
    [("wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 at the edge ", "dim")],
]


@pytest.mark.parametrize(
    ("overflow", "no_wrap", "style"),
    list(itertools.product(["fold", "crop", "ignore"], [None, True, False], ["", "bold"])),
)
def test_awkward_lines_draw_as_rich_draws_them(
    overflow: str, no_wrap: bool | None, style: str
) -> None:
    laid = Laid(AWKWARD, style=style, overflow=overflow, no_wrap=no_wrap)  # type: ignore[arg-type]
    for width in (1, 2, 5, 9, 13, 20, 27, 40, 80):
        same(laid, width)


@pytest.mark.parametrize("padding", [(0, 0), (1, 2), (0, 7)])
@pytest.mark.parametrize("style", ["", "italic"])
def test_awkward_lines_in_a_padding_draw_as_rich_draws_them(
    padding: tuple[int, int], style: str
) -> None:
    for lines in (AWKWARD, [line for line in AWKWARD if _RICH_SPECIAL.isdisjoint(_plain(line))]):
        laid = Laid(lines, style=style, overflow="fold", padding=padding)
        for width in (1, 5, 8, 13, 20, 27, 40, 80):
            same(laid, width)


def test_justified_output_is_left_to_rich() -> None:
    laid = Laid(AWKWARD, style="bold", overflow="fold")
    for justify in ("left", "center", "right", "full"):
        same(laid, 30, justify=justify)


def test_a_page_of_tables_and_sources_does_not_import_rich_table() -> None:
    """A process: what a page imports is the point (rich.table is part of a run's cost)."""
    import subprocess
    import sys

    code = (
        "import io, sys\n"
        "from rich.console import Console\n"
        "from asiannato import render\n"
        "from asiannato.doc import Doc, Heading, SourceList, Table, plain\n"
        "doc = Doc([Heading('t'), Table(['a', 'b'], [[plain('1'), plain('2')]]),"
        " SourceList([(1, 'a source', 'https://example.org', False)])])\n"
        "for width in (40, 100):\n"
        "    Console(file=io.StringIO(), width=width).print(render.doc_to_rich(doc, width))\n"
        "print('rich.table' in sys.modules, 'rich.panel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_a_table_that_fits_is_never_wider_than_the_terminal(pages: list[Doc]) -> None:
    # a column widened for its longest word (an id) must take the room from the others,
    # and a padded stance badge must be measured as drawn: the actors page once cut its
    # sources column at 100 columns ("22 33 3") and overran by one at 75. The hardest
    # widths are those just wide enough for the table not to be stacked: every one of
    # them is checked, and wider terminals too.
    checked = 0
    for doc in pages:
        for block in doc.blocks:
            if not isinstance(block, Table):
                continue
            # the least width that fits (fitting only gets easier as the width grows)
            lo, hi = 20, 400
            while lo < hi:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if render._fits(block, mid) else (mid + 1, hi)
            least = lo
            for width in [*range(least, least + 12), 100, 120, 160, 200]:
                if not render._fits(block, width):
                    continue
                lines = render._grid(block, width).lines
                widest = max(render.cell_len(_plain(line)) for line in lines)
                assert widest <= width, (block.columns, width, widest)
                checked += 1
    assert checked > 100


def test_only_the_sources_heading_is_bold_not_every_source() -> None:
    r = run("--color", "always", "actors", "--format", "table", fixture=False)
    lines = r.out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("\x1b[1mSources"))
    entries = [line for line in lines[at + 1 :] if "[" in line][:20]
    assert entries and not any(re.search(r"\x1b\[(\d+;)*1(;\d+)*m", e) for e in entries)


def test_the_ascii_divide_line_breaks_where_richs_does() -> None:
    # render.divide_line skips measuring cells for printable ASCII: it must break every
    # line exactly where Rich's does, folding or not, at every width
    from random import Random

    from rich._wrap import divide_line as rich_divide_line

    rng = Random(12)
    pieces = ["a", "word", "longerword", "x" * 30, " ", "  ", "-", "https://e.x/a/b?c=d"]
    lines = ["", " ", "a", "   lead", "trail   ", "one two three four five six seven"]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(400)]
    cases = 0
    for line in lines:
        for width in (1, 2, 3, 5, 8, 13, 21, 40, 80):
            for fold in (True, False):
                assert render.divide_line(line, width, fold) == rich_divide_line(
                    line, width, fold
                ), (line, width, fold)
                cases += 1
    # and a line that is not ASCII goes to Rich's own
    assert render.divide_line("日本 語の 文章", 3) == rich_divide_line("日本 語の 文章", 3)
    assert cases > 7000
