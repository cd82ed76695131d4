"""The progress panel of workbook 00: a table of workbooks and how far the engineer got."""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import SummaryRepr
from widgets.readers.progress import COMPLETED, STARTED, progress
from widgets.storage.journal import Journal
from widgets.views.fragments import fragment, with_page_css

# Plain symbols: colour emoji are missing from many fonts (a coach's Linux box among them).
_MARK = {COMPLETED: "✓", STARTED: "…"}


class ProgressPanel(SummaryRepr, w.VBox):
    """Read-only by nature: it shows, never writes. ``refresh()`` re-reads the journal."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.table = w.HTML()
        super().__init__(children=(self.table,))
        self.refresh()

    def refresh(self) -> None:
        self.items = progress(self.journal)
        rows = [
            [f"{_MARK.get(item.status, '·')} {item.title}", item.status, item.detail]
            for item in self.items
        ]
        self.table.value = with_page_css(fragment("panels/progress_table", rows=rows))

    def summary(self) -> str:
        return "Progress\n" + "\n".join(
            f"  {item.title}: {item.status} — {item.detail}" for item in self.items
        )
