"""Reading one seeds file: YAML into a validated pydantic model, every problem named by path and
key.

Each file carries a ``schema_version``; a file that fails validation is reported by its path and
the key that is wrong (``levels[2].name: field required``), so a content edit can never break a
workbook silently. Every content module (the seeds, the registries of tracks and routes) reads
its files through :func:`load_yaml_model`.

A seed is read in the active language (:mod:`widgets.i18n`): its overlay,
``translations/<language id>/<seed file name>`` beside the seed (and its parts,
``<stem>.<part>.yaml``, in name order), holds only the texts a reader sees, in the seed's own
structure, and is applied before validation (:func:`overlay`). A text it does not hold stays
English. A pseudo-locale's overlay is made on the fly: every text accented. A content module
caches what it read per language (:func:`per_language`).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from widgets import i18n, i18n_pseudo
from widgets.content import validation

CONTENT_SCHEMA_VERSION = 1
# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python
# one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SeedId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
SeedText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ContentError(ValueError):
    """A seeds file is missing, unreadable or invalid; the message names the file and key.

    Its message stays English, untranslated: it is read by whoever maintains the seeds (a content
    edit, a translation overlay, a broken install), never by the engineer in a workbook, and it
    names keys and ids as the files write them. The refusals an engineer reads (a ladder they
    import, a value a form refuses) are translated where they are made
    (:mod:`widgets.content.ladder`, :mod:`widgets.content.messages`)."""


class _Seed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _UniqueIds(_Seed):
    """A seeds file whose items carry ids that must be unique."""

    @staticmethod
    def _check_unique(items, what: str) -> None:
        duplicates = validation.repeated(item.id for item in items)
        if duplicates:
            raise ValueError(f"{what} ids must be unique; repeated: {', '.join(duplicates)}")


def _read(path: Path) -> dict:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except FileNotFoundError:
        raise ContentError(f"{path}: the content file is missing.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(f"{path}: not readable as YAML ({error}).") from None
    if not isinstance(raw, dict):
        raise ContentError(
            f"{path}: expected a mapping at the top level, found {type(raw).__name__}."
        )
    return raw


def load_yaml_model(path: Path, model: type[_Seed]) -> _Seed:
    """Read one YAML file into a validated model, in the active language (its overlay applied),
    or raise ContentError naming path and key."""
    raw = _read(path)
    version = raw.get("schema_version")
    if isinstance(version, int) and version > CONTENT_SCHEMA_VERSION:
        raise ContentError(
            f"{path}: schema_version {version} is newer than this Step Up reads "
            f"({CONTENT_SCHEMA_VERSION})."
        )
    if version != CONTENT_SCHEMA_VERSION:
        raise ContentError(
            f"{path}: schema_version must be {CONTENT_SCHEMA_VERSION}, found {version!r}."
        )
    raw = overlay(raw, path, i18n.current())
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ContentError(f"{path}: " + "; ".join(validation.problems(error))) from None


# -- translations ---------------------------------------------------------------------------------

# Never in an overlay: what code, not a reader, reads.
NOT_TEXT = i18n_pseudo.NOT_TEXT


def overlay_files(path: Path, language_id: str) -> list[Path]:
    """The overlay files of the seed at ``path`` for ``language_id``, in the order applied."""
    folder = path.parent / "translations" / language_id
    if not folder.is_dir():
        return []
    whole = folder / path.name
    parts = sorted(folder.glob(f"{path.stem}.*{path.suffix}"))
    return ([whole] if whole.is_file() else []) + parts


def overlay(raw: dict, path: Path, language_id: str) -> dict:
    """The seed ``raw`` (read from ``path``) with the texts of ``language_id``'s overlays; a
    pseudo-locale's texts accented. An overlay that names what the seed has not is refused."""
    if i18n.language(language_id).pseudo:
        return i18n_pseudo.accent_texts(raw)
    for file in overlay_files(path, language_id):
        texts = _read(file)
        texts.pop("schema_version", None)
        raw = _merge(raw, texts, file, "")
    return raw


def _merge(seed, texts, file: Path, where: str):
    if texts is None:  # nothing translated here: the English stays
        return seed
    if isinstance(seed, dict) and isinstance(texts, dict):
        merged = dict(seed)
        for key, value in texts.items():
            at = f"{where}.{key}" if where else str(key)
            if key not in seed or key in NOT_TEXT:
                what = "is not in the seed" if key not in seed else "is not a text to translate"
                raise ContentError(f"{file}: {at} {what}.")
            merged[key] = _merge(seed[key], value, file, at)
        return merged
    if isinstance(seed, list) and isinstance(texts, list):
        if all(isinstance(item, dict) for item in seed) and seed:
            return _merge_items(seed, texts, file, where)
        if all(isinstance(item, str) for item in [*seed, *texts]):
            return list(texts)  # a list of strings is replaced whole
    if isinstance(seed, str) and isinstance(texts, str):
        return texts
    raise ContentError(
        f"{file}: {where or 'the top level'} is a {type(texts).__name__} here but a "
        f"{type(seed).__name__} in the seed."
    )


def _merge_items(seed: list, texts: list, file: Path, where: str) -> list:
    """Items matched on ``id`` (or by position when they have none)."""
    merged = list(seed)
    by_id = {item.get("id"): index for index, item in enumerate(seed) if "id" in item}
    for position, item in enumerate(texts):
        if not isinstance(item, dict):
            raise ContentError(f"{file}: {where}[{position}] must be a mapping, as in the seed.")
        if "id" in item:
            if item["id"] not in by_id:
                raise ContentError(f"{file}: {where}[id={item['id']}] is not in the seed.")
            index = by_id[item["id"]]
            item = {key: value for key, value in item.items() if key != "id"}
            at = f"{where}[id={seed[index]['id']}]"
        elif position < len(seed) and not by_id:
            index, at = position, f"{where}[{position}]"
        else:
            raise ContentError(f"{file}: {where}[{position}] has no id to match in the seed.")
        merged[index] = _merge(seed[index], item, file, at)
    return merged


def per_language(function):
    """``functools.cache`` with the active language in the key: a seed read in Chinese is never
    handed to an English page. ``cache_clear`` forgets every language's."""
    cached = functools.cache(lambda language_id, *args, **kwargs: function(*args, **kwargs))

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return cached(i18n.current(), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear
    return wrapper
