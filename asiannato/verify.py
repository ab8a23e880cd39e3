"""The fact-checker's question: were these words really said, and how do they differ?

``verify(text, quotes)`` looks for the quotes closest to words someone attributes to a person
and shows, word by word, how the given text differs from what was said.

What counts as the same:

- Case, punctuation, curly or straight quotation marks and apostrophes, and square brackets
  (editorial insertions) are ignored: they are how a text is printed, not what was said.
- A part of a quote is verbatim: the quote's words outside the part are context, not a
  difference. An ellipsis in the given text ("too early … collective security") marks words
  left out, as in any quotation; left-out words there are not a difference either.
- A contraction and its long form ("It's" / "It is") align with each other but ARE shown
  as a difference, and make the outcome ``close``, not ``verbatim``: a fact-checker asked
  whether words are verbatim must be told that the speaker said "It's", even though the
  meaning is the same. The difference is marked ``minor`` so a renderer can say so.
- Words are compared in the quote's ``text`` and, where present, in its ``original_text``
  (the words in the language they were said), so a translation leads to its original and an
  original to its translation. Chinese and Japanese are compared character by character.

Outcomes: ``verbatim`` (exit 0): the text is a quote, or a part of one, word for word;
``close`` (exit 1): a quote scores at least ``CLOSE_THRESHOLD``; ``none`` (exit 3).

Score: with M the words that match in order (difflib), Q the words given and W the words of
the quote's stretch they align with (omitted words at an ellipsis not counted), the score is
(M / Q) x sqrt(M / W): how much of the given text was said, times (less strongly) how much of
the stretch of the quote it covers. 1.0 for a verbatim part, lower for every word added,
dropped or changed; a short phrase of a quote with three words left out of its middle still
scores about 0.7. The
stretch W is chosen to hold the most matching words, bridging short gaps: a word of the quote
skipped inside it costs a quarter of a word matched.

Cost: one pass over all quotes with a cheap filter (how many of the given text's longest
distinct words, at most ``_PREFILTER_WORDS``, occur in the quote's lowered text: a substring
test done in C), so O(N x w) for N quotes and w <= 40 words; then difflib, O(Q x L) for a
quote of L words, on the ``_SHORTLIST`` best only. 50,000 quotes cost one lowering and a few
substring tests each.
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from asiannato.doc import Line
from asiannato.model import Quote

CLOSE_THRESHOLD = 0.6  # below this a quote is not shown as close: too little in common
_SHORTLIST = 25  # candidates compared word by word after the cheap filter
_PREFILTER_WORDS = 40  # the longest distinct words of the given text used to filter


class Outcome(StrEnum):
    VERBATIM = "verbatim"
    CLOSE = "close"
    NONE = "none"


EXIT_CODE = {Outcome.VERBATIM: 0, Outcome.CLOSE: 1, Outcome.NONE: 3}

_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK = re.compile(f"[{_CJK_CHAR}]")
# a display word: one CJK character, or a run of anything but space and CJK
_WORD = re.compile(f"[{_CJK_CHAR}]|[^\\s{_CJK_CHAR}]+")
_ELLIPSIS = re.compile(r"(\u2026|\.\.\.)")
_STRAIGHT_PAIRS = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
)
_STRAIGHT = str.maketrans(dict(_STRAIGHT_PAIRS))
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")

_CONTRACTED = {
    "n't": ["not"],
    "'re": ["are"],
    "'ve": ["have"],
    "'ll": ["will"],
    "'m": ["am"],
    "'d": ["would"],
}
_SPECIAL = {"won't": ["will", "not"], "can't": ["can", "not"], "cannot": ["can", "not"]}
_SHAPE = {"shan't": ["shall", "not"], "let's": ["let", "us"]}
# "'s" is "is" only after these: elsewhere it is a possessive ("Japan's")
_S_IS_AFTER = "it that what there here he she who where how"
_S_IS = frozenset(_S_IS_AFTER.split())


def _join(words: list[str] | tuple[str, ...]) -> str:
    """Words joined by spaces, but Chinese and Japanese characters run together."""
    out = ""
    for w in words:
        latin_next = w[0].isascii() and w[0].isalnum()
        if out and (not (_CJK.search(out[-1]) or _CJK.search(w[0])) or latin_next):
            out += " "
        out += w
    return out


def _key(word: str) -> str:
    """A word as compared: case folded, quotation marks straightened, punctuation at its
    ends and square brackets gone. "" for punctuation alone."""
    w = unicodedata.normalize("NFKC", word).casefold().translate(_STRAIGHT)
    return _EDGE.sub("", w.replace("[", "").replace("]", ""))


def _expand(key: str) -> list[str]:
    """A key in long form: "it's" -> ["it", "is"]; other words unchanged."""
    if key in _SPECIAL:
        return _SPECIAL[key]
    if key in _SHAPE:
        return _SHAPE[key]
    if "'" in key:
        for end, long in _CONTRACTED.items():
            if key.endswith(end) and len(key) > len(end):
                return [key[: -len(end)], *long]
        if key.endswith("'s") and key[:-2] in _S_IS:
            return [key[:-2], "is"]
    return [key]


@dataclass
class _Words:
    """A text as display words and as the compared tokens they stand for."""

    shown: list[str]  # display words
    keys: list[str]  # one compare key per display word (not expanded)
    tokens: list[str]  # expanded tokens
    owner: list[int]  # tokens[i] belongs to shown[owner[i]]
    gaps: set[int] = field(default_factory=set)  # token positions where an ellipsis stood
    pending: list[str] = field(default_factory=list)  # punctuation before the first word


def _words(text: str) -> _Words:
    out = _Words([], [], [], [])
    for raw in _WORD.findall(text):
        parts = [p for p in _ELLIPSIS.split(raw) if p]
        if len(parts) > 1 or (parts and _ELLIPSIS.fullmatch(parts[0])):
            # "early…" or "…" alone: mark the gap where the ellipsis stands
            for p in parts:
                if _ELLIPSIS.fullmatch(p):
                    out.gaps.add(len(out.tokens))
                else:
                    _add(out, p)
            continue
        _add(out, raw)
    return out


def _add(out: _Words, raw: str) -> None:
    key = _key(raw)
    if not key:
        # punctuation alone is not compared, but shown with the word before it (or after)
        if out.shown:
            out.shown[-1] = _join([out.shown[-1], raw])
        else:
            out.pending.append(raw)
        return
    out.shown.append(_join([*out.pending, raw]))
    out.pending.clear()
    out.keys.append(key)
    for t in _expand(key) if not _CJK.search(key) else [key]:
        out.tokens.append(t)
        out.owner.append(len(out.shown) - 1)


# --- the result ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    """One run of the word-by-word difference, from what was said to the given text.

    ``equal``: the same words; ``delete``: said but missing from the given text;
    ``insert``: in the given text but not said; ``replace``: said words (``said``) given as
    others (``given``); ``omitted``: said words left out where the given text has an
    ellipsis; ``context``: words of the quote before or after the part given.
    ``minor``: a replace that only changes a contraction to its long form or back.
    """

    kind: str
    said: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    minor: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.kind,
            "said": " ".join(self.said),
            "given": " ".join(self.given),
            "minor": self.minor,
        }


@dataclass(frozen=True)
class Match:
    quote: Quote
    score: float  # (M / Q) x sqrt(M / W), see the module's docstring
    verbatim: bool
    field: str  # "text" or "original_text": where the words were found
    ops: tuple[Op, ...]

    @property
    def outcome(self) -> Outcome:
        return Outcome.VERBATIM if self.verbatim else Outcome.CLOSE

    def to_dict(self) -> dict[str, Any]:
        q = self.quote
        return {
            "quote": q.id,
            "speaker": q.speaker,
            "date": q.date,
            "kind": q.kind,
            "sources": list(q.sources),
            "text": q.text,
            "original_text": q.original_text,
            "venue": q.venue,
            "note": q.note,
            "matched_in": self.field,
            "score": round(self.score, 3),
            "outcome": str(self.outcome),
            "diff": [op.to_dict() for op in self.ops],
        }


@dataclass(frozen=True)
class Verification:
    text: str
    outcome: Outcome
    matches: tuple[Match, ...]  # best first
    threshold: float = CLOSE_THRESHOLD

    @property
    def exit_code(self) -> int:
        return EXIT_CODE[self.outcome]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "outcome": str(self.outcome),
            "threshold": self.threshold,
            "matches": [m.to_dict() for m in self.matches],
        }


def diff_line(ops: tuple[Op, ...] | list[Op], *, marks: bool = True) -> Line:
    """The difference as spans for a Doc: styles "del" (said, not given), "ins" (given, not
    said), "dim" (context and omitted words), "" (the same words). With ``marks`` the
    changed words also carry wdiff's marks, ``[-said-]`` and ``{+given+}``, and omitted
    words show as ``[…]``, so the difference survives plain text, NO_COLOR and print."""
    out: Line = []
    wrap = {"del": ("[-", "-]"), "ins": ("{+", "+}")} if marks else {}
    for op in ops:
        if op.kind == "equal":
            runs = [(op.said, "")]
        elif op.kind == "context":
            runs = [(op.said, "dim")]
        elif op.kind == "omitted":
            runs = [(("[\u2026]" if marks else "\u2026",), "dim")]
        else:
            runs = [(op.said, "del"), (op.given, "ins")]
        for words, style in runs:
            if not words:
                continue
            a, b = wrap.get(style, ("", ""))
            text = a + _join(words) + b
            if out and _join([out[-1][0][-1:], text[:1]]) != out[-1][0][-1:] + text[:1]:
                out.append((" ", ""))
            out.append((text, style))
    return out


def diff_text(ops: tuple[Op, ...] | list[Op]) -> str:
    """The difference as plain text, marked the way wdiff marks it: ``[-said-]`` and
    ``{+given+}``; context as is; omitted words as ``[…]``."""
    return "".join(text for text, _ in diff_line(ops))


_OUTCOME_TEXT = {
    Outcome.VERBATIM: "Found word for word",
    Outcome.CLOSE: "Not found word for word; the closest",
    Outcome.NONE: "No quote on record comes close to these words",
}
_KIND_TEXT = {
    "direct": "direct quote",
    "reported": "reported speech (the outlet's words, not a verbatim quote)",
    "translation": "translation",
}


def _haystack(q: Quote) -> str:
    """The quote's words lowered for the cheap filter; the slow Unicode steps only for text
    that needs them (most quotes are ASCII, or already in normal form)."""
    text = q.text if not q.original_text else f"{q.text}\n{q.original_text}"
    if text.isascii():
        return text.lower()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    for curly, straight in _STRAIGHT_PAIRS:  # str.replace is far quicker than str.translate
        if curly in text:
            text = text.replace(curly, straight)
    return text


def _probe_words(given: _Words) -> list[str]:
    """What the cheap filter looks for: the longest distinct words (long words are rarer),
    or for Chinese and Japanese, pairs of characters."""
    keys = [k for k in given.keys if not _CJK.fullmatch(k)]
    cjk = "".join(k for k in given.keys if _CJK.fullmatch(k))
    probes = {k for k in keys if len(k) >= 3} or set(keys)
    probes |= {cjk[i : i + 2] for i in range(len(cjk) - 1)} or set(cjk)
    return sorted(probes, key=lambda w: (-len(w), w))[:_PREFILTER_WORDS]


def verify(text: str, quotes: list[Quote] | tuple[Quote, ...], *, limit: int = 5) -> Verification:
    """The quotes closest to ``text``, best first (at most ``limit``), and the outcome."""
    given = _words(text)
    if not given.tokens:
        return Verification(text, Outcome.NONE, ())
    probes = _probe_words(given)
    scored = (
        (sum(p in hay for p in probes), i)
        for i, hay in ((i, _haystack(q)) for i, q in enumerate(quotes))
    )
    best = heapq.nlargest(_SHORTLIST, (s for s in scored if s[0] > 0))
    matches: list[Match] = []
    for _, i in best:
        q = quotes[i]
        found = [_match(given, q, "text", q.text)]
        if q.original_text:
            found.append(_match(given, q, "original_text", q.original_text))
        m = max(found, key=lambda x: (x.score, x.verbatim))
        if m.score >= CLOSE_THRESHOLD:
            matches.append(m)
    matches.sort(key=lambda m: (not m.verbatim, -m.score, m.quote.date or "", m.quote.id))
    matches = matches[:limit]
    if not matches:
        return Verification(text, Outcome.NONE, ())
    return Verification(text, matches[0].outcome, tuple(matches))


def _window(given: _Words, said: _Words) -> tuple[int, int]:
    """The stretch of the quote's tokens the given text aligns with best."""
    sm = difflib.SequenceMatcher(None, given.tokens, said.tokens, autojunk=False)
    blocks = [b for b in sm.get_matching_blocks() if b.size]
    if not blocks:
        return 0, 0
    best, span = -1.0, (0, 0)
    for i in range(len(blocks)):
        m, skipped = 0, 0
        for j in range(i, len(blocks)):
            m += blocks[j].size
            if j > i:
                prev, cur = blocks[j - 1], blocks[j]
                left_out = any(prev.a + prev.size <= g <= cur.a for g in given.gaps)
                skipped += 0 if left_out else cur.b - (prev.b + prev.size)
            start, end = blocks[i].b, blocks[j].b + blocks[j].size
            # every word matched counts; a word of the quote skipped costs a quarter (none
            # where the given text has an ellipsis), so a stray "the" far away does not
            # stretch the window, but a short gap is bridged
            value = m - skipped / 4
            if value > best:
                best, span = value, (start, end)
    return span


