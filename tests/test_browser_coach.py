"""The coach view in a real browser: the demo persona on one page, fresh data through preheated
kernels, a coach that never writes, and a persona whose every text field is hostile."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest

from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.storage.journal import Journal
from widgets.storage.records import Checkin
from widgets.storage.transfer import import_journal
from widgets.views.report import render_report

from .helpers import WORKBOOKS
from .servers import VOILA_DRAWN, committed_outputs, stepup_server
from .test_browser_xss import ATTACK, _assert_markup_is_text, _watch_for_script

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COACH = "/voila/render/coach_view.ipynb"
RENDERED = (
    "[...document.querySelectorAll('.stepup-coach-session img')]"
    ".filter(i => i.complete && i.naturalWidth > 0).length === 3"
)
INJECTED = """() => document.querySelectorAll('img[src="x"]').length
    + [...document.querySelectorAll('script')]
      .filter(s => s.textContent.includes('alert(2)')).length"""


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_coach_page_shows_the_session_read_only(page, demo_coach):
    page.goto(demo_coach.url(COACH))
    page.wait_for_function(RENDERED)
    body = page.inner_text("body")
    for expected in (
        "Asha: Mid-level engineer → Senior engineer by 2027-03-31",
        "Northwind Analytics",
        "in 24 days",
        "Strongest belief now",
        "Disagreements",
        "stories by senior story type",
        "weakest lately: Driving the conversation",
        'Prepare "Why this design" for the churn deep dive',
        "Said my main point in the design review.",
    ):
        assert expected in body, expected
    assert page.eval_on_selector_all("input, textarea, select, button", "els => els.length") == 0
    # text columns read left to right: our rule outranks Voila's right-aligned table cells
    aligned = page.eval_on_selector_all(
        "table.stepup-table td",
        "cells => [...new Set(cells.map(c => getComputedStyle(c).textAlign))]",
    )
    assert "left" in aligned and "right" not in aligned, aligned  # (heatmap cells are centred)
    # The page scrolls to its end: the cells are a <main>, which Voila's own rule does not reach.
    cells = page.locator("main#rendered_cells")
    assert cells.evaluate("m => m.scrollHeight > m.clientHeight + 400")  # longer than a window
    cells.hover()
    page.mouse.wheel(0, 20_000)
    page.wait_for_function(
        "() => { const m = document.querySelector('main#rendered_cells');"
        " return m.scrollTop > 0 && m.scrollTop + m.clientHeight >= m.scrollHeight - 2; }"
    )
    assert page.get_by_text("Said my main point in the design review.").is_visible()
    for leak in (
        "Traceback",
        "coach_session(",
        "from widgets import",
        "Error displaying widget",
    ):
        assert leak not in body
    assert "Using pre-heated kernel" in demo_coach.log.read_text()


def test_preheated_coach_view_is_never_stale_and_never_writes(page, tmp_path):
    """Save in the journal as JupyterLab would; the coach's next load shows it;
    the coach writes nothing."""
    journal = tmp_path / "journal.sqlite"
    import_journal(demo_persona_path().read_text(encoding="utf-8"), journal)
    with stepup_server(
        ["coach", "--journal", str(journal)], {"STEPUP_TODAY": "2026-11-23"}, tmp_path / "voila.log"
    ) as server:
        page.goto(server.url(COACH))
        page.wait_for_function(RENDERED)
        assert "Ran my first observed mock end to end" not in page.inner_text("body")
        with Journal(journal) as engineer:
            engineer.save(
                Checkin(
                    week_of=dt.date(2026, 11, 23),
                    confidence=8,
                    hours=6,
                    wins="Ran my first observed mock end to end.",
                )
            )
            engineer.checkpoint()
        before = _digest(journal)
        page.wait_for_timeout(
            2500
        )  # the pool refills with a kernel that was heated before the save
        for _ in range(2):
            page.goto(server.url(COACH))
            page.wait_for_function(RENDERED)
            assert "Ran my first observed mock end to end." in page.inner_text("body")
        assert _digest(journal) == before
        assert server.log.read_text().count("Using pre-heated kernel") >= 2


def _hostile_persona(text: str) -> str:
    """The demo persona with every free-text field replaced by markup that would run if trusted."""
    free_text = {
        "alias",
        "worries",
        "company",
        "situation",
        "belief",
        "evidence_for",
        "evidence_against",
        "balanced_thought",
        "plan",
        "outcome",
        "note",
        "evidence",
        "rater",
        "name",
        "goal",
        "role",
        "stack",
        "impact",
        "answer",
        "title",
        "task",
        "action",
        "result",
        "learning",
        "notes",
        "own_prompt",
        "reflection",
        "coach_rater",
        "what",
        "why",
        "done_when",
        "wins",
        "blockers",
        "next_focus",
    }
    short = {"alias", "company", "note", "rater", "title", "coach_rater", "what", "name", "stack"}

    def poison(node, key=None):
        if isinstance(node, dict):
            return {k: poison(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [poison(v, key) for v in node]
        if isinstance(node, str) and key in free_text and node:
            return ATTACK[:120] if key in short else ATTACK + " " + node
        return node

    document = json.loads(text)
    for entry in document["entries"]:
        if entry["kind"] != "framework":
            entry["revisions"] = [dict(r, data=poison(r["data"])) for r in entry["revisions"]]
    return json.dumps(document)


def test_a_hostile_persona_runs_nothing_anywhere_the_coach_looks(page, tmp_path):
    journal = tmp_path / "journal.sqlite"
    import_journal(_hostile_persona(demo_persona_path().read_text(encoding="utf-8")), journal)
    dialogs = _watch_for_script(page)
    with stepup_server(
        ["coach", "--journal", str(journal), "--no-preheat"],
        {"STEPUP_TODAY": "2026-11-16"},
        tmp_path / "voila.log",
    ) as server:
        page.goto(server.url(COACH))
        page.wait_for_function(RENDERED)
        _assert_markup_is_text(page, dialogs, "body")
        for notebook in WORKBOOKS:
            page.goto(server.url(f"/voila/render/{notebook}"))
            drawn = committed_outputs(workbooks_dir() / notebook)  # all drawn: nothing else runs
            page.wait_for_function(VOILA_DRAWN, arg=list(drawn), timeout=60_000)
            page.evaluate("new Promise(done => setTimeout(done, 0))")  # queued error events ran
            shown = page.inner_text("body") + "".join(
                page.eval_on_selector_all("input, textarea", "els => els.map(e => e.value)")
            )
            assert ATTACK[:40] in shown, (
                notebook
            )  # the hostile text is there, as text or as a field's value
            assert page.evaluate(INJECTED) == 0, notebook
            assert dialogs == [], notebook
    with Journal(journal, readonly=True) as opened:
        report = render_report(opened, "html")
    page.set_content(report)
    _assert_markup_is_text(page, dialogs, "body")
