"""What workbook cells call: one function per exercise, bound to the kernel's journal.

Each is declared with :func:`entry_point` and named in ``widgets.ENTRY_POINTS`` (the package's
one list of what cells call; a test keeps the two in step). Each returns a widget to display.
When the journal cannot be opened (corrupt, newer version, missing in the coach view) it returns
an :class:`ErrorNotice` with the reason instead of a traceback, since Voilà hides tracebacks and
the engineer should not have to read one.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import ipywidgets as w

from widgets.content import seeds as content
from widgets.content.communication import communication
from widgets.content.seeds import ContentError
from widgets.forms.base import ErrorNotice, close_tree
from widgets.forms.competency import CoachRatingsForm, CompetencyRatingsForm, FrameworkChoice
from widgets.forms.design import DesignSessionsPanel
from widgets.forms.drills import EstimationDrillsPanel
from widgets.forms.kernel import time_redraws
from widgets.forms.plan import CheckinsPanel, PlanPanel
from widgets.forms.profile import ProfileForm
from widgets.forms.projects import ProjectsPanel
from widgets.forms.stories import StoriesPanel
from widgets.forms.support import ManagerSupportForm
from widgets.forms.thought_record import ThoughtRecordsPanel
from widgets.forms.wins import WinsPanel
from widgets.i18n import gettext
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
from widgets.settings import SettingsError, said
from widgets.storage import current
from widgets.storage.journal import Journal, JournalError

# What each entry point last showed in this kernel. Re-running a cell makes the panel again; the
# one it replaces is closed, so it stops listening to the journal and redrawing after saves.
_shown: dict[str, w.Widget] = {}


def _workbook_started() -> None:
    """Called by every entry point; the first call in a kernel freezes what it holds so far.

    Everything a workbook needs is imported by now (its first cell imports the entry points),
    and it lives as long as the kernel. Freezing it keeps the garbage collector's full passes to
    what is made from here on: on a five-year journal, one full pass over the whole kernel cost
    100 ms and more in the middle of Run All, in some openings and not others (measured, issue
    20). Here and not at import, so that importing a module changes nothing in the process.
    From here on, too, a burst of saves redraws the panels once (forms/kernel.py).
    """
    global _started
    if not _started:
        _started = True
        time_redraws()
        gc.freeze()


_started = False


def entry_point(build: Callable[[Journal, bool], w.Widget]) -> Callable[[], w.Widget]:
    """What a cell calls: ``build(journal, readonly)`` on the kernel's journal, its widget made
    again (the previous one closed) each time the cell runs, a notice instead of a traceback."""
    name = build.__name__

    def call() -> w.Widget:
        _workbook_started()
        return _guarded(name, build)

    call.__name__ = call.__qualname__ = name
    call.__doc__, call.__module__ = build.__doc__, build.__module__
    call.is_entry_point = True  # type: ignore[attr-defined]
    return call


def _guarded(name: str, build):
    previous = _shown.pop(name, None)
    if previous is not None:
        close_tree(previous)
    try:
        widget = build(current.current_journal(), current.is_readonly())
    except (JournalError, ContentError, SettingsError) as error:
        return ErrorNotice(said(error, gettext))
    # Keys pressed in it act on its controls, not on the notebook (static/page_keys.js).
    widget.add_class("stepup-keys")
    _shown[name] = widget
    return widget


@entry_point
def profile_form(journal, readonly):
    """Workbook 00: the engineer's profile, autosaved."""
    return ProfileForm(journal, content.levels(), readonly=readonly)


@entry_point
def progress_panel(journal, readonly):
    """Workbook 00: which workbooks are started or complete."""
    return ProgressPanel(journal)


@entry_point
def thought_records(journal, readonly):
    """Workbook 01: thought records on limiting beliefs (every record as a card in the coach
    view)."""
    return ThoughtRecordsPanel(
        journal, content.distortions(), content.belief_prompts(), readonly=readonly
    )


@entry_point
def belief_charts(journal, readonly):
    """Workbook 01: belief strength before/after and over time, and the distortions used most."""
    return BeliefChartsPanel(journal, content.distortions())


