"""What a form's answers are made of: labelled text boxes, and :class:`Field`, an answer declared
once (its control, how it is read back, how a card says it).

A field's label and placeholder are declared in English, marked with ``N_``, and translated here
when the control is made (a form is made where it is shown) and when a card names the answer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING

import ipywidgets as w
from pydantic import BaseModel

from widgets.forms.date_field import DateField
from widgets.forms.words import say
from widgets.i18n import gettext
from widgets.readers.audience import form_note

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
    """A number as a box shows it: '6.5', '80', or empty for none."""
    return "" if value is None else f"{value:g}"


@dataclass(frozen=True)
class Field:
    """One answer of a form, declared once: the record's field it holds, what the page calls it,
    how its control is made from the record's value (``make(form, value)``) and read back
    (``read(control)``), and how a card says it (``words(value)``, under ``card`` when the card's
    name for it is not the page's; ``on_card``).

    The form keeps the control as its attribute ``attr`` (default: ``name``) and the row showing
    it, where the field's errors land, as ``rows[name]`` (see :meth:`JournalForm.make_fields`).
    An answer inside a part of the record (the thought record's action) gives its ``path`` there;
    ``name`` is then the name its errors are filed under. ``shown(record)`` says whether the
    answer applies to a record at all (the others are hidden, and left off its card).
    """

    name: str
    label: str
    make: Callable[[JournalForm, object], w.Widget]
    read: Callable[[w.Widget], object] = attrgetter("value")
    words: Callable[[object], str] = _words
    attr: str = ""
    on_card: bool = True
    card: str = ""
    path: tuple[str, ...] = ()
    shown: Callable[[BaseModel], bool] | None = None
    # Text the engineer writes freely: the form says beside it whose copy shows it (note()).
    free_text: bool = False

    def note(self, kind: str) -> str:
        """What the form says beside this answer of a record of ``kind``: which reader's copy
        shows its text, from the audience table (readers/audience.py), or ""."""
        return form_note(kind, ".".join(self.path or (self.name,))) if self.free_text else ""

    @property
    def key(self) -> str:
        """The form's attribute holding the control."""
        return self.attr or self.name

    def held_in(self, record: BaseModel) -> object:
        """The answer as ``record`` holds it."""
        value = record
        for part in self.path or (self.name,):
            value = getattr(value, part)
        return value

    def put(self, answers: dict, value: object) -> None:
        """Put ``value`` where the record holds this answer, in ``answers`` (a record's dict)."""
        *parts, last = self.path or (self.name,)
        for part in parts:
            answers = answers.setdefault(part, {})
        answers[last] = value

    def applies(self, record: BaseModel) -> bool:
        """The answer belongs to ``record`` as it stands (see ``shown``)."""
        return self.shown is None or self.shown(record)


def off_card(field: Field) -> Field:
    """``field``, left out of a card's parts (the card says it otherwise: in its title, say)."""
    return replace(field, on_card=False)


# A placeholder is the same for every form, or made from the form (an example of its own track).
Placeholder = str | Callable[["JournalForm"], str]


def _placeholder(placeholder: Placeholder, form: JournalForm) -> str:
    """The placeholder shown: made from the form (its content's words), or translated."""
    return placeholder(form) if callable(placeholder) else say(placeholder)


def text_field(
    name: str,
    label: str,
    placeholder: Placeholder = "",
    *,
    lines: bool = False,
    card: str = "",
    on_card: bool = True,
    **layout,
):
    """A typed answer (a box of a few ``lines``, else one line) as a :class:`Field`."""
    make = long_text if lines else short_text
    return Field(
        name,
        label,
        lambda form, value: make(value, say(label), _placeholder(placeholder, form), **layout),
        card=card,
        on_card=on_card,
        free_text=True,
    )


def number_field(
    name: str, label: str, placeholder: str = "", *, card: str = "", on_card: bool = True, **layout
):
    """A number typed in a one-line box: shown as :func:`number_text`, read with
    :func:`parse_number` (text that is no number is left for validation to refuse)."""
    return Field(
        name,
        label,
        lambda _form, value: short_text(number_text(value), say(label), say(placeholder), **layout),
        read=lambda box: parse_number(box.value),
        words=number_text,
        card=card,
        on_card=on_card,
    )


def date_field(name: str, label: str, **more) -> Field:
    """A day, in a :class:`DateField` (``more``: the :class:`Field`'s other parts)."""
    return Field(
        name,
        label,
        lambda _form, day: DateField(
            value=day, description=say(label), style=LABEL_STYLE, layout=FIELD_LAYOUT
        ),
        **more,
    )


def choice_field(
    name: str,
    label: str,
    options: list[tuple] | Callable[[JournalForm], list[tuple]],
    *,
    none: object = None,
    attr: str = "",
    on_card: bool = True,
    **layout,
) -> Field:
    """One of ``options`` ((label, value) pairs, or made from the form's content) in a dropdown;
    ``none`` is the option that stands for no value (the record holds None). A card says the
    option's label when the options are fixed. Fixed labels are marked ``N_`` and translated
    here; options made from the form come in their words already."""

    def listed(form: JournalForm) -> list[tuple]:
        return options(form) if callable(options) else [(say(a), b) for a, b in options]

    def said(value: object) -> str:
        return next((say(shown) for shown, held in options if held == value), "")

    return Field(
        name,
        label,
        lambda form, value: w.Dropdown(
            options=listed(form),
            value=none if value is None else value,
            description=say(label),
            style=LABEL_STYLE,
            layout=layout or FIELD_LAYOUT,
        ),
        read=lambda dropdown: None if dropdown.value == none else dropdown.value,
        words=_words if callable(options) else said,
        attr=attr,
        on_card=on_card,
    )


def field_parts(
    fields: Iterable[Field],
    record: BaseModel,
    words: Mapping[str, Callable[[object], str]] | None = None,
) -> list[tuple[str, str]]:
    """(name, words) of each field a card shows for ``record``, as
    :func:`~widgets.forms.entries.text_card` takes them; ``words`` says a field in other words
    than its own (names looked up in content the field does not know)."""
    told = words or {}
    return [
        (gettext(f.card or f.label), told.get(f.name, f.words)(f.held_in(record)))
        for f in fields
        if f.on_card and f.applies(record)
    ]
