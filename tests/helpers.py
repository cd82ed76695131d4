"""Small helpers shared by the form tests."""

from __future__ import annotations


def all_widgets(root):
    """Every widget in a tree, the root first (ipywidgets containers keep theirs in ``children``)."""
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


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
