"""Small helpers shared by the form tests."""

from __future__ import annotations

import ipywidgets as w

from widgets.content.resources import workbooks_dir

# The engineer's workbooks, in order (coach_view.ipynb, the coach's page, is not one of them).
WORKBOOKS = sorted(path.name for path in workbooks_dir().glob("[0-9]*.ipynb"))


def all_widgets(root):
    """Every widget in a tree, the root first
    (ipywidgets containers keep theirs in ``children``)."""
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def html_shown(root) -> list[str]:
    """Every piece of HTML a widget tree shows: ``HTML`` widgets' values and the traits that
    composite widgets tag ``html=True``."""
    pieces = []
    for widget in all_widgets(root):
        if isinstance(widget, w.HTML):
            pieces.append(widget.value)
        pieces += [getattr(widget, name) for name in widget.trait_names(html=True)]
    return [piece for piece in pieces if piece]


def poll_journal(path, read, done, timeout: float = 30.0):
    """Read the journal on disk, as another process sees it, until ``done(read(journal))`` or the
    timeout; returns the last value read (the caller's assertion says what was expected)."""
    import time

    from widgets.storage.journal import Journal

    deadline, value = time.monotonic() + timeout, None
    while True:
        if path.exists():
            with Journal(path, readonly=True) as journal:
                value = read(journal)
            if done(value):
                return value
        if time.monotonic() > deadline:
            return value
        time.sleep(0.3)


def run_async(make_coroutine, timeout: float = 120.0):
    """``asyncio.run(make_coroutine())`` on a thread of its own, and its result.

    After the browser tests, Playwright's sync API keeps an event loop on the main thread, where
    ``asyncio.run`` refuses to start another.
    """
    import asyncio
    import threading

    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(make_coroutine())
        except BaseException as error:  # noqa: BLE001 - re-raised on the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"the coroutine did not finish within {timeout} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
