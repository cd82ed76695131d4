"""A competency framework (a ladder): levels, competencies and a descriptor for each level.

Built-in frameworks come from ``seeds/frameworks.yaml``; an engineer can bring their company's own
as YAML or as the CSV a spreadsheet exports (``stepup framework import``). Both end up as the same
validated :class:`Framework`, and every problem is reported by row and column or by key.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from widgets.content import validation
from widgets.content.tracks import COMPANY_LADDER, framework_track
from widgets.content.wording import clauses
from widgets.i18n import format_number, gettext, ngettext

# An engineer reads these refusals (a ladder they import, from the CLI or a workbook), so they are
# said in the engineer's language, made when the ladder is refused; the keys and ids they name
# (competencies[2], level ids) stay as the file writes them.

LadderId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
Descriptor = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1500)]
Source = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Outcome = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
MAX_LEVELS, MAX_COMPETENCIES = 8, 24


class LadderError(ValueError):
    """A framework file that cannot be used; the message names the row/column or key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LadderLevel(_Strict):
    """One rung of a ladder: its id and the name the engineer reads."""

    id: LadderId
    name: Name


class Competency(_Strict):
    """One competency of a ladder: what each level looks like in it, how much an interview loop
    probes it (and the ladder weighs it, when it says), and (built-in ladders) a checkable
    outcome per level to grow into."""

    id: LadderId
    name: Name
    descriptors: dict[LadderId, Descriptor] = Field(
        description="level id → what the level looks like"
    )
    interview_weight: int = Field(
        2, ge=1, le=3, description="How much a senior interview loop probes it (1–3)"
    )
    weight_reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] = ""
    # A company ladder may say how much each competency counts for promotion; without it the
    # promotion route weighs every competency the same (seeds/routes.yaml, gap_weighting).
    ladder_weight: int | None = Field(
        None, ge=1, le=3, description="How much the ladder weighs it for promotion (1–3)"
    )
    sources: list[Source] = Field(default_factory=list)
    # One checkable sign of a level, for the growth plan's "done when": a whole descriptor is
    # what the level looks like, not something an engineer can tick off. Built-in frameworks
    # give one for every level above the lowest; an engineer's own ladder gives none.
    growth_outcomes: dict[LadderId, Outcome] = Field(
        default_factory=dict,
        description="level id → an outcome the engineer can check that shows the level",
    )


