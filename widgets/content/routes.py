"""The routes to the next level (``seeds/routes.yaml``): interviewing elsewhere, or a promotion
at the engineer's own company, or both. A registry of the same shape as the tracks
(:mod:`widgets.content.registry`): the profile lists the routes the engineer is on
(``Profile.routes``), and every layer reads them through :func:`of_profile`, asking a route for
its words instead of comparing its id.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, Field, field_validator

from widgets.content.audiences import TIERS
from widgets.content.loading import SeedId, SeedText, _Seed, per_language
from widgets.content.registry import Entry, Registry, load_registry, pseudo_words
from widgets.content.wording import alternatives
from widgets.i18n import N_


def _tier(tier: str) -> str:
    if tier not in TIERS:
        raise ValueError(f"tier must be one of {', '.join(TIERS)}, not {tier!r}")
    return tier


class GapWeighting(_Seed):
    """How a route ranks workbook 02's gaps (levels to target × a weight per competency), and
    the words that say so (``routes.yaml`` explains each field)."""

    weights: Literal["interview_loop", "ladder"] = Field(
        description="Where a competency's weight comes from when the engineer set none"
    )
    column: SeedText
    axis: SeedText
    measure: SeedText
    measure_in_documents: SeedText


class RouteWords(_Seed):
    """What the pages call the route's moment of truth and the people there, each as it reads
    inside a sentence (lower case, so a sentence starting with one capitalises it)."""

    milestone: SeedText = Field(description="After 'for' or 'before': 'the interview'")
    at_milestone: SeedText = Field(description="Where a thing is judged: 'in the interview'")
    live_setting: SeedText = Field(
        description="Where the engineer answers questions live: 'in the room'"
    )
    askers: SeedText = Field(description="Who asks the questions, in general: 'interviewers'")
    the_askers: SeedText = Field(description="The ones who will ask this engineer")

    @field_validator("*")
    @classmethod
    def _pseudo_words(cls, text: str) -> str:
        """Words a person reads: accented in the pseudo-locale even when one word looks like an
        id ("interviewers"), which its overlay leaves as it is."""
        return pseudo_words(text)


class MilestoneKind(_Seed):
    """A kind of date on a route's way (an interview, calibration): where the profile holds it
    and how a page names it."""

    kind: SeedId
    at: SeedId = Field(description="The profile's field: a part, or a list of parts")
    day: SeedId = Field(description="The part's field holding the date")
    words: SeedText = Field(description="How it reads, filled from the part: '{company} interview'")
    the_next: SeedText = Field(description="The nearest one, as a subject: 'your next interview'")


class RouteDocument(_Seed):
    """A document the route offers beside the growth plan (workbook 05's export, ``stepup report
    --document``): its id, the export button's words, and the asks it makes of the manager."""

    id: SeedId
    button: SeedText = Field(description="The export button: 'Download my promotion case'")
    asks: tuple[SeedText, ...] = Field((), description="What the engineer asks for, first person")


class Route(Entry):
    """One route, its words, the profile's answers that belong to it, and its milestones."""

    # The route's one privacy: who may know of it, and so read its words, milestones and weighting.
    tier: Annotated[str, AfterValidator(_tier)] = Field(
        "shared", description="Who may know the engineer is on this route: a tier of TIERS"
    )
    left_out: tuple[SeedText, ...] = Field(
        (), description="What a hint says a copy leaves out of this route, for who may not know"
    )
    asks: tuple[SeedId, ...] = Field((), description="The profile's answers of this route")
    undated: SeedText = Field(description="What 05 says while no milestone is ahead")
    milestones: tuple[MilestoneKind, ...] = ()
    agenda: tuple[SeedId, ...] = Field(
        (), description="The 1:1 agenda's items on this route (seeds/conversation.yaml)"
    )
    documents: tuple[RouteDocument, ...] = ()

    gap_weighting: GapWeighting
    words: RouteWords


class RoutesFile(Registry[Route]):
    """``routes.yaml``: every route and the one a blank choice means."""

    kind: ClassVar[str] = N_("route")


@per_language
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


def gap_weighting(profile, sees: AbstractSet[str] = frozenset(TIERS)) -> GapWeighting:
    """How the gaps are ranked for a reader who sees the tiers ``sees`` (every tier: the
    engineer's own pages): the weighting of the engineer's first route whose words that reader may
    read, else of the first route in the registry whose words they may read (a manager reads the
    promotion's weighting even when the engineer only interviews), else of the engineer's first
    route. An engineer on both routes reads the interview loop's; their manager, who sees only
    what is shared, reads the promotion's."""
    mine = of_profile(profile)
    readable = [route for route in mine if route.tier in sees]
    anyone = [route for route in routes().entries if route.tier in sees]
    return (readable or anyone or mine)[0].gap_weighting


def asking(field_name: str) -> list[Route]:
    """The routes a profile answer belongs to (none: it belongs to every route)."""
    return [route for route in routes().entries if field_name in route.asks]


def milestone_kind(kind: str) -> MilestoneKind | None:
    """The milestone kind with this id, from whichever route has it."""
    kinds = (m for route in routes().entries for m in route.milestones)
    return next((m for m in kinds if m.kind == kind), None)


def known_ids(sees: AbstractSet[str]) -> frozenset[str]:
    """The routes a reader who sees the tiers ``sees`` may know the engineer is on."""
    return frozenset(route.id for route in routes().entries if route.tier in sees)


def documents(profile) -> list[RouteDocument]:
    """The documents the engineer's routes offer, each once, in the routes' order."""
    found = {d.id: d for route in of_profile(profile) for d in route.documents}
    return list(found.values())


RouteId = Annotated[str, AfterValidator(check)]


def words(profile, field: str) -> str:
    """What the engineer's routes call ``field`` of :class:`RouteWords`, each route's once, joined
    by "or" ("the interview or calibration" for an engineer on both routes)."""
    said = dict.fromkeys(getattr(route.words, field) for route in of_profile(profile))
    return alternatives(list(said))
