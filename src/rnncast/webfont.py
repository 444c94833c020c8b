"""A report page's Hangul drawn on a machine without a Korean font: where a page's text holds Hangul (or
kana and Han characters) that the NanumGothic rnncast ships with (``fonts.bundled_fonts``) draws, the page
embeds a subset of that font, those characters only, as a base64 ``@font-face`` placed first in its
font-family; Latin text, which the subset lacks, keeps the page's own fonts. A page without such text, or a
machine without the font, is left as it is."""

from __future__ import annotations

import base64
import functools
import io
import re

from rnncast import fonts

FAMILY = "rnncast NanumGothic"
# Hangul Jamo, and from the CJK radicals on (kana, Hangul compatibility jamo, Han characters, Hangul syllables,
# fullwidth forms): the text a system without CJK fonts draws as boxes; punctuation such as '–' or '≥' is not
WIDE = re.compile("[\u1100-\u11ff\u2e80-\U0002ffff]")


@functools.cache
def _regular():
    """The regular NanumGothic's path and the characters it draws, or None where it is not installed."""
    from fontTools.ttLib import TTFont  # matplotlib's own dependency

    path = next((p for p in fonts.bundled_fonts() if p.stem == "NanumGothic"), None)
    if path is None:
        return None
    return path, frozenset(TTFont(path, lazy=True).getBestCmap())


def drawn_here(text: str) -> str:
    """The characters of ``text`` the subset would hold: those ``WIDE`` matches that the font draws, sorted."""
    font = _regular()
    wide = set(WIDE.findall(text))
    return "".join(sorted(c for c in wide if font and ord(c) in font[1]))


def face_css(text: str) -> str:
    """An ``@font-face`` of NanumGothic cut to the characters of ``text`` it would draw (``drawn_here``), as a
    base64 WOFF; "" where there are none."""
    chars = drawn_here(text)
    if not chars:
        return ""
    from fontTools import subset

    options = subset.Options()
    options.flavor, options.layout_features, options.name_IDs, options.notdef_outline = "woff", [], [1, 2], True
    options.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5"]  # VTT's sources: no subsetter, said per call
    font = subset.load_font(str(_regular()[0]), options)
    cutter = subset.Subsetter(options)
    cutter.populate(text=chars)
    cutter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"@font-face {{ font-family: '{FAMILY}'; src: url(data:font/woff;base64,{data}) format('woff'); }}\n"


def styled(css: str, text: str) -> str:
    """``css`` with the face of ``text``'s characters (``face_css``) before it and its first ``font-family``
    naming that face first; ``css`` unchanged where ``text`` needs none."""
    face = face_css(text)
    return face + css.replace("font-family: ", f"font-family: '{FAMILY}', ", 1) if face else css
