"""Keeping the workbook templates clean and their outputs deterministic, in every language.

``make refresh`` executes every workbook against a temporary copy of the demo persona with the
date pinned, then normalises it (fixed kernelspec, no execution timings, no widget state) so
that nbval compares content and a diff shows only what really changed.

A workbook has one source, the English notebook in ``workbooks/``. Its other languages are
generated, never edited: ``workbooks/translations/<language id>/<workbook>.yaml`` pairs each
markdown cell's English text with its translation (as a gettext catalogue pairs msgid and
msgstr, so a translator reads both side by side and an edited English cell shows up as missing;
``unlike_terms`` records where a word of the term list is meant in another sense, and why),
and refresh writes ``workbooks/<language id>/<workbook>.ipynb`` from the English cells and those
pairs, then executes it like the English one with ``STEPUP_LANG`` set. Code cells are the same
in every language. A language is a folder of translations, never a name in this code: to add
one, ``python -m widgets.notebooks --add-missing <language id>`` writes the entries to fill in.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import nbformat
import yaml

from widgets.content.resources import demo_persona_path, workbooks_dir
from widgets.storage import current
from widgets.storage.clock import TODAY_ENV
from widgets.storage.transfer import demo_date, import_journal
from widgets.storage.workspace import LANGUAGE_ENV

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Charts embedded in HTML output are not stored: nbval does not compare images
# (tests/nbval_sanitize.cfg), and a template should not carry hundreds of kilobytes of base64 that
# change with matplotlib.
EMBEDDED_PNG = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+")
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TRANSLATIONS = "translations"  # workbooks/translations/<language id>/<workbook stem>.yaml


class TranslationError(ValueError):
    """A workbook's translation is incomplete or malformed; the message names the file and cell."""


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


def translation_languages(folder: Path | None = None) -> list[str]:
    """The ids of the languages the workbooks in ``folder`` are translated into."""
    root = (folder or workbooks_dir()) / TRANSLATIONS
    return sorted(path.name for path in root.iterdir() if path.is_dir()) if root.is_dir() else []


def translation_path(source: Path, language: str) -> Path:
    """Where the translation of the English workbook ``source`` into ``language`` lives."""
    return source.parent / TRANSLATIONS / language / f"{source.stem}.yaml"


def read_translations(path: Path) -> dict[str, str]:
    """A translation file as {English text of a markdown cell: its translation}."""
    if not path.is_file():
        raise TranslationError(f"{path}: no such translation file")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table: dict[str, str] = {}
    for number, entry in enumerate(data.get("cells") or [], start=1):
        if not (isinstance(entry, dict) and {"en", "text"} <= entry.keys()):
            raise TranslationError(f"{path}: entry {number} needs both 'en' and 'text'")
        if not str(entry["text"]).strip():
            raise TranslationError(f"{path}: entry {number} ({_first(entry['en'])}) is empty")
        table[str(entry["en"])] = str(entry["text"])
    return table


def _first(text: str) -> str:
    return repr((text.strip().splitlines() or [""])[0][:60])


def markdown_sources(notebook) -> list[str]:
    """The text of every markdown cell of ``notebook``, in order."""
    return ["".join(c.source) for c in notebook.cells if c.cell_type == "markdown"]


def translate(source: Path, language: str) -> nbformat.NotebookNode:
    """The English workbook at ``source`` with its markdown in ``language``, no outputs: what
    refresh executes. Every markdown cell must have a translation; one missing is named."""
    table = read_translations(translation_path(source, language))
    notebook = strip_outputs(nbformat.read(source, as_version=4))
    missing = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            english = "".join(cell.source)
            if english in table:
                cell.source = table[english]
            else:
                missing.append(f"cell {index} {_first(english)}")
    if missing:
        raise TranslationError(
            f"{translation_path(source, language)}: no {language} text for "
            f"{source.name}'s {', '.join(missing)}; add an entry whose 'en' is that cell's text"
        )
    return notebook


