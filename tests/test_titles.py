"""A workbook's title is written once (widgets/content/workbooks.py); the copies that cannot
import it (the coach's list of pages, each workbook's heading, README's table) must agree."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from widgets.content.resources import workbooks_dir
from widgets.content.workbooks import COACH_VIEW, TITLES, WORKBOOKS
from widgets.readers import progress

ROOT = Path(__file__).resolve().parent.parent
TREE = ROOT / "widgets" / "jupyter_data" / "voila" / "templates" / "stepup" / "tree.html"


def test_every_workbook_shipped_has_a_title_and_every_title_a_workbook():
    assert sorted(TITLES) == sorted(path.name for path in workbooks_dir().glob("*.ipynb"))


@pytest.mark.parametrize("file", sorted(TITLES))
def test_each_workbook_opens_with_its_title_as_its_only_top_heading(file):
    notebook = nbformat.read(workbooks_dir() / file, as_version=4)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    headings = [line for text in markdown for line in text.splitlines() if line.startswith("# ")]
    assert markdown[0].splitlines()[0] == f"# {TITLES[file]}"
    assert headings == [f"# {TITLES[file]}"]


def test_the_coachs_list_of_pages_shows_the_same_titles():
    block = re.search(r"set titles = \{(.*?)\}", TREE.read_text(encoding="utf-8"), re.DOTALL)
    assert block, "tree.html no longer sets its titles"
    listed = dict(re.findall(r'"([^"]+\.ipynb)": "([^"]+)"', block.group(1)))
    assert listed == TITLES


def test_the_progress_table_shows_the_same_titles_in_the_same_order():
    assert [(wb.file, wb.title) for wb in progress.WORKBOOKS] == [
        (wb.file, wb.title) for wb in WORKBOOKS
    ]


def test_readmes_table_lists_the_workbooks_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The workbooks", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert rows == [Path(wb.file).stem for wb in (*WORKBOOKS, COACH_VIEW)]
