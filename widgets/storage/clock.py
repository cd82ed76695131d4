"""The one clock every layer reads, so notebooks render the same on any day under test.

``STEPUP_TODAY=YYYY-MM-DD`` pins the date (nbval, ``make refresh``, the demo); the time of day
is then fixed at noon UTC so saved timestamps are deterministic too.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_ENV = "STEPUP_TODAY"


class ClockError(ValueError):
    """STEPUP_TODAY is set but is not a date."""


def _pinned_date() -> dt.date | None:
    raw = os.environ.get(TODAY_ENV, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ClockError(f"{TODAY_ENV}={raw!r} is not a date; use the form 2026-11-24.") from None


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
