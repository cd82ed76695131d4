"""An engineer going for promotion in place is never asked about an interview (issue 30).

Ines (``seeds/personas/promotion.json``) is on the promotion route only. Every page of every
workbook, built in-process for her and for her read-only coach (every widget's visible text, every
entry's editor), the workbooks' own prose, the coach's page and every growth-plan document (for
her, her coach and her manager; Markdown and HTML) is walked for the interview route's words. They
may appear only where the profile offers the routes to choose from and in the titles of cited
works. The pages' words come from the route's entry in ``seeds/routes.yaml``; no code compares a
route id (scanned here as tests/test_third_track.py scans for track ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nbformat
import pytest

import widgets
from widgets.content import seeds
from widgets.content.communication import communication
from widgets.content.resources import seeds_dir, workbooks_dir
from widgets.content.routes import of_profile, routes
from widgets.content.routes import words as route_words
from widgets.forms.base import ErrorNotice, close_tree
from widgets.notebooks import persona_environment
from widgets.readers.reading import reading
from widgets.storage import current
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.report import FORMATS, render_report

from .test_form_depth import open_every_part
from .test_third_track import PACKAGE, _python_branches
from .test_tracks import PAGES, choice_labels, entry_lists, visible_text, widget_texts

PERSONA = seeds_dir() / "personas" / "promotion.json"
WORKBOOKS = sorted(workbooks_dir().glob("*.ipynb"))

# The interview route's words, whole words in any case, with their plurals and forms; a network
# round trip and a feedback loop are not an interview's.
INTERVIEW_WORDS = re.compile(
    r"\b(interview(s|ed|ing|er|ers)?|(?<!feedback )loops?|rounds?(?![- ]trips?)|onsites?)\b",
    flags=re.IGNORECASE,
)

# What a page is known to say until fixed elsewhere: page (its coach copy too) → its exact words.
# Empty: the promotion persona reads no interview word anywhere but the route choice and cited
# titles. An entry no page says any more is stale (the test below fails on it).
EXPECTED_UNTIL_MERGE: dict[str, tuple[str, ...]] = {}
# Publishers the workbooks' prose cites a work of by name.
CITED_IN_PROSE = {"interviewing.io", "Hello Interview"}


def cited_titles() -> set[str]:
    """The titles of the works the seeds cite, as a reading list shows them, with the repository
    or site each is in: a cited work's title is its authors' ("System Design Interview"), not
    ours to reword."""
    sources = [s for f in seeds.frameworks() for c in f.competencies for s in c.sources]
    practice = seeds.design_practice()
    sources += [s for d in practice.all_rubric for s in d.sources]
    sources += [s for step in practice.all_sections for s in step.sources]
    sources += [s for p in seeds.belief_prompts().prompts for s in p.sources]
    talk = communication()
    sources += [s for item in [*talk.phrase_groups, *talk.habits] for s in item.sources]
    cited = {t for s in sources for t in (reading(s).title, reading(s).site, reading(s).url)}
    # What a source is cited for, in brackets after it: the source's own words.
    return cited | {note for source in sources for note in re.findall(r"\([^()]*\)$", source)}


def route_choices() -> set[str]:
    """The profile's route choice: each route named as a choice."""
    return {label for label, _ in routes().choices()}


def known_for(where: str) -> tuple[str, ...]:
    """The words ``where`` (a page, or its coach copy) is known to say until fixed elsewhere."""
    page = where.removesuffix(" (coach)")
    return EXPECTED_UNTIL_MERGE.get(page, ())


def hits(text: str, allowed: set[str]) -> list[str]:
    """Each interview word in ``text`` once the ``allowed`` texts are taken out, with context."""
    for words in sorted(filter(None, allowed), key=len, reverse=True):
        text = text.replace(words, " ")
    found = []
    for match in INTERVIEW_WORDS.finditer(text):
        start, end = max(match.start() - 60, 0), match.end() + 60
        found.append(f"{match.group()!r} in …{' '.join(text[start:end].split())}…")
    return found


def markdown_of_workbooks() -> dict[str, list[str]]:
    """Each workbook's own prose: its markdown cells."""
    return {
        path.stem: [
            cell.source
            for cell in nbformat.read(path, as_version=4).cells
            if cell.cell_type == "markdown"
        ]
        for path in WORKBOOKS
    }


