"""What workbooks 03 and 04 store: projects and their deep dives, stories, practice designs,
estimation drill attempts and spoken rehearsals."""

from __future__ import annotations

import hashlib
from typing import Annotated, ClassVar, Literal

from pydantic import (
    Field,
    StringConstraints,
    model_validator,
)

from widgets.content import messages
from widgets.i18n import N_
from widgets.storage.record_base import (
    LONG_TEXT_MAX,
    Confidence,
    Day,
    EntryRef,
    LadderRef,
    LongText,
    Part,
    Record,
    SeedRef,
    ShortText,
    text_up_to,
)


class DrillAnswer(Part):
    """The engineer's answer to one deep-dive probe about a project."""

    answer: LongText = Field("", title=N_("Answer"))
    confidence: Confidence | None = Field(None, title=N_("Confidence (1–5)"))
    needs_research: bool = Field(False, title=N_("Needs research"))


class ArtefactCheck(Part):
    """One kind of artefact to reread (design doc, PRs, …): reread yet, and a note or link."""

    reread: bool = Field(False, title=N_("Reread"))
    note: LongText = Field("", title=N_("Note or link"))


class PersonToAsk(Part):
    """Someone who remembers a part of the project: what to ask them, and what they said."""

    who: ShortText = Field("", title=N_("Who"))
    ask: LongText = Field("", title=N_("What to ask"))
    learned: LongText = Field("", title=N_("What you learned"))


class Measure(Part):
    """One number of a metric and where it came from (a dashboard, a report, a query)."""

    value: float | None = Field(None, allow_inf_nan=False, title=N_("Value"))
    source: ShortText = Field("", title=N_("Where it came from"))


class NumberToRederive(Part):
    """A metric the project moved: baseline, target and actual, each with its source."""

    metric: ShortText = Field("", title=N_("Metric"))
    unit: ShortText = Field("", title=N_("Unit"))
    baseline: Measure = Field(default_factory=Measure, title=N_("Baseline"))
    target: Measure = Field(default_factory=Measure, title=N_("Target"))
    actual: Measure = Field(default_factory=Measure, title=N_("Actual"))


class Decision(Part):
    """One entry of a project's decision log."""

    decision: ShortText = Field("", title=N_("Decision"))
    alternatives: LongText = Field("", title=N_("Alternatives considered"))
    why: LongText = Field("", title=N_("Why"))
    now: LongText = Field("", title=N_("What I would do now"))


class NotMineScript(Part):
    """An honest answer about a part of the project someone else owned: the template's steps
    (seed ids from ``deep_dives.yaml``) → the engineer's words."""

    part: ShortText = Field("", title=N_("The part you did not own"))
    steps: dict[SeedRef, LongText] = Field(default_factory=dict, max_length=12)


class DepthRecovery(Part):
    """Recovering the depth of a past project before a deep dive (workbook 03)."""

    artefacts: dict[SeedRef, ArtefactCheck] = Field(default_factory=dict, max_length=20)
    people: list[PersonToAsk] = Field(default_factory=list, max_length=20)
    numbers: list[NumberToRederive] = Field(default_factory=list, max_length=20)
    decisions: list[Decision] = Field(default_factory=list, max_length=40)
    not_mine: list[NotMineScript] = Field(default_factory=list, max_length=10)


class Project(Record):
    """A past project, with the engineer's answers to the deep-dive drill (workbook 03)."""

    kind: ClassVar[str] = "project"
    name: ShortText = Field("", title=N_("Project"))
    goal: LongText = Field("", title=N_("Goal"))
    role: LongText = Field("", title=N_("Your role"))
    team_size: int | None = Field(None, ge=1, le=1000, title=N_("Team size"))
    stack: text_up_to(300) = Field("", title=N_("Stack"))
    started: Day | None = Field(None, title=N_("Started"))
    ended: Day | None = Field(None, title=N_("Ended"))
    impact: LongText = Field("", title=N_("Measurable impact"))
    drill: dict[SeedRef, DrillAnswer] = Field(default_factory=dict, max_length=64)
    depth: DepthRecovery = Field(default_factory=DepthRecovery, title=N_("Recovering depth"))

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.started and self.ended and self.ended < self.started:
            raise messages.error("ends_before_start", "ended")
        return self


class Story(Record):
    """A STAR story for behavioural rounds, tagged to competencies and story types (workbook 03)."""

    kind: ClassVar[str] = "story"
    title: ShortText = Field("", title=N_("Title"))
    project_id: EntryRef | None = Field(None, title=N_("Project"))
    # Written before the STAR parts: the one sentence a listener must keep if they miss the rest.
    headline: LongText = Field("", title=N_("The main point in one sentence"))
    situation: LongText = Field("", title=N_("Situation"))
    task: LongText = Field("", title=N_("Task"))
    action: LongText = Field("", title=N_("Action"))
    result: LongText = Field("", title=N_("Result"))
    learning: LongText = Field("", title=N_("What you learned"))
    competencies: list[LadderRef] = Field(
        default_factory=list, max_length=30, title=N_("Competencies")
    )
    story_types: list[SeedRef] = Field(default_factory=list, max_length=12, title=N_("Story types"))
    clarity: Confidence | None = Field(None, title=N_("How clearly you can tell it aloud (1–5)"))


Score = Annotated[int, Field(ge=1, le=4)]  # 1 below mid · 2 mid · 3 senior · 4 staff


