"""A backtest's scores per step ahead (``metrics["by_step"]``, decision 1660), and a run's test part's and evaluate's
(``of_part``, decision 2030): the model's and each baseline's MSE,
MAE and MASE (and RMSE, MSE's root) at each lead 1 .. H, pooled over every window and series, as a forecast hub scores each lead (1 to 4
weeks ahead) apart. Each step's scores follow the overall block's rules (``evaluation.scores``: the values scored,
MASE's scale, MSE and MAE a mean over the targets that have a value scored), computed for every step in one pass
over the [W, H, T] errors rather than by scoring each step's windows whole (decision 1676). ``by_step`` is in original
units; where the verdict weighs scaled MSE (a panel's, ``verdict_units``), ``by_step_scaled`` holds each step's MSE and
MAE in the scaled units too, and its MASE, wQL and MSIS the original's (``scaled_step``), as ``overall_scaled``'s are:
they have no units, so the scaled ones are the same numbers (decisions 1726, 2036, 2098). A step's rows are
forecasts.csv's of that ``step_ahead``. A model of quantiles adds, for the model and each baseline with intervals, each
step's interval scores (decision 1896): the mean pinball loss over the levels, each central interval's coverage and
``by_level`` (each level's share of the actuals at or below it, of those equal to it, its pinball loss, and the values
scored), so that "is the 0.95 quantile 14 days ahead right?" is read off, not recomputed from forecasts.csv. They are
the overall block's own scorer run on the step's windows (``evaluation.interval_scores``, a baseline's through
``evaluation.baseline_interval_scores``: the values its interval is given for, the shares counted in scaled units where
the overall block counts them so, decision 1943), so a step and the overall block never count one value two ways."""

from __future__ import annotations

import numpy as np

from rnncast import climatologyseries, seasonalgaps
from rnncast.evaluation import baseline_interval_scores, interval_scores, unitless
from rnncast.windowforecasts import WINDOW_ARRAYS, PartForecasts, WindowForecasts, scored

SCORES = ("mse", "mae", "mase")  # each step's: the errors a hub compares by lead, in original units (MASE: none)
STEPWISE = ("y_true", "y_pred", "filled", "absent", "zeroed")  # the arrays with a horizon axis [W, H, ...]


def step_of(wf: WindowForecasts, h: int, intervals: bool = False) -> WindowForecasts:
    """The point forecasts of step ``h`` (0 = one step ahead) alone, every [W, H, ...] array cut to [W, 1, ...] and
    ``target_rows`` moved to that step's row, without the intervals (``SCORES`` reads none), or with the model's and the
    baselines' cut too (``intervals``)."""
    cut = lambda a: None if a is None else a[:, h : h + 1]  # noqa: E731
    arrays = {name: cut(getattr(wf, name)) if name in STEPWISE else getattr(wf, name) for name in WINDOW_ARRAYS}
    bands = {"quantiles": cut(wf.quantiles), "levels": wf.levels, "baseline_quantiles": {
        k: cut(v) for k, v in wf.baseline_quantiles.items()}} if intervals else {"quantiles": None}
    arrays["target_rows"] = np.asarray(wf.target_rows) + h  # the row of the step's own target in its series
    return WindowForecasts(**{**arrays, **bands}, baselines={k: cut(v) for k, v in wf.baselines.items()},
                           time=wf.time, ids=wf.ids, times=wf.times, targets=wf.targets, step=wf.step,
                           grain=wf.grain)


