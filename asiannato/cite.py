"""Citations of a source, or of a quote printed in one, in the styles students are asked for.

Styles: ``apa`` (APA 7th ed.), ``mla`` (MLA 9th ed.), ``chicago`` (Chicago 17th ed.,
notes-bibliography), ``bibtex``, and the tool's own ``text`` and ``markdown`` forms.

Every source in the data is a news article, a commentary or a web page read online, so the
three manuals' rules for online news articles are followed:

- APA: ``Author, A. A. (2024, October 2). Title. *Outlet*. URL``; with no author the title
  moves first; no date is ``(n.d.)``; authors inverted with initials, ``&`` before the last.
  No "Retrieved from": APA 7 keeps it only with a retrieval date, which the data does not
  record.
- MLA: ``Author, First. “Title.” *Outlet*, 2 Oct. 2024, URL.`` with months abbreviated,
  ``https://`` left out of URLs, ``and`` for two authors and ``et al.`` for three or more.
- Chicago: ``Author, First. “Title.” *Outlet*, October 2, 2024. URL.`` in the bibliography
  and ``First Author, “Title,” *Outlet*, October 2, 2024, URL.`` as a note.

Titles are kept as the source prints them: changing their case (APA's sentence case, the
others' headline case) cannot be done safely by a program (proper nouns, acronyms). A title in
square brackets is our description of an untitled work and is never put in quotation marks.
A source read only in a copy (``seen_at``) says so: MLA names the copy as a second container,
as its manual asks; APA and Chicago add "Read in a copy at ...".

Italics are returned as spans styled ``italic`` (``Citation.reference``), so a renderer can
style them; ``as_text(..., markdown=True)`` writes them as ``*...*``.

Names: the data gives an author as one string. "Given Family" is inverted; "Family, Given"
is taken as already inverted; names in CJK script are never inverted; a romanised name that
starts with a common Chinese, Korean or Vietnamese family name (Wang Qingyun, Kim Ryo Won) is
read family name first, which MLA and Chicago print uninverted without a comma. A part such as
"co-author(s) not identified" becomes "et al.". Parenthesised remarks ("(interviewer)") are
our annotations, not part of the name, and are left out.

citeproc-py was considered and not used: it needs lxml at import time, its CSL support is
partial, and it would not know these data conventions (copies, bracketed titles).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from asiannato.doc import Line, Span, text_of
from asiannato.model import MONTHS, Quote, Source, human_date
from asiannato.textsafe import safe

STYLES = ("apa", "mla", "chicago", "bibtex", "text", "markdown")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# MLA 9 abbreviates months of five letters or more; May, June and July stay whole
_MONTHS_MLA = (
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)

# Common Chinese, Korean and Vietnamese family names. A romanised name of two or three parts
# that starts with one is read family name first. Names that are also common English given
# or family names (Lee, Young, Long) are left out: for them the order cannot be guessed.
_FAMILY_FIRST_NAMES = """
    wang zhang li liu chen yang huang zhao wu zhou xu sun zhu hu guo he lin luo zheng liang
    xie tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu
    ding shen yao qian jin fu xue yan qin
    kim park choi jung jeong kang cho yoon jang lim shin seo kwon hwang ahn yoo jeon moon
    baek heo nam ryu
    nguyen tran pham phan vu dang bui ngo duong
"""
_FAMILY_FIRST = frozenset(_FAMILY_FIRST_NAMES.split())
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_PAREN = re.compile(r"\s*\([^)]*\)")
_UNKNOWN = re.compile(r"not identified|unknown|unnamed", re.IGNORECASE)


@dataclass(frozen=True)
class Name:
    """A person's name split for citing. ``given`` is "" when the name cannot be split."""

    family: str
    given: str = ""
    family_first: bool = False  # written family name first (East Asian order)

    @property
    def whole(self) -> str:
        if not self.given:
            return self.family
        if self.family_first:
            return f"{self.family} {self.given}"
        return f"{self.given} {self.family}"

    def inverted(self) -> str:
        """For the first author of MLA and Chicago: "Callahan, William A."; a name already
        written family name first stays as it is."""
        if not self.given or self.family_first:
            return self.whole
        return f"{self.family}, {self.given}"

    def initials(self) -> str:
        """For APA: "Callahan, W. A."; "Wang, S.-t." for Wang Son-taek."""
        if not self.given:
            return self.family
        parts = []
        for word in self.given.split():
            pieces = [p for p in word.split("-") if p]
            parts.append("-".join(p if p.endswith(".") else p[0] + "." for p in pieces))
        return f"{self.family}, {' '.join(parts)}"


