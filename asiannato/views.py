"""Display decisions shared by every output format: labels, wording of computed lines,
source numbering, and making dataset text safe for a terminal. No Rich here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from asiannato.model import Actor, Office, Position, Quote, Source, Term
from asiannato.query import Comparison, office_on
from asiannato.textsafe import safe

__all__ = ["safe"]  # re-exported: renderers import it from here

STANCE_STYLE = {
    "advocate": "bold white on dark_green",
    "supportive": "bold black on green3",
    "neutral": "bold black on grey70",
    "skeptical": "bold black on yellow3",
    "opposed": "bold white on red3",
    "undeclared": "black on grey50",
}
_ONLY_VERB = {
    "reasons": "gives the reasons",
    "prefers": "prefers instead",
    "concerns": "names the concerns",
}
ROLE_LABEL = {"reasons": "reasons", "prefers": "prefers instead", "concerns": "concerns"}
KIND_LABEL = {
    "direct": "direct quote",
    "reported": "reported speech (not a verbatim quote)",
    "translation": "translation",
}
LANGUAGES = {
    "en": "English",
    "ja": "Japanese",
    "zh": "Chinese",
    "zh-Hant": "Chinese (traditional script)",
    "zh-Hans": "Chinese (simplified script)",
    "ko": "Korean",
    "ru": "Russian",
    "tl": "Filipino",
    "fil": "Filipino",
}


def as_of_text(as_of: str, facts_to: str = "") -> str:
    """ "as of DATE", and where DATE is after the data ends, say so: positions shown
    "as of" today are the last ones on record, not news from today."""
    if facts_to and as_of > facts_to:
        return f"as of {as_of}; the data runs to {facts_to}"
    return f"as of {as_of}"


def language_name(tag: str | None) -> str:
    if not tag:
        return "English"
    return LANGUAGES.get(tag, LANGUAGES.get(tag.split("-")[0], tag))


def date_text(date: str | None, *, reported: bool = False) -> str:
    if not date:
        return "date unknown"
    return f"{date} (date reported)" if reported else date


def office_text(office: Office, actors: dict[str, Actor]) -> str:
    of = actors.get(office.of or "")
    where = f" ({of.name})" if of and of.name.lower() not in office.title.lower() else ""
    return f"{office.title}{where}, {office.term()}"


def speaker_role(quote: Quote, speaker: Actor | None) -> str | None:
    """The speaker's office when the words were said: as the source gives it, else from
    the office dates."""
    if quote.role:
        return quote.role
    if speaker is None:
        return None
    if not quote.date:
        return None
    office = office_on(speaker, quote.date)
    return office.title if office else None


def history_text(earlier: Sequence[Position]) -> str:
    """Earlier positions, oldest first: "2024-09-27 advocate; 2024-10-02 supportive"."""
    return "; ".join(f"{p.since} {p.stance}" for p in earlier)


def term_labels(ids: Iterable[str], terms: dict[str, Term]) -> list[str]:
    return [terms[t].label if t in terms else t for t in ids]


def source_line(s: Source) -> str:
    """One line of a bibliography: outlet, author, date, title."""
    bits = [s.outlet]
    if s.author:
        bits.append(s.author)
    bits.append(s.date or "date unknown")
    return f"{', '.join(bits)}: {s.title}"


@dataclass
class Bibliography:
    """Sources numbered in the order the text first cites them."""

    order: list[str]
    by_id: dict[str, Source]

    def __post_init__(self) -> None:
        self._number = {sid: n for n, sid in enumerate(self.order, 1)}

    def numbers(self, ids: Sequence[str]) -> list[int]:
        return sorted({self._number[i] for i in ids if i in self._number})

    def cite(self, ids: Sequence[str]) -> str:
        return "".join(f"[{n}]" for n in self.numbers(ids))

    def compact(self, ids: Sequence[str]) -> str:
        """Source numbers for a narrow column: "1-3 7" rather than "[1][2][3][7]"."""
        nums = sorted(set(self.numbers(ids)))
        runs: list[str] = []
        i = 0
        while i < len(nums):
            j = i
            while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
                j += 1
            runs.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
            i = j + 1
        return " ".join(runs)

    def entries(self) -> list[tuple[int, Source]]:
        return [(n, self.by_id[i]) for n, i in enumerate(self.order, 1) if i in self.by_id]


def bibliography(id_lists: Iterable[Sequence[str]], by_id: dict[str, Source]) -> Bibliography:
    order: dict[str, None] = {}  # insertion-ordered set
    for ids in id_lists:
        for i in ids:
            if i in by_id:
                order.setdefault(i)
    return Bibliography(list(order), by_id)


def agreement_lines(cmp: Comparison, terms: dict[str, Term]) -> tuple[list[str], list[str]]:
    """Computed lines: where the compared actors agree and where they differ."""
    names = {b.actor.id: b.actor.name for b in cmp.briefs}
    agree: list[str] = []
    differ: list[str] = []

    def who(ids: Sequence[str]) -> str:
        ns = [names[i] for i in ids]
        return ns[0] if len(ns) == 1 else ", ".join(ns[:-1]) + " and " + ns[-1]

    stances: dict[str, list[str]] = {}
    for b in cmp.briefs:
        stances.setdefault(b.position.stance if b.position else "undeclared", []).append(b.actor.id)
    if len(stances) == 1:
        ((stance, ids),) = stances.items()
        agree.append(f"Same stance: {who(ids)} are all {stance}.")
    else:
        differ.append("Stance: " + "; ".join(f"{who(ids)} {s}" for s, ids in stances.items()) + ".")
    for s in cmp.shared:
        label = terms[s.term].label if s.term in terms else s.term
        verb = {
            "reasons": "give the reason",
            "prefers": "prefer instead",
            "concerns": "name the concern",
        }[s.role]
        agree.append(f"{who(s.actors)} {verb}: {label}.")
    for fid, members in cmp.common_frameworks:
        fw = next(f for b in cmp.briefs for f in b.frameworks if f.id == fid)
        agree.append(
            f"{who(members)} are both members of {fw.label}."
            if len(members) == 2
            else f"{who(members)} are all members of {fw.label}."
        )
    threats = [b.actor.id for b in cmp.briefs if b.position and b.position.named_as_threat]
    if threats and len(threats) < len(cmp.briefs):
        differ.append(f"Proponents name {who(threats)} as a threat the pact would deter.")
    for b in cmp.briefs:
        own = cmp.only.get(b.actor.id, {})
        for role in ("reasons", "prefers", "concerns"):
            if own.get(role):
                differ.append(
                    f"Only {b.actor.name} {_ONLY_VERB[role]}: "
                    + ", ".join(term_labels(own[role], terms))
                    + "."
                )
    if not agree:
        agree.append("No shared reasons, preferences, concerns or frameworks on record.")
    return agree, differ


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(value: str) -> str:
    """ "2024-09-25" -> "25 Sep 2024"; "2024-09" -> "Sep 2024"; "2024" -> "2024"."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


