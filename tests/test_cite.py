"""Citations in APA 7, MLA 9 and Chicago 17 of real sources from the bundled data, written
by hand from each manual's rules for online news articles; and the tool's own text,
Markdown and BibTeX forms, which must stay what ``asiannato cite`` printed before."""

from __future__ import annotations

import pytest

from asiannato.cite import (
    STYLES,
    apa_date,
    as_text,
    chicago_date,
    cite_quote,
    cite_source,
    mla_date,
    parse_authors,
    parse_name,
    spans_text,
)
from asiannato.model import Quote, Source

# Real sources, fields copied from data/sources.yaml.
KELLY = Source(
    id="reuters-cna-ishiba-asian-nato-test",
    title="Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy",
    outlet="Reuters (via CNA)",
    author="Tim Kelly",
    date="2024-09-27",
    url="https://www.channelnewsasia.com/east-asia/incoming-japan-pm-ishibas-asian-nato-idea-test-us-diplomacy-4642741",
)
RAMANAN = Source(
    id="seed-gwuiasglobe-asian-nato-prospect",
    title="“Asian NATO”: The Prospect of a Regional Security Proposal",
    outlet="gwuiasglobe.org, section “The Compass” (outlet name unverified)",
    author="Kylie Ramanan",
    seen_at="https://gwuiasglobe.org/the-compass/a3h5oaukwtiwzqf97njlui9x1pbner",
)
CALLAHAN = Source(
    id="cna-commentary-no-one-wants-asian-nato",
    title="Commentary: No one wants an Asian NATO, except Japan's new PM Ishiba",
    outlet="CNA (Commentary)",
    author="William A. Callahan and co-author(s) not identified",
    date="2024-10-03",
    url="https://www.channelnewsasia.com/commentary/japan-pm-asian-nato-deter-china-southeast-asia-4653946?cid=cna_flip_070214",
)
WANG = Source(
    id="koreaherald-wang-son-taek-asian-nato-issues",
    title="[Wang Son-taek] Some issues with the idea of an 'Asian NATO'",
    outlet="The Korea Herald",
    author="Wang Son-taek",
    date="2024-10-09",
    url="http://www01.koreaherald.com/view.php?ud=20241009050206",
)
JAPAN_TIMES = Source(
    id="japantimes-iwaya-idea-for-future",
    title="Japan's new top diplomat calls 'Asian NATO' an idea for the future",
    outlet="The Japan Times",
    date="2024-10-03",
    url="https://www.japantimes.co.jp/news/2024/10/03/japan/politics/takeshi-iwaya-asian-nato/",
    seen_at="https://todayschronic.com/japans-new-top-diplomat-calls-asian-nato-an-idea-for-the-future",
)
SCMP = Source(
    id="scmp-asian-nato-calls-taiwan-moves",
    title="‘Asian Nato’ calls, Taiwan moves: should Beijing worry as Japan’s Ishiba gets going?",
    outlet="South China Morning Post",
    url="https://mcdn.i-scmp.com/news/china/diplomacy/article/3281143/asian-nato-calls-taiwan-moves-should-beijing-worry-japans-ishiba-gets-going",
)
WILLEMYNS = Source(
    id="rfa-too-early-for-asian-nato",
    title="‘Too early’ for an Asian NATO: US official",
    outlet="Radio Free Asia",
    author="Alex Willemyns",
    date="2024-09-17",
    seen_at="https://plawiuk.blogspot.com/2024/09/see-its-in-planning-too-early-for-asian.html?m=0",
)
JAPAN_NEWS = Source(
    id="japannews-ishiba-hudson-article",
    title="[Report on Ishiba's Hudson Institute article]",
    outlet="The Japan News (Yomiuri Shimbun)",
    date="2024-09-29",
    url="https://japannews.yomiuri.co.jp/politics/defense-security/20240929-214007/",
)
KRITENBRINK_Q = Quote(
    id="kritenbrink-2024-09-too-early",
    speaker="kritenbrink",
    role="US Assistant Secretary of State for East Asian and Pacific Affairs",
    text="It's too early to talk about collective security in that context, and [the creation of] more formal institutions",
    kind="direct",
    date="2024-09-17",
    venue="Forum on Indo-Pacific security at the Stimson Center, Washington",
    sources=("rfa-too-early-for-asian-nato", "rt-us-official-too-early"),
)


