"""Reading one seeds file: YAML into a validated pydantic model, every problem named by path and
key.

Each file carries a ``schema_version``; a file that fails validation is reported by its path and
the key that is wrong (``levels[2].name: field required``), so a content edit can never break a
workbook silently. Every content module (the seeds, the registries of tracks and routes) reads
its files through :func:`load_yaml_model`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from widgets.content import validation

CONTENT_SCHEMA_VERSION = 1
# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python
# one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SeedId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]
SeedText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class ContentError(ValueError):
    """A seeds file is missing, unreadable or invalid; the message names the file and key."""


class _Seed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _UniqueIds(_Seed):
    """A seeds file whose items carry ids that must be unique."""

    @staticmethod
    def _check_unique(items, what: str) -> None:
        duplicates = validation.repeated(item.id for item in items)
        if duplicates:
            raise ValueError(f"{what} ids must be unique; repeated: {', '.join(duplicates)}")


def load_yaml_model(path: Path, model: type[_Seed]) -> _Seed:
    """Read one YAML file into a validated model, or raise ContentError naming path and key."""
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
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        raise ContentError(f"{path}: " + "; ".join(validation.problems(error))) from None
