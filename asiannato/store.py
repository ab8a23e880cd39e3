"""Compile the validated dataset into SQLite and keep it in the user's cache.

A warm run stats the data files, finds the compiled store whose name carries their
fingerprint and opens it read-only: no YAML is imported or parsed. The store is rebuilt
when a data file, the tool's version or the store layout changes; it is built in a
temporary file and renamed into place, so no process ever sees a half-built store, and
under a lock, so that processes started together on a stale cache compile once: the
first builds, the others wait and open its result. Each file's checked records are kept
too (``dataset``), so that a rebuild after an edit re-reads only the edited file. When no
cache directory is writable, the store is built in memory for this run.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asiannato import __version__, collector
from asiannato.errors import DataError, Problem
from asiannato.packs import Pack, bundled

if TYPE_CHECKING:
    from asiannato.dataset import Dataset, Progress

STORE_LAYOUT = 12  # bump when the tables below, or what is written in them, change
_PREFIX = "store-"
_PARSED = "parsed"  # the folder of each file's checked records

DDL = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources(id TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE terms(id TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE actors(
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, json TEXT NOT NULL);
CREATE TABLE names(norm TEXT NOT NULL, actor_id TEXT NOT NULL, how TEXT NOT NULL);
CREATE TABLE affiliations(actor_id TEXT NOT NULL, person_id TEXT NOT NULL);
CREATE TABLE positions(
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, actor_id TEXT NOT NULL,
    since TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE quotes(
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, speaker_id TEXT NOT NULL,
    date_lo TEXT NOT NULL, date_hi TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE frameworks(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE framework_members(
    framework_id TEXT NOT NULL, actor_id TEXT NOT NULL, joined TEXT, left_on TEXT);
CREATE TABLE events(
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, date_lo TEXT NOT NULL,
    date_hi TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE event_links(event_id TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL);
CREATE TABLE arguments(
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, side TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE argument_actors(argument_id TEXT NOT NULL, actor_id TEXT NOT NULL);
"""
# One ranked search over every kind of record (kind and ref say what a hit is), and the
# reverse index of citations.
SEARCH_DDL = """
CREATE TABLE cites(kind TEXT NOT NULL, ref TEXT NOT NULL, source_id TEXT NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(
    kind UNINDEXED, ref UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
"""
# Created after the rows are in: building an index once is cheaper than keeping it
# up to date through tens of thousands of inserts. (Ids are unique already: the loader
# checked them; the unique indexes say so to the query planner.)
INDEXES = """
CREATE UNIQUE INDEX sources_id ON sources(id);
CREATE UNIQUE INDEX terms_id ON terms(id);
CREATE UNIQUE INDEX actors_id ON actors(id);
CREATE UNIQUE INDEX positions_id ON positions(id);
CREATE UNIQUE INDEX quotes_id ON quotes(id);
CREATE UNIQUE INDEX frameworks_id ON frameworks(id);
CREATE UNIQUE INDEX events_id ON events(id);
CREATE UNIQUE INDEX arguments_id ON arguments(id);
CREATE INDEX actors_country ON actors(country);
CREATE INDEX names_norm ON names(norm);
CREATE INDEX affiliations_actor ON affiliations(actor_id);
CREATE INDEX positions_actor ON positions(actor_id, since);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date_lo);
CREATE INDEX framework_members_actor ON framework_members(actor_id);
CREATE INDEX events_date ON events(date_lo);
CREATE INDEX event_links_ref ON event_links(kind, ref);
CREATE INDEX argument_actors_actor ON argument_actors(actor_id);
"""


