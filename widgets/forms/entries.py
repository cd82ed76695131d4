"""Shared machinery for workbooks that keep a list of records (projects, stories, design
sessions).

``EntryListPanel``: pick a record to edit or start a new one; in the coach view, every record as
an escaped card instead. ``EntryEditor``: one entry, saved through :class:`JournalForm`'s one
path: a refused value gets its message beside the field and keeps its last good value, and
every save is a revision.
"""

from __future__ import annotations

from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup

from widgets import i18n
from widgets.content.messages import Plural
from widgets.forms.base import (
    CSS,
    LABEL_STYLE,
    Closes,
    FieldRow,
    JournalForm,
    SummaryRepr,
    close_tree,
)
from widgets.storage.journal import Journal
from widgets.storage.records import Record
from widgets.views.fragments import fragment, with_page_css

# The picker's value for a new entry with nothing saved yet: falsy, so picking it opens nothing.
UNSAVED = ""


def text_card(title: str, subtitle: str, parts: list[tuple[str, str]]) -> Markup:
    """A read-only card: a title, a grey subtitle, and each part that holds something."""
    return fragment("forms/card", title=title, subtitle=subtitle, parts=parts)


class EntryEditor(JournalForm):
    """Base editor of one entry: subclasses set ``model`` and declare their answers in ``FIELDS``
    (or build their controls and ``self.rows`` in ``build()`` and read them in ``collect()``);
    every control in ``controls()`` autosaves on change through the one save path of
    :class:`JournalForm`."""

    def __init__(self, journal: Journal, entry_id: str | None = None, record: Record | None = None):
        super().__init__(journal, entry_id=entry_id)
        self.rows: dict[str, FieldRow] = {}
        self.load(record or self.blank(), record)  # build() reads self.value
        self.build()
        self.wire(self.controls())

    def build(self) -> None:
        """The controls of ``FIELDS``, then the status line (editors with more override this)."""
        self.children = (*self.make_fields(self.value), self.status_line)

    def show(self, record: Record) -> None:
        """Nothing: an editor shows one entry for its whole life; the panel makes one per entry."""

    def save(self) -> Record | None:
        """Store what the controls hold now (they autosave; tests may call this)."""
        self.edited()
        return self.stored if self.stored is not None and self.stored == self.value else None


