"""Pieces every form shares: a field with its message beside it, a status line, read-only mode.

Messages are built from our own text plus values the engineer typed, so they always go through
``html.escape`` before they reach an ``HTML`` widget.
"""

from __future__ import annotations

import html
import re

import ipywidgets as w
from traitlets import Bool

from . import clock
from .css import PAGE_CSS
from .journal import JournalError

# Wide enough for "Years of experience" without wrapping, narrow enough for a laptop screen.
LABEL_STYLE = {"description_width": "190px"}
FIELD_LAYOUT = {"width": "520px"}
CSS = PAGE_CSS  # kept under its old name for the forms


def error_html(message: str) -> str:
    return f'<span class="stepup-error" role="alert">{html.escape(message)}</span>' if message else ""


class SummaryRepr:
    """Mixin: the display's ``text/plain`` is the whole ``summary()``.

    nbval compares ``text/plain``; the default widget repr is cut at 110 characters and says
    nothing about the answers, so every displayed composite describes its content instead.
    """

    def summary(self) -> str:
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.summary()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = self.summary()
        return bundle


class FieldRow(w.HBox):
    """A control with the message about its value right beside it."""

    def __init__(self, control: w.Widget, **kwargs):
        self.control = control
        self.message = w.HTML(value="", layout={"margin": "0 0 0 12px"})
        self.error = ""
        super().__init__(children=(control, self.message), **kwargs)

    def show_error(self, message: str) -> None:
        self.error = message
        self.message.value = error_html(message)


class ErrorNotice(SummaryRepr, w.HTML):
    """What a workbook shows instead of a form when the journal cannot be opened."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(value=CSS + f'<div class="stepup-error" role="alert">{html.escape(message)}</div>')

    def summary(self) -> str:
        return f"Cannot show this exercise: {self.message}"


class JournalForm(SummaryRepr, w.VBox):
    """Base of the forms: read-only handling and a status line.

    Subclasses build their controls, list them in ``controls()`` and describe their content in
    ``summary()``.
    """

    readonly = Bool(False, help="Coach view: every control disabled, no save controls").tag(sync=False)

    def __init__(self, readonly: bool = False, **kwargs):
        self.status = w.HTML(value="")
        super().__init__(readonly=readonly, **kwargs)

    def controls(self) -> list[w.Widget]:
        raise NotImplementedError

    def apply_readonly(self) -> None:
        if self.readonly:
            for control in self.controls():
                control.disabled = True

    def store(self, record, refused_fields: bool, saved: str = "Saved") -> bool:
        """Write ``record`` to ``self.entry_id`` in ``self.journal`` and say how it went.

        Subclasses hold ``journal``, ``entry_id`` and ``_stored``; a refusal (full disk, locked,
        read-only) becomes the status line and leaves ``_stored`` as it was.
        """
        try:
            entry = self.journal.save(record, self.entry_id)
        except JournalError as error:
            self.set_status(f"Not saved: {error}", ok=False)
            return False
        self.entry_id, self._stored = entry.id, record
        tail = ", except the fields marked in red (their last good values are kept)." if refused_fields else "."
        self.set_status(f"{saved} at {clock.now().strftime('%H:%M')}{tail}", ok=not refused_fields)
        return True

    def set_status(self, message: str, ok: bool = True) -> None:
        if self.readonly:
            return
        css = "stepup-status" if ok else "stepup-error"
        self.status.value = f'<span class="{css}">{html.escape(message)}</span>'


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
    return "" if value is None else f"{value:g}"


def friendly_message(error: dict, overrides: dict[str, str] | None = None) -> str:
    """A sentence for the engineer from one pydantic error (``overrides`` by error type)."""
    kind = error["type"]
    ctx = error.get("ctx", {})
    if overrides and kind in overrides:
        return overrides[kind]
    if kind == "string_too_long":
        return f"That is longer than {ctx.get('max_length', 0):,} characters ({len(str(error.get('input', ''))):,} typed). Shorten it; your last saved answer is kept."
    if kind == "string_too_short":
        return "This can't be empty."
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"Use a number from {ctx.get('ge', 0) if kind == 'greater_than_equal' else 0} to 100." if "le" not in ctx else f"Use a number up to {ctx['le']}."
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return "Use a whole number, like 70."
    if kind in ("float_parsing", "float_type", "finite_number"):
        return "This must be a number, like 6 or 6.5."
    if kind.startswith("date"):
        return "This must be a date, like 2027-03-31."
    if kind == "too_long":
        return f"Too many items (at most {ctx.get('max_length')})."
    if kind == "value_error":  # a rule across fields, e.g. "ended: the project can't end before it started"
        text = _RULE_FIELD.sub("", error["msg"].removeprefix("Value error, "), count=1)
        return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
    return f"This value was not saved: {error['msg']}."


# A model validator names the field a cross-field rule is about as "field: message".
_RULE_FIELD = re.compile(r"^([a-z_]+): ")


def _problem_key(item: dict, field_of, data: dict) -> str:
    if item["loc"]:
        return field_of(item["loc"])
    named = _RULE_FIELD.match(item["msg"].removeprefix("Value error, "))
    return named.group(1) if named and named.group(1) in data else "(record)"


def validate_with_fallback(model, data: dict, last_good: dict, field_of=lambda loc: str(loc[0])):
    """Validate ``data``; refused fields fall back to their last good value.

    Returns ``(record or None, {field: [pydantic error, …]})``. The record is None only when the
    data is invalid as a whole (a rule across fields), not because of one field. Rules across
    fields run only once every field is valid, so fallback repeats until nothing new is refused.
    """
    from pydantic import ValidationError

    problems: dict[str, list[dict]] = {}
    patched = dict(data)
    while True:
        try:
            return model.model_validate(patched), problems
        except ValidationError as error:
            refused: dict[str, list[dict]] = {}
            for item in error.errors():
                refused.setdefault(_problem_key(item, field_of, patched), []).append(item)
        fallbacks = {key.split(".")[0] for key in refused} - {key.split(".")[0] for key in problems}
        for key, items in refused.items():
            problems.setdefault(key, items)
        fallbacks &= set(last_good)
        if not fallbacks:
            return None, problems
        patched.update({top: last_good[top] for top in fallbacks})
