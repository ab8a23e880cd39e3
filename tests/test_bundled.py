"""Integrity of the bundled dataset: it validates, every record is sourced, and the
cautions of the research notes hold (the seed article's four quotes are present with the
right speakers and kinds; nothing unverified ships; offices are dated as sourced)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from asiannato import dataset, query
from asiannato.model import Quote
from asiannato.packs import bundled
from asiannato.store import Store, open_store


@pytest.fixture(scope="module")
def data() -> dataset.Dataset:
    return dataset.load([bundled()])


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store([bundled()])
    yield s
    s.close()


def test_every_record_cites_a_known_source(data: dataset.Dataset) -> None:
    known = {s["id"] for s in data.records["sources"]}
    for kind in ("actors", "positions", "quotes", "frameworks"):
        for record in data.records[kind]:
            assert record["sources"], (kind, record["id"])
            assert set(record["sources"]) <= known, (kind, record["id"])


def test_every_source_has_an_address(data: dataset.Dataset) -> None:
    for s in data.records["sources"]:
        assert s.get("url") or s.get("seen_at"), s["id"]


def test_every_actor_has_a_position_or_is_a_framework_member(data: dataset.Dataset) -> None:
    # "No sourced position" is recorded as an explicit `undeclared` position; the only
    # actors without any are the other members of the frameworks.
    with_position = {p["actor"] for p in data.records["positions"]}
    members = {m["actor"] for f in data.records["frameworks"] for m in f.get("members", [])}
    missing = [
        a["id"]
        for a in data.records["actors"]
        if a["id"] not in with_position and a["id"] not in members
    ]
    assert missing == []


def test_every_framework_member_is_an_actor(data: dataset.Dataset) -> None:
    actor_ids = {a["id"] for a in data.records["actors"]}
    for f in data.records["frameworks"]:
        for m in f.get("members", []):
            assert m["actor"] in actor_ids, (f["id"], m["actor"])


def test_every_event_and_argument_cites_a_source(data: dataset.Dataset) -> None:
    assert len(data.records["events"]) >= 40 and len(data.records["arguments"]) >= 15
    for kind in ("events", "arguments"):
        for r in data.records[kind]:
            assert r["sources"], (kind, r["id"])


def test_dates_are_consistent(data: dataset.Dataset) -> None:
    from asiannato.model import date_bounds

    def before(a: str, b: str) -> bool:
        return date_bounds(a)[0] <= date_bounds(b)[1]

    for a in data.records["actors"]:
        for o in a.get("offices", []):
            if o.get("start") and o.get("end"):
                assert before(o["start"], o["end"]), (a["id"], o)
    for e in data.records["events"]:
        if e.get("end"):
            assert before(e["date"], e["end"]), e["id"]
    for f in data.records["frameworks"]:
        for m in f.get("members", []):
            if m.get("joined") and m.get("left"):
                assert before(m["joined"], m["left"]), (f["id"], m)


def test_disputed_dates_are_shown_not_picked(store: Store) -> None:
    from asiannato.views import labels

    hudson = [e for e in query.timeline(store, since="2024-09", until="2024-09") if e.disputes]
    assert hudson and "disputed: 25 or 27 Sep 2024" in labels.event_date(hudson[0])
    rok = query.find_framework(store, "us-rok-mutual-defense-treaty")
    assert rok.in_force is None
    assert [labels.dispute_text(d) for d in rok.disputes] == ["disputed: 17 or 18 Nov 1954"]


def _quote_containing(store: Store, words: str) -> Quote:
    found = [q for q in query.find_quotes(store) if words in q.text]
    assert len(found) == 1, (words, [q.id for q in found])
    return found[0]


def test_the_seed_articles_four_quotes(store: Store) -> None:
    iwaya = _quote_containing(
        store, "need to strengthen deterrence against unilateral attempts to change the status quo"
    )
    # The Japan Times reports these words; they were not a direct quote.
    assert (iwaya.speaker, iwaya.kind) == ("iwaya", "reported")
    too_early = _quote_containing(store, "too early to talk about collective security")
    assert (too_early.speaker, too_early.kind) == ("kritenbrink", "direct")
    architecture = _quote_containing(
        store,
        # RT, the first source, prints curly apostrophes (audit P10)
        "investing in the region’s existing formal architecture and continuing to build this "
        "network of formal and informal relationships",
    )
    assert (architecture.speaker, architecture.kind) == ("kritenbrink", "direct")
    # Kyodo (Japan Today), the first source, prints straight quotation marks (audit P10)
    wu = _quote_containing(store, "hyped up the non-existent 'China threat'")
    assert (wu.speaker, wu.kind, wu.original_language) == ("wu-qian", "translation", "zh")


def test_kritenbrink_is_not_said_to_have_rejected_the_idea(store: Store) -> None:
    position = query.position_on(store, "kritenbrink", "2024-12-01")
    assert position is not None and position.stance == "skeptical"
    assert "premature" in position.reasons


def test_the_unverified_malaysian_quote_does_not_ship(store: Store) -> None:
    assert query.find_quotes(store, search='"NATO in ASEAN"') == []
    assert query.find_quotes(store, actor="malaysia") == []


def test_ishibas_premiership_is_dated_as_sourced(store: Store) -> None:
    ishiba = query.actors(store, ["ishiba"])["ishiba"]
    pm = [o for o in ishiba.offices if o.title.startswith("Prime Minister")]
    assert [(o.start, o.end) for o in pm] == [("2024-10-01", "2025-10-21")]
    assert ishiba.native_name == "石破茂"


def test_as_of_shows_who_held_office(store: Store) -> None:
    takaichi = query.actors(store, ["takaichi"])["takaichi"]
    ishiba = query.actors(store, ["ishiba"])["ishiba"]
    on = query.office_on
    assert on(takaichi, "2025-12-01") is not None
    assert on(takaichi, "2025-12-01").title.startswith("Prime Minister")  # type: ignore[union-attr]
    held = on(ishiba, "2025-12-01")
    assert held is None or not held.title.startswith("Prime Minister")


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("japan", "japan"),
        ("JP", "japan"),
        ("usa", "united-states"),
        ("united states", "united-states"),
        ("prc", "china"),
        ("rok", "south-korea"),
        ("iwaya", "iwaya"),
        ("Takeshi Iwaya", "iwaya"),
        ("岩屋", "iwaya"),
        ("石破", "ishiba"),
    ],
)
def test_common_names_resolve(store: Store, name: str, actor: str) -> None:
    assert query.resolve_actor(store, name).id == actor


def test_compare_japan_china_has_substance(store: Store) -> None:
    cmp = query.compare(store, ["japan", "china"], as_of="2025-01-01")
    japan, china = cmp.briefs
    assert japan.position is not None and china.position is not None
    assert china.position.stance == "opposed" and china.position.named_as_threat
    assert japan.people and japan.quote is not None and china.quote is not None
    assert japan.frameworks  # Japan belongs to existing arrangements


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:
    from asiannato.errors import NotFoundError

    with pytest.raises(NotFoundError) as err:
        query.resolve_actor(store, "korea")
    assert "did you mean 'north-korea' or 'south-korea'?" in str(err.value)


def test_as_of_shows_takaichi_in_office_not_ishiba(store: Store) -> None:

    def prime_ministers(date: str) -> list[str]:
        p = query.profile(store, "japan", as_of=date)
        return [
            o.person.id
            for o in p.officials
            if any(x.title.startswith("Prime Minister") and x.held_on(date) for x in o.offices)
        ]

    assert prime_ministers("2025-12-01") == ["takaichi"]
    assert prime_ministers("2025-01-01") == ["ishiba"]
    cmp = query.compare(store, ["japan", "china"], as_of="2025-12-01")
    assert cmp.briefs[0].people[0].actor.id == "takaichi"


# --- the 2025-26 update (issue 13) ----------------------------------------------------------


def test_actors_are_grouped_states_organisations_people(store: Store) -> None:
    # The new records live in their own files (data/*-2025-26.yaml), which sort before the
    # old ones; the table still shows one block per kind.
    order = {"state": 0, "organization": 1, "person": 2}
    kinds = [order[r.actor.kind] for r in query.list_actors(store, everyone=True)]
    assert kinds == sorted(kinds)
    assert {"ratner", "lee-jae-myung", "koizumi"} <= {
        r.actor.id for r in query.list_actors(store, kind="person")
    }


def test_the_data_runs_to_mid_2026(store: Store) -> None:
    as_of = query.info(store).as_of
    assert as_of >= "2026-05"
    recent = query.timeline(store, since="2026-01", until=as_of)
    assert any("Treaty of Jakarta" in e.title for e in recent)
    # Nothing is dated after the date the data claims to run to.
    assert query.timeline(store, since=f"{int(as_of[:4]) + 1}") == []


def test_stances_are_about_a_pact_not_related_moves(store: Store) -> None:
    # Takaichi's Taiwan answer (collective self-defence), the ACSA and the US strategies'
    # "collective defense" language are not support for a pact: no statement on one exists.
    for actor, date in [
        ("japan", "2025-12-01"),
        ("japan", "2026-05-31"),
        ("takaichi", "2026-05-31"),
        ("united-states", "2026-05-31"),
    ]:
        p = query.position_on(store, actor, date)
        assert p is not None and p.stance == "undeclared", (actor, date)
        assert p.since > "2025-10-26", (actor, date)  # the history continues past Ishiba
    ratner = query.position_on(store, "ratner", "2026-05-31")
    assert ratner is not None and ratner.stance == "advocate"
    china = query.position_on(store, "china", "2025-10-01")
    assert china is not None and china.stance == "opposed" and china.since == "2025-09-17"


def test_access_and_logistics_agreements_are_not_collective_defence(store: Store) -> None:
    for fid in ("japan-philippines-raa", "japan-philippines-acsa", "squad"):
        assert query.find_framework(store, fid).collective_defense is False, fid
    jakarta = query.find_framework(store, "australia-indonesia-treaty-on-common-security")
    assert jakarta.founded == "2026-02-06" and jakarta.collective_defense is False
    pact = query.find_framework(store, "pacific-defense-pact")
    assert pact.status == "never-created" and pact.collective_defense is True


def test_new_translations_name_the_language_spoken(store: Store) -> None:
    lee = _quote_containing(store, "Taking sides would only escalate the conflict")
    assert (lee.speaker, lee.kind, lee.original_language) == ("lee-jae-myung", "translation", "ko")
    huang = _quote_containing(store, "an Asia-Pacific NATO with such divisive intentions")
    assert (huang.speaker, huang.kind, huang.date) == ("huang-xilian", "direct", "2025-09-17")


def test_compare_names_who_had_spoken_by_the_date_first(store: Store) -> None:
    # China's 2025-26 officials have undated offices; in a comparison as of 2025 the people
    # who had spoken by then come first, not those whose first statement came later.
    early = query.compare(store, ["japan", "china"], as_of="2025-01-01").briefs[1]
    ids = [p.actor.id for p in early.people]
    assert ids.index("wu-qian") < ids.index("huang-xilian")
    late = query.compare(store, ["japan", "china"], as_of="2025-12-01").briefs[1]
    ids = [p.actor.id for p in late.people]
    assert ids.index("huang-xilian") < ids.index("wu-qian")
