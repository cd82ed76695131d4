"""Which workbooks the engineer has started and finished, read from the journal.

Each workbook registers how to judge its own progress; later workbooks add themselves to
``WORKBOOKS`` as they land, and the progress panel of workbook 00 lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from widgets.content import seeds as content
from widgets.content.wording import exact, exact_share, joined, sentences
from widgets.content.workbooks import WORKBOOKS as SHIPPED
from widgets.i18n import N_, format_number, format_percent, gettext, ngettext
from widgets.readers.competencies import (
    available_frameworks,
    default_framework_id,
    stored_assessment,
)
from widgets.readers.latest import latest
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import (
    design_sessions,
    track_practice,
    weakest_dimension,
)
from widgets.readers.stories import drill_questions, projects, readiness, stories
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import CompetencySnapshot, Profile, ThoughtRecord

# Ids (code compares them); the words a person reads are :data:`STATUS_WORDS`, translated where
# shown (:meth:`WorkbookProgress.status_text`).
NOT_STARTED, STARTED, COMPLETED = "not started", "started", "completed"
STATUS_WORDS = {
    NOT_STARTED: N_("not started"),
    STARTED: N_("started"),
    COMPLETED: N_("completed"),
}
# One meaning everywhere: "completed" is every step the workbook asks for done at least once;
# "started" is some of them. Translated where shown: gettext(MEANING).
MEANING = N_("Completed: every step the workbook asks for, done at least once.")


@dataclass(frozen=True)
class WorkbookProgress:
    """How far the engineer got in one workbook: a status (:data:`COMPLETED`, :data:`STARTED`…) and
    what is left to do, in words."""

    file: str
    title: str
    status: str  # an id: NOT_STARTED, STARTED or COMPLETED
    detail: str

    @property
    def status_text(self) -> str:
        """The status in the reader's language ("started")."""
        return gettext(STATUS_WORDS[self.status])


@dataclass(frozen=True)
class Step:
    """One thing a workbook asks for, and whether the journal shows it done."""

    ask: str  # in the imperative, as the "Next" column says it
    done: bool


def _judged(steps: list[Step], counts: str) -> tuple[str, str]:
    """Status from the steps, detail as what the journal holds and the next step."""
    done = sum(step.done for step in steps)
    status = COMPLETED if done == len(steps) else STARTED if done or counts else NOT_STARTED
    following = next((step.ask for step in steps if not step.done), "")
    upcoming = gettext("Next: {step}.").format(step=following) if following else ""
    detail = sentences(counts, upcoming)
    return status, detail or gettext("All done.")


def _profile_progress(journal: Journal) -> tuple[str, str]:
    profile = journal.record("profile")
    if not isinstance(profile, Profile):
        return _judged([Step(gettext("fill in your profile above"), False)], "")
    missing = profile.missing_fields()
    # The fields' titles, as the profile form shows them (translated where the catalogue has them).
    names = joined([gettext(Profile.model_fields[name].title).lower() for name in missing])
    return _judged(
        [Step(gettext("fill in {fields}").format(fields=names), not missing)],
        gettext("Profile started.") if missing else gettext("Profile complete."),
    )


def _beliefs_progress(journal: Journal) -> tuple[str, str]:
    records = [entry.record() for entry in latest(journal).entries(ThoughtRecord.kind)]
    complete = sum(r.status == "complete" for r in records)
    tried = sum(bool(r.experiment.outcome) for r in records)
    acted = sum(a.source.kind == "belief" for _, a in actions(journal))
    counts = (
        ngettext(
            "{records} record, {complete} complete, {tried} with an outcome.",
            "{records} records, {complete} complete, {tried} with an outcome.",
            len(records),
        ).format(
            records=format_number(len(records)),
            complete=format_number(complete),
            tried=ngettext("{count} experiment", "{count} experiments", tried).format(
                count=format_number(tried)
            ),
        )
        if records
        else ""
    )
    return _judged(
        [
            Step(
                gettext("write a thought record on the belief that holds you back most"),
                bool(records),
            ),
            Step(gettext("finish a record, every step"), bool(complete)),
            Step(
                gettext("try an experiment (or plan an action) and write what happened"),
                bool(tried or acted),
            ),
        ],
        counts,
    )


def _radar_progress(journal: Journal) -> tuple[str, str]:
    frameworks = available_frameworks(journal)
    framework = next(f for f in frameworks if f.id == default_framework_id(journal, frameworks))
    own = stored_assessment(journal, framework.id)
    rated = sum(1 for c in framework.competencies if (r := own.ratings.get(c.id)) and r.current)
    total = len(framework.competencies)
    saved = sum(
        s.framework_id == framework.id
        for s in (e.record() for e in latest(journal).entries(CompetencySnapshot.kind))
    )
    counts = (
        ngettext(
            "{rated} of {total} rated ({framework}); {saved} snapshot.",
            "{rated} of {total} rated ({framework}); {saved} snapshots.",
            saved,
        ).format(
            rated=format_number(rated),
            total=format_number(total),
            framework=framework.name,
            saved=format_number(saved),
        )
        if rated or saved
        else ""
    )
    return _judged(
        [
            Step(
                gettext("rate every competency ({left} to go)").format(
                    left=format_number(total - rated)
                ),
                rated == total,
            ),
            Step(gettext("save a snapshot of today's ratings"), bool(saved)),
        ],
        counts,
    )


