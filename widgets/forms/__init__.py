"""ipywidgets forms on traitlets: one trait edited, one save path. May import: views, readers, storage, charts, content."""
