"""Forecasts below zero of a target the data never holds below zero, said in one warning.

The network's output is not bounded: on an intermittent retail panel (sales, never negative) 88 of 6368 test
forecasts fell below zero, the least -0.029, most of them of series whose sales are all zero, and evaluate and predict
wrote them without a word. ``below_zero`` says how many, of which series, and the most negative, that the scores are
of the forecasts as made (not clipped), and how to clip them where the target cannot be negative. Its converse,
``floored``: ``nonnegative=True`` on a target whose training rows hold values below zero, said once at fit and backtest.
The point forecast of a model of quantiles, their median (``point_forecast``), is taken here, for ``forecasting`` too.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import ceilings, scaling, upperbound
from rnncast.noticed import errors_only
from rnncast.panel import series_owner
from rnncast.spelling import counted, some

log = logging.getLogger(__name__)
GAP = 4  # rows below zero fewer than this many rows apart are one run (a drift's values around 0: decision 2237)
RUNS = 3  # the runs the warning names, then a count


def clipped(state, y: np.ndarray, floor=0.0, ceiling=None) -> np.ndarray:
    """``y`` (forecasts in original units, or scaled with ``floor`` the scaled zero and ``ceiling`` the scaled bound,
    [W, 1, T] or [W, 1, T, 1]) at least ``floor`` where the model was fit with ``nonnegative=True``
    (``--nonnegative``), and at most ``ceiling`` (default: the bound itself) where with ``upper`` (``--upper``,
    decision 2257); else as it is. The scalers are increasing, so a forecast clipped in either unit is the one clipped
    in the other, and quantiles stay sorted."""
    model = state.settings.model
    y = np.maximum(y, floor).astype(y.dtype, copy=False) if model.nonnegative else y
    if (upper := getattr(model, "upper", None)) is not None:  # a model's settings saved before it: none
        y = np.minimum(y, upper if ceiling is None else ceiling).astype(y.dtype, copy=False)
    return y


def unscaled(state, y: np.ndarray, series: np.ndarray, offset: np.ndarray, scale: np.ndarray, shortest: bool = False,
             unit: float = 1.0) -> np.ndarray:
    """``scaling.inverse_windows`` of the network's forecasts ``y`` (scaled), then ``clipped`` in ORIGINAL units: the
    clip after the unscaling, so no float error of the scaler leaves a nonnegative model's value at -3e-08."""
    return clipped(state, scaling.inverse_windows(y, series, offset, scale, shortest, unit))


