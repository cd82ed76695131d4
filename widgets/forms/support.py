"""Workbook 05's "What I need from you": the asks the growth-plan document puts to the manager.

One long text, one ask per line, autosaved like every form. The manager's copy of the document
lists the lines under "What I need from you"; the coach reads them here, read-only.
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import observe

from widgets.content.wording import clauses
from widgets.forms.base import CSS, JournalForm, text_field
from widgets.forms.thought_record_fields import spoken
from widgets.i18n import N_, format_number, gettext, ngettext
from widgets.storage.journal import Journal
from widgets.storage.records import ManagerSupport
from widgets.views.fragments import muted

# Asks a manager can act on that help a mid-level engineer show senior scope: ownership,
# feedback soon enough to use, and access to the people who judge senior work.
EXAMPLES = (
    N_("a project I can own end to end next quarter"),
    N_("feedback within a week of each design review"),
    N_("an introduction to the staff engineer who reviews designs"),
)


def hint() -> str:
    """How to write an ask, with the examples (in quotation marks, as Chinese quotes them too), in
    the active language."""
    examples = clauses(
        [gettext("\u201c{example}\u201d").format(example=gettext(example)) for example in EXAMPLES]
    )
    return gettext(
        "One ask per line, concrete enough that you will both know when it has happened. "
        "For example: {examples}."
    ).format(examples=examples)


def _placeholder(_form) -> str:
    return gettext("One ask per line, e.g. {example}").format(example=gettext(EXAMPLES[0]))


class ManagerSupportForm(JournalForm):
    """What the engineer needs from their manager, bound to the journal's one ``ManagerSupport``.

    Parameters
    ----------
    journal : where the answer is loaded from and autosaved to.
    readonly : the coach view: the text shown whole, nothing saved.

    Attributes
    ----------
    needs : the ``Textarea`` (one ask per line, declared in ``FIELDS``), public so workbooks and
        tests reach it.
    rows : ``{"needs": FieldRow}``: the control and the message beside it.

    Examples
    --------
    >>> form = ManagerSupportForm(journal)                                   # doctest: +SKIP
    >>> form.needs.value = "A project I can own end to end next quarter"    # autosaves
    """

    model = ManagerSupport
    FIELDS = (
        spoken(
            text_field(
                "needs",
                N_("What I need from you"),
                _placeholder,
                lines=True,
                width="100%",
                max_width="720px",
                height="120px",
            )
        ),
    )

    def __init__(self, journal: Journal, readonly: bool = False):
        stored = journal.record(ManagerSupport.kind)
        shown = stored or ManagerSupport()
        self.rows = {}
        (needs,) = self.make_fields(shown)
        self.hint = w.HTML(muted(hint()), layout={"margin": "0 0 0 194px", "max_width": "526px"})
        super().__init__(journal, entry_id=ManagerSupport.kind)  # a singleton: one per journal
        self.load(shown, stored)
        self.wire(self.controls())
        self.children = (w.HTML(CSS), needs, self.hint, self.status_line)
        self.readonly = readonly
        self.say(
            gettext("Your asks save a second after you stop typing.")
            if stored is None
            else gettext("Saved asks loaded. Changes save a second after you stop typing.")
        )

    @observe("readonly")
    def _hint_for_the_engineer(self, change) -> None:
        # How to write an ask speaks to the engineer; the coach reads the asks themselves.
        self.hint.layout.display = "none" if change["new"] else None

    def summary(self) -> str:
        record = self.stored or ManagerSupport()
        asks = record.need_lines()
        if self.readonly:
            head = ngettext(
                "What I need from my manager: {count} ask — read-only",
                "What I need from my manager: {count} asks — read-only",
                len(asks),
            )
        else:
            head = ngettext(
                "What I need from my manager: {count} ask",
                "What I need from my manager: {count} asks",
                len(asks),
            )
        lines = [head.format(count=format_number(len(asks)))]
        lines += [f"  - {ask}" for ask in asks] or ["  " + gettext("(nothing written yet)")]
        return "\n".join(lines)
