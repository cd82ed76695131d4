"""Workbook 05's conversation with the manager read from the journal: the growth-plan 1:1's
agenda (what to bring, the questions to ask) and the follow-up note to send after it.

It is the manager's conversation, so everything is read as the manager's copy sees it
(:func:`widgets.readers.audience.audience_view`): no interview, company, belief or check-in
reaches it, whatever the engineer's routes. Which items it holds is named by the engineer's
routes (``routes.yaml``'s ``agenda:``), their words by ``seeds/conversation.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from widgets.content import routes
from widgets.content import seeds as content
from widgets.content.audiences import audience as audience_entry
from widgets.content.conversation import AgendaItem, agenda_for, conversation, placeholders
from widgets.content.wording import clauses
from widgets.i18n import format_date, format_number, gettext, ngettext
from widgets.readers.audience import audience_view
from widgets.readers.competencies import assessment, gap_weighting, gaps
from widgets.readers.latest import latest_snapshot
from widgets.readers.milestones import milestones
from widgets.readers.plan import TOP_GAPS, actions, plan_framework
from widgets.readers.wins import win_lines
from widgets.storage.journal import Journal, JournalSnapshot
from widgets.storage.records import OPEN_STATUSES, ManagerSupport, Profile

MANAGER = "manager"  # the audience table's id of the one this conversation is with
SINCE_LAST = dt.timedelta(weeks=4)  # wins "since the last 1:1": a monthly 1:1, at the longest


@dataclass(frozen=True)
class AgendaLine:
    """One item of the agenda or the note, filled in: its sentence and the lines under it."""

    id: str
    text: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conversation:
    """The 1:1's agenda and the note to send after it (plain text, to copy)."""

    bring: list[AgendaLine]
    ask: list[AgendaLine]
    follow_up: list[AgendaLine]
    since: dt.date

    def note(self) -> str:
        """The follow-up note as one text: each part, its lines as "- " bullets."""
        parts = [
            "\n".join([part.text, *(f"- {line}" for line in part.lines)]) for part in self.follow_up
        ]
        return "\n\n".join(parts)


def _day(day: dt.date) -> str:
    """A date as the reader's language writes it in full: "5 December 2026", "2026年12月5日"."""
    return format_date(day, "long")


def _shared_routes(profile) -> list[routes.Route]:
    """The engineer's routes their manager may know of (a route of a tier the manager's copy does
    not see is left out)."""
    known = routes.known_ids(audience_entry(MANAGER).sees)
    return [route for route in routes.of_profile(profile) if route.id in known]


def _asked(profile, field: str) -> bool:
    """Whether a profile answer belongs to one of the routes the manager may know of."""
    asking = {route.id for route in routes.asking(field)}
    return not asking or any(route.id in asking for route in _shared_routes(profile))


def _values(own: Profile | None, seen: Profile | None, since: dt.date) -> dict[str, str]:
    level = content.levels().by_id(getattr(seen, "target_level", None))
    cycle = seen.promotion_cycle.name if seen and _asked(own, "promotion_cycle") else ""
    manager = seen.manager.split(",")[0].strip() if seen and _asked(own, "manager") else ""
    found = {
        "target_level": level.name.lower() if level else "",
        "cycle": cycle,
        "manager": manager,
        "since": _day(since),
    }
    return {name: value for name, value in found.items() if value}


def _gap_lines(snap: JournalSnapshot) -> list[str]:
    framework = plan_framework(snap)
    rated = assessment(snap, framework)
    weighting = gap_weighting(snap, audience_entry(MANAGER).sees)
    lines = []
    for gap in gaps(framework, rated, weighting)[:TOP_GAPS]:
        rating = rated.ratings[gap.competency_id]
        evidence = " ".join(rating.evidence.split())
        line = (
            ngettext(
                "{competency}: {count} level below {level} (so far: {evidence})",
                "{competency}: {count} levels below {level} (so far: {evidence})",
                gap.levels,
            )
            if evidence
            else ngettext(
                "{competency}: {count} level below {level}",
                "{competency}: {count} levels below {level}",
                gap.levels,
            )
        )
        lines.append(
            line.format(
                competency=gap.name,
                count=format_number(gap.levels),
                level=framework.level_name(rating.target),
                evidence=evidence,
            )
        )
    return lines


def _win_line(line) -> str:
    benefited = line.benefited and gettext("for {who}").format(who=line.benefited)
    said = [" ".join(line.what.split()), line.impact, benefited]
    return clauses([part for part in said if part])


def _lines(journal: Journal, snap: JournalSnapshot, own, since: dt.date, today: dt.date):
    seen = snap.record(Profile.kind)
    support = snap.record(ManagerSupport.kind)
    dated = milestones(seen, today) if _shared_routes(own) else []
    return {
        "milestones": [
            gettext("{milestone}: {day}").format(
                milestone=m.words[:1].upper() + m.words[1:], day=_day(m.date)
            )
            for m in dated
        ],
        "past_ratings": [f"{r.cycle}: {r.rating}" for r in seen.past_ratings]
        if seen and _asked(own, "past_ratings")
        else [],
        "gaps": _gap_lines(snap),
        "wins": [_win_line(w) for w in win_lines(journal, MANAGER) if w.on >= since],
        "needs": support.need_lines() if isinstance(support, ManagerSupport) else [],
        "plan": [
            gettext("{action} (by {day})").format(action=a.what, day=_day(a.due))
            if a.due
            else a.what
            for _, a in actions(snap)
            if a.status in OPEN_STATUSES
        ],
    }


def _filled(item: AgendaItem, values: dict[str, str], lines: dict[str, list[str]]):
    """The item filled in, or None when the journal has nothing for it."""
    fill = {**item.defaults, **values}
    listed = tuple(lines[item.lines]) if item.lines else ()
    text = item.text
    if item.lines and not listed:
        if item.empty is None:
            return None
        text = item.empty
    if not placeholders(text) <= set(fill):
        return None
    return AgendaLine(item.id, text.format_map(fill), listed)


def conversation_for(journal: Journal, today: dt.date) -> Conversation:
    """The agenda of the engineer's next 1:1 with their manager and the note to send after it,
    everything in it as the manager's copy sees it."""
    snap = audience_view(latest_snapshot(journal), MANAGER)
    own = journal.record(Profile.kind)
    since = today - SINCE_LAST
    values = _values(own, snap.record(Profile.kind), since)
    lines = _lines(journal, snap, own, since, today)
    chosen = agenda_for(own)
    seeds = conversation()

    def fill(items, every=False):
        found = (_filled(i, values, lines) for i in items if every or i.id in chosen)
        return [line for line in found if line is not None]

    return Conversation(fill(seeds.bring), fill(seeds.ask), fill(seeds.follow_up, True), since)
