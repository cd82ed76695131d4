"""Workbooks 03 and 04: say it aloud. A timed spoken take of a project's summary, a story or the
opening of a design answer, recorded in the browser, measured in Python, rated and replayed.

:class:`Recorder` is one widget model (``static/recorder.js``): the browser asks for the
microphone, shows a running clock against the time box, stops at the box and sends the recording
as a binary buffer; the kernel measures it (:mod:`widgets.speech`) and stores it with its
record in one save (:meth:`Journal.save_take`). :class:`RehearsalForm` saves the ratings of the
chosen take through :class:`JournalForm`'s one path. :class:`RehearsalSection` is a closed pane of
an editor that builds the form the first time it is opened, so a workbook opens with no recorder.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import ClassVar

import ipywidgets as w
from ipywidgets.widgets.trait_types import bytes_serialization
from traitlets import Bool, Bytes, Dict, Int, List, Tuple, Unicode, observe, validate

from widgets import i18n
from widgets.forms import commands
from widgets.forms.base import Composite, JournalForm, composite_esm, one_of
from widgets.i18n import N_, format_number
from widgets.readers.rehearsal import (
    SUBJECTS,
    box_text,
    new_take,
    take_label,
    take_points,
    take_words,
    takes_alt,
    takes_of,
    time_boxes,
)
from widgets.storage import audio as recordings
from widgets.storage import clock
from widgets.storage.journal import Journal, JournalError, megabytes
from widgets.storage.records import TAKE_RATINGS, Rehearsal
from widgets.views.fragments import fragment

RATING_OPTIONS = [("—", None)] + [(str(n), n) for n in range(1, 6)]
RATING_HINTS = {
    "clarity": N_("Clarity: could a listener follow every sentence?"),
    "structure": N_("Structure: main point first, then the parts in order?"),
    "pace": N_("Pace: not rushed, no long searches for words?"),
    "confidence": N_("Confidence: did it sound like you stand behind it?"),
}
# The take's answers the recorder holds, declared once: each score of the record's two score
# dicts under the rating's name (the coach's with "coach_" before it), and three lines of text
# under the record's own names. Not :class:`Field`s: they share the recorder's one widget model.
SCORES = {"self_scores": "", "coach_scores": "coach_"}
TEXTS = ("notes", "coach_rater", "coach_note")
RATED = tuple(prefix + name for prefix in SCORES.values() for name in TAKE_RATINGS)
NOT_KEPT = N_(
    "The recording of this take is not in the journal (it was left out when the journal was "
    "imported); its figures and ratings are kept."
)
NOTHING_RECORDED = N_(
    "Nothing was recorded: the microphone sent no sound. Check it, then record again."
)


def rating_names() -> dict[str, str]:
    """Each rating's name as the recorder labels its picker ("Clarity"), by rating id."""
    return {
        "clarity": i18n.gettext("Clarity"),
        "structure": i18n.gettext("Structure"),
        "pace": i18n.gettext("Pace"),
        "confidence": i18n.gettext("Confidence"),
    }


