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
from widgets.panels.chart_image import ChartImage, alt_text
from widgets.readers.plan import actions, checkins, overdue
from widgets.readers.practice import design_sessions
from widgets.storage import clock
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Action, Checkin, DesignSession, Profile
from widgets.views.fragments import fragment
from widgets.views.overview import CHARTS, Overview, overview

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


def _interviews(data: dict) -> str:
    return "; ".join(f"{day.isoformat()} {label}" for day, label in data["interviews"]) or "none"


def _checkins(data: dict) -> str:
    return (
        "; ".join(
            f"{day.isoformat()} {c if c is not None else '—'}/10, {h if h is not None else '—'} h"
            for day, c, h in data["checkins"]
        )
        or "none"
    )


def _practice(data: dict) -> str:
    return "; ".join(f"{day.isoformat()} {score:.1f}" for day, score in data["practice"]) or "none"


def timeline_alt(data: dict) -> str:
    """What the timeline draws, in words: every check-in, practice score and interview."""
    drawn = bool(data["checkins"] or data["practice"])  # interviews alone draw no timeline
    return alt_text(
        "Readiness over time",
        [
            f"Check-ins, confidence (0–10) and hours practised: {_checkins(data)}",
            f"Design practice, mean self score (1–4): {_practice(data)}",
            f"Interviews (dotted lines): {_interviews(data)}",
        ]
        if drawn
        else [],
        "no check-in or scored practice yet",
        sep=". ",
    )


class ReadinessPanel(Closes, SummaryRepr, w.VBox):
    def __init__(self, journal: Journal):
        self.journal = journal
        self.countdown = w.HTML()
        self.timeline_image = ChartImage(max_width="860px")
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
        self.timeline_image.show(
            charts.to_png(
                readiness_timeline(
                    self.data["checkins"], self.data["interviews"], self.data["practice"]
                )
            ),
            timeline_alt(self.data),
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
        lines.append(f"  interviews: {_interviews(self.data)}")
        lines.append(f"  check-ins: {_checkins(self.data)}")
        lines.append(f"  design practice (mean self score, 1–4): {_practice(self.data)}")
        lines.append("  overdue: " + (", ".join(a.what for a in self.overdue) or "none"))
        return "\n".join(lines)


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def export_contents(ov: Overview) -> list[str]:
    """What the growth-plan document holds, section by section (templates/report.*.j2)."""
    target_date = ov.profile.target_date
    rated = sum(level is not None for level in ov.radar["current"])
    stories = _count(len(ov.story_titles), "story", "stories")
    return [
        f"goal: {ov.current_level} → {ov.target_level}"
        + (f" by {target_date.isoformat()}" if target_date else "")
        + f"; {_count(len(ov.interviews), 'interview')}"
        + (f", the next in {ov.days_to_interview} days" if ov.next_interview else ""),
        f"competencies ({ov.framework.name}): {rated} of {len(ov.framework.competencies)} rated,"
        f" {len(ov.strengths)} at target; the top {_count(len(ov.gaps), 'gap')}"
        + (": " + ", ".join(g.name for g in ov.gaps) if ov.gaps else "")
        + f"; {_count(len(ov.calibration), 'calibration topic')} with the coach",
        f"plan: {_count(len(ov.actions), 'action')}, {len(ov.overdue)} overdue",
        f"beliefs: {len(ov.beliefs)} rated before and after a thought record",
        (
            f"deep dives: {_count(len(ov.projects), 'project')}; {stories},"
            f" {_count(len(ov.uncovered_story_types), 'story type')} with none"
        ),
        f"design practice: {_count(ov.design_sessions, 'session')}",
        "check-ins: "
        + (
            f"the latest {len(ov.recent_checkins)} of {len(ov.checkins)}" if ov.checkins else "none"
        ),
        "charts: " + ", ".join(("gaps",) * bool(ov.gaps) + CHARTS),
    ]


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
            layout={"width": "auto"},  # the default width cut it to "Export growth …"
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
        if self.readonly:
            return "Growth-plan export (read-only: not available)"
        where = (
            f"written to {self.written}"
            if self.written
            else "on export, written to the private reports folder beside the journal"
        )
        return "\n".join(
            [f"Growth-plan export: an HTML document, {where}. It holds:"]
            + [f"  {line}" for line in export_contents(overview(self.journal))]
        )
