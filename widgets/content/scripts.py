"""Which writing system a text is in, a best guess of its language from that, and the language a
page is in.

A screen reader picks its voice by an element's ``lang``: Chinese read with English rules is
noise. The engineer's own words carry no language, so each field is guessed from its letters: the
script with the most letters names the language (:data:`SCRIPTS`, a table: a script is a row, no
language is named in code). Latin letters guess nothing (``None``): English, Spanish and
Indonesian share them, and the page's own language is the better guess.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from widgets import i18n


@dataclass(frozen=True)
class Script:
    """A writing system: its code point ``ranges`` (first, last), the language its letters
    suggest (``None``: too many languages share it to guess), the Debian package whose fonts draw
    it, the scripts whose letters count with it when both are in one text (kana with Han:
    Japanese), and how much one letter weighs against others (a CJK character carries about as
    much as a short Latin word: "迁移 Kafka 集群" is Chinese, "I led the 迁移 project" is not)."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    language: str | None
    fonts_package: str
    absorbs: tuple[str, ...] = ()
    weight: int = 1


SCRIPTS: tuple[Script, ...] = (
    Script("Hiragana", ((0x3040, 0x309F),), "ja", "fonts-noto-cjk", ("Han",), weight=3),
    Script("Katakana", ((0x30A0, 0x30FF), (0x31F0, 0x31FF)), "ja", "fonts-noto-cjk", ("Han",), 3),
    Script(
        "Hangul",
        ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)),
        "ko",
        "fonts-noto-cjk",
        ("Han",),
        weight=3,
    ),
    Script(
        "Han",
        ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F)),
        "zh-Hans",
        "fonts-noto-cjk",
        weight=3,
    ),
    Script("Cyrillic", ((0x0400, 0x052F),), "ru", "fonts-dejavu-core"),
    Script("Greek", ((0x0370, 0x03FF),), "el", "fonts-dejavu-core"),
    Script("Arabic", ((0x0600, 0x06FF), (0x0750, 0x077F)), "ar", "fonts-noto-core"),
    Script("Hebrew", ((0x0590, 0x05FF),), "he", "fonts-noto-core"),
    Script("Devanagari", ((0x0900, 0x097F),), "hi", "fonts-noto-core"),
    Script("Thai", ((0x0E00, 0x0E7F),), "th", "fonts-noto-core"),
    Script(
        "Latin", ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F)), None, "fonts-dejavu-core"
    ),
)

_BY_NAME = {script.name: script for script in SCRIPTS}


def script_of(character: str) -> Script | None:
    """The script ``character`` is written in (``None``: a digit, a mark, punctuation, or a
    script the table does not hold)."""
    point = ord(character)
    for script in SCRIPTS:
        if any(first <= point <= last for first, last in script.ranges):
            return script
    return None


def script_counts(text: str) -> Counter[str]:
    """How much of ``text`` each script holds, by script name: its letters times its weight."""
    counts: Counter[str] = Counter()
    for script in map(script_of, text):
        if script is not None:
            counts[script.name] += script.weight
    return counts


def guess_language(text: str) -> str | None:
    """A best guess of the language ``text`` is written in, from the script that holds the most
    of it (Han counts with any kana or Hangul in the same text); ``None`` when there is no
    letter, or when most of it is in a script too many languages share (Latin)."""
    counts = script_counts(text)
    for name in list(counts):
        for absorbed in _BY_NAME[name].absorbs:
            counts[name] += counts.pop(absorbed, 0)
    by_language: Counter[str | None] = Counter()
    for name, count in counts.items():
        by_language[_BY_NAME[name].language] += count
    if not by_language:
        return None
    return by_language.most_common(1)[0][0]


def page_language() -> str:
    """The language Step Up's pages are written in (BCP 47, as HTML's ``lang`` takes it): every
    page's ``<html lang>`` and every panel's root element read it here: the active language."""
    return i18n.current()


def other_language(text: str, page: str | None = None) -> str | None:
    """The language to mark on an element holding ``text`` (a guess), or ``None`` when it reads
    in the page's own language (or when nothing can be guessed)."""
    guess = guess_language(text)
    return guess if guess is not None and guess != (page or page_language()) else None
