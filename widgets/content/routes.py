"""The routes to the next level (``seeds/routes.yaml``): interviewing elsewhere, or a promotion
at the engineer's own company. A registry of the same shape as the tracks
(:mod:`widgets.content.registry`); nothing chooses a route yet.
"""

from __future__ import annotations

import functools
from typing import ClassVar

from widgets.content.registry import Entry, Registry, load_registry


class Route(Entry):
    """One route and its words; the promotion issue adds its milestones."""


class RoutesFile(Registry[Route]):
    """``routes.yaml``: every route and the one a blank choice means."""

    kind: ClassVar[str] = "route"


@functools.cache
def routes() -> RoutesFile:
    """Every route, in the order a choice would offer them."""
    return load_registry("routes.yaml", RoutesFile)
