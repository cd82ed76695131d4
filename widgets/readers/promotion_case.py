"""The promotion case read from the journal: what the engineer brings to their manager to argue
for the next level, in their own words.

Everything here is read through the manager's view of the journal (``readers/audience.py``), so
the case holds only what the manager's copy may: never beliefs, emotions, confidence figures,
interviews elsewhere or the companies behind them, or a private coach's ratings, and no line
with a word the manager's entry never says. It holds the projects with their measured impact, the
target level's behaviours already shown (the ladder's descriptor beside the evidence, each dated),
what is still missing with the actions for it, the asks (the engineer's own, then the route's
standard ones from ``seeds/routes.yaml``), and the cycle's dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from widgets.content import routes
from widgets.content import seeds as content
from widgets.content.audiences import audience as audience_entry
from widgets.content.ladder import Competency, Framework
from widgets.i18n import gettext
from widgets.readers.audience import audience_view
from widgets.readers.competencies import assessment, available_frameworks, default_framework_id
from widgets.readers.competencies import gap_weighting as ranked_by
from widgets.readers.competencies import gaps as ranked_gaps
from widgets.readers.latest import latest_snapshot
from widgets.readers.plan import actions
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.readers.wins import WinLine, impact, win_lines, wins
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    OPEN_STATUSES,
    Action,
    CycleRating,
    ManagerSupport,
    Profile,
    PromotionCycle,
)
from widgets.storage.sources import ActionSource

AUDIENCE = "manager"  # the case is the engineer's, written for their manager
DOCUMENT = "promotion_case"  # its id among the routes' documents (seeds/routes.yaml)
# The CLI's name for each document (``stepup report --document``): the growth plan, or the case.
DOCUMENTS = {"growth-plan": "", "promotion-case": DOCUMENT}


@dataclass(frozen=True)
class CaseProject:
    """A project as the case tells it: when, my role, and what it changed, with the numbers."""

    name: str
    started: dt.date | None
    ended: dt.date | None
    role: str
    impact: str
    numbers: tuple[Moved, ...]


@dataclass(frozen=True)
class Shown:
    """One dated piece of evidence for a competency: a win, a project's story, a finished action."""

    on: dt.date | None  # the day, or a project's last day
    text: str
    finished: bool = False  # an action of the plan, finished (the document says so)


@dataclass(frozen=True)
class Behaviour:
    """A competency against the target level's descriptor: the evidence, dated where it can be;
    for a gap, also the open actions that close it."""

    name: str
    level: str  # the level whose descriptor is quoted
    descriptor: str
    evidence: str
    shown: tuple[Shown, ...] = ()
    actions: tuple[Action, ...] = ()


@dataclass
class PromotionCase:
    """Everything the promotion case says (views/promotion_case.py draws it)."""

    alias: str
    current_level: str
    target_level: str
    framework: str
    cycle: PromotionCycle | None
    past_ratings: list[CycleRating]
    manager: str
    sponsors: str
    projects: list[CaseProject]
    wins: list[WinLine]
    behaviours: list[Behaviour]
    missing: list[Behaviour]
    other_actions: list[Action]  # open actions not tied to one missing behaviour
    asks: list[str]
    today: dt.date = field(default_factory=clock.today)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g} {unit}".strip()


@dataclass(frozen=True)
class Moved:
    """A number a project moved: the metric, before and after (with the unit), and where each
    number came from."""

    metric: str
    before: str
    after: str
    sources: tuple[str, ...]


def _numbers(project) -> tuple[Moved, ...]:
    said = []
    for n in project.depth.numbers:
        if not n.metric or (n.baseline.value is None and n.actual.value is None):
            continue
        before, after = (_number(m.value, n.unit) for m in (n.baseline, n.actual))
        sources = tuple(m.source for m in (n.baseline, n.actual) if m.source)
        said.append(Moved(n.metric, before, after, sources))
    return tuple(said)


def _level_id(framework: Framework, profile: Profile) -> str | None:
    """The framework's level the engineer is going for (the profile's, when the ladder has it)."""
    wanted = profile.target_level
    return wanted if wanted in framework.level_ids() else None


