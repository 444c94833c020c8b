"""The seasonal naive forecast read a season of calendar steps back where rows are missing from a known calendar, and
the values it then has no forecast for (decision 1966).

statsforecast's SeasonalNaive forecasts each time with the value at the same point of the season, one season of
calendar steps back. Read a season of rows back (``baselines.seasonal_naive``), a series whose rows skip steps of its
calendar (hours lost, no ``fill_gaps``) took its forecast from another time: step 1 after the cutoff 2024-03-20 01:00
read 2024-03-19 00:00, not 01:00. Here step ``h`` of a window whose last input row sits at calendar position ``p``
(``calendarcuts.placed_series``, the positions ``calendarlags`` pairs MASE's scale by) forecasts position ``p + h``
with the value at ``p + h - season * ceil(h / season)``, the nearest season back at or before the cutoff; where the
data lacks that step the seasonal naive has no value there (NaN). Its scores rest on the values it has, weighed
against the model's scores on those same values (``pair``: the rule decision 1909 made for the baselines'
intervals), and what it leaves out is said (``said``). A series whose rows are consecutive steps, or that no
calendar places, keeps the row-read forecast to the bit, and no calendar is walked where no step is missing
(``calendarlags.placed``, decision 1951).
"""

from __future__ import annotations

import numpy as np

KEY = "values_left_out"  # the seasonal naive's block: the values scored it has no forecast for, and the model's there
NO_FORECAST = "every value's step a season back is missing from the data"  # why a test against it is none (decision 2029)


