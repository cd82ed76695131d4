"""Workbook 02's reading of the journal: frameworks, ratings, coach views, snapshots and gaps.

Ratings are stored as level ids of the framework; charts get ring numbers (1 = the framework's
lowest level), so a company ladder with five levels works the same as the built-in four.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from widgets.content import routes, tracks
from widgets.content import seeds as content
from widgets.content.audiences import TIERS
from widgets.content.ladder import Competency, Framework
from widgets.content.routes import GapWeighting
from widgets.readers.latest import latest
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    CoachAssessment,
    CompetencyAssessment,
    CompetencyRating,
    CompetencySnapshot,
    CustomFramework,
    Profile,
    SnapshotRating,
)


def available_frameworks(journal: Journal) -> list[Framework]:
    """Built-in frameworks first, then the ladders imported into this journal (by name)."""
    custom = [entry.record().framework for entry in latest(journal).entries(CustomFramework.kind)]
    return list(content.frameworks()) + sorted(custom, key=lambda f: f.name.casefold())


def default_framework_id(journal: Journal, frameworks: list[Framework]) -> str:
    """The framework last rated, else the one matching the profile's track."""
    rated = sorted(
        latest(journal).entries(CompetencyAssessment.kind), key=lambda e: e.updated_at, reverse=True
    )
    ids = [f.id for f in frameworks]
    for entry in rated:
        if entry.record().framework_id in ids:
            return entry.record().framework_id
    track = tracks.of_profile(journal.record(Profile.kind))
    return next(iter(tracks.fitting_frameworks(track, frameworks)), frameworks[0]).id


def stored_assessment(journal: Journal, framework_id: str) -> CompetencyAssessment:
    """The self-assessment as the journal holds it: a target left blank stays blank."""
    found = journal.record(CompetencyAssessment.kind, CompetencyAssessment.entry_id(framework_id))
    return (
        found
        if isinstance(found, CompetencyAssessment)
        else CompetencyAssessment(framework_id=framework_id)
    )


def profile_target(journal: Journal, framework: Framework) -> str | None:
    """The profile's target level, when this framework has that level (the built-in ladders do;
    a company ladder with its own level names does not)."""
    profile = journal.record(Profile.kind)
    level = profile.target_level if isinstance(profile, Profile) else None
    return level if level in framework.level_ids() else None


def with_default_targets(
    framework: Framework, own: CompetencyAssessment, default: str | None
) -> CompetencyAssessment:
    """Every competency without a target of its own aims at ``default`` (the profile's target)."""
    if default is None:
        return own
    ratings = dict(own.ratings)
    for competency in framework.competencies:
        rating = ratings.get(competency.id) or CompetencyRating()
        if rating.target is None:
            ratings[competency.id] = rating.model_copy(update={"target": default})
    return own.model_copy(update={"ratings": ratings})


def assessment(journal: Journal, framework: Framework) -> CompetencyAssessment:
    """The self-assessment as every chart, gap and document reads it: a competency with no
    target of its own aims at the profile's target level, so gaps show from the first rating."""
    return with_default_targets(
        framework, stored_assessment(journal, framework.id), profile_target(journal, framework)
    )


def coach_assessments(journal: Journal, framework_id: str) -> list[tuple[str, CoachAssessment]]:
    """(entry id, coach view) for this framework, most recent first."""
    found = [
        (e.id, e.record(), e.updated_at) for e in latest(journal).entries(CoachAssessment.kind)
    ]
    mine = [(i, r, stamp) for i, r, stamp in found if r.framework_id == framework_id]
    return [
        (i, r)
        for i, r, _ in sorted(mine, key=lambda item: (item[1].rated_on, item[2]), reverse=True)
    ]


def latest_coach(journal: Journal, framework_id: str) -> CoachAssessment | None:
    """The coach's latest view of ``framework_id``, or None before the coach has rated it."""
    views = coach_assessments(journal, framework_id)
    return views[0][1] if views else None


def snapshots(journal: Journal, framework_id: str) -> list[CompetencySnapshot]:
    """The dated snapshots of ``framework_id``, oldest first."""
    found = [e.record() for e in latest(journal).entries(CompetencySnapshot.kind)]
    return sorted((s for s in found if s.framework_id == framework_id), key=lambda s: s.taken_on)


def snapshot_of(
    framework: Framework, own: CompetencyAssessment, coach: CoachAssessment | None, today: dt.date
) -> CompetencySnapshot:
    """Today's ratings, own and coach's, as a snapshot to save: one rating per competency of the
    framework, None where unrated."""
    ratings = {}
    for competency in framework.competencies:
        rating = own.ratings.get(competency.id)
        coach_rating = coach.ratings.get(competency.id) if coach else None
        ratings[competency.id] = SnapshotRating(
            current=rating.current if rating else None,
            target=rating.target if rating else None,
            coach=coach_rating.level if coach_rating else None,
        )
    return CompetencySnapshot(framework_id=framework.id, taken_on=today, ratings=ratings)


