"""Every setting is read from its environment variable in one place (widgets/settings.py), the
command line's value wins over it, and a value a setting does not take is refused by name."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from widgets import settings
from widgets.storage import clock, current

# setting → (a value in its variable, what the setting then holds, another value to override with)
GIVEN = {
    "journal": (
        "~/elsewhere/j.sqlite",
        Path("~/elsewhere/j.sqlite").expanduser(),
        Path("/x.sqlite"),
    ),
    "readonly": ("1", True, False),
    "today": ("2026-11-24", dt.date(2026, 11, 24), dt.date(2027, 1, 1)),
    "chart_cache": ("/tmp/charts", Path("/tmp/charts"), Path("/tmp/other")),
    "voila_preheat": ("True", True, False),
    "display": (":0", ":0", ":1"),
    "wayland_display": ("wayland-0", "wayland-0", "wayland-1"),
    "hub_service_url": (
        "http://hub:8081/services/stepup/",
        "http://hub:8081/services/stepup/",
        "x",
    ),
    "hub_user": ("alice", "alice", "bob"),
    "hub_api_token": ("t0k3n", "t0k3n", "other"),
    "hub_api_url": ("http://127.0.0.1:8081/hub/api", "http://127.0.0.1:8081/hub/api", "y"),
    "service_url": ("http://127.0.0.1:10101", "http://127.0.0.1:10101", "z"),
    "service_prefix": ("/services/stepup/", "/services/stepup/", "/p/"),
    "hub_auth_cache_seconds": ("30", 30, 5),
    "language": ("zh-Hans", "zh-Hans", "en"),
    "chosen_language": ("en-XA", "en-XA", "zh-Hans"),
}
# setting → a value its variable does not take, and words of the sentence that refuses it
INVALID = {
    "readonly": ("maybe", "neither yes nor no; use 1 or 0."),
    "today": ("24/11/2026", "is not a date; use the form 2026-11-24."),
    "hub_auth_cache_seconds": ("ten", "is not a whole number of seconds"),
    "language": ("zh_CN.UTF-8", "is not a language id; use one like en or zh-Hans."),
}


def test_every_setting_is_named_here():
    """A new setting must be given a test value (and, when it can be wrong, a wrong one)."""
    assert set(GIVEN) == set(settings.environment_names())


@pytest.mark.parametrize("name", sorted(GIVEN))
def test_each_setting_is_read_from_its_variable_and_the_command_line_wins(name):
    variable = settings.environment_names()[name]
    raw, expected, override = GIVEN[name]
    assert getattr(settings.read({variable: raw}), name) == expected
    assert getattr(settings.read({variable: raw}, **{name: override}), name) == override
    # Not set: the default, never the value of another setting's variable.
    others = {v: GIVEN[n][0] for n, v in settings.environment_names().items() if n != name}
    assert getattr(settings.read(others), name) == getattr(settings.read({}), name)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_a_value_a_setting_does_not_take_is_a_sentence_naming_it(name):
    variable = settings.environment_names()[name]
    raw, words = INVALID[name]
    with pytest.raises(settings.SettingsError) as refused:
        settings.read({variable: raw})
    message = str(refused.value)
    assert message.startswith(f"{variable}={raw!r} ") and words in message
    assert message.endswith(".")


def test_the_defaults():
    defaults = settings.read({})
    assert defaults.journal == settings.default_journal_path()
    assert (defaults.readonly, defaults.today, defaults.chart_cache) == (False, None, None)
    assert defaults.hub_auth_cache_seconds == settings.DEFAULT_AUTH_CACHE_SECONDS
    # HubAuth reads 0 as "for ever": never less than a second.
    assert settings.read({settings.HUB_AUTH_CACHE_ENV: "0"}).hub_auth_cache_seconds == 1
    assert settings.read({settings.READONLY_ENV: "no"}).readonly is False


def test_an_unknown_override_is_a_mistake_in_the_code():
    with pytest.raises(TypeError):
        settings.read({}, jurnal="x")


def test_the_kernel_reads_the_environment_as_it_is_now(monkeypatch, tmp_path):
    """Tests, benchmarks and `make refresh` change the environment between two calls."""
    monkeypatch.setenv(settings.TODAY_ENV, "2026-11-24")
    monkeypatch.setenv(settings.JOURNAL_ENV, str(tmp_path / "a.sqlite"))
    assert clock.today() == dt.date(2026, 11, 24)
    assert clock.timestamp() == "2026-11-24T12:00:00Z"
    assert current.journal_path() == tmp_path / "a.sqlite"
    monkeypatch.setenv(settings.TODAY_ENV, "2027-01-02")
    monkeypatch.setenv(settings.JOURNAL_ENV, str(tmp_path / "b.sqlite"))
    monkeypatch.setenv(settings.READONLY_ENV, "1")
    assert clock.today() == dt.date(2027, 1, 2)
    assert current.journal_path() == tmp_path / "b.sqlite" and current.is_readonly()
    monkeypatch.setenv(settings.TODAY_ENV, "soon")
    with pytest.raises(settings.SettingsError, match="STEPUP_TODAY='soon' is not a date"):
        clock.today()


def test_the_stepup_command_says_which_setting_is_wrong(tmp_path):
    """A wrong value is a sentence and status 2 from `stepup`, not a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "widgets.cli", "where", "--journal", str(tmp_path / "j.sqlite")],
        env={"STEPUP_READONLY": "perhaps", "PATH": "/usr/bin:/bin", **_pythonpath()},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "stepup: STEPUP_READONLY='perhaps' is neither yes nor no; use 1 or 0.\n"


def _pythonpath() -> dict[str, str]:
    return {key: os.environ[key] for key in ("PYTHONPATH", "HOME") if key in os.environ}
