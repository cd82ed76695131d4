"""Every workbook, run against a persona of each track, reads right for that track.

Three personas: the demo (Asha, ML track), Jonas (software track,
``seeds/personas/software.json``) and Ines (frontend & mobile track, on the promotion route only,
``seeds/personas/promotion.json``).
Each workbook is executed once per persona in a real kernel (shared by the tests below), and every
page is also built in-process against the persona's journal, so that the text of every widget
(descriptions, placeholders, values, options, HTML, alt text) can be read, not only the outputs a
kernel sends back. No error may appear, and no text of the other track.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest

import widgets
from widgets.content import seeds
from widgets.content.resources import demo_persona_path, seeds_dir, workbooks_dir
from widgets.content.tracks import tracks
from widgets.forms.base import ErrorNotice, close_tree
from widgets.forms.design import prompt_label
from widgets.forms.entries import EntryListPanel
from widgets.notebooks import persona_environment
from widgets.storage import current

from .helpers import run_async

PERSONAS = {
    "ml": demo_persona_path(),
    "software": seeds_dir() / "personas" / "software.json",
    "frontend_mobile": seeds_dir() / "personas" / "promotion.json",
}
WORKBOOKS = sorted(workbooks_dir().glob("*.ipynb"))

# Text that belongs to one track only. Phrases rather than single words where a word is shared:
# "model" is ML, but "data model" is software; "features" is ML, but "the main features" of a
# product is not. Case-insensitive unless the pattern says otherwise.
TRACK_ONLY = {
    "ml": [
        r"(?-i:\bML\b)",
        r"machine[- ]learning",
        r"(?<!data )(?<!mental )(?<!threat )(?<!business )(?<!role )(?<!record )\bmodels?\b",
        r"\bmodel training\b",
        r"\b(re)?train(s|ed|ing)?\b",
        r"\bfeature (store|pipeline|engineering|drift)s?\b",
        r"\bfeatures and labels\b|\bdata and labels\b",
        r"\blabels\b|\blabell?ed (data|examples)\b|\blabel (delay|leakage|noise|quality)\b",
        r"(?-i:\bFeatures\b)",
        r"\boffline (evaluation|metrics?)\b",
        r"\bonline evaluation\b",
        r"\bchurn\b",
        r"\bpredictions?\b|\bpredictive\b",
        r"\bclassifier\b",
        r"\bembeddings?\b",
        r"\btraining data\b|\bdatasets?\b",
        r"\b(data|concept) drift\b",
        r"\bprecision\b|\bNDCG\b|\bAUC\b",
        r"\branking\b",
        r"\b(data |label |target )?leakage\b",
    ],
    "software": [
        r"\bsoftware track\b",
        r"\bbackend engineer",
        r"\bAPIs and data model\b",
        r"\bRequirements and scope\b",
        r"\bOperating it after launch\b",
        r"\bBottlenecks and failures\b",
        r"\bObservability and operations\b",
        r"\bBack-of-envelope estimates\b",
        r"\bData model and storage\b",
        r"\brate limiter\b",
        r"\bpayment ledger\b",
        r"\bjob queue\b",
        r"\bURL shortener\b",
        r"\bkey-value store\b",
        r"\bidempotency keys?\b",
        r"\bpartition keys?\b",
        r"\bGo and PostgreSQL\b",
        r"\bbackend system design\b",
        r"\bdead[- ]letter",
        r"\btoken bucket\b",
    ],
}
# Whose vocabulary each track's pages must not use. Frontend & mobile has no list of its own yet:
# its pages are checked against both others'.
OTHER = {"ml": ("software",), "software": ("ml",), "frontend_mobile": ("ml", "software")}


def other_track_hits(text: str, track: str) -> list[str]:
    """Each match of the other track's vocabulary in ``text``, with a little context."""
    hits = []
    for pattern in (p for other in OTHER[track] for p in TRACK_ONLY[other]):
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            start, end = max(match.start() - 60, 0), match.end() + 60
            hits.append(f"{match.group()!r} in …{' '.join(text[start:end].split())}…")
    return hits


def visible_text(markup: str) -> str:
    """What a reader sees of an HTML fragment: tags, styles and scripts dropped,
    entities decoded."""
    markup = re.sub(r"<(style|script)\b.*?</\1>", " ", markup, flags=re.DOTALL | re.IGNORECASE)
    markup = re.sub(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=]+", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