class SectionNotes(Part):
    """Notes and minutes spent on one step of a practice design."""

    notes: LongText = Field("", title=N_("Notes"))
    minutes: int | None = Field(None, ge=0, le=180, title=N_("Minutes"))


class DesignSession(Record):
    """One practice design: prompt, notes and time per framework step, rubric scores
    (workbook 04)."""

    kind: ClassVar[str] = "design_session"
    prompt_id: SeedRef | None = Field(None, title=N_("Prompt"))
    own_prompt: LongText = Field("", title=N_("Your own prompt"))
    practised_on: Day = Field(title=N_("Date"))
    sections: dict[SeedRef, SectionNotes] = Field(default_factory=dict, max_length=20)
    self_scores: dict[SeedRef, Score] = Field(
        default_factory=dict, max_length=20, title=N_("Your scores")
    )
    coach_rater: ShortText = Field("", title=N_("Coach"))
    coach_scores: dict[SeedRef, Score] = Field(
        default_factory=dict, max_length=20, title=N_("Coach's scores")
    )
    reflection: LongText = Field("", title=N_("What to do differently next time"))

    @model_validator(mode="after")
    def _coach_scores_have_a_rater(self) -> DesignSession:
        if self.coach_scores and not self.coach_rater:
            raise messages.error("scores_without_coach", "coach_rater")
        return self

    def total_minutes(self) -> int:
        """Minutes spent across the steps (a step without minutes counts none)."""
        return sum(s.minutes or 0 for s in self.sections.values())


# The largest estimate a drill attempt keeps: past any quantity a design round asks about.
ESTIMATE_MAX = 1e30


class DrillAttempt(Record):
    """One attempt at an estimation drill (workbook 04): the engineer's own assumptions and
    estimate, and the reference answer it was checked against then (a drill corrected later
    leaves the attempt as it was judged). Every attempt is an entry of its own."""

    kind: ClassVar[str] = "drill_attempt"
    drill_id: SeedRef = Field(title=N_("Drill"))
    attempted_on: Day = Field(title=N_("Date"))
    assumptions: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=LONG_TEXT_MAX)
    ] = Field(title=N_("Your assumptions"))
    estimate: float = Field(gt=0, le=ESTIMATE_MAX, allow_inf_nan=False, title=N_("Your estimate"))
    unit: ShortText = Field("", title=N_("Unit"))
    reference: float | None = Field(None, gt=0, allow_inf_nan=False, title=N_("Reference answer"))
    within: float | None = Field(None, gt=1, le=100, title=N_("Accepted factor either way"))
    after_answer: bool = Field(False, title=N_("Made after the answer was shown"))


# A spoken rehearsal (issue 17): a summary, story or design opening said against a time box, kept
# with what it measured and its ratings (the engineer's, a coach's) on the same four terms:
TAKE_RATINGS = ("clarity", "structure", "pace", "confidence")
TakeRatingName = Literal["clarity", "structure", "pace", "confidence"]
TAKE_NOTE_MAX = 300  # a line of notes


class AudioRef(Part):
    """Names a recording kept in the journal's ``audio`` table: its SHA-256, type and size."""

    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    mime: Annotated[
        str, StringConstraints(pattern=r"^audio/(webm|ogg|wav)(;codecs=opus)?$", max_length=40)
    ]
    size: int = Field(ge=1, le=12_000_000)

    @classmethod
    def of(cls, audio: bytes, mime: str) -> AudioRef:
        """The reference naming these bytes."""
        return cls(sha256=hashlib.sha256(audio).hexdigest(), mime=mime, size=len(audio))


class TakeMetrics(Part):
    """What a take measured (widgets/speech.py), in seconds, computed when it was saved."""

    duration_s: float = Field(ge=0, le=400, allow_inf_nan=False)
    speaking_s: float = Field(ge=0, le=400, allow_inf_nan=False)
    pauses: int = Field(ge=0, le=10_000)
    longest_pause_s: float = Field(ge=0, le=400, allow_inf_nan=False)
    long_pauses: int = Field(ge=0, le=10_000)

    @property
    def speaking_share(self) -> float:
        """The share of the take spent speaking, 0 to 1 (0 for an empty take)."""
        return self.speaking_s / self.duration_s if self.duration_s else 0.0


class Rehearsal(Record):
    """One spoken take of a project's summary, a story, or a design session's opening."""

    kind: ClassVar[str] = "rehearsal"
    subject_kind: Literal["project", "story", "design_session"] = Field(
        title=N_("What was rehearsed")
    )
    subject_id: EntryRef = Field(title=N_("Which one"))
    time_box_s: Literal[60, 120, 300] = Field(title=N_("Time box"))
    recorded_on: Day = Field(title=N_("Recorded on"))
    audio: AudioRef = Field(title=N_("Recording"))
    metrics: TakeMetrics = Field(title=N_("Measured"))
    self_scores: dict[TakeRatingName, Confidence] = Field(
        default_factory=dict, title=N_("Your ratings")
    )
    notes: text_up_to(TAKE_NOTE_MAX) = Field("", title=N_("Notes"))
    coach_rater: ShortText = Field("", title=N_("Coach"))
    coach_scores: dict[TakeRatingName, Confidence] = Field(
        default_factory=dict, title=N_("Coach's ratings")
    )
    coach_note: LongText = Field("", title=N_("Coach's note"))

    @model_validator(mode="after")
    def _coach_scores_have_a_rater(self) -> Rehearsal:
        if (self.coach_scores or self.coach_note) and not self.coach_rater:
            raise messages.error("ratings_without_coach", "coach_rater")
        return self
