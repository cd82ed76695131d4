"""Workbook 05: the growth plan (proposed and accepted actions) and the weekly check-ins.

Proposals are computed, never stored, until the engineer accepts one; an accepted action is an
ordinary entry they can edit, complete or drop. The coach sees every action and check-in as a
read-only card.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup

from widgets import i18n
from widgets.content import routes
from widgets.content.messages import Plural
from widgets.forms import commands
from widgets.forms.base import Field, close_tree, field_parts, number_text, text_field
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.fields import choice_field, date_field, number_field
from widgets.forms.wins import WinEditor
from widgets.i18n import N_
from widgets.readers.plan import (
    OPEN_ENOUGH,
    Proposal,
    Proposed,
    actions,
    checkins,
    propose,
    week_start,
)
from widgets.readers.wins import day_in_week
from widgets.storage import clock
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Action, Checkin, Profile
from widgets.storage.sources import ActionSource
from widgets.views.fragments import fragment, muted, status

TEXTAREA = {"width": "620px", "height": "64px"}
STATUSES = ("open", "in_progress", "done", "dropped")
CONFIDENCE_0_10 = [("—", None)] + [(str(n), n) for n in range(11)]
HOURS = {
    kind: "hours"  # the words: widgets/content/messages.py
    for kind in (
        "greater_than_equal",
        "less_than_equal",
        "float_parsing",
        "float_type",
        "finite_number",
    )
}
SOURCE_NAMES = {
    "own": N_("your own"),
    "gap": N_("a competency gap (02)"),
    "research": N_("a research flag (03)"),
    "story": N_("a story type with no story yet (03)"),
    "design": N_("your weakest design dimension (04)"),
    "experiment": N_("a behavioural experiment (01)"),
    "belief": N_("a limiting belief (01)"),
    "advice": N_("the senior habits to show your manager (05)"),
    "uncertain": N_("an uncertain year (05)"),
}


def source_name(source: ActionSource) -> str:
    """Where an action came from, as the plan says it ("a competency gap (02)")."""
    name = SOURCE_NAMES.get(source.kind)
    return i18n.gettext(name) if name else source


def status_name(status: str) -> str:
    """An action's status as the plan says it ("in progress"); the journal keeps its id."""
    names = {
        "open": i18n.gettext("open"),
        "in_progress": i18n.gettext("in progress"),
        "done": i18n.gettext("done"),
        "dropped": i18n.gettext("dropped"),
    }
    return names.get(status, status)


def _status_options(_editor: ActionEditor) -> list[tuple[str, str]]:
    return [(status_name(status), status) for status in STATUSES]


def _due(day) -> str:
    return day.isoformat() if day else i18n.gettext("no date")


def action_label(action: Action) -> str:
    """An action in one line: due date, what, and its status."""
    return i18n.gettext("{due} · {action} [{status}]").format(
        due=_due(action.due), action=action.what, status=status_name(action.status)
    )


def proposals_note(found: Proposed) -> str:
    """The proposals' subtitle: what to do with them, and why they are what they are."""
    days = found.runway.days_left
    if found.runway.preparing:
        milestone = found.runway.milestone.the_next
        if days == 0:
            note = i18n.gettext(
                "{milestone} is today, so these prepare for it; competency gaps come back after "
                "it. Accept one to add it to your plan, then edit it"
            )
        elif days == 1:
            note = i18n.gettext(
                "{milestone} is tomorrow, so these prepare for it; competency gaps come back "
                "after it. Accept one to add it to your plan, then edit it"
            )
        else:
            note = i18n.ngettext(
                "{milestone} is in {days} day, so these prepare for it; competency gaps come "
                "back after it. Accept one to add it to your plan, then edit it",
                "{milestone} is in {days} days, so these prepare for it; competency gaps come "
                "back after it. Accept one to add it to your plan, then edit it",
                days,
            )
        return note.format(milestone=milestone, days=i18n.format_number(days))
    return i18n.gettext("accept one to add it to your plan, then edit it")


