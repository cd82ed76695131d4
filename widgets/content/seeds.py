"""The coaching content in ``seeds/``: YAML files validated on load.

Each file carries a ``schema_version``; a file that fails validation is reported by its path and
the key that is wrong (``levels[2].name: field required``), so a content edit can never break a
workbook silently.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from widgets.content import validation
from widgets.content.ladder import Competency, Framework, LadderLevel
from widgets.content.resources import seeds_dir

CONTENT_SCHEMA_VERSION = 1
# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SeedId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
SeedText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ContentError(ValueError):
    """A seeds file is missing, unreadable or invalid; the message names the file and key."""


class _Seed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Seed):
    id: SeedId
    name: SeedText
    equivalents: SeedText = Field(description="Roughly matching titles on public ladders")
    summary: SeedText = Field(description="What the level means, in our own words")
    sources: list[SeedText] = Field(min_length=1)


class LevelsFile(_Seed):
    schema_version: int
    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_ids(self) -> LevelsFile:
        duplicates = validation.repeated(level.id for level in self.levels)
        if duplicates:
            raise ValueError(f"level ids must be unique; repeated: {', '.join(duplicates)}")
        return self

    def by_id(self, level_id: str | None) -> Level | None:
        return next((level for level in self.levels if level.id == level_id), None)

    def rank(self, level_id: str | None) -> int | None:
        """Position on the ladder (0 = most junior), for comparing current and target."""
        ids = [level.id for level in self.levels]
        return ids.index(level_id) if level_id in ids else None


def load_yaml_model(path: Path, model: type[_Seed]) -> _Seed:
    """Read one YAML file into a validated model, or raise ContentError naming path and key."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        raise ContentError(f"{path}: the content file is missing.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(f"{path}: not readable as YAML ({error}).") from None
    if not isinstance(raw, dict):
        raise ContentError(
            f"{path}: expected a mapping at the top level, found {type(raw).__name__}."
        )
    version = raw.get("schema_version")
    if isinstance(version, int) and version > CONTENT_SCHEMA_VERSION:
        raise ContentError(
            f"{path}: schema_version {version} is newer than this Step Up reads ({CONTENT_SCHEMA_VERSION})."
        )
    if version != CONTENT_SCHEMA_VERSION:
        raise ContentError(
            f"{path}: schema_version must be {CONTENT_SCHEMA_VERSION}, found {version!r}."
        )
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ContentError(f"{path}: " + "; ".join(validation.problems(error))) from None


@functools.cache
def levels(folder: Path | None = None) -> LevelsFile:
    """The career levels the profile offers (junior … principal)."""
    return load_yaml_model((folder or seeds_dir()) / "levels.yaml", LevelsFile)


class _UniqueIds(_Seed):
    """A seeds file whose items carry ids that must be unique."""

    @staticmethod
    def _check_unique(items, what: str) -> None:
        duplicates = validation.repeated(item.id for item in items)
        if duplicates:
            raise ValueError(f"{what} ids must be unique; repeated: {', '.join(duplicates)}")


class Distortion(_Seed):
    id: SeedId
    name: SeedText
    definition: SeedText = Field(description="One line, our own words")
    example: SeedText = Field(description="An illustrative engineering example, our own words")
    family: Literal["burns", "beck", "common"] = Field(description="Which list it comes from")
    sources: list[SeedText] = Field(min_length=1)


class DistortionsFile(_UniqueIds):
    schema_version: int
    distortions: list[Distortion] = Field(min_length=10)

    @model_validator(mode="after")
    def _unique(self) -> DistortionsFile:
        self._check_unique(self.distortions, "distortion")
        return self

    def by_id(self, distortion_id: str) -> Distortion | None:
        return next((d for d in self.distortions if d.id == distortion_id), None)


class BeliefPrompt(_Seed):
    id: SeedId
    belief: SeedText = Field(description="The limiting belief as engineers put it")
    why_it_bites: SeedText = Field(
        description="One or two sentences: where it comes from, why it feels true"
    )
    likely_distortions: list[SeedId] = Field(min_length=1)
    questions: list[SeedText] = Field(
        min_length=3, description="Socratic questions tailored to the belief"
    )
    experiment_ideas: list[SeedText] = Field(
        min_length=1, description="Small behavioural experiments that test it"
    )
    sources: list[SeedText] = Field(min_length=1)


