"""Who sees what, when something leaves the engineer's machine: one table, applied to a snapshot.

The growth-plan document is written for one audience, an entry of the audience table
(``widgets/content/audiences.py``): ``me`` (everything), ``coach`` (everything the coach view
shows) or ``manager`` (the goal, strengths with their evidence, growth areas, the plan and what
the engineer needs from the manager; never interviews elsewhere or the companies behind them,
beliefs, emotions, confidence scores, check-in blockers, or a private coach's ratings).

:data:`VISIBLE` puts every field of every kind of record in a tier, ``SHARED`` or ``PRIVATE``,
each the set of the audiences whose table entry sees that tier; a field holding records of its
own may instead name each of their fields (``ratings.*.confidence``: the confidence of every
rating). ``tests/test_audience.py`` walks every field of every kind against it, so a new field
is placed here before it can ship. :func:`audience_view` applies the table to a journal snapshot:
a hidden field reads as its default, a kind with no visible field is absent, and
:data:`MARKED_ONLY` leaves out the entries an audience with ``marked_actions_only`` does not see at
all. Everything a report reads comes through that view, so no template can show what the table
hides.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from pydantic import AfterValidator, BaseModel

from widgets.content import coach_roles, routes
from widgets.content.audiences import (
    COACH_AUDIENCE,
    DEFAULT_AUDIENCE,  # noqa: F401 (the CLI and the views take it from here)
    TABLE,
    AudienceIds,
    PerAudience,
)
from widgets.content.audiences import audience as audience_entry
from widgets.content.names import NameMatcher
from widgets.i18n import N_, format_number, gettext

# The table itself, kind → field path → who sees it, is read from here too.
from widgets.readers.visibility import PRIVATE, SHARED, VISIBLE  # noqa: F401
from widgets.storage.journal import Entry, JournalSnapshot
from widgets.storage.records import RECORD_TYPES, Action, Profile, Record
from widgets.storage.sources import BELIEF_KINDS, ActionSource

AUDIENCES = AudienceIds()  # the table's ids whenever asked (the CLI's choices)
AUDIENCE_NAMES = PerAudience("label")  # id → "for my manager", in the reader's language

# The table itself: kind → field path → who sees it (readers/visibility.py).

# Sources of actions that come from a belief or its experiment (workbook 01).
BELIEF_SOURCES = BELIEF_KINDS


def _marked_for_manager(action: Action) -> bool:
    return action.manager_sees


# Whole entries an audience with ``marked_actions_only`` does not see: kind → keep it?
MARKED_ONLY: dict[str, Callable[[Record], bool]] = {
    "action": _marked_for_manager,  # type: ignore[dict-item]
    "win": lambda win: win.manager_sees,  # type: ignore[attr-defined]
}


def _without_its_belief(data: dict) -> dict:
    """An action from a belief as a copy with ``marked_actions_only`` shows it: its "why" quotes
    the belief and its source names it, so neither is there (what, done when, due and status are
    the engineer's own words about the work)."""
    if not ActionSource.parse(data.get("source", "own")).about_a_belief:
        return data
    return {**data, "why": "", "source": str(ActionSource("own"))}


# How an entry that an audience with ``marked_actions_only`` sees is worded: kind → its data.
MARKED_WORDING: dict[str, Callable[[dict], dict]] = {"action": _without_its_belief}
# The kinds holding a coach's ratings: an audience the coach reads as sees them (they are its own).
COACH_RATED = {"coach_assessment"}


def coach_audience(snapshot: JournalSnapshot) -> str:
    """The audience the engineer's coach reads as (their profile's coach role): the coach's page,
    the snapshot for the coach and "Share with my coach" show exactly that audience's view."""
    return coach_roles.reads_as(snapshot.record(Profile.kind))


# Text that a form keeps in one record and the journal copies into another, which a reader sees:
# (kind, path) → (kind, path). A thought record's action becomes an action of the plan
# (forms/commands.py), which the manager's copy shows when it is ticked for it.
COPIED_TO: dict[tuple[str, str], tuple[str, str]] = {
    ("thought_record", "action.what"): ("action", "what"),
    ("thought_record", "action.done_when"): ("action", "done_when"),
}


def form_note(kind: str, path: str) -> str:
    """What a form says beside a free-text field of ``kind`` at ``path`` (dotted): the note of
    each audience whose entry has one ("Your manager's copy shows this.") and that sees the text
    there, or wherever the journal copies it (:data:`COPIED_TO`); "" when no such reader does."""
    kind, path = COPIED_TO.get((kind, path), (kind, path))
    table = VISIBLE.get(kind, {})
    notes = [
        entry.word("form_note")
        for entry in TABLE.values()
        if entry.word("form_note") and path in table and entry.id in table[path]
    ]
    return " ".join(notes)


def check_audience(audience: str) -> str:
    """``audience`` when the table has it; ValueError naming the choices when not."""
    return audience_entry(audience).id


def coach_ratings_shown(audience: str) -> bool:
    """Whether ``audience`` sees a coach's ratings (the gaps table's coach column, and where
    self and coach disagree)."""
    return sees(audience, "coach_assessment", "ratings")


def sees(audience: str, kind: str, path: str) -> bool:
    """Whether ``audience`` sees the field at ``path`` (dotted, "*" for keys) of ``kind``."""
    return audience in VISIBLE[kind][path]


def _model_in(annotation) -> tuple[str, type[BaseModel]] | None:
    """("", Model) for a model field, ("*", Model) for a mapping or list of models, else None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        found = [_model_in(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return found[0] if len(found) == 1 else None
    if origin in (list, dict):
        inner = _model_in(typing.get_args(annotation)[-1])
        return ("*", inner[1]) if inner and inner[0] == "" else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "", annotation
    return None


def field_paths(model: type[BaseModel], table: dict[str, AbstractSet[str]], prefix: str = ""):
    """Yield (path, annotation) for every field of ``model`` down to where ``table`` decides."""
    for name, info in model.model_fields.items():
        path = prefix + name
        if path in table:
            yield path, info.annotation
            continue
        inner = _model_in(info.annotation)
        if inner is None:
            yield path, info.annotation  # a leaf the table does not name: the test reports it
            continue
        star, submodel = inner
        yield from field_paths(submodel, table, f"{path}.{star}." if star else f"{path}.")


_KEEP, _DROP = "keep", "drop"


# (model, kind, audience, prefix) → (table, audience's entry, plan)
_plans: dict[tuple, tuple[dict, object, dict]] = {}


def _plan(model: type[BaseModel], kind: str, audience: str, prefix: str = "") -> dict:
    """For each field of ``model`` at ``prefix``: keep it, drop it, or (star, submodel, its
    prefix) to look inside. Worked out once per model, kind and audience (and again only if the
    table is replaced): reading the annotations for every entry was most of the time a snapshot
    took on a long journal."""
    table, entry = VISIBLE[kind], audience_entry(audience)
    key = (model, kind, audience, prefix)
    kept = _plans.get(key)
    if kept is not None and kept[0] is table and kept[1] is entry:
        return kept[2]
    plan: dict[str, object] = {}
    for name, info in model.model_fields.items():
        path = prefix + name
        if path in table:
            plan[name] = _KEEP if audience in table[path] else _DROP
            continue
        inner = _model_in(info.annotation)
        if inner is None:
            plan[name] = _DROP  # not in the table: shown to nobody (tests keep the table complete)
            continue
        star, submodel = inner
        plan[name] = (star, submodel, f"{path}.*." if star else f"{path}.")
    _plans[key] = (table, entry, plan)
    return plan


def _redact(model: type[BaseModel], data, kind: str, audience: str, prefix: str = ""):
    plan = _plan(model, kind, audience, prefix)
    kept = {}
    for name, value in data.items():
        step = plan.get(name, _DROP)  # a name the model does not have is shown to nobody
        if step is _KEEP:
            kept[name] = value
        elif step is not _DROP:
            star, submodel, inner = step
            if not star:
                kept[name] = _redact(submodel, value, kind, audience, inner)
            elif isinstance(value, dict):
                kept[name] = {
                    key: _redact(submodel, item, kind, audience, inner)
                    for key, item in value.items()
                }
            else:
                kept[name] = [_redact(submodel, item, kind, audience, inner) for item in value]
    return kept


def _routes_seen(data: dict, audience: str) -> dict:
    """The profile's routes an audience may know of (each route's tier, routes.yaml): a route
    they may not is left out, with its milestones and words; none left reads as the default, as
    a hidden field does."""
    known = routes.known_ids(audience_entry(audience).sees)
    if "routes" not in data or known == set(routes.routes().ids()):
        return data
    shown = [r for r in data["routes"] or () if r in known]
    return {**data, "routes": shown or routes.default_ids()}


def visible_data(kind: str, data: dict, audience: str) -> dict | None:
    """The stored data of one entry as ``audience`` sees it; None when they see none of it."""
    table = VISIBLE[kind]
    if not any(audience in who for who in table.values()):
        return None
    seen = _redact(RECORD_TYPES[kind], data, kind, audience)
    return _routes_seen(seen, audience) if kind == Profile.kind else seen


# Kinds whose whole entry is left out when its text names a company the engineer is interviewing
# with; in any other kind only the lines that name it are left out.
WHOLE_WHEN_NAMED = {"action", "story", "project", "win"}
# What a review calls an entry of each kind, and the field that names it.
# The names are English, marked for the catalogue: translated where a sentence says them.
ENTRY_NAMES = {
    "action": (N_("the action"), "what"),
    "story": (N_("the story"), "title"),
    "project": (N_("the project"), "name"),
    "win": (N_("the win"), "what"),
    "profile": (N_("your profile"), ""),
    "framework": (N_("your company ladder"), ""),
    "competency_assessment": (N_("your ratings"), ""),
    "competency_snapshot": (N_("a snapshot of your ratings"), ""),
    "manager_support": (N_("What I need from you"), ""),
}
# A ladder's names cannot be empty (nor two levels named alike): on the manager's copy a name
# that names the company reads as one of these.
# Translated when the copy is made (the copy is written in its reader's language).
_LADDER_NAMES = {
    ("framework", "name"): N_("My company's ladder"),
    ("levels", "name"): N_("Level {n}"),
    ("competencies", "name"): N_("Competency {n}"),
    ("descriptors",): N_("Left out of this copy."),
    ("growth_outcomes",): N_("Left out of this copy."),
}


def interview_companies(snapshot: JournalSnapshot) -> list[str]:
    """The companies the engineer is interviewing with, as entered in the profile: the names the
    manager's copy leaves out."""
    profile = snapshot.record(Profile.kind)
    return [i.company for i in profile.interviews] if isinstance(profile, Profile) else []


