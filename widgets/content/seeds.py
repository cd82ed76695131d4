"""The coaching content in ``seeds/``: YAML files validated on load.

Each file carries a ``schema_version``; a file that fails validation is reported by its path and
the key that is wrong (``levels[2].name: field required``), so a content edit can never break a
workbook silently.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
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
    track: Literal["software", "ml"]
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


class DeepDivesFile(_UniqueIds):
    schema_version: int
    questions: list[DeepDiveQuestion] = Field(min_length=10)
    story_types: list[StoryType] = Field(min_length=6)

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


class DesignPrompt(_Seed):
    id: SeedId
    title: SeedText
    kind: Literal["ml", "general"]
    brief: SeedText = Field(description="The prompt as an interviewer might state it")
    crux: SeedText = Field(description="Our coaching note: where the hard part of this design is")
    sources: list[SeedText] = Field(min_length=1)


class DesignSection(_Seed):
    id: SeedId
    name: SeedText
    guide: list[SeedText] = Field(
        min_length=2, description="Questions to work through in this section"
    )
    suggested_minutes: int = Field(ge=1, le=30)


class RubricDimension(_Seed):
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


class DesignPracticeFile(_UniqueIds):
    schema_version: int
    prompts: list[DesignPrompt] = Field(min_length=10)
    sections: list[DesignSection] = Field(min_length=6)
    rubric: list[RubricDimension] = Field(min_length=4)

    @model_validator(mode="after")
    def _unique(self) -> DesignPracticeFile:
        self._check_unique(self.prompts, "prompt")
        self._check_unique(self.sections, "section")
        self._check_unique(self.rubric, "rubric dimension")
        return self

    def prompt(self, prompt_id: str | None) -> DesignPrompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)


@functools.cache
def design_practice(folder: Path | None = None) -> DesignPracticeFile:
    """Design prompts, the step-by-step sections and the senior rubric (workbook 04)."""
    return load_yaml_model((folder or seeds_dir()) / "design_practice.yaml", DesignPracticeFile)
