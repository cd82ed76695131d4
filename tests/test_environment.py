"""Do environment.yml (conda) and pyproject.toml (pip) ask for the same packages?"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _split(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def test_conda_and_pip_name_the_same_dependencies_and_ranges():
    """Does every pyproject dependency (runtime and test) appear in environment.yml with the same range?"""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = dict(_split(d) for d in conda["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip")))
    assert conda_side == pip_side
    assert "conda-forge" in conda["channels"]
    assert {"pip": ["-e ."]} in conda["dependencies"]
