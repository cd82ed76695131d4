"""Every page in the pseudo-locale, with a persona whose own words are marked (issue 32).

Under ``en-XA`` every sentence that went through the catalogue (or a seed's overlay) comes out
accented; a plain English word left on a page is a sentence nobody wrapped, or one glued from
pieces. The persona is the demo one with every word she typed marked (tests/marked_persona.py),
so her words are taken off each page before the check; so are Step Up's own name, the works the
seeds cite (their ``sources``, which the pseudo-locale leaves as written on purpose) and dates as
CLDR writes them ("7 Dec 2026"). No word of the UI is allowed anywhere.

Pages: every workbook, run top to bottom in one kernel each (``STEPUP_LANG=en-XA``, the marked
journal), what its widgets show (every model's text, HTML, labels, options, tooltips, alt texts)
and its other outputs; the coach's page (coach_view.ipynb, read-only); the roster and a mentee's
page; and every document, through the command line: ``stepup report`` for every audience in both
formats, the promotion case, and the snapshot (``stepup share --dry-run``, ``--out``, ``--show``).
Each page is its own test, and its failure lists every line with plain English left.

It takes minutes (a kernel per workbook). ``PSEUDO_PAGES`` runs some of the pages only: names or
their beginnings, between commas (``PSEUDO_PAGES=05,coach_view,report --audience manager``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import io
import os
import re
import time
from pathlib import Path

import babel.dates
import pytest
import yaml

from widgets import cli, i18n, settings
from widgets.content.resources import seeds_dir, workbooks_dir
from widgets.i18n_pseudo import NOT_TEXT
from widgets.notebooks import _execute_all
from widgets.readers.audience import AUDIENCES
from widgets.storage import clock, current
from widgets.storage.transfer import demo_date, import_journal
from widgets.views.roster import RosterReader, mentee_page, roster_page

from .marked_persona import MARK, marked_persona_text, unmarked
from .untranslated import english_lines, english_words, visible_text

pytestmark = [pytest.mark.slow]
PSEUDO = "en-XA"
WORKBOOKS = sorted(path.name for path in workbooks_dir().glob("*.ipynb"))
COACH_VIEW = "coach_view.ipynb"
AT_ONCE = 2  # kernels side by side (the machine's cores are shared)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# Widget models that hold no words (sizes, colours), and the keys of any model that hold ids,
# CSS, code or numbers rather than words.
NO_WORDS_MODELS = re.compile(r"(Layout|Style)Model$")
NO_WORDS_KEYS = frozenset(
    (
        "_esm",
        "_css",
        "_anywidget_id",
        "_dom_classes",
        "layout",
        "style",
        "children",
        "icon",
        "button_style",
        "bar_style",
        "orientation",
        "description_width",
        "max_width",
        "min_width",
        "width",
        "height",
        "min",
        "max",
        "chosen",
        "text_color",
        "font_weight",
        "font_size",
        "tabbable",
        "value_ids",
    )
)
# Keys ipywidgets shows as they are (a one-word label there is a word a reader sees); any other
# trait is the widget's own, where a lone lower-case word is an id it holds (a level, a
# distortion, a route: "senior", "labeling"), shown only through its label.
SHOWN_AS_IS = frozenset(
    ("description", "placeholder", "tooltip", "value", "_options_labels", "_titles", "label")
)
ID = re.compile(r"^[a-z][a-z0-9_]*$")
DOCUMENTS = [
    *(
        f"report --audience {audience} --format {fmt}"
        for audience in AUDIENCES
        for fmt in ("html", "md")
    ),
    *(f"report --document promotion-case --format {fmt}" for fmt in ("html", "md")),
    "share --dry-run",
    "share --out FILE",
    "share --show FILE",
]
ALL_PAGES = [*WORKBOOKS, "roster", "roster: a mentee's page", *DOCUMENTS]


def _chosen(name: str) -> bool:
    """Whether ``PSEUDO_PAGES`` (names or their beginnings, between commas) chooses the page;
    every page when it is unset."""
    wanted = [part.strip() for part in os.environ.get("PSEUDO_PAGES", "").split(",")]
    wanted = [part for part in wanted if part]
    return not wanted or any(name.startswith(part) for part in wanted)


PAGES = [name for name in ALL_PAGES if _chosen(name)]


# Seed keys whose values are cited works (author, title, journal): the pseudo-locale leaves them
# as written on purpose (widgets/i18n_pseudo.py's NOT_TEXT), and so do the pages.
CITED = frozenset(("source", "sources")) & NOT_TEXT


def _cited(value, key: str = "") -> set[str]:
    if isinstance(value, dict):
        return set().union(set(), *(_cited(item, name) for name, item in value.items()))
    if isinstance(value, list):
        return set().union(set(), *(_cited(item, key) for item in value))
    if not (isinstance(value, str) and key in CITED and " " in value):
        return set()
    # The part of the work cited (a section's heading, in brackets) is shown beside the work's
    # title: written as the work writes it, too.
    return {value, *(part for part in re.findall(r"\(([^()]+)\)", value) if " " in part)}


@functools.cache
def cited_works() -> tuple[str, ...]:
    """Every work the seeds cite, longest first (a shorter one may be part of a longer)."""
    works: set[str] = set()
    for path in seeds_dir().glob("*.yaml"):
        works |= _cited(yaml.safe_load(path.read_text(encoding="utf-8")))
    return tuple(sorted(works, key=len, reverse=True))


@functools.cache
def _dates() -> re.Pattern:
    """A month or day name of CLDR's (the pseudo-locale's locale) beside a number: a date Babel
    wrote, not a word of Step Up's ("7 Dec 2026", "Monday 7 December")."""
    locale = i18n.babel_locale(PSEUDO)
    names = set()
    for width in ("abbreviated", "wide"):
        names |= set(babel.dates.get_month_names(width, locale=locale).values())
        names |= set(babel.dates.get_day_names(width, locale=locale).values())
    either = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<=\d )(?:{either})\b|\b(?:{either})(?= \d)")


