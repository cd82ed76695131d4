"""Where the package finds its content and templates, wherever it was installed from.

An editable install (``pip install -e .``, what ``make lab`` does) reads the repository's
``seeds/`` and ``workbooks/``; a wheel carries copies under ``widgets/_bundled/``. Paths never
depend on the working directory, since Voilà runs each kernel in the notebook's own folder.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # widgets/


def _first_existing(name: str) -> Path:
    for candidate in (_PACKAGE.parent / name, _PACKAGE / "_bundled" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"Step Up's {name}/ folder is missing next to {_PACKAGE}; reinstall the package."
    )


def seeds_dir() -> Path:
    """The folder of the coaching content (the YAML files and the demo persona)."""
    return _first_existing("seeds")


def workbooks_dir() -> Path:
    """The folder of the workbook templates the engineer's copies are made from."""
    return _first_existing("workbooks")


def demo_persona_path() -> Path:
    """Asha, the fictional demo persona, as a journal export (what ``stepup demo`` imports)."""
    return seeds_dir() / "personas" / "demo.json"