@dataclass(frozen=True)
class LeftOut:
    """Something the engineer wrote that the manager's copy leaves out, and why: for the review
    the engineer sees before exporting (never on the manager's copy itself)."""

    kind: str
    entry_id: str
    text: str  # what was left out, as the engineer wrote it
    company: str  # the company it names, as the engineer entered it
    whole: bool  # the whole entry, or only this text
    shown_as: str = ""  # what the manager's copy says instead (a ladder's names)
    word: bool = False  # ``company`` is a word the copy never holds (Audience.never_says)

    def sentence(self) -> str:
        """One line for the review before exporting: what was left out or reworded, and the company
        it names."""
        named = ENTRY_NAMES.get(self.kind)
        what = gettext(named[0]) if named else self.kind.replace("_", " ")
        quoted = " ".join(self.text.split())
        quoted = quoted if len(quoted) <= 90 else quoted[:89] + "…"
        if self.whole and self.word:
            said = gettext(
                "Left out {what} “{text}”: it says “{company}”, which this copy leaves out."
            )
        elif self.whole:
            said = gettext(
                "Left out {what} “{text}”: it names {company}, which you are interviewing with."
            )
        elif self.shown_as and self.word:
            said = gettext(
                "In {what}, “{text}” reads “{shown_as}”: it says “{company}”, which this copy "
                "leaves out."
            )
        elif self.shown_as:
            said = gettext(
                "In {what}, “{text}” reads “{shown_as}”: it names {company}, which you are "
                "interviewing with."
            )
        elif self.word:
            said = gettext(
                "Left out of {what}: “{text}”: it says “{company}”, which this copy leaves out."
            )
        else:
            said = gettext(
                "Left out of {what}: “{text}”: it names {company}, which you are interviewing with."
            )
        return said.format(what=what, text=quoted, shown_as=self.shown_as, company=self.company)