def held_back(found: Proposed) -> str:
    """One plain line on why fewer proposals are shown than there are (empty when none are)."""
    if not found.hidden:
        return ""
    number = i18n.format_number
    waiting = i18n.ngettext(
        "{count} more proposal is waiting", "{count} more proposals are waiting", found.hidden
    ).format(count=number(found.hidden))
    if found.shown:
        shown = len(found.shown)
        these = i18n.ngettext("this one brings", "these {count} bring", shown)
        open_actions = i18n.ngettext(
            "{count} open action", "{count} open actions", found.open_actions
        )
        return i18n.gettext(
            "{waiting}: with {open_actions}, {these} your plan to {enough}, which is enough."
        ).format(
            waiting=waiting[:1].upper() + waiting[1:],
            open_actions=open_actions.format(count=number(found.open_actions)),
            these=these.format(count=number(shown)),
            enough=number(OPEN_ENOUGH),
        )
    if found.open_actions == OPEN_ENOUGH:
        return i18n.gettext(
            "{enough} open actions is enough: finish or drop one to see more ({waiting})."
        ).format(enough=number(OPEN_ENOUGH), waiting=waiting)
    return i18n.gettext(
        "You have {open_actions} open actions and {enough} is enough: finish or drop {to_close} "
        "to see more ({waiting})."
    ).format(
        open_actions=number(found.open_actions),
        enough=number(OPEN_ENOUGH),
        to_close=number(found.open_actions - OPEN_ENOUGH + 1),
        waiting=waiting,
    )


def nothing_new(found: Proposed) -> str:
    """Why there are no proposals: everything they could come from is in the plan already."""
    if found.runway.preparing:
        return i18n.gettext(
            "No new proposals: every research flag, story type, design focus and pending "
            "experiment is in your plan."
        )
    return i18n.gettext(
        "No new proposals: every gap, design focus, research flag and pending experiment "
        "is in your plan."
    )


def _manager_copy(_editor: ActionEditor, sees: bool) -> w.Checkbox:
    # Interview preparation and belief work start unticked: the manager's copy of the plan
    # must not reveal outside interviews.
    return w.Checkbox(
        value=sees,
        description=i18n.gettext("On my manager's copy"),
        indent=False,
        layout={"width": "auto"},
    )


def _manager_copy_words(sees: bool) -> str:
    return i18n.gettext("listed") if sees else i18n.gettext("left out")


class ActionEditor(EntryEditor):
    """One action of the plan: what, why, when it is done, by when, where it stands, and whether
    the manager's copy lists it."""

    model = Action
    FIELDS = (
        text_field(
            "what",
            N_("Action"),
            N_("One concrete step, e.g. 'Mock deep dive with a stranger'"),
            on_card=False,  # the card's title
            width="620px",
        ),
        text_field(
            "why", N_("Why"), N_("Which gap or belief it works on."), lines=True, **TEXTAREA
        ),
        text_field(
            "done_when",
            N_("Done when"),
            N_("How you will know it is done."),
            lines=True,
            **TEXTAREA,
        ),
        date_field("due", N_("Due"), on_card=False),  # the card's subtitle, with the status
        Field(
            "manager_sees",
            N_("On my manager's copy"),
            _manager_copy,
            words=_manager_copy_words,
            card=N_("Manager's copy"),
        ),
        choice_field("status", N_("Status"), _status_options, attr="status_choice", on_card=False),
    )
    # Set where the action came from (a proposal, or the engineer's own), not by a control.
    KEPT = ("source", "created_on")

    def blank(self) -> Action:
        return Action.model_construct(
            what="", created_on=clock.today()
        )  # not valid until it has a name

    def build(self) -> None:
        a = self.value
        origin = w.HTML(
            muted(
                i18n.gettext("Comes from {source}; added {day}.").format(
                    source=source_name(a.source), day=a.created_on.isoformat()
                )
            )
        )
        self.children = (*self.make_fields(a), origin, self.status_line)

    def collect(self) -> dict:
        return {**{name: getattr(self.value, name) for name in self.KEPT}, **self.read_fields()}

    def summary(self) -> str:
        return action_label(self.value)


def action_card(record: Action) -> Markup:
    """A read-only card of one action: its answers as :attr:`ActionEditor.FIELDS` say them."""
    due = record.due.isoformat() if record.due else "—"
    subtitle = (
        i18n.gettext("{status} · due {due} · OVERDUE")
        if record.is_overdue(clock.today())
        else i18n.gettext("{status} · due {due}")
    )
    *answers, manager = card_parts(ActionEditor.FIELDS, record)
    return text_card(
        record.what,
        subtitle.format(status=status_name(record.status), due=due),
        # Where it came from is no answer of the engineer's, said before the manager's copy.
        [*answers, (i18n.gettext("Comes from"), source_name(record.source)), manager],
    )


