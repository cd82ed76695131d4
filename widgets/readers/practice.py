"""Workbook 04's reading of the journal: design sessions, score trends, the weakest dimension."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from widgets.content import seeds, tracks
from widgets.content.seeds import RubricDimension, TrackPractice
from widgets.i18n import gettext
from widgets.readers.latest import latest
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile

# Score → the level id a rubric's levels are keyed by (forms/design.py reads a dimension's
# description with it): ids, not words.
SCORE_NAMES = {1: "below mid", 2: "mid", 3: "senior", 4: "staff"}
SENIOR_SCORE = 3
RECENT_SESSIONS = 3  # the weakest dimension is judged on the latest few sessions, not all time


def track_practice(journal: Journal) -> TrackPractice:
    """Design practice for the engineer's track (the profile's; the default until one is set):
    its steps, rubric and drills, its own prompts first."""
    track = tracks.of_profile(journal.record(Profile.kind))
    return seeds.design_practice().for_track(track.id)


def design_sessions(journal: Journal) -> list[tuple[str, DesignSession]]:
    """(entry id, session), oldest practice first; sessions of one day in the order they were
    made (the sort keeps the journal's order), so the last one made is the one a workbook opens."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(DesignSession.kind)]
    return sorted(found, key=lambda item: item[1].practised_on)


TITLE_MAX = 80


def _shortened(text: str, limit: int) -> str:
    """``text`` cut at a word to fit ``limit`` characters, with "…" (never "effect at :")."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–(")
    return cut + "…"


def session_title(session: DesignSession, practice: TrackPractice) -> str:
    """A design session's name: its prompt's title, or the first line of the engineer's own prompt,
    shortened."""
    prompt = practice.prompt(session.prompt_id)
    if prompt:
        return prompt.title
    first_line = session.own_prompt.strip().splitlines()[0] if session.own_prompt.strip() else ""
    return _shortened(first_line, TITLE_MAX) if first_line else gettext("(no prompt chosen)")


def session_label(session: DesignSession, practice: TrackPractice) -> str:
    """A session as the lists name it: its date, then its title."""
    return f"{session.practised_on.isoformat()} · {session_title(session, practice)}"


def session_track(session: DesignSession, practice: TrackPractice) -> str:
    """The track a session is worked and scored on: its prompt's, or for a session scored before
    steps followed the prompt, the track whose rubric ids its scores are stored under."""
    return practice.track_of(
        session.prompt_id, set(session.self_scores) | set(session.coach_scores)
    )


def by_dimension(scores: dict[str, int], practice: TrackPractice) -> dict[str, int]:
    """Stored scores (rubric id → score) as dimension id → score; ids the rubric no longer has are
    left out. A session scores a dimension once (a track's rubric has one entry for each)."""
    found: dict[str, int] = {}
    for rubric_id, score in scores.items():
        dimension = practice.practice.dimension_of(rubric_id)
        if dimension is not None:
            found.setdefault(dimension, score)
    return found


def _shown(practice: TrackPractice, scored: set[str]) -> list[RubricDimension]:
    """The dimensions to show, each as the entry that names it for this engineer: every one of
    their own track's rubric, then any other dimension with a score."""
    own = {d.dimension for d in practice.rubric}
    return [entry for d, entry in practice.dimensions() if d.id in own or d.id in scored]


def score_series(
    sessions: list[DesignSession], practice: TrackPractice, rater: str = "self"
) -> dict[str, list[tuple[dt.date, int]]]:
    """Dimension name → (date, score) per session that scored it, whatever track the session's
    prompt was on; ``rater`` is "self" or "coach"."""
    per_session = [
        (
            s.practised_on,
            by_dimension(s.self_scores if rater == "self" else s.coach_scores, practice),
        )
        for s in sessions
    ]
    scored = {dimension for _, scores in per_session for dimension in scores}
    return {
        entry.name: [
            (day, scores[entry.dimension])
            for day, scores in per_session
            if entry.dimension in scores
        ]
        for entry in _shown(practice, scored)
    }


def _recent_scores(sessions: list[DesignSession], practice: TrackPractice) -> dict[str, list[int]]:
    """Dimension id → its scores over the latest scored sessions: a coach's score, where given,
    counts instead of the self score for that session (the view of someone who has seen many)."""
    recent = [s for s in sessions if s.self_scores or s.coach_scores][-RECENT_SESSIONS:]
    found: dict[str, list[int]] = {}
    for session in recent:
        merged = {
            **by_dimension(session.self_scores, practice),
            **by_dimension(session.coach_scores, practice),
        }
        for dimension, score in merged.items():
            found.setdefault(dimension, []).append(score)
    return found


def dimension_means(
    sessions: list[DesignSession], practice: TrackPractice
) -> list[tuple[RubricDimension, float | None]]:
    """Each dimension with its mean score over the latest scored sessions, lowest first (ties in
    rubric order); dimensions never scored last. Every dimension of the engineer's track is
    listed, each as their track's entry; another track's only when scored."""
    scores = _recent_scores(sessions, practice)
    means = [
        (statistics.fmean(scores[d.dimension]) if d.dimension in scores else None, order, d)
        for order, d in enumerate(_shown(practice, set(scores)))
    ]
    means.sort(key=lambda item: (item[0] is None, item[0] or 0, item[1]))
    return [(dimension, mean) for mean, _, dimension in means]


# "Weakest" compares dimensions: with fewer scored lately there is nothing to compare.
WEAKEST_NEEDS = 2


def scored_dimensions(sessions: list[DesignSession], practice: TrackPractice) -> int:
    """How many dimensions have a score in the latest scored sessions."""
    return len(_recent_scores(sessions, practice))


@dataclass(frozen=True)
class Weakest:
    """The weakest design dimension: its mean score over the latest scored sessions, how many scored
    it, and what senior looks like there."""

    name: str
    mean: float
    sessions: int
    senior_descriptor: str
    id: str = ""


def weakest_dimension(sessions: list[DesignSession], practice: TrackPractice) -> Weakest | None:
    """The dimension with the lowest mean score over the latest scored sessions (the first of
    :func:`dimension_means`), or None while fewer than ``WEAKEST_NEEDS`` dimensions are scored
    there (one scored dimension is not the weakest of anything)."""
    if scored_dimensions(sessions, practice) < WEAKEST_NEEDS:
        return None
    dimension, mean = dimension_means(sessions, practice)[0]
    count = len(_recent_scores(sessions, practice)[dimension.dimension])
    return Weakest(dimension.name, mean, count, dimension.levels["senior"], dimension.id)