def cache_dir() -> Path:
    env = os.environ.get("ASIANNATO_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "asiannato"


# spaces and punctuation, including the curly apostrophe and en and em dashes
_PUNCT = re.compile(r"[\s\-_.,'\u2019\u2013\u2014\"()/]+")


def normalize(name: str) -> str:
    """Fold a name for lookup: case, accents, punctuation and spacing do not matter."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # NFKC afterwards recomposes Hangul syllables that NFKD split into jamo.
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    return _PUNCT.sub(" ", folded).strip()


def _identities(packs: Sequence[Pack]) -> dict[str, str]:
    """Every data file's identity (size, modification time, inode), by its shown name.
    Statting is all a warm run does to the data: no file is read."""
    out: dict[str, str] = {}
    for pack in packs:
        try:
            names = pack.names()
        except OSError as err:
            raise DataError(
                [Problem(pack.label, None, "", f"cannot read folder: {err.strerror}")]
            ) from None
        folder = os.fspath(pack.path)
        for name in names:
            try:
                st = os.stat(os.path.join(folder, name))
            except OSError:
                continue  # the loader reports it
            out[f"{pack.label}/{name}"] = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    return out


def fingerprint(packs: Sequence[Pack], idents: dict[str, str]) -> str:
    """A key for the compiled store: tool version, layout, and every data file's identity
    (``_identities(packs)``). It is compared whole, not hashed: importing hashlib
    (OpenSSL) would cost a warm run more than the comparison of a few hundred characters."""
    parts = [f"{__version__}/{STORE_LAYOUT}"]
    parts += [f"pack {pack.path}" for pack in packs]
    parts += [f"{name} {ident}" for name, ident in idents.items()]
    return "\n".join(parts)


def _set_key(packs: Sequence[Pack]) -> str:
    """One cache file per combination of packs, so switching between them does not
    throw away the other's compiled store. (A collision of two combinations only costs
    rebuilds: the fingerprint inside the file is what is trusted.)"""
    joined = "\0".join(str(p.path.resolve()) for p in packs).encode()
    return f"{zlib.crc32(joined):08x}{zlib.adler32(joined):08x}"


class Store:
    """An open, read-only compiled dataset."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        rebuilt: bool,
        reason: str | None = None,
        seconds: float = 0.0,
        in_memory: bool = False,
    ) -> None:
        self.conn = conn
        self.rebuilt = rebuilt
        self.reason = reason  # why it was rebuilt
        self.seconds = seconds  # how long the rebuild took
        self.in_memory = in_memory
        # what a query read once and may read again in the same run (the data cannot
        # change under an open store): e.g. every actor, which a page asks for thrice
        self.memo: dict[str, Any] = {}

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def overlay(self) -> list[str]:
        """One line per pack saying what it added and replaced."""
        raw = self.meta("overlay")
        return list(json.loads(raw)) if raw else []

    def close(self) -> None:
        self.conn.close()


def _paths(packs: Sequence[Pack]) -> tuple[Path, Path]:
    """The store's file and its lock file, for this combination of packs."""
    key = _set_key(packs)
    directory = cache_dir()
    return directory / f"{_PREFIX}{key}.sqlite3", directory / f"{_PREFIX}{key}.lock"


def open_store(packs: Sequence[Pack] | None = None, *, progress: Progress | None = None) -> Store:
    """Open the compiled store for ``packs`` (default: the bundled data), building it when
    it is missing, stale or unreadable. ``progress`` hears what a compile is doing."""
    if packs is None:
        packs = [bundled()]
    idents = _identities(packs)
    fp = fingerprint(packs, idents)
    path, lock = _paths(packs)
    conn, reason = _open_existing(path, fp, idents)
    if conn is not None:
        return Store(conn, rebuilt=False)
    with _compile_lock(lock, progress) as held:
        if held:
            # Another process may have built it while this one waited (or the data may
            # have changed again): look afresh.
            idents = _identities(packs)
            fp = fingerprint(packs, idents)
            conn, _ = _open_existing(path, fp, idents)
            if conn is not None:
                return Store(conn, rebuilt=False)
        return _compile(packs, path, fp, idents, reason, progress)


