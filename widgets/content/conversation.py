"""The conversation with the manager (``seeds/conversation.yaml``, workbook 05): the growth-plan
1:1's agenda (what to bring, the questions to ask), the follow-up note to send after it, and the
founding advice as actions the plan proposes (lead a design review, take a role in an incident,
mentor a junior engineer).

Which agenda items an engineer's agenda holds is named by their routes (``routes.yaml``'s
``agenda:``), and which advice the plan proposes by the advice's own ``routes:``: data, never a
branch on a route's id. Every item names its sources.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from widgets.content import routes
from widgets.content.loading import per_language
from widgets.content.resources import seeds_dir
from widgets.content.seeds import (
    ContentError,
    SeedId,
    SeedText,
    _Seed,
    _UniqueIds,
    load_yaml_model,
)

# What an item's text may be filled with (readers/conversation.py gives each its value).
PLACEHOLDERS = frozenset({"target_level", "cycle", "since", "manager"})
ListName = Literal["milestones", "past_ratings", "gaps", "wins", "needs", "plan"]


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a text is filled with."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class AgendaItem(_Seed):
    """One line of the agenda or the follow-up note: its text, what fills it, and its sources."""

    id: SeedId
    text: SeedText = Field(description="Our own words; {placeholders} from PLACEHOLDERS")
    defaults: dict[str, str] = Field(
        default_factory=dict, description="What a placeholder reads when the journal has nothing"
    )
    lines: ListName | None = Field(None, description="The journal's lines listed under it")
    empty: SeedText | None = Field(None, description="Said when its list is empty")
    sources: list[SeedText] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_placeholders(self) -> AgendaItem:
        used = placeholders(self.text) | placeholders(self.empty or "") | set(self.defaults)
        unknown = sorted(used - PLACEHOLDERS)
        if unknown:
            raise ValueError(f"{self.id}: unknown placeholders {', '.join(unknown)}")
        return self


class Advice(_Seed):
    """A piece of the founding advice as an action the plan proposes, for the routes named."""

    id: SeedId
    routes: list[SeedId] = Field(min_length=1, description="The routes it is proposed on")
    what: SeedText
    why: SeedText
    done_when: SeedText = Field(description="Checkable by the engineer and the manager alike")
    same_as: list[SeedText] = Field(
        min_length=1, description="Words that make an action in the plan this advice already"
    )
    sources: list[SeedText] = Field(min_length=1)

    def matches(self, *texts: str) -> bool:
        """Whether an action's texts (its name, its done-when) are this advice already."""
        folded = " ".join(texts).casefold()
        return any(words.casefold() in folded for words in self.same_as)


class ConversationFile(_UniqueIds):
    """``conversation.yaml``: what to bring, what to ask, the follow-up note, the advice."""

    schema_version: int
    bring: list[AgendaItem] = Field(min_length=1)
    ask: list[AgendaItem] = Field(min_length=1)
    follow_up: list[AgendaItem] = Field(min_length=1)
    advice: list[Advice] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ConversationFile:
        self._check_unique([*self.bring, *self.ask], "agenda item")
        self._check_unique(self.follow_up, "follow-up part")
        self._check_unique(self.advice, "advice")
        for advice in self.advice:
            for route_id in advice.routes:
                routes.check(route_id)
        return self

    def agenda_ids(self) -> set[str]:
        """Every id a route's ``agenda:`` may name."""
        return {item.id for item in (*self.bring, *self.ask)}


@per_language
def conversation(folder: Path | None = None) -> ConversationFile:
    """The agenda, the follow-up note and the advice; every route's ``agenda:`` checked against
    them (a ContentError names a route that names no item)."""
    path = (folder or seeds_dir()) / "conversation.yaml"
    found = load_yaml_model(path, ConversationFile)
    for route in routes.routes().entries:
        unknown = sorted(set(route.agenda) - found.agenda_ids())
        if unknown:
            raise ContentError(
                f"routes.yaml: route {route.id!r} names agenda items {path.name} does not hold: "
                + ", ".join(unknown)
            )
    return found


def agenda_for(profile) -> set[str]:
    """The agenda items of the engineer's routes (each route's ``agenda:``), every one once."""
    return {item_id for route in routes.of_profile(profile) for item_id in route.agenda}


def advice_for(profile) -> list[Advice]:
    """The advice proposed on the engineer's routes, in the file's order."""
    mine = {route.id for route in routes.of_profile(profile)}
    return [advice for advice in conversation().advice if mine & set(advice.routes)]
