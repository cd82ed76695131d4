"""The profile form of workbook 00: who the engineer is, where they are heading, what worries them.

Every change autosaves. A value that fails validation gets a message beside its field and is
not saved; the other answers are saved with the last good value kept for the bad one, so one
typo never holds the rest of the page hostage.
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import observe

from widgets import i18n
from widgets.content import coach_roles, routes, tracks
from widgets.content.seeds import LevelsFile
from widgets.content.wording import joined
from widgets.forms import words
from widgets.forms.base import (
    CSS,
    Field,
    JournalForm,
    TickGrid,
    choice_field,
    date_field,
    friendly_message,
    number_field,
    short_text,
    text_field,
)
from widgets.forms.part_rows import Box, PartRow, PartRows, row_maker
from widgets.i18n import N_
from widgets.storage import clock
from widgets.storage.journal import Journal
from widgets.storage.records import Profile
from widgets.views.fragments import fragment

# The code of the words shown (widgets/content/messages.py), by field and pydantic's code.
FRIENDLY = {
    "years_experience": {
        "greater_than_equal": "years_negative",
        "less_than_equal": "years_too_many",
    },
    "company": {"string_too_short": "company_missing"},
}


# The profile's list answers, built row by row (:class:`PartRows`), with their headings (the
# record's titles, in the catalogue's words).
LISTS = ("interviews", "past_ratings")
LIST_TITLES = {"interviews": N_("Interviews lined up"), "past_ratings": N_("Past ratings")}


def _field_of(loc: tuple, fields=()) -> str:
    """A list's errors belong to their row ('interviews.0'); a part's (the promotion cycle's
    dates) to its own box; others to their field."""
    if loc[0] in LISTS and len(loc) > 2:
        return f"{loc[0]}.{loc[1]}"
    inner = next((f.name for f in fields if f.path and tuple(f.path) == tuple(loc[:2])), None)
    return inner or str(loc[0])


# Each list's row: its boxes (part's field, placeholder, width; a date box for a day), and
# what one row is.
interview_row = row_maker(
    N_("Remove this interview"),
    (
        Box("company", N_("Company"), "200px"),
        Box("level", N_("Level, e.g. Senior (L5)"), "190px"),
        Box("date", N_("Interview date"), "160px", day=True),
    ),
)
rating_row = row_maker(
    N_("Remove this rating"),
    (
        Box("cycle", N_("Cycle, e.g. H2 2025"), "200px"),
        Box("rating", N_("Rating, e.g. Meets expectations"), "240px"),
    ),
)


def _level_options(form: ProfileForm) -> list[tuple[str, str | None]]:
    return [(i18n.gettext("— choose —"), None)] + [
        (level.name, level.id) for level in form.levels.levels
    ]


def _track_options(_form: ProfileForm) -> list[tuple[str, str]]:
    return tracks.tracks().choices()  # every track, by its name


def _coach_role_options(_form: ProfileForm) -> list[tuple[str, str]]:
    return coach_roles.coach_roles().choices()  # in the language the form is drawn in


def _language_options(form: ProfileForm) -> list[tuple[str, str]]:
    """Each language by its name in itself; a pseudo-locale only while it is the one chosen."""
    chosen = form.stored.language if form.stored else ""
    return [(i18n.gettext("— as your computer is set —"), "")] + [
        (language.name, language.id)
        for language in i18n.languages()
        if not language.pseudo or language.id == chosen
    ]


def _route_grid(_form: ProfileForm, chosen: list[str]) -> TickGrid:
    """One tick box per route of the registry, named in its own words; both may be ticked (no
    "?" beside them: a route's name says what it is)."""
    options = [(r.id, r.sentence_name, "") for r in routes.routes().entries]
    return TickGrid(options, chosen, i18n.gettext("Your route to the next level"))


def _route_names(ids: list[str]) -> str:
    return joined([routes.routes().resolve(i).sentence_name for i in ids])


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
    lists : the list answers (interviews, past ratings) by name, each :class:`PartRows`;
    interview_rows : the interviews' rows.

    Examples
    --------
    >>> form = ProfileForm(journal, content.levels())        # doctest: +SKIP
    >>> form.years_experience.value = "6.5"                   # autosaves
    """

    model = Profile
    friendly = FRIENDLY
    # Every answer but the lists (``LISTS``: interviews, past ratings), which the engineer adds
    # rows to (:class:`PartRows`: a row is a few boxes and a Remove button, not one control).
    FIELDS = (
        text_field("alias", N_("Name or alias"), N_("What your coach should call you")),
        choice_field("track", N_("Track"), _track_options),
        number_field("years_experience", N_("Years of experience"), N_("e.g. 6 or 6.5")),
        choice_field("current_level", N_("Current level"), _level_options),
        choice_field("target_level", N_("Target level"), _level_options),
        date_field("target_date", N_("Target date")),
        choice_field("coach_role", N_("Your coach is"), _coach_role_options),
        choice_field("language", N_("Language"), _language_options),
        Field(
            "routes",
            N_("Your route to the next level"),
            _route_grid,
            read=lambda grid: list(grid.chosen),
            words=_route_names,
        ),
        Field(
            "cycle_name",
            N_("Promotion cycle"),
            lambda _form, name: short_text(
                name, i18n.gettext("Promotion cycle"), i18n.gettext("e.g. the May cycle")
            ),
            path=("promotion_cycle", "name"),
        ),
        date_field("packet_due", N_("Packet due"), path=("promotion_cycle", "packet_due")),
        date_field("calibration_on", N_("Calibration"), path=("promotion_cycle", "calibration_on")),
        text_field("manager", N_("Manager"), N_("Who decides on your promotion")),
        text_field("sponsors", N_("Sponsors"), N_("Who speaks for you in calibration")),
        text_field(
            "worries",
            N_("What worries you most"),
            N_("In your own words: what could hold you back?"),
            lines=True,
            width="520px",
            height="110px",
        ),
    )

    def __init__(self, journal: Journal, levels: LevelsFile, readonly: bool = False):
        self.levels = levels
        self._language_switched = False
        stored = journal.record("profile")
        shown = stored or Profile()
        self.rows = {}
        self.level_hint = w.HTML(value="")
        super().__init__(journal, entry_id=Profile.kind)  # a singleton: one profile per journal
        # The coach's kernel gets no button at all: nothing a message could click.
        self.lists = {
            "interviews": PartRows(
                self,
                "interviews",
                interview_row,
                shown.interviews,
                (
                    i18n.gettext("Add interview"),
                    i18n.gettext("Add an interview you have lined up"),
                ),
                readonly,
            ),
            "past_ratings": PartRows(
                self,
                "past_ratings",
                rating_row,
                shown.past_ratings,
                (i18n.gettext("Add rating"), i18n.gettext("Add a past cycle's rating")),
                readonly,
            ),
        }
        answers = self.make_fields(shown)
        self.load(shown, stored)
        self.wire(super().controls())
        self.list_parts = {
            name: w.VBox(
                (w.HTML(fragment("forms/label", title=i18n.gettext(LIST_TITLES[name]))), rows.box)
            )
            for name, rows in self.lists.items()
        }
        self.children = (
            w.HTML(CSS),
            *answers[:6],
            self.level_hint,
            *answers[6:-1],
            *self.list_parts.values(),
            answers[-1],
            self.status_line,
        )
        self.readonly = readonly
        for rows in self.lists.values():
            rows.layout()
        self.routes.observe(self._show_routes_answers, names="chosen")
        self._show_routes_answers()
        self._update_level_hint()
        self.say(i18n.gettext(words.FIRST_TIME if stored is None else words.LOADED))

    @property
    def interview_rows(self) -> tuple[PartRow, ...]:
        """The rows of the interviews lined up."""
        return self.lists["interviews"].rows

    @property
    def add_interview(self) -> w.Button | None:
        """The button adding an interview row (None in read-only mode)."""
        return self.lists["interviews"].add

    def controls(self) -> list[w.Widget]:
        """The declared answers' controls, then each list row's."""
        inputs = super().controls()
        for rows in self.lists.values():
            inputs += rows.inputs()
        return inputs

    def buttons(self) -> list[w.Widget]:
        return [b for rows in self.lists.values() for b in rows.buttons()]

    def _route_parts(self) -> dict[str, list[w.Widget]]:
        """The page's parts of each answer a route asks (routes.yaml's ``asks``), by answer."""
        parts: dict[str, list[w.Widget]] = {name: [box] for name, box in self.list_parts.items()}
        for field in self.FIELDS:
            parts.setdefault((field.path or (field.name,))[0], []).append(self.rows[field.name])
        return parts

    def _show_routes_answers(self, _change=None) -> None:
        """Show the answers of the routes ticked only; the others are hidden, never deleted (a
        route ticked again finds them as they were)."""
        chosen = set(self.routes.chosen)
        for answer, parts in self._route_parts().items():
            asking = routes.asking(answer)
            shown = not asking or any(route.id in chosen for route in asking)
            for part in parts:
                part.layout.display = None if shown else "none"

    @observe("value")
    def _level_hint_follows(self, _change) -> None:
        self._update_level_hint()

    def _update_level_hint(self) -> None:
        current, target = (
            self.levels.rank(d.value) for d in (self.current_level, self.target_level)
        )
        hint = ""
        if current is not None and target is not None and target <= current:
            hint = i18n.gettext(
                "Your target level is not above your current level. Is that what you meant?"
            )
        self.level_hint.value = fragment(
            "forms/level_hint", hint=hint, level=self.levels.by_id(self.target_level.value)
        )

    # -- saving -----------------------------------------------------------------------------
    def field_of(self, loc: tuple) -> str:
        """The row an error belongs to: a list's row, a part's own box, else its field's."""
        return _field_of(loc, self.FIELDS)

    def collect(self) -> dict:
        """The form's current values as profile data (blank list rows are drafts, skipped)."""
        return {
            **self.read_fields(),
            **{name: rows.values() for name, rows in self.lists.items()},
        }

    def save(self) -> Profile | None:
        """Store what the controls hold now (they autosave; tests and the CLI may call this)."""
        self.edited()
        return self.stored if self.stored == self.value and not self.readonly else None

    def message(self, field: str, errors: list[dict]) -> str:
        """A list row's error in the words of its own box (an interview's company, level)."""
        if field.split(".")[0] in self.lists and len(errors[0]["loc"]) > 2:
            return friendly_message(errors[0], FRIENDLY.get(str(errors[0]["loc"][2])))
        return super().message(field, errors)

    def saved_words(self, record: Profile) -> str:
        if self._language_switched:
            self._language_switched = False
            said = (
                i18n.gettext("Saved ({language} from the next workbook you run)")
                if self.errors
                else i18n.gettext("All answers saved ({language} from the next workbook you run)")
            )
            return said.format(language=i18n.language().name)
        return i18n.gettext(words.SAVED if self.errors else "All answers saved")

    @observe("stored")
    def _speak_the_profiles_language(self, change) -> None:
        """The language saved is the one this kernel speaks from now on (the next page drawn)."""
        if change["new"] is not None and not self.readonly:
            i18n.remember_profile(change["new"].language)
            old = change["old"].language if change["old"] is not None else ""
            self._language_switched = old != change["new"].language

    @observe("errors")
    def _list_errors(self, change) -> None:
        for rows in self.lists.values():
            rows.show_errors(change["new"])

    # -- display ----------------------------------------------------------------------------
    def summary(self) -> str:
        profile = self.stored or Profile()
        current = self.levels.by_id(profile.current_level)
        target = self.levels.by_id(profile.target_level)
        years = profile.years_experience
        _ = i18n.gettext
        name = profile.alias or _("(no name yet)")
        head = _("Profile of {name} — read-only") if self.readonly else _("Profile of {name}")
        levels = f"{current.name if current else '—'} → {target.name if target else '—'}"
        if profile.target_date:
            levels = _("{levels} by {day}").format(
                levels=levels, day=profile.target_date.isoformat()
            )
        lines = [
            head.format(name=name),
            "  " + _("track: {track}").format(track=tracks.of_profile(profile).sentence_name),
            "  " + _("route: {routes}").format(routes=_route_names(profile.routes)),
            "  "
            + _("years of experience: {years}").format(
                years=i18n.format_number(years) if years is not None else "—"
            ),
            "  " + _("level: {levels}").format(levels=levels),
            "  " + _("interviews lined up: {count}").format(count=len(profile.interviews)),
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
            when = (
                _("next interview: {company} on {day}, today")
                if days == 0
                else i18n.ngettext(
                    "next interview: {company} on {day}, in {days} day",
                    "next interview: {company} on {day}, in {days} days",
                    days,
                )
            )
            day = upcoming.date.isoformat()
            lines.append("  " + when.format(company=upcoming.company, day=day, days=days))
        lines.append("  " + _("worries: {worries}").format(worries=profile.worries or "—"))
        return "\n".join(lines)
