"""When a thought record suggests more than worry about work (``seeds/wellbeing.yaml``): the
threshold an emotion's rating reaches, the words of hopelessness, and what the engineer and the
coach are told. All of it is data: no phrase or sentence of it is written in code."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, HttpUrl

from widgets.content.loading import SeedText, _Seed, load_yaml_model, per_language
from widgets.content.resources import seeds_dir

# Typographic apostrophes read as the plain one, so "can’t go on" is "can't go on".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


class Directory(_Seed):
    """A directory of crisis lines that lists them worldwide (never one country's number)."""

    name: SeedText
    url: HttpUrl
    says: SeedText


class WellbeingFile(_Seed):
    """``wellbeing.yaml``: when to show the note, and its words."""

    schema_version: int
    judgement: Literal["ours"] = Field(description="Whose the threshold and the words are")
    threshold: int = Field(ge=1, le=100, description="An emotion rated this or more shows the note")
    recent_days: int = Field(ge=1, le=365, description="How far back the coach's page looks")
    phrases: list[SeedText] = Field(min_length=1, max_length=60)
    note: SeedText = Field(description="Beside the emotions, for the engineer")
    coach_note: SeedText = Field(description="On the coach's page")
    directory: Directory

    @functools.cached_property
    def _pattern(self) -> re.Pattern:
        phrases = sorted({p.casefold().translate(_APOSTROPHES) for p in self.phrases}, key=len)
        return re.compile("|".join(_as_pattern(p) for p in reversed(phrases)))

    def hopeless(self, text: str) -> bool:
        """Whether ``text`` holds one of the phrases, as whole words, in any case."""
        return bool(text) and bool(self._pattern.search(text.casefold().translate(_APOSTROPHES)))

    def strong(self, intensity: int | None) -> bool:
        """Whether an emotion rated ``intensity`` reaches the threshold."""
        return intensity is not None and intensity >= self.threshold


def _as_pattern(phrase: str) -> str:
    """A phrase as whole words where its script spaces words (English), and anywhere in the text
    where it does not (Chinese, Japanese: a word boundary would never match inside a sentence)."""
    body = r"\s+".join(map(re.escape, phrase.split()))
    before = r"(?<![\w'])" if _SPACED.match(phrase[0]) else ""
    after = r"(?![\w'])" if _SPACED.match(phrase[-1]) else ""
    return f"{before}(?:{body}){after}"


# A letter of a script that puts spaces between words (Latin, Cyrillic, Greek…): anything from
# the start of the CJK ranges up is written without them.
_SPACED = re.compile(r"[^\W\u2e80-\uffff]")


@per_language
def wellbeing(folder: Path | None = None) -> WellbeingFile:
    """The wellbeing note's threshold, phrases and words."""
    return load_yaml_model((folder or seeds_dir()) / "wellbeing.yaml", WellbeingFile)
