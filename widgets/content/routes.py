"""The routes to the next level (``seeds/routes.yaml``): interviewing elsewhere, or a promotion
at the engineer's own company, or both. A registry of the same shape as the tracks
(:mod:`widgets.content.registry`): the profile lists the routes the engineer is on
(``Profile.routes``), and every layer reads them through :func:`of_profile`, asking a route for
its words instead of comparing its id.
"""

from __future__ import annotations

import functools
from typing import Annotated, ClassVar

from pydantic import AfterValidator

from widgets.content.registry import Entry, Registry, load_registry


class Route(Entry):
    """One route and its words."""


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


RouteId = Annotated[str, AfterValidator(check)]
