"""Workbook 05's reading of the journal: proposed actions, the plan, check-ins, what is overdue.

Proposals come from what the other workbooks recorded: the largest competency gaps (02), the
drill answers flagged "needs research" (03) and behavioural experiments still waiting for an
outcome (01). Each proposal carries a ``source`` key, so one the engineer has accepted is not
proposed again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from widgets.content import seeds as content
from widgets.content.ladder import Framework
from widgets.readers.beliefs import belief_label, thought_records
from widgets.readers.competencies import (
    assessment,
    available_frameworks,
    default_framework_id,
    gaps,
)
from widgets.readers.stories import drill_questions, projects
from widgets.storage.journal import Journal
from widgets.storage.records import Action, Checkin, Profile

TOP_GAPS = 3
DEFAULT_HORIZON = dt.timedelta(days=28)
REVIEW_BEFORE_INTERVIEW = dt.timedelta(days=7)


@dataclass(frozen=True)
class Proposal:
    source: str
    what: str
    why: str
    done_when: str
    due: dt.date | None

    def action(self, today: dt.date) -> Action:
        return Action(
            what=_short(self.what),
            why=self.why,
            source=self.source,
            done_when=self.done_when,
            due=self.due,
            created_on=today,
        )


def _short(text: str, limit: int = 120) -> str:
    """Fit an action's one-line name; the full text stays in its "why"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def actions(journal: Journal) -> list[tuple[str, Action]]:
    """(entry id, action): open ones first by due date, then done and dropped."""
    found = [(entry.id, entry.record()) for entry in journal.entries(Action.kind)]
    order = {"in_progress": 0, "open": 1, "done": 2, "dropped": 3}
    return sorted(
        found,
        key=lambda item: (
            order[item[1].status] > 1,
            item[1].due or dt.date.max,
            order[item[1].status],
            item[1].what.casefold(),
            item[0],
        ),
    )


def checkins(journal: Journal) -> list[tuple[str, Checkin]]:
    """(entry id, check-in), oldest week first."""
    found = [(entry.id, entry.record()) for entry in journal.entries(Checkin.kind)]
    return sorted(found, key=lambda item: (item[1].week_of, item[0]))


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def default_due(journal: Journal, today: dt.date) -> dt.date:
    """A week before the next interview when there is one soon enough, else four weeks out."""
    profile = journal.record(Profile.kind)
    interview = profile.next_interview(today) if isinstance(profile, Profile) else None
    if interview and interview.date - REVIEW_BEFORE_INTERVIEW > today:
        return min(interview.date - REVIEW_BEFORE_INTERVIEW, today + DEFAULT_HORIZON)
    return today + DEFAULT_HORIZON


def plan_framework(journal: Journal) -> Framework:
    """The framework whose gaps the plan proposes to close: the last rated of the profile's track
    or a company ladder (the other track's gaps are no plan for this engineer), else the track's own."""
    profile = journal.record(Profile.kind)
    track = profile.track if isinstance(profile, Profile) else "software"
    fitting = [f for f in available_frameworks(journal) if f.track in (track, "custom")]
    chosen = default_framework_id(journal, fitting)
    return next(f for f in fitting if f.id == chosen)


def proposals(journal: Journal, today: dt.date) -> list[Proposal]:
    """Actions worth adding, from gaps, research flags and pending experiments; none already in the plan."""
    taken = {action.source for _, action in actions(journal)}
    due = default_due(journal, today)
    found: list[Proposal] = []

    framework = plan_framework(journal)
    own = assessment(journal, framework)
    for gap in gaps(framework, own)[:TOP_GAPS]:
        target = own.ratings[gap.competency_id].target
        competency = next(c for c in framework.competencies if c.id == gap.competency_id)
        found.append(
            Proposal(
                f"gap:{framework.id}.{gap.competency_id}",
                f"Close the gap in {gap.name}",
                f"{gap.levels} level{'s' * (gap.levels != 1)} to target, and your loop probes it {('lightly', 'moderately', 'heavily')[gap.weight - 1]} "
                f"(weighted gap {gap.weighted}).",
                f"You can show evidence of the {framework.level_name(target)} line: {competency.descriptors[target]}",
                due,
            )
        )

    questions = {q.id: q for q in drill_questions(journal, content.deep_dives().questions)}
    for project_id, project in projects(journal):
        for question_id, answer in project.drill.items():
            if answer.needs_research and question_id in questions:
                found.append(
                    Proposal(
                        f"research:{project_id}.{question_id}",
                        f'Prepare "{questions[question_id].area}" for the {project.name or "project"} deep dive',
                        f"Flagged in workbook 03: {questions[question_id].question}",
                        "You can answer the probe out loud with confidence 4 or 5.",
                        due,
                    )
                )

    for record_id, record in thought_records(journal):
        experiment = record.experiment
        if experiment.plan and not experiment.outcome:
            found.append(
                Proposal(
                    f"experiment:{record_id}",
                    f"Experiment: {experiment.plan}",
                    f"{experiment.plan} (tests the belief: {belief_label(record)})",
                    "You have written what happened in the thought record (workbook 01).",
                    experiment.due or due,
                )
            )
    return [p for p in found if p.source not in taken]


def overdue(found: list[tuple[str, Action]], today: dt.date) -> list[Action]:
    return [action for _, action in found if action.is_overdue(today)]
