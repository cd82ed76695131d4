"""Small helpers shared by the form tests."""

from __future__ import annotations


def all_widgets(root):
    """Every widget in a tree, the root first (ipywidgets containers keep theirs in ``children``)."""
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)
