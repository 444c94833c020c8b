"""Axis labels that fit their axes: a column's name as a figure's y label, however long.

A y label longer than its axes ran past them: one panel's name of 85 characters showed only its middle, cut at the
figure's top and bottom, and three panels' labels ran into each other as one garbled stripe. ``label`` sets the label
and gives the figure ``FittedLayout``, matplotlib's constrained layout that, once it has placed the axes, measures
each label against the length of its axes in display space (the renderer's own text widths, so any font and size)
and lays it out again:

* a label that fits on one line stays as it is (every panel of a grid keeps its own);
* a longer one is wrapped (``wrapped``) onto at most ``MAX_LINES`` lines, broken after '_', '-', '/', '.', ',',
  ';', ':' and spaces, where it must inside a word; the panels of a grid share one label then, along the whole
  column of axes (matplotlib's ``supylabel``), where one per panel had at most a third of its room;
* a name that still does not fit is shortened with an ellipsis in its middle (its start and its end, where a unit
  often is, kept: ``gross_domestic_…_bn_eur``) and written whole once, under the figure's title (``home``),
  wrapped to the figure's width.

The titles of a grid's rows (``title``) are wrapped to their axes' width, not to the figure's as matplotlib's ``wrap``
does: a row's title as wide as the figure hung over the label along the rows (and, before, over each row's label).
A title, or a name written whole under it, that would take more than ``TITLE_LINES`` lines (a series id of 20,000
characters) is shortened around an ellipsis as a label is (``bounded``).
Labels and titles are fitted again at every draw, from the full texts, so a figure resized or saved at another dpi
fits too; ``get_ylabel`` and ``get_title`` read them as fitted once drawn.
"""

from __future__ import annotations

import re
import textwrap

from matplotlib.layout_engine import ConstrainedLayoutEngine

from rnncast import barsaxis
from rnncast.rowindex import UNNAMED

def values_label(name: str) -> str:
    """A forecast figure's y label: the values' name and their units, the data's own (``"sales (original units)"``),
    beside the loss figure's "MSE (scaled units, ...)"; a long name is shortened in its middle (``label``), keeping
    the units at its end. Decision 670."""
    return f"{name} (original units)"


FITS = 3  # the most times the labels are fitted again to axes that a label or note moved
SLACK = 1.03  # a string's width over the sum of its characters' (kerning and rounding), at most
MAX_LINES = 3  # the most lines a wrapped label takes beside its axes
TITLE_LINES = 5  # the most a title (or a line of it) takes, the whole label under it too; beyond: shortened (decision 1803)
ELLIPSIS = "…"
# Where a name may break: after a separator or a space (kept at the line's end, so the lines joined are the name).
BREAK = re.compile(r"(?<=[_\-/.,;:\s])(?=\S)")
SPACES = re.compile(r"(?<=\s)(?=\S)")  # where a title breaks: "MASE 0.846" is not broken after its "0."
NOTE = "y axis: "  # how the title names the label it writes whole


def label(axes, text: str, home=None) -> None:
    """``text`` as the y label of ``axes`` (one matplotlib Axes, or several in a column sharing it), fitted at
    every draw of their figure (``FittedLayout``); ``home``: the Text (a title) under which the whole name is
    written where the label has to be shortened (None: the first axes' title)."""
    axes = list(axes) if isinstance(axes, (list, tuple)) else [axes]
    for ax in axes:
        ax.set_ylabel(text)
    engine = fitted(axes[0].get_figure(root=True))
    engine.labels.append((axes, str(text), home if home is not None else axes[0].title))


def title(ax, text: str, **kwargs):
    """``text`` as ``ax``'s title (``kwargs``: matplotlib's, fontsize ...), wrapped at every draw to the width of
    ``ax`` (``wrapped`` at its spaces), not to the figure's as matplotlib's ``wrap`` does: a row's title as wide as
    the figure hung over the label along the rows. Returns the title's Text."""
    ax.set_title(text, **kwargs, wrap=False)
    fitted(ax.get_figure(root=True)).titles[ax.title] = (str(text), ax)
    return ax.title


def xlabel(ax, text: str) -> None:
    """``text`` as ``ax``'s x label, wrapped at every draw at its spaces to the width of ``ax`` (``FittedLayout``):
    a time axis's label naming a session's bars (``time_label``) is wider than axes that an outside legend narrows,
    and centred under them it was cut at both edges of backtest.png (decision 1789)."""
    ax.set_xlabel(text)
    fitted(ax.get_figure(root=True)).xlabels[ax] = str(text)


