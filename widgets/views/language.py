"""``lang`` on pages: the page's language on ``<html>``, and the engineer's own words in another
script marked on their element, so a screen reader reads each in its own voice.

Templates reach these through the filters and globals below (``fragments.FILTERS`` and both
template environments): ``<html lang="{{ page_language() }}">``, ``<td{{ action.what|lang_attr }}>``
where a field fills an element, ``{{ label|lang_span }}`` where it runs inside a sentence, and
``<div{{ root_lang() }}>`` on a panel's root, which Lab or Voilà puts in a page of their own.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from widgets.content.scripts import other_language, page_language

# The language of the page Lab and Voilà put a panel in (their ``<html lang>``, and Step Up's
# Voilà template's: widgets/jupyter_data/voila/templates/stepup/page.html).
HOST_LANGUAGE = "en"


def lang_attr(text) -> Markup:
    """`` lang="…"`` for the element holding ``text`` when it reads in another language than
    the page (a guess by its script), else nothing."""
    language = other_language(str(text))
    return Markup(' lang="{}"').format(language) if language else Markup("")


def lang_span(text) -> Markup:
    """``text`` escaped, in a ``<span lang="…">`` when it reads in another language than the
    page."""
    language = other_language(str(text))
    if not language:
        return escape(text)
    return Markup('<span lang="{}">{}</span>').format(language, text)


def root_lang() -> Markup:
    """`` lang="…"`` for a panel's root element when Step Up's pages are in another language
    than the Lab or Voilà page around it, else nothing."""
    language = page_language()
    return Markup("") if language == HOST_LANGUAGE else Markup(' lang="{}"').format(language)


FILTERS = {"lang_attr": lang_attr, "lang_span": lang_span}
GLOBALS = {"page_language": page_language, "root_lang": root_lang}
