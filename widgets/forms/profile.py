"""The profile form of workbook 00: who the engineer is, where they are heading, what worries them.

Every change autosaves. A value that fails validation gets a message beside its field and is
not saved; the other answers are saved with the last good value kept for the bad one, so one
typo never holds the rest of the page hostage.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
from traitlets import observe

from widgets.content import coach_roles, tracks
from widgets.content.seeds import LevelsFile
from widgets.forms.base import (
    CSS,
    DateField,
    FieldRow,
    JournalForm,
    choice_field,
    date_field,
    friendly_message,
    number_field,
    text_field,
)
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.fragments import fragment, muted

# The code of the words shown (widgets/content/messages.py), by field and pydantic's code.
FRIENDLY = {
    "years_experience": {
        "greater_than_equal": "years_negative",
        "less_than_equal": "years_too_many",
    },
    "company": {"string_too_short": "company_missing"},
}


def _field_of(loc: tuple) -> str:
    """Interview errors belong to their row ('interviews.0'); others to their field."""
    return f"interviews.{loc[1]}" if loc[0] == "interviews" and len(loc) > 2 else str(loc[0])


class InterviewRow(w.HBox):
    """One interview lined up: company, level, date, and a button to remove it."""

    def __init__(
        self,
        company: str = "",
        level: str = "",
        date: dt.date | None = None,
        removable: bool = True,
    ):
        self.company = w.Text(value=company, placeholder="Company", layout={"width": "200px"})
        self.level = w.Text(
            value=level,
            placeholder="Level, e.g. Senior (L5)",
            layout={"width": "190px"},
        )
        self.date = DateField(value=date, label="Interview date", layout={"width": "160px"})
        self.remove = (
            w.Button(
                description="Remove",
                icon="trash",
                layout={"width": "100px"},
                tooltip="Remove this interview",
            )
            if removable
            else None
        )
        self.message = FieldRow(w.HTML(""))
        super().__init__(
            children=tuple(
                c
                for c in (self.company, self.level, self.date, self.remove, self.message)
                if c is not None
            )
        )

    def values(self) -> dict:
        """The row's answers, as an interview of the profile."""
        return {"company": self.company.value, "level": self.level.value, "date": self.date.value}

    def is_blank(self) -> bool:
        """Nothing typed yet: a draft row, left out of the profile."""
        return not (self.company.value.strip() or self.level.value.strip() or self.date.value)

    def inputs(self) -> list[w.Widget]:
        """The row's answer controls (the Remove button is not one)."""
        return [self.company, self.level, self.date]


def _level_options(form: ProfileForm) -> list[tuple[str, str | None]]:
    return [("— choose —", None)] + [(level.name, level.id) for level in form.levels.levels]


def _track_options(_form: ProfileForm) -> list[tuple[str, str]]:
    return tracks.tracks().choices()  # every track, by its name


