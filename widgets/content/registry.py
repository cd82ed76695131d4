"""A registry: the few things the package is built around (tracks, routes), as entries in one
seeds file, each with an id and its words.

Code never compares an id with a literal: it asks the registry for the entry and reads what the
entry says (its names, which content applies). Adding a track or a route is adding an entry to
its YAML file; :mod:`widgets.content.tracks` and :mod:`widgets.content.routes` say what else an
entry of theirs holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from pydantic import Field, field_validator, model_validator

from widgets import i18n, i18n_pseudo
from widgets.content import validation
from widgets.content.loading import SeedId, SeedText, _Seed, load_yaml_model, per_language
from widgets.content.resources import seeds_dir
from widgets.i18n import N_, gettext


def pseudo_words(text: str) -> str:
    """``text``, a seed's words a person reads, accented in the pseudo-locale: its overlay leaves
    a one-word text that looks like an id ("coach", "interviewers") as it is (accenting twice
    changes nothing)."""
    return i18n_pseudo.accent(text) if i18n.language().pseudo else text


class Entry(_Seed):
    """One entry and the words every entry has."""

    id: SeedId
    name: SeedText = Field(description="As it reads inside a sentence, e.g. 'software engineer'")
    sentence_name: SeedText = Field(description="As it reads starting a sentence")
    label: SeedText = Field(description="A short tag beside a choice, e.g. 'software'")

    @field_validator("name", "sentence_name", "label")
    @classmethod
    def _pseudo_words(cls, text: str) -> str:
        """An entry's names are words a person reads (:func:`pseudo_words`)."""
        return pseudo_words(text)


E = TypeVar("E", bound=Entry)


class Registry(_Seed, Generic[E]):
    """Every entry of one kind, in the order choices are offered, and the one a blank field
    means."""

    kind: ClassVar[str] = N_("entry")  # what an entry is called in a message ("track")
    schema_version: int
    default: SeedId = Field(description="The entry used where none is chosen yet")
    entries: list[E] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Registry:
        if repeated := validation.repeated(entry.id for entry in self.entries):
            raise ValueError(f"ids must be unique; repeated: {', '.join(repeated)}")
        if self.default not in self.ids():
            raise ValueError(f"default {self.default!r} is not one of the entries")
        return self

    def ids(self) -> tuple[str, ...]:
        """Every entry's id, in file order."""
        return tuple(entry.id for entry in self.entries)

    def check(self, entry_id: str) -> str:
        """``entry_id`` if an entry has it, else ValueError naming the ids there are."""
        if entry_id not in self.ids():
            # Read by a person (a profile or an import refused): the kind, as the catalogue says.
            raise ValueError(
                gettext("{kind} must be one of {ids}, not {value}").format(
                    kind=gettext(self.kind), ids=", ".join(self.ids()), value=repr(entry_id)
                )
            )
        return entry_id

    def get(self, entry_id: str) -> E:
        """The entry with this id (ValueError when there is none)."""
        self.check(entry_id)
        return next(entry for entry in self.entries if entry.id == entry_id)

    def resolve(self, entry_id: str | None) -> E:
        """The entry with this id; the default where none is chosen or the id is not known."""
        return self.get(entry_id if entry_id in self.ids() else self.default)

    def choices(self) -> list[tuple[str, str]]:
        """(sentence name, id) for each entry, in file order: a dropdown's options."""
        return [(entry.sentence_name, entry.id) for entry in self.entries]


@per_language
def load_registry(file_name: str, model: type[Registry], folder: Path | None = None) -> Registry:
    """The registry in ``seeds/<file_name>``, validated by ``model`` (read once per process)."""
    return load_yaml_model((folder or seeds_dir()) / file_name, model)
