"""A composite's drawing code reaches the page once per kind, not with every model.

anywidget sends a widget's module with each of its models, and the page compiles it again for
each: workbook 02's 28 rating and coach rows were 28 copies of 5 to 9 KB. A composite's own module
is a stub of a few hundred bytes (``static/composite_stub.js``) that waits, in the page, for its
kind's code; one :class:`CompositeCode` model a kind and kernel carries the code
(``static/composite_code.js``) and, when the page creates it, compiles it once and hands it to
every stub. The page-wide slots (``static/composite_slot.js``) are keyed by the code's hash, so
two notebooks on different Step Up versions in one JupyterLab never share a kind's code.

The page-side code holds no words of its own: a composite's synced ``words`` bring them from the
kernel in the active language, the stub's own (:func:`stub_words`) among them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import anywidget
from traitlets import Unicode

from widgets.i18n import gettext

STATIC = Path(__file__).resolve().parent.parent / "static"
_kinds: dict[str, tuple[str, str]] = {}  # stub module -> (kind, its code's module)


def _static(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def composite_esm(name: str) -> str:
    """The module of a composite drawn by ``static/<name>.js`` (on ``static/controls.js``): a
    stub; :class:`~widgets.forms.base.Composite` sends the code itself once per kind."""
    code = _static("controls.js") + _static(f"{name}.js")
    key = json.dumps(f"{name}:{hashlib.sha256(code.encode()).hexdigest()[:16]}")
    slot = _static("composite_slot.js").replace("KEY", key)
    stub = slot + _static("composite_stub.js")
    _kinds[stub] = (name, slot + _static("composite_code.js").replace("CODE", json.dumps(code)))
    return stub


def stub_words() -> dict[str, str]:
    """What a composite's stub says (``static/composite_stub.js`` reads them from the composite's
    synced ``words``), in the active language: a composite puts them in its ``words`` when it
    is made, beside its own code's."""
    return {"not_loaded": gettext("This part of the form did not load: run the cell again.")}


class CompositeCode(anywidget.AnyWidget):
    """The drawing code of one kind of composite, in the page once per kernel; never displayed."""

    _esm = Unicode("", help="The module that compiles the kind's code in the page").tag(sync=True)


_sent: dict[str, CompositeCode] = {}  # kind -> its code's model in this kernel


def send_code_once(stub: str) -> None:
    """Make sure this kernel has sent the code of the composite whose module is ``stub``."""
    kind, module = _kinds[stub]
    sent = _sent.get(kind)
    if sent is None or sent.comm is None:  # none yet, or closed (Widget.close_all in tests)
        _sent[kind] = CompositeCode(_esm=module)
