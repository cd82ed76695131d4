"""The seed translation checks can fail (issue 32): overlays planted in ``tmp_path`` that break
each rule of :mod:`tests.test_seed_translations`, and one that keeps them all."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.test_seed_translations import (
    MATCH,
    TERMS,
    TEXT,
    coverage,
    overlays,
    problems,
    term_misses,
    translated,
)

SEED = """\
schema_version: 1
threshold: 80
note: Hello {name}.
items:
  - id: one
    title: The first
    family: burns
    lines: [a line, another line]
    sources: ["https://example.org"]
  - id: two
    title: The second
    lines: [more]
    same_as: [second, two]
    sources: ["x"]
parts:
  - words: a word
  - words: another word
"""


def _plant(tmp_path: Path, overlays_by_name: dict[str, str], terms_text: str = "") -> dict:
    seeds = tmp_path / "seeds"
    (seeds / "translations" / "xx").mkdir(parents=True)
    (seeds / "demo.yaml").write_text(SEED)
    for name, text in overlays_by_name.items():
        (seeds / "translations" / "xx" / name).write_text(text)
    (seeds / "translations" / "xx" / TERMS).write_text(terms_text or "terms: []\n")
    return {"seeds": seeds, "translations": seeds / "translations"}


@pytest.fixture
def demo_table(monkeypatch):
    monkeypatch.setitem(
        TEXT,
        "demo",
        frozenset({"note", "items[].title", "items[].lines", "items[].subtitle", "parts[].words"}),
    )
    monkeypatch.setitem(MATCH, "demo", frozenset({"items[].same_as"}))


GOOD = """\
note: 你好，{name}。
items:
  - id: two
    title: 第二
    lines: [更多]
  - id: one
    title: 第一
    lines: [一行, 另一行]
parts:
  - words: 一个词
  - words: 另一个词
"""


def test_a_fitting_overlay_passes_and_covers_everything(tmp_path, demo_table):
    folders = _plant(tmp_path, {"demo.yaml": GOOD})
    assert problems("demo", yaml.safe_load(SEED), yaml.safe_load(GOOD)) == []
    assert coverage("xx", "demo", **folders) == (7, 7, [])
    assert [(stem, p.name) for _, stem, p in overlays(folders["translations"])] == [
        ("demo", "demo.yaml")
    ]


@pytest.mark.parametrize(
    "overlay, says",
    [
        ("notes: 你好\n", "notes: the seed has no such key"),
        ("items:\n  - id: three\n    title: 三\n", "id 'three' is not an item of the seed"),
        ("items:\n  - title: 无 id\n", "id None is not an item of the seed"),
        ("items:\n  - id: one\n    sources: [一]\n", "items[one].sources: never in an overlay"),
        ("schema_version: 1\n", "schema_version: never in an overlay"),
        ("threshold: 90\n", "threshold: int in an overlay"),
        ("items:\n  - id: one\n    family: 伯恩斯\n", "items[one].family: not a text field"),
        ("note: 你好。\n", "note: placeholders [], the seed's ['name']"),
        (
            "items:\n  - id: one\n    lines: 一行\n",
            "items[one].lines: text where the seed has list",
        ),
        ("parts:\n  - words: 一\n  - words: 二\n  - words: 三\n", "parts[2]: the seed has 2 items"),
        ("parts:\n  - id: first\n    words: 一\n", "parts[0].id: never in an overlay"),
        ("items:\n  - id: one\n  - id: one\n", "items[one]: given twice"),
        ("items:\n  - id: two\n    same_as: [第二]\n", "lost ['second', 'two']"),
        ("items:\n  - id: one\n    sub: 副\n", "items[one].sub: the seed has no such key"),
    ],
)
def test_a_misfit_overlay_is_named(overlay, says, demo_table):
    found = problems("demo", yaml.safe_load(SEED), yaml.safe_load(overlay))
    assert any(says in problem for problem in found), found


def test_words_may_be_added_to_a_match_list_and_an_optional_text_given(tmp_path, demo_table):
    overlay = GOOD.replace(
        "    lines: [更多]\n", "    lines: [更多]\n    same_as: [second, two, 第二]\n"
    )
    overlay = overlay.replace("    title: 第一\n", "    title: 第一\n    subtitle: 副\n")
    assert problems("demo", yaml.safe_load(SEED), yaml.safe_load(overlay)) == []
    folders = _plant(tmp_path, {"demo.yaml": overlay})
    assert coverage("xx", "demo", **folders) == (7, 7, [])  # matched words are not counted
    assert translated("xx", "demo", **folders)[1] == []


def test_a_missing_text_lowers_coverage(tmp_path, demo_table):
    partial = "note: 你好，{name}。\nitems:\n  - id: one\n    title: 第一\n    lines: ['']\n"
    folders = _plant(tmp_path, {"demo.yaml": partial})
    done, total, missing = coverage("xx", "demo", **folders)
    assert (done, total) == (2, 7)
    assert missing == [
        "items[one].lines",
        "items[two].title",
        "items[two].lines",
        "parts[0].words",
        "parts[1].words",
    ]


def test_parts_add_up_and_may_not_give_one_text_twice(tmp_path, demo_table):
    first, second = "note: 你好，{name}。\n", GOOD.replace("note: 你好，{name}。\n", "")
    folders = _plant(tmp_path, {"demo.yaml": first, "demo.rest.yaml": second})
    assert coverage("xx", "demo", **folders)[:2] == (7, 7)
    assert translated("xx", "demo", **folders)[1] == []
    folders = _plant(tmp_path / "again", {"demo.yaml": GOOD, "demo.rest.yaml": first})
    assert translated("xx", "demo", **folders)[1] == ["note"]


def test_a_term_used_in_other_words_is_found(tmp_path, demo_table):
    listed = (
        "terms:\n  - en: line\n    xx: 行\n    check: strict\n"
        "  - en: another line\n    xx: 另一行\n"
    )
    folders = _plant(
        tmp_path, {"demo.yaml": GOOD.replace("[一行, 另一行]", "[一条, 别的]")}, listed
    )
    misses = term_misses("xx", "demo", **folders)
    # "another" holds a use of the longer term only: the shorter one is not counted twice.
    assert ("strict", "items[one].lines", "line", "行") in misses
    assert ("report", "items[one].lines", "another line", "另一行") in misses
    assert term_misses("xx", "demo", **_plant(tmp_path / "good", {"demo.yaml": GOOD}, listed)) == []
