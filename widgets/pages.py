"""What workbook cells call: one function per exercise, bound to the kernel's journal.

Each returns a widget to display. When the journal cannot be opened (corrupt, newer version,
missing in the coach view) it returns an :class:`ErrorNotice` with the reason instead of a
traceback, since Voilà hides tracebacks and the engineer should not have to read one.
"""

from __future__ import annotations

import gc
import weakref

import ipywidgets as w

from widgets.content import seeds as content
from widgets.content.communication import communication
from widgets.content.seeds import ContentError
from widgets.forms.base import ErrorNotice, close_tree
from widgets.forms.competency import CoachRatingsForm, CompetencyRatingsForm, FrameworkChoice
from widgets.forms.design import DesignSessionsPanel
from widgets.forms.plan import CheckinsPanel, PlanPanel
from widgets.forms.profile import ProfileForm
from widgets.forms.projects import ProjectsPanel
from widgets.forms.stories import StoriesPanel
from widgets.forms.support import ManagerSupportForm
from widgets.forms.thought_record import ThoughtRecordsPanel
from widgets.panels.beliefs import BeliefChartsPanel
from widgets.panels.communication import CommunicationPanel
from widgets.panels.competency import GapsPanel, RadarPanel, RatingsTable
from widgets.panels.design import DesignProgressPanel
from widgets.panels.layout import FormWithChart
from widgets.panels.plan import ReadinessPanel, ReportPanel
from widgets.panels.progress import ProgressPanel
from widgets.panels.reading import ReadingListPanel
from widgets.panels.stories import StoryCoveragePanel
from widgets.readers.practice import track_practice
from widgets.settings import SettingsError
from widgets.storage import current
from widgets.storage.journal import JournalError

# What each entry point last showed in this kernel. Re-running a cell makes the panel again; the
# one it replaces is closed, so it stops listening to the journal and redrawing after saves.
_shown: dict[str, w.Widget] = {}


def _guarded(name: str, build):
    previous = _shown.pop(name, None)
    if previous is not None:
        close_tree(previous)
    try:
        widget = build(current.current_journal(), current.is_readonly())
    except (JournalError, ContentError, SettingsError) as error:
        return ErrorNotice(str(error))
    # Keys pressed in it act on its controls, not on the notebook (static/page_keys.js).
    widget.add_class("stepup-keys")
    _shown[name] = widget
    return widget


def profile_form() -> w.Widget:
    """Workbook 00: the engineer's profile, autosaved."""
    return _guarded(
        "profile_form",
        lambda journal, readonly: ProfileForm(journal, content.levels(), readonly=readonly),
    )


def progress_panel() -> w.Widget:
    """Workbook 00: which workbooks are started or complete."""
    return _guarded("progress_panel", lambda journal, readonly: ProgressPanel(journal))


def thought_records() -> w.Widget:
    """Workbook 01: thought records on limiting beliefs (every record as a card in the coach view)."""
    return _guarded(
        "thought_records",
        lambda journal, readonly: ThoughtRecordsPanel(
            journal, content.distortions(), content.belief_prompts(), readonly=readonly
        ),
    )


def belief_charts() -> w.Widget:
    """Workbook 01: belief strength before/after and over time, and the distortions used most."""
    return _guarded(
        "belief_charts", lambda journal, readonly: BeliefChartsPanel(journal, content.distortions())
    )


def thought_records_and_charts() -> w.Widget:
    """Workbook 01: the thought records with the belief charts beside them (stacked for the coach)."""
    return _guarded(
        "thought_records_and_charts",
        lambda journal, readonly: FormWithChart(
            ThoughtRecordsPanel(
                journal, content.distortions(), content.belief_prompts(), readonly=readonly
            ),
            BeliefChartsPanel(journal, content.distortions(), compact=not readonly),
            readonly,
        ),
    )


# The four panels of workbook 02 show the same framework: one choice per journal in a kernel.
# A choice holds its journal, so an entry here lives as long as the kernel: these are the
# kernel's own journals (storage/current.py keeps them for its life), one per file, not the
# many a roster opens (readers/latest.py must not keep those).
_choices: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _choice(journal) -> FrameworkChoice:
    if journal not in _choices:
        _choices[journal] = FrameworkChoice(journal)
    return _choices[journal]


def competency_ratings() -> w.Widget:
    """Workbook 02: rate yourself per competency, the radar beside the ratings and the dated
    snapshots under both (the coach view shows the ratings as a table, then the radar)."""

    def build(journal, readonly):
        choice = _choice(journal)
        if readonly:
            return FormWithChart(
                RatingsTable(journal, choice), RadarPanel(journal, choice, True), readonly
            )
        radar = RadarPanel(journal, choice, compact=True)
        return FormWithChart(
            CompetencyRatingsForm(journal, choice),
            radar,
            side=w.VBox([radar.radar_image, radar.compared, *radar.controls]),
            below=radar.snapshots_image,
        )

    return _guarded("competency_ratings", build)


