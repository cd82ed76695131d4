"""Which workbooks the engineer has started and finished, read from the journal.

Each workbook registers how to judge its own progress; later workbooks add themselves to
``WORKBOOKS`` as they land, and the progress panel of workbook 00 lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .journal import Journal
from .records import Profile

NOT_STARTED, STARTED, COMPLETED = "not started", "started", "completed"


@dataclass(frozen=True)
class WorkbookProgress:
    file: str
    title: str
    status: str
    detail: str


def _profile_progress(journal: Journal) -> tuple[str, str]:
    profile = journal.record("profile")
    if profile is None:
        return NOT_STARTED, "Fill in your profile above."
    assert isinstance(profile, Profile)
    missing = profile.missing_fields()
    if missing:
        names = ", ".join(Profile.model_fields[name].title.lower() for name in missing)
        return STARTED, f"Still to fill in: {names}."
    return COMPLETED, "Profile complete."


@dataclass(frozen=True)
class Workbook:
    file: str
    title: str
    judge: Callable[[Journal], tuple[str, str]]


WORKBOOKS: list[Workbook] = [
    Workbook("00_start_here.ipynb", "Start here: your profile", _profile_progress),
]


def progress(journal: Journal) -> list[WorkbookProgress]:
    return [WorkbookProgress(wb.file, wb.title, *wb.judge(journal)) for wb in WORKBOOKS]