class BeliefPromptsFile(_UniqueIds):
    schema_version: int
    prompts: list[BeliefPrompt] = Field(min_length=4)

    @model_validator(mode="after")
    def _unique(self) -> BeliefPromptsFile:
        self._check_unique(self.prompts, "prompt")
        return self

    def by_id(self, prompt_id: str | None) -> BeliefPrompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)


@functools.cache
def distortions(folder: Path | None = None) -> DistortionsFile:
    """Cognitive distortions for the thought-record checklist (Burns' ten and more)."""
    return load_yaml_model((folder or seeds_dir()) / "distortions.yaml", DistortionsFile)


@functools.cache
def belief_prompts(folder: Path | None = None) -> BeliefPromptsFile:
    """The bank of limiting beliefs with tailored Socratic questions; distortion ids checked."""
    path = (folder or seeds_dir()) / "belief_prompts.yaml"
    bank = load_yaml_model(path, BeliefPromptsFile)
    known = {d.id for d in distortions(folder).distortions}
    for index, prompt in enumerate(bank.prompts):
        for position, distortion_id in enumerate(prompt.likely_distortions):
            if distortion_id not in known:
                raise ContentError(
                    f"{path}: prompts[{index}].likely_distortions[{position}]: unknown distortion {distortion_id!r} (not in distortions.yaml)"
                )
    return bank


class FrameworkSpec(_Seed):
    id: SeedId
    name: SeedText
    track: Literal["software", "ml", "frontend_mobile"]
    competencies: list[SeedId] = Field(min_length=10, max_length=14)
    sources: list[SeedText] = Field(min_length=1)


class FrameworksFile(_Seed):
    """Competencies written once, frameworks picking from them (the ML track shares the general ones)."""

    schema_version: int
    levels: list[SeedId] = Field(
        min_length=3, description="level ids from levels.yaml, lowest first"
    )
    competencies: list[Competency] = Field(min_length=10)
    frameworks: list[FrameworkSpec] = Field(min_length=2)


@functools.cache
def frameworks(folder: Path | None = None) -> tuple[Framework, ...]:
    """The built-in competency frameworks (software engineer, ML engineer)."""
    path = (folder or seeds_dir()) / "frameworks.yaml"
    spec = load_yaml_model(path, FrameworksFile)
    ladder = levels(folder)
    problems = [
        f"levels[{i}]: unknown level {level_id!r} (not in levels.yaml)"
        for i, level_id in enumerate(spec.levels)
        if ladder.by_id(level_id) is None
    ]
    pool = {c.id: c for c in spec.competencies}
    built = []
    for f_index, framework in enumerate(spec.frameworks):
        unknown = [
            f"frameworks[{f_index}].competencies[{i}]: unknown competency {c!r}"
            for i, c in enumerate(framework.competencies)
            if c not in pool
        ]
        problems += unknown
        if problems:
            continue
        try:
            built.append(
                Framework(
                    id=framework.id,
                    name=framework.name,
                    track=framework.track,
                    sources=framework.sources,
                    levels=[
                        LadderLevel(id=level_id, name=ladder.by_id(level_id).name)
                        for level_id in spec.levels
                    ],
                    competencies=[pool[c] for c in framework.competencies],
                )
            )
        except ValidationError as error:
            problems.append(
                f"frameworks[{f_index}]: "
                + "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
            )
    if problems:
        raise ContentError(f"{path}: " + "; ".join(problems))
    return tuple(built)


# -- workbook 03: project deep dives and the story bank ------------------------------------------


class DeepDiveQuestion(_Seed):
    id: SeedId
    area: SeedText = Field(description="Which part of the deep dive, e.g. 'Your role'")
    question: SeedText
    looking_for: SeedText = Field(description="What a strong answer shows, in one or two sentences")
    ml_only: bool = False
    sources: list[SeedText] = Field(min_length=1)


class StoryType(_Seed):
    id: SeedId
    name: SeedText
    prompt: SeedText = Field(description="How interviewers typically ask for it")
    strong_answer: SeedText = Field(description="What makes the story land at senior level")
    sources: list[SeedText] = Field(min_length=1)


DepthPartId = Literal["artefacts", "people", "numbers", "decisions", "not_mine"]
DEPTH_PARTS: tuple[DepthPartId, ...] = ("artefacts", "people", "numbers", "decisions", "not_mine")


class DepthPart(_Seed):
    """Guidance for one part of recovering a project's depth (the artefacts to reread, …)."""

    id: DepthPartId
    title: SeedText
    guidance: SeedText = Field(description="How to do this part, in our own words")
    sources: list[SeedText] = Field(min_length=1)


