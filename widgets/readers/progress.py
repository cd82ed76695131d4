"""Which workbooks the engineer has started and finished, read from the journal.

Each workbook registers how to judge its own progress; later workbooks add themselves to
``WORKBOOKS`` as they land, and the progress panel of workbook 00 lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from widgets.content import seeds as content
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import (
    SENIOR_SCORE,
    design_sessions,
    track_practice,
    weakest_dimension,
)
from widgets.readers.stories import drill_questions, projects, readiness, stories
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import CompetencyAssessment, CompetencySnapshot, Profile, ThoughtRecord

NOT_STARTED, STARTED, COMPLETED = "not started", "started", "completed"


@dataclass(frozen=True)
class WorkbookProgress:
    file: str
    title: str
    status: str
    detail: str


def _profile_progress(journal: Journal) -> tuple[str, str]:
    profile = journal.record("profile")
    if profile is None:
        return NOT_STARTED, "Fill in your profile above."
    assert isinstance(profile, Profile)
    missing = profile.missing_fields()
    if missing:
        names = ", ".join(Profile.model_fields[name].title.lower() for name in missing)
        return STARTED, f"Still to fill in: {names}."
    return COMPLETED, "Profile complete."


def _beliefs_progress(journal: Journal) -> tuple[str, str]:
    records = [entry.record() for entry in journal.entries(ThoughtRecord.kind)]
    if not records:
        return NOT_STARTED, "Write a thought record on the belief that holds you back most."
    complete = sum(r.status == "complete" for r in records)
    pending = sum(bool(r.experiment.plan) and not r.experiment.outcome for r in records)
    detail = f"{len(records)} record{'s' * (len(records) != 1)}, {complete} complete"
    detail += (
        f"; {pending} experiment{'s' * (pending != 1)} waiting for an outcome." if pending else "."
    )
    return (COMPLETED if complete else STARTED), detail


def _radar_progress(journal: Journal) -> tuple[str, str]:
    assessments = [entry.record() for entry in journal.entries(CompetencyAssessment.kind)]
    rated = max((sum(1 for r in a.ratings.values() if r.current) for a in assessments), default=0)
    if not rated:
        return NOT_STARTED, "Rate yourself against the senior rubric for your track."
    snapshots = len(journal.entries(CompetencySnapshot.kind))
    detail = f"{rated} competenc{'ies' if rated != 1 else 'y'} rated; {snapshots} snapshot{'s' * (snapshots != 1)}."
    return (COMPLETED if snapshots else STARTED), detail


STORY_TYPES_FOR_A_LOOP = 6  # the senior story types worth a story each before a loop


def _plural(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def _deep_dives_progress(journal: Journal) -> tuple[str, str]:
    found, bank = projects(journal), stories(journal)
    if not found and not bank:
        return NOT_STARTED, "Add the project you would pick for a deep dive, and drill it."
    questions = drill_questions(journal, content.deep_dives().questions)
    best = max((readiness(p, questions).share for _, p in found), default=0.0)
    types = {t for _, s in bank for t in s.story_types}
    detail = (
        f"{_plural(len(found), 'project')}, best {best:.0%} ready; {_plural(len(bank), 'story', 'stories')} "
        f"covering {_plural(len(types), 'story type')}."
    )
    done = best >= 0.5 and len(types) >= STORY_TYPES_FOR_A_LOOP
    return (COMPLETED if done else STARTED), detail


def _design_progress(journal: Journal) -> tuple[str, str]:
    sessions = [s for _, s in design_sessions(journal)]
    if not sessions:
        return NOT_STARTED, "Work through one practice prompt, timed, and score it."
    weakest = weakest_dimension(sessions, track_practice(journal))
    detail = f"{_plural(len(sessions), 'session')}" + (
        f"; weakest lately: {weakest.name} ({weakest.mean:.1f})."
        if weakest
        else ", none scored yet."
    )
    return (COMPLETED if weakest and weakest.mean >= SENIOR_SCORE else STARTED), detail


CHECKIN_FRESH_DAYS = 7


def _plan_progress(journal: Journal) -> tuple[str, str]:
    plan, weekly = actions(journal), checkins(journal)
    if not plan and not weekly:
        return (
            NOT_STARTED,
            "Accept two or three proposed actions, and do your first weekly check-in.",
        )
    today = clock.today()
    open_count = sum(a.status in ("open", "in_progress") for _, a in plan)
    late = len(overdue(plan, today))
    last = weekly[-1][1].week_of if weekly else None
    detail = f"{_plural(open_count, 'open action')}" + (f", {late} overdue" if late else "")
    detail += f"; last check-in week of {last.isoformat()}." if last else "; no check-in yet."
    fresh = last is not None and (today - last).days < CHECKIN_FRESH_DAYS
    return (COMPLETED if open_count and fresh and not late else STARTED), detail


@dataclass(frozen=True)
class Workbook:
    file: str
    title: str
    judge: Callable[[Journal], tuple[str, str]]


WORKBOOKS: list[Workbook] = [
    Workbook("00_start_here.ipynb", "Start here: your profile", _profile_progress),
    Workbook("01_limiting_beliefs.ipynb", "Limiting beliefs: thought records", _beliefs_progress),
    Workbook("02_competency_radar.ipynb", "Competency radar", _radar_progress),
    Workbook(
        "03_project_deep_dives.ipynb", "Project deep dives and story bank", _deep_dives_progress
    ),
    Workbook("04_design_practice.ipynb", "System design practice", _design_progress),
    Workbook("05_growth_plan.ipynb", "Growth plan and check-ins", _plan_progress),
]


def progress(journal: Journal) -> list[WorkbookProgress]:
    return [WorkbookProgress(wb.file, wb.title, *wb.judge(journal)) for wb in WORKBOOKS]
