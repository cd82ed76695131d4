"""Step Up: the package every workbook imports. Notebook cells call the functions below.

Imports are lazy (PEP 562): a cell that asks for ``coach_session`` loads only what the read-only
coach page needs, not every form of every workbook. The same names are imported under
``TYPE_CHECKING`` so that editors and type checkers go to their definitions.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.coach import coach_session
    from widgets.pages import (
        belief_charts,
        coach_ratings,
        competency_gaps,
        competency_radar,
        competency_ratings,
        design_practice,
        design_practice_and_progress,
        design_progress,
        export_growth_plan,
        growth_plan,
        manager_support,
        profile_form,
        progress_panel,
        project_deep_dives,
        readiness_timeline,
        reading_list,
        second_language_reference,
        share_with_coach,
        story_bank,
        story_coverage,
        thought_records,
        thought_records_and_charts,
        weekly_checkins,
    )

_HOME = {"coach_session": ".coach"}
__all__ = [
    "belief_charts",
    "coach_ratings",
    "coach_session",
    "competency_gaps",
    "competency_radar",
    "competency_ratings",
    "design_practice",
    "design_practice_and_progress",
    "design_progress",
    "export_growth_plan",
    "growth_plan",
    "manager_support",
    "profile_form",
    "progress_panel",
    "project_deep_dives",
    "readiness_timeline",
    "reading_list",
    "second_language_reference",
    "share_with_coach",
    "story_bank",
    "story_coverage",
    "thought_records",
    "thought_records_and_charts",
    "weekly_checkins",
]


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME.get(name, ".pages"), __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
