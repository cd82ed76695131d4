"""Workbook 01's thought record, answer by answer: each declared once (:class:`Field`), in the
order the record is worked through, with how its control is made and how a card says it. The
editor and the cards are in :mod:`widgets.forms.thought_record`."""

from __future__ import annotations

import re
from dataclasses import replace
from operator import attrgetter
from typing import TYPE_CHECKING

import ipywidgets as w

from widgets.forms.base import (
    LABEL_STYLE,
    Field,
    TickGrid,
    parse_number,
    short_text,
    text_field,
)
from widgets.forms.fields import date_field, number_field, off_card
from widgets.i18n import N_, gettext
from widgets.storage.records import Emotion, Profile

if TYPE_CHECKING:
    from widgets.forms.thought_record import ThoughtRecordEditor

STRENGTH = {
    "greater_than_equal": "strength_range",
    "less_than_equal": "strength_range",
    "int_parsing": "strength_whole",
    "int_from_float": "strength_whole",
}
OWN_BELIEF = "own"
LINE = {"width": "100%", "max_width": "620px"}
TEXTAREA = {**LINE, "height": "80px"}
NEXT_STEPS = [
    (N_("The evidence doesn't fully support it → write a balanced thought"), "reframe"),
    (N_("The evidence mostly supports it → plan what to do about it"), "act"),
]
# Asked before any distortion: a thought about scope, visibility or a skill gap may be true.
PARTLY_TRUE = [
    (N_("No: it is not true"), "no"),
    (N_("Partly: part of it is a real problem (scope, visibility, a skill gap)"), "partly"),
    (N_("Mostly: it is a real problem to solve"), "mostly"),
]


