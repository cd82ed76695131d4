"""Workbook 02's rating rows: one competency per widget model, for the engineer
(:class:`CompetencyRow`: current level, target, confidence, weight, evidence) and for the coach
(:class:`CoachRow`: level and note), with the choices they offer.

The forms in ``competency`` hold one row per competency of the framework chosen and save them
as one assessment; a row knows only its own answers and what is shown beside them.
"""

from __future__ import annotations

from traitlets import Int, List, Tuple, Unicode, observe, validate

from widgets import i18n
from widgets.content.ladder import Competency, Framework
from widgets.forms import words
from widgets.forms.base import Composite, composite_esm, one_of
from widgets.i18n import N_
from widgets.storage.records import CoachRating, CompetencyRating
from widgets.views.fragments import fragment

NOT_RATED = ""
# The choices' labels, marked N_ and translated where a row is drawn (words.options).
CONFIDENCE = [
    ("—", None),
    (N_("1 · a guess"), 1),
    (N_("2 · unsure"), 2),
    (N_("3 · fairly sure"), 3),
    (N_("4 · sure"), 4),
    (N_("5 · sure, with evidence"), 5),
]
WEIGHTS = [(N_("low (1)"), 1), (N_("medium (2)"), 2), (N_("high (3)"), 3)]
# Each choice a row holds, and the trait listing what it may be.
OPTIONS_OF = {
    "current": "level_options",
    "target": "target_options",
    "confidence": "confidence_options",
    "weight": "weight_options",
}


def level_options(framework: Framework, blank: str = "") -> list[tuple[str, str]]:
    """(label, level id) of the framework's levels, lowest first, after ``blank`` for none
    (default: "not rated", translated)."""
    return [(blank or i18n.gettext("not rated"), NOT_RATED)] + [
        (level.name, level.id) for level in framework.levels
    ]


