"""What the journal stores: one pydantic model per kind of entry.

Every record is validated before it is written and again when a JSON export is imported, so a
bad value is refused with a message that names the field instead of being stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

# Long enough for a real reflection, short enough that a stray paste of a whole log is refused.
LONG_TEXT_MAX = 5_000
SHORT_TEXT_MAX = 120

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=LONG_TEXT_MAX)]
LevelId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]


class Record(BaseModel):
    """Base of every stored record: strict about unknown keys, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    kind: ClassVar[str]
    # A singleton kind has exactly one entry per journal, stored under the kind's name as id.
    singleton: ClassVar[bool] = False


class Interview(BaseModel):
    model_config = ConfigDict(extra="forbid")
    company: ShortText = Field(min_length=1, description="Company name")
    level: ShortText = Field("", description="Level the loop is for, e.g. 'Senior (L5)'")
    date: dt.date | None = Field(None, description="Day of the (first) interview")


class Profile(Record):
    """Who the engineer is and where they are heading (workbook 00)."""

    kind: ClassVar[str] = "profile"
    singleton: ClassVar[bool] = True

    alias: ShortText = Field("", title="Name or alias")
    track: Literal["software", "ml"] = Field("software", title="Track")
    years_experience: float | None = Field(None, ge=0, le=60, allow_inf_nan=False, title="Years of experience")
    current_level: LevelId | None = Field(None, title="Current level")
    target_level: LevelId | None = Field(None, title="Target level")
    target_date: dt.date | None = Field(None, title="Target date")
    interviews: list[Interview] = Field(default_factory=list, max_length=50, title="Interviews lined up")
    worries: LongText = Field("", title="What worries you most")

    REQUIRED_FOR_COMPLETE: ClassVar[tuple[str, ...]] = (
        "alias", "years_experience", "current_level", "target_level", "target_date", "worries",
    )

    def next_interview(self, today: dt.date) -> Interview | None:
        """The soonest interview from today on."""
        ahead = [i for i in self.interviews if i.date and i.date >= today]
        return min(ahead, key=lambda i: i.date, default=None)

    def missing_fields(self) -> list[str]:
        """Fields still empty that a complete profile needs."""
        return [name for name in self.REQUIRED_FOR_COMPLETE if getattr(self, name) in (None, "")]


RECORD_TYPES: dict[str, type[Record]] = {model.kind: model for model in (Profile,)}


def model_for(kind: str) -> type[Record]:
    try:
        return RECORD_TYPES[kind]
    except KeyError:
        known = ", ".join(sorted(RECORD_TYPES))
        raise KeyError(f"unknown kind of entry {kind!r} (known kinds: {known})") from None


def describe_errors(error: ValidationError) -> list[str]:
    """Human sentences for a pydantic error, each naming the field path, e.g. 'interviews.0.date'."""
    sentences = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"]) or "(record)"
        sentences.append(f"{path}: {item['msg']}")
    return sentences
