"""What the journal stores: one pydantic model per kind of entry.

Every record is validated before it is written and again when a JSON export is imported, so a
bad value is refused with a message that names the field instead of being stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from widgets.content import messages, tracks, validation
from widgets.content.ladder import Framework
from widgets.content.tracks import TrackId
from widgets.storage import sources
from widgets.storage.sources import ActionSource

# Long enough for a real reflection, short enough that a stray paste of a whole log is refused.
LONG_TEXT_MAX = 5_000
SHORT_TEXT_MAX = 120


def text_up_to(characters: int):
    """Text with its outer spaces stripped and at most ``characters`` of it."""
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=characters)]


ShortText = text_up_to(SHORT_TEXT_MAX)
LongText = text_up_to(LONG_TEXT_MAX)
# Every date a record accepts: wide enough for a career's projects and a plan's horizon, narrow
# enough that a half-typed year (0002) or a slipped digit (20266) is refused, and that every chart,
# report and page can draw it.
FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
STORED = {"stored": True}  # validation context for data read back from a journal


def _plausible_day(day: dt.date, info: ValidationInfo) -> dt.date:
    # What is already stored is read as it is: a journal is never refused for an old date.
    if not FIRST_DAY <= day <= LAST_DAY and not (info.context or {}).get("stored"):
        raise messages.error("date_out_of_range", first=str(FIRST_DAY), last=str(LAST_DAY))
    return day


Day = Annotated[dt.date, AfterValidator(_plausible_day)]
LevelId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
EntryRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]  # another entry's id


class _Part(BaseModel):
    """A part of a record: as strict about unknown keys as the record itself."""

    model_config = ConfigDict(extra="forbid")


class Record(BaseModel):
    """Base of every stored record: strict about unknown keys, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    kind: ClassVar[str]
    # A singleton kind has exactly one entry per journal, stored under the kind's name as id.
    singleton: ClassVar[bool] = False


class Interview(_Part):
    """One interview loop lined up: the company, the level it is for, and its (first) day."""

    company: ShortText = Field(min_length=1, description="Company name")
    level: ShortText = Field("", description="Level the loop is for, e.g. 'Senior (L5)'")
    date: Day | None = Field(None, description="Day of the (first) interview")


class Profile(Record):
    """Who the engineer is and where they are heading (workbook 00)."""

    kind: ClassVar[str] = "profile"
    singleton: ClassVar[bool] = True

    alias: ShortText = Field("", title="Name or alias")
    track: TrackId = Field(default_factory=tracks.default_id, title="Track")
    years_experience: float | None = Field(
        None, ge=0, le=60, allow_inf_nan=False, title="Years of experience"
    )
    current_level: LevelId | None = Field(None, title="Current level")
    target_level: LevelId | None = Field(None, title="Target level")
    target_date: Day | None = Field(None, title="Target date")
    interviews: list[Interview] = Field(
        default_factory=list, max_length=50, title="Interviews lined up"
    )
    worries: LongText = Field("", title="What worries you most")

    REQUIRED_FOR_COMPLETE: ClassVar[tuple[str, ...]] = (
        "alias",
        "years_experience",
        "current_level",
        "target_level",
        "target_date",
        "worries",
    )

    def next_interview(self, today: dt.date) -> Interview | None:
        """The soonest interview from today on."""
        ahead = [i for i in self.interviews if i.date and i.date >= today]
        return min(ahead, key=lambda i: i.date, default=None)

    def missing_fields(self) -> list[str]:
        """Fields still empty that a complete profile needs."""
        return [name for name in self.REQUIRED_FOR_COMPLETE if getattr(self, name) in (None, "")]


Strength = Annotated[int, Field(ge=0, le=100)]
SeedRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
BELIEF_MAX = 500


class Emotion(_Part):
    """A feeling the situation brought, and how strong it was (0–100)."""

    name: ShortText = Field(min_length=1)
    intensity: Strength | None = None


class Rerating(_Part):
    """A later rating of how strongly the original belief is still held."""

    on: Day
    strength: Strength
    note: ShortText = ""


class Experiment(_Part):
    """A small behavioural experiment that tests the belief, and what happened."""

    plan: LongText = Field("", title="Experiment")
    due: Day | None = Field(None, title="Do it by")
    outcome: LongText = Field("", title="What happened")


