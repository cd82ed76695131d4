"""Workbook 03: recovering the depth of one past project, in a collapsible section of its editor.

Five parts, each a pane of an accordion so the project form stays short until opened: the
artefacts to reread, the people to ask, the numbers to re-derive, the decision log and the honest
"I didn't own that part" script. The section only builds controls and reads them; the project
editor saves them through its one save path (:class:`widgets.forms.base.JournalForm`).

Labels and placeholders are declared in English, marked ``N_``, and translated where a control,
a pane's title or a coach's card is made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

import ipywidgets as w
from traitlets import observe

from widgets import i18n
from widgets.content.seeds import DepthArtefact, DepthGuide, ScriptStep
from widgets.content.tracks import Placeholders, Track
from widgets.content.wording import clauses
from widgets.forms.base import (
    LABEL_STYLE,
    FieldRow,
    long_text,
    number_text,
    parse_number,
    short_text,
)
from widgets.forms.words import say
from widgets.i18n import N_
from widgets.storage.records import DepthRecovery, NotMineScript, NumberToRederive
from widgets.views.fragments import fragment

AREA = {"width": "100%", "max_width": "620px", "height": "56px"}
LINE = {"width": "100%", "max_width": "620px"}
NUMBER = {"width": "300px"}
SOURCE = {"width": "316px"}


@dataclass(frozen=True)
class ListField:
    """One control of an entry, declared once: ``key`` is its path inside the entry
    ("baseline.value"); ``example`` names the track's example (:class:`Placeholders`) to show
    when the placeholder is the engineer's own kind of work."""

    key: str
    label: str
    kind: Literal["text", "area", "number"] = "text"
    placeholder: str = ""
    prompt: str = ""  # a question shown above the control
    line: int | None = None  # fields with the same line sit side by side
    layout: dict | None = None
    example: str = ""

    def for_track(self, words: Placeholders) -> ListField:
        """The field with its track's example as the placeholder."""
        return replace(self, placeholder=getattr(words, self.example)) if self.example else self


def _put(target: dict, key: str, value) -> None:
    head, _, rest = key.partition(".")
    if rest:
        _put(target.setdefault(head, {}), rest, value)
    else:
        target[head] = value


def _get(source: dict, key: str):
    for part in key.split("."):
        source = (source or {}).get(part)
    return source


class ListEntry(w.VBox):
    """The controls of one entry of a list (one decision, one person, …)."""

    def __init__(self, fields: list[ListField], data: dict, key_prefix: str):
        self.fields = fields
        self.controls: dict[str, w.Widget] = {}
        self.rows: dict[str, FieldRow] = {}
        children: list[w.Widget | list[FieldRow]] = []  # a list: one line of rows side by side
        lines: dict[int, list[FieldRow]] = {}
        for field in fields:
            control = self._control(field, _get(data, field.key))
            self.controls[field.key] = control
            row = self.rows[f"{key_prefix}.{field.key}"] = FieldRow(control)
            if field.prompt:
                children.append(w.HTML(fragment("forms/label", title=say(field.prompt))))
            if field.line is None:
                children.append(row)
            elif field.line in lines:
                lines[field.line].append(row)
            else:
                children.append(lines.setdefault(field.line, [row]))
        super().__init__(
            children=[w.HBox(c) if isinstance(c, list) else c for c in children],
            layout={"border_left": "3px solid #ddd", "padding": "0 0 0 8px", "margin": "6px 0"},
        )

    @staticmethod
    def _control(field: ListField, value) -> w.Widget:
        # a question above the control names it already
        label = "" if field.prompt else say(field.label)
        placeholder = say(field.placeholder)
        style = LABEL_STYLE if field.line is None else {"description_width": "initial"}
        if field.kind == "area":
            return long_text(value or "", label, placeholder, style=style, **(field.layout or AREA))
        text = number_text(value) if field.kind == "number" else (value or "")
        return short_text(text, label, placeholder, style=style, **(field.layout or LINE))

    def value(self) -> dict:
        """The entry's answers at their paths (numbers parsed)."""
        data: dict = {}
        for field in self.fields:
            raw = self.controls[field.key].value
            _put(data, field.key, parse_number(raw) if field.kind == "number" else raw)
        return data

    def is_blank(self) -> bool:
        """Nothing typed: the entry is left out of the record."""
        return not any(str(c.value).strip() for c in self.controls.values())


