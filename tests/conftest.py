"""Shared fixtures. Every test works on temporary journals; none touches the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.content.resources import demo_persona_path
from widgets.storage import current as session
from widgets.storage.journal import Journal
from widgets.storage.transfer import demo_date, import_journal


@pytest.fixture
def journal_path(tmp_path, monkeypatch) -> Path:
    """A path for a fresh journal, also set as the kernel's journal."""
    path = tmp_path / "journal.sqlite"
    monkeypatch.setenv(session.JOURNAL_ENV, str(path))
    session._open.clear()
    yield path
    for journal in session._open.values():
        journal.close()
    session._open.clear()


@pytest.fixture
def monkeypatch_dates(monkeypatch):
    """For hypothesis examples: point the kernel's journal at ``path`` and pin today's date."""

    def use(path: Path, today) -> None:
        for opened in session._open.values():
            opened.close()
        session._open.clear()
        monkeypatch.setenv(session.JOURNAL_ENV, str(path))
        monkeypatch.setenv("STEPUP_TODAY", today.isoformat())

    yield use
    for opened in session._open.values():
        opened.close()
    session._open.clear()


@pytest.fixture
def journal(journal_path) -> Journal:
    with Journal(journal_path) as opened:
        yield opened


@pytest.fixture
def demo_text() -> str:
    return demo_persona_path().read_text(encoding="utf-8")


@pytest.fixture
def demo_path(tmp_path, demo_text, monkeypatch) -> Path:
    """A fresh copy of the demo persona's journal, date pinned to its last answer."""
    path = tmp_path / "demo.sqlite"
    import_journal(demo_text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(demo_text))
    return path


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (its own browser download cannot work here)."""
    from playwright.sync_api import sync_playwright

    from .servers import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()
