"""Step Up: the package every workbook imports. Notebook cells call the functions below."""

from .pages import (belief_charts, coach_ratings, coach_session, competency_gaps, competency_radar, competency_ratings,
                    design_practice, design_progress, export_growth_plan, growth_plan, profile_form, progress_panel,
                    project_deep_dives, readiness_timeline, story_bank, story_coverage, thought_records, weekly_checkins)

__all__ = ["belief_charts", "coach_ratings", "coach_session", "competency_gaps", "competency_radar", "competency_ratings",
           "design_practice", "design_progress", "export_growth_plan", "growth_plan", "profile_form", "progress_panel",
           "project_deep_dives", "readiness_timeline", "story_bank", "story_coverage", "thought_records", "weekly_checkins"]
