"""A maintainer adds a third language with data only: an entry in ``seeds/languages.yaml``, a
catalogue, seed translations. Here a German entry is added to a copy of those files (the
package's code untouched) and every layer that speaks a language takes it: the profile offers
it by its own name, sentences, plurals, dates and numbers come out in German, a seed reads its
German overlay, the pseudo-locale's catalogue is made for it as for the others."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from widgets import i18n
from widgets.content import loading, messages

GERMAN = {
    "id": "de",
    "locale": "de_DE",
    "name": "Deutsch",
    "chart_fonts": ["DejaVu Sans"],
}
TOO_SHORT = "This can't be empty."
TOO_SHORT_DE = "Das darf nicht leer sein."


@pytest.fixture
def with_german(tmp_path, monkeypatch):
    """The package's languages file with a German entry, and a German catalogue, in tmp_path."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    registry = yaml.safe_load(i18n._seeds_file("languages.yaml").read_text(encoding="utf-8"))
    registry["languages"].append(GERMAN)
    (seeds / "languages.yaml").write_text(yaml.safe_dump(registry, allow_unicode=True))

    locale_dir = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale_dir)
    catalogue = Catalog(locale="de_DE", domain=i18n.DOMAIN)
    catalogue.add(TOO_SHORT, TOO_SHORT_DE)
    catalogue.add(
        ("Only one item fits here.", "Too many items (at most {max_length})."),
        ("Hier passt nur ein Eintrag.", "Zu viele Einträge (höchstens {max_length})."),
    )
    (locale_dir / "de_DE" / "LC_MESSAGES").mkdir(parents=True)
    with (locale_dir / "de_DE" / "LC_MESSAGES" / "stepup.mo").open("wb") as file:
        write_mo(file, catalogue)

    monkeypatch.setattr(i18n, "_seeds_file", lambda name: seeds / name)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    i18n.registry.cache_clear()
    i18n.translations.cache_clear()
    yield seeds
    i18n.registry.cache_clear()
    i18n.translations.cache_clear()


def test_the_new_language_is_known_by_its_id_and_offered_by_its_own_name(with_german):
    assert "de" in i18n.ids()
    assert i18n.language("de").name == "Deutsch"
    assert i18n.check("de") == "de"
    assert i18n.resolve(None, "", {"LANG": "de_DE.UTF-8"}) == "de"  # the system's locale finds it


def test_its_catalogue_plural_rules_dates_and_numbers_are_used(with_german):
    with i18n.use("de"):
        assert messages.sentence("string_too_short") == TOO_SHORT_DE
        assert i18n.format_number(1234.5) == "1.234,5"
        assert i18n.format_date(dt.date(2026, 12, 7)) == "07.12.2026"
        many = i18n.ngettext(
            "Only one item fits here.", "Too many items (at most {max_length}).", 3
        )
        assert many.format(max_length=3) == "Zu viele Einträge (höchstens 3)."
    # A sentence its catalogue lacks stays English rather than failing.
    with i18n.use("de"):
        assert i18n.gettext("Use a number from 0 to 100.") == "Use a number from 0 to 100."


def test_a_seed_reads_its_overlay_in_the_new_language(with_german, tmp_path):
    seed = tmp_path / "seeds" / "example.yaml"
    seed.write_text(
        yaml.safe_dump({"schema_version": 1, "items": [{"id": "first", "text": "Write it down."}]})
    )
    (seed.parent / "translations" / "de").mkdir(parents=True)
    (seed.parent / "translations" / "de" / "example.yaml").write_text(
        yaml.safe_dump({"items": [{"id": "first", "text": "Schreib es auf."}]}, allow_unicode=True)
    )
    raw = yaml.safe_load(seed.read_text())
    assert loading.overlay(raw, seed, "de")["items"][0] == {
        "id": "first",
        "text": "Schreib es auf.",
    }
    assert loading.overlay(raw, seed, "en")["items"][0]["text"] == "Write it down."


def test_the_profile_form_offers_it(with_german, journal_path):
    from widgets import profile_form

    form = profile_form()
    assert dict(form.language.options)["Deutsch"] == "de"


def test_no_code_compares_a_language_with_a_literal():
    """Code reads the registry: no id or locale of a language is compared with, or looked up by,
    a literal anywhere in the package (``content/scripts.py``'s table of Unicode scripts names
    the tag of the engineer's own text, by script, for ``lang``: not a language Step Up speaks)."""
    package = Path(i18n.__file__).resolve().parent
    names = "|".join(
        re.escape(name)
        for language in i18n.languages()
        for name in {language.id, language.locale, language.catalogue_name}
    )
    compared = re.compile(
        rf"""(==|!=|\bin|\bis)\s*[\(\[{{]?\s*["']({names})["']|["']({names})["']\s*(==|!=|\bin\b)"""
    )
    found = [
        f"{path.relative_to(package)}:{number}: {line.strip()}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if compared.search(line)
    ]
    assert not found, found