def _take(ws: _Words, a: int, b: int, offset: int, used: set[int]) -> tuple[str, ...]:
    """The display words of tokens a..b (shifted by offset) not shown yet."""
    fresh = sorted({ws.owner[k + offset] for k in range(a, b)} - used)
    used.update(fresh)
    return tuple(ws.shown[i] for i in fresh)


def _long(words: tuple[str, ...]) -> list[str]:
    return [t for w in words for t in _expand(_key(w))]


def _same(
    given: _Words, said: _Words, i: int, j: int, n: int, used_g: set[int], used_s: set[int]
) -> list[Op]:
    """Runs of tokens that match, word by word: the same words, or a contraction given in
    its long form (or back), which is a minor difference."""
    ops: list[Op] = []
    k = 0
    while k < n:
        end = k + 1
        # a unit ends where both sides end a display word
        while end < n and (
            given.owner[i + end] == given.owner[i + end - 1]
            or said.owner[j + end] == said.owner[j + end - 1]
        ):
            end += 1
        g = _take(given, i + k, i + end, 0, used_g)
        s = _take(said, j + k, j + end, 0, used_s)
        same = [_key(w) for w in g] == [_key(w) for w in s]
        if same and ops and ops[-1].kind == "equal":
            ops[-1] = Op("equal", ops[-1].said + s, ops[-1].given + g)
        elif same:
            ops.append(Op("equal", s, g))
        elif g or s:
            # "It's" / "It is" mean the same; "It's" / "It" (the rest elsewhere) do not
            ops.append(Op("replace", s, g, minor=_long(g) == _long(s)))
        k = end
    return ops


