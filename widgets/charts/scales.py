"""Scales the charts draw and the pages' words name alike; no matplotlib, so a page can say a
chart's numbers without loading it."""

from __future__ import annotations

# The design rubric's scores (workbook 04): 3 is the senior bar.
SCORE_LEVELS = {1: "below mid", 2: "mid", 3: "senior", 4: "staff"}
