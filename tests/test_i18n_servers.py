"""The servers `stepup` starts, and the command line's refusals, in the person's language (issue
32): the coach's Voilà in the coach's ``--lang`` (the zh-Hans workbooks, the list of workbooks'
words and ``lang``), the engineer's copy of the workbooks in the profile's language, the promotion
case in its reader's ``--lang``, the hub's refusal of a snapshot a whole sentence of its own, and a
setting's or a language's refusal said in the reader's language."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from widgets import cli, coach, i18n, pages, settings
from widgets.content.resources import workbooks_dir
from widgets.content.workbooks import COACH_VIEW, TITLES
from widgets.hub_service import SnapshotUpload
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.storage.transfer import parse_snapshot
from widgets.storage.workspace import NOTEBOOK_KEY, workspace_for

from .untranslated import english_words

LANGUAGE = "zh-Hans"


def _coach_command(monkeypatch, argv: list[str]) -> tuple[list[str], dict]:
    """The Voilà command `stepup coach …` would run, and the coach pages' config it wrote."""
    seen: dict = {}

    def run_server(command, _env, *_args, **_kwargs):
        seen["command"] = command
        paths = [a for a in command if a.startswith("--Voila.config_file_paths=")]
        folder = next(a for a in paths if a.endswith("/config"))  # not the preheat's
        config = Path(folder.split("=", 1)[1]) / "voila.json"
        seen["config"] = json.loads(config.read_text(encoding="utf-8"))
        return 0

    monkeypatch.setattr(cli, "run_server", run_server)
    monkeypatch.setattr(cli, "trust_workbooks", lambda *_args: [])
    assert cli.main(argv) == 0
    return seen["command"], seen["config"]


@pytest.fixture
def mentee(tmp_path) -> Path:
    path = tmp_path / "mentee.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha", language="en"))
    return path


def test_the_coach_in_chinese_is_served_the_chinese_workbooks_and_list(monkeypatch, mentee):
    argv = ["coach", "--journal", str(mentee), "--no-browser", "--port", "18941"]
    command, config = _coach_command(monkeypatch, [*argv, "--lang", LANGUAGE])
    assert str(workbooks_dir() / LANGUAGE) in command  # the folder Voilà serves
    words = config["Voila"]["tornado_settings"]["jinja_template_vars"]
    assert words["page_language"] == LANGUAGE
    assert config["VoilaConfiguration"]["resources"]["stepup_language"] == LANGUAGE
    assert words["stepup_heading"] == "Step Up：教练的页面"
    assert words["stepup_read_only"].startswith("只读")
    for file in TITLES:  # each title as the zh-Hans workbook gives itself
        notebook = nbformat.read(workbooks_dir() / LANGUAGE / file, as_version=4)
        first = next(cell for cell in notebook.cells if cell.cell_type == "markdown")
        assert first.source.splitlines()[0] == f"# {words['stepup_titles'][file]}"


def test_the_coach_without_lang_is_served_the_english_pages_as_before(monkeypatch, mentee):
    argv = ["coach", "--journal", str(mentee), "--no-browser", "--port", "18942"]
    command, config = _coach_command(monkeypatch, argv)
    assert str(workbooks_dir()) in command and str(workbooks_dir() / LANGUAGE) not in command
    words = config["Voila"]["tornado_settings"]["jinja_template_vars"]
    assert words["page_language"] == "en"
    assert words["stepup_heading"] == "Step Up: the coach's pages"
    assert words["stepup_titles"] == TITLES
    # The template's English fallbacks are these words: the English pages are what they were.
    tree = Path(cli.__file__).with_name("jupyter_data") / "voila/templates/stepup/tree.html"
    for english in (words["stepup_heading"], words["stepup_read_only"]):
        assert f'default("{english}")' in tree.read_text(encoding="utf-8")


def test_no_english_is_left_on_the_coachs_list_in_the_pseudo_locale(monkeypatch, mentee):
    argv = ["coach", "--journal", str(mentee), "--no-browser", "--port", "18943", "--lang"]
    _, config = _coach_command(monkeypatch, [*argv, "en-XA"])
    words = config["Voila"]["tornado_settings"]["jinja_template_vars"]
    shown = [words["stepup_heading"], words["stepup_read_only"], words["stepup_needs_javascript"]]
    shown += [*words["stepup_titles"].values()]
    shown.append(config["VoilaConfiguration"]["resources"]["stepup_cells_label"])
    assert english_words(" ".join(shown), {"Step", "Up", "JavaScript"}) == []


def test_stepup_lab_copies_the_workbooks_in_the_profiles_language(tmp_path, monkeypatch):
    """No --lang, $STEPUP_LANG says en (as the suite's): the profile's language comes first."""
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha", language=LANGUAGE))
    monkeypatch.setattr(cli, "run_server", lambda *_args, **_kwargs: 0)
    argv = ["lab", "--journal", str(path), "--no-browser", "--port", "18944"]
    assert cli.main(argv) == 0
    copy = nbformat.read(workspace_for(path) / COACH_VIEW.file, as_version=4)
    assert copy.metadata[NOTEBOOK_KEY]["language"] == LANGUAGE
    assert cli.main([*argv, "--lang", "en"]) == 0  # an explicit choice over the profile's
    copy = nbformat.read(workspace_for(path) / COACH_VIEW.file, as_version=4)
    assert copy.metadata[NOTEBOOK_KEY].get("language") is None  # the English templates