@entry_point
def thought_records_and_charts(journal, readonly):
    """Workbook 01: the thought records with the belief charts beside them (stacked for the
    coach)."""
    return FormWithChart(
        ThoughtRecordsPanel(
            journal, content.distortions(), content.belief_prompts(), readonly=readonly
        ),
        BeliefChartsPanel(journal, content.distortions(), compact=not readonly),
        readonly,
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


@entry_point
def competency_ratings(journal, readonly):
    """Workbook 02: rate yourself per competency, the radar beside the ratings and the dated
    snapshots under both (the coach view shows the ratings as a table, then the radar)."""
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


@entry_point
def competency_radar(journal, readonly):
    """Workbook 02: the radar (current, target, coach, previous snapshot) and the snapshots over
    time."""
    return RadarPanel(journal, _choice(journal), readonly=readonly)


@entry_point
def coach_ratings(journal, readonly):
    """Workbook 02: the coach's view per competency, stored with the rater."""
    return CoachRatingsForm(journal, _choice(journal), readonly=readonly)


@entry_point
def competency_gaps(journal, readonly):
    """Workbook 02: gaps ranked by levels to target × the weight the engineer's route gives, each
    measured from the coach's recent rating where there is one; below them, where the engineer
    and the coach disagree, as questions for the next session."""
    return GapsPanel(journal, _choice(journal))


@entry_point
def project_deep_dives(journal, readonly):
    """Workbook 03: the project inventory, each project with its deep-dive drill."""
    return ProjectsPanel(journal, content.deep_dives().questions, readonly=readonly)


@entry_point
def story_bank(journal, readonly):
    """Workbook 03: STAR stories tagged to competencies (of the framework last rated) and story
    types."""
    return StoriesPanel(
        journal, _choice(journal).framework, content.deep_dives().story_types, readonly=readonly
    )


@entry_point
def story_coverage(journal, readonly):
    """Workbook 03: deep-dive readiness per project, research flags, and the story coverage
    heatmaps."""
    return StoryCoveragePanel(
        journal,
        _choice(journal).framework,
        content.deep_dives().questions,
        content.deep_dives().story_types,
    )


@entry_point
def design_practice(journal, readonly):
    """Workbook 04: practice designs worked step by step and scored on the senior rubric."""
    return DesignSessionsPanel(journal, track_practice(journal), readonly=readonly)


@entry_point
def design_progress(journal, readonly):
    """Workbook 04: rubric scores across sessions and the weakest dimension."""
    return DesignProgressPanel(journal, track_practice(journal))


@entry_point
def design_practice_and_progress(journal, readonly):
    """Workbook 04: a practice design with the scores across sessions beside it (stacked for the
    coach)."""
    return FormWithChart(
        DesignSessionsPanel(journal, track_practice(journal), readonly=readonly),
        DesignProgressPanel(journal, track_practice(journal), compact=not readonly),
        readonly,
    )


@entry_point
def estimation_drills(journal, readonly):
    """Workbook 04: back-of-envelope drills at the senior bar: your own assumptions and estimate
    first, then the reference reasoning and how far off you were; every attempt kept."""
    return EstimationDrillsPanel(journal, track_practice(journal), readonly=readonly)


@entry_point
def growth_plan(journal, readonly):
    """Workbook 05: actions proposed from the other workbooks, and the plan itself."""
    return PlanPanel(journal, readonly=readonly)


@entry_point
def weekly_checkins(journal, readonly):
    """Workbook 05: one check-in a week: confidence, hours practised, wins, blockers, next focus."""
    return CheckinsPanel(journal, readonly=readonly)


@entry_point
def wins_log(journal, readonly):
    """Workbook 05: the evidence log: each win with the number it moved, who benefited and what
    it is evidence for."""
    return WinsPanel(journal, readonly=readonly)


@entry_point
def readiness_timeline(journal, readonly):
    """Workbook 05: confidence and practice over time, interviews marked, overdue actions."""
    return ReadinessPanel(journal)


@entry_point
def manager_support(journal, readonly):
    """Workbook 05: what the engineer needs from their manager, for the manager's document."""
    return ManagerSupportForm(journal, readonly=readonly)


@entry_point
def manager_conversation(journal, readonly):
    """Workbook 05: the agenda for the growth-plan 1:1 with the manager (what to bring, the
    questions to ask) and the follow-up note to send after it, read-only for the coach."""
    from widgets.panels.conversation import ConversationPanel

    return ConversationPanel(journal, readonly=readonly)


@entry_point
def export_growth_plan(journal, readonly):
    """Workbook 05: who the growth-plan document is for, its format, and one button that writes
    and downloads it (not in the coach view)."""
    return ReportPanel(journal, readonly=readonly)


@entry_point
def uncertain_year(journal, readonly):
    """Workbook 05: an uncertain year on the engineer's routes: who to tell, "why are you
    leaving?", level offers, promotion freezes, references and keeping the drive (the engineer's
    own page; every topic as text, without controls, for the coach)."""
    from widgets.panels.uncertain_year import UncertainYearPanel

    return UncertainYearPanel(journal, readonly=readonly)


@entry_point
def reading_list(journal, readonly):
    """Workbook 05: what to read for each gap, weakest design dimension and belief (from the
    seeds' sources)."""
    return ReadingListPanel(journal)


@entry_point
def second_language_reference(journal, readonly):
    """Workbook 04: structure-first habits and phrases for a design round in a second language."""
    return CommunicationPanel(communication())


@entry_point
def share_with_coach(journal, readonly):
    """Workbook 05: what a snapshot for the coach holds, and one button that sends it to the
    programme's JupyterHub service (off the hub, it points to stepup share --out)."""
    from widgets.panels.share import ShareWithCoachPanel

    return ShareWithCoachPanel(journal, readonly=readonly)