class EntryList(w.VBox):
    """A list the engineer adds to: one :class:`ListEntry` per entry, and an "Add" button.

    Blank entries are left out of the record (clearing an entry's fields removes it), so
    ``kept`` maps each stored index back to the entry on screen, for messages beside fields.
    """

    def __init__(
        self,
        name: str,
        fields: list[ListField],
        entries: list[dict],
        add_label: str,
        on_add: Callable[[ListEntry], None],
    ):
        self.name, self.fields, self.on_add = name, fields, on_add
        self.entries: list[ListEntry] = []
        self.kept: list[int] = []
        self.add_button = w.Button(
            description=say(add_label), icon="plus", layout={"width": "auto"}
        )
        self.add_row = FieldRow(self.add_button)  # "too many items" shows beside it
        self.box = w.VBox()
        for data in entries or [{}]:  # an empty list still offers one entry to fill in
            self._append(data)
        self.add_button.on_click(lambda _b: self.add())
        super().__init__(children=(self.box, self.add_row))

    def _append(self, data: dict) -> ListEntry:
        entry = ListEntry(self.fields, data, f"depth.{self.name}.{len(self.entries)}")
        self.entries.append(entry)
        self.box.children = tuple(self.entries)
        return entry

    def add(self) -> ListEntry:
        """A new empty entry, as the Add button makes it."""
        entry = self._append({})
        self.on_add(entry)
        return entry

    def rows(self) -> dict[str, FieldRow]:
        """Every row where a message about this list can show, by its path."""
        found = {f"depth.{self.name}": self.add_row}
        for entry in self.entries:
            found.update(entry.rows)
        return found

    def controls(self) -> list[w.Widget]:
        """The answer controls of every entry."""
        return [c for entry in self.entries for c in entry.controls.values()]

    def value(self) -> list[dict]:
        """The entries that hold something, in order (and which ones, in ``kept``)."""
        self.kept = [i for i, entry in enumerate(self.entries) if not entry.is_blank()]
        return [self.entries[i].value() for i in self.kept]

    def screen_index(self, stored_index: int) -> int:
        """The entry on screen that a stored entry's index stands for."""
        return self.kept[stored_index] if 0 <= stored_index < len(self.kept) else stored_index


class ArtefactItem(w.VBox):
    """One artefact of the checklist: what to look for, reread or not, a note or link."""

    def __init__(self, artefact: DepthArtefact, reread: bool, note: str):
        self.artefact = artefact
        self.reread = w.Checkbox(value=reread, description=i18n.gettext("Reread"), indent=False)
        self.note = short_text(
            note,
            placeholder=i18n.gettext(
                "Where it is (a link, a search term) and what it gave you back"
            ),
            style={},  # no label: the artefact's name above says what the note is about
        )
        self.row = FieldRow(self.note)
        super().__init__(
            children=(
                w.HTML(fragment("forms/depth_artefact", artefact=artefact)),
                w.HBox([self.reread, self.row]),
            ),
            layout={"margin": "4px 0"},
        )

    def value(self) -> dict:
        """Reread or not, and the note, as the record stores them."""
        return {"reread": self.reread.value, "note": self.note.value}

    def is_blank(self) -> bool:
        """Neither ticked nor noted: left out unless it was stored before."""
        return not self.reread.value and not self.note.value.strip()


def _script_fields(steps: list[ScriptStep]) -> list[ListField]:
    return [
        ListField("part", N_("Part"), example="part"),
        *[
            ListField(f"steps.{step.id}", step.prompt, "area", step.starter, prompt=step.prompt)
            for step in steps
        ],
    ]


