"""Workbook 03's content (``seeds/deep_dives.yaml``): the deep-dive probes, the senior story
types and the method for recovering a project's depth."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from widgets.content.loading import (
    SeedId,
    SeedText,
    _Seed,
    _UniqueIds,
    load_yaml_model,
    per_language,
)
from widgets.content.resources import seeds_dir
from widgets.content.tracks import ForTracks, Track


class DeepDiveQuestion(ForTracks):
    """A probe of the deep dive; ``tracks`` names the tracks it is asked on (all when left out)."""

    id: SeedId
    area: SeedText = Field(description="Which part of the deep dive, e.g. 'Your role'")
    question: SeedText
    looking_for: SeedText = Field(description="What a strong answer shows, in one or two sentences")
    sources: list[SeedText] = Field(min_length=1)


class StoryType(_Seed):
    """A kind of story behavioural rounds ask for at senior level, and what makes one land."""

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


class DepthArtefact(ForTracks):
    """One kind of artefact worth rereading before a deep dive, and what to look for in it."""

    id: SeedId
    name: SeedText
    look_for: SeedText
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
        """The guidance for one part (every part is there, checked on load)."""
        return next(part for part in self.parts if part.id == part_id)

    def artefacts_for(self, track: Track) -> list[DepthArtefact]:
        """The artefacts worth rereading on ``track`` (those marked for other tracks left out)."""
        return [a for a in self.artefacts if track.applies(a.tracks)]


class DeepDivesFile(_UniqueIds):
    """``deep_dives.yaml``: the probes, the story types and the depth guide, ids unique."""

    schema_version: int
    questions: list[DeepDiveQuestion] = Field(min_length=10)
    story_types: list[StoryType] = Field(min_length=6)
    depth: DepthGuide

    @model_validator(mode="after")
    def _unique(self) -> DeepDivesFile:
        self._check_unique(self.questions, "question")
        self._check_unique(self.story_types, "story type")
        return self


@per_language
def deep_dives(folder: Path | None = None) -> DeepDivesFile:
    """The deep-dive question bank and the senior story types (workbook 03)."""
    return load_yaml_model((folder or seeds_dir()) / "deep_dives.yaml", DeepDivesFile)
