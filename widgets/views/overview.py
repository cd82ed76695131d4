"""Everything the coach's one-page view and the growth-plan report show, read in one go.

``overview(journal)`` takes one snapshot of the journal and derives every figure and list from
it, so a page is consistent and the journal is read once. ``figures(ov)`` builds the charts.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from widgets import charts
from widgets.content import coach_roles, routes
from widgets.content import seeds as content
from widgets.content.audiences import audience as audience_entry
from widgets.content.ladder import Framework
from widgets.content.routes import GapWeighting
from widgets.i18n import N_, gettext
from widgets.readers.audience import DEFAULT_AUDIENCE, audience_view
from widgets.readers.beliefs import (
    before_after,
    belief_label,
    strongest_belief,
    thought_records,
    trend,
)
from widgets.readers.competencies import (
    Disagreement,
    assessment,
    available_frameworks,
    default_framework_id,
    disagreements,
    gap_weighting,
    gaps,
    latest_coach,
    radar_series,
)
from widgets.readers.latest import latest_snapshot
from widgets.readers.milestones import Milestone, all_milestones
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import (
    design_sessions,
    score_series,
    track_practice,
    weakest_dimension,
)
from widgets.readers.stories import (
    coverage,
    drill_questions,
    project_label,
    projects,
    readiness,
    research_actions,
    stories,
    stories_by_competency,
    story_label,
)
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    OPEN_STATUSES,
    Action,
    Checkin,
    Interview,
    ManagerSupport,
    Profile,
)
from widgets.views.chart_text import (
    alt_text,
    ranked_gaps_title,
    readiness_words,
    rings,
    score_lines,
    series_lines,
    trend_lines,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.figure import Figure

TOP_GAPS_SHOWN = 5
RECENT_CHECKINS = 4
# A page shows the recent picture: years of records would make unreadable (and slow) charts.
BELIEFS_CHARTED = 6
STORIES_CHARTED = 12


@dataclass(frozen=True)
class ChartCall:
    """A chart of :mod:`widgets.charts` with the arguments that draw it."""

    chart: Callable[..., Figure]
    args: tuple
    kwargs: dict = field(default_factory=dict)

    def figure(self) -> Figure:
        """Draw the chart (a new matplotlib figure each call)."""
        return self.chart(*self.args, **self.kwargs)


@dataclass(frozen=True)
class CompetencyLine:
    """One competency as the coach view and the report list it: levels by name, the evidence
    written and the stories tagged with it."""

    name: str
    current: str
    target: str
    coach: str
    evidence: str
    stories: list[str]
    weighted_gap: int = 0
    # The gap is measured from the coach's rating (readers/competencies.py measured_from), not
    # the engineer's own, which ``current`` still shows.
    from_coach: bool = False


@dataclass
class Overview:
    """Everything the coach view and the growth-plan document show, read from one snapshot of the
    journal through what one audience may see. Pure data: charts and pages are drawn from it
    without the journal."""

    today: dt.date
    profile: Profile
    current_level: str
    target_level: str
    next_interview: Interview | None
    framework: Framework
    radar: dict[str, list[int | None]]
    strengths: list[CompetencyLine]
    gaps: list[CompetencyLine]
    disagreements: list[Disagreement]  # self and coach one level or more apart
    coach_name: str
    beliefs: list[tuple[str, int, int]]
    belief_trend: dict[str, list]
    strongest_belief: tuple[str, int] | None
    projects: list[tuple[str, int, int, int]]
    research: list
    story_titles: list[str]
    story_type_names: list[str]
    story_type_matrix: list[list[int]]
    uncovered_story_types: list[str]
    story_type_counts: list[tuple[str, int]]
    design_series: dict[str, list]
    design_coach_series: dict[str, list]
    design_sessions: int
    weakest: object
    actions: list[Action]
    overdue: list[Action]
    checkins: list[Checkin]
    needs: list[str] = field(default_factory=list)  # what the engineer needs from the manager
    practice_means: list[tuple[dt.date, float]] = field(default_factory=list)
    # How the gaps are ranked and worded for this audience (the route's, seeds/routes.yaml).
    gap_weighting: GapWeighting = field(default_factory=lambda: routes.gap_weighting(None))
    # Every dated milestone of the routes this audience sees (readers/milestones.py), soonest first.
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def next_milestone(self) -> Milestone | None:
        """The nearest milestone from today on (an interview, the packet's due date,
        calibration), or None when none is dated."""
        return next((m for m in self.milestones if m.date >= self.today), None)

    @property
    def days_to_milestone(self) -> int | None:
        """Days from today to the nearest milestone, or None when none is dated."""
        return self.next_milestone.days_from(self.today) if self.next_milestone else None

    @property
    def milestone_marks(self) -> list[tuple[dt.date, str]]:
        """(date, words) of every milestone, as the readiness timeline marks them."""
        return [(m.date, m.words) for m in self.milestones]

    @property
    def days_to_interview(self) -> int | None:
        """Days from today to the next interview, or None when none is planned."""
        return (self.next_interview.date - self.today).days if self.next_interview else None

    @property
    def done_actions(self) -> int:
        """How many of the plan's actions are done."""
        return sum(a.status == "done" for a in self.actions)

    @property
    def open_actions(self) -> list[Action]:
        """The plan's actions still open, in the plan's order."""
        return [a for a in self.actions if a.status in OPEN_STATUSES]

    @property
    def recent_checkins(self) -> list[Checkin]:
        """The last few check-ins, newest first."""
        return self.checkins[-RECENT_CHECKINS:][::-1]

    @property
    def interviews(self) -> list[tuple[dt.date, str]]:
        """(date, label) of every dated interview in the profile, soonest first."""
        return sorted((i.date, interview_label(i)) for i in self.profile.interviews if i.date)


