"""The coach view's own words (widgets/coach.py) in the coach's language (issue 32): the notice
shown instead of the page says why in Chinese, in the pseudo-locale every word of it is accented,
and in English it is what it always was."""

from __future__ import annotations

from widgets import i18n
from widgets.coach import Notice

from .marked_persona import mark, unmarked
from .untranslated import english_words, visible_text

REASON = "The journal is newer than this Step Up."


def _shown(notice: Notice) -> str:
    bundle = notice._repr_mimebundle_()
    return bundle["text/plain"] + "\n" + visible_text(bundle["text/html"])


def test_the_notice_is_in_english_as_it_was():
    assert Notice(REASON)._repr_mimebundle_()["text/plain"] == (
        f"Cannot show the coach view: {REASON}"
    )


def test_the_notice_says_why_in_chinese_with_the_reason_as_given():
    with i18n.use("zh-Hans"):
        plain = Notice(REASON)._repr_mimebundle_()["text/plain"]
    assert plain == f"无法显示教练视图：{REASON}"


def test_no_plain_english_is_left_in_the_pseudo_locale():
    with i18n.use("en-XA"):
        shown = _shown(Notice(mark(REASON)))  # the reason is another module's sentence
    assert english_words(unmarked(shown)) == []
    assert "Çáññóţ" in shown