# The three measures of a number to re-derive, each a value and where it came from: its label
# on the page, and how a card says it with its value.
MEASURES = ("baseline", "target", "actual")
MEASURE_LABELS = {"baseline": N_("Baseline"), "target": N_("Target"), "actual": N_("Actual")}
MEASURE_SAID = {
    "baseline": N_("baseline {value}"),
    "target": N_("target {value}"),
    "actual": N_("actual {value}"),
}

# The fields of each list's entries: the controls are made and read from these, and the coach's
# card says them by the same labels (:func:`depth_card_parts`).
PEOPLE = (
    ListField("who", N_("Who"), example="who"),
    ListField("ask", N_("What to ask"), "area", N_("The facts and reasons you need")),
    ListField("learned", N_("Learned"), "area", N_("Afterwards: what you learned")),
)
NUMBERS = (
    ListField("metric", N_("Metric"), line=0, layout=NUMBER, example="metric"),
    ListField("unit", N_("Unit"), line=0, layout=SOURCE, example="unit"),
    *[
        field
        for line, key in enumerate(MEASURES, start=1)
        for field in (
            ListField(
                f"{key}.value",
                MEASURE_LABELS[key],
                "number",
                N_("a number"),
                line=line,
                layout=NUMBER,
            ),
            ListField(
                f"{key}.source",
                N_("from"),
                placeholder=N_("where it came from"),
                line=line,
                layout=SOURCE,
            ),
        )
    ],
)
DECISIONS = (
    ListField("decision", N_("Decision"), example="decision"),
    ListField("alternatives", N_("Alternatives"), "area", N_("What else was considered")),
    ListField("why", N_("Why"), "area", N_("Why this one won at the time")),
    ListField("now", N_("Now"), "area", N_("What you would do now, and why")),
)
# Each list but the script (its steps come from the guide): its fields and its Add button.
LISTS = {
    "people": (PEOPLE, N_("Add a person")),
    "numbers": (NUMBERS, N_("Add a number")),
    "decisions": (DECISIONS, N_("Add a decision")),
}


