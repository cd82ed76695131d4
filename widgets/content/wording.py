"""Small rules of English every page follows alike."""

from __future__ import annotations


def count(n: int, noun: str, plural: str = "") -> str:
    """``n`` and its noun, plural unless one: "1 practice session", "4 practice sessions",
    "2 stories" (with ``plural``), "1,204 bytes"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
