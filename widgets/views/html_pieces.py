"""The HTML pieces of :mod:`widgets.views.fragments`, with quotes spelled as ``html.escape`` spells them.

jinja2's autoescape (markupsafe) writes ``'`` and ``"`` as ``&#39;`` and ``&#34;``; the forms and
the coach page escaped with ``html.escape`` (``&#x27;``, ``&quot;``) before they moved to
templates, and the committed coach-view outputs (compared by nbval) hold that spelling. Browsers
read both the same; keeping the old spelling keeps every compared output as it was. Templates
write neither entity themselves, so the respelling touches escaped user text only.
"""

from __future__ import annotations

from markupsafe import Markup

from widgets.views import fragments


def _respelled(markup: Markup) -> Markup:
    return Markup(str(markup).replace("&#39;", "&#x27;").replace("&#34;", "&quot;"))


def fragment(name: str, **values) -> Markup:
    """Render ``templates/<name>.html.j2`` with ``values`` (see :func:`fragments.fragment`)."""
    return _respelled(fragments.fragment(name, **values))


def muted(text: str) -> Markup:
    return _respelled(fragments.muted(text))


def error(text: str, block: bool = False) -> Markup:
    return _respelled(fragments.error(text, block))


def status(text: str, ok: bool = True) -> Markup:
    return _respelled(fragments.status(text, ok))