class DepthSection(w.Accordion):
    """The five parts of recovering a project's depth, one pane each, all closed at first.

    A pane's controls are built when it is first opened (``selected_index``): closed, the five
    parts were 525 of workbook 03's 910 widget models at Run All. ``on_build(rows, controls,
    buttons)``: the editor adopts what a pane or a new list entry brings (messages, saves, mode).
    """

    def __init__(
        self,
        guide: DepthGuide,
        depth: DepthRecovery,
        track: Track,
        on_build: Callable[[dict[str, FieldRow], list[w.Widget], list[w.Widget]], None],
    ):
        self.guide, self.track, self.on_build = guide, track, on_build
        self.stored = depth  # what an unopened pane holds, until it is opened
        self.words = track.placeholders  # examples from the engineer's own kind of work
        self.artefacts: dict[str, ArtefactItem] = {}  # once the artefacts pane is opened
        self.lists: dict[str, EntryList] = {}  # each list once its pane is opened
        self.part_ids = ["artefacts", "people", "numbers", "decisions", "not_mine"]
        super().__init__(children=[w.VBox() for _ in self.part_ids], selected_index=None)
        self.show(depth)

    def open_part(self, part_id: str) -> None:
        """Open a part's pane, as the engineer does by clicking its title."""
        self.selected_index = self.part_ids.index(part_id)

    @observe("selected_index")
    def _build_opened(self, change) -> None:
        if change["new"] is None:
            return
        part_id = self.part_ids[change["new"]]
        pane = self.children[change["new"]]
        if pane.children:
            return  # built when first opened
        if part_id == "artefacts":
            self.artefacts = {
                a.id: ArtefactItem(
                    a,
                    self.stored.artefacts[a.id].reread if a.id in self.stored.artefacts else False,
                    self.stored.artefacts[a.id].note if a.id in self.stored.artefacts else "",
                )
                for a in self.guide.artefacts_for(self.track)
            }
            content = w.VBox(list(self.artefacts.values()))
            rows = {f"depth.artefacts.{aid}": item.row for aid, item in self.artefacts.items()}
            controls = [c for item in self.artefacts.values() for c in (item.reread, item.note)]
            buttons = []
        else:
            fields, label = self._list_fields(part_id)
            stored = [x.model_dump() for x in getattr(self.stored, part_id)]
            content = self.lists[part_id] = EntryList(
                part_id, fields, stored, label, on_add=self._entry_added
            )
            rows, controls = content.rows(), content.controls()
            buttons = [content.add_button]
        guidance = w.HTML(fragment("forms/depth_guidance", part=self.guide.part(part_id)))
        pane.children = (guidance, content)
        self.on_build(rows, controls, buttons)

    def _entry_added(self, entry: ListEntry) -> None:
        self.on_build(entry.rows, list(entry.controls.values()), [])

    def _list_fields(self, part_id: str) -> tuple[list[ListField], str]:
        fields, label = LISTS.get(
            part_id, (_script_fields(self.guide.script), N_("Add a part you did not own"))
        )
        return [field.for_track(self.words) for field in fields], label

    def rows(self) -> dict[str, FieldRow]:
        """The rows of every opened pane, by path."""
        found = {f"depth.artefacts.{aid}": item.row for aid, item in self.artefacts.items()}
        for entries in self.lists.values():
            found.update(entries.rows())
        return found

    def controls(self) -> list[w.Widget]:
        """The answer controls of every opened pane."""
        return [c for item in self.artefacts.values() for c in (item.reread, item.note)] + [
            c for entries in self.lists.values() for c in entries.controls()
        ]

    def buttons(self) -> list[w.Widget]:
        """The opened lists' Add buttons (hidden in read-only mode)."""
        return [entries.add_button for entries in self.lists.values()]

    def value(self, stored: DepthRecovery) -> dict:
        """What the controls hold; artefacts not shown (another track's) are kept as stored."""
        artefacts = {aid: check.model_dump() for aid, check in stored.artefacts.items()}
        artefacts.update(
            {
                aid: item.value()
                for aid, item in self.artefacts.items()
                if not item.is_blank() or aid in artefacts
            }
        )
        return {
            "artefacts": artefacts,
            **{
                name: self.lists[name].value()
                if name in self.lists
                else [x.model_dump() for x in getattr(stored, name)]  # a pane never opened
                for name in self.part_ids[1:]
            },
        }

    def field_of(self, loc: tuple) -> str:
        """The row key of a refused value inside ``depth`` (list indices as on screen)."""
        parts = [str(part) for part in loc]
        if len(loc) > 2 and loc[1] in self.lists and isinstance(loc[2], int):  # else as stored
            parts[2] = str(self.lists[loc[1]].screen_index(loc[2]))
        if len(loc) > 2 and loc[1] == "artefacts":
            parts = parts[:3]  # one row per artefact: its note
        return ".".join(parts)

    def show(self, depth: DepthRecovery) -> None:
        """Pane titles with how far each part has come; a pane opened later starts from
        ``depth``."""
        self.stored = depth
        counts = depth_counts(depth, self.guide, self.track)
        for index, pid in enumerate(self.part_ids):
            title = i18n.gettext("{part} ({progress})")
            self.set_title(
                index, title.format(part=self.guide.part(pid).title, progress=counts[pid])
            )


