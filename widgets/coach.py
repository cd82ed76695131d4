"""What the coach view's cell calls. Kept apart from :mod:`widgets.pages`, and free of ipywidgets,
so the coach's kernel imports only what one read-only page needs."""

from __future__ import annotations

from widgets import i18n, settings
from widgets.content.seeds import ContentError
from widgets.storage import current
from widgets.storage.journal import JournalError
from widgets.views.coach_page import CoachSession, journal_version
from widgets.views.fragments import error, with_page_css


class Notice:
    """Shown instead of the page when the journal cannot be read; the reason, never a traceback."""

    def __init__(self, message: str):
        self.message = message

    def _repr_mimebundle_(self, **_kwargs):
        return {
            "text/plain": i18n.gettext("Cannot show the coach view: {reason}").format(
                reason=self.message
            ),
            "text/html": with_page_css(error(self.message, block=True)),
        }


def _build() -> CoachSession | Notice:
    try:
        return CoachSession(current.current_journal())
    except (JournalError, ContentError, settings.SettingsError) as error:
        return Notice(settings.said(error, i18n.gettext))


def coach_session() -> CoachSession | Notice:
    """The coach view: one page for a coaching session, read from one snapshot of the journal.

    In a kernel Voilà preheated, the page is built in advance, then the kernel waits for the
    coach's request; if the journal changed in between (a save in JupyterLab, a new day), it is
    built again, so a warm page is never a stale one.
    """
    if not settings.current().voila_preheat:
        return _build()
    prepared = _build()
    from voila.utils import wait_for_request

    wait_for_request()
    try:
        fresh = isinstance(prepared, CoachSession) and prepared.version == journal_version(
            current.current_journal()
        )
    except JournalError:
        fresh = False
    return prepared if fresh else _build()