def recorder_words() -> dict:
    """Every word the recorder's browser side shows, in the active language (static/recorder.js
    holds none of its own). ``start_failed`` keeps ``{reason}`` for the browser's error name."""
    gettext = i18n.gettext
    names = rating_names()
    hints = {name: gettext(hint) for name, hint in RATING_HINTS.items()}
    return {
        "time_box": gettext("Time box"),
        "record": gettext("● Record"),
        "stop": gettext("■ Stop"),
        "time_used": gettext("Time used of the time box"),
        "takes": gettext("Takes"),
        "takes_label": gettext("Your takes of this item"),
        "delete": gettext("Delete this take"),
        "confirm_delete": gettext(
            "Delete this take and its recording? The recording cannot be brought back."
        ),
        "what_each_asks": gettext("what each asks"),
        "rating_names": names,
        "hints": hints,
        "coach_hints": {
            name: gettext("The coach's view. {hint}").format(hint=hint)
            for name, hint in hints.items()
        },
        "help": " · ".join(
            gettext("{rating}: {hint}").format(rating=names[name], hint=hints[name])
            for name in TAKE_RATINGS
        ),
        "your_ratings": gettext("Your ratings (1 to 5)"),
        "notes": gettext("A line of notes: what to change in the next take"),
        "notes_label": gettext("Notes on this take"),
        "coach_name": gettext("Coach's name (needed for the coach's ratings)"),
        "coach_name_label": gettext("Coach's name"),
        "coach_ratings": gettext("Coach's ratings (optional, stored with the coach's name)"),
        "coach_note": gettext("The coach's note on this take"),
        "asking": gettext("Asking for the microphone…"),
        "measuring": gettext("Measuring your take…"),
        "recording": gettext("Recording: speak now. It stops at the time box."),
        "cannot_record": gettext(
            "This browser cannot record audio. Open the workbook in a recent Chrome, Edge, "
            "Firefox or Safari to record; your earlier takes still play here."
        ),
        "not_secure": gettext(
            "The browser offers no microphone to this page because it is not opened over https "
            "or from localhost. Open JupyterLab at its localhost address (make lab prints it) to "
            "record."
        ),
        "refused": gettext(
            "The browser was not allowed to use the microphone. Allow it (the microphone or lock "
            "icon in the address bar, or the browser's site settings), then press Record again."
        ),
        "no_microphone": gettext(
            "No microphone was found. Plug one in or switch it on (check the system's sound "
            "settings), then press Record again."
        ),
        "no_format": gettext(
            "This browser records audio only in a format Step Up does not read (it reads webm "
            "and ogg opus). Open the workbook in a recent Chrome, Edge or Firefox to record."
        ),
        "busy_microphone": gettext(
            "The microphone could not be started: another program may be using it. Close that "
            "program, then press Record again."
        ),
        "start_failed": gettext(
            "The microphone could not be started ({reason}). Press Record to try again."
        ),
        "unknown_reason": gettext("unknown reason"),
    }


def time_box_options() -> list[tuple[str, int]]:
    """The time boxes offered, named in the active language ("2 minutes")."""
    return time_boxes()


class Recorder(Composite):
    """The recorder and the chosen take, in one widget model.

    The browser records and sends ``{"kind": "take", "mime", "time_box_s"}`` with the audio as a
    buffer; ``{"kind": "delete"}`` deletes the chosen take; ``{"kind": "nothing"}`` says the
    recording held no sound. ``browser_problem`` is what the
    browser said it could not do (no microphone, permission refused, no MediaRecorder).
    """

    _esm = composite_esm("recorder")
    ANSWERS = (*RATED, *TEXTS)
    TYPED = TEXTS

    what = Unicode("", help="What is rehearsed, e.g. 'the story'").tag(sync=True)
    time_box_s = Int(120, help="The time box of the next take, in seconds").tag(sync=True)
    time_box_options = List(Tuple(Unicode(), Int())).tag(sync=True)
    takes = List(Tuple(Unicode(), Unicode()), help="(label, entry id), oldest first").tag(sync=True)
    selected = Unicode("", help="The entry id of the take shown").tag(sync=True)
    rating_options = List(Tuple(Unicode(), Int(allow_none=True))).tag(sync=True)
    rating_hints = List(Tuple(Unicode(), Unicode())).tag(sync=True)
    clarity = Int(None, allow_none=True).tag(sync=True)
    structure = Int(None, allow_none=True).tag(sync=True)
    pace = Int(None, allow_none=True).tag(sync=True)
    confidence = Int(None, allow_none=True).tag(sync=True)
    notes = Unicode("", help="A line of notes on the take").tag(sync=True)
    coach_rater = Unicode("", help="The coach's name, when a coach rates").tag(sync=True)
    coach_clarity = Int(None, allow_none=True).tag(sync=True)
    coach_structure = Int(None, allow_none=True).tag(sync=True)
    coach_pace = Int(None, allow_none=True).tag(sync=True)
    coach_confidence = Int(None, allow_none=True).tag(sync=True)
    coach_note = Unicode("").tag(sync=True)
    result = Unicode("", help="HTML: what the chosen take measured").tag(sync=True, html=True)
    busy = Bool(False, help="A take is being measured and saved").tag(sync=True)
    playback = Bytes(b"", help="The chosen take's recording").tag(sync=True, **bytes_serialization)
    playback_mime = Unicode("").tag(sync=True)
    chart = Unicode("", help="The takes chart, a base64 PNG").tag(sync=True)
    chart_alt = Unicode("").tag(sync=True)
    browser_problem = Unicode("", help="What the browser could not do").tag(sync=True)
    kept = Unicode("", help="How much of the journal's room for recordings is used").tag(sync=True)
    words = Dict(help="The recorder's words in the engineer's language (recorder_words)").tag(
        sync=True
    )

    def __init__(self, what: str, time_box_s: int):
        words = recorder_words()
        super().__init__(
            what=what,
            time_box_s=time_box_s,
            time_box_options=time_box_options(),
            rating_options=RATING_OPTIONS,
            rating_hints=list(words["hints"].items()),
            words=words,
        )

    @validate("time_box_s")
    def _a_time_box(self, proposal):
        return one_of(self.time_box_options, proposal["value"])

    @validate(*RATED)
    def _a_rating(self, proposal):
        return one_of(RATING_OPTIONS, proposal["value"])

    def ratings(self, prefix: str = "") -> dict[str, int]:
        """The ratings given (``prefix`` "coach_": the coach's), by rating name."""
        return {
            name: getattr(self, prefix + name)
            for name in TAKE_RATINGS
            if getattr(self, prefix + name) is not None
        }

    def show(self, take: Rehearsal) -> None:
        """Hold ``take``'s ratings and notes, to be edited."""
        with self.hold_trait_notifications():
            for field, prefix in SCORES.items():
                for name in TAKE_RATINGS:
                    setattr(self, prefix + name, getattr(take, field).get(name))
            for name in TEXTS:
                setattr(self, name, getattr(take, name))

    def answers(self) -> dict:
        """The ratings and notes held, as a take's record holds them."""
        scores = {field: self.ratings(prefix) for field, prefix in SCORES.items()}
        return {**scores, **{name: getattr(self, name) for name in TEXTS}}


