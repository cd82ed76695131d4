"""Step Up in the engineer's language: the catalogues, the active language, and numbers and dates
formatted for it.

The languages are data (``seeds/languages.yaml``, read by :func:`languages`): code never compares
a language id with a literal. Every sentence a person reads goes through :func:`gettext` (or
:func:`ngettext`, :func:`pgettext`), looked up in one gettext domain, ``stepup``, under
``widgets/locale/<catalogue>/LC_MESSAGES/``; the source language (English) has no catalogue.

The active language (:func:`current`) is, in order: an explicit choice (a document's reader, a
``with use(...)`` block, ``--lang`` for the kernels of the server it started), the profile's
``language``, the ``language`` setting (``STEPUP_LANG``), the system's locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``, matched to a language by CLDR's likely subtags), else the source.

Words are translated where they are shown, never where they are stored: the journal holds ids and
the engineer's own words. At the bottom of the layers, with the settings under it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import babel
import babel.dates
import babel.numbers
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from widgets import settings

DOMAIN = "stepup"
LOCALE_DIR = Path(__file__).with_name("locale")
POSIX_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
_PACKAGE = Path(__file__).resolve().parent

# The explicit choice of this context (a document's reader, a request); None: not chosen here.
_CHOSEN: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "stepup_language", default=None
)
# The profile's choice, told once the journal is open (remember_profile): a kernel's cells run in
# contexts of their own, so this one is the process's.
_profile_language = ""


class LanguageError(settings.Refusal):
    """A language id that no entry of ``seeds/languages.yaml`` has; the message names those
    there are (said in the reader's language by ``settings.said(error, gettext)``)."""


class Language(BaseModel):
    """One language Step Up speaks (an entry of ``seeds/languages.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", description="BCP 47 tag")
    locale: str = Field(description="Babel's locale: plural rules, dates, numbers")
    catalogue: str = Field("", description="Folder under widgets/locale/ (default: locale)")
    name: str = Field(min_length=1, description="Its name in itself")
    chart_fonts: tuple[str, ...] = ()
    pseudo: bool = False

    @property
    def babel_locale(self) -> babel.Locale:
        """Babel's locale for this language."""
        return babel.Locale.parse(self.locale)

    @property
    def catalogue_name(self) -> str:
        """The folder of its catalogue under ``widgets/locale/``."""
        return self.catalogue or self.locale


class LanguagesFile(BaseModel):
    """``seeds/languages.yaml``: every language, and the source one (no catalogue)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = Field(ge=1, le=1)
    source: str
    languages: tuple[Language, ...] = Field(min_length=1)


def _seeds_file(name: str) -> Path:
    for folder in (_PACKAGE.parent / "seeds", _PACKAGE / "_bundled" / "seeds"):
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"Step Up's seeds/{name} is missing; reinstall the package.")


@functools.cache
def registry() -> LanguagesFile:
    """The languages file, read once and checked (ids unique, the source one of them)."""
    path = _seeds_file("languages.yaml")
    try:
        loaded = LanguagesFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as error:
        raise ValueError(f"{path}: {error}") from None
    ids = [language.id for language in loaded.languages]
    if len(set(ids)) != len(ids) or loaded.source not in ids:
        raise ValueError(f"{path}: ids must be unique and include the source {loaded.source!r}")
    for language in loaded.languages:
        language.babel_locale  # noqa: B018 (refuses a locale Babel does not know, now)
    return loaded


def languages() -> tuple[Language, ...]:
    """Every language, in the order the profile offers them."""
    return registry().languages


def ids() -> tuple[str, ...]:
    """Every language's id, in file order."""
    return tuple(language.id for language in languages())


def source() -> str:
    """The language the code is written in (its sentences are the msgids)."""
    return registry().source


def language(language_id: str | None = None) -> Language:
    """The entry of ``language_id`` (default: the active language), or LanguageError."""
    language_id = current() if language_id is None else language_id
    for entry in languages():
        if entry.id == language_id:
            return entry
    raise LanguageError(
        N_("language must be one of {languages}, not {given}"),
        languages=", ".join(ids()),
        given=repr(language_id),
    )


def check(language_id: str) -> str:
    """``language_id`` if Step Up speaks it, else LanguageError naming those it does."""
    return language(language_id).id


# -- choosing ----------------------------------------------------------------------------------


@functools.cache
def from_posix(value: str) -> str | None:
    """The language a POSIX locale (``zh_CN.UTF-8``) asks for, matched by language and script
    after CLDR's likely subtags (zh_CN → zh_Hans_CN); None when Step Up speaks none like it."""
    tag = value.split(".")[0].split("@")[0]
    if not tag or tag in ("C", "POSIX"):
        return None
    try:
        wanted = _likely(babel.Locale.parse(tag.replace("-", "_")))
    except (ValueError, babel.UnknownLocaleError):
        return None
    for entry in languages():
        if not entry.pseudo and _likely(entry.babel_locale) == wanted:
            return entry.id
    return None


def _likely(locale: babel.Locale) -> tuple[str, str | None]:
    likely = babel.core.get_global("likely_subtags")
    full = likely.get(str(locale)) or likely.get(locale.language) or str(locale)
    parsed = babel.Locale.parse(full)
    return (parsed.language, locale.script or parsed.script)


def resolve(
    explicit: str | None = None,
    profile: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The language to use: ``explicit``, then the server's ``--lang`` (its kernels'
    ``STEPUP_LANG_CHOSEN``), then ``profile``, then the ``language`` setting, then the system's
    locale, else the source. A named language Step Up does not speak is refused."""
    environ = os.environ if environ is None else environ
    if explicit:
        return check(explicit)
    wanted = (settings.CHOSEN_LANGUAGE_ENV, settings.LANGUAGE_ENV, *POSIX_VARIABLES)
    return _resolved(profile or "", tuple(environ.get(name, "").strip() for name in wanted))


@functools.lru_cache(maxsize=64)
def _resolved(profile: str, values: tuple[str, ...]) -> str:
    """resolve() for one profile and one set of variables (asked on every translated word)."""
    chosen, setting, *posix = values
    found = settings.read({settings.CHOSEN_LANGUAGE_ENV: chosen, settings.LANGUAGE_ENV: setting})
    for candidate in (found.chosen_language, profile, found.language):
        if candidate:
            return check(candidate)
    for value in posix:
        if value:
            return from_posix(value) or source()
    return source()


def current() -> str:
    """The active language's id (see the module's docstring for the order).

    Asked for every translated word and every cached seed, so it reads only as far down the
    order as it must (a variable read costs microseconds); :func:`resolve` is the same order."""
    if chosen := _CHOSEN.get():
        return chosen
    environ = os.environ
    if chosen := environ.get(settings.CHOSEN_LANGUAGE_ENV) or _profile_language:
        return _checked(chosen)
    if setting := environ.get(settings.LANGUAGE_ENV):
        return _checked(setting)
    return _resolved("", ("", "", *(environ.get(name, "").strip() for name in POSIX_VARIABLES)))


@functools.lru_cache(maxsize=16)
def _checked(language_id: str) -> str:
    """A language named by a setting: its form checked as the settings check it, then known."""
    found = settings.read({settings.LANGUAGE_ENV: language_id.strip()})
    return check(found.language)


@contextlib.contextmanager
def use(language_id: str | None) -> Iterator[str]:
    """Speak ``language_id`` inside the block (None or "": keep the active one); yields the id."""
    token = _CHOSEN.set(check(language_id) if language_id else _CHOSEN.get())
    try:
        yield current()
    finally:
        _CHOSEN.reset(token)


def remember_profile(language_id: str | None) -> None:
    """The profile's language ("" when not chosen), for this process from now on."""
    global _profile_language
    _profile_language = check(language_id) if language_id else ""


