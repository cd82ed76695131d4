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

tests/test_seed_translations_selftest.py plants overlays that break each rule, so every check
here is shown to fail.
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


def _paths(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The fields a reader sees, per seed: dotted paths, "[]" for every item of a list, "*" for any
# key of a mapping. A list of strings is one field (it is replaced whole). English meant to be
# said aloud in the interview is left out on purpose: it stays English, its gloss beside it.
TEXT: dict[str, frozenset[str]] = {
    "belief_prompts": _paths(
        "prompts[].belief prompts[].experiment_ideas prompts[].questions prompts[].why_it_bites"
    ),
    "distortions": _paths("distortions[].definition distortions[].example distortions[].name"),
    "wellbeing": _paths("coach_note directory.name directory.says note"),
    "glossary": _paths(
        "terms[].means terms[].other_meanings[].meaning terms[].other_meanings[].say"
    ),
    "tracks": _paths(
        "entries[].label entries[].name entries[].placeholders.* entries[].sentence_name"
    ),
    "routes": _paths(
        """
        entries[].documents[].asks entries[].documents[].button entries[].gap_weighting.axis
        entries[].gap_weighting.column entries[].gap_weighting.measure
        entries[].gap_weighting.measure_in_documents entries[].label entries[].left_out
        entries[].milestones[].the_next entries[].milestones[].words entries[].name
        entries[].sentence_name entries[].undated entries[].words.*
        """
    ),
    "coach_roles": _paths(
        """
        entries[].before_sharing entries[].label entries[].name entries[].on_the_page
        entries[].sentence_name
        """
    ),
    "conversation": _paths(
        """
        advice[].done_when advice[].what advice[].why ask[].defaults.* ask[].empty ask[].text
        bring[].defaults.* bring[].empty bring[].text follow_up[].defaults.* follow_up[].empty
        follow_up[].text
        """
    ),
    "levels": _paths("levels[].name levels[].summary"),
    # Not drills[].answer.unit: the drill form stores it in the journal with each attempt
    # (forms/drills.py), and the journal holds no translated label.
    "design_practice": _paths(
        """
        dimensions[].name drills[].answer.say drills[].assumptions drills[].question
        drills[].steps[].say prompts[].at_the_crux.mid prompts[].at_the_crux.senior prompts[].brief
        prompts[].crux prompts[].title rubric[].levels.* rubric[].name sections[].guide
        sections[].name
        """
    ),
    # Not depth.script[].starter: it is said aloud, English stays.
    "deep_dives": _paths(
        """
        depth.artefacts[].look_for depth.artefacts[].name depth.parts[].guidance
        depth.parts[].title depth.script[].prompt questions[].area questions[].looking_for
        questions[].question story_types[].name story_types[].prompt story_types[].strong_answer
        """
    ),
    # Not phrase_groups[].phrases: they are said aloud, English stays; their glosses are text
    # (the English seed has none: an empty list of strings).
    "communication": _paths(
        """
        habits[].how habits[].name habits[].why phrase_groups[].glosses phrase_groups[].name
        phrase_groups[].when
        """
    ),
    "uncertain_year": _paths(
        """
        proposals[].done_when proposals[].what proposals[].why topics[].intro topics[].items[].text
        topics[].title
        """
    ),
    "frameworks": _paths(
        """
        competencies[].descriptors.* competencies[].growth_outcomes.* competencies[].name
        competencies[].weight_reason frameworks[].name
        """
    ),
    # An entry with no title takes its `work`'s: a title may be given where the seed has none.
    "reading_titles": _paths("titles[].title"),
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
        "design_practice",
        "deep_dives",
        "communication",
        "uncertain_year",
        "frameworks",
        "levels",
        "reading_titles",
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
    if _strings(seed) and (seed or (overlay and _strings(overlay))):
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


def _key(language: str) -> str:
    """The key of a term's translation in the term list: the language's first subtag ("zh")."""
    return language.split("-")[0].lower()


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
                word = term[_key(language)]
                if word not in target:
                    misses.append((term.get("check", "report"), path, term["en"], word))
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


def _product_words() -> set[str]:
    """The words every translator must find in a term list: the glossary's terms, the tracks',
    routes' and levels' names, the design rubric's dimensions."""
    words = {t["term"] for t in _load(SEEDS / "glossary.yaml")["terms"]}
    for stem in ("tracks", "routes"):
        words |= {entry["name"] for entry in _load(SEEDS / f"{stem}.yaml")["entries"]}
    words |= {level["name"] for level in _load(SEEDS / "levels.yaml")["levels"]}
    words |= {d["name"] for d in _load(SEEDS / "design_practice.yaml")["dimensions"]}
    return {word.casefold() for word in words}


@pytest.mark.parametrize("language", TRANSLATED)
def test_term_list_holds_the_product_words(language):
    listed = {t["en"].casefold() for t in terms(language)}
    assert not sorted(_product_words() - listed), f"{language}/{TERMS} lacks these terms"


def test_terms_are_one_each():
    for language in TRANSLATED:
        listed = terms(language)
        english = [t["en"].casefold() for t in listed]
        assert len(english) == len(set(english)), f"{language}: an English term listed twice"
        assert all(t.get(_key(language)) for t in listed), f"{language}: a term untranslated"
        assert all(t.get("check", "report") in ("report", "strict", "skip") for t in listed)
