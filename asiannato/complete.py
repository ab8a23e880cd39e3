"""Dynamic shell completion: actor ids and aliases, speakers, framework, source and quote
ids. Completion runs on every Tab, so it only reads a compiled cache that is already
current; with none, it offers nothing rather than compiling the data."""

from __future__ import annotations

import os
from collections.abc import Iterable

import typer

from asiannato.store import Store, normalize

MAX = 50


def _store(ctx: typer.Context | None) -> Store | None:
    from pathlib import Path

    from asiannato.packs import Pack, bundled
    from asiannato.store import open_cached

    root = ctx.find_root().params if ctx is not None else {}
    env = os.environ.get("ASIANNATO_DATA", "")
    raw = [p for p in env.split(os.pathsep) if p] + list(root.get("data") or [])
    packs = [] if root.get("no_bundled") else [bundled()]
    packs += [Pack(Path(p), p.rstrip("/") or "/") for p in raw if Path(p).is_dir()]
    if not packs:
        return None
    try:
        return open_cached(packs)
    except Exception:  # completion must never print a traceback into the shell
        return None


def _match(incomplete: str, items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    want = normalize(incomplete)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for value, help_text in items:
        if value in seen:
            continue
        if normalize(value).startswith(want) or value.startswith(incomplete):
            seen.add(value)
            out.append((value, help_text))
        if len(out) >= MAX:
            break
    return out


def _names(store: Store, kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    from asiannato.query import core

    out: list[tuple[str, str]] = []
    for a in core.actors(store).values():
        if a.kind in kinds:
            out.append((a.id, a.name))
            out.extend((alias, a.name) for alias in a.aliases if " " not in alias)
    return out


def actors(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    store = _store(ctx)
    if store is None:
        return []
    return _match(incomplete, _names(store, ("state", "organization", "person")))


def speakers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    store = _store(ctx)
    if store is None:
        return []
    return _match(incomplete, _names(store, ("organization", "person")))


def frameworks(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato.query import reference

    store = _store(ctx)
    if store is None:
        return []
    return _match(incomplete, ((f.id, f.short_name or "") for f in reference.frameworks(store)))


def sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato.query import reference

    store = _store(ctx)
    if store is None:
        return []
    return _match(incomplete, ((s.id, s.outlet) for s in reference.sources_in_order(store)))


def citables(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from asiannato.query import core, reference

    store = _store(ctx)
    if store is None:
        return []
    quotes = ((q, "quote") for q in core.quote_ids(store))
    srcs = ((s.id, "source") for s in reference.sources_in_order(store))
    return _match(incomplete, [*quotes, *srcs])
