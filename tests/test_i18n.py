"""Step Up in the engineer's language: which language is active, the catalogues (zh-Hans
complete, the pseudo-locale generated from every msgid, the compiled files matching their
sources), dates and numbers per locale, and words that change while what the journal stores
does not."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS as KEYWORDS
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from widgets import cli, i18n, i18n_pseudo, settings
from widgets.content import messages
from widgets.storage.journal import Journal
from widgets.storage.records import Profile, ThoughtRecord
from widgets.storage.transfer import dumps, export_journal, import_journal
from widgets.views.fragments import environment

POT = i18n.LOCALE_DIR / "stepup.pot"
PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]|\{[^{}]*\}")


def _catalogue(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def _po(language) -> Path:
    return i18n.LOCALE_DIR / language.catalogue_name / "LC_MESSAGES" / "stepup.po"


TRANSLATED = [language for language in i18n.languages() if language.id != i18n.source()]


# -- choosing ------------------------------------------------------------------------------------


def test_the_language_is_chosen_in_order():
    """Explicit, then the server's --lang, then the profile, then the setting, then the locale."""
    env = {
        settings.CHOSEN_LANGUAGE_ENV: "en-XA",
        settings.LANGUAGE_ENV: "en",
        "LANG": "zh_CN.UTF-8",
    }
    assert i18n.resolve("zh-Hans", "en", env) == "zh-Hans"
    assert i18n.resolve(None, "zh-Hans", env) == "en-XA"
    del env[settings.CHOSEN_LANGUAGE_ENV]
    assert i18n.resolve(None, "zh-Hans", env) == "zh-Hans"
    assert i18n.resolve(None, "", env) == "en"
    del env[settings.LANGUAGE_ENV]
    assert i18n.resolve(None, "", env) == "zh-Hans"
    assert i18n.resolve(None, "", {}) == i18n.source()


@pytest.mark.parametrize(
    ("posix", "language"),
    [
        ("zh_CN.UTF-8", "zh-Hans"),
        ("zh_SG", "zh-Hans"),
        ("zh_TW.UTF-8", "en"),  # Traditional script: not one Step Up speaks yet, so the source
        ("en_US.UTF-8", "en"),
        ("fr_FR.UTF-8", "en"),
        ("C.UTF-8", "en"),
    ],
)
def test_the_systems_locale_is_matched_by_language_and_script(posix, language):
    assert i18n.resolve(None, "", {"LANG": posix}) == language