@contextlib.contextmanager
def _compile_lock(lock: Path, progress: Progress | None) -> Iterator[bool]:
    """Hold the lock on compiling one store, waiting for another process that holds it.
    Yields whether it is held: where no lock can be had (no writable cache, no
    ``fcntl``), each process compiles for itself, which is slower but as correct."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield False
        return
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            if progress:
                progress("waiting for another asiannato to compile the data", 0.0)
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = True
        except OSError:  # a file system without locks
            held = False
        yield held
    finally:
        os.close(fd)  # which releases the lock


def _compile(
    packs: Sequence[Pack],
    path: Path,
    fp: str,
    idents: dict[str, str],
    reason: str,
    progress: Progress | None,
) -> Store:
    from asiannato import dataset

    started = time.perf_counter()
    # Compiling makes millions of short-lived objects and few reference cycles: the
    # cyclic collector would only cost time.
    with collector.paused():
        data = dataset.load(packs, progress=progress, cache=path.parent / _PARSED)
        files = json.dumps(idents)
        try:
            _build_file(path, data, fp, files, progress)
        except (OSError, sqlite3.Error):
            # No writable cache (or no room in it): answer from memory this time.
            mem = sqlite3.connect(":memory:")
            _build(mem, data, fp, files, progress)
            seconds = time.perf_counter() - started
            return Store(mem, rebuilt=True, reason=reason, seconds=seconds, in_memory=True)
    _prune(path.parent, keep=path)
    conn, _ = _open_existing(path, fp, idents)
    if conn is None:  # pragma: no cover - someone removed it between build and open
        conn = sqlite3.connect(":memory:")
        _build(conn, data, fp, files, None)
    return Store(conn, rebuilt=True, reason=reason, seconds=time.perf_counter() - started)


def open_cached(packs: Sequence[Pack] | None = None) -> Store | None:
    """The compiled store if it is current, else None: never builds (shell completion
    runs on every Tab and must answer at once)."""
    if packs is None:
        packs = [bundled()]
    try:
        idents = _identities(packs)
    except DataError:
        return None
    path, _ = _paths(packs)
    conn, _ = _open_existing(path, fingerprint(packs, idents), idents)
    return Store(conn, rebuilt=False) if conn is not None else None


def _open_existing(
    path: Path, fp: str, idents: dict[str, str]
) -> tuple[sqlite3.Connection | None, str]:
    """The store at ``path`` if it is current; otherwise None and why it is not."""
    if not path.is_file():
        return None, "no compiled cache yet"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        with contextlib.suppress(UnboundLocalError, sqlite3.Error):
            conn.close()
        return None, "the cache file was unreadable"
    if rows.get("fingerprint") != fp:
        conn.close()
        return None, _why_stale(rows, idents)
    return conn, ""


def _why_stale(meta: dict[str, str], idents: dict[str, str]) -> str:
    if "tool_version" not in meta or "files" not in meta:
        return "the cache file was not one of ours"
    if meta["tool_version"] != __version__:
        return f"asiannato changed ({meta['tool_version']} -> {__version__})"
    if meta.get("layout") != str(STORE_LAYOUT):
        return "asiannato now compiles the data differently"
    try:
        before: dict[str, str] = json.loads(meta["files"])
    except ValueError:
        return "the cache file was not one of ours"
    changed = [n for n in idents if n in before and before[n] != idents[n]]
    added = [n for n in idents if n not in before]
    removed = [n for n in before if n not in idents]
    bits = []
    for label, names in (("changed", changed), ("new", added), ("removed", removed)):
        if names:
            shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
            bits.append(f"{label}: {shown}")
    return "; ".join(bits) or "the data changed"


def _prune(directory: Path, keep: Path) -> None:
    """Forget stores of pack combinations unused for a month (and their locks), records
    of files not compiled for a month, and temporary files that a killed build left."""
    now = time.time()
    month, hour = 30 * 86400, 3600
    for old in directory.glob(f"{_PREFIX}*.sqlite3"):
        with contextlib.suppress(OSError):
            if old != keep and now - old.stat().st_mtime > month:
                old.unlink()
                old.with_suffix(".lock").unlink()
    for folder, pattern, age in (
        (directory, f".{_PREFIX}*.tmp", hour),
        (directory / _PARSED, "*.parsed", month),
        (directory / _PARSED, ".*.tmp", hour),
    ):
        for old in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if now - old.stat().st_mtime > age:
                    old.unlink()


def _build_file(path: Path, data: Dataset, fp: str, files: str, progress: Progress | None) -> None:
    """Build the store in a temporary file beside its place, then rename it into place:
    a reader never sees a half-built store, and an interrupted build leaves nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when the cache is written

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            # a temporary file, renamed into place when whole: no journal, no syncing
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _build(conn, data, fp, files, progress)
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _build(
    conn: sqlite3.Connection, data: Dataset, fp: str, files: str, progress: Progress | None
) -> None:
    if progress:
        progress("writing the cache", 0.7)
    conn.executescript(DDL)
    with conn:  # one transaction for every insert
        _insert_all(conn, data, fp, files)
    conn.executescript(INDEXES)
    if progress:
        progress("indexing for search", 0.85)
    conn.executescript(SEARCH_DDL)
    with contextlib.suppress(sqlite3.Error):  # an FTS5 too old for the setting: no matter
        # Gather the whole index in memory before writing it out: one segment, instead
        # of many flushed and merged again (a third of the index's build time).
        conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ?)", (64 << 20,))
    with conn:
        _insert_search(conn, data)
        cites = [
            (kind, r["id"], sid)
            for plural, kind in _CITING_KINDS.items()
            for r in data.records[plural]
            for sid in r.get("sources", ())
        ]
        conn.executemany("INSERT INTO cites VALUES (?, ?, ?)", cites)
    conn.execute("CREATE INDEX cites_source ON cites(source_id)")


