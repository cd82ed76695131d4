"""What workbook 05's evidence log stores: the engineer's wins, each with its impact.

A win is the brag document's line: what changed, the number before and after, who benefited, and
what it is evidence for (a competency of the engineer's framework, a project, a story).
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator

from widgets.content import messages
from widgets.i18n import N_
from widgets.storage.record_base import (
    Day,
    EntryRef,
    LadderRef,
    LongText,
    Part,
    Record,
    ShortText,
    text_up_to,
)

# Wide enough for any count, rate or sum of money a win moves; a slipped paste of digits is not.
MEASURE_LIMIT = 1e12


def _number(title: str):
    return Field(None, ge=-MEASURE_LIMIT, le=MEASURE_LIMIT, allow_inf_nan=False, title=title)


class WinMeasure(Part):
    """The number a win moved: what it measures, before and after, and its unit."""

    name: ShortText = Field("", title=N_("What you measured"))
    before: float | None = _number(N_("Before"))
    after: float | None = _number(N_("After"))
    unit: text_up_to(24) = Field("", title=N_("Unit"))

    @model_validator(mode="after")
    def _numbers_are_of_something(self) -> WinMeasure:
        if self.has_numbers() and not self.name:
            # Filed under the number, so it falls back and the rest of the win is saved.
            raise messages.error(
                "measure_unnamed", "before" if self.before is not None else "after"
            )
        return self

    def has_numbers(self) -> bool:
        """Whether a number before or after is given."""
        return self.before is not None or self.after is not None


class Win(Record):
    """One win of the evidence log (workbook 05): what changed and its impact, with the date."""

    kind: ClassVar[str] = "win"
    on: Day = Field(title=N_("Date"))
    what: LongText = Field(min_length=1, title=N_("What changed"))
    measure: WinMeasure = Field(default_factory=WinMeasure, title=N_("The number it moved"))
    benefited: ShortText = Field("", title=N_("Who benefited"))
    # What it is evidence for: ids of a competency of the engineer's framework, a project, a story.
    competency_id: LadderRef | None = Field(None, title=N_("Competency"))
    project_id: EntryRef | None = Field(None, title=N_("Project"))
    story_id: EntryRef | None = Field(None, title=N_("Story"))
    # Whether the growth-plan document for the manager lists it (see readers/audience.py).
    manager_sees: bool = Field(True, title=N_("On my manager's copy"))
