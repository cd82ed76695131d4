"""The workbooks Step Up ships, by file and title: the one place a workbook's title is written.

The progress table (workbook 00), the coach's list of pages (the Voilà template ``tree.html``),
each workbook's heading and README's table of workbooks all show these; tests/test_titles.py
checks the copies that cannot import them (the template, the headings, README).
"""

from __future__ import annotations

from dataclasses import dataclass

from widgets.i18n import N_, gettext


@dataclass(frozen=True)
class Workbook:
    """A workbook's notebook file and the title every page shows for it."""

    file: str
    title: str  # English, marked for the catalogue: shown as gettext(title), or :attr:`label`

    @property
    def label(self) -> str:
        """:attr:`title` in the reader's language."""
        return gettext(self.title)


# The engineer's workbooks, in the order they are worked through.
WORKBOOKS: tuple[Workbook, ...] = (
    Workbook("00_start_here.ipynb", N_("Start here: your profile")),
    Workbook("01_limiting_beliefs.ipynb", N_("Limiting beliefs: thought records")),
    Workbook("02_competency_radar.ipynb", N_("Competency radar")),
    Workbook("03_project_deep_dives.ipynb", N_("Project deep dives and story bank")),
    Workbook("04_design_practice.ipynb", N_("System design practice")),
    Workbook("05_growth_plan.ipynb", N_("Growth plan and check-ins")),
)
COACH_VIEW = Workbook("coach_view.ipynb", N_("Coach view: the session page"))
FIRST_WORKBOOK = WORKBOOKS[0]  # where Lab opens
# Each workbook's title in English (marked for the catalogue): shown as :func:`title`.
TITLES: dict[str, str] = {wb.file: wb.title for wb in (*WORKBOOKS, COACH_VIEW)}


def title(file: str) -> str:
    """The title of the workbook ``file`` ("02_competency_radar.ipynb") in the reader's language,
    e.g. for the coach's list of workbooks; KeyError for a file Step Up does not ship."""
    return gettext(TITLES[file])