def previous_snapshot(
    own: CompetencyAssessment, history: list[CompetencySnapshot]
) -> CompetencySnapshot | None:
    """The latest snapshot that differs from today's ratings: the one worth comparing against
    (a snapshot saved a minute ago would just hide under the current line)."""
    today = {cid: r.current for cid, r in own.ratings.items() if r.current}
    for snapshot in reversed(history):
        if {cid: r.current for cid, r in snapshot.ratings.items() if r.current} != today:
            return snapshot
    return history[-1] if history else None


def ring(framework: Framework, level_id: str | None) -> int | None:
    """The radar ring a level sits on (1 for the framework's first level), or None when unrated or
    unknown."""
    rank = framework.rank(level_id)
    return None if rank is None else rank + 1


def radar_series(
    framework: Framework,
    own: CompetencyAssessment,
    coach: CoachAssessment | None,
    previous: CompetencySnapshot | None,
) -> dict[str, list[int | None]]:
    """The radar's series (current, target, coach, previous) as ring numbers, one per competency
    (spoke)."""

    def own_field(field: str) -> list[int | None]:
        return [
            ring(framework, getattr(own.ratings.get(c.id), field, None))
            for c in framework.competencies
        ]

    series = {"current": own_field("current"), "target": own_field("target")}
    series["coach"] = [
        ring(framework, coach.ratings[c.id].level) if coach and c.id in coach.ratings else None
        for c in framework.competencies
    ]
    series["previous"] = [
        ring(framework, previous.ratings[c.id].current)
        if previous and c.id in previous.ratings
        else None
        for c in framework.competencies
    ]
    return series


def snapshot_series(
    framework: Framework, snapshot: CompetencySnapshot
) -> dict[str, list[int | None]]:
    """A saved snapshot's current and target as ring numbers, one per competency of the framework
    (the snapshots chart)."""

    def field(name: str) -> list[int | None]:
        return [
            ring(framework, getattr(snapshot.ratings.get(c.id), name, None))
            for c in framework.competencies
        ]

    return {"current": field("current"), "target": field("target")}


EQUAL_WEIGHT = 1
# A competency's weight when the engineer set none, by where the route's weighting takes it from.
DEFAULT_WEIGHTS: dict[str, Callable[[Competency], int]] = {
    "interview_loop": lambda competency: competency.interview_weight,
    "ladder": lambda competency: competency.ladder_weight or EQUAL_WEIGHT,
}


def default_weight(weighting: GapWeighting, competency: Competency) -> int:
    """The weight ``competency`` carries under ``weighting`` when the engineer set none."""
    return DEFAULT_WEIGHTS[weighting.weights](competency)


def gap_weighting(journal: Journal, sees: AbstractSet[str] = frozenset(TIERS)) -> GapWeighting:
    """How this engineer's gaps are ranked for a reader who sees the tiers ``sees`` (every tier:
    the engineer's own pages), from the routes in the profile (seeds/routes.yaml)."""
    return routes.gap_weighting(journal.record(Profile.kind), sees)


# The rule a gap is measured by (seeds/glossary.yaml, "gap"; the gaps table says it): from the
# coach's rating of a competency when the coach rated it in the last COACH_RATING_FRESH_DAYS days,
# because the coach has seen the evidence from outside; otherwise from the engineer's own rating.
# The engineer's own rating is always shown beside it. A coach who is the manager (seeds/
# coach_roles.yaml) is the coach here: their ratings are the coach's view in the journal. A reader
# whose copy holds no coach's view (the manager's, when the coach is someone else) gets the gaps
# from the engineer's own ratings: the view they read has no coach's rating to use.
COACH_RATING_FRESH_DAYS = 183  # about six months: one promotion cycle
SELF, COACH = "self", "coach"  # where a gap's current level came from
DISAGREEMENT_LEVELS = 1  # self and coach this many levels apart or more: a question for a session


@dataclass(frozen=True)
class Gap:
    """A competency below its target: how many levels short, and the weight the route's gap
    weighting gives it. ``current`` is the level the gap is measured from: ``own`` (the
    engineer's rating) or ``coach`` (the coach's), as ``source`` says."""

    competency_id: str
    name: str
    levels: int  # target − current, in levels
    weight: int  # the engineer's own, else the weighting's default (1–3)
    own: str | None = None  # the engineer's rating (a level id)
    coach: str | None = None  # the coach's latest rating (a level id), fresh or not
    source: str = SELF  # SELF or COACH: the rating the gap is measured from

    @property
    def weighted(self) -> int:
        """Levels short × weight: what orders the gaps, largest first."""
        return self.levels * self.weight

    @property
    def from_coach(self) -> bool:
        """Whether the gap is measured from the coach's rating."""
        return self.source == COACH

    @property
    def current(self) -> str | None:
        """The level the gap is measured from (a level id)."""
        return self.coach if self.from_coach else self.own


