"""A list answer of a form built row by row (the profile's interviews, its past ratings): each
row a few boxes, a Remove button and its message; an Add button under the rows. One build for
every such list, so a list of the profile is a few lines of declaration.

A row's words (its placeholders, its Remove button's tooltip) are declared in English, marked
``N_``, and translated when the row is made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as w

from widgets import i18n
from widgets.forms import words
from widgets.forms.base import DateField, FieldRow
from widgets.views.fragments import muted


class PartRow(w.HBox):
    """One item of a list answer: its boxes (kept as attributes by name), a Remove button
    (none in read-only mode: the coach's kernel gets no button) and its message. ``remove_tip``:
    the Remove button's tooltip, a marked sentence ("Remove this interview")."""

    def __init__(self, boxes: dict[str, w.Widget], remove_tip: str, removable: bool = True):
        self.boxes = boxes
        for name, box in boxes.items():
            setattr(self, name, box)
        self.remove = (
            w.Button(
                description=i18n.gettext(words.REMOVE),
                icon="trash",
                layout={"width": "100px"},
                tooltip=i18n.gettext(remove_tip),
            )
            if removable
            else None
        )
        self.message = FieldRow(w.HTML(""))
        super().__init__(children=self._shown(readonly=not removable))

    def _shown(self, readonly: bool) -> tuple[w.Widget, ...]:
        remove = () if readonly or self.remove is None else (self.remove,)
        return (*self.boxes.values(), *remove, self.message)

    def settle(self, readonly: bool) -> None:
        """The row's boxes, then Remove (not beside a disabled row), then its message."""
        self.children = self._shown(readonly)

    def values(self) -> dict:
        """The row's answers, as the record's part."""
        return {name: box.value for name, box in self.boxes.items()}

    def is_blank(self) -> bool:
        """Nothing typed yet: a draft row, left out of the record."""
        return not any(
            (value.strip() if isinstance(value, str) else value) for value in self.values().values()
        )

    def inputs(self) -> list[w.Widget]:
        """The row's answer controls (the Remove button is not one)."""
        return list(self.boxes.values())


@dataclass(frozen=True)
class Box:
    """One box of a row: the part's field it holds, its placeholder (a date box's label; marked
    ``N_``, translated when the box is made), its width, and whether it holds a day."""

    name: str
    placeholder: str
    width: str
    day: bool = False

    def make(self, value) -> w.Widget:
        """The box showing ``value``."""
        placeholder = i18n.gettext(self.placeholder)
        if self.day:
            return DateField(value=value, label=placeholder, layout={"width": self.width})
        return w.Text(value=value or "", placeholder=placeholder, layout={"width": self.width})


def row_maker(remove_tip: str, boxes: tuple[Box, ...]) -> Callable[..., PartRow]:
    """``make_row(part=None, removable=True)`` for :class:`PartRows`: a row of ``boxes``
    showing ``part`` (None: a new, blank row); ``remove_tip`` the tooltip of its Remove button
    (a marked sentence: "Remove this interview")."""

    def make_row(part=None, removable: bool = True) -> PartRow:
        held = {box.name: box.make(getattr(part, box.name, None)) for box in boxes}
        return PartRow(held, remove_tip, removable)

    return make_row


class PartRows:
    """The rows of one list answer of ``form`` (its field ``name``), with the Add button and the
    box that shows them. ``make_row(part, removable)`` builds a row (``part``: None for a new
    one). The form saves through its one path: ``form.wire`` for typing, ``form.edited`` on a
    removal. ``add``: the Add button's words and tooltip, translated by the form."""

    def __init__(
        self,
        form,
        name: str,
        make_row: Callable[[object, bool], PartRow],
        parts: list,
        add: tuple[str, str],
        readonly: bool,
    ):
        self.form, self.name, self.make_row = form, name, make_row
        removable = not readonly
        self.rows: tuple[PartRow, ...] = tuple(make_row(part, removable) for part in parts)
        description, tooltip = add
        self.add = (
            w.Button(description=description, icon="plus", tooltip=tooltip) if removable else None
        )
        if self.add is not None:
            self.add.on_click(self._on_add)
        self.box = w.VBox()
        for row in self.rows:
            self._wire(row)

    def _wire(self, row: PartRow) -> None:
        self.form.wire(row.inputs())
        if row.remove is not None:
            row.remove.on_click(lambda _button, row=row: self._on_remove(row))

    def layout(self) -> None:
        """Show the rows (and Add; "None recorded yet." for a read-only list with none); the
        form calls it once it knows whether it is read-only."""
        readonly = self.form.readonly
        for row in self.rows:
            row.settle(readonly)
        if readonly:
            none = i18n.gettext(words.NONE_RECORDED)
            self.box.children = self.rows or (w.HTML(muted(none)),)
        else:
            self.box.children = (*self.rows, *([self.add] if self.add else []))

    def _on_add(self, _button=None) -> None:
        if self.form.readonly:
            return
        row = self.make_row(None, True)
        self._wire(row)
        self.rows = (*self.rows, row)
        self.layout()

    def _on_remove(self, row: PartRow) -> None:
        if self.form.readonly:
            return
        self.rows = tuple(r for r in self.rows if r is not row)
        self.layout()
        self.form.edited()

    def filled(self) -> list[PartRow]:
        """The rows with an answer (blank ones are drafts, left out of the record)."""
        return [row for row in self.rows if not row.is_blank()]

    def values(self) -> list[dict]:
        """The list as the record holds it."""
        return [row.values() for row in self.filled()]

    def inputs(self) -> list[w.Widget]:
        """Every row's answer controls."""
        return [box for row in self.rows for box in row.inputs()]

    def buttons(self) -> list[w.Widget]:
        """Add and every Remove (none in read-only mode)."""
        return [b for b in (self.add, *(row.remove for row in self.rows)) if b is not None]

    def show_errors(self, problems: dict[str, str]) -> None:
        """Each filled row's message from ``problems`` (keyed '<name>.<index among filled>')."""
        filled = self.filled()
        for row in self.rows:
            index = filled.index(row) if row in filled else -1
            row.message.show_error(problems.get(f"{self.name}.{index}", ""))