class RehearsalForm(JournalForm):
    """The takes of one item: record a new one, choose one to replay and rate.

    ``take_recorded(audio, mime, time_box_s)`` is what the browser's recording leads to (tests
    call it directly); ``choose(entry_id)`` shows a take; ``delete_chosen()`` deletes it with its
    recording.
    """

    model = Rehearsal
    friendly: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(
        self,
        journal: Journal,
        subject_kind: str,
        subject_id: str,
        readonly: bool = False,
        draw_chart: Callable[[list[Rehearsal]], bytes] | None = None,
    ):
        self.subject_kind, self.subject_id = subject_kind, subject_id
        what, box = SUBJECTS[subject_kind]
        what = i18n.gettext(what)
        self.recorder = Recorder(what, box)
        self.draw_chart = draw_chart or _draw_chart
        super().__init__(journal, readonly=readonly)
        self._loading = False
        self.children = (
            w.HTML(fragment("forms/rehearsal_intro", what=what)),
            self.recorder,
            self.status_line,
        )
        self.recorder.on_msg(self._from_browser)
        self.recorder.observe(self._chosen, names="selected")
        self.wire([self.recorder])
        self._apply_readonly({"new": readonly})
        takes = self.takes()
        self._list(takes)
        if takes:
            self.choose(takes[-1][0])
        else:
            self._draw([])

    # -- what the form edits ----------------------------------------------------------------
    def controls(self) -> list[w.Widget]:
        return [self.recorder]

    def takes(self) -> list[tuple[str, Rehearsal]]:
        """The item's takes, oldest first, with their entry ids."""
        return takes_of(self.journal, self.subject_kind, self.subject_id)

    def edited(self, _change=None) -> None:
        if self.value is None:  # no take chosen: nothing to rate yet
            return
        super().edited(_change)

    def collect(self) -> dict:
        # The take's figures and recording are the browser's and the measurement's: kept as held.
        return {**self.value.model_dump(), **self.recorder.answers()}

    @observe("errors")
    def _show_errors(self, change) -> None:
        # Every refused rating or name shows beside the recorder's ratings: its first message.
        self.recorder.show_error(next(iter(change["new"].values()), ""))

    def saved_words(self, record: Rehearsal) -> str:
        return i18n.gettext("Ratings saved")

    # -- the browser's messages ---------------------------------------------------------------
    def _from_browser(self, _widget, content: dict, buffers: list) -> None:
        if not isinstance(content, dict):
            return
        if content.get("kind") == "take" and buffers:
            self.take_recorded(
                bytes(buffers[0]), str(content.get("mime", "")), content.get("time_box_s")
            )
        elif content.get("kind") == "delete":
            self.delete_chosen()
        elif content.get("kind") == "nothing":  # the browser's recording held no sound at all
            self.take_refused(i18n.gettext(NOTHING_RECORDED))

    def take_refused(self, sentence: str) -> None:
        """A take that was not kept: its reason beside the recorder, in place of the last
        "Take saved at …"."""
        self.recorder.show_error(sentence)
        self.say(i18n.gettext("The take was not saved."), ok=False)

    def take_recorded(self, audio: bytes, mime: str, time_box_s) -> Rehearsal | None:
        """Measure a take, store it with its recording, and show it; a sentence when it cannot."""
        from widgets import speech  # PyAV loads with the first take, not with the workbook

        r = self.recorder
        if self.readonly:
            r.show_error(
                i18n.gettext("This page is read-only: takes are replayed here, not recorded.")
            )
            return None
        r.busy = True
        try:
            offered = [seconds for _, seconds in time_boxes()]
            box = time_box_s if time_box_s in offered else r.time_box_s
            try:
                record = new_take(
                    self.subject_kind, self.subject_id, box, audio, mime, clock.today()
                )
                entry = commands.save_take(self.journal, record, audio)
            except (speech.SpeechError, JournalError) as error:
                self.take_refused(str(error))
                return None
            r.show_error("")
            takes = self.takes()
            self._list(takes)
            self.choose(entry.id, takes, audio=(audio, record.audio.mime))
            self.say(
                i18n.gettext("Take saved at {time}. Rate it below.").format(
                    time=clock.now().strftime("%H:%M")
                )
            )
            return record
        finally:
            r.busy = False

    def delete_chosen(self) -> None:
        """Delete the chosen take and its recording (from every revision)."""
        if self.readonly or not self.recorder.selected:
            return
        try:
            commands.delete_take(self.journal, self.recorder.selected)
        except JournalError as error:
            self.say(i18n.gettext("Not deleted: {error}").format(error=error), ok=False)
            return
        takes = self.takes()
        self._list(takes)
        if takes:
            self.choose(takes[-1][0], takes)
        else:
            self._show_none()
        self.say(i18n.gettext("Take deleted, with its recording."))

    # -- showing a take ---------------------------------------------------------------------
    def _chosen(self, change) -> None:
        if change["new"] and change["new"] != self.entry_id:
            self.choose(change["new"])

    def choose(self, entry_id: str, takes=None, audio: tuple[bytes, str] | None = None) -> None:
        """Show one take: its figures, its recording to replay, its ratings to edit."""
        takes = takes if takes is not None else self.takes()
        found = dict(takes)
        if entry_id not in found:
            return
        record = found[entry_id]
        self.entry_id = entry_id
        self._loading = True
        try:
            self.load(record, record)
            self._show_take(record, entry_id, takes, audio)
        finally:
            self._loading = False

    def _show_take(self, record: Rehearsal, entry_id: str, takes, audio) -> None:
        number = [tid for tid, _ in takes].index(entry_id) + 1
        clip = audio or self.journal.audio(record.audio.sha256)
        r = self.recorder
        with r.hold_trait_notifications():
            r.selected = entry_id
            r.show(record)
        r.result = fragment(
            "forms/take_result",
            words=take_words(record),
            number=number,
            note="" if clip else i18n.gettext(NOT_KEPT),
        )
        with r.hold_sync():
            r.playback_mime = clip[1] if clip else ""
            r.playback = clip[0] if clip else b""
        self._draw([t for _, t in takes])

    def _show_none(self) -> None:
        self.entry_id = ""
        self._loading = True
        try:
            self.load(None, None)
        finally:
            self._loading = False
        r = self.recorder
        with r.hold_trait_notifications():
            r.selected = ""
            r.result = ""
            r.playback, r.playback_mime = b"", ""
        self._draw([])

    def _list(self, takes: list[tuple[str, Rehearsal]]) -> None:
        with self.recorder.hold_sync():
            self.recorder.takes = [
                (take_label(t, n), tid) for n, (tid, t) in enumerate(takes, start=1)
            ]
            kept = i18n.gettext("Recordings in your journal: {used} of {room}.")
            self.recorder.kept = kept.format(
                used=megabytes(self.journal.audio_bytes()),
                room=megabytes(recordings.MAX_JOURNAL_AUDIO_BYTES),
            )

    def _draw(self, takes: list[Rehearsal]) -> None:
        if not takes:
            self.recorder.chart, self.recorder.chart_alt = "", ""
            return
        png = self.draw_chart(takes)
        with self.recorder.hold_sync():
            self.recorder.chart_alt = takes_alt(takes)
            self.recorder.chart = base64.b64encode(png).decode("ascii")

    @observe("stored")
    def _ratings_follow(self, change) -> None:
        # A rating saved: the list and the chart's ratings row follow.
        if change["new"] is not None and not self._loading and hasattr(self, "recorder"):
            takes = self.takes()
            self._list(takes)
            self._draw([t for _, t in takes])

    @observe("readonly")
    def _recorder_mode(self, change) -> None:
        if hasattr(self, "recorder"):
            self.recorder.disabled = change["new"]

    def summary(self) -> str:
        takes = self.takes()
        return "\n".join(
            [rehearsal_heading(self.subject_kind, len(takes))]
            + [f"  {take_label(t, n)}" for n, (_, t) in enumerate(takes, start=1)]
        )


