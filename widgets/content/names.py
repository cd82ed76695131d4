"""Whether a piece of text names a company, however it is written.

An engineer writes the company they are interviewing with in their own notes in many ways:
"LEDGERLINE bar raiser prep", "#ledgerline-interview", "ledgerline.io", "Ledgerline_prep",
"Ledgerline2026", "Ledger line", "LedgerLine's onsite", with a soft hyphen or a zero-width
space inside, in fullwidth letters or with a Cyrillic "е". :func:`fold` brings all of them to
one form (NFKD, invisible characters and accents dropped, case folded, look-alike letters read
as the Latin letters they look like: :mod:`widgets.content.lookalikes`), and a
:class:`NameMatcher` looks for the name in that form:

- a name word of :data:`INSIDE_WORD_MIN` letters or more that is not a common word
  ("Ledgerline", "Northwind"), and the whole name run together ("ledgerlinepayments"), anywhere,
  inside words and across spaces, hyphens and underscores ("ledger-line");
- the whole name, and a name word that is not a common word, as words, with a plural,
  possessive or digits after it ("Meta", "Metas", "Meta's", "Meta2026", "#meta"; never
  "metadata");
- a common word that starts a longer name ("Block" of "Block Inc") only as the name writes it,
  capital and all, as a word: "unblock" and "block time" are not the company.

A nickname the engineer made up cannot be guessed; the manager's copy therefore drops a matching
line whole, and the engineer sees what was dropped before exporting (readers/audience.py).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from widgets.content import lookalikes

INSIDE_WORD_MIN = 5

# Words too common to stand for a company alone: company-name descriptors and legal forms, and
# everyday words that are also companies' names ("Block", "Square", "Signal"). Inside other words
# they are other words ("unblock", "frontend", "community"). Not a dictionary: a name word that
# is an everyday word missing here ("lumen") is matched inside words, which removes more from
# the manager's copy, never less.
_COMMON = """
    a an and the of for in on at by to with from new one first true open next my our your
    inc incorporated ltd limited llc plc gmbh ag sa sas bv nv co corp corporation company
    companies group holdings holding partners ventures capital enterprises enterprise
    international global worldwide industries industry labs lab works studio studios systems
    system technologies technology tech software solutions solution services service
    consulting cloud data analytics platform platforms network networks digital media
    interactive entertainment games gaming mobile mobility security cyber identity research
    science sciences bio health healthcare care medical therapeutics pharma foods food energy
    power motors motor auto automotive robotics devices hardware computing compute
    intelligence ai ml pay payments payment money bank banking financial finance fintech
    credit lending loans wealth invest investments assets asset insurance markets market
    exchange trading commerce retail logistics shipping freight travel airlines air
    education learning academy school university institute foundation social news music
    home life world city union united american america europe european asia north south
    east west central smart blue green red black white gold silver light bright clear fast
    quick simple good better best great big little point line path bridge gate harbor river
    lake ocean sea mountain rock stone wood forest tree leaf field farm park street
    block square stripe signal scale front unity linear notion target oracle apple mercury
    plaid chime affirm segment sentry elastic snowflake amplitude outreach booking checkout
    wise slack zoom box ramp snap arm cruise aurora heap gong loom kong valve epic riot
    instant honey brave common ledger anchor beacon compass harbour summit pioneer
    frontier horizon vertex vector matrix pixel spark flow stream wave pulse core base
    hub nest hive circle sphere prime apex peak edge shift lift drive rise leap
    interview interviews onsite design review engineer engineers engineering team teams
"""
COMMON_WORDS = frozenset(_COMMON.split())

_DROPPED = frozenset({"Cf", "Mn", "Me"})  # format characters, combining marks
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")  # default-ignorable


@functools.cache
def _table() -> dict[int, str]:
    """str.translate's table: each look-alike to the Latin letters it looks like."""
    found = lookalikes.pairs()
    table = {}
    for char, latin in found.items():
        lower = char.casefold()
        # UTS #39 reads Cyrillic "І" as "l" (its prototype for "I"); as written it is an "I".
        table[ord(char)] = found[lower].upper() if lower != char and lower in found else latin
    return table


def fold(text: str, *, casefold: bool = True) -> str:
    """``text`` in the one form names are compared in: NFKD (fullwidth and mathematical letters,
    ligatures, accents apart), format characters (soft hyphen, zero-width space and joiners,
    direction marks) and combining marks dropped, case folded, look-alikes read as Latin."""
    if text.isascii():  # most of what an engineer writes: nothing to normalise
        return text.casefold() if casefold else text
    text = "".join(
        char
        for char in unicodedata.normalize("NFKD", text)
        if char not in _INVISIBLE_EXTRA and unicodedata.category(char) not in _DROPPED
    )
    if casefold:
        text = text.casefold()
    return unicodedata.normalize("NFKC", text.translate(_table()))


_SEPARATORS = re.compile(r"[\W_]+")
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_SUFFIX_AND_END = r"(?:['’]s|s['’]?|es)?\d*(?![^\W\d_])"


def _words_pattern(words: list[str], flags: int = 0) -> re.Pattern:
    body = r"[\W_]*".join(re.escape(word) for word in words)
    return re.compile(_NOT_LETTER_BEFORE + body + _SUFFIX_AND_END, flags)


@dataclass(frozen=True)
class _Name:
    name: str
    inside: tuple[str, ...]  # found anywhere in the text run together
    words: tuple[re.Pattern, ...]  # found as words in the folded text
    as_written: re.Pattern | None  # found as a word in the text folded but not case-folded


def _distinctive(word: str) -> bool:
    return len(word) >= INSIDE_WORD_MIN and word not in COMMON_WORDS and not word.isdigit()


def _name(name: str) -> _Name | None:
    words = [w for w in _SEPARATORS.split(fold(name)) if w]
    if not words:
        return None
    joined = "".join(words)
    inside = {w for w in words if _distinctive(w)}
    if _distinctive(joined):
        inside.add(joined)
    patterns = [_words_pattern(words)]
    patterns += [
        _words_pattern([w]) for w in words if len(w) >= 3 and w not in COMMON_WORDS | inside
    ]
    as_written = None
    first = next(w for w in _SEPARATORS.split(fold(name, casefold=False)) if w)
    if len(words) > 1 and words[0] in COMMON_WORDS and len(first) >= 4:
        as_written = _words_pattern([first])
    return _Name(name.strip(), tuple(sorted(inside)), tuple(patterns), as_written)


class NameMatcher:
    """Finds which of some companies a text names (see the module's docstring)."""

    def __init__(self, names: list[str]):
        found = (_name(n) for n in dict.fromkeys(n.strip() for n in names if n.strip()))
        self._names = [n for n in found if n is not None]

    def __bool__(self) -> bool:
        return bool(self._names)

    def named(self, text: str) -> str | None:
        """The company ``text`` names (as the engineer entered it), or None."""
        if not text or text.isspace():
            return None
        folded = fold(text)
        run_together = _SEPARATORS.sub("", folded)
        written = None
        for name in self._names:
            if any(key in run_together for key in name.inside):
                return name.name
            if any(pattern.search(folded) for pattern in name.words):
                return name.name
            if name.as_written is not None:
                written = written if written is not None else fold(text, casefold=False)
                if name.as_written.search(written):
                    return name.name
        return None
