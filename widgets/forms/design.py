"""Workbook 04: one practice design per entry: prompt, notes and minutes per step, rubric scores.

The self and coach scores sit side by side; coach scores are stored with the coach's name. In
the coach view every session is a read-only card.
"""

from __future__ import annotations

import statistics
from dataclasses import replace
from typing import ClassVar

import ipywidgets as w
from markupsafe import Markup
from traitlets import Dict, Int, List, Tuple, Unicode, observe, validate

from widgets import i18n
from widgets.content import tracks
from widgets.content.messages import Plural
from widgets.content.seeds import (
    ROUND_MINUTES,
    DesignPrompt,
    DesignSection,
    RubricDimension,
    TrackPractice,
)
from widgets.forms.base import (
    Composite,
    choice_field,
    composite_esm,
    date_field,
    field_parts,
    number_text,
    off_card,
    one_of,
    parse_number,
    text_field,
)
from widgets.forms.entries import EntryEditor, EntryListPanel, text_card
from widgets.forms.rehearsal import RehearsalSection
from widgets.i18n import N_
from widgets.readers.practice import SCORE_NAMES, design_sessions, session_label, session_track
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import DesignSession
from widgets.views.fragments import fragment, muted

OWN_PROMPT = ""
WIDE = {"width": "100%", "max_width": "620px"}
MINUTES = {
    kind: "minutes"  # the words: widgets/content/messages.py
    for kind in (
        "greater_than_equal",
        "less_than_equal",
        "int_parsing",
        "int_from_float",
        "int_type",
    )
}


def score_name(score: int) -> str:
    """A rubric score's level as the page says it ("senior"); the ids are SCORE_NAMES'."""
    names = {
        1: i18n.gettext("below mid"),
        2: i18n.gettext("mid"),
        3: i18n.gettext("senior"),
        4: i18n.gettext("staff"),
    }
    return names.get(score, SCORE_NAMES.get(score, str(score)))


def score_options() -> list[tuple[str, int | None]]:
    """The score picker's choices: "—", then each score with its level ("3 · senior")."""
    return [("—", None)] + [
        (i18n.gettext("{score} · {level}").format(score=score, level=score_name(score)), score)
        for score in SCORE_NAMES
    ]


def descriptor(dimension: RubricDimension, score: int | None) -> str:
    """What ``score`` means on ``dimension``, in the rubric's words ("" when not scored)."""
    if score is None:
        return ""
    if score == 1:
        return i18n.gettext("Not yet at the mid-level line: {descriptor}").format(
            descriptor=dimension.levels["mid"]
        )
    return dimension.levels[SCORE_NAMES[score]]


def prompt_label(prompt: DesignPrompt) -> str:
    """A prompt as the list offers it, marked with its track's label (every prompt is offered,
    the engineer's own track's first): "Design a rate limiter (software)"."""
    return i18n.gettext("{prompt} ({track})").format(
        prompt=prompt.title, track=tracks.tracks().get(prompt.track).label
    )


def _prompt_options(editor: DesignSessionEditor) -> list[tuple[str, str]]:
    return [(i18n.gettext("Your own prompt (write it below)"), OWN_PROMPT)] + [
        (prompt_label(p), p.id) for p in editor.practice.prompts
    ]


class SectionBox(Composite):
    """One step of the framework in one widget model: its guide questions, the engineer's notes
    and minutes spent, and the message about a refused value.

    Eleven steps of ipywidgets controls were about 200 models (each control with its layout and
    style), a large share of workbook 04's wait after Run All. ``minutes`` is the box's text, as
    typed: the editor reads it with :func:`parse_number` and refuses what is no whole minute.
    """

    _esm = composite_esm("design_step")
    ANSWERS = ("notes", "minutes")
    TYPED = ("notes", "minutes")

    notes = Unicode("", help="What the engineer wrote for this step").tag(sync=True)
    minutes = Unicode("", help="Minutes spent, as typed in the box").tag(sync=True)
    minutes_hint = Unicode("", help="The minutes box's placeholder: the suggested time").tag(
        sync=True
    )
    step_name = Unicode("", help="Names the notes box for a screen reader").tag(sync=True)
    header = Unicode("", help="HTML: the step's name, time and guide questions").tag(
        sync=True, html=True
    )
    words = Dict(help="The box's words in the engineer's language, by name").tag(sync=True)

    def __init__(self, section: DesignSection, notes: str, minutes: int | None):
        self.section = section
        super().__init__(
            notes=notes,
            minutes=number_text(minutes),
            minutes_hint=f"~{section.suggested_minutes}",
            step_name=section.name,
            header=fragment(
                "forms/design_step",
                title=section.name,
                note=i18n.gettext("about {minutes} min").format(minutes=section.suggested_minutes),
                guide=section.guide,
            ),
            words={
                "notes": i18n.gettext("Your notes for this step."),
                "notes_label": i18n.gettext("Your notes: {step}").format(step=section.name),
                "minutes": i18n.gettext("Minutes"),
            },
        )

    def is_blank(self) -> bool:
        """No notes and no minutes: the step stays out of the record."""
        return not self.notes.strip() and not self.minutes.strip()

    def collect(self) -> dict:
        """The step's notes and minutes, as the record stores them."""
        return {"notes": self.notes, "minutes": parse_number(self.minutes)}


