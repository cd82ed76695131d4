"""One journal snapshot to the coach page and the growth-plan document (jinja2).

May import: readers, storage, charts, content.
"""
