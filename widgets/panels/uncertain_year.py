"""Workbook 05's page on an uncertain year: who to tell, "why are you leaving?", level offers,
promotion freezes, references and keeping the drive, for the engineer's routes
(:mod:`widgets.readers.uncertain_year`).

The engineer picks one topic at a time, or all of them; the coach reads every topic as text,
with no control at all, unless the coach reads as the manager (the profile's coach role): then
one line says the page is the engineer's own. Nothing here is saved. Redraws when the profile
(the routes, the levels, the coach role) is saved.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.content import coach_roles
from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.i18n import N_, gettext
from widgets.panels.words import joined
from widgets.readers.uncertain_year import UncertainYear, uncertain_year_for
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.fragments import fragment

ALL = "all"  # the picker's value that shows every topic
WITHHELD = N_(
    "This page is the engineer's own; a coach who reads as their manager does not see it."
)


def _marked(item) -> str:
    """An item as the text summary says it: marked when it is (partly) our judgement."""
    if not item.ours:
        return item.text
    if item.readings:
        return gettext("{item} (partly our judgement)").format(item=item.text)
    return gettext("{item} (our judgement)").format(item=item.text)


class UncertainYearPanel(Closes, SummaryRepr, w.VBox):
    """The topics of the engineer's routes; a topic picker for the engineer, none for the
    coach."""

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal = journal
        self.readonly = readonly
        self.page_html = w.HTML()
        self.picker: w.ToggleButtons | None = None
        children: list[w.Widget] = [w.HTML(CSS)]
        if not readonly:
            self.picker = w.ToggleButtons(
                description=gettext("Topic"), style={"button_width": "auto"}
            )
            self.follow(self.picker, self._on_picker_change, "value")
            children.append(self.picker)
        super().__init__(children=(*children, self.page_html))
        self.listen(journal, self._on_journal_change)
        self.redraw()

    def _on_journal_change(self, kind: str, _entry_id: str) -> None:
        if kind == Profile.kind:
            self.redraw()

    def _on_picker_change(self, _change) -> None:
        self._show()

    def redraw(self) -> None:
        """Read the page again for the engineer's routes and show the chosen topic."""
        self.page: UncertainYear = uncertain_year_for(self.journal, self.reader())
        if self.picker is not None:
            options = [(gettext("All topics"), ALL)] + [(t.title, t.id) for t in self.page.topics]
            chosen = self.picker.value
            with self.hold_trait_notifications():
                self.picker.options = options
                self.picker.value = chosen if chosen in dict(options).values() else ALL
        self._show()

    def reader(self) -> str:
        """Who reads the page: the engineer, or in the read-only view their coach, as the
        profile's coach role reads."""
        if not self.readonly:
            return "me"
        return coach_roles.reads_as(self.journal.record(Profile.kind))

    def shown(self) -> list[str]:
        """The ids of the topics on screen: the chosen one, or every one."""
        chosen = self.picker.value if self.picker is not None else ALL
        every = [topic.id for topic in self.page.topics]
        return every if chosen in (ALL, None) else [chosen]

    def _show(self) -> None:
        self.page_html.value = fragment(
            "panels/uncertain_year",
            page=self.page,
            shown=self.shown(),
            withheld=gettext(WITHHELD),
        )

    def summary(self) -> str:
        lines = [
            gettext("An uncertain year — read-only")
            if self.readonly
            else gettext("An uncertain year")
        ]
        if self.page.withheld:
            return "\n".join([*lines, gettext(WITHHELD)])
        lines.append(gettext("For: {routes}").format(routes=joined(self.page.routes)))
        shown = set(self.shown())
        for topic in self.page.topics:
            if topic.id not in shown:
                continue
            lines.append(gettext("{topic}: {intro}").format(topic=topic.title, intro=topic.intro))
            lines += [
                f"  {level.role}: {level.name} ({level.equivalents})" for level in topic.levels
            ]
            lines += [f"  - {_marked(item)}" for item in topic.items]
        return "\n".join(lines)
