"""Every workbook in every language: one English source, translations complete and faithful to
it, the generated notebooks never hand-edited, and the engineer's copy in their language."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from widgets import cli, i18n
from widgets.content.resources import seeds_dir, workbooks_dir
from widgets.notebooks import (
    TranslationError,
    add_missing,
    markdown_sources,
    read_translations,
    refresh,
    translate,
    translation_languages,
    translation_path,
)
from widgets.storage.workspace import LANGUAGE_ENV, NOTEBOOK_KEY, Update, sync_workspace

SOURCES = sorted(workbooks_dir().glob("*.ipynb"))
LANGUAGES = translation_languages()
PAIRS = [(language, path) for language in LANGUAGES for path in SOURCES]


def _ids(pair) -> str:
    return f"{pair[0]}-{pair[1].name}"


def _sources(notebook) -> list[str]:
    return ["".join(cell.source) for cell in notebook.cells]


def _write(path: Path, notebook) -> None:
    path.write_text(nbformat.writes(notebook), encoding="utf-8")


def test_there_is_a_translation():
    """Is Simplified Chinese among the workbooks' languages (the rest of this file runs on it)?"""
    assert "zh-Hans" in LANGUAGES


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_every_markdown_cell_has_a_translation_and_none_is_left_over(pair):
    """Is each English markdown cell translated, and is each entry still an English cell?"""
    language, source = pair
    translate(source, language)  # raises, naming the cell, on one missing
    english = set(markdown_sources(nbformat.read(source, as_version=4)))
    leftover = set(read_translations(translation_path(source, language))) - english
    assert not leftover, f"entries for cells no longer in {source.name}: {sorted(leftover)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_without_its_workbook(language):
    folder = workbooks_dir() / "translations" / language
    names = {path.stem for path in SOURCES}
    assert {path.stem for path in folder.glob("*.yaml")} <= names
    assert {path.stem for path in (workbooks_dir() / language).glob("*.ipynb")} == names


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_the_committed_translation_is_what_refresh_writes(pair):
    """Was workbooks/<language>/ generated from the English source and its translations, with
    no hand edits (same cells, same code, same cell metadata), and executed?"""
    language, source = pair
    expected = translate(source, language)
    committed = nbformat.read(workbooks_dir() / language / source.name, as_version=4)
    assert [c.cell_type for c in committed.cells] == [c.cell_type for c in expected.cells]
    assert _sources(committed) == _sources(expected), "edit the translation, then make refresh"
    assert [c.metadata for c in committed.cells] == [c.metadata for c in expected.cells]
    english = nbformat.read(source, as_version=4)
    code = [c for c in committed.cells if c.cell_type == "code"]
    assert _sources(nbformat.from_dict({"cells": code})) == [
        "".join(c.source) for c in english.cells if c.cell_type == "code"
    ]
    assert all(c.outputs for c in code if not "".join(c.source).startswith("from "))
    assert all(o.output_type != "error" for c in code for o in c.outputs)


URL = re.compile(r"https?://[^\s)>\]]+")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
AUTHORS = re.compile(r"\b([A-Z][A-Za-z-]+)(?= et al\.|, \d{4}|,? \(\d{4}|'s? (?:account|lab))")


def _headings(text: str) -> list[str]:
    return [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("#")]


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_translations_keep_headings_links_years_and_authors(pair):
    """Does each translated cell keep the English cell's heading levels, its URLs, the years
    and the authors of its citations (so a reader can find the sources)?"""
    language, source = pair
    for english, text in read_translations(translation_path(source, language)).items():
        where = f"{source.name}: {english.splitlines()[0][:50]!r}"
        assert _headings(text) == _headings(english), where
        for pattern in (URL, YEAR, AUTHORS):
            missing = {found for found in pattern.findall(english) if found not in text}
            assert not missing, f"{where} drops {sorted(missing)}"


def _strict_terms(language: str) -> list[dict]:
    path = seeds_dir() / "translations" / language / "terms.yaml"
    if not path.is_file():
        return []
    terms = yaml.safe_load(path.read_text(encoding="utf-8"))["terms"]
    return [term for term in terms if term.get("check") == "strict"]


