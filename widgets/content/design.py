"""Workbook 04's content (``seeds/design_practice.yaml``): design prompts, the step-by-step
sections, the senior rubric and estimation drills, and what one track practises of them.

Which steps, rubric dimensions and drills a track practises is the track's data
(``uses`` in ``seeds/tracks.yaml``), never a branch here.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from widgets.content import tracks, validation
from widgets.content.loading import (
    SeedId,
    SeedText,
    _Seed,
    _UniqueIds,
    load_yaml_model,
    per_language,
)
from widgets.content.resources import seeds_dir
from widgets.content.tracks import ForTracks, Track, TrackId
from widgets.content.wording import exact
from widgets.i18n import format_number, gettext

ROUND_MINUTES = 45  # a design round
# At most this many minutes of steps per track: the rest is introductions and questions.
DESIGN_MINUTES = 38
# Each track's one deep-dive step (the interviewer picks a component) takes this many minutes.
DEEP_DIVE_MINUTES = (10, 15)


class CruxAnswers(_Seed):
    """What a mid-level and a senior answer sound like at the prompt's crux.

    A contrast cites works that contain what it says (``sources``), or says it is our judgement
    (``judgement: ours``); then its sources, if any, cover the topic and the figures it quotes,
    not the contrast itself. The loader refuses a contrast with neither.
    """

    mid: SeedText
    senior: SeedText
    sources: list[SeedText] = Field(
        default_factory=list,
        description="Works that contain the contrast, or (with judgement) its topic and figures",
    )
    judgement: Literal["ours"] | None = Field(
        None, description="'ours': the contrast is our judgement, not a cited work's claim"
    )

    @model_validator(mode="after")
    def _validate_support(self) -> CruxAnswers:
        if not self.sources and self.judgement is None:
            raise ValueError(
                "a mid vs senior contrast needs sources that contain it or 'judgement: ours'"
            )
        return self


class DesignPrompt(_Seed):
    """A system design question for one track, with our note on where its hard part is and
    what a mid-level and a senior answer say there."""

    id: SeedId
    title: SeedText
    track: TrackId
    brief: SeedText = Field(description="The prompt as an interviewer might state it")
    crux: SeedText = Field(description="Our coaching note: where the hard part of this design is")
    at_the_crux: CruxAnswers = Field(description="A mid-level and a senior answer at the crux")
    sources: list[SeedText] = Field(min_length=1)


class DesignSection(ForTracks):
    """One step of working a design answer, the questions to go through and its minutes."""

    id: SeedId
    name: SeedText
    guide: list[SeedText] = Field(
        min_length=2, max_length=4, description="Questions to work through in this section"
    )
    suggested_minutes: int = Field(ge=1, le=30)
    deep_dive: bool = Field(
        False, description="The step where the interviewer picks a component to go deep on"
    )
    sources: list[SeedText] = Field(min_length=1)


class Dimension(_Seed):
    """What the rubric scores whatever the track (failure modes, trade-offs…): each track's
    rubric entry names one, so scores are read by dimension across tracks."""

    id: SeedId
    name: SeedText


class RubricDimension(ForTracks):
    """One track's wording of a scored dimension, described at mid, senior and staff."""

    id: SeedId
    name: SeedText
    dimension: SeedId = Field(description="The dimension (``dimensions:``) this entry scores")
    levels: dict[str, SeedText] = Field(
        description="mid / senior / staff descriptor (scores 2, 3, 4)"
    )
    judgement: Literal["ours"] | None = Field(
        None, description="Part of the wording (said in a comment) is our judgement, not a source's"
    )
    sources: list[SeedText] = Field(min_length=1)

    @model_validator(mode="after")
    def _three_levels(self) -> RubricDimension:
        if set(self.levels) != {"mid", "senior", "staff"}:
            raise ValueError("levels must describe exactly mid, senior and staff")
        return self


_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


def arithmetic(expression: str, names: Mapping[str, float]) -> float:
    """The value of ``expression``: numbers, ``names``, + - * / ** and brackets, nothing else."""

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)
        if isinstance(node, ast.Name) and node.id in names:
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        raise ValueError(f"{ast.unparse(node)!r} is not a number or an earlier step")

    try:
        return value(ast.parse(expression.strip(), mode="eval").body)
    except SyntaxError:
        raise ValueError(f"{expression!r} is not arithmetic") from None
    except (ZeroDivisionError, OverflowError) as error:
        raise ValueError(f"{expression!r} cannot be computed ({error})") from None


