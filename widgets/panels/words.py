"""Small pieces of sentences the panels share, in the active language."""

from __future__ import annotations

from collections.abc import Iterable

from widgets.i18n import gettext


def listed(names: Iterable[str]) -> str:
    """Names as one item of a sentence: "A, B and C" ("A、B和C")."""
    names = [str(name) for name in names]
    if len(names) < 2:
        return "".join(names)
    return gettext("{names} and {last}").format(
        names=gettext(", ").join(names[:-1]), last=names[-1]
    )


def joined(names: Iterable[str]) -> str:
    """Names one after another, as a list in a line ("A, B, C")."""
    return gettext(", ").join(str(name) for name in names)