@functools.cache
def _language_names() -> re.Pattern:
    """A line that is a language's name in itself, as a choice of language offers it
    ("English"): never translated, on purpose."""
    names = sorted((re.escape(language.name) for language in i18n.languages()), key=len)
    return re.compile(rf"^[ \t]*(?:{'|'.join(reversed(names))})[ \t]*$", re.MULTILINE)


def others_words_removed(text: str) -> str:
    """``text`` without what is not Step Up's to translate: the persona's own (marked) words,
    the works the seeds cite, dates as CLDR writes them, Step Up's name, and a language's name in
    itself on a line of its own (a choice of language). Nothing else is allowed: no word of the
    UI is listed anywhere."""
    text = _language_names().sub(" ", unmarked(text))
    for work in cited_works():
        text = text.replace(work, " ")
    return _dates().sub(" ", text).replace("Step Up", " ")


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [] if value.startswith("IPY_MODEL_") else [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    return []


def widget_text(notebook) -> str:
    """What a reader sees of an executed notebook: its widgets' words (from the widget state the
    kernel left), its HTML, and its plain-text outputs where nothing richer is shown."""
    parts: list[str] = []
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        fields = model["state"]
        if NO_WORDS_MODELS.search(fields.get("_model_name", "")):
            continue
        for key, value in fields.items():
            if key in NO_WORDS_KEYS or (
                key.startswith("_") and key not in ("_options_labels", "_titles")
            ):
                continue
            texts = _strings(value)
            if key not in SHOWN_AS_IS:  # a widget's own trait: a lone id is a value, not a word
                texts = [text for text in texts if not ID.match(text)]
            parts += [visible_text(text) if "<" in text else text for text in texts]
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                parts.append(f"(error) {output.ename}: {output.evalue}")
            elif output.output_type == "stream":
                parts.append(output.text)
            else:
                data = output.get("data", {})
                if "text/html" in data:
                    parts.append(visible_text("".join(data["text/html"])))
                elif WIDGET_VIEW not in data and "text/plain" in data:
                    parts.append("".join(data["text/plain"]))
    return "\n".join(part for part in parts if part.strip())


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        patch.delenv(settings.CHOSEN_LANGUAGE_ENV, raising=False)
        current.close_all()
        try:
            yield
        finally:
            current.close_all()


def _cli(argv: list[str]) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(argv)
    assert status == 0, f"stepup {' '.join(argv)}: {err.getvalue()}"
    return out.getvalue() + "\n" + err.getvalue()


def _document_text(name: str, printed: str) -> str:
    return visible_text(printed) if "--format html" in name else printed


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """Every page's visible text in the pseudo-locale, on the marked persona."""
    folder = tmp_path_factory.mktemp("pseudo-pages")
    persona = marked_persona_text()
    today = demo_date(persona)
    journals = {}
    for name in WORKBOOKS:  # one fresh journal per kernel: a workbook may save as it opens
        journals[name] = folder / f"{Path(name).stem}.sqlite"
        import_journal(persona, journals[name], source="the marked persona")
    env = {settings.LANGUAGE_ENV: PSEUDO, clock.TODAY_ENV: today}
    chosen = [name for name in WORKBOOKS if name in PAGES]
    jobs = [
        (
            workbooks_dir() / name,
            {
                **env,
                current.JOURNAL_ENV: str(journals[name]),
                **({current.READONLY_ENV: "1"} if name == COACH_VIEW else {}),
            },
        )
        for name in chosen
    ]
    started = time.monotonic()
    # In a thread of its own: in the whole suite, Playwright's sync API keeps an event loop
    # running in this one, where asyncio.run() is refused.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        executed = pool.submit(asyncio.run, _execute_all(jobs, AT_ONCE)).result()
    seen = {name: widget_text(notebook) for name, notebook in zip(chosen, executed, strict=True)}
    kernels_s = time.monotonic() - started

    journal = folder / "journal.sqlite"
    import_journal(persona, journal, source="the marked persona")
    roster = folder / "roster"
    roster.mkdir()
    snapshot = roster / "asha.json"
    with _environment({**env, current.JOURNAL_ENV: str(journal)}):
        for name in (name for name in DOCUMENTS if name in PAGES):
            argv = name.split()
            if argv[0] == "report":
                argv += ["--lang", PSEUDO]
            argv = [str(snapshot) if arg == "FILE" else arg for arg in argv]
            seen[name] = _document_text(name, _cli(argv))
        if not snapshot.exists():  # the roster's mentee, when the snapshot's page is not chosen
            _cli(["share", "--out", str(snapshot)])
        (roster / "asha.sqlite").write_bytes(journal.read_bytes())
        with i18n.use(PSEUDO):
            reader = RosterReader(roster)
            if "roster" in PAGES:
                seen["roster"] = visible_text(roster_page(reader.read(clock.today()), "T"))
            if "roster: a mentee's page" in PAGES:
                seen["roster: a mentee's page"] = visible_text(
                    mentee_page(reader, snapshot.name, "T")
                )
    print(
        f"\npseudo-locale pages: kernels {kernels_s:.1f} s, all {time.monotonic() - started:.1f} s"
    )
    return seen


def english_left(text: str) -> list[str]:
    """The lines of a page with plain English left once the words of others are taken off."""
    return english_lines(others_words_removed(text))


def test_what_is_taken_off_a_page_and_what_is_caught():
    """Guards the check itself, on sentences of its own: her marked words, a date as CLDR writes
    it, Step Up's name and a cited work are taken off, each alone and all in one sentence; the
    plain English beside them is caught, a month's name too when no number is beside it."""
    assert english_words("save your answer, May") == ["save", "your", "answer", "May"]
    hers = f"{MARK}Her {MARK}words"
    date = "7 Dec 2026"
    work = cited_works()[-1]
    english = i18n.language(i18n.source()).name
    for others in (hers, date, "Step Up", work, f"\n{english}\n"):
        assert english_words(others_words_removed(others)) == [], others
        page = f"{others}: save your answer, May"
        assert english_words(others_words_removed(page)) == ["save", "your", "answer", "May"]
    page = f"{hers}; {date}; Step Up; {work}: save your answer, May"
    assert english_words(others_words_removed(page)) == ["save", "your", "answer", "May"]
    unmarked_words = "Her words: save your answer"  # not hers unless marked
    assert english_words(others_words_removed(unmarked_words))[:2] == ["Her", "words"]
    in_a_sentence = f"Written in {english}"  # a language's name is taken off alone only
    assert english_words(others_words_removed(in_a_sentence)) == ["Written", "in", english]


def test_the_check_sees_the_marked_persona_and_the_pseudo_locale(pages):
    """Guards the test itself: her marked words reached the pages (else nothing was taken off)
    and the pages are in the pseudo-locale (of those ``PSEUDO_PAGES`` chose)."""
    for name in ("01_limiting_beliefs.ipynb", COACH_VIEW, "report --audience me --format html"):
        if name in pages:
            assert MARK in pages[name], f"{name}: none of her marked words"
    accented = re.compile(r"[áƀçđéĝĥíķļñóŕšţúýž]")
    for name in (*WORKBOOKS, "report --audience me --format html"):  # seeds are accented
        if name in pages:
            assert accented.search(pages[name]), f"{name}: nothing in the pseudo-locale"


@pytest.mark.parametrize("name", PAGES)
def test_no_plain_english_is_left_on_the_page(pages, name):
    left = english_left(pages[name])
    assert not left, f"{name}: {len(left)} lines with plain English:\n" + "\n".join(
        f"  {line[:160]}" for line in left
    )
