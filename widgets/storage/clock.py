"""The one clock every layer reads, so notebooks render the same on any day under test.

``STEPUP_TODAY=YYYY-MM-DD`` pins the date (nbval, ``make refresh``, the demo; read by
:mod:`widgets.settings`); the time of day is then fixed at noon UTC so saved timestamps are
deterministic too.
"""

from __future__ import annotations

import datetime as dt

from widgets import settings
from widgets.settings import TODAY_ENV

__all__ = ["TODAY_ENV", "now", "timestamp", "today"]


def _pinned_date() -> dt.date | None:
    return settings.current().today


def today() -> dt.date:
    """Today's date, or the pinned one."""
    return _pinned_date() or dt.date.today()


def now() -> dt.datetime:
    """The current UTC time, whole seconds; noon UTC of the pinned date when pinned."""
    pinned = _pinned_date()
    if pinned is not None:
        return dt.datetime.combine(pinned, dt.time(12, 0), tzinfo=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def timestamp() -> str:
    """``now()`` as the ISO 8601 text stored in the journal, e.g. ``2026-11-24T12:00:00Z``."""
    return now().strftime("%Y-%m-%dT%H:%M:%SZ")
