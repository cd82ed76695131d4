"""Workbook 05's proposals fit the time left: ranked and capped at five open actions, preparation
under four weeks to the interview, gaps with realistic dates otherwise, a checkable "done when",
and interview preparation kept off the manager's copy."""

from __future__ import annotations

import datetime as dt
import re

import ipywidgets as w
import pytest

from widgets import growth_plan
from widgets.content import seeds
from widgets.forms.plan import held_back, nothing_new, proposals_note
from widgets.readers import plan
from widgets.readers.plan import actions, proposals, propose
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    CompetencyAssessment,
    DesignSession,
    Interview,
    Profile,
    Project,
    ThoughtRecord,
)
from widgets.storage.transfer import demo_date, import_journal

from .helpers import all_widgets
from .test_tracks import PERSONAS

TODAY = dt.date(2026, 11, 16)
SOON = TODAY + dt.timedelta(days=20)  # under four weeks: preparation
LATER = TODAY + dt.timedelta(days=60)  # four weeks or more: growth
PREP_KINDS = {"research", "design", "story"}


def _engineer(journal: Journal, interview: dt.date | None, target: dt.date | None = None) -> None:
    """A software engineer with two gaps, a flagged probe, a scored session, a pending experiment
    and no story: something of every kind to propose."""
    journal.save(
        Profile(
            track="software",
            current_level="mid",
            target_level="senior",
            target_date=target,
            interviews=[Interview(company="Contoso", date=interview)] if interview else [],
        )
    )
    journal.save(
        CompetencyAssessment(
            framework_id="software",
            ratings={
                "influence": {"current": "junior", "target": "senior"},
                "scope_autonomy": {"current": "mid", "target": "senior"},
                "communication": {"current": "mid", "target": "staff"},
            },
        ),
        CompetencyAssessment.entry_id("software"),
    )
    journal.save(
        Project(
            name="Ledger",
            drill={
                "scale": {"answer": "?", "needs_research": True},
                "metrics": {"answer": "?", "needs_research": True},
            },
        )
    )
    journal.save(
        DesignSession(
            practised_on=TODAY - dt.timedelta(days=3),
            prompt_id="url_shortener",
            self_scores={"clarity": 2, "requirements_scope": 3},
        )
    )
    journal.save(
        ThoughtRecord(
            recorded_on=TODAY - dt.timedelta(days=5),
            belief="I freeze when a senior engineer disagrees.",
            experiment={"plan": "Say my main point first in Thursday's review.", "due": None},
        )
    )


def _open_actions(journal: Journal, count: int) -> None:
    for number in range(count):
        journal.save(Action(what=f"My own step {number + 1}", created_on=TODAY, status="open"))


@pytest.mark.parametrize(("open_count", "shown"), [(0, 5), (2, 3), (4, 1), (5, 0), (7, 0)])
def test_proposals_are_capped_so_the_plan_keeps_at_most_five_open_actions(
    journal, open_count, shown
):
    _engineer(journal, SOON)
    _open_actions(journal, open_count)
    journal.save(Action(what="Finished", created_on=TODAY, status="done"))  # done ones don't count
    found = propose(journal, TODAY)
    assert len(found.shown) == shown
    assert found.open_actions == open_count
    assert open_count + len(found.shown) <= max(5, open_count)
    assert found.hidden == len(_uncapped(journal, TODAY)) - shown > 0


def _uncapped(journal: Journal, today: dt.date) -> list[plan.Proposal]:
    saved = plan.OPEN_ENOUGH
    plan.OPEN_ENOUGH = 99
    try:
        return proposals(journal, today)
    finally:
        plan.OPEN_ENOUGH = saved


def test_the_most_valuable_proposals_come_first_one_of_each_kind(journal):
    _engineer(journal, SOON)
    kinds = [p.kind for p in proposals(journal, TODAY)]
    assert kinds == ["research", "design", "story", "research", "experiment"]
    _engineer(journal, LATER)
    kinds = [p.kind for p in proposals(journal, TODAY)]
    assert kinds == ["gap", "gap", "design", "experiment", "research"]


def test_under_four_weeks_proposals_prepare_for_the_interview_and_are_due_before_it(journal):
    _engineer(journal, SOON)
    found = _uncapped(journal, TODAY)
    kinds = {p.kind for p in found}
    assert "gap" not in kinds and PREP_KINDS <= kinds
    assert {p.source for p in found if p.kind == "design"} == {"design:clarity"}  # its weakest
    story_types = {t.id for t in seeds.deep_dives().story_types}
    assert {p.source.removeprefix("story:") for p in found if p.kind == "story"} == story_types
    shown = proposals(journal, TODAY)
    dues = [p.due for p in shown]  # spread in rank order, the last two days before the interview
    assert all(TODAY < due <= SOON - dt.timedelta(days=2) for due in dues), dues
    assert dues == sorted(set(dues)) and dues[-1] == SOON - dt.timedelta(days=2)


