"""What workbook cells call: one function per exercise, bound to the kernel's journal.

Each returns a widget to display. When the journal cannot be opened (corrupt, newer version,
missing in the coach view) it returns an :class:`ErrorNotice` with the reason instead of a
traceback, since Voilà hides tracebacks and the engineer should not have to read one.
"""

from __future__ import annotations

import ipywidgets as w

from . import content, session
from .content import ContentError
from .form_base import ErrorNotice
from .form_profile import ProfileForm
from .journal import JournalError
from .form_thought_record import ThoughtRecordsPanel
from .panel_belief_charts import BeliefChartsPanel
from .panel_progress import ProgressPanel


def _guarded(build):
    try:
        return build(session.current_journal(), session.is_readonly())
    except (JournalError, ContentError) as error:
        return ErrorNotice(str(error))


def profile_form() -> w.Widget:
    """Workbook 00: the engineer's profile, autosaved."""
    return _guarded(lambda journal, readonly: ProfileForm(journal, content.levels(), readonly=readonly))


def progress_panel() -> w.Widget:
    """Workbook 00: which workbooks are started or complete."""
    return _guarded(lambda journal, readonly: ProgressPanel(journal))


def thought_records() -> w.Widget:
    """Workbook 01: thought records on limiting beliefs (every record as a card in the coach view)."""
    return _guarded(lambda journal, readonly: ThoughtRecordsPanel(journal, content.distortions(), content.belief_prompts(), readonly=readonly))


def belief_charts() -> w.Widget:
    """Workbook 01: belief strength before/after and over time, and the distortions used most."""
    return _guarded(lambda journal, readonly: BeliefChartsPanel(journal, content.distortions()))
