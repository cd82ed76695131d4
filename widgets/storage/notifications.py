"""Who hears of a journal's changes, and when.

Listeners (the panels that redraw) hear each changed kind once per burst of saves. Storage does
not know what a kernel is: by default a change is told at once; the layer that owns the widgets
installs a :data:`Scheduler` (``set_scheduler``) that may defer the telling, as the forms do in a
kernel so that a dragged slider redraws once, after the widget message that caused it returns.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable

log = logging.getLogger(__name__)

Listener = Callable[[str, str], None]  # (kind, entry id)
# Given a flush, either arranges to call it later and returns True, or returns False (then the
# change is told at once).
Scheduler = Callable[[Callable[[], None]], bool]

_scheduler: list[Scheduler] = []


def set_scheduler(scheduler: Scheduler | None) -> None:
    """Defer the telling of changes with ``scheduler`` (None: tell at once)."""
    _scheduler[:] = [] if scheduler is None else [scheduler]


class Subscription:
    """One listener of a journal's changes; ``cancel()`` stops it (idempotent)."""

    def __init__(self, owner: Changes | None, callback: Listener):
        self._owner = owner
        try:
            self._ref = weakref.WeakMethod(callback)
        except TypeError:  # a plain function or lambda: held strongly, released by cancel()
            self._ref = lambda callback=callback: callback
        self.cancelled = False

    def callback(self) -> Listener | None:
        """The listener to call, or None once cancelled or once its object is gone."""
        return None if self.cancelled else self._ref()

    @property
    def alive(self) -> bool:
        """Whether the listener would still be called."""
        return self.callback() is not None

    def cancel(self) -> None:
        """Stop calling the listener and drop it from its journal's list."""
        self.cancelled = True
        if self._owner is not None:
            self._owner.forget(self)


class Changes:
    """A journal's listeners and the changes they have not heard of yet."""

    def __init__(self):
        self._listeners: list[Subscription] = []
        self._pending: dict[str, str] = {}  # kind → latest entry id saved since listeners heard
        self._flush_scheduled = False

    def subscribe(self, callback: Listener) -> Subscription:
        """Add a listener (a bound method held weakly); see ``Journal.on_change``."""
        subscription = Subscription(self, callback)
        self._listeners.append(subscription)
        return subscription

    def forget(self, subscription: Subscription) -> None:
        """Drop a cancelled subscription (called by ``Subscription.cancel``)."""
        if subscription in self._listeners:
            self._listeners.remove(subscription)

    def count(self) -> int:
        """How many listeners are still alive."""
        return sum(subscription.alive for subscription in self._listeners)

    def changed(self, kind: str, entry_id: str) -> None:
        """Tell listeners of a committed change: now, or when the scheduler calls back."""
        self._pending[kind] = entry_id
        if self._flush_scheduled:
            return
        if _scheduler and _scheduler[0](self.flush):
            self._flush_scheduled = True
            return
        self.flush()

    def flush(self) -> None:
        """Deliver every pending change now: each listener hears each changed kind once."""
        self._flush_scheduled = False
        pending, self._pending = self._pending, {}
        self._listeners = [s for s in self._listeners if s.alive]
        for kind, entry_id in pending.items():
            for subscription in list(self._listeners):
                callback = subscription.callback()
                if callback is None:
                    continue
                try:
                    callback(kind, entry_id)
                except Exception:  # one broken panel must not stop the others, nor undo the save
                    log.exception("A Step Up panel failed to redraw after a save")
