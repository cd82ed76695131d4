"""The kernel's event loop, and the timing the widgets' layer gives the journal's redraws.

Storage tells listeners of a change at once unless a scheduler defers it
(``storage/notifications.py``); in a kernel, a burst of saves (a slider dragged, a date typed)
is told once, after the widget message that caused it returns, so the panels redraw once.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable

from widgets.storage import notifications

# Saves that arrive this close together redraw the panels once.
NOTIFY_DELAY_S = 0.05


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the IPython kernel this code runs in, or None (a script, a test, the CLI).

    Only a kernel defers: another library's loop (Playwright's, in a test run) may also look
    "running" on this thread, and listeners must not wait for it.
    """
    ipython = sys.modules.get("IPython")  # a kernel has imported it; a script must not pay to
    if ipython is None:  # import it on its first save
        return None
    shell = ipython.get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def after_burst(flush: Callable[[], None], loop_of: Callable = kernel_loop) -> bool:
    """Tell a journal's listeners :data:`NOTIFY_DELAY_S` after a save in a kernel; elsewhere
    (no kernel loop) say no, and they are told at once."""
    loop = loop_of()
    if loop is None:
        return False
    loop.call_later(NOTIFY_DELAY_S, flush)
    return True


def time_redraws() -> None:
    """From now on, this process's journals tell their listeners once per burst of saves (called
    where a kernel starts a workbook, never on import)."""
    notifications.set_scheduler(after_burst)