class Framework(_Strict):
    """A whole ladder: its levels, lowest first, and its competencies, each described at every
    level; ids and names unique, checked when it is built."""

    id: LadderId
    name: Name
    # A built-in ladder names its track; an engineer's own fits every track.
    track: Annotated[str, AfterValidator(framework_track)] = COMPANY_LADDER
    levels: list[LadderLevel] = Field(min_length=2, max_length=MAX_LEVELS)
    competencies: list[Competency] = Field(min_length=3, max_length=MAX_COMPETENCIES)
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        problems = []
        for said, values in (
            (
                gettext("level ids must be unique; repeated: {repeated}"),
                [lv.id for lv in self.levels],
            ),
            (
                gettext("level names must be unique; repeated: {repeated}"),
                [lv.name.casefold() for lv in self.levels],
            ),
            (
                gettext("competency ids must be unique; repeated: {repeated}"),
                [c.id for c in self.competencies],
            ),
            (
                gettext("competency names must be unique; repeated: {repeated}"),
                [c.name.casefold() for c in self.competencies],
            ),
        ):
            if duplicates := validation.repeated(values):
                problems.append(said.format(repeated=", ".join(duplicates)))
        level_ids = [lv.id for lv in self.levels]
        for index, competency in enumerate(self.competencies):
            missing = [lv for lv in level_ids if lv not in competency.descriptors]
            unknown = [lv for lv in competency.descriptors if lv not in level_ids]
            where = f"competencies[{index}]"
            if missing:
                problems.append(
                    gettext("{where} ({competency}): no descriptor for level {levels}").format(
                        where=where, competency=competency.name, levels=", ".join(missing)
                    )
                )
            if unknown:
                problems.append(
                    gettext("{where} ({competency}): descriptor for unknown level {levels}").format(
                        where=where, competency=competency.name, levels=", ".join(unknown)
                    )
                )
            outcomes = competency.growth_outcomes
            if outcomes:  # none at all, or one for every level a target can be
                missing = [lv for lv in level_ids[1:] if lv not in outcomes]
                unknown = [lv for lv in outcomes if lv not in level_ids[1:]]
                if missing:
                    problems.append(
                        gettext(
                            "{where} ({competency}): no growth outcome for level {levels}"
                        ).format(where=where, competency=competency.name, levels=", ".join(missing))
                    )
                if unknown:
                    problems.append(
                        gettext(
                            "{where} ({competency}): growth outcome for level {levels}, which "
                            "cannot be a target (the lowest level, or not on this ladder)"
                        ).format(where=where, competency=competency.name, levels=", ".join(unknown))
                    )
        if problems:
            raise ValueError(clauses(problems))
        return self

    def level_ids(self) -> list[str]:
        """The level ids, lowest first."""
        return [level.id for level in self.levels]

    def level_name(self, level_id: str | None) -> str:
        """The level's name, or "—" when unrated or not on this ladder."""
        return next((level.name for level in self.levels if level.id == level_id), "—")

    def rank(self, level_id: str | None) -> int | None:
        """Position on this ladder (0 = lowest), or None when unrated or unknown."""
        ids = self.level_ids()
        return ids.index(level_id) if level_id in ids else None

    def competency(self, competency_id: str) -> Competency | None:
        """The competency with this id, or None."""
        return next((c for c in self.competencies if c.id == competency_id), None)


def slug(text: str) -> str:
    """A stable id from a name: 'Code Review & Quality' → 'code_review_quality'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    ident = "_".join(words)[:48].strip("_")
    if not ident:
        return ""
    return ident if ident[0].isalpha() else f"c_{ident}"[:48]


def name_id(text: str, prefix: str) -> str:
    """``slug(text)``, or for a name with no Latin letter or digit (体系设计, Сеньор) a stable id
    made from the name itself, so any script can name a level or a competency."""
    return slug(text) or f"{prefix}_{hashlib.sha1(text.encode('utf-8')).hexdigest()[:10]}"


def framework_from_csv(text: str, name: str) -> Framework:
    """Parse a spreadsheet export: header row = (competency, level, level, …), one row per
    competency."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise LadderError(
            gettext(
                "The CSV file is empty: expected a header row naming the levels, "
                "then one row per competency."
            )
        )
    header = [cell.strip() for cell in rows[0]]
    level_names = header[1:]
    problems = _header_problems(level_names)
    seen: dict[str, int] = {}
    competencies = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [cell.strip() for cell in row] + [""] * (len(header) - len(row))
        competency_name = cells[0]
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                gettext("row {row}: more cells than the header has columns").format(row=number)
            )
        if not competency_name:
            problems.append(
                gettext("row {row}, column 1: the competency name is empty").format(row=number)
            )
            continue
        key = competency_name.casefold()
        if key in seen:
            problems.append(
                gettext(
                    "row {row}: competency '{competency}' appears twice (rows {first} and {row})"
                ).format(row=number, competency=competency_name, first=seen[key])
            )
            continue
        seen[key] = number
        descriptors = {}
        for column, level_name in enumerate(level_names, start=2):
            cell = cells[column - 1]
            if not cell:
                problems.append(
                    gettext(
                        "row {row}, column {column} ('{level}'): the descriptor for "
                        "'{competency}' is empty"
                    ).format(
                        row=number, column=column, level=level_name, competency=competency_name
                    )
                )
            descriptors[name_id(level_name, "level")] = cell
        competencies.append(
            {
                "id": name_id(competency_name, "c"),
                "name": competency_name,
                "descriptors": descriptors,
            }
        )
    if len(rows) < 4:
        problems.append(gettext("the file needs at least three competency rows under the header"))
    if problems:
        said = clauses(problems[:12])
        if len(problems) > 12:
            more = len(problems) - 12
            said = ngettext("{problems}; and {count} more", "{problems}; and {count} more", more)
            said = said.format(problems=clauses(problems[:12]), count=format_number(more))
        raise LadderError(said)
    data = {
        "id": slug(name) or "custom",
        "name": name,
        "track": COMPANY_LADDER,
        "levels": [{"id": name_id(n, "level"), "name": n} for n in level_names],
        "competencies": competencies,
    }
    return _validated(data)


