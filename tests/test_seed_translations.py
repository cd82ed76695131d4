"""Seed translations (issue 32): each overlay in ``seeds/translations/<language>/`` fits its seed,
and the seeds listed as translated are translated whole, in the term list's words.

Purely structural: the overlay loader is not needed. An overlay is walked against its seed by the
merge rules every translator follows: a mapping merges by key; a list of mappings merges item by
item on ``id`` (by position where the items have none); a list of strings is replaced whole. No
overlay holds a key or id its seed lacks, an id, a source, an address, a ``calc`` expression, a
number or a flag. ``<stem>.yaml`` and every ``<stem>.<part>.yaml`` are overlays of
``seeds/<stem>.yaml``; no text is given by two parts.

Which keys are text is one table, :data:`TEXT`, per seed: the fields a reader sees. A seed in
:data:`TRANSLATED` has every one of them translated (the test prints fields translated / fields
per seed). ``terms.yaml`` gives one Chinese term per English term: where a translated text's
English holds a term, its translation should hold the term's Chinese (``strict`` terms fail the
test; the others are only reported: a sentence may fairly say it another way).
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TRANSLATIONS = SEEDS / "translations"
TERMS = "terms.yaml"  # the term list of a language, not an overlay

# Keys never in an overlay (an id only as the key an item of a list is matched on).
NEVER = frozenset({"id", "sources", "source", "url", "urls", "calc", "schema_version"})

# The fields a reader sees, per seed: dotted paths, "[]" for every item of a list, "*" for any
# key of a mapping. A list of strings is one field (it is replaced whole). English meant to be
# said aloud in the interview is left out on purpose: it stays English, its gloss beside it.
TEXT: dict[str, frozenset[str]] = {
    "belief_prompts": frozenset(
        {
            "prompts[].belief",
            "prompts[].why_it_bites",
            "prompts[].questions",
            "prompts[].experiment_ideas",
        }
    ),
    "distortions": frozenset(
        {"distortions[].name", "distortions[].definition", "distortions[].example"}
    ),
    "wellbeing": frozenset({"note", "coach_note", "directory.name", "directory.says"}),
    "glossary": frozenset(
        {"terms[].means", "terms[].other_meanings[].meaning", "terms[].other_meanings[].say"}
    ),
    "tracks": frozenset(
        {"entries[].name", "entries[].sentence_name", "entries[].label", "entries[].placeholders.*"}
    ),
    "routes": frozenset(
        {
            "entries[].name",
            "entries[].sentence_name",
            "entries[].label",
            "entries[].gap_weighting.column",
            "entries[].gap_weighting.axis",
            "entries[].gap_weighting.measure",
            "entries[].gap_weighting.measure_in_documents",
            "entries[].words.*",
            "entries[].left_out",
            "entries[].undated",
            "entries[].milestones[].words",
            "entries[].milestones[].the_next",
            "entries[].documents[].button",
            "entries[].documents[].asks",
        }
    ),
    "coach_roles": frozenset(
        {
            "entries[].name",
            "entries[].sentence_name",
            "entries[].label",
            "entries[].before_sharing",
            "entries[].on_the_page",
        }
    ),
    "conversation": frozenset(
        {
            f"{part}[].{key}"
            for part in ("bring", "ask", "follow_up")
            for key in ("text", "empty", "defaults.*")
        }
        | {"advice[].what", "advice[].why", "advice[].done_when"}
    ),
    "levels": frozenset({"levels[].name", "levels[].summary"}),
    "design_practice": frozenset(
        {
            "prompts[].title",
            "prompts[].brief",
            "prompts[].crux",
            "prompts[].at_the_crux.mid",
            "prompts[].at_the_crux.senior",
            "sections[].name",
            "sections[].guide",
            "dimensions[].name",
            "rubric[].name",
            "rubric[].levels.*",
            "drills[].question",
            "drills[].assumptions",
            "drills[].steps[].say",
            # Not `drills[].answer.unit`: the drill form stores it in the journal with each
            # attempt (forms/drills.py), and the journal holds no translated label.
            "drills[].answer.say",
        }
    ),
    "deep_dives": frozenset(
        {
            "questions[].area",
            "questions[].question",
            "questions[].looking_for",
            "story_types[].name",
            "story_types[].prompt",
            "story_types[].strong_answer",
            "depth.parts[].title",
            "depth.parts[].guidance",
            "depth.artefacts[].name",
            "depth.artefacts[].look_for",
            "depth.script[].prompt",  # its `starter` is said aloud: English stays
        }
    ),
    # The phrases are said aloud: English stays.
    "communication": frozenset(
        {
            "phrase_groups[].name",
            "phrase_groups[].when",
            "habits[].name",
            "habits[].how",
            "habits[].why",
        }
    ),
    "uncertain_year": frozenset(
        {
            "topics[].title",
            "topics[].intro",
            "topics[].items[].text",
            "proposals[].what",
            "proposals[].why",
            "proposals[].done_when",
        }
    ),
    "frameworks": frozenset(
        {
            "competencies[].name",
            "competencies[].descriptors.*",
            "competencies[].growth_outcomes.*",
            "competencies[].weight_reason",
            "frameworks[].name",
        }
    ),
    # An entry with no title takes its `work`'s: a title may be given where the seed has none.
    "reading_titles": frozenset({"titles[].title"}),
}

# Lists matched against the engineer's own words (an action already in the plan): an overlay may
# add words in its language but keeps every English one, so a plan written in English still
# matches. They are not text a reader sees, so coverage does not count them.
MATCH: dict[str, frozenset[str]] = {
    "conversation": frozenset({"advice[].same_as"}),
    "uncertain_year": frozenset({"proposals[].same_as"}),
}

# The seeds translated whole, per language; a seed joins when its overlays land.
TRANSLATED: dict[str, tuple[str, ...]] = {
    "zh-Hans": (
        "belief_prompts",
        "distortions",
        "wellbeing",
        "glossary",
        "tracks",
        "routes",
        "coach_roles",
        "conversation",
    ),
}


# --- Reading --------------------------------------------------------------------------------------


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def overlays(translations: Path = TRANSLATIONS) -> list[tuple[str, str, Path]]:
    """(language, seed stem, file) for every overlay, parts in name order."""
    found = []
    folders = translations.iterdir() if translations.is_dir() else ()
    for folder in sorted(p for p in folders if p.is_dir()):
        for path in sorted(folder.glob("*.yaml")):
            if path.name != TERMS:
                found.append((folder.name, path.name.split(".")[0], path))
    return found


# --- Paths and the text table ---------------------------------------------------------------------


def _pattern(path: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\[\]|[^.\[\]]+", path))


def is_text(stem: str, where: tuple) -> bool:
    """Whether the field at ``where`` (keys, and list positions or ids) is text in ``stem``'s
    table (True for a seed with no table: only the generic rules apply)."""
    return stem not in TEXT or _in(TEXT[stem], where)


def is_match(stem: str, where: tuple) -> bool:
    """Whether the field at ``where`` is a list matched against the engineer's words."""
    return _in(MATCH.get(stem, frozenset()), where)


