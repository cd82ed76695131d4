"""Workbook 01's charts: before/after, strength over time, distortions leaned on most.

The panel redraws whenever a thought record is saved in the same kernel (the journal tells it),
so the engineer sees a belief weaken as they re-rate it.
"""

from __future__ import annotations

import ipywidgets as w

from widgets import charts
from widgets.content.seeds import DistortionsFile
from widgets.forms.base import Closes, SummaryRepr
from widgets.i18n import gettext
from widgets.panels.chart_image import ChartImage
from widgets.panels.words import joined
from widgets.readers.beliefs import before_after, distortion_tally, thought_records, trend
from widgets.storage.journal import Journal
from widgets.storage.records import ThoughtRecord
from widgets.views.chart_text import (
    alt_text,
    before_after_lines,
    distortion_lines,
    trend_lines,
)
from widgets.views.pictures import chart_png

RECORDS_CHARTED = 12
BELIEFS_TRENDED = 6
COMPACT_WIDTH = 4.8  # inches: the column beside the form


class BeliefChartsPanel(Closes, SummaryRepr, w.VBox):
    """``compact``: drawn for the column beside the thought records, legible at that width."""

    def __init__(self, journal: Journal, distortions: DistortionsFile, compact: bool = False):
        self.journal, self.distortions = journal, distortions
        self.width, max_width = (COMPACT_WIDTH, "460px") if compact else (8.0, "820px")
        self.before_after_image = ChartImage(max_width=max_width)
        self.trend_image = ChartImage(max_width=max_width)
        self.distortions_image = ChartImage(max_width=max_width)
        super().__init__(
            children=(self.before_after_image, self.trend_image, self.distortions_image)
        )
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == ThoughtRecord.kind:
            self.redraw()

    def redraw(self) -> None:
        """Read the thought records again and redraw the three charts from the latest
        :data:`RECORDS_CHARTED` (the distortions from all of them)."""
        records = [r for _, r in thought_records(self.journal)]
        # Years of records would make charts hundreds of rows tall: chart the recent ones, count
        # them all.
        recent = records[-RECORDS_CHARTED:]
        self.data = {
            "before_after": before_after(recent),
            "trend": trend(recent[-BELIEFS_TRENDED:]),
            "distortions": distortion_tally(records, self.distortions),
        }
        self.shown, self.total = len(recent), len(records)
        self.before_after_image.show(
            chart_png(
                self.journal,
                charts.belief_before_after,
                self.data["before_after"],
                width=self.width,
            ),
            alt_text(
                gettext(
                    "Belief strength before and after the thought record (0–100, the latest"
                    " {shown} records)"
                ).format(shown=self.shown)
                if self.total > self.shown
                else gettext("Belief strength before and after the thought record (0–100)"),
                before_after_lines(self.data["before_after"]),
                gettext("no belief rated before and after yet"),
            ),
        )
        self.trend_image.show(
            chart_png(self.journal, charts.belief_trend, self.data["trend"], width=self.width),
            alt_text(
                gettext("Belief strength over time (0–100)"),
                trend_lines(
                    {label: points for label, points in self.data["trend"].items() if points}
                ),
                gettext("no belief re-rated yet"),
            ),
        )
        self.distortions_image.show(
            chart_png(
                self.journal, charts.distortion_counts, self.data["distortions"], width=self.width
            ),
            alt_text(
                gettext(
                    "The distortions you lean on most, thought records where each appears"
                    " (of {total})"
                ).format(total=self.total),
                distortion_lines(self.data["distortions"]),
                gettext("no distortion ticked yet"),
            ),
        )

    def summary(self) -> str:
        lines = [
            gettext("Belief charts (the latest {shown} of {total} records)").format(
                shown=self.shown, total=self.total
            )
            if self.total > self.shown
            else gettext("Belief charts"),
            "  " + gettext("before → after:"),
        ]
        lines += [f"    {line}" for line in before_after_lines(self.data["before_after"])] or [
            "    " + gettext("(none rated)")
        ]
        lines.append("  " + gettext("over time:"))
        lines += [f"    {line}" for line in trend_lines(self.data["trend"])] or [
            "    " + gettext("(none)")
        ]
        lines.append(
            "  "
            + gettext("distortions: {counts}").format(
                counts=joined(distortion_lines(self.data["distortions"])) or gettext("none ticked")
            )
        )
        return "\n".join(lines)
