"""Workbooks 03 and 04 in a real browser: the coach's read-only pages over the demo persona and
over hostile text, and a practice session filled in JupyterLab reaching the journal."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.readers.practice import design_sessions
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile, Project, Story

from .helpers import poll_journal
from .servers import lab_server, run_all_cells, stepup_server
from .test_browser_xss import ATTACK, _assert_markup_is_text, _watch_for_script

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LOADED_IMAGES = (
    "[...document.querySelectorAll('.widget-image')].filter(i => i.naturalWidth > 0).length"
)
LEAKS = (
    "Traceback",
    "project_deep_dives(",
    "design_practice(",
    "from widgets import",
    "Error displaying widget",
)


def _nothing_editable(page) -> None:
    assert page.eval_on_selector_all("input, textarea, select, button", "els => els.length") == 0


def test_coach_sees_projects_stories_and_coverage(page, demo_coach):
    page.goto(demo_coach.url("/voila/render/03_project_deep_dives.ipynb"))
    page.wait_for_selector(".stepup-card h3:text-is('Churn prediction for the retention team')")
    page.wait_for_function(f"{LOADED_IMAGES} === 3")  # readiness, story types, competencies
    cards = page.locator(".stepup-card h3").all_inner_texts()
    assert "Ranking service: feature pipeline and offline evaluation" in cards
    assert "Six hours of stale features" in cards and "Staying quiet in the design review" in cards
    body = page.inner_text("body")
    assert "found 3% were plan changes" in body  # a drill answer
    assert "Story types with no story yet" in body and "Biggest-scope impact" in body
    assert "Flagged for research" in body
    _nothing_editable(page)
    for leak in LEAKS:
        assert leak not in body


def test_coach_sees_design_sessions_and_the_weakest_dimension(page, demo_coach):
    page.goto(demo_coach.url("/voila/render/04_design_practice.ipynb"))
    page.wait_for_selector("text=Weakest dimension lately: Driving the conversation")
    page.wait_for_function(f"{LOADED_IMAGES} === 1")
    cards = page.locator(".stepup-card h3").all_inner_texts()
    assert cards[0] == "2026-11-08 · Video recommendations"  # newest first
    assert len(cards) == 5
    body = page.inner_text("body")
    assert "Scores from Dana (coach)" in body
    _nothing_editable(page)
    for leak in LEAKS:
        assert leak not in body


@pytest.fixture
def hostile_practice_journal(tmp_path):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(track="ml"))
        project = journal.save(
            Project(
                name=ATTACK[:120],
                goal=ATTACK,
                role=ATTACK,
                stack=ATTACK[:300],
                impact=ATTACK,
                drill={"problem": {"answer": ATTACK, "confidence": 4, "needs_research": True}},
            )
        )
        journal.save(
            Story(
                title=ATTACK[:120],
                project_id=project.id,
                situation=ATTACK,
                task=ATTACK,
                action=ATTACK,
                result=ATTACK,
                learning=ATTACK,
                story_types=["conflict"],
                competencies=["communication"],
            )
        )
        journal.save(
            DesignSession(
                practised_on=dt.date(2026, 11, 1),
                own_prompt=ATTACK,
                reflection=ATTACK,
                coach_rater=ATTACK[:120],
                sections={"model": {"notes": ATTACK, "minutes": 5}},
                self_scores={"driving": 2, "tradeoffs": 3},  # two: the weakest is named
                coach_scores={"driving": 3},
            )
        )
    return path


def test_hostile_text_in_workbooks_03_and_04_stays_text_for_the_coach(
    page, hostile_practice_journal, tmp_path
):
    with stepup_server(
        ["coach", "--journal", str(hostile_practice_journal)], {}, tmp_path / "voila.log"
    ) as server:
        dialogs = _watch_for_script(page)
        for notebook, ready in (
            ("03_project_deep_dives.ipynb", ".widget-html b:text-is('Flagged for research')"),
            ("04_design_practice.ipynb", ".widget-html b:has-text('Weakest dimension lately')"),
        ):
            page.goto(server.url(f"/voila/render/{notebook}"))
            page.wait_for_selector(ready)
            _assert_markup_is_text(page, dialogs, "body")
            _nothing_editable(page)


def _stored_sessions(journal_path, until) -> list[DesignSession]:
    return poll_journal(journal_path, lambda j: [s for _, s in design_sessions(j)], until) or []


def test_a_practice_session_filled_in_lab_reaches_the_journal_and_the_chart(page, tmp_path):
    journal_path = tmp_path / "journal.sqlite"
    with Journal(journal_path) as journal:  # the ML track: its steps and rubric ids
        journal.save(Profile(track="ml"))
    with lab_server(tmp_path, journal_path, "stepup-practice-token") as server:
        page.goto(server.url("/lab/tree/04_design_practice.ipynb"))
        run_all_cells(page)
        prompt = page.locator(".widget-dropdown:has(label:text-is('Prompt')) select")
        prompt.wait_for()
        prompt.select_option(label="Payment fraud detection (ML)")
        page.wait_for_selector("text=Score card payments for fraud in real time")
        minutes = page.locator(".widget-text:has(label:text-is('Minutes')) input").first
        minutes.fill("7")
        minutes.press("Enter")
        page.locator(
            ".widget-dropdown:has(label:text-is('Trade-offs')) select"
        ).first.select_option(label="3 · senior")
        page.wait_for_selector("text=Quantifies trade-offs")  # the senior descriptor, under it
        saved = _stored_sessions(
            journal_path, lambda found: found and found[0].self_scores.get("tradeoffs") == 3
        )
        assert saved[0].prompt_id == "fraud_detection"
        assert saved[0].sections["requirements"].minutes == 7
        # The progress panel redrew: one scored dimension names no weakest, a second does.
        page.wait_for_selector("text=Only one dimension is scored")
        page.locator(
            ".widget-dropdown:has(label:text-is('Failure modes')) select"
        ).first.select_option(label="2 · mid")
        page.wait_for_selector("text=Weakest dimension lately: Failure modes")
        assert "Traceback" not in page.inner_text(".jp-Notebook")
