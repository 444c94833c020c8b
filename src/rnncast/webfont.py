"""A report page's Hangul drawn on a machine without a Korean font: where a page's text holds Hangul (or
kana and Han characters) that the NanumGothic rnncast ships with (``fonts.bundled_fonts``) draws, the page
embeds a subset of that font, those characters only, as a base64 ``@font-face`` placed first in its
font-family where the page holds Hangul, and last, after the Japanese and Chinese system fonts, where it holds only
kana and Han characters (a Korean font's forms are not Japanese or Chinese ones); Latin text, which the subset lacks,
keeps the page's own fonts. A page without such text, or a
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


HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
# the system fonts of Japanese and Chinese text (macOS, Windows, Noto / Source Han on Linux), named before the
# Korean face on a page with no Hangul: Han characters drawn in their language's forms where the reader has them
JAPANESE = ("Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", "Noto Sans JP",
            "Source Han Sans JP")
CHINESE = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
           "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC")


def stack(text: str) -> tuple[str, ...]:
    """The families a page of ``text`` names after its own fonts and before the Korean face: none where it holds
    Hangul (the face first, as decision 392 made it); Japanese fonts first where it holds kana, else Chinese ones
    first (Han characters alone: ``売上`` may be either, each reader's own fonts come first)."""
    if HANGUL.search(text):
        return ()
    return JAPANESE + CHINESE if KANA.search(text) else CHINESE + JAPANESE


def styled(css: str, text: str) -> str:
    """``css`` with the face of ``text``'s characters (``face_css``) before it, named in its first ``font-family``:
    first where ``text`` holds Hangul; where it holds only kana and Han characters, last, after the page's own fonts
    and the system's Japanese and Chinese ones (``stack``), so that a reader's CJK font draws them and the Korean
    face only where none does (decision 1473); ``css`` unchanged where ``text`` needs none."""
    face = face_css(text)
    if not face:
        return css
    if not (others := stack(text)):
        return face + css.replace("font-family: ", f"font-family: '{FAMILY}', ", 1)
    named = ", ".join(f"'{name}'" for name in (*others, FAMILY))
    return face + re.sub(r"font-family: ([^;]*);", lambda m: f"font-family: {m[1]}, {named};", css, count=1)
