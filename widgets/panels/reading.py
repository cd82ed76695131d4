"""Workbook 05's reading list: what to read for each gap, design dimension and belief.

Redraws when a rating, a practice session, a thought record or the profile (its track) is saved
in the same kernel. Read-only by nature, so the coach sees the same list.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import N_, gettext
from widgets.readers.reading import ReadingList, reading_list
from widgets.storage.journal import Journal
from widgets.storage.records import CompetencyAssessment, DesignSession, Profile, ThoughtRecord
from widgets.views.fragments import fragment

REDRAW_ON = {CompetencyAssessment.kind, DesignSession.kind, ThoughtRecord.kind, Profile.kind}
GROUP_NAMES = {
    "gap": N_("Gap"),
    "design": N_("Design dimension"),
    "belief": N_("Belief"),
}


class ReadingListPanel(Closes, SummaryRepr, w.VBox):
    """Workbook 05's reading list: what to read for each gap, design dimension and belief."""

    def __init__(self, journal: Journal):
        self.journal = journal
        self.list_html = w.HTML()
        super().__init__(children=(w.HTML(CSS), self.list_html))
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind in REDRAW_ON:
            self.redraw()

    def redraw(self) -> None:
        """Build the reading list again from the journal and show it."""
        self.reading: ReadingList = reading_list(self.journal)
        self.list_html.value = fragment("panels/reading", reading=self.reading)

    def summary(self) -> str:
        if not self.reading.topics:
            return gettext("Reading list: nothing rated, scored or tested yet.")
        lines = [gettext("Reading list:")]
        for topic in self.reading.topics:
            lines.append(
                "  "
                + gettext("{group}: {topic} ({why})").format(
                    group=gettext(GROUP_NAMES[topic.group]), topic=topic.name, why=topic.detail
                )
            )
            lines += [
                f"    - {item.title}" + (f" <{item.url}>" if item.url else "")
                for item in topic.readings
            ]
            if topic.listed_above:
                lines.append(
                    "    " + gettext("(and {count} listed above)").format(count=topic.listed_above)
                )
        return "\n".join(lines)
