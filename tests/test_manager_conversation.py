"""The conversation with the manager (issue 30, item 5): the 1:1's agenda and follow-up note in
workbook 05, and the founding advice as proposals with a checkable done-when.

The agenda is the manager's conversation: for Ines (promotion only) it names her cycle, her
calibration, her past ratings and her recent wins and no interview word; for Asha (the demo,
interviewing only) it never mentions the outside search. Routes name their items in
seeds/routes.yaml; no module of this item compares a route id.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import ipywidgets as w
import pytest

from widgets import growth_plan, manager_conversation
from widgets.content.conversation import conversation
from widgets.content.resources import seeds_dir
from widgets.content.routes import routes
from widgets.panels.conversation import ConversationPanel
from widgets.readers.conversation import conversation_for
from widgets.readers.plan import actions, proposals
from widgets.storage.journal import Journal
from widgets.storage.records import Action, ManagerSupport, Profile, Win, WinMeasure
from widgets.storage.transfer import demo_date, import_journal

from .helpers import all_widgets
from .test_route_words import INTERVIEW_WORDS

PACKAGE = Path(__file__).resolve().parents[1] / "widgets"
MINE = (
    PACKAGE / "content" / "conversation.py",
    PACKAGE / "readers" / "conversation.py",
    PACKAGE / "panels" / "conversation.py",
    PACKAGE / "readers" / "plan.py",
)
EDITABLE = (w.Textarea, w.Text, w.Button, w.Checkbox, w.Dropdown, w.DatePicker)


def _persona(tmp_path, monkeypatch, name: str) -> tuple[Journal, dt.date]:
    text = (seeds_dir() / "personas" / f"{name}.json").read_text(encoding="utf-8")
    path = tmp_path / f"{name}.sqlite"
    import_journal(text, path)
    monkeypatch.setenv("STEPUP_TODAY", demo_date(text))
    return Journal(path), dt.date.fromisoformat(demo_date(text))


def _said(found) -> str:
    items = [*found.bring, *found.ask]
    return "\n".join([*(i.text for i in items), *(x for i in items for x in i.lines), found.note()])


def test_the_promotion_agenda_names_her_cycle_calibration_ratings_and_recent_wins(
    tmp_path, monkeypatch
):
    journal, today = _persona(tmp_path, monkeypatch, "promotion")
    crash = WinMeasure(name="crash-free sessions", before=99.6, after=99.8, unit="%")
    journal.save(Win(on=today - dt.timedelta(days=6), what="Crash gate shipped", measure=crash))
    journal.save(Win(on=today - dt.timedelta(days=60), what="Old win from the autumn"))
    found = conversation_for(journal, today)
    said = _said(found)
    assert "Calibration: 6 May 2027" in said and "Packet due: 9 April 2027" in said
    assert "argue for senior engineer in the May 2027 cycle?" in said
    assert "May 2026: Meets expectations" in said
    assert "Crash gate shipped; crash-free sessions: 99.6 % → 99.8 %" in said
    assert "Old win" not in said  # older than the last 1:1 (four weeks)
    assert found.note().startswith("Hi Dana,")
    assert not INTERVIEW_WORDS.search(said), INTERVIEW_WORDS.findall(said)


def test_the_interview_only_agenda_never_mentions_the_outside_search(tmp_path, monkeypatch):
    journal, today = _persona(tmp_path, monkeypatch, "demo")
    said = _said(conversation_for(journal, today))
    companies = [i.company for i in journal.record(Profile.kind).interviews]
    assert companies and not any(c.split()[0] in said for c in companies)
    assert not INTERVIEW_WORDS.search(said), INTERVIEW_WORDS.findall(said)
    # Nor the promotion's own items: the interview route names only the shared ones.
    assert "cycle" not in said and "ratings" not in said
    assert "Communication: 2 levels below Senior engineer" in said  # her largest gap


def test_no_agenda_item_of_any_route_speaks_of_interviewing_and_routes_name_known_items():
    seeds = conversation()
    for item in (*seeds.bring, *seeds.ask, *seeds.follow_up):
        for text in (item.text, item.empty or ""):
            assert not INTERVIEW_WORDS.search(text), (item.id, text)
    assert all(set(r.agenda) <= seeds.agenda_ids() for r in routes().entries)


def test_no_module_of_the_conversation_compares_a_route_id():
    ids = "|".join(re.escape(r.id) for r in routes().entries)
    literal = re.compile(rf"""["']({ids})["']""")
    for path in MINE:
        assert not literal.search(path.read_text(encoding="utf-8")), path


def _promotion_only(journal: Journal, **changes) -> None:
    journal.save(Profile(alias="Ines", routes=["promotion"], target_level="senior", **changes))


def test_the_founding_advice_is_proposed_once_and_one_accept_saves_one_action(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", "2027-02-01")
    _promotion_only(journal)
    found = [p for p in proposals(journal, dt.date(2027, 2, 1)) if p.kind == "advice"]
    assert [p.source.ref for p in found] == ["lead_design_review", "incident_role", "mentor_junior"]
    assert "the decision down" in found[0].done_when and found[0].manager_sees
    panel = growth_plan()
    button = next(
        b
        for row, p in zip(panel.proposals_box.children[1:], panel.proposed, strict=False)
        if p.source == found[0].source
        for b in all_widgets(row)
        if isinstance(b, w.Button)
    )
    button.click()
    button.click()  # a double click reaches the button before the list is redrawn
    saved = [a for _, a in actions(journal) if a.source == found[0].source]
    assert len(saved) == 1 and saved[0].done_when == found[0].done_when
    assert found[0].source not in {p.source for p in panel.proposed}
    assert [p.source.ref for p in panel.proposed if p.kind == "advice"] == [
        "incident_role",
        "mentor_junior",
    ]


def test_an_equivalent_action_in_the_plan_keeps_its_advice_from_being_proposed(journal):
    _promotion_only(journal)
    journal.save(
        Action(what="Mentor the new mobile engineer", created_on=dt.date(2027, 1, 5), source="own")
    )
    refs = [p.source.ref for p in proposals(journal, dt.date(2027, 2, 1)) if p.kind == "advice"]
    assert refs == ["lead_design_review", "incident_role"]


def test_an_interview_only_engineer_gets_no_founding_advice_proposals(journal):
    journal.save(Profile(alias="Asha", routes=["interview"]))
    assert not [p for p in proposals(journal, dt.date(2027, 2, 1)) if p.kind == "advice"]


@pytest.mark.parametrize("readonly", [True, False])
def test_the_panel_escapes_user_text_and_read_only_holds_no_control(journal, readonly):
    _promotion_only(journal, manager="<b>Dana</b>, manager")
    journal.save(ManagerSupport(needs="<script>alert(1)</script> a design to lead"))
    panel = ConversationPanel(journal, readonly=readonly)
    html = panel.agenda_html.value
    assert "<script>" not in html and "&lt;script&gt;" in html
    controls = [x for x in all_widgets(panel) if isinstance(x, EDITABLE)]
    if readonly:
        assert controls == [] and "&lt;b&gt;Dana&lt;/b&gt;" in html
    else:
        [note] = controls
        assert note.value.startswith("Hi <b>Dana</b>,")  # a text box: text, never HTML
        note.value += "\nWe agreed on the sync design."
        journal.save(ManagerSupport(needs="Another ask"))  # a redraw keeps what was typed
        assert note.value.endswith("We agreed on the sync design.")


def test_the_entry_point_builds_the_panel_for_the_kernels_journal(journal_path, journal):
    _promotion_only(journal)
    panel = manager_conversation()
    assert isinstance(panel, ConversationPanel) and "Questions to ask:" in repr(panel)
