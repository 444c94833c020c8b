"""A figure that fails to draw costs its picture, not the run (decision 1819).

A run's and a backtest's figures are drawn after the model is trained and scored; a fault in drawing one (a
tester's backtest with quantiles whose one window was left out: matplotlib's ``fill_between`` of an empty zoned
index raised a TypeError) lost the whole folder, metrics and forecasts with it, after the training. ``drawn``
calls the drawing and, where it raises, warns in one line naming the figure and the fault, and gives None: the
folder is written without that PNG, its page saying so where the picture would be (``block``).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def drawn(name: str, draw):
    """``draw()`` (any value: a PNG's bytes with what the page says of it), or None where it raises an ``Exception``
    (a KeyboardInterrupt still stops the run): a WARNING then names ``name`` ("backtest.png") and the fault. Raises
    nothing of its own."""
    try:
        return draw()
    except Exception as err:  # noqa: BLE001 - any fault of matplotlib's or of the drawing code: the figure's alone
        log.warning(f"{name} was not drawn ({type(err).__name__}: {str(err).splitlines()[0] if str(err) else 'no message'}): "
                    "a fault in rnncast's drawing, please report it; the metrics and forecasts are written without it")
        return None


def block(name: str, img: tuple | None, png_at: int = 1) -> tuple:
    """A page's ``("img", png, ...)`` block, or where its figure was not drawn (its PNG None at ``png_at``) a
    paragraph saying so, ``name`` the PNG's file."""
    if img is not None and img[png_at] is not None:
        return img
    return ("p", f"{name} was not drawn: a fault in rnncast's drawing, named under What rnncast noticed; the "
                 "metrics and forecasts above are written in full.")