def every_entry_texts(page, offered: set[str]) -> list[str]:
    """The texts of every entry's editor, each part of a project's depth recovery open, and of a
    new entry's, in each list of entries on the page."""
    texts = []
    for panel in entry_lists(page):
        if panel.readonly:
            continue
        for entry_id, _record in panel.entries():
            editor = panel.open_entry(entry_id)
            if hasattr(editor, "depth"):
                open_every_part(editor)
            texts += widget_texts(editor, offered)
        texts += widget_texts(panel.new_entry(), offered)
    return texts


def pages_of(offered: set[str]) -> Iterator[tuple[str, list[str]]]:
    """(page name, every text of the page) for the engineer, the read-only coach and the coach's
    page, in the current environment's journal."""
    for readonly in ("", "1"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(current.READONLY_ENV, readonly)
            current.close_all()
            for name in PAGES:
                page = getattr(widgets, name)()
                assert not isinstance(page, ErrorNotice), (name, page.message)
                texts = list(widget_texts(page, offered)) + every_entry_texts(page, offered)
                close_tree(page)
                yield f"{name}{' (coach)' if readonly else ''}", texts
    current.close_all()
    session = widgets.coach_session()
    yield "coach_session", [visible_text(session._repr_mimebundle_()["text/html"])]
    current.close_all()


def prompts_of(offered: set[str]) -> Iterator[tuple[str, list[str]]]:
    """(belief prompt, what workbook 01 shows once it is picked on a new thought record: the
    belief it fills in and the questions and experiments under it) for every prompt offered to
    the engineer. Walked last: each pick saves a record."""
    current.close_all()
    panel = widgets.thought_records()
    assert not isinstance(panel, ErrorNotice), panel.message
    bank = seeds.belief_prompts()
    for prompt_id in [value for _label, value in panel.new_entry().prompt.options]:
        if bank.by_id(prompt_id) is None:
            continue  # "My own belief"
        editor = panel.new_entry()
        editor.prompt.value = prompt_id
        yield f"belief prompt {prompt_id}", list(widget_texts(editor, offered))
    close_tree(panel)
    current.close_all()


def documents_of(journal: Journal) -> Iterator[tuple[str, str]]:
    """(document, its text) for every audience and format, charts left out (their words are the
    pages' own)."""
    from widgets.content.audiences import audience_ids

    for audience in audience_ids():
        for fmt in FORMATS:
            text = render_report(journal, fmt, audience, charts="none")
            yield (
                f"growth plan for {audience} ({fmt})",
                visible_text(text) if fmt == "html" else text,
            )


@pytest.fixture(scope="module")
def walked() -> dict[str, list[str]]:
    """Where → the texts there, for the promotion-only persona: every page, the coach's page,
    every document, the workbooks' prose and every belief prompt offered, picked."""
    found: dict[str, list[str]] = {
        f"{name}.ipynb prose": texts for name, texts in markdown_of_workbooks().items()
    }
    offered = choice_labels() | route_choices()
    with persona_environment(PERSONA) as env, pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        found.update(pages_of(offered))
        with Journal(env[current.JOURNAL_ENV]) as journal:
            found.update({name: [text] for name, text in documents_of(journal)})
        found.update(prompts_of(offered))
    return found


def persona_profile() -> Profile:
    """Ines's profile, as her journal holds it."""
    with persona_environment(PERSONA) as env, Journal(env[current.JOURNAL_ENV]) as journal:
        profile = journal.record(Profile.kind)
    assert profile is not None
    return profile


def test_the_persona_is_on_the_promotion_route_only():
    """Is Ines's profile on one route, whose words are not the interview's (or the walk below
    would prove nothing)?"""
    profile = persona_profile()
    assert not profile.interviews
    assert profile.promotion_cycle.calibration_on and len(profile.past_ratings) >= 3
    (route,) = of_profile(profile)
    assert not INTERVIEW_WORDS.search(" ".join(route.words.model_dump().values()))


def test_the_walk_reads_every_page_document_and_workbook(walked):
    """Is the walk reading something everywhere (a walk that finds nothing passes any check)?"""
    assert {f"{name} (coach)" for name in PAGES} <= set(walked)
    assert {f"growth plan for manager ({fmt})" for fmt in FORMATS} <= set(walked)
    assert {f"{path.stem}.ipynb prose" for path in WORKBOOKS} <= set(walked)
    profile = persona_profile()
    offered = {p.id for p in seeds.belief_prompts().prompts if p.offered_to(profile)}
    assert {name.removeprefix("belief prompt ") for name in walked if "prompt " in name} == offered
    assert all("Questions to test it" in " ".join(walked[f"belief prompt {i}"]) for i in offered)
    silent = [name for name, texts in walked.items() if not "".join(texts).strip()]
    assert silent == ["export_growth_plan (coach)"], silent


def test_no_page_or_document_speaks_of_an_interview(walked):
    """Does no page, coach page, document or workbook prose use the interview route's words for
    an engineer on the promotion route only (the route choice and cited titles aside)?"""
    allowed = route_choices() | cited_titles() | CITED_IN_PROSE
    found = [
        f"{where}: {hit}"
        for where, texts in walked.items()
        for text in texts
        for hit in hits(text, allowed | set(known_for(where)))
    ]
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_expected_until_merge_sentence_is_still_said(walked):
    """An entry of EXPECTED_UNTIL_MERGE no page says any more is stale: delete it."""
    stale = [
        (page, words)
        for page, said in EXPECTED_UNTIL_MERGE.items()
        for words in said
        if not any(words in text for text in walked.get(page, []))
    ]
    assert stale == []


def test_the_walk_finds_an_interview_word():
    """The check can fail: each word, in any case and form, is caught; an allowed title is not."""
    for text in ("the Interview", "your loop", "the interviewers", "a second round", "Onsite"):
        assert hits(text, set()), text
    assert not hits("Cracking the Coding Interview, ch. 9", {"Cracking the Coding Interview"})
    assert not hits("grounded, looped, surround, a round trip, feedback loops", set())
    assert hits("the loop", {"", None}), "an empty allowed text must not blank the text out"


def test_no_code_branches_on_a_route_id():
    """Does no module of the package compare with, or look up by, a route's id? A route's
    differences are its words in seeds/routes.yaml."""
    ids = set(routes().ids())
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _python_branches(path, ids)]
    assert found == []


