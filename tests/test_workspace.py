"""The engineer's own copies of the workbooks: made once, brought up to date when a template
changes, and never losing a cell the engineer added or edited."""

from __future__ import annotations

import os
import stat

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.content.resources import workbooks_dir
from widgets.storage.workspace import merge, new_copy, sync_workspace, workspace_for


def _notebook(*sources: str):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(text)
        if text.startswith("#")
        else nbformat.v4.new_code_cell(text)
        for text in sources
    ]
    for cell in notebook.cells:
        cell.pop("id", None)  # as the committed templates are: nbformat 4.4, no ids
    notebook.nbformat_minor = 4
    return notebook


def _sources(notebook) -> list[str]:
    return ["".join(cell.source) for cell in notebook.cells]


def _write(path, notebook) -> None:
    path.write_text(nbformat.writes(notebook), encoding="utf-8")


def test_copies_carry_no_outputs_and_are_private(tmp_path):
    """The repository's templates carry the demo persona's outputs; the engineer's copies do not."""
    workspace = tmp_path / "workbooks"
    updates = sync_workspace(workbooks_dir(), workspace)
    names = sorted(p.name for p in workbooks_dir().glob("*.ipynb"))
    assert [u.name for u in updates] == names and {u.action for u in updates} == {"created"}
    assert stat.S_IMODE(os.stat(workspace).st_mode) == 0o700
    for name in names:
        assert stat.S_IMODE(os.stat(workspace / name).st_mode) == 0o600
        copy = nbformat.read(workspace / name, as_version=4)
        nbformat.validate(copy)
        assert copy.nbformat_minor >= 5 and all(cell.get("id") for cell in copy.cells)
        assert not [c for c in copy.cells if c.cell_type == "code" and c.outputs]
        template = nbformat.read(workbooks_dir() / name, as_version=4)
        assert _sources(copy) == _sources(template)
    assert {u.action for u in sync_workspace(workbooks_dir(), workspace)} == {"unchanged"}


def test_an_unchanged_template_leaves_the_copy_byte_for_byte(tmp_path):
    templates, workspace = tmp_path / "templates", tmp_path / "workbooks"
    templates.mkdir()
    _write(templates / "01.ipynb", _notebook("# Intro", "call()"))
    sync_workspace(templates, workspace)
    copy = nbformat.read(workspace / "01.ipynb", as_version=4)
    copy.cells.append(nbformat.v4.new_code_cell("my own note"))
    _write(workspace / "01.ipynb", copy)
    before = (workspace / "01.ipynb").read_bytes()
    assert [u.action for u in sync_workspace(templates, workspace)] == ["unchanged"]
    assert (workspace / "01.ipynb").read_bytes() == before


def test_a_changed_template_reaches_the_copy_and_the_engineers_cells_stay(tmp_path):
    templates, workspace = tmp_path / "templates", tmp_path / "workbooks"
    templates.mkdir()
    _write(templates / "01.ipynb", _notebook("# Intro", "old_call()", "# Outro", "chart()"))
    sync_workspace(templates, workspace)
    copy = nbformat.read(workspace / "01.ipynb", as_version=4)
    copy.cells.insert(2, nbformat.v4.new_markdown_cell("my note after the call"))
    copy.cells[3].source = "# Outro, as I rewrote it"  # edited; the template changes it too
    _write(workspace / "01.ipynb", copy)
    _write(templates / "01.ipynb", _notebook("# Intro", "new_call()", "# New outro", "chart()"))
    [update] = sync_workspace(templates, workspace)
    merged = nbformat.read(workspace / "01.ipynb", as_version=4)
    assert update.action == "updated" and update.kept_edits == ["# Outro, as I rewrote it"]
    assert "yours are kept ('# Outro, as I rewrote it')" in update.sentence()
    assert _sources(merged) == [
        "# Intro",
        "new_call()",  # untouched by the engineer: the template's new version
        "my note after the call",  # after the cell that took the place of the one it followed
        "# New outro",
        "# Outro, as I rewrote it",  # edited: kept, right after the new version
        "chart()",
    ]
    assert [u.action for u in sync_workspace(templates, workspace)] == ["unchanged"]


