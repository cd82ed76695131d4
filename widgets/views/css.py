"""The few styles every page shares (forms, panels and the widget-free coach view)."""

PAGE_CSS = """
<style>
.stepup-error { color: #b00020; font-weight: 600; }
.stepup-status { color: #2e6b30; }
.stepup-muted { color: #666; }
.stepup-table { border-collapse: collapse; }
/* The class twice outranks Lab's and Voila's right-aligned cells,
   :not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td (0,2,1 against our 0,2,2) */
table.stepup-table.stepup-table th, table.stepup-table.stepup-table td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
</style>
"""
