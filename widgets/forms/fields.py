"""What a form's answers are made of: labelled text boxes, and :class:`Field`, an answer declared
once (its control, how it is read back, how a card says it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING

import ipywidgets as w
from pydantic import BaseModel

from widgets.forms.date_field import DateField

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
    card_label: str = ""  # when a card names the answer otherwise than the page does

    @property
    def key(self) -> str:
        """The form's attribute holding the control."""
        return self.attr or self.name


def off_card(field: Field) -> Field:
    """``field``, left out of a card's parts (the card says it otherwise: in its title, say)."""
    return replace(field, on_card=False)


# A placeholder is the same for every form, or made from the form (an example of its own track).
Placeholder = str | Callable[["JournalForm"], str]


def _placeholder(placeholder: Placeholder, form: JournalForm) -> str:
    return placeholder(form) if callable(placeholder) else placeholder


def text_field(
    name: str, label: str, placeholder: Placeholder = "", *, lines: bool = False, **layout
):
    """A typed answer (a box of a few ``lines``, else one line) as a :class:`Field`."""
    make = long_text if lines else short_text
    return Field(
        name,
        label,
        lambda form, value: make(value, label, _placeholder(placeholder, form), **layout),
    )


def parse_number(text: str) -> float | int | str | None:
    """'6,5' → 6.5, '80' → 80, '' → None; anything else is passed on for validation to refuse."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text and "," not in text else number


def number_text(value: float | None) -> str:
    """A stored number as its box shows it: 6.5 → '6.5', 6.0 → '6', None → ''."""
    return "" if value is None else f"{value:g}"


def number_field(name: str, label: str, placeholder: str = "", *, words=number_text, **layout):
    """A number typed in a text box, not a number box: an empty answer stays empty, and "six"
    gets a message instead of a silent 0 (:func:`parse_number`)."""
    return Field(
        name,
        label,
        lambda _form, value: short_text(number_text(value), label, placeholder, **layout),
        read=lambda box: parse_number(box.value),
        words=words,
    )


def _day_words(day) -> str:
    return day.isoformat() if day else ""


def date_field(name: str, label: str, **layout) -> Field:
    """A date (:class:`DateField`: reported once typed whole), labelled like the other answers."""
    return Field(
        name,
        label,
        lambda _form, day: DateField(
            value=day, description=label, style=LABEL_STYLE, layout=layout or FIELD_LAYOUT
        ),
        words=_day_words,
    )


def choice_field(
    name: str,
    label: str,
    options: Callable[[JournalForm], list[tuple[str, object]]],
    *,
    none: object = None,
    **layout,
) -> Field:
    """One of ``options(form)`` ((label, value) pairs, made from the form's content) in a
    dropdown; ``none`` is the option that stands for no value (the record holds None)."""
    return Field(
        name,
        label,
        lambda form, value: w.Dropdown(
            options=options(form),
            value=none if value is None else value,
            description=label,
            style=LABEL_STYLE,
            layout=layout or FIELD_LAYOUT,
        ),
        read=lambda dropdown: None if dropdown.value == none else dropdown.value,
    )


def field_parts(fields: Iterable[Field], record: BaseModel) -> list[tuple[str, str]]:
    """(label, words) of each field a card shows, as :func:`~widgets.forms.entries.text_card`
    takes them."""
    return [
        (f.card_label or f.label, f.words(getattr(record, f.name))) for f in fields if f.on_card
    ]