class DrillStep(_Seed):
    """One line of a drill's worked answer: ``calc`` may use the names of earlier steps."""

    name: SeedId
    say: SeedText = Field(description="What this step works out, in words")
    calc: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    result: float = Field(gt=0, allow_inf_nan=False, description="The value as stated, rounded")


class DrillAnswer(_Seed):
    """A drill's answer and how far off a guess may be and still count."""

    value: float = Field(gt=0, allow_inf_nan=False)
    unit: SeedText
    within: float = Field(
        10, gt=1, le=100, description="A guess this many times off either way counts"
    )
    say: SeedText = Field(description="The answer in words, e.g. 'about 16 TB'")

    def accepts(self, guess: float) -> bool:
        """Whether ``guess`` is within ``within`` times the answer, either way."""
        return self.value / self.within <= guess <= self.value * self.within

    def verdict(self, guess: float) -> str:
        """How far ``guess`` is from the answer, and whether it counts, in plain words."""
        ratio = guess / self.value
        off = max(ratio, 1 / ratio)
        if self.accepts(guess):
            if off < CLOSE_ENOUGH:
                said = gettext(
                    "Within the accepted range ({within} times either way): your estimate is "
                    "about the same as the reference answer."
                )
            elif ratio > 1:
                said = gettext(
                    "Within the accepted range ({within} times either way): your estimate is "
                    "{off} times the reference answer (too high)."
                )
            else:
                said = gettext(
                    "Within the accepted range ({within} times either way): your estimate is "
                    "{off} times smaller than the reference answer (too low)."
                )
        elif off < CLOSE_ENOUGH:
            said = gettext(
                "Outside the accepted range ({within} times either way): your estimate is "
                "about the same as the reference answer."
            )
        elif ratio > 1:
            said = gettext(
                "Outside the accepted range ({within} times either way): your estimate is "
                "{off} times the reference answer (too high)."
            )
        else:
            said = gettext(
                "Outside the accepted range ({within} times either way): your estimate is "
                "{off} times smaller than the reference answer (too low)."
            )
        return said.format(within=times(self.within), off=times(off))


CLOSE_ENOUGH = 1.25  # an estimate this close either way is "about the same" as the answer


def times(factor: float) -> str:
    """A factor as the verdict says it: "3.2", "25", "1,200" (the reader's digits)."""
    return format_number(exact(factor), "0.#" if factor < 10 else "#,##0")


def figure(value: float) -> str:
    """A drill's number as a page shows it: "750", "0.28", "46,000", "1.6 × 10^13"."""
    if value >= 1e6:
        mantissa, exponent = f"{value:.2e}".split("e")
        return f"{float(mantissa):g} × 10^{int(exponent)}"
    return f"{float(f'{value:.3g}'):,.10g}" if value >= 1 else f"{value:.2g}"


STEP_TOLERANCE = 0.05  # a stated step result may be rounded by this much
ANSWER_TOLERANCE = 1.5  # the answer, an order of magnitude, may be rounded by this factor


class EstimationDrill(_Seed):
    """A back-of-envelope question whose worked answer is recomputed on load."""

    id: SeedId
    track: TrackId
    question: SeedText
    assumptions: list[SeedText] = Field(min_length=1)
    steps: list[DrillStep] = Field(min_length=1)
    answer: DrillAnswer
    sources: list[SeedText] = Field(default_factory=list)
    # "ours": the figures the sources do not hold are our judgement (the page says so).
    judgement: Literal["ours"] | None = None

    def derive(self) -> dict[str, float]:
        """Each step's name → its value computed from the ``calc`` lines (not the rounded
        results)."""
        values: dict[str, float] = {}
        for step in self.steps:
            if step.name in values:
                raise ValueError(f"step {step.name} is named twice")
            try:
                values[step.name] = arithmetic(step.calc, values)
            except ValueError as error:
                raise ValueError(f"step {step.name}: {error}") from None
        return values

    @model_validator(mode="after")
    def _arithmetic_holds(self) -> EstimationDrill:
        if not self.sources and self.judgement is None:
            raise ValueError("a drill names its sources, or says it is our judgement")
        values = self.derive()
        for step in self.steps:
            if not math.isclose(values[step.name], step.result, rel_tol=STEP_TOLERANCE):
                raise ValueError(
                    f"step {step.name}: {step.calc} is {values[step.name]:.3g}, "
                    f"not the stated {step.result:.3g}"
                )
        final = values[self.steps[-1].name]
        if not 1 / ANSWER_TOLERANCE <= self.answer.value / final <= ANSWER_TOLERANCE:
            raise ValueError(
                f"the answer {self.answer.value:.3g} is not the last step's {final:.3g}, rounded"
            )
        return self