class DepthArtefact(_Seed):
    """One kind of artefact worth rereading before a deep dive, and what to look for in it."""

    id: SeedId
    name: SeedText
    look_for: SeedText
    ml_only: bool = False
    sources: list[SeedText] = Field(min_length=1)


class ScriptStep(_Seed):
    """One step of the honest "I didn't own that part" script."""

    id: SeedId
    prompt: SeedText = Field(description="The question the engineer answers")
    starter: SeedText = Field(description="How the sentence could begin when said aloud")
    sources: list[SeedText] = Field(min_length=1)


class DepthGuide(_UniqueIds):
    """Workbook 03's method for recovering depth on a past project."""

    parts: list[DepthPart]
    artefacts: list[DepthArtefact] = Field(min_length=5)
    script: list[ScriptStep] = Field(min_length=3)

    @model_validator(mode="after")
    def _every_part_once(self) -> DepthGuide:
        if sorted(part.id for part in self.parts) != sorted(DEPTH_PARTS):
            raise ValueError(f"parts must be exactly {', '.join(DEPTH_PARTS)}, each once")
        self._check_unique(self.artefacts, "artefact")
        self._check_unique(self.script, "script step")
        return self

    def part(self, part_id: DepthPartId) -> DepthPart:
        return next(part for part in self.parts if part.id == part_id)

    def artefacts_for(self, ml: bool) -> list[DepthArtefact]:
        """The artefacts for this engineer: ML-only ones only on the ML track."""
        return [a for a in self.artefacts if ml or not a.ml_only]


class DeepDivesFile(_UniqueIds):
    schema_version: int
    questions: list[DeepDiveQuestion] = Field(min_length=10)
    story_types: list[StoryType] = Field(min_length=6)
    depth: DepthGuide

    @model_validator(mode="after")
    def _unique(self) -> DeepDivesFile:
        self._check_unique(self.questions, "question")
        self._check_unique(self.story_types, "story type")
        return self


@functools.cache
def deep_dives(folder: Path | None = None) -> DeepDivesFile:
    """The deep-dive question bank and the senior story types (workbook 03)."""
    return load_yaml_model((folder or seeds_dir()) / "deep_dives.yaml", DeepDivesFile)


# -- workbook 04: design practice ------------------------------------------------------------------

Track = Literal["ml", "software", "frontend_mobile"]
TRACKS: tuple[Track, ...] = ("ml", "software", "frontend_mobile")
ROUND_MINUTES = 45  # a design round
# At most this many minutes of steps per track: the rest is introductions and questions.
DESIGN_MINUTES = 38


def _check_track(track: str) -> Track:
    if track not in TRACKS:
        raise ValueError(f"track must be one of {', '.join(TRACKS)}, not {track!r}")
    return track


class _ForTracks(_Seed):
    """An item shown on one track or both (``tracks: [ml, software]``, the default)."""

    tracks: list[Track] = Field(default_factory=lambda: list(TRACKS), min_length=1)

    @field_validator("tracks")
    @classmethod
    def _each_track_once(cls, tracks: list[Track]) -> list[Track]:
        if len(set(tracks)) != len(tracks):
            raise ValueError("each track is listed once")
        return tracks


class CruxAnswers(_Seed):
    """What a mid-level and a senior answer sound like at the prompt's crux."""

    mid: SeedText
    senior: SeedText
    sources: list[SeedText] = Field(min_length=1)


class DesignPrompt(_Seed):
    id: SeedId
    title: SeedText
    track: Track
    brief: SeedText = Field(description="The prompt as an interviewer might state it")
    crux: SeedText = Field(description="Our coaching note: where the hard part of this design is")
    at_the_crux: CruxAnswers | None = None
    sources: list[SeedText] = Field(min_length=1)


class DesignSection(_ForTracks):
    id: SeedId
    name: SeedText
    guide: list[SeedText] = Field(
        min_length=2, max_length=4, description="Questions to work through in this section"
    )
    suggested_minutes: int = Field(ge=1, le=30)
    sources: list[SeedText] = Field(min_length=1)


