"""What workbook cells call is declared once (``widgets.ENTRY_POINTS``), every cell's call
resolves through it, and importing any module of the package changes nothing in the process."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import widgets
from widgets import pages
from widgets.content.resources import workbooks_dir

WORKBOOKS = sorted(workbooks_dir().glob("*.ipynb"))


def test_the_table_names_exactly_the_functions_declared_as_entry_points():
    declared = {
        name
        for name, value in vars(pages).items()
        if callable(value) and getattr(value, "is_entry_point", False)
    }
    in_pages = {name for name, home in widgets.ENTRY_POINTS.items() if home == "widgets.pages"}
    assert declared == in_pages and len(declared) == 27
    assert widgets.ENTRY_POINTS["coach_session"] == "widgets.coach"
    assert widgets.__all__ == sorted(widgets.ENTRY_POINTS) == dir(widgets)


@pytest.mark.parametrize("name", sorted(widgets.ENTRY_POINTS))
def test_each_name_loads_its_function_from_its_module_and_takes_no_argument(name):
    function = getattr(widgets, name)
    assert function is getattr(importlib.import_module(widgets.ENTRY_POINTS[name]), name)
    assert function.__name__ == name and function.__doc__
    assert not inspect.signature(function).parameters


def test_a_name_not_in_the_table_is_not_an_attribute():
    with pytest.raises(AttributeError, match="no attribute 'profile_from'"):
        widgets.profile_from  # noqa: B018


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_call_in_a_workbook_resolves_to_an_entry_point(path):
    imported: set[str] = set()
    called: list[str] = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom) and node.module == "widgets":
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Call):
                called.append(node.func.id)
    assert called, "a workbook that calls nothing"
    assert imported <= set(widgets.ENTRY_POINTS), imported - set(widgets.ENTRY_POINTS)
    assert set(called) <= imported, set(called) - imported
    for name in called:
        assert callable(getattr(widgets, name))


IMPORT_EVERYTHING = """
import gc, os, pkgutil, signal, sys, threading, importlib, json
from widgets.storage import notifications
before = (dict(os.environ), threading.active_count(), os.getcwd(),
          [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)],
          list(notifications._scheduler))
import widgets
names = sorted(m.name for m in pkgutil.walk_packages(widgets.__path__, "widgets."))
for name in names:
    if name.endswith("__main__"):
        continue
    importlib.import_module(name)
after = (dict(os.environ), threading.active_count(), os.getcwd(),
         [signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)],
         list(notifications._scheduler))
print(json.dumps({"modules": len(names), "frozen": gc.get_freeze_count(),
                  "same": [a == b for a, b in zip(before, after)]}))
"""


def _python(code: str, env: dict[str, str] | None = None) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_every_module_has_no_side_effect():
    """No gc.freeze(), no environment variable, thread, working folder, signal handler or redraw
    timing changed."""
    seen = _python(IMPORT_EVERYTHING)
    on_disk = list(Path(widgets.__file__).parent.rglob("*.py"))
    assert seen["modules"] == len(on_disk) - 1  # every module but widgets/__init__.py itself
    assert seen["frozen"] == 0
    assert seen["same"] == [True, True, True, True, True]


def test_the_first_entry_point_a_kernel_calls_freezes_what_it_imported(tmp_path):
    seen = _python(
        """
        import gc, json
        from widgets import progress_panel
        from widgets.storage import notifications
        imported, timed = gc.get_freeze_count(), bool(notifications._scheduler)
        progress_panel()
        first = gc.get_freeze_count()
        progress_panel()
        print(json.dumps([imported, first, gc.get_freeze_count(), timed,
                          bool(notifications._scheduler)]))
        """,
        {"STEPUP_JOURNAL": str(tmp_path / "journal.sqlite")},
    )
    imported, first, again, timed_on_import, timed = seen
    assert imported == 0 and first > 1000
    assert not timed_on_import and timed, "redraws timed from the first entry point, not on import"
    assert again == first, "frozen once per kernel, not at every call"
