"""Shared machinery for workbooks that keep a list of records (projects, stories, design sessions).

``EntryListPanel``: pick a record to edit or start a new one; in the coach view, every record as
an escaped card instead. ``EntryEditor``: autosave on every change, a refused value gets its
message beside the field and keeps its last good value, every save is a revision.
"""

from __future__ import annotations

import html

import ipywidgets as w

from .form_base import CSS, LABEL_STYLE, FieldRow, JournalForm, SummaryRepr, friendly_message, validate_with_fallback
from .journal import Journal
from .records import Record


def text_card(title: str, subtitle: str, parts: list[tuple[str, str]]) -> str:
    """A read-only card; every piece of user text is escaped here."""
    body = "".join(f"<p><b>{html.escape(name if name.endswith('?') else name + ':')}</b> {html.escape(value)}</p>" for name, value in parts if value)
    return ("<div style='border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:8px 0;max-width:820px'>"
            f"<h4 style='margin:4px 0'>{html.escape(title)}</h4><p class='stepup-muted'>{html.escape(subtitle)}</p>{body}</div>")


class EntryEditor(JournalForm):
    """Base editor: subclasses set ``model``, build ``self.rows`` (field → FieldRow), and
    implement ``collect()``; every control in ``controls()`` autosaves on change."""

    model: type[Record]
    friendly: dict[str, dict[str, str]] = {}

    def __init__(self, journal: Journal, entry_id: str | None = None, record: Record | None = None, on_saved=None):
        self.journal, self.entry_id, self.on_saved = journal, entry_id, on_saved
        self._stored = record or self.blank()
        self._loading = True
        self.rows: dict[str, FieldRow] = {}
        super().__init__(readonly=False)
        self.build()
        for control in self.controls():
            control.observe(self._on_change, names="value")
        self._loading = False

    def blank(self) -> Record:
        return self.model()

    def build(self) -> None:
        raise NotImplementedError

    def collect(self) -> dict:
        raise NotImplementedError

    def field_of(self, loc: tuple) -> str:
        return str(loc[0])

    def _on_change(self, _change=None) -> None:
        if not self._loading:
            self.save()

    def save(self) -> Record | None:
        record, problems = validate_with_fallback(self.model, self.collect(), self._stored.model_dump(), field_of=self.field_of)
        for name, row in self.rows.items():
            errors = problems.get(name, [])
            row.show_error(friendly_message(errors[0], self.friendly.get(name)) if errors else "")
        if record is None:
            whole = problems.get("(record)") or next(iter(problems.values()), [{}])
            self.set_status("Not saved: " + str(whole[0].get("msg", "check the fields marked in red")).removeprefix("Value error, "), ok=False)
            return None
        if record == self._stored and self.entry_id is not None:
            if problems:
                self.set_status("Not saved: the field marked in red keeps its last good value.", ok=False)
            return record
        if not self.store(record, bool(problems)):
            return None
        if self.on_saved:
            self.on_saved(self)
        return record


class EntryListPanel(SummaryRepr, w.VBox):
    """All records of one kind: a picker and "New …" button in Lab, cards in the coach view."""

    noun = "record"
    plural = ""  # when not just noun + "s"

    @property
    def nouns(self) -> str:
        return self.plural or f"{self.noun}s"

    def __init__(self, journal: Journal, readonly: bool = False):
        self.journal, self.readonly = journal, readonly
        self.picker = w.Dropdown(description=f"Your {self.nouns}", style=LABEL_STYLE, layout={"width": "620px"})
        self.new_button = w.Button(description=f"New {self.noun}", icon="plus")
        self.editor_box = w.VBox()
        self.editor: EntryEditor | None = None
        self._picking = False
        super().__init__()
        if readonly:
            self.show_cards()
            return
        self.picker.observe(self._on_pick, names="value")
        self.new_button.on_click(lambda _b: self.new_entry())
        self.children = (w.HTML(CSS), w.HBox([self.picker, self.new_button]), self.editor_box)
        entries = self.entries()
        self._refresh_picker(select=entries[-1][0] if entries else None)
        if not entries:
            self.new_entry()

    # subclasses ---------------------------------------------------------------------------------
    def entries(self) -> list[tuple[str, Record]]:
        raise NotImplementedError

    def label(self, record: Record) -> str:
        raise NotImplementedError

    def make_editor(self, entry_id: str | None, record: Record | None) -> EntryEditor:
        raise NotImplementedError

    def card(self, entry_id: str, record: Record) -> str:
        raise NotImplementedError

    def describe(self, record: Record) -> str:
        return self.label(record)

    # behaviour ----------------------------------------------------------------------------------
    def show_cards(self) -> None:
        # Newest first: what the coach wants to talk about this week is at the top.
        cards = "".join(self.card(entry_id, record) for entry_id, record in reversed(self.entries()))
        self.children = (w.HTML(CSS + (cards or f"<p class='stepup-muted'>No {self.nouns} yet.</p>")),)

    def _refresh_picker(self, select: str | None = None) -> None:
        options = [(self.label(record)[:90], entry_id) for entry_id, record in reversed(self.entries())]
        self._picking = True
        self.picker.options = options
        self.picker.value = select if select in [value for _, value in options] else None
        self._picking = False
        if select and (self.editor is None or self.editor.entry_id != select):
            self._open(select)

    def _on_pick(self, change) -> None:
        if not self._picking and change["new"]:
            self._open(change["new"])

    def _open(self, entry_id: str) -> None:
        self.editor = self.make_editor(entry_id, self.journal.record(self.record_kind(), entry_id))
        self.editor_box.children = (self.editor,)

    def record_kind(self) -> str:
        raise NotImplementedError

    def new_entry(self) -> EntryEditor:
        self.editor = self.make_editor(None, None)
        self.editor_box.children = (self.editor,)
        self._picking = True
        self.picker.value = None
        self._picking = False
        return self.editor

    def saved(self, editor: EntryEditor) -> None:
        self._refresh_picker(select=editor.entry_id)

    def summary(self) -> str:
        entries = self.entries()
        head = f"{self.nouns.capitalize()}: {len(entries)}" + (" — read-only" if self.readonly else "")
        return "\n".join([head] + [self.describe(record) for _, record in entries])
