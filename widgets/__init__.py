"""Step Up: the package every workbook imports. Notebook cells call the functions below."""

from .pages import (belief_charts, coach_ratings, competency_gaps, competency_radar, competency_ratings, profile_form,
                    progress_panel, thought_records)

__all__ = ["belief_charts", "coach_ratings", "competency_gaps", "competency_radar", "competency_ratings", "profile_form",
           "progress_panel", "thought_records"]