def test_with_four_weeks_or_more_gaps_come_back_with_dates_a_gap_can_close_in(journal):
    target = TODAY + dt.timedelta(weeks=11)
    _engineer(journal, LATER, target)
    found = proposals(journal, TODAY)
    gaps = [p for p in found if p.kind == "gap"]
    # largest weighted gaps first (2 levels each, probed heavily; ties in framework order)
    assert [p.source for p in gaps] == ["gap:software.communication", "gap:software.influence"]
    # eight and ten weeks out, before the target date eleven weeks away
    assert [p.due for p in gaps] == [TODAY + dt.timedelta(weeks=8), TODAY + dt.timedelta(weeks=10)]
    assert "design:clarity" in {p.source for p in found}
    design = next(p for p in found if p.kind == "design")
    assert design.what == "Design practice focused on Clarity" and design.manager_sees
    assert all(TODAY <= p.due <= target for p in found)
    for proposal in found:  # what the manager's copy may list says nothing of interviews
        if proposal.manager_sees:
            text = f"{proposal.what} {proposal.why} {proposal.done_when}".casefold()
            assert "interview" not in text and "loop" not in text, proposal
    research = [p for p in found if p.kind == "research"]
    # a deep dive is an interview's round, however far away: never on the manager's copy
    assert research and not any(p.manager_sees for p in research)

    journal.save(
        journal.record(Profile.kind).model_copy(
            update={"target_date": TODAY + dt.timedelta(weeks=9)}
        )
    )
    assert [p.due for p in proposals(journal, TODAY) if p.kind == "gap"] == [
        TODAY + dt.timedelta(weeks=8),
        TODAY + dt.timedelta(weeks=9),
    ]
    # a target date three weeks away is no date to close a gap by: six weeks at the soonest
    journal.save(
        journal.record(Profile.kind).model_copy(
            update={"target_date": TODAY + dt.timedelta(weeks=3)}
        )
    )
    dues = [p.due for p in proposals(journal, TODAY) if p.kind == "gap"]
    assert len(dues) == 2 and min(dues) >= TODAY + dt.timedelta(weeks=6), dues


def test_with_no_interview_the_plan_grows_the_engineer(journal):
    _engineer(journal, None)
    found = propose(journal, TODAY)
    assert not found.runway.preparing and found.shown[0].kind == "gap"
    assert not [p for p in found.shown if p.kind == "story"]


def test_done_when_is_the_outcome_written_for_that_gap_not_a_descriptor(journal):
    _engineer(journal, LATER)
    framework = next(f for f in seeds.frameworks() if f.id == "software")
    gaps = [p for p in proposals(journal, TODAY) if p.kind == "gap"]
    assert [p.source for p in gaps] == ["gap:software.communication", "gap:software.influence"]
    for proposal in gaps:
        competency = framework.competency(proposal.source.rsplit(".", 1)[1])
        target = "staff" if competency.id == "communication" else "senior"
        assert proposal.done_when == competency.growth_outcomes[target]
        assert proposal.done_when not in competency.descriptors.values()


def test_a_company_ladder_without_outcomes_gets_a_checkable_one_from_the_level_name(journal):
    from widgets.content.ladder import framework_from_csv
    from widgets.storage.records import CustomFramework

    ladder = framework_from_csv(
        "Competency,Engineer (L4),Senior (L5)\n"
        "Delivery,Ships,Ships big\nDesign,Designs,Designs big\nCare,Cares,Cares more\n",
        "Acme",
    )
    journal.save(CustomFramework(framework=ladder.model_dump()), CustomFramework.entry_id("acme"))
    journal.save(Profile(track="software"))
    journal.save(
        CompetencyAssessment(
            framework_id="acme",
            ratings={"design": {"current": "engineer_l4", "target": "senior_l5"}},
        ),
        CompetencyAssessment.entry_id("acme"),
    )
    [gap] = [p for p in proposals(journal, TODAY) if p.kind == "gap"]
    assert gap.done_when == (
        "You can name two pieces of your work from the last six months that show Design at the "
        "Senior (L5) level, and your manager or coach agrees that they do."
    )
    assert "1 level below your target of Senior (L5): one" in gap.why


def test_accepting_preparation_keeps_it_off_the_managers_copy_and_the_box_edits_it(
    journal_path, journal, monkeypatch
):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    _engineer(journal, SOON)
    panel = growth_plan()
    by_source = {p.source: p for p in panel.proposed}
    panel.accept(by_source["design:clarity"])
    [(entry_id, action)] = actions(journal)
    assert action.source == "design:clarity" and action.manager_sees is False
    box = next(
        x
        for x in all_widgets(panel.editor)
        if isinstance(x, w.Checkbox) and x.description == "On my manager's copy"
    )
    assert box.value is False
    box.value = True
    assert journal.record(Action.kind, entry_id).manager_sees is True
    assert len(journal.history(entry_id)) == 2
    panel.editor.what.value = "Mock with Priya on clarity"  # another field keeps the box's value
    saved = journal.record(Action.kind, entry_id)
    assert saved.manager_sees is True and saved.what == "Mock with Priya on clarity"


