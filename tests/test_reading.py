"""Workbook 05's reading list, driven from Python: sources read as books, papers, pages and
repository files; gaps and design dimensions in order; each reading once; the track respected."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from markupsafe import escape

from widgets import reading_list as reading_list_page
from widgets.content import seeds
from widgets.content.uncertain_year import uncertain_year
from widgets.readers.competencies import assessment, gap_weighting, gaps, latest_coach
from widgets.readers.plan import plan_framework
from widgets.readers.practice import design_sessions, dimension_means, track_practice
from widgets.readers.reading import (
    Reading,
    ReadingList,
    Topic,
    reading,
    reading_list,
)
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile
from widgets.storage.transfer import import_journal
from widgets.views.fragments import fragment

from .test_tracks import PERSONAS


@pytest.fixture
def persona_journal(tmp_path, monkeypatch):
    """Open a fresh copy of a persona's journal (by track), the date pinned to its last answer."""
    from widgets.storage.transfer import demo_date

    opened = []

    def open_persona(track: str) -> Journal:
        text = PERSONAS[track].read_text(encoding="utf-8")
        path = tmp_path / f"{track}.sqlite"
        import_journal(text, path)
        monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
        opened.append(Journal(path))
        return opened[-1]

    yield open_persona
    for journal in opened:
        journal.close()


@pytest.mark.parametrize(
    ("source", "kind", "title", "url"),
    [
        (
            "https://dropbox.github.io/dbx-career-framework/ic4_software_engineer.html",
            "page",
            "Dropbox Engineering Career Framework: IC4 Software Engineer",
            "https://dropbox.github.io/dbx-career-framework/ic4_software_engineer.html",
        ),
        (
            "Secondary: https://algomaster.io/learn/system-design-interviews/expectations-by-level",
            "page",
            "AlgoMaster: system design interviews, expectations by level",
            "https://algomaster.io/learn/system-design-interviews/expectations-by-level",
        ),
        (
            "https://medium.com/p/b1fad620787e",
            "page",
            "Medium Engineering's growth framework (Snowflake): its sixteen tracks",
            None,
        ),
        (
            "https://arxiv.org/abs/2312.03966",
            "paper",
            (
                "Guenes, Tomaz, Kalinowski, Baldassarre & Storey (2024), Impostor Phenomenon in "
                "Software Engineers, ICSE-SEIS"
            ),
            None,
        ),
        # addresses no seed cites (so reading_titles.yaml has no title): a title from the address
        (
            "https://dropbox.github.io/dbx-career-framework/ic5_software_engineer.html",
            "page",
            "IC5 software engineer",
            None,
        ),
        ("https://medium.com/p/0123abcd4567", "page", "A page on medium.com", None),
        ("https://arxiv.org/abs/2401.00001", "paper", "arxiv.org: 2401.00001", None),
        (
            (
                "donnemartin/system-design-primer README.md (How to approach a system design "
                "interview question)"
            ),
            "repository",
            "The System Design Primer (How to approach a system design interview question)",
            "https://github.com/donnemartin/system-design-primer/blob/HEAD/README.md",
        ),
        (
            (
                "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 8 The Trouble "
                "with Distributed Systems"
            ),
            "book",
            (
                "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 8 The Trouble "
                "with Distributed Systems"
            ),
            None,
        ),
        (
            (
                "Herbert H. Clark and Jean E. Fox Tree, Using uh and um in spontaneous speaking, "
                "Cognition 84 (2002): 73-111"
            ),
            "paper",
            (
                "Herbert H. Clark and Jean E. Fox Tree, Using uh and um in spontaneous speaking, "
                "Cognition 84 (2002): 73-111"
            ),
            None,
        ),
        (
            "Tay, Ang & Van Dyne (2006), J Appl Psychol 91(2):446-454, PMID 16551195",
            "paper",
            "Tay, Ang & Van Dyne (2006), J Appl Psychol 91(2):446-454, PMID 16551195",
            None,
        ),
    ],
)
def test_a_source_reads_as_a_book_paper_page_or_repository_file(source, kind, title, url):
    found = reading(source)
    assert (found.kind, found.title) == (kind, title)
    if url:
        assert found.url == url


