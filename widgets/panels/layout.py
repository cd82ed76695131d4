"""Layouts the panels share: a form with its chart kept in view beside it."""

from __future__ import annotations

import ipywidgets as w

from widgets.forms.base import CSS, Closes, SummaryRepr

# Side by side while both fit (about 906px: Lab at 1440px wide), stacked on a narrow window.
# Side by side, the form scrolls inside its own column (80vh), so the chart beside it stays in
# view while you edit; stacked, the chart is under the form anyway, and a column of its own would
# only hide the form's last buttons, so the page scrolls instead. Which of the two holds is a
# container query in views/css.py (.stepup-beside-main), not a fixed layout here.
# The main column is a block, not a flex box: in a flex column of limited height the form's rows
# would shrink and clip their text instead of the column scrolling.
MAIN_COLUMN = {"display": "block", "flex": "1 1 460px", "min_width": "0"}
SIDE_COLUMN = {"flex": "0 1 430px", "min_width": "0", "margin": "0 0 0 16px"}


def beside(main: w.Widget, side: w.Widget) -> w.Box:
    """``main`` (a long form) in a scrolling column, ``side`` (its chart) beside it."""
    main_column = w.Box([main], layout=MAIN_COLUMN)
    main_column.add_class("stepup-beside-main")
    side_column = w.Box([side], layout=SIDE_COLUMN)
    side_column.add_class("stepup-beside-side")
    box = w.Box(
        [main_column, side_column],
        layout={"display": "flex", "flex_flow": "row wrap", "align_items": "flex-start"},
    )
    box.add_class("stepup-beside")
    return box


class FormWithChart(Closes, SummaryRepr, w.VBox):
    """A workbook's form with the chart that follows it: side by side while the engineer edits
    (the chart stays in view and redraws on each save), one above the other on the coach's
    read-only page.

    While editing, ``side`` takes the chart's place beside the form when only part of the chart
    fits there, and ``below`` runs full width under both columns: workbook 02 puts the radar and
    its snapshot button beside the ratings and the dated snapshots under them. The coach's page
    shows the chart whole.
    """

    def __init__(
        self,
        form: w.Widget,
        chart: w.Widget,
        readonly: bool = False,
        side: w.Widget | None = None,
        below: w.Widget | None = None,
    ):
        self.form, self.chart = form, chart
        # Shown in parts, the chart is not in the tree that close() walks.
        self._chart_in_parts = not readonly and side is not None
        if readonly:
            children = (form, chart)
        else:
            under = () if below is None else (below,)
            children = (w.HTML(CSS), beside(form, chart if side is None else side), *under)
        super().__init__(children=children)

    def close(self) -> None:
        if self._chart_in_parts:
            self.chart.close()  # so it stops listening to the journal
        super().close()

    def summary(self) -> str:
        return f"{self.form.summary()}\n{self.chart.summary()}"
