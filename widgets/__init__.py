"""Step Up: the package every workbook imports. Notebook cells call the functions below.

``ENTRY_POINTS`` is the one list of them, each with the module that defines it
(:func:`widgets.pages.entry_point` there; a test keeps the two in step). Imports are lazy
(PEP 562): a cell that asks for ``coach_session`` loads only what the read-only coach page
needs, not every form of every workbook.
"""

from __future__ import annotations

import importlib

# What a workbook cell may call → the module that defines it.
ENTRY_POINTS: dict[str, str] = {
    "coach_session": "widgets.coach",
    **dict.fromkeys(
        (
            "belief_charts",
            "coach_ratings",
            "competency_gaps",
            "competency_radar",
            "competency_ratings",
            "design_practice",
            "design_practice_and_progress",
            "design_progress",
            "estimation_drills",
            "export_growth_plan",
            "growth_plan",
            "manager_conversation",
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
            "uncertain_year",
            "weekly_checkins",
            "wins_log",
        ),
        "widgets.pages",
    ),
}
__all__ = sorted(ENTRY_POINTS)  # noqa: PLE0605 (a list of str, made from the table)


def __getattr__(name: str):
    if name not in ENTRY_POINTS:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(ENTRY_POINTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(ENTRY_POINTS)
