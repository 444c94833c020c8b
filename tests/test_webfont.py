"""A report page's Hangul drawn without a Korean system font (``webfont.py``): the shipped NanumGothic cut to
the page's Hangul, kana and Han characters, embedded as a base64 @font-face named first; nothing for a page
without them."""

from __future__ import annotations

import base64
import io
import re

from fontTools.ttLib import TTFont

from rnncast import webfont

CSS = "body { font-family: system-ui, sans-serif; }"


def test_only_the_wide_characters_the_font_draws_are_cut_out():
    assert webfont.drawn_here("Diebold–Mariano ≥ 0.5 × R² 매출 매출 기온") == "기매온출"  # punctuation is left to the page
    assert webfont.drawn_here("plain text – ≥ ×") == ""


def test_a_page_with_hangul_gets_a_small_face_of_its_characters_named_first():
    styled = webfont.styled(CSS, "target 매출, feature 기온")
    assert styled.endswith("body { font-family: 'rnncast NanumGothic', system-ui, sans-serif; }")
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)\)", styled)[1])
    assert len(data) < 8000  # a few KB, not the font's 4 MB
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff" and {chr(c) for c in font.getBestCmap()} == set("매출기온")


def test_a_page_without_such_text_is_left_as_it_is():
    assert webfont.styled(CSS, "MSE 0.5 – Diebold–Mariano ≥ 0.1") == CSS


def test_a_page_of_kana_and_han_names_the_readers_japanese_and_chinese_fonts_before_the_korean_face():
    """Decision 1473: a Japanese run's report.html named the Korean face first, so '売上' was drawn 売 from the reader's
    own font and 上 from NanumGothic, in Korean forms."""
    japanese = webfont.styled(CSS, "target 売上, time 日付 (ストア)")
    family = re.search(r"body \{ font-family: ([^;]*);", japanese)[1]
    assert family.startswith("system-ui, sans-serif, 'Hiragino Sans', ") and family.endswith("'rnncast NanumGothic'")
    assert family.index("'Yu Gothic'") < family.index("'PingFang SC'")
    chinese = re.search(r"body \{ font-family: ([^;]*);", webfont.styled(CSS, "target 收盘价"))[1]
    assert chinese.startswith("system-ui, sans-serif, 'PingFang SC', ") and chinese.endswith("'rnncast NanumGothic'")
    assert "@font-face" in japanese  # still drawn where the machine has no CJK font
    korean = webfont.styled(CSS, "target 매출 売上")
    assert korean.endswith("body { font-family: 'rnncast NanumGothic', system-ui, sans-serif; }")
