"""Workbook 04's estimation drills, done at the senior bar: the engineer sees only the question,
writes their own assumptions and estimate, and presses Check; only then the page shows the
reference assumptions, the worked steps, the answer and how far off the estimate was.

Every Check that holds an estimate is one attempt, saved as an entry of its own through one
command (:func:`widgets.forms.commands.save_drill_attempt`): earlier attempts stay. A refused
value gets its message beside its field, and nothing is stored. The coach's page shows every
attempt as a read-only card, with no control at all.
"""

from __future__ import annotations

import re
from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup
from pydantic import ValidationError
from traitlets import Bool, Unicode, observe

from widgets import i18n
from widgets.content import tracks
from widgets.content.design import CLOSE_ENOUGH, design_practice, figure
from widgets.content.seeds import DrillAnswer, EstimationDrill, TrackPractice
from widgets.forms import commands
from widgets.forms.base import (
    CSS,
    LABEL_STYLE,
    Closes,
    Field,
    FieldRow,
    JournalForm,
    SummaryRepr,
    close_tree,
    number_text,
    short_text,
    text_field,
)
from widgets.forms.entries import text_card
from widgets.forms.errors import field_key
from widgets.i18n import N_
from widgets.readers.drills import drill_attempts
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import DrillAttempt
from widgets.views.fragments import fragment, with_page_css

WIDE = {"width": "100%", "max_width": "620px"}
QUESTION_CHARS = 90  # a drill's question as the picker shows it
# A number the estimate cannot take, and no assumptions: the words of content/messages.py.
ESTIMATE = dict.fromkeys(
    ("float_parsing", "float_type", "finite_number", "greater_than", "less_than_equal"),
    "estimate_number",
)
ASSUMPTIONS = dict.fromkeys(("string_too_short", "missing"), "assumptions_missing")
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_POWER_OF_TEN = re.compile(r"^(\d+(?:\.\d+)?)[x×*]10\^(-?\d{1,3})$")


def parse_estimate(text: str) -> float | str | None:
    """An estimate as typed: '50,000' and '50000' and '5e4' and '5 x 10^4' → 50000.0, '6,5' →
    6.5, '' → None; other text is passed on for validation to refuse."""
    cleaned = re.sub(r"[\s_\u202f]", "", text)
    if not cleaned:
        return None
    cleaned = cleaned.replace(",", "") if _THOUSANDS.match(cleaned) else cleaned.replace(",", ".")
    power = _POWER_OF_TEN.match(cleaned)
    if power:
        return float(power[1]) * 10 ** int(power[2])
    try:
        return float(cleaned)
    except ValueError:
        return text


