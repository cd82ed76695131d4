"""Step Up: the package every workbook imports. Notebook cells call the functions below."""

from .pages import (belief_charts, coach_ratings, competency_gaps, competency_radar, competency_ratings, design_practice,
                    design_progress, profile_form, progress_panel, project_deep_dives, story_bank, story_coverage,
                    thought_records)

__all__ = ["belief_charts", "coach_ratings", "competency_gaps", "competency_radar", "competency_ratings", "design_practice",
           "design_progress", "profile_form", "progress_panel", "project_deep_dives", "story_bank", "story_coverage",
           "thought_records"]