OWN_WORDS_MIN = 12


def strings_in(value, skip: tuple[str, ...] = ()) -> Iterator[str]:
    """Every string in nested dicts and lists (values only; keys in ``skip`` left out)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key not in skip:
                yield from strings_in(inner, skip)
    elif isinstance(value, list):
        for inner in value:
            yield from strings_in(inner, skip)


def persona_strings(persona: Path) -> list[str]:
    """Every text the persona wrote, longest first: their own words may name their own track.
    Short values (level ids, a company's name) are left in: removing them would cut words out
    of Step Up's own sentences."""
    entries = json.loads(persona.read_text(encoding="utf-8"))["entries"]
    found = {
        text
        for entry in entries
        for revision in entry["revisions"]
        for text in strings_in(revision["data"])
        if len(text) >= OWN_WORDS_MIN
    }
    return sorted(found, key=len, reverse=True)


def without_persona_words(text: str, own_words: list[str]) -> str:
    for words in own_words:
        if words in text:
            text = text.replace(words, " ")
    return text


# -- the workbooks, executed in a kernel ----------------------------------------------------------


async def _execute_all(jobs: list[tuple[str, Path, dict[str, str]]], at_once: int) -> list:
    """Execute each (key, workbook, environment), ``at_once`` kernels at a time, each kernel
    started with its own environment (``widgets.notebooks.execute`` sets this process's)."""
    from nbclient import NotebookClient

    slots = asyncio.Semaphore(at_once)

    async def one(path: Path, env: dict[str, str]) -> nbformat.NotebookNode:
        notebook = nbformat.read(path, as_version=4)
        async with slots:
            client = NotebookClient(
                notebook,
                timeout=120,
                kernel_name="python3",
                resources={"metadata": {"path": str(path.parent)}},
            )
            await client.async_execute(env={**os.environ, **env})
        return notebook

    return await asyncio.gather(*(one(path, env) for _key, path, env in jobs))


# The demo persona's run is the committed workbooks themselves: nbval re-executes each against
# a fresh copy of the demo in the same `make test` and fails if any output differs, so running
# them here again would only double the time.
COMMITTED = "ml"


@pytest.fixture(scope="module")
def executed() -> Iterator[dict[tuple[str, str], nbformat.NotebookNode]]:
    """(track, workbook name) → the workbook executed against that track's persona: the
    software persona's run here, two kernels at a time (the machine has two cores), and the
    demo's as committed."""
    with contextlib.ExitStack() as stack:
        environments = {
            track: stack.enter_context(persona_environment(persona))
            for track, persona in PERSONAS.items()
            if track != COMMITTED
        }
        jobs = [(track, path, environments[track]) for track in environments for path in WORKBOOKS]
        # On a thread of its own: after the browser tests, Playwright keeps an event loop on
        # this one, where asyncio.run refuses to start.
        notebooks = run_async(lambda: _execute_all(jobs, at_once=2), timeout=900)
        found = {
            (track, path.name): nb for (track, path, _), nb in zip(jobs, notebooks, strict=True)
        }
        found.update(
            {(COMMITTED, path.name): nbformat.read(path, as_version=4) for path in WORKBOOKS}
        )
        yield found


def output_texts(notebook: nbformat.NotebookNode) -> list[str]:
    """The text/plain and the visible text of the text/html of every output, and every stream."""
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                texts.append(output.text)
            data = output.get("data", {})
            if "text/plain" in data:
                texts.append(data["text/plain"])
            if "text/html" in data:
                texts.append(visible_text(data["text/html"]))
            if "text/markdown" in data:
                texts.append(data["text/markdown"])
    return texts


def markdown_texts(notebook: nbformat.NotebookNode) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]


CASES = [(track, path) for track in PERSONAS for path in WORKBOOKS]
CASE_IDS = [f"{track}-{path.stem}" for track, path in CASES]


@pytest.mark.parametrize(("track", "path"), CASES, ids=CASE_IDS)
def test_runs_without_errors(executed, track, path):
    """Does the workbook run to the end on this persona, every call cell showing something, no
    traceback, no warning on stderr and no 'cannot show' notice?"""
    notebook = executed[track, path.name]
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kinds = [output.output_type for output in cell.outputs]
        assert "error" not in kinds, cell.source
        streams = [o.text for o in cell.outputs if o.output_type == "stream" and o.name == "stderr"]
        assert not streams, (cell.source, streams)
        if not cell.source.startswith("from "):
            assert cell.outputs, cell.source
    texts = output_texts(notebook)
    assert not [t for t in texts if "Cannot show" in t], texts