def parse_name(text: str) -> Name:
    """One person's name as the data writes it."""
    text = " ".join(_PAREN.sub("", text).split())
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family.strip(), given.strip())
    words = text.split()
    if len(words) < 2 or _CJK.search(text):
        return Name(text)
    if len(words) <= 3 and words[0].lower() in _FAMILY_FIRST:
        return Name(words[0], " ".join(words[1:]), family_first=True)
    # particles such as "van", "de" belong to the family name
    i = len(words) - 1
    while i > 1 and words[i - 1].islower():
        i -= 1
    return Name(" ".join(words[i:]), " ".join(words[:i]))


def parse_authors(text: str | None) -> tuple[list[Name], bool]:
    """The authors of a source, and whether others exist that the source does not name."""
    if not text:
        return [], False
    parts = []
    for part in re.split(r",?\s+and\s+|\s*&\s*|;\s*", text):
        pieces = [p.strip() for p in part.split(",")]
        # "Tim Kelly, Sakura Murakami" lists two people; "Kelly, Tim" is one name inverted
        if len(pieces) > 1 and all(len(p.split()) > 1 for p in pieces):
            parts += pieces
        elif part.strip():
            parts.append(part.strip())
    names = [parse_name(p) for p in parts if not _UNKNOWN.search(p)]
    return names, len(names) < len(parts)


# --- dates ---------------------------------------------------------------------------------


def _date(date: str | None, unknown: str, dated: Callable[[str, int, int | None], str]) -> str:
    """A (partial) ISO date in a style: ``unknown`` when there is none, the year alone
    when that is all there is, else ``dated(year, month, day or None)``."""
    if not date:
        return unknown
    bits = date.split("-")
    if len(bits) == 1:
        return bits[0]
    return dated(bits[0], int(bits[1]), int(bits[2]) if len(bits) > 2 else None)


def apa_date(date: str | None) -> str:
    """ "2024, October 2", "2024, October", "2024" or "n.d."."""
    return _date(date, "n.d.", lambda y, m, d: f"{y}, {_MONTHS[m - 1]}" + (f" {d}" if d else ""))


def mla_date(date: str | None) -> str:
    """ "2 Oct. 2024", "Sept. 2024", "2024" or "" (MLA leaves an unknown date out)."""
    return _date(date, "", lambda y, m, d: (f"{d} " if d else "") + f"{_MONTHS_MLA[m - 1]} {y}")


def chicago_date(date: str | None) -> str:
    """ "October 2, 2024", "October 2024", "2024" or "n.d."."""
    return _date(
        date, "n.d.", lambda y, m, d: f"{_MONTHS[m - 1]}" + (f" {d}," if d else "") + f" {y}"
    )


# --- pieces --------------------------------------------------------------------------------


def _is_description(title: str) -> bool:
    """A title in square brackets is our description of an untitled work."""
    return title.startswith("[") and title.endswith("]")


def _inner_quotes(title: str) -> str:
    """Double quotation marks inside a quoted title become single ones."""
    out, opening = [], True
    for ch in title:
        if ch == "\u201c":
            out.append("\u2018")
        elif ch == "\u201d":
            out.append("\u2019")
        elif ch == '"':
            out.append("\u2018" if opening else "\u2019")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def _ends(text: str) -> bool:
    """Whether text already ends with a mark that closes a sentence."""
    return text.rstrip("\u201d\u2019\"')]").endswith((".", "?", "!", "\u2026"))


def _end(text: str, mark: str = ".") -> str:
    return text if _ends(text) else text + mark


