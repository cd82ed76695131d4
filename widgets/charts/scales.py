"""Scales the charts draw and the pages' words name alike; no matplotlib, so a page can say a
chart's numbers without loading it."""

from __future__ import annotations

from widgets.i18n import N_
from widgets.i18n import gettext as _

# The design rubric's scores (workbook 04): 3 is the senior bar. Translated where shown
# (score_name).
SCORE_LEVELS = {1: N_("below mid"), 2: N_("mid"), 3: N_("senior"), 4: N_("staff")}


def score_name(score: int) -> str:
    """The name of a design score (1 to 4) in the active language."""
    return _(SCORE_LEVELS[score])