@pytest.mark.parametrize(("track", "path"), CASES, ids=CASE_IDS)
def test_no_text_of_the_other_track(executed, track, path):
    """Do the workbook's markdown and outputs, run on this persona, say nothing only the other
    track would read (the persona's own words aside)?"""
    own_words = persona_strings(PERSONAS[track])
    notebook = executed[track, path.name]
    texts = markdown_texts(notebook) + output_texts(notebook)
    hits = [
        hit
        for text in texts
        for hit in other_track_hits(without_persona_words(text, own_words), track)
    ]
    assert not hits, "\n".join(dict.fromkeys(hits))


# -- every page, built in-process: the whole widget tree -----------------------------------------

PAGES = [name for name in widgets.__all__ if name != "coach_session"]


def choice_labels() -> set[str]:
    """Options that name the other track on purpose: choosing a track, a framework, or a prompt
    of either track (an engineer may practise the other track's prompts; theirs come first)."""
    labels = {label for label, _ in tracks().choices()}
    labels |= {framework.name for framework in seeds.frameworks()}
    labels |= {prompt_label(prompt) for prompt in seeds.design_practice().all_prompts}
    return labels


def hidden(widget: w.Widget) -> bool:
    """Whether a browser hides the widget, and so everything in it: ``display: none`` or
    ``visibility: hidden`` on its layout (the profile hides a route's answers so)."""
    layout = getattr(widget, "layout", None)
    return getattr(layout, "display", None) == "none" or getattr(layout, "visibility", None) == (
        "hidden"
    )


def widget_texts(widget: w.Widget, offered: set[str]) -> Iterator[str]:
    """Every text of a widget tree a reader can see: values, descriptions, placeholders,
    tooltips, titles, alt texts and the labels of options (but not ``offered`` choices), none of
    a hidden widget or of what a hidden widget holds."""
    if hidden(widget):
        return
    for trait in ("description", "placeholder", "tooltip", "alt", "value"):
        value = getattr(widget, trait, None)
        if isinstance(value, str) and value:
            yield visible_text(value) if "<" in value else value
    for title in getattr(widget, "titles", ()) or ():
        if title:
            yield title
    for label in getattr(widget, "_options_labels", ()) or ():
        if label not in offered:
            yield label
    for child in getattr(widget, "children", ()) or ():
        yield from widget_texts(child, offered)


def entry_lists(widget: w.Widget) -> Iterator[EntryListPanel]:
    """The lists of entries in a widget tree, however deep a layout puts them."""
    if isinstance(widget, EntryListPanel):
        yield widget
        return
    for child in getattr(widget, "children", ()) or ():
        yield from entry_lists(child)


def every_entry_texts(page: w.Widget, offered: set[str]) -> list[str]:
    """The texts of every entry's editor and of a new entry's, in each list of entries on the
    page (a list shows one editor at a time: the others are only built when picked)."""
    texts = []
    for panel in entry_lists(page):
        if panel.readonly:
            continue
        for entry_id, _record in panel.entries():
            texts += widget_texts(panel.open_entry(entry_id), offered)
        texts += widget_texts(panel.new_entry(), offered)
    return texts


@pytest.fixture(scope="module", params=list(PERSONAS))
def built_pages(request) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """(track, page name → every text of the page), for the engineer and the read-only coach."""
    track = request.param
    offered = choice_labels()
    found: dict[str, list[str]] = {}
    with persona_environment(PERSONAS[track]) as env, pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        for readonly in ("", "1"):
            patch.setenv(current.READONLY_ENV, readonly)
            current.close_all()
            for name in PAGES:
                page = getattr(widgets, name)()
                assert not isinstance(page, ErrorNotice), (name, page.message)
                key = f"{name}{' (coach)' if readonly else ''}"
                found[key] = list(widget_texts(page, offered)) + every_entry_texts(page, offered)
                close_tree(page)
        current.close_all()
        session = widgets.coach_session()
        found["coach_session"] = [visible_text(session._repr_mimebundle_()["text/html"])]
        current.close_all()
    yield track, found