def _header_problems(level_names: list[str]) -> list[str]:
    """What is wrong with a CSV header's level names (the cells after the first)."""
    problems = []
    if len(level_names) < 2:
        problems.append(
            gettext(
                "row 1 (header): name at least two levels after the first column, "
                "e.g. 'Competency,Mid,Senior,Staff'"
            )
        )
    for column, level_name in enumerate(level_names, start=2):
        if not level_name:
            problems.append(
                gettext("row 1 (header), column {column}: the level name is empty").format(
                    column=column
                )
            )
        elif level_names.count(level_name) > 1 and level_names.index(level_name) + 2 != column:
            problems.append(
                gettext("row 1 (header), column {column}: level '{level}' appears twice").format(
                    column=column, level=level_name
                )
            )
        elif [name_id(other, "level") for other in level_names].count(
            name_id(level_name, "level")
        ) > 1:
            problems.append(
                gettext(
                    "row 1 (header), column {column}: level '{level}' reads the same as "
                    "another level; rename one"
                ).format(column=column, level=level_name)
            )
    if len(level_names) > MAX_LEVELS:
        problems.append(
            gettext("row 1 (header): at most {most} levels, found {found}").format(
                most=MAX_LEVELS, found=len(level_names)
            )
        )
    return problems


def framework_from_mapping(data: object) -> Framework:
    """A framework written as YAML/JSON with the same keys as the model."""
    if not isinstance(data, dict):
        raise LadderError(
            gettext(
                "Expected a mapping with keys id, name, levels, competencies; found {found}."
            ).format(found=type(data).__name__)
        )
    return _validated(data)


def _validated(data: dict) -> Framework:
    from pydantic import ValidationError

    try:
        return Framework.model_validate(data)
    except ValidationError as error:
        raise LadderError("; ".join(validation.problems(error))) from None


def read_framework_file(path, name: str | None = None) -> Framework:
    """A ladder from a .csv (spreadsheet export) or .yaml/.yml/.json file; ``name`` overrides
    the file's."""
    from pathlib import Path

    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LadderError(
            gettext("Cannot read {path}: {error}.").format(path=path, error=error)
        ) from None
    default_name = (
        name
        or path.stem.replace("_", " ").replace("-", " ").strip().capitalize()
        or "Company ladder"
    )
    try:
        if path.suffix.lower() == ".csv":
            return framework_from_csv(text, default_name)
        if path.suffix.lower() in (".yaml", ".yml", ".json"):
            try:
                data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError as error:
                raise LadderError(
                    gettext("not readable as YAML/JSON ({error})").format(error=error)
                ) from None
            if isinstance(data, dict):
                data = {"track": COMPANY_LADDER, **data}
                if name or "name" not in data:
                    data["name"] = default_name
                if name or "id" not in data:
                    data["id"] = slug(data["name"]) or "custom"
            return framework_from_mapping(data)
    except LadderError as error:
        raise LadderError(
            gettext("{path}: {problems}. Nothing was imported.").format(
                path=path, problems=str(error).rstrip(".。")
            )
        ) from None
    raise LadderError(
        gettext(
            "{path}: use a .csv (a spreadsheet export) or a .yaml/.yml/.json file. "
            "Nothing was imported."
        ).format(path=path)
    )
