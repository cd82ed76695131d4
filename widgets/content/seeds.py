"""The coaching content in ``seeds/``: YAML files validated on load.

Each file carries a ``schema_version``; a file that fails validation is reported by its path and
the key that is wrong (``levels[2].name: field required``), so a content edit can never break a
workbook silently (in English: maintainers read those, never the engineer; see
:class:`ContentError`). This module holds the levels, the beliefs, the ladders and the reading
titles; workbook 03's content is in :mod:`widgets.content.deep_dives`, workbook 04's in
:mod:`widgets.content.design` (both re-exported here), the tracks in :mod:`widgets.content.tracks`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator

from widgets.content import routes, validation
from widgets.content.deep_dives import (  # noqa: F401 (re-exported: one place to import seeds from)
    DEPTH_PARTS,
    DeepDiveQuestion,
    DeepDivesFile,
    DepthArtefact,
    DepthGuide,
    DepthPart,
    DepthPartId,
    ScriptStep,
    StoryType,
    deep_dives,
)
from widgets.content.design import (  # noqa: F401 (re-exported)
    ANSWER_TOLERANCE,
    DESIGN_MINUTES,
    ROUND_MINUTES,
    STEP_TOLERANCE,
    CruxAnswers,
    DesignPracticeFile,
    DesignPrompt,
    DesignSection,
    DrillAnswer,
    DrillStep,
    EstimationDrill,
    RubricDimension,
    TrackPractice,
    arithmetic,
    design_practice,
)
from widgets.content.ladder import Competency, Framework, LadderLevel
from widgets.content.loading import (  # noqa: F401 (re-exported)
    CONTENT_SCHEMA_VERSION,
    SAFE_LOADER,
    ContentError,
    SeedId,
    SeedText,
    _Seed,
    _UniqueIds,
    load_yaml_model,
    per_language,
)
from widgets.content.resources import seeds_dir
from widgets.content.routes import RouteId
from widgets.content.tracks import TrackId


class Level(_Seed):
    """One career level the profile offers, with the public titles it roughly matches."""

    id: SeedId
    name: SeedText
    equivalents: SeedText = Field(description="Roughly matching titles on public ladders")
    summary: SeedText = Field(description="What the level means, in our own words")
    sources: list[SeedText] = Field(min_length=1)


class LevelsFile(_Seed):
    """``levels.yaml``: the career levels, most junior first."""

    schema_version: int
    levels: list[Level] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_ids(self) -> LevelsFile:
        duplicates = validation.repeated(level.id for level in self.levels)
        if duplicates:
            raise ValueError(f"level ids must be unique; repeated: {', '.join(duplicates)}")
        return self

    def by_id(self, level_id: str | None) -> Level | None:
        """The level with this id, or None."""
        return next((level for level in self.levels if level.id == level_id), None)

    def rank(self, level_id: str | None) -> int | None:
        """Position on the ladder (0 = most junior), for comparing current and target."""
        ids = [level.id for level in self.levels]
        return ids.index(level_id) if level_id in ids else None


@per_language
def levels(folder: Path | None = None) -> LevelsFile:
    """The career levels the profile offers (junior … principal)."""
    return load_yaml_model((folder or seeds_dir()) / "levels.yaml", LevelsFile)


class Distortion(_Seed):
    """One cognitive distortion for the thought-record checklist, with an engineering example."""

    id: SeedId
    name: SeedText
    definition: SeedText = Field(description="One line, our own words")
    example: SeedText = Field(description="An illustrative engineering example, our own words")
    family: Literal["burns", "beck", "common"] = Field(description="Which list it comes from")
    sources: list[SeedText] = Field(min_length=1)


class DistortionsFile(_UniqueIds):
    """``distortions.yaml``: the checklist's distortions, ids unique."""

    schema_version: int
    distortions: list[Distortion] = Field(min_length=10)

    @model_validator(mode="after")
    def _unique(self) -> DistortionsFile:
        self._check_unique(self.distortions, "distortion")
        return self

    def by_id(self, distortion_id: str) -> Distortion | None:
        """The distortion with this id, or None."""
        return next((d for d in self.distortions if d.id == distortion_id), None)


class BeliefPrompt(_Seed):
    """A limiting belief engineers hold, with the questions and experiments that test it."""

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
    routes: tuple[RouteId, ...] = Field(
        (), description="The routes it is offered on (none: every route)"
    )

    def offered_to(self, profile) -> bool:
        """Whether the engineer's routes (the profile's) are offered this prompt."""
        return not self.routes or any(r.id in self.routes for r in routes.of_profile(profile))


