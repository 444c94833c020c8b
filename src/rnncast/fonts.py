"""The fonts of rnncast's figures: names in Hangul (and Chinese or Japanese, where a font for them is
installed) drawn, not boxes, without changing the caller's matplotlib settings.

matplotlib (3.6+) draws each glyph in the first font of ``font.family`` that has it. ``families()`` is
the caller's own ``font.family`` (Latin text keeps its look: DejaVu Sans by default) followed by the CJK
fonts matplotlib knows: installed ones first (Noto Sans CJK, Source Han Sans ...: they also draw Chinese
and Japanese), then NanumGothic, which the koreanize-matplotlib package installs with rnncast, so that
Korean draws on a bare server. That package is never imported (its import sets ``font.family`` for the
whole process); its font files are found through its installed metadata and added to matplotlib's font
list, once per process.

``drawing()`` is the block in which rnncast makes and draws a figure: ``font.family`` set so inside an
``rc_context`` (the caller's rcParams restored after), matplotlib's "Glyph ... missing from font(s)"
warnings caught there; one warning logged (``rnncast.fonts``) names the texts that hold a character no
font draws, and the remedy: once per figure, or once for a run's figures (``warned_once``).
"""

from __future__ import annotations

import contextvars
import functools
import importlib.metadata
import logging
import re
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import matplotlib
from matplotlib import font_manager
from matplotlib.text import Text

log = logging.getLogger(__name__)

# Fonts that draw CJK text well, in the order tried after the caller's: installed ones (Korean forms first,
# rnncast's first users being Korean; each Noto Sans CJK draws all of Hangul, kana and the Han characters),
# then the NanumGothic rnncast brings (Hangul, kana and Korea's common Han characters, not simplified
# Chinese), then the common fonts of macOS and Windows and the older Linux ones. Only those matplotlib
# knows are named (an unknown name would log "findfont: Font family ... not found").
CJK_FAMILIES = (
    "Noto Sans CJK KR", "Source Han Sans KR", "Source Han Sans K", "Noto Sans KR",
    "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK HK",
    "Source Han Sans", "Source Han Sans JP", "Source Han Sans SC", "Source Han Sans TC",
    "Noto Sans JP", "Noto Sans SC", "Noto Sans TC",
    "NanumGothic",
    "Apple SD Gothic Neo", "AppleGothic", "Malgun Gothic", "Hiragino Sans", "Yu Gothic", "Meiryo",
    "MS Gothic", "PingFang SC", "Microsoft YaHei", "SimHei",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "IPAGothic", "IPAexGothic", "TakaoGothic", "UnDotum",
    "Droid Sans Fallback",
)
BUNDLED = "koreanize-matplotlib"  # the distribution whose font files rnncast adds (NanumGothic, OFL)
REMEDY = "install a font that draws them (Debian, Ubuntu: apt install fonts-noto-cjk)"

_MISSING = re.compile(r"^Glyph (\d+)\b.*\bmissing from")  # matplotlib's words, 3.6 to 3.11
_collected: contextvars.ContextVar[dict | None] = contextvars.ContextVar("rnncast_fonts", default=None)


def bundled_fonts() -> list[Path]:
    """The .ttf files of the installed koreanize-matplotlib (NanumGothic in four weights), found through its
    package metadata without importing it; [] where it is not installed."""
    try:
        files = importlib.metadata.distribution(BUNDLED).files or []
    except importlib.metadata.PackageNotFoundError:
        return []
    paths = (Path(f.locate()) for f in files if f.suffix.lower() == ".ttf")
    return sorted(p for p in paths if p.is_file())


@functools.cache
def register() -> None:
    """Add ``bundled_fonts()`` to matplotlib's font list, once per process; a font matplotlib lists already (a
    system's NanumGothic, or the package's own import) is not added twice. matplotlib's settings are untouched:
    the font is drawn only where a ``font.family`` names it (``families``)."""
    known = {Path(f.fname).name for f in font_manager.fontManager.ttflist}
    for path in bundled_fonts():
        if path.name not in known:
            font_manager.fontManager.addfont(str(path))


def families() -> list[str]:
    """``font.family`` for rnncast's figures: the caller's (``rcParams``) followed by the ``CJK_FAMILIES`` that
    matplotlib knows (NanumGothic among them once ``register`` has run), each once."""
    register()
    known = {f.name for f in font_manager.fontManager.ttflist}
    own = matplotlib.rcParams["font.family"]
    own = [own] if isinstance(own, str) else list(own)
    return list(dict.fromkeys([*own, *(name for name in CJK_FAMILIES if name in known)]))


@contextmanager
def drawing(figure=None) -> Iterator[None]:
    """The block in which rnncast makes or draws ``figure`` (a matplotlib Figure, or None): ``font.family`` is
    ``families()`` inside (a ``matplotlib.rc_context``; the caller's rcParams as they were after), and
    matplotlib's warnings of a glyph missing from every font are caught (other warnings pass). The texts of
    ``figure`` holding such a glyph (None: the characters alone) are warned of once on leaving the block, or
    on leaving the ``warned_once`` block around it. Raises nothing of its own."""
    with warned_once():
        with matplotlib.rc_context({"font.family": families()}), warnings.catch_warnings(record=True) as caught:
            warnings.filterwarnings("always", message=r"Glyph \d+ ")  # each glyph reaches the list, even one warned of before
            yield
        _keep(caught, figure)


@contextmanager
def warned_once() -> Iterator[None]:
    """A block (a run, drawing several figures) whose ``drawing`` blocks keep the texts they cannot draw, warned of
    in one line (``message``) on leaving it; blocks nest, the outermost warns. Nothing else changes inside."""
    if _collected.get() is not None:
        yield
        return
    token = _collected.set({})
    try:
        yield
    finally:
        missing = _collected.get()
        _collected.reset(token)
        if missing:
            log.warning(message(missing))


def drawn(make):
    """``make``, a function that returns a Figure, run inside ``drawing()``: its texts take ``families()``."""
    @functools.wraps(make)
    def wrapper(*args, **kwargs):
        with drawing():
            return make(*args, **kwargs)
    return wrapper


def _keep(caught, figure) -> None:
    """Note the characters of ``caught``'s missing-glyph warnings with ``figure``'s texts holding them;
    warn again of every other warning, as if it had not been caught."""
    texts = [] if figure is None else [t.get_text() for t in figure.findobj(Text) if t.get_text()]
    missing = _collected.get()
    for w in caught:
        found = _MISSING.match(str(w.message))
        if not found:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
            continue
        char = chr(int(found.group(1)))
        for text in [t for t in texts if char in t] or [char]:
            missing.setdefault(text, set()).add(char)


def message(missing: dict[str, set[str]]) -> str:
    """The warning of texts with characters no font draws (``{text: characters}``): the texts, the characters,
    the remedy, and where matplotlib keeps its list of fonts (read once, so a font installed later is found
    only once the list is removed)."""
    names = ", ".join(repr(text) for text in missing)
    chars = "".join(dict.fromkeys(c for text, held in missing.items() for c in text if c in held))
    cache = Path(matplotlib.get_cachedir())
    return (f"the figures draw {names} with boxes: no font here has {chars!r}; {REMEDY}, then remove matplotlib's "
            f"font list ({cache / 'fontlist-*.json'}) so that it finds the new font")
