"""A button whose one click ends in a file saved by the browser.

ipywidgets cannot start a download from Python. ``DownloadButton`` counts the browser's clicks in
a synced trait; Python observes the count, runs the click handlers, and a handler hands the file
to :meth:`DownloadButton.download`, which sends the bytes to the browser as a binary buffer. The
browser (``static/download_button.js``) saves them through a hidden ``<a download>``.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
from ipywidgets import CallbackDispatcher
from traitlets import Bool, Int, Unicode, observe

from widgets.forms.base import STATIC


class DownloadButton(anywidget.AnyWidget):
    """A button: ``on_click`` handlers run in the kernel, and ``download()`` saves a file.

    Examples
    --------
    >>> button = DownloadButton(description="Download")                      # doctest: +SKIP
    >>> button.on_click(lambda b: b.download("notes.txt", b"hello", "text/plain"))
    >>> button.click()  # what the browser does on a press
    """

    _esm = STATIC / "download_button.js"
    description = Unicode("", help="The button's label").tag(sync=True)
    tooltip = Unicode("", help="What the button does, shown on hover").tag(sync=True)
    disabled = Bool(False, help="Greyed out: presses do nothing").tag(sync=True)
    clicks = Int(0, help="Presses so far; the browser adds one per press").tag(sync=True)

    def __init__(self, **kwargs):
        self._click_handlers = CallbackDispatcher()
        super().__init__(**kwargs)

    def on_click(self, callback: Callable[[DownloadButton], None], remove: bool = False) -> None:
        """Run ``callback(button)`` on each press (``remove=True`` stops it)."""
        self._click_handlers.register_callback(callback, remove=remove)

    def click(self) -> None:
        """Press the button from Python, as the browser does (tests use it)."""
        self.clicks += 1

    @observe("clicks")
    def _pressed(self, change) -> None:
        if self.disabled or change["new"] <= change["old"]:
            return
        try:
            self._click_handlers(self)
        finally:
            # The browser keeps the button greyed out from the press until this answer, so a
            # second press cannot write and download the file twice.
            self.send({"kind": "done"})

    def download(self, filename: str, data: bytes, mime: str) -> None:
        """Have the browser save ``data`` as ``filename``."""
        self.send({"kind": "download", "filename": filename, "mime": mime}, buffers=[data])
