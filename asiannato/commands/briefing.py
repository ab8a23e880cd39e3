"""The full briefing: actor profiles, frameworks, timeline, arguments, search, sources
and citations."""

from __future__ import annotations

import enum
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asiannato.app import (
    AsOfOpt,
    Format,
    FormatOpt,
    app,
    complete_actors,
    complete_citables,
    complete_frameworks,
    complete_sources,
    emit,
    emit_doc,
    emit_rows,
    get_store,
    note,
    resolve_format,
)

if TYPE_CHECKING:
    from asiannato.store import Store


class Side(enum.StrEnum):
    for_ = "for"
    against = "against"


class CiteFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"
    bibtex = "bibtex"
    json = "json"


SinceOpt = Annotated[
    str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).", metavar="DATE")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).", metavar="DATE")
]
ActorFilter = Annotated[
    str | None,
    typer.Option(
        "--actor",
        help="Only those involving this actor or its officials.",
        metavar="ID",
        autocompletion=complete_actors,
    ),
]


def _envelope(
    store: Store,
    command: str,
    query: dict[str, Any],
    results: list[Any],
    source_ids: list[str],
    **extra: Any,
) -> None:
    from asiannato import export
    from asiannato import query as q

    srcs = q.sources(store, source_ids)
    emit(export.envelope(command, q.info(store), query, results, srcs, **extra))