def _in(table: frozenset[str], where: tuple) -> bool:
    shape = tuple(
        "[]" if isinstance(step, int) or str(step).startswith("[") else step for step in where
    )
    for pattern in map(_pattern, table):
        if len(pattern) == len(shape) and all(
            p in ("*", s) for p, s in zip(pattern, shape, strict=True)
        ):
            return True
    return False


def _show(where: tuple) -> str:
    steps = (f"[{s}]" if isinstance(s, int) else s if s.startswith("[") else f".{s}" for s in where)
    return "".join(steps).lstrip(".")


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # a lone brace: no placeholder meant
        return set()


# --- The structural walk --------------------------------------------------------------------------


def problems(stem: str, seed, overlay, where: tuple = ()) -> list[str]:
    """Every way ``overlay`` breaks the merge rules against ``seed`` (empty when it fits)."""
    here = _show(where) or "(top)"
    if isinstance(overlay, dict):
        if not isinstance(seed, dict):
            return [f"{here}: a mapping where the seed has {type(seed).__name__}"]
        found = []
        for key, value in overlay.items():
            at = (*where, key)
            if key in NEVER:
                found.append(f"{_show(at)}: never in an overlay")
            elif key not in seed and not (stem in TEXT and is_text(stem, at)):
                found.append(f"{_show(at)}: the seed has no such key")
            elif key not in seed:  # an optional text field the seed leaves to its default
                found += problems(stem, "", value, at)
            else:
                found += problems(stem, seed[key], value, at)
        return found
    if isinstance(overlay, list):
        return _list_problems(stem, seed, overlay, where)
    if isinstance(overlay, str):
        if not isinstance(seed, str):
            return [f"{here}: text where the seed has {type(seed).__name__}"]
        return _text_problems(stem, seed, overlay, where)
    return [f"{here}: {type(overlay).__name__} in an overlay (numbers and flags never are)"]


