"""The core commands: actors, compare, quotes."""

from __future__ import annotations

from typing import Annotated

import typer

from asiannato.app import (
    AsOfOpt,
    Format,
    FormatOpt,
    Kind,
    Stance,
    app,
    complete_actors,
    complete_speakers,
    emit,
    get_store,
    make_console,
    no_csv,
    note,
    resolve_format,
    show,
)


@app.command()
def actors(
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only this kind of actor.")
    ] = None,
    stance: Annotated[
        Stance | None, typer.Option("--stance", "-s", help="Only actors with this stance.")
    ] = None,
    as_of: AsOfOpt = None,
    everyone: Annotated[
        bool,
        typer.Option("--all", help="Also actors with no position on record (e.g. treaty members)."),
    ] = False,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who stands where: each actor's stance and position.

    Example: asiannato actors --kind state --stance skeptical
    """
    from asiannato import export, query, views

    date = query.parse_date_arg(as_of, "--as-of") if as_of else query.today()
    store = get_store()
    rows = query.list_actors(
        store,
        kind=kind.value if kind else None,
        stance=stance.value if stance else None,
        as_of=date,
        everyone=everyone,
    )
    if not rows:
        note("no actors match those filters")
        return
    info = query.info(store)
    out = resolve_format(fmt)
    if out is Format.csv:
        emit(export.actors_csv(rows, date))
        return
    if out is Format.plain:
        emit(export.actors_tsv(rows))
        return
    # the formats below cite sources by number or carry them whole
    cited = [r.position.sources if r.position else r.actor.sources for r in rows]
    srcs = query.sources(store, [s for ids in cited for s in ids])
    bib = views.bibliography(cited, srcs)
    if out is Format.json:
        terms = query.terms(store)
        results = [
            {
                "actor": export.actor_dict(r.actor),
                "position": export.position_dict(r.position, terms),
            }
            for r in rows
        ]
        q = {
            "kind": kind.value if kind else None,
            "stance": stance.value if stance else None,
            "as_of": date,
        }
        emit(export.envelope("actors", info, q, results, srcs))
    elif out is Format.markdown:
        emit(export.actors_markdown(rows, bib, info, date))
    else:
        from asiannato import render

        console = make_console()
        hidden = 0 if everyone else query.count_outside_debate(store)
        table = render.actors_table(
            rows, bib, date, info.version, console.width, hidden, facts_to=info.as_of
        )
        show(table, console)


@app.command()
def compare(
    names: Annotated[
        list[str],
        typer.Argument(
            help="Two or more actors: ids, names or aliases.",
            metavar="ACTOR...",
            autocompletion=complete_actors,
        ),
    ],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Two or more actors side by side: where they agree, differ.

    Example: asiannato compare japan china
    """
    from asiannato import export, query, views

    date = query.parse_date_arg(as_of, "--as-of") if as_of else None
    store = get_store()
    cmp = query.compare(store, names, as_of=date)
    terms = query.terms(store)
    ids: set[str] = set()
    for b in cmp.briefs:
        ids.add(b.actor.id)
        ids.update(p.actor.id for p in b.people)
        ids.update(o.of for p in b.people for o in p.offices if o.of)
        if b.quote:
            ids.add(b.quote.speaker)
    people = query.actors(store, ids)
    cited = []
    for b in cmp.briefs:
        cited.append(b.position.sources if b.position else b.actor.sources)
        if b.quote:
            cited.append(b.quote.sources)
    srcs = query.sources(store, [s for c in cited for s in c])
    bib = views.bibliography(cited, srcs)
    out = resolve_format(fmt)
    if out is Format.json:
        from dataclasses import asdict

        info = query.info(store)
        agree, differ = views.agreement_lines(cmp, terms)
        results = [
            {
                "actor": export.actor_dict(b.actor),
                "position": export.position_dict(b.position, terms),
                "people": [
                    {
                        "id": p.actor.id,
                        "name": p.actor.name,
                        "native_name": p.actor.native_name,
                        "offices": [asdict(o) for o in p.offices],
                    }
                    for p in b.people
                ],
                "quote": export.quote_dict(b.quote, people) if b.quote else None,
                "frameworks": [
                    {"id": f.id, "name": f.name, "short_name": f.short_name} for f in b.frameworks
                ],
            }
            for b in cmp.briefs
        ]
        agreement = {
            "agree": agree,
            "differ": differ,
            "shared": [asdict(s) for s in cmp.shared],
            "only": cmp.only,
            "common_frameworks": [
                {"framework": f, "actors": list(a)} for f, a in cmp.common_frameworks
            ],
        }
        q = {"actors": list(names), "as_of": cmp.as_of}
        emit(export.envelope("compare", info, q, results, srcs, comparison=agreement))
    elif out is Format.csv:
        raise no_csv()
    elif out is Format.markdown:
        emit(export.compare_markdown(cmp, terms, people, bib, query.info(store).as_of))
    elif out is Format.plain:
        emit(export.compare_text(cmp, terms, people, bib))
    else:
        from asiannato import render

        console = make_console()
        view = render.compare_view(
            cmp, terms, people, bib, console.width, facts_to=query.info(store).as_of
        )
        show(view, console)


@app.command()
def quotes(
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker",
            autocompletion=complete_speakers,
            help="Who said it: surname, full name, alias or native script (iwaya, 岩屋).",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            autocompletion=complete_actors,
            help="Quotes by an actor, its officials and its organizations (e.g. japan).",
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option("--search", help='Words to find, ranked: deterrence, "too early", nucl*.'),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).", metavar="DATE")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Up to this date.", metavar="DATE")
    ] = None,
    random: Annotated[
        bool, typer.Option("--random", help="One quote at random from those that match.")
    ] = False,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Make --random reproducible.", metavar="N")
    ] = None,
    fmt: FormatOpt = Format.auto,
) -> None:
    """Who said what, when, where, and in which source.

    Example: asiannato quotes --speaker iwaya
    """
    from asiannato import export, query, views

    since_d = query.parse_date_arg(since, "--since") if since else None
    until_d = query.parse_date_arg(until, "--until") if until else None
    query.check_range(since_d, until_d)
    store = get_store()
    found = query.find_quotes(
        store, speaker=speaker, actor=actor, search=search, since=since_d, until=until_d
    )
    if not found:
        note("no quotes match those filters")
        return
    if random or seed is not None:
        from asiannato.briefing import random_quote

        found = [random_quote(found, seed)]
    speakers = query.actors(store, {q.speaker for q in found})
    srcs = query.sources(store, [s for q in found for s in q.sources])
    out = resolve_format(fmt)
    if out is Format.json:
        info = query.info(store)
        q = {
            "speaker": speaker,
            "actor": actor,
            "search": search,
            "since": since_d,
            "until": until_d,
        }
        emit(
            export.envelope(
                "quotes", info, q, [export.quote_dict(x, speakers) for x in found], srcs
            )
        )
    elif out is Format.csv:
        emit(export.quotes_csv(found, speakers, srcs))
    elif out is Format.markdown:
        bib = views.bibliography([x.sources for x in found], srcs)
        emit(export.quotes_markdown(found, speakers, bib, "Quotes on an \u201cAsian NATO\u201d"))
    elif out is Format.plain:
        emit(export.quotes_tsv(found, speakers, srcs))
    else:
        from rich.console import Group

        from asiannato import render

        show(Group(*(render.quote_card(x, speakers, srcs) for x in found)))
        note(f"{len(found)} quote{'s' if len(found) != 1 else ''}")
