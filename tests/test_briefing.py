"""The full briefing on the fixture pack: profiles, frameworks, timeline, arguments,
search, sources and citations, as plain function calls and through the CLI."""

from __future__ import annotations

import json

import pytest

from asiannato import query
from asiannato.errors import NotFoundError, UsageError
from asiannato.query.reference import citation_text
from asiannato.store import Store
from asiannato.views import labels

from .conftest import run


def test_profile_of_a_state_as_of_two_dates(fixture_store: Store) -> None:
    during = query.profile(fixture_store, "JP", as_of="2025-01-01")
    after = query.profile(fixture_store, "japan", as_of="2025-12-01")
    assert during.current is not None and during.current.stance == "advocate"
    assert after.current is not None and after.current.stance == "undeclared"
    assert [p.stance for p in during.positions] == ["advocate", "undeclared"]
    assert {o.person.id: o.in_office for o in during.officials} == {"iwaya": True, "ishiba": True}
    assert {o.person.id: o.in_office for o in after.officials} == {"iwaya": False, "ishiba": False}
    # events involving Japan or its officials, in date order
    assert [e.id for e in during.events] == [
        "1960-01-19-treaty-signed",
        "2024-09-hudson-commentary",
    ]
    assert [f.id for f in during.frameworks] == ["us-japan-treaty"]
    assert [a.id for a in during.arguments] == ["deterrence-gap"]
    assert {q.speaker for q in during.quotes} == {"iwaya"}


def test_profile_of_a_person(fixture_store: Store) -> None:
    p = query.profile(fixture_store, "岩屋")
    assert p.actor.id == "iwaya" and p.office_of == {"japan": "Japan"}
    assert p.affiliation is not None and p.affiliation.id == "japan"
    assert p.current is None and p.positions == ()


def test_unknown_framework_suggests(fixture_store: Store) -> None:
    assert query.find_framework(fixture_store, "Anzus").id == "anzus"
    assert query.find_framework(fixture_store, "US–Japan alliance").id == "us-japan-treaty"
    with pytest.raises(NotFoundError) as err:
        query.find_framework(fixture_store, "anzs")
    assert "did you mean 'anzus'?" in str(err.value)


def test_framework_detail_members_and_events(fixture_store: Store) -> None:
    d = query.framework_detail(fixture_store, "us-japan-treaty")
    assert [(a.id, joined) for a, joined, _ in d.members] == [
        ("japan", None),
        ("united-states", None),
    ]
    assert [e.id for e in d.events] == ["1960-01-19-treaty-signed"]


def test_a_disputed_value_is_shown_with_every_value(fixture_store: Store) -> None:
    anzus = query.find_framework(fixture_store, "anzus")
    (dispute,) = anzus.disputes
    assert labels.dispute_text(dispute) == "disputed: 28 or 29 Apr 1952"
    (event,) = [e for e in query.timeline(fixture_store) if e.id == "2024-09-hudson-commentary"]
    assert labels.event_date(event) == "Sep 2024\n(disputed: 25 or 27 Sep 2024)"


def ids(events: list) -> list[str]:  # type: ignore[type-arg]
    return [e.id for e in events]


def test_timeline_is_in_order_with_partial_dates_and_spans(fixture_store: Store) -> None:
    everything = ids(query.timeline(fixture_store))
    assert everything == [
        "1960-01-19-treaty-signed",
        "2024-09-hudson-commentary",
        "2024-09-17-kritenbrink-stimson",
        "2024-10-10-summits",
        "2024-10-15-mnd-statement",
    ]
    # "2024-09" may fall on either side of the 20th: it is kept on both
    assert "2024-09-hudson-commentary" in ids(query.timeline(fixture_store, since="2024-09-20"))
    assert "2024-09-hudson-commentary" in ids(query.timeline(fixture_store, until="2024-09-16"))
    assert "2024-09-17-kritenbrink-stimson" not in ids(
        query.timeline(fixture_store, until="2024-09-16")
    )
    # a two-day summit overlaps a range that starts on its second day
    assert ids(query.timeline(fixture_store, since="2024-10-11", until="2024-10-14")) == [
        "2024-10-10-summits"
    ]
    assert ids(query.timeline(fixture_store, since="1960", until="1960")) == [
        "1960-01-19-treaty-signed"
    ]


