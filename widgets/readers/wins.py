"""Workbook 05's evidence log read back: the wins, their impact in words, and what each is
evidence for; and the wins a document's reader sees (the audience table decides, as for actions:
the manager's copy leaves out a win whose "On my manager's copy" box is unticked)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from widgets.content.ladder import Framework
from widgets.i18n import gettext
from widgets.readers.audience import audience_view
from widgets.readers.competencies import available_frameworks
from widgets.readers.latest import latest, latest_snapshot
from widgets.readers.plan import plan_framework
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.storage.journal import Journal, JournalSnapshot
from widgets.storage.records import Win, WinMeasure

WEEK = dt.timedelta(days=6)


def wins(journal: Journal | JournalSnapshot) -> list[tuple[str, Win]]:
    """(entry id, win), oldest first (one day: the journal's order)."""
    found = [(entry.id, entry.record()) for entry in latest(journal).entries(Win.kind)]
    return sorted(found, key=lambda item: item[1].on)


def day_in_week(week_of: dt.date, today: dt.date) -> dt.date:
    """The day a win logged from the check-in of ``week_of`` is dated: today while that week
    runs, else the nearest day of the week."""
    return min(max(today, week_of), week_of + WEEK)


def _number(value: float) -> str:
    return f"{value:g}"


def impact(measure: WinMeasure) -> str:
    """The number a win moved, in words: "crash-free sessions: 99.6 % → 99.8 %" (empty when no
    number is given)."""
    if not measure.has_numbers():
        return ""
    unit = f" {measure.unit}" if measure.unit else ""
    said = [_number(n) + unit if n is not None else "—" for n in (measure.before, measure.after)]
    return f"{measure.name}: {said[0]} → {said[1]}"


def win_label(win: Win) -> str:
    """A win in one line: its date and what changed (cut to fit a picker)."""
    what = " ".join(win.what.split()) or gettext("(not written yet)")
    return f"{win.on.isoformat()} · {what if len(what) <= 80 else what[:79] + '…'}"


@dataclass(frozen=True)
class WinLine:
    """One win as a document or the coach's page says it."""

    on: dt.date
    what: str
    impact: str  # see impact()
    benefited: str
    links: tuple[str, ...]  # "Competency: Technical leadership", "Project: …", "Story: …"


class Links:
    """Names of what wins link to, as one reader sees them: a link to what that reader does not
    see (a project left off the manager's copy) is not said."""

    def __init__(self, snap: JournalSnapshot):
        self.frameworks = [plan_framework(snap), *available_frameworks(snap)]
        self.projects = {pid: project_label(p) for pid, p in projects(snap)}
        self.stories = {sid: story_label(s) for sid, s in stories(snap)}

    def competency(self, competency_id: str | None) -> str:
        """The competency's name in the engineer's framework (or any other ladder they have)."""
        found = (f.competency(competency_id) for f in self.frameworks if competency_id)
        return next((c.name for c in found if c is not None), "")

    def of(self, win: Win) -> tuple[str, ...]:
        """What ``win`` is evidence for, each as "Competency: …", "Project: …" or "Story: …"."""
        named = (
            (gettext("Competency: {name}"), self.competency(win.competency_id)),
            (gettext("Project: {name}"), self.projects.get(win.project_id or "", "")),
            (gettext("Story: {name}"), self.stories.get(win.story_id or "", "")),
        )
        return tuple(said.format(name=name) for said, name in named if name)


def win_lines(journal: Journal | JournalSnapshot, audience: str) -> list[WinLine]:
    """The wins ``audience`` sees, newest first, each with its impact and links."""
    snap = audience_view(latest_snapshot(journal), audience)
    links = Links(snap)
    return [
        WinLine(win.on, win.what, impact(win.measure), win.benefited, links.of(win))
        for _, win in reversed(wins(snap))
    ]


def competency_options(framework: Framework) -> list[tuple[str, str | None]]:
    """(name, id) of the framework's competencies after "none", for the win's link."""
    return [("—", None)] + [(c.name, c.id) for c in framework.competencies]