def _in_language(options: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(label, id) options with their labels (marked ``N_``) in the active language."""
    return [(gettext(label), held) for label, held in options]


def spoken(field: Field) -> Field:
    """``field`` whose control says its words (label, placeholder, tooltip: msgids marked ``N_``
    where the field is declared) in the active language, each time it is made. The field keeps
    its label as declared (the msgid): a card translates it where it shows it."""
    make = field.make

    def made(form, value) -> w.Widget:
        control = make(form, value)
        for trait in ("description", "placeholder", "tooltip"):
            words = getattr(control, trait, None)
            if isinstance(words, str) and words:
                setattr(control, trait, gettext(words))
        return control

    return replace(field, make=made)


# Separators and digits as a Chinese or Japanese keyboard types them, read as their ASCII forms;
# the emotion's own words are kept as typed.
_FULL_WIDTH = str.maketrans(
    {
        "，": ",",
        "、": ",",
        "；": ";",
        "％": "%",
        "．": ".",
        **{chr(0xFF10 + d): str(d) for d in range(10)},
    }
)


def parse_emotions(text: str) -> list[dict] | str:
    """'anxious 80, ashamed 60' → [{'name': 'anxious', 'intensity': 80}, …]; bad text is kept
    for a message."""
    emotions = []
    # Full-width separators and digits too: Chinese keyboards type "焦虑 80，羞愧 40" by default.
    text = text.translate(_FULL_WIDTH)
    for part in filter(None, (p.strip() for p in re.split(r"[,;\n]", text))):
        match = re.fullmatch(r"(.*?)\s*(-?\d+(?:[.,]\d+)?)?\s*%?", part)
        name, number = match.group(1).strip(), match.group(2)
        emotions.append({"name": name, "intensity": parse_number(number) if number else None})
    return emotions


def emotions_text(emotions: list[Emotion]) -> str:
    """Emotions as the engineer types them: 'anxious 80, ashamed'."""
    return ", ".join(
        e.name + (f" {e.intensity}" if e.intensity is not None else "") for e in emotions
    )


def _prompt_choice(editor: ThoughtRecordEditor, prompt_id: str | None) -> w.Dropdown:
    # The prompts of the engineer's routes, and the one a record already started from.
    profile = editor.journal.record(Profile.kind)
    prompts = [
        (p.belief, p.id)
        for p in editor.prompts.prompts
        if p.offered_to(profile) or p.id == prompt_id
    ]
    return w.Dropdown(
        options=[(gettext("My own belief"), OWN_BELIEF), *prompts],
        value=prompt_id or OWN_BELIEF,
        description=gettext("Start from"),
        style=LABEL_STYLE,
        layout=LINE,
    )


def _distortion_grid(editor: ThoughtRecordEditor, chosen: list[str]) -> TickGrid:
    return TickGrid(
        [(d.id, d.name, d.definition) for d in editor.distortions_file.distortions],
        chosen,
        gettext("Thinking traps in this belief"),
    )


def _partly_true_choice(_editor: ThoughtRecordEditor, answer: str | None) -> w.RadioButtons:
    # No answer is no choice ticked (a record saved before the question was asked, or a new one).
    return w.RadioButtons(
        options=_in_language(PARTLY_TRUE),
        value=answer,
        description=gettext("Partly true?"),
        style=LABEL_STYLE,
        layout={"width": "100%", "max_width": "760px"},
    )


def _partly_true_words(answer: str | None) -> str:
    return next((gettext(label) for label, held in PARTLY_TRUE if held == answer), "")


def _next_step_choice(_editor: ThoughtRecordEditor, step: str) -> w.RadioButtons:
    return w.RadioButtons(
        options=_in_language(NEXT_STEPS),
        value=step,
        description=gettext("The evidence"),
        style=LABEL_STYLE,
        layout={"width": "100%", "max_width": "760px"},
    )


def _next_step_words(step: str) -> str:
    return (
        gettext("it mostly supports the thought: an action, not a reframe") if step == "act" else ""
    )


def _box(name: str, label: str, placeholder: str, path: tuple[str, ...] = ()) -> Field:
    """A few lines of answer, as most of a thought record is."""
    return replace(text_field(name, label, placeholder, lines=True, **TEXTAREA), path=path)


def _for_step(step: str, *fields: Field) -> tuple[Field, ...]:
    """Answers of one next step only: shown (and on the card) when the record takes it; their
    words are kept when the engineer changes their mind."""
    return tuple(replace(f, shown=lambda record: record.next_step == step) for f in fields)


# The record's answers in the order they are worked through (and carded). The action and the
# experiment are parts of the record: their answers say where (``path``) and are filed by name.
_DECLARED = (
    Field(
        "prompt_id",
        N_("Start from"),
        _prompt_choice,
        read=lambda dropdown: None if dropdown.value == OWN_BELIEF else dropdown.value,
        attr="prompt",
        on_card=False,
    ),
    date_field("recorded_on", N_("Date"), on_card=False),  # the card's subtitle
    _box(
        "situation",
        N_("Situation"),
        N_("What happened, where, when: the facts a camera would record."),
    ),
    replace(  # the card's title
        _box(
            "belief",
            N_("The belief"),
            N_("The thought in your own words, e.g. 'They'll find out in the deep dive.'"),
        ),
        on_card=False,
    ),
    number_field(
        "strength_before", N_("Believe it (0–100)"), "0–100", on_card=False
    ),  # the subtitle
    Field(
        "emotions",
        N_("Emotions (0–100)"),
        lambda _editor, emotions: short_text(
            emotions_text(emotions),
            gettext("Emotions (0–100)"),
            gettext("e.g. anxious 80, ashamed 50"),
            **LINE,
        ),
        read=lambda box: parse_emotions(box.value),
        words=emotions_text,
        card=N_("Emotions"),
    ),
    Field(
        "partly_true",
        N_("Is it partly true?"),
        _partly_true_choice,
        words=_partly_true_words,
    ),
    Field("distortions", N_("Distortions"), _distortion_grid, read=attrgetter("chosen")),
    _box("evidence_for", N_("Evidence for"), N_("Facts only, not interpretations.")),
    _box(
        "evidence_against",
        N_("Evidence against"),
        N_("What doesn't fit? What would you tell a friend? Has it ever not been true?"),
    ),
    Field(
        "next_step",
        N_("The evidence"),
        _next_step_choice,
        words=_next_step_words,
        card=N_("Where the evidence points"),
    ),
    *_for_step(
        "reframe",
        _box(
            "balanced_thought",
            N_("Balanced thought"),
            N_("A fairer reading that holds both columns of evidence."),
        ),
        number_field(
            "balanced_strength",
            N_("Believe that (0–100)"),
            "0–100",
            card=N_("Belief in the balanced thought"),
        ),
    ),
    *_for_step(
        "act",
        replace(
            text_field(
                "action",
                N_("What you will do"),
                N_("One concrete step, e.g. 'Reread the design doc and redo the numbers'"),
                card=N_("What they will do"),
                **LINE,
            ),
            path=("action", "what"),
        ),
        _box(
            "action_done_when",
            N_("Done when"),
            N_("How you will know it is done."),
            path=("action", "done_when"),
        ),
        date_field("action_due", N_("By"), path=("action", "due")),
    ),
    number_field(
        "strength_after", N_("Original, re-rated"), "0–100", on_card=False
    ),  # the subtitle
    # A behavioural experiment: the prediction and its rating first, then the test, then what
    # happened and the prediction re-rated. The card shows the prediction beside what happened
    # (experiment_result), so those four are off its list of parts.
    off_card(
        _box(
            "experiment_prediction",
            N_("What the belief predicts"),
            N_(
                "Before you do it: what will happen if the belief is right? "
                "e.g. 'I will freeze and they will mark me down.'"
            ),
            path=("experiment", "prediction"),
        )
    ),
    replace(
        number_field(
            "experiment_prediction_before", N_("How sure (0–100)"), "0–100", on_card=False
        ),
        path=("experiment", "prediction_before"),
    ),
    _box(
        "experiment_plan",
        N_("Experiment"),
        N_("One small test of it: what will you do, and where?"),
        path=("experiment", "plan"),
    ),
    date_field("experiment_due", N_("Do it by"), path=("experiment", "due")),
    off_card(
        _box(
            "experiment_outcome",
            N_("What happened"),
            N_("Afterwards: what happened? Facts first, as a camera would record them."),
            path=("experiment", "outcome"),
        )
    ),
    replace(
        number_field(
            "experiment_prediction_after",
            N_("How sure now (0–100)"),
            "0–100",
            on_card=False,
        ),
        path=("experiment", "prediction_after"),
    ),
)
# Each made in the active language (see spoken).
FIELDS = tuple(map(spoken, _DECLARED))
# Answers rated 0–100 besides the strengths: their messages say the range.
RATED = {"emotions", "experiment_prediction_before", "experiment_prediction_after"}
_LABELS = {field.name: field.label for field in FIELDS}
# Where in the record an answer inside a part lives → the name its errors are filed under.
FILED_AS = {field.path: field.name for field in FIELDS if field.path}


def _field_of(loc: tuple) -> str:
    return FILED_AS.get(tuple(loc[:2]), str(loc[0]))
