"""Workbook 04's progress view: rubric scores across sessions and the weakest dimension.

Redraws whenever a practice session is saved in the same kernel. Read-only by nature.
"""

from __future__ import annotations

import ipywidgets as w

from widgets import charts
from widgets.content.seeds import TrackPractice
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import N_, format_number, gettext, ngettext
from widgets.panels.chart_image import ChartImage
from widgets.panels.words import joined
from widgets.readers.practice import (
    design_sessions,
    score_series,
    scored_dimensions,
    weakest_dimension,
)
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession
from widgets.views.chart_text import alt_text, score_lines
from widgets.views.fragments import fragment
from widgets.views.pictures import chart_png

# What the callout says while fewer than two dimensions are scored lately.
ONE_SCORED = N_("Only one dimension is scored lately: score at least two to see which is weakest.")
# The rubric's score names (charts.SCORE_LEVELS), for the catalogue: the alt text names them.
SCORE_NAMES = (N_("below mid"), N_("mid"), N_("senior"), N_("staff"))


class DesignProgressPanel(Closes, SummaryRepr, w.VBox):
    """Workbook 04's scores chart and the weakest dimension under it. ``compact``: drawn for the
    column beside the practice form, legible at that width."""

    def __init__(self, journal: Journal, practice: TrackPractice, compact: bool = False):
        self.width = 4.8 if compact else 8.5
        self.journal, self.practice = journal, practice
        self.chart_image = ChartImage(max_width="460px" if compact else "860px")
        self.callout = w.HTML()
        super().__init__(children=(w.HTML(CSS), self.chart_image, self.callout))
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == DesignSession.kind:
            self.redraw()

    def redraw(self) -> None:
        """Read the practice sessions again: redraw the scores (the engineer's, and the coach's
        on the dimensions the engineer scored) and name the weakest dimension."""
        sessions = [s for _, s in design_sessions(self.journal)]
        self.series = score_series(sessions, self.practice, "self")
        self.coach_series = score_series(sessions, self.practice, "coach")
        self.weakest = weakest_dimension(sessions, self.practice)
        self.scored = scored_dimensions(sessions, self.practice)
        # The chart draws the dimensions scored by the engineer, the coach's scores on them.
        scored = {name: points for name, points in self.series.items() if points}
        coached = {name: p for name, p in self.coach_series.items() if p and name in scored}
        scale = joined(
            gettext("{score} {level}").format(score=score, level=gettext(name))
            for score, name in charts.SCORE_LEVELS.items()
        )
        self.chart_image.show(
            chart_png(
                self.journal, charts.design_scores, self.series, self.coach_series, width=self.width
            ),
            alt_text(
                gettext(
                    "Your design scores across practice sessions ({scale}; the senior bar dashed)"
                ).format(scale=scale),
                score_lines(scored)
                + [
                    gettext("coach's score, {line}").format(line=line)
                    for line in score_lines(coached)
                ],
                gettext("no scored session yet"),
            ),
        )
        self.callout.value = fragment(
            "panels/design_callout",
            weakest=self.weakest,
            scored=self.scored,
            mean=_one_decimal(self.weakest.mean) if self.weakest else "",
        )

    def summary(self) -> str:
        lines = [gettext("Design scores (self) per dimension:")]
        lines += [f"  {line}" for line in score_lines(self.series)]
        coached = {name: points for name, points in self.coach_series.items() if points}
        if coached:
            lines.append(gettext("Coach's scores:"))
            lines += [f"  {line}" for line in score_lines(coached)]
        if self.weakest is None and self.scored:
            lines.append(gettext(ONE_SCORED))
        if self.weakest:
            sessions = self.weakest.sessions
            lines.append(
                ngettext(
                    "Weakest over the last {count} scored session: {dimension} ({mean})",
                    "Weakest over the last {count} scored sessions: {dimension} ({mean})",
                    sessions,
                ).format(
                    count=format_number(sessions),
                    dimension=self.weakest.name,
                    mean=_one_decimal(self.weakest.mean),
                )
            )
        return "\n".join(lines)


def _one_decimal(value: float) -> str:
    """A mean score to one decimal ("2.7", "3.0"), rounded as Python rounds, in the active
    language's digits."""
    return format_number(round(value, 1), "0.0")
