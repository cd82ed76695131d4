"""The chart every panel shows: PNG bytes in an ``<img>`` whose alt text states the numbers.

ipywidgets' ``Image`` renders an ``<img>`` with no ``alt`` (axe-core: image-alt, critical), so a
screen-reader user hears nothing of the chart. ``ChartImage`` draws the same ``<img>`` from the
same bytes, sent as a binary buffer as ``Image`` sends them, with ``alt`` set from the kernel.
"""

from __future__ import annotations

import anywidget
from ipywidgets.widgets.trait_types import bytes_serialization
from traitlets import Bytes, Unicode

from widgets.forms.base import STATIC
from widgets.i18n import gettext
from widgets.views.chart_text import alt_text

__all__ = ["ChartImage", "alt_text"]


class ChartImage(anywidget.AnyWidget):
    """A PNG chart with alt text. ``show(png, alt)`` changes both in one message."""

    _esm = STATIC / "chart_image.js"
    value = Bytes(b"", help="The PNG bytes").tag(sync=True, **bytes_serialization)
    alt = Unicode("", help="What the chart shows, with its numbers").tag(sync=True)
    max_width = Unicode("100%", help="CSS max-width of the image, e.g. '820px'").tag(sync=True)

    def show(self, png: bytes | None = None, alt: str | None = None) -> None:
        """Set the picture and/or its alt text; whatever changes goes to the browser at once."""
        with self.hold_sync():
            if alt is not None:
                self.alt = alt
            if png is not None:
                self.value = png

    def __repr__(self) -> str:
        """The display's ``text/plain`` (anywidget's repr bundle uses it): the alt text."""
        return self.alt or gettext("(chart not drawn yet)")