def drill_label(drill: EstimationDrill) -> str:
    """A drill as the picker names it: its question, shortened, and its track's label."""
    question = drill.question
    if len(question) > QUESTION_CHARS:
        question = question[: QUESTION_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return i18n.gettext("{question} ({track})").format(
        question=question, track=tracks.tracks().get(drill.track).label
    )


def unit_words(unit: str) -> str:
    """A drill's unit as the page says it, from the English unit the seed and the journal hold
    ("requests per second"); a unit this list does not know is shown as it is."""
    units = {
        "bytes": i18n.gettext("bytes"),
        "bytes per day": i18n.gettext("bytes per day"),
        "bits per second": i18n.gettext("bits per second"),
        "requests per second": i18n.gettext("requests per second"),
        "queries per second": i18n.gettext("queries per second"),
        "requests": i18n.gettext("requests"),
        "percent of requests": i18n.gettext("percent of requests"),
        "connections": i18n.gettext("connections"),
        "workers": i18n.gettext("workers"),
        "cache servers": i18n.gettext("cache servers"),
        "CPU cores": i18n.gettext("CPU cores"),
        "GPUs": i18n.gettext("GPUs"),
        "GPU-hours": i18n.gettext("GPU-hours"),
        "milliseconds": i18n.gettext("milliseconds"),
        "seconds": i18n.gettext("seconds"),
        "hours": i18n.gettext("hours"),
        "days": i18n.gettext("days"),
        "minutes a month": i18n.gettext("minutes a month"),
        "dollars a month": i18n.gettext("dollars a month"),
        "dollars per million tokens": i18n.gettext("dollars per million tokens"),
        "times today's peak": i18n.gettext("times today's peak"),
        "fraud examples": i18n.gettext("fraud examples"),
        "crashes a day": i18n.gettext("crashes a day"),
        "conflicts a day": i18n.gettext("conflicts a day"),
        "values": i18n.gettext("values"),
    }
    return units.get(unit, unit)


def source_unit(drill: EstimationDrill) -> str:
    """The drill's unit in the seed's own words (English), as an attempt stores it: the journal
    never holds a translated label, whatever language the page is read in."""
    if i18n.current() != i18n.source():
        with i18n.use(i18n.source()):
            source = design_practice().drill(drill.id)
        if source is not None:
            return source.answer.unit
    return drill.answer.unit


def _estimate_box(form: DrillAttemptForm, value: float | None) -> w.Text:
    return short_text(
        number_text(value),
        i18n.gettext("Your estimate"),
        i18n.gettext("a number, e.g. 5e4 or 50,000"),
        **form.NARROW,
    )


def _times(factor: float) -> str:
    """A factor as the verdict says it: "3.2", "25", "1,200" (rounded as Python rounds)."""
    return i18n.format_number(float(f"{factor:.1f}") if factor < 10 else round(factor))


def verdict(answer: DrillAnswer, guess: float) -> str:
    """How far ``guess`` is from ``answer``, and whether it counts, in plain words."""
    ratio = guess / answer.value
    off = max(ratio, 1 / ratio)
    if answer.accepts(guess):
        if off < CLOSE_ENOUGH:
            words = i18n.gettext(
                "Within the accepted range ({within} times either way): your estimate is about "
                "the same as the reference answer."
            )
        elif ratio > 1:
            words = i18n.gettext(
                "Within the accepted range ({within} times either way): your estimate is {off} "
                "times the reference answer (too high)."
            )
        else:
            words = i18n.gettext(
                "Within the accepted range ({within} times either way): your estimate is {off} "
                "times smaller than the reference answer (too low)."
            )
    elif off < CLOSE_ENOUGH:
        words = i18n.gettext(
            "Outside the accepted range ({within} times either way): your estimate is about "
            "the same as the reference answer."
        )
    elif ratio > 1:
        words = i18n.gettext(
            "Outside the accepted range ({within} times either way): your estimate is {off} "
            "times the reference answer (too high)."
        )
    else:
        words = i18n.gettext(
            "Outside the accepted range ({within} times either way): your estimate is {off} "
            "times smaller than the reference answer (too low)."
        )
    return words.format(within=_times(answer.within), off=_times(off))


def attempt_verdict(attempt: DrillAttempt, drill: EstimationDrill | None) -> str:
    """How far an attempt was, judged against the answer and range it was checked against then
    (a drill corrected since leaves its old attempts as they were judged)."""
    kept = (("value", attempt.reference), ("within", attempt.within))
    update = {name: value for name, value in kept if value is not None}
    if drill is not None:
        answer = drill.answer.model_copy(update=update)
    elif "value" in update:
        answer = DrillAnswer(unit=attempt.unit or "units", say="(no longer offered)", **update)
    else:
        return ""
    return verdict(answer, attempt.estimate)


class DrillAttemptForm(JournalForm):
    """One drill: its question, the engineer's assumptions and estimate, a Check button, and
    (once checked) the reference reasoning in ``reveal``. ``revealed`` says whether the answer
    has been shown in this form; an attempt made after that is marked so."""

    model = DrillAttempt
    NARROW: ClassVar[dict] = {"width": "100%", "max_width": "420px"}
    FIELDS = (
        text_field(
            "assumptions",
            N_("Your assumptions"),
            N_("One a line: the numbers you start from and why, e.g. '10 million payments a day'."),
            lines=True,
            **WIDE,
            height="90px",
        ),
        Field(
            "estimate",
            N_("Your estimate"),
            _estimate_box,
            read=lambda box: parse_estimate(box.value),
            words=number_text,
        ),
    )
    friendly: ClassVar[dict[str, dict[str, str]]] = {
        "estimate": ESTIMATE,
        "assumptions": ASSUMPTIONS,
    }
    revealed = Bool(False, help="The reference reasoning is on the page")

    def __init__(self, journal: Journal, drill: EstimationDrill, readonly: bool = False):
        self.drill = drill
        super().__init__(journal)
        self.make_fields(self.blank())
        # The unit beside the estimate (the engineer answers in the drill's unit): the row
        # make_fields gave it is replaced by one with the unit as its note.
        plain = self.rows["estimate"]
        plain.children = ()
        plain.close()
        self.unit = source_unit(drill)  # stored with each attempt, as the seed says it
        unit = unit_words(self.unit)
        self.rows["estimate"] = FieldRow(
            self.estimate, note=i18n.gettext("in {unit}").format(unit=unit)
        )
        self.question = w.HTML(
            fragment("forms/estimation_question", question=drill.question, unit=unit)
        )
        self.check_button = w.Button(
            description=i18n.gettext("Check"),
            icon="check",
            button_style="primary",
            layout={"width": "auto"},
        )
        self.check_button.on_click(lambda _button: self.check())
        self.reveal = w.HTML(layout={"max_width": "780px"})
        self.children = (
            self.question,
            self.rows["assumptions"],
            self.rows["estimate"],
            self.check_button,
            self.status_line,
            self.reveal,
        )
        self.readonly = readonly

    def blank(self) -> DrillAttempt:
        """No attempt yet: nothing written, the fields empty."""
        return DrillAttempt.model_construct(
            drill_id=self.drill.id, attempted_on=clock.today(), assumptions="", estimate=None
        )

    def buttons(self) -> list[w.Widget]:
        """The Check button (hidden in read-only mode)."""
        return [self.check_button]

    def field_of(self, loc: tuple) -> str:
        """The field of a refused value; a rule about the whole attempt lands beside the
        estimate."""
        return str(loc[0]) if loc and str(loc[0]) in self.rows else "estimate"

    def attempt_data(self) -> dict:
        """The attempt as the controls hold it now, with the answer it is checked against."""
        return {
            **self.read_fields(),
            "drill_id": self.drill.id,
            "attempted_on": clock.today(),
            "unit": self.unit,
            "reference": self.drill.answer.value,
            "within": self.drill.answer.within,
            "after_answer": self.revealed,
        }

    def check(self) -> DrillAttempt | None:
        """Check the estimate: a refused value gets its message and nothing is stored; a valid
        attempt is saved (once: the same words checked twice are one attempt) and the
        reference reasoning shown. Returns the attempt the form now holds, or None."""
        if self.readonly:
            return None
        try:
            attempt = DrillAttempt.model_validate(self.attempt_data())
        except ValidationError as error:
            problems: dict[str, list[dict]] = {}
            for item in error.errors():
                problems.setdefault(field_key(item, self.field_of), []).append(item)
            self.errors = {field: self.message(field, items) for field, items in problems.items()}
            self.say(i18n.gettext("Not checked: fix the fields marked in red."), ok=False)
            return None
        self.errors = {}
        if self.stored is not None and _same_attempt(attempt, self.stored):
            attempt = self.stored  # checked again unchanged: no second attempt
        self.value = attempt  # the one save path: JournalForm._store → write()
        if self.stored == attempt:
            self.revealed = True  # → _show_reveal
        return self.stored

    def write(self, record: DrillAttempt) -> None:
        """Each attempt is a new entry: earlier attempts are never overwritten."""
        self.entry_id = commands.save_drill_attempt(self.journal, record).id

    def saved_words(self, record: DrillAttempt) -> str:
        """The status line after an attempt is saved."""
        return i18n.gettext("Attempt saved")

    @observe("revealed", "stored")
    def _show_reveal(self, _change) -> None:
        """The reference reasoning, judged against the last attempt saved, once revealed."""
        if not (self.revealed and self.stored is not None) or not hasattr(self, "reveal"):
            return
        drill, attempt = self.drill, self.stored
        self.reveal.value = fragment(
            "forms/estimation_reveal",
            verdict=attempt_verdict(attempt, drill),
            assumptions=drill.assumptions,
            steps=[(step.say, step.calc, figure(step.result)) for step in drill.steps],
            answer=figure(drill.answer.value),
            unit=unit_words(self.unit),
            say=drill.answer.say,
            sources=drill.sources,
            judgement=drill.judgement is not None,
        )

    def summary(self) -> str:
        """The drill and the form's last attempt, as plain text."""
        if self.stored is None:
            return i18n.gettext("Drill: {question}").format(question=self.drill.question)
        return i18n.gettext("Drill: {question}; last attempt {estimate} {unit}").format(
            question=self.drill.question,
            estimate=number_text(self.stored.estimate),
            unit=unit_words(self.stored.unit),
        )


def _same_attempt(one: DrillAttempt, other: DrillAttempt) -> bool:
    """The same assumptions and estimate (the flag of a second look aside)."""
    return one.model_copy(update={"after_answer": other.after_answer}) == other


def attempt_rows(
    attempts: list[DrillAttempt], drill: EstimationDrill | None, verdicts: bool
) -> list[dict]:
    """The attempts as the list shows them; their verdicts only when ``verdicts``."""
    return [
        {
            "date": a.attempted_on.isoformat(),
            "estimate": figure(a.estimate),
            "unit": unit_words(a.unit),
            "verdict": attempt_verdict(a, drill) if verdicts else "",
            "after": a.after_answer,
            "assumptions": " / ".join(a.assumptions.splitlines()),
        }
        for a in attempts
    ]


def drill_card(
    drill: EstimationDrill | None, drill_id: str, attempts: list[DrillAttempt]
) -> Markup:
    """The coach's read-only card of one drill: the reference answer and every attempt."""
    title = (
        drill.question
        if drill
        else i18n.gettext("(a drill no longer offered: {drill})").format(drill=drill_id)
    )
    subtitle = (
        i18n.gettext("Reference answer: {answer} {unit}").format(
            answer=figure(drill.answer.value), unit=unit_words(source_unit(drill))
        )
        if drill
        else ""
    )
    parts = [
        (
            i18n.gettext("{date} (after the answer)").format(date=row["date"])
            if row["after"]
            else row["date"],
            i18n.gettext("{estimate} {unit}. {verdict} Assumptions: {assumptions}").format(
                estimate=row["estimate"],
                unit=row["unit"],
                verdict=row["verdict"],
                assumptions=row["assumptions"],
            ),
        )
        for row in attempt_rows(attempts, drill, verdicts=True)
    ]
    return text_card(title, subtitle, parts)


class EstimationDrillsPanel(Closes, SummaryRepr, w.VBox):
    """Pick a drill and attempt it; the past attempts at the drill under it. In the coach
    view, a read-only card per drill attempted, and no control."""

    drill_id = Unicode("", help="The drill picked").tag(sync=False)

    def __init__(self, journal: Journal, practice: TrackPractice, readonly: bool = False):
        self.journal, self.practice, self.readonly = journal, practice, readonly
        self.drills = {d.id: d for d in practice.drills}
        self.form: DrillAttemptForm | None = None
        super().__init__()
        self.add_class("stepup-form")
        if readonly:
            self.show_cards()
            return
        self.picker = w.Dropdown(
            options=[(drill_label(d), d.id) for d in practice.drills],
            value=None,
            description=i18n.gettext("Drill"),
            style=LABEL_STYLE,
            layout={"width": "100%", "max_width": "760px"},
        )
        self.form_box = w.VBox()
        self.attempts_html = w.HTML()
        self.children = (w.HTML(CSS), self.picker, self.form_box, self.attempts_html)
        self.picker.observe(self._on_pick, names="value")
        self.listen(journal, lambda _kind, _id: self.show_attempts())
        self.drill_id = practice.drills[0].id if practice.drills else ""

    def _on_pick(self, change) -> None:
        if change["new"]:
            self.drill_id = change["new"]

    @observe("drill_id")
    def _open_drill(self, change) -> None:
        """A new form for the drill picked: its answer hidden until the engineer checks."""
        drill = self.drills.get(change["new"])
        if drill is None:
            return
        self.picker.value = drill.id
        if self.form is not None:
            close_tree(self.form)
        self.form = DrillAttemptForm(self.journal, drill)
        self.form.observe(lambda _change: self.show_attempts(), names="revealed")
        self.form_box.children = (self.form,)
        self.show_attempts()

    def show_attempts(self) -> None:
        """The attempts at the drill picked, their verdicts once its answer is shown."""
        if self.readonly or self.form is None:
            return
        drill = self.form.drill
        attempts = [a for _, a in drill_attempts(self.journal, drill.id)]
        self.attempts_html.value = fragment(
            "forms/estimation_attempts",
            attempts=attempt_rows(attempts, drill, verdicts=self.form.revealed),
        )

    def show_cards(self) -> None:
        """Every drill attempted, as a card with its attempts (the coach view)."""
        by_drill: dict[str, list[DrillAttempt]] = {}
        for _, attempt in drill_attempts(self.journal):
            by_drill.setdefault(attempt.drill_id, []).append(attempt)
        cards = [
            drill_card(self.practice.practice.drill(drill_id), drill_id, attempts)
            for drill_id, attempts in by_drill.items()
        ]
        self.children = (
            w.HTML(
                with_page_css(
                    fragment(
                        "forms/cards",
                        cards=cards,
                        nouns=i18n.gettext("estimation drill attempts"),
                    )
                )
            ),
        )

    def summary(self) -> str:
        """How many drills there are and how many attempts; the drill picked."""
        attempts = drill_attempts(self.journal)
        head = (
            i18n.gettext("Estimation drills: {drills}, attempts: {attempts} — read-only")
            if self.readonly
            else i18n.gettext("Estimation drills: {drills}, attempts: {attempts}")
        ).format(drills=len(self.drills), attempts=len(attempts))
        tried = sorted({a.drill_id for _, a in attempts})
        lines = [head] + (
            [i18n.gettext("Attempted: {drills}").format(drills=", ".join(tried))] if tried else []
        )
        if self.form is not None:
            lines.append(self.form.summary())
        return "\n".join(lines)


def probe_words(question: str) -> dict[str, str]:
    """The words of a deep-dive probe's box (workbook 03, ``static/drill_question.js``, which
    holds none of its own), in the active language: its ``words`` trait. ``question``: the
    probe's question, which names the answer box for a screen reader."""
    return {
        "answer": i18n.gettext("Your answer, as you would say it out loud."),
        "answer_label": i18n.gettext("Your answer: {question}").format(question=question),
        "confidence": i18n.gettext("Confidence"),
        "needs_research": i18n.gettext("Needs research (becomes a growth-plan action)"),
    }