def fitted(fig) -> "FittedLayout":
    """``fig``'s ``FittedLayout``, given to it (with the constrained layout's pads it had) where it has none."""
    engine = fig.get_layout_engine()
    if not isinstance(engine, FittedLayout):
        engine = FittedLayout(**(engine.get() if isinstance(engine, ConstrainedLayoutEngine) else {}))
        fig.set_layout_engine(engine)
    return engine


class FittedLayout(ConstrainedLayoutEngine):
    """Constrained layout that, once it has placed the axes, fits the y labels (``label``), x labels (``xlabel``)
    and titles (``title``) it was given to them, and lays the figure out again with them as fitted, until they stay as they are."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.labels = []  # (axes, full text, home) per label
        self.titles = {}  # title Text -> (its own text, its axes): wrapped to the axes' width
        self.xlabels = {}  # axes -> its x label's own text: wrapped to the axes' width
        self._homes = {}  # a home that is no such title (a suptitle) -> its own text, before a note was added
        self._shared = None  # the label along a column of axes (supylabel), once drawn

    def execute(self, fig):
        for text, own in [*self._homes.items(), *((t, own) for t, (own, _) in self.titles.items())]:
            text.set_text(own)  # fitted afresh from the full texts
        for ax, own in self.xlabels.items():
            ax.set_xlabel(own)
        result = super().execute(fig)
        for _ in range(FITS):  # a wrapped label or a title's note moves the axes: fitted again to where they are
            if not self._fit(fig):
                break
            result = super().execute(fig)
        return result

    def _fit(self, fig) -> bool:
        """Fit every label and title to its axes where they are now; whether any text changed."""
        renderer = fig._get_renderer()
        texts = [ax.yaxis.label for axes, _, _ in self.labels for ax in axes] + [home for _, _, home in self.labels]
        texts += [*self.titles, *([self._shared] if self._shared is not None else [])]
        texts += [ax.xaxis.label for ax in self.xlabels]
        before = [t.get_text() for t in texts]
        for ax, own in self.xlabels.items():
            width = measure(renderer, ax.xaxis.label.get_fontproperties())
            ax.set_xlabel("\n".join(line for part in own.split("\n")
                                    for line in wrapped(part, ax.bbox.width, width, SPACES) or [part]))
        notes = {}
        for axes, text, home in self.labels:
            width = measure(renderer, axes[0].yaxis.label.get_fontproperties())
            fits = width(text) <= min(ax.bbox.height for ax in axes)  # on one line, beside each axes
            span = axes[0].bbox.y1 - axes[-1].bbox.y0  # a column of axes: the label runs along them all
            lines = [text] if fits else wrapped(text, span, width)
            if len(lines) > MAX_LINES:
                lines = shortened(text, span, width)
                notes.setdefault(home, []).append(text)
            shared = len(axes) > 1 and not fits  # one label along the column, where one per axes does not fit
            for ax in axes:
                ax.set_ylabel("" if shared else "\n".join(lines))
            if shared and self._shared is None:
                self._shared = fig.supylabel("", fontsize=axes[0].yaxis.label.get_fontsize())
            if len(axes) > 1 and self._shared is not None:  # its text only: supylabel() would move it from its place
                self._shared.set_text("\n".join(lines) if shared else "")
        for text in dict.fromkeys([*self.titles, *notes]):
            width = measure(renderer, text.get_fontproperties())
            if text in self.titles:
                own, ax = self.titles[text]
                room = ax.bbox.width
                lines = [line for part in own.split("\n") for line in bounded(part, room, width, TITLE_LINES, SPACES)
                         or [part]]
            else:
                own = self._homes.setdefault(text, text.get_text())
                x = text.get_transform().transform(text.get_position())[0]
                room = 2 * min(x, fig.bbox.width - x) * 0.95  # centred, as matplotlib wraps a title
                lines = [own]
            lines += [line for name in dict.fromkeys(notes.get(text, []))
                      for line in bounded(NOTE + name, room, width, TITLE_LINES)]
            text.set_text("\n".join(lines))
        return [t.get_text() for t in texts] != before


def measure(renderer, prop):
    """A string's width as ``renderer`` draws it in the font ``prop``: its characters' widths, each measured once
    (a font with CJK fallbacks takes milliseconds per measure), summed, and ``SLACK`` more for the pairs a font
    kerns wider."""
    widths = {}

    def width(text: str) -> float:
        for char in set(text) - widths.keys():
            widths[char] = renderer.get_text_width_height_descent(char, prop, ismath=False)[0]
        return sum(widths[char] for char in text) * SLACK

    return width


def wrapped(text: str, room: float, width, breaks=BREAK) -> list[str]:
    """``text`` on lines each at most ``room`` wide (``width``: a string's width, in the units of ``room``), broken
    where ``breaks`` allows (a name's separators, or a title's spaces: ``SPACES``), the separator kept at the line's
    end (the lines joined are ``text``, but for spaces at their ends); a piece wider than ``room`` on its own is
    broken between its characters."""
    lines, line = [], ""
    for piece in breaks.split(text):
        if line and width((line + piece).rstrip()) > room:  # a space at a line's end takes no room
            lines.append(line.rstrip())
            line = ""
        while not line and len(piece) > 1:  # too wide alone, no break inside it: cut between characters
            cut = most_fitting(piece.rstrip(), room, width)  # a few lines' measures, not the whole piece's (decision 1803)
            if cut >= len(piece.rstrip()):
                break
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    return lines + [line.rstrip()] if line.strip() else lines


def most_fitting(piece: str, room: float, width) -> int:
    """How many leading characters of ``piece`` fit ``room`` (at least 1): doubled, then halved, so a line's cut costs
    the measures of a few lines' characters. Measuring ``piece[:k]`` for every ``k`` made a 20,000-character series id
    in a title take O(n²) a line, fit hung for minutes after training (t35t4 M3, decision 1803)."""
    low, high = 1, 2  # piece[:low] fits (or low is 1); piece[:high] does not, or is all of it
    while high <= len(piece) and width(piece[:high]) <= room:
        low, high = high, 2 * high
    high = min(high, len(piece) + 1)
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if width(piece[:mid]) <= room else (low, mid)
    return low


def bounded(text: str, room: float, width, most: int, breaks=BREAK) -> list[str]:
    """``text`` ``wrapped`` to ``room``, and where that takes more than ``most`` lines, ``shortened`` to ``most``
    around an ellipsis: a title or note naming a series id of 20,000 characters takes a few lines, not 200 that
    squeeze its axes to nothing (decision 1803)."""
    lines = wrapped(text, room, width, breaks)
    return lines if len(lines) <= most else shortened(text, room, width, most)


def shortened(text: str, room: float, width, max_lines: int = MAX_LINES) -> list[str]:
    """``text`` with characters of its middle left out for an ellipsis so that it fits ``max_lines`` lines of
    ``room`` (``wrapped``): its first characters and its last pieces (after a break, at most a third of a line),
    where a unit or a number often is."""
    pieces, tail = BREAK.split(text), ""
    while len(pieces) > 1 and width(pieces[-1] + tail) <= room / 3:  # the last pieces, up to a third of a line
        tail = pieces.pop() + tail
    if tail and pieces and not pieces[-1][-1].isalnum():
        tail = pieces[-1][-1] + tail  # the separator before it: "…_bn_eur"
    low, high = 0, len(text) - len(tail)
    while low < high:  # the most leading characters that fit
        mid = (low + high + 1) // 2
        if len(wrapped(text[:mid] + ELLIPSIS + tail, room, width)) <= max_lines:
            low = mid
        else:
            high = mid - 1
    return wrapped(text[:low] + ELLIPSIS + tail, room, width)


def time_label(calendar) -> str:
    """The name of a time axis from a panel's calendar (``timecalendar.Calendar``): "row" for numbered rows,
    else the time column's name, with the zone of tz-aware times (whose ticks are written in it); a session's
    bars (drawn one step per bar, ``barsaxis``) say so, the closed hours being left out."""
    if calendar is None or calendar.kind == "row":
        return "row"
    name = str(calendar.name) if calendar.name is not None else "time"
    name = "time" if UNNAMED.fullmatch(name) else name  # pandas' name of a written index's empty header: no name
    zone = "" if calendar.tz is None else "UTC" if str(calendar.tz) == "UTC" else f"local time, {calendar.tz}"
    bars = f"one step per bar of {calendar.freq_text!r}, closed hours left out" if barsaxis.session_of(calendar) else ""
    notes = "; ".join(n for n in (zone, bars) if n)
    if notes and len(f"{name} ({notes})") > 90:  # on two lines, not cut at the figure's edges
        notes = ";\n".join(n for n in (zone, bars) if n) if zone and bars else textwrap.fill(notes, 90)
    return f"{name} ({notes})" if notes else name
