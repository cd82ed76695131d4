"""The engineer's own copies of the workbooks, beside their journal, kept up to date.

``stepup lab`` opens these copies, never the templates in the repository: the repository stays
clean, the committed outputs stay nbval's reference, and nobody opens a workbook to find the
demo persona's answers in it (copies carry no outputs).

When a template changes, its copy is merged cell by cell, as nbgitpuller merges a course
repository into a student's folder with the student's edits winning; but on cells, not on
lines of JSON, so a notebook is never left half-merged. Each copied cell remembers which
template cell it came from (a hash of its source). Then:

- a template cell the engineer left as it was takes the template's new version;
- a cell the engineer added stays after the cell it followed (or the cell that took its place);
- a template cell the engineer edited is kept as the engineer left it; when the template
  changed or dropped it, the template's new version comes in and the engineer's stays right
  after it, and the change is reported;
- a copy the engineer deleted comes back.
Where the template's cells went is found by aligning the old sequence with the new (difflib).

nbgrader's release/fetch was the other convention weighed: it hands out a copy once and never
updates it, so a fixed template would never reach an engineer who has started.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import nbformat
from nbformat.corpus.words import generate_corpus_id

from widgets.storage.files import write_private_file

# In each copied cell's metadata: the hash of the template cell it was copied from.
CELL_KEY = "stepup_template_cell"
# In the copy's metadata: the template's name and the hash of the version last merged.
NOTEBOOK_KEY = "stepup_template"


def workspace_for(journal_path: Path) -> Path:
    """The folder of the engineer's workbooks: ``workbooks/`` beside the journal."""
    return Path(journal_path).expanduser().resolve().parent / "workbooks"


def _cell_hash(cell) -> str:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else source
    return hashlib.sha256(f"{cell.get('cell_type')}\0{text}".encode()).hexdigest()[:16]


def _template_hash(notebook) -> str:
    return hashlib.sha256(
        json.dumps([_cell_hash(c) for c in notebook.cells]).encode("utf-8")
    ).hexdigest()[:16]


def _fresh_cell(template_cell):
    """A template cell as it enters a copy: no outputs, tagged with where it came from."""
    cell = nbformat.from_dict(json.loads(json.dumps(template_cell)))
    cell["id"] = generate_corpus_id()  # nbformat 4.5: Lab need not add ids (a dirty tab)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    cell.metadata[CELL_KEY] = _cell_hash(template_cell)
    return cell


@dataclass
class Update:
    """What bringing one workbook up to date did."""

    name: str
    action: str  # "created", "updated" or "unchanged"
    kept_edits: list[str] = field(default_factory=list)  # first lines of edited cells kept

    def sentence(self) -> str:
        """What happened to the workbook, as a line for the terminal."""
        text = f"{self.name}: {self.action}"
        if self.kept_edits:
            cells = "; ".join(f"'{first}'" for first in self.kept_edits)
            text += (
                f". The template changed cells you had edited; yours are kept ({cells}), "
                "with the template's new version beside each where it has one"
            )
        return text