@dataclass(frozen=True)
class TrackPractice:
    """One engineer's design practice: their track's steps, rubric and drills, every prompt (their
    own track's first). A session is worked and scored on its prompt's track: see
    :meth:`track_of`, :meth:`sections_of` and :meth:`rubric_of`."""

    track: str  # the engineer's track's id
    sections: list[DesignSection]
    rubric: list[RubricDimension]
    prompts: list[DesignPrompt]
    drills: list[EstimationDrill]
    practice: DesignPracticeFile

    def prompt(self, prompt_id: str | None) -> DesignPrompt | None:
        """Any prompt by id, whichever track it belongs to (see ``DesignPracticeFile.prompt``)."""
        return self.practice.prompt(prompt_id)

    def sections_of(self, track_id: str) -> list[DesignSection]:
        """The steps of a session on ``track_id`` (its prompt's track)."""
        return self.practice.sections_for(track_id)

    def rubric_of(self, track_id: str) -> list[RubricDimension]:
        """The rubric a session on ``track_id`` is scored on."""
        return self.practice.rubric_for(track_id)

    def prompt_track(self, prompt_id: str | None) -> str:
        """The track a session on this prompt practises: the prompt's, or the engineer's own for
        a prompt of their own."""
        prompt = self.prompt(prompt_id)
        return prompt.track if prompt else self.track

    def track_of(self, prompt_id: str | None, scored: set[str]) -> str:
        """The track a session is worked on: the track whose rubric holds most of the rubric ids
        its scores are ``scored`` under (so a session scored on the engineer's track before steps
        followed the prompt still shows that rubric); on a tie (or no score yet), the prompt's
        track, then the engineer's."""
        first = [self.prompt_track(prompt_id), self.track]
        order = list(dict.fromkeys([*first, *tracks.tracks().ids()]))

        def held(track_id: str) -> int:
            return len(scored & {d.id for d in self.rubric_of(track_id)})

        return max(order, key=held)  # the first of the best: ties go to the prompt's track

    def dimensions(self) -> list[tuple[Dimension, RubricDimension]]:
        """Every scored dimension with the entry that describes it to this engineer: their own
        track's entry, in rubric order, then the other dimensions in file order (each with the
        first entry that scores it), named by the dimension."""
        own = [(self.practice.dimension(d.dimension), d) for d in self.rubric]
        have = {dimension.id for dimension, _ in own}
        others = [
            (dimension, next(e for e in self.practice.all_rubric if e.dimension == dimension.id))
            for dimension in self.practice.dimensions
            if dimension.id not in have
        ]
        return own + [(d, entry.model_copy(update={"name": d.name})) for d, entry in others]


