"""Pure charts: data in, matplotlib Figure out. Imports no other layer."""

from __future__ import annotations

from .base import ACCENT, AFTER_COLOUR, BEFORE_COLOUR, literal, to_png
from .beliefs import belief_before_after, belief_trend, distortion_counts
from .competency import (
    RADAR_LABELS,
    RadarCanvas,
    competency_gaps,
    competency_radar,
    competency_snapshots,
)
from .plan import readiness_timeline
from .practice import SCORE_LEVELS, design_scores
from .stories import project_readiness, story_coverage

__all__ = [
    "ACCENT",
    "AFTER_COLOUR",
    "BEFORE_COLOUR",
    "RADAR_LABELS",
    "SCORE_LEVELS",
    "RadarCanvas",
    "belief_before_after",
    "belief_trend",
    "competency_gaps",
    "competency_radar",
    "competency_snapshots",
    "design_scores",
    "distortion_counts",
    "literal",
    "project_readiness",
    "readiness_timeline",
    "story_coverage",
    "to_png",
]