def _listed_sources() -> list[str]:
    """Every source a reading list can show."""
    sources = [s for f in seeds.frameworks() for c in f.competencies for s in c.sources]
    practice = seeds.design_practice()
    sources += [s for d in practice.all_rubric for s in d.sources]
    sources += [s for step in practice.all_sections for s in step.sources]
    sources += [s for p in seeds.belief_prompts().prompts for s in p.sources]
    # workbook 04's design prompts and their mid vs senior contrasts (issue 31)
    sources += [s for p in practice.all_prompts for s in [*p.sources, *p.at_the_crux.sources]]
    # Workbook 05's page on an uncertain year lists its items' sources the same way (issue 31).
    sources += [s for t in uncertain_year().topics for i in t.items for s in i.sources]
    return sources


def test_every_seed_source_becomes_a_reading_with_a_title():
    """Does every source a reading list can show parse, each link an http(s) address?"""
    for source in _listed_sources():
        found = reading(source)
        assert found.title.strip(), source
        assert found.url is None or re.fullmatch(r"https?://\S+", found.url), source


def test_every_link_a_reading_list_shows_has_a_written_title():
    """A title made from an address ("A page on medium.com") is for addresses the seeds do not
    cite; every cited one is named in seeds/reading_titles.yaml. That the file names nothing a
    seed does not cite, for every seed (not only the ones a reading list shows) and for books,
    papers and repository files too, is tests/test_citations.py's check."""
    titles = seeds.reading_titles()
    linked = {found.url for found in map(reading, _listed_sources()) if found.url}
    assert sorted(linked - set(titles)) == [], "cited without a title in reading_titles.yaml"
    for source in _listed_sources():
        found = reading(source)
        if found.url:
            assert found.title.startswith(titles[found.url]), source


def test_an_empty_journal_gets_an_empty_state_that_says_what_to_do(journal_path, journal):
    panel = reading_list_page()
    assert panel.reading.topics == []
    assert "workbook 02" in panel.list_html.value and "workbook 04" in panel.list_html.value
    assert panel.summary() == "Reading list: nothing rated, scored or tested yet."


@pytest.mark.parametrize("track", list(PERSONAS))
def test_largest_gaps_first_then_weakest_design_dimensions(persona_journal, track):
    journal = persona_journal(track)
    found = reading_list(journal)
    framework = plan_framework(journal)
    own = assessment(journal, framework)
    # Ranked as the engineer's route ranks them (the promotion persona: distance to target), and
    # measured as workbook 02 measures them (the coach's recent rating first).
    coach = latest_coach(journal, framework.id)
    expected_gaps = [gap.name for gap in gaps(framework, own, gap_weighting(journal), coach)]
    assert [t.name for t in found.group("gap")] == expected_gaps and expected_gaps
    sessions = [session for _, session in design_sessions(journal)]
    means = dimension_means(sessions, track_practice(journal))
    assert [t.name for t in found.group("design")] == [d.name for d, _ in means]
    scored = [mean for _, mean in means if mean is not None]
    assert scored == sorted(scored) and scored
    assert {d.name for d, _ in means} == {d.name for d in track_practice(journal).rubric}
    order = [t.group for t in found.topics]
    assert order == sorted(order, key=["gap", "design", "belief"].index)


@pytest.mark.parametrize("track", list(PERSONAS))
def test_each_reading_is_listed_once_and_the_rest_counted(persona_journal, track):
    found = reading_list(persona_journal(track))
    keys = [r.key for topic in found.topics for r in topic.readings]
    assert len(keys) == len(set(keys)) and keys
    assert any(topic.listed_above for topic in found.topics)
    for topic in found.topics:
        assert topic.readings or topic.listed_above, topic.name


def test_a_software_engineer_reads_no_ml_guide_and_an_ml_engineer_does(persona_journal):
    """Driving the conversation cites an ML interview course: only the ML engineer is sent there."""
    ml_only = re.compile(r"machine-learning|MLSD|ml-system-design", re.IGNORECASE)

    def addresses(track):
        return [
            r.url or r.title
            for t in reading_list(persona_journal(track)).topics
            for r in t.readings
        ]

    assert not [a for a in addresses("software") if ml_only.search(a)]
    assert [a for a in addresses("ml") if ml_only.search(a)]