@pytest.mark.parametrize("pair", PAIRS, ids=_ids)
def test_translations_use_the_term_list(pair):
    """Where an English cell uses a term the term list holds strictly (promotion, system
    design, evidence…), does the translation use that term's one translation?"""
    language, source = pair
    terms = _strict_terms(language)
    if not terms:
        pytest.skip(f"no term list for {language} yet (seeds/translations/{language}/terms.yaml)")
    entries = yaml.safe_load(translation_path(source, language).read_text(encoding="utf-8"))
    for entry in entries["cells"]:
        unlike = entry.get("unlike_terms", {})  # a word used in another sense, with the reason
        for term in terms:
            word = re.compile(rf"\b{re.escape(term['en'])}(?:e?s)?\b", re.IGNORECASE)
            found = word.search(entry["en"])
            if found and term["en"] not in unlike:
                where = f"{source.name}: {entry['en'].splitlines()[0][:40]!r}"
                assert term["zh"] in entry["text"], f"{where}: {term['en']!r} is {term['zh']}"


def test_a_missing_translation_stops_refresh_before_anything_runs(tmp_path):
    """Does refresh refuse a workbook whose markdown cell has no translation, naming the cell,
    and without executing or writing anything?"""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_markdown_cell("A second paragraph"),
    ]
    _write(tmp_path / "01_x.ipynb", notebook)
    before = (tmp_path / "01_x.ipynb").read_bytes()
    folder = tmp_path / "translations" / "xx"
    folder.mkdir(parents=True)
    (folder / "01_x.yaml").write_text("cells:\n- en: '# Title'\n  text: '# Titel'\n")
    with pytest.raises(TranslationError, match=r"cell 2 'A second paragraph'"):
        refresh(folder=tmp_path)
    assert (tmp_path / "01_x.ipynb").read_bytes() == before
    assert not (tmp_path / "xx").exists()


