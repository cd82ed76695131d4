"""The HTML pieces forms and panels show, rendered from jinja2 templates with autoescape.

Every piece of user text reaches a page through a template in ``widgets/templates/``, never
through string formatting: autoescaping makes it text, whatever it holds.

``fragment("forms/card", title=..., fields=[...])`` renders ``templates/forms/card.html.j2``.
``widgets/templates/fragments/common.html.j2`` holds the small shared pieces as macros
(``muted``, ``error``, ``status``, ``table``); a template imports them with
``{% import "fragments/common.html.j2" as common %}``, and Python reaches them through
:func:`muted`, :func:`error` and :func:`status` below.
"""

from __future__ import annotations

import functools

import babel.dates
import jinja2
from markupsafe import Markup

from widgets import i18n
from widgets.content import tracks
from widgets.content.wording import count
from widgets.views import language
from widgets.views.css import PAGE_CSS


@functools.cache
def environment() -> jinja2.Environment:
    """The one jinja2 environment for ``widgets/templates/``: autoescaping, and an undefined name
    is an error rather than an empty string."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("widgets", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    i18n.install(env)
    env.globals.update(language.GLOBALS)
    return env


def day_month(day) -> str:
    """A date as the active language writes it without the year: "21 Nov", "11月21日"."""
    return babel.dates.format_skeleton("MMMd", day, locale=i18n.babel_locale())


def day_month_year(day) -> str:
    """A date as the active language writes it: "21 Nov 2026", "2026年11月21日"."""
    return babel.dates.format_skeleton("yMMMd", day, locale=i18n.babel_locale())


def number(value: float) -> str:
    """5.0 → "5", 5.5 → "5.5" (a whole number of years reads as one), in the active language's
    digits and separators."""
    return i18n.format_number(value)


def clause(text: str) -> str:
    """User text that a sentence goes on after, its own closing full stop, colon or comma
    dropped: "...beyond me." then " (75 → 55)." must not read "me. (75 → 55).", nor "me.:"."""
    return str(text).rstrip().rstrip(".:;,")


def action_status(status: str) -> str:
    """A plan action's status (its id, as the journal stores it) in the reader's words."""
    words = {  # the plan form's words for them (forms/plan.py)
        "open": i18n.gettext("open"),
        "in_progress": i18n.gettext("in progress"),
        "done": i18n.gettext("done"),
        "dropped": i18n.gettext("dropped"),
    }
    return words.get(status, status.replace("_", " "))


# Shared by every template environment (this one and the growth-plan document's).
FILTERS = {
    # ISO 8601 on purpose: in a table or a document it reads the same in every language.
    "date": lambda day: day.isoformat() if day else "—",
    # Day and month without a leading zero, on every C library (strftime's %-d is glibc's).
    "day_month": day_month,
    "day_month_year": day_month_year,
    "number": number,
    "count": count,
    "clause": clause,
    "action_status": action_status,
    # The engineer's track by its name, from the registry: {{ profile|track }} ("ML engineer").
    "track": lambda profile, starts_sentence=False: getattr(
        tracks.of_profile(profile), "sentence_name" if starts_sentence else "name"
    ),
    **language.FILTERS,  # lang on the engineer's words in another script
}


def fragment(name: str, **values) -> Markup:
    """Render ``templates/<name>.html.j2`` with ``values``; the result is safe HTML (marked with
    Step Up's language where Lab or Voilà around it is in another: ``language.in_host_page``)."""
    html = Markup(environment().get_template(f"{name}.html.j2").render(**values))
    return language.in_host_page(html)


def _common(macro: str, *args) -> Markup:
    module = environment().get_template("fragments/common.html.j2").module
    return Markup(getattr(module, macro)(*args))


def muted(text: str) -> Markup:
    """Secondary text, grey."""
    return _common("muted", text)


def error(text: str, block: bool = False) -> Markup:
    """A message beside its field, announced to screen readers."""
    return _common("error", text, block)


def status(text: str, ok: bool = True) -> Markup:
    """A status line: green when all is well, red when it is not."""
    return _common("status", text, ok)


def with_page_css(html: str) -> Markup:
    """A widget's HTML with the shared styles in front (each HTML widget renders on its own)."""
    return Markup(PAGE_CSS) + Markup(html)
