"""ipywidgets forms on traitlets: one trait edited, one save path (base.py → commands.py, the only
writer outside storage).

May import: views, readers, hub_client, speech, storage, charts, content.
"""