def test_timeline_by_actor_includes_its_officials(fixture_store: Store) -> None:
    assert ids(query.timeline(fixture_store, actor="japan")) == [
        "1960-01-19-treaty-signed",
        "2024-09-hudson-commentary",
    ]


def test_arguments_by_side_and_actor(fixture_store: Store) -> None:
    assert [a.id for a in query.arguments(fixture_store, side="for")] == ["deterrence-gap"]
    assert [a.id for a in query.arguments(fixture_store, side="against")] == [
        "premature",
        "china-threat-hype",
    ]
    # arguments made by China's officials count for China
    assert [a.id for a in query.arguments(fixture_store, actor="prc")] == ["china-threat-hype"]


def test_search_groups_kinds_ranks_and_highlights(fixture_store: Store) -> None:
    hits = query.search(fixture_store, "premature")
    kinds = {h.kind for h in hits}
    assert {"argument", "event"} <= kinds
    for h in hits:
        pieces = query.split_hits(h.title + h.snippet)
        assert any(hit and piece.lower().startswith("premature") for piece, hit in pieces)
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)  # best (lowest bm25) first


def test_search_weighs_titles_above_bodies(fixture_store: Store) -> None:
    # "threat" is in the title of one argument ("A fictitious threat") and in the bodies
    # of other records; the title match ranks first.
    hits = query.search(fixture_store, "fictitious OR threat")
    assert (hits[0].kind, hits[0].ref) == ("argument", "china-threat-hype")


def test_search_is_case_and_accent_insensitive_with_phrases_and_prefixes(
    fixture_store: Store,
) -> None:
    assert query.search(fixture_store, "DÉTERRENCE")
    assert query.search(fixture_store, '"too early"')
    assert query.search(fixture_store, '"early too"') == []
    assert query.search(fixture_store, "institu*")
    with pytest.raises(UsageError):
        query.search(fixture_store, '"')


def test_citations(fixture_store: Store) -> None:
    c = query.citable(fixture_store, "kritenbrink-too-early")
    text = citation_text(c.source, "text", quote=c.quote, speaker=c.speaker)
    assert text.startswith("Daniel J. Kritenbrink, Assistant Secretary of State")
    assert "17 Sep 2024" in text and "quoted in Alex Willemyns." in text
    assert "Radio Free Asia" in text and "(seen in a copy)" in text
    md = citation_text(c.source, "markdown", quote=c.quote, speaker=c.speaker)
    assert "*Radio Free Asia*" in md and "<https://plawiuk.blogspot.com/" in md
    bib = citation_text(c.source, "bibtex", quote=c.quote, speaker=c.speaker)
    assert bib.startswith("@misc{kritenbrink_too_early,\n")
    assert "  year = {2024},\n" in bib and "  month = {sep},\n" in bib
    assert "Quoting Daniel J. Kritenbrink, 2024-09-17" in bib
    assert bib.rstrip().endswith("}")
    reported = query.citable(fixture_store, "iwaya-deterrence")
    text = citation_text(reported.source, "text", quote=reported.quote, speaker=reported.speaker)
    assert "(reported speech) need to strengthen" in text and "as reported in" in text
    with pytest.raises(NotFoundError) as err:
        query.citable(fixture_store, "kritenbrink-too-erly")
    assert "did you mean 'kritenbrink-too-early'?" in str(err.value)


def test_bibtex_escapes_special_characters() -> None:
    from asiannato.model import Source

    s = Source("x", "100% & more_now #1 {braces}", "Outlet", url="https://e.x/a_b%20")
    out = citation_text(s, "bibtex")
    assert r"title = {100\% \& more\_now \#1 \{braces\}}" in out


def test_sources_and_what_cites_them(fixture_store: Store) -> None:
    every = query.all_sources(fixture_store)
    assert len(every) == 4
    cited = query.cited_by(fixture_store, "rfa-too-early")
    assert ("quote", "kritenbrink-too-early") in cited and ("argument", "premature") in cited
    with pytest.raises(NotFoundError):
        query.find_source(fixture_store, "nope")


