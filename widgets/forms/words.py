"""The sentences every form shares (the status line, a refusal, Add and Remove), marked for the
catalogue here and translated where they are shown (:func:`say`, :func:`saved_status`).

Code never compares these words: a form remembers what it said by a flag, not by the sentence.
"""

from __future__ import annotations

from widgets import i18n
from widgets.forms.composite_code import stub_words
from widgets.i18n import N_

TYPING = N_("Not saved yet: saved when you pause typing.")
FIX_MARKED = N_("Not saved: fix the fields marked in red.")
KEPT_LAST_GOOD = N_("Not saved: the field marked in red keeps its last good value.")
NOT_SAVED = N_("Not saved: {reason}")
SAVED = N_("Saved")
# Translators: {saved} is a whole clause such as "Saved" or "Draft saved"; {time} is 14:05.
SAVED_AT = N_("{saved} at {time}.")
SAVED_AT_EXCEPT = N_(
    "{saved} at {time}, except the fields marked in red (their last good values are kept)."
)
LOADED = N_("Saved answers loaded. Each answer saves a second after you stop typing.")
FIRST_TIME = N_("Each answer saves a second after you stop typing.")
UNSAVED = N_(
    "Your last words are not saved yet: the kernel is not answering (busy or restarting). "
    "Keep this page open; they are saved when it answers."
)
REMOVE = N_("Remove")
NONE_RECORDED = N_("None recorded yet.")
CANNOT_SHOW = N_("Cannot show this exercise: {reason}")


def say(message: str) -> str:
    """``message`` (a marked constant, or "") in the active language; "" stays "" (gettext of an
    empty msgid is the catalogue's header)."""
    return i18n.gettext(message) if message else ""


def options(choices: list[tuple]) -> list[tuple]:
    """(label, value) ``choices`` with their marked labels in the active language."""
    return [(say(label), value) for label, value in choices]


def saved_status(saved: str, time: str, kept: bool) -> str:
    """The status line after a save: ``saved`` (a translated clause: "Saved", "Draft saved") at
    ``time``; ``kept``: some fields were refused and keep their last good values."""
    sentence = SAVED_AT_EXCEPT if kept else SAVED_AT
    return i18n.gettext(sentence).format(saved=saved, time=time)


# -- the words a composite's page code shows (its synced ``words`` trait) ------------------------
# Each with the stub's own (:func:`~widgets.forms.composite_code.stub_words`: what the page says
# when the composite's code did not come).


def tick_grid_words() -> dict[str, str]:
    """static/tick_grid.js: the "?" button's name ({name}: the option's name, put in by JS)."""
    return {**stub_words(), "define": i18n.gettext('What "{name}" means')}


def rating_row_words(competency: str) -> dict[str, str]:
    """static/rating_row.js: the labels of one competency's rating row."""
    gettext = i18n.gettext
    return {
        **stub_words(),
        "current": gettext("You now"),
        "target": gettext("Target"),
        "confidence": gettext("Confidence"),
        "weight": gettext("Loop probes it"),
        "evidence": gettext(
            "Evidence: what you did that shows this level (a project, a review, an incident, "
            "a story)."
        ),
        "evidence_name": gettext("Evidence: {competency}").format(competency=competency),
    }


def coach_row_words(competency: str) -> dict[str, str]:
    """static/coach_row.js: the coach's note box, and its name for a screen reader."""
    return {
        **stub_words(),
        "note": i18n.gettext("Why (optional)"),
        "note_name": i18n.gettext("Why: {competency}").format(competency=competency),
    }