class ScoreRow(Composite):
    """A rubric dimension's score picker in one widget model, the chosen level's descriptor
    beneath it and the message about a refused score beside it (self and coach scores alike)."""

    _esm = composite_esm("design_score")
    ANSWERS = ("score",)

    score = Int(None, allow_none=True, help="The score, 1-4; None: not scored").tag(sync=True)
    score_options = List(Tuple(Unicode(), Int(allow_none=True)), help="(label, score)").tag(
        sync=True
    )
    dimension_name = Unicode("", help="Labels the picker").tag(sync=True)
    descriptor = Unicode("", help="HTML: what the chosen score means for this dimension").tag(
        sync=True, html=True
    )

    def __init__(self, dimension: RubricDimension, score: int | None):
        self.dimension = dimension
        super().__init__(score_options=score_options(), score=score, dimension_name=dimension.name)
        self.show()

    @validate("score")
    def _one_of_the_scores(self, proposal):
        return one_of(self.score_options, proposal["value"])

    @observe("score")
    def show(self, _change=None) -> None:
        """The chosen score's descriptor under the picker."""
        text = descriptor(self.dimension, self.score)
        self.descriptor = muted(text) if text else ""


class DesignSessionEditor(EntryEditor):
    """One practice session. ``sections`` maps step ids to their :class:`SectionBox`,
    ``self_scores`` / ``coach_scores`` map rubric dimension ids to their :class:`ScoreRow`.

    The steps and the rubric are those of the session's ``track``: the chosen prompt's (a prompt
    of your own keeps the track shown), or for a stored session the track it was scored on.
    Choosing a prompt of another track rebuilds them; what was written for the other track's
    steps and scores is kept as stored.
    """

    model = DesignSession
    friendly: ClassVar[dict[str, dict[str, str]]] = {}
    # The session's own answers. The steps and the scores are not declared here: a box per step
    # of the track and a row per rubric dimension, each a composite made from the practice.
    FIELDS = (
        replace(
            choice_field("prompt_id", N_("Prompt"), _prompt_options, none=OWN_PROMPT, **WIDE),
            attr="prompt",
            on_card=False,  # the card's title names it
        ),
        replace(
            text_field(
                "own_prompt",
                N_("Your own prompt"),
                N_("The prompt you were given, in a sentence or two."),
                lines=True,
                **WIDE,
                height="60px",
            ),
            card=N_("Own prompt"),
        ),
        off_card(date_field("practised_on", N_("Date"))),  # in the card's title
        off_card(text_field("coach_rater", N_("Coach"), N_("Coach's name, when a coach scores"))),
        text_field(
            "reflection",
            N_("Next time"),
            N_("What you will do differently in the next practice."),
            lines=True,
            **WIDE,
            height="70px",
        ),
    )

    def __init__(self, journal: Journal, practice: TrackPractice, entry_id=None, record=None):
        self.practice = practice
        self.friendly = {f"sections.{s.id}": MINUTES for s in practice.practice.all_sections}
        self.track = session_track(record, practice) if record else practice.track
        super().__init__(journal, entry_id, record)

    def blank(self) -> DesignSession:
        """A new session is practised today."""
        return DesignSession(practised_on=clock.today())

    def build(self) -> None:
        """The session's own fields from ``FIELDS``, then a box per step and the score rows."""
        s = self.value
        self.make_fields(s)
        self.brief = w.HTML(layout={"max_width": "760px"})
        self._build_steps_and_scores(s)
        self.total = w.HTML()
        self.prompt.observe(self._prompt_chosen, names="value")
        self.rehearsal = RehearsalSection(self.journal, "design_session", self.entry_id)
        self._lay_out()
        self._show_brief()
        self._show_total()

    def _lay_out(self) -> None:
        self.children = (
            self.rows["prompt_id"],
            self.brief,
            self.rows["own_prompt"],
            self.rows["practised_on"],
            w.HTML(fragment("forms/heading", title=i18n.gettext("Work through it, step by step"))),
            *self.sections.values(),
            self.total,
            w.HTML(
                fragment(
                    "forms/heading",
                    title=i18n.gettext("Your scores"),
                    note=i18n.gettext(
                        "Score against the rubric, not against how it felt: "
                        "1 below mid · 2 mid · 3 senior · 4 staff."
                    ),
                )
            ),
            *self.self_scores.values(),
            w.HTML(fragment("forms/heading", title=i18n.gettext("Coach's scores (optional)"))),
            self.rows["coach_rater"],
            *self.coach_scores.values(),
            self.rows["reflection"],
            self.rehearsal,
            self.status_line,
        )

    def _prompt_chosen(self, _change) -> None:
        """The steps and rubric follow the prompt's track (a prompt of your own keeps the
        track shown): what the boxes hold is stored first, then they are rebuilt."""
        track = self.track if self.prompt.value == OWN_PROMPT else None
        track = track or self.practice.prompt_track(self.prompt.value)
        if track != self.track:
            self.track = track
            self.edited()  # the old boxes' words, typed a moment ago too, go into the record
            old = [*self.sections.values(), *self.self_scores.values(), *self.coach_scores.values()]
            for sid in self.sections:
                self.rows.pop(f"sections.{sid}", None)
            self._build_steps_and_scores(self.value or self.blank())
            self.adopt({}, self._step_and_score_controls(), [])
            self._lay_out()
            for control in old:
                control.close()
            self._show_total()
        self._show_brief()

    def _step_and_score_controls(self) -> list[w.Widget]:
        return [*self.sections.values(), *self.self_scores.values(), *self.coach_scores.values()]

    def _build_steps_and_scores(self, s: DesignSession) -> None:
        """A box per step of the session's track, a score row per rubric dimension (self and
        coach)."""
        self.sections = {
            sec.id: SectionBox(
                sec,
                s.sections.get(sec.id).notes if sec.id in s.sections else "",
                s.sections[sec.id].minutes if sec.id in s.sections else None,
            )
            for sec in self.practice.sections_of(self.track)
        }
        self.rows.update({f"sections.{sid}": box for sid, box in self.sections.items()})
        rubric = self.practice.rubric_of(self.track)
        self.self_scores = {d.id: ScoreRow(d, s.self_scores.get(d.id)) for d in rubric}
        self.coach_scores = {d.id: ScoreRow(d, s.coach_scores.get(d.id)) for d in rubric}

    def controls(self) -> list[w.Widget]:
        """The session's own fields, then each step's box and each score row."""
        return super().controls() + self._step_and_score_controls()

    def field_of(self, loc: tuple) -> str:
        """The row of a refused value: a step's box, or a field's."""
        if loc[0] == "sections" and len(loc) > 1:
            return f"sections.{loc[1]}"
        return str(loc[0])

    def collect(self) -> dict:
        """The declared answers, the steps and scores (those of steps or dimensions the track no
        longer has are kept as stored)."""
        sections = {sid: box.collect() for sid, box in self.sections.items() if not box.is_blank()}
        kept = {
            sid: notes.model_dump()
            for sid, notes in self.value.sections.items()
            if sid not in self.sections
        }
        return {
            **self.read_fields(),
            "sections": {**kept, **sections},
            "self_scores": {
                **_kept_scores(self.value.self_scores, self.self_scores),
                **_given_scores(self.self_scores),
            },
            "coach_scores": {
                **_kept_scores(self.value.coach_scores, self.coach_scores),
                **_given_scores(self.coach_scores),
            },
        }

    @observe("value")
    def _total_follows(self, _change) -> None:
        if hasattr(self, "total"):
            self._show_total()

    def _show_brief(self) -> None:
        prompt = self.practice.prompt(self.prompt.value)
        self.brief.value = "" if prompt is None else fragment("forms/design_brief", prompt=prompt)
        # The box for your own prompt, only while it is the one chosen (or still holds words).
        own = prompt is None or bool(self.own_prompt.value.strip())
        self.rows["own_prompt"].layout.display = "" if own else "none"

    def _show_total(self) -> None:
        suggested = sum(sec.suggested_minutes for sec in self.practice.sections_of(self.track))
        self.total.value = fragment(
            "forms/time_spent",
            minutes=self.value.total_minutes(),
            suggested=suggested,
            round_minutes=ROUND_MINUTES,
        )

    def summary(self) -> str:
        return session_summary(self.value, self.practice)


