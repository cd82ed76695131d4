"""Shared fixtures. Every test works on temporary journals; none touches the user's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets import session
from widgets.journal import Journal
from widgets.resources import demo_persona_path
from widgets.transfer import demo_date, import_journal

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
