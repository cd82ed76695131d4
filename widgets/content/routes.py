"""The routes to the next level (``seeds/routes.yaml``): interviewing elsewhere, or a promotion
at the engineer's own company, or both. A registry of the same shape as the tracks
(:mod:`widgets.content.registry`): the profile lists the routes the engineer is on
(``Profile.routes``), and every layer reads them through :func:`of_profile`, asking a route for
its words instead of comparing its id.
"""

from __future__ import annotations

import functools
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field

from widgets.content.loading import SeedId, SeedText, _Seed
from widgets.content.registry import Entry, Registry, load_registry


class MilestoneKind(_Seed):
    """A kind of date on a route's way (an interview, calibration): where the profile holds it
    and how a page names it."""

    kind: SeedId
    at: SeedId = Field(description="The profile's field: a part, or a list of parts")
    day: SeedId = Field(description="The part's field holding the date")
    words: SeedText = Field(description="How it reads, filled from the part: '{company} interview'")
    the_next: SeedText = Field(description="The nearest one, as a subject: 'your next interview'")


class Route(Entry):
    """One route, its words, the profile's answers that belong to it, and its milestones."""

    private: bool = Field(False, description="The manager's copy leaves the route out")
    asks: tuple[SeedId, ...] = Field((), description="The profile's answers of this route")
    undated: SeedText = Field(description="What 05 says while no milestone is ahead")
    milestones: tuple[MilestoneKind, ...] = ()


class RoutesFile(Registry[Route]):
    """``routes.yaml``: every route and the one a blank choice means."""

    kind: ClassVar[str] = "route"


@functools.cache
def routes() -> RoutesFile:
    """Every route, in the order a choice would offer them."""
    return load_registry("routes.yaml", RoutesFile)


def check(route_id: str) -> str:
    """``route_id`` if a route has it, else ValueError("route must be one of …")."""
    return routes().check(route_id)


def default_ids() -> list[str]:
    """The routes of a profile that names none (saved before routes were asked): the default."""
    return [routes().default]


def of_profile(profile) -> list[Route]:
    """The engineer's routes, in the registry's order: the profile's, or the default route while
    there is no profile (a route this version no longer has is skipped)."""
    chosen = set(getattr(profile, "routes", None) or ())
    listed = [route for route in routes().entries if route.id in chosen]
    return listed or [routes().get(routes().default)]


def asking(field_name: str) -> list[Route]:
    """The routes a profile answer belongs to (none: it belongs to every route)."""
    return [route for route in routes().entries if field_name in route.asks]


def milestone_kind(kind: str) -> MilestoneKind | None:
    """The milestone kind with this id, from whichever route has it."""
    kinds = (m for route in routes().entries for m in route.milestones)
    return next((m for m in kinds if m.kind == kind), None)


def private_ids() -> frozenset[str]:
    """The routes the manager's copy leaves out."""
    return frozenset(route.id for route in routes().entries if route.private)


RouteId = Annotated[str, AfterValidator(check)]