class DesignPracticeFile(_UniqueIds):
    """Prompts, steps, rubric and drills for every track; ``for_track(track)`` is what one
    engineer practises (the ``*_for(track)`` methods give the parts)."""

    schema_version: int
    all_prompts: list[DesignPrompt] = Field(alias="prompts", min_length=10)
    all_sections: list[DesignSection] = Field(alias="sections", min_length=6)
    dimensions: list[Dimension] = Field(min_length=4)
    all_rubric: list[RubricDimension] = Field(alias="rubric", min_length=4)
    drills: list[EstimationDrill] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> DesignPracticeFile:
        self._check_unique(self.all_prompts, "prompt")
        self._check_unique(self.all_sections, "section")
        self._check_unique(self.dimensions, "dimension")
        self._check_unique(self.all_rubric, "rubric dimension")
        self._check_unique(self.drills, "drill")
        known = {d.id for d in self.dimensions}
        unknown = [f"{d.id}: {d.dimension}" for d in self.all_rubric if d.dimension not in known]
        if unknown:
            raise ValueError(f"rubric entries name unknown dimensions: {', '.join(unknown)}")
        unused = known - {d.dimension for d in self.all_rubric}
        if unused:
            raise ValueError(f"dimensions no rubric entry scores: {', '.join(sorted(unused))}")
        for track in tracks.tracks().ids():
            self._check_track(track)
        return self

    def _check_track(self, track: str) -> None:
        steps = self.sections_for(track)
        minutes = sum(s.suggested_minutes for s in steps)
        if minutes > DESIGN_MINUTES:
            raise ValueError(
                f"the {track} steps suggest {minutes} minutes; at most {DESIGN_MINUTES} of a "
                f"{ROUND_MINUTES}-minute round leaves time for introductions and questions"
            )
        deep = [s for s in steps if s.deep_dive]
        low, high = DEEP_DIVE_MINUTES
        if len(deep) != 1 or not low <= deep[0].suggested_minutes <= high:
            raise ValueError(
                f"the {track} steps need one deep-dive step of {low} to {high} minutes "
                f"(found: {', '.join(f'{s.id} {s.suggested_minutes}' for s in deep) or 'none'})"
            )
        names = validation.repeated(d.name for d in self.rubric_for(track))
        if names:
            raise ValueError(f"{track} rubric names must be unique; repeated: {', '.join(names)}")
        scored = validation.repeated(d.dimension for d in self.rubric_for(track))
        if scored:
            raise ValueError(f"{track} rubric scores a dimension twice: {', '.join(scored)}")
        shown = validation.repeated(entry.name for _, entry in self.for_track(track).dimensions())
        if shown:
            raise ValueError(f"{track} would show two dimensions as: {', '.join(shown)}")

    def dimension(self, dimension_id: str) -> Dimension:
        """A dimension by id (every rubric entry's is checked on load)."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def dimension_of(self, rubric_id: str) -> str | None:
        """The dimension a rubric entry (by id, as a journal stores it) scores; None for an id the
        rubric no longer has."""
        return next((d.dimension for d in self.all_rubric if d.id == rubric_id), None)

    def section(self, section_id: str) -> DesignSection | None:
        """Any track's step by id, or None."""
        return next((s for s in self.all_sections if s.id == section_id), None)

    def rubric_entry(self, rubric_id: str) -> RubricDimension | None:
        """Any track's rubric entry by id, or None."""
        return next((d for d in self.all_rubric if d.id == rubric_id), None)

    def sections_for(self, track_id: str) -> list[DesignSection]:
        """The track's steps in order; their minutes sum to at most ``DESIGN_MINUTES``."""
        track = _track(track_id)
        return [s for s in self.all_sections if track.applies(s.tracks)]

    def rubric_for(self, track_id: str) -> list[RubricDimension]:
        """The dimensions a design session on the track is scored on, in file order."""
        track = _track(track_id)
        return [d for d in self.all_rubric if track.applies(d.tracks)]

    def prompts_for(self, track_id: str) -> list[DesignPrompt]:
        """Every prompt, the track's own first, then those of the tracks it uses (each group in
        file order)."""
        track = _track(track_id)
        return sorted(self.all_prompts, key=lambda p: track.rank(p.track))

    def drills_for(self, track_id: str) -> list[EstimationDrill]:
        """The drills of the tracks whose content this one uses, its own first."""
        track = _track(track_id)
        drills = [d for d in self.drills if track.applies([d.track])]
        return sorted(drills, key=lambda d: track.rank(d.track))

    def for_track(self, track: str) -> TrackPractice:
        """The track's view with the attribute names the forms read (``sections``, ``rubric``…)."""
        return TrackPractice(
            track,
            self.sections_for(track),
            self.rubric_for(track),
            self.prompts_for(track),
            self.drills_for(track),
            self,
        )

    def prompt(self, prompt_id: str | None) -> DesignPrompt | None:
        """Any prompt by id, whichever track it belongs to (a session keeps its prompt)."""
        return next((p for p in self.all_prompts if p.id == prompt_id), None)

    def drill(self, drill_id: str | None) -> EstimationDrill | None:
        """Any drill by id, whichever track it belongs to, or None."""
        return next((d for d in self.drills if d.id == drill_id), None)


@per_language
def design_practice(folder: Path | None = None) -> DesignPracticeFile:
    """Design prompts, the step-by-step sections, the rubric and estimation drills (workbook 04)."""
    return load_yaml_model((folder or seeds_dir()) / "design_practice.yaml", DesignPracticeFile)


def _track(track_id: str) -> Track:
    return tracks.tracks().get(tracks.check(track_id))
