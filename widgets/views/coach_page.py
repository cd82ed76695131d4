"""The coach's one page for a 60-minute session: read-only by nature, built from one overview.

Profile and target, time to the next interview, radar (self, coach, target), belief trend and the
strongest belief now, top gaps, story coverage, design-score trend, overdue actions and the last
check-ins. Every piece of the engineer's text is escaped here.

It is plain HTML output, not widgets: Voilà puts it in the page as it arrives, with no widget
state to fetch over the kernel's websocket, which is what makes the page fast. The charts are PNG
data URIs inside that HTML (nbval sanitizes them, as it skips images anyway).
"""

from __future__ import annotations

import base64
import html

from widgets import charts
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.views.css import PAGE_CSS as CSS
from widgets.views.overview import Overview, figures, overview

COACH_CHARTS = ("radar", "beliefs", "design")


def _e(value) -> str:
    return html.escape(str(value))


def _list(items: list[str], empty: str) -> str:
    return (
        f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
        if items
        else f"<p class='stepup-muted'>{_e(empty)}</p>"
    )


def journal_version(journal: Journal) -> tuple:
    """Changes with every save or deletion (the revision log only grows) and with the day."""
    return journal.version(), clock.today()


class CoachSession:
    """Sections in the order a session runs: where they stand, what holds them back, what's next."""

    def __init__(self, journal: Journal):
        self.version = journal_version(journal)
        self.ov: Overview = overview(journal)
        # Three charts: the coach reads the rest faster as text (and the page stays quick to build).
        self.images = {
            name: charts.to_png(figure, dpi=80)
            for name, figure in figures(self.ov, COACH_CHARTS).items()
        }
        self.html = (
            CSS
            + "<div class='stepup-coach-session' style='max-width:1000px'>"
            + self._header()
            + self._image("radar")
            + self._gaps()
            + self._beliefs()
            + self._image("beliefs")
            + self._stories()
            + self._design()
            + self._image("design")
            + self._plan()
            + "</div>"
        )

    def _image(self, name: str) -> str:
        data = base64.b64encode(self.images[name]).decode("ascii")
        return f"<img class='stepup-coach-{name}' alt='{name} chart' style='max-width:760px;display:block' src='data:image/png;base64,{data}'>"

    def _repr_mimebundle_(self, **_kwargs):
        return {"text/plain": self.summary(), "text/html": self.html}

    def __repr__(self) -> str:
        return self.summary()

    def _header(self) -> str:
        ov, p = self.ov, self.ov.profile
        who = _e(p.alias or "The engineer")
        track = "ML engineer" if p.track == "ml" else "software engineer"
        target = f" by {p.target_date.isoformat()}" if p.target_date else ""
        nxt = (
            f"<p><b>Next interview: {_e(ov.next_interview.company)}</b> ({_e(ov.next_interview.level or 'level not given')}) "
            f"in <b>{ov.days_to_interview} days</b>, on {ov.next_interview.date.isoformat()}.</p>"
            if ov.next_interview
            else "<p class='stepup-muted'>No interview dated yet.</p>"
        )
        worry = f"<p><b>What worries them most:</b> {_e(p.worries)}</p>" if p.worries else ""
        return (
            f"<h2 style='margin-bottom:4px'>{who}: {_e(ov.current_level)} → {_e(ov.target_level)}{_e(target)}</h2>"
            f"<p class='stepup-muted'>{track}, {_e(p.years_experience if p.years_experience is not None else '?')} years · "
            f"framework: {_e(ov.framework.name)} · as of {ov.today.isoformat()}</p>{nxt}{worry}"
        )

    def _gaps(self) -> str:
        ov = self.ov
        rows = "".join(
            f"<tr><td>{_e(g.name)}</td><td>{_e(g.current)} → {_e(g.target)}</td><td>{_e(g.coach)}</td><td>{g.weighted_gap}</td>"
            f"<td>{_e(g.evidence)}</td></tr>"
            for g in ov.gaps
        )
        table = (
            f"<table class='stepup-table'><tr><th>Top gaps</th><th>Self → target</th><th>Coach</th><th>Weighted</th><th>Evidence</th></tr>{rows}</table>"
            if rows
            else "<p class='stepup-muted'>No gaps rated yet (workbook 02).</p>"
        )
        topics = _list(
            [f"<b>{_e(t.name)}</b>: self {_e(t.own)}, coach {_e(t.coach)}" for t in ov.calibration],
            "No calibration topics.",
        )
        return f"{table}<p><b>Calibration topics</b> (self and coach two or more levels apart):</p>{topics}"

    def _beliefs(self) -> str:
        strongest = self.ov.strongest_belief
        head = (
            f"<p><b>Strongest belief now:</b> “{_e(strongest[0])}” at {strongest[1]}/100.</p>"
            if strongest
            else "<p class='stepup-muted'>No thought records yet (workbook 01).</p>"
        )
        return "<h3>Limiting beliefs</h3>" + head

    def _stories(self) -> str:
        ov = self.ov
        projects = _list(
            [
                f"{_e(label)}: {ready}/{total} probes ready"
                for label, ready, _, total in ov.projects
            ],
            "No projects drilled yet (workbook 03).",
        )
        cells = "".join(
            f"<td style='text-align:center{';background:#fde2e1' if count == 0 else ''}'>{count}</td>"
            for _, count in ov.story_type_counts
        )
        heads = "".join(
            f"<th style='font-weight:normal;font-size:smaller'>{_e(name)}</th>"
            for name, _ in ov.story_type_counts
        )
        coverage = (
            f"<table class='stepup-table'><tr>{heads}</tr><tr>{cells}</tr></table>"
            if ov.story_titles
            else "<p class='stepup-muted'>No stories yet (workbook 03).</p>"
        )
        return (
            f"<h3>Deep dives and story bank</h3>{projects}<p>{len(ov.story_titles)} stories by senior story type "
            f"(a red cell has none); research flags open: {len(ov.research)}.</p>{coverage}"
        )

    def _design(self) -> str:
        ov = self.ov
        weakest = (
            f"; weakest lately: <b>{_e(ov.weakest.name)}</b> ({ov.weakest.mean:.1f}, senior bar 3)"
            if ov.weakest
            else ""
        )
        return f"<h3>Design practice</h3><p>{ov.design_sessions} sessions{weakest}.</p>"

    def _plan(self) -> str:
        ov = self.ov
        overdue = _list(
            [f"<b>{_e(a.what)}</b> (due {a.due.isoformat()})" for a in ov.overdue],
            "No overdue actions.",
        )
        checkins = "".join(
            f"<tr><td>{c.week_of.isoformat()}</td><td>{_e(c.confidence if c.confidence is not None else '—')}/10</td>"
            f"<td>{_e(c.hours if c.hours is not None else '—')}</td><td>{_e(c.wins)}</td><td>{_e(c.blockers)}</td><td>{_e(c.next_focus)}</td></tr>"
            for c in ov.recent_checkins
        )
        table = (
            f"<table class='stepup-table'><tr><th>Week of</th><th>Confidence</th><th>Hours</th><th>Wins</th><th>Blockers</th><th>Next focus</th></tr>{checkins}</table>"
            if checkins
            else "<p class='stepup-muted'>No check-ins yet (workbook 05).</p>"
        )
        return f"<h3>Plan and check-ins</h3><p class='stepup-error'>Overdue actions</p>{overdue}<p><b>Last check-ins</b></p>{table}"

    def summary(self) -> str:
        ov = self.ov
        lines = [
            f"Coach session: {ov.profile.alias or 'the engineer'}, {ov.current_level} → {ov.target_level}, as of {ov.today.isoformat()}"
        ]
        if ov.next_interview:
            lines.append(
                f"  next interview: {ov.next_interview.company} in {ov.days_to_interview} days"
            )
        lines.append(
            "  top gaps: " + (", ".join(f"{g.name} ({g.weighted_gap})" for g in ov.gaps) or "none")
        )
        lines.append("  calibration: " + (", ".join(t.name for t in ov.calibration) or "none"))
        if ov.strongest_belief:
            lines.append(f"  strongest belief: {ov.strongest_belief[0]} ({ov.strongest_belief[1]})")
        lines.append(
            f"  stories: {len(ov.story_titles)}; no story for: "
            + (", ".join(ov.uncovered_story_types) or "none")
        )
        if ov.weakest:
            lines.append(
                f"  design: {ov.design_sessions} sessions, weakest {ov.weakest.name} ({ov.weakest.mean:.1f})"
            )
        lines.append("  overdue: " + (", ".join(a.what for a in ov.overdue) or "none"))
        lines.append(
            "  check-ins: "
            + (
                "; ".join(f"{c.week_of.isoformat()} {c.confidence}/10" for c in ov.recent_checkins)
                or "none"
            )
        )
        return "\n".join(lines)