def back(own: np.ndarray, cuts: np.ndarray, horizon: int, season: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(dates, wanted, rows)`` [w, H] of the windows whose last input is row ``cuts`` [w] of a series whose rows sit
    at calendar positions ``own`` [n]: each step's position, the position a whole number of seasons before it at or
    before the cutoff, and that position's row in the series (-1 where the data lacks it)."""
    h = np.arange(1, horizon + 1)
    dates = own[cuts][:, None] + h  # [w, H]
    wanted = dates - season * -(-h // season)
    at = np.minimum(np.searchsorted(own, wanted), len(own) - 1)
    return dates, wanted, np.where(own[at] == wanted, at, -1)


def groups(series) -> list[tuple[int, np.ndarray]]:
    """``[(s, windows), ...]``: each series ``s`` of ``series`` [W] (indices) with its windows' positions [w], in
    order, from one stable sort: O(W log W), where a scan of every window for each series was O(S * W) (20,000
    series of 89 windows each: 156 s, decision 1997)."""
    series = np.asarray(series, dtype=np.int64).ravel()
    if not len(series):
        return []
    order = np.argsort(series, kind="stable")
    ordered = series[order]
    cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    return [(int(ordered[a]), order[a:b]) for a, b in zip(np.r_[0, cuts], np.r_[cuts, len(order)])]


def steps_before(before, series, placed: dict) -> np.ndarray:
    """[W] the calendar steps of each window's series before its first target (``before`` [W]: its rows there,
    ``series`` [W]): where ``placed`` (``calendarcuts.placed_series``) puts the series' rows on a calendar, from its
    first row's step to the step after its window's last input, the steps whose rows are missing counted; ``before``
    itself (as int64) for a series no calendar places, whose rows are its steps. The seasonal naive reads step
    ``p + 1 - season`` at the earliest (``back``), so a window has a season before it where this is at least the
    season, however many rows are missing between (decision 2028)."""
    before = np.asarray(before, dtype=np.int64)
    out = before.copy()
    for s, w in groups(series) if placed else ():
        if s in placed:  # a window with no row before it has no step before it either
            own, w = np.asarray(placed[s][0], dtype=np.int64), w[before[w] >= 1]
            out[w] = own[before[w] - 1] - own[0] + 1
    return out


def by_calendar(forecast: np.ndarray, values: np.ndarray, target_rows: np.ndarray, before: np.ndarray,
                series: np.ndarray, n_t: int, season: int, placed: dict) -> np.ndarray:
    """The seasonal naive ``forecast`` [W, H, T] (read by rows) with the windows of each series that ``placed``
    (``calendarcuts.placed_series``) puts on a calendar with a step missing read a season of calendar steps back
    (``back``): NaN where the data lacks that step. ``values`` [N, C] stacked (targets first); ``target_rows`` [W]
    each window's first target, stacked, ``before`` [W] inside its series; ``series`` [W]. ``forecast`` itself where
    no window's series skips a step (no copy: bit for bit the rows' forecast)."""
    out = None
    before = np.asarray(before, dtype=np.int64)
    for s, w in groups(series):  # each series' windows, grouped once: not a scan of every window per series
        own = None if s not in placed else np.asarray(placed[s][0], dtype=np.int64)
        if own is None or len(own) < 2 or (np.diff(own) == 1).all():
            continue  # its rows are its steps: read by rows, to the bit
        w = w[before[w] >= 1]
        if not len(w):
            continue
        first = np.asarray(target_rows, dtype=np.int64)[w] - before[w]  # [w] the series' first row, stacked
        rows = back(own, before[w] - 1, forecast.shape[1], season)[2]  # [w, H]
        read = values[first[:, None] + np.maximum(rows, 0), :n_t]  # [w, H, T]
        out = forecast.astype(np.result_type(forecast.dtype, np.float32), copy=True) if out is None else out
        out[w] = np.where((rows >= 0)[..., None], read, np.nan)
    return forecast if out is None else out


def unread(placed: dict, offsets: np.ndarray, starts: np.ndarray, series: np.ndarray, lookback: int, horizon: int,
           season: int) -> tuple[int, int]:
    """``(n, of)``: of the ``of`` steps of the windows at stacked rows ``starts`` [W] (inputs ``lookback`` rows, of
    series ``series`` [W], rows ``offsets[s]:offsets[s + 1]``) whose date the data holds, with a season of calendar
    steps before their first target (``steps_before``: the windows scored), how many have no seasonal naive
    forecast: the step a season of calendar steps back (``back``) is missing (``placed``:
    ``calendarcuts.placed_series``; series without a calendar not counted). ``(0, 0)`` for a season of 1 or none."""
    if season <= 1 or not len(starts) or not placed:
        return 0, 0
    n = of = 0
    starts, series, offsets = (np.asarray(a, dtype=np.int64) for a in (starts, series, offsets))
    for s, w in groups(series):  # grouped once (decision 1997)
        if s not in placed:
            continue
        own = np.asarray(placed[s][0], dtype=np.int64)
        cut = starts[w] - offsets[s] + lookback - 1  # [w] each window's last input, inside its series
        cut = cut[own[cut] - own[0] + 1 >= season]  # a season of steps before its first target: scored (decision 2028)
        if not len(cut):
            continue
        dates, _, rows = back(own, cut, horizon, season)
        held = own[np.minimum(np.searchsorted(own, dates), len(own) - 1)] == dates  # the steps whose date has a row
        n, of = n + int((held & (rows < 0)).sum()), of + int(held.sum())
    return n, of


def own_values(keep: np.ndarray | None, forecast: np.ndarray) -> np.ndarray | None:
    """The values scored (``keep`` [W, H, T]; None: every one) at which the array given [W, H, T] is finite: ``keep``
    itself where it is finite everywhere. It keys on whatever it is given: pass the forecast (``values_of`` does), not
    the errors, whose NaN actuals would leave values out too."""
    finite = np.isfinite(forecast)
    if finite.all():
        return keep
    return finite if keep is None else np.asarray(keep, dtype=bool) & finite


def values_of(name: str, keep: np.ndarray | None, forecast: np.ndarray | None) -> np.ndarray | None:
    """The values scored (``keep`` [W, H, T]; None: every one) that forecaster ``name``'s scores rest on: for the
    seasonal naive those its ``forecast`` [W, H, T] has a value for (``own_values``, keyed on the forecast), ``keep``
    itself for any other forecaster, or where ``forecast`` is None. The one rule every score path takes (evaluation,
    backtest, stepscores, compare, targetshares, scaledshares, flatshares; decision 1994)."""
    return own_values(keep, forecast) if name == "seasonal" and forecast is not None else keep


def unforecast(block: dict, name: str) -> bool:
    """Whether baseline ``name`` of a score ``block`` has no forecast at any value scored (its ``KEY`` leaves out
    every one): it has no scores, and no verdict weighs it (decision 1995)."""
    left = (block.get(name) or {}).get(KEY) if isinstance(block.get(name), dict) else None
    return bool(left) and left["values"] == left["of"]


def gone(scores) -> bool:
    """Whether a forecaster's ``scores`` (one dict of a score block: ``block["seasonal"]``) rest on no value: its
    ``KEY`` leaves out every value scored, so its scores are NaN (null in JSON), which a table writes "-" with
    ``dash_note`` under it, not ``nan`` (decision 2029)."""
    left = scores.get(KEY) if isinstance(scores, dict) else None
    return isinstance(left, dict) and left.get("values", 0) >= left.get("of", 1) > 0


def untested(block: dict) -> dict:
    """``{name: {"beaten": None, "p_value": None, "no_forecast": NO_FORECAST}}`` of the baselines of a score ``block``
    with no forecast at any value scored (``unforecast``): what a verdict's ``each`` (fit's and evaluate's
    ``against_baselines``) and compare's ``against_each_baseline`` say of it, null where a NaN was (decision 2029)."""
    return {name: {"beaten": None, "p_value": None, "no_forecast": NO_FORECAST} for name in block
            if name != "model" and unforecast(block, name)}


def dash_note(blocks, season: int | None = None, where: str = "metrics.json", windows: bool = False) -> str | None:
    """"-" in the 'seasonal naive' row: it has no forecast at any of the 12 values scored (every value's step a season
    (7 calendar steps) back is missing from the data), so it has no scores (null in metrics.json) and no verdict
    weighs it": the footnote of a score table whose ``blocks`` (score blocks, ``{name: scores}``) hold a seasonal
    naive that ``gone``; ``windows``: the blocks are a backtest's windows, each a row of its own ("in a window's
    'seasonal naive' row: it has no forecast at any value of that window ..."). None where none does (decision 2029)."""
    counts = sorted({scores[KEY]["of"] for block in blocks for name, scores in block.items()
                     if name == "seasonal" and gone(scores)})
    if not counts:
        return None
    steps = f" ({season} calendar steps)" if season else ""
    values = ("any value of that window" if windows else f"any of the {counts[0]} values scored" if len(counts) == 1
              else "any value scored")
    row = "a window's" if windows else "the"
    return (f"\"-\" in {row} 'seasonal naive' row: it has no forecast at {values} (every "
            f"value's step a season{steps} back is missing from the data), so it has no scores "
            f"{'there ' if windows else ''}(null in {where}){'' if windows else ' and no verdict weighs it'}.")


def said(left: int, of: int, season: int | None) -> str:
    """The sentence of what the seasonal naive's scores leave out, ``left`` of the ``of`` values scored (``season``:
    None where not known); where it leaves out every one, that it is not weighed."""
    rest, steps = of - left, f" ({season} calendar steps)" if season else " of calendar steps"
    fill = "fill_gaps=True (--fill-gaps) with fill= (--fill) inserts such rows"
    if left >= of:
        return (f"the 'seasonal naive' baseline has no forecast at any of the {of} values scored (the step a season"
                f"{steps} back is missing for each), so it has no scores and no verdict weighs it; {fill}")
    return (f"the 'seasonal naive' baseline has no forecast at {left} of the {of} values scored: the step a season"
            f"{steps} before {'it' if left == 1 else 'each'} is missing from the data; its scores "
            f"are those of the other {rest}, and the verdict weighs it against the model's on those {rest} values; "
            f"{fill}")


def pair(name: str, model_scores, keep: np.ndarray | None, forecast: np.ndarray) -> tuple[np.ndarray | None, dict]:
    """``(mask, record)``: the values forecaster ``name`` is scored on (``values_of``) and, where it leaves some of
    ``keep`` out, ``{"values", "of", "model"}`` with the model's scores on its values (``model_scores(mask)``: the
    same keys as the baseline's, decision 1909's rule made for the baselines' intervals; None: not computed); ``{}``
    where it leaves none out."""
    mask = values_of(name, keep, forecast)
    if mask is keep:
        return mask, {}
    of = int(np.prod(forecast.shape)) if keep is None else int(np.asarray(keep).sum())
    left = of - int(mask.sum())
    if not left:
        return mask, {}
    return mask, {"values": left, "of": of, "model": None if model_scores is None else model_scores(mask)}


def briefly(left: dict) -> str:
    """A file row's line of a seasonal naive block's ``KEY`` record ``left``: "'seasonal naive' has no forecast at 12
    of the 552 values (the step a season back is missing): its MSE, MAE and MASE are the other 540's, set against the
    model's on those (model_mse_on_seasonal ...)" (evaluate's ``--by-series-csv`` ``not_scored``, decisions 1994,
    2010: the model's scores on those values are the row's ``model_<score>_on_seasonal``)."""
    if left["values"] >= left["of"]:
        return "'seasonal naive' has no forecast at any value (the step a season back is missing for each): no scores"
    rest = left["of"] - left["values"]
    return (f"'seasonal naive' has no forecast at {left['values']} of the {left['of']} values (the step a season back "
            f"is missing): its MSE, MAE and MASE are the other {rest}'s, set against the model's on those "
            "(model_mse_on_seasonal ...)")


def record(block: dict, season: int) -> dict | None:
    """What the seasonal naive's scores in ``block`` (a part's original scores) leave out, for what was scored to say
    (metrics.json's ``scored.seasonal_unread``): ``{"values", "of", "text"}``; None where it leaves nothing out."""
    left = (block.get("seasonal") or {}).get(KEY)
    return {"values": left["values"], "of": left["of"], "text": said(left["values"], left["of"], season)} if left else None


def model_mse(block: dict, baseline: str) -> float:
    """The model's MSE against ``baseline`` in a score ``block`` (``{"model": ..., baseline: ...}``): on the values the
    baseline has a forecast for where it leaves some out (``KEY``), else the model's own."""
    left = (block.get(baseline) or {}).get(KEY)
    return left["model"]["mse"] if left else block["model"]["mse"]


def paired(block: dict, baseline: str) -> str:
    """`` (on the 10,364 values it has a forecast for)``: what a verdict adds after ``baseline``'s name where the model's
    MSE it quotes (``model_mse``) is on fewer values than the table's (t37t7: 355.5 in the sentence, 353.6 in the
    table; decision 2005); '' where they are the table's."""
    left = (block.get(baseline) or {}).get(KEY)
    return f" (on the {left['of'] - left['values']:,} values it has a forecast for)" if left else ""


def ratio(block: dict, baseline: str) -> float:
    """``baseline``'s MSE in a score ``block`` over the model's on the same values (``model_mse``), by which baselines
    rank as the verdict ranks them (decision 1966); its MSE itself where the model's is 0 or not finite."""
    model = model_mse(block, baseline)
    return block[baseline]["mse"] / model if np.isfinite(model) and model > 0 else block[baseline]["mse"]


def paired_scores(block: dict, baseline: str) -> dict:
    """The model's scores on the values ``baseline`` has a forecast for in a score ``block`` where it leaves some out
    (``KEY``'s ``model``: a by-series file's ``model_mse_on_seasonal`` ... beside the baseline's own, and the
    terminal's row under it, decision 2010); {} where it leaves none out."""
    return ((block.get(baseline) or {}).get(KEY) or {}).get("model") or {}


def pair_label(block: dict, baseline: str) -> str:
    """"model on those 2,726 values": the by-series table's row of ``paired_scores`` under ``baseline``'s."""
    left = block[baseline][KEY]
    return f"model on those {left['of'] - left['values']:,} values"
