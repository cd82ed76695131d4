"""Workbook 05's readiness view: the timeline, the next interview, overdue actions; and the export.

The timeline redraws when a check-in, an action, a practice session or the profile is saved in the
same kernel.
"""

from __future__ import annotations

import base64
import statistics

import ipywidgets as w

from widgets import charts
from widgets.charts import readiness_timeline
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import design_sessions
from widgets.storage import clock
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Action, Checkin, DesignSession, Profile
from widgets.views.fragments import fragment

WATCHED = {Action.kind, Checkin.kind, DesignSession.kind, Profile.kind}


def timeline_data(journal: Journal) -> dict:
    profile = journal.record(Profile.kind)
    interviews = [
        (i.date, f"{i.company}" + (f" ({i.level})" if i.level else ""))
        for i in (profile.interviews if isinstance(profile, Profile) else [])
        if i.date
    ]
    scored = [
        (s.practised_on, statistics.fmean(s.self_scores.values()))
        for _, s in design_sessions(journal)
        if s.self_scores
    ]
    return {
        "checkins": [(c.week_of, c.confidence, c.hours) for _, c in checkins(journal)],
        "interviews": sorted(interviews),
        "practice": scored,
    }


class ReadinessPanel(Closes, SummaryRepr, w.VBox):
    def __init__(self, journal: Journal):
        self.journal = journal
        self.countdown = w.HTML()
        self.timeline_image = w.Image(format="png", layout={"max_width": "860px"})
        self.overdue_html = w.HTML()
        super().__init__(
            children=(w.HTML(CSS), self.countdown, self.timeline_image, self.overdue_html)
        )
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in WATCHED:
            self.redraw()

    def redraw(self) -> None:
        today = clock.today()
        self.data = timeline_data(self.journal)
        self.overdue = overdue(actions(self.journal), today)
        profile = self.journal.record(Profile.kind)
        nxt = profile.next_interview(today) if isinstance(profile, Profile) else None
        self.next_interview = nxt
        self.countdown.value = fragment(
            "panels/readiness_countdown",
            interview=nxt,
            days=(nxt.date - today).days if nxt else None,
        )
        self.timeline_image.value = charts.to_png(
            readiness_timeline(
                self.data["checkins"], self.data["interviews"], self.data["practice"]
            )
        )
        self.overdue_html.value = fragment(
            "panels/readiness_overdue",
            overdue=[(a, (today - a.due).days) for a in self.overdue],
        )

    def summary(self) -> str:
        lines = ["Readiness"]
        if self.next_interview:
            lines.append(
                f"  next interview: {self.next_interview.company} on {self.next_interview.date.isoformat()}"
            )
        lines.append(
            "  interviews: "
            + (
                "; ".join(f"{d.isoformat()} {label}" for d, label in self.data["interviews"])
                or "none"
            )
        )
        lines.append(
            "  check-ins: "
            + (
                "; ".join(
                    f"{d.isoformat()} {c if c is not None else '—'}/10, {h if h is not None else '—'} h"
                    for d, c, h in self.data["checkins"]
                )
                or "none"
            )
        )
        lines.append(
            "  design practice (mean self score, 1–4): "
            + ("; ".join(f"{d.isoformat()} {s:.1f}" for d, s in self.data["practice"]) or "none")
        )
        lines.append("  overdue: " + (", ".join(a.what for a in self.overdue) or "none"))
        return "\n".join(lines)


class ReportPanel(Closes, SummaryRepr, w.VBox):
    """The growth-plan export button: writes the HTML report to the private reports folder and
    offers it as a download. Absent in the coach view, where nothing is written."""

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal, self.readonly = journal, readonly or journal.readonly
        self.result = w.HTML()
        self.written = None
        self.button = None
        if self.readonly:  # no button exists in the coach's kernel, so no message can click one
            super().__init__(children=())
            return
        self.button = w.Button(
            description="Export growth plan",
            icon="file",
            tooltip="An HTML document for your manager or coach",
        )
        super().__init__(children=(w.HBox([self.button]), self.result))
        self.button.on_click(lambda _b: self.export())

    def export(self):
        from widgets.views.report import export_report

        if self.readonly:
            return None
        try:
            self.written = export_report(self.journal, "html")
        except JournalError as error:
            self.result.value = fragment("panels/report_result", error=str(error))
            return None
        self.result.value = fragment(
            "panels/report_result",
            error=None,
            path=str(self.written),
            filename=f"growth-plan-{clock.today().isoformat()}.html",
            base64=base64.b64encode(self.written.read_bytes()).decode("ascii"),
        )
        return self.written

    def summary(self) -> str:
        return (
            "Growth-plan export (read-only: not available)"
            if self.readonly
            else "Growth-plan export: button ready"
        )
