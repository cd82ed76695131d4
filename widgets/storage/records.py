"""What the journal stores: one pydantic model per kind of entry.

Every record is validated before it is written and again when a JSON export is imported, so a
bad value is refused with a message that names the field instead of being stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AfterValidator,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from widgets import i18n
from widgets.content import coach_roles, messages, routes, tracks, validation
from widgets.content.coach_roles import CoachRoleId
from widgets.content.ladder import Framework
from widgets.content.routes import RouteId
from widgets.content.tracks import TrackId
from widgets.i18n import N_
from widgets.storage import sources
from widgets.storage.plan_records import Win, WinMeasure  # noqa: F401 (callers import it here)
from widgets.storage.practice_records import (  # noqa: F401 (callers import every record from here)
    TAKE_NOTE_MAX,
    TAKE_RATINGS,
    ArtefactCheck,
    AudioRef,
    Decision,
    DepthRecovery,
    DesignSession,
    DrillAnswer,
    DrillAttempt,
    Measure,
    NotMineScript,
    NumberToRederive,
    PersonToAsk,
    Project,
    Rehearsal,
    Score,
    SectionNotes,
    Story,
    TakeMetrics,
    TakeRatingName,
)
from widgets.storage.record_base import (  # noqa: F401 (callers import these from here too)
    FIRST_DAY,
    LAST_DAY,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    STORED,
    Confidence,
    Day,
    EntryRef,
    LadderRef,
    LevelId,
    LongText,
    Part,
    Record,
    SeedRef,
    ShortText,
    Strength,
    Weight,
    text_up_to,
)
from widgets.storage.sources import ActionSource


class Interview(Part):
    """One interview loop lined up: the company, the level it is for, and its (first) day."""

    company: ShortText = Field(min_length=1, description="Company name")
    level: ShortText = Field("", description="Level the loop is for, e.g. 'Senior (L5)'")
    date: Day | None = Field(None, description="Day of the (first) interview")


class PromotionCycle(Part):
    """The company's promotion cycle the engineer is going for: its name and its two dates."""

    name: ShortText = Field("", description="e.g. 'H1 2027' or 'the May cycle'")
    packet_due: Day | None = Field(None, description="When the promotion packet is due")
    calibration_on: Day | None = Field(None, description="When calibration happens")


class CycleRating(Part):
    """The rating one past performance cycle gave (the founding story's "meets, every cycle")."""

    cycle: ShortText = Field(min_length=1, description="e.g. 'H2 2025'")
    rating: ShortText = Field(min_length=1, description="The rating as the company words it")


def _language_id(value: str) -> str:
    return i18n.check(value) if value else value  # "": not chosen (the setting or locale decides)


LanguageId = Annotated[str, AfterValidator(_language_id)]


class Profile(Record):
    """Who the engineer is and where they are heading (workbook 00)."""

    kind: ClassVar[str] = "profile"
    singleton: ClassVar[bool] = True

    alias: ShortText = Field("", title=N_("Name or alias"))
    track: TrackId = Field(default_factory=tracks.default_id, title=N_("Track"))
    years_experience: float | None = Field(
        None, ge=0, le=60, allow_inf_nan=False, title=N_("Years of experience")
    )
    current_level: LevelId | None = Field(None, title=N_("Current level"))
    target_level: LevelId | None = Field(None, title=N_("Target level"))
    target_date: Day | None = Field(None, title=N_("Target date"))
    routes: list[RouteId] = Field(
        default_factory=routes.default_ids, min_length=1, max_length=8, title=N_("Route")
    )
    interviews: list[Interview] = Field(
        default_factory=list, max_length=50, title=N_("Interviews lined up")
    )
    # The promotion route (seeds/routes.yaml): the cycle, past ratings, who decides and who backs.
    promotion_cycle: PromotionCycle = Field(
        default_factory=PromotionCycle, title=N_("Promotion cycle")
    )
    past_ratings: list[CycleRating] = Field(
        default_factory=list, max_length=20, title=N_("Past ratings")
    )
    manager: ShortText = Field("", title=N_("Manager"))
    sponsors: ShortText = Field("", title=N_("Sponsors"))
    # Who coaches (seeds/coach_roles.yaml): a coach who is the manager reads the manager's copy.
    coach_role: CoachRoleId = Field(
        default_factory=coach_roles.default_id, title=N_("Your coach is")
    )
    worries: LongText = Field("", title=N_("What worries you most"))
    # An id of seeds/languages.yaml, never its name. Left out of the stored JSON while not
    # chosen, so a journal from before it was asked for is written back byte for byte.
    language: LanguageId = Field("", title=N_("Language"), exclude_if=lambda value: not value)

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


BELIEF_MAX = 500


class Emotion(Part):
    """A feeling the situation brought, and how strong it was (0–100)."""

    name: ShortText = Field(min_length=1)
    intensity: Strength | None = None


class Rerating(Part):
    """A later rating of how strongly the original belief is still held."""

    on: Day
    strength: Strength
    note: ShortText = ""


class Experiment(Part):
    """A behavioural experiment on the belief: what the belief predicts and how strongly it is
    believed (written before), the test and its day, what happened, and the prediction re-rated
    (after). Records saved before the prediction existed load with it empty."""

    prediction: LongText = Field("", title=N_("Prediction"))
    prediction_before: Strength | None = Field(None, title=N_("Believe the prediction (0–100)"))
    plan: LongText = Field("", title=N_("Experiment"))
    due: Day | None = Field(None, title=N_("Do it by"))
    outcome: LongText = Field("", title=N_("What happened"))
    prediction_after: Strength | None = Field(None, title=N_("The prediction, re-rated (0–100)"))