def _shown_for(snap, competency_id: str, done: list, framework_id: str) -> list[Shown]:
    """Dated evidence for a competency: wins linked to it, stories tagged with it (dated by their
    project's end), finished actions that came from its gap (dated by their last save: the day
    they were marked done, or later)."""
    ended = {pid: p.ended for pid, p in projects(snap)}
    shown = [
        Shown(
            win.on,
            gettext("{win} ({impact})").format(win=win.what, impact=line)
            if (line := impact(win.measure))
            else win.what,
        )
        for _, win in wins(snap)
        if win.competency_id == competency_id
    ]
    for _, story in stories(snap):
        if competency_id in story.competencies:
            text = story.headline or story.result or story_label(story)
            shown.append(Shown(ended.get(story.project_id or ""), text))
    ref = f"{framework_id}.{competency_id}"
    shown += [
        Shown(on, a.what, finished=True)
        for on, a in done
        if ActionSource.parse(a.source).ref == ref
    ]
    return sorted(shown, key=lambda s: (s.on is None, s.on or dt.date.min))


def _behaviour(snap, framework, competency: Competency, level, evidence, done, todo=()):
    return Behaviour(
        competency.name,
        framework.level_name(level),
        competency.descriptors.get(level, ""),
        evidence,
        tuple(_shown_for(snap, competency.id, done, framework.id)),
        tuple(todo),
    )


def _finished(snap) -> list[tuple[dt.date, Action]]:
    """(the day it was last saved, action) for every finished action."""
    found = ((entry.updated_at, entry.record()) for entry in snap.entries(Action.kind))
    return [(dt.date.fromisoformat(on[:10]), a) for on, a in found if a.status not in OPEN_STATUSES]


def _behaviours(snap, framework: Framework, profile: Profile, plan: list[Action]):
    """(shown, missing, other open actions): the competencies rated at or above the level the
    engineer is going for with evidence, and those below it, each against that level's
    descriptor."""
    own = assessment(snap, framework)
    level = _level_id(framework, profile)
    done = _finished(snap)
    open_ = [a for a in plan if a.status in OPEN_STATUSES]
    shown, missing, used = [], [], set()
    goal = framework.rank(level)
    for competency in framework.competencies:
        rating = own.ratings.get(competency.id)
        if rating is None or goal is None or (framework.rank(rating.target) or 0) < goal:
            continue
        if (framework.rank(rating.current) or 0) >= goal and rating.evidence:
            shown.append(_behaviour(snap, framework, competency, level, rating.evidence, done))
    for gap in ranked_gaps(framework, own, ranked_by(snap, audience_entry(AUDIENCE).sees)):
        competency = framework.competency(gap.competency_id)
        ref = f"{framework.id}.{gap.competency_id}"
        todo = [a for a in open_ if ActionSource.parse(a.source).ref == ref]
        used.update(id(a) for a in todo)
        rating = own.ratings[gap.competency_id]
        target = rating.target if framework.rank(rating.target) else level
        missing.append(_behaviour(snap, framework, competency, target, rating.evidence, done, todo))
    return shown, missing, [a for a in open_ if id(a) not in used]


def offered(journal: Journal) -> bool:
    """Whether one of the engineer's routes offers the promotion case (seeds/routes.yaml)."""
    profile = latest_snapshot(journal).record(Profile.kind)
    return any(d.id == DOCUMENT for d in routes.documents(profile))


def asks(profile) -> list[str]:
    """The standard asks of the routes that offer the case (words in seeds/routes.yaml)."""
    found = [d for d in routes.documents(profile) if d.id == DOCUMENT]
    return [ask for document in found for ask in document.asks]


def promotion_case(journal: Journal, today: dt.date | None = None) -> PromotionCase:
    """The case, read from the manager's view of the journal."""
    whole = latest_snapshot(journal)
    snap = audience_view(whole, AUDIENCE)
    profile = snap.record(Profile.kind) or Profile()
    frameworks = available_frameworks(snap)
    framework = next(f for f in frameworks if f.id == default_framework_id(snap, frameworks))
    plan = [a for _, a in actions(snap)]
    shown, missing, other = _behaviours(snap, framework, profile, plan)
    ladder = content.levels()
    support = snap.record(ManagerSupport.kind)
    needs = support.need_lines() if isinstance(support, ManagerSupport) else []
    return PromotionCase(
        alias=profile.alias,
        current_level=getattr(ladder.by_id(profile.current_level), "name", "—"),
        target_level=getattr(ladder.by_id(profile.target_level), "name", "—"),
        framework=framework.name,
        cycle=profile.promotion_cycle,
        past_ratings=list(profile.past_ratings),
        manager=profile.manager,
        sponsors=profile.sponsors,
        projects=[
            CaseProject(project_label(p), p.started, p.ended, p.role, p.impact, _numbers(p))
            for _, p in projects(snap)
        ],
        wins=win_lines(whole, AUDIENCE),
        behaviours=shown,
        missing=missing,
        other_actions=other,
        # The asks come from the whole profile: the route is not the manager's to see, its asks are.
        asks=needs + asks(whole.record(Profile.kind)),
        today=today or clock.today(),
    )
