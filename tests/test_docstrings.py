"""The package's rooms stay small and its public names say what they are for (issue 29, item 8-9).

ruff holds every public module, class and function to a docstring (pyproject.toml); this counts
public methods as well, which ruff leaves to us because an override of a documented method needs
none of its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "widgets"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
MIN_DOCUMENTED = 0.75


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def public_definitions(tree: ast.Module) -> list[ast.AST]:
    """The module itself, then every public class, function and method (not dunders), nested
    only inside public classes."""
    found: list[ast.AST] = [tree]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                if child.name.startswith("_"):
                    continue
                found.append(child)
                if isinstance(child, ast.ClassDef):
                    visit(child)

    visit(tree)
    return found


def test_public_names_are_mostly_documented():
    definitions = [d for path in modules() for d in public_definitions(ast.parse(path.read_text()))]
    documented = sum(ast.get_docstring(d) is not None for d in definitions)  # type: ignore[arg-type]
    assert len(definitions) > 500, "the scan found the package"
    share = documented / len(definitions)
    assert share >= MIN_DOCUMENTED, f"{documented} of {len(definitions)} public names documented"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_and_function_is_small(path: Path):
    text = path.read_text()
    assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name} has {text.count(chr(10))} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


def test_the_size_check_can_fail(tmp_path: Path):
    """A function of 81 lines is caught: the check is not vacuous."""
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    big = tmp_path / "big.py"
    big.write_text(f"def big():\n{body}\n")
    with pytest.raises(AssertionError, match="big \\(81 lines\\)"):
        test_every_module_and_function_is_small(big)
