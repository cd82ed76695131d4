"""Applies to every pytest run in this repository, including nbval over workbooks/ alone.

nbval's kernels inherit this process's environment when a notebook's first cell is set up, so
for notebook cells only, point the environment at a fresh copy of the demo persona with the
date pinned: workbook outputs then depend on nothing else. Unit tests see the environment they
were started with and set up their own journals and dates.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from widgets.content.resources import workbooks_dir
from widgets.notebooks import demo_environment
from widgets.storage import current
from widgets.storage.workspace import LANGUAGE_ENV

_demo_persona = contextlib.ExitStack()
_demo_env: dict[str, str] = {}
_outside_env: dict[str, str | None] = {}


def pytest_configure(config):
    if getattr(config.option, "nbval_sanitize_with", "unset") is None:
        # nbval reads the file from the working directory: make it absolute
        config.option.nbval_sanitize_with = str(
            Path(__file__).parent / "tests" / "nbval_sanitize.cfg"
        )


def _use_demo_persona(on: bool) -> None:
    if on and not _outside_env:
        if not _demo_env:
            _demo_env.update(_demo_persona.enter_context(demo_environment()))
        for name in (*_demo_env, current.READONLY_ENV, LANGUAGE_ENV):
            _outside_env[name] = os.environ.get(name)
        os.environ.update(_demo_env)
        os.environ.pop(current.READONLY_ENV, None)
    elif not on and _outside_env:
        for name, value in _outside_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        _outside_env.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    _use_demo_persona(item.path.suffix == ".ipynb")
    if item.path.suffix == ".ipynb":  # workbooks/<language id>/ runs in that language
        in_language = item.path.resolve().parent.parent == workbooks_dir()
        os.environ.pop(LANGUAGE_ENV, None)
        os.environ.update({LANGUAGE_ENV: item.path.parent.name} if in_language else {})
    return (yield)


def pytest_unconfigure(config):
    _use_demo_persona(False)
    _demo_persona.close()
