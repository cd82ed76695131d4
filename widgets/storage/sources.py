"""Where a growth-plan action came from, as a value: its kind and what it points at.

Stored as the text ``kind`` or ``kind:ref`` (``"belief:<entry id>"``,
``"gap:<framework>.<competency>"``), as every saved journal already holds it.
:class:`ActionSource` *is* that text (a ``str``), so a journal loads and saves unchanged and a
source compares equal to its text; it is made only by :meth:`ActionSource.of` or
:meth:`ActionSource.parse`, and read through ``kind`` and ``ref``, so no layer builds or splits
the text itself.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

SourceKind = Literal[
    "own", "gap", "research", "story", "design", "experiment", "belief", "advice", "uncertain"
]
# own; gap (02); research (a flagged probe, 03); story (a story type with no story yet, 03);
# design (a mock on the weakest design dimension, 04); experiment and belief (01); advice (the
# founding advice for a route, seeds/conversation.yaml, 05); uncertain (an uncertain year's
# action, seeds/uncertain_year.yaml, 05).
KINDS: tuple[str, ...] = get_args(SourceKind)
# Work on a limiting belief: never on the manager's copy of the plan (readers/audience.py).
BELIEF_KINDS: tuple[str, ...] = ("experiment", "belief")
PATTERN = rf"^({'|'.join(KINDS)})(:[A-Za-z0-9_.-]{{1,140}})?$"
_PATTERN = re.compile(PATTERN)


class ActionSource(str):
    """An action's source: ``kind`` (one of :data:`KINDS`) and ``ref`` (what it points at)."""

    __slots__ = ()

    @classmethod
    def parse(cls, text: str) -> ActionSource:
        """The source a stored text names; ``ValueError`` when it names none."""
        if isinstance(text, cls):
            return text
        if not isinstance(text, str) or not _PATTERN.match(text):
            raise ValueError(f"not an action source: {text!r}")
        return cls(text)

    @classmethod
    def of(cls, kind: SourceKind, *ref: str) -> ActionSource:
        """``of("gap", framework_id, competency_id)`` → the source ``gap:framework.competency``."""
        return cls.parse(kind + (":" + ".".join(ref) if ref else ""))

    @classmethod
    def belief(cls, entry_id: str) -> ActionSource:
        """The action a thought record ends in when the evidence supports the thought."""
        return cls.of("belief", entry_id)

    @property
    def kind(self) -> str:
        """What kind of work it came from (``"gap"``, ``"belief"``, …)."""
        return self.partition(":")[0]

    @property
    def ref(self) -> str:
        """What it points at (an entry id, ``framework.competency``…), or ``""`` for ``own``."""
        return self.partition(":")[2]

    @property
    def about_a_belief(self) -> bool:
        """Work on a limiting belief (kept off the manager's copy)."""
        return self.kind in BELIEF_KINDS