def interview_label(interview: Interview) -> str:
    """An interview as the pages name it: "Ledgerline, Senior Backend Engineer (L5)", or
    "Ledgerline" with no level; one form for every interview (a level in brackets after the company
    read as two styles on one page)."""
    return f"{interview.company}, {interview.level}" if interview.level else interview.company


def _weighting(whole, audience: str) -> GapWeighting:
    """How ``audience`` reads the gaps ranked: chosen from the whole profile (the routes are not
    every reader's to see), among the routes whose words this reader may read."""
    return gap_weighting(whole, audience_entry(audience).sees)


def _competency_lines(
    framework: Framework, journal, weighting: GapWeighting, today: dt.date
) -> tuple[list[CompetencyLine], list[CompetencyLine], dict]:
    own = assessment(journal, framework)
    coach = latest_coach(journal, framework.id)
    linked = stories_by_competency(journal)

    def line(competency_id: str, weighted: int = 0, from_coach: bool = False) -> CompetencyLine:
        competency = next(c for c in framework.competencies if c.id == competency_id)
        rating = own.ratings.get(competency_id)
        coach_rating = coach.ratings.get(competency_id) if coach else None
        return CompetencyLine(
            competency.name,
            framework.level_name(rating.current if rating else None),
            framework.level_name(rating.target if rating else None),
            framework.level_name(coach_rating.level if coach_rating else None),
            rating.evidence if rating else "",
            linked.get(competency_id, []),
            weighted,
            from_coach,
        )

    strengths = []
    for competency in framework.competencies:
        rating = own.ratings.get(competency.id)
        current, target = (
            framework.rank(rating.current if rating else None),
            framework.rank(rating.target if rating else None),
        )
        # A strength is at or above its target and says why: a bare rating is no strength to
        # show a manager (and a default target equal to the level held says nothing).
        evidenced = rating is not None and bool(rating.evidence or linked.get(competency.id))
        if current is not None and target is not None and current >= target and evidenced:
            strengths.append(line(competency.id))
    gap_lines = [
        line(g.competency_id, g.weighted, g.from_coach)
        for g in gaps(framework, own, weighting, coach, today)[:TOP_GAPS_SHOWN]
    ]
    return strengths, gap_lines, {"own": own, "coach": coach, "weighting": weighting}