def fresh(coach: CoachAssessment | None, today: dt.date | None = None) -> bool:
    """Whether ``coach``'s view is recent enough to measure gaps from (see the rule above)."""
    if coach is None:
        return False
    return (today or clock.today()) - coach.rated_on <= dt.timedelta(COACH_RATING_FRESH_DAYS)


def measured_from(
    framework: Framework,
    competency_id: str,
    own: CompetencyAssessment,
    coach: CoachAssessment | None,
    today: dt.date | None = None,
) -> tuple[str | None, str]:
    """(level id, SELF or COACH): the current level a gap of ``competency_id`` is measured from,
    by the rule above; (None, SELF) when neither rated it."""
    coach_rating = coach.ratings.get(competency_id) if coach else None
    if coach_rating and framework.rank(coach_rating.level) is not None and fresh(coach, today):
        return coach_rating.level, COACH
    rating = own.ratings.get(competency_id)
    return (rating.current if rating else None), SELF


def gaps(
    framework: Framework,
    own: CompetencyAssessment,
    weighting: GapWeighting | None = None,
    coach: CoachAssessment | None = None,
    today: dt.date | None = None,
) -> list[Gap]:
    """Competencies below their target, largest weighted gap first (ties: framework order),
    weighted as ``weighting`` says (None: the default route's, see :func:`gap_weighting`), each
    measured from the coach's recent rating where ``coach`` gave one, else from the engineer's
    own (:func:`measured_from`). No ``coach``: from the engineer's own ratings only."""
    weighting = weighting or routes.gap_weighting(None)
    found = []
    for order, competency in enumerate(framework.competencies):
        rating = own.ratings.get(competency.id)
        if rating is None:
            continue
        level, source = measured_from(framework, competency.id, own, coach, today)
        current, target = framework.rank(level), framework.rank(rating.target)
        if current is None or target is None or target <= current:
            continue
        weight = rating.weight or default_weight(weighting, competency)
        coach_rating = coach.ratings.get(competency.id) if coach else None
        found.append(
            (
                order,
                Gap(
                    competency.id,
                    competency.name,
                    target - current,
                    weight,
                    own=rating.current,
                    coach=coach_rating.level if coach_rating else None,
                    source=source,
                ),
            )
        )
    return [gap for _, gap in sorted(found, key=lambda item: (-item[1].weighted, item[0]))]


def closed_by_coach(
    framework: Framework,
    own: CompetencyAssessment,
    coach: CoachAssessment | None,
    today: dt.date | None = None,
) -> list[str]:
    """The competencies (names) the engineer rates below target but the coach's recent rating
    puts at or above it: no gap, by the rule above (the gaps table says so, so a gap never just
    disappears)."""
    mine = {g.competency_id for g in gaps(framework, own)}
    trusted = {g.competency_id for g in gaps(framework, own, None, coach, today)}
    return [c.name for c in framework.competencies if c.id in mine - trusted]


@dataclass(frozen=True)
class Disagreement:
    """A competency where the engineer and the coach rate the current level apart, by level name:
    a question for the next session, never a verdict."""

    competency_id: str
    name: str
    own: str
    coach: str
    difference: int  # coach − self, in levels: positive means the coach sees more than you do

    @property
    def levels(self) -> int:
        """How many levels apart, whichever way."""
        return abs(self.difference)


def disagreements(
    framework: Framework, own: CompetencyAssessment, coach: CoachAssessment | None
) -> list[Disagreement]:
    """Where self and coach rate the current level one level or more apart: questions for the
    next session (the coach's page and workbook 02 ask them)."""
    if coach is None:
        return []
    found = []
    for competency in framework.competencies:
        rating, coach_rating = own.ratings.get(competency.id), coach.ratings.get(competency.id)
        mine = framework.rank(rating.current) if rating else None
        theirs = framework.rank(coach_rating.level) if coach_rating else None
        if mine is not None and theirs is not None and abs(theirs - mine) >= DISAGREEMENT_LEVELS:
            found.append(
                Disagreement(
                    competency.id,
                    competency.name,
                    framework.level_name(rating.current),
                    framework.level_name(coach_rating.level),
                    theirs - mine,
                )
            )
    return found
