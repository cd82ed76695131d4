"""Workbook 04's design prompts (issue 31): ML prompts as senior rounds ask them today, and a mid
vs senior contrast on every prompt that carries numbers and says what supports it."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from widgets.content import seeds
from widgets.content.resources import seeds_dir
from widgets.content.seeds import ContentError
from widgets.readers.reading import reading

# The six ML prompts issue 31 asks for, by id.
NEW_ML_PROMPTS = {
    "llm_serving",
    "rag_assistant",
    "embedding_search",
    "ml_platform",
    "ads_retrieval_ranking",
    "stream_abuse",
}
TARO = "https://www.jointaro.com/course/master-the-machine-learning-interview-as-a-software-engineer/level-specific-expectations"
# Huyen's chapter titles, as two copies of the book's table of contents give them.
HUYEN_CHAPTERS = {
    "ch. 1 Overview of Machine Learning Systems",
    "ch. 2 Introduction to Machine Learning Systems Design",
    "ch. 3 Data Engineering Fundamentals",
    "ch. 4 Training Data",
    "ch. 5 Feature Engineering",
    "ch. 6 Model Development and Offline Evaluation",
    "ch. 7 Model Deployment and Prediction Service",
    "ch. 8 Data Distribution Shifts and Monitoring",
    "ch. 9 Continual Learning and Test in Production",
    "ch. 10 Infrastructure and Tooling for MLOps",
    "ch. 11 The Human Side of Machine Learning",
}
HUYEN = "Chip Huyen, Designing Machine Learning Systems (O'Reilly, 2022), "
# A term a contrast uses → the page that documents it, which the contrast must cite.
DOCUMENTED = {
    "429": "https://developer.mozilla.org/docs/Web/HTTP/Status/429",
    "Retry-After": "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3",
    "INCR": "https://redis.io/commands/incr",
    "PagedAttention": "arxiv.org/abs/2309.06180",
    "4·d + 8·M": "https://github.com/facebookresearch/faiss/wiki/Guidelines-to-choose-an-index",
    "point-in-time joins": "feast-dev/feast docs/getting-started/concepts/point-in-time-joins.md",
}
NUMBER = re.compile(r"\d[\d,.]*")


def prompts() -> list[seeds.DesignPrompt]:
    return seeds.design_practice().all_prompts


def prompt(prompt_id: str) -> seeds.DesignPrompt:
    found = seeds.design_practice().prompt(prompt_id)
    assert found, prompt_id
    return found


def contrast_sources(item: seeds.DesignPrompt) -> list[str]:
    return list(item.at_the_crux.sources)


def test_the_six_new_ml_prompts_exist_on_the_ml_track():
    found = {p.id: p for p in prompts() if p.id in NEW_ML_PROMPTS}
    assert set(found) == NEW_ML_PROMPTS
    assert {p.track for p in found.values()} == {"ml"}
    ml = [p.id for p in seeds.design_practice().prompts_for("ml")]
    assert len([p for p in prompts() if p.track == "ml"]) >= 18
    assert NEW_ML_PROMPTS <= set(ml[:18]), "the ML engineer sees them among the track's own"


@pytest.mark.parametrize("track", ["ml", "software", "frontend_mobile"])
def test_every_prompt_has_a_contrast_whose_senior_side_has_numbers(track):
    own = [p for p in prompts() if p.track == track]
    assert own
    for item in own:
        crux = item.at_the_crux
        assert crux is not None, item.id
        numbers = set(NUMBER.findall(crux.senior))
        assert len(numbers) >= 2, f"{item.id}: a senior answer quantifies ({numbers})"
        assert len(crux.senior) > len(crux.mid), item.id
        assert "ask" in crux.mid, f"{item.id}: the mid answer handles the hard part when asked"


def test_every_contrast_cites_a_work_or_says_it_is_our_judgement():
    for item in prompts():
        crux = item.at_the_crux
        assert crux.sources or crux.judgement == "ours", item.id
        assert TARO not in crux.sources, f"{item.id}: Taro's page does not contain this contrast"
        assert all(reading(s).title.strip() for s in crux.sources), item.id


def test_a_book_is_cited_only_for_what_can_be_checked():
    """Huyen by a chapter title that two copies of the contents agree on; Aminian & Xu, whose
    chapter list is unconfirmed, never."""
    cited = [s for p in prompts() for s in [*p.sources, *p.at_the_crux.sources]]
    huyen = [s.removeprefix(HUYEN) for s in cited if s.startswith(HUYEN)]
    assert len(huyen) >= 6
    assert set(huyen) <= HUYEN_CHAPTERS, set(huyen) - HUYEN_CHAPTERS
    assert not [s for s in cited if "Aminian" in s]


def test_a_documented_term_cites_its_page():
    quoted = 0
    for item in prompts():
        cited = " ".join([*item.sources, *item.at_the_crux.sources])
        for term, page in DOCUMENTED.items():
            if term in item.at_the_crux.senior:
                quoted += 1
                assert page in cited, f"{item.id} uses {term!r} without citing {page}"
    assert quoted >= len(DOCUMENTED)


def test_the_rate_limiter_names_the_race_the_client_contract_and_hot_keys():
    senior = prompt("rate_limiter").at_the_crux.senior
    assert "429" in senior and "Retry-After" in senior
    assert "race" in senior and "atomic" in senior and "INCR" in senior
    assert "hot key" in senior
    assert "read" in prompt("rate_limiter").at_the_crux.mid, "the mid answer reads then writes"


def test_feed_ranking_has_a_retrieval_stage_and_a_budget_per_stage():
    item = prompt("feed_ranking")
    senior = item.at_the_crux.senior
    assert "Candidate generation" in senior
    budgets = [int(ms) for ms in re.findall(r"(\d+) ms", senior)]
    assert len(budgets) >= 5, "a budget for each stage and the total"
    assert sum(budgets[:-1]) <= budgets[-1], "the stages fit inside the total"
    assert NUMBER.search(item.brief), "the brief gives the scale"


def test_the_llm_serving_figures_add_up():
    """128 KB of KV cache per token: 2 (key and value) x 32 layers x 8 heads x 128 x 2 bytes; the
    cost: 2 dollars an hour over 2,000 tokens a second."""
    senior = prompt("llm_serving").at_the_crux.senior
    assert "2 × 32 × 8 × 128 × 2 bytes = 128 KB" in senior
    assert 2 * 32 * 8 * 128 * 2 == 128 * 1024
    assert 4000 * 128 * 1024 / 2**20 == pytest.approx(512, rel=0.05)
    assert (80 - 16) * 1024 / 512 == pytest.approx(120, rel=0.1)
    assert 2 / (2000 * 3600 / 1e6) == pytest.approx(0.28, rel=0.02)
    assert "0.28 dollars" in senior and "time to first token" in senior


def test_every_address_the_prompts_cite_has_a_title():
    titles = seeds.reading_titles()
    cited = [s for p in prompts() for s in [*p.sources, *p.at_the_crux.sources]]
    linked = {found.url for found in map(reading, cited) if found.url}
    assert len(linked) >= 20
    assert sorted(linked - set(titles)) == []


def test_a_contrast_with_neither_sources_nor_judgement_is_refused(tmp_path):
    text = (seeds_dir() / "design_practice.yaml").read_text()
    start = text.index("  - id: rate_limiter")
    head, tail = text[:start], text[start:]
    broken = re.sub(
        r"      judgement: ours\n      sources:\n(?:        - .*\n)+", "", tail, count=1
    )
    assert broken != tail
    (tmp_path / "design_practice.yaml").write_text(head + broken)
    with pytest.raises(ContentError, match=r"sources that contain it or 'judgement: ours'"):
        seeds.design_practice(tmp_path)


def test_a_prompt_without_a_contrast_is_refused(tmp_path):
    text = (seeds_dir() / "design_practice.yaml").read_text()
    start = text.index("  - id: job_queue")
    head, tail = text[:start], text[start:]
    broken = re.sub(r"    at_the_crux:\n(?:      .*\n)+", "", tail, count=1)
    (tmp_path / "design_practice.yaml").write_text(head + broken)
    with pytest.raises(ContentError, match="at_the_crux"):
        seeds.design_practice(tmp_path)


def test_the_contrast_model_refuses_an_unknown_judgement_and_an_empty_one():
    with pytest.raises(ValidationError, match="judgement: ours"):
        seeds.CruxAnswers(mid="Says x when asked.", senior="Says 2 things first.")
    with pytest.raises(ValidationError):
        seeds.CruxAnswers(mid="a", senior="b", judgement="theirs")
    ours = seeds.CruxAnswers(mid="a", senior="b", judgement="ours")
    assert ours.sources == [] and ours.judgement == "ours"


def test_the_brief_shows_the_contrast_after_the_attempt():
    """The chosen prompt's mid and senior answers sit inside the folded part, with the mark of our
    judgement, escaped as text."""
    from widgets.views.fragments import fragment

    html = fragment("forms/design_brief", prompt=prompt("rate_limiter"))
    folded = html[html.index("<details>") :]
    assert "A senior answer:" in folded and "Retry-After" in folded and "(our judgement)" in folded
    assert "A mid-level answer:" in folded and "Retry-After" not in html[: html.index("<details>")]
