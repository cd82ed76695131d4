"""Plain words for a second-language reader: every workbook's prose and every form's help text
keeps its sentences short (issue 31).

The measure is the one all of issue 31 uses, kept in :func:`sentence_lengths`: prose is split
into sentences at ``.``, ``!`` or ``?`` followed by whitespace, and at line breaks that start a
list item, a heading, a table row or a new paragraph (a table row's cells are one sentence each);
inline code counts as one word, and a word is a run of characters holding a letter or a digit.
Per workbook (all its markdown cells) and per form's help text, the mean sentence length must be
at most 18 words and no sentence may run over 35. Run this file with ``-s`` to print the numbers.

Form help text is what a form says to guide the answer: the static prose of the templates in
``widgets/templates/forms/`` (one text per template), the strings a form module in
``widgets/forms/`` declares for its fields, notes and messages (three words or more, docstrings
and traitlets' developer ``help=`` left out; one text per module), and the ``guide:`` and
``guidance:`` texts of each seed file.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from widgets.content.resources import seeds_dir, workbooks_dir

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "widgets" / "forms"
FORM_TEMPLATES = ROOT / "widgets" / "templates" / "forms"
MEAN_LIMIT = 18
LONGEST_LIMIT = 35

# Line breaks that start a new sentence: a blank line (a paragraph), or a line opening a list
# item, a heading, a quotation or a table row.
_BREAK = re.compile(r"\n\s*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)]|#+|>|\|)[ \t])")
# What opens a list item, heading or quotation: not a word.
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)]|#+|>)[ \t]+")
# A sentence ends at . ! or ? followed by whitespace (after any closing quote, bracket or emphasis).
_END = re.compile(r"(?<=[.!?])[\"'”’)\]*_]*\s+")


def sentences(text: str) -> list[str]:
    """The sentences of markdown (or plain) prose, as the measure splits them."""
    text = re.sub(r"```.*?```", "\n\n", text, flags=re.DOTALL)  # code blocks are not prose
    text = re.sub(r"`[^`\n]+`", "code", text)  # inline code: one word
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"<[^>\n]+>", " ", text)  # HTML tags
    text = re.sub(r"!?\[([^\]]*)\]\([^)\s]*\)", r"\1", text)  # a link reads as its text
    found = []
    for block in _BREAK.split(text):
        block = _MARKER.sub("", block)
        cells = block.split("|") if block.lstrip().startswith("|") else [block]
        for cell in cells:
            found += [" ".join(s.split()) for s in _END.split(cell) if _words(s)]
    return found


def _words(sentence: str) -> list[str]:
    return [word for word in sentence.split() if re.search(r"\w", word)]


def sentence_lengths(text: str) -> list[int]:
    """The measure: each sentence's length in words (see the module's docstring)."""
    return [len(_words(sentence)) for sentence in sentences(text)]


def verdict(name: str, texts: list[str]) -> tuple[float, int, list[str]]:
    """(mean words per sentence, longest sentence, what is wrong) over ``texts``; prints the
    numbers, the ones the report gives."""
    lengths = [n for text in texts for n in sentence_lengths(text)]
    mean = sum(lengths) / len(lengths) if lengths else 0.0
    longest = max(lengths, default=0)
    print(f"{name}: mean {mean:.1f}, max {longest}, {len(lengths)} sentences")
    problems = [] if mean <= MEAN_LIMIT else [f"mean {mean:.1f} words a sentence > {MEAN_LIMIT}"]
    problems += [
        f"{len(_words(s))} words: {s}"
        for text in texts
        for s in sentences(text)
        if len(_words(s)) > LONGEST_LIMIT
    ]
    return mean, longest, problems


# -- what is measured ---------------------------------------------------------------------------


def workbook_prose(path: Path) -> list[str]:
    """A workbook's markdown cells."""
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