def test_an_empty_translation_is_refused(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("cells:\n- en: '# Title'\n  text: ''\n")
    with pytest.raises(TranslationError, match="'# Title'"):
        read_translations(path)


# -- the engineer's copy, in their language ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_engineers_copy_is_made_in_their_language(tmp_path, language):
    workspace = tmp_path / "workbooks"
    updates = sync_workspace(workbooks_dir(), workspace, language)
    assert {(u.action, u.language) for u in updates} == {("created", language)}
    for source in SOURCES:
        copy = nbformat.read(workspace / source.name, as_version=4)
        template = nbformat.read(workbooks_dir() / language / source.name, as_version=4)
        assert _sources(copy) == _sources(template)
        assert copy.metadata[NOTEBOOK_KEY]["language"] == language
        assert not [c for c in copy.cells if c.cell_type == "code" and c.outputs]
    assert {u.action for u in sync_workspace(workbooks_dir(), workspace, language)} == {"unchanged"}


def test_a_language_with_no_translation_gets_the_english(tmp_path):
    workspace = tmp_path / "workbooks"
    sync_workspace(workbooks_dir(), workspace, "tlh")  # no workbooks/tlh/
    copy = nbformat.read(workspace / SOURCES[0].name, as_version=4)
    assert _sources(copy) == _sources(nbformat.read(SOURCES[0], as_version=4))
    assert "language" not in copy.metadata[NOTEBOOK_KEY]


def test_switching_replaces_untouched_cells_and_keeps_the_engineers(tmp_path):
    """Switching to another language: prose the engineer never touched comes in the new
    language; a cell they edited, a cell they added and a code cell's outputs stay as they were."""
    language, name = LANGUAGES[0], "02_competency_radar.ipynb"
    workspace = tmp_path / "workbooks"
    sync_workspace(workbooks_dir(), workspace)
    copy = nbformat.read(workspace / name, as_version=4)
    markdown = [i for i, c in enumerate(copy.cells) if c.cell_type == "markdown"]
    edited, untouched = markdown[1], markdown[2]
    copy.cells[edited].source = "## My ratings, my notes"
    call = next(c for c in copy.cells if c.cell_type == "code" and "(" in "".join(c.source))
    call.outputs = [nbformat.v4.new_output("stream", name="stdout", text="my run\n")]
    copy.cells.append(nbformat.v4.new_markdown_cell("A note of my own"))
    _write(workspace / name, copy)

    updates = {u.name: u for u in sync_workspace(workbooks_dir(), workspace, language)}
    assert updates[name].action == "switched" and updates[name].kept_edits == [
        "## My ratings, my notes"
    ]
    assert "Cells you had edited stay as you wrote them" in updates[name].sentence()
    switched = nbformat.read(workspace / name, as_version=4)
    template = nbformat.read(workbooks_dir() / language / name, as_version=4)
    sources = _sources(switched)
    assert "".join(template.cells[untouched].source) in sources
    assert "".join(copy.cells[untouched].source) not in sources  # the English prose is gone
    assert "## My ratings, my notes" in sources and sources[-1] == "A note of my own"
    kept_call = next(c for c in switched.cells if "".join(c.source) == "".join(call.source))
    assert kept_call.outputs[0].text == "my run\n"
    assert switched.metadata[NOTEBOOK_KEY]["language"] == language

    back = {u.name: u for u in sync_workspace(workbooks_dir(), workspace)}
    assert back[name].action == "switched" and back[name].kept_edits == []
    english = _sources(nbformat.read(workspace / name, as_version=4))
    assert "".join(copy.cells[untouched].source) in english
    assert "## My ratings, my notes" in english and english[-1] == "A note of my own"


def test_stepup_lab_copies_in_the_language_of_the_environment(tmp_path, monkeypatch, capsys):
    language = LANGUAGES[0]
    monkeypatch.setenv(LANGUAGE_ENV, language)
    notebooks = cli._engineers_workbooks(tmp_path / "journal.sqlite")
    copy = nbformat.read(notebooks / SOURCES[0].name, as_version=4)
    assert copy.metadata[NOTEBOOK_KEY]["language"] == language
    with i18n.use(language):  # said in the language it copies in
        created = Update(SOURCES[0].name, "created").sentence()
    assert created in capsys.readouterr().out and created != f"{SOURCES[0].name}: created"


def test_add_missing_writes_the_entries_to_fill_in_and_keeps_the_rest(tmp_path):
    """Does --add-missing append an empty entry per untranslated cell (a new language gets its
    file), keep every entry already there, and leave refresh refusing until they are filled?"""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_markdown_cell("Two lines:\n- one"),
    ]
    _write(tmp_path / "01_x.ipynb", notebook)
    folder = tmp_path / "translations" / "xx"
    folder.mkdir(parents=True)
    (folder / "01_x.yaml").write_text("# kept\ncells:\n- en: '# Title'\n  text: '# Titel'\n")
    assert add_missing("xx", tmp_path) == {"01_x.ipynb": 1}
    text = (folder / "01_x.yaml").read_text(encoding="utf-8")
    assert text.startswith("# kept\ncells:\n- en: '# Title'\n  text: '# Titel'\n")
    with pytest.raises(TranslationError, match=r"entry 2 \('Two lines:'\) is empty"):
        read_translations(folder / "01_x.yaml")
    (folder / "01_x.yaml").write_text(text.replace("text: ''", "text: 'Zwei Zeilen'"))
    assert _sources(translate(tmp_path / "01_x.ipynb", "xx")) == ["# Titel", "Zwei Zeilen"]
    assert add_missing("xx", tmp_path) == {}
    assert add_missing("yy", tmp_path) == {"01_x.ipynb": 2}
    fresh = yaml.safe_load((tmp_path / "translations" / "yy" / "01_x.yaml").read_text())
    assert [entry["en"] for entry in fresh["cells"]] == ["# Title", "Two lines:\n- one"]


@pytest.mark.parametrize("language", ["../zh-Hans", "/tmp", "zh-Hans/..", ""])
def test_a_language_is_never_a_path(tmp_path, language):
    """Does a language that is not a language id (from the environment, say) fall back to the
    English templates instead of reading a folder it names?"""
    copied = sync_workspace(workbooks_dir() / "zh-Hans", tmp_path / "workbooks", language)
    assert {u.language for u in copied} == {None}