def overview(
    journal: Journal, today: dt.date | None = None, audience: str = DEFAULT_AUDIENCE
) -> Overview:
    """Read the journal once (a snapshot) and derive everything the coach view and report show,
    from what ``audience`` may see of it (readers/audience.py)."""
    today = today or clock.today()
    whole = latest_snapshot(journal)
    snap = audience_view(whole, audience)
    profile = snap.record(Profile.kind) or Profile()
    ladder = content.levels()
    frameworks = available_frameworks(snap)
    framework = next(f for f in frameworks if f.id == default_framework_id(snap, frameworks))
    strengths, top, rated = _competency_lines(framework, snap, _weighting(whole, audience), today)
    coach = rated["coach"]
    records = [r for _, r in thought_records(snap)]
    strongest = strongest_belief(records)
    found_projects, found_stories = projects(snap), stories(snap)
    questions = drill_questions(snap, content.deep_dives().questions)
    story_types = content.deep_dives().story_types
    type_matrix = coverage(found_stories, [(t.id, t.name) for t in story_types], "story_types")
    practice = track_practice(snap)
    sessions = [s for _, s in design_sessions(snap)]
    plan = [a for _, a in actions(snap)]
    support = snap.record(ManagerSupport.kind)
    return Overview(
        today=today,
        profile=profile,
        current_level=ladder.by_id(profile.current_level).name
        if ladder.by_id(profile.current_level)
        else "—",
        target_level=ladder.by_id(profile.target_level).name
        if ladder.by_id(profile.target_level)
        else "—",
        next_interview=profile.next_interview(today),
        milestones=all_milestones(profile),
        framework=framework,
        radar=radar_series(framework, rated["own"], coach, None),
        strengths=strengths,
        gaps=top,
        disagreements=disagreements(framework, rated["own"], coach),
        coach_name=coach.rater if coach else "",
        beliefs=before_after(records),
        belief_trend=trend(records),
        strongest_belief=(belief_label(strongest), strongest.current_strength())
        if strongest
        else None,
        projects=[
            (
                project_label(p),
                readiness(p, questions).ready,
                readiness(p, questions).answered,
                readiness(p, questions).total,
            )
            for _, p in found_projects
        ],
        research=research_actions(found_projects, questions),
        story_titles=[story_label(s) for _, s in found_stories],
        story_type_names=[t.name for t in story_types],
        story_type_matrix=type_matrix,
        uncovered_story_types=[
            t.name for i, t in enumerate(story_types) if not any(row[i] for row in type_matrix)
        ],
        story_type_counts=[
            (t.name, sum(row[i] for row in type_matrix)) for i, t in enumerate(story_types)
        ],
        design_series=score_series(sessions, practice, "self"),
        design_coach_series=score_series(sessions, practice, "coach"),
        design_sessions=len(sessions),
        weakest=weakest_dimension(sessions, practice),
        actions=plan,
        overdue=overdue([("", a) for a in plan], today),
        checkins=[c for _, c in checkins(snap)],
        needs=support.need_lines() if isinstance(support, ManagerSupport) else [],
        practice_means=[
            (s.practised_on, statistics.fmean(s.self_scores.values()))
            for s in sessions
            if s.self_scores
        ],
        gap_weighting=rated["weighting"],
    )


CHARTS = ("radar", "beliefs", "design", "stories", "readiness")


# The coach and the manager read these charts: the legend names the raters, not "you".
THIRD_PERSON_LEGEND = {"current": N_("self"), "target": N_("target"), "coach": N_("coach")}


def _radar_series(ov: Overview) -> dict[str, list]:
    """The radar's lines: every rated series but the previous snapshot."""
    return {n: v for n, v in ov.radar.items() if n != "previous" and any(x is not None for x in v)}


def radar_legend(profile) -> dict[str, str]:
    """The radar's legend for a reader other than the engineer: the coach's line named as the
    coach's role names them (content/coach_roles.py: "manager" when the coach is the manager)."""
    said = {series: gettext(name) for series, name in THIRD_PERSON_LEGEND.items()}
    return {**said, "coach": coach_roles.of_profile(profile).label}


def _radar_title(series: dict[str, list], legend: dict[str, str]) -> str:
    """The radar's title, "Self, coach and target": the raters whose lines are drawn, and only
    those (a manager's copy, which has no coach's view, must not name one)."""
    names = [legend.get(n, n) for n in series] or [legend["current"], legend["target"]]
    if len(names) == 1:
        said = names[0]
    elif len(names) == 2:
        said = gettext("{first} and {second}").format(first=names[0], second=names[1])
    else:
        said = gettext("{first}, {second} and {third}").format(
            first=", ".join(names[:-2]), second=names[-2], third=names[-1]
        )
    return said[:1].upper() + said[1:]


