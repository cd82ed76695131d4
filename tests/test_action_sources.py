"""An action's source is a value (storage/sources.py): made and read there, never built or split
as text elsewhere; journals saved with the text load unchanged. And the forms it touches stay
small enough to read."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from widgets.storage.journal import Journal
from widgets.storage.records import Action
from widgets.storage.sources import KINDS, ActionSource

PACKAGE = Path(__file__).resolve().parent.parent / "widgets"
SOURCE_TEXT = re.compile(rf"^({'|'.join(KINDS)}):[A-Za-z0-9_{{]")


def test_a_source_is_made_and_read_as_a_value():
    gap = ActionSource.of("gap", "software", "system_design")
    assert gap == "gap:software.system_design"  # the text every journal already holds
    assert (gap.kind, gap.ref, gap.about_a_belief) == ("gap", "software.system_design", False)
    belief = ActionSource.belief("abc123")
    assert (belief.kind, belief.ref, belief.about_a_belief) == ("belief", "abc123", True)
    assert ActionSource.parse("own").kind == "own" and ActionSource.parse("own").ref == ""
    assert ActionSource.parse(str(gap)) == gap
    for bad in ("", "gapp:x", "gap:", "gap:has space", "belief:" + "x" * 141):
        with pytest.raises(ValueError):
            ActionSource.parse(bad)
    with pytest.raises(ValidationError):
        Action(what="x", source="wish:1", created_on=dt.date(2026, 1, 1))


def test_a_journal_saved_with_source_text_loads_and_saves_it_unchanged(journal_path):
    with Journal(journal_path) as journal:
        entry = journal.save(
            Action.model_validate(
                {"what": "Reread", "source": "belief:e1", "created_on": "2026-09-01"}
            )
        )
        assert entry.data["source"] == "belief:e1"
    with Journal(journal_path, readonly=True) as journal:
        action = journal.record(Action.kind, entry.id)
        assert isinstance(action.source, ActionSource) and action.source.kind == "belief"
        assert action.model_dump(mode="json")["source"] == "belief:e1"
    assert Action.model_construct().source.kind == "own"  # a new action's default is a value too


def _source_texts_and_splits(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SOURCE_TEXT.match(node.value):
                found.append(f"{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.JoinedStr) and node.values:
            head = node.values[0]
            text = head.value if isinstance(head, ast.Constant) else ""
            if re.fullmatch(rf"({'|'.join(KINDS)}):", str(text)):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            first = node.args[0] if node.args else None
            text = first.value if isinstance(first, ast.Constant) else None
            splits = node.func.attr in ("split", "partition") and text == ":"
            starts = node.func.attr == "startswith" and str(text).startswith(KINDS)
            if (splits or starts) and "source" in ast.unparse(node.func.value):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_finds_source_text_built_or_split():
    code = (
        'f"belief:{entry_id}"\n'
        'a.source.split(":", 1)[0]\n'
        'p.source.startswith("gap")\n'
        'entry.data.get("source", "").split(":", 1)\n'
        "source.split()\n"  # words of a citation, not an action's source
        '"gap:software.x"\n'
        '"design: the phrases"\n'  # prose, not a source
    )
    assert len(_source_texts_and_splits(code)) == 5


def test_no_module_but_sources_builds_or_splits_a_source():
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name != "storage/sources.py" and (
            hits := _source_texts_and_splits(path.read_text(encoding="utf-8"))
        ):
            found[name] = hits
    assert found == {}


def _longest_functions(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name: node.end_lineno - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


@pytest.mark.parametrize("module", ["thought_record.py", "plan.py", "rehearsal.py"])
def test_no_function_of_these_forms_is_over_80_lines(module):
    sizes = _longest_functions(PACKAGE / "forms" / module)
    assert {name: n for name, n in sizes.items() if n > 80} == {}
    if module == "thought_record.py":
        assert sizes["__init__"] < 80