def point_forecast(state, y: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The point forecast of ``y`` and its quantiles: a model of quantiles' ``y`` [..., Q] sorted along the levels
    (quantile forecasts never cross), its median [...] the point forecast (a model of quantiles forecasts the median,
    ``settingchecks``); a point model's ``y`` as it is, and None. Any units: the scalers are increasing."""
    levels = state.settings.model.quantiles
    if not levels:
        return y, None
    y = np.sort(y, axis=-1)
    return y[..., list(levels).index(0.5)], y


def predicted(state, y: np.ndarray, offset: np.ndarray, scale: np.ndarray, unit: float = 1.0) -> np.ndarray:
    """``unscaled`` of predict's forecasts ``y`` [S, H, T] or [S, H, T, Q] (scaled, one window per series, ``offset``
    and ``scale`` [S, C]), written with the data's digits; where a ``nonnegative`` model's point forecasts fell below 0
    and are written as 0, one warning saying how many (decision 1578: fit said it of the training rows alone)."""
    raw = scaling.inverse_windows(y, np.arange(len(y)), offset, scale, True, unit)
    if state.settings.model.nonnegative:  # each quantile level counted too (decision 1895)
        made = point_forecast(state, raw)[1]  # sorted, as written
        made = raw if made is None else made
        written_zero(made < 0, state.settings.model.quantiles or (), "", f"{made.min():.4g}")
    return clipped(state, raw)


def written_zero(low: np.ndarray, levels=(), doing: str = "test", least: str | None = None) -> str | None:
    """Warn, in one line, how many of a ``nonnegative`` model's forecasts were below 0 and are written as 0: ``low``
    [W, H, T] (True: below 0) or, for a model of the quantile ``levels``, [W, H, T, Q], the point forecast their
    median, each other level counted apart ("none of the 6240 test point forecasts but 2708 of the 6240 0.1
    quantiles were below 0 and are written as 0 ..."); ``doing``: the forecasts' kind ("" for predict's, which are
    written, not scored); ``least``: the least forecast before the clip, where known. The flag is said "given at fit"
    but for a backtest's, which takes it (evaluate has no --nonnegative: decision 1947). Returns the warning, or None
    where none was below 0 (decisions 1578, 1895)."""
    middle = list(levels).index(0.5) if levels else None
    point = low if middle is None else low[..., middle]
    per, below = point.size, int(point.sum())
    others = [f"{int(low[..., j].sum())} of the {per} {level:g} quantiles" for j, level in enumerate(levels)
              if j != middle and low[..., j].any()]
    if not below and not others:
        return None
    head = f"{below or 'none'} of the {per} {doing + ' ' if doing else ''}point forecasts"
    joint = (", " if below else " but ") if others else ""
    scored = " (and scored so)" if doing else ""
    given = "" if doing == "backtest" else ", given at fit"  # backtest takes the flag; evaluate, predict read the fit's
    text = (f"{head}{joint}{', '.join(others)} were below 0 and are written as 0{scored}, as nonnegative=True "
            f"(--nonnegative{given}) asks{f' (the least {least})' if least is not None else ''}")
    log.warning("%s", text)
    return text


def scaled_zero(offset: np.ndarray, scale: np.ndarray, series: np.ndarray, n_t: int, ndim: int) -> np.ndarray:
    """0 in the scaled units of each window's series (``offset``, ``scale`` [S, C]; ``series`` [W]), shaped to
    broadcast over forecasts of ``ndim`` axes ([W, H, T] or [W, H, T, Q])."""
    zero = (-offset[series, :n_t] / scale[series, :n_t])[:, None, :]  # [W, 1, T]
    return zero[..., None] if ndim == 4 else zero


def quiet():
    """The block's forecasts below zero counted in no warning: scores no one reads as forecasts (tune's trials'
    validation scores) or forecast again for a page whose own part said them (a run's validation part)."""
    return errors_only(log)

WORDS = {"train": "training", "val": "validation", "all": "scored"}  # a part as the warning says it: "12 of the 300
# validation forecasts"; every part's (--part all) "scored", not "the 2004 all forecasts" (decision 2172)
ROUNDING = ceilings.ROUNDING  # below zero by less than this of a series' largest magnitude: rounding (both bounds')


def below_zero(forecasts: np.ndarray, data: np.ndarray, targets: list, ids: list, doing: str = "test", levels=(),
               point: str = "_hat", windows=None, judged: list | None = None, wide: bool = False,
               tolerance: np.ndarray | None = None, cause: str | None = None) -> str | None:
    """Warn of ``forecasts`` [W, H, T] (or [W, H, T, Q] of the quantile ``levels``; ``ids`` [W] the series of each
    window, as given) below zero in a target whose values in the data (``data`` [N, T], the rows read) are never
    negative; ``doing``: the forecasts' kind ("test", as evaluate scores them, or "" for predict's); ``point``: the
    point forecast's column, the target's name plus it ("_hat"), or "" (predict of one series: the target's own name).
    ``windows`` [W]: each forecast's window number (backtest's cutoffs), named beside the series. Counted per point
    forecast and per quantile level, each named by the column it is written in. ``judged`` [T]: what ``data`` holds
    of each target, as the warning says it ("the data's 'y'" unless given). ``wide``: the series are the columns of a
    wide table, named in the lead with their counts (``series_columns``), not the one target's inner name.
    ``tolerance`` [W, T]: how far below zero each window's forecasts may be and still be counted as zero, float
    rounding of the scaler (``rounding``); None: none. ``cause``: an outage the input ends in (``outageruns.at_end``),
    named as the likely cause instead of advising to clip (decision 1925). Returns the warning, or None."""
    said, clip = [], []
    for t, name in enumerate(targets):
        column = data[:, t]
        values = np.asarray(forecasts[:, :, t], dtype=float)  # [W, H] or [W, H, Q]
        if not values.size or not np.isfinite(column).any() or np.nanmin(column) < 0:
            continue
        tol = 0.0 if tolerance is None else np.asarray(tolerance, dtype=float)[:, t]
        tol = np.reshape(tol, (-1,) + (1,) * (values.ndim - 1))  # [W, 1] or [W, 1, 1]: each window's
        values = np.where((values < 0) & (values >= -tol), 0.0, values)  # float rounding of a zero: not below it
        low = values < 0
        if not low.any():
            continue
        own, columns, middle = ceilings.columns(name, levels, point)  # the median: the point forecast, once
        values = np.sort(values, axis=-1) if levels else values[..., None]
        low = values < 0
        least = np.unravel_index(np.argmin(values), values.shape)[0]
        rows = np.flatnonzero(low.any(axis=(1, 2)))
        at = "" if windows is None else f"{',' if ids[least] is None else ''} in window {windows[least]}"
        where = at if ids[least] is None else f", of series {ids[least]!r}{at}{ceilings.among(ids, rows)}"
        if windows is not None:  # backtest: which of its cutoffs' windows
            ks = sorted(set(int(k) for k in np.asarray(windows)[rows]))
            where += f"; in {counted(len(ks), 'window')} of {len(set(np.asarray(windows).tolist()))}: {some([str(k) for k in ks], 5)}"
        per = values.shape[0] * values.shape[1]
        kind = f"{doing} " if doing else ""
        whose = judged[t] if judged else f"the data's {name!r}"
        named = repr(name)
        if wide:  # its series are its columns (ids): each named with its count, as floored names them (decision 1172)
            hit = low[..., middle] if low[..., middle].any() else low.any(axis=-1)  # [W, H]
            each: dict = {}
            for w in np.flatnonzero(hit.any(axis=1)):
                each[ids[w]] = each.get(ids[w], 0) + int(hit[w].sum())
            named = series_columns(each.items())
            where = "; in ".join(p for p in where.split("; in ") if " series: " not in p)  # the columns say them
            whose = "the data's columns" if not judged else "the values the model was fitted on"
        also = "" if named == repr(own) else f" ({own!r})"  # the forecast's column, where not the target's name
        head = f"{int(low[..., middle].sum()) or 'none'} of the {per} {kind}forecasts of {named}{also}"
        quantiles = [f"{int(low[..., j].sum())} of its {levels[j]:g} quantiles ({columns[j]!r})"
                     for j in range(len(columns)) if levels and j != middle and low[..., j].any()]
        joint = (" and " if low[..., middle].any() else " but ") if quantiles else ""
        said.append(f"{head}{joint}{', '.join(quantiles)} are below zero (the least "
                    f"{float(values.min()):.4g}{where}), though {whose} {'are' if wide else 'is'} never negative")
        clip += ceilings.to_clip(own, columns, middle, low.any(axis=(0, 1)))  # the median: both its columns
    if not said:
        return None
    cols = repr(clip[0]) if len(clip) == 1 else repr(clip)
    scores = "; the scores are of the forecasts as made, not clipped" if doing else ""
    if cause:  # clipping would keep a forecast made from an outage (decision 1925)
        text = (f"{'; '.join(said)}: most likely from {cause}, an outage (said above); clipping them at 0 would keep "
                "a forecast made from it: give the rows up to the last real reading instead")
    else:
        text = (f"{'; '.join(said)}: the network's output is not bounded{scores}; where the target cannot be negative, "
                f"clip them at 0 (forecast[{cols}] = forecast[{cols}].clip(lower=0)), or fit with nonnegative=True "
                "(--nonnegative), which writes and scores every forecast so")
    log.warning("%s", text)
    return text


def series_columns(counts) -> str:
    """A wide table's series named as its columns, each with its count (``counts``: (id, n) pairs): "the series'
    columns 'y1' (2), 'y3' (1)", not the one target's inner name 'y' (decisions 1172, 1194)."""
    return "the series' columns " + some([f"{i!r} ({int(n)})" for i, n in counts], 5)


def of_panel(state, panel, forecasts: np.ndarray, series: np.ndarray, part: str = "test", windows=None,
             cause: str | None = None, first=None, baselines: dict | None = None, actuals=None) -> str | None:
    """``below_zero`` of the forecasts of the windows of ``series`` [W] (positions in ``panel``) of ``part`` (train,
    val, test, backtest with its ``windows`` [W]; "" for predict's), the panel's rows the data; a model of one series
    (``state.layout`` single) names none. ``forecasts``: [W, H, T], or a model of quantiles' [W, H, T, Q]; ``cause``:
    as ``below_zero``'s. First ``ceilings.above``: those above their series' top before ``first`` [W] (each window's
    first target row; None: every row), ``baselines``' too, unless ``actuals`` [W, H, T] (the windows' own, scored;
    None for predict's) pass that top (decision 2013)."""
    ids = [None if state.layout == "single" else panel.given_id(int(s)) for s in series]
    point = "" if state.layout == "single" and not part else "_hat"  # predict of one series: the target's own name
    data, judged = _target_values(state, panel)
    if panel.target_least is None:  # the upper counterpart: above a top the data keep reaching (decision 1981)
        top = ceilings.tops(panel, series, first, len(state.targets), actuals)
        if said := ceilings.above(forecasts, top, state.targets, ids, WORDS.get(part, part),
                                  tuple(state.settings.model.quantiles or ()), point, baselines):
            log.warning("%s", said)  # here: quiet() silences it with the below-zero one
    return below_zero(forecasts, data, state.targets, ids, WORDS.get(part, part),
                      tuple(state.settings.model.quantiles or ()), point, windows, judged, state.layout == "wide",
                      rounding(state, panel, series), cause)


def rounding(state, panel, series: np.ndarray) -> np.ndarray:
    """[W, T] how far below zero the forecasts of the windows of ``series`` [W] may fall by float rounding alone:
    ``ROUNDING`` (8 float32 epsilons, 9.5e-07) of the mean magnitude plus the spread of each target in the window's
    series' rows, which bound the scaler's offset; a forecast of 0 made in float32 and unscaled comes back off by
    about an epsilon of the offset (ETTm1's MUFL: -2.5e-07, 14400 forecasts warned of). Not of the largest magnitude
    (decision 1645): one spike of 378,528 shares made it 0.36, and -0.135, written so in test_forecasts.csv, went
    uncounted. Where the target was stood in (a model of the features alone): the greatest magnitude the model was
    fitted on."""
    n_t = len(state.targets)
    if panel.target_least is None:
        top = np.zeros((panel.n_series, n_t))
        for s in np.unique(series).tolist():
            rows = np.asarray(panel.rows(int(s))[:, :n_t], dtype=float)
            finite = np.isfinite(rows)
            n, rows = np.maximum(finite.sum(axis=0), 1), np.where(finite, rows, 0.0)
            spread = np.where(finite, rows - rows.sum(axis=0) / n, 0.0)
            top[s] = np.abs(rows).sum(axis=0) / n + np.sqrt((spread**2).sum(axis=0) / n)
        return ROUNDING * top[np.asarray(series, dtype=np.int64)]
    ranges = [r for r in (state.value_ranges or []) if r is not None]
    top = [max((max(abs(r[t][2]), abs(r[t][3])) for r in ranges if t < len(r) and r[t] is not None), default=0.0)
           for t in range(n_t)]
    return np.broadcast_to(ROUNDING * np.asarray(top, dtype=float), (len(series), n_t))


def _target_values(state, panel) -> tuple[np.ndarray, list | None]:
    """[N, T] the values of the targets "never negative" is judged by, and how the warning names them: the panel's
    rows, or, where the target was stood in (``Panel.target_least``, a model of the features alone), the least value
    the data gave, else the least of the values the model was fitted on (``FittedState.value_ranges``), never the
    stand-in; NaN (no warning) where neither is known."""
    if panel.target_least is None:
        return panel.values[:, : len(state.targets)], None
    least, judged = np.full((1, len(state.targets)), np.nan), []
    for t, name in enumerate(state.targets):
        own = panel.target_least.get(name)
        fitted = [r[t][2] for r in (state.value_ranges or []) if r is not None and t < len(r) and r[t] is not None]
        least[0, t] = own if own is not None else (min(fitted) if fitted else np.nan)
        judged.append(f"the data's {name!r}" if own is not None else f"the {name!r} the model was fitted on")
    return least, judged


def of_windows(state, panel, wf, part: str, windows=None) -> str | None:
    """``of_panel`` of a ``WindowForecasts``' windows: its quantiles where the model forecasts them (the point forecast
    is their median), each level counted by its column; of a ``nonnegative`` model, which wrote them clipped, those
    written as 0 (``written_zero``: a forecast exactly 0 is one the clip made)."""
    if state.settings.model.nonnegative:
        made = np.asarray(wf.y_pred if wf.quantiles is None else wf.quantiles)
        written_zero(made == 0, tuple(state.settings.model.quantiles or ()), WORDS.get(part, part))
    bands = {name: wf.baseline_quantiles.get(name, made) for name, made in wf.baselines.items()}
    return of_panel(state, panel, wf.y_pred if wf.quantiles is None else wf.quantiles, wf.series, part, windows,
                    first=wf.target_rows, baselines=bands, actuals=wf.y_true)


def floored(panel, splits, nonnegative: bool, upper=None) -> str | None:
    """Warn, once per fit or backtest, where ``nonnegative`` is set and the training rows (``splits``' train parts of
    ``panel``) of a target hold values below zero: how many, the least, and that every forecast below 0 is written as
    0. Not a refusal: a few negative corrections in sales data are real. Returns the warning, or None. An ``upper``
    bound below a value of the data is refused (``upperbound.refused``, decision 2257): a bound is given, not found."""
    upperbound.refused(panel, upper)
    if not nonnegative:
        return None
    rows = np.concatenate([np.arange(panel.offsets[s], panel.offsets[s] + sp.train_end)
                           for s, sp in enumerate(splits) if sp is not None] or [np.zeros(0, np.int64)])
    said = []
    for t, name in enumerate(panel.targets):
        column = np.asarray(panel.values[rows, t], dtype=float)
        low = column < 0
        if low.any():
            of = np.searchsorted(panel.offsets, rows[low], side="right") - 1  # the series of each value below zero
            hit, each = np.unique(of, return_counts=True)
            where = f"; in {len(hit)} of the {panel.n_series} series" if panel.n_series > 1 else ""
            if panel.layout == "wide":  # its series are its columns: named, not the one target's inner name
                name = series_columns((panel.given_id(int(s)), n) for s, n in zip(hit, each))
                where = f"; in {len(hit)} of the {panel.n_series} columns"
            else:
                name = repr(name)
            said.append(f"{int(low.sum())} of the {int(np.isfinite(column).sum())} training values of {name} are "
                        f"below zero (the least {float(np.nanmin(column)):.4g}{where}{_runs(panel, rows, low)})")
    if not said:
        return None
    text = (f"nonnegative=True (--nonnegative), but {'; '.join(said)}: every forecast below 0 is written as 0 (and "
            "scored so), so the model never forecasts a value below zero such as these; leave nonnegative out where "
            "the target can fall below zero, and where it cannot (a concentration) these values are the fault: blank "
            "them and fit with --fill interpolate")  # decision 2237
    log.warning("%s", text)
    return text


def _runs(panel, rows: np.ndarray, low: np.ndarray) -> str:
    """": series 'A' from 2024-01-09 09:00 to 2024-01-11 19:00, 53 values": the runs of training ``rows`` [N] (the
    panel's) that ``low`` [N] marks, a gap of fewer than ``GAP`` rows joined, the first ``RUNS`` named (decision 2237)."""
    at = rows[low]
    of = np.searchsorted(panel.offsets, at, side="right") - 1
    cut = np.flatnonzero((np.diff(at) > GAP) | (np.diff(of) != 0)) + 1
    runs = [(int(of[a]), int(at[a]), int(at[b - 1]), b - a) for a, b in zip(np.r_[0, cut], np.r_[cut, len(at)])]
    owner = lambda s: series_owner(panel, s) or (f"column {panel.given_id(s)!r}" if panel.layout == "wide" else "rows")  # noqa: E731
    named = [f"{owner(s)} from {panel.when(s, a - panel.offsets[s])} to "
             f"{panel.when(s, b - panel.offsets[s])}, {counted(n, 'value')}" for s, a, b, n in runs[:RUNS]]
    more = f" and {len(runs) - RUNS} more runs" if len(runs) > RUNS else ""
    return f": {'; '.join(named)}{more}"