def test_every_page_has_text(built_pages):
    """Is the tree walk reading something (a walk that finds nothing would pass any check)?"""
    _track, found = built_pages
    assert set(found) >= set(PAGES) | {f"{name} (coach)" for name in PAGES} | {"coach_session"}
    # The export button is the engineer's alone: the coach's page shows nothing there.
    silent = [name for name, texts in found.items() if not texts]
    assert silent == ["export_growth_plan (coach)"], silent


def test_no_widget_of_the_other_track(built_pages):
    """Does no widget of any page, for the engineer or the coach,
    say what only the other track reads?"""
    track, found = built_pages
    own_words = persona_strings(PERSONAS[track])
    hits = [
        f"{name}: {hit}"
        for name, texts in found.items()
        for text in texts
        for hit in other_track_hits(without_persona_words(text, own_words), track)
    ]
    assert not hits, "\n".join(dict.fromkeys(hits))  # each once, however many entries show it


# -- the vocabulary itself ------------------------------------------------------------------------


# Step names of one track only that would read right on either: not the other track's vocabulary.
GENERIC_STEP_NAMES = {"API", "Deep dive", "High-level design", "Monitoring", "Serving"}


@pytest.mark.parametrize("track", list(TRACK_ONLY))
def test_vocabulary_separates_the_tracks(track):
    """Does each track's own design practice (step names and guides, rubric, its prompts) hit
    none of the other track's terms, while the other track's step names are caught?"""
    practice = seeds.design_practice().for_track(track)
    own = [s.name for s in practice.sections] + [d.name for d in practice.rubric]
    own += [q for s in practice.sections for q in s.guide]
    own += [text for d in practice.rubric for text in d.levels.values()]
    own += [p.title for p in practice.prompts if p.track == track]
    assert not [hit for text in own for hit in other_track_hits(text, track)]
    (other,) = OTHER[track]
    theirs = seeds.design_practice().for_track(other)
    only_theirs = {s.name for s in theirs.sections} - {s.name for s in practice.sections}
    assert only_theirs - GENERIC_STEP_NAMES
    missed = {name for name in only_theirs if not other_track_hits(name, track)}
    assert missed <= GENERIC_STEP_NAMES, missed


def test_personas_are_on_their_tracks():
    """Is each persona's profile on its track, and is every design session of theirs on a prompt,
    steps and rubric of that track (a renamed seed id would leave a persona's answers unseen)?"""
    for track, persona in PERSONAS.items():
        practice = seeds.design_practice().for_track(track)
        entries = json.loads(persona.read_text(encoding="utf-8"))["entries"]
        profile = next(e for e in entries if e["kind"] == "profile")
        assert profile["revisions"][-1]["data"]["track"] == track
        sessions = [e["revisions"][-1]["data"] for e in entries if e["kind"] == "design_session"]
        assert sessions
        for session in sessions:
            assert practice.prompt(session["prompt_id"]).track == track, session["prompt_id"]
            assert set(session["sections"]) <= {s.id for s in practice.sections}
            scored = set(session["self_scores"]) | set(session["coach_scores"])
            assert scored <= {d.id for d in practice.rubric}


def _seed_texts(item) -> list[str]:
    """Every text of a seed item a workbook can show (not its ids, tracks or sources)."""
    return list(strings_in(item.model_dump(), skip=("id", "sources", "tracks", "track")))


@pytest.mark.parametrize("track", list(PERSONAS))
def test_seeds_every_engineer_reads_name_no_other_track(track):
    """Are the seeds shown on every track (belief prompts, distortions, deep-dive probes that are
    not ML-only, story types) and the competencies of the track's framework free of the other
    track's vocabulary? A hit names the seed, so the fix is one line of YAML."""
    shown = {
        "belief prompt": seeds.belief_prompts().prompts,
        "distortion": seeds.distortions().distortions,
        "deep-dive probe": [
            q for q in seeds.deep_dives().questions if tracks().get(track).applies(q.tracks)
        ],
        "story type": seeds.deep_dives().story_types,
        "competency": next(f for f in seeds.frameworks() if f.track == track).competencies,
    }
    hits = [
        f"{kind} {item.id}: {hit}"
        for kind, items in shown.items()
        for item in items
        for text in _seed_texts(item)
        for hit in other_track_hits(text, track)
    ]
    assert not hits, "\n".join(hits)