STORY_TYPES_FOR_A_LOOP = 6  # the senior story types worth a story each before a loop
READY_SHARE = 0.5  # half the drill answered with confidence: enough to walk a deep dive


def _deep_dives_progress(journal: Journal) -> tuple[str, str]:
    found, bank = projects(journal), stories(journal)
    questions = drill_questions(journal, content.deep_dives().questions)
    best = max((readiness(p, questions).share for _, p in found), default=0.0)
    types = {t for _, s in bank for t in s.story_types}
    counts = (
        gettext("{projects}, best {best} ready; {stories} covering {types}.").format(
            projects=ngettext("{count} project", "{count} projects", len(found)).format(
                count=format_number(len(found))
            ),
            best=format_percent(exact_share(best), "#,##0%"),
            stories=ngettext("{count} story", "{count} stories", len(bank)).format(
                count=format_number(len(bank))
            ),
            types=ngettext("{count} story type", "{count} story types", len(types)).format(
                count=format_number(len(types))
            ),
        )
        if found or bank
        else ""
    )
    return _judged(
        [
            Step(gettext("add the project you would pick for a deep dive"), bool(found)),
            Step(
                gettext("drill a project to {share} ready").format(
                    share=format_percent(READY_SHARE, "#,##0%")
                ),
                best >= READY_SHARE,
            ),
            Step(
                ngettext(
                    "write stories covering {count} story type",
                    "write stories covering {count} story types",
                    STORY_TYPES_FOR_A_LOOP,
                ).format(count=format_number(STORY_TYPES_FOR_A_LOOP)),
                len(types) >= STORY_TYPES_FOR_A_LOOP,
            ),
        ],
        counts,
    )


def _design_progress(journal: Journal) -> tuple[str, str]:
    sessions = [s for _, s in design_sessions(journal)]
    practice = track_practice(journal)
    scored = [s for s in sessions if s.self_scores]
    weakest = weakest_dimension(sessions, practice)
    counts = ""
    if sessions:
        sessions_said = ngettext("{count} session", "{count} sessions", len(sessions)).format(
            count=format_number(len(sessions))
        )
        if weakest:
            counts = gettext(
                "{sessions}, {scored} scored; weakest lately: {dimension} ({mean})."
            ).format(
                sessions=sessions_said,
                scored=format_number(len(scored)),
                dimension=weakest.name,
                mean=format_number(exact(weakest.mean), "0.0"),
            )
        else:
            counts = gettext("{sessions}, {scored} scored.").format(
                sessions=sessions_said, scored=format_number(len(scored))
            )
    return _judged(
        [
            Step(gettext("work through one practice prompt, timed"), bool(sessions)),
            Step(gettext("score a session against the rubric"), bool(scored)),
        ],
        counts,
    )


CHECKIN_FRESH_DAYS = 7
OPEN_ACTIONS = (3, 5)  # workbook 05: three to five open actions is a plan you can keep


def _plan_progress(journal: Journal) -> tuple[str, str]:
    plan, weekly = actions(journal), checkins(journal)
    today = clock.today()
    open_count = sum(a.status in ("open", "in_progress") for _, a in plan)
    late = len(overdue(plan, today))
    last = weekly[-1][1].week_of if weekly else None
    counts = ""
    if plan or weekly:
        actions_said = ngettext("{count} open action", "{count} open actions", open_count).format(
            count=format_number(open_count)
        )
        if late:
            actions_said = gettext("{actions}, {late} overdue").format(
                actions=actions_said, late=format_number(late)
            )
        # The week stays ISO, as the check-ins' table writes it.
        counts = (
            gettext("{actions}; last check-in week of {week}.").format(
                actions=actions_said, week=last.isoformat()
            )
            if last
            else gettext("{actions}; no check-in yet.").format(actions=actions_said)
        )
    low, high = OPEN_ACTIONS
    keep = (
        gettext("keep {low} to {high} open actions (accept some proposals)")
        if open_count < low
        else gettext("keep {low} to {high} open actions")
    )
    return _judged(
        [
            Step(
                keep.format(low=format_number(low), high=format_number(high)),
                low <= open_count <= high,
            ),
            Step(gettext("bring the overdue actions up to date"), plan != [] and not late),
            Step(
                gettext("do this week's check-in"),
                last is not None and (today - last).days < CHECKIN_FRESH_DAYS,
            ),
        ],
        counts,
    )


@dataclass(frozen=True)
class Workbook:
    """A shipped workbook and the function that judges, from the journal, how far the engineer got
    in it."""

    file: str
    title: str
    judge: Callable[[Journal], tuple[str, str]]


_JUDGES = {
    "00_start_here.ipynb": _profile_progress,
    "01_limiting_beliefs.ipynb": _beliefs_progress,
    "02_competency_radar.ipynb": _radar_progress,
    "03_project_deep_dives.ipynb": _deep_dives_progress,
    "04_design_practice.ipynb": _design_progress,
    "05_growth_plan.ipynb": _plan_progress,
}
# Titles and order from widgets.content.workbooks, the one place they are written.
WORKBOOKS: list[Workbook] = [Workbook(wb.file, wb.title, _JUDGES[wb.file]) for wb in SHIPPED]


def progress(journal: Journal) -> list[WorkbookProgress]:
    """Every shipped workbook's progress, in the order the workbooks are taken."""
    return [WorkbookProgress(wb.file, gettext(wb.title), *wb.judge(journal)) for wb in WORKBOOKS]