# --- citations ------------------------------------------------------------------------

_BIB_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_{}"})


def _bib(text: str) -> str:
    return " ".join(safe(text).translate(_BIB_SPECIAL).split())


def citation(
    source: Source,
    fmt: str,
    *,
    quote: Quote | None = None,
    speaker: Actor | None = None,
) -> str:
    """A citation a user can paste: for a source, or for a quote (naming the speaker, the
    date and the source it was printed in). ``fmt``: text, markdown or bibtex."""
    link = safe(source.url or source.seen_at or "") or None
    date = human_date(source.date) if source.date else "n.d."
    if fmt == "bibtex":
        key = (quote.id if quote else source.id).replace("-", "_")
        fields = [("title", source.title), ("howpublished", source.outlet)]
        if source.author:
            fields.insert(0, ("author", source.author))
        if source.date:
            fields.append(("year", source.date[:4]))
            if len(source.date) >= 7:
                fields.append(("month", _MONTHS[int(source.date[5:7]) - 1].lower()))
        if link:
            fields.append(("url", link))
        notes = []
        if source.seen_at and not source.url:
            notes.append("Seen in a copy")
        if quote is not None:
            who = speaker.name if speaker else quote.speaker
            verb = {
                "direct": "Quoting",
                "reported": "Reporting",
                "translation": "Quoting (translated)",
            }
            # reported speech is the outlet's wording: never put in quotation marks
            words = (
                f"(reported speech) {quote.text}"
                if quote.kind == "reported"
                else f"\u201c{quote.text}\u201d"
            )
            notes.append(f"{verb[quote.kind]} {who}, {date_text(quote.date)}: {words}")
        if notes:
            fields.append(("note", ". ".join(notes)))
        body = ",\n".join(f"  {name} = {{{_bib(value)}}}" for name, value in fields)
        return f"@misc{{{key},\n{body}\n}}\n"
    md_mode = fmt == "markdown"
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
    who = safe(speaker.name if speaker else quote.speaker)
    role = speaker_role(quote, speaker)
    said = {
        "direct": "quoted in",
        "reported": "as reported in",
        "translation": "quoted in translation in",
    }
    text = f"\u201c{safe(quote.text)}\u201d"
    if quote.kind == "reported":
        text = f"(reported speech) {safe(quote.text)}"
    return (
        f"{who}{', ' + safe(role) if role else ''}, "
        f"{human_date(quote.date) if quote.date else 'date unknown'}, {safe(quote.venue)}: "
        f"{text}, {said[quote.kind]} {ref}\n"
    )
