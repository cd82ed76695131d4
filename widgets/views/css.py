"""The few styles every page shares (forms, panels and the widget-free coach view)."""

# A backslash at a line's end joins the next line on: the CSS stays one line per rule.
PAGE_CSS = """
<style>
.stepup-error { color: #b00020; font-weight: 600; }
.stepup-status { color: #2e6b30; }
.stepup-muted { color: #666; }
/* Help that opens on click, tap or the keyboard (templates/forms/label, static/tick_grid.js). */
.stepup-help { display: inline-block; vertical-align: top; font-weight: normal; }
.stepup-help > summary { cursor: pointer; }
.stepup-definition[hidden] { display: none; }
.stepup-help[open] > span, .stepup-definition { display: block; line-height: 1.4; max-width: 60ch; \
margin: 2px 0 6px; padding: 4px 8px; border-left: 3px solid #ccc; color: #333; }
.stepup-define { border: none; background: none; padding: 0 4px; cursor: pointer; color: #555; \
font: inherit; }
.stepup-table { border-collapse: collapse; }
/* The class twice outranks Lab's and Voila's right-aligned cells,
   :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td (0,2,1 against our 0,2,2) */
table.stepup-table.stepup-table th, table.stepup-table.stepup-table td { \
border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
/* A form beside its chart (panels/layout.py) scrolls in its own column while the two sit side by
   side, so the chart stays in view; stacked on a narrow window, the page scrolls instead. In its
   column a shadow at the bottom (and at the top, once scrolled) shows that more of the form, its
   buttons too, is out of view; the covers scroll with the content and hide each shadow at its \
end. */
.stepup-beside { container-type: inline-size; }
@container (min-width: 906px) {
  .stepup-beside-main { max-height: 80vh; overflow: auto; scrollbar-gutter: stable; background: \
linear-gradient(var(--jp-layout-color0, #fff) 30%, transparent) top / 100% 40px no-repeat local, \
linear-gradient(transparent, var(--jp-layout-color0, #fff) 70%) bottom / 100% 40px no-repeat \
local, radial-gradient(farthest-side at 50% 0, rgba(0, 0, 0, 0.45), transparent) top / 100% 18px \
no-repeat scroll, radial-gradient(farthest-side at 50% 100%, rgba(0, 0, 0, 0.45), transparent) \
bottom / 100% 18px no-repeat scroll; }
}
</style>
"""
