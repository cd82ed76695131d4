"""Workbook 05's evidence log: one win at a time, with the number it moved and what it is
evidence for; the list grows into the brag document a promotion case is written from.

A win is entered on its own (:class:`WinsPanel`) or from a week's check-in (the check-in's
"Log a win from this week", :mod:`widgets.forms.plan`), through the same editor and the one save
path. The coach sees every win as a read-only card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup

from widgets.content.messages import Plural
from widgets.content.wording import clauses
from widgets.forms.base import Field, choice_field, date_field, number_field, text_field
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.fields import field_parts
from widgets.forms.thought_record_fields import spoken
from widgets.i18n import N_, gettext
from widgets.readers.plan import plan_framework
from widgets.readers.stories import project_label, projects, stories, story_label
from widgets.readers.wins import Links, competency_options, impact, win_label, wins
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Win
from widgets.views.fragments import muted

TEXTAREA = {"width": "620px", "height": "64px"}
# A number the measure cannot take: the words of widgets/content/messages.py's "measure_number".
NUMBER = dict.fromkeys(
    (
        "greater_than_equal",
        "less_than_equal",
        "float_parsing",
        "float_type",
        "finite_number",
    ),
    "measure_number",
)
SHARED_NOTE = N_(
    "What you write here is on your manager's copy of the growth plan, unless you untick "
    "\u201cOn my manager's copy\u201d."
)


def _manager_copy(_form, sees: bool) -> w.Checkbox:
    return w.Checkbox(
        value=sees,
        description=gettext("On my manager's copy"),
        indent=False,
        layout={"width": "auto"},
    )


def _linked(name: str, label: str, options: str) -> Field:
    # The options are the editor's (made in build(): the journal's entries, and a link to one
    # since deleted), so a stored link always has its option.
    return choice_field(name, label, lambda form: getattr(form, options), on_card=False)


def _in_measure(field: Field, part: str) -> Field:
    return replace(field, path=("measure", part), on_card=False)  # the card says the impact


_DECLARED = (
    text_field(
        "what",
        N_("What changed"),
        N_("e.g. 'Migrated 40 screens to the new navigation with no rollback'"),
        lines=True,
        on_card=False,  # the card's title
        **TEXTAREA,
    ),
    date_field("on", N_("Date"), on_card=False),  # the card's subtitle
    _in_measure(
        text_field("measure_name", N_("What you measured"), N_("e.g. crash-free rate")), "name"
    ),
    _in_measure(number_field("measure_before", N_("Before"), N_("e.g. 99.6")), "before"),
    _in_measure(number_field("measure_after", N_("After"), N_("e.g. 99.8")), "after"),
    _in_measure(text_field("measure_unit", N_("Unit"), N_("e.g. %, ms, screens")), "unit"),
    text_field("benefited", N_("Who benefited"), N_("e.g. the 2 million weekly Android users")),
    _linked("competency_id", N_("Competency"), "competency_choices"),
    _linked("project_id", N_("Project"), "project_choices"),
    _linked("story_id", N_("Story"), "story_choices"),
    Field(
        "manager_sees",
        N_("On my manager's copy"),
        _manager_copy,
        words=lambda sees: gettext("listed") if sees else gettext("left out"),
        card=N_("Manager's copy"),
    ),
)
# Each made in the active language (labels and placeholders are msgids).
FIELDS = tuple(map(spoken, _DECLARED))
# Where in the record an answer inside the measure lives → the name its errors are filed under.
FILED_AS = {field.path: field.name for field in FIELDS if field.path}


def _with_stored(options: list[tuple], stored: str | None, gone: str) -> list[tuple]:
    """``options``, and the stored link when what it names is gone (deleted since)."""
    if stored is None or stored in {value for _, value in options}:
        return options
    return [*options, (gone, stored)]


class WinEditor(EntryEditor):
    """One win: what changed, the number before and after, who benefited, what it is evidence
    for, and whether the manager's copy lists it."""

    model = Win
    FIELDS = FIELDS
    friendly: ClassVar[dict[str, dict[str, str]]] = {
        "measure_before": NUMBER,
        "measure_after": NUMBER,
    }

    def __init__(
        self,
        journal: Journal,
        entry_id: str | None = None,
        record: Win | None = None,
        day: dt.date | None = None,
    ):
        self.day = day  # a new win's date (the check-in's week), else today
        super().__init__(journal, entry_id, record)

    def blank(self) -> Win:
        # Not valid until it says what changed: written once it does.
        return Win.model_construct(on=self.day or clock.today(), what="")

    def build(self) -> None:
        held = self.value
        framework = plan_framework(self.journal)
        self.competency_choices = _with_stored(
            competency_options(framework), held.competency_id, gettext("(not in your framework)")
        )
        self.project_choices = _with_stored(
            [("—", None)] + [(project_label(p), pid) for pid, p in projects(self.journal)],
            held.project_id,
            gettext("(a deleted project)"),
        )
        self.story_choices = _with_stored(
            [("—", None)] + [(story_label(s), sid) for sid, s in stories(self.journal)],
            held.story_id,
            gettext("(a deleted story)"),
        )
        note = w.HTML(muted(gettext(SHARED_NOTE)))
        self.children = (*self.make_fields(held), note, self.status_line)

    def field_of(self, loc: tuple) -> str:
        return FILED_AS.get(tuple(loc[:2]), str(loc[0]))

    def summary(self) -> str:
        return win_label(self.value)


def win_card(record: Win, links: Links) -> Markup:
    """A read-only card of one win: what changed, its impact, who benefited, what it links to."""
    *answers, manager = field_parts(FIELDS, record)
    parts = [
        (N_("Impact"), impact(record.measure)),
        *answers,
        (N_("Evidence for"), clauses(links.of(record))),
        manager,
    ]
    # The parts' names are msgids (the fields' labels, marked where declared): said here.
    return text_card(
        record.what, record.on.isoformat(), [(gettext(name), said) for name, said in parts]
    )


class WinsPanel(EntryListPanel):
    """The evidence log: pick a win or log a new one; cards in the coach view."""

    noun = "win"
    # Whole sentences about the kind (EntryListPanel), translated where shown.
    picker_label = N_("Your wins")
    new_label = N_("New win")
    unsaved_label = N_("New win (not saved yet)")
    empty_label = N_("No wins yet.")
    count_label = Plural("Wins: {count}", "Wins: {count}", "count")
    readonly_count_label = Plural("Wins: {count} — read-only", "Wins: {count} — read-only", "count")

    def entries(self):
        return wins(self.journal)

    def record_kind(self) -> str:
        return Win.kind

    def label(self, record: Win) -> str:
        return win_label(record)

    def describe(self, record: Win) -> str:
        said = impact(record.measure)
        if not said:
            return win_label(record)
        return gettext("{win} ({impact})").format(win=win_label(record), impact=said)

    def make_editor(self, entry_id, record) -> WinEditor:
        return WinEditor(self.journal, entry_id, record)

    def card(self, entry_id: str, record: Win) -> Markup:
        return win_card(record, Links(self.journal))
