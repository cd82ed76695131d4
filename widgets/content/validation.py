"""What a validator found, as sentences that name where: shared by the seeds, ladders and records.

One wording everywhere: ``interviews[0].date: Input should be a valid date``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from pydantic import ValidationError

from widgets.content import messages
from widgets.i18n import gettext


def location(loc: Sequence[str | int], top: str | None = None) -> str:
    """``("interviews", 0, "date")`` → ``interviews[0].date``; an empty path is ``top`` (by
    default "(top level)", in the reader's language)."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or (gettext("(top level)") if top is None else top)


def problems(error: ValidationError, top: str | None = None) -> list[str]:
    """One sentence per error: where it is (a rule across fields: the field it names), then what
    is wrong: our rules in our words (:mod:`widgets.content.messages`), pydantic's in its own
    (without its "Value error, " prefix, which says nothing to a reader)."""
    return [
        f"{location(messages.path(item), top)}: "
        + (
            messages.sentence_for(item)
            if item["type"] in messages.RULES
            else item["msg"].removeprefix("Value error, ")
        )
        for item in error.errors()
    ]


def repeated(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, sorted."""
    return sorted(value for value, count in Counter(values).items() if count > 1)