def merge(copy, template) -> tuple[nbformat.NotebookNode, list[str]]:
    """The copy brought up to ``template``; returns it and the first lines of the engineer's
    edited cells that the template changed or dropped (kept, after the cell that took their
    place)."""
    copy = nbformat.from_dict(json.loads(json.dumps(copy)))  # the caller's stays as it was
    old_keys = [c.metadata[CELL_KEY] for c in copy.cells if CELL_KEY in c.get("metadata", {})]
    new_keys = [_cell_hash(c) for c in template.cells]
    # Where each template cell of the copy went in the new template: the same cell, a cell
    # that replaced it, or (dropped) just after the cell before it; -1 is the very start.
    went: list[tuple[int, bool]] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            if tag == "equal":
                went.append((j1 + k - i1, True))
            elif tag == "replace":
                went.append((j1 + min(k - i1, j2 - j1 - 1), False))
            else:  # delete
                went.append((j1 - 1, False))
    standing: dict[int, object] = {}  # new index → the copy's cell that still stands for it
    following: dict[int, list] = {}  # new index → the copy's cells that stay after it
    kept_edits = []
    anchor, k = -1, 0
    for cell in copy.cells:
        key = cell.get("metadata", {}).get(CELL_KEY)
        if key is None:  # the engineer's own cell
            following.setdefault(anchor, []).append(cell)
            continue
        anchor, same = went[k]
        k += 1
        if same:
            standing[anchor] = cell  # as the engineer left it, edited or not
        elif _cell_hash(cell) != key:  # edited, and the template changed or dropped it
            del cell.metadata[CELL_KEY]  # the engineer's own cell from now on
            following.setdefault(anchor, []).append(cell)
            kept_edits.append(_first_line(cell))
        # else: untouched, and the template changed or dropped it: the new version replaces it
    cells = following.pop(-1, [])
    for index, template_cell in enumerate(template.cells):
        cells.append(standing.get(index) or _fresh_cell(template_cell))
        cells += following.pop(index, [])
    merged = nbformat.from_dict({**copy, "cells": cells, "nbformat_minor": 5})
    for cell in merged.cells:  # a copy from before ids, or an id the engineer cleared
        cell.setdefault("id", generate_corpus_id())
    merged.metadata = nbformat.from_dict(
        {**copy.metadata, **_notebook_metadata(template, copy.metadata.get(NOTEBOOK_KEY, {}))}
    )
    return merged, kept_edits


def _first_line(cell) -> str:
    source = cell.get("source", "")
    text = "".join(source) if isinstance(source, list) else source
    return (text.strip().splitlines() or ["(empty cell)"])[0][:60]


def _notebook_metadata(template, previous: dict) -> dict:
    metadata = {key: value for key, value in template.metadata.items() if key != "widgets"}
    metadata[NOTEBOOK_KEY] = {**previous, "hash": _template_hash(template)}
    metadata["language_info"] = kernel_language_info()
    return metadata


def kernel_language_info() -> dict:
    """What the kernel (ipykernel, on this same Python) reports about its language. Lab writes
    it into a notebook when the kernel starts: a copy that already says exactly this does not
    open as "changed"."""
    return {
        "name": "python",
        "version": platform.python_version(),
        "mimetype": "text/x-python",
        "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
        "pygments_lexer": f"ipython{sys.version_info[0]}",
        "nbconvert_exporter": "python",
        "file_extension": ".py",
    }


def new_copy(template, name: str):
    """A fresh copy of a template notebook for the engineer (``name`` kept in its metadata): no
    outputs, each cell tagged with the template cell it came from, so a later update can merge."""
    cells = [_fresh_cell(c) for c in template.cells]
    copy = nbformat.from_dict({**template, "cells": cells, "nbformat_minor": 5})
    copy.metadata = nbformat.from_dict(_notebook_metadata(template, {"name": name}))
    return copy


def sync_workspace(templates: Path, workspace: Path) -> list[Update]:
    """Bring every template's copy in ``workspace`` up to date (creating the folder, 0700).
    Notebooks of the engineer's own are never touched."""
    workspace.mkdir(parents=True, exist_ok=True, mode=0o700)
    updates = []
    for template_path in sorted(templates.glob("*.ipynb")):
        template = nbformat.read(template_path, as_version=4)
        target = workspace / template_path.name
        if not target.exists():  # new, or deleted by the engineer: it comes back
            copy, action, kept = new_copy(template, template_path.name), "created", []
        else:
            current = nbformat.read(target, as_version=4)
            if current.metadata.get(NOTEBOOK_KEY, {}).get("hash") == _template_hash(template):
                updates.append(Update(template_path.name, "unchanged"))
                continue
            copy, kept = merge(current, template)
            action = "updated"
        write_private_file(nbformat.writes(copy), target)
        updates.append(Update(template_path.name, action, kept))
    return updates
