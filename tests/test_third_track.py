"""A third track, frontend & mobile, lands as data: every place a track touches reads its words
from ``seeds/tracks.yaml``, and no code compares a track id (issue 29).

The engineer here is on ``frontend_mobile``: the profile's choices, the project form's examples,
the depth guide, the design form, the reading list, the probes, and the overview, report and
coach templates must name them "frontend & mobile engineer", never "software engineer".
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

import widgets
from widgets.content import seeds, tracks
from widgets.content.routes import routes
from widgets.forms.base import close_tree
from widgets.readers.practice import track_practice
from widgets.readers.reading import reading_list, readings
from widgets.readers.stories import drill_questions
from widgets.storage import current
from widgets.storage.records import Profile, Project
from widgets.views.report import render_report

from .test_form_depth import open_every_part
from .test_tracks import every_entry_texts, visible_text, widget_texts

THIRD = "frontend_mobile"
NAME = "frontend & mobile engineer"
PACKAGE = Path(widgets.__file__).parent


@pytest.fixture
def frontend(journal, monkeypatch):
    """A journal whose engineer is on the frontend & mobile track, with a project."""
    monkeypatch.setenv("STEPUP_TODAY", "2026-03-02")
    journal.save(
        Profile(
            alias="Mina",
            track=THIRD,
            years_experience=6,
            current_level="mid",
            target_level="senior",
            target_date=dt.date(2026, 9, 1),
        )
    )
    journal.save(Project(name="Offline sync", goal="Field staff work without a connection."))
    return journal


def without_ladder_names(text: str) -> str:
    """The text without the ladders' own names ("framework: Software engineer"): a ladder an
    engineer rates against is named as its authors named it, whatever the track."""
    for framework in seeds.frameworks():
        text = text.replace(framework.name, " ")
    return text


def test_the_registry_holds_the_third_track_with_its_words():
    registry = tracks.tracks()
    assert THIRD in registry.ids()
    track = registry.get(THIRD)
    assert (track.name, track.sentence_name, track.label) == (
        NAME,
        "Frontend & mobile engineer",
        "frontend & mobile",
    )
    assert track.uses == [THIRD], "its own steps, rubric, drills, ladder and probes"
    for entry in registry.entries:
        assert entry.placeholders.project_name.startswith("e.g. "), entry.id
    names = [entry.name for entry in registry.entries]
    assert len(set(names)) == len(names), "each track has a name of its own"


def test_an_unknown_track_is_refused_and_a_saved_one_still_loads(journal):
    with pytest.raises(ValueError, match="track must be one of software, ml, frontend_mobile"):
        Profile(track="backend")
    for saved in ("ml", "software", THIRD):  # journals saved with either old id load unchanged
        assert Profile.model_validate({"track": saved}).track == saved
    assert tracks.of_profile(None).id == tracks.tracks().default
    assert tracks.of_profile(Profile(track="ml")).name == "ML engineer"


def test_every_place_a_track_touches_speaks_of_a_frontend_and_mobile_engineer(
    frontend, journal_path
):
    """Profile form, project form and depth guide, design form, reading list, probes, and the
    overview, report and coach templates: the third track's words, never the software ones."""
    texts: dict[str, str] = {}
    profile = widgets.profile_form()
    assert ("Frontend & mobile engineer", THIRD) in profile.track.options
    assert profile.track.value == THIRD
    texts["profile"] = repr(profile)
    assert "track: Frontend & mobile engineer" in texts["profile"]

    editor = open_every_part(widgets.project_deep_dives().editor)
    placeholders = tracks.tracks().get(THIRD).placeholders
    assert editor.name.placeholder == placeholders.project_name
    assert editor.stack.placeholder == placeholders.project_stack
    number = editor.depth.lists["numbers"].entries[0].controls
    assert number["metric"].placeholder == placeholders.metric
    ml_only = {a.id for a in seeds.deep_dives().depth.artefacts if THIRD not in a.tracks}
    assert ml_only and not ml_only & set(editor.depth.artefacts), "another track's artefacts"
    texts["projects"] = " ".join(widget_texts(editor, set()))

    probes = drill_questions(frontend, seeds.deep_dives().questions)
    assert probes and all(tracks.tracks().get(THIRD).applies(q.tracks) for q in probes)
    assert any(q.tracks == [THIRD] for q in probes), "its own probes"
    assert {q.id for q in probes} < {q.id for q in seeds.deep_dives().questions}

    practice = track_practice(frontend)
    assert practice.track == THIRD
    own_steps = {s.id for s in seeds.design_practice().all_sections if s.tracks == [THIRD]}
    assert own_steps and own_steps <= {s.id for s in practice.sections}, "its own design steps"
    assert not any("software" in s.tracks and THIRD not in s.tracks for s in practice.sections)
    assert practice.rubric and practice.drills
    design = widgets.design_practice()
    texts["design"] = " ".join(every_entry_texts(design, offered=set()))
    assert "Work through it" in texts["design"] or practice.sections[0].name in texts["design"]

    listed = reading_list(frontend)
    assert listed.track == THIRD
    page = widgets.reading_list()
    texts["reading"] = " ".join(widget_texts(page, set()))

    current.close_all()
    texts["coach"] = visible_text(widgets.coach_session()._repr_mimebundle_()["text/html"])
    texts["report.html"] = visible_text(render_report(frontend, "html", "me", charts="none"))
    texts["report.md"] = render_report(frontend, "md", "me")
    assert "Frontend & mobile engineer, 6 years" in texts["coach"]
    assert f"({NAME}, 6 years of experience)" in texts["report.html"]
    assert f"({NAME}, 6 years of experience)" in texts["report.md"]
    for page_ in (profile, editor, design, page):
        close_tree(page_)

    leaks = {
        where: match.group()
        for where, text in texts.items()
        for match in [re.search(r"software engineer", without_ladder_names(text), re.IGNORECASE)]
        if match
    }
    assert not leaks, leaks
    assert not re.search(r"\bML engineer\b", " ".join(texts.values()))


