"""Seeds are validated on load, and a bad file is reported by path and key."""

from __future__ import annotations

import pytest

from widgets import content
from widgets.content import ContentError, LevelsFile, load_yaml_model


def test_shipped_levels_are_valid_and_ordered():
    levels = content.levels()
    assert [level.id for level in levels.levels] == ["junior", "mid", "senior", "staff", "principal"]
    assert levels.rank("senior") > levels.rank("mid")
    assert all(level.sources for level in levels.levels)


@pytest.mark.parametrize("text, phrase", [
    ("schema_version: 1\nlevels:\n  - id: mid\n    name: Mid\n    equivalents: x\n    summary: y\n    sources: [a]\n"
     "  - id: senior\n    name: ''\n    equivalents: x\n    summary: y\n    sources: [a]\n", "levels[1].name"),
    ("schema_version: 1\nlevels:\n  - id: mid\n    name: Mid\n    equivalents: x\n    summary: y\n    sources: [a]\n"
     "  - id: mid\n    name: M\n    equivalents: x\n    summary: y\n    sources: [a]\n", "repeated: mid"),
    ("schema_version: 2\nlevels: []\n", "newer than this Step Up reads"),
    ("levels: [\n", "not readable as YAML"),
    ("- just a list\n", "expected a mapping"),
    ("schema_version: 1\nlevels:\n  - id: Mid Level\n", "levels[0].id"),
])
def test_bad_seed_file_is_reported_by_path_and_key(tmp_path, text, phrase):
    """Does a broken content file name itself and the offending key?"""
    path = tmp_path / "levels.yaml"
    path.write_text(text)
    with pytest.raises(ContentError) as raised:
        load_yaml_model(path, LevelsFile)
    assert str(path) in str(raised.value)
    assert phrase in str(raised.value)
