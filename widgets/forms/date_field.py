"""A date box that reports a date only once the engineer has finished typing it."""

from __future__ import annotations

import datetime as dt

import anywidget
from ipywidgets.widgets.trait_types import Date
from traitlets import Bool, Instance, Unicode, Union, observe

from widgets.forms.composite_code import STATIC
from widgets.storage.records import FIRST_DAY, LAST_DAY


class UnreadableDate(str):
    """What a date field holds that is no whole calendar date ('2026-12', a year past 9999):
    kept as text, so the form can say so beside the field instead of saving "no date"."""


def parse_day(text: str) -> dt.date | UnreadableDate | None:
    """The date typed in ``text`` (YYYY-MM-DD), None when it is blank, else the text kept as an
    :class:`UnreadableDate`."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return UnreadableDate(text)


class DateField(anywidget.AnyWidget):
    """A date input that reports a date only when the engineer has finished typing it.

    ``value`` is a date, None (empty), or an :class:`UnreadableDate` when the browser holds a
    partial or impossible date; the record then refuses it with a message beside the field.
    Out-of-range dates reach the form too (no clamping), and ``min``/``max`` tell the browser the
    range records accept. The browser sends on blur, Enter or a calendar pick, never per digit.
    """

    _esm = STATIC / "date_field.js"
    text = Unicode("", help="The input's date, YYYY-MM-DD, as the browser last sent it").tag(
        sync=True
    )
    incomplete = Bool(False, help="The browser holds a date that is not whole").tag(sync=True)
    description = Unicode("").tag(sync=True)
    label = Unicode("", help="The field's name for a screen reader when no description shows").tag(
        sync=True
    )
    description_width = Unicode("").tag(sync=True)
    disabled = Bool(False).tag(sync=True)
    min = Unicode(FIRST_DAY.isoformat()).tag(sync=True)
    max = Unicode(LAST_DAY.isoformat()).tag(sync=True)
    value = Union(
        [Date(None, allow_none=True), Instance(UnreadableDate)],
        allow_none=True,
        help="What the form reads",
    )

    def __init__(self, value: dt.date | None = None, style: dict | None = None, **kwargs):
        width = (style or {}).get("description_width", "")
        super().__init__(description_width=width, **kwargs)
        self.value = value

    @observe("text", "incomplete")
    def _value_from_browser(self, _change) -> None:
        self.value = UnreadableDate("(incomplete)") if self.incomplete else parse_day(self.text)

    @observe("value")
    def _browser_from_value(self, change) -> None:
        new = change["new"]
        if isinstance(new, UnreadableDate):
            return  # the browser still shows what was typed
        with self.hold_trait_notifications():
            self.incomplete = False
            self.text = new.isoformat() if new else ""