def test_readings_written_for_another_track_stay_on_it():
    """A reading whose title names machine learning is on the ML engineer's list only; one
    written for mobile engineers only on the third track's."""
    sources = [
        "https://example.org/machine-learning-system-design",
        "https://example.org/react-native-performance",
        "Martin Kleppmann, Designing Data-Intensive Applications (2017)",
    ]
    found = {
        track: {r.url or r.title for r in readings(sources, track)}
        for track in tracks.tracks().ids()
    }
    assert found["ml"] == {sources[0], sources[2]}
    assert found["software"] == {sources[2]}
    assert found[THIRD] == {sources[1], sources[2]}


def test_every_track_has_a_ladder_steps_a_rubric_and_drills():
    """A track added to the registry without content of its own still has everything workbooks
    02 and 04 need, through the tracks it uses."""
    frameworks = seeds.frameworks()
    practice = seeds.design_practice()
    for track in tracks.tracks().entries:
        assert tracks.fitting_frameworks(track, frameworks), track.id
        view = practice.for_track(track.id)
        assert view.sections and view.rubric and view.drills and view.prompts, track.id


def test_every_route_has_its_words():
    registry = routes()
    assert registry.ids() == ("interview", "promotion")
    assert registry.resolve(None).id == registry.default
    for route in registry.entries:
        assert route.name and route.sentence_name and route.label, route.id
        assert (
            route.sentence_name[0].isupper() and route.sentence_name.lower() == route.name.lower()
        )
    with pytest.raises(ValueError, match="route must be one of interview, promotion"):
        registry.check("sideways")


# -- no code branches on a track id ---------------------------------------------------------------

# A comparison in a template: `track == "ml"`, `"ml" != profile.track`, `track in ("ml", …)`.
_TEMPLATE_TEST = re.compile(
    r"""(==|!=|\bin\b)\s*[\(\[]?\s*["'](?P<a>[\w-]+)["']|["'](?P<b>[\w-]+)["']\s*(==|!=)"""
)


def _python_branches(path: Path, ids: set[str]) -> list[str]:
    """Each comparison, membership test or dict key in ``path`` that names a track id as a
    string literal (``track == "ml"``, ``x in ("ml", "software")``, ``{"ml": …}``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        literals: list[ast.AST] = []
        if isinstance(node, ast.Compare):
            literals = [node.left, *node.comparators]
            literals += [
                e
                for c in node.comparators
                if isinstance(c, (ast.Tuple, ast.List, ast.Set))
                for e in c.elts
            ]
        elif isinstance(node, ast.Dict):
            literals = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.Subscript):
            literals = [node.slice]
        for literal in literals:
            if isinstance(literal, ast.Constant) and literal.value in ids:
                found.append(f"{path.relative_to(PACKAGE)}:{literal.lineno}: {literal.value!r}")
    return found


def branches_on_track_ids(root: Path) -> list[str]:
    ids = set(tracks.tracks().ids())
    found = []
    for path in sorted(root.rglob("*.py")):
        found += _python_branches(path, ids)
    for path in sorted(root.rglob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _TEMPLATE_TEST.finditer(line):
                if (match["a"] or match["b"]) in ids:
                    found.append(f"{path.relative_to(PACKAGE)}:{number}: {match.group()}")
    return found


def test_no_code_branches_on_a_track_id():
    """Does no module or template of the package compare with, look up by or switch on a
    track's id? A track's differences are data in seeds/tracks.yaml."""
    assert branches_on_track_ids(PACKAGE) == []


def test_the_scan_finds_a_branch_on_a_track_id(tmp_path, monkeypatch):
    """The scan above can fail: a module and a template that branch on an id are caught."""
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)
    (tmp_path / "form.py").write_text(
        'def words(track):\n    if track == "ml":\n        return 1\n'
        'PLACEHOLDERS = {"software": "e.g."}\nok = track in ("ml", "software")\n'
    )
    (tmp_path / "page.html.j2").write_text(
        '{{ "ML engineer" if profile.track == "ml" else "software engineer" }}\n'
    )
    found = branches_on_track_ids(tmp_path)
    assert len(found) == 5, found