def rehearsal_heading(subject_kind: str, count: int) -> str:
    """The summary's first line for the takes of one kind of item, one sentence each:
    "Rehearsal of the story: 2 takes"."""
    n = format_number(count)
    if subject_kind == "project":
        if not count:
            return i18n.gettext("Rehearsal of the project summary: no takes yet")
        return i18n.ngettext(
            "Rehearsal of the project summary: {count} take",
            "Rehearsal of the project summary: {count} takes",
            count,
        ).format(count=n)
    if subject_kind == "story":
        if not count:
            return i18n.gettext("Rehearsal of the story: no takes yet")
        return i18n.ngettext(
            "Rehearsal of the story: {count} take", "Rehearsal of the story: {count} takes", count
        ).format(count=n)
    if not count:
        return i18n.gettext("Rehearsal of the opening of the design answer: no takes yet")
    return i18n.ngettext(
        "Rehearsal of the opening of the design answer: {count} take",
        "Rehearsal of the opening of the design answer: {count} takes",
        count,
    ).format(count=n)


def _draw_chart(takes: list[Rehearsal]) -> bytes:
    from widgets.charts.base import to_png
    from widgets.charts.rehearsal import rehearsal_takes

    return to_png(rehearsal_takes(take_points(takes)), dpi=80)


