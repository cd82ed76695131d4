"""Applies to every pytest run in this repository, including nbval over workbooks/ alone.

nbval's kernels inherit this process's environment, so point them at a fresh copy of the demo
persona with the date pinned: workbook outputs then depend on nothing else.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from widgets.storage import current as session
from widgets.notebooks import demo_environment

_demo_env = contextlib.ExitStack()


def pytest_configure(config):
    if getattr(config.option, "nbval_sanitize_with", "unset") is None:  # nbval reads it from the cwd: make it absolute
        config.option.nbval_sanitize_with = str(Path(__file__).parent / "tests" / "nbval_sanitize.cfg")
    os.environ.update(_demo_env.enter_context(demo_environment()))
    os.environ.pop(session.READONLY_ENV, None)


def pytest_unconfigure(config):
    _demo_env.close()
