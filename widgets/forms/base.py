"""Pieces every form shares: a field with its message beside it, a status line, read-only mode.

Messages are built from our own text plus values the engineer typed, so they reach an ``HTML``
widget only through the autoescaping templates (:mod:`widgets.views.fragments`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import ClassVar

import anywidget
import ipywidgets as w
from pydantic import BaseModel
from traitlets import (
    Bool,
    Dict,
    HasTraits,
    Instance,
    List,
    TraitError,
    Tuple,
    Unicode,
    observe,
    validate,
)

from widgets import i18n
from widgets.forms import commands, words
from widgets.forms.composite_code import STATIC, composite_esm, send_code_once
from widgets.forms.date_field import DateField, UnreadableDate  # noqa: F401 (the forms' import)
from widgets.forms.errors import WHOLE_RECORD, friendly_message, validate_with_fallback
from widgets.forms.fields import (  # noqa: F401 (the forms import them from here)
    FIELD_LAYOUT,
    LABEL_STYLE,
    Field,
    choice_field,
    date_field,
    field_parts,
    long_text,
    number_field,
    number_text,
    off_card,
    parse_number,
    short_text,
    text_field,
)
from widgets.forms.kernel import kernel_loop
from widgets.storage import clock, current
from widgets.storage.journal import Journal, JournalError
from widgets.storage.records import Record
from widgets.views import fragments
from widgets.views.css import PAGE_CSS
from widgets.views.fragments import with_page_css

CSS = PAGE_CSS  # kept under its old name for the forms


# Typed text is committed once no key has come for this long: one revision per pause, not per key.
PAUSE_SECONDS = 1.0


class Pauses:
    """Commits that wait for a pause in typing.

    Keystrokes reach the kernel as they are typed (continuous updates); a form's commit waits
    until none has come for :data:`PAUSE_SECONDS`, and the page asks for every waiting commit at
    once when it is hidden or closed (:class:`PageKeys`). The waiting is done by the kernel's
    event loop; where none runs (plain Python, a test driving the widgets) there is no pause to
    wait for, and the commit happens at once. ``loop_of`` gives the loop (tests pass a clock).
    """

    def __init__(self, loop_of: Callable = kernel_loop):
        self.loop_of = loop_of
        self._waiting: dict[object, tuple[object, Callable[[], None]]] = {}

    def wait(self, key: object, commit: Callable[[], None]) -> None:
        """Commit ``key``'s typing with ``commit`` after the next pause (any earlier wait ends)."""
        loop = self.loop_of()
        self.cancel(key)
        if loop is None:
            commit()
            return
        self._waiting[key] = (loop.call_later(PAUSE_SECONDS, self._due, key), commit)

    def waiting(self, key: object) -> bool:
        """Whether ``key`` has typing not committed yet."""
        return key in self._waiting

    def cancel(self, key: object) -> None:
        """Forget ``key``'s waiting commit (its words were just committed some other way)."""
        handle, _commit = self._waiting.pop(key, (None, None))
        if handle is not None:
            handle.cancel()

    def commit_now(self, key: object | None = None) -> None:
        """Commit ``key``'s waiting typing now; every form's when ``key`` is None."""
        for waiting in [key] if key is not None else list(self._waiting):
            handle, commit = self._waiting.pop(waiting, (None, None))
            if handle is not None:
                handle.cancel()
                commit()

    def _due(self, key: object) -> None:
        _handle, commit = self._waiting.pop(key, (None, None))
        if commit is not None:
            commit()


PAUSES = Pauses()  # the kernel's waiting commits, one per form at most