def _insert_all(conn: sqlite3.Connection, data: Dataset, fp: str, files: str) -> None:
    from asiannato.model import date_bounds

    info = data.info
    counts = {
        k: data.count(k)
        for k in ("actors", "positions", "quotes", "sources", "frameworks", "events", "arguments")
    }
    meta = {
        "fingerprint": fp,
        "tool_version": __version__,
        "dataset_version": info["version"],
        "as_of": info["as_of"],
        "title": info["title"],
        "description": info.get("description") or "",
        "overview": info.get("overview") or "",
        "overview_sources": json.dumps(info.get("overview_sources") or []),
        "counts": json.dumps(counts),
        "layout": str(STORE_LAYOUT),
        "files": files,
        "overlay": json.dumps([r.line() for r in data.overlay]),
        "origin": data.origin,
    }
    conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    conn.executemany(
        "INSERT INTO sources VALUES (?, ?)", ((r["id"], j) for r, j in data.with_json("sources"))
    )
    conn.executemany(
        "INSERT INTO terms VALUES (?, ?)", ((r["id"], j) for r, j in data.with_json("terms"))
    )
    names: list[tuple[str, str, str]] = []
    affiliations: set[tuple[str, str]] = set()
    for r, j in data.with_json("actors"):
        conn.execute(
            "INSERT INTO actors(id, kind, country, json) VALUES (?, ?, ?, ?)",
            (r["id"], r["kind"], r.get("country"), j),
        )
        aid = r["id"]
        names.append((normalize(aid), aid, "id"))
        names.append((normalize(r["name"]), aid, "name"))
        for alias in r.get("aliases", ()):
            names.append((normalize(alias), aid, "alias"))
        if r.get("native_name"):
            names.append((normalize(r["native_name"]), aid, "native"))
        if r["kind"] == "person":
            parts = normalize(r["name"]).split()
            if len(parts) > 1:
                names.append((parts[-1], aid, "surname"))
        # An actor's people are those who held an office of it; nationality alone
        # (``country``) does not make an analyst speak for a state.
        for office in r.get("offices", ()):
            if office.get("of"):
                affiliations.add((office["of"], aid))
    conn.executemany("INSERT INTO names VALUES (?, ?, ?)", set(names))
    conn.executemany("INSERT INTO affiliations VALUES (?, ?)", sorted(affiliations))
    conn.executemany(
        "INSERT INTO positions(id, actor_id, since, json) VALUES (?, ?, ?, ?)",
        ((r["id"], r["actor"], r["since"], j) for r, j in data.with_json("positions")),
    )
    quote_rows = []
    for seq, (r, j) in enumerate(data.with_json("quotes"), 1):
        # an undated quote sorts last and falls inside no date range
        lo, hi = date_bounds(r["date"]) if r.get("date") else ("9999-99-99", "0000-00-00")
        quote_rows.append((seq, r["id"], r["speaker"], lo, hi, j))
    conn.executemany(
        "INSERT INTO quotes(seq, id, speaker_id, date_lo, date_hi, json) VALUES (?, ?, ?, ?, ?, ?)",
        quote_rows,
    )
    for r, j in data.with_json("frameworks"):
        conn.execute("INSERT INTO frameworks(id, json) VALUES (?, ?)", (r["id"], j))
        conn.executemany(
            "INSERT INTO framework_members VALUES (?, ?, ?, ?)",
            ((r["id"], m["actor"], m.get("joined"), m.get("left")) for m in r.get("members", ())),
        )
    for r, j in data.with_json("events"):
        lo = date_bounds(r["date"])[0]
        hi = date_bounds(r.get("end") or r["date"])[1]
        conn.execute(
            "INSERT INTO events(id, date_lo, date_hi, json) VALUES (?, ?, ?, ?)",
            (r["id"], lo, hi, j),
        )
        links = [("actor", a) for a in r.get("actors", ())]
        links += [("framework", f) for f in r.get("frameworks", ())]
        conn.executemany(
            "INSERT INTO event_links VALUES (?, ?, ?)", ((r["id"], k, v) for k, v in links)
        )
    for r, j in data.with_json("arguments"):
        conn.execute(
            "INSERT INTO arguments(id, side, json) VALUES (?, ?, ?)",
            (r["id"], r["side"], j),
        )
        conn.executemany(
            "INSERT INTO argument_actors VALUES (?, ?)", ((r["id"], a) for a in r.get("actors", ()))
        )


