"""What every record is made of: the text, day and id types, and the strict base models.

Every record is validated before it is written and again when a JSON export is imported, so a
bad value is refused with a message that names the field instead of being stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
)

from widgets.content import messages

# Long enough for a real reflection, short enough that a stray paste of a whole log is refused.
LONG_TEXT_MAX = 5_000
SHORT_TEXT_MAX = 120


def text_up_to(characters: int):
    """Text with its outer spaces stripped and at most ``characters`` of it."""
    return Annotated[str, StringConstraints(strip_whitespace=True, max_length=characters)]


ShortText = text_up_to(SHORT_TEXT_MAX)
LongText = text_up_to(LONG_TEXT_MAX)
# Every date a record accepts: wide enough for a career's projects and a plan's horizon, narrow
# enough that a half-typed year (0002) or a slipped digit (20266) is refused, and that every chart,
# report and page can draw it.
FIRST_DAY = dt.date(1950, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
STORED = {"stored": True}  # validation context for data read back from a journal


def _plausible_day(day: dt.date, info: ValidationInfo) -> dt.date:
    # What is already stored is read as it is: a journal is never refused for an old date.
    if not FIRST_DAY <= day <= LAST_DAY and not (info.context or {}).get("stored"):
        raise messages.error("date_out_of_range", first=str(FIRST_DAY), last=str(LAST_DAY))
    return day


Day = Annotated[dt.date, AfterValidator(_plausible_day)]
LevelId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
EntryRef = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]  # another entry's id


class Part(BaseModel):
    """A part of a record: as strict about unknown keys as the record itself."""

    model_config = ConfigDict(extra="forbid")


class Record(BaseModel):
    """Base of every stored record: strict about unknown keys, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    kind: ClassVar[str]
    # A singleton kind has exactly one entry per journal, stored under the kind's name as id.
    singleton: ClassVar[bool] = False


Strength = Annotated[int, Field(ge=0, le=100)]
SeedRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
LadderRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Confidence = Annotated[int, Field(ge=1, le=5)]
Weight = Annotated[int, Field(ge=1, le=3)]