@app.command()
def actor(
    name: Annotated[
        str,
        typer.Argument(
            help="An id, name or alias: iwaya, JP, 岩屋.",
            metavar="ACTOR",
            autocompletion=complete_actors,
        ),
    ],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """One actor: offices, stance over time, quotes, sources.

    Example: asiannato actor ishiba --as-of 2025-12-01
    """
    from asiannato import briefing, query

    date = query.parse_date_arg(as_of, "--as-of") if as_of else None
    store = get_store()
    p = briefing.profile(store, name, as_of=date)
    speakers = query.actors(store, {q.speaker for q in p.quotes} | {p.actor.id})
    cited = [*p.actor.sources, *(s for pos in p.positions for s in pos.sources)]
    cited += [s for q in p.quotes for s in q.sources] + [s for e in p.events for s in e.sources]
    out = resolve_format(fmt)
    if out is Format.json:
        from asiannato import export

        terms = query.terms(store)
        result = {
            "actor": asdict(p.actor),
            "as_of": p.as_of,
            "current_position": export.position_dict(p.current, terms),
            "positions": [export.position_dict(x, terms) for x in p.positions],
            "officials": [
                {
                    "id": o.person.id,
                    "name": o.person.name,
                    "offices": [asdict(x) for x in o.offices],
                    "in_office": o.in_office,
                }
                for o in p.officials
            ],
            "quotes": [export.quote_dict(q, speakers) for q in p.quotes],
            "events": [asdict(e) for e in p.events],
            "frameworks": [
                {"id": f.id, "name": f.name, "short_name": f.short_name} for f in p.frameworks
            ],
            "arguments": [{"id": a.id, "side": a.side, "title": a.title} for a in p.arguments],
        }
        _envelope(store, "actor", {"actor": name, "as_of": p.as_of}, [result], cited)
        return
    srcs = query.sources(store, cited)
    from asiannato import pages  # the page model: only for documents

    facts_to = query.info(store).as_of
    emit_doc(pages.profile_doc(p, query.terms(store), srcs, speakers, facts_to), out)


@app.command()
def frameworks(
    name: Annotated[
        str | None,
        typer.Argument(
            help="One framework in detail: nato, seato, quad ...",
            metavar="[ID]",
            autocompletion=complete_frameworks,
        ),
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Existing and past security arrangements.

    Example: asiannato frameworks seato
    """
    from asiannato import briefing, query

    store = get_store()
    out = resolve_format(fmt)
    if name is None:
        fws = briefing.frameworks(store)
        names = query.actors(store, {m.actor for f in fws for m in f.members})
        if out in (Format.csv, Format.plain):
            header = ["id", "name", "short_name", "founded", "collective_defense", "status",
                      "ended", "members", "member_count", "sources"]  # fmt: skip
            rows = [
                [f.id, f.name, f.short_name, f.founded, "yes" if f.collective_defense else "no",
                 f.status, f.ended, " ".join(m.actor for m in f.members), f.member_count,
                 " ".join(f.sources)]
                for f in fws
            ]  # fmt: skip
            emit_rows(out, header, rows)
            return
        if out is Format.json:
            _envelope(
                store,
                "frameworks",
                {"framework": None},
                [asdict(f) for f in fws],
                [s for f in fws for s in f.sources],
            )
            return
        from asiannato import pages  # the page model: only for documents

        emit_doc(pages.frameworks_doc(fws, names), out)
        return
    detail = briefing.framework_detail(store, name)
    fw = detail.framework
    cited = [
        *fw.sources,
        *(s for d in fw.disputes for s in d.sources),
        *(s for e in detail.events for s in e.sources),
    ]
    if out is Format.json:
        result = asdict(fw) | {"events": [asdict(e) for e in detail.events]}
        _envelope(store, "frameworks", {"framework": name}, [result], cited)
        return
    from asiannato import pages  # the page model: only for documents

    emit_doc(pages.framework_doc(detail, query.sources(store, cited)), out)


@app.command()
def timeline(
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: ActorFilter = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """What happened, in order.

    Example: asiannato timeline --since 2024-09 --until 2024-12
    """
    from asiannato import briefing, query

    since_d = query.parse_date_arg(since, "--since") if since else None
    until_d = query.parse_date_arg(until, "--until") if until else None
    query.check_range(since_d, until_d)
    store = get_store()
    events = briefing.timeline(store, since=since_d, until=until_d, actor=actor)
    if not events:
        note("no events match those filters")
        return
    cited = [s for e in events for s in e.sources]
    out = resolve_format(fmt)
    if out in (Format.csv, Format.plain):
        header = ["id", "date", "end", "disputed_dates", "title", "summary", "actors", "sources"]
        rows = [
            [e.id, e.date, e.end, " or ".join(v for d in e.disputes for v in d.values),
             e.title, e.summary, " ".join(e.actors), " ".join(e.sources)]
            for e in events
        ]  # fmt: skip
        emit_rows(out, header, rows)
        return
    if out is Format.json:
        q = {"since": since_d, "until": until_d, "actor": actor}
        _envelope(store, "timeline", q, [asdict(e) for e in events], cited)
        return
    names = query.actors(store, {a for e in events for a in e.actors})
    span = " ".join(
        x for x in (f"from {since_d}" if since_d else "", f"to {until_d}" if until_d else "") if x
    )
    title = "Timeline" + (f" {span}" if span else "")
    from asiannato import pages  # the page model: only for documents

    emit_doc(pages.timeline_doc(events, names, query.sources(store, cited), title), out)


@app.command()
def arguments(
    side: Annotated[
        Side | None, typer.Option("--side", help="Only the arguments for, or against.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Only arguments this actor makes.",
            metavar="ID",
            autocompletion=complete_actors,
        ),
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """The arguments for and against, with evidence.

    Example: asiannato arguments --side against
    """
    from asiannato import briefing, query

    store = get_store()
    args = briefing.arguments(store, side=side.value if side else None, actor=actor)
    if not args:
        note("no arguments match those filters")
        return
    quotes = briefing.quotes_by_id(store, [q for a in args for q in a.quotes])
    cited = [s for a in args for s in a.sources] + [s for q in quotes.values() for s in q.sources]
    out = resolve_format(fmt)
    names = query.actors(
        store, {x for a in args for x in a.actors} | {q.speaker for q in quotes.values()}
    )
    if out is Format.json:
        from asiannato import export

        results = [
            asdict(a)
            | {"evidence": [export.quote_dict(quotes[q], names) for q in a.quotes if q in quotes]}
            for a in args
        ]
        q = {"side": side.value if side else None, "actor": actor}
        _envelope(store, "arguments", q, results, cited)
        return
    if out in (Format.csv, Format.plain):
        from asiannato import export

        rows = [
            [a.id, a.side, a.title, a.summary, " ".join(a.actors), "; ".join(a.others),
             " ".join(a.quotes), " ".join(a.sources)]
            for a in args
        ]  # fmt: skip
        header = ["id", "side", "title", "summary", "actors", "others", "quotes", "sources"]
        emit_rows(out, header, rows)
        return
    from asiannato import pages  # the page model: only for documents

    emit_doc(
        pages.arguments_doc(args, names, quotes, query.sources(store, cited), query.terms(store)),
        out,
    )


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help='Words to find: deterrence, "too early", nucl*, a OR b.')
    ],
    fmt: FormatOpt = Format.auto,
) -> None:
    """Ranked search across the whole briefing.

    Example: asiannato search "collective self-defence"
    """
    from asiannato import briefing

    store = get_store()
    hits = briefing.search(store, text)
    if not hits:
        note(f"nothing matches {text!r}")
        return
    out = resolve_format(fmt)
    if out in (Format.csv, Format.plain):
        rows = [
            [h.kind, h.ref, "".join(p for p, _ in briefing.split_hits(h.title)),
             "".join(p for p, _ in briefing.split_hits(h.snippet)), round(h.rank, 4)]
            for h in hits
        ]  # fmt: skip
        emit_rows(out, ["kind", "id", "title", "snippet", "rank"], rows)
        return
    if out is Format.json:
        results = [
            {
                "kind": h.kind,
                "id": h.ref,
                "title": "".join(p for p, _ in briefing.split_hits(h.title)),
                "snippet": "".join(p for p, _ in briefing.split_hits(h.snippet)),
                "matches": [p for p, hit in briefing.split_hits(h.title + " " + h.snippet) if hit],
                "rank": round(h.rank, 4),
            }
            for h in hits
        ]
        _envelope(store, "search", {"text": text}, results, [])
        return
    from asiannato import pages  # the page model: only for documents

    emit_doc(pages.search_doc(text, hits), out)


@app.command()
def sources(
    source_id: Annotated[
        str | None,
        typer.Argument(
            help="One source in detail.", metavar="[ID]", autocompletion=complete_sources
        ),
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """The bibliography, or one source and what cites it.

    Example: asiannato sources japantimes-iwaya-asian-nato-idea-for-future
    """
    from asiannato import briefing

    store = get_store()
    out = resolve_format(fmt)
    if source_id is None:
        every = briefing.all_sources(store)
        if out in (Format.csv, Format.plain):
            header = ["id", "title", "outlet", "author", "date", "url", "seen_at", "note"]
            rows = [
                [x.id, x.title, x.outlet, x.author, x.date, x.url, x.seen_at, x.note] for x in every
            ]
            emit_rows(out, header, rows)
            return
        if out is Format.json:
            _envelope(store, "sources", {"source": None}, [asdict(s) for s in every], [])
            return
        from asiannato import pages  # the page model: only for documents

        emit_doc(pages.sources_doc(every), out)
        return
    s = briefing.find_source(store, source_id)
    cited_by = briefing.cited_by(store, s.id)
    if out is Format.json:
        result = asdict(s) | {"cited_by": [{"kind": k, "id": r} for k, r in cited_by]}
        _envelope(store, "sources", {"source": source_id}, [result], [s.id])
        return
    from asiannato import pages  # the page model: only for documents

    emit_doc(pages.source_doc(s, cited_by), out)


@app.command()
def cite(
    ref: Annotated[
        str,
        typer.Argument(
            help="A quote id or a source id.", metavar="ID", autocompletion=complete_citables
        ),
    ],
    fmt: Annotated[
        CiteFormat,
        typer.Option(
            "--format", "-f", help="text, markdown, bibtex or json.", case_sensitive=False
        ),
    ] = CiteFormat.text,
) -> None:
    """A citation to paste, for a quote or a source.

    Example: asiannato cite iwaya-2024-10-idea-for-the-future --format bibtex
    """
    from asiannato import briefing, views

    store = get_store()
    c = briefing.citable(store, ref)
    if fmt is CiteFormat.json:
        result = {
            "id": ref,
            "kind": "quote" if c.quote else "source",
            "text": views.citation(c.source, "text", quote=c.quote, speaker=c.speaker).strip(),
            "markdown": views.citation(
                c.source, "markdown", quote=c.quote, speaker=c.speaker
            ).strip(),
            "bibtex": views.citation(c.source, "bibtex", quote=c.quote, speaker=c.speaker),
        }
        _envelope(store, "cite", {"id": ref}, [result], [c.source.id])
        return
    emit(views.citation(c.source, fmt.value, quote=c.quote, speaker=c.speaker))