def card_parts(fields, record) -> list[tuple[str, str]]:
    """:func:`field_parts`, each part's name in the active language (the fields' labels and
    card names are marked where they are declared)."""
    return [(i18n.gettext(name), words) for name, words in field_parts(fields, record)]


class PlanPanel(EntryListPanel):
    """Proposed actions to accept, then the plan itself; cards in the coach view."""

    noun = "action"
    # Whole sentences about the kind (EntryListPanel), translated where shown.
    picker_label = i18n.N_("Your actions")
    new_label = i18n.N_("New action")
    unsaved_label = i18n.N_("New action (not saved yet)")
    empty_label = i18n.N_("No actions yet.")
    count_label = Plural("Actions: {count}", "Actions: {count}", "count")
    readonly_count_label = Plural(
        "Actions: {count} — read-only", "Actions: {count} — read-only", "count"
    )

    def __init__(self, journal: Journal, readonly: bool = False):
        self.proposals_box = w.VBox()
        self.proposed: list[Proposal] = []
        self.held_back = ""  # why fewer proposals are shown than there are, when the cap hides some
        super().__init__(journal, readonly=readonly)
        if not readonly:
            self.children = (self.proposals_box, *self.children)
            self.show_proposals()

    def entries(self):
        return actions(self.journal)

    def record_kind(self) -> str:
        return Action.kind

    def label(self, record: Action) -> str:
        return action_label(record)

    def make_editor(self, entry_id, record) -> ActionEditor:
        return ActionEditor(self.journal, entry_id, record)

    def card(self, entry_id: str, record: Action) -> Markup:
        return action_card(record)

    def show_proposals(self) -> None:
        """Redraw the proposals, each with its Accept button, and why some are held back."""
        found = propose(self.journal, clock.today())
        self.proposed = found.shown
        self.held_back = held_back(found)
        rows = []
        for proposal in self.proposed:
            button = w.Button(
                description=i18n.gettext("Accept"), icon="check", layout={"width": "100px"}
            )
            button.on_click(lambda _b, chosen=proposal: self.accept(chosen))
            text = w.HTML(
                fragment(
                    "forms/proposal",
                    title=proposal.what,
                    note=i18n.gettext("due {due}; from {source}").format(
                        due=_due(proposal.due), source=source_name(proposal.source)
                    ),
                    why=proposal.why,
                    done_when=proposal.done_when,
                ),
                layout={"width": "760px"},
            )
            rows.append(w.HBox([button, text], layout={"margin": "2px 0"}))
        head = w.HTML(
            fragment(
                "forms/label",
                title=i18n.gettext("Proposed from your workbooks"),
                note=proposals_note(found),
            )
            if rows
            else muted(self.held_back or nothing_new(found))
        )
        tail = [w.HTML(muted(self.held_back))] if rows and self.held_back else []
        self.proposals_box.children = (head, *rows, *tail)

    def accept(self, proposal: Proposal) -> str | None:
        """Add a proposal to the plan as an open action and open it for editing."""
        if self.readonly:
            return None
        if self.editor is not None:
            self.editor.edited()  # the open action's latest answers first
        try:
            entry_id, _added = commands.add_proposed_action(self.journal, proposal)
        except JournalError as error:
            self.proposals_box.children = (
                w.HTML(status(i18n.gettext("Not added: {error}").format(error=error), ok=False)),
                *self.proposals_box.children,
            )
            return None
        self.show_proposals()
        self.open_entry(entry_id)
        return entry_id

    def saved(self, editor) -> None:
        self.show_proposals()

    def summary(self) -> str:
        lines = [super().summary()]
        if not self.readonly:
            lines.append(i18n.gettext("Proposed: {count}").format(count=len(self.proposed)))
            lines += [
                "  "
                + i18n.gettext("{action} (due {due})").format(
                    action=p.what, due=p.due.isoformat() if p.due else "—"
                )
                for p in self.proposed
            ]
            if self.held_back:
                lines.append(f"  {self.held_back}")
        return "\n".join(lines)