def _text_problems(stem: str, seed: str, text: str, where: tuple) -> list[str]:
    here = _show(where)
    if not is_text(stem, where):
        return [f"{here}: not a text field of {stem} (see TEXT)"]
    wanted, given = _placeholders(seed), _placeholders(text)
    if wanted != given:
        return [f"{here}: placeholders {sorted(given)}, the seed's {sorted(wanted)}"]
    return []


def _list_problems(stem: str, seed, overlay: list, where: tuple) -> list[str]:
    here = _show(where)
    if not isinstance(seed, list):
        return [f"{here}: a list where the seed has {type(seed).__name__}"]
    if _strings(seed) and seed:
        if not _strings(overlay):
            return [f"{here}: the seed's list of strings is replaced by a list of strings only"]
        if is_match(stem, where):
            lost = [words for words in seed if words not in overlay]
            return (
                [f"{here}: matched words must keep the English ones; lost {lost}"] if lost else []
            )
        if not is_text(stem, where):
            return [f"{here}: not a text field of {stem} (see TEXT)"]
        wanted = set().union(*map(_placeholders, seed))
        given = set().union(*map(_placeholders, overlay)) if overlay else set()
        return (
            []
            if wanted == given
            else [f"{here}: placeholders {sorted(given)}, the seed's {sorted(wanted)}"]
        )
    by_id = {item["id"]: item for item in seed if isinstance(item, dict) and "id" in item}
    found, seen = [], set()
    for position, item in enumerate(overlay):
        if not isinstance(item, dict):
            found.append(f"{here}[{position}]: an item of a list of mappings must be a mapping")
            continue
        if by_id:
            item_id = item.get("id")
            if item_id not in by_id:
                found.append(f"{here}[{position}]: id {item_id!r} is not an item of the seed")
                continue
            if item_id in seen:
                found.append(f"{here}[{item_id}]: given twice")
            seen.add(item_id)
            rest = {k: v for k, v in item.items() if k != "id"}
            found += problems(stem, by_id[item_id], rest, (*where, f"[{item_id}]"))
        elif position >= len(seed):
            found.append(
                f"{here}[{position}]: the seed has {len(seed)} items (matched by position)"
            )
        else:
            found += problems(stem, seed[position], item, (*where, position))
    return found


# --- Merging and coverage -------------------------------------------------------------------------

BLANK = None  # a text field no overlay has given yet


