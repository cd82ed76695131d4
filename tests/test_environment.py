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


def _conda_side(name: str) -> tuple[dict, dict]:
    conda = yaml.safe_load((ROOT / name).read_text())
    return conda, dict(
        _split(d)
        for d in conda["dependencies"]
        if isinstance(d, str) and not d.startswith(("python", "pip"))
    )


def test_conda_and_pip_name_the_same_dependencies_and_ranges():
    """Does environment.yml hold exactly the runtime dependencies (no test tool), and
    environment-dev.yml exactly the test extra, with pyproject's ranges?"""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    conda, runtime = _conda_side("environment.yml")
    assert runtime == dict(_split(r) for r in project["dependencies"])
    assert "conda-forge" in conda["channels"] and {"pip": ["-e ."]} in conda["dependencies"]
    dev, tools = _conda_side("environment-dev.yml")
    [pip_side] = [d["pip"] for d in dev["dependencies"] if isinstance(d, dict)]
    assert pip_side[-1] == "-e .[test]"
    tools.update(_split(r) for r in pip_side[:-1])  # test tools conda-forge does not carry
    assert tools == dict(_split(r) for r in project["optional-dependencies"]["test"])
    assert "python>=3.11" in conda["dependencies"] and project["requires-python"] == ">=3.11"