def test_the_list_redraws_when_a_practice_session_is_scored(journal_path, journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", "2026-11-16")
    journal.save(Profile(track="software"))
    panel = reading_list_page()
    assert panel.reading.topics == [] and "Nothing to read for yet" in panel.list_html.value
    current.current_journal().save(  # the kernel's journal, the one the panel listens to
        DesignSession(
            prompt_id="payment_ledger",
            practised_on=dt.date(2026, 11, 16),
            self_scores={"clarity": 1, "apis_and_data": 3},
        )
    )
    design = panel.reading.group("design")
    assert [t.name for t in design[:2]] == ["Clarity", "APIs and data model"]
    assert "Barbara Minto, The Pyramid Principle" in panel.list_html.value
    assert "Rate yourself in workbook 02 to see reading for your gaps." in panel.list_html.value
    assert "Clarity" in panel.summary()


def test_titles_are_text_and_links_open_safely():
    hostile = Topic(
        "gap",
        "<img src=x onerror=alert(1)>",
        "1 level",
        [
            Reading("<script>alert(1)</script>", "book"),
            Reading('Page "quoted"', "page", 'https://example.org/a"onmouseover="x', "example.org"),
        ],
    )
    html = fragment("panels/reading", reading=ReadingList("software", [hostile], rated=True))
    assert "<script>" not in html and str(escape("<script>alert(1)</script>")) in html
    assert "<img src=x" not in html
    assert 'href="https://example.org/a&#34;onmouseover=&#34;x"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_sit_under_the_workbooks_section(persona_journal):
    """The list's headings are h3, under workbook 05's h2 section
    (no level skipped for a screen reader)."""
    html = fragment("panels/reading", reading=reading_list(persona_journal("software")))
    assert set(re.findall(r"<h(\d)", html)) == {"3"}


def test_switching_the_track_in_the_profile_redraws_the_list_for_that_track(journal_path, journal):
    """Workbook 00's track choice, saved in the same kernel, changes the rubric the list reads."""
    from widgets import profile_form

    current.current_journal().save(Profile(track="software"))
    current.current_journal().save(
        DesignSession(practised_on=dt.date(2026, 11, 16), self_scores={"driving": 2})
    )
    panel = reading_list_page()
    software = {t.name for t in panel.reading.group("design")}
    assert "APIs and data model" in software and "Metrics and evaluation" not in software
    profile_form().track.value = "ml"
    ml = {t.name for t in panel.reading.group("design")}
    assert "Metrics and evaluation" in ml and "APIs and data model" not in ml


def test_a_book_cited_for_more_chapters_leaves_out_its_single_chapters():
    """The software persona's list read "SRE, ch. 22 …" and "SRE, ch. 21 … and ch. 22 …" under
    one topic, though the page says each reading is listed once."""
    from widgets.readers.reading import readings

    titles = [
        r.title
        for r in readings(
            [
                (
                    "Betsy Beyer et al., Site Reliability Engineering (2016), ch. 22 Addressing "
                    "Cascading Failures"
                ),
                (
                    "Betsy Beyer et al., Site Reliability Engineering (2016), ch. 21 Handling "
                    "Overload and ch. 22 Addressing Cascading Failures"
                ),
                "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 2-6",
                (
                    "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 2 Data "
                    "Models and Query Languages and ch. 6 Partitioning"
                ),
                (
                    "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 8 The "
                    "Trouble with Distributed Systems"
                ),
                "Barbara Minto, The Pyramid Principle (main point first, then the reasons)",
            ],
            "software",
        )
    ]
    assert titles == [
        (
            "Betsy Beyer et al., Site Reliability Engineering (2016), ch. 21 Handling Overload and "
            "ch. 22 Addressing Cascading Failures"
        ),
        "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 2-6",
        (
            "Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 8 The Trouble "
            "with Distributed Systems"
        ),
        "Barbara Minto, The Pyramid Principle (main point first, then the reasons)",
    ]