def chart_calls(ov: Overview, names: tuple[str, ...] = CHARTS) -> dict[str, ChartCall]:
    """The charts of the coach view and the report, from an overview (pure: no journal), as
    what draws each: a chart of :mod:`widgets.charts` and its arguments (so a picture can be
    kept under them, see :func:`widgets.views.pictures.chart_png`)."""
    calls = {
        "radar": lambda: ChartCall(
            charts.competency_radar,
            (
                [c.name for c in ov.framework.competencies],
                _radar_series(ov),
                [lv.name for lv in ov.framework.levels],
            ),
            {
                "title": _radar_title(_radar_series(ov), radar_legend(ov.profile)),
                "legend": radar_legend(ov.profile),
            },
        ),
        "beliefs": lambda: ChartCall(charts.belief_trend, (_latest_beliefs(ov.belief_trend),)),
        "design": lambda: ChartCall(
            charts.design_scores, (ov.design_series, ov.design_coach_series)
        ),
        "stories": lambda: ChartCall(
            charts.story_coverage,
            (
                ov.story_titles[-STORIES_CHARTED:],
                ov.story_type_names,
                ov.story_type_matrix[-STORIES_CHARTED:],
                _stories_title(len(ov.story_titles)),
            ),
        ),
        "readiness": lambda: ChartCall(
            charts.readiness_timeline,
            (
                [(c.week_of, c.confidence, c.hours) for c in ov.checkins],
                ov.milestone_marks,
                ov.practice_means,
            ),
        ),
    }
    return {name: calls[name]() for name in names}


def figures(ov: Overview, names: tuple[str, ...] = CHARTS) -> dict[str, Figure]:
    """The charts of :func:`chart_calls`, drawn."""
    return {name: call.figure() for name, call in chart_calls(ov, names).items()}


def chart_words(ov: Overview, names: tuple[str, ...] = CHARTS) -> dict[str, str]:
    """What each chart of :func:`figures` shows, with its numbers: the pictures' alt text."""
    labels = [c.name for c in ov.framework.competencies]
    levels = [lv.name for lv in ov.framework.levels]
    legend = radar_legend(ov.profile)
    radar = {legend.get(n, n): v for n, v in _radar_series(ov).items()}
    beliefs = _latest_beliefs(ov.belief_trend)
    stories = ov.story_titles[-STORIES_CHARTED:]
    matrix = ov.story_type_matrix[-STORIES_CHARTED:]
    say = {
        "radar": lambda: alt_text(
            gettext("{title}, per competency (rings {rings})").format(
                title=_radar_title(_radar_series(ov), legend), rings=rings(levels)
            ),
            series_lines(labels, radar),
            gettext("nothing rated yet"),
        ),
        "gaps": lambda: alt_text(
            ranked_gaps_title(ov.gap_weighting.measure_in_documents),
            [f"{i}. {g.name}: {g.weighted_gap}" for i, g in enumerate(ov.gaps, start=1)],
            gettext("no gaps"),
        ),
        "beliefs": lambda: alt_text(
            gettext("Belief strength over time (0–100)"),
            trend_lines(beliefs),
            gettext("no belief re-rated yet"),
        ),
        "design": lambda: alt_text(
            gettext("Design scores across practice sessions (1–4, senior bar 3)"),
            score_lines(ov.design_series)
            + [
                gettext("coach's score, {scores}").format(scores=line)
                for line in score_lines(ov.design_coach_series)
            ],
            gettext("no scored session yet"),
        ),
        "stories": lambda: alt_text(
            _stories_title(len(ov.story_titles)),
            [
                f"{title}: "
                + (
                    ", ".join(n for n, hit in zip(ov.story_type_names, row, strict=True) if hit)
                    or gettext("no type")
                )
                for title, row in zip(stories, matrix, strict=True)
            ],
            gettext("no stories yet"),
        ),
        "readiness": lambda: readiness_words(
            [(c.week_of, c.confidence, c.hours) for c in ov.checkins],
            ov.practice_means,
            ov.milestone_marks,
        ),
    }
    return {name: say[name]() for name in names}


def _latest_beliefs(series: dict[str, list]) -> dict[str, list]:
    """The beliefs rated most recently (the ones a session is about), in their original order."""
    latest = sorted(
        series, key=lambda label: max((day for day, _ in series[label]), default=dt.date.min)
    )[-BELIEFS_CHARTED:]
    return {label: points for label, points in series.items() if label in latest}


def _stories_title(count: int) -> str:
    if count > STORIES_CHARTED:
        return gettext("Your latest {shown} of {count} stories × senior story types").format(
            shown=STORIES_CHARTED, count=count
        )
    return gettext("Stories × senior story types")


def gap_figure(ov: Overview) -> Figure:
    """The gaps chart: weighted gap per competency, in the overview's order (largest first)."""
    return charts.competency_gaps(
        [(g.name, g.weighted_gap) for g in ov.gaps], axis=ov.gap_weighting.axis
    )