class PlannedAction(Part):
    """What the engineer will do when the evidence supports the thought (becomes a plan action)."""

    what: ShortText = Field("", title=N_("What you will do"))
    done_when: LongText = Field("", title=N_("Done when"))
    due: Day | None = Field(None, title=N_("By"))


# Where weighing the evidence led: a fairer reading of the thought, or an action on what is true.
NextStep = Literal["reframe", "act"]
# Is the thought partly true (scope, visibility, a real skill gap)? Asked before any distortion.
PartlyTrue = Literal["no", "partly", "mostly"]


class ThoughtRecord(Record):
    """One CBT thought record on a limiting belief (workbook 01), draft or complete."""

    kind: ClassVar[str] = "thought_record"

    status: Literal["draft", "complete"] = "draft"
    prompt_id: SeedRef | None = Field(None, title=N_("Started from"))
    recorded_on: Day = Field(title=N_("Date"))
    situation: LongText = Field("", title=N_("Situation"))
    belief: text_up_to(BELIEF_MAX) = Field("", title=N_("The belief"))
    strength_before: Strength | None = Field(None, title=N_("How strongly you believe it (0–100)"))
    emotions: list[Emotion] = Field(default_factory=list, max_length=12, title=N_("Emotions"))
    partly_true: PartlyTrue | None = Field(None, title=N_("Is it partly true?"))
    distortions: list[SeedRef] = Field(default_factory=list, max_length=30, title=N_("Distortions"))
    evidence_for: LongText = Field("", title=N_("Evidence for"))
    evidence_against: LongText = Field("", title=N_("Evidence against"))
    next_step: NextStep = Field("reframe", title=N_("Where the evidence points"))
    action: PlannedAction = Field(
        default_factory=PlannedAction, title=N_("What you will do about it")
    )
    balanced_thought: LongText = Field("", title=N_("Balanced thought"))
    balanced_strength: Strength | None = Field(
        None, title=N_("Belief in the balanced thought (0–100)")
    )
    strength_after: Strength | None = Field(None, title=N_("The original belief, re-rated (0–100)"))
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


class CompetencyRating(Part):
    """The engineer's own rating of one competency (level ids are the framework's)."""

    current: LadderRef | None = Field(None, title=N_("Current level"))
    target: LadderRef | None = Field(None, title=N_("Target level"))
    evidence: LongText = Field("", title=N_("Evidence"))
    confidence: Confidence | None = Field(None, title=N_("Confidence (1–5)"))
    weight: Weight | None = Field(None, title=N_("How much your loop probes it (1–3)"))


class CompetencyAssessment(_OnePerFramework, Record):
    """Self-assessment against one framework (workbook 02); one entry per framework."""

    kind: ClassVar[str] = "competency_assessment"
    ENTRY_PREFIX: ClassVar[str] = "assessment"
    framework_id: LadderRef
    ratings: dict[LadderRef, CompetencyRating] = Field(default_factory=dict, max_length=64)


class CoachRating(Part):
    """The coach's view of one competency: a level of the framework and a note."""

    level: LadderRef | None = Field(None, title=N_("Coach's view"))
    note: LongText = Field("", title=N_("Coach's note"))


class CoachAssessment(Record):
    """A coach's view of the same competencies, stored with who gave it and when."""

    kind: ClassVar[str] = "coach_assessment"
    framework_id: LadderRef
    rater: ShortText = Field(min_length=1, title=N_("Coach"))
    rated_on: Day = Field(title=N_("Date"))
    ratings: dict[LadderRef, CoachRating] = Field(default_factory=dict, max_length=64)


class SnapshotRating(Part):
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


SourceText = Annotated[
    str, StringConstraints(pattern=sources.PATTERN), AfterValidator(ActionSource.parse)
]
OPEN_STATUSES = ("open", "in_progress")


class Action(Record):
    """One step of the growth plan (workbook 05): what, why, how you'll know, by when."""

    kind: ClassVar[str] = "action"
    what: ShortText = Field(min_length=1, title=N_("Action"))
    why: LongText = Field("", title=N_("Why"))
    source: SourceText = Field(ActionSource("own"), title=N_("Comes from"))
    done_when: LongText = Field("", title=N_("Done when"))
    due: Day | None = Field(None, title=N_("Due"))
    status: Literal["open", "in_progress", "done", "dropped"] = Field("open", title=N_("Status"))
    created_on: Day = Field(title=N_("Added on"))
    # Whether the growth-plan document for the manager lists it (see readers/audience.py).
    manager_sees: bool = Field(True, title=N_("On my manager's copy"))

    def is_overdue(self, today: dt.date) -> bool:
        """Due before ``today`` and still open or in progress."""
        return self.due is not None and self.due < today and self.status in OPEN_STATUSES


class Checkin(Record):
    """A weekly check-in (workbook 05): confidence, practice, wins, blockers, next week's focus."""

    kind: ClassVar[str] = "checkin"
    week_of: Day = Field(title=N_("Week of"))
    confidence: int | None = Field(None, ge=0, le=10, title=N_("Confidence (0–10)"))
    hours: float | None = Field(
        None, ge=0, le=100, allow_inf_nan=False, title=N_("Hours practised")
    )
    wins: LongText = Field("", title=N_("Wins"))
    blockers: LongText = Field("", title=N_("Blockers"))
    next_focus: LongText = Field("", title=N_("Next week's focus"))


class ManagerSupport(Record):
    """What the engineer needs from their manager, for the growth-plan document (workbook 05)."""

    kind: ClassVar[str] = "manager_support"
    singleton: ClassVar[bool] = True
    needs: LongText = Field("", title=N_("What I need from you (one per line)"))

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
        DrillAttempt,
        Rehearsal,
        Action,
        Checkin,
        ManagerSupport,
        Win,
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