def _kept_scores(stored: dict[str, int], shown: dict) -> dict[str, int]:
    """Scores for dimensions no longer in the rubric are kept, never dropped."""
    return {d: score for d, score in stored.items() if d not in shown}


def _given_scores(rows: dict[str, ScoreRow]) -> dict[str, int]:
    return {d: row.score for d, row in rows.items() if row.score is not None}


def _mean(scores: dict[str, int]) -> str:
    if not scores:
        return "—"
    # Rounded as Python rounds, then written as the language writes numbers ("3.2").
    return i18n.format_number(float(f"{statistics.fmean(scores.values()):.1f}"), "0.0")


def session_summary(session: DesignSession, practice: TrackPractice) -> str:
    """A session in one line: its time, the steps reached, the mean self (and coach) score."""
    words = {
        "session": session_label(session, practice),
        "minutes": session.total_minutes(),
        "steps": len(session.sections),
        "all_steps": len(practice.sections_of(session_track(session, practice))),
        "mean": _mean(session.self_scores),
    }
    if session.coach_scores:
        return i18n.gettext(
            "{session}: {minutes} min, {steps}/{all_steps} steps, mean self score {mean}, "
            "coach {coach} {coach_mean}"
        ).format(**words, coach=session.coach_rater, coach_mean=_mean(session.coach_scores))
    return i18n.gettext(
        "{session}: {minutes} min, {steps}/{all_steps} steps, mean self score {mean}"
    ).format(**words)