def _quoted_title(title: str, mark: str) -> str:
    """“Title.” for MLA and Chicago: the closing mark goes inside the quotation marks, and
    is left out where the title ends with its own (“Should Beijing worry?”)."""
    t = safe(title)
    if _is_description(t):
        return t + mark
    t = _inner_quotes(t)
    return f"\u201c{t}\u201d" if _ends(t) else f"\u201c{t}{mark}\u201d"


def _host(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _bare(url: str) -> str:
    """MLA 9 leaves out the scheme."""
    return re.sub(r"^https?://", "", url)


def _authors_apa(names: list[Name], others: bool) -> str:
    items = [n.initials() for n in names]
    if others:
        return ", ".join(items) + ", et al."
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + ", & " + items[-1]


def _authors_mla(names: list[Name], others: bool) -> str:
    if len(names) >= 3 or (others and names):
        return f"{names[0].inverted()}, et al."
    if len(names) == 2:
        return f"{names[0].inverted()}, and {names[1].whole}"
    return names[0].inverted()


def _authors_chicago(names: list[Name], others: bool, *, note: bool) -> str:
    items = [n.whole if note or i else n.inverted() for i, n in enumerate(names)]
    if others:
        return ", ".join(items) + (" et al." if note else ", et al.")
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        sep = " and " if note else ", and "
        return items[0] + sep + items[1]
    return ", ".join(items[:-1]) + ", and " + items[-1]


def _family_names(names: list[Name], others: bool, conj: str) -> str:
    """Authors in running text: "Kelly", "Kelly & Murakami", "Callahan et al."."""
    if not names:
        return ""
    if len(names) == 2 and not others:
        return f"{safe(names[0].family)} {conj} {safe(names[1].family)}"
    more = len(names) > 2 or others
    return safe(names[0].family) + (" et al." if more else "")


def _short_title(title: str, *, apa: bool) -> str:
    """For an author-less in-text citation: the title cut to its first five words, in
    quotation marks; a description of an untitled work keeps its brackets in APA and goes
    bare in MLA, never quoted."""
    words = title.strip("[]").split()
    short = " ".join(words[:5]).rstrip(",:;")
    if _is_description(title):
        return f"[{short}]," if apa else short
    return f"\u201c{short},\u201d" if apa else f"\u201c{short}\u201d"


# --- the citation --------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A citation in one style.

    ``reference``: the entry of a reference list (APA), works cited list (MLA) or
    bibliography (Chicago), as spans styled "italic" or "" (plain). ``in_text``: what goes in
    the running text, the same way: a parenthetical citation (APA, MLA) or a note (Chicago);
    for a quote, APA and MLA start with the quoted words (none for reported speech) and the
    Chicago note names the speaker, venue and date before "quoted in". ``notes``: warnings
    for the writer. BibTeX, text and Markdown give ``reference`` only, as one plain span.
    """

    style: str
    reference: Line
    in_text: Line = field(default_factory=list)
    notes: tuple[str, ...] = ()


def spans_text(spans: Line, *, markdown: bool = False) -> str:
    """Spans as text: italics dropped, or written ``*...*`` for Markdown."""
    if not markdown:
        return text_of(spans)
    return "".join(f"*{t}*" if s == "italic" and t else t for t, s in spans)


def as_text(c: Citation, *, markdown: bool = False) -> str:
    """What ``asiannato cite`` prints: the reference entry, then the in-text citation and
    any notes on their own labelled lines. Ends with a newline."""
    out = spans_text(c.reference, markdown=markdown)
    if not out.endswith("\n"):
        out += "\n"
    if c.in_text:
        label = "Note" if c.style == "chicago" else "In text"
        out += f"{label}: {spans_text(c.in_text, markdown=markdown)}\n"
    for note in c.notes:
        out += f"({note})\n"
    return out


def cite_source(source: Source, style: str) -> Citation:
    """A source in ``style`` (one of ``STYLES``)."""
    return _cite(source, style, None, "", None)


def cite_quote(
    quote: Quote, source: Source, style: str, *, speaker: str, role: str | None = None
) -> Citation:
    """A quote as printed in ``source`` (its first source), naming ``speaker`` (the display
    name of the person) and ``role`` (their office then, if known)."""
    return _cite(source, style, quote, speaker, role)


def _cite(
    source: Source, style: str, quote: Quote | None, speaker: str, role: str | None
) -> Citation:
    if style == "bibtex":
        return Citation(style, [(_bibtex(source, quote, speaker), "")])
    if style in ("text", "markdown"):
        return Citation(style, [(_tool_form(source, quote, speaker, role, style), "")])
    if style == "apa":
        return _apa(source, quote, speaker)
    if style == "mla":
        return _mla(source, quote, speaker)
    if style == "chicago":
        return _chicago(source, quote, speaker)
    raise ValueError(f"unknown citation style {style!r}; choose from {', '.join(STYLES)}")


def _quote_lead(quote: Quote) -> tuple[Line, tuple[str, ...]]:
    """The quoted words to put before an in-text citation, and what to warn about."""
    if quote.kind == "reported":
        return [], (
            "reported speech: these are the outlet's words, not the speaker's; paraphrase "
            "them rather than putting them in quotation marks",
        )
    notes: tuple[str, ...] = ()
    if quote.kind == "translation":
        notes = ("a translation printed by the source, not the speaker's own words",)
    return [(f"\u201c{safe(quote.text)}\u201d ", "")], notes


def _parenthetical(cited: str, quote: Quote | None, secondary: str) -> tuple[Line, tuple[str, ...]]:
    """An in-text citation "(cited)"; for a quote, its words first and the source named as
    where they were found ("as cited in", "qtd. in"), with any warnings."""
    if quote is None:
        return [(f"({cited})", "")], ()
    lead, notes = _quote_lead(quote)
    return [*lead, (f"({secondary}{cited})", "")], notes


def _copy_note(source: Source) -> str:
    if not source.seen_at:
        return ""
    return f"Read in a copy at {safe(source.seen_at)}"


def _apa(source: Source, quote: Quote | None, speaker: str) -> Citation:
    names, others = parse_authors(source.author)
    title = safe(source.title)
    date = apa_date(source.date)
    ref: Line = []
    if names:
        who = safe(_authors_apa(names, others))
        ref.append((f"{_end(who)} ({date}). {_end(title)} ", ""))
    else:
        ref.append((f"{_end(title)} ({date}). ", ""))
    ref += [(safe(source.outlet), "italic"), (".", "")]
    if source.url:
        ref.append((f" {safe(source.url)}", ""))
        if source.seen_at:
            copy = _copy_note(source)
            ref.append((f" ({copy[0].lower()}{copy[1:]})", ""))
    elif source.seen_at:
        ref.append((f" {_copy_note(source)}", ""))
    year = source.date[:4] if source.date else "n.d."
    cited = _family_names(names, others, "&") or _short_title(title, apa=True)
    where = f"{cited}, {year}" if names else f"{cited} {year}"
    said_by = safe(parse_name(speaker).family)
    return Citation("apa", ref, *_parenthetical(where, quote, f"{said_by}, as cited in "))


def _mla(source: Source, quote: Quote | None, speaker: str) -> Citation:
    names, others = parse_authors(source.author)
    ref: Line = []
    if names:
        ref.append((f"{_end(safe(_authors_mla(names, others)))} ", ""))
    ref.append((f"{_quoted_title(source.title, '.')} ", ""))
    ref.append((safe(source.outlet), "italic"))
    tail = [x for x in (mla_date(source.date), safe(_bare(source.url or ""))) if x]
    ref.append(("".join(f", {x}" for x in tail) + ".", ""))
    if source.seen_at:
        # MLA 9: a work read in a second container (a repost) names that container too
        ref += [(" ", ""), (_host(safe(source.seen_at)), "italic")]
        ref.append((f", {safe(_bare(source.seen_at))}.", ""))
    cited = _family_names(names, others, "and") or _short_title(safe(source.title), apa=False)
    return Citation("mla", ref, *_parenthetical(cited, quote, "qtd. in "))


def _chicago(source: Source, quote: Quote | None, speaker: str) -> Citation:
    names, others = parse_authors(source.author)
    date = chicago_date(source.date)
    links = [safe(source.url)] if source.url else []
    copy = _copy_note(source)
    ref: Line = []
    if names:
        ref.append((f"{_end(safe(_authors_chicago(names, others, note=False)))} ", ""))
    ref.append((f"{_quoted_title(source.title, '.')} ", ""))
    ref += [(safe(source.outlet), "italic"), (_end(f", {date}"), "")]
    for link in links:
        ref.append((f" {link}.", ""))
    if copy:
        ref.append((f" {copy}.", ""))
    note: Line = []
    if quote is not None:
        _, notes = _quote_lead(quote)
        bits = [speaker, quote.venue, chicago_date(quote.date) if quote.date else ""]
        note += [(", ".join(safe(b) for b in bits if b) + ", quoted in ", "")]
    else:
        notes = ()
    if names:
        note.append((safe(_authors_chicago(names, others, note=True)) + ", ", ""))
    t = _quoted_title(source.title, ",")
    note += [(f"{t} ", ""), (safe(source.outlet), "italic"), (f", {date}", "")]
    for link in links:
        note.append((f", {link}", ""))
    if copy:
        note.append((f", {copy[0].lower()}{copy[1:]}", ""))
    note.append((".", ""))
    return Citation("chicago", ref, note, notes)


# --- the tool's own forms (what `asiannato cite` printed before the styles) ---------------

_BIB_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_{}"})


def _bib(text: str) -> str:
    return " ".join(safe(text).translate(_BIB_SPECIAL).split())


def _bibtex(source: Source, quote: Quote | None, speaker: str) -> str:
    link = safe(source.url or source.seen_at or "") or None
    key = (quote.id if quote else source.id).replace("-", "_")
    fields = [("title", source.title), ("howpublished", source.outlet)]
    if source.author:
        fields.insert(0, ("author", source.author))
    if source.date:
        fields.append(("year", source.date[:4]))
        if len(source.date) >= 7:
            fields.append(("month", MONTHS[int(source.date[5:7]) - 1].lower()))
    if link:
        fields.append(("url", link))
    notes = []
    if source.seen_at and not source.url:
        notes.append("Seen in a copy")
    if quote is not None:
        verb = {"direct": "Quoting", "reported": "Reporting", "translation": "Quoting (translated)"}
        # reported speech is the outlet's wording: never put in quotation marks
        words = (
            f"(reported speech) {quote.text}"
            if quote.kind == "reported"
            else f"\u201c{quote.text}\u201d"
        )
        notes.append(f"{verb[quote.kind]} {speaker}, {quote.date or 'date unknown'}: {words}")
    if notes:
        fields.append(("note", ". ".join(notes)))
    body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


def _tool_form(
    source: Source, quote: Quote | None, speaker: str, role: str | None, style: str
) -> str:
    link = safe(source.url or source.seen_at or "") or None
    date = human_date(source.date) if source.date else "n.d."
    md_mode = style == "markdown"
    title = f"\u201c{safe(source.title)}.\u201d"
    outlet = f"*{safe(source.outlet)}*" if md_mode else safe(source.outlet)
    where = f"<{link}>" if md_mode and link else (link or "")
    copy = " (seen in a copy)" if source.seen_at and not source.url else ""
    ref = " ".join(
        x
        for x in (
            f"{safe(source.author)}." if source.author else "",
            title,
            f"{outlet}, {date}.",
            f"{where}{copy}".strip(),
        )
        if x
    )
    if quote is None:
        return ref + "\n"
    said = {
        "direct": "quoted in",
        "reported": "as reported in",
        "translation": "quoted in translation in",
    }
    text = f"\u201c{safe(quote.text)}\u201d"
    if quote.kind == "reported":
        text = f"(reported speech) {safe(quote.text)}"
    return (
        f"{safe(speaker)}{', ' + safe(role) if role else ''}, "
        f"{human_date(quote.date) if quote.date else 'date unknown'}, {safe(quote.venue)}: "
        f"{text}, {said[quote.kind]} {ref}\n"
    )


__all__ = [
    "STYLES",
    "Citation",
    "Name",
    "Span",
    "apa_date",
    "as_text",
    "chicago_date",
    "cite_quote",
    "cite_source",
    "mla_date",
    "parse_authors",
    "parse_name",
    "spans_text",
]