class RubricDimension(_ForTracks):
    id: SeedId
    name: SeedText
    levels: dict[str, SeedText] = Field(
        description="mid / senior / staff descriptor (scores 2, 3, 4)"
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
    value: float = Field(gt=0, allow_inf_nan=False)
    unit: SeedText
    within: float = Field(
        10, gt=1, le=100, description="A guess this many times off either way counts"
    )
    say: SeedText = Field(description="The answer in words, e.g. 'about 16 TB'")

    def accepts(self, guess: float) -> bool:
        return self.value / self.within <= guess <= self.value * self.within


STEP_TOLERANCE = 0.05  # a stated step result may be rounded by this much
ANSWER_TOLERANCE = 1.5  # the answer, an order of magnitude, may be rounded by this factor


class EstimationDrill(_Seed):
    """A back-of-envelope question whose worked answer is recomputed on load."""

    id: SeedId
    track: Track
    question: SeedText
    assumptions: list[SeedText] = Field(min_length=1)
    steps: list[DrillStep] = Field(min_length=1)
    answer: DrillAnswer
    sources: list[SeedText] = Field(min_length=1)

    def derive(self) -> dict[str, float]:
        """Each step's name → its value computed from the ``calc`` lines (not the rounded results)."""
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
    """One track's design practice: its steps, rubric and drills, every prompt (its own first)."""

    track: Track
    sections: list[DesignSection]
    rubric: list[RubricDimension]
    prompts: list[DesignPrompt]
    drills: list[EstimationDrill]
    practice: DesignPracticeFile

    def prompt(self, prompt_id: str | None) -> DesignPrompt | None:
        return self.practice.prompt(prompt_id)


class DesignPracticeFile(_UniqueIds):
    """Prompts, steps, rubric and drills for both tracks; ``for_track(track)`` is what one
    engineer practises (the ``*_for(track)`` methods give the parts)."""

    schema_version: int
    all_prompts: list[DesignPrompt] = Field(alias="prompts", min_length=10)
    all_sections: list[DesignSection] = Field(alias="sections", min_length=6)
    all_rubric: list[RubricDimension] = Field(alias="rubric", min_length=4)
    drills: list[EstimationDrill] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> DesignPracticeFile:
        self._check_unique(self.all_prompts, "prompt")
        self._check_unique(self.all_sections, "section")
        self._check_unique(self.all_rubric, "rubric dimension")
        self._check_unique(self.drills, "drill")
        for track in TRACKS:
            minutes = sum(s.suggested_minutes for s in self.sections_for(track))
            if minutes > DESIGN_MINUTES:
                raise ValueError(
                    f"the {track} steps suggest {minutes} minutes; at most {DESIGN_MINUTES} of a "
                    f"{ROUND_MINUTES}-minute round leaves time for introductions and questions"
                )
            names = validation.repeated(d.name for d in self.rubric_for(track))
            if names:
                raise ValueError(
                    f"{track} rubric names must be unique; repeated: {', '.join(names)}"
                )
        return self

    def sections_for(self, track: Track) -> list[DesignSection]:
        """The track's steps in order; their minutes sum to at most ``DESIGN_MINUTES``."""
        _check_track(track)
        return [s for s in self.all_sections if track in s.tracks]

    def rubric_for(self, track: Track) -> list[RubricDimension]:
        _check_track(track)
        return [d for d in self.all_rubric if track in d.tracks]

    def prompts_for(self, track: Track) -> list[DesignPrompt]:
        """Every prompt, the track's own first (each group in file order)."""
        _check_track(track)
        return sorted(self.all_prompts, key=lambda p: p.track != track)

    def drills_for(self, track: Track) -> list[EstimationDrill]:
        _check_track(track)
        return [d for d in self.drills if d.track == track]

    def for_track(self, track: Track) -> TrackPractice:
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
        return next((d for d in self.drills if d.id == drill_id), None)


@functools.cache
def design_practice(folder: Path | None = None) -> DesignPracticeFile:
    """Design prompts, the step-by-step sections, the rubric and estimation drills (workbook 04)."""
    return load_yaml_model((folder or seeds_dir()) / "design_practice.yaml", DesignPracticeFile)


class ReadingTitle(_Seed):
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    title: SeedText


class ReadingTitlesFile(_Seed):
    schema_version: int
    titles: list[ReadingTitle]

    @model_validator(mode="after")
    def _one_title_per_address(self) -> ReadingTitlesFile:
        duplicates = validation.repeated(item.url for item in self.titles)
        if duplicates:
            raise ValueError(f"each address has one title; repeated: {', '.join(duplicates)}")
        return self

    def by_url(self) -> dict[str, str]:
        return {item.url: item.title for item in self.titles}


@functools.cache
def reading_titles(folder: Path | None = None) -> dict[str, str]:
    """Address → title, for the pages the seeds cite (workbook 05's reading list)."""
    return load_yaml_model(
        (folder or seeds_dir()) / "reading_titles.yaml", ReadingTitlesFile
    ).by_url()
