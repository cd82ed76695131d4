"""Workbook 04: saying it in a second language, a read-only reference.

The structure-first habits and the phrase bank from ``seeds/communication.yaml``, rendered once
through the autoescaping templates: nothing to edit, nothing that listens to the journal, so the
engineer in Lab and the coach in Voilà see the same page.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.content.communication import CommunicationFile
from widgets.forms.base import SummaryRepr
from widgets.i18n import gettext, ngettext
from widgets.views.fragments import fragment, with_page_css


class CommunicationPanel(SummaryRepr, w.VBox):
    """The habits, then every phrase group with when to use it; ``page`` is the one HTML widget."""

    def __init__(self, bank: CommunicationFile):
        self.bank = bank
        self.page = w.HTML(
            with_page_css(
                fragment("panels/communication", habits=bank.habits, groups=bank.phrase_groups)
            )
        )
        super().__init__(children=(self.page,))

    def summary(self) -> str:
        lines = [gettext("Structure first:")]
        lines += [f"  {habit.name}" for habit in self.bank.habits]
        lines.append(gettext("Phrases to have ready:"))
        lines += [
            "  "
            + ngettext(
                "{group}: {count} phrase", "{group}: {count} phrases", len(group.phrases)
            ).format(group=group.name, count=len(group.phrases))
            for group in self.bank.phrase_groups
        ]
        return "\n".join(lines)
