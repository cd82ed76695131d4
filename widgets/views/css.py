"""The few styles every page shares (forms, panels and the widget-free coach view)."""

PAGE_CSS = """
<style>
.stepup-error { color: #b00020; font-weight: 600; }
.stepup-status { color: #2e6b30; }
.stepup-muted { color: #666; }
.stepup-table { border-collapse: collapse; }
/* table.stepup-table outranks Lab's and Voila's right-aligned table cells (.jp-RenderedHTMLCommon td) */
table.stepup-table th, table.stepup-table td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
</style>
"""