class RehearsalSection(w.Accordion):
    """A closed pane "Say it aloud" in an editor; the recorder is built when it is first opened
    (a workbook of many stories opens with no recorder at all)."""

    def __init__(
        self,
        journal: Journal,
        subject_kind: str,
        subject_id: str,
        readonly: bool = False,
    ):
        self.journal, self.subject_kind, self.subject_id = journal, subject_kind, subject_id
        self.readonly = readonly
        self.form: RehearsalForm | None = None
        what, box = SUBJECTS[subject_kind]
        super().__init__(children=[w.VBox()], selected_index=None)
        self.set_title(
            0,
            i18n.gettext("Say it aloud: record {what} in {time_box} and hear it back").format(
                what=i18n.gettext(what), time_box=i18n.gettext(box_text(box))
            ),
        )

    def open_rehearsal(self) -> RehearsalForm:
        """Open the pane, as the engineer does by clicking its title; returns the form."""
        self.selected_index = 0
        assert self.form is not None
        return self.form

    @observe("selected_index")
    def _build_opened(self, change) -> None:
        if change["new"] is None or self.form is not None:
            return
        self.form = RehearsalForm(
            self.journal, self.subject_kind, self.subject_id, readonly=self.readonly
        )
        self.children[0].children = (self.form,)

    def close(self) -> None:
        if self.form is not None:
            self.form.close()
        super().close()
