"""Saying it in a second language: the phrase bank and structure-first habits (workbook 04).

``seeds/communication.yaml`` holds groups of phrases for interviews and design reviews
(signposting, clarifying, asking to repeat, buying time, disagreeing, summarising, …) and the
habits that put structure before words (the agenda first, the diagram before the talk, the main
point in one sentence). Every group and habit names its sources; ids are unique across both.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator

from widgets.content.loading import per_language
from widgets.content.resources import seeds_dir
from widgets.content.seeds import SeedId, SeedText, _Seed, _UniqueIds, load_yaml_model


class PhraseGroup(_Seed):
    """Phrases for one conversational move, and when to reach for them."""

    id: SeedId
    name: SeedText
    when: SeedText = Field(description="When to use these phrases, in one or two sentences")
    phrases: list[SeedText] = Field(
        min_length=3, description="Our own wording; [brackets] mark what you fill in"
    )
    glosses: list[SeedText] = Field(
        default=[],
        description="Each phrase's meaning in the reader's language, in order (none in English):"
        " the phrases themselves stay English",
    )
    sources: list[SeedText] = Field(min_length=1)

    @model_validator(mode="after")
    def _a_gloss_per_phrase(self) -> PhraseGroup:
        if self.glosses and len(self.glosses) != len(self.phrases):
            raise ValueError(
                f"phrase group {self.id!r} has {len(self.glosses)} glosses for"
                f" {len(self.phrases)} phrases: give one per phrase, in order"
            )
        return self


class Habit(_Seed):
    """A structure-first habit: what to do, and why it helps as far as the evidence goes."""

    id: SeedId
    name: SeedText
    how: SeedText = Field(description="What to do, concretely")
    why: SeedText = Field(description="Why it helps; inference is marked as such")
    sources: list[SeedText] = Field(min_length=1)


class CommunicationFile(_UniqueIds):
    """``communication.yaml``: the phrase groups and the habits, ids unique across both."""

    schema_version: int
    phrase_groups: list[PhraseGroup] = Field(min_length=6)
    habits: list[Habit] = Field(min_length=6)

    @model_validator(mode="after")
    def _unique(self) -> CommunicationFile:
        # One id space: a group and a habit with the same id would be ambiguous in a link.
        self._check_unique([*self.phrase_groups, *self.habits], "phrase group and habit")
        for group in self.phrase_groups:
            repeated = sorted({p for p in group.phrases if group.phrases.count(p) > 1})
            if repeated:
                raise ValueError(f"phrase group {group.id!r} repeats: {'; '.join(repeated)}")
        return self

    def group(self, group_id: str) -> PhraseGroup | None:
        """The phrase group with this id, or None."""
        return next((g for g in self.phrase_groups if g.id == group_id), None)

    def habit(self, habit_id: str) -> Habit | None:
        """The habit with this id, or None."""
        return next((h for h in self.habits if h.id == habit_id), None)


@per_language
def communication(folder: Path | None = None) -> CommunicationFile:
    """The phrase bank and structure-first habits for a second-language speaker (workbook 04)."""
    return load_yaml_model((folder or seeds_dir()) / "communication.yaml", CommunicationFile)
