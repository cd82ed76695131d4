"""Step Up: the package every workbook imports. Notebook cells call the functions below."""

from .pages import profile_form, progress_panel

__all__ = ["profile_form", "progress_panel"]