# -- catalogues ----------------------------------------------------------------------------------


@functools.cache
def translations(language_id: str) -> _gettext.NullTranslations:
    """The catalogue of ``language_id`` (the source language's is empty: msgids are English)."""
    entry = language(language_id)
    if entry.id == source():
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[entry.catalogue_name], fallback=True)


def gettext(message: str) -> str:
    """``message`` in the active language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n`` in the active language (CLDR's rules)."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language, told apart from the same words by ``context``."""
    return translations(current()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` with a context."""
    return translations(current()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where used (``gettext(constant)``)."""
    return message


# -- numbers and dates, at the edge ------------------------------------------------------------


def babel_locale(language_id: str | None = None) -> babel.Locale:
    """Babel's locale of ``language_id`` (default: the active language)."""
    return language(language_id).babel_locale


def format_date(value: dt.date, format: str = "medium") -> str:
    """``value`` as the active language writes dates (CLDR: "Dec 7, 2026", "2026年12月7日")."""
    return babel.dates.format_date(value, format=format, locale=babel_locale())


def format_number(value: float, format: str | None = None) -> str:
    """``value`` with the active language's digits and separators ("1,000")."""
    return babel.numbers.format_decimal(value, format=format, locale=babel_locale())


def format_percent(value: float, format: str | None = None) -> str:
    """``value`` (0.4 is 40 %) as the active language writes a percentage."""
    return babel.numbers.format_percent(value, format=format, locale=babel_locale())


def install(environment) -> None:
    """Give a Jinja environment the i18n extension with these callables (newstyle: a template's
    ``_("… %(name)s", name=x)`` is filled in, and autoescaped, by Jinja)."""
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(
        gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
    )