def _merged(ops: list[Op]) -> list[Op]:
    """Neighbouring runs of one kind as one run; words dropped next to words added as one
    replacement ("[-It's-]{+It was+}" rather than three runs)."""
    out: list[Op] = []
    changes = ("insert", "delete", "replace")
    for op in ops:
        last = out[-1] if out else None
        if last and last.kind == op.kind == "equal":
            out[-1] = Op("equal", last.said + op.said, last.given + op.given)
        elif last and last.kind in changes and op.kind in changes and not (last.minor or op.minor):
            out[-1] = Op("replace", last.said + op.said, last.given + op.given)
        elif last and last.kind in changes and op.kind in changes and last.minor and op.minor:
            out[-1] = Op("replace", last.said + op.said, last.given + op.given, minor=True)
        else:
            out.append(op)
    for k, op in enumerate(out):
        if op.kind == "replace" and not op.said:
            out[k] = Op("insert", (), op.given)
        elif op.kind == "replace" and not op.given:
            out[k] = Op("delete", op.said)
    return out


def _match(given: _Words, q: Quote, where: str, said_text: str) -> Match:
    said = _words(said_text)
    start, end = _window(given, said)
    if end == start:
        return Match(q, 0.0, False, where, ())
    # whole display words: a window may not cut "It's" in two
    w0, w1 = said.owner[start], said.owner[end - 1] + 1
    t0 = said.owner.index(w0)
    t1 = len(said.owner) - said.owner[::-1].index(w1 - 1)
    sm = difflib.SequenceMatcher(None, given.tokens, said.tokens[t0:t1], autojunk=False)
    ops: list[Op] = []
    if w0:
        ops.append(Op("context", tuple(said.shown[:w0])))
    matched = omitted = 0
    used_given: set[int] = set()
    used_said: set[int] = set()

    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            matched += i2 - i1
            ops += _same(given, said, i1, j1 + t0, i2 - i1, used_given, used_said)
            continue
        g = _take(given, i1, i2, 0, used_given)
        s = _take(said, j1, j2, t0, used_said)
        if tag == "insert" and i1 in given.gaps and 0 < i1 < len(given.tokens):
            # difflib's "insert": in the quote, not in the given text; here at an ellipsis
            omitted += j2 - j1
            ops.append(Op("omitted", s))
        elif tag == "insert":
            ops.append(Op("delete", s))
        elif tag == "delete":
            ops.append(Op("insert", (), g))
        else:
            ops.append(Op("replace", s, g))
    if w1 < len(said.shown):
        ops.append(Op("context", tuple(said.shown[w1:])))
    ops = _merged([op for op in ops if op.said or op.given])
    w = (t1 - t0) - omitted
    score = matched / len(given.tokens) * math.sqrt(matched / max(w, 1))
    verbatim = all(op.kind in ("equal", "context", "omitted") for op in ops)
    return Match(q, score, verbatim, where, tuple(ops))


__all__ = [
    "CLOSE_THRESHOLD",
    "EXIT_CODE",
    "Match",
    "Op",
    "Outcome",
    "Verification",
    "diff_line",
    "diff_text",
    "verify",
]
