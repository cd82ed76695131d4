"""Workbook 05: the growth plan (proposed and accepted actions) and the weekly check-ins.

Proposals are computed, never stored, until the engineer accepts one; an accepted action is an
ordinary entry they can edit, complete or drop. The coach sees every action and check-in as a
read-only card.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup

from widgets.content import routes
from widgets.content.wording import count
from widgets.forms import commands
from widgets.forms.base import Field, close_tree, field_parts, number_text, text_field
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.fields import choice_field, date_field, number_field
from widgets.forms.wins import WinEditor
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
STATUSES = [
    ("open", "open"),
    ("in progress", "in_progress"),
    ("done", "done"),
    ("dropped", "dropped"),
]
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
    "own": "your own",
    "gap": "a competency gap (02)",
    "research": "a research flag (03)",
    "story": "a story type with no story yet (03)",
    "design": "your weakest design dimension (04)",
    "experiment": "a behavioural experiment (01)",
    "belief": "a limiting belief (01)",
    "advice": "the senior habits to show your manager (05)",
    "uncertain": "an uncertain year (05)",
}


def source_name(source: ActionSource) -> str:
    """Where an action came from, as the plan says it ("a competency gap (02)")."""
    return SOURCE_NAMES.get(source.kind, source)


def action_label(action: Action) -> str:
    """An action in one line: due date, what, and its status."""
    due = action.due.isoformat() if action.due else "no date"
    return f"{due} · {action.what} [{action.status.replace('_', ' ')}]"


def proposals_note(found: Proposed) -> str:
    """The proposals' subtitle: what to do with them, and why they are what they are."""
    days = found.runway.days_left
    if found.runway.preparing:
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        return (
            f"{found.runway.milestone.the_next} is {when}, so these prepare for it; competency "
            "gaps come back after it. Accept one to add it to your plan, then edit it"
        )
    return "accept one to add it to your plan, then edit it"


def held_back(found: Proposed) -> str:
    """One plain line on why fewer proposals are shown than there are (empty when none are)."""
    if not found.hidden:
        return ""
    waiting = (
        f"{count(found.hidden, 'more proposal')} {'is' if found.hidden == 1 else 'are'} waiting"
    )
    if found.shown:
        these = "this one brings" if len(found.shown) == 1 else f"these {len(found.shown)} bring"
        return (
            f"{waiting.capitalize()}: with {count(found.open_actions, 'open action')}, {these} "
            f"your plan to {OPEN_ENOUGH}, which is enough."
        )
    if found.open_actions == OPEN_ENOUGH:
        return f"{OPEN_ENOUGH} open actions is enough: finish or drop one to see more ({waiting})."
    return (
        f"You have {found.open_actions} open actions and {OPEN_ENOUGH} is enough: finish or drop "
        f"{found.open_actions - OPEN_ENOUGH + 1} to see more ({waiting})."
    )


def nothing_new(found: Proposed) -> str:
    """Why there are no proposals: everything they could come from is in the plan already."""
    if found.runway.preparing:
        return (
            "No new proposals: every research flag, story type, design focus and pending "
            "experiment is in your plan."
        )
    return (
        "No new proposals: every gap, design focus, research flag and pending experiment "
        "is in your plan."
    )


def _manager_copy(_editor: ActionEditor, sees: bool) -> w.Checkbox:
    # Interview preparation and belief work start unticked: the manager's copy of the plan
    # must not reveal outside interviews.
    return w.Checkbox(
        value=sees, description="On my manager's copy", indent=False, layout={"width": "auto"}
    )


