"""One meaning per term (issue 31): ``seeds/glossary.yaml`` lists the words the product uses, and
no text a user reads uses one in a meaning it must not carry. "Calibration" is the company's
performance calibration only; self vs coach is a disagreement; a model's is probability
calibration.

What is scanned: the templates (their text, not their tags or code), the package's string
literals (docstrings only where they are an entry point's help, widgets/pages.py), the workbooks'
markdown cells, and every string of the seeds. Not scanned: the personas' journals
(seeds/personas/), which hold an engineer's own words, and the glossary itself.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from widgets.content.glossary import glossary, misuses
from widgets.content.loading import ContentError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "widgets"
REQUIRED = (
    "calibration",
    "disagreement",
    "probability calibration",
    "gap",
    "target",
    "evidence",
    "route",
    "track",
    "level",
    "win",
    "deep dive",
    "drill",
    "proposal",
)
JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def _template_texts(path: Path) -> list[str]:
    """A template's words as a reader gets them: comments, code and tags left out (an
    expression reads as "…", so a sentence around it stays one)."""
    text = JINJA.sub(lambda m: "" if m.group(0).startswith(("{#", "{%")) else "…", path.read_text())
    return [TAG.sub(" ", text)]


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _python_texts(path: Path) -> list[str]:
    """The string literals of a module; a docstring only in widgets/pages.py (each entry point's
    is its help, which users read)."""
    tree = ast.parse(path.read_text())
    skipped = set() if path.name == "pages.py" else _docstring_nodes(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in skipped
    ]


def _notebook_texts(path: Path) -> list[str]:
    cells = json.loads(path.read_text())["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _seed_texts(path: Path) -> list[str]:
    return _strings(yaml.safe_load(path.read_text()))


def _scanned() -> dict[str, tuple[Path, object]]:
    files = [(p, _template_texts) for p in sorted((PACKAGE / "templates").rglob("*.j2"))]
    files += [(p, _python_texts) for p in sorted(PACKAGE.rglob("*.py"))]
    files += [(p, _notebook_texts) for p in sorted((ROOT / "workbooks").glob("*.ipynb"))]
    files += [
        (p, _seed_texts)
        for p in sorted((ROOT / "seeds").glob("*.yaml"))
        if p.name != "glossary.yaml"
    ]
    return {str(p.relative_to(ROOT)): (p, read) for p, read in files}


SCANNED = _scanned()


def test_the_glossary_has_each_required_term_once_with_one_meaning():
    terms = {t.term: t for t in glossary().terms}
    assert set(REQUIRED) <= set(terms), set(REQUIRED) - set(terms)
    for term in terms.values():
        assert term.means.strip() and "\n" not in term.means, term.term


def test_calibration_is_the_companys_and_names_the_words_for_the_other_meanings():
    calibration = glossary().term("calibration")
    assert "performance calibration" in calibration.means
    said = {other.say for other in calibration.other_meanings}
    assert "disagreement" in said
    assert any(s.startswith("probability calibration") for s in said)
    assert glossary().term("disagreement").means.startswith("Your rating")
    assert "coach's rating" in glossary().term("gap").means  # the rule gaps are measured by


@pytest.mark.parametrize(
    "text",
    [
        "Where you and your coach are two levels apart, it is a calibration topic.",
        "3 gaps; 1 calibration topic with the coach",
        "rate yourself, coach calibration, gaps",
        "Offline metric, calibration and slices; the online metric it was meant to move.",
        "The auction prices with the probability itself, so calibration\n    matters more.",
        "Which slices and calibration checks would catch a model that is good on average only?",
        "Log loss and calibration by segment.",
        "It counts instead of the self score (it is the calibrated view).",
        "Negative downsampling with recalibration.",
    ],
)
def test_the_check_finds_a_term_in_another_meaning(text):
    assert misuses(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Sponsorship: argue for my promotion in calibration, and tell me what you need to see.",
        "My packet is due on 9 Apr 2027; calibration is on 6 May 2027.",
        "No calibration date yet: add your promotion cycle's dates to your profile.",
        "calibration",
        "Calibration",
        "A word with the reviewers before calibration.",
        "Checks probability calibration per slice: the auction needs calibrated probabilities.",
        "You rated Communication mid-level. Your coach rated it senior: a disagreement.",
    ],
)
def test_the_check_lets_the_companys_and_the_models_words_be(text):
    assert misuses(text) == [], text


def test_a_glossary_with_a_term_twice_or_a_broken_pattern_is_refused(tmp_path):
    good = (ROOT / "seeds" / "glossary.yaml").read_text()
    (tmp_path / "glossary.yaml").write_text(good + "\n  - term: Gap\n    means: Again.\n")
    with pytest.raises(ContentError, match="each term once; repeated: gap"):
        glossary(tmp_path)
    (tmp_path / "glossary.yaml").write_text(good.replace("'calibration topics?'", "'(topic'"))
    glossary.cache_clear()
    with pytest.raises(ContentError, match="not a regular expression"):
        glossary(tmp_path)
    glossary.cache_clear()


@pytest.mark.parametrize("name", sorted(SCANNED))
def test_no_term_in_another_meaning(name):
    path, read = SCANNED[name]
    hits = [hit for text in read(path) for hit in misuses(text)]
    assert not hits, "\n".join(f"{name}: {term}: “{words}”" for term, words in hits)
