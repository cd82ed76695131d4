"""Issue 30's fixes to the manager's copy (every route), and a coach who is the manager reading
exactly that copy: on the page, in `stepup share` and beside "Share with my coach"."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from widgets.content.audiences import audience
from widgets.forms.plan import ActionEditor
from widgets.forms.profile import ProfileForm
from widgets.forms.thought_record import FIELDS as THOUGHT_FIELDS
from widgets.panels.share import ShareWithCoachPanel
from widgets.readers.audience import COPIED_TO, VISIBLE, sees
from widgets.readers.share import build_share, summary
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    CoachAssessment,
    CoachRating,
    Profile,
    ThoughtRecord,
)
from widgets.storage.transfer import dumps
from widgets.views.coach_page import CoachSession
from widgets.views.report import build_report

MANAGER = audience("manager")
INTERVIEW_WORDS = re.compile(
    r"\b(interview\w*|loops?|rounds?|onsites?|interviewers?)\b", re.IGNORECASE
)
DAY = dt.date(2026, 11, 1)


def _manager_copies(journal: Journal) -> dict[str, str]:
    return {fmt: build_report(journal, fmt, "manager", "none").text for fmt in ("md", "html")}


def test_a_ticked_action_from_a_belief_is_on_it_worded_without_the_belief(journal):
    record = journal.save(
        ThoughtRecord(recorded_on=DAY, belief="Nobody here sees me as senior material")
    )
    journal.save(
        Action(
            what="Ask my manager which senior behaviours I'm missing",
            why='The evidence supports the thought "Nobody here sees me as senior material".',
            source=f"belief:{record.id}",
            done_when="I have the list, in writing.",
            created_on=DAY,
            manager_sees=True,
        )
    )
    journal.save(Action(what="Lead the next design review", created_on=DAY))
    journal.save(Action(what="Private step", created_on=DAY, manager_sees=False))
    for fmt, text in _manager_copies(journal).items():
        assert "Ask my manager which senior behaviours I" in text, fmt
        assert "I have the list, in writing." in text, fmt
        assert "senior material" not in text and "belief" not in text.lower(), fmt
        assert "Private step" not in text, fmt
        assert "0 of 2 actions done; 2 open." in text, fmt  # counts what is shown


def test_a_done_action_is_on_it_and_counted(journal):
    journal.save(Action(what="Write the incident review", status="done", created_on=DAY))
    journal.save(Action(what="Mentor a new joiner", due=DAY, created_on=DAY))
    md = _manager_copies(journal)["md"]
    assert "Write the incident review" in md and "| done |" in md
    assert "1 of 2 actions done; 1 open" in md


def test_a_rating_is_the_engineers_evidence_with_the_managers_level(demo_path):
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(profile.model_copy(update={"coach_role": "manager"}), Profile.kind)
        framework = journal.entries("competency_assessment")[0].data["framework_id"]
        journal.save(
            CoachAssessment(
                framework_id=framework,
                rater="Sam",
                rated_on=dt.date(2026, 11, 16),  # the newest rating: the demo's coach rated before
                # Self: mid-level. The gap is measured from the manager's level (issue 31).
                ratings={"system_design": CoachRating(level="junior")},
            )
        )
        md = _manager_copies(journal)["md"]
    rows = [line for line in md.splitlines() if line.startswith("| ") and "engineer |" in line]
    assert rows[0].startswith("| System design | Senior engineer | Junior engineer | Two timed")
    assert "Mid-level engineer" not in rows[0]  # the raw self-rating beside it is not there
    comm = next(row for row in rows if row.startswith("| Communication |"))
    assert comm.startswith("| Communication | Senior engineer | — | I write"), comm
    assert md.count("Junior engineer") == 1  # her own "junior" for Communication is not there
    assert "| Competency | Target | Your rating | Evidence so far |" in md


def test_without_the_coach_as_manager_no_coach_rating_reaches_the_manager(demo_path):
    with Journal(demo_path) as journal:
        md = _manager_copies(journal)["md"]
    assert "| Competency | Target | Evidence so far |" in md
    assert "Your rating" not in md and "Junior engineer" not in md


def test_no_interview_words_in_the_managers_copy_on_both_routes(demo_path):
    with Journal(demo_path) as journal:
        profile = journal.record(Profile.kind)
        journal.save(
            profile.model_copy(update={"routes": ["interview", "promotion"]}), Profile.kind
        )
        copies = _manager_copies(journal)
        mine = build_report(journal, "md", "me", "none").text
        review = build_report(journal, "md", "manager", "none").left_out
    assert INTERVIEW_WORDS.search(mine)  # the journal speaks of them: the copy leaves them out
    for fmt, text in copies.items():
        assert not INTERVIEW_WORDS.search(text), (fmt, INTERVIEW_WORDS.search(text))
    # The engineer is told what went: "Interview for the ML coding round" among it.
    assert any("Interview for the ML coding round" in line for line in review), review


def _noted(form, kind: str) -> dict[str, str]:
    return {name: row.note.value for name, row in form.rows.items() if getattr(row, "note", None)}


def _expected(fields, kind: str) -> set[str]:
    """The free-text fields whose text the audience table lets the manager see."""
    found = set()
    for field in fields:
        path = ".".join(field.path or (field.name,))
        where = COPIED_TO.get((kind, path), (kind, path))
        if field.free_text and where[1] in VISIBLE[where[0]] and sees("manager", *where):
            found.add(field.name)
    return found


@pytest.mark.parametrize("kind", ["profile", "action", "thought_record"])
def test_the_form_says_so_exactly_beside_the_fields_the_manager_sees(journal, kind):
    if kind == "profile":
        from widgets.content import seeds

        form, fields = ProfileForm(journal, seeds.levels()), ProfileForm.FIELDS
    elif kind == "action":
        form, fields = ActionEditor(journal), ActionEditor.FIELDS
    else:
        from widgets.content import seeds
        from widgets.forms.thought_record import ThoughtRecordEditor

        form = ThoughtRecordEditor(journal, seeds.distortions(), seeds.belief_prompts())
        fields = THOUGHT_FIELDS
    noted = _noted(form, kind)
    expected = _expected(fields, kind)
    assert expected, kind  # each of these forms has text that reaches the manager
    assert set(noted) == expected, (kind, set(noted) ^ expected)
    assert all(MANAGER.word("form_note") in html.unescape(note) for note in noted.values())
    if kind == "profile":  # the name reaches the manager; the worries never do
        assert "alias" in noted and "worries" not in noted
    if kind == "thought_record":  # the belief never; the action it ends in, into the plan
        assert "belief" not in noted and "action" in noted


def _coach_is_manager(demo_path) -> Journal:
    journal = Journal(demo_path)
    profile = journal.record(Profile.kind)
    journal.save(profile.model_copy(update={"coach_role": "manager"}), Profile.kind)
    return journal


SAYS_SO = "Your coach is your manager"


def test_coach_is_manager_share_holds_the_managers_copy_and_says_so(demo_path):
    with _coach_is_manager(demo_path) as journal:
        share = build_share(journal)
        text = dumps(share.document)
        lines = summary(share)
        assert "Northwind" in dumps(build_share_as_coach(journal))  # what a coach would get
    kinds = {entry["kind"] for entry in share.document["entries"]}
    assert not kinds & {"thought_record", "checkin", "design_session", "rehearsal"}, kinds
    assert "Northwind" not in text and '"interviews"' not in text
    assert "My English isn" not in text  # a belief
    assert lines[1].startswith(SAYS_SO), lines[:3]


def build_share_as_coach(journal: Journal) -> dict:
    """What the snapshot held before the coach was the manager."""
    profile = journal.record(Profile.kind)
    journal.save(profile.model_copy(update={"coach_role": "coach"}), Profile.kind)
    document = build_share(journal).document
    journal.save(profile, Profile.kind)
    return document


def test_coach_is_manager_the_button_says_so_and_the_page_shows_the_managers_copy(demo_path):
    with _coach_is_manager(demo_path) as journal:
        panel = ShareWithCoachPanel(journal, target=None)
        page = CoachSession(journal)
    assert SAYS_SO in panel.contents.value  # beside the button, before anything is sent
    assert SAYS_SO in panel.summary()
    assert page.summary().splitlines()[1].strip().startswith("You coach as the engineer's manager")
    assert "stepup-coach-reads-as" in page.html
    for text in (page.html, page.summary()):
        assert "Northwind" not in text
        assert not INTERVIEW_WORDS.search(re.sub(r"base64,[^']*", "", text))
        assert "Limiting beliefs" not in text and "My English isn" not in text
        assert "Last check-ins" not in text


def test_a_coach_outside_the_reporting_line_reads_everything_as_before(demo_path):
    with Journal(demo_path) as journal:
        page = CoachSession(journal)
        share = build_share(journal)
    assert "Northwind" in page.html and "Limiting beliefs" in page.html
    assert not summary(share)[1].startswith(SAYS_SO)
    assert "stepup-coach-reads-as" not in page.html
