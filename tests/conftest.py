"""Shared fixtures. Every test works on temporary journals; none touches the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import settings
from widgets.content.resources import demo_persona_path
from widgets.storage import clock, current
from widgets.storage.journal import Journal
from widgets.storage.transfer import demo_date, import_journal


@pytest.fixture(scope="session", autouse=True)
def _never_the_users_own_data(tmp_path_factory):
    """The user's data folder is out of reach: a test that forgets to name a journal works in
    a throwaway folder, with the real date and no persona."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
        for name in (current.JOURNAL_ENV, current.READONLY_ENV, clock.TODAY_ENV):
            patch.delenv(name, raising=False)
        # The suite reads English whatever the machine's locale; a test names another language.
        patch.setenv(settings.LANGUAGE_ENV, "en")
        patch.delenv(settings.CHOSEN_LANGUAGE_ENV, raising=False)
        yield


@pytest.fixture
def journal_path(tmp_path, monkeypatch) -> Path:
    """A path for a fresh journal, also set as the kernel's journal."""
    path = tmp_path / "journal.sqlite"
    monkeypatch.setenv(current.JOURNAL_ENV, str(path))
    current.close_all()
    yield path
    current.close_all()


@pytest.fixture
def monkeypatch_dates(monkeypatch):
    """For hypothesis examples: point the kernel's journal at ``path`` and pin today's date."""

    def use(path: Path, today) -> None:
        current.close_all()
        monkeypatch.setenv(current.JOURNAL_ENV, str(path))
        monkeypatch.setenv("STEPUP_TODAY", today.isoformat())

    yield use
    current.close_all()


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
def playwright_driver():
    """The run's one Playwright: a second sync_playwright() cannot start while one runs, so a
    module that needs a browser of its own (a fake microphone) launches it from this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Headless Debian Chromium driven by Playwright (its own browser download cannot work here)."""
    from .servers import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium.")
    launched = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def demo_coach(tmp_path_factory):
    """One `stepup demo` (the coach's read-only Voilà over the demo persona) for every test that
    only reads it: each would otherwise start and preheat a server of its own."""
    from .servers import stepup_server

    log = tmp_path_factory.mktemp("demo-coach") / "voila.log"
    with stepup_server(["demo"], {}, log) as server:
        yield server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 1600})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()
