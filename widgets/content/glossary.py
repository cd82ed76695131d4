"""The words Step Up uses, one meaning each (``seeds/glossary.yaml``).

Each term has one meaning, the meanings it must not carry (with the word to use instead), and
patterns for those other uses (:attr:`Term.not_in_ui`); a term may also need a word of its own
meaning in the sentence it is used in (:attr:`Term.needs_context`: "calibration" beside a
promotion, a date, a meeting). ``tests/test_glossary.py`` runs :func:`misuses` over every text a
user reads. A use inside a longer term of the glossary ("probability calibration", or its
``also_written`` "calibrated probabilities") is that term's, not the shorter one's.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from widgets.content.loading import SeedText, _Seed, load_yaml_model, per_language
from widgets.content.resources import seeds_dir


class OtherMeaning(_Seed):
    """A meaning a term must not carry, and the word the pages use for it."""

    meaning: SeedText
    say: SeedText


class Term(_Seed):
    """One word of the product and its one meaning."""

    term: SeedText
    means: SeedText
    also_written: tuple[SeedText, ...] = ()
    other_meanings: tuple[OtherMeaning, ...] = ()
    not_in_ui: tuple[str, ...] = Field((), description="Regexes: the word in another meaning")
    needs_context: tuple[str, ...] = Field((), description="Regexes: one must be in its sentence")

    @field_validator("not_in_ui", "needs_context")
    @classmethod
    def _patterns(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"not a regular expression: {pattern!r} ({error})") from None
        return patterns

    @functools.cached_property
    def misuse(self) -> re.Pattern | None:
        """Every pattern of :attr:`not_in_ui` as one, case-insensitive; None when there is none."""
        if not self.not_in_ui:
            return None
        return _any_of(self.not_in_ui)

    @functools.cached_property
    def context(self) -> re.Pattern | None:
        """Every pattern of :attr:`needs_context` as one; None when the term needs none."""
        return _any_of(self.needs_context) if self.needs_context else None

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and the other ways it is written."""
        return (self.term, *self.also_written)


def _any_of(patterns) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


class GlossaryFile(_Seed):
    """``glossary.yaml``: the terms, each once."""

    schema_version: int
    judgement: Literal["ours"]  # our own definitions of our words: no source is claimed
    terms: tuple[Term, ...]

    @model_validator(mode="after")
    def _each_term_once(self) -> GlossaryFile:
        names = [t.term.casefold() for t in self.terms]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"each term once; repeated: {', '.join(repeated)}")
        return self

    def term(self, name: str) -> Term:
        """The entry for ``name`` (any case); KeyError when the glossary has none."""
        found = next((t for t in self.terms if t.term.casefold() == name.casefold()), None)
        if found is None:
            raise KeyError(name)
        return found


@per_language
def glossary(folder: Path | None = None) -> GlossaryFile:
    """The product's terms, from ``seeds/glossary.yaml``."""
    return load_yaml_model((folder or seeds_dir()) / "glossary.yaml", GlossaryFile)


# Where a sentence ends: after . ! ? and a space, at a blank line, before a list item.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*(?=[-*]\s|\d+\.\s)")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def misuses(text: str, folder: Path | None = None) -> list[tuple[str, str]]:
    """(term, the words in question) for each use in ``text`` of a term in a meaning it must not
    carry: a ``not_in_ui`` pattern, or a bare use with none of its ``needs_context`` in its
    sentence (a use that is the whole text, a name such as a milestone's, needs none). In the
    order they occur."""
    # Longest term first: a use inside a longer one is that one's ("calibration" inside
    # "probability calibration"), so it is never read as the shorter term's.
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str, str]] = []
    for term in sorted(glossary(folder).terms, key=lambda t: -len(t.term)):
        flagged = list(term.misuse.finditer(text)) if term.misuse is not None else []
        found += [(m.start(), term.term, m.group(0)) for m in flagged]
        uses = [u for form in term.forms for u in _uses(form, text)]
        for use in uses if term.context is not None else ():
            inside = any(a <= use.start() and use.end() <= b for a, b in taken)
            near = any(abs(m.start() - use.start()) <= NEAR for m in flagged)
            if inside or near or _said_alone(text, use):
                continue
            sentence = _sentence(text, use.start(), use.end())
            if not term.context.search(sentence):
                found.append((use.start(), term.term, " ".join(sentence.split())))
        taken += [(u.start(), u.end()) for u in uses]
    return [(name, words) for _, name, words in sorted(found)]


NEAR = 40  # characters: a use this close to a flagged pattern is that pattern's (flagged once)


def _uses(form: str, text: str) -> list[re.Match]:
    """Where ``form`` is written in ``text`` as words of its own (any case; not part of an
    identifier such as ``calibration_on``)."""
    return list(re.finditer(rf"(?<![\w-]){re.escape(form)}(?!\w)", text, re.IGNORECASE))


def _said_alone(text: str, match: re.Match) -> bool:
    """Whether the use is the whole text (give or take a capital and a colon): a name."""
    return not text.replace(match.group(0), "", 1).strip(" :\n")