def depth_counts(depth: DepthRecovery, guide: DepthGuide, track: Track) -> dict[str, str]:
    """Per part, a few words on how far it has come, e.g. "3 of 6 reread"."""
    shown = guide.artefacts_for(track)
    reread = sum(1 for a in shown if a.id in depth.artefacts and depth.artefacts[a.id].reread)
    whole = [n for n in depth.numbers if None not in _values(n)]
    number = i18n.format_number
    people, decisions, scripts = (len(depth.people), len(depth.decisions), len(depth.not_mine))
    return {
        "artefacts": i18n.gettext("{reread} of {total} reread").format(
            reread=number(reread), total=number(len(shown))
        ),
        "people": i18n.ngettext("{count} person", "{count} people", people).format(
            count=number(people)
        ),
        "numbers": i18n.gettext("{whole} of {total} with all three numbers").format(
            whole=number(len(whole)), total=number(len(depth.numbers))
        ),
        "decisions": i18n.ngettext("{count} decision", "{count} decisions", decisions).format(
            count=number(decisions)
        ),
        "not_mine": i18n.ngettext("{count} script", "{count} scripts", scripts).format(
            count=number(scripts)
        ),
    }


def _values(number: NumberToRederive) -> tuple:
    return (number.baseline.value, number.target.value, number.actual.value)


def has_depth(depth: DepthRecovery) -> bool:
    """Whether the engineer has recovered anything of the project's depth yet."""
    return depth != DepthRecovery()


def script_text(script: NotMineScript, steps: list[ScriptStep]) -> str:
    """The script as it would be said: the engineer's answers in the template's order."""
    return " ".join(script.steps[s.id] for s in steps if script.steps.get(s.id))


def measure_text(number: NumberToRederive) -> str:
    """'monthly churn (%): baseline 4.1 (CRM report) → target 3.7 → actual 3.4 (A/B readout)'."""
    unit = f" ({number.unit})" if number.unit else ""
    parts = []
    for label in MEASURES:
        measure = getattr(number, label)
        value = number_text(measure.value) or "?"
        said = i18n.gettext(MEASURE_SAID[label]).format(value=value)
        parts.append(said + (f" ({measure.source})" if measure.source else ""))
    metric = number.metric or i18n.gettext("metric")
    return i18n.gettext("{metric}: {measures}").format(
        metric=f"{metric}{unit}", measures=" → ".join(parts)
    )


def _said(entry, fields: tuple[ListField, ...]) -> str:
    """An entry's answers to ``fields`` as "Label: text", in order, the empty ones left out."""
    said = i18n.gettext("{label}: {text}")
    return " ".join(
        said.format(label=say(field.label), text=text)
        for field in fields
        if (text := getattr(entry, field.key))
    )


def _artefact_words(reread: bool, noted: bool) -> str:
    """How a card says one artefact checked: reread or not, with the engineer's note or not."""
    if reread and noted:
        return i18n.gettext("{artefact} (reread): {note}")
    if reread:
        return i18n.gettext("{artefact} (reread)")
    return i18n.gettext("{artefact}: {note}") if noted else "{artefact}"


def depth_card_parts(depth: DepthRecovery, guide: DepthGuide) -> list[tuple[str, str]]:
    """The coach card's lines for a project's depth recovery (empty parts are left out)."""
    names = {a.id: a.name for a in guide.artefacts}
    gettext = i18n.gettext
    parts: list[tuple[str, str]] = [
        (
            gettext("Artefacts"),
            clauses(
                [
                    _artefact_words(check.reread, bool(check.note)).format(
                        artefact=names.get(aid, aid), note=check.note
                    )
                    for aid, check in depth.artefacts.items()
                ]
            ),
        )
    ]
    parts += [
        (
            gettext("Ask {who}").format(who=p.who or gettext("someone")),
            p.ask + (f" {said}" if (said := _said(p, PEOPLE[2:])) else ""),
        )
        for p in depth.people
    ]
    parts += [(gettext("Number"), measure_text(n)) for n in depth.numbers]
    parts += [
        (
            gettext("{label}: {text}").format(
                label=say(DECISIONS[0].label), text=d.decision or gettext("(unnamed)")
            ),
            _said(d, DECISIONS[1:]),
        )
        for d in depth.decisions
    ]
    parts += [
        (
            gettext("Didn't own {part}").format(part=s.part or gettext("a part")),
            script_text(s, guide.script),
        )
        for s in depth.not_mine
    ]
    return parts
