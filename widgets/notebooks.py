"""Keeping the workbook templates clean and their outputs deterministic.

``make refresh`` executes every workbook against a temporary copy of the demo persona with the
date pinned, then normalises it (fixed kernelspec, no execution timings, no widget state) so
that nbval compares content and a diff shows only what really changed.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import nbformat

from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.storage import current
from widgets.storage.clock import TODAY_ENV
from widgets.storage.transfer import demo_date, import_journal

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Charts embedded in HTML output are not stored: nbval does not compare images
# (tests/nbval_sanitize.cfg), and a template should not carry hundreds of kilobytes of base64 that
# change with matplotlib.
EMBEDDED_PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@contextlib.contextmanager
def persona_environment(persona: Path, source: str | None = None) -> Iterator[dict[str, str]]:
    """Environment variables for a kernel working on a fresh copy of ``persona`` (a ``stepup
    export`` file), the date pinned to its last answer. ``source`` names it in an import error."""
    text = persona.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix=f"stepup-{persona.stem}-") as folder:
        path = Path(folder) / f"{persona.stem}.sqlite"
        import_journal(text, path, source=source or f"the persona {persona.name}")
        yield {current.JOURNAL_ENV: str(path), TODAY_ENV: demo_date(text)}


def demo_environment() -> contextlib.AbstractContextManager[dict[str, str]]:
    """Environment variables for a kernel working on a fresh copy of the demo persona."""
    return persona_environment(demo_persona_path(), source="the demo persona")


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Fixed kernelspec and language info, no timings, no widget state, stable widget model ids."""
    notebook.metadata = nbformat.from_dict(
        {
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python", "pygments_lexer": "ipython3"},
        }
    )
    count = 0
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.pop("id", None)
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count if cell.outputs else None
            for output in cell.outputs:
                if output.output_type == "execute_result":
                    output.execution_count = cell.execution_count
                if output.output_type in ("execute_result", "display_data"):
                    output.metadata = {}
                    html_text = output.get("data", {}).get("text/html")
                    if html_text:
                        output.data["text/html"] = EMBEDDED_PNG.sub(
                            "data:image/png;base64,<PNG>", "".join(html_text)
                        )
                    view = output.get("data", {}).get(WIDGET_VIEW)
                    if view:  # random per run and meaningless without widget state: make it stable
                        view["model_id"] = f"{count:016x}{len(cell.outputs):016x}"
    notebook.nbformat, notebook.nbformat_minor = 4, 4
    return notebook


def strip_outputs(notebook: dict) -> dict:
    """The notebook (a .ipynb's JSON), changed in place: no outputs, counts or widget state."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
    notebook.get("metadata", {}).pop("widgets", None)
    return notebook


def strip_outputs_hook(model: dict, **_kwargs) -> None:
    """Jupyter pre-save hook (``stepup lab``): the engineer's answers never land in a .ipynb."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        strip_outputs(model["content"])


def execute(path: Path, env: dict[str, str], timeout: int = 300) -> nbformat.NotebookNode:
    """The notebook at ``path`` run top to bottom in a python3 kernel, which sees ``env`` added to
    this process's environment (restored after); the file itself is not written."""
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # the kernel inherits the environment of this process
    try:
        NotebookClient(
            notebook,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return notebook


def refresh(folder: Path | None = None, names: Sequence[str] = ()) -> list[Path]:
    """Re-execute the named workbooks (all when none are named) against the demo persona and
    store normalised outputs."""
    written = []
    paths = sorted((folder or workbooks_dir()).glob("*.ipynb"))
    if names:
        unknown = set(names) - {path.name for path in paths}
        if unknown:
            raise SystemExit(f"no such workbook: {', '.join(sorted(unknown))}")
        paths = [path for path in paths if path.name in names]
    for path in paths:
        with demo_environment() as env:
            notebook = normalise(execute(path, env))
        nbformat.validate(notebook)
        path.write_text(nbformat.writes(notebook) + "", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in refresh(names=sys.argv[1:]):
        print(f"refreshed {written_path}")
