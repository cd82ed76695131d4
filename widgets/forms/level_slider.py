"""A slider over the levels of a ladder that a screen reader can name and read.

ipywidgets' sliders draw a ``div`` with ``role=slider`` and no accessible name (axe-core:
aria-input-field-name, serious). ``LevelSlider`` is a native range input labelled by its
description, whose ``aria-valuetext`` is the level's name; its ``value`` is the level id, as a
``SelectionSlider``'s would be.
"""

from __future__ import annotations

import anywidget
from traitlets import Bool, List, TraitError, Tuple, Unicode, validate

from widgets.forms.base import STATIC


class LevelSlider(anywidget.AnyWidget):
    _esm = STATIC / "level_slider.js"
    options = List(Tuple(Unicode(), Unicode()), help="(label, value) pairs, lowest first").tag(
        sync=True
    )
    value = Unicode("", help="The chosen option's value").tag(sync=True)
    description = Unicode("", help="The label before the slider").tag(sync=True)
    disabled = Bool(False).tag(sync=True)

    @validate("value")
    def _one_of_the_options(self, proposal):
        if proposal["value"] not in {value for _label, value in self.options}:
            raise TraitError(f"{proposal['value']!r} is not one of the levels")
        return proposal["value"]

    @property
    def label(self) -> str:
        return next(label for label, value in self.options if value == self.value)