def template_prose(path: Path) -> list[str]:
    """A form template's static text: its comments and Jinja tags left out, an expression read
    as one word."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\{#.*?#\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"\{%.*?%\}", " ", text, flags=re.DOTALL)
    text = re.sub(r"\{\{.*?\}\}", " value ", text, flags=re.DOTALL)
    # A block element ends what came before it: a summary line and the paragraph after it are
    # two sentences, not one.
    block = r"</?(?:p|div|li|ul|ol|summary|details|h[1-6]|br|tr|td|th|table)\b[^>]*>"
    text = re.sub(block, "\n\n", text)
    return [text]


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *ast.walk(tree)]
    return {
        id(node.body[0].value)
        for node in nodes
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def module_prose(path: Path) -> list[str]:
    """The strings a form module shows: constants of three words or more, not docstrings, not
    traitlets' developer ``help=``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "help":
            skip.add(id(node.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and len(_words(node.value)) >= 3
    ]


def seed_guidance(path: Path) -> list[str]:
    """A seed file's ``guide:`` and ``guidance:`` texts, wherever they sit."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("guide", "guidance"):
                    found.extend(value if isinstance(value, list) else [value])
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [str(text) for text in found]


WORKBOOKS = sorted(workbooks_dir().glob("*.ipynb"))
HELP_TEXTS = (
    [(f"template {p.name}", template_prose, p) for p in sorted(FORM_TEMPLATES.glob("*.j2"))]
    + [(f"form {p.name}", module_prose, p) for p in sorted(FORMS.glob("*.py"))]
    + [(f"seed {p.name}", seed_guidance, p) for p in sorted(seeds_dir().glob("*.yaml"))]
)


@pytest.mark.parametrize("path", WORKBOOKS, ids=[p.name for p in WORKBOOKS])
def test_each_workbooks_prose_keeps_its_sentences_short(path):
    _mean, _longest, problems = verdict(path.name, workbook_prose(path))
    assert problems == [], f"{path.name}: " + "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "read", "path"), [t for t in HELP_TEXTS], ids=[t[0] for t in HELP_TEXTS]
)
def test_each_forms_help_text_keeps_its_sentences_short(name, read, path):
    texts = read(path)
    if not any(sentence_lengths(text) for text in texts):
        pytest.skip(f"{name} has no help text")
    _mean, _longest, problems = verdict(name, texts)
    assert problems == [], f"{name}: " + "\n".join(problems)


# -- the measure itself -------------------------------------------------------------------------


def test_the_measure_splits_at_sentence_ends_list_items_and_paragraphs():
    text = (
        "One two three. Four five!\nsix seven?  Eight\n\nNine ten\n- eleven `a b c` twelve\n"
        "1. thirteen [fourteen fifteen](https://example.org/a.b) e.g. sixteen\n"
        "| cell one | cell two three |\n|---|---|\n<b>bold</b> words"
    )
    assert sentence_lengths(text) == [3, 2, 2, 1, 2, 3, 4, 1, 2, 3, 2]


def test_the_measure_fails_prose_that_is_too_long_on_average_or_in_one_sentence():
    nineteen = " ".join(["word"] * 19) + ". "
    assert verdict("planted", [nineteen * 3])[2] == ["mean 19.0 words a sentence > 18"]
    long_one = " ".join(["word"] * 36) + ". " + "Short one here. " * 10
    mean, longest, problems = verdict("planted", [long_one])
    assert mean <= MEAN_LIMIT and longest == 36
    assert len(problems) == 1 and problems[0].startswith("36 words:")
    assert verdict("planted", ["Short and plain. " * 5])[2] == []


def test_form_help_text_is_found_in_templates_modules_and_seeds(tmp_path):
    template = tmp_path / "x.html.j2"
    template.write_text(
        "{# a note #}<p>Say it {{ what }} aloud.</p>{% if x %}Then stop.{% endif %}"
    )
    assert sentence_lengths(template_prose(template)[0]) == [4, 2]
    module = tmp_path / "x.py"
    module.write_text(
        '"""Docstring words are not shown."""\n'
        'a = Field("x", "Label", placeholder="What happened, and when?")\n'
        'b = Unicode("", help="A developer note of many words")\n'
    )
    assert module_prose(module) == ["What happened, and when?"]
    seed = tmp_path / "x.yaml"
    seed.write_text(
        "steps:\n  - guide:\n      - Who uses it?\n      - How many?\n    guidance: Go deep.\n"
    )
    assert seed_guidance(seed) == ["Who uses it?", "How many?", "Go deep."]


def test_time_spent_says_what_its_number_is():
    """Workbook 04 said "aim for about 36": the number is what the steps suggest, of a session
    as long as a design round (in words that read right on every route)."""
    from widgets.content.seeds import ROUND_MINUTES
    from widgets.views.fragments import fragment

    html = fragment("forms/time_spent", minutes=20, suggested=36, round_minutes=ROUND_MINUTES)
    assert f"the steps suggest 36 of a {ROUND_MINUTES}-minute session" in html
    assert "aim for about" not in html
