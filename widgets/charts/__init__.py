"""Pure charts: data in, matplotlib Figure out. Imports no other layer.

Each chart is a plain function, and a caller refers to it as one (``charts.belief_trend``).
Importing this package does not import matplotlib (about half a second): the chart modules load
it when they draw (``base.new_figure``), so a workbook whose pictures are all kept beside the
journal (``widgets/views/pictures.py``) shows them without it.
"""

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
from .practice import design_scores
from .rehearsal import rehearsal_takes
from .scales import SCORE_LEVELS
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
    "rehearsal_takes",
    "story_coverage",
    "to_png",
]