def ref(source: Source, style: str, *, markdown: bool = False) -> str:
    return spans_text(cite_source(source, style).reference, markdown=markdown)


def in_text(source: Source, style: str) -> str:
    return spans_text(cite_source(source, style).in_text)


# --- APA 7 -------------------------------------------------------------------------------


def test_apa_news_article_with_author_date_and_url() -> None:
    assert ref(KELLY, "apa", markdown=True) == (
        "Kelly, T. (2024, September 27). Incoming Japan PM Ishiba's 'Asian NATO' idea test "
        "for US diplomacy. *Reuters (via CNA)*. " + KELLY.url
    )
    assert in_text(KELLY, "apa") == "(Kelly, 2024)"


def test_apa_no_date_and_read_in_a_copy() -> None:
    assert ref(RAMANAN, "apa") == (
        "Ramanan, K. (n.d.). “Asian NATO”: The Prospect of a Regional Security Proposal. "
        "gwuiasglobe.org, section “The Compass” (outlet name unverified). "
        "Read in a copy at https://gwuiasglobe.org/the-compass/a3h5oaukwtiwzqf97njlui9x1pbner"
    )
    assert in_text(RAMANAN, "apa") == "(Ramanan, n.d.)"


def test_apa_no_author_moves_the_title_first_and_notes_the_copy() -> None:
    assert ref(JAPAN_TIMES, "apa", markdown=True) == (
        "Japan's new top diplomat calls 'Asian NATO' an idea for the future. (2024, October 3). "
        f"*The Japan Times*. {JAPAN_TIMES.url} (read in a copy at {JAPAN_TIMES.seen_at})"
    )
    assert in_text(JAPAN_TIMES, "apa") == "(“Japan's new top diplomat calls,” 2024)"


def test_apa_title_ending_in_a_question_mark_takes_no_period() -> None:
    assert ref(SCMP, "apa").startswith(
        "‘Asian Nato’ calls, Taiwan moves: should Beijing worry as Japan’s Ishiba gets going? (n.d.). "
    )


def test_apa_unnamed_co_authors_and_family_name_first() -> None:
    assert ref(CALLAHAN, "apa").startswith("Callahan, W. A., et al. (2024, October 3). Commentary:")
    assert in_text(CALLAHAN, "apa") == "(Callahan et al., 2024)"
    assert ref(WANG, "apa").startswith("Wang, S.-t. (2024, October 9). [Wang Son-taek] Some")


def test_apa_quote_is_cited_as_a_secondary_source() -> None:
    c = cite_quote(KRITENBRINK_Q, WILLEMYNS, "apa", speaker="Daniel Kritenbrink")
    assert spans_text(c.in_text) == (
        "“It's too early to talk about collective security in that context, and [the creation "
        "of] more formal institutions” (Kritenbrink, as cited in Willemyns, 2024)"
    )
    assert spans_text(c.reference) == (
        "Willemyns, A. (2024, September 17). ‘Too early’ for an Asian NATO: US official. "
        f"Radio Free Asia. Read in a copy at {WILLEMYNS.seen_at}"
    )


# --- MLA 9 -------------------------------------------------------------------------------


def test_mla_news_article() -> None:
    assert ref(KELLY, "mla", markdown=True) == (
        "Kelly, Tim. “Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy.” "
        "*Reuters (via CNA)*, 27 Sept. 2024, www.channelnewsasia.com/east-asia/"
        "incoming-japan-pm-ishibas-asian-nato-idea-test-us-diplomacy-4642741."
    )
    assert in_text(KELLY, "mla") == "(Kelly)"


def test_mla_copy_is_a_second_container_and_inner_quotes_turn_single() -> None:
    assert ref(RAMANAN, "mla", markdown=True) == (
        "Ramanan, Kylie. “‘Asian NATO’: The Prospect of a Regional Security Proposal.” "
        "*gwuiasglobe.org, section “The Compass” (outlet name unverified)*. "
        "*gwuiasglobe.org*, gwuiasglobe.org/the-compass/a3h5oaukwtiwzqf97njlui9x1pbner."
    )
    assert ref(JAPAN_TIMES, "mla", markdown=True) == (
        "“Japan's new top diplomat calls 'Asian NATO' an idea for the future.” "
        "*The Japan Times*, 3 Oct. 2024, www.japantimes.co.jp/news/2024/10/03/japan/politics/"
        "takeshi-iwaya-asian-nato/. *todayschronic.com*, "
        "todayschronic.com/japans-new-top-diplomat-calls-asian-nato-an-idea-for-the-future."
    )


