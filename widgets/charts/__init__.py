"""Pure charts: data in, matplotlib Figure out. Imports no other layer.

The names below load lazily (PEP 562): matplotlib takes about half a second to import, and a
workbook whose charts are all kept beside the journal (``storage/chart_cache.py``) shows them
without drawing, so it never needs matplotlib at all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from .stories import project_readiness, story_coverage

from .scales import SCORE_LEVELS

_HOME = {
    "ACCENT": ".base",
    "AFTER_COLOUR": ".base",
    "BEFORE_COLOUR": ".base",
    "literal": ".base",
    "to_png": ".base",
    "belief_before_after": ".beliefs",
    "belief_trend": ".beliefs",
    "distortion_counts": ".beliefs",
    "RADAR_LABELS": ".competency",
    "RadarCanvas": ".competency",
    "competency_gaps": ".competency",
    "competency_radar": ".competency",
    "competency_snapshots": ".competency",
    "readiness_timeline": ".plan",
    "design_scores": ".practice",
    "project_readiness": ".stories",
    "story_coverage": ".stories",
}
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


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'widgets.charts' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
