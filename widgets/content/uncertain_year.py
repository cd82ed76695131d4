"""An uncertain year (``seeds/uncertain_year.yaml``, workbook 05): interviewing elsewhere, or
going for promotion, while the company is uncertain. Who to tell and who not, answering "why are
you leaving?", down-level and up-level offers, promotion freezes, references, and keeping the
drive; and the actions the plan proposes from them.

Which topics, items and proposals an engineer reads is named by their routes (each entry's
``routes:``, or ``routes_all:`` for an item that needs every route named): data, never a branch
on a route's id. Every item names its sources, or says it is our judgement, or both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from widgets.content import routes
from widgets.content.audiences import TIERS
from widgets.content.loading import per_language
from widgets.content.resources import seeds_dir
from widgets.content.seeds import SeedId, SeedText, _Seed, _UniqueIds, load_yaml_model

Judgement = Literal["ours"]


class _Sourced(_Seed):
    """Something the page says: its sources, or the mark that it is our judgement (or both)."""

    sources: list[SeedText] = Field(default_factory=list)
    judgement: Judgement | None = Field(None, description="'ours': what no cited work states")

    @model_validator(mode="after")
    def _sourced_or_judged(self) -> _Sourced:
        if not self.sources and self.judgement is None:
            raise ValueError("needs sources, or judgement: ours")
        return self

    @property
    def ours(self) -> bool:
        """Whether (part of) it is our judgement rather than a cited work's."""
        return self.judgement is not None


class Item(_Sourced):
    """One piece of advice, shown to the routes its topic names (or the narrower ones here)."""

    id: SeedId
    text: SeedText
    routes: list[SeedId] = Field(
        default_factory=list, description="Any of these (else the topic's)"
    )
    routes_all: list[SeedId] = Field(default_factory=list, description="Every one of these")

    def applies(self, mine: set[str]) -> bool:
        """Whether an engineer on the routes ``mine`` reads it."""
        anyone = not self.routes or bool(mine & set(self.routes))
        return anyone and set(self.routes_all) <= mine


class Topic(_Seed):
    """A topic of the page: its title, one line under it, the routes it is for, its items."""

    id: SeedId
    title: SeedText
    intro: SeedText
    routes: list[SeedId] = Field(min_length=1)
    level_map: bool = Field(False, description="Show the engineer's levels across companies")
    items: list[Item] = Field(min_length=1)

    def items_for(self, mine: set[str]) -> list[Item]:
        """The items an engineer on the routes ``mine`` reads, in the file's order."""
        return [item for item in self.items if item.applies(mine)]


class Proposal(_Sourced):
    """An action the plan proposes from a topic, for the routes named; private by default."""

    id: SeedId
    topic: SeedId
    routes: list[SeedId] = Field(min_length=1)
    preparing: bool = Field(False, description="Also proposed in the last weeks before a milestone")
    what: SeedText
    why: SeedText
    done_when: SeedText = Field(description="Checkable by the engineer")
    same_as: list[SeedText] = Field(
        min_length=1, description="Words that make an action in the plan this proposal already"
    )

    def matches(self, *texts: str) -> bool:
        """Whether an action's texts (its name, its done-when) are this proposal already."""
        folded = " ".join(texts).casefold()
        return any(words.casefold() in folded for words in self.same_as)


def _tier(tier: str) -> str:
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}, not {tier!r}")
    return tier


class UncertainYearFile(_UniqueIds):
    """``uncertain_year.yaml``: who may read the page, the topics and the proposals."""

    schema_version: int
    tier: Annotated[str, AfterValidator(_tier)] = Field(
        description="Who may read the page: a tier of TIERS (a coach who does not see it reads "
        "a notice)"
    )
    topics: list[Topic] = Field(min_length=1)
    proposals: list[Proposal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> UncertainYearFile:
        self._check_unique(self.topics, "topic")
        self._check_unique(self.proposals, "proposal")
        topic_ids = {topic.id for topic in self.topics}
        for topic in self.topics:
            self._check_unique(topic.items, f"{topic.id}: item")
            for route_id in topic.routes:
                routes.check(route_id)
            for item in topic.items:
                narrower = set(item.routes) | set(item.routes_all)
                if not narrower <= set(topic.routes):
                    raise ValueError(f"{topic.id}.{item.id}: routes outside its topic's")
        for proposal in self.proposals:
            if proposal.topic not in topic_ids:
                raise ValueError(f"proposal {proposal.id}: no topic {proposal.topic!r}")
            for route_id in proposal.routes:
                routes.check(route_id)
        return self


@per_language
def uncertain_year(folder: Path | None = None) -> UncertainYearFile:
    """The page's topics and proposals (a ContentError names the file and the key at fault)."""
    return load_yaml_model((folder or seeds_dir()) / "uncertain_year.yaml", UncertainYearFile)


def route_ids(profile) -> set[str]:
    """The ids of the engineer's routes (the default route while there is no profile)."""
    return {route.id for route in routes.of_profile(profile)}


def topics_for(profile) -> list[tuple[Topic, list[Item]]]:
    """(topic, its items) for the engineer's routes, in the file's order; a topic with no item
    for them is left out."""
    mine = route_ids(profile)
    found = [
        (topic, topic.items_for(mine))
        for topic in uncertain_year().topics
        if mine & set(topic.routes)
    ]
    return [(topic, items) for topic, items in found if items]


def proposals_for(profile, preparing: bool) -> list[Proposal]:
    """The proposals for the engineer's routes, in the file's order; while preparing for a
    milestone, only those marked ``preparing``."""
    mine = route_ids(profile)
    return [
        p
        for p in uncertain_year().proposals
        if mine & set(p.routes) and (p.preparing or not preparing)
    ]