def test_mla_authors_and_descriptions() -> None:
    assert ref(CALLAHAN, "mla").startswith("Callahan, William A., et al. “Commentary:")
    # a name written family name first is not inverted
    assert ref(WANG, "mla").startswith("Wang Son-taek. “[Wang Son-taek] Some issues")
    # a description of an untitled work is neither quoted nor italic
    assert ref(JAPAN_NEWS, "mla", markdown=True) == (
        "[Report on Ishiba's Hudson Institute article]. *The Japan News (Yomiuri Shimbun)*, "
        "29 Sept. 2024, japannews.yomiuri.co.jp/politics/defense-security/20240929-214007/."
    )
    assert in_text(JAPAN_NEWS, "mla") == "(Report on Ishiba's Hudson Institute)"
    assert in_text(JAPAN_NEWS, "apa") == "([Report on Ishiba's Hudson Institute], 2024)"


def test_mla_question_mark_title_and_no_date() -> None:
    assert ref(SCMP, "mla") == (
        "“‘Asian Nato’ calls, Taiwan moves: should Beijing worry as Japan’s Ishiba gets going?” "
        "South China Morning Post, " + SCMP.url.removeprefix("https://") + "."
    )


def test_mla_quote_is_qtd_in() -> None:
    c = cite_quote(KRITENBRINK_Q, WILLEMYNS, "mla", speaker="Daniel Kritenbrink")
    assert spans_text(c.in_text).endswith("more formal institutions” (qtd. in Willemyns)")


# --- Chicago 17 --------------------------------------------------------------------------


def test_chicago_bibliography_and_note() -> None:
    c = cite_source(KELLY, "chicago")
    assert spans_text(c.reference, markdown=True) == (
        "Kelly, Tim. “Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy.” "
        f"*Reuters (via CNA)*, September 27, 2024. {KELLY.url}."
    )
    assert spans_text(c.in_text, markdown=True) == (
        "Tim Kelly, “Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy,” "
        f"*Reuters (via CNA)*, September 27, 2024, {KELLY.url}."
    )


def test_chicago_no_date_copy_and_question_mark() -> None:
    assert ref(RAMANAN, "chicago") == (
        "Ramanan, Kylie. “‘Asian NATO’: The Prospect of a Regional Security Proposal.” "
        "gwuiasglobe.org, section “The Compass” (outlet name unverified), n.d. "
        f"Read in a copy at {RAMANAN.seen_at}."
    )
    note = in_text(SCMP, "chicago")
    assert note == (
        "“‘Asian Nato’ calls, Taiwan moves: should Beijing worry as Japan’s Ishiba gets going?” "
        f"South China Morning Post, n.d., {SCMP.url}."
    )


def test_chicago_quote_note_names_speaker_venue_and_date() -> None:
    c = cite_quote(KRITENBRINK_Q, WILLEMYNS, "chicago", speaker="Daniel Kritenbrink")
    assert spans_text(c.in_text) == (
        "Daniel Kritenbrink, Forum on Indo-Pacific security at the Stimson Center, Washington, "
        "September 17, 2024, quoted in Alex Willemyns, “‘Too early’ for an Asian NATO: US "
        f"official,” Radio Free Asia, September 17, 2024, read in a copy at {WILLEMYNS.seen_at}."
    )
    assert spans_text(c.reference).startswith("Willemyns, Alex. “‘Too early’ for an Asian NATO")


# --- pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "apa", "mla", "chicago"),
    [
        ("2024-10-02", "2024, October 2", "2 Oct. 2024", "October 2, 2024"),
        ("2024-09", "2024, September", "Sept. 2024", "September 2024"),
        ("2025-06-05", "2025, June 5", "5 June 2025", "June 5, 2025"),
        ("2020", "2020", "2020", "2020"),
        (None, "n.d.", "", "n.d."),
    ],
)
def test_date_forms(date: str | None, apa: str, mla: str, chicago: str) -> None:
    assert (apa_date(date), mla_date(date), chicago_date(date)) == (apa, mla, chicago)