class PlannedAction(_Part):
    """What the engineer will do when the evidence supports the thought (becomes a plan action)."""

    what: ShortText = Field("", title="What you will do")
    done_when: LongText = Field("", title="Done when")
    due: Day | None = Field(None, title="By")


# Where weighing the evidence led: a fairer reading of the thought, or an action on what is true.
NextStep = Literal["reframe", "act"]


class ThoughtRecord(Record):
    """One CBT thought record on a limiting belief (workbook 01), draft or complete."""

    kind: ClassVar[str] = "thought_record"

    status: Literal["draft", "complete"] = "draft"
    prompt_id: SeedRef | None = Field(None, title="Started from")
    recorded_on: Day = Field(title="Date")
    situation: LongText = Field("", title="Situation")
    belief: text_up_to(BELIEF_MAX) = Field("", title="The belief")
    strength_before: Strength | None = Field(None, title="How strongly you believe it (0–100)")
    emotions: list[Emotion] = Field(default_factory=list, max_length=12, title="Emotions")
    distortions: list[SeedRef] = Field(default_factory=list, max_length=30, title="Distortions")
    evidence_for: LongText = Field("", title="Evidence for")
    evidence_against: LongText = Field("", title="Evidence against")
    next_step: NextStep = Field("reframe", title="Where the evidence points")
    action: PlannedAction = Field(default_factory=PlannedAction, title="What you will do about it")
    balanced_thought: LongText = Field("", title="Balanced thought")
    balanced_strength: Strength | None = Field(None, title="Belief in the balanced thought (0–100)")
    strength_after: Strength | None = Field(None, title="The original belief, re-rated (0–100)")
    experiment: Experiment = Field(default_factory=Experiment)
    reratings: list[Rerating] = Field(default_factory=list, max_length=500)

    # What a complete record needs: field → the code of the message when it is missing.
    COMPLETION: ClassVar[dict[str, str]] = {
        "belief": "belief_missing",
        "strength_before": "strength_before_missing",
        "strength_after": "strength_after_missing",
    }

    def completion_codes(self) -> dict[str, str]:
        """Field → the code of what is missing for a complete record (empty when it can be)."""
        codes = {f: code for f, code in self.COMPLETION.items() if getattr(self, f) in (None, "")}
        if self.next_step == "act" and not self.action.what:
            codes["action"] = "action_missing"
        return codes

    def completion_problems(self) -> dict[str, str]:
        """Field → what is missing for a complete record, as the engineer reads it."""
        return {name: messages.sentence(code) for name, code in self.completion_codes().items()}

    def plans_an_action(self) -> bool:
        """The evidence supports the thought and the engineer has named what to do about it."""
        return self.next_step == "act" and bool(self.action.what)

    @model_validator(mode="after")
    def _complete_means_complete(self) -> ThoughtRecord:
        codes = self.completion_codes() if self.status == "complete" else {}
        if codes:  # named, so a form keeps that field's last good answer
            field, code = next(iter(codes.items()))
            raise messages.error(code, field)
        if len(set(self.distortions)) != len(self.distortions):
            raise messages.error("distortion_repeated", "distortions")
        return self

    def strength_series(self) -> list[tuple[dt.date, int]]:
        """The belief's strength over time: before, re-rated at the end, then later re-ratings."""
        before_after = (self.strength_before, self.strength_after)
        points = [(self.recorded_on, s) for s in before_after if s is not None]
        later = sorted(((r.on, r.strength) for r in self.reratings), key=lambda point: point[0])
        return points + later

    def current_strength(self) -> int | None:
        """The belief's latest rating (the last point of :meth:`strength_series`), or None."""
        series = self.strength_series()
        return series[-1][1] if series else None


LadderRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Confidence = Annotated[int, Field(ge=1, le=5)]
Weight = Annotated[int, Field(ge=1, le=3)]


class _OnePerFramework:
    """Mixin: one entry per framework, stored under ``<prefix>-<framework id>``."""

    ENTRY_PREFIX: ClassVar[str]

    @classmethod
    def entry_id(cls, framework_id: str) -> str:
        return f"{cls.ENTRY_PREFIX}-{framework_id}"


