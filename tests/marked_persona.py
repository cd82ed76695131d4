"""The demo persona with every word of her own marked, for the pseudo-locale's check (issue 32).

On a page rendered in en-XA, every sentence Step Up wrote is accented; what is left in plain
English is either a sentence nobody wrapped, or the engineer's own words. This persona tells the
two apart: each word she typed (each whitespace-separated token of every free-text field of every
revision) starts with :data:`MARK`, so :func:`unmarked` removes her words from a page before the
check, and any plain English left is Step Up's. Ids, dates, levels, statuses and seed keys are
left as they are: the journal stores them, the page must show them translated.

Built on the fly from ``seeds/personas/demo.json`` (``python -m tests.marked_persona OUT`` writes
it as a ``stepup export`` file, to look at).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from widgets.content.resources import demo_persona_path

MARK = "«"
# Fields of one word that are still the engineer's own words (names, units, feelings), by the
# end of their path in the record; every other one-word string is an id, a date or a level.
OWN_ONE_WORD = frozenset(
    (
        ("alias",),
        ("interviews", "company"),
        ("interviews", "level"),
        ("emotions", "name"),
        ("numbers", "unit"),
        ("people", "who"),
        ("rater",),
        ("coach_rater",),
        ("name",),
        ("title",),
    )
)
_MARKED = re.compile(re.escape(MARK) + r"\S*")


def mark(text: str) -> str:
    """``text`` with each of its words prefixed by :data:`MARK` (spacing kept as it is)."""
    return re.sub(r"\S+", lambda match: MARK + match.group(0), text)


def unmarked(text: str) -> str:
    """``text`` without the persona's own words (every token that starts with the mark, even one
    the page cut short)."""
    return _MARKED.sub(" ", text)


def _own(path: tuple[str, ...], value: str) -> bool:
    if any(char.isspace() for char in value.strip()):
        return True
    keys = tuple(part for part in path if part != "[]")
    return any(keys[-len(end) :] == end for end in OWN_ONE_WORD)


def _marked(value, path: tuple[str, ...] = ()):
    if isinstance(value, dict):
        return {key: _marked(item, (*path, key)) for key, item in value.items()}
    if isinstance(value, list):
        return [_marked(item, (*path, "[]")) for item in value]
    if isinstance(value, str) and value and _own(path, value):
        return mark(value)
    return value


def marked_persona_text(persona: Path | None = None) -> str:
    """The export file of ``persona`` (default: the demo persona) with her own words marked."""
    exported = json.loads((persona or demo_persona_path()).read_text(encoding="utf-8"))
    for entry in exported["entries"]:
        for revision in entry["revisions"]:
            revision["data"] = _marked(revision["data"])
    return json.dumps(exported, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    Path(sys.argv[1]).write_text(marked_persona_text(), encoding="utf-8")