def test_a_deleted_copy_comes_back(tmp_path):
    templates, workspace = tmp_path / "templates", tmp_path / "workbooks"
    templates.mkdir()
    _write(templates / "01.ipynb", _notebook("# Intro"))
    sync_workspace(templates, workspace)
    (workspace / "01.ipynb").unlink()
    (workspace / "mine.ipynb").write_text("not a template", encoding="utf-8")
    assert [u.action for u in sync_workspace(templates, workspace)] == ["created"]
    assert (workspace / "01.ipynb").exists()
    assert (workspace / "mine.ipynb").read_text(encoding="utf-8") == "not a template"


def test_the_workspace_lives_beside_the_journal(tmp_path):
    assert workspace_for(tmp_path / "journal.sqlite") == tmp_path.resolve() / "workbooks"


# -- property: whatever the template and the engineer change, nothing of the engineer's is lost --

LINES = st.text(alphabet="abcd", min_size=1, max_size=2).map(lambda s: f"x_{s}()")


@st.composite
def histories(draw):
    """A template; the engineer's copy of it (cells edited, added, deleted); the next template."""
    old = draw(st.lists(LINES, min_size=1, max_size=8))
    plan = []  # ("template", index, edited text or None) or ("own", text)
    for index in range(len(old)):
        if draw(st.integers(0, 9)):  # one in ten template cells deleted by the engineer
            edit = draw(st.none() | st.integers(0, 999).map(lambda n: f"mine {n}"))
            plan.append(("template", index, edit))
        if draw(st.booleans()):
            plan.append(("own", f"own {len(plan)}"))
    new = draw(st.lists(st.sampled_from(old) | LINES, min_size=1, max_size=8))
    return old, plan, new


def _engineers_copy(old, plan):
    copy = new_copy(_notebook(*old), "t.ipynb")
    cells = []
    for step in plan:
        if step[0] == "own":
            cells.append(nbformat.v4.new_code_cell(step[1]))
        else:
            cell = copy.cells[step[1]]
            if step[2] is not None:
                cell.source = step[2]
            cells.append(cell)
    copy.cells = cells
    return copy


def _is_subsequence(part: list, whole: list) -> bool:
    remaining = iter(whole)
    return all(item in remaining for item in part)


@settings(max_examples=400, deadline=None)
@given(histories())
def test_merging_keeps_every_cell_of_the_engineers_and_every_cell_of_the_template(history):
    old, plan, new = history
    merged, kept = merge(_engineers_copy(old, plan), _notebook(*new))
    nbformat.validate(merged)
    sources = _sources(merged)
    own = [step[1] for step in plan if step[0] == "own"]
    edits = [step[2] for step in plan if step[0] == "template" and step[2] is not None]
    assert [s for s in sources if s.startswith("own ")] == own  # every one, in its order
    assert sorted(s for s in sources if s.startswith("mine ")) == sorted(edits)
    assert len(kept) <= len(edits)
    # Each cell of the new template is there: as itself, in order, or as the engineer's edit
    # of it (an edit the template changed or dropped is an extra cell, reported in `kept`).
    from_template = [s for s in sources if not s.startswith(("own ", "mine "))]
    assert _is_subsequence(from_template, new)
    assert len(from_template) + len(edits) - len(kept) == len(new)
    if not edits:
        assert from_template == new
    # Merging again changes nothing, and reports nothing: a kept edit is the engineer's own now.
    again, kept_again = merge(merged, _notebook(*new))
    assert _sources(again) == sources and kept_again == []


@pytest.mark.parametrize("name", sorted(p.name for p in workbooks_dir().glob("*.ipynb")))
def test_each_real_workbook_merges_onto_its_own_copy_unchanged(name):
    template = nbformat.read(workbooks_dir() / name, as_version=4)
    merged, kept = merge(new_copy(template, name), template)
    assert _sources(merged) == _sources(template) and kept == []