class CustomFramework(_OnePerFramework, Record):
    """A company ladder the engineer imported (``stepup framework import``), kept in the journal
    so the coach view sees it too. Stored under the id ``framework-<framework id>``."""

    kind: ClassVar[str] = "framework"
    ENTRY_PREFIX: ClassVar[str] = "framework"
    framework: Framework


class CompetencyRating(_Part):
    """The engineer's own rating of one competency (level ids are the framework's)."""

    current: LadderRef | None = Field(None, title="Current level")
    target: LadderRef | None = Field(None, title="Target level")
    evidence: LongText = Field("", title="Evidence")
    confidence: Confidence | None = Field(None, title="Confidence (1–5)")
    weight: Weight | None = Field(None, title="How much your loop probes it (1–3)")


class CompetencyAssessment(_OnePerFramework, Record):
    """Self-assessment against one framework (workbook 02); one entry per framework."""

    kind: ClassVar[str] = "competency_assessment"
    ENTRY_PREFIX: ClassVar[str] = "assessment"
    framework_id: LadderRef
    ratings: dict[LadderRef, CompetencyRating] = Field(default_factory=dict, max_length=64)


class CoachRating(_Part):
    """The coach's view of one competency: a level of the framework and a note."""

    level: LadderRef | None = Field(None, title="Coach's view")
    note: LongText = Field("", title="Coach's note")


class CoachAssessment(Record):
    """A coach's view of the same competencies, stored with who gave it and when."""

    kind: ClassVar[str] = "coach_assessment"
    framework_id: LadderRef
    rater: ShortText = Field(min_length=1, title="Coach")
    rated_on: Day = Field(title="Date")
    ratings: dict[LadderRef, CoachRating] = Field(default_factory=dict, max_length=64)


class SnapshotRating(_Part):
    """One competency's levels on the day of a snapshot: the engineer's, the target, the coach's."""

    current: LadderRef | None = None
    target: LadderRef | None = None
    coach: LadderRef | None = None


class CompetencySnapshot(Record):
    """The ratings as they stood on a day ("Save snapshot"), to see them move over months."""

    kind: ClassVar[str] = "competency_snapshot"
    framework_id: LadderRef
    taken_on: Day
    ratings: dict[LadderRef, SnapshotRating] = Field(default_factory=dict, max_length=64)


class DrillAnswer(_Part):
    """The engineer's answer to one deep-dive probe about a project."""

    answer: LongText = Field("", title="Answer")
    confidence: Confidence | None = Field(None, title="Confidence (1–5)")
    needs_research: bool = Field(False, title="Needs research")


class ArtefactCheck(_Part):
    """One kind of artefact to reread (design doc, PRs, …): reread yet, and a note or link."""

    reread: bool = Field(False, title="Reread")
    note: LongText = Field("", title="Note or link")


class PersonToAsk(_Part):
    """Someone who remembers a part of the project: what to ask them, and what they said."""

    who: ShortText = Field("", title="Who")
    ask: LongText = Field("", title="What to ask")
    learned: LongText = Field("", title="What you learned")


class Measure(_Part):
    """One number of a metric and where it came from (a dashboard, a report, a query)."""

    value: float | None = Field(None, allow_inf_nan=False, title="Value")
    source: ShortText = Field("", title="Where it came from")


class NumberToRederive(_Part):
    """A metric the project moved: baseline, target and actual, each with its source."""

    metric: ShortText = Field("", title="Metric")
    unit: ShortText = Field("", title="Unit")
    baseline: Measure = Field(default_factory=Measure, title="Baseline")
    target: Measure = Field(default_factory=Measure, title="Target")
    actual: Measure = Field(default_factory=Measure, title="Actual")


class Decision(_Part):
    """One entry of a project's decision log."""

    decision: ShortText = Field("", title="Decision")
    alternatives: LongText = Field("", title="Alternatives considered")
    why: LongText = Field("", title="Why")
    now: LongText = Field("", title="What I would do now")


class NotMineScript(_Part):
    """An honest answer about a part of the project someone else owned: the template's steps
    (seed ids from ``deep_dives.yaml``) → the engineer's words."""

    part: ShortText = Field("", title="The part you did not own")
    steps: dict[SeedRef, LongText] = Field(default_factory=dict, max_length=12)