def test_the_pages_speak_the_promotion_routes_words(walked):
    """Do the check-in, 03's drill and story gaps use the promotion route's words (not merely
    none of the interview's)?"""
    said = {where: " ".join(texts) for where, texts in walked.items()}
    assert "How ready you feel for calibration this week" in said["weekly_checkins"]
    assert "as you would in the design review at work" in said["project_deep_dives"]
    assert "how reviewers ask" in said["story_bank"]


def test_an_engineer_on_both_routes_reads_both_routes_words():
    """Each route's words once, in the registry's order; the default route's for no profile."""
    both = Profile(routes=["promotion", "interview"])
    assert route_words(both, "milestone") == "the interview or calibration"
    assert route_words(None, "live_setting") == "in the room"
    assert route_words(Profile(routes=["promotion"]), "askers") == "reviewers"


def _offered(journal_path, route_ids, record=None) -> set[str]:
    """The belief prompts workbook 01 offers an engineer on ``route_ids`` (for ``record``)."""
    from widgets.forms.thought_record import ThoughtRecordEditor

    with Journal(journal_path) as journal:
        journal.save(Profile(routes=route_ids))
        editor = ThoughtRecordEditor(
            journal, seeds.distortions(), seeds.belief_prompts(), record=record
        )
        offered = {value for _label, value in editor.prompt.options}
        close_tree(editor)
    return offered


def test_belief_prompts_follow_the_engineers_routes(journal_path):
    """A prompt with ``routes`` is offered on those routes only; one without, on every route; a
    record that started from one keeps it offered, whatever the routes now."""
    from widgets.storage.records import ThoughtRecord

    prompts = seeds.belief_prompts().prompts
    routed = {p.id for p in prompts if p.routes}
    assert routed and all(INTERVIEW_WORDS.search(p.belief) for p in prompts if p.id in routed)
    for route in routes().entries:
        offered = _offered(journal_path, [route.id])
        assert {p.id for p in prompts if not p.routes} <= offered
        assert {p.id for p in prompts if route.id in p.routes} <= offered
        assert not {p.id for p in prompts if p.routes and route.id not in p.routes} & offered
    kept = next(iter(sorted(routed)))
    others = [
        r.id
        for r in routes().entries
        if r.id not in next(p for p in prompts if p.id == kept).routes
    ]
    record = ThoughtRecord(prompt_id=kept, belief="x", recorded_on="2027-03-01")
    assert kept in _offered(journal_path, others, record)


def test_a_hidden_widget_says_nothing():
    """The walk reads what a browser shows: nothing of a widget hidden, or inside one."""
    import ipywidgets as w

    from .test_tracks import hidden

    shown = w.VBox([w.Label("the loop")])
    assert hits(" ".join(widget_texts(shown, set())), set())
    for layout in ({"display": "none"}, {"visibility": "hidden"}):
        box = w.VBox([w.Label("the loop")], layout=layout)
        assert hidden(box) and list(widget_texts(w.VBox([box]), set())) == []
