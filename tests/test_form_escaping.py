"""User text in every form, card and the coach page is text, never markup: the demo persona with
markup in every free-text field, rendered in JupyterLab's mode and the coach's, holds no tag of
the engineer's and shows each piece of markup escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from markupsafe import escape

import widgets
from widgets.storage import current
from widgets.storage.transfer import demo_date, import_journal

from .helpers import html_shown

ATTACK = "<img src=x onerror=alert(1)><script>alert(2)</script>'\""
# Free-text fields of the demo persona's records; ids, levels, dates and statuses stay as they are.
FREE_TEXT = {
    "action",
    "alias",
    "answer",
    "balanced_thought",
    "belief",
    "blockers",
    "coach_rater",
    "company",
    "done_when",
    "evidence",
    "evidence_against",
    "evidence_for",
    "goal",
    "impact",
    "learning",
    "name",
    "next_focus",
    "note",
    "notes",
    "outcome",
    "own_prompt",
    "plan",
    "rater",
    "reflection",
    "result",
    "role",
    "situation",
    "stack",
    "task",
    "title",
    "what",
    "why",
    "wins",
    "worries",
}
FORMS = [  # the entry points of the workbooks' forms
    "profile_form",
    "thought_records",
    "competency_ratings",
    "coach_ratings",
    "project_deep_dives",
    "story_bank",
    "design_practice",
    "growth_plan",
    "weekly_checkins",
]


def _hostile(node, key=None):
    if isinstance(node, dict):
        return {k: _hostile(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_hostile(v, key) for v in node]
    return node + ATTACK if isinstance(node, str) and key in FREE_TEXT else node


@pytest.fixture
def hostile_demo(tmp_path, demo_text, monkeypatch):
    document = json.loads(demo_text)
    for entry in document["entries"]:
        entry["revisions"][-1]["data"] = _hostile(entry["revisions"][-1]["data"])
    path = tmp_path / "hostile.sqlite"
    import_journal(json.dumps(document), path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(demo_text))
    monkeypatch.setenv(current.JOURNAL_ENV, str(path))
    current.close_all()
    yield monkeypatch
    current.close_all()


class Tags(HTMLParser):
    """The tags a browser would make of an HTML string, and its text."""

    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _html_of(widget) -> list[str]:
    return html_shown(widget)


def _assert_text_only(pages: dict[str, list[str]]) -> str:
    """No tag the attack would make, in any piece; returns all the text the pieces show."""
    shown = []
    for name, pieces in pages.items():
        for piece in pieces:
            parsed = Tags(piece)
            assert not [t for t, a in parsed.tags if t == "script" or a.get("src") == "x"], name
            assert "onerror" not in [k for _, a in parsed.tags for k in a], name
            shown.append("".join(parsed.text))
    return "\n".join(shown)


def _editors(panel) -> list:
    """A list panel's every entry opened in its editor (the editor shows one entry at a time)."""
    return [panel.open_entry(entry_id) for entry_id, _ in panel.entries()]


def test_jupyterlab_forms_show_the_engineers_markup_as_text(hostile_demo):
    pages = {}
    for name in FORMS:
        made = getattr(widgets, name)()
        pieces = _html_of(made)
        if hasattr(made, "open_entry"):
            pieces += [p for editor in _editors(made) for p in _html_of(editor)]
        pages[name] = pieces
    shown = _assert_text_only(pages)
    # Where the forms put the engineer's text in HTML: re-rating notes, the coach's name and
    # notes and the story titles beside each rating, proposals named after a project.
    for name in ("thought_records", "competency_ratings", "growth_plan"):
        assert str(escape(ATTACK)) in "".join(pages[name]), name
    assert f"Coach (Dana (coach){ATTACK}, 2026-11-10)" in shown
    assert f"Stories from your story bank: The leakage behind a too-good AUC{ATTACK}" in shown


def test_coach_view_cards_and_page_show_the_engineers_markup_as_text(hostile_demo):
    hostile_demo.setenv(current.READONLY_ENV, "1")
    current.close_all()
    pages = {name: _html_of(getattr(widgets, name)()) for name in FORMS}
    pages["coach_session"] = [widgets.coach_session()._repr_mimebundle_()["text/html"]]
    shown = _assert_text_only(pages)
    for name in (
        "thought_records",
        "project_deep_dives",
        "story_bank",
        "design_practice",
        "growth_plan",
        "weekly_checkins",
        "coach_ratings",
        "coach_session",
    ):
        page = "".join(pages[name])
        assert str(escape(ATTACK)) in page, name  # the engineer's text is there, escaped
    assert f"Dana (coach){ATTACK}" in shown  # the coach's name, in the coach's table
    assert ATTACK in shown
