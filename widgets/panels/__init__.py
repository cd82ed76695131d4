"""Read-only displays that redraw after a commit. May import: forms, views, readers, storage, charts, content."""
