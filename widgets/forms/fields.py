"""What a form's answers are made of: labelled text boxes, and :class:`Field`, an answer declared
once (its control, how it is read back, how a card says it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

import ipywidgets as w
from pydantic import BaseModel

if TYPE_CHECKING:
    from widgets.forms.base import JournalForm

# Wide enough for "Years of experience" without wrapping, narrow enough for a laptop screen.
LABEL_STYLE = {"description_width": "190px"}
FIELD_LAYOUT = {"width": "100%", "max_width": "520px"}


def short_text(
    value: str, description: str = "", placeholder: str = "", *, style=LABEL_STYLE, **layout
) -> w.Text:
    """A one-line answer, labelled, with a hint of what to write; ``layout`` defaults to
    :data:`FIELD_LAYOUT`."""
    return w.Text(**_text_field(value, description, placeholder, style, layout))


def long_text(
    value: str, description: str = "", placeholder: str = "", *, style=LABEL_STYLE, **layout
) -> w.Textarea:
    """A few lines of answer, like :func:`short_text`."""
    return w.Textarea(**_text_field(value, description, placeholder, style, layout))


def _text_field(value: str, description: str, placeholder: str, style, layout: dict) -> dict:
    return {
        "value": value,
        "description": description,
        "placeholder": placeholder,
        "style": style,
        "layout": layout or FIELD_LAYOUT,
        # Every key reaches the kernel, which commits once typing pauses (see Pauses): a sentence
        # typed and not yet left is saved all the same when the tab closes or the lid shuts.
        "continuous_update": True,
    }


def _words(value) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Field:
    """One answer of a form, declared once: the record's field it holds, what the page calls it,
    how its control is made from the record's value (``make(form, value)``) and read back
    (``read(control)``), and how a card says it (``words(value)``; ``on_card``).

    The form keeps the control as its attribute ``attr`` (default: ``name``) and the row showing
    it, where the field's errors land, as ``rows[name]`` (see :meth:`JournalForm.make_fields`).
    """

    name: str
    label: str
    make: Callable[[JournalForm, object], w.Widget]
    read: Callable[[w.Widget], object] = attrgetter("value")
    words: Callable[[object], str] = _words
    attr: str = ""
    on_card: bool = True

    @property
    def key(self) -> str:
        return self.attr or self.name


def text_field(name: str, label: str, placeholder: str = "", *, lines: bool = False, **layout):
    """A typed answer (a box of a few ``lines``, else one line) as a :class:`Field`."""
    make = long_text if lines else short_text
    return Field(name, label, lambda _form, value: make(value, label, placeholder, **layout))


def field_parts(fields: Iterable[Field], record: BaseModel) -> list[tuple[str, str]]:
    """(label, words) of each field a card shows, as :func:`~widgets.forms.entries.text_card`
    takes them."""
    return [(f.label, f.words(getattr(record, f.name))) for f in fields if f.on_card]
