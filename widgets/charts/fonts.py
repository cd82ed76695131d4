"""The fonts charts draw with: the Latin font first, then the first CJK fonts installed.

Matplotlib (3.6 and later) draws each character with the first font in ``font.family`` that has
it, so one family list draws English and Chinese in one label. The list names the CJK fonts of
Linux, macOS and Windows alike; only those installed are set (matplotlib logs every family it
cannot find, each time it looks). When a label still needs a script no installed font has, the
chart says so in one sentence with how to install one, instead of matplotlib's "Glyph … missing"
warning for every character (:func:`drawing`).
"""

from __future__ import annotations

import contextlib
import functools
import re
import warnings
from collections.abc import Iterator

from widgets import i18n
from widgets.content.scripts import script_of

LATIN = "DejaVu Sans"  # matplotlib's own font: on every machine, so English draws the same
# Simplified Chinese first (the language Step Up is translated into first), then the same fonts'
# Japanese and Korean cuts, which draw Han too. Linux, then macOS, then Windows.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Microsoft YaHei",
    "SimHei",
    "DengXian",
    "Noto Sans CJK JP",
    "Source Han Sans",
    "Hiragino Sans",
    "Yu Gothic",
    "Meiryo",
    "Noto Sans CJK KR",
    "Apple SD Gothic Neo",
    "Malgun Gothic",
)

_GLYPH_MISSING = re.compile(r"Glyph (\d+) .*missing from font")
_drawn_with_boxes = [0]  # how many drawings in this process lacked a font for some character


class MissingFontWarning(UserWarning):
    """A chart's text needs a script no installed font draws (it shows as empty boxes)."""


def installed_families() -> set[str]:
    """The font families matplotlib can draw with on this machine."""
    from matplotlib import font_manager

    return {font.name for font in font_manager.fontManager.ttflist}


def fallback_families(first: tuple[str, ...] = ()) -> list[str]:
    """The chart's ``font.family``: the Latin font, then ``first`` (a language's own choice),
    then :data:`CJK_FAMILIES`, each only if installed."""
    installed = installed_families()
    wanted = dict.fromkeys((LATIN, *first, *CJK_FAMILIES))
    return [family for family in wanted if family in installed or family == LATIN]


@functools.cache
def chart_families() -> tuple[str, ...]:
    """:func:`fallback_families`, looked up once per process (a font installed later is used
    once the kernel restarts, as the sentence of :func:`missing_font_sentence` says)."""
    return tuple(fallback_families())


def use_fallback_fonts() -> tuple[str, ...]:
    """Set matplotlib's font list to :func:`chart_families` unless it is already: every chart is
    drawn from ``base.new_figure``, which calls this, so a reset of matplotlib's settings in
    between (``rcdefaults``, a ``rc_context`` left) does not leave a chart without them."""
    import matplotlib

    families = list(chart_families())
    if matplotlib.rcParams["font.family"] != families:
        matplotlib.rcParams["font.family"] = families
        # Kept on the generic list too, for a label that asks for "sans-serif" by name.
        rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f not in families]
        matplotlib.rcParams["font.sans-serif"] = families + rest
    return tuple(families)


def missing_font_sentence(characters: str) -> str:
    """One sentence: which script has no font, and how to install one."""
    scripts = {script.name: script for script in map(script_of, characters) if script is not None}
    packages = " ".join(sorted({script.fonts_package for script in scripts.values()}))
    debian = (
        f"sudo apt install {packages}"
        if packages
        else i18n.gettext("your distribution's Noto fonts")
    )
    if not scripts:
        return i18n.gettext(
            "This chart has some of its characters that no font on this computer can draw, so "
            "they show as empty boxes: install a font for them (Debian or Ubuntu: {install}; "
            "macOS or Windows: add the language in the system's language settings), then restart "
            "the kernel."
        ).format(install=debian)
    # TRANSLATORS: {scripts} names writing systems ("Hangul and Thai").
    first, *rest = sorted(scripts)
    names = first
    for name in rest:  # "Hangul and Thai"
        names = i18n.gettext("{names} and {name}").format(names=names, name=name)
    return i18n.gettext(
        "This chart has {scripts} characters that no font on this computer can draw, so they "
        "show as empty boxes: install a font for them (Debian or Ubuntu: {install}; macOS or "
        "Windows: add the language in the system's language settings), then restart the kernel."
    ).format(scripts=names, install=debian)


@contextlib.contextmanager
def drawing() -> Iterator[None]:
    """Draw inside this: matplotlib's warnings for characters no font has become one
    :class:`MissingFontWarning` saying which script and how to install a font for it."""
    missing: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        match = _GLYPH_MISSING.search(str(warning.message))
        if match:
            missing.append(chr(int(match.group(1))))
        else:
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    if missing:
        _drawn_with_boxes[0] += 1
        warnings.warn(missing_font_sentence("".join(missing)), MissingFontWarning, stacklevel=3)


def drawings_with_boxes() -> int:
    """How many drawings so far lacked a font for some character: a picture drawn in between is
    not kept (``views/pictures.py``), so once a font is installed the chart is drawn again."""
    return _drawn_with_boxes[0]
