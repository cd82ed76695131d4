"""The pseudo-locales: English accented and about 40 % longer, so an untranslated, clipped or
concatenated sentence shows on any page (``[Śávé ~~~~]``).

Its catalogue is generated from the .pot (``python -m widgets.i18n_pseudo``, part of
``make compile``), never hand-written; its seed overlay is made on the fly by the loader
(:func:`accent_texts`). Placeholders (``%(name)s``, ``{name}``), markup and entities are kept as
they are, so a pseudo sentence fills in like the English one.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from widgets import i18n

ACCENTS = str.maketrans(
    "abcdeghiklnorstuyzABCDEGHIKLNORSTUYZ",
    "áƀçđéĝĥíķļñóŕšţúýžÁƁÇĐÉĜĤÍĶĻÑÓŔŠŢÚÝŽ",
)
# Kept as they are: printf and str.format placeholders, HTML tags and entities, URLs.
_KEPT = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%[sdif%]|\{[^{}]*\}|<[^<>]*>|&#?\w+;|\S+://\S+"
)
GROWTH = 0.4  # how much longer a pseudo sentence is than the English
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# Keys whose value is a text even when it is one lower-case word ("software", "calibration",
# "bytes"): elsewhere such a word is an id a seed refers to (``same_as``, ``asks``, a drill's
# variable ``name``), which must stay as written.
SHORT_TEXT_KEYS = frozenset(
    ("label", "unit", "say", "askers", "milestone", "words", "the_next", "manager", "target_level")
)
# Seed keys whose values are never reader-facing text (ids, addresses, expressions, patterns).
NOT_TEXT = frozenset(
    (
        "id",
        "ids",
        "url",
        "urls",
        "source",
        "sources",
        "calc",
        "schema_version",
        "default",
        "uses",
        "own_readings",
    )
)


def accent(text: str) -> str:
    """``text`` with its letters accented, its placeholders and markup untouched."""
    kept = [(match.start(), match.end()) for match in _KEPT.finditer(text)]
    pieces, at = [], 0
    for start, end in kept:
        pieces.append(text[at:start].translate(ACCENTS))
        pieces.append(text[start:end])
        at = end
    pieces.append(text[at:].translate(ACCENTS))
    return "".join(pieces)


def pseudo(text: str) -> str:
    """``text`` accented, in brackets and padded to about 40 % longer (empty stays empty)."""
    if not text:
        return text
    padding = max(1, math.ceil(len(text) * (1 + GROWTH)) - len(text) - 3)
    return f"[{accent(text)} {'~' * padding}]"


def accent_texts(value, key: str = ""):
    """A seed's parsed YAML with every text accented: not ids, addresses nor expressions."""
    if isinstance(value, dict):
        return {
            name: item if name in NOT_TEXT else accent_texts(item, name)
            for name, item in value.items()
        }
    if isinstance(value, list):
        return [accent_texts(item, key) for item in value]
    if isinstance(value, str) and not (
        (_ID.match(value) and key not in SHORT_TEXT_KEYS) or "://" in value or _is_number(value)
    ):
        return accent(value)  # no longer: a seed's texts have their limits (max_length)
    return value


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("_", ""))
    except ValueError:
        return False
    return True


def catalogue(template: Catalog, locale: str) -> Catalog:
    """The pseudo catalogue of every message of ``template`` (a .pot)."""
    made = Catalog(
        locale=locale,
        project=template.project,
        fuzzy=False,
        # the template's date, not now: making it again from the same .pot changes nothing
        creation_date=template.creation_date,
        revision_date=template.creation_date,
    )
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            string = tuple(pseudo(form) for form in message.id)
            string += (string[-1],) * (made.num_plurals - len(string))
        else:
            string = pseudo(message.id)
        made.add(message.id, string, context=message.context, flags=message.flags - {"fuzzy"})
    return made


def write(pot: Path, locale_dir: Path = i18n.LOCALE_DIR) -> list[Path]:
    """Write each pseudo-locale's ``stepup.po`` from ``pot``; the paths written."""
    with pot.open("rb") as file:
        template = read_po(file)
    written = []
    for language in i18n.languages():
        if not language.pseudo:
            continue
        path = locale_dir / language.catalogue_name / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalogue(template, language.locale), width=0, omit_header=False)
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write(
        Path(sys.argv[1]) if sys.argv[1:] else i18n.LOCALE_DIR / "stepup.pot"
    ):
        print(f"wrote {written_path}")
