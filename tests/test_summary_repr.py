"""A displayed form's text/plain is its whole summary, made once per display."""

import ipywidgets as w

from widgets.forms.base import SummaryRepr


class Counted(SummaryRepr, w.VBox):
    def __init__(self):
        super().__init__(children=(w.IntSlider(),))
        self.made = 0

    def summary(self) -> str:
        self.made += 1
        return "A long summary that goes past the 110 characters ipywidgets would keep. " * 3


def test_the_bundle_is_ipywidgets_view_with_the_whole_summary_made_once():
    box = Counted()
    bundle = box._repr_mimebundle_()
    assert box.made == 1
    assert bundle["text/plain"] == box.summary()
    view = "application/vnd.jupyter.widget-view+json"
    # the view part is exactly what ipywidgets itself would display
    assert bundle[view] == w.Widget._repr_mimebundle_(box)[view]
    assert bundle[view]["model_id"] == box.model_id
    box.close()