class _Block(str):
    """Text YAML writes as a literal block, line for line, as a translator reads it."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Block,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)


def add_missing(language: str, folder: Path | None = None) -> dict[str, int]:
    """Append to each workbook's translation into ``language`` an entry with empty text for
    every markdown cell it lacks (making the file if there is none), leaving what is there as it
    was: a translator fills them in, and refresh refuses an empty one. Returns how many entries
    each workbook got."""
    added = {}
    for source in sorted((folder or workbooks_dir()).glob("*.ipynb")):
        path = translation_path(source, language)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        entries = (yaml.safe_load(text) or {}).get("cells") or []
        have = {str(entry.get("en")) for entry in entries if isinstance(entry, dict)}
        english = dict.fromkeys(markdown_sources(nbformat.read(source, as_version=4)))
        todo = [{"en": _Block(cell), "text": ""} for cell in english if cell not in have]
        if not todo:
            continue
        if "cells:" not in text:
            text += f"# {source.name} in {language}: each markdown cell's English and its text.\n"
            text += "cells:\n"
        dumped = yaml.dump(todo, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip("\n") + "\n" + dumped, encoding="utf-8")
        added[source.name] = len(todo)
    return added


def _select(paths: list[Path], names: Sequence[str]) -> list[Path]:
    if names:
        unknown = set(names) - {path.name for path in paths}
        if unknown:
            raise SystemExit(f"no such workbook: {', '.join(sorted(unknown))}")
        paths = [path for path in paths if path.name in names]
    return paths


async def _execute_all(jobs: list[tuple[Path, dict[str, str]]], at_once: int) -> list:
    """Each (notebook path, environment) run top to bottom, ``at_once`` kernels at a time, each
    kernel started with its own environment added to this process's (which stays as it was)."""
    from nbclient import NotebookClient

    slots = asyncio.Semaphore(at_once)

    async def one(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
        notebook = nbformat.read(path, as_version=4)
        async with slots:
            await NotebookClient(
                notebook,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            ).async_execute(env={**os.environ, **env})
        return notebook

    return await asyncio.gather(*(one(path, env) for path, env in jobs))


def refresh(
    folder: Path | None = None,
    names: Sequence[str] = (),
    languages: Sequence[str] | None = None,
    at_once: int | None = None,
) -> list[Path]:
    """Re-execute the named workbooks (all when none are named) against the demo persona and
    store normalised outputs, with their translations (into every language that has a
    translations folder, unless ``languages`` names some) written and executed the same way.
    ``at_once`` kernels run side by side (one per core, at most four, by default)."""
    folder = folder or workbooks_dir()
    paths = _select(sorted(folder.glob("*.ipynb")), names)
    languages = translation_languages(folder) if languages is None else languages
    # Every translation is read before anything runs: a missing cell fails in seconds.
    translated = {(lang, p): translate(p, lang) for lang in languages for p in paths}
    jobs: list[tuple[Path, dict[str, str]]] = []
    with contextlib.ExitStack() as stack:  # each notebook on its own fresh copy of the demo
        for path in paths:
            jobs.append((path, stack.enter_context(demo_environment())))
        for (language, path), notebook in translated.items():
            target = folder / language / path.name
            target.parent.mkdir(exist_ok=True)
            target.write_text(nbformat.writes(notebook), encoding="utf-8")
            env = stack.enter_context(demo_environment())
            jobs.append((target, {**env, LANGUAGE_ENV: language}))
        at_once = at_once or max(1, min(4, os.cpu_count() or 1))
        executed = asyncio.run(_execute_all(jobs, at_once))
    for (path, _env), notebook in zip(jobs, executed, strict=True):
        notebook = normalise(notebook)
        nbformat.validate(notebook)
        path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return [path for path, _env in jobs]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--add-missing"]:  # python -m widgets.notebooks --add-missing LANGUAGE
        for workbook, count in add_missing(sys.argv[2]).items():
            print(f"{workbook}: {count} cells to translate into {sys.argv[2]}")
        raise SystemExit(0)
    try:
        for written_path in refresh(names=sys.argv[1:]):
            print(f"refreshed {written_path}")
    except TranslationError as error:
        raise SystemExit(f"make refresh: {error}") from None
