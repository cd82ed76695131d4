"""User text is never HTML: a hostile thought record shown in Voilà and JupyterLab stays text."""

from __future__ import annotations

import datetime as dt

import pytest

from widgets.storage.journal import Journal
from widgets.storage.records import Emotion, Experiment, Profile, Rerating, ThoughtRecord

from .servers import lab_server, run_all_cells, stepup_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>"
TOKEN = "stepup-xss-test-token"


@pytest.fixture
def hostile_journal(tmp_path):
    """A journal whose every free-text field holds markup that would run if trusted as HTML."""
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias=ATTACK, worries=ATTACK))
        journal.save(
            ThoughtRecord(
                recorded_on=dt.date(2026, 11, 10),
                situation=ATTACK,
                belief=ATTACK,
                strength_before=80,
                emotions=[Emotion(name="<i>scared</i>", intensity=70)],
                evidence_for=ATTACK,
                evidence_against=ATTACK,
                balanced_thought=ATTACK,
                strength_after=60,
                experiment=Experiment(plan=ATTACK, outcome=ATTACK),
                reratings=[Rerating(on=dt.date(2026, 11, 17), strength=50, note=ATTACK[:120])],
            )
        )
    return path


def _watch_for_script(page) -> list[str]:
    """Collect any dialog (alert) the page opens: a single one means injected code ran."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def _assert_markup_is_text(page, dialogs: list[str], scope: str) -> None:
    text = page.inner_text(scope)
    assert ATTACK in text, text[-3000:]  # shown literally, tags and all
    injected = page.evaluate(
        """scope => {
            const root = document.querySelector(scope);
            return {
                images: root.querySelectorAll('img[src="x"]').length,
                scripts: [...root.querySelectorAll('script')]
                    .filter(s => s.textContent.includes('alert(2)')).length,
                bold: [...root.querySelectorAll('b')].filter(b => b.textContent === 'bold').length,
                italic: [...root.querySelectorAll('i')]
                    .filter(i => i.textContent === 'scared').length,
            };
        }""",
        scope,
    )
    assert injected == {"images": 0, "scripts": 0, "bold": 0, "italic": 0}
    # An onerror handler, had one been created, fires once its image has failed: wait until every
    # image has loaded or failed, then for the tasks queued meanwhile (the error events) to run.
    page.wait_for_function("[...document.images].every(image => image.complete)")
    page.evaluate("new Promise(done => setTimeout(done, 0))")
    assert dialogs == []


def test_coach_view_shows_hostile_text_as_text(page, hostile_journal, tmp_path):
    with stepup_server(
        ["coach", "--journal", str(hostile_journal)], {}, tmp_path / "voila.log"
    ) as server:
        dialogs = _watch_for_script(page)
        page.goto(server.url("/voila/render/01_limiting_beliefs.ipynb"))
        page.wait_for_selector(
            ".widget-html b:text-is('Evidence against:')"
        )  # the record card, not the narrative
        _assert_markup_is_text(page, dialogs, "body")
        assert "<i>scared</i> 70" in page.inner_text("body")
        assert (
            page.eval_on_selector_all(
                "input, textarea, select, button", "els => els.filter(e => !e.disabled).length"
            )
            == 0
        )


def test_lab_shows_hostile_text_as_text(page, hostile_journal, tmp_path):
    with lab_server(tmp_path, hostile_journal, TOKEN) as server:
        dialogs = _watch_for_script(page)
        page.goto(server.url("/lab/tree/01_limiting_beliefs.ipynb"))
        run_all_cells(page)
        belief = page.locator(".widget-textarea:has(label:text-is('The belief')) textarea")
        belief.wait_for()
        assert belief.input_value() == ATTACK  # the editor holds it as a value, not markup
        page.wait_for_selector("text=Re-ratings in later weeks")
        _assert_markup_is_text(page, dialogs, ".jp-Notebook")