def blank(stem: str, seed, where: tuple = ()):
    """``seed`` with every text field of its table emptied (``BLANK``; every string, for a seed
    with no table); ids and the rest as they are."""
    if isinstance(seed, dict):
        return {k: v if k in NEVER else blank(stem, v, (*where, k)) for k, v in seed.items()}
    if isinstance(seed, list) and not (_strings(seed) and seed):
        return [blank(stem, v, (*where, _step(v, i))) for i, v in enumerate(seed)]
    if (isinstance(seed, str) or _strings(seed)) and (
        is_text(stem, where) or is_match(stem, where)
    ):
        return BLANK
    return seed


def _step(item, position: int):
    return f"[{item['id']}]" if isinstance(item, dict) and "id" in item else position


def merge(base, overlay):
    """``overlay`` applied to ``base`` by the merge rules."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            if key in base and key not in NEVER:
                merged[key] = merge(base[key], value)
        return merged
    if isinstance(base, list) and isinstance(overlay, list) and base and isinstance(base[0], dict):
        merged = list(base)
        ids = [item.get("id") for item in base]
        for position, item in enumerate(overlay):
            if not isinstance(item, dict):
                continue
            at = ids.index(item["id"]) if "id" in item and item["id"] in ids else position
            if at < len(merged):
                merged[at] = merge(merged[at], item)
        return merged
    return overlay


def given(overlay, where: tuple = ()) -> Iterator[str]:
    """The path of every field an overlay gives (an id is the key it is matched on, not given)."""
    if isinstance(overlay, dict):
        for key, value in overlay.items():
            if key != "id":
                yield from given(value, (*where, key))
    elif isinstance(overlay, list) and not _strings(overlay):
        for position, item in enumerate(overlay):
            yield from given(item, (*where, _step(item, position)))
    else:
        yield _show(where)


def fields(stem: str, seed, merged, where: tuple = ()) -> Iterator[tuple[str, object, object]]:
    """(path, English, translation) for every text field of ``stem``'s table; the translation is
    ``BLANK`` or empty where none was given."""
    if isinstance(seed, dict):
        for key, value in seed.items():
            yield from fields(stem, value, (merged or {}).get(key), (*where, key))
    elif isinstance(seed, list) and not (_strings(seed) and seed):
        for position, value in enumerate(seed):
            other = (
                merged[position] if isinstance(merged, list) and position < len(merged) else None
            )
            yield from fields(stem, value, other, (*where, _step(value, position)))
    elif (isinstance(seed, str) or _strings(seed)) and is_text(stem, where):
        yield _show(where), seed, merged


def _given(value) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return _strings(value) and bool(value) and all(v.strip() for v in value)


def translated(language: str, stem: str, seeds: Path = SEEDS, translations: Path = TRANSLATIONS):
    """Every text field of one seed with its translation in ``language`` (all parts merged), and
    the texts two parts both give."""
    seed = _load(seeds / f"{stem}.yaml")
    merged, seen, twice = blank(stem, seed), set(), []
    for path in sorted((translations / language).glob(f"{stem}.*yaml")):
        if path.name.split(".")[0] == stem:
            overlay = _load(path) or {}
            merged = merge(merged, overlay)
            paths = set(given(overlay))
            twice += sorted(paths & seen)
            seen |= paths
    return list(fields(stem, seed, merged)), twice


def coverage(language: str, stem: str, **folders) -> tuple[int, int, list[str]]:
    """(fields translated, fields, the paths not translated) of one seed in ``language``."""
    found, _ = translated(language, stem, **folders)
    missing = [path for path, _, text in found if not _given(text)]
    return len(found) - len(missing), len(found), missing


# --- Terms ----------------------------------------------------------------------------------------


def terms(language: str, translations: Path = TRANSLATIONS) -> list[dict]:
    """The term list of ``language``, longest English term first (a use inside a longer term is
    that term's)."""
    listed = (_load(translations / language / TERMS) or {}).get("terms", [])
    return sorted(listed, key=lambda t: -len(t["en"]))


def term_misses(
    language: str, stem: str, seeds: Path = SEEDS, translations: Path = TRANSLATIONS
) -> list[tuple[str, str, str, str]]:
    """(check, path, English term, Chinese term) for each term of the list used in a field's
    English whose translation lacks the term's word."""
    listed = [t for t in terms(language, translations) if t.get("check", "report") != "skip"]
    found, _ = translated(language, stem, seeds, translations)
    misses = []
    for path, english, text in found:
        if not _given(text):
            continue
        source = " ".join([english] if isinstance(english, str) else english)
        source = re.sub(r"\{\w+\}", " ", source)  # a placeholder's name is no use of a term
        target = " ".join([text] if isinstance(text, str) else text)
        for term in listed:
            use = re.compile(rf"(?<![\w-]){re.escape(term['en'])}(?:e?s)?(?![\w-])", re.IGNORECASE)
            if use.search(source):
                source = use.sub(" ", source)
                if term["zh"] not in target:
                    misses.append((term.get("check", "report"), path, term["en"], term["zh"]))
    return misses


# --- The shipped overlays -------------------------------------------------------------------------


def _ids(entries) -> list[str]:
    return [f"{language}/{path.name}" for language, _, path in entries]


SHIPPED = overlays()


def test_every_translated_language_has_a_term_list():
    for language in TRANSLATED:
        assert terms(language), f"seeds/translations/{language}/{TERMS} is missing or empty"


@pytest.mark.parametrize("language, stem, path", SHIPPED, ids=_ids(SHIPPED))
def test_overlay_fits_its_seed(language, stem, path):
    seed_path = SEEDS / f"{stem}.yaml"
    assert seed_path.is_file(), f"{path.name}: no seed {seed_path.name} to translate"
    overlay = _load(path)
    assert isinstance(overlay, dict) and overlay, f"{path.name}: expected a mapping of texts"
    found = problems(stem, _load(seed_path), overlay)
    assert not found, f"{language}/{path.name}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("language, stem", sorted({(lang, stem) for lang, stem, _ in SHIPPED}))
def test_no_text_is_given_by_two_parts(language, stem):
    _, twice = translated(language, stem)
    assert not twice, f"{language}/{stem}: given by two parts: {', '.join(twice)}"


TRANSLATED_SEEDS = [(lang, stem) for lang, stems in TRANSLATED.items() for stem in stems]


@pytest.mark.parametrize("language, stem", TRANSLATED_SEEDS)
def test_translated_seed_has_every_text(language, stem, capsys):
    assert stem in TEXT, f"{stem}: list its text fields in TEXT first"
    done, total, missing = coverage(language, stem)
    with capsys.disabled():
        print(f"\n{language} {stem}: {done}/{total} fields translated", end="")
    assert total and not missing, f"{language}/{stem}: not translated: {', '.join(missing)}"


@pytest.mark.parametrize("language, stem", TRANSLATED_SEEDS)
def test_translated_seed_uses_the_term_list(language, stem, capsys):
    misses = term_misses(language, stem)
    reported = [m for m in misses if m[0] != "strict"]
    if reported:
        with capsys.disabled():
            print(f"\n{language} {stem}: {len(reported)} uses of a term in other words:", end="")
            for _, path, english, chinese in reported:
                print(f"\n  {path}: {english!r} without {chinese!r}", end="")
    strict = [
        f"{path}: {english!r} without {chinese!r}"
        for _, path, english, chinese in misses
        if _ == "strict"
    ]
    assert not strict, f"{language}/{stem}: strict terms missing:\n  " + "\n  ".join(strict)


# The model each seed is read into: a seed translated whole still validates with its overlays.
MODELS = {
    "belief_prompts": "widgets.content.seeds:BeliefPromptsFile",
    "distortions": "widgets.content.seeds:DistortionsFile",
    "levels": "widgets.content.seeds:LevelsFile",
    "frameworks": "widgets.content.seeds:FrameworksFile",
    "reading_titles": "widgets.content.seeds:ReadingTitlesFile",
    "wellbeing": "widgets.content.wellbeing:WellbeingFile",
    "glossary": "widgets.content.glossary:GlossaryFile",
    "tracks": "widgets.content.tracks:TracksFile",
    "routes": "widgets.content.routes:RoutesFile",
    "coach_roles": "widgets.content.coach_roles:CoachRolesFile",
    "conversation": "widgets.content.conversation:ConversationFile",
    "communication": "widgets.content.communication:CommunicationFile",
    "deep_dives": "widgets.content.deep_dives:DeepDivesFile",
    "design_practice": "widgets.content.design:DesignPracticeFile",
    "uncertain_year": "widgets.content.uncertain_year:UncertainYearFile",
}


@pytest.mark.parametrize("language, stem", TRANSLATED_SEEDS)
def test_translated_seed_still_validates(language, stem):
    module, name = MODELS[stem].split(":")
    model = getattr(importlib.import_module(module), name)
    merged = _load(SEEDS / f"{stem}.yaml")
    for path in sorted((TRANSLATIONS / language).glob(f"{stem}.*yaml")):
        if path.name.split(".")[0] == stem:
            merged = merge(merged, _load(path))
    model.model_validate(merged)


def test_terms_are_one_each():
    for language in TRANSLATED:
        listed = terms(language)
        english = [t["en"].casefold() for t in listed]
        assert len(english) == len(set(english)), f"{language}: an English term listed twice"
        assert all(t.get("zh") for t in listed), f"{language}: a term with no translation"
        assert all(t.get("check", "report") in ("report", "strict", "skip") for t in listed)


# --- The checks can fail (planted overlays) -------------------------------------------------------

SEED = """\
schema_version: 1
threshold: 80
note: Hello {name}.
items:
  - id: one
    title: The first
    family: burns
    lines: [a line, another line]
    sources: ["https://example.org"]
  - id: two
    title: The second
    lines: [more]
    same_as: [second, two]
    sources: ["x"]
parts:
  - words: a word
  - words: another word
"""


def _plant(tmp_path: Path, overlays_by_name: dict[str, str], terms_text: str = "") -> dict:
    seeds = tmp_path / "seeds"
    (seeds / "translations" / "xx").mkdir(parents=True)
    (seeds / "demo.yaml").write_text(SEED)
    for name, text in overlays_by_name.items():
        (seeds / "translations" / "xx" / name).write_text(text)
    (seeds / "translations" / "xx" / TERMS).write_text(terms_text or "terms: []\n")
    return {"seeds": seeds, "translations": seeds / "translations"}


@pytest.fixture
def demo_table(monkeypatch):
    monkeypatch.setitem(
        TEXT,
        "demo",
        frozenset({"note", "items[].title", "items[].lines", "items[].subtitle", "parts[].words"}),
    )
    monkeypatch.setitem(MATCH, "demo", frozenset({"items[].same_as"}))


GOOD = """\
note: 你好，{name}。
items:
  - id: two
    title: 第二
    lines: [更多]
  - id: one
    title: 第一
    lines: [一行, 另一行]
parts:
  - words: 一个词
  - words: 另一个词
"""


def test_a_fitting_overlay_passes_and_covers_everything(tmp_path, demo_table):
    folders = _plant(tmp_path, {"demo.yaml": GOOD})
    assert problems("demo", yaml.safe_load(SEED), yaml.safe_load(GOOD)) == []
    assert coverage("xx", "demo", **folders) == (7, 7, [])
    assert [(stem, p.name) for _, stem, p in overlays(folders["translations"])] == [
        ("demo", "demo.yaml")
    ]


@pytest.mark.parametrize(
    "overlay, says",
    [
        ("notes: 你好\n", "notes: the seed has no such key"),
        ("items:\n  - id: three\n    title: 三\n", "id 'three' is not an item of the seed"),
        ("items:\n  - title: 无 id\n", "id None is not an item of the seed"),
        ("items:\n  - id: one\n    sources: [一]\n", "items[one].sources: never in an overlay"),
        ("schema_version: 1\n", "schema_version: never in an overlay"),
        ("threshold: 90\n", "threshold: int in an overlay"),
        ("items:\n  - id: one\n    family: 伯恩斯\n", "items[one].family: not a text field"),
        ("note: 你好。\n", "note: placeholders [], the seed's ['name']"),
        (
            "items:\n  - id: one\n    lines: 一行\n",
            "items[one].lines: text where the seed has list",
        ),
        ("parts:\n  - words: 一\n  - words: 二\n  - words: 三\n", "parts[2]: the seed has 2 items"),
        ("parts:\n  - id: first\n    words: 一\n", "parts[0].id: never in an overlay"),
        ("items:\n  - id: one\n  - id: one\n", "items[one]: given twice"),
        ("items:\n  - id: two\n    same_as: [第二]\n", "lost ['second', 'two']"),
        ("items:\n  - id: one\n    sub: 副\n", "items[one].sub: the seed has no such key"),
    ],
)
def test_a_misfit_overlay_is_named(overlay, says, demo_table):
    found = problems("demo", yaml.safe_load(SEED), yaml.safe_load(overlay))
    assert any(says in problem for problem in found), found


def test_words_may_be_added_to_a_match_list_and_an_optional_text_given(tmp_path, demo_table):
    overlay = GOOD.replace(
        "    lines: [更多]\n", "    lines: [更多]\n    same_as: [second, two, 第二]\n"
    )
    overlay = overlay.replace("    title: 第一\n", "    title: 第一\n    subtitle: 副\n")
    assert problems("demo", yaml.safe_load(SEED), yaml.safe_load(overlay)) == []
    folders = _plant(tmp_path, {"demo.yaml": overlay})
    assert coverage("xx", "demo", **folders) == (7, 7, [])  # matched words are not counted
    assert translated("xx", "demo", **folders)[1] == []


def test_a_missing_text_lowers_coverage(tmp_path, demo_table):
    partial = "note: 你好，{name}。\nitems:\n  - id: one\n    title: 第一\n    lines: ['']\n"
    folders = _plant(tmp_path, {"demo.yaml": partial})
    done, total, missing = coverage("xx", "demo", **folders)
    assert (done, total) == (2, 7)
    assert missing == [
        "items[one].lines",
        "items[two].title",
        "items[two].lines",
        "parts[0].words",
        "parts[1].words",
    ]


def test_parts_add_up_and_may_not_give_one_text_twice(tmp_path, demo_table):
    first, second = "note: 你好，{name}。\n", GOOD.replace("note: 你好，{name}。\n", "")
    folders = _plant(tmp_path, {"demo.yaml": first, "demo.rest.yaml": second})
    assert coverage("xx", "demo", **folders)[:2] == (7, 7)
    assert translated("xx", "demo", **folders)[1] == []
    folders = _plant(tmp_path / "again", {"demo.yaml": GOOD, "demo.rest.yaml": first})
    assert translated("xx", "demo", **folders)[1] == ["note"]


def test_a_term_used_in_other_words_is_found(tmp_path, demo_table):
    listed = (
        "terms:\n  - en: line\n    zh: 行\n    check: strict\n"
        "  - en: another line\n    zh: 另一行\n"
    )
    folders = _plant(
        tmp_path, {"demo.yaml": GOOD.replace("[一行, 另一行]", "[一条, 别的]")}, listed
    )
    misses = term_misses("xx", "demo", **folders)
    # "another" holds a use of the longer term only: the shorter one is not counted twice.
    assert ("strict", "items[one].lines", "line", "行") in misses
    assert ("report", "items[one].lines", "another line", "另一行") in misses
    assert term_misses("xx", "demo", **_plant(tmp_path / "good", {"demo.yaml": GOOD}, listed)) == []
