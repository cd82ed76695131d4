"""The workbook templates stay thin, clean and committed with outputs for nbval to compare."""

from __future__ import annotations

import ast
import json

import pytest

from widgets.content.resources import workbooks_dir
from widgets.notebooks import KERNELSPEC, strip_outputs_hook
from widgets.storage import current

from .helpers import WORKBOOKS as NUMBERED

WORKBOOKS = sorted(workbooks_dir().glob("*.ipynb"))


def code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_there_are_workbooks():
    """The one place the workbooks are named: the other tests take them from the folder, so this
    is what notices one missing."""
    assert NUMBERED == [
        "00_start_here.ipynb",
        "01_limiting_beliefs.ipynb",
        "02_competency_radar.ipynb",
        "03_project_deep_dives.ipynb",
        "04_design_practice.ipynb",
        "05_growth_plan.ipynb",
    ]
    assert [p.name for p in WORKBOOKS] == [*NUMBERED, "coach_view.ipynb"]


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_cells_are_one_call_into_widgets(path):
    """Is every code cell an import from widgets or one short call, with no SQL or sys.path?"""
    for cell in code_cells(path):
        source = "".join(cell["source"])
        tree = ast.parse(source)
        assert len(tree.body) == 1, source
        node = tree.body[0]
        if isinstance(node, ast.ImportFrom):
            assert node.module == "widgets", source
        else:
            assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), source
        assert "sys.path" not in source and "sqlite" not in source


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_committed_with_clean_outputs(path):
    """Does every call cell carry its demo output, with a fixed kernelspec and no widget state?"""
    notebook = json.loads(path.read_text())
    assert notebook["metadata"]["kernelspec"] == KERNELSPEC
    assert "widgets" not in notebook["metadata"]
    for cell in code_cells(path):
        assert "execution" not in cell.get("metadata", {})
        if not "".join(cell["source"]).startswith("from "):
            assert cell["outputs"], cell["source"]
            assert all(o.get("output_type") != "error" for o in cell["outputs"])


def test_lab_saves_notebooks_without_the_engineers_outputs():
    """Does the pre-save hook of `stepup lab` drop outputs and widget state?"""
    notebook = json.loads(WORKBOOKS[0].read_text())
    notebook["metadata"]["widgets"] = {"state": {}}
    model = {"type": "notebook", "content": notebook}
    strip_outputs_hook(model=model, path="x.ipynb", contents_manager=None)
    assert all(not c["outputs"] for c in model["content"]["cells"] if c["cell_type"] == "code")
    assert "widgets" not in model["content"]["metadata"]


def test_default_journal_lives_outside_the_repository(monkeypatch):
    monkeypatch.delenv(current.JOURNAL_ENV, raising=False)
    path = current.journal_path()
    assert workbooks_dir().parent not in path.parents
    assert path.name == "journal.sqlite"
