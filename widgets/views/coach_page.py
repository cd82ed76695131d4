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
from widgets.i18n import gettext, ngettext
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
        lines = [
            *self._where_they_stand(),
            *self._what_holds_them_back(),
            *self._their_practice(),
            *self._take_lines(),
            *self._whats_next(),
        ]
        return "\n".join(lines)

    def _where_they_stand(self) -> list[str]:
        """Who, from which level to which, as of today; whose copy the coach reads; and the next
        interview (else the next milestone) with the days to it."""
        ov = self.ov
        lines = [
            gettext("Coach session: {name}, {level} → {target}, as of {day}").format(
                name=ov.profile.alias or gettext("the engineer"),
                level=ov.current_level,
                target=ov.target_level,
                day=ov.today.isoformat(),
            )
        ]
        if self.note:
            lines.append(f"  {self.note}")
        if ov.next_interview:
            lines.append(
                "  "
                + ngettext(
                    "next interview: {company} in {days} day",
                    "next interview: {company} in {days} days",
                    ov.days_to_interview,
                ).format(company=ov.next_interview.company, days=ov.days_to_interview)
            )
        elif ov.next_milestone:
            nxt = ov.next_milestone
            lines.append(
                "  "
                + ngettext(
                    "next milestone: {milestone} in {days} day",
                    "next milestone: {milestone} in {days} days",
                    ov.days_to_milestone,
                ).format(milestone=nxt.words, days=ov.days_to_milestone)
            )
        return lines

    def _what_holds_them_back(self) -> list[str]:
        """The top gaps (weighted, and the disagreements with the coach, unless this reader takes
        the ratings as evidence), the wellbeing signal and the strongest belief."""
        ov, nothing = self.ov, gettext("none")
        if self.reader.ratings_as_evidence:  # no weights (an interview's), no self-rating
            gaps = ", ".join(g.name for g in ov.gaps) or nothing
            lines = ["  " + gettext("top gaps: {gaps}").format(gaps=gaps)]
        else:
            gaps = ", ".join(f"{g.name} ({g.weighted_gap})" for g in ov.gaps) or nothing
            lines = ["  " + gettext("top gaps: {gaps}").format(gaps=gaps)]
            apart = (
                ", ".join(f"{d.name} ({d.own} / {d.coach})" for d in ov.disagreements) or nothing
            )
            lines.append(
                "  " + gettext("disagreements: {disagreements}").format(disagreements=apart)
            )
        if self.referral and "beliefs" in self.reader.sections:
            lines.append(
                "  " + gettext("wellbeing: check it first (a recent record carries the signal)")
            )
        if ov.strongest_belief:
            lines.append(
                "  "
                + gettext("strongest belief: {belief} ({strength})").format(
                    belief=ov.strongest_belief[0], strength=ov.strongest_belief[1]
                )
            )
        return lines

    def _their_practice(self) -> list[str]:
        """The story coverage and the design sessions' weakest dimension."""
        ov, lines = self.ov, []
        if "projects" in self.reader.sections:
            lines.append(
                "  "
                + gettext("stories: {count}; no story for: {story_types}").format(
                    count=len(ov.story_titles),
                    story_types=", ".join(ov.uncovered_story_types) or gettext("none"),
                )
            )
        if ov.weakest:
            lines.append(
                "  "
                + ngettext(
                    "design: {count} session, weakest {dimension} ({score})",
                    "design: {count} sessions, weakest {dimension} ({score})",
                    ov.design_sessions,
                ).format(
                    count=ov.design_sessions,
                    dimension=ov.weakest.name,
                    score=f"{ov.weakest.mean:.1f}",
                )
            )
        return lines

    def _take_lines(self) -> list[str]:
        """How many spoken takes, then each with its figures and ratings."""
        sections, nothing = self.reader.sections, gettext("none")
        lines = []
        if self.takes or "projects" in sections or "design" in sections:
            lines.append("  " + gettext("spoken takes: {count}").format(count=len(self.takes)))
        for t in self.takes:
            take = gettext(
                "{item}, take {number}: {length}, {speaking}, {longest_pause}, {long_pauses};"
                " ratings {ratings}"
            ).format(
                item=t.item,
                number=t.number,
                length=t.words.length,
                speaking=t.words.speaking,
                longest_pause=t.words.longest_pause,
                long_pauses=t.words.long_pauses,
                ratings=ratings_text(t.take.self_scores) or nothing,
            )
            if not t.audio:
                take = gettext("{take} (recording not on this page)").format(take=take)
            lines.append(f"    {take}")
        return lines

    def _whats_next(self) -> list[str]:
        """The overdue actions; where this reader sees them, the last check-ins and the wins."""
        ov, nothing = self.ov, gettext("none")
        overdue = ", ".join(a.what for a in ov.overdue) or nothing
        lines = ["  " + gettext("overdue: {actions}").format(actions=overdue)]
        if "checkins" not in self.reader.sections:
            return lines
        checkins = (
            "; ".join(
                gettext("{week} {confidence}/10").format(
                    week=c.week_of.isoformat(), confidence=c.confidence
                )
                for c in ov.recent_checkins
            )
            or nothing
        )
        lines.append("  " + gettext("check-ins: {checkins}").format(checkins=checkins))
        if self.wins:  # none logged: the page reads as it did before the evidence log
            wins = "; ".join(f"{win.on.isoformat()} {win.impact or win.what}" for win in self.wins)
            lines.append("  " + gettext("wins: {wins}").format(wins=wins))
        return lines