class EntryListPanel(Closes, SummaryRepr, w.VBox):
    """All records of one kind: a picker and "New …" button in Lab, cards in the coach view.

    The picker shows which entry the editor holds; the editor's ``stored`` trait tells the panel
    when a save changed the list.
    """

    noun = "record"
    plural = ""  # when not just noun + "s"
    # What the panel says about its kind, each a whole sentence marked N_ and translated where
    # shown: the picker's label ("Your projects"), the new-entry button ("New project"), the new
    # entry in the picker before its first save ("New project (not saved yet)"), and the coach's
    # page with none ("No projects yet."). A panel that leaves one empty says it in English,
    # built from ``noun``.
    picker_label: ClassVar[str] = ""
    new_label: ClassVar[str] = ""
    unsaved_label: ClassVar[str] = ""
    empty_label: ClassVar[str] = ""

    # The summary's first line ("Projects: 3"), and the coach's ("Projects: 3 — read-only"): each
    # a whole sentence with {count}, in the forms ``ngettext`` chooses from (a ``Plural``, marked
    # for the catalogue where it is written). English from ``noun`` when None.
    count_label: ClassVar[Plural | None] = None
    readonly_count_label: ClassVar[Plural | None] = None

    def said(self, sentence: str, english: str) -> str:
        """``sentence`` (one of the labels above) translated, else ``english``."""
        return i18n.gettext(sentence) if sentence else english

    @property
    def nouns(self) -> str:
        """The plural of ``noun``, as the picker and the coach's cards say it."""
        return self.plural or f"{self.noun}s"

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal, self.readonly = journal, readonly
        self.editor: EntryEditor | None = None
        if readonly:  # cards only: no control exists that a message could work
            super().__init__()
            self.show_cards()
            return
        self.picker = w.Dropdown(
            description=self.said(self.picker_label, f"Your {self.nouns}"),
            style=LABEL_STYLE,
            layout={"flex": "1 1 auto", "max_width": "620px"},
        )
        # auto and never shrunk: ipywidgets' default button width cut "New thought record" to
        # "New thought r…", and a narrow column squeezed it further
        self.new_button = w.Button(
            description=self.said(self.new_label, f"New {self.noun}"),
            icon="plus",
            layout={"width": "auto", "flex": "0 0 auto"},
        )
        self.editor_box = w.VBox()
        super().__init__()
        self.picker.observe(self._on_pick, names="value")
        self.new_button.on_click(lambda _b: self.new_entry())
        self.children = (w.HTML(CSS), w.HBox([self.picker, self.new_button]), self.editor_box)
        entries = self.entries()
        if entries:
            self.open_entry(entries[-1][0])
        else:
            self.new_entry()

    # subclasses ---------------------------------------------------------------------------------
    def entries(self) -> list[tuple[str, Record]]:
        """(entry id, record) of every entry of this kind in the journal, oldest first."""
        raise NotImplementedError

    def label(self, record: Record) -> str:
        """The entry's name in the picker (cut to 90 characters there)."""
        raise NotImplementedError

    def make_editor(self, entry_id: str | None, record: Record | None) -> EntryEditor:
        """An editor of one entry; both None for a new one."""
        raise NotImplementedError

    def card(self, entry_id: str, record: Record) -> Markup:
        """The entry as a read-only card for the coach view (:func:`text_card`)."""
        raise NotImplementedError

    def describe(self, record: Record) -> str:
        """The entry's line in ``summary()`` (default: its label)."""
        return self.label(record)

    def record_kind(self) -> str:
        """The journal's kind for these records, to read one by id."""
        raise NotImplementedError

    # behaviour ----------------------------------------------------------------------------------
    def show_cards(self) -> None:
        """Show every entry as a card, newest first (the coach view)."""
        # Newest first: what the coach wants to talk about this week is at the top.
        cards = [self.card(entry_id, record) for entry_id, record in reversed(self.entries())]
        empty = self.said(self.empty_label, f"No {self.nouns} yet.")
        self.children = (w.HTML(with_page_css(fragment("forms/cards", cards=cards, empty=empty))),)

    def _refresh_picker(self) -> None:
        """The picker's options from the journal, showing the entry being edited."""
        options = [
            (self.label(record)[:90], entry_id) for entry_id, record in reversed(self.entries())
        ]
        selected = self.editor.entry_id if self.editor else None
        if self.editor is not None and selected not in [value for _, value in options]:
            # A blank picker above an empty form read as "nothing is open"; the new entry is
            # named until its first save puts it in the list under a label of its own.
            unsaved = self.said(self.unsaved_label, f"New {self.noun} (not saved yet)")
            options.insert(0, (unsaved, UNSAVED))
            selected = UNSAVED
        # New options send the picker through its first option; the panel must not open that.
        self.picker.unobserve(self._on_pick, names="value")
        try:
            self.picker.options = options
            self.picker.value = selected if selected in [value for _, value in options] else None
        finally:
            self.picker.observe(self._on_pick, names="value")

    def _on_pick(self, change) -> None:
        if change["new"]:
            self.open_entry(change["new"])

    def _show(self, editor: EntryEditor) -> EntryEditor:
        if self.editor is not None:
            close_tree(self.editor)
        self.editor = editor
        editor.observe(self._editor_saved, names="stored")
        self.editor_box.children = (editor,)
        self._refresh_picker()
        return editor

    def open_entry(self, entry_id: str) -> EntryEditor:
        """Edit an existing entry (the one already open stays as it is)."""
        if self.editor is not None and self.editor.entry_id == entry_id:
            return self.editor
        return self._show(
            self.make_editor(entry_id, self.journal.record(self.record_kind(), entry_id))
        )

    def new_entry(self) -> EntryEditor:
        """Open an editor on a new entry, written once it holds something."""
        return self._show(self.make_editor(None, None))

    def _editor_saved(self, change) -> None:
        if change["old"] is None or self.label(change["old"]) != self.label(change["new"]):
            self._refresh_picker()  # a new entry, or a new name for one: the list changed
        self.saved(change["owner"])

    def saved(self, editor: EntryEditor) -> None:
        """A save in the editor was committed (panels that show more than the list redraw)."""

    def count_heading(self, count: int) -> str:
        """The summary's first line for ``count`` entries, with {count} still in it: the panel's
        ``count_label`` (``readonly_count_label`` in the coach view) in the form for ``count``."""
        label = self.readonly_count_label if self.readonly else self.count_label
        if label is None:
            return f"{self.nouns.capitalize()}: {{count}}" + (
                i18n.gettext(" — read-only") if self.readonly else ""
            )
        return i18n.ngettext(label.singular, label.plural, count)

    def summary(self) -> str:
        """How many entries there are, then one line each (``describe()``)."""
        entries = self.entries()
        head = self.count_heading(len(entries)).format(count=len(entries))
        return "\n".join([head] + [self.describe(record) for _, record in entries])
