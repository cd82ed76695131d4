"""``lang`` on pages: the page's language on ``<html>``, and the engineer's own words in another
script marked on their element, so a screen reader reads each in its own voice.

Templates reach these through the filters and globals below (``fragments.FILTERS`` and both
template environments): ``<html lang="{{ page_language() }}">``, ``<td{{ action.what|lang_attr }}>``
where a field fills an element, and ``{{ label|lang_span }}`` where it runs inside a sentence.
What a panel shows in Lab or Voilà, in a page of theirs, is marked as a whole
(:func:`in_host_page`, from ``fragments.fragment``).
"""

from __future__ import annotations

import unicodedata

from markupsafe import Markup, escape

from widgets.content import scripts
from widgets.content.scripts import other_language

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


def in_host_page(html: Markup) -> Markup:
    """``html`` (a panel's piece, shown in a Lab or Voilà page) in an element saying Step Up's
    language when that page is in another; unchanged when they agree, or when ``html`` is a
    page of its own (its ``<html lang>`` says it). The element takes no box of its own
    (``display: contents``), so a piece inside a label or a sentence lays out as before."""
    language = scripts.page_language()
    if language == HOST_LANGUAGE or html.lstrip()[:9].upper() == "<!DOCTYPE":
        return html
    return Markup('<span lang="{}" style="display:contents">{}</span>').format(language, html)


FILTERS = {"lang_attr": lang_attr, "lang_span": lang_span}


def page_language() -> str:
    """The page's language, as the templates' ``page_language()`` (looked up when called)."""
    return scripts.page_language()


def sentences(*parts) -> str:
    """Sentences one after another, as their language writes them: a space after one that ends
    in ASCII ("…mine. Calibration…"), none after a full-width full stop ("…。校准…"). Empty
    parts are left out; HTML stays HTML (a plain part is escaped when another is markup)."""
    said = [part for part in parts if part]
    joined = said[:1]
    for part in said[1:]:
        last = joined[-1]
        before = (last.striptags() if isinstance(last, Markup) else str(last)).rstrip()
        wide = before and unicodedata.east_asian_width(before[-1]) in ("F", "W")
        joined += ["" if wide else " ", part]
    if any(isinstance(part, Markup) for part in said):
        return Markup("").join(joined)
    return "".join(str(part) for part in joined)


GLOBALS = {"page_language": page_language, "sentences": sentences}