class DepthRecovery(_Part):
    """Recovering the depth of a past project before a deep dive (workbook 03)."""

    artefacts: dict[SeedRef, ArtefactCheck] = Field(default_factory=dict, max_length=20)
    people: list[PersonToAsk] = Field(default_factory=list, max_length=20)
    numbers: list[NumberToRederive] = Field(default_factory=list, max_length=20)
    decisions: list[Decision] = Field(default_factory=list, max_length=40)
    not_mine: list[NotMineScript] = Field(default_factory=list, max_length=10)


class Project(Record):
    """A past project, with the engineer's answers to the deep-dive drill (workbook 03)."""

    kind: ClassVar[str] = "project"
    name: ShortText = Field("", title="Project")
    goal: LongText = Field("", title="Goal")
    role: LongText = Field("", title="Your role")
    team_size: int | None = Field(None, ge=1, le=1000, title="Team size")
    stack: text_up_to(300) = Field("", title="Stack")
    started: Day | None = Field(None, title="Started")
    ended: Day | None = Field(None, title="Ended")
    impact: LongText = Field("", title="Measurable impact")
    drill: dict[SeedRef, DrillAnswer] = Field(default_factory=dict, max_length=64)
    depth: DepthRecovery = Field(default_factory=DepthRecovery, title="Recovering depth")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Project:
        if self.started and self.ended and self.ended < self.started:
            raise messages.error("ends_before_start", "ended")
        return self


class Story(Record):
    """A STAR story for behavioural rounds, tagged to competencies and story types (workbook 03)."""

    kind: ClassVar[str] = "story"
    title: ShortText = Field("", title="Title")
    project_id: EntryRef | None = Field(None, title="Project")
    # Written before the STAR parts: the one sentence a listener must keep if they miss the rest.
    headline: LongText = Field("", title="The main point in one sentence")
    situation: LongText = Field("", title="Situation")
    task: LongText = Field("", title="Task")
    action: LongText = Field("", title="Action")
    result: LongText = Field("", title="Result")
    learning: LongText = Field("", title="What you learned")
    competencies: list[LadderRef] = Field(default_factory=list, max_length=30, title="Competencies")
    story_types: list[SeedRef] = Field(default_factory=list, max_length=12, title="Story types")
    clarity: Confidence | None = Field(None, title="How clearly you can tell it aloud (1–5)")


Score = Annotated[int, Field(ge=1, le=4)]  # 1 below mid · 2 mid · 3 senior · 4 staff


class SectionNotes(_Part):
    """Notes and minutes spent on one step of a practice design."""

    notes: LongText = Field("", title="Notes")
    minutes: int | None = Field(None, ge=0, le=180, title="Minutes")


class DesignSession(Record):
    """One practice design: prompt, notes and time per framework step, rubric scores
    (workbook 04)."""

    kind: ClassVar[str] = "design_session"
    prompt_id: SeedRef | None = Field(None, title="Prompt")
    own_prompt: LongText = Field("", title="Your own prompt")
    practised_on: Day = Field(title="Date")
    sections: dict[SeedRef, SectionNotes] = Field(default_factory=dict, max_length=20)
    self_scores: dict[SeedRef, Score] = Field(
        default_factory=dict, max_length=20, title="Your scores"
    )
    coach_rater: ShortText = Field("", title="Coach")
    coach_scores: dict[SeedRef, Score] = Field(
        default_factory=dict, max_length=20, title="Coach's scores"
    )
    reflection: LongText = Field("", title="What to do differently next time")

    @model_validator(mode="after")
    def _coach_scores_have_a_rater(self) -> DesignSession:
        if self.coach_scores and not self.coach_rater:
            raise messages.error("scores_without_coach", "coach_rater")
        return self

    def total_minutes(self) -> int:
        """Minutes spent across the steps (a step without minutes counts none)."""
        return sum(s.minutes or 0 for s in self.sections.values())


# A spoken rehearsal (issue 17): a summary, story or design opening said against a time box, kept
# with what it measured and its ratings (the engineer's, a coach's) on the same four terms:
TAKE_RATINGS = ("clarity", "structure", "pace", "confidence")
TakeRatingName = Literal["clarity", "structure", "pace", "confidence"]
TAKE_NOTE_MAX = 300  # a line of notes


