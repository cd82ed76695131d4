"""Every source a seed cites is titled in seeds/reading_titles.yaml, and every title there is for
something a seed cites (issue 31, "Sources").

A source is any entry of a ``sources:`` list anywhere in a seed file (all YAML files in
``seeds/``, nested items included), whether or not a workbook shows it: an address, a repository
file or a citation of a book or paper. An address or a repository file is titled by its address;
a citation without one by the work it begins with (``work:``), which also says what kind of work
it is. tests/test_reading.py checks the part of this the reading lists show.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from widgets.content import seeds
from widgets.content.resources import seeds_dir
from widgets.content.seeds import ReadingTitle
from widgets.readers.reading import reading, titled


def cited(folder: Path) -> dict[str, list[str]]:
    """Every source cited in the seed files of ``folder`` → the files citing it."""
    found: dict[str, list[str]] = {}

    def walk(node, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources":
                    for source in value if isinstance(value, list) else [value]:
                        found.setdefault(" ".join(str(source).split()), []).append(where)
                else:
                    walk(value, where)
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    for path in sorted(folder.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    return found


def check(sources: dict[str, list[str]], entries) -> list[str]:
    """What is wrong: a source no entry titles, and an entry no source cites."""
    used, problems = set(), []
    for source, files in sources.items():
        entry = titled(source, entries)
        if entry is None:
            problems.append(f"untitled ({', '.join(sorted(set(files)))}): {source}")
        else:
            used.add(id(entry))
    problems += [
        f"titled but cited by no seed: {entry.url or entry.work}"
        for entry in entries
        if id(entry) not in used
    ]
    return problems


def test_every_cited_source_has_a_title_and_every_title_is_cited():
    problems = check(cited(seeds_dir()), seeds.reading_works())
    assert problems == [], "\n".join(problems)


def test_the_check_fails_on_an_untitled_source_and_an_unused_title(tmp_path):
    """Plant a seed citing one titled work and one untitled paper, and a title nobody cites."""
    (tmp_path / "planted.yaml").write_text(
        "items:\n"
        "  - id: a\n"
        "    nested:\n"
        "      - sources:\n"
        "          - 'Martin Kleppmann, Designing Data-Intensive Applications (2017), ch. 5'\n"
        "          - 'A. Nobody, An untitled paper, Journal of Nothing 1 (2000): 1-2'\n"
        "          - https://example.org/titled\n",
        encoding="utf-8",
    )
    entries = (
        ReadingTitle(
            work="Martin Kleppmann, Designing Data-Intensive Applications (2017)",
            kind="book",
            title="Martin Kleppmann, Designing Data-Intensive Applications (2017)",
        ),
        ReadingTitle(url="https://example.org/titled", title="A titled page"),
        ReadingTitle(url="https://example.org/unused", title="A title no seed cites"),
    )
    assert check(cited(tmp_path), entries) == [
        "untitled (planted.yaml): A. Nobody, An untitled paper, Journal of Nothing 1 (2000): 1-2",
        "titled but cited by no seed: https://example.org/unused",
    ]
    assert check(cited(tmp_path), entries[:2]) == [
        "untitled (planted.yaml): A. Nobody, An untitled paper, Journal of Nothing 1 (2000): 1-2"
    ]


def test_a_titled_work_reads_as_its_kind_and_title_with_the_citations_chapter():
    """The file's kind wins over the guess from the citation's words: a conference paper without
    a journal's volume reads as a paper, a datasheet as what the file says it is."""
    for entry in seeds.reading_works():
        if entry.work:
            found = reading(entry.work + ", ch. 9")
            assert (found.kind, found.title) == (entry.kind, entry.title + ", ch. 9")
        elif entry.kind:
            assert reading(entry.url).kind == entry.kind, entry.url


def test_a_work_needs_a_kind_and_an_entry_one_of_address_or_work():
    import pytest
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="kind"):
        ReadingTitle(work="Someone, A book (2000)", title="A book")
    with pytest.raises(ValidationError, match="one of them"):
        ReadingTitle(url="https://example.org", work="Someone, A book (2000)", title="x")
