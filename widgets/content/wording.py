"""Small rules of English every page follows alike, and the joining of a list in the reader's
language (CLDR's list patterns, as catalogue sentences with named placeholders)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

import babel.dates

from widgets.i18n import N_, babel_locale, gettext


def count(n: int, noun: str, plural: str = "") -> str:
    """``n`` and its noun, plural unless one: "1 practice session", "4 practice sessions",
    "2 stories" (with ``plural``), "1,204 bytes". English only: a translated page says the whole
    phrase with ``ngettext``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def joined(items: Sequence[str]) -> str:
    """The items one after another, no "and": "a, b, c" ("a、b、c" in Chinese)."""
    return _chained(items, N_("{items}, {item}"))


def listing(items: Sequence[str], serial: bool = False) -> str:
    """The items as "a, b and c" (``serial``: "a, b, and c", and "a, and b") in the reader's
    language."""
    if len(items) < 2:
        return items[0] if items else ""
    if serial:
        last = gettext("{items}, and {last}")
    else:
        last = gettext("{items} and {last}")
    return last.format(items=joined(items[:-1]), last=items[-1])


def alternatives(items: Sequence[str]) -> str:
    """The items as "a or b or c": any one of them, in the reader's language."""
    return _chained(items, N_("{items} or {item}"))


def day_month(day) -> str:
    """A date as the reader's language writes it without the year: "21 Nov", "11月21日"."""
    return babel.dates.format_skeleton("MMMd", day, locale=babel_locale())


def clauses(items: Sequence[str]) -> str:
    """The items one after another, between semicolons: "a; b; c" ("a；b；c" in Chinese)."""
    return _chained(items, N_("{items}; {item}"))


def _chained(items: Sequence[str], pattern: str) -> str:
    """The items joined pairwise by ``pattern`` ("{items}, {item}"), in the reader's language."""
    items = list(items)  # a generator too
    said = items[0] if items else ""
    for item in items[1:]:
        said = gettext(pattern).format(items=said, item=item)
    return said


def exact(value: float) -> Decimal:
    """A float as the exact number it holds, for Babel to round: Python's own formatting
    (``f"{x:.1f}"``, ``f"{x:.0%}"``) rounds that exact value half to even, and so does Babel given
    it, so a number reads the same in English as it did before it went through the catalogue
    (2.45 is 2.4500000000000001776…: "2.5", not the "2.4" of Babel's shorter ``str(2.45)``)."""
    return Decimal(value)


def exact_share(value: float) -> Decimal:
    """A share (0.84 is 84 %) for Babel's percent, as Python's ``f"{x:.0%}"`` rounds it: the
    float times 100 (a float), then exact."""
    return Decimal(value * 100) / 100


def sentences(*parts: str) -> str:
    """Plain sentences one after another, as their language writes them: a space after one that
    ends in ASCII ("…6 stories. Next: …"), none after a full-width full stop ("…故事。下一步…").
    Empty parts are left out. (views/language.py's ``sentences`` does the same for HTML.)"""
    said = [part for part in parts if part]
    joined = said[:1]
    for part in said[1:]:
        before = joined[-1].rstrip()
        wide = before and unicodedata.east_asian_width(before[-1]) in ("F", "W")
        joined += ["" if wide else " ", part]
    return "".join(joined)
