"""Every sentence about a refused value, keyed by the error's code: the one table to reword or
translate.

A validator refuses with a code and parameters (:func:`error`), pydantic adds where (``loc``), and
the sentence is made only when someone is shown it (:func:`sentence`): code never reads these
words, so changing them moves no message to another field. pydantic's own codes
(``string_too_long``, ``int_parsing``, …) are keyed here the same way; a form may name, for one of
its fields, a code of its own (``team_size``) to use instead of pydantic's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from pydantic_core import PydanticCustomError

from widgets.i18n import N_, format_date, format_number, gettext, ngettext


class Plural(NamedTuple):
    """A sentence with a form for each number, chosen by the parameter named ``count`` under the
    reader's language's CLDR rules (English has two forms, Chinese one)."""

    singular: str
    plural: str
    count: str


# code → template; ``{name}`` is a parameter of the error (its pydantic ``ctx``, plus ``typed``).
TEMPLATES: dict[str, str | Plural] = {
    # -- our rules (raised by the records' validators) ------------------------------------------
    "date_out_of_range": N_("Use a date from {first} to {last}."),
    "ends_before_start": N_("The project can't end before it started."),
    "scores_without_coach": N_("Name the coach who gave these scores."),
    "ratings_without_coach": N_("Name the coach who gave these ratings."),
    "belief_missing": N_("Write the belief in your own words before completing the record."),
    "strength_before_missing": N_("Rate how strongly you believed it (0–100) before completing."),
    "strength_after_missing": N_(
        "Re-rate the belief (0–100) now that you've weighed the evidence."
    ),
    "action_missing": N_(
        "The evidence supports the thought: write what you will do about it before completing."
    ),
    "distortion_repeated": N_("Each distortion can be ticked once."),
    "measure_unnamed": N_(
        "Say what you measured first (crash-free sessions, say): the number is saved once it has a"
        " name."
    ),
    # -- pydantic's codes, in the forms' words ---------------------------------------------------
    "string_too_long": N_(
        "That is longer than {max_length} characters ({typed} typed). "
        "Shorten it; your last saved answer is kept."
    ),
    "string_too_short": N_("This can't be empty."),
    "greater_than_equal": N_("Use a number of {ge} or more."),
    "less_than_equal": N_("Use a number up to {le}."),
    "int_parsing": N_("Use a whole number, like 70."),
    "float_parsing": N_("This must be a number, like 6 or 6.5."),
    # Not a format: the browser shows the field in its own locale's order (mm/dd/yyyy in an
    # American Chromium), so an ISO example beside it read as a contradiction.
    "date_parsing": N_("Finish the date (every part of it), or pick it from the calendar."),
    "too_long": Plural(
        "Only one item fits here.", "Too many items (at most {max_length}).", "max_length"
    ),
    "unknown": N_("This value was not saved: {msg}."),
    # -- a form's own words for one field (JournalForm.friendly) ---------------------------------
    "years_negative": N_("Years of experience can't be negative."),
    "years_too_many": N_("Years of experience must be 60 or fewer."),
    "company_missing": N_("Give the company a name (or remove this interview)."),
    "coach_missing": N_("Write the coach's name first, so the view is stored with who gave it."),
    "strength_range": N_("Use a number from 0 to 100."),
    "strength_whole": N_("Use a whole number from 0 to 100, like 70."),
    "minutes": N_("Use whole minutes from 0 to 180."),
    "hours": N_("Use a number of hours from 0 to 100, like 4 or 2.5."),
    "team_size": N_("Use a whole number of people from 1 to 1,000."),
    "measure_number": N_("Use a number, like 99.6 or 40; your last good number is kept."),
    "estimate_number": N_("Give your estimate as a number above 0, like 50000, 5e4 or 50,000."),
    "assumptions_missing": N_("Write at least one assumption of your own before you check."),
}

# pydantic codes that say the same thing to the engineer as one in the table.
SAME_AS: dict[str, str] = {
    "int_from_float": "int_parsing",
    "int_type": "int_parsing",
    "float_type": "float_parsing",
    "finite_number": "float_parsing",
    "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing",
    "date_from_datetime_inexact": "date_parsing",
}

# The codes our validators raise: their sentence is ours wherever it is shown (an import refused,
# a journal entry refused), not only in a form.
RULES = frozenset(
    (
        "date_out_of_range",
        "ends_before_start",
        "scores_without_coach",
        "ratings_without_coach",
        "belief_missing",
        "strength_before_missing",
        "strength_after_missing",
        "action_missing",
        "distortion_repeated",
        "measure_unnamed",
    )
)


def error(code: str, field: str | None = None, **params) -> PydanticCustomError:
    """A validator's refusal: ``code`` with its ``params``; a rule across fields names ``field``,
    the one the engineer should change (the error's ``loc`` is then the record's)."""
    ctx = {**params, "field": field} if field else params
    template = TEMPLATES[code]
    english = template.plural if isinstance(template, Plural) else template
    return PydanticCustomError(code, english, ctx or None)


def path(item: dict) -> tuple:
    """Where an error is: its ``loc``, then the field a rule across fields named."""
    field = (item.get("ctx") or {}).get("field")
    return (*item["loc"], field) if field else tuple(item["loc"])


def sentence(code: str, /, **params) -> str:
    """The sentence for ``code``, with ``params`` filled in (an unknown code gets ``unknown``'s)."""
    code = SAME_AS.get(code, code)
    if code not in TEMPLATES:
        params = {**params, "msg": params.get("msg", code)}
        code = "unknown"
    template = TEMPLATES[code]
    if isinstance(template, Plural):
        words = ngettext(template.singular, template.plural, params.get(template.count, 2))
    else:
        words = gettext(template)
    return words.format(**{name: _edge(value) for name, value in params.items()})


def _edge(value):
    """A parameter as the active language writes it: numbers and dates through Babel."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return value


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def sentence_for(item: dict, code: str | None = None) -> str:
    """The sentence for one pydantic error (``code`` instead of its own when given)."""
    params = {**(item.get("ctx") or {}), "msg": item.get("msg", "")}
    if "input" in item:
        params["typed"] = len(str(item["input"]))
    return sentence(code or item["type"], **params)
