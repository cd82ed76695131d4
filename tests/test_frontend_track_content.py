"""The frontend & mobile track's content (issue 29, item 1): prompts, steps, rubric, drills,
framework, deep-dive probes and reading, loaded through the package's own loaders and models."""

from __future__ import annotations

import re

import pytest

from widgets.content import seeds, tracks
from widgets.readers.reading import reading, readings

from .test_tracks import TRACK_ONLY

TRACK = "frontend_mobile"
# The six design prompts issue 29 names, by id.
REQUIRED_PROMPTS = {
    "offline_sync": "offline sync and conflict resolution",
    "design_system": "a design system across platforms",
    "app_startup": "app start-up performance",
    "image_pipeline": "an image and media pipeline",
    "client_caching": "client-side caching and API shape",
    "app_release": "release and rollout on the app stores",
}
# A number a senior answer quotes → the page that publishes it, which the prompt must cite.
PUBLISHED_NUMBERS = {
    "5 seconds": "https://developer.android.com/google/play/vitals/launch-time",
    "2.5 s": "https://web.dev/articles/vitals",
    "200 ms": "https://web.dev/articles/vitals",
    "1, 2, 5, 10, 20, 50": "https://developer.apple.com/help/app-store-connect/update-your-app/release-a-version-update-in-phases",
    "25-34%": "https://developers.google.com/speed/webp",
}


def own_prompts() -> list[seeds.DesignPrompt]:
    return [p for p in seeds.design_practice().all_prompts if p.track == TRACK]


def framework() -> seeds.Framework:
    return next(f for f in seeds.frameworks() if f.track == TRACK)


def own_questions() -> list[seeds.DeepDiveQuestion]:
    return [q for q in seeds.deep_dives().questions if q.tracks == [TRACK]]


def own_artefacts() -> list[seeds.DepthArtefact]:
    return [a for a in seeds.deep_dives().depth.artefacts if a.tracks == [TRACK]]


def cited_sources() -> list[str]:
    """Every source the track's content cites: prompts, steps, rubric, drills, framework, probes."""
    practice = seeds.design_practice().for_track(TRACK)
    sources = [s for p in own_prompts() for s in [*p.sources, *p.at_the_crux.sources]]
    sources += [
        s for item in [*practice.sections, *practice.rubric, *practice.drills] for s in item.sources
    ]
    sources += [s for c in framework().competencies for s in c.sources]
    sources += [s for item in [*own_questions(), *own_artefacts()] for s in item.sources]
    return sources


def test_the_track_loads_through_the_package_loaders():
    practice = seeds.design_practice().for_track(TRACK)
    steps = [s.id for s in practice.sections]
    assert steps[0] == "requirements" and steps[-1] == "iteration"
    assert {"fm_architecture", "fm_data_model", "fm_interface", "fm_deep_dive"} <= set(steps)
    assert sum(s.suggested_minutes for s in practice.sections) <= seeds.DESIGN_MINUTES
    rubric = [d.id for d in practice.rubric]
    assert {"driving", "clarity", "fm_performance", "fm_release_ops"} <= set(rubric)
    assert not {"tradeoffs", "apis_and_data", "metrics_eval"} & set(rubric), "other tracks' wording"
    assert len(practice.drills) >= 8 and all(d.track == TRACK for d in practice.drills)
    assert practice.prompts[: len(own_prompts())] == own_prompts(), "the track's own prompts first"
    built = framework()
    assert built.id == TRACK and 10 <= len(built.competencies) <= 14
    assert [c.id for c in built.competencies][:2] == ["client_platform", "client_performance"]
    assert built.level_ids() == ["junior", "mid", "senior", "staff"]


def test_the_six_named_prompts_are_there_each_at_a_senior_bar():
    prompts = {p.id: p for p in own_prompts()}
    assert set(REQUIRED_PROMPTS) <= set(prompts) and len(prompts) >= 10
    for prompt in prompts.values():
        crux = prompt.at_the_crux
        assert crux and crux.sources and prompt.sources, prompt.id
        assert crux.mid != crux.senior and prompt.brief != prompt.crux, prompt.id
        assert "ask" in crux.mid, f"{prompt.id}: the mid answer handles the hard part when asked"
        assert re.search(r"unprompted|before being asked|\bfirst\b|at the start", crux.senior), (
            f"{prompt.id}: the senior answer raises it without being asked"
        )
        assert len(crux.senior) > len(crux.mid), f"{prompt.id}: a senior answer adds something"


def test_each_published_number_is_cited_where_it_is_quoted():
    """A senior answer that quotes a threshold or a schedule cites the page that publishes it."""
    quoted = 0
    for prompt in own_prompts():
        cited = {*prompt.sources, *prompt.at_the_crux.sources}
        for number, page in PUBLISHED_NUMBERS.items():
            if number in prompt.at_the_crux.senior:
                quoted += 1
                assert page in cited, f"{prompt.id} quotes {number!r} without citing {page}"
    assert quoted >= len(PUBLISHED_NUMBERS)


def test_every_cited_address_has_a_title():
    titles = seeds.reading_titles()
    linked = {found.url for found in map(reading, cited_sources()) if found.url}
    assert len(linked) >= 10
    assert sorted(linked - set(titles)) == [], "cited without a title in reading_titles.yaml"


def test_the_track_has_its_own_reading():
    """The reading a gap on a client competency sends the engineer to: the platform owners'
    pages, none of them an ML guide."""
    for competency in framework().competencies[:2]:
        found = readings(list(competency.sources), TRACK)
        urls = {r.url for r in found}
        assert found and all(r.title for r in found), competency.id
        assert not [
            r for r in found if re.search(r"machine[-_ ]learning|MLSD", r.title, re.IGNORECASE)
        ]
        assert urls & {
            "https://web.dev/articles/vitals",
            "https://www.inkandswitch.com/essay/local-first/",
        }


def test_the_track_has_its_own_deep_dive_probes():
    """Probes that differ for a frontend & mobile engineer are marked for that track: shown to
    it (with the probes every track shares) and to no other track."""
    questions, artefacts = own_questions(), own_artefacts()
    assert len(questions) >= 5 and len(artefacts) >= 3
    assert all(q.tracks == [TRACK] for q in [*questions, *artefacts])
    other = tracks.tracks().get("software")
    assert not any(other.applies(q.tracks) for q in [*questions, *artefacts])


def test_a_broken_probe_is_refused_by_the_model():
    broken = own_questions()[0].model_dump() | {"sources": []}
    with pytest.raises(ValueError, match="sources"):
        seeds.DeepDiveQuestion.model_validate(broken)


def test_no_text_of_the_other_tracks():
    """The steps, rubric and prompt titles a frontend engineer practises use neither the ML
    track's vocabulary nor the backend track's."""
    practice = seeds.design_practice().for_track(TRACK)
    texts = [s.name for s in practice.sections] + [q for s in practice.sections for q in s.guide]
    texts += [d.name for d in practice.rubric] + [
        t for d in practice.rubric for t in d.levels.values()
    ]
    texts += [p.title for p in own_prompts()]
    hits = [
        (pattern, text)
        for text in texts
        for pattern in [*TRACK_ONLY["ml"], *TRACK_ONLY["software"]]
        if re.search(pattern, text, flags=re.IGNORECASE)
    ]
    assert not hits, hits