def competency_radar() -> w.Widget:
    """Workbook 02: the radar (current, target, coach, previous snapshot) and the snapshots over time."""
    return _guarded(
        "competency_radar",
        lambda journal, readonly: RadarPanel(journal, _choice(journal), readonly=readonly),
    )


def coach_ratings() -> w.Widget:
    """Workbook 02: the coach's view per competency, stored with the rater."""
    return _guarded(
        "coach_ratings",
        lambda journal, readonly: CoachRatingsForm(journal, _choice(journal), readonly=readonly),
    )


def competency_gaps() -> w.Widget:
    """Workbook 02: gaps ranked by levels to target × how much the loop probes them."""
    return _guarded(
        "competency_gaps", lambda journal, readonly: GapsPanel(journal, _choice(journal))
    )


def project_deep_dives() -> w.Widget:
    """Workbook 03: the project inventory, each project with its deep-dive drill."""
    return _guarded(
        "project_deep_dives",
        lambda journal, readonly: ProjectsPanel(
            journal, content.deep_dives().questions, readonly=readonly
        ),
    )


def story_bank() -> w.Widget:
    """Workbook 03: STAR stories tagged to competencies (of the framework last rated) and story types."""
    return _guarded(
        "story_bank",
        lambda journal, readonly: StoriesPanel(
            journal, _choice(journal).framework, content.deep_dives().story_types, readonly=readonly
        ),
    )


def story_coverage() -> w.Widget:
    """Workbook 03: deep-dive readiness per project, research flags, and the story coverage heatmaps."""
    return _guarded(
        "story_coverage",
        lambda journal, readonly: StoryCoveragePanel(
            journal,
            _choice(journal).framework,
            content.deep_dives().questions,
            content.deep_dives().story_types,
        ),
    )


def design_practice() -> w.Widget:
    """Workbook 04: practice designs worked step by step and scored on the senior rubric."""
    return _guarded(
        "design_practice",
        lambda journal, readonly: DesignSessionsPanel(
            journal, track_practice(journal), readonly=readonly
        ),
    )


def design_progress() -> w.Widget:
    """Workbook 04: rubric scores across sessions and the weakest dimension."""
    return _guarded(
        "design_progress",
        lambda journal, readonly: DesignProgressPanel(journal, track_practice(journal)),
    )


def design_practice_and_progress() -> w.Widget:
    """Workbook 04: a practice design with the scores across sessions beside it (stacked for the
    coach)."""
    return _guarded(
        "design_practice_and_progress",
        lambda journal, readonly: FormWithChart(
            DesignSessionsPanel(journal, track_practice(journal), readonly=readonly),
            DesignProgressPanel(journal, track_practice(journal), compact=not readonly),
            readonly,
        ),
    )


def growth_plan() -> w.Widget:
    """Workbook 05: actions proposed from the other workbooks, and the plan itself."""
    return _guarded("growth_plan", lambda journal, readonly: PlanPanel(journal, readonly=readonly))


def weekly_checkins() -> w.Widget:
    """Workbook 05: one check-in a week: confidence, hours practised, wins, blockers, next focus."""
    return _guarded(
        "weekly_checkins", lambda journal, readonly: CheckinsPanel(journal, readonly=readonly)
    )


def readiness_timeline() -> w.Widget:
    """Workbook 05: confidence and practice over time, interviews marked, overdue actions."""
    return _guarded("readiness_timeline", lambda journal, readonly: ReadinessPanel(journal))


def manager_support() -> w.Widget:
    """Workbook 05: what the engineer needs from their manager, for the manager's document."""
    return _guarded(
        "manager_support",
        lambda journal, readonly: ManagerSupportForm(journal, readonly=readonly),
    )


def export_growth_plan() -> w.Widget:
    """Workbook 05: who the growth-plan document is for, its format, and one button that writes
    and downloads it (not in the coach view)."""
    return _guarded(
        "export_growth_plan", lambda journal, readonly: ReportPanel(journal, readonly=readonly)
    )


def reading_list() -> w.Widget:
    """Workbook 05: what to read for each gap, weakest design dimension and belief (from the seeds' sources)."""
    return _guarded("reading_list", lambda journal, readonly: ReadingListPanel(journal))


def second_language_reference() -> w.Widget:
    """Workbook 04: structure-first habits and phrases for a design round in a second language."""
    return _guarded(
        "second_language_reference",
        lambda journal, readonly: CommunicationPanel(communication()),
    )


def share_with_coach() -> w.Widget:
    """Workbook 05: what a snapshot for the coach holds, and one button that sends it to the
    programme's JupyterHub service (off the hub, it points to stepup share --out)."""
    from widgets.panels.share import ShareWithCoachPanel

    return _guarded(
        "share_with_coach",
        lambda journal, readonly: ShareWithCoachPanel(journal, readonly=readonly),
    )


# Everything a workbook needs is imported by now (the first cell imports this module), and it lives
# as long as the kernel. Freezing it keeps the garbage collector's full passes to what is made from
# here on: on a five-year journal, one full pass over the whole kernel cost 100 ms and more in the
# middle of Run All, in some openings and not others (measured, issue 20).
gc.freeze()
