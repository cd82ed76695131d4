"""Workbook 02 in a real browser: a slider move in JupyterLab reaches the journal and redraws the
radar; the coach's Voilà page shows every rating, the disagreements and the radar, read-only."""

from __future__ import annotations

import pytest

from widgets.readers.competencies import stored_assessment

from .helpers import poll_journal
from .servers import lab_server, run_all_cells

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RADAR_SRC = "(document.querySelector('img.stepup-radar') || {}).src || ''"


def _stored_current(journal_path, competency_id: str, until: str | None = None) -> str | None:
    def current(journal):
        rating = stored_assessment(journal, "software").ratings.get(competency_id)
        return rating.current if rating else None

    return poll_journal(
        journal_path, current, lambda value: bool(value) and (until is None or value == until)
    )


def test_slider_move_in_lab_saves_and_redraws_the_radar(page, tmp_path):
    journal_path = tmp_path / "journal.sqlite"
    with lab_server(tmp_path, journal_path, "stepup-radar-token") as server:
        page.goto(server.url("/lab/tree/02_competency_radar.ipynb"))
        run_all_cells(page)
        page.wait_for_function(f"({RADAR_SRC}).startsWith('blob:')")
        before = page.evaluate(RADAR_SRC)
        handle = page.locator(".stepup-level input").first
        handle.focus()
        handle.press("ArrowRight")  # not rated → the first level
        page.wait_for_function(f"({RADAR_SRC}) !== {before!r}")
        assert _stored_current(journal_path, "scope_autonomy") == "junior"
        descriptor = page.locator(
            ".stepup-descriptor", has_text="Completes well-scoped tasks"
        )  # that level's descriptor shows
        descriptor.first.wait_for(state="attached")
        assert "Junior engineer" in descriptor.first.text_content()
        for key, expected in (
            ("ArrowRight", "mid"),
            ("ArrowRight", "senior"),
            ("ArrowLeft", "mid"),
        ):
            handle.press(
                key
            )  # every move saves, not only the first (widget callbacks run on another thread)
            assert _stored_current(journal_path, "scope_autonomy", until=expected) == expected


def test_coach_sees_ratings_disagreements_and_radar_read_only(page, demo_coach):
    page.goto(demo_coach.url("/voila/render/02_competency_radar.ipynb"))
    page.wait_for_selector("text=⚑ disagreement")
    page.wait_for_function(f"({RADAR_SRC}).startsWith('blob:')")
    body = page.inner_text("body")
    assert "Found label leakage that inflated offline AUC by 0.06" in body
    assert "Dana (coach)" in body and "Communication" in body
    assert "Communication: 2" not in body  # no Python reprs leak into the page
    assert (
        page.eval_on_selector_all(
            "input, textarea, select, button, [role=slider]", "els => els.length"
        )
        == 0
    )
    for leak in (
        "Traceback",
        "competency_ratings(",
        "from widgets import",
        "Error displaying widget",
    ):
        assert leak not in body