class ProfileForm(JournalForm):
    """Profile form bound to a journal.

    Parameters
    ----------
    journal : where answers are loaded from and autosaved to.
    levels : the career levels offered (``content.levels()``).
    readonly : the coach view: controls disabled, no buttons, nothing saved.

    Attributes
    ----------
    alias, track, years_experience, current_level, target_level, target_date, worries :
        the controls of ``FIELDS``, public so workbooks and tests can reach them.
    rows : dict of field name to :class:`FieldRow` (control plus message).
    interview_rows : tuple of :class:`InterviewRow`.

    Examples
    --------
    >>> form = ProfileForm(journal, content.levels())        # doctest: +SKIP
    >>> form.years_experience.value = "6.5"                   # autosaves
    """

    model = Profile
    friendly = FRIENDLY
    # Every answer but ``interviews``: a list the engineer adds rows to, built and read by
    # :class:`InterviewRow` (a row is three controls and a Remove button, not one control).
    # Saved by another page or not asked here yet: carried over as held, never reset by a save.
    KEPT = ("routes", "promotion_cycle", "past_ratings", "manager", "sponsors")
    FIELDS = (
        text_field("alias", "Name or alias", "What your coach should call you"),
        choice_field("track", "Track", _track_options),
        number_field("years_experience", "Years of experience", "e.g. 6 or 6.5"),
        choice_field("current_level", "Current level", _level_options),
        choice_field("target_level", "Target level", _level_options),
        date_field("target_date", "Target date"),
        choice_field("coach_role", "Your coach is", coach_roles.coach_roles().choices()),
        text_field(
            "worries",
            "What worries you most",
            "In your own words: what could hold you back?",
            lines=True,
            width="520px",
            height="110px",
        ),
    )

    def __init__(self, journal: Journal, levels: LevelsFile, readonly: bool = False):
        self.levels = levels
        stored = journal.record("profile")
        shown = stored or Profile()
        self.rows = {}
        self.level_hint = w.HTML(value="")
        # The coach's kernel gets no button at all: nothing a message could click.
        self.interview_rows: tuple[InterviewRow, ...] = tuple(
            InterviewRow(i.company, i.level, i.date, removable=not readonly)
            for i in shown.interviews
        )
        self.add_interview = (
            None
            if readonly
            else w.Button(
                description="Add interview",
                icon="plus",
                tooltip="Add an interview you have lined up",
            )
        )
        self.interviews_box = w.VBox()
        super().__init__(journal, entry_id=Profile.kind)  # a singleton: one profile per journal
        answers = self.make_fields(shown)
        self.load(shown, stored)
        self.wire(super().controls())
        if self.add_interview is not None:
            self.add_interview.on_click(self._on_add_interview)
        for row in self.interview_rows:
            self._wire_row(row)
        self.children = (
            w.HTML(CSS),
            *answers,
            self.level_hint,
            w.HTML(fragment("forms/label", title="Interviews lined up")),
            self.interviews_box,
            self.status_line,
        )
        self.readonly = readonly
        self._layout_interviews()
        self._update_level_hint()
        self.say(
            "Each answer saves a second after you stop typing."
            if stored is None
            else "Saved answers loaded. Each answer saves a second after you stop typing."
        )

    def controls(self) -> list[w.Widget]:
        """The declared answers' controls, then each interview row's."""
        inputs = super().controls()
        for row in self.interview_rows:
            inputs += row.inputs()
        return inputs

    def buttons(self) -> list[w.Widget]:
        return [
            b
            for b in (self.add_interview, *(row.remove for row in self.interview_rows))
            if b is not None
        ]

    def _wire_row(self, row: InterviewRow) -> None:
        self.wire(row.inputs())
        if row.remove is not None:
            row.remove.on_click(lambda _button, row=row: self._on_remove_interview(row))

    def _layout_interviews(self) -> None:
        if self.readonly:
            for row in self.interview_rows:
                row.children = (
                    row.company,
                    row.level,
                    row.date,
                    row.message,
                )  # no Remove beside a disabled row
            empty = w.HTML(muted("None recorded yet."))
            self.interviews_box.children = self.interview_rows or (empty,)
        else:
            self.interviews_box.children = (
                *self.interview_rows,
                *([self.add_interview] if self.add_interview else []),
            )

    # -- events -----------------------------------------------------------------------------
    def _on_add_interview(self, _button=None) -> None:
        if self.readonly or self.add_interview is None:
            return
        row = InterviewRow()
        self._wire_row(row)
        self.interview_rows = (*self.interview_rows, row)  # a new tuple, so traitlets sees it
        self._layout_interviews()

    def _on_remove_interview(self, row: InterviewRow) -> None:
        if self.readonly:
            return
        self.interview_rows = tuple(r for r in self.interview_rows if r is not row)
        self._layout_interviews()
        self.edited()

    @observe("value")
    def _level_hint_follows(self, _change) -> None:
        self._update_level_hint()

    def _update_level_hint(self) -> None:
        current, target = (
            self.levels.rank(d.value) for d in (self.current_level, self.target_level)
        )
        hint = ""
        if current is not None and target is not None and target <= current:
            hint = "Your target level is not above your current level. Is that what you meant?"
        self.level_hint.value = fragment(
            "forms/level_hint", hint=hint, level=self.levels.by_id(self.target_level.value)
        )

    # -- saving -----------------------------------------------------------------------------
    def field_of(self, loc: tuple) -> str:
        """The row an error belongs to: an interview's row, else its field's."""
        return _field_of(loc)

    def collect(self) -> dict:
        """The form's current values as profile data (blank interview rows are drafts, skipped)."""
        return {
            **self.value.model_dump(include=set(self.KEPT)),
            **self.read_fields(),
            "interviews": [row.values() for row in self.interview_rows if not row.is_blank()],
        }

    def save(self) -> Profile | None:
        """Store what the controls hold now (they autosave; tests and the CLI may call this)."""
        self.edited()
        return self.stored if self.stored == self.value and not self.readonly else None

    def message(self, field: str, errors: list[dict]) -> str:
        """An interview's error in the words of its own field (company, level)."""
        if field.startswith("interviews.") and len(errors[0]["loc"]) > 2:
            return friendly_message(errors[0], FRIENDLY.get(str(errors[0]["loc"][2])))
        return super().message(field, errors)

    def saved_words(self, record: Profile) -> str:
        return "Saved" if self.errors else "All answers saved"

    @observe("errors")
    def _interview_errors(self, change) -> None:
        problems = change["new"]
        filled = [row for row in self.interview_rows if not row.is_blank()]
        for row in self.interview_rows:
            index = filled.index(row) if row in filled else -1
            row.message.show_error(problems.get(f"interviews.{index}", ""))

    # -- display ----------------------------------------------------------------------------
    def summary(self) -> str:
        profile = self.stored or Profile()
        current = self.levels.by_id(profile.current_level)
        target = self.levels.by_id(profile.target_level)
        years = profile.years_experience
        lines = [
            f"Profile of {profile.alias or '(no name yet)'}"
            + (" — read-only" if self.readonly else ""),
            f"  track: {tracks.of_profile(profile).sentence_name}",
            f"  years of experience: {years if years is not None else '—'}",
            f"  level: {current.name if current else '—'} → {target.name if target else '—'}"
            + (f" by {profile.target_date.isoformat()}" if profile.target_date else ""),
            f"  interviews lined up: {len(profile.interviews)}",
        ]
        lines += [
            f"    - {i.company}"
            + (f", {i.level}" if i.level else "")
            + (f", {i.date.isoformat()}" if i.date else "")
            for i in profile.interviews
        ]
        upcoming = profile.next_interview(clock.today())
        if upcoming:
            days = (upcoming.date - clock.today()).days
            lines.append(
                f"  next interview: {upcoming.company} on {upcoming.date.isoformat()}, "
                + ("today" if days == 0 else f"in {days} day{'s' * (days != 1)}")
            )
        lines.append(f"  worries: {profile.worries or '—'}")
        return "\n".join(lines)