def test_names() -> None:
    assert parse_name("See Seng Tan").initials() == "Tan, S. S."
    assert parse_name("Kim Ryo Won (KCNA byline)").initials() == "Kim, R. W."
    assert parse_name("Naoya Yoshino (interviewer)").inverted() == "Yoshino, Naoya"
    assert parse_name("張菁娟").initials() == "張菁娟"
    assert parse_name("Ludwig van Beethoven").inverted() == "van Beethoven, Ludwig"
    names, others = parse_authors("Tim Kelly and Sakura Murakami")
    assert [n.family for n in names] == ["Kelly", "Murakami"] and not others


def test_two_and_three_authors() -> None:
    two = Source("x", "A title", "Reuters", author="Tim Kelly and Sakura Murakami", date="2024")
    three = Source("y", "A title", "Reuters", author="Tim Kelly, Sakura Murakami and Ju-min Park")
    assert ref(two, "apa").startswith("Kelly, T., & Murakami, S. (2024).")
    assert in_text(two, "apa") == "(Kelly & Murakami, 2024)"
    assert ref(two, "mla").startswith("Kelly, Tim, and Sakura Murakami. “A title.”")
    assert ref(two, "chicago").startswith("Kelly, Tim, and Sakura Murakami. “A title.”")
    assert in_text(two, "chicago").startswith("Tim Kelly and Sakura Murakami, “A title,”")
    assert ref(three, "mla").startswith("Kelly, Tim, et al. “A title.”")
    assert ref(three, "apa").startswith("Kelly, T., Murakami, S., & Park, J.-m. (n.d.).")
    assert in_text(three, "apa") == "(Kelly et al., n.d.)"
    assert ref(three, "chicago").startswith("Kelly, Tim, Sakura Murakami, and Ju-min Park.")
    # a comma inside one name means it is already inverted
    assert ref(Source("w", "T", "O", author="Kelly, Tim"), "apa").startswith("Kelly, T. (n.d.)")


def test_hostile_text_is_made_visible_not_printed() -> None:
    s = Source("z", "Title \x1b]0;pwned\x07", "Outlet\u202e", author="Eve \x1b[31mRed")
    for style in STYLES:
        text = as_text(cite_source(s, style))
        assert "\x1b" not in text and "\u202e" not in text, style


def test_reported_speech_is_not_put_in_quotation_marks() -> None:
    q = Quote(
        id="iwaya-2024-10-deterrence-status-quo",
        speaker="iwaya",
        text="need to strengthen deterrence against unilateral attempts to change the status quo",
        kind="reported",
        date="2024-10-02",
        venue="First press conference as foreign minister, Tokyo",
        sources=("japantimes-iwaya-idea-for-future",),
    )
    for style in ("apa", "mla", "chicago"):
        c = cite_quote(q, JAPAN_TIMES, style, speaker="Takeshi Iwaya")
        assert "“need" not in spans_text(c.in_text), style
        assert any("reported speech" in n for n in c.notes), style


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="apa, mla, chicago"):
        cite_source(KELLY, "harvard")


# --- the tool's own forms stay what `cite` printed --------------------------------------


def test_text_markdown_bibtex_forms_by_hand() -> None:
    assert as_text(cite_source(WILLEMYNS, "text")) == (
        "Alex Willemyns. “‘Too early’ for an Asian NATO: US official.” Radio Free Asia, "
        f"17 Sep 2024. {WILLEMYNS.seen_at} (seen in a copy)\n"
    )
    assert as_text(cite_source(KELLY, "markdown")) == (
        "Tim Kelly. “Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy.” "
        f"*Reuters (via CNA)*, 27 Sep 2024. <{KELLY.url}>\n"
    )
    assert as_text(cite_source(KELLY, "bibtex")) == (
        "@misc{reuters_cna_ishiba_asian_nato_test,\n"
        "  author = {Tim Kelly},\n"
        "  title = {Incoming Japan PM Ishiba's 'Asian NATO' idea test for US diplomacy},\n"
        "  howpublished = {Reuters (via CNA)},\n"
        "  year = {2024},\n"
        "  month = {sep},\n"
        f"  url = {{{KELLY.url}}}\n"
        "}\n"
    )
