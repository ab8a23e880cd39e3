"""The core questions asked of the compiled store: names, actors and their officials,
positions, quotes, and comparisons. Every function returns model objects or plain
dataclasses; none knows about the command line or any output format."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from asiannato.errors import NotFoundError, UsageError
from asiannato.model import (
    BUNDLED,
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
from asiannato.records import record
from asiannato.store import Store, normalize

_bounds = date_bounds  # short name for the many range checks below

_HOW_RANK = {"id": 0, "name": 1, "alias": 2, "native": 3, "surname": 4}
_KIND_NOUN = {"state": "a state", "organization": "an organization", "person": "a person"}


def today() -> str:
    return dt.date.today().isoformat()


# --- basic lookups ---------------------------------------------------------------

Many = str | Sequence[str] | None  # a filter given once, repeated (any of them), or not


def many(value: Many) -> list[str]:
    """A filter's values: a repeated option means any of them."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(dict.fromkeys(value))


def asked(value: Many) -> list[str] | None:
    """A filter as the JSON's ``query`` records it: the list given, or null."""
    return many(value) or None


def info(store: Store) -> DatasetInfo:
    rows = dict(store.conn.execute("SELECT key, value FROM meta").fetchall())
    return DatasetInfo(
        version=rows["dataset_version"],
        as_of=rows["as_of"],
        title=rows["title"],
        description=rows.get("description") or None,
        counts=json.loads(rows["counts"]),
        origin=rows.get("origin") or BUNDLED,
    )


def actors(store: Store, ids: Iterable[str] | None = None) -> dict[str, Actor]:
    """Actors by id, in dataset order (all of them, or those named)."""
    if ids is None:
        every: dict[str, Actor] | None = store.memo.get("actors")
        if every is None:
            rows = store.conn.execute("SELECT json FROM actors ORDER BY seq").fetchall()
            every = store.memo["actors"] = _by_id(rows)
        return dict(every)  # a copy: the caller may change its dict, not the memo
    else:
        wanted = sorted(set(ids))
        rows = store.conn.execute(
            f"SELECT json FROM actors WHERE id IN ({','.join('?' * len(wanted))}) ORDER BY seq",
            wanted,
        ).fetchall()
    return _by_id(rows)


def _by_id(rows: list[Any]) -> dict[str, Actor]:
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


def positions_by_actor(store: Store) -> dict[str, list[Position]]:
    """Every actor's positions, each list as ``positions_of`` gives it: one query where a
    page about every actor would otherwise make one per actor."""
    rows = store.conn.execute(
        "SELECT actor_id, json FROM positions ORDER BY actor_id, since, seq"
    ).fetchall()
    out: dict[str, list[Position]] = {}
    for actor_id, raw in rows:
        out.setdefault(actor_id, []).append(Position.from_dict(json.loads(raw)))
    return out


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

    scored: list[tuple[float, str]] = []
    for name in by_norm:
        matcher = difflib.SequenceMatcher(None, norm, name)
        # A bound from the lengths alone rules out most names, and the full ratio is
        # quadratic in the length of the argument.
        if matcher.real_quick_ratio() >= 0.6:
            scored.append((matcher.ratio(), name))
    scored.sort(reverse=True)
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


@record(frozen=False)
class ActorRow:
    actor: Actor
    position: Position | None


def list_actors(
    store: Store,
    *,
    kind: Many = None,
    stance: Many = None,
    as_of: str | None = None,
    everyone: bool = False,
) -> list[ActorRow]:
    """Actors with the position each held on ``as_of``. Actors that take no part in the
    debate (no position on record at any date, e.g. a treaty's other members) are left
    out unless ``everyone``."""
    date = as_of or today()
    current = _positions_on(store, date)
    in_debate = {r[0] for r in store.conn.execute("SELECT DISTINCT actor_id FROM positions")}
    kinds, stances = many(kind), many(stance)
    rows = []
    for a in actors(store).values():
        if kinds and a.kind not in kinds:
            continue
        if not everyone and a.id not in in_debate:
            continue
        p = current.get(a.id)
        if stances and (p.stance if p else "undeclared") not in stances:
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


def speakers_of(store: Store, actor_id: str) -> list[str]:
    """The ids whose words and deeds count as the actor's: itself and its officials."""
    return [actor_id, *(p.id for p in people_of(store, actor_id))]


def home_of(actor: Actor) -> str:
    """The actor whose frameworks count for this one: a person's country, else itself."""
    return actor.country if actor.kind == "person" and actor.country else actor.id


def random_quote(quotes: Sequence[Quote], seed: int | None) -> Quote:
    import random

    rng = random.Random(seed)
    return quotes[rng.randrange(len(quotes))]


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


MAX_TERMS = 32  # distinct words of one search; more are ignored


def fts_query(text: str) -> str:
    """Turn what a user typed into a safe FTS5 query: words must all match, "a phrase"
    matches in order, word* matches a prefix, OR between words offers alternatives.
    Everything else is quoted, so no input is a syntax error."""
    parts: list[str] = []
    seen: set[str] = set()
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
        term = f'"{body}"' + ("*" if prefix else "")
        # A word given twice asks nothing more, and each term costs the index a scan: a
        # pasted paragraph, or "nato" a thousand times, must not take seconds.
        if term in seen or len(seen) == MAX_TERMS:
            if parts and parts[-1] == "OR":
                parts.pop()
            continue
        seen.add(term)
        parts.append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def find_quotes(
    store: Store,
    *,
    speaker: Many = None,
    actor: Many = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: Many = None,
) -> list[Quote]:
    """Quotes matching every filter given (a repeated filter: any of its values); ranked
    by relevance when searching, else in date order. A partial date counts when it may
    fall inside the range."""
    where: list[str] = []
    args: list[str] = []
    if speaker:
        ids = [
            resolve_actor(store, s, kinds=("person", "organization"), what="speaker").id
            for s in many(speaker)
        ]
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        args.extend(ids)
    if actor:
        ids = []
        for name in many(actor):
            a = resolve_actor(store, name)
            ids += speakers_of(store, a.id)
            ids += [
                r[0]
                for r in store.conn.execute(
                    "SELECT id FROM actors WHERE country = ? AND kind = 'organization'", (a.id,)
                )
            ]
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        args.extend(ids)
    if kind:
        kinds = many(kind)
        where.append(f"json_extract(q.json, '$.kind') IN ({','.join('?' * len(kinds))})")
        args.extend(kinds)
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


def quote_ids(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT id FROM quotes ORDER BY seq")]


def quotes_by(store: Store, speaker_ids: Sequence[str]) -> list[Quote]:
    if not speaker_ids:
        return []
    rows = store.conn.execute(
        f"SELECT json FROM quotes WHERE speaker_id IN ({','.join('?' * len(speaker_ids))}) "
        "ORDER BY date_lo, seq",
        list(speaker_ids),
    ).fetchall()
    return [Quote.from_dict(json.loads(r)) for (r,) in rows]