class CheckinEditor(EntryEditor):
    """One week's check-in: confidence, hours practised, wins, blockers and next week's focus."""

    model = Checkin
    friendly: ClassVar[dict[str, dict[str, str]]] = {"hours": HOURS}
    FIELDS = (
        # The week, the confidence and the hours are the card's title and subtitle.
        date_field("week_of", N_("Week of"), on_card=False),
        choice_field("confidence", N_("Confidence (0–10)"), CONFIDENCE_0_10, on_card=False),
        number_field("hours", N_("Hours practised"), N_("e.g. 4.5"), on_card=False),
        text_field(
            "wins",
            N_("Wins"),
            N_("What went well, however small. Credit your preparation."),
            lines=True,
            **TEXTAREA,
        ),
        text_field("blockers", N_("Blockers"), N_("What got in the way."), lines=True, **TEXTAREA),
        text_field(
            "next_focus",
            N_("Next week's focus"),
            N_("One or two things."),
            lines=True,
            **TEXTAREA,
        ),
    )

    def make_fields(self, record) -> list[w.Widget]:
        """The ``FIELDS``; the confidence asked about the engineer's milestone ("calibration"), in
        its tooltip: the label keeps the width every label of the form has."""
        rows = super().make_fields(record)
        milestone = routes.words(self.journal.record(Profile.kind), "milestone")
        self.confidence.tooltip = i18n.gettext(
            "How ready you feel for {milestone} this week, from 0 to 10."
        ).format(milestone=milestone)
        return rows

    def blank(self) -> Checkin:
        return Checkin(week_of=week_start(clock.today()))

    def build(self) -> None:
        self.log_win_button = w.Button(
            description=i18n.gettext("Log a win from this week"),
            icon="trophy",
            layout={"width": "auto"},
        )
        self.log_win_button.on_click(lambda _b: self.log_win())
        self.win_editor: WinEditor | None = None
        self.win_box = w.VBox()
        fields = self.make_fields(self.value)
        self.children = (*fields, self.log_win_button, self.win_box, self.status_line)

    def buttons(self) -> list[w.Widget]:
        return [self.log_win_button]

    def log_win(self) -> WinEditor | None:
        """Open a new win dated this check-in's week, under it (the evidence log's editor). A
        second click before the win holds anything keeps that one: one click, one win (unless
        the week was changed in between)."""
        if self.readonly:
            return None
        day = day_in_week(self.value.week_of, clock.today())
        if self.win_editor is not None:
            if self.win_editor.stored is None and self.win_editor.day == day:
                return self.win_editor
            close_tree(self.win_editor)
        self.win_editor = WinEditor(self.journal, day=day)
        self.win_box.children = (self.win_editor,)
        return self.win_editor

    def summary(self) -> str:
        return checkin_summary(self.value)


def checkin_summary(checkin: Checkin) -> str:
    """A check-in in one line: its week, the confidence and the hours."""
    confidence = "—" if checkin.confidence is None else f"{checkin.confidence}/10"
    hours = number_text(checkin.hours) or "—"
    return i18n.gettext("week of {week}: confidence {confidence}, {hours} h").format(
        week=checkin.week_of.isoformat(), confidence=confidence, hours=hours
    )


class CheckinsPanel(EntryListPanel):
    """The weekly check-ins: pick one or start this week's; cards in the coach view."""

    noun = "check-in"
    picker_label = i18n.N_("Your check-ins")
    new_label = i18n.N_("New check-in")
    unsaved_label = i18n.N_("New check-in (not saved yet)")
    empty_label = i18n.N_("No check-ins yet.")
    count_label = Plural("Check-ins: {count}", "Check-ins: {count}", "count")
    readonly_count_label = Plural(
        "Check-ins: {count} — read-only", "Check-ins: {count} — read-only", "count"
    )

    def entries(self):
        return checkins(self.journal)

    def record_kind(self) -> str:
        return Checkin.kind

    def label(self, record: Checkin) -> str:
        return checkin_summary(record)

    def make_editor(self, entry_id, record) -> CheckinEditor:
        return CheckinEditor(self.journal, entry_id, record)

    def card(self, entry_id: str, record: Checkin) -> Markup:
        return text_card(
            i18n.gettext("Week of {week}").format(week=record.week_of.isoformat()),
            checkin_summary(record),
            card_parts(CheckinEditor.FIELDS, record),
        )