def test_lc_all_wins_over_lang():
    assert i18n.resolve(None, "", {"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.resolve(None, "", {"LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_GB"}) == "zh-Hans"


def test_a_language_step_up_does_not_speak_is_refused_by_name():
    with pytest.raises(i18n.LanguageError, match="must be one of en, zh-Hans, en-XA, not 'fr'"):
        i18n.resolve("fr")
    with pytest.raises(ValueError, match="not 'fr'"):
        Profile(language="fr")


def test_use_is_a_block_and_the_profile_is_remembered(monkeypatch):
    monkeypatch.delenv(settings.LANGUAGE_ENV)
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert i18n.current() == "en"
    try:
        i18n.remember_profile("zh-Hans")
        assert i18n.current() == "zh-Hans"
        with i18n.use("en-XA"):
            assert i18n.current() == "en-XA"
            with i18n.use(None):  # not chosen here: the block's own
                assert i18n.current() == "en-XA"
        assert i18n.current() == "zh-Hans"
    finally:
        i18n.remember_profile("")
    assert i18n.current() == "en"


def test_lab_passes_its_lang_to_the_kernels_and_refuses_an_unknown_one(capsys):
    class Args:
        lang = "zh-Hans"

    assert cli._language_env(Args()) == {settings.CHOSEN_LANGUAGE_ENV: "zh-Hans"}
    assert cli.main(["report", "--lang", "xx", "--journal", "/nonexistent"]) == 2
    assert "language must be one of" in capsys.readouterr().err


# -- the catalogues -------------------------------------------------------------------------------


def test_messages_come_back_in_the_active_language():
    with i18n.use("zh-Hans"):
        assert messages.sentence("string_too_short") == "此项不能为空。"
        long = messages.sentence("string_too_long", max_length=1200, typed=1305)
    assert (
        long == "内容超过了 1,200 个字符（已输入 1,305 个）。请删减一些；上次保存的回答仍会保留。"
    )
    with i18n.use("en-XA"):
        pseudo = messages.sentence("string_too_short")
    assert pseudo.startswith("[Ţĥíš çáñ'ţ ƀé")
    assert pseudo.endswith("~]") and not pseudo.isascii()
    with i18n.use("en"):
        assert messages.sentence("string_too_short") == "This can't be empty."


def test_every_message_has_its_chinese_and_keeps_its_placeholders():
    """zh-Hans is complete: every msgid of the .pot translated, none fuzzy, no placeholder lost."""
    for language in TRANSLATED:
        catalogue = _catalogue(_po(language))
        template = _catalogue(POT)
        for message in template:
            if not message.id:
                continue
            translated = catalogue.get(message.id, context=message.context)
            assert translated is not None and translated.string, (language.id, message.id)
            assert not translated.fuzzy, (language.id, message.id)
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = translated.string if isinstance(message.id, tuple) else (translated.string,)
            wanted = set(PLACEHOLDER.findall(ids[-1]))
            # A form may leave out the number it is chosen by ("Only one item fits here."), never
            # add one; the last form (every number in Chinese) has them all.
            for string in strings:
                assert set(PLACEHOLDER.findall(string)) <= wanted, (language.id, message.id)
            assert set(PLACEHOLDER.findall(strings[-1])) == wanted, (language.id, message.id)


def test_the_pseudo_catalogue_is_made_from_every_msgid_of_the_pot():
    template = _catalogue(POT)
    for language in (entry for entry in i18n.languages() if entry.pseudo):
        made = i18n_pseudo.catalogue(template, language.locale)
        committed = _catalogue(_po(language))
        ids = {(m.id, m.context) for m in template if m.id}
        assert ids == {(m.id, m.context) for m in committed if m.id}
        for message in made:
            if message.id:
                # `make compile` ran
                kept = committed.get(message.id, context=message.context)
                assert kept.string == message.string


def test_compiled_catalogues_match_their_po_files():
    for language in TRANSLATED:
        buffer = io.BytesIO()
        write_mo(buffer, _catalogue(_po(language)))
        assert _po(language).with_suffix(".mo").read_bytes() == buffer.getvalue(), language.id


def test_pseudo_text_is_longer_accented_and_keeps_placeholders():
    english = "Use a date from {first} to {last}, %(name)s <b>now</b>."
    pseudo = i18n_pseudo.pseudo(english)
    assert pseudo.startswith("[") and pseudo.endswith("]")
    assert 1.3 * len(english) <= len(pseudo) <= 1.5 * len(english)
    for kept in ("{first}", "{last}", "%(name)s", "<b>", "</b>"):
        assert kept in pseudo
    assert "Úšé á đáţé" in pseudo


def test_plurals_follow_cldr_rules():
    """English has two forms; Chinese one (its catalogue's header, from CLDR)."""
    chinese = i18n.translations("zh-Hans")
    assert chinese.plural(1) == chinese.plural(5) == 0
    assert "nplurals=1" in _catalogue(_po(i18n.language("zh-Hans"))).plural_forms
    english, chinese = ({}, {})
    for count in (1, 3):
        with i18n.use("en"):
            english[count] = messages.sentence("too_long", max_length=count)
        with i18n.use("zh-Hans"):
            chinese[count] = messages.sentence("too_long", max_length=count)
    assert english == {1: "Only one item fits here.", 3: "Too many items (at most 3)."}
    assert chinese == {1: "条目过多（最多 1 条）。", 3: "条目过多（最多 3 条）。"}


def test_templates_translate_and_still_escape():
    template = environment().from_string('{{ _("This can\'t be empty.") }} {{ _("%(x)s!", x=x) }}')
    with i18n.use("en-XA"):
        shown = template.render(x="<script>")
    assert "&lt;script&gt;!" in shown and "<script>" not in shown
    assert shown.startswith("[Ţĥíš çáñ'ţ ƀé")  # a translation is trusted; a value is not


# -- dates and numbers at the edge ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "date", "number", "percent"),
    [
        ("en", "7 Dec 2026", "1,234.5", "40%"),
        ("zh-Hans", "2026年12月7日", "1,234.5", "40%"),
    ],
)
def test_dates_and_numbers_per_locale(language, date, number, percent):
    with i18n.use(language):
        assert i18n.format_date(dt.date(2026, 12, 7)) == date
        assert i18n.format_number(1234.5) == number
        assert i18n.format_percent(0.4) == percent
        day_month_year = environment().filters["day_month_year"]
        assert day_month_year(dt.date(2026, 12, 7)) == date


def test_a_refusal_names_its_dates_in_the_readers_language():
    with i18n.use("zh-Hans"):
        said = messages.sentence("date_out_of_range", first="2000-01-01", last="2100-12-31")
    assert said == "请填写 2000年1月1日 至 2100年12月31日 之间的日期。"


# -- what is stored never changes ----------------------------------------------------------------


def _stored(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT id, kind, data FROM entries ORDER BY kind").fetchall()


def test_switching_language_never_changes_what_the_journal_stores(tmp_path):
    stored = {}
    for language in i18n.ids():
        path = tmp_path / f"{language}.sqlite"
        with i18n.use(language), Journal(path) as journal:
            journal.save(Profile(alias="阿莎 Asha", track="ml", worries="我担心系统设计面试。"))
            journal.save(
                ThoughtRecord(
                    recorded_on=dt.date(2026, 12, 7),
                    belief="我还不够资深。",
                    distortions=["all_or_nothing"],
                    prompt_id="not_grown_enough",
                ),
                entry_id="t1",
            )
        stored[language] = _stored(path)
    assert len({repr(rows) for rows in stored.values()}) == 1
    data = stored["zh-Hans"][0][2]
    assert '"language"' not in data  # not chosen: not stored


def test_a_journal_round_trips_through_every_language_byte_for_byte(tmp_path, demo_text):
    for language in i18n.ids():
        path = tmp_path / f"{language}.sqlite"
        with i18n.use(language):
            import_journal(demo_text, path)
            with Journal(path, readonly=True) as journal:
                assert dumps(export_journal(journal)) == demo_text, language


def test_the_report_is_in_its_readers_language_not_the_profiles(tmp_path, capsys):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha", language="zh-Hans", target_date=dt.date(2027, 3, 1)))
    written = {}
    for lang in ("en", None):
        out = tmp_path / f"report-{lang}.html"
        args = ["report", "--journal", str(path), "--no-charts", "--out", str(out)]
        assert cli.main([*args, *(["--lang", lang] if lang else [])]) == 0
        written[lang] = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in written["en"]
    assert '<html lang="zh-Hans">' in written[None]  # the profile's, by default
    with Journal(path, readonly=True) as journal:
        assert journal.record("profile").language == "zh-Hans"  # a document never changes it


def test_the_pot_holds_every_sentence_the_code_marks():
    """`make extract` was run after the last wording change (else a sentence is never offered to
    a translator and stays English in every language)."""
    root = Path(__file__).resolve().parent.parent
    with (root / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = {
        (message if isinstance(message, str) else tuple(message), context)
        for _file, _line, message, _comments, context in extract_from_dir(
            root / "widgets",
            _under_widgets(method_map),
            options_map,
            keywords={**KEYWORDS, "Plural": (1, 2)},  # as `make extract` has it
        )
    }
    assert found == {(m.id, m.context) for m in _catalogue(POT) if m.id}


def _under_widgets(method_map):
    return [(pattern.removeprefix("widgets/"), method) for pattern, method in method_map]


def test_the_engineers_kernel_speaks_the_profiles_language(journal_path, monkeypatch):
    from widgets.storage import current

    with Journal(journal_path) as journal:
        journal.save(Profile(alias="Asha", language="zh-Hans"))
    try:
        current.current_journal()
        assert i18n.current() == "zh-Hans"
        monkeypatch.setenv(settings.CHOSEN_LANGUAGE_ENV, "en")  # `stepup lab --lang en`
        assert i18n.current() == "en"
    finally:
        i18n.remember_profile("")


@pytest.mark.parametrize("command", ["lab", "coach"])
def test_lang_reaches_the_servers_kernels(command, tmp_path, monkeypatch):
    """`stepup lab --lang` and `stepup coach --lang`: the kernels' environment carries it."""
    path = tmp_path / "journal.sqlite"
    with Journal(path):
        pass
    seen = {}

    def run_server(_command, env, *_args, **_kwargs):
        seen.update(env)
        return 0

    monkeypatch.setattr(cli, "run_server", run_server)
    monkeypatch.setattr(cli, "trust_workbooks", lambda *_args: [])
    args = [command, "--journal", str(path), "--no-browser", "--port", "18931", "--lang", "zh-Hans"]
    if command == "lab":
        args += ["--notebook-dir", str(tmp_path)]
    assert cli.main(args) == 0
    assert seen[settings.CHOSEN_LANGUAGE_ENV] == "zh-Hans"


def test_a_language_setting_step_up_does_not_speak_is_refused_at_the_start(monkeypatch, capsys):
    monkeypatch.setenv(settings.LANGUAGE_ENV, "fr")
    assert cli.main(["where"]) == 2
    assert capsys.readouterr().err.startswith("stepup: language must be one of en, zh-Hans, en-XA")
    monkeypatch.setenv(settings.LANGUAGE_ENV, "zh_CN")
    assert cli.main(["where"]) == 2
    assert "is not a language id" in capsys.readouterr().err


def test_the_profile_form_offers_each_language_by_its_own_name_and_stores_its_id(journal_path):
    from widgets import profile_form

    form = profile_form()
    try:
        offered = dict(form.language.options)
        assert offered["简体中文"] == "zh-Hans" and offered["English"] == "en"
        assert "en-XA" not in offered.values()  # a pseudo-locale is for testers, set by STEPUP_LANG
        form.alias.value = "Asha"
        form.language.value = "zh-Hans"
        with Journal(journal_path, readonly=True) as journal:
            assert journal.record("profile").language == "zh-Hans"
        assert i18n.current() == "zh-Hans"  # this kernel speaks it from now on
        # Said in the language just chosen (the words around it are another session's to wrap).
        assert "（从下次运行的练习册起使用简体中文）" in form.status
    finally:
        i18n.remember_profile("")
