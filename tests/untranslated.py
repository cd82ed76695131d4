"""Finding English a reader would see on a page rendered in the pseudo-locale (en-XA).

Every sentence that went through the catalogue comes out accented (``Save`` is ``Šáνé``), so a
word made only of plain ASCII letters, at least one of which the pseudo-locale accents, is a word
that never reached gettext: an untranslated literal, or a sentence glued from pieces. The
engineer's own words, names, ids and brands are told apart by the caller (``allowed`` words, or
text removed before the check).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from widgets.i18n_pseudo import ACCENTS

# Letters the pseudo-locale changes: a word with one of them, left plain, was not translated.
_ACCENTED = frozenset(chr(code) for code in ACCENTS)
# A word, not part of a path, an address, a file name or a URL ("asha.json", "github.io",
# "https://…"): those are written as they are in every language.
_WORD = re.compile(r"(?<![\w/.@#:{-])(?<!%\()[A-Za-z]{2,}(?:'[a-z]+)?(?![\w/@-]|\.\w|://)")
# Attributes a person reads or hears (a screen reader reads aria-label, title and alt).
_READ_ATTRIBUTES = frozenset(("aria-label", "title", "alt", "placeholder", "aria-description"))
_UNREAD = frozenset(("script", "style", "code", "pre", "svg"))


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _UNREAD:
            self._skipping += 1
        for name, value in attrs:
            if name in _READ_ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input":
            values = dict(attrs)
            if values.get("type") in ("button", "submit", "reset") and values.get("value"):
                self.parts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in _UNREAD and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """What a reader sees or hears of ``html``: its text and its read attributes, one per line;
    scripts, styles and code left out."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "\n".join(part for part in parser.parts if part.strip())


def english_words(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The plain-English words of ``text`` (rendered in en-XA): words of two letters or more,
    every letter plain ASCII, at least one a letter the pseudo-locale would have accented, not in
    ``allowed`` (compared as written and lower-cased)."""
    lowered = {word.lower() for word in allowed}
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word in allowed or word.lower() in lowered:
            continue
        if any(letter in _ACCENTED for letter in word):
            found.append(word)
    return found


def english_lines(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The lines of ``text`` that hold plain English (for a failure message that shows where)."""
    return [line.strip() for line in text.splitlines() if english_words(line, allowed)]
