"""Workbook 05's conversation with the manager: the growth-plan 1:1's agenda (what to bring, the
questions to ask) and a follow-up note to send after it, drafted from the journal as the
manager's copy sees it (:mod:`widgets.readers.conversation`).

Nothing here is saved. The engineer gets the note in a box to finish and copy; the coach reads it
as text, with no control at all. Redraws when something the agenda is filled from is saved.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import gettext
from widgets.readers.conversation import Conversation, conversation_for
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import (
    Action,
    CompetencyAssessment,
    CustomFramework,
    ManagerSupport,
    Profile,
    Win,
)
from widgets.views.fragments import fragment

REDRAW_ON = {
    kind.kind
    for kind in (Profile, Action, Win, ManagerSupport, CompetencyAssessment, CustomFramework)
}
NOTE_LAYOUT = {"width": "100%", "max_width": "720px", "height": "260px"}


class ConversationPanel(Closes, SummaryRepr, w.VBox):
    """The 1:1's agenda and the follow-up note; the note in a box to copy (text for the coach)."""

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal = journal
        self.readonly = readonly
        self.agenda_html = w.HTML()
        self.drafted = ""  # the note as last drafted: an engineer's edits are kept over a redraw
        children = [w.HTML(CSS), self.agenda_html]
        self.note: w.Textarea | None = None
        if not readonly:
            self.note = w.Textarea(layout=NOTE_LAYOUT)
            children.append(self.note)
        super().__init__(children=tuple(children))
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in REDRAW_ON:
            self.redraw()

    def redraw(self) -> None:
        """Draft the agenda and the note again from the journal."""
        self.conversation: Conversation = conversation_for(self.journal, clock.today())
        self.agenda_html.value = fragment(
            "panels/conversation", conversation=self.conversation, readonly=self.readonly
        )
        drafted = self.conversation.note()
        if self.note is not None and self.note.value in ("", self.drafted):
            self.note.value = drafted
        self.drafted = drafted

    def summary(self) -> str:
        found = self.conversation
        lines = [
            gettext("The 1:1 with your manager — read-only")
            if self.readonly
            else gettext("The 1:1 with your manager")
        ]
        for title, items in (
            (gettext("What to bring:"), found.bring),
            (gettext("Questions to ask:"), found.ask),
        ):
            lines.append(title)
            for item in items:
                lines.append(f"  - {item.text}")
                lines += [f"      {line}" for line in item.lines]
        lines.append(gettext("The note to send after:"))
        lines += [f"  {line}" if line else "" for line in found.note().splitlines()]
        return "\n".join(lines)