def _per_step(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """[H] the mean over targets of each target's mean over the windows of ``values`` [W, H, T] where ``keep``: a
    target with no value kept at a step is left out of that step's mean, NaN where none has one (``metrics.score``)."""
    counts = keep.sum(axis=0)  # [H, T]
    has = counts > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        each = np.where(keep, values, 0.0).sum(axis=0) / counts  # [H, T]; a NaN error kept stays NaN, as in score
        return np.where(has, each, 0.0).sum(axis=1) / has.sum(axis=1)


def by_step(wf: WindowForecasts, scales: np.ndarray | None, scaled: WindowForecasts | None = None) -> list[dict]:
    """``[{"step": 1, "model": {"mse", "mae", "mase", "rmse"[, "pinball", "coverage_80", "by_level"]}, "repeat": {...}, ...}, ...]``,
    one entry per step ahead of ``wf`` [W, H, T] (its units: original, or scaled for ``by_step_scaled``; ``scales``
    [W, T] each window's MASE denominator, None: no MASE, each entry's MSE and MAE alone), in the order of the overall
    block's forecasters; a step with no value scored has NaN scores, as a window's do. Where ``wf`` has quantiles, the
    model and each baseline with intervals (``baseline_quantiles``) add that step's ``evaluation.interval_scores``
    (pinball in ``wf``'s units, coverages and ``by_level``'s shares 0 to 1 counted on ``scaled`` where given, the same
    windows in scaled units, as the overall block counts them; a baseline's on the values its interval is given for,
    with ``intervals_left_out`` where some were: ``evaluation.baseline_interval_scores``). A seasonal naive with no
    forecast at some of a step's values (``seasonalgaps.values_of``) is scored on the others, with
    ``values_left_out`` ``{"values", "of", "model"}``: the model's scores on those same values (decision 1994)."""
    y_true = np.asarray(wf.y_true, dtype=np.float64)
    kept = scored(wf)
    keep = np.ones(y_true.shape, dtype=bool) if kept is None else kept  # [W, H, T]
    usable = np.isfinite(scales) & (scales > 0) if scales is not None else None  # [W, T] whose MASE has a denominator
    if usable is not None:  # the same for every forecaster: made once
        scaled_keep, per = keep & usable[:, None, :], np.where(usable, scales, 1.0)[:, None, :]  # [W, H, T], [W, 1, T]

    def cols(err: np.ndarray, own: np.ndarray) -> tuple:  # [H] each of ``SCORES`` on the values ``own``
        out = (_per_step(err**2, own), _per_step(np.abs(err), own))
        if usable is None:
            return out
        mine = scaled_keep if own is keep else scaled_keep & own
        with np.errstate(invalid="ignore", divide="ignore"):  # MASE pools every kept window and target of a step
            return out + (np.where(mine, np.abs(err) / per, 0.0).sum(axis=(0, 2)) / mine.sum(axis=(0, 2)),)

    table, paired = {}, {}
    model_err = np.asarray(wf.y_pred, dtype=np.float64) - y_true
    for name, p in {"model": wf.y_pred, **wf.baselines}.items():
        err = np.asarray(p, dtype=np.float64) - y_true  # [W, H, T]
        own = seasonalgaps.values_of(name, keep, p)  # the values it has, keyed on its forecast (decisions 1966, 1994)
        table[name] = cols(err, own)
        if own is not keep:  # each step's count left out, and the model's scores on the values it has
            paired[name] = ((keep & ~own).sum(axis=(0, 2)), keep.sum(axis=(0, 2)), cols(model_err, own))
    steps = [{"step": h + 1, **{name: {**{k: float(v[h]) for k, v in zip(SCORES, each)},
                                       "rmse": float(np.sqrt(each[0][h]))}  # MSE's root, no new scoring (decision 2002)
                                for name, each in table.items()}} for h in range(y_true.shape[1])]
    for name, (left, of, model) in paired.items():  # the pair the overall block keeps, per step (decision 1994)
        for h in np.flatnonzero(left).tolist():
            steps[h][name][seasonalgaps.KEY] = {"values": int(left[h]), "of": int(of[h]),
                                                "model": {**{k: float(v[h]) for k, v in zip(SCORES, model)},
                                                          "rmse": float(np.sqrt(model[0][h]))}}
    if wf.quantiles is None:
        return steps
    for h, entry in enumerate(steps):  # each step's interval scores, by the overall block's scorer (decisions 1896, 1943)
        one, mine = step_of(wf, h, intervals=True), None if scaled is None else step_of(scaled, h, intervals=True)
        entry["model"].update(interval_scores(one, mine, scales=scales, step_counts=False))  # MSIS on MASE's scale, None: none (decision 2036)
        for name in wf.baseline_quantiles:
            if name in entry:
                entry[name].update(baseline_interval_scores(one, mine, name, scales, step_counts=False))
        # a step cut alone has no origins apart to count on: the overall block's counts have them (decisions 2042, 2071)
    return steps


def of_part(forecasts: PartForecasts) -> list[dict]:
    """``by_step`` of one part's windows (``windowforecasts.PartForecasts``: a run's test part, evaluate's), in original
    units, each window's MASE scale its series' (decision 2030): the windows and forecasters its overall block scores
    (``evaluation.evaluate``: a climatology only some series have is scored apart, so not here), so that each step's
    MSE weighted by its count of values scored gives the overall MSE (one target; several: each target's alike)."""
    original, scaled = forecasts.original, forecasts.scaled
    if climatologyseries.having(original) is not None:  # as evaluate's overall block (decision 1693)
        original, scaled = climatologyseries.without(original), climatologyseries.without(scaled)
    return by_step(original, forecasts.mase_scales[original.series], scaled)


def scaled_step(scaled: dict, original: dict) -> dict:
    """A ``by_step_scaled`` entry: ``scaled`` (``by_step`` of the scaled windows without scales: MSE, MAE, RMSE,
    pinball and the coverages in scaled units) with each forecaster's ``mase``, ``wql`` and ``msis_*`` those of
    ``original`` (the same step's ``by_step`` entry), in its order (mse, mae, mase, rmse, pinball, wql, coverage, msis,
    by_level), and the model's ``mase`` beside a seasonal naive's values left out too. MASE has no units: with one
    scaler per series, fitted on its training rows, a series' scaled errors and its scaled in-sample naive MAE are its
    original ones divided by one number, so the scaled MASE is the original's, as ``overall_scaled``'s is; a step's
    row in ``by_step_scaled`` gave none, a gap that read as a bug (decision 2098). wQL and MSIS have none either
    (decisions 2036, 2079)."""
    def carried(block: dict, mine: dict) -> dict:
        out = {k: block.get(k, mine[k]) for k in mine if k in block or k == "mase" or k.startswith("msis_")}
        out |= {k: v for k, v in block.items() if k not in mine}
        left, theirs = out.get(seasonalgaps.KEY), mine.get(seasonalgaps.KEY)
        if isinstance(left, dict) and isinstance(theirs, dict) and "mase" in theirs.get("model", {}):
            out[seasonalgaps.KEY] = {**left, "model": carried(left["model"], theirs["model"])}
        return out

    return unitless({name: carried(block, mine) if isinstance(block, dict) and isinstance(mine := original.get(name), dict)
                     else block for name, block in scaled.items()}, original)