def _text_kind(info_annotation, metadata=()) -> str:
    """Which text a field holds: "text" for free text the engineer wrote (a str with no pattern),
    "texts" for a list or mapping of such text, "" for anything else (ids, levels, choices: never a
    company's name)."""
    annotation, meta = info_annotation, list(metadata)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *more = typing.get_args(annotation)
        meta += more
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        kinds = {_text_kind(a) for a in typing.get_args(annotation) if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else ""
    if origin in (list, dict):
        return "texts" if _text_kind(typing.get_args(annotation)[-1]) == "text" else ""
    if annotation is str:
        # A pattern, or a check against a registry (a track's, a route's id), makes it an id.
        checked = any(getattr(m, "pattern", None) or isinstance(m, AfterValidator) for m in meta)
        return "" if checked else "text"
    return ""


@functools.cache
def _text_fields(model: type[BaseModel]) -> dict[str, object]:
    """Field → "text", "texts", or (star, submodel) to look inside; fields holding no text are
    absent."""
    found: dict[str, object] = {}
    for name, info in model.model_fields.items():
        inner = _model_in(info.annotation)
        if inner is not None:
            found[name] = inner
        elif kind := _text_kind(info.annotation, info.metadata):
            found[name] = kind
    return found


class _Scrub:
    """Takes what names a company out of one entry's data, noting each piece it took."""

    def __init__(self, matcher, kind: str, entry_id: str, word: bool = False):
        # matcher.named(text): the company (or the word, with ``word``) the text holds, or None.
        self.matcher, self.kind, self.entry_id, self.word = matcher, kind, entry_id, word
        self.found: list[LeftOut] = []

    def note(self, text: str, company: str, shown_as: str = "") -> None:
        self.found.append(
            LeftOut(self.kind, self.entry_id, text, company, False, shown_as, self.word)
        )

    def text(self, value: str, where: tuple, index: int) -> str | None:
        """``value`` without the lines that name a company; None when it names one and has to
        read as something else (a ladder's name), or be dropped (an item of a list)."""
        company = self.matcher.named(value)
        if company is None:
            return value
        for key, placeholder in _LADDER_NAMES.items():
            if where[-len(key) :] == key:
                shown = gettext(placeholder).format(n=format_number(index + 1))
                self.note(value, company, shown)
                return shown
        lines = value.splitlines()
        kept = []
        for line in lines:
            named = self.matcher.named(line)
            if named is None:
                kept.append(line)
            else:
                self.note(line, named)
        if len(kept) == len(lines):  # the name runs over two lines: none of it
            self.note(value, company)
            return ""
        return "\n".join(kept)

    def data(self, model: type[BaseModel], data: dict, where: tuple = (), index: int = 0) -> dict:
        fields = _text_fields(model)
        kept = dict(data)
        for name, value in data.items():
            step = fields.get(name)
            at = (*where, name)
            if step is None or value is None:
                continue
            if step == "text" and isinstance(value, str):
                kept[name] = self.text(value, at, index)
            elif step == "texts" and isinstance(value, dict):
                kept[name] = {k: self.text(v, at, index) for k, v in value.items()}
            elif step == "texts" and isinstance(value, list):
                items = (self.text(v, at, i) for i, v in enumerate(value))
                kept[name] = [v for v in items if v]  # an item that names it is dropped
            elif isinstance(step, tuple):
                star, submodel = step
                if not star:
                    kept[name] = self.data(submodel, value, at, index)
                elif isinstance(value, dict):
                    kept[name] = {k: self.data(submodel, v, at) for k, v in value.items()}
                else:
                    kept[name] = [self.data(submodel, v, at, i) for i, v in enumerate(value)]
        return kept


def _entry_title(entry: Entry) -> str:
    field = ENTRY_NAMES.get(entry.kind, ("", ""))[1]
    return str(entry.data.get(field) or "") if field else ""


class _Unsaid:
    """The words an audience's copy never holds, asked as :class:`NameMatcher` is asked."""

    def __init__(self, entry):
        self.named = entry.unsaid


def _visible(entry: Entry, audience: str, coach_is_reader: bool) -> dict | None:
    """The entry's data as ``audience`` sees it; a coach's ratings whole when the coach reads as
    this audience (they are its own ratings)."""
    if coach_is_reader and entry.kind in COACH_RATED:
        return visible_data(entry.kind, entry.data, COACH_AUDIENCE)
    return visible_data(entry.kind, entry.data, audience)


def _scrubbed(
    scrub: _Scrub, entry: Entry, data: dict, left_out: list[LeftOut] | None
) -> dict | None:
    """``data`` without what ``scrub`` finds; None when the whole entry goes (an action, story or
    project that names a company; an entry whose name, or whatever it cannot do without, goes)."""
    kept = scrub.data(RECORD_TYPES[entry.kind], data)
    if not scrub.found:
        return kept
    whole = entry.kind in WHOLE_WHEN_NAMED and not scrub.word
    if not whole and scrub.word:
        title_field = ENTRY_NAMES.get(entry.kind, ("", ""))[1]
        whole = bool(title_field) and kept.get(title_field) != data.get(title_field)
        if not whole:
            try:
                RECORD_TYPES[entry.kind].model_validate(kept)
            except ValueError:
                whole = True
    if whole:
        if left_out is not None:
            title = _entry_title(entry) or scrub.found[0].text
            found = scrub.found[0]
            left_out.append(
                LeftOut(entry.kind, entry.id, title, found.company, True, "", found.word)
            )
        return None
    if left_out is not None:
        left_out.extend(scrub.found)
    return kept


def _view(
    snapshot: JournalSnapshot, audience: str, left_out: list[LeftOut] | None = None
) -> JournalSnapshot:
    entry_of = audience_entry(audience)
    companies = interview_companies(snapshot) if entry_of.leaves_out_companies else []
    matcher = NameMatcher(companies) if entry_of.leaves_out_companies else None
    unsaid = _Unsaid(entry_of) if entry_of.never_says else None
    rows = MARKED_ONLY if entry_of.marked_actions_only else {}
    wording = MARKED_WORDING if entry_of.marked_actions_only else {}
    coach_is_reader = coach_roles.reads_as(snapshot.record(Profile.kind)) == audience
    shown = []
    for entry in snapshot.entries():
        data = _visible(entry, audience, coach_is_reader)
        if data is None:
            continue
        keep = rows.get(entry.kind)
        seen = Entry(entry.id, entry.kind, entry.created_at, entry.updated_at, None, data)
        if keep is not None and not keep(seen.record()):
            continue
        if entry.kind in wording:
            data = wording[entry.kind](data)
        for found, word in ((matcher, False), (unsaid, True)):
            if found and data is not None:
                scrub = _Scrub(found, entry.kind, entry.id, word)
                data = _scrubbed(scrub, seen, data, left_out)
        if data is None:
            continue
        shown.append(Entry(entry.id, entry.kind, entry.created_at, entry.updated_at, None, data))
    return JournalSnapshot(snapshot.path, shown)


def audience_view(snapshot: JournalSnapshot, audience: str) -> JournalSnapshot:
    """The snapshot as ``audience`` may see it (the same object for the engineer's own copy).

    For the manager, the table's hidden fields are gone, and so is any text the engineer wrote
    that names a company they are interviewing with (widgets/content/names.py says how a name
    is found): an action "Three mocks before Northwind" is not on the manager's copy, whatever
    its "On my manager's copy" box says; in other text the lines that name it are gone, and a
    company ladder's names that name it read "My company's ladder", "Competency 2".
    """
    if audience_entry(audience).own:
        return snapshot
    return _view(snapshot, audience)


def copy_review(snapshot: JournalSnapshot, audience: str) -> list[LeftOut]:
    """What the copy for ``audience`` leaves out because it names a company the engineer is
    interviewing with, or says a word the copy never holds, for the engineer to see before
    exporting (nothing, for an audience that leaves nothing of the kind out)."""
    entry = audience_entry(audience)
    if not entry.leaves_out_companies and not entry.never_says:
        return []
    left_out: list[LeftOut] = []
    _view(snapshot, audience, left_out)
    return left_out


def managers_copy_review(snapshot: JournalSnapshot) -> list[LeftOut]:
    """What the manager's copy leaves out: :func:`copy_review` for the manager."""
    return copy_review(snapshot, "manager")
