"""The tracks an engineer can be on (``seeds/tracks.yaml``): names, which content applies, the
words a form shows.

Every layer reads the engineer's track through :func:`of_profile`, and asks the track rather
than comparing its id: ``track.name`` for a sentence, ``track.applies(item.tracks)`` for content
marked for some tracks, ``track.placeholders`` for a form's examples. A new track is an entry in
the YAML file and its content in the other seeds; no code names it.
"""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, field_validator, model_validator

from widgets.content.loading import SeedId, SeedText, _Seed, per_language
from widgets.content.registry import Entry, Registry, load_registry
from widgets.i18n import N_

# A ladder an engineer imported (``stepup framework import``): it fits every track.
COMPANY_LADDER = "custom"


class Placeholders(_Seed):
    """Examples from the engineer's own kind of work, for workbook 03's project form."""

    project_name: SeedText
    project_stack: SeedText
    who: SeedText = Field(description="Someone to ask about the project")
    metric: SeedText = Field(description="A number to re-derive")
    unit: SeedText
    decision: SeedText
    part: SeedText = Field(description="A part of the project the engineer did not own")


class Track(Entry):
    """One track (software, ML, …): its words, whose content applies to it, the examples its
    forms show, and the readings written for it alone."""

    uses: list[SeedId] = Field(
        min_length=1, description="The tracks whose content applies, this one first"
    )
    placeholders: Placeholders
    own_readings: list[SeedText] = Field(
        default_factory=list,
        description="Patterns of a reading written for this track only (address or title)",
    )

    @field_validator("own_readings")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{pattern!r} is not a regular expression ({error})") from None
        return patterns

    def applies(self, tracks: list[str] | tuple[str, ...]) -> bool:
        """Is content marked for ``tracks`` shown on this track?"""
        return any(track in tracks for track in self.uses)

    def rank(self, track: str) -> int:
        """Where content of ``track`` comes in this track's lists: its own first, then the
        tracks it uses in order, then the rest."""
        return self.uses.index(track) if track in self.uses else len(self.uses)

    def owns_reading(self, text: str) -> bool:
        """Is a reading (its address or title) one written for this track alone?"""
        return any(re.search(p, text, re.IGNORECASE) for p in self.own_readings)


class TracksFile(Registry[Track]):
    """``tracks.yaml``: every track; each one's ``uses`` starts with itself and names known
    tracks only."""

    kind: ClassVar[str] = N_("track")

    @model_validator(mode="after")
    def _uses_known_tracks(self) -> TracksFile:
        for index, track in enumerate(self.entries):
            if track.uses[0] != track.id:
                raise ValueError(f"entries[{index}].uses must start with its own id, {track.id}")
            unknown = [t for t in track.uses if t not in self.ids()]
            if unknown:
                raise ValueError(f"entries[{index}].uses: unknown track {', '.join(unknown)}")
        return self

    def reading_fits(self, track: Track, text: str) -> bool:
        """Is a reading (its address and title) for ``track``: written for no track in
        particular, or for one whose content this track uses?"""
        owners = [other.id for other in self.entries if other.owns_reading(text)]
        return not owners or track.applies(owners)


@per_language
def tracks() -> TracksFile:
    """Every track, in the order the profile offers them."""
    return load_registry("tracks.yaml", TracksFile)


def check(track_id: str) -> str:
    """``track_id`` if a track has it, else ValueError("track must be one of …")."""
    return tracks().check(track_id)


def of_profile(profile) -> Track:
    """The engineer's track: the profile's, or the default while there is no profile (or a
    profile saved with a track this version no longer has)."""
    return tracks().resolve(getattr(profile, "track", None))


def default_id() -> str:
    """The id of the track a profile has before one is chosen."""
    return tracks().default


def framework_track(value: str) -> str:
    """A ladder's track: a track's id, or ``COMPANY_LADDER`` for an engineer's own."""
    return value if value == COMPANY_LADDER else check(value)


def fitting_frameworks(track: Track, frameworks):
    """The ladders that fit ``track``: built-in ones of the tracks it uses (its own first),
    then the engineer's own."""
    built_in = sorted(
        (f for f in frameworks if f.track != COMPANY_LADDER and track.applies([f.track])),
        key=lambda f: track.rank(f.track),
    )
    return built_in + [f for f in frameworks if f.track == COMPANY_LADDER]


# A field holding a track id, checked against the registry.
TrackId = Annotated[str, AfterValidator(check)]
# The tracks an item of the seeds is for: all of them when the file leaves it out.
TrackIds = Annotated[
    list[TrackId], Field(default_factory=lambda: list(tracks().ids()), min_length=1)
]


class ForTracks(_Seed):
    """An item of the seeds shown on some tracks only (``tracks: [ml]``), on every track when
    the file leaves ``tracks`` out."""

    tracks: TrackIds

    @field_validator("tracks")
    @classmethod
    def _each_track_once(cls, listed: list[str]) -> list[str]:
        if len(set(listed)) != len(listed):
            raise ValueError("each track is listed once")
        return listed
