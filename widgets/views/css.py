"""The few styles every page shares (forms, panels and the widget-free coach view)."""

PAGE_CSS = """
<style>
.stepup-error { color: #b00020; font-weight: 600; }
.stepup-status { color: #2e6b30; }
.stepup-muted { color: #666; }
.stepup-table { border-collapse: collapse; }
.stepup-table th, .stepup-table td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; }
</style>
"""
