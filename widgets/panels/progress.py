"""The progress panel of workbook 00: a table of workbooks and how far the engineer got."""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import Closes, SummaryRepr
from widgets.i18n import gettext
from widgets.readers.progress import COMPLETED, MEANING, STARTED, progress
from widgets.storage.journal import Journal
from widgets.views.fragments import fragment, with_page_css

# Plain symbols: colour emoji are missing from many fonts (a coach's Linux box among them).
_MARK = {COMPLETED: "✓", STARTED: "…"}


class ProgressPanel(Closes, SummaryRepr, w.VBox):
    """Read-only by nature: it shows, never writes. It re-reads the journal after every save in
    this kernel (the profile above it), so it is never stale under the form."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.table = w.HTML()
        super().__init__(children=(self.table,))
        self.refresh()
        self.listen(journal, self._on_journal_change)

    def _on_journal_change(self, _kind: str, _entry_id: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read every workbook's progress from the journal again and rebuild the table."""
        self.items = progress(self.journal)
        rows = [
            [
                f"{_MARK.get(item.status, '·')} {item.title}",
                item.status_text,
                item.detail,
            ]
            for item in self.items
        ]
        self.table.value = with_page_css(
            fragment("panels/progress_table", rows=rows, meaning=gettext(MEANING))
        )

    def summary(self) -> str:
        return "\n".join(
            [gettext("Progress")]
            + [
                "  "
                + gettext("{workbook}: {status} — {detail}").format(
                    workbook=item.title,
                    status=item.status_text,
                    detail=item.detail,
                )
                for item in self.items
            ]
        )