class CompetencyRow(Composite):
    """One competency in one widget model: current level (with its descriptor), target,
    confidence, weight, evidence, and what is shown beside them.

    Fourteen rows of ipywidgets controls were 530 models (each control with its layout and style),
    most of workbook 02's wait after Run All; as one model each, the rows cost 14. The answers are
    traits (``ANSWERS``); the parts shown as HTML come from our autoescaping templates.
    ``default_target`` is the profile's target level: a row with no target of its own aims at it.

    Its answers are not fields of the form (:class:`~widgets.forms.fields.Field`): the form
    holds one row per competency of the framework chosen, keyed by competency. They are
    declared here once, in :meth:`held` (a rating → the row) and :meth:`collect` (the row → a
    rating).
    """

    _esm = composite_esm("rating_row")
    ANSWERS = ("current", "target", "confidence", "weight", "evidence")
    TYPED = ("evidence",)

    current = Unicode(NOT_RATED, help="The level shown consistently now (a level id)").tag(
        sync=True
    )
    target = Unicode(NOT_RATED, help="The level aimed at; empty: the profile's").tag(sync=True)
    confidence = Int(None, allow_none=True, help="How sure of the current level, 1-5").tag(
        sync=True
    )
    weight = Int(2, help="How much the target loop probes it, 1-3").tag(sync=True)
    evidence = Unicode("").tag(sync=True)
    level_options = List(Tuple(Unicode(), Unicode()), help="(label, level id), lowest first").tag(
        sync=True
    )
    target_options = List(Tuple(Unicode(), Unicode())).tag(sync=True)
    confidence_options = List(Tuple(Unicode(), Int(allow_none=True))).tag(sync=True)
    weight_options = List(Tuple(Unicode(), Int())).tag(sync=True)
    weight_hint = Unicode("", help="The weight's tooltip: why the loop probes it this much").tag(
        sync=True
    )
    competency_name = Unicode("", help="Names the evidence box for a screen reader").tag(sync=True)
    title = Unicode("", help="HTML: the competency's name, and why the weight").tag(
        sync=True, html=True
    )
    descriptor = Unicode("", help="HTML: what the chosen levels mean").tag(sync=True, html=True)
    saved = Unicode("", help="HTML: this row's last save, beside its slider").tag(
        sync=True, html=True
    )
    stories = Unicode("", help="HTML: the story-bank stories tagged with it").tag(
        sync=True, html=True
    )
    coach_view = Unicode("", help="HTML: the coach's latest view of it").tag(sync=True, html=True)

    def __init__(
        self,
        framework: Framework,
        competency: Competency,
        rating: CompetencyRating | None,
        default_target: str | None = None,
        coach_view: str = "",
        stories: str = "",
        weight: int | None = None,  # its weight under the engineer's route
    ):
        # coach_view and stories arrive with the row: set after it opened, each one more message
        # and one more redraw of the row in the page.
        self.framework, self.competency = framework, competency
        self.default_target = default_target
        self.default_weight = weight or competency.interview_weight
        profile_aim = (
            i18n.gettext("{level} (profile)").format(level=framework.level_name(default_target))
            if default_target
            else i18n.gettext("no target")
        )
        super().__init__(
            level_options=level_options(framework),
            target_options=level_options(framework, profile_aim),
            confidence_options=words.options(CONFIDENCE),
            weight_options=words.options(WEIGHTS),
            **self.held(rating or CompetencyRating(), self.default_weight),
            competency_name=competency.name,
            words=words.rating_row_words(competency.name),
            weight_hint=competency.weight_reason
            or i18n.gettext("How much your target interview loop tests this"),
            title=fragment(
                "forms/label",
                title=competency.name,
                note=i18n.gettext("why this weight?") if competency.weight_reason else "",
                help=competency.weight_reason,
            ),
            coach_view=coach_view,
            stories=stories,
        )
        self.show_descriptor()

    @validate("current", "target", "confidence", "weight")
    def _one_of_the_options(self, proposal):
        return one_of(getattr(self, OPTIONS_OF[proposal["trait"].name]), proposal["value"])

    def option_label(self, answer: str) -> str:
        """What the page shows for an answer, e.g. "Senior engineer (profile)" for no target."""
        options = getattr(self, OPTIONS_OF[answer])
        return next(label for label, value in options if value == getattr(self, answer))

    @observe("current", "target")
    def show_descriptor(self, _change=None) -> None:
        """Show what the current and target levels mean for this competency."""
        target = self.target or self.default_target
        shown = [("now", self.current)]
        if target and target != self.current:
            shown.append(("target", target))
        self.descriptor = fragment(
            "forms/level_descriptors",
            rated=bool(self.current),
            descriptors=[
                (which, self.framework.level_name(level), self.competency.descriptors[level])
                for which, level in shown
                if level
            ],
        )

    @staticmethod
    def held(rating: CompetencyRating, weight: int) -> dict:
        """The row's answers showing ``rating`` (no weight of its own: ``weight``)."""
        return {
            "current": rating.current or NOT_RATED,
            "target": rating.target or NOT_RATED,
            "confidence": rating.confidence,
            "weight": rating.weight or weight,
            "evidence": rating.evidence,
        }

    def collect(self) -> dict:
        """The row's answers as a rating holds them (the route's weight for it: none)."""
        weight = None if self.weight == self.default_weight else self.weight
        return {
            "current": self.current or None,
            "target": self.target or None,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "weight": weight,
        }


class CoachRow(Composite):
    """The coach's level and note for one competency, in one widget model (see CompetencyRow);
    its answers are declared in :meth:`held` and :meth:`answer`."""

    _esm = composite_esm("coach_row")
    ANSWERS = ("level", "note")
    TYPED = ("note",)

    level = Unicode(NOT_RATED, help="The level the coach sees (a level id)").tag(sync=True)
    note = Unicode("", help="Why, in a line").tag(sync=True)
    level_options = List(Tuple(Unicode(), Unicode())).tag(sync=True)
    competency_name = Unicode("").tag(sync=True)

    def __init__(
        self,
        framework: Framework,
        competency: Competency,
        rating: CoachRating | None = None,
    ):
        # The stored view arrives with the row, not as messages after it opened.
        self.competency = competency
        super().__init__(
            level_options=level_options(framework),
            competency_name=competency.name,
            words=words.coach_row_words(competency.name),
            **self.held(rating),
        )

    @staticmethod
    def held(rating: CoachRating | None) -> dict:
        """The row's answers showing ``rating`` (none: nothing rated)."""
        return {
            "level": (rating.level or NOT_RATED) if rating else NOT_RATED,
            "note": rating.note if rating else "",
        }

    def show(self, rating: CoachRating | None) -> None:
        """Hold ``rating`` (none: nothing rated)."""
        for name, value in self.held(rating).items():
            setattr(self, name, value)

    def answer(self) -> dict | None:
        """The row as a coach's rating holds it; None when it holds nothing."""
        if not (self.level or self.note.strip()):
            return None
        return {"level": self.level or None, "note": self.note}

    @validate("level")
    def _one_of_the_levels(self, proposal):
        return one_of(self.level_options, proposal["value"])
