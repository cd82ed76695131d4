"""Workbook 04's reading of the journal: design sessions, score trends, the weakest dimension."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from widgets.content import seeds, tracks
from widgets.content.seeds import RubricDimension, TrackPractice
from widgets.readers.latest import latest
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession, Profile

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
    return _shortened(first_line, TITLE_MAX) if first_line else "(no prompt chosen)"


def session_label(session: DesignSession, practice: TrackPractice) -> str:
    """A session as the lists name it: its date, then its title."""
    return f"{session.practised_on.isoformat()} · {session_title(session, practice)}"


def score_series(
    sessions: list[DesignSession], practice: TrackPractice, rater: str = "self"
) -> dict[str, list[tuple[dt.date, int]]]:
    """Dimension name → (date, score) per session that scored it; ``rater`` is "self" or "coach"."""
    series: dict[str, list[tuple[dt.date, int]]] = {}
    for dimension in practice.rubric:
        points = []
        for session in sessions:
            scores = session.self_scores if rater == "self" else session.coach_scores
            if dimension.id in scores:
                points.append((session.practised_on, scores[dimension.id]))
        series[dimension.name] = points
    return series


def _recent_scores(sessions: list[DesignSession], practice: TrackPractice) -> dict[str, list[int]]:
    """Dimension id → its scores over the latest scored sessions: a coach's score, where given,
    counts instead of the self score for that session (it is the calibrated view)."""
    recent = [s for s in sessions if s.self_scores or s.coach_scores][-RECENT_SESSIONS:]
    found = {}
    for dimension in practice.rubric:
        values = [s.coach_scores.get(dimension.id, s.self_scores.get(dimension.id)) for s in recent]
        found[dimension.id] = [v for v in values if v is not None]
    return found


def dimension_means(
    sessions: list[DesignSession], practice: TrackPractice
) -> list[tuple[RubricDimension, float | None]]:
    """Each rubric dimension of the track with its mean score over the latest scored sessions,
    lowest first (ties in rubric order); dimensions never scored last, in rubric order."""
    scores = _recent_scores(sessions, practice)
    means = [
        (statistics.fmean(scores[d.id]) if scores[d.id] else None, order, d)
        for order, d in enumerate(practice.rubric)
    ]
    means.sort(key=lambda item: (item[0] is None, item[0] or 0, item[1]))
    return [(dimension, mean) for mean, _, dimension in means]


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
    """The rubric dimension with the lowest mean score over the latest scored sessions (the first
    of :func:`dimension_means`), or None before any session is scored."""
    means = dimension_means(sessions, practice)
    if not means or means[0][1] is None:
        return None
    dimension, mean = means[0]
    count = len(_recent_scores(sessions, practice)[dimension.id])
    return Weakest(dimension.name, mean, count, dimension.levels["senior"], dimension.id)
