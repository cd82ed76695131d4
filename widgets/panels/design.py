"""Workbook 04's progress view: rubric scores across sessions and the weakest dimension.

Redraws whenever a practice session is saved in the same kernel. Read-only by nature.
"""

from __future__ import annotations

import ipywidgets as w

from widgets import charts
from widgets.charts import design_scores
from widgets.content.seeds import DesignPracticeFile
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.readers.practice import (
    RECENT_SESSIONS,
    design_sessions,
    score_series,
    weakest_dimension,
)
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession
from widgets.views.fragments import fragment


class DesignProgressPanel(Closes, SummaryRepr, w.VBox):
    def __init__(self, journal: Journal, practice: DesignPracticeFile):
        self.journal, self.practice = journal, practice
        self.chart_image = w.Image(format="png", layout={"max_width": "860px"})
        self.callout = w.HTML()
        super().__init__(children=(w.HTML(CSS), self.chart_image, self.callout))
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == DesignSession.kind:
            self.redraw()

    def redraw(self) -> None:
        sessions = [s for _, s in design_sessions(self.journal)]
        self.series = score_series(sessions, self.practice, "self")
        self.coach_series = score_series(sessions, self.practice, "coach")
        self.weakest = weakest_dimension(sessions, self.practice)
        self.chart_image.value = charts.to_png(design_scores(self.series, self.coach_series))
        self.callout.value = fragment("panels/design_callout", weakest=self.weakest)

    def summary(self) -> str:
        lines = ["Design scores (self) per dimension:"]
        for name, points in self.series.items():
            lines.append(
                f"  {name}: "
                + (", ".join(f"{day.isoformat()} {score}" for day, score in points) or "not scored")
            )
        coached = {name: points for name, points in self.coach_series.items() if points}
        if coached:
            lines.append("Coach's scores:")
            lines += [
                f"  {name}: " + ", ".join(f"{day.isoformat()} {score}" for day, score in points)
                for name, points in coached.items()
            ]
        if self.weakest:
            lines.append(
                f"Weakest over the last {RECENT_SESSIONS} scored sessions: {self.weakest.name} ({self.weakest.mean:.1f})"
            )
        return "\n".join(lines)
