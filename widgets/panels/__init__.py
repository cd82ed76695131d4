"""Displays that redraw after a commit; they write nothing to the journal. May import: forms, views,
readers, hub_client, speech, storage, charts, content."""