def test_stepup_lab_without_a_profile_language_follows_the_setting(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.save(Profile(alias="Asha"))
    monkeypatch.setenv(settings.LANGUAGE_ENV, LANGUAGE)
    assert cli._workbooks_language(path) == LANGUAGE
    monkeypatch.setenv(settings.LANGUAGE_ENV, "en")
    assert cli._workbooks_language(path) == "en"


def _with_profile_language(path: Path, language: str) -> None:
    with Journal(path) as journal:
        profile = journal.record("profile")
        journal.save(profile.model_copy(update={"language": language}))


def test_the_promotion_case_is_in_its_readers_language_not_the_profiles(
    demo_path, tmp_path, capsys
):
    _with_profile_language(demo_path, LANGUAGE)
    written = {}
    for lang in ("en", None):
        out = tmp_path / f"case-{lang}.md"
        args = ["report", "--document", "promotion-case", "--journal", str(demo_path)]
        args += ["--format", "md", "--out", str(out)]
        assert cli.main([*args, *(["--lang", lang] if lang else [])]) == 0
        written[lang] = out.read_text(encoding="utf-8")
    capsys.readouterr()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in written["en"])
    assert any("\u4e00" <= ch <= "\u9fff" for ch in written[None])  # the profile's, by default


class _Upload(SnapshotUpload):
    """The hub's upload handler without tornado: what it answers, recorded."""

    def __init__(self, body: bytes):  # no tornado application behind it
        self._owner, self._chunks, self._size = "asha", [body], len(body)
        self.answers: list[tuple[int, str]] = []

    def answer(self, status: int, message: str, **_extra) -> None:
        self.answers.append((status, message))


@pytest.mark.parametrize(
    ("language", "ending", "not_said"),
    [("en", "Nothing was stored.", "It was not read."), (LANGUAGE, "未保存任何内容。", "没有读取")],
)
def test_the_hub_refuses_a_broken_snapshot_in_a_whole_sentence_of_its_own(
    language, ending, not_said
):
    upload = _Upload(b'{"format": "stepup-snapshot", "entries": [')
    with i18n.use(language):
        upload.post("asha")
    [(status, message)] = upload.answers
    assert status == 422 and message.endswith(ending) and not_said not in message, message
    # The coach's roster, reading the same file, says its own ending.
    with i18n.use(language), pytest.raises(Exception, match=r"It was not read\.$|没有读取它。$"):
        parse_snapshot('{"entries": [', "x")


def test_a_setting_refused_is_said_in_the_readers_language(monkeypatch, journal_path):
    with pytest.raises(settings.SettingsError) as refused:
        settings.read({settings.LANGUAGE_ENV: "zh_CN"})
    refusal = refused.value
    english = "STEPUP_LANG='zh_CN' is not a language id; use one like en or zh-Hans."
    assert str(refusal) == english == settings.said(refusal, i18n.gettext)

    def refuse():
        raise refusal

    monkeypatch.setattr(current, "current_journal", refuse)
    with i18n.use(LANGUAGE):
        notice = coach._build()
        page_notice = pages._guarded("refused", lambda *_args: None)
    chinese = "STEPUP_LANG='zh_CN' 不是语言 id"
    assert notice.message.startswith(chinese), notice.message
    assert page_notice.message == notice.message
    assert english_words(notice.message, {"STEPUP_LANG", "zh_CN", "en", "zh", "Hans", "id"}) == []


def test_a_language_step_up_does_not_speak_is_refused_in_the_readers_language(capsys):
    with pytest.raises(i18n.LanguageError) as refused:
        i18n.check("fr")
    english = "language must be one of en, zh-Hans, en-XA, not 'fr'"
    assert str(refused.value) == english == settings.said(refused.value, i18n.gettext)
    with i18n.use(LANGUAGE):
        assert settings.said(refused.value, i18n.gettext) == (
            "语言必须是 en, zh-Hans, en-XA 之一，而不是 'fr'"
        )


def test_the_command_lines_refusal_of_a_language_is_in_the_engineers(monkeypatch, capsys):
    monkeypatch.setenv(settings.LANGUAGE_ENV, LANGUAGE)
    assert cli.main(["report", "--lang", "xx", "--journal", "/nonexistent"]) == 2
    assert capsys.readouterr().err.startswith("stepup：语言必须是")


def test_the_reports_and_shares_notes_are_in_the_engineers_language(demo_path, monkeypatch, capsys):
    monkeypatch.setenv(settings.LANGUAGE_ENV, LANGUAGE)
    assert cli.main(["report", "--journal", str(demo_path), "--format", "md"]) == 0
    note = capsys.readouterr().err.splitlines()[0]
    assert "Markdown" in note and english_words(note, {"Markdown", "PNG", "FILE", "out"}) == []
    assert cli.main(["share", "--journal", str(demo_path), "--dry-run"]) == 0
    said = capsys.readouterr().out.splitlines()[-1]
    assert (
        "--dry-run" in said and english_words(said, {"dry", "run", "stepup", "share", "out"}) == []
    )