# --- through the CLI -------------------------------------------------------------------------

NEW_COMMANDS = [
    ("actor", "japan", "--as-of", "2025-01-01"),
    ("actor", "iwaya"),
    ("frameworks",),
    ("frameworks", "anzus"),
    ("timeline",),
    ("arguments",),
    ("search", "deterrence"),
    ("sources",),
    ("sources", "rfa-too-early"),
]


@pytest.mark.parametrize("args", NEW_COMMANDS)
@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "json"])
def test_every_new_command_in_every_format(args: tuple[str, ...], fmt: str) -> None:
    r = run(*args, "--format", fmt)
    assert r.code == 0, r
    assert r.out.strip() and "Traceback" not in r.err
    if fmt == "json":
        doc = json.loads(r.out)
        assert doc["command"] == args[0] and doc["schema_version"] == 1
        assert isinstance(doc["results"], list) and doc["results"]
    if fmt == "markdown":
        assert r.out.startswith("# ")


def test_actor_profile_text() -> None:
    r = run("actor", "japan", "--as-of", "2025-01-01", "--format", "plain")
    assert "Stance over time (as of 2025-01-01)" in r.out
    assert "2024-09\tadvocate\t" in r.out and "\u2190 in force" in r.out
    assert (
        "Takeshi Iwaya (岩屋毅)\tMinister for Foreign Affairs\t2024-10-01 to 2025-10-21\tin office"
        in r.out
    )


def test_timeline_plain_rows_and_bounds() -> None:
    r = run("timeline", "--since", "2024-10", "--until", "2024-10-31")
    rows = [line.split("\t") for line in r.out.splitlines()]
    # id, date, end, disputed dates, title, ...: one row per event, nothing else
    assert [row[:3] for row in rows] == [
        ["2024-10-10-summits", "2024-10-10", "2024-10-11"],
        ["2024-10-15-mnd-statement", "2024-10-15", ""],
    ]


def test_arguments_show_quotes_in_full() -> None:
    r = run("arguments", "--side", "against", "--format", "markdown")
    assert "## Against, or not now" in r.out and "## For an Asian NATO" not in r.out
    assert "\\[the creation of\\] more formal institutions" in r.out


def test_search_markdown_highlights_matches() -> None:
    r = run("search", "premature", "--format", "markdown")
    assert "## Arguments (1)" in r.out and "**Premature**" in r.out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("actor", "iwya"), "did you mean 'iwaya'?"),
        (("frameworks", "anzs"), "did you mean 'anzus'?"),
        (("sources", "rfa-too-erly"), "did you mean 'rfa-too-early'?"),
        (("cite", "iwaya-futur"), "did you mean 'iwaya-future'?"),
        (("timeline", "--actor", "chna"), "did you mean 'china'?"),
    ],
)
def test_unknown_ids_suggest(args: tuple[str, ...], expected: str) -> None:
    r = run(*args)
    assert r.code == 3 and r.out == "" and expected in r.err and r.err.count("\n") == 1


def test_search_syntax_error_is_clear() -> None:
    r = run("search", '"')
    assert r.code == 2 and "no words to search for" in r.err


@pytest.mark.parametrize("fmt", ["text", "markdown", "bibtex", "json"])
def test_cite_formats(fmt: str) -> None:
    r = run("cite", "kritenbrink-too-early", "--format", fmt)
    assert r.code == 0 and "Kritenbrink" in r.out


def test_random_quote_is_reproducible_with_a_seed() -> None:
    first = run("quotes", "--random", "--seed", "7").out
    again = run("quotes", "--random", "--seed", "7").out
    assert first == again and len(first.splitlines()) == 1
    seeds = {run("quotes", "--random", "--seed", str(n)).out for n in range(8)}
    assert len(seeds) > 1


def test_search_finds_the_start_of_a_cjk_word(fixture_store: Store) -> None:
    # written without spaces, 岩屋毅 is one word to the index: 岩屋 finds it as a prefix
    hits = query.search(fixture_store, "岩屋")
    assert ("actor", "iwaya") in {(h.kind, h.ref) for h in hits}
