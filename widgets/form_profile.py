"""The profile form of workbook 00: who the engineer is, where they are heading, what worries them.

Every change autosaves. A value that fails validation gets a message beside its field and is
not saved; the other answers are saved with the last good value kept for the bad one, so one
typo never holds the rest of the page hostage.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as w

from . import clock
from .content import LevelsFile
from .form_base import CSS, FIELD_LAYOUT, LABEL_STYLE, FieldRow, JournalForm, friendly_message, number_text, parse_number, validate_with_fallback
from .journal import Journal
from .records import Profile

TRACKS = [("Software engineer", "software"), ("ML engineer", "ml")]

# What the engineer reads when a value is refused, keyed by field and pydantic error type.
FRIENDLY = {
    "years_experience": {
        "greater_than_equal": "Years of experience can't be negative.",
        "less_than_equal": "Years of experience must be 60 or fewer.",
    },
    "company": {"string_too_short": "Give the company a name (or remove this interview)."},
}


def _field_of(loc: tuple) -> str:
    """Interview errors belong to their row ('interviews.0'); others to their field."""
    return f"interviews.{loc[1]}" if loc[0] == "interviews" and len(loc) > 2 else str(loc[0])


class InterviewRow(w.HBox):
    """One interview lined up: company, level, date, and a button to remove it."""

    def __init__(self, company: str = "", level: str = "", date: dt.date | None = None):
        self.company = w.Text(value=company, placeholder="Company", continuous_update=False, layout={"width": "200px"})
        self.level = w.Text(value=level, placeholder="Level, e.g. Senior (L5)", continuous_update=False, layout={"width": "190px"})
        self.date = w.DatePicker(value=date, layout={"width": "160px"})
        self.remove = w.Button(description="Remove", icon="trash", layout={"width": "100px"}, tooltip="Remove this interview")
        self.message = FieldRow(w.HTML(""))
        super().__init__(children=(self.company, self.level, self.date, self.remove, self.message))

    def values(self) -> dict:
        return {"company": self.company.value, "level": self.level.value, "date": self.date.value}

    def is_blank(self) -> bool:
        return not (self.company.value.strip() or self.level.value.strip() or self.date.value)

    def inputs(self) -> list[w.Widget]:
        return [self.company, self.level, self.date]


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
        the controls, public so workbooks and tests can reach them.
    rows : dict of field name to :class:`FieldRow` (control plus message).
    interview_rows : tuple of :class:`InterviewRow`.

    Examples
    --------
    >>> form = ProfileForm(journal, content.levels())        # doctest: +SKIP
    >>> form.years_experience.value = 6.5                     # autosaves
    """

    entry_id = "profile"  # a singleton: one profile per journal

    def __init__(self, journal: Journal, levels: LevelsFile, readonly: bool = False):
        self.journal = journal
        self.levels = levels
        self._stored = journal.record("profile") or Profile()
        stored = self._stored
        level_options = [("— choose —", None)] + [(level.name, level.id) for level in levels.levels]
        text = dict(style=LABEL_STYLE, layout=FIELD_LAYOUT, continuous_update=False)
        self.alias = w.Text(value=stored.alias, description="Name or alias", placeholder="What your coach should call you", **text)
        self.track = w.Dropdown(options=TRACKS, value=stored.track, description="Track", style=LABEL_STYLE, layout=FIELD_LAYOUT)
        # Text, not FloatText: an empty answer stays empty, and "six" gets a message, not a silent 0.
        self.years_experience = w.Text(value=number_text(stored.years_experience), description="Years of experience", placeholder="e.g. 6 or 6.5", **text)
        self.current_level = w.Dropdown(options=level_options, value=stored.current_level, description="Current level", style=LABEL_STYLE, layout=FIELD_LAYOUT)
        self.target_level = w.Dropdown(options=level_options, value=stored.target_level, description="Target level", style=LABEL_STYLE, layout=FIELD_LAYOUT)
        self.target_date = w.DatePicker(value=stored.target_date, description="Target date", style=LABEL_STYLE, layout=FIELD_LAYOUT)
        self.worries = w.Textarea(value=stored.worries, description="What worries you most", placeholder="In your own words: what could hold you back?", style=LABEL_STYLE, layout={"width": "520px", "height": "110px"}, continuous_update=False)
        self.rows = {name: FieldRow(getattr(self, name)) for name in ("alias", "track", "years_experience", "current_level", "target_level", "target_date", "worries")}
        self.level_hint = w.HTML(value="")
        self.interview_rows: tuple[InterviewRow, ...] = tuple(InterviewRow(i.company, i.level, i.date) for i in stored.interviews)
        self.add_interview = w.Button(description="Add interview", icon="plus", tooltip="Add an interview you have lined up")
        self.interviews_box = w.VBox()
        super().__init__(readonly=readonly)
        self._loading = True
        for control in (self.alias, self.track, self.years_experience, self.current_level, self.target_level, self.target_date, self.worries):
            control.observe(self._on_change, names="value")
        self.add_interview.on_click(self._on_add_interview)
        for row in self.interview_rows:
            self._wire_row(row)
        self._layout_interviews()
        self.children = (
            w.HTML(CSS),
            *self.rows.values(),
            self.level_hint,
            w.HTML("<b>Interviews lined up</b>"),
            self.interviews_box,
            self.status,
        )
        self._update_level_hint()
        self.apply_readonly()
        self.set_status("Your answers save as you go." if journal.record("profile") is None else "Saved answers loaded. Changes save as you go.")
        self._loading = False

    # -- building ---------------------------------------------------------------------------
    def controls(self) -> list[w.Widget]:
        inputs = [row.control for row in self.rows.values()]
        for row in self.interview_rows:
            inputs += row.inputs()
        return inputs

    def _wire_row(self, row: InterviewRow) -> None:
        for control in row.inputs():
            control.observe(self._on_change, names="value")
        row.remove.on_click(lambda _button, row=row: self._on_remove_interview(row))

    def _layout_interviews(self) -> None:
        if self.readonly:
            for row in self.interview_rows:
                row.children = (row.company, row.level, row.date, row.message)
            empty = w.HTML('<span class="stepup-muted">None recorded yet.</span>')
            self.interviews_box.children = self.interview_rows or (empty,)
        else:
            self.interviews_box.children = (*self.interview_rows, self.add_interview)

    # -- events -----------------------------------------------------------------------------
    def _on_add_interview(self, _button=None) -> None:
        row = InterviewRow()
        self._wire_row(row)
        self.interview_rows = (*self.interview_rows, row)  # a new tuple, so traitlets sees it
        self._layout_interviews()

    def _on_remove_interview(self, row: InterviewRow) -> None:
        self.interview_rows = tuple(r for r in self.interview_rows if r is not row)
        self._layout_interviews()
        self.save()

    def _on_change(self, _change=None) -> None:
        if not self._loading:
            self._update_level_hint()
            self.save()

    def _update_level_hint(self) -> None:
        current, target = (self.levels.rank(d.value) for d in (self.current_level, self.target_level))
        hint = ""
        if current is not None and target is not None and target <= current:
            hint = "Your target level is not above your current level. Is that what you meant?"
        level = self.levels.by_id(self.target_level.value)
        text = f"<i>{html.escape(level.name)}:</i> {html.escape(level.summary)} <span class='stepup-muted'>(roughly {html.escape(level.equivalents)})</span>" if level else ""
        self.level_hint.value = (f'<div class="stepup-muted">{html.escape(hint)}</div>' if hint else "") + (f"<div style='max-width:720px'>{text}</div>" if level else "")

    # -- saving -----------------------------------------------------------------------------
    def collect(self) -> dict:
        """The form's current values as profile data (blank interview rows are drafts, skipped)."""
        return {
            "alias": self.alias.value, "track": self.track.value,
            "years_experience": parse_number(self.years_experience.value),
            "current_level": self.current_level.value, "target_level": self.target_level.value,
            "target_date": self.target_date.value, "worries": self.worries.value,
            "interviews": [row.values() for row in self.interview_rows if not row.is_blank()],
        }

    def save(self) -> Profile | None:
        """Validate and store; show messages beside refused fields. Returns what was stored."""
        if self.readonly:
            return None
        record, problems = validate_with_fallback(Profile, self.collect(), self._stored.model_dump(), field_of=_field_of)
        self._show_errors(problems)
        if record is None:
            self.set_status("Not saved: fix the field marked in red.", ok=False)
            return None
        if not self.store(record, bool(problems), saved="Saved" if problems else "All answers saved"):
            return None
        return record

    def _show_errors(self, problems: dict[str, list[dict]]) -> None:
        for name, row in self.rows.items():
            errors = problems.get(name, [])
            row.show_error(friendly_message(errors[0], FRIENDLY.get(name)) if errors else "")
        filled = [row for row in self.interview_rows if not row.is_blank()]
        for row in self.interview_rows:
            index = filled.index(row) if row in filled else -1
            errors = problems.get(f"interviews.{index}", [])
            field = str(errors[0]["loc"][2]) if errors and len(errors[0]["loc"]) > 2 else ""
            row.message.show_error(friendly_message(errors[0], FRIENDLY.get(field)) if errors else "")

    # -- display ----------------------------------------------------------------------------
    def summary(self) -> str:
        profile = self._stored
        current = self.levels.by_id(profile.current_level)
        target = self.levels.by_id(profile.target_level)
        lines = [
            f"Profile of {profile.alias or '(no name yet)'}" + (" — read-only" if self.readonly else ""),
            f"  track: {dict((v, k) for k, v in TRACKS)[profile.track]}",
            f"  years of experience: {profile.years_experience if profile.years_experience is not None else '—'}",
            f"  level: {current.name if current else '—'} → {target.name if target else '—'}"
            + (f" by {profile.target_date.isoformat()}" if profile.target_date else ""),
            f"  interviews lined up: {len(profile.interviews)}",
        ]
        lines += [f"    - {i.company}" + (f", {i.level}" if i.level else "") + (f", {i.date.isoformat()}" if i.date else "") for i in profile.interviews]
        upcoming = profile.next_interview(clock.today())
        if upcoming:
            days = (upcoming.date - clock.today()).days
            lines.append(f"  next interview: {upcoming.company} on {upcoming.date.isoformat()}, " + ("today" if days == 0 else f"in {days} day{'s' * (days != 1)}"))
        lines.append(f"  worries: {profile.worries or '—'}")
        return "\n".join(lines)
