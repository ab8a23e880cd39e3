"""The reference questions: actor profiles, frameworks, timeline, arguments, search,
sources and citations. Like ``core``, every function returns plain values."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence
from typing import Any

from asiannato.errors import NotFoundError, UsageError
from asiannato.model import (
    BUNDLED,
    Actor,
    Argument,
    Event,
    Framework,
    Office,
    Position,
    Quote,
    Source,
    Term,
)
from asiannato.model import date_bounds as _bounds
from asiannato.query import core
from asiannato.query.answer import Answer, quote_dict, sources_cited, speaker_role
from asiannato.query.core import fts_query
from asiannato.records import as_dict, record
from asiannato.store import Store, normalize

# --- profiles ---------------------------------------------------------------------------


@record(frozen=False)
class Official:
    person: Actor
    offices: tuple[Office, ...]  # offices of the profiled actor
    in_office: bool  # on the as-of date


@record(frozen=False)
class Profile:
    actor: Actor
    as_of: str
    positions: tuple[Position, ...]  # every position, oldest first
    current: Position | None  # the one in force on the as-of date
    officials: tuple[Official, ...]  # for a state or organization
    office_of: dict[str, str]  # actor id -> name, for a person's offices
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    frameworks: tuple[Framework, ...]
    arguments: tuple[Argument, ...]
    affiliation: Actor | None  # a person's country


def _marks(n: int) -> str:
    """SQL placeholders for an IN list of n values."""
    return ",".join("?" * n)


def profile(store: Store, name: str, *, as_of: str | None = None) -> Profile:
    actor = core.resolve_actor(store, name)
    date = as_of or core.today()
    day = _bounds(date)[0]
    day_hi = _bounds(date)[1]
    positions = tuple(core.positions_of(store, actor.id))
    current = core.position_on(store, actor.id, date)
    officials: list[Official] = []
    if actor.kind != "person":
        for p in core.people_of(store, actor.id):
            offices = tuple(o for o in p.offices if o.of == actor.id)
            officials.append(Official(p, offices, any(o.held_on(day) for o in offices)))
        officials.sort(
            key=lambda o: max((x.start or "" for x in o.offices), default=""), reverse=True
        )
        officials.sort(key=lambda o: not o.in_office)
    speakers = [actor.id, *(o.person.id for o in officials)]
    # as it stood on the date: nothing said or done after it
    quotes = tuple(
        q for q in core.quotes_by(store, speakers) if q.date and _bounds(q.date)[0] <= day_hi
    )
    home = core.home_of(actor)
    of_ids = {o.of for o in actor.offices if o.of}
    names = {i: a.name for i, a in core.actors(store, of_ids).items()}
    affiliation = core.actors(store, [actor.country]).get(actor.country) if actor.country else None
    return Profile(
        actor=actor,
        as_of=date,
        positions=positions,
        current=current,
        officials=tuple(officials),
        office_of=names,
        quotes=quotes,
        # the same lists as `timeline --actor` and `arguments --actor` (the actor and
        # its officials), the events up to the date
        events=tuple(timeline(store, actor=actor.id, until=date)),
        frameworks=tuple(core.frameworks_of(store, home)),
        arguments=tuple(arguments(store, actor=actor.id)),
        affiliation=affiliation,
    )


# --- frameworks -------------------------------------------------------------------------


def frameworks(store: Store) -> list[Framework]:
    rows = store.conn.execute("SELECT json FROM frameworks ORDER BY seq").fetchall()
    return [Framework.from_dict(json.loads(r)) for (r,) in rows]


def find_framework(store: Store, name: str) -> Framework:
    """A framework by id, short name or name, in any case ("nato", "Quad", "seato")."""
    norm = normalize(name)
    every = frameworks(store)
    for fw in every:
        if norm in (normalize(fw.id), normalize(fw.name), normalize(fw.short_name or "")):
            return fw
    keys = {normalize(fw.short_name or fw.id): fw.id for fw in every}
    keys.update({fw.id: fw.id for fw in every})
    import difflib

    close = difflib.get_close_matches(norm, list(keys), n=1, cutoff=0.6)
    hint = f" (did you mean {keys[close[0]]!r}?)" if close else ""
    raise NotFoundError(
        f"no framework matches {name!r}{hint}",
        hint=None if close else "run 'asiannato frameworks' to list them",
    )


@record(frozen=False)
class FrameworkDetail:
    framework: Framework
    members: tuple[tuple[Actor, str | None, str | None], ...]  # actor, joined, left
    events: tuple[Event, ...]


def framework_detail(store: Store, name: str) -> FrameworkDetail:
    fw = find_framework(store, name)
    people = core.actors(store, [m.actor for m in fw.members])
    members = tuple((people[m.actor], m.joined, m.left) for m in fw.members if m.actor in people)
    rows = store.conn.execute(
        "SELECT e.json FROM event_links l JOIN events e ON e.id = l.event_id "
        "WHERE l.kind = 'framework' AND l.ref = ? ORDER BY e.date_lo, e.seq",
        (fw.id,),
    ).fetchall()
    return FrameworkDetail(fw, members, tuple(Event.from_dict(json.loads(r)) for (r,) in rows))


# --- timeline ---------------------------------------------------------------------------


def timeline(
    store: Store, *, since: str | None = None, until: str | None = None, actor: core.Many = None
) -> list[Event]:
    """Dated events in order. A partial date (2024-09, 2007) counts when it may fall
    inside the range; a span counts when it overlaps it."""
    where: list[str] = []
    args: list[str] = []
    if since:
        where.append("e.date_hi >= ?")
        args.append(_bounds(since)[0])
    if until:
        where.append("e.date_lo <= ?")
        args.append(_bounds(until)[1])
    sql = "SELECT e.json FROM events e"
    if actor:
        ids = [i for a in core.many(actor) for i in core.speakers_of(store, _actor_id(store, a))]
        where.append(
            "e.id IN (SELECT event_id FROM event_links "
            f"WHERE kind = 'actor' AND ref IN ({_marks(len(ids))}))"
        )
        args.extend(ids)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.date_lo, e.date_hi, e.seq"
    return [Event.from_dict(json.loads(r)) for (r,) in store.conn.execute(sql, args)]


# --- arguments --------------------------------------------------------------------------


def _actor_id(store: Store, name: str) -> str:
    return core.resolve_actor(store, name).id


def arguments(store: Store, *, side: core.Many = None, actor: core.Many = None) -> list[Argument]:
    sql = "SELECT a.json FROM arguments a"
    where: list[str] = []
    args: list[str] = []
    if side:
        sides = core.many(side)
        where.append(f"a.side IN ({_marks(len(sides))})")
        args.extend(sides)
    if actor:
        ids = [i for a in core.many(actor) for i in core.speakers_of(store, _actor_id(store, a))]
        where.append(
            "a.id IN (SELECT argument_id FROM argument_actors WHERE actor_id IN ({}))".format(
                ",".join("?" * len(ids))
            )
        )
        args.extend(ids)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY CASE a.side WHEN 'for' THEN 0 ELSE 1 END, a.seq"
    return [Argument.from_dict(json.loads(r)) for (r,) in store.conn.execute(sql, args)]


def quotes_by_id(store: Store, ids: Sequence[str]) -> dict[str, Quote]:
    found = (Quote.from_dict(d) for d in core.records_by_id(store, "quotes", ids))
    return {q.id: q for q in found}


# --- search -----------------------------------------------------------------------------

# Markers around matched words in highlighted text; C0 controls never survive into the
# store's text unescaped, so they cannot be confused with data.
HIT_START = "\x02"
HIT_END = "\x03"


@record(frozen=False)
class Hit:
    kind: str
    ref: str
    title: str  # highlighted
    snippet: str  # highlighted
    rank: float
    origin: str = BUNDLED


# the kinds of record a search finds, in the order its results are grouped
SEARCH_KINDS = ("actor", "position", "quote", "framework", "event", "argument", "source")
SEARCH_LIMIT = 50  # results shown unless --limit says otherwise
SOURCE_WEIGHT = 0.5


def search(
    store: Store, text: str, *, limit: int | None = SEARCH_LIMIT, kinds: core.Many = None
) -> list[Hit]:
    """The best ``limit`` hits of a ranked search (see ``search_counted``)."""
    return search_counted(store, text, limit=limit, kinds=kinds)[0]


def search_counted(
    store: Store, text: str, *, limit: int | None = SEARCH_LIMIT, kinds: core.Many = None
) -> tuple[list[Hit], dict[str, int]]:
    """One ranked search over every kind of record (or these kinds, any of them): the best
    ``limit`` hits (all with None) and how many records of each kind match in all.
    Case- and accent-insensitive; "a phrase", prefix*, a OR b."""
    match = fts_query(text)
    if not match:
        raise UsageError(
            f"{text!r} has no words to search for", hint='e.g. deterrence, "too early"'
        )
    wanted = core.many(kinds)
    only = f" AND kind IN ({_marks(len(wanted))})" if wanted else ""
    try:
        # Rank every match, but highlight only the ones shown: snippets are the costly
        # part, and a large pack can match thousands of records. An actor's offices are
        # rows of their own: each record counts once, at its best row.
        ranked = store.conn.execute(
            "SELECT rowid, kind, ref, bm25(search_fts, 0, 0, 2.0, 1.0) AS r FROM search_fts "
            f"WHERE search_fts MATCH ?{only} ORDER BY r, kind, ref",
            (match, *wanted),
        ).fetchall()
        best: dict[tuple[str, str], tuple[int, float]] = {}
        for rowid, kind, ref, rank in ranked:
            # a source is where words were printed, not what was said or done: its title
            # names the topic, so it counts for half (bm25: lower is better, below 0)
            best.setdefault(
                (kind, ref), (rowid, rank * SOURCE_WEIGHT if kind == "source" else rank)
            )
        total = len(best)
        per_kind = {k: sum(1 for kind, _ in best if kind == k) for k in SEARCH_KINDS}
        order = sorted(best.items(), key=lambda item: (item[1][1], item[0]))
        shown = [v for _, v in order][: total if limit is None else limit]
        rank_of = dict(shown)
        rows = store.conn.execute(
            "SELECT rowid, kind, ref, highlight(search_fts, 2, ?, ?), "
            "snippet(search_fts, 3, ?, ?, '\u2026', 24) FROM search_fts "
            f"WHERE search_fts MATCH ? AND rowid IN ({_marks(len(shown))})",
            (HIT_START, HIT_END, HIT_START, HIT_END, match, *rank_of),
        ).fetchall()
    except sqlite3.OperationalError as err:
        raise UsageError(f"cannot search for {text!r}: {err}") from None
    hits = [Hit(kind, ref, title, snip, rank_of[rowid]) for rowid, kind, ref, title, snip in rows]
    hits.sort(key=lambda h: (h.rank, h.kind, h.ref))
    _set_origins(store, hits)
    return hits, {k: n for k, n in per_kind.items() if n}


def _set_origins(store: Store, hits: Sequence[Hit]) -> None:
    """Where each hit's record comes from: the bundled data or a pack."""
    by_kind: dict[str, list[Hit]] = {}
    for h in hits:
        by_kind.setdefault(h.kind, []).append(h)
    for kind, mine in by_kind.items():
        table = f"{kind}s"  # one of our own table names, never user input
        ids = sorted({h.ref for h in mine})
        found = dict(
            store.conn.execute(
                f"SELECT id, json_extract(json, '$.origin') FROM {table} "
                f"WHERE id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        )
        for h in mine:
            h.origin = found.get(h.ref) or BUNDLED


def split_hits(text: str) -> list[tuple[str, bool]]:
    """Highlighted text as (piece, is_match) pairs."""
    out: list[tuple[str, bool]] = []
    for part in re.split(f"({HIT_START}.*?{HIT_END})", text, flags=re.S):
        if part.startswith(HIT_START) and part.endswith(HIT_END):
            out.append((part[1:-1], True))
        elif part:
            out.append((part, False))
    return out


# --- sources and citations --------------------------------------------------------------


def sources_in_order(store: Store) -> list[Source]:
    """Every source, in the order the data gives them (for completion)."""
    rows = store.conn.execute("SELECT json FROM sources").fetchall()
    return [Source.from_dict(json.loads(r)) for (r,) in rows]


def all_sources(store: Store) -> list[Source]:
    """A bibliography: by outlet, then date, then title."""
    return sorted(
        sources_in_order(store),
        key=lambda s: (s.outlet.casefold(), s.date or "", s.title.casefold()),
    )


def _not_found(what: str, value: str, ids: list[str], hint: str) -> NotFoundError:
    """An unknown id, with the closest known one when there is one."""
    import difflib

    close = difflib.get_close_matches(value, ids, n=1, cutoff=0.5)
    suggestion = f" (did you mean {close[0]!r}?)" if close else ""
    return NotFoundError(f"no {what} {value!r}{suggestion}", hint=None if close else hint)


def find_source(store: Store, source_id: str) -> Source:
    found = core.sources(store, [source_id])
    if source_id in found:
        return found[source_id]
    ids = [r[0] for r in store.conn.execute("SELECT id FROM sources")]
    raise _not_found("source", source_id, ids, "run 'asiannato sources' to list them")


def cited_by(store: Store, source_id: str) -> list[tuple[str, str]]:
    """What cites a source: (kind, id) pairs."""
    rows = store.conn.execute(
        "SELECT kind, ref FROM cites WHERE source_id = ? ORDER BY kind, ref", (source_id,)
    ).fetchall()
    return [(k, r) for k, r in rows]


@record(frozen=False)
class Citable:
    """What ``cite`` was asked for: a quote (with its speaker) or a source."""

    source: Source
    quote: Quote | None = None
    speaker: Actor | None = None


def citable(store: Store, ref: str) -> Citable:
    """A quote id or a source id."""
    quotes = quotes_by_id(store, [ref])
    if ref in quotes:
        q = quotes[ref]
        src = core.sources(store, q.sources[:1])
        speaker = core.actors(store, [q.speaker]).get(q.speaker)
        return Citable(src[q.sources[0]], q, speaker)
    found = core.sources(store, [ref])
    if ref in found:
        return Citable(found[ref])
    ids = [r[0] for r in store.conn.execute("SELECT id FROM quotes UNION SELECT id FROM sources")]
    raise _not_found(
        "quote or source", ref, ids, "quote ids: asiannato quotes; source ids: asiannato sources"
    )


# --- the answers of the reference commands ----------------------------------------


# --- frameworks -----------------------------------------------------------------------


@record
class FrameworkList(Answer):
    frameworks: tuple[Framework, ...]
    names: dict[str, Actor]  # the members

    command = "frameworks"

    def results(self) -> list[Any]:
        return [as_dict(f) for f in self.frameworks]


def framework_list(store: Store) -> FrameworkList:
    fws = tuple(frameworks(store))
    return FrameworkList(
        info=core.info(store),
        asked={"framework": None},
        sources=sources_cited(store, (f.sources for f in fws)),
        frameworks=fws,
        names=core.actors(store, {m.actor for f in fws for m in f.members}),
    )


@record
class FrameworkPage(Answer):
    detail: FrameworkDetail

    command = "frameworks"

    def cited(self) -> list[Sequence[str]]:
        fw = self.detail.framework
        return [
            fw.sources,
            *(x.sources for x in fw.disputes),
            *(e.sources for e in self.detail.events),
        ]

    def results(self) -> list[Any]:
        return [
            as_dict(self.detail.framework) | {"events": [as_dict(e) for e in self.detail.events]}
        ]


def framework_page(store: Store, name: str) -> FrameworkPage:
    detail = framework_detail(store, name)
    page = FrameworkPage(core.info(store), {"framework": name}, {}, detail)
    return FrameworkPage(page.info, page.asked, sources_cited(store, page.cited()), detail)


# --- timeline and arguments -----------------------------------------------------------


@record
class Timeline(Answer):
    events: tuple[Event, ...]
    names: dict[str, Actor]
    since: str | None
    until: str | None

    command = "timeline"
    empty_note = "no events match those filters"

    def is_empty(self) -> bool:
        return not self.events

    def results(self) -> list[Any]:
        return [as_dict(e) for e in self.events]


def timeline_answer(
    store: Store, *, since: str | None = None, until: str | None = None, actor: core.Many = None
) -> Timeline:
    events = tuple(timeline(store, since=since, until=until, actor=actor))
    return Timeline(
        info=core.info(store),
        asked={"since": since, "until": until, "actor": core.asked(actor)},
        sources=sources_cited(store, (e.sources for e in events)),
        events=events,
        names=core.actors(store, {a for e in events for a in e.actors}),
        since=since,
        until=until,
    )


@record
class ArgumentList(Answer):
    arguments: tuple[Argument, ...]
    quotes: dict[str, Quote]  # the evidence, by id
    names: dict[str, Actor]
    terms: dict[str, Term]

    command = "arguments"
    empty_note = "no arguments match those filters"

    def is_empty(self) -> bool:
        return not self.arguments

    def results(self) -> list[Any]:
        return [
            as_dict(a)
            | {
                "evidence": [
                    quote_dict(self.quotes[q], self.names) for q in a.quotes if q in self.quotes
                ]
            }
            for a in self.arguments
        ]


def argument_list(store: Store, *, side: core.Many = None, actor: core.Many = None) -> ArgumentList:
    args = tuple(arguments(store, side=side, actor=actor))
    quotes = quotes_by_id(store, [q for a in args for q in a.quotes])
    cited = [*(a.sources for a in args), *(q.sources for q in quotes.values())]
    return ArgumentList(
        info=core.info(store),
        asked={"side": core.asked(side), "actor": core.asked(actor)},
        sources=sources_cited(store, cited),
        arguments=args,
        quotes=quotes,
        names=core.actors(
            store, {x for a in args for x in a.actors} | {q.speaker for q in quotes.values()}
        ),
        terms=core.terms(store),
    )


# --- search, sources, citations -------------------------------------------------------


@record
class SearchAnswer(Answer):
    text: str
    hits: tuple[Hit, ...]
    matching: dict[str, int]  # how many records of each kind match in all

    command = "search"

    @property
    def total(self) -> int:
        return sum(self.matching.values())

    @property
    def hidden(self) -> int:
        return max(self.total - len(self.hits), 0)

    def hidden_by_kind(self) -> dict[str, int]:
        shown = {k: sum(1 for h in self.hits if h.kind == k) for k in self.matching}
        return {k: n - shown[k] for k, n in self.matching.items() if n > shown[k]}

    def extra(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "shown": len(self.hits),
            "total_by_kind": self.matching,
            "hidden_by_kind": self.hidden_by_kind(),
        }

    def note_when_empty(self) -> str:
        return f"nothing matches {self.text!r}"

    def is_empty(self) -> bool:
        return not self.hits

    def results(self) -> list[Any]:
        return [
            {
                "kind": h.kind,
                "id": h.ref,
                "title": "".join(p for p, _ in split_hits(h.title)),
                "snippet": "".join(p for p, _ in split_hits(h.snippet)),
                "matches": [p for p, hit in split_hits(h.title + " " + h.snippet) if hit],
                "rank": round(h.rank, 4),
                "origin": h.origin,
            }
            for h in self.hits
        ]


def search_answer(
    store: Store, text: str, *, limit: int | None = SEARCH_LIMIT, kinds: core.Many = None
) -> SearchAnswer:
    hits, matching = search_counted(store, text, limit=limit, kinds=kinds)
    asked = {"text": text, "kind": core.asked(kinds), "limit": limit}
    return SearchAnswer(core.info(store), asked, {}, text, tuple(hits), matching)


@record
class SourceIndex(Answer):
    every: tuple[Source, ...]

    command = "sources"

    def results(self) -> list[Any]:
        return [as_dict(s) for s in self.every]


def source_list(store: Store) -> SourceIndex:
    return SourceIndex(core.info(store), {"source": None}, {}, tuple(all_sources(store)))


@record
class SourcePage(Answer):
    source: Source
    cited_by: tuple[tuple[str, str], ...]  # (kind, id)

    command = "sources"

    def results(self) -> list[Any]:
        cited_by = [{"kind": k, "id": r} for k, r in self.cited_by]
        return [as_dict(self.source) | {"cited_by": cited_by}]


def source_page(store: Store, source_id: str) -> SourcePage:
    s = find_source(store, source_id)
    citing = tuple(cited_by(store, s.id))
    return SourcePage(core.info(store), {"source": source_id}, {s.id: s}, s, citing)


@record
class Citation(Answer):
    ref: str
    citable: Citable

    command = "cite"

    def results(self) -> list[Any]:
        styles = {s: self.styled(s) for s in CITATION_STYLES}
        kind = "quote" if self.citable.quote else "source"
        # BibTeX keeps its closing newline; the others are one paragraph each
        return [
            {"id": self.ref, "kind": kind}
            | {s: text if s == "bibtex" else text.strip() for s, text in styles.items()}
        ]

    def styled(self, style: str) -> str:
        """The citation in one of ``CITATION_STYLES``, as a user pastes it."""
        c = self.citable
        return citation_text(c.source, style, quote=c.quote, speaker=c.speaker)


# Every style of a citation, as `cite --format json` gives them; `asiannato.cite` draws each.
CITATION_STYLES = ("text", "markdown", "bibtex", "apa", "mla", "chicago")


def citation_text(
    source: Source,
    style: str,
    *,
    quote: Quote | None = None,
    speaker: Actor | None = None,
) -> str:
    """A citation a user can paste: for a source, or for a quote (naming the speaker, the
    date and the source it was printed in), in one of ``CITATION_STYLES``."""
    from asiannato import cite

    if quote is None:
        made = cite.cite_source(source, style)
    else:
        who = speaker.name if speaker else quote.speaker
        made = cite.cite_quote(quote, source, style, speaker=who, role=speaker_role(quote, speaker))
    return cite.as_text(made, markdown=style == "markdown")


def citation(store: Store, ref: str) -> Citation:
    c = citable(store, ref)
    return Citation(core.info(store), {"id": ref}, {c.source.id: c.source}, ref, c)