class PageKeys(anywidget.AnyWidget):
    """One per kernel, never displayed: in the page it keeps Step Up's keys for its controls
    (JupyterLab's notebook shortcuts stay out of the forms), commits what is typed when the page
    is hidden or closed, and says so beside a form when its last words were not acknowledged."""

    _esm = STATIC / "page_keys.js"
    unsaved = Unicode(
        "", help="Said beside a form whose typing the kernel has not acknowledged"
    ).tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.on_msg(self._from_page)

    def _from_page(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("commit") == "now":
            PAUSES.commit_now()


_page_keys: list[PageKeys] = []


def page_keys() -> PageKeys:
    """This kernel's :class:`PageKeys` (made on first use, and again after ``Widget.close_all``)."""
    if not _page_keys or _page_keys[0].comm is None:
        _page_keys[:] = [PageKeys()]
    _page_keys[0].unsaved = i18n.gettext(words.UNSAVED)  # in the language of the last form drawn
    return _page_keys[0]


def error_html(message: str) -> str:
    """The HTML shown beside a field for ``message`` (escaped); nothing when there is none."""
    return fragments.error(message) if message else ""


class SummaryRepr:
    """Mixin: the display's ``text/plain`` is the whole ``summary()``.

    nbval compares ``text/plain``; the default widget repr is cut at 110 characters and says
    nothing about the answers, so every displayed composite describes its content instead.
    """

    def summary(self) -> str:
        """What the widget shows, as plain text: the answers, not the controls."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return self.summary()

    def _repr_mimebundle_(self, **kwargs):
        # ipywidgets' own bundle (Widget._repr_mimebundle_) calls repr(), a second summary(): the
        # export panel's reads the whole journal. Its view part is written out here instead.
        if self._view_name is None:
            return None
        return {
            "text/plain": self.summary(),
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self._model_id,
            },
        }


class Messages(HasTraits):
    """A field's message: ``error`` is what was refused and why (plain text), ``message`` the HTML
    shown beside the field (escaped by our templates)."""

    error = Unicode("", help="The message about a refused value (plain text)")
    message = Unicode("", help="HTML: why a value was refused")

    def show_error(self, message: str) -> None:
        """Say ``message`` (plain text) beside the field; an empty one clears it."""
        self.error = message

    @observe("error")
    def _show_message(self, change) -> None:
        self.message = error_html(change["new"])


class Composite(Messages, anywidget.AnyWidget):
    """Several answers drawn by one widget model (``static/<name>.js`` on ``static/controls.js``).

    A row of ipywidgets controls costs a model per control and per control's layout and style;
    workbooks 02 and 03 opened with 700 to 1,100 of them. A composite is one model: ``ANSWERS``
    names the traits the engineer answers (a form saves when any of them changes), and it shows
    its message itself.
    """

    ANSWERS: ClassVar[tuple[str, ...]] = ()
    # The answers typed as text: committed after a pause in typing, not at every key.
    TYPED: ClassVar[tuple[str, ...]] = ()
    disabled = Bool(False).tag(sync=True)
    message = Unicode("", help="HTML: why a value was refused").tag(sync=True, html=True)
    words = Dict(help="The page code's own words, translated by the kernel (forms/words.py)").tag(
        sync=True
    )

    def __init__(self, **kwargs):
        send_code_once(type(self)._esm)
        super().__init__(**kwargs)


def one_of(options: list[tuple], value):
    """``value`` when it is the value of one of ``options`` ((label, value, …) tuples): a
    composite's choice is refused otherwise, and keeps its last one."""
    if value not in {option[1] for option in options}:
        raise TraitError(f"{value!r} is not one of the choices")
    return value


class FieldRow(Messages, w.HBox):
    """A control with the message about its value right beside it. The message's own widget is
    made the first time there is something to say: most fields never need one, and three widget
    models a field (the HTML, its layout and style) were a fifth of a workbook's at Run All."""

    def __init__(self, control: w.Widget, note: str = "", **kwargs):
        self.control = control
        self.shown_message: w.HTML | None = None
        # note: said beside the field for good (whose copy shows it: Field.note).
        self.note = w.HTML(fragments.muted(note), layout={"margin": "0 0 0 12px"}) if note else None
        super().__init__(children=(control, self.note) if self.note else (control,), **kwargs)

    @observe("message")
    def _draw_message(self, change) -> None:
        if self.shown_message is None:
            if not change["new"]:
                return
            self.shown_message = w.HTML(layout={"margin": "0 0 0 12px"})
            self.children = (*self.children, self.shown_message)
        self.shown_message.value = change["new"]


class ErrorNotice(SummaryRepr, w.HTML):
    """What a workbook shows instead of a form when the journal cannot be opened."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(value=with_page_css(fragments.error(message, block=True)))

    def summary(self) -> str:
        return i18n.gettext(words.CANNOT_SHOW).format(reason=self.message)


def close_tree(widget: w.Widget) -> None:
    """Close a widget and every widget inside it (ipywidgets closes only the one it is asked to)."""
    widget.close()
    if not isinstance(widget, Closes):  # a Closes closes its own tree
        for child in getattr(widget, "children", ()) or ():
            close_tree(child)


class Closes:
    """Mixin for composites that listen to a journal or a shared trait.

    ``listen``/``follow`` remember how to stop; ``close()`` stops them all and closes the tree, so
    a panel made again by re-running its cell leaves nothing behind that still redraws.
    """

    def listen(self, journal, callback) -> None:
        """Call ``callback`` on every change to ``journal`` until this is closed."""
        self._stops().append(journal.on_change(callback).cancel)

    def follow(self, source, handler, names: str) -> None:
        """Observe ``names`` on ``source`` with ``handler`` until this is closed."""
        source.observe(handler, names=names)
        self._stops().append(lambda: source.unobserve(handler, names=names))

    def _stops(self) -> list:
        if "_stop_callbacks" not in self.__dict__:
            self.__dict__["_stop_callbacks"] = []
        return self.__dict__["_stop_callbacks"]

    def close(self) -> None:
        """Commit waiting typing, stop listening and following, then close the whole tree."""
        PAUSES.commit_now(self)  # a form closed mid-sentence (a cell re-run) keeps its words
        for stop in self._stops():
            stop()
        self._stops().clear()
        for child in getattr(self, "children", ()) or ():
            close_tree(child)
        super().close()


TYPING_STATUS = words.TYPING  # the English sentence, for the tests that read the status line


def typed_and_chosen(control: w.Widget) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The traits of ``control`` the engineer types (committed after a pause) and the ones they
    choose (committed at once). A text box sends every key (continuous updates) from here on."""
    if isinstance(control, Composite):
        typed = tuple(answer for answer in control.ANSWERS if answer in control.TYPED)
        return typed, tuple(answer for answer in control.ANSWERS if answer not in typed)
    if isinstance(control, (w.Text, w.Textarea)):
        control.continuous_update = True
        return ("value",), ()
    return (), ("value",)


class JournalForm(Closes, SummaryRepr, w.VBox):
    """Base of every form: what it edits is a trait, and one path stores it.

    A control changes → ``edited()`` validates every control's value (``collect()``), a refused
    field falling back to its last good value → ``errors`` (shown beside the fields) and
    ``value`` → ``@observe("value")`` → one journal save → ``stored`` and ``status``.

    Subclasses set ``model`` and declare each answer once in ``FIELDS`` (:class:`Field`):
    :meth:`make_fields` builds the controls and ``rows``, :meth:`read_fields` reads them,
    ``controls()`` lists them. Forms not declared that way yet build their controls and ``rows``
    (field → FieldRow) themselves, list them in ``controls()`` and read them in ``collect()``.
    Every form describes itself in ``summary()``.
    """

    model: type[Record]
    FIELDS: ClassVar[tuple[Field, ...]] = ()  # the answers declared once (most forms: in __init__)
    # field → {pydantic's code: a code of widgets.content.messages to say instead}
    friendly: ClassVar[dict[str, dict[str, str]]] = {}

    value = Instance(
        BaseModel,
        allow_none=True,
        help="The record as the form holds it: each refused field at its last good value",
    )
    stored = Instance(
        BaseModel,
        allow_none=True,
        help="What the journal holds for this entry (None until the first save)",
    )
    errors = Dict(help="Field → the message shown beside it")
    status = Unicode("", help="The status line: what the journal now holds")
    status_ok = Bool(True)
    readonly = Bool(False, help="Coach view: every control disabled, nothing written")

    def __init__(self, journal: Journal, entry_id: str | None = None, **kwargs):
        self.journal = journal
        self.entry_id = entry_id or uuid.uuid4().hex  # before the first save, so no path makes two
        self.status_line = w.HTML(value="", _dom_classes=("stepup-status-line",))
        self._status_before_typing = ("", True)  # what the status said before a burst of typing
        self._typing_said = False  # the status line says typing waits for a pause
        self.rows: dict[str, FieldRow] = getattr(self, "rows", {})
        super().__init__(**kwargs)
        self.add_class("stepup-form")
        if not current.is_readonly():  # the coach's kernel: no model a message could work
            page_keys()

    def controls(self) -> list[w.Widget]:
        """Every control the engineer answers with (default: those of ``FIELDS``); read-only
        mode disables them."""
        return [getattr(self, field.key) for field in self.FIELDS]

    def make_fields(self, record: BaseModel) -> list[w.Widget]:
        """The controls of ``FIELDS`` showing ``record``, each in its row (``rows``); a composite
        is its own row (it shows its message itself)."""
        for field in self.FIELDS:
            control = field.make(self, field.held_in(record))
            setattr(self, field.key, control)
            self.rows[field.name] = (
                control
                if isinstance(control, Messages)
                else FieldRow(control, note=field.note(self.model.kind))
            )
        return [self.rows[field.name] for field in self.FIELDS]

    def read_fields(self) -> dict:
        """What the controls of ``FIELDS`` hold, where the record holds each."""
        answers: dict = {}
        for field in self.FIELDS:
            field.put(answers, field.read(getattr(self, field.key)))
        return answers

    def buttons(self) -> list[w.Widget]:
        """Controls that write on a click; absent in read-only mode."""
        return []

    def collect(self) -> dict:
        """What the controls hold, for the record (default: the ``FIELDS``)."""
        return self.read_fields()

    def field_of(self, loc: tuple) -> str:
        """The field (a key of ``rows``) a pydantic error's location belongs to (default: its
        first part); a nested record's form maps deeper locations to its own rows."""
        return str(loc[0])

    def wire(self, controls: list[w.Widget]) -> None:
        """Save through the one path when ``controls`` change: typed text after a pause, a
        choice at once."""
        for control in controls:
            typed, chosen = typed_and_chosen(control)
            if typed:
                control.observe(self.typed, names=list(typed))
            if chosen:
                control.observe(self.edited, names=list(chosen))

    # -- the one save path ---------------------------------------------------------------------
    def typed(self, change=None) -> None:
        """A key in a text box: the commit waits for a pause in typing (or the page's hiding)."""
        if self.readonly:
            return
        if not PAUSES.waiting(self):
            self._status_before_typing = (self.status, self.status_ok)
            self.say(i18n.gettext(words.TYPING))
            self._typing_said = True
        PAUSES.wait(self, lambda: self.edited(change))

    def edited(self, _change=None) -> None:
        """A control changed: validate the controls' values and hand the result to ``value``."""
        if self.readonly:
            return
        # This reads every control, the text boxes too: a commit still waiting has nothing left.
        PAUSES.cancel(self)
        last_good = (self.value or self.blank()).model_dump()
        candidate, problems = validate_with_fallback(
            self.model, self.collect(), last_good, field_of=self.field_of
        )
        self.errors = {field: self.message(field, items) for field, items in problems.items()}
        if candidate is None:
            whole = self.errors.get(WHOLE_RECORD)
            refusal = i18n.gettext(words.NOT_SAVED).format(reason=whole) if whole else None
            self.say(refusal or i18n.gettext(words.FIX_MARKED), ok=False)
            return
        if candidate == self.value:
            if problems:
                self.say(i18n.gettext(words.KEPT_LAST_GOOD), ok=False)
            elif self._typing_said:  # typed back to what is stored: nothing to save
                self.say(*self._status_before_typing)
            return
        self.value = candidate

    def message(self, field: str, errors: list[dict]) -> str:
        """The sentence beside ``field`` for its first pydantic error (``friendly``: the form's own
        codes for a field, by pydantic's code)."""
        return friendly_message(errors[0], self.friendly.get(field))

    def blank(self) -> Record:
        """The record of an entry nothing has been put in yet (never written as such)."""
        return self.model()

    def worth_saving(self, record: Record) -> bool:
        """A new entry is written once it holds something of the engineer's (default: always)."""
        return True

    @observe("value")
    def _store(self, change) -> None:
        record = change["new"]
        if self.readonly or record is None or record == self.stored:
            return
        if self.stored is None and (record == self.blank() or not self.worth_saving(record)):
            return  # a new entry is written once the engineer has put something in it
        try:
            self.write(record)
        except JournalError as error:
            self.say(i18n.gettext(words.NOT_SAVED).format(reason=error), ok=False)
            return
        self.stored = record
        time = clock.now().strftime("%H:%M")
        saved = words.saved_status(self.saved_words(record), time, kept=bool(self.errors))
        self.say(saved, ok=not self.errors)

    def write(self, record: Record) -> None:
        """The command that stores the form's record (:mod:`widgets.forms.commands`)."""
        commands.save_record(self.journal, record, self.entry_id)

    def saved_words(self, record: Record) -> str:
        """How the status line starts after ``record`` is saved, translated (default: "Saved"):
        a whole clause, put into the sentence :func:`words.saved_status` makes."""
        return i18n.gettext(words.SAVED)

    def load(self, record: Record, stored: Record | None) -> None:
        """Hold ``record`` (``stored``: what the journal has) without writing anything."""
        PAUSES.commit_now(self)  # words typed a moment ago belong to the entry they were typed in
        with self.hold_trait_notifications():
            self.stored = stored
            self.value = record
        self.errors = {}

    # -- what the engineer sees -----------------------------------------------------------------
    @observe("errors")
    def _show_errors(self, change) -> None:
        for name, row in self.rows.items():
            row.show_error(change["new"].get(name, ""))

    def say(self, message: str, ok: bool = True) -> None:
        """Put ``message`` on the status line; ``ok=False`` shows it as a problem."""
        self._typing_said = False  # a flag, not the words: code never compares a sentence
        with self.hold_trait_notifications():
            self.status, self.status_ok = message, ok

    @observe("status", "status_ok")
    def _show_status(self, _change) -> None:
        self.status_line.value = (
            fragments.status(self.status, self.status_ok)
            if self.status and not self.readonly
            else ""
        )

    def adopt(
        self, rows: dict[str, FieldRow], controls: list[w.Widget], buttons: list[w.Widget]
    ) -> None:
        """Controls built after the form (a pane opened, an entry added): their messages show
        beside them, they save through the one path, and they follow the form's mode."""
        self.rows.update(rows)
        self.wire(controls)
        self._set_mode(controls, buttons, self.readonly)

    @observe("readonly")
    def _apply_readonly(self, change) -> None:
        self._set_mode(self.controls(), self.buttons(), change["new"])
        self._show_status(None)

    @staticmethod
    def _set_mode(controls: list[w.Widget], buttons: list[w.Widget], readonly: bool) -> None:
        for control in controls:
            control.disabled = readonly
            if readonly:
                fit_to_text(control)
        for button in buttons:
            button.layout.display = "none" if readonly else None

    @observe("value")
    def _refit_readonly(self, _change) -> None:
        if self.readonly:  # the coach's page: what is shown is read whole, never scrolled
            for control in self.controls():
                fit_to_text(control)


class TickGrid(Composite):
    """Tick boxes in as many columns as the page has room for, as one widget model; ``chosen``
    holds the ticked ids in the options' order. (Fixed columns were wider than a narrow notebook
    and put a scrollbar under the grid; a fixed box width cut long names off.)"""

    _esm = composite_esm("tick_grid")
    ANSWERS = ("chosen",)

    chosen = List(Unicode(), help="The ids ticked, in the options' order").tag(sync=True)
    options = List(Tuple(Unicode(), Unicode(), Unicode()), help="(id, name, hover text)").tag(
        sync=True
    )
    label = Unicode("", help="What the boxes are, for a screen reader").tag(sync=True)

    def __init__(self, options: list[tuple[str, str, str]], chosen: list[str], label: str):
        super().__init__(
            options=options,
            chosen=[oid for oid, _, _ in options if oid in chosen],
            label=label,
            words=words.tick_grid_words(),
        )

    @validate("chosen")
    def _ids_of_options_in_order(self, proposal) -> list[str]:
        ids = [oid for oid, _name, _hover in self.options]
        unknown = set(proposal["value"]) - set(ids)
        if unknown:
            raise TraitError(f"not among the options: {sorted(unknown)}")
        return [oid for oid in ids if oid in proposal["value"]]

    def tick(self, option_id: str, ticked: bool = True) -> None:
        """Tick (or untick) one box, as the engineer does."""
        others = [oid for oid in self.chosen if oid != option_id]
        self.chosen = [*others, option_id] if ticked else others


# A long-text box on the coach's page renders about 300 px wide: 35 characters a line (measured
# in Voila). Counting fewer only leaves a little room; counting more cut the text off.
READ_CHARS_PER_LINE = 34


def fit_to_text(control: w.Widget) -> None:
    """A disabled box shows all of its text: nobody can scroll or resize it to read the rest
    (the coach's page cut worries off inside their box, and long level names at the edge)."""
    if isinstance(control, w.Textarea):
        lines = (control.value or "").splitlines() or [""]
        control.rows = max(2, sum(-(-len(line) // READ_CHARS_PER_LINE) or 1 for line in lines))
        control.layout.height = "auto"
    elif isinstance(control, w.Text) and control.value:
        label = control.style.description_width or "0px"
        control.layout.min_width = f"min(100%, calc({label} + {len(control.value) + 4}ch))"
