"""Workbook 05's reading of the journal: proposed actions, the plan, check-ins, what is overdue.

Proposals come from what the other workbooks recorded, and fit the time left before the nearest
milestone of the engineer's routes (the runway: an interview, the promotion packet's due date or
calibration; :mod:`widgets.readers.milestones`):

- under four weeks to it, they prepare for it: a story for each story type with no story yet
  (03), the drill answers flagged "needs research" (03) and a mock interview on the weakest
  design dimension (04), all due a couple of days before the interview;
- with four weeks or more, or no interview, they grow the engineer: the largest competency gaps
  (02), due over the months a gap takes to close, a practice session on the weakest design
  dimension and the research flags;
- behavioural experiments still waiting for an outcome (01) are small, so they are proposed in
  both cases;
- with time to grow, the founding advice of the engineer's routes (``seeds/conversation.yaml``:
  lead a design review, take a role in an incident, mentor a junior engineer), each unless the
  plan already holds it or an action that is the same work;
- once the profile names the engineer's routes, the actions of an uncertain year for them
  (``seeds/uncertain_year.yaml``: an answer to "why are you leaving?", two references, the
  questions about an offer's level, whether the promotion cycle goes ahead, a weekly routine),
  those marked for it also while preparing; each unless the plan already holds it or the same
  work, and each off the manager's copy until the engineer ticks it.

They are ranked by what they are worth in the time left and capped so the plan keeps at most
five open actions (workbook 05: three to five is a plan you can keep). Each carries a ``source``
key, so one the engineer has accepted is not proposed again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

from widgets.content import seeds as content
from widgets.content import tracks
from widgets.content.conversation import advice_for
from widgets.content.ladder import Competency, Framework
from widgets.content.seeds import ROUND_MINUTES
from widgets.content.uncertain_year import proposals_for
from widgets.content.wording import exact
from widgets.i18n import format_number, gettext, ngettext
from widgets.readers.beliefs import belief_label, thought_records
from widgets.readers.competencies import (
    assessment,
    available_frameworks,
    default_framework_id,
    gap_weighting,
    gaps,
    latest_coach,
)
from widgets.readers.latest import latest
from widgets.readers.milestones import Milestone, next_milestone
from widgets.readers.practice import design_sessions, track_practice, weakest_dimension
from widgets.readers.stories import drill_questions, projects, stories
from widgets.storage.journal import Journal
from widgets.storage.records import OPEN_STATUSES, Action, Checkin, Profile
from widgets.storage.sources import ActionSource

TOP_GAPS = 3
OPEN_ENOUGH = 5  # at most this many open actions: the plan has to fit beside a job
OPEN_AIM = 3  # and at least this many, so there is always a next step
RUNWAY = dt.timedelta(days=28)  # under four weeks to an interview: prepare for it, don't grow
PREPARED_BEFORE = dt.timedelta(days=2)  # preparation done two days ahead, not on the eve
PREP_WINDOW = dt.timedelta(days=28)  # research and practice, when no interview is that near
# A competency gap closes through months of work, not a sprint: the first gap proposed is due
# in eight weeks, the next ones later; never sooner than six, and by the profile's target date
# when that leaves at least six weeks.
GAP_WEEKS = (8, 10, 12)
GAP_SOONEST = dt.timedelta(weeks=6)
READY_SCORE = 3  # a design score of 3 is the senior bar (04)

# What each kind of proposal is worth in the time left: (the first one's value, how much less
# each further one of that kind is worth). Roughly one of each before a second of any: a
# second flagged probe still beats an untold story type, a third does not; a second gap beats
# practice, a third waits until the research flags are proposed.
# An uncertain year's actions come last in both: they matter, but what the workbooks found about
# this engineer comes first, and the cap keeps the plan small.
PREPARING_VALUE = {
    "research": (10, 2),
    "design": (9, 2),
    "story": (8.5, 2),
    "experiment": (7, 1),
    "uncertain": (6.5, 1),
}
# The founding advice is senior work a manager can see: after the largest gap, before practice.
GROWING_VALUE = {
    "gap": (10, 2.5),
    "advice": (8, 1),
    "design": (7, 2),
    "experiment": (6.5, 1),
    "research": (6, 1),
    "uncertain": (5.5, 1),
}
# Kinds whose work takes months, due as a gap is (Runway.gap_due), not spread over four weeks.
LONG_KINDS = ("gap", "advice")


@dataclass(frozen=True)
class Proposal:
    """An action the plan proposes, before the engineer accepts it: what, why, when it is done and
    its due date."""

    source: ActionSource
    what: str
    why: str
    done_when: str
    due: dt.date | None
    # Interview preparation and belief work stay off the manager's copy of the plan.
    manager_sees: bool = True

    @property
    def kind(self) -> str:
        """What the proposal comes from (a gap, a design dimension, a belief…): its source's
        kind."""
        return self.source.kind

    def action(self, today: dt.date) -> Action:
        """The action to save when the engineer accepts the proposal on ``today`` (its wording
        shortened to fit the plan's list)."""
        return Action(
            what=_short(self.what),
            why=self.why,
            source=self.source,
            done_when=self.done_when,
            due=self.due,
            created_on=today,
            manager_sees=self.manager_sees,
        )


def _short(text: str, limit: int = 120) -> str:
    """Fit an action's one-line name; the full text stays in its "why"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _sentence(text: str) -> str:
    """The text ending in one full stop: none added after '.', '?', '!' or '…' (nor their
    full-width forms, which end a Chinese sentence)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!", "…", "。", "？", "！")) else f"{text}."


def actions(journal: Journal) -> list[tuple[str, Action]]:
    """(entry id, action): open ones first by due date, then done and dropped."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(Action.kind)]
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


def action_from(journal: Journal, source: ActionSource) -> tuple[str, Action, bool] | None:
    """(entry id, action, deleted) of the plan action that came from ``source``, if any.

    A deleted one counts: the engineer removed it on purpose, so it is not made again. A live
    one comes before a deleted one."""
    found = [
        (entry.id, entry.record(), entry.deleted_at is not None)
        for entry in journal.entries(Action.kind, include_deleted=True)
    ]
    return min((f for f in found if f[1].source == source), key=lambda f: f[2], default=None)


def open_actions(journal: Journal) -> int:
    """How many of the plan's actions are still open."""
    return sum(action.status in OPEN_STATUSES for _, action in actions(journal))


def checkins(journal: Journal) -> list[tuple[str, Checkin]]:
    """(entry id, check-in), oldest week first."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(Checkin.kind)]
    return sorted(found, key=lambda item: item[1].week_of)  # one week: the journal's order


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week: the week a check-in is for."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Runway:
    """The time left: today, the nearest milestone of the engineer's routes, the profile's
    target date."""

    today: dt.date
    milestone: Milestone | None = None
    target_date: dt.date | None = None

    @classmethod
    def of(cls, journal: Journal, today: dt.date) -> Runway:
        """The runway as the journal's profile sets it; with no profile, only today."""
        profile = journal.record(Profile.kind)
        if not isinstance(profile, Profile):
            return cls(today)
        return cls(today, next_milestone(profile, today), profile.target_date)

    @property
    def days_left(self) -> int | None:
        """Days from today to the nearest milestone, or None when none is dated."""
        return (self.milestone.date - self.today).days if self.milestone else None

    @property
    def preparing(self) -> bool:
        """Under four weeks to the nearest milestone: its preparation comes first."""
        return self.milestone is not None and self.milestone.date - self.today < RUNWAY

    def last_day(self) -> dt.date:
        """The latest due date for preparation and practice: two days before the milestone,
        or four weeks out; never before today."""
        end = self.today + PREP_WINDOW
        if self.milestone is not None:
            end = min(end, self.milestone.date - PREPARED_BEFORE)
        return max(self.today, end)

    def gap_due(self, rank: int) -> dt.date:
        """When the gap ranked ``rank`` among those proposed can realistically close."""
        due = self.today + dt.timedelta(weeks=GAP_WEEKS[min(rank, len(GAP_WEEKS) - 1)])
        if self.target_date is not None and self.target_date >= self.today + GAP_SOONEST:
            due = min(due, self.target_date)
        return due

    def spread(self, count: int) -> list[dt.date]:
        """``count`` due dates spread evenly from today to :meth:`last_day`, the last on it."""
        span = (self.last_day() - self.today).days
        return [
            self.today + dt.timedelta(days=math.ceil(span * (i + 1) / count)) for i in range(count)
        ]


def plan_framework(journal: Journal) -> Framework:
    """The framework whose gaps the plan proposes to close: the last rated of the profile's track
    or a company ladder (another track's gaps are no plan for this engineer), else the track's
    own."""
    track = tracks.of_profile(journal.record(Profile.kind))
    fitting = tracks.fitting_frameworks(track, available_frameworks(journal))
    chosen = default_framework_id(journal, fitting)
    return next(f for f in fitting if f.id == chosen)


def growth_outcome(framework: Framework, competency: Competency, target: str) -> str:
    """The "done when" for closing a gap: the framework's checkable outcome for the target
    level, or for a ladder that has none (an engineer's own) one built from the level's name."""
    written = competency.growth_outcomes.get(target)
    if written:
        return written
    return gettext(
        "You can name two pieces of your work from the last six months that show "
        "{competency} at the {level} level, and your manager or coach agrees that they do."
    ).format(competency=competency.name, level=framework.level_name(target))


def _gap_proposals(journal: Journal) -> list[Proposal]:
    framework = plan_framework(journal)
    own = assessment(journal, framework)
    found = []
    # Measured as workbook 02 measures them: from the coach's recent rating where there is one,
    # so the plan never proposes closing a gap the radar's table says is closed.
    coach = latest_coach(journal, framework.id)
    for gap in gaps(framework, own, gap_weighting(journal), coach)[:TOP_GAPS]:
        target = own.ratings[gap.competency_id].target
        competency = framework.competency(gap.competency_id)
        # Written for the manager's copy too (a gap's action is on it): no word of a loop.
        found.append(
            Proposal(
                ActionSource.of("gap", framework.id, gap.competency_id),
                gettext("Close the gap in {competency}").format(competency=gap.name),
                ngettext(
                    "{count} level below your target of {level}: one of your largest gaps, "
                    "weighted by how much senior work leans on it (weighted gap {weighted}).",
                    "{count} levels below your target of {level}: one of your largest gaps, "
                    "weighted by how much senior work leans on it (weighted gap {weighted}).",
                    gap.levels,
                ).format(
                    count=format_number(gap.levels),
                    level=framework.level_name(target),
                    weighted=format_number(gap.weighted),
                ),
                growth_outcome(framework, competency, target),
                None,
            )
        )
    return found


def _research_proposals(journal: Journal) -> list[Proposal]:
    questions = {q.id: q for q in drill_questions(journal, content.deep_dives().questions)}
    found = []
    for project_id, project in projects(journal):
        for question_id, answer in project.drill.items():
            if answer.needs_research and question_id in questions:
                question = questions[question_id]
                found.append(
                    Proposal(
                        ActionSource.of("research", project_id, question_id),
                        (
                            gettext('Prepare "{area}" for the {project} deep dive').format(
                                area=question.area, project=project.name
                            )
                            if project.name
                            else gettext('Prepare "{area}" for the project deep dive').format(
                                area=question.area
                            )
                        ),
                        gettext("Flagged in workbook 03: {probe}").format(
                            probe=_sentence(question.question)
                        ),
                        gettext(
                            "You can answer this probe aloud in about two minutes, and in "
                            "workbook 03 its answer is rated 4 or 5 with the research flag "
                            "cleared."
                        ),
                        None,
                        # A deep dive is an interview's round, whatever the runway.
                        manager_sees=False,
                    )
                )
    return found


def _story_proposals(journal: Journal) -> list[Proposal]:
    covered = {type_id for _, story in stories(journal) for type_id in story.story_types}
    return [
        Proposal(
            ActionSource.of("story", story_type.id),
            gettext('Write a story for "{story_type}"').format(story_type=story_type.name),
            gettext("No story in your bank covers it yet. Interviewers ask: {question}").format(
                question=_sentence(story_type.prompt)
            ),
            gettext(
                'A story tagged "{story_type}" in workbook 03 has its main point and all four '
                "STAR parts written, and you rate it 4 or 5 for telling it aloud clearly."
            ).format(story_type=story_type.name),
            None,
            manager_sees=False,
        )
        for story_type in content.deep_dives().story_types
        if story_type.id not in covered
    ]


def _design_proposals(journal: Journal, preparing: bool) -> list[Proposal]:
    weakest = weakest_dimension(
        [session for _, session in design_sessions(journal)], track_practice(journal)
    )
    if weakest is None:
        return []
    why = ngettext(
        "{dimension} is your weakest design dimension lately: a mean score of {mean} over "
        "{count} session, where {bar} is the senior bar.",
        "{dimension} is your weakest design dimension lately: a mean score of {mean} over "
        "{count} sessions, where {bar} is the senior bar.",
        weakest.sessions,
    ).format(
        dimension=weakest.name,
        mean=format_number(exact(weakest.mean), "0.0"),
        count=format_number(weakest.sessions),
        bar=format_number(READY_SCORE),
    )
    if preparing:
        return [
            Proposal(
                ActionSource.of("design", weakest.id),
                gettext("Mock design interview focused on {dimension}").format(
                    dimension=weakest.name
                ),
                why,
                gettext(
                    "You have done one timed {minutes}-minute mock on a prompt you have not "
                    "practised, with another engineer or your coach as the interviewer, and saved "
                    "it in workbook 04 with their score of {bar} or more for {dimension}."
                ).format(
                    minutes=format_number(ROUND_MINUTES),
                    bar=format_number(READY_SCORE),
                    dimension=weakest.name,
                ),
                None,
                manager_sees=False,
            )
        ]
    return [
        Proposal(
            ActionSource.of("design", weakest.id),
            gettext("Design practice focused on {dimension}").format(dimension=weakest.name),
            why,
            gettext(
                "You have practised two timed prompts in workbook 04 with {dimension} in mind, "
                "and scored it {bar} or more in both."
            ).format(dimension=weakest.name, bar=format_number(READY_SCORE)),
            None,
        )
    ]


def _experiment_proposals(journal: Journal, today: dt.date) -> list[Proposal]:
    found = []
    for record_id, record in thought_records(journal):
        experiment = record.experiment
        if experiment.plan and not experiment.outcome:
            own_due = experiment.due if experiment.due and experiment.due >= today else None
            found.append(
                Proposal(
                    ActionSource.of("experiment", record_id),
                    gettext("Experiment: {plan}").format(plan=" ".join(experiment.plan.split())),
                    gettext("It tests the belief: {belief}").format(
                        belief=_sentence(belief_label(record))
                    ),
                    gettext(
                        "You have done it and written in workbook 01 what happened and how "
                        "strongly you hold the belief now."
                    ),
                    own_due,
                    manager_sees=False,
                )
            )
    return found


def _advice_proposals(journal: Journal, plan: list[Action]) -> list[Proposal]:
    """The founding advice of the engineer's routes, each as an action the manager sees; none
    that an action of the plan already is (its name or done-when says the same work)."""
    return [
        Proposal(
            ActionSource.of("advice", advice.id),
            advice.what,
            " ".join(advice.why.split()),
            " ".join(advice.done_when.split()),
            None,
        )
        for advice in advice_for(journal.record(Profile.kind))
        if not any(advice.matches(action.what, action.done_when) for action in plan)
    ]


def _uncertain_proposals(journal: Journal, plan: list[Action], preparing: bool) -> list[Proposal]:
    """An uncertain year's actions for the engineer's routes, once the profile names them (a
    journal with no profile has not said its road); none that an action of the plan already is.
    Private: each starts off the manager's copy, as the page it comes from is the engineer's own."""
    profile = journal.record(Profile.kind)
    if not isinstance(profile, Profile):
        return []
    return [
        Proposal(
            ActionSource.of("uncertain", item.id),
            " ".join(item.what.split()),
            " ".join(item.why.split()),
            " ".join(item.done_when.split()),
            None,
            manager_sees=False,
        )
        for item in proposals_for(profile, preparing)
        if not any(item.matches(action.what, action.done_when) for action in plan)
    ]


def _ranked(found: list[Proposal], values: dict[str, tuple[float, float]]) -> list[Proposal]:
    """Most valuable first: each kind's value, less for every one of the same kind before it."""
    seen: dict[str, int] = {}
    scored = []
    for order, proposal in enumerate(found):
        first, step = values[proposal.kind]
        index = seen[proposal.kind] = seen.get(proposal.kind, -1) + 1
        scored.append((-(first - step * index), list(values).index(proposal.kind), order, proposal))
    return [proposal for *_, proposal in sorted(scored, key=lambda item: item[:3])]


def _dated(shown: list[Proposal], runway: Runway) -> list[Proposal]:
    """Due dates for the proposals shown: gaps over the months they take, the rest spread
    from today to two days before the nearest milestone (or four weeks out), in rank order."""
    undated = [p for p in shown if p.due is None and p.kind not in LONG_KINDS]
    spread = dict(zip((p.source for p in undated), runway.spread(len(undated)), strict=True))
    gap_rank = 0
    dated = []
    for proposal in shown:
        if proposal.kind in LONG_KINDS:
            proposal = dataclasses.replace(proposal, due=runway.gap_due(gap_rank))
            gap_rank += 1
        elif proposal.due is None:
            proposal = dataclasses.replace(proposal, due=spread[proposal.source])
        dated.append(proposal)
    return dated


@dataclass(frozen=True)
class Proposed:
    """What workbook 05 proposes now, and what the cap on open actions holds back."""

    shown: list[Proposal]
    hidden: int  # more proposals that would take the plan past five open actions
    open_actions: int
    runway: Runway


def propose(journal: Journal, today: dt.date) -> Proposed:
    """Proposals ranked by their value for the time left, capped so the plan keeps at most five
    open actions; none already in the plan (accepted, done or dropped)."""
    runway = Runway.of(journal, today)
    plan = [action for _, action in actions(journal)]
    taken = {action.source for action in plan}
    if runway.preparing:
        found = (
            _research_proposals(journal)
            + _design_proposals(journal, preparing=True)
            + _story_proposals(journal)
            + _experiment_proposals(journal, today)
            + _uncertain_proposals(journal, plan, preparing=True)
        )
        values = PREPARING_VALUE
    else:
        found = (
            _gap_proposals(journal)
            + _advice_proposals(journal, plan)
            + _design_proposals(journal, preparing=False)
            + _experiment_proposals(journal, today)
            + _research_proposals(journal)
            + _uncertain_proposals(journal, plan, preparing=False)
        )
        values = GROWING_VALUE
    ranked = _ranked([p for p in found if p.source not in taken], values)
    open_count = open_actions(journal)
    room = max(0, OPEN_ENOUGH - open_count)
    return Proposed(_dated(ranked[:room], runway), len(ranked[room:]), open_count, runway)


def proposals(journal: Journal, today: dt.date) -> list[Proposal]:
    """The proposals shown now (see :func:`propose`)."""
    return propose(journal, today).shown


def overdue(found: list[tuple[str, Action]], today: dt.date) -> list[Action]:
    """The actions past their due date on ``today`` and still open."""
    return [action for _, action in found if action.is_overdue(today)]
