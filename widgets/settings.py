"""Step Up's settings, read from the environment and the command line in this one place.

Each setting is a trait of :class:`Settings`, tagged with the environment variable it is read
from. :func:`current` gives the settings of this process as its environment says now (a test, a
benchmark or ``make refresh`` may point it at another journal or date between two calls); the
``stepup`` command passes what its command line says as overrides, which win. A value that is
not what its variable takes is refused with a sentence (:class:`SettingsError`) naming it.

Setting the environment of a *child* process (the server ``stepup`` starts, a kernel) is not
reading settings: the modules that start them build that environment themselves.

At the bottom of the layers: only the standard library, traitlets and platformdirs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import platformdirs
from traitlets import Bool, Instance, Int, Unicode
from traitlets.config import Configurable

JOURNAL_ENV = "STEPUP_JOURNAL"
READONLY_ENV = "STEPUP_READONLY"
TODAY_ENV = "STEPUP_TODAY"
CHART_CACHE_ENV = "STEPUP_CHART_CACHE"
HUB_SERVICE_URL_ENV = "STEPUP_HUB_SERVICE_URL"  # set for every server by deploy/jupyterhub
HUB_AUTH_CACHE_ENV = "STEPUP_HUB_AUTH_CACHE_SECONDS"
LANGUAGE_ENV = "STEPUP_LANG"
CHOSEN_LANGUAGE_ENV = "STEPUP_LANG_CHOSEN"  # set by `stepup lab --lang` for its kernels
DEFAULT_AUTH_CACHE_SECONDS = 10

_YES = ("1", "true", "yes")
_NO = ("", "0", "false", "no")


def N_(message: str) -> str:
    """Mark a refusal's English for the catalogue: this module is under ``widgets.i18n`` and
    cannot translate it; whoever shows the refusal does (``SettingsError.template``)."""
    return message


class Refusal(ValueError):
    """A refusal whose message a layer above ``widgets.i18n`` says in the reader's language:
    ``template`` (a msgid of Step Up's catalogue, marked with ``N_``) and ``values`` make it;
    ``str()`` is the English (:func:`said` the translated)."""

    def __init__(self, template: str, **values: str):
        self.template, self.values = template, values
        super().__init__(template.format(**values))


class SettingsError(Refusal):
    """A setting's value is not one it takes; the message says which and what to give."""


def said(error: Exception, translate: Callable[[str], str]) -> str:
    """``error``'s message for a person: a :class:`Refusal`'s template through ``translate``
    (``widgets.i18n.gettext``, given by the layer that shows it), any other error's own text.
    English when the language setting is itself what is refused (no language to say it in)."""
    if not isinstance(error, Refusal):
        return str(error)
    try:
        return translate(error.template).format(**error.values)
    except Refusal:
        return str(error)


def default_journal_path() -> Path:
    """The engineer's journal when nothing names another: the user data folder, outside any
    repository (``~/.local/share/stepup/journal.sqlite`` on Linux)."""
    return platformdirs.user_data_path("stepup", appauthor=False) / "journal.sqlite"


def _path(name: str, raw: str) -> Path | None:
    return Path(raw).expanduser() if raw else None


def _flag(name: str, raw: str) -> bool:
    if raw.lower() in _YES:
        return True
    if raw.lower() in _NO:
        return False
    raise SettingsError(
        N_("{variable}={value!r} is neither yes nor no; use 1 or 0."), variable=name, value=raw
    )


def _date(name: str, raw: str) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SettingsError(
            N_("{variable}={value!r} is not a date; use the form 2026-11-24."),
            variable=name,
            value=raw,
        ) from None


def _seconds(name: str, raw: str) -> int:
    if not raw:
        return DEFAULT_AUTH_CACHE_SECONDS
    try:
        seconds = int(raw)
    except ValueError:
        raise SettingsError(
            N_("{variable}={value!r} is not a whole number of seconds, e.g. 10."),
            variable=name,
            value=raw,
        ) from None
    return max(1, seconds)  # at least a second: HubAuth reads 0 as "keep the hub's answer for ever"


def _text(name: str, raw: str) -> str:
    return raw


def _language(name: str, raw: str) -> str:
    # Its form only: whether Step Up speaks it is widgets.i18n's to say (seeds/languages.yaml).
    if raw and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", raw):
        raise SettingsError(
            N_("{variable}={value!r} is not a language id; use one like en or zh-Hans."),
            variable=name,
            value=raw,
        )
    return raw


def _voila_flag(name: str, raw: str) -> bool:
    return raw == "True"  # Voilà's own variable, set to "True" in the kernels it preheats


class Settings(Configurable):
    """Everything Step Up reads from its environment, one trait each (``env`` says from where)."""

    journal = Instance(
        Path, help="The journal file (default: the user data folder's journal.sqlite)."
    ).tag(env=JOURNAL_ENV, parse=_path)
    readonly = Bool(
        False, help="Open the journal read-only, as the coach's kernels do (1 or 0)."
    ).tag(env=READONLY_ENV, parse=_flag)
    today = Instance(
        dt.date,
        allow_none=True,
        help="Pin today's date (YYYY-MM-DD): nbval, make refresh, the demo.",
    ).tag(env=TODAY_ENV, parse=_date)
    chart_cache = Instance(
        Path,
        allow_none=True,
        help="A server's own folder for chart pictures (default: chart-cache/ beside the journal).",
    ).tag(env=CHART_CACHE_ENV, parse=_path)
    language = Unicode(
        "",
        help="The language when the profile chooses none (a language id: en, zh-Hans, en-XA).",
    ).tag(env=LANGUAGE_ENV, parse=_language)
    chosen_language = Unicode(
        "",
        help="The language `stepup lab --lang` or `stepup coach --lang` chose: over the profile.",
    ).tag(env=CHOSEN_LANGUAGE_ENV, parse=_language)
    voila_preheat = Bool(
        False, help="This kernel was started in advance by Voilà (its preheating)."
    ).tag(env="VOILA_PREHEAT", parse=_voila_flag)
    display = Unicode(
        "", help="The X display, if any: without one (nor Wayland) no browser is opened."
    ).tag(env="DISPLAY", parse=_text)
    wayland_display = Unicode("", help="The Wayland display, if any.").tag(
        env="WAYLAND_DISPLAY", parse=_text
    )
    # On a programme's JupyterHub: an engineer's server sends snapshots to the Step Up service.
    hub_service_url = Unicode("", help="The hub's Step Up service, for stepup share --hub.").tag(
        env=HUB_SERVICE_URL_ENV, parse=_text
    )
    hub_user = Unicode("", help="This server's JupyterHub user name.").tag(
        env="JUPYTERHUB_USER", parse=_text
    )
    hub_api_token = Unicode("", help="The JupyterHub API token of this server or service.").tag(
        env="JUPYTERHUB_API_TOKEN", parse=_text
    )
    # The Step Up service itself, started by JupyterHub (widgets/hub_service.py).
    hub_api_url = Unicode("", help="JupyterHub's API, for the service.").tag(
        env="JUPYTERHUB_API_URL", parse=_text
    )
    service_url = Unicode("", help="Where JupyterHub expects the service to listen.").tag(
        env="JUPYTERHUB_SERVICE_URL", parse=_text
    )
    service_prefix = Unicode("", help="The service's path prefix on the hub.").tag(
        env="JUPYTERHUB_SERVICE_PREFIX", parse=_text
    )
    hub_auth_cache_seconds = Int(
        DEFAULT_AUTH_CACHE_SECONDS,
        help="How long the service keeps the hub's answer about a token (at least 1).",
    ).tag(env=HUB_AUTH_CACHE_ENV, parse=_seconds)

    @property
    def has_display(self) -> bool:
        """A browser can be opened: not Linux, or Linux with a display."""
        return not sys.platform.startswith("linux") or bool(self.display or self.wayland_display)

    def require(self, *names: str) -> None:
        """Refuse (SettingsError) when one of the named settings is empty: the first missing
        one's variable is named."""
        for name in names:
            if not getattr(self, name):
                raise SettingsError(
                    N_("{variable} is not set."), variable=self.trait_metadata(name, "env")
                )


_ENV_TRAITS = {
    name: trait.metadata
    for name, trait in Settings.class_traits().items()
    if "env" in trait.metadata
}


def environment_names() -> dict[str, str]:
    """Each setting's name and the environment variable it is read from."""
    return {name: meta["env"] for name, meta in _ENV_TRAITS.items()}


def read(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """The settings ``environ`` (default: this process's environment) gives, then ``overrides``
    (the command line; None means "not given") on top."""
    environ = os.environ if environ is None else environ
    values = {}
    for name, meta in _ENV_TRAITS.items():
        value = meta["parse"](meta["env"], environ.get(meta["env"], "").strip())
        if value is not None:
            values[name] = value
    for name, value in overrides.items():
        if name not in _ENV_TRAITS:
            raise TypeError(f"no setting named {name!r}")
        if value is not None:
            values[name] = Path(value).expanduser() if name == "journal" else value
    values.setdefault("journal", default_journal_path())
    return Settings(**values)


_last: tuple[tuple[str | None, ...], Settings] | None = None


def current() -> Settings:
    """This process's settings as its environment says now (read again only when it changed)."""
    global _last
    key = tuple(os.environ.get(meta["env"]) for meta in _ENV_TRAITS.values())
    if _last is None or _last[0] != key:
        _last = (key, read())
    return _last[1]