def _in_order(stored: dict, order: list[str]) -> list[str]:
    """Ids in the seeds' order (the framework's steps, the rubric), then any the seeds no longer
    have."""
    return [i for i in order if i in stored] + [i for i in stored if i not in order]


def session_card(session: DesignSession, practice: TrackPractice) -> Markup:
    """The coach's read-only card of a session: the notes per step, the scores, the reflection
    (named as on the track the session was worked on; another track's step or score by its own
    name)."""
    track = session_track(session, practice)
    whole = practice.practice
    named = {d.id: d.name for d in [*practice.rubric_of(track), *whole.all_rubric]}
    steps = {sec.id: sec.name for sec in [*practice.sections_of(track), *whole.all_sections]}
    own_prompt, reflection = (
        (i18n.gettext(name), words)
        for name, words in field_parts(DesignSessionEditor.FIELDS, session)
    )
    parts = [own_prompt]
    for sid in _in_order(session.sections, list(steps)):
        notes = session.sections[sid]
        minutes = notes.minutes if notes.minutes is not None else "?"
        step = i18n.gettext("{step} ({minutes} min)").format(
            step=steps.get(sid, sid), minutes=minutes
        )
        parts.append((step, notes.notes or "—"))

    def scores(given: dict[str, int]) -> str:
        return ", ".join(
            i18n.gettext("{dimension} {score} ({level})").format(
                dimension=named.get(d, d), score=given[d], level=score_name(given[d])
            )
            for d in _in_order(given, list(named))
        )

    parts.append((i18n.gettext("Self scores"), scores(session.self_scores)))
    if session.coach_scores:
        coach = i18n.gettext("Scores from {coach}").format(coach=session.coach_rater)
        parts.append((coach, scores(session.coach_scores)))
    parts.append(reflection)
    return text_card(
        session_label(session, practice),
        i18n.ngettext(
            "{minutes} minute · mean self score {mean}",
            "{minutes} minutes · mean self score {mean}",
            session.total_minutes(),
        ).format(minutes=session.total_minutes(), mean=_mean(session.self_scores)),
        parts,
    )


class DesignSessionsPanel(EntryListPanel):
    """The practice sessions: pick one to work on, or start one; cards in the coach view."""

    noun = "practice session"
    # Whole sentences about the kind (EntryListPanel), translated where shown.
    picker_label = i18n.N_("Your practice sessions")
    new_label = i18n.N_("New practice session")
    unsaved_label = i18n.N_("New practice session (not saved yet)")
    empty_label = i18n.N_("No practice sessions yet.")
    count_label = Plural("Practice sessions: {count}", "Practice sessions: {count}", "count")
    readonly_count_label = Plural(
        "Practice sessions: {count} — read-only", "Practice sessions: {count} — read-only", "count"
    )

    def __init__(self, journal: Journal, practice: TrackPractice, readonly: bool = False):
        self.practice = practice
        super().__init__(journal, readonly=readonly)

    def entries(self):
        return design_sessions(self.journal)

    def record_kind(self) -> str:
        return DesignSession.kind

    def label(self, record: DesignSession) -> str:
        return session_label(record, self.practice)

    def describe(self, record: DesignSession) -> str:
        return session_summary(record, self.practice)

    def make_editor(self, entry_id, record) -> DesignSessionEditor:
        return DesignSessionEditor(self.journal, self.practice, entry_id, record)

    def card(self, entry_id: str, record: DesignSession) -> Markup:
        return session_card(record, self.practice)
