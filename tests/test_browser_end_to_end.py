"""End to end as the two users would: the engineer fills a workbook in JupyterLab while the coach's
Voilà page is open on the same journal; the coach's reload shows it,
and the coach writes nothing."""

from __future__ import annotations

import hashlib
import time

import pytest

from widgets.storage.journal import Journal

from .helpers import poll_journal
from .servers import lab_server, run_all_cells, stepup_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
COACH_RENDERED = (
    "[...document.querySelectorAll('.stepup-coach-session img')]"
    ".filter(i => i.complete && i.naturalWidth > 0).length === 3"
)


def _wait_for_alias(journal_path, expected: str) -> None:
    profile = poll_journal(
        journal_path, lambda j: j.record("profile"), lambda p: p is not None and p.alias == expected
    )
    assert profile is not None and profile.alias == expected, (
        f"the alias {expected!r} never reached the journal"
    )


def test_engineer_writes_in_lab_and_the_open_coach_view_shows_it_on_reload(browser, tmp_path):
    journal = tmp_path / "journal.sqlite"
    Journal(journal).close()
    engineer = browser.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    coach = browser.new_context(viewport={"width": 1280, "height": 1400}).new_page()
    for page in (engineer, coach):
        page.set_default_timeout(60_000)
    with (
        lab_server(tmp_path, journal, "stepup-e2e-token") as lab,
        stepup_server(["coach", "--journal", str(journal)], {}, tmp_path / "voila.log") as voila,
    ):
        coach.goto(voila.url("/voila/render/coach_view.ipynb"))
        coach.wait_for_selector(".stepup-coach-session")
        assert "Mei from Lab" not in coach.inner_text("body")

        engineer.goto(lab.url("/lab/tree/00_start_here.ipynb"))
        run_all_cells(engineer)
        alias = engineer.locator(".widget-text:has(label:text-is('Name or alias')) input")
        alias.wait_for()
        alias.fill("Mei from Lab")
        alias.press("Enter")
        worries = engineer.locator(
            ".widget-textarea:has(label:text-is('What worries you most')) textarea"
        )
        worries.fill("That the deep dive will expose my projects.")
        alias.click()  # leaving the textarea sends its value
        _wait_for_alias(journal, "Mei from Lab")
        time.sleep(
            2.5
        )  # let the coach's warm kernel (heated before the save) take its place in the pool

        with Journal(journal) as settle:  # fold the WAL into the file, so its bytes show any write
            settle.checkpoint()
        before = hashlib.sha256(journal.read_bytes()).hexdigest()
        coach.reload()
        coach.wait_for_function(COACH_RENDERED)
        body = coach.inner_text("body")
        assert "Mei from Lab:" in body and "That the deep dive will expose my projects." in body
        coach.goto(voila.url("/voila/render/00_start_here.ipynb"))
        coach.wait_for_function(
            "[...document.querySelectorAll('input')].some(e => e.value === 'Mei from Lab')"
        )
        assert (
            coach.eval_on_selector_all(
                "input, textarea, select", "els => els.filter(e => !e.disabled).length"
            )
            == 0
        )
        assert (
            hashlib.sha256(journal.read_bytes()).hexdigest() == before
        )  # the coach's pages wrote nothing
