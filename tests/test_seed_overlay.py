"""A seed read in another language: its overlay's texts merged into the seed before validation
(mappings by key, items by id or position, lists of strings replaced), anything else refused by
path, a missing text left in English, and a pseudo-locale's texts accented on the fly."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from widgets import i18n, i18n_pseudo
from widgets.content import seeds
from widgets.content.loading import ContentError, SeedText, _Seed, load_yaml_model, overlay_files
from widgets.content.seeds import levels


@pytest.fixture
def folder(tmp_path) -> Path:
    """A seeds folder of its own, with a small levels file in English."""
    real = (seeds.seeds_dir() / "levels.yaml").read_text(encoding="utf-8")
    (tmp_path / "levels.yaml").write_text(real, encoding="utf-8")
    return tmp_path


def _overlay(folder: Path, name: str, text: str, language: str = "zh-Hans") -> Path:
    path = folder / "translations" / language / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _read(function, folder: Path, language: str):
    function.cache_clear()
    with i18n.use(language):
        return function(folder)


def test_items_merge_by_id_and_a_missing_text_stays_english(folder):
    english = _read(levels, folder, "en")
    first, second = english.levels[0], english.levels[1]
    _overlay(
        folder,
        "levels.yaml",
        f"""\
        levels:
          - id: {second.id}
            name: 第二级
        """,
    )
    chinese = _read(levels, folder, "zh-Hans")
    assert chinese.levels[1].name == "第二级"
    assert chinese.levels[1].id == second.id  # ids never change
    assert chinese.levels[0].name == first.name  # not in the overlay: English
    assert chinese.levels[1].summary == second.summary
    # The English one is still cached as it was: per language.
    assert _read(levels, folder, "en").levels[1].name == second.name


class _Step(_Seed):
    say: SeedText
    result: float


class _Drill(_Seed):
    schema_version: int
    title: SeedText
    steps: list[_Step]
    phrases: list[SeedText]


def test_items_without_ids_merge_by_position_and_string_lists_are_replaced(tmp_path):
    seed = tmp_path / "drill.yaml"
    seed.write_text(
        "schema_version: 1\ntitle: Storage a year\n"
        "steps:\n  - {say: Events a day, result: 3e7}\n  - {say: Bytes a day, result: 1.5e10}\n"
        "phrases: [First, Second, Third]\n",
        encoding="utf-8",
    )
    _overlay(
        tmp_path, "drill.yaml", "steps:\n  - {}\n  - {say: 每天的字节数}\nphrases: [第一, 第二]\n"
    )
    with i18n.use("zh-Hans"):
        chinese = load_yaml_model(seed, _Drill)
    assert [step.say for step in chinese.steps] == ["Events a day", "每天的字节数"]
    assert [step.result for step in chinese.steps] == [3e7, 1.5e10]  # numbers are never overlaid
    assert chinese.phrases == ["第一", "第二"]  # replaced whole, not merged
    assert chinese.title == "Storage a year"
    with i18n.use("en"):
        assert load_yaml_model(seed, _Drill).phrases == ["First", "Second", "Third"]


def test_a_number_or_a_third_step_in_an_overlay_is_refused(tmp_path):
    seed = tmp_path / "drill.yaml"
    seed.write_text(
        "schema_version: 1\ntitle: T\nsteps:\n  - {say: A, result: 1}\nphrases: [P]\n",
        encoding="utf-8",
    )
    path = _overlay(tmp_path, "drill.yaml", "steps:\n  - {result: 2}\n")
    with i18n.use("zh-Hans"), pytest.raises(ContentError) as refused:
        load_yaml_model(seed, _Drill)
    assert str(refused.value).startswith(f"{path}: steps[0].result is a int here")
    path.write_text("steps:\n  - {say: 甲}\n  - {say: 乙}\n", encoding="utf-8")
    with i18n.use("zh-Hans"), pytest.raises(ContentError) as refused:
        load_yaml_model(seed, _Drill)
    assert str(refused.value) == f"{path}: steps[1] has no id to match in the seed."


def test_an_overlay_key_the_seed_has_not_is_refused_with_its_path(folder):
    english = _read(levels, folder, "en")
    path = _overlay(
        folder,
        "levels.yaml",
        f"""\
        levels:
          - id: {english.levels[0].id}
            nmae: 打错了
        """,
    )
    with pytest.raises(ContentError) as refused:
        _read(levels, folder, "zh-Hans")
    assert (
        str(refused.value) == f"{path}: levels[id={english.levels[0].id}].nmae is not in the seed."
    )


def test_an_id_the_seed_has_not_is_refused(folder):
    path = _overlay(folder, "levels.yaml", "levels:\n  - id: wizard\n    name: 巫师\n")
    with pytest.raises(ContentError, match=r"levels\[id=wizard\] is not in the seed"):
        _read(levels, folder, "zh-Hans")
    assert path.is_file()


def test_what_is_not_text_is_refused(folder):
    first = _read(levels, folder, "en").levels[0].id
    path = _overlay(folder, "levels.yaml", f"levels:\n  - id: {first}\n    sources: [x]\n")
    with pytest.raises(ContentError) as refused:
        _read(levels, folder, "zh-Hans")
    assert str(refused.value) == f"{path}: levels[id={first}].sources is not a text to translate."


def test_parts_are_applied_in_name_order(folder):
    english = _read(levels, folder, "en")
    first = english.levels[0].id
    _overlay(folder, "levels.yaml", f"levels:\n  - id: {first}\n    name: 甲\n")
    _overlay(folder, "levels.b.yaml", f"levels:\n  - id: {first}\n    name: 丙\n")
    _overlay(folder, "levels.a.yaml", f"levels:\n  - id: {first}\n    name: 乙\n")
    names = [path.name for path in overlay_files(folder / "levels.yaml", "zh-Hans")]
    assert names == ["levels.yaml", "levels.a.yaml", "levels.b.yaml"]
    assert _read(levels, folder, "zh-Hans").levels[0].name == "丙"


def test_the_pseudo_locale_accents_every_text_but_no_id(folder):
    english = _read(levels, folder, "en")
    pseudo = _read(levels, folder, "en-XA")
    for before, after in zip(english.levels, pseudo.levels, strict=True):
        assert after.id == before.id
        assert after.name != before.name and len(after.name) == len(before.name)
        assert not after.name.isascii() and after.sources == before.sources


def _content_loaders():
    """Every cached loader of widgets.content (each reads one seed, per language)."""
    import importlib
    import pkgutil

    from widgets import content

    for info in pkgutil.iter_modules(content.__path__):
        module = importlib.import_module(f"widgets.content.{info.name}")
        for name, value in vars(module).items():
            cached = hasattr(value, "__wrapped__") and hasattr(value, "cache_clear")
            mine = cached and value.__module__ == module.__name__
            if mine and not name.startswith("_") and name != "load_registry":
                yield value


def test_every_seed_reads_in_the_pseudo_locale_with_its_ids_and_numbers_intact():
    """The pseudo run marks every seed text and breaks no id, number, expression or pattern."""
    loaders = list(_content_loaders())
    assert len(loaders) >= 15
    for loader in loaders:
        with i18n.use("en"):
            english = loader()
        with i18n.use("en-XA"):
            pseudo = loader()
        assert pseudo is not english and repr(pseudo) != repr(english), loader.__name__


def test_a_one_word_text_is_accented_and_a_one_word_reference_is_not():
    """A track labelled "software" or a drill's unit "bytes" is a text a reader sees; a drill's
    variable name or ``same_as`` is an id the seed refers to."""
    raw = {
        "label": "software",
        "unit": "bytes",
        "same_as": ["incident"],
        "steps": [{"name": "bytes_per_day", "calc": "a * b"}],
    }
    pseudo = i18n_pseudo.accent_texts(raw)
    assert pseudo["label"] == i18n_pseudo.accent("software") != "software"
    assert pseudo["unit"] == i18n_pseudo.accent("bytes")
    assert pseudo["same_as"] == ["incident"]
    assert pseudo["steps"] == [{"name": "bytes_per_day", "calc": "a * b"}]
