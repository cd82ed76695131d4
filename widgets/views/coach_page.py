"""The coach's one page for a 60-minute session: read-only by nature, built from one overview.

Profile and target, time to the next interview, radar (self, coach, target), belief trend and the
strongest belief now, top gaps, story coverage, design-score trend, the spoken takes (each playable,
with what it measured and its ratings), overdue actions, the last check-ins and the wins logged.
``templates/coach/session.html.j2`` renders it with autoescaping, so the engineer's text shows as
text; what it says alike with the growth-plan document (the empty states, the check-in columns)
comes from ``templates/overview.html.j2``, which both templates import.

It is plain HTML output, not widgets: Voilà puts it in the page as it arrives, with no widget
state to fetch over the kernel's websocket, which is what makes the page fast. The charts are PNG
data URIs inside that HTML (nbval sanitizes them, as it skips images anyway).
"""

from __future__ import annotations

import base64

from widgets.content import coach_roles
from widgets.content.audiences import audience as audience_entry
from widgets.content.wellbeing import wellbeing
from widgets.readers.audience import audience_view
from widgets.readers.beliefs import coach_referral
from widgets.readers.latest import latest_snapshot
from widgets.readers.milestones import undated
from widgets.readers.rehearsal import CoachTake, coach_takes, ratings_text
from widgets.readers.wins import WinLine, win_lines
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.fragments import fragment, with_page_css
from widgets.views.overview import Overview, chart_calls, chart_words, overview
from widgets.views.pictures import chart_png


def journal_version(journal: Journal) -> tuple:
    """Changes with every save or deletion (the revision log only grows) and with the day."""
    return journal.version(), clock.today()


class CoachSession:
    """Sections in the order a session runs: where they stand, what holds them back, what's next."""

    def __init__(self, journal: Journal):
        self.version = journal_version(journal)
        # Everything on the page is what the audience the coach reads as sees (the audience
        # table decides): a coach who is the manager reads the manager's copy, and is told so.
        profile = latest_snapshot(journal).record(Profile.kind)
        self.audience = coach_roles.reads_as(profile)
        self.note = coach_roles.of_profile(profile).on_the_page
        self.reader = audience_entry(self.audience)
        self.ov: Overview = overview(journal, audience=self.audience)
        # Each spoken take with its recording to play (an <audio> element: nothing to edit).
        self.takes: list[CoachTake] = coach_takes(
            journal, audience_view(journal.snapshot(), self.audience)
        )
        self.wins: list[WinLine] = win_lines(journal, self.audience)
        # A recent record with a very strong emotion or words of hopelessness: the coach is told
        # to check wellbeing first, from the records this audience may read (none: the manager's).
        self.referral = coach_referral(
            audience_view(latest_snapshot(journal), self.audience), self.ov.today, wellbeing()
        )
        charts = self.reader.page_charts
        self.images = {
            name: chart_png(journal, call.chart, *call.args, dpi=80, **call.kwargs)
            for name, call in chart_calls(self.ov, charts).items()
        }
        self.html = with_page_css(
            fragment(
                "coach/session",
                ov=self.ov,
                images={
                    name: base64.b64encode(png).decode("ascii") for name, png in self.images.items()
                },
                words=chart_words(self.ov, charts),
                takes=self.takes,
                reader=self.reader,
                reads_as_note=self.note,
                wins=self.wins,
                referral=self.referral,
                undated=undated(self.ov.profile, self.reader.sees),
            )
        )

    def _repr_mimebundle_(self, **_kwargs):
        return {"text/plain": self.summary(), "text/html": self.html}

    def __repr__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        """The page as plain text, a line per section: what nbval compares and a terminal shows."""
        ov, sections = self.ov, self.reader.sections
        lines = [
            (
                f"Coach session: {ov.profile.alias or 'the engineer'},"
                f" {ov.current_level} → {ov.target_level}, as of {ov.today.isoformat()}"
            )
        ]
        if self.note:
            lines.append(f"  {self.note}")
        if ov.next_interview:
            lines.append(
                f"  next interview: {ov.next_interview.company} in {ov.days_to_interview} days"
            )
        elif ov.next_milestone:
            nxt = ov.next_milestone
            lines.append(f"  next milestone: {nxt.words} in {ov.days_to_milestone} days")
        if self.reader.ratings_as_evidence:  # no weights (an interview's), no self-rating
            lines.append("  top gaps: " + (", ".join(g.name for g in ov.gaps) or "none"))
        else:
            lines.append(
                "  top gaps: "
                + (", ".join(f"{g.name} ({g.weighted_gap})" for g in ov.gaps) or "none")
            )
            lines.append(
                "  disagreements: "
                + (", ".join(f"{d.name} ({d.own} / {d.coach})" for d in ov.disagreements) or "none")
            )
        if self.referral and "beliefs" in sections:
            lines.append("  wellbeing: check it first (a recent record carries the signal)")
        if ov.strongest_belief:
            lines.append(f"  strongest belief: {ov.strongest_belief[0]} ({ov.strongest_belief[1]})")
        if "projects" in sections:
            lines.append(
                f"  stories: {len(ov.story_titles)}; no story for: "
                + (", ".join(ov.uncovered_story_types) or "none")
            )
        if ov.weakest:
            lines.append(
                f"  design: {ov.design_sessions} sessions,"
                f" weakest {ov.weakest.name} ({ov.weakest.mean:.1f})"
            )
        if self.takes or "projects" in sections or "design" in sections:
            lines.append(f"  spoken takes: {len(self.takes)}")
        lines += [
            f"    {t.item}, take {t.number}: {t.words.length}, {t.words.speaking}, "
            f"{t.words.longest_pause}, {t.words.long_pauses}; "
            f"ratings {ratings_text(t.take.self_scores) or 'none'}"
            + ("" if t.audio else " (recording not on this page)")
            for t in self.takes
        ]
        lines.append("  overdue: " + (", ".join(a.what for a in ov.overdue) or "none"))
        if "checkins" not in sections:
            return "\n".join(lines)
        lines.append(
            "  check-ins: "
            + (
                "; ".join(f"{c.week_of.isoformat()} {c.confidence}/10" for c in ov.recent_checkins)
                or "none"
            )
        )
        if self.wins:  # none logged: the page reads as it did before the evidence log
            lines.append(
                "  wins: "
                + "; ".join(f"{win.on.isoformat()} {win.impact or win.what}" for win in self.wins)
            )
        return "\n".join(lines)
