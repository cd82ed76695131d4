"""What the coach's Voilà pages keep of a workbook: cells tagged ``engineer-only`` (how to fill
the forms in, what saves when, the export button) are left out by the Voilà template, so every
such instruction must sit in a tagged cell."""

from __future__ import annotations

import nbformat
import pytest

from widgets.content.resources import workbooks_dir

# Words that speak to the person filling the workbook in, and make no sense on a read-only page.
INSTRUCTIONS = (
    "saves as you go",
    "save when you leave the box",
    "as a draft as you go",
    "re-run this cell",
    "move the slider",
    "Press **",
    "Set a timer",
    "Pick a belief",
    "Add the two or three projects",
    "**Export",
)
WORKBOOKS = sorted(path.name for path in workbooks_dir().glob("[0-9]*.ipynb"))


@pytest.mark.parametrize("name", WORKBOOKS)
def test_instructions_to_the_engineer_are_tagged_engineer_only(name):
    notebook = nbformat.read(workbooks_dir() / name, as_version=4)
    untagged = [
        (index, phrase)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "markdown" and "engineer-only" not in cell.metadata.get("tags", [])
        for phrase in INSTRUCTIONS
        if phrase in cell.source
    ]
    assert untagged == []


@pytest.mark.parametrize("name", WORKBOOKS)
def test_every_section_heading_stays_for_the_coach(name):
    """A tagged cell holds no heading: the coach's page keeps the workbook's outline."""
    notebook = nbformat.read(workbooks_dir() / name, as_version=4)
    tagged = [c for c in notebook.cells if "engineer-only" in c.metadata.get("tags", [])]
    assert not [c.source[:60] for c in tagged if c.source.lstrip().startswith("#")]