_CITING_KINDS = {
    "actors": "actor",
    "positions": "position",
    "quotes": "quote",
    "frameworks": "framework",
    "events": "event",
    "arguments": "argument",
}


def _insert_search(conn: sqlite3.Connection, data: Dataset) -> None:
    """Fill the one search index."""
    names = {
        r["id"]: " ".join(filter(None, (r["name"], r.get("native_name"))))
        for r in data.records["actors"]
    }
    rows: list[tuple[str, str, str, str]] = []
    for r in data.records["actors"]:
        body = " ".join([*r.get("aliases", ()), r.get("description") or ""])
        rows.append(("actor", r["id"], names[r["id"]], body))
        for o in r.get("offices", ()):
            rows.append(("actor", r["id"], r["name"], o["title"]))
    for r in data.records["positions"]:
        title = f"{names.get(r['actor'], r['actor'])}: {r.get('headline') or r['stance']}"
        rows.append(("position", r["id"], title, r["summary"]))
    for r in data.records["quotes"]:
        texts = (r["text"], r.get("original_text"), r.get("gloss"), r["venue"])
        body = " ".join(x for x in texts if x)
        rows.append(("quote", r["id"], names.get(r["speaker"], r["speaker"]), body))
    for r in data.records["frameworks"]:
        title = " ".join(x for x in (r.get("short_name"), r["name"]) if x)
        body = " ".join(
            x
            for x in (
                r.get("summary"),
                r.get("founding_document"),
                r.get("collective_defense_clause"),
            )
            if x
        )
        rows.append(("framework", r["id"], title, body))
    for r in data.records["events"]:
        rows.append(("event", r["id"], r["title"], r.get("summary") or ""))
    for r in data.records["arguments"]:
        rows.append(("argument", r["id"], r["title"], r["summary"]))
    for r in data.records["sources"]:
        body = " ".join(x for x in (r["outlet"], r.get("author"), r.get("note")) if x)
        rows.append(("source", r["id"], r["title"], body))
    conn.executemany("INSERT INTO search_fts(kind, ref, title, body) VALUES (?, ?, ?, ?)", rows)