class BeliefPromptsFile(_UniqueIds):
    """``belief_prompts.yaml``: the bank of limiting beliefs, ids unique."""

    schema_version: int
    prompts: list[BeliefPrompt] = Field(min_length=4)

    @model_validator(mode="after")
    def _unique(self) -> BeliefPromptsFile:
        self._check_unique(self.prompts, "prompt")
        return self

    def by_id(self, prompt_id: str | None) -> BeliefPrompt | None:
        """The prompt with this id, or None."""
        return next((p for p in self.prompts if p.id == prompt_id), None)


@per_language
def distortions(folder: Path | None = None) -> DistortionsFile:
    """Cognitive distortions for the thought-record checklist (Burns' ten and more)."""
    return load_yaml_model((folder or seeds_dir()) / "distortions.yaml", DistortionsFile)


@per_language
def belief_prompts(folder: Path | None = None) -> BeliefPromptsFile:
    """The bank of limiting beliefs with tailored Socratic questions; distortion ids checked."""
    path = (folder or seeds_dir()) / "belief_prompts.yaml"
    bank = load_yaml_model(path, BeliefPromptsFile)
    known = {d.id for d in distortions(folder).distortions}
    for index, prompt in enumerate(bank.prompts):
        for position, distortion_id in enumerate(prompt.likely_distortions):
            if distortion_id not in known:
                raise ContentError(
                    f"{path}: prompts[{index}].likely_distortions[{position}]: "
                    f"unknown distortion {distortion_id!r} (not in distortions.yaml)"
                )
    return bank


class FrameworkSpec(_Seed):
    """A built-in ladder as ``frameworks.yaml`` writes it: its track and the ids of the
    competencies it picks from the shared pool."""

    id: SeedId
    name: SeedText
    track: TrackId
    competencies: list[SeedId] = Field(min_length=10, max_length=14)
    sources: list[SeedText] = Field(min_length=1)


class FrameworksFile(_Seed):
    """Competencies written once, frameworks picking from them (tracks share the general ones)."""

    schema_version: int
    levels: list[SeedId] = Field(
        min_length=3, description="level ids from levels.yaml, lowest first"
    )
    competencies: list[Competency] = Field(min_length=10)
    frameworks: list[FrameworkSpec] = Field(min_length=2)


@per_language
def frameworks(folder: Path | None = None) -> tuple[Framework, ...]:
    """The built-in competency frameworks, one per track that has its own ladder."""
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


class ReadingTitle(_Seed):
    """The title to show for one address the seeds cite, or for one work (a book, a paper, a
    datasheet) they cite without an address: ``work`` is how every citation of it begins
    ("Martin Kleppmann, Designing Data-Intensive Applications (2017)"), and ``kind`` says what
    it is (a work must say; an address may, where its host does not tell). A work's title is
    the work itself unless the file gives another."""

    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    work: SeedText | None = None
    kind: Literal["book", "paper", "page", "repository"] | None = None
    title: SeedText

    @model_validator(mode="before")
    @classmethod
    def _a_work_is_its_own_title(cls, data):
        if isinstance(data, dict) and data.get("work") and "title" not in data:
            return {**data, "title": data["work"]}
        return data

    @model_validator(mode="after")
    def _an_address_or_a_work(self) -> ReadingTitle:
        if (self.url is None) == (self.work is None):
            raise ValueError("a title is for an address (url) or a work (work), one of them")
        if self.work is not None and self.kind is None:
            raise ValueError(f"say what kind of work {self.work!r} is (kind)")
        return self


class ReadingTitlesFile(_Seed):
    """``reading_titles.yaml``: one title per address, and one per work cited without one."""

    schema_version: int
    titles: list[ReadingTitle]

    @model_validator(mode="after")
    def _one_title_per_address(self) -> ReadingTitlesFile:
        duplicates = validation.repeated(
            item.url or item.work for item in self.titles if item.url or item.work
        )
        if duplicates:
            raise ValueError(f"each address has one title; repeated: {', '.join(duplicates)}")
        return self

    def by_url(self) -> dict[str, str]:
        """Address → title."""
        return {item.url: item.title for item in self.titles if item.url}


@per_language
def reading_titles(folder: Path | None = None) -> dict[str, str]:
    """Address → title, for the pages the seeds cite (workbook 05's reading list)."""
    return load_yaml_model(
        (folder or seeds_dir()) / "reading_titles.yaml", ReadingTitlesFile
    ).by_url()


@per_language
def reading_works(folder: Path | None = None) -> tuple[ReadingTitle, ...]:
    """Every entry of ``reading_titles.yaml``: the addresses and the works cited without one,
    each with its kind where the file gives it (workbook 05's reading list, the citation test)."""
    return tuple(
        load_yaml_model((folder or seeds_dir()) / "reading_titles.yaml", ReadingTitlesFile).titles
    )