class ActionEditor(EntryEditor):
    """One action of the plan: what, why, when it is done, by when, where it stands, and whether
    the manager's copy lists it."""

    model = Action
    FIELDS = (
        text_field(
            "what",
            "Action",
            "One concrete step, e.g. 'Mock deep dive with a stranger'",
            on_card=False,  # the card's title
            width="620px",
        ),
        text_field("why", "Why", "Which gap or belief it works on.", lines=True, **TEXTAREA),
        text_field(
            "done_when", "Done when", "How you will know it is done.", lines=True, **TEXTAREA
        ),
        date_field("due", "Due", on_card=False),  # the card's subtitle, with the status
        Field(
            "manager_sees",
            "On my manager's copy",
            _manager_copy,
            words=lambda sees: "listed" if sees else "left out",
            card="Manager's copy",
        ),
        choice_field("status", "Status", STATUSES, attr="status_choice", on_card=False),
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
            muted(f"Comes from {source_name(a.source)}; added {a.created_on.isoformat()}.")
        )
        self.children = (*self.make_fields(a), origin, self.status_line)

    def collect(self) -> dict:
        return {**{name: getattr(self.value, name) for name in self.KEPT}, **self.read_fields()}

    def summary(self) -> str:
        return action_label(self.value)


def action_card(record: Action) -> Markup:
    """A read-only card of one action: its answers as :attr:`ActionEditor.FIELDS` say them."""
    flag = " · OVERDUE" if record.is_overdue(clock.today()) else ""
    due = record.due.isoformat() if record.due else "—"
    *answers, manager = field_parts(ActionEditor.FIELDS, record)
    return text_card(
        record.what,
        f"{record.status.replace('_', ' ')} · due {due}{flag}",
        # Where it came from is no answer of the engineer's, said before the manager's copy.
        [*answers, ("Comes from", source_name(record.source)), manager],
    )


class PlanPanel(EntryListPanel):
    """Proposed actions to accept, then the plan itself; cards in the coach view."""

    noun = "action"

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
            button = w.Button(description="Accept", icon="check", layout={"width": "100px"})
            button.on_click(lambda _b, chosen=proposal: self.accept(chosen))
            due = proposal.due.isoformat() if proposal.due else "no date"
            text = w.HTML(
                fragment(
                    "forms/proposal",
                    title=proposal.what,
                    note=f"due {due}; from {source_name(proposal.source)}",
                    why=proposal.why,
                    done_when=proposal.done_when,
                ),
                layout={"width": "760px"},
            )
            rows.append(w.HBox([button, text], layout={"margin": "2px 0"}))
        head = w.HTML(
            fragment(
                "forms/label",
                title="Proposed from your workbooks",
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
                w.HTML(status(f"Not added: {error}", ok=False)),
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
            lines.append(f"Proposed: {len(self.proposed)}")
            lines += [
                f"  {p.what} (due {p.due.isoformat() if p.due else '—'})" for p in self.proposed
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
        date_field("week_of", "Week of", on_card=False),
        choice_field("confidence", "Confidence (0–10)", CONFIDENCE_0_10, on_card=False),
        number_field("hours", "Hours practised", "e.g. 4.5", on_card=False),
        text_field(
            "wins",
            "Wins",
            "What went well, however small. Credit your preparation.",
            lines=True,
            **TEXTAREA,
        ),
        text_field("blockers", "Blockers", "What got in the way.", lines=True, **TEXTAREA),
        text_field("next_focus", "Next week's focus", "One or two things.", lines=True, **TEXTAREA),
    )

    def make_fields(self, record) -> list[w.Widget]:
        """The ``FIELDS``; the confidence asked about the engineer's milestone ("calibration"), in
        its tooltip: the label keeps the width every label of the form has."""
        rows = super().make_fields(record)
        milestone = routes.words(self.journal.record(Profile.kind), "milestone")
        self.confidence.tooltip = f"How ready you feel for {milestone} this week, from 0 to 10."
        return rows

    def blank(self) -> Checkin:
        return Checkin(week_of=week_start(clock.today()))

    def build(self) -> None:
        self.log_win_button = w.Button(
            description="Log a win from this week", icon="trophy", layout={"width": "auto"}
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
    return f"week of {checkin.week_of.isoformat()}: confidence {confidence}, {hours} h"


class CheckinsPanel(EntryListPanel):
    """The weekly check-ins: pick one or start this week's; cards in the coach view."""

    noun = "check-in"

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
            f"Week of {record.week_of.isoformat()}",
            checkin_summary(record),
            field_parts(CheckinEditor.FIELDS, record),
        )
