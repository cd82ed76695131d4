"""Who the engineer's coach is (``seeds/coach_roles.yaml``): their manager, a mentor outside the
reporting line, or a professional coach. A registry of the same shape as the routes
(:mod:`widgets.content.registry`): the profile names the role (``Profile.coach_role``), and the
coach's page, ``stepup share`` and "Share with my coach" read as the audience the role names
(:func:`reads_as`): a coach who is the manager *is* the manager audience.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, field_validator

from widgets.content.audiences import TABLE
from widgets.content.loading import per_language
from widgets.content.registry import Entry, Registry, load_registry
from widgets.i18n import N_


class CoachRole(Entry):
    """One kind of coach, the audience they read as, and what is said about it."""

    reads_as: str = Field(description="The audience whose copy this coach reads")
    before_sharing: str = Field("", description="Said to the engineer before anything is shared")
    on_the_page: str = Field("", description="Said at the top of the coach's page")

    @field_validator("reads_as")
    @classmethod
    def _an_audience(cls, audience_id: str) -> str:
        if audience_id not in TABLE:
            raise ValueError(f"reads_as must be one of {', '.join(TABLE)}, not {audience_id!r}")
        return audience_id


class CoachRolesFile(Registry[CoachRole]):
    """``coach_roles.yaml``: every kind of coach and the one a blank choice means."""

    kind: ClassVar[str] = N_("coach role")


@per_language
def coach_roles() -> CoachRolesFile:
    """Every kind of coach, in the order the profile's choice offers them."""
    return load_registry("coach_roles.yaml", CoachRolesFile)


def check(role_id: str) -> str:
    """``role_id`` if a role has it, else ValueError("coach role must be one of …")."""
    return coach_roles().check(role_id)


def default_id() -> str:
    """The role of a profile that names none (saved before the question was asked)."""
    return coach_roles().default


def of_profile(profile) -> CoachRole:
    """The engineer's coach's role: the profile's, or the default one."""
    return coach_roles().resolve(getattr(profile, "coach_role", None))


def reads_as(profile) -> str:
    """The audience the engineer's coach reads as (an id of the audience table)."""
    return of_profile(profile).reads_as


CoachRoleId = Annotated[str, AfterValidator(check)]
