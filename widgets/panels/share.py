"""Workbook 05's "Share with my coach": what a snapshot for the coach holds, and one button that
sends it to the Step Up service of the programme's JupyterHub (widgets/hub_service.py).

The snapshot is the one ``stepup share`` makes (the coach audience's view, current entries
only), sent with the engineer's own JupyterHub token from the server's environment. Off a
programme's hub there is nowhere to send it: the panel says so and points to
``stepup share --out FILE``. In the coach's read-only view the panel has no control at all.
"""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import CSS, Closes, SummaryRepr
from widgets.hub_client import OFF_THE_HUB, HubTarget, hub_target, send_to_hub
from widgets.i18n import N_, gettext
from widgets.readers.share import build_share, summary
from widgets.storage.journal import Journal, JournalError
from widgets.storage.transfer import dumps, parse_snapshot
from widgets.views import fragments
from widgets.views.fragments import muted, status

READ_ONLY_NOTE = N_("The engineer shares from their own workbook; nothing is sent from this view.")


class ShareWithCoachPanel(Closes, SummaryRepr, w.VBox):
    """What the snapshot would hold, and a button that sends it to the hub's Step Up service.

    Attributes
    ----------
    target : where it goes (:class:`HubTarget`), or None off a programme's hub.
    contents : what the snapshot holds and what is left out, read when the panel is shown.
    button : "Share with my coach" (absent when read-only).
    result : what the service answered, or why nothing was sent.
    """

    def __init__(self, journal: Journal, readonly: bool = False, target: HubTarget | None = None):
        self.journal, self.readonly = journal, readonly or journal.readonly
        self._lines: list[str] | None = None
        self._note = ""  # who the coach reads as, said beside the button (coach_roles.yaml)
        self.target = target if target is not None else hub_target()
        self.contents = w.HTML()
        self.result = w.HTML()
        self.button = None
        if self.readonly:  # the coach's view: nothing to send, no control to press
            super().__init__(children=(w.HTML(muted(gettext(READ_ONLY_NOTE))),))
            return
        self.button = w.Button(
            description=gettext("Share with my coach"),
            icon="paper-plane",
            tooltip=gettext("Sends what your coach may see to your programme's Step Up service"),
            layout={"width": "auto"},
        )
        super().__init__(
            children=(
                w.HTML(CSS),
                self.contents,
                w.HBox([self.button], layout={"margin": "4px 0 0 0"}),
                self.result,
            )
        )
        self.show_contents()
        if self.target is None:
            # Off a hub the button can do nothing: it is shown disabled, with the sentence that
            # says where sharing works and what to do here instead (an enabled one that only
            # repeated that sentence looked broken).
            self.button.disabled = True
            self.button.tooltip = gettext(
                "Works on a programme's JupyterHub; here, use stepup share --out"
            )
            self.result.value = muted(gettext(OFF_THE_HUB))
        self.button.on_click(lambda _button: self.share())

    def lines(self) -> list[str]:
        """What the snapshot holds and what is left out (without the day it is made), as last
        shown: the snapshot is built once per showing, not again for the notebook's text."""
        if self._lines is None:
            self._shown(build_share(self.journal))
        return self._lines

    def _shown(self, share) -> None:
        self._note = share.note
        self._lines = summary(share)[1:]

    def show_contents(self) -> None:
        """Read the journal again and show what a snapshot of it holds."""
        self._lines = None
        self._render()

    def _render(self) -> None:
        lines = self.lines()
        held, _left_out_heading, *left_out = lines[1:] if self._note else lines
        self.contents.value = fragments.fragment(
            "share/contents",
            note=self._note,
            held=held,
            left_out=[line.removeprefix("- ") for line in left_out],
            hub=self.target is not None,
        )

    def share(self) -> bool:
        """Send the snapshot; True when the service stored it."""
        if self.readonly:
            return False
        if self.target is None:
            self.result.value = fragments.error(gettext(OFF_THE_HUB), block=True)
            return False
        self.button.disabled = True  # one press, one upload
        self.result.value = muted(gettext("Sending…"))
        try:
            share = build_share(self.journal)
            self._shown(share)  # what was sent, for the contents shown after
            text = dumps(share.document)
            parse_snapshot(text, "the snapshot")  # what the service will check, checked now
            answer = send_to_hub(text, self.target)
        except JournalError as error:
            self.result.value = fragments.error(
                gettext("Not shared: {reason}").format(reason=error), block=True
            )
            return False
        finally:
            self.button.disabled = False
        self.result.value = status(answer)
        self._render()  # what was sent
        return True

    def summary(self) -> str:
        if self.readonly:
            return gettext("Share with my coach (read-only: not available)")
        where = (
            gettext("sends to the Step Up service at {address}").format(
                address=self.target.service_url
            )
            if self.target
            else gettext("off a programme's JupyterHub: use stepup share --out FILE")
        )
        head = gettext("Share with my coach: {where}.").format(where=where)
        return "\n".join([head] + [f"  {x}" for x in self.lines()])