def test_accepting_a_gap_keeps_it_on_the_managers_copy(journal_path, journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    _engineer(journal, LATER)
    panel = growth_plan()
    gap = next(p for p in panel.proposed if p.kind == "gap")
    experiment = next(p for p in panel.proposed if p.kind == "experiment")
    panel.accept(gap)
    panel.accept(experiment)
    stored = {a.source: a.manager_sees for _, a in actions(journal)}
    assert stored == {gap.source: True, experiment.source: False}


def test_the_panel_says_in_one_line_why_fewer_are_shown(journal_path, journal, monkeypatch):
    monkeypatch.setenv("STEPUP_TODAY", TODAY.isoformat())
    _engineer(journal, SOON)
    _open_actions(journal, 3)
    panel = growth_plan()
    text = " ".join(x.value for x in all_widgets(panel.proposals_box) if isinstance(x, w.HTML))
    assert len(panel.proposed) == 2
    assert "your next interview is in 20 days, so these prepare for it" in text
    assert re.search(r"\d+ more proposals are waiting: with 3 open actions, these 2 bring", text)
    _open_actions(journal, 2)
    panel = growth_plan()
    text = " ".join(x.value for x in all_widgets(panel.proposals_box) if isinstance(x, w.HTML))
    assert panel.proposed == []
    assert "5 open actions is enough: finish or drop one to see more" in text
    assert "stepup-muted" in text


# -- the personas' proposals read right -----------------------------------------------------------

# Doubled or stray punctuation, doubled brackets, double spaces, and "1 practice sessions".
GLITCHES = re.compile(
    r"\.\.|\.:|\?\.|!\.|\)\)|\(\(|\s[,.;:]|\s{2}"
    r"|(?<![\d.,])1 (?:[a-z]+ )?(?:level|session|action|proposal|storie|probe|week|day)s\b"
)


def _persona(tmp_path, track: str) -> tuple[Journal, dt.date]:
    text = PERSONAS[track].read_text(encoding="utf-8")
    path = tmp_path / f"{track}.sqlite"
    import_journal(text, path)
    return Journal(path, readonly=True), dt.date.fromisoformat(demo_date(text))


# The personas with an interview close to their pinned date. The promotion persona (on the
# frontend & mobile track) has none: its runway runs to calibration once workbook 05 reads the
# route's milestones (issue 30), and its proposals are checked then.
INTERVIEWING = ("ml", "software")


@pytest.mark.parametrize("track", INTERVIEWING)
@pytest.mark.parametrize("weeks_earlier", [0, 6])  # at the pinned date, and with time to grow
def test_the_personas_proposals_have_no_text_glitches_and_no_date_in_the_past(
    tmp_path, track, weeks_earlier
):
    journal, pinned = _persona(tmp_path, track)
    today = pinned - dt.timedelta(weeks=weeks_earlier)
    with journal:
        found = _uncapped(journal, today)
        shown = propose(journal, today)
    runway = shown.runway
    assert found and runway.preparing == (weeks_earlier == 0)
    for line in (held_back(shown), proposals_note(shown), nothing_new(shown)):
        assert not GLITCHES.search(line), line
    for proposal in found:
        for text in (proposal.what, proposal.why, proposal.done_when):
            assert not GLITCHES.search(text), (proposal.source, text)
        for sentence in (proposal.why, proposal.done_when):
            assert sentence[-1] in ".?!", (proposal.source, sentence)
        assert proposal.due is not None and proposal.due >= today
    preparing = [p for p in found if runway.preparing and p.kind in PREP_KINDS]
    assert bool(preparing) == runway.preparing  # before an interview, something prepares for it
    for proposal in preparing:
        assert proposal.due <= runway.milestone.date - dt.timedelta(days=2)
        assert not proposal.manager_sees


def test_the_demo_persona_at_its_pinned_date(demo_path):
    """Asha: 24 days to Northwind and three open actions, so two preparation proposals."""
    with Journal(demo_path, readonly=True) as journal:
        found = propose(journal, clock.today())
    assert found.runway.days_left == 24 and found.open_actions == 3
    assert [(p.source, p.due) for p in found.shown] == [
        ("research:project-ranking.rollout_risks", dt.date(2026, 11, 27)),
        ("design:driving", dt.date(2026, 12, 8)),
    ]
    # 6 from her workbooks, and 3 of an uncertain year marked for the weeks before an interview.
    assert found.hidden == 9
