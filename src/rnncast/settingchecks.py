"""The checks that span the setting groups: each group checks its own fields (``config``), and
these the combinations that no model can train (a lookback that is not a whole number of
segments, a quantile head with a point loss, a seasonal start without a season, a sequence scheme
with what it does not take, ...). Each refusal is one ``RnncastError`` naming the settings and a
value that would be accepted.
"""

from __future__ import annotations

from rnncast.errors import RnncastError
from rnncast.spelling import spelled


# The data are not read when settings are checked, so a season is proposed for each common calendar,
# not guessed (52 on hourly data was wrong); seasons.implied_season names the data's own after a fit.
SEASON_EXAMPLES = ("24 for hourly data with a daily cycle, 7 for daily data with a weekly one, "
                   "12 for monthly data, 4 for quarterly, 52 for weekly")

def check_combinations(data, model, train) -> None:
    """Raise ``RnncastError`` for settings of different groups that cannot go together: ``data``,
    ``model``, ``train`` are ``config``'s DataSettings, ModelSettings and TrainSettings (not imported
    here: ``config`` imports this module)."""
    segment, lookback = model.segment, data.lookback
    if segment and lookback % segment:
        fits = [d for d in range(1, lookback + 1) if lookback % d == 0]
        raise RnncastError(
            f"lookback {lookback} is not a whole number of segments of {segment} steps; use a lookback that "
            f"is a multiple of {segment} (e.g. {max(segment, lookback // segment * segment)}) or a segment "
            f"that divides {lookback} (one of {fits})"
        )
    if segment and train.scheme == "sequence":
        raise RnncastError("scheme 'sequence' runs the cell step by step; use scheme 'window' with segment > 0")
    if model.decoder == "parallel" and data.future_known:
        raise RnncastError("decoder 'parallel' does not take future_known features; use decoder 'direct'")
    if segment and model.quantiles:
        raise RnncastError("segment > 0 (SegmentNet) does not emit quantiles yet; use segment 0 for quantiles")
    if model.quantiles and train.loss != "mse":
        raise RnncastError(f"loss {train.loss!r} is for a point forecast; a quantile head trains on the "
                           "pinball loss (its 0.5 level is the median): leave loss at 'mse' or drop quantiles")
    if model.highway_start == "least_squares" and not model.highway:
        raise RnncastError("highway_start 'least_squares' starts the highway, and this model has none: turn it on "
                           f"({spelled('highway', True)}) or leave highway_start at 'zero'")
    if model.window_norm == "season" and data.season < 2:
        raise RnncastError("window_norm 'season' starts the forecast at the window's last season, and season is "
                           f"{data.season}: give the period in steps ({spelled('season')}): {SEASON_EXAMPLES}")
    if data.season > data.lookback:
        raise RnncastError(f"season {data.season} is longer than lookback {data.lookback}: the seasonal-naive "
                           "baseline repeats the last season of the input window; raise lookback to at least the "
                           f"season ({spelled('lookback', data.season)})")
    if train.scheme == "sequence":
        if data.future_known:
            raise RnncastError("scheme 'sequence' does not take future_known features yet; use scheme 'window'")
        if model.quantiles:
            raise RnncastError("scheme 'sequence' does not train quantiles yet; use scheme 'window'")
        if model.window_norm in ("mean", "season"):
            raise RnncastError(f"scheme 'sequence' works with window_norm 'last' or 'none', not "
                               f"{model.window_norm!r}")
        if model.window_scale:
            raise RnncastError("scheme 'sequence' does not take window_scale (one spread per window); use scheme 'window'")
