"""Questions asked of the compiled store. Every function returns plain values."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from asiannato.errors import NotFoundError, UsageError
from asiannato.model import (
    Actor,
    DatasetInfo,
    Framework,
    Office,
    Position,
    Quote,
    Source,
    Term,
    date_bounds,
)
from asiannato.store import Store, normalize

_bounds = date_bounds  # short name for the many range checks below

_HOW_RANK = {"id": 0, "name": 1, "alias": 2, "native": 3, "surname": 4}
_KIND_NOUN = {"state": "a state", "organization": "an organization", "person": "a person"}
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?\Z")


def today() -> str:
    return dt.date.today().isoformat()


def parse_date_arg(value: str, option: str) -> str:
    """Check a user-given date (YYYY, YYYY-MM or YYYY-MM-DD) or raise UsageError."""
    value = value.strip()
    if _DATE.match(value):
        parts = [int(p) for p in value.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return value
    raise UsageError(
        f"{option}: {value!r} is not a date",
        hint="use YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024-10-02",
    )


def check_range(since: str | None, until: str | None) -> None:
    """A range that ends before it starts is a mistake, not an empty result."""
    if since and until and _bounds(since)[0] > _bounds(until)[1]:
        raise UsageError(f"--since {since} is after --until {until}", hint="swap them, or drop one")


# --- basic lookups ---------------------------------------------------------------


def info(store: Store) -> DatasetInfo:
    rows = dict(store.conn.execute("SELECT key, value FROM meta").fetchall())
    return DatasetInfo(
        version=rows["dataset_version"],
        as_of=rows["as_of"],
        title=rows["title"],
        description=rows.get("description") or None,
        counts=json.loads(rows["counts"]),
    )


def actors(store: Store, ids: Iterable[str] | None = None) -> dict[str, Actor]:
    """Actors by id, in dataset order (all of them, or those named)."""
    if ids is None:
        rows = store.conn.execute("SELECT json FROM actors ORDER BY seq").fetchall()
    else:
        wanted = sorted(set(ids))
        rows = store.conn.execute(
            f"SELECT json FROM actors WHERE id IN ({','.join('?' * len(wanted))}) ORDER BY seq",
            wanted,
        ).fetchall()
    out = {}
    for (raw,) in rows:
        a = Actor.from_dict(json.loads(raw))
        out[a.id] = a
    return out


def records_by_id(store: Store, table: str, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The stored records of ``table`` with these ids (any order; unknown ids skipped).
    ``table`` is one of our own table names, never user input."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = store.conn.execute(
        f"SELECT json FROM {table} WHERE id IN ({','.join('?' * len(wanted))})", wanted
    ).fetchall()
    return [json.loads(r) for (r,) in rows]


def sources(store: Store, ids: Iterable[str]) -> dict[str, Source]:
    found = {s.id: s for s in map(Source.from_dict, records_by_id(store, "sources", ids))}
    return {i: found[i] for i in sorted(found)}


def terms(store: Store) -> dict[str, Term]:
    rows = store.conn.execute("SELECT json FROM terms").fetchall()
    return {t.id: t for t in (Term.from_dict(json.loads(r)) for (r,) in rows)}


def positions_of(store: Store, actor_id: str) -> list[Position]:
    rows = store.conn.execute(
        "SELECT json FROM positions WHERE actor_id = ? ORDER BY since, seq", (actor_id,)
    ).fetchall()
    return [Position.from_dict(json.loads(r)) for (r,) in rows]


def position_on(store: Store, actor_id: str, date: str) -> Position | None:
    """The position in force on ``date``: the newest one that had begun by then."""
    current = None
    for p in positions_of(store, actor_id):
        if _bounds(p.since)[0] <= _bounds(date)[1]:
            current = p
    return current


def _positions_on(store: Store, date: str) -> dict[str, Position]:
    out: dict[str, Position] = {}
    hi = _bounds(date)[1]
    for (raw,) in store.conn.execute("SELECT json FROM positions ORDER BY since, seq"):
        p = Position.from_dict(json.loads(raw))
        if _bounds(p.since)[0] <= hi:
            out[p.actor] = p
    return out


# --- resolving names --------------------------------------------------------------


def resolve_actor(
    store: Store, query: str, *, kinds: Sequence[str] | None = None, what: str = "actor"
) -> Actor:
    """Find the one actor ``query`` names: an id, name, alias, surname or native-script
    name, in any case and with or without accents. Raise NotFoundError otherwise."""
    norm = normalize(query)
    if not norm:
        raise UsageError(f"empty {what} name", hint="give an id or a name, e.g. 'japan'")
    rows = store.conn.execute("SELECT actor_id, how FROM names WHERE norm = ?", (norm,)).fetchall()
    ids = _best(rows)
    if not ids:
        ids = _partial_matches(store, norm)
    if len(ids) > 1:
        found = actors(store, ids)
        if kinds:
            narrowed = [i for i in ids if found[i].kind in kinds]
            ids = narrowed or ids
    if len(ids) > 1:
        options = " or ".join(repr(i) for i in sorted(ids)[:5])
        raise NotFoundError(f"{what} {query!r} is ambiguous: did you mean {options}?")
    if not ids:
        close = _did_you_mean(store, norm, kinds)
        raise NotFoundError(
            f"no {what} matches {query!r}{close}",
            hint=None if close else "run 'asiannato actors' to list them",
        )
    actor = actors(store, ids)[ids[0]]
    if kinds and actor.kind not in kinds:
        raise UsageError(
            f"{query!r} is {_KIND_NOUN[actor.kind]} ({actor.id}), not a {what}",
            hint=f"use --actor {actor.id} for quotes by its officials"
            if what == "speaker"
            else None,
        )
    return actor


def _best(rows: Sequence[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    best = min(_HOW_RANK.get(how, 9) for _, how in rows)
    return sorted({aid for aid, how in rows if _HOW_RANK.get(how, 9) == best})


def _is_cjk(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def _partial_matches(store: Store, norm: str) -> list[str]:
    """A surname inside a native-script name (岩屋 in 岩屋毅), or words of a full name
    ("mong joon" in "chung mong joon")."""
    rows = store.conn.execute("SELECT norm, actor_id, how FROM names").fetchall()
    words = norm.split()
    hits: set[str] = set()
    for name, aid, how in rows:
        if how == "native" and _is_cjk(norm) and len(norm) >= 2 and norm in name:
            hits.add(aid)
        elif how in ("name", "alias") and len(norm) >= 3:
            tokens = name.split()
            n = len(words)
            if any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1)):
                hits.add(aid)
    return sorted(hits)


def _did_you_mean(store: Store, norm: str, kinds: Sequence[str] | None = None) -> str:
    rows = store.conn.execute(
        "SELECT n.norm, n.actor_id, a.kind FROM names n JOIN actors a ON a.id = n.actor_id"
    ).fetchall()
    by_norm: dict[str, str] = {}
    for name, aid, kind in rows:
        if not kinds or kind in kinds:
            by_norm.setdefault(name, aid)
    import difflib

    scored = sorted(
        ((difflib.SequenceMatcher(None, norm, name).ratio(), name) for name in by_norm),
        reverse=True,
    )
    best = scored[0][0] if scored else 0.0
    picks: list[str] = []
    for score, name in scored:
        # Only names about as close as the best one: 'japn' suggests japan, not lin-jian.
        if score < 0.6 or score < best - 0.1 or len(picks) == 3:
            break
        if by_norm[name] not in picks:
            picks.append(by_norm[name])
    if not picks:
        return ""
    return " (did you mean " + " or ".join(repr(p) for p in picks) + "?)"


# --- actors -----------------------------------------------------------------------


@dataclass
class ActorRow:
    actor: Actor
    position: Position | None


def list_actors(
    store: Store,
    *,
    kind: str | None = None,
    stance: str | None = None,
    as_of: str | None = None,
    everyone: bool = False,
) -> list[ActorRow]:
    """Actors with the position each held on ``as_of``. Actors that take no part in the
    debate (no position on record at any date, e.g. a treaty's other members) are left
    out unless ``everyone``."""
    date = as_of or today()
    current = _positions_on(store, date)
    in_debate = {r[0] for r in store.conn.execute("SELECT DISTINCT actor_id FROM positions")}
    rows = []
    for a in actors(store).values():
        if kind and a.kind != kind:
            continue
        if not everyone and a.id not in in_debate:
            continue
        p = current.get(a.id)
        if stance and (p.stance if p else "undeclared") != stance:
            continue
        rows.append(ActorRow(a, p))
    # States, then organisations, then people, each in data order: the tables group rows by
    # kind, and a pack may spread one kind over several files (data/actors-2025-26.yaml).
    rows.sort(key=lambda r: _KIND_ORDER.get(r.actor.kind, len(_KIND_ORDER)))
    return rows


_KIND_ORDER = {"state": 0, "organization": 1, "person": 2}


def count_outside_debate(store: Store) -> int:
    row = store.conn.execute(
        "SELECT COUNT(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM positions)"
    ).fetchone()
    return int(row[0])


def people_of(store: Store, actor_id: str) -> list[Actor]:
    """The people who held an office of the actor (its officials)."""
    rows = store.conn.execute(
        "SELECT person_id FROM affiliations WHERE actor_id = ?", (actor_id,)
    ).fetchall()
    return [a for a in actors(store, [r[0] for r in rows]).values() if a.kind == "person"]


def frameworks_of(store: Store, actor_id: str, date: str | None = None) -> list[Framework]:
    """Frameworks the actor belongs to (on ``date``, where membership dates tell)."""
    rows = store.conn.execute(
        "SELECT f.json, m.joined, m.left_on FROM framework_members m "
        "JOIN frameworks f ON f.id = m.framework_id WHERE m.actor_id = ? ORDER BY f.seq",
        (actor_id,),
    ).fetchall()
    out = []
    for raw, joined, left in rows:
        fw = Framework.from_dict(json.loads(raw))
        if date and joined and _bounds(joined)[0] > _bounds(date)[1]:
            continue
        if date and left and _bounds(left)[1] < _bounds(date)[0]:
            continue
        out.append(fw)
    return out


def office_on(actor: Actor, date: str) -> Office | None:
    """The office ``actor`` held on ``date``, where the office dates show it."""
    day = _bounds(date)[0]
    held = [o for o in actor.offices if o.held_on(day)]
    return held[-1] if held else None


# --- quotes -----------------------------------------------------------------------

_TOKEN = re.compile(r'"[^"]*"|\S+')


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: words must all match, "a phrase"
    matches in order, word* matches a prefix, OR between words offers alternatives.
    Everything else is quoted, so no input is a syntax error."""
    parts: list[str] = []
    for token in _TOKEN.findall(text):
        if token == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        prefix = token.endswith("*") and not token.startswith('"') and len(token) > 1
        body = token.rstrip("*") if prefix else token
        if body.startswith('"') and body.endswith('"') and len(body) >= 2:
            body = body[1:-1]
        body = body.replace('"', " ").strip()  # a stray quote mark is not a word
        if not body:
            continue
        # Chinese and Japanese are written without spaces, so the index holds a whole
        # run of characters as one word: 岩屋 finds 岩屋毅 only as a prefix.
        if not token.startswith('"') and _is_cjk(body):
            prefix = True
        parts.append(f'"{body}"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def find_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    actor: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[Quote]:
    """Quotes matching every filter given; ranked by relevance when searching, else in
    date order. A partial date counts when it may fall inside the range."""
    where: list[str] = []
    args: list[str] = []
    if speaker:
        who = resolve_actor(store, speaker, kinds=("person", "organization"), what="speaker")
        where.append("q.speaker_id = ?")
        args.append(who.id)
    if actor:
        a = resolve_actor(store, actor)
        ids = [a.id, *(p.id for p in people_of(store, a.id))]
        ids += [
            r[0]
            for r in store.conn.execute(
                "SELECT id FROM actors WHERE country = ? AND kind = 'organization'", (a.id,)
            )
        ]
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        args.extend(ids)
    if since:
        where.append("q.date_hi >= ?")
        args.append(_bounds(since)[0])
    if until:
        where.append("q.date_lo <= ?")
        args.append(_bounds(until)[1])
    if search is not None:
        match = fts_query(search)
        if not match:
            raise UsageError(f"--search {search!r} has no words to search for")
        # the one search index over every kind of record, narrowed to quotes; the
        # speaker's name is the title, the words (and original, gloss, venue) the body
        sql = (
            "SELECT q.json FROM search_fts f JOIN quotes q ON q.id = f.ref "
            "WHERE search_fts MATCH ? AND f.kind = 'quote'"
        )
        sql += "".join(f" AND {w}" for w in where)
        sql += " ORDER BY bm25(search_fts, 0, 0, 1.0, 2.0), q.date_lo"
        args = [match, *args]
    else:
        sql = "SELECT q.json FROM quotes q"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY q.date_lo, q.seq"
    try:
        rows = store.conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as err:
        raise UsageError(f"cannot search for {search!r}: {err}") from None
    return [Quote.from_dict(json.loads(r)) for (r,) in rows]


def quotes_by(store: Store, speaker_ids: Sequence[str]) -> list[Quote]:
    if not speaker_ids:
        return []
    rows = store.conn.execute(
        f"SELECT json FROM quotes WHERE speaker_id IN ({','.join('?' * len(speaker_ids))}) "
        "ORDER BY date_lo, seq",
        list(speaker_ids),
    ).fetchall()
    return [Quote.from_dict(json.loads(r)) for (r,) in rows]


# --- compare ----------------------------------------------------------------------


@dataclass
class Person:
    actor: Actor
    offices: tuple[Office, ...]  # the offices relevant to the compared actor


@dataclass
class Brief:
    actor: Actor
    position: Position | None
    people: tuple[Person, ...]
    quote: Quote | None
    frameworks: tuple[Framework, ...]
    earlier: tuple[Position, ...] = ()  # positions held before the current one, oldest first


@dataclass
class Shared:
    role: str  # reasons | prefers | concerns
    term: str
    actors: tuple[str, ...]


@dataclass
class Comparison:
    as_of: str
    briefs: tuple[Brief, ...]
    shared: tuple[Shared, ...]  # terms that two or more actors give
    only: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # actor->role->terms
    common_frameworks: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (framework id, actor ids)


_KIND_PREFERENCE = {"direct": 0, "translation": 1, "reported": 2}


def representative(
    quotes: list[Quote], position: Position | None, actor_id: str, stances: dict[str, str]
) -> Quote | None:
    """The quote that best shows the actor's position: said by someone who held the same
    stance, cited by the same sources as the position, readable without a gloss, said by
    the actor itself, direct rather than translated or reported, then the newest."""
    if not quotes:
        return None
    cited = set(position.sources) if position else set()
    stance = position.stance if position else None

    def score(q: Quote) -> tuple[int, int, int, int, int, str]:
        return (
            1 if stance and stances.get(q.speaker) == stance else 0,
            1 if cited & set(q.sources) else 0,
            1 if (q.language or "en") == "en" else 0,
            1 if q.speaker == actor_id else 0,
            -_KIND_PREFERENCE.get(q.kind, 3),
            q.date or "",
        )

    return max(quotes, key=score)


def compare(store: Store, names: Sequence[str], *, as_of: str | None = None) -> Comparison:
    if len(names) < 2:
        raise UsageError(
            "compare needs at least two actors", hint="e.g. asiannato compare japan china"
        )
    date = as_of or today()
    chosen: list[Actor] = []
    for n in names:
        a = resolve_actor(store, n)
        if a.id in (c.id for c in chosen):
            raise UsageError(
                f"{n!r} names {a.id!r} twice", hint="compare two or more different actors"
            )
        chosen.append(a)
    day_hi = _bounds(date)[1]
    spoken = _positions_on(store, date)  # who had a position on record by the date
    briefs = []
    for a in chosen:
        history = [p for p in positions_of(store, a.id) if _bounds(p.since)[0] <= day_hi]
        position = history[-1] if history else None
        # Officials whose office of this actor had begun by the date (or is undated).
        people = []
        persons = []
        for p in [] if a.kind == "person" else people_of(store, a.id):
            relevant = tuple(
                o
                for o in p.offices
                if (o.of == a.id or a.kind == "person")
                and (o.start is None or _bounds(o.start)[0] <= day_hi)
            )
            if relevant:
                people.append(p)
                persons.append(Person(p, relevant))
        # people in office on the date first, then those who had spoken on the idea by the
        # date (an undated office counts as held, so this keeps a 2026 official from heading
        # a 2025 comparison), then the most recently appointed
        persons.sort(
            key=lambda p: max((o.start or "" for o in p.offices), default=""), reverse=True
        )
        # among those who had spoken, the latest to speak first: with undated offices, the
        # order of the data files must not decide who speaks for a state on the date
        persons.sort(
            key=lambda p: spoken[p.actor.id].since if p.actor.id in spoken else "", reverse=True
        )
        persons.sort(key=lambda p: p.actor.id not in spoken)
        persons.sort(key=lambda p: not any(o.held_on(_bounds(date)[0]) for o in p.offices))
        speakers = [a.id, *(p.id for p in people)]
        held = speaker_stances(store, speakers, date)
        said = candidate_quotes(store, speakers, held, position, day_hi)
        home = a.country if a.kind == "person" and a.country else a.id
        briefs.append(
            Brief(
                actor=a,
                position=position,
                people=tuple(persons),
                quote=representative(said, position, a.id, held),
                frameworks=tuple(frameworks_of(store, home, date)),
                earlier=tuple(history[:-1]),
            )
        )
    return _agreement(date, briefs)


def stances(store: Store, quotes: Sequence[Quote], date: str) -> dict[str, str]:
    """The stance each speaker of ``quotes`` held on ``date``."""
    return speaker_stances(store, sorted({q.speaker for q in quotes}), date)


def speaker_stances(store: Store, speakers: Sequence[str], date: str) -> dict[str, str]:
    """The stance each of ``speakers`` held on ``date``: one query, not one a speaker
    (a state of a large pack can have a hundred officials)."""
    if not speakers:
        return {}
    hi = _bounds(date)[1]
    out: dict[str, str] = {}
    for start in range(0, len(speakers), 500):
        chunk = list(speakers[start : start + 500])
        rows = store.conn.execute(
            f"SELECT actor_id, since, json_extract(json, '$.stance') FROM positions "
            f"WHERE actor_id IN ({','.join('?' * len(chunk))}) ORDER BY since, seq",
            chunk,
        ).fetchall()
        for actor_id, since, stance in rows:
            if _bounds(since)[0] <= hi:
                out[actor_id] = stance
    return out


# The representative quote is chosen among at most this many of the newest candidates,
# so that comparing two states with thousands of quotes stays as quick as comparing two.
CANDIDATES = 200


def candidate_quotes(
    store: Store,
    speakers: Sequence[str],
    held: dict[str, str],
    position: Position | None,
    day_hi: str,
) -> list[Quote]:
    """Quotes that could represent the actor, newest first: by speakers who held the
    actor's stance when there are any, else by all its speakers."""
    same = [s for s in speakers if position and held.get(s) == position.stance]
    chosen = same if same else list(speakers)
    found: list[Quote] = []
    for group in (chosen, list(speakers)) if same else (chosen,):
        marks = ",".join("?" * len(group))
        rows = store.conn.execute(
            f"SELECT json FROM quotes WHERE speaker_id IN ({marks}) AND date_lo <= ? "
            "ORDER BY date_lo DESC, seq DESC LIMIT ?",
            [*group, day_hi, CANDIDATES],
        ).fetchall()
        found = [Quote.from_dict(json.loads(r)) for (r,) in rows]
        if found:
            break
    return found


def _agreement(date: str, briefs: list[Brief]) -> Comparison:
    shared: list[Shared] = []
    only: dict[str, dict[str, tuple[str, ...]]] = {}
    for role in ("reasons", "prefers", "concerns"):
        holders: dict[str, list[str]] = {}
        for b in briefs:
            for t in getattr(b.position, role, ()) if b.position else ():
                holders.setdefault(t, []).append(b.actor.id)
        for term, ids in holders.items():
            if len(ids) > 1:
                shared.append(Shared(role, term, tuple(ids)))
        for b in briefs:
            mine = tuple(
                t
                for t in (getattr(b.position, role, ()) if b.position else ())
                if len(holders[t]) == 1
            )
            if mine:
                only.setdefault(b.actor.id, {})[role] = mine
    fw_holders: dict[str, list[str]] = {}
    for b in briefs:
        for fw in b.frameworks:
            fw_holders.setdefault(fw.id, []).append(b.actor.id)
    common = tuple((fid, tuple(ids)) for fid, ids in fw_holders.items() if len(ids) > 1)
    return Comparison(date, tuple(briefs), tuple(shared), only, common)
