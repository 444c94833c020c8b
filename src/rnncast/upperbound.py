"""A ceiling on every forecast, ``upper`` (``--upper``): the counterpart of ``nonnegative``'s floor at 0.

An occupancy share cannot pass 1, yet 37 % of a hotel panel's 0.9 quantiles were above it; clipping them at 1 lowered
their pinball loss 11 % (decision 2257). One number bounds every series and target: every forecast, point and
quantiles, is written (predict, evaluate, backtest, the ONNX export) and scored at most ``upper``, as ``nonnegative``
writes them at least 0; training is unchanged. A bound below a value of the data is refused by name (``refused``): the
clip would hide values the target does reach. ``check`` is the setting's own check; ``scaled`` the bound in the
network's units, for the scores of the scaled forecasts. Imports no pandas or torch (the CLI's --help imports it).
"""

from __future__ import annotations

import math
import numbers

from rnncast.errors import RnncastError
from rnncast.settingvalues import given
from rnncast.spelling import named


def check(model) -> None:
    """Raise ``RnncastError`` where ``model.upper`` (``config.ModelSettings``) is neither None nor a finite number, or
    is at most 0 beside ``nonnegative`` (every forecast would be one value)."""
    upper = model.upper
    if upper is None:
        return
    if not isinstance(upper, numbers.Real) or isinstance(upper, bool) or not math.isfinite(upper):
        raise RnncastError(f"{named('upper')} must be a finite number, the most any forecast may be (an occupancy "
                           f"share: 1), or None for no bound, got {given(upper)}")
    if model.nonnegative and upper <= 0:
        raise RnncastError(f"{named('upper')} {upper:g} is at most 0 beside nonnegative=True (--nonnegative): every "
                           "forecast would be clipped to one value; give a bound above 0, or leave one of them out")


def parse(text):
    """``upper`` from a flag's or ``--set``'s text (``1``, ``0.95``, ``none``) or a typed value, for
    ``settingtext.parse_setting``: a float, or None for none. Raises ``RnncastError`` naming what it accepts."""
    if text is None or (isinstance(text, str) and text.strip().lower() == "none"):
        return None
    if isinstance(text, numbers.Real) and not isinstance(text, bool):
        return float(text)
    try:
        return float(str(text).strip())
    except ValueError:
        raise RnncastError(f"upper must be a number (the most any forecast may be: 1 for a share) or none, got "
                           f"{text!r}") from None


def scaled(state, offset, scale, series, n_t: int, ndim: int):
    """``state``'s ``upper`` in the scaled units of each window's series (``offset``, ``scale`` [S, C]; ``series``
    [W]), shaped to broadcast over forecasts of ``ndim`` axes ([W, H, T] or [W, H, T, Q]); None without a bound."""
    upper = state.settings.model.upper
    if upper is None:
        return None
    at = ((upper - offset[series, :n_t]) / scale[series, :n_t])[:, None, :]  # [W, 1, T]
    return at[..., None] if ndim == 4 else at


def refused(panel, upper) -> None:
    """Raise ``RnncastError`` where a target of ``panel`` (every row given: training, validation and test) holds a
    value above ``upper``: how many, the largest and its series, and what to give instead. Nothing for None."""
    if upper is None:
        return
    import numpy as np

    for t, name in enumerate(panel.targets):
        column = np.asarray(panel.values[:, t], dtype=float)
        over = column > upper
        if not over.any():
            continue
        at = int(np.nanargmax(column))
        s = int(np.searchsorted(panel.offsets, at, side="right") - 1)
        whose = f" of series {panel.ids[s]!r}" if panel.n_series > 1 else ""
        raise RnncastError(f"upper={upper:g} (--upper) is below {int(over.sum())} of the {int(np.isfinite(column).sum())} "
                           f"values of {name!r} (the largest {float(column[at]):.6g}{whose}): every forecast is clipped "
                           f"at the bound, so the model could never forecast values the data reach; give a bound of at "
                           f"least {float(column[at]):.6g}, or leave upper out")
