"""What an untrained network forecasts, in words: the note of a fit whose epochs never beat it on validation.

Every output layer starts at zero (``models``), so the untrained network forecasts where ``window_norm``
starts it (``levels.window_levels``): the window's last value ('last', the repeat baseline), its last
season ('season', the seasonal naive baseline), its mean ('mean', no baseline), or zero in scaled units
('none': the scaler's offset, with the standard scaler the training mean); plus the highway's
least-squares fit where ``highway_start='least_squares'`` took one. A quantile head starts each level,
the median too, shifted by that level's quantile of the training errors (``quantilestart``): its point
forecast, the median, is then the baseline plus a constant and can beat that baseline honestly, so the
note says by how much it is shifted, in original units, rather than calling the forecast the baseline.
"""

from __future__ import annotations

import numpy as np

from rnncast import quantilestart
from rnncast.baselines import named

LEVELS = {"last": f"the window's last value ({named('repeat')})",
          "season": f"the window's last season ({named('seasonal')})",
          "mean": "the window's mean (no baseline forecasts it)"}
OFFSETS = {"standard": f"the training rows' mean ({named('mean')})", "minmax": "the training rows' minimum",
           "none": "zero"}


def kept(forecaster) -> bool:
    """Whether a fitted forecaster is the untrained network: it trained, no epoch beat the untrained network's
    validation loss, and training did not diverge (a diverged run keeps its best finished epoch, said apart)."""
    history = forecaster.history_
    return bool(history) and not any(h.get("best") for h in history) and not getattr(forecaster, "diverged_epoch_", None)


def forecast_text(net, state) -> str:
    """What ``net``, untrained (its weights as fit started them: the model a fit keeps when no epoch beat
    it on validation), forecasts, from ``state`` (``FittedState``: settings, scalers, highway start):
    "the window's last season (the 'seasonal naive' baseline) shifted by the training errors' quantiles
    (the median, the point forecast, by +0.236)". Shifts are in original units (each series' scale);
    a range where they differ by horizon step, target or series."""
    model_s, data_s = state.settings.model, state.settings.data
    level = LEVELS.get(model_s.window_norm) or (
        f"zero in scaled units, so the scaler's offset: {OFFSETS.get(data_s.scaler, 'its offset')}")
    started = state.highway_start
    highway = " plus the highway's least-squares fit" if started is not None and started["penalty"] is not None else ""
    return f"{level}{highway}{_shifted(net, state)}"


def _shifted(net, state) -> str:
    """" shifted by the training errors' quantiles (the median, the point forecast, by +0.236)", or ""
    without a quantile head."""
    offsets = quantilestart.start_offsets(net)  # [H, T', Q] scaled units (with window_scale: window spreads)
    if offsets is None:
        return ""
    quantiles = list(net.spec.quantiles)
    median = offsets[..., quantiles.index(0.5)]  # [H, T']: quantiles always hold 0.5 (settingchecks)
    n_t = net.spec.n_targets
    if net.spec.window_scale:  # times each window's spread: no one shift in the data's units
        low, high = float(median.min()), float(median.max())
        return (" shifted by the training errors' quantiles times the window's spread (the median, the point forecast, "
                f"by {_span(low, high)} spreads)")
    scales = np.stack([s.scale[:n_t] for s in state.scalers])  # [S, T] each series' targets
    shift = median[None, :, :] * scales[:, None, :]  # [S, H, T]: T' is 1 where the channels share one start
    return (" shifted by the training errors' quantiles (the median, the point forecast, by "
            f"{_span(float(shift.min()), float(shift.max()))}{_where(shift)})")


def _span(low: float, high: float) -> str:
    """``+0.236``, or ``-0.12 to +0.31`` where the shifts differ in three significant digits."""
    a, b = f"{low:+.3g}", f"{high:+.3g}"
    return a if a == b else f"{a} to {b}"


def _where(shift: np.ndarray) -> str:
    """What a range of shifts [S, H, T] differs by: " over the horizon steps and series", or ""."""
    if f"{shift.min():+.3g}" == f"{shift.max():+.3g}":
        return ""
    by = [name for name, axis in (("horizon steps", 1), ("targets", 2), ("series", 0)) if np.ptp(shift, axis=axis).max() > 0]
    return f" over the {', '.join(by[:-1])}{' and ' if len(by) > 1 else ''}{by[-1]}" if by else ""