class AudioRef(_Part):
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


class TakeMetrics(_Part):
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
    subject_kind: Literal["project", "story", "design_session"] = Field(title="What was rehearsed")
    subject_id: EntryRef = Field(title="Which one")
    time_box_s: Literal[60, 120, 300] = Field(title="Time box")
    recorded_on: Day = Field(title="Recorded on")
    audio: AudioRef = Field(title="Recording")
    metrics: TakeMetrics = Field(title="Measured")
    self_scores: dict[TakeRatingName, Confidence] = Field(
        default_factory=dict, title="Your ratings"
    )
    notes: text_up_to(TAKE_NOTE_MAX) = Field("", title="Notes")
    coach_rater: ShortText = Field("", title="Coach")
    coach_scores: dict[TakeRatingName, Confidence] = Field(
        default_factory=dict, title="Coach's ratings"
    )
    coach_note: LongText = Field("", title="Coach's note")

    @model_validator(mode="after")
    def _coach_scores_have_a_rater(self) -> Rehearsal:
        if (self.coach_scores or self.coach_note) and not self.coach_rater:
            raise messages.error("ratings_without_coach", "coach_rater")
        return self


SourceText = Annotated[
    str, StringConstraints(pattern=sources.PATTERN), AfterValidator(ActionSource.parse)
]
OPEN_STATUSES = ("open", "in_progress")


class Action(Record):
    """One step of the growth plan (workbook 05): what, why, how you'll know, by when."""

    kind: ClassVar[str] = "action"
    what: ShortText = Field(min_length=1, title="Action")
    why: LongText = Field("", title="Why")
    source: SourceText = Field(ActionSource("own"), title="Comes from")
    done_when: LongText = Field("", title="Done when")
    due: Day | None = Field(None, title="Due")
    status: Literal["open", "in_progress", "done", "dropped"] = Field("open", title="Status")
    created_on: Day = Field(title="Added on")
    # Whether the growth-plan document for the manager lists it (see readers/audience.py).
    manager_sees: bool = Field(True, title="On my manager's copy")

    def is_overdue(self, today: dt.date) -> bool:
        """Due before ``today`` and still open or in progress."""
        return self.due is not None and self.due < today and self.status in OPEN_STATUSES


class Checkin(Record):
    """A weekly check-in (workbook 05): confidence, practice, wins, blockers, next week's focus."""

    kind: ClassVar[str] = "checkin"
    week_of: Day = Field(title="Week of")
    confidence: int | None = Field(None, ge=0, le=10, title="Confidence for the interview (0–10)")
    hours: float | None = Field(None, ge=0, le=100, allow_inf_nan=False, title="Hours practised")
    wins: LongText = Field("", title="Wins")
    blockers: LongText = Field("", title="Blockers")
    next_focus: LongText = Field("", title="Next week's focus")


class ManagerSupport(Record):
    """What the engineer needs from their manager, for the growth-plan document (workbook 05)."""

    kind: ClassVar[str] = "manager_support"
    singleton: ClassVar[bool] = True
    needs: LongText = Field("", title="What I need from you (one per line)")

    def need_lines(self) -> list[str]:
        """One need per non-empty line, without the bullet a line may start with."""
        return [line.strip(" -•*\t") for line in self.needs.splitlines() if line.strip(" -•*\t")]


RECORD_TYPES: dict[str, type[Record]] = {
    model.kind: model
    for model in (
        Profile,
        ThoughtRecord,
        CustomFramework,
        CompetencyAssessment,
        CoachAssessment,
        CompetencySnapshot,
        Project,
        Story,
        DesignSession,
        Rehearsal,
        Action,
        Checkin,
        ManagerSupport,
    )
}


def model_for(kind: str) -> type[Record]:
    """The record class of a kind of entry; KeyError (listing the known kinds) for any other."""
    try:
        return RECORD_TYPES[kind]
    except KeyError:
        known = ", ".join(sorted(RECORD_TYPES))
        raise KeyError(f"unknown kind of entry {kind!r} (known kinds: {known})") from None


def describe_errors(error: ValidationError) -> list[str]:
    """Human sentences for a pydantic error, each naming the field path, e.g.
    'interviews[0].date'."""
    return validation.problems(error, top="(record)")
