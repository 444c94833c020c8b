"""Evaluation: the scores of a model's window forecasts beside its baselines, in original and in
scaled units, MASE against each series' in-sample naive error, and whether the model's lower
error is beyond chance (Diebold and Mariano, "Comparing Predictive Accuracy", JBES 1995).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from rnncast import (bandcounts, calibration, closedzeros, climatologyseries, comparequantiles, filledwindows, kupiec, medianpoint, metrics, nodemand, pooledunits, scalepairs, scaledshares, seriesr2,
                     seasonalgaps, seriestests, significance, targetshares, targetwindows, zeroscales)
from rnncast.forecasttimes import forecast_times
from rnncast.runnotes import percent_note
from rnncast.windowforecasts import PartForecasts, WindowForecasts, scored, take, target_of, unscored_targets
from rnncast.zeroforecasts import counts_demand


def evaluate(forecasts: PartForecasts, by_series: bool = False) -> dict:
    """Scores of one part's windows (``windowforecasts.PartForecasts``: the same windows in original and
    scaled units, each series' MASE denominator and id).

    Returns ``{"windows" (every window forecast), ["windows_scored": those that keep a scored value, where fill left
    any out whole], "horizon", "targets" (T), ["r2_by_series": {"series", "of", ["by_target"]}: a panel's R²
    is the mean of its series' own, over ``series`` of the ``of`` scored (those whose values vary in some target); with
    several targets, ``by_target`` {target: how many series that target's R² averages}, and the pooled R² is the mean
    of the targets' (``seriesr2.r2_by_series``)], ["pooled": the few series that hold a panel's original-unit error,
    ``pooledunits.measure``], ["scaled_few": the few series that hold its scaled scores or pooled MASE,
    ``scaledshares.measure``], ["no_demand": the series without demand in the values scored that pull the pooled MASE
    down, ``nodemand.split``], "scored": {what was scored, see parts.describe}, "original":
    {name: scores}, "scaled": {...}, ["scaled_by": what the scaled units divide by where no scaler scaled them,
    ``spreads.SCALED_BY``], "significance": {baseline: Diebold-Mariano result}, ["significance_pinball": the same test of
    a quantile model's pinball loss against each baseline's intervals']}``: the test
    (``significance.diebold_mariano``) is on the scaled errors, a panel's series summed at each
    forecast time (``forecast_times``), so that series sharing a time's shocks count once and, with ``by_series``, ``"series": {id: scores}``
    (original units; one series given without an id is keyed by its target's name, as a wide table's series are by
    their columns: ``series_key``; several targets add each series' ``"by_target": {target: {name: scores}}``). Quantile models add the pinball loss and the coverage of each central interval,
    pooled over the targets, and with several targets ``"by_target": {target: {"pinball", "coverage_80",
    ...}}`` beside them in the model's block (in both units: the pinball loss has the block's units). Several
    targets add ``"by_target": {target: {name: scores}}``, each target's scores alone in its own original units (the
    pooled block averages the targets' MSEs, whatever their units), and ``"target_shares"``: each target's share of
    the model's scaled MSE and the targets on which it loses to a baseline it beats pooled (``targetshares.measure``),
    and ``"target_windows"``: each target's windows and those scored (``targetwindows.counts``, decision 2236).
    """
    original, scaled, mase_scales, ids = forecasts.original, forecasts.scaled, forecasts.mase_scales, forecasts.ids
    horizon, every = original.y_true.shape[1], (original, scaled)  # ``every``: with a climatology only some series have
    if (have := climatologyseries.having(original)) is not None:  # scored apart on their windows (decision 1693)
        original, scaled = climatologyseries.without(original), climatologyseries.without(scaled)
    result = {"windows": len(original.starts), "horizon": horizon, "targets": original.y_true.shape[-1]}
    kept = _kept_windows(original)  # [W] the windows that keep a scored value; None: every one
    if kept is not None:  # "windows" counts the windows forecast, everywhere; these the ones scored
        result["windows_scored"] = int(kept.sum())
    if forecasts.scored:
        result["scored"] = forecasts.scored
    if forecasts.scaled_by:  # no scaler: what the scaled block (and the verdict and test that read it) divides by
        result["scaled_by"] = forecasts.scaled_by
    result["original"], r2_series = scores_and_series(original, mase_scales[original.series], scaled)
    closedzeros.score_apart(result["original"]["model"], original, scored(original), (forecasts.scored or {}).get(
        "closed_zeros"), lambda keep: interval_scores(original, scaled, keep=keep, scales=mase_scales[original.series]))  # decision 1978
    result["scaled"] = scaled_scores(scores(scaled, mase_scales[scaled.series]), result["original"])
    if unread := seasonalgaps.record(result["original"], forecasts.season):  # what its scores leave out (decision 1966)
        said = result.get("scored", {})
        result["scored"] = {**said, "seasonal_unread": unread, "text": "; ".join(filter(None, (said.get("text"), unread["text"])))}
    scored_series = len(np.unique(original.series)) if original.series is not None else 1
    if scored_series > 1:  # R² is each series' own, averaged (``scores``): said where it is read
        result["r2_by_series"] = {"series": r2_series, "of": scored_series}
        if pooled := pooledunits.measure(original):  # the few series whose scale the original-unit MSE is
            result["pooled"] = pooled
        few, idle = nodemand.split(scaledshares.measure(original, scaled, mase_scales[scaled.series]), original)
        result.update({k: v for k, v in (("scaled_few", few), ("no_demand", idle)) if v})  # idle: decision 1487
        if result["targets"] > 1:  # each target's R² over the series whose values of it vary (r2notes.r2_note)
            counts = seriesr2.r2_series_counts(original.y_true, original.series, scored(original))
            result["r2_by_series"]["by_target"] = dict(zip(target_names(original), counts))
    if excluded := mase_excluded(mase_scales, ids, forecasts.mase_zero, forecasts.season, original.targets):
        result["mase_excluded"] = excluded
    if zeros := zero_note(original, forecasts.season):  # each series in its own scale
        result["zero_actuals"] = zeros
    if result["targets"] > 1:  # the pooled original-unit block averages kWh² with %²: each target in its own units too
        result["by_target"] = {name: scores(target_of(original, t), mase_scales[original.series][:, t : t + 1],
                                            target_of(scaled, t))
                               for t, name in enumerate(target_names(original))}
        result["target_shares"] = targetshares.measure(scaled, target_names(original))  # the verdict's units
        result["target_windows"] = dict(zip(target_names(original), targetwindows.counts(original)))  # decision 2236
    times, keep = forecast_times(scaled), scored(scaled)
    result["significance"] = {
        name: significance.diebold_mariano(scaled.y_pred - scaled.y_true, p - scaled.y_true, horizon, times,
                                           seasonalgaps.values_of(name, keep, p))
        for name, p in scaled.baselines.items()  # the seasonal naive on the values it has (decision 1966)
    }
    if tests := comparequantiles.against_baselines(scaled, lambda a, b, pair: significance.diebold_mariano(
            a, b, horizon, times, pair), keep=keep):  # each baseline on the values it has an interval for (decision 1909)
        result["significance_pinball"] = tests  # the pinball losses' test: the interval verdict's (intervalverdict)
    if have is not None:
        result["climatology_series"] = climatology_part(*every, mase_scales, have, ids)
    if by_series:
        result["series"] = series_scores(*every, mase_scales[original.series], ids, kept)
        scalepairs.attach(result["series"], forecasts.mase_pairs, ids, lambda i: series_key(i, original.targets))
        seriestests.attach(result["series"], every[1], [series_key(i, original.targets) for i in ids])  # decision 2241
    return result


def climatology_part(original: WindowForecasts, scaled: WindowForecasts, mase_scales: np.ndarray, have: np.ndarray,
                     ids: list) -> dict:
    """The model and the climatology scored on the windows ``have`` [W] alone, those of the series that have one
    (``climatologyseries.record``; ``mase_scales`` [S, T]), where the other series have none (decision 1693)."""
    keep = np.flatnonzero(have)
    mine, mine_scaled = take(original, keep), take(scaled, keep)
    mine, mine_scaled = (replace(wf, baselines={"climatology": wf.baselines["climatology"]}, baseline_quantiles={})
                         for wf in (mine, mine_scaled))
    block = scores(mine, mase_scales[mine.series], mine_scaled)
    test = significance.diebold_mariano(mine_scaled.y_pred - mine_scaled.y_true,
                                        mine_scaled.baselines["climatology"] - mine_scaled.y_true,
                                        mine.y_true.shape[1], forecast_times(mine_scaled), scored(mine_scaled))
    return climatologyseries.record(have, original.series, ids, block,
                                    scaled_scores(scores(mine_scaled, mase_scales[mine.series]), block), test)


def series_scores(original: WindowForecasts, scaled: WindowForecasts, scales: np.ndarray, ids: list, kept=...) -> dict:
    """Each series' scores, ``{key: {"windows", ["windows_scored"], model and each baseline: scores, ["by_target"]}}``
    (``series_key``; original units), over its windows of ``original`` and ``scaled`` [W, H, T]; ``scales`` [W, T]
    each window's MASE denominator, ``ids`` [S] the series' ids (a series without windows left out);
    ``windows_scored`` where fill left some window without a scored value (each target's in its block, decision 2236). Evaluate's ``result["series"]`` and a
    backtest's ``by_series`` (decision 1660). ``kept``: ``_kept_windows(original)`` where the caller has it (evaluate)."""
    out, several = {}, original.y_true.shape[-1] > 1
    kept = _kept_windows(original) if kept is ... else kept  # [W] or None, found once (rf33r2 4)
    series = np.zeros(len(original.starts), dtype=np.int64) if original.series is None else original.series
    order = np.argsort(series, kind="stable")  # each series' windows found once, in their order: a
    cuts = np.searchsorted(series[order], np.arange(len(ids) + 1))  # mask over every window per series
    for s in range(len(ids)):  # was O(S·W), 6.8 s of 2,000 series' evaluate --by-series-csv
        keep = order[cuts[s] : cuts[s + 1]]
        if len(keep):
            mine, mine_scaled, own = take(original, keep), take(scaled, keep), scales[keep]
            mine, mine_scaled = climatologyseries.whole(mine), climatologyseries.whole(mine_scaled)  # decision 1693
            out[series_key(ids[s], original.targets)] = {
                "windows": len(keep), **({"windows_scored": int(kept[keep].sum())} if kept is not None else {}),
                **scores(mine, own, mine_scaled),
                **({"by_target": {name: {**each, **scores(target_of(mine, t), own[:, t : t + 1], target_of(mine_scaled, t))}
                                  for (t, name), each in zip(enumerate(target_names(original)), targetwindows.counts(mine))}}
                   if several else {})}  # each in its own units, on its own windows (decision 2236)
    return out


def _kept_windows(wf) -> np.ndarray | None:
    """[W] the windows of ``wf`` that keep a scored value (fill left out their filled targets, or the whole window
    where its inputs read later fills): ``filledwindows.kept_windows``, which ``left_out`` counts as
    ``windows_scored``; None where every window is scored whole or in part."""
    kept = filledwindows.kept_windows(len(wf.y_true), unscored_targets(wf), wf.reads_later)  # a step without a row too
    return None if kept.all() else kept


def series_key(series_id, targets: list):
    """The key of a series' scores: its id; one series given without an id (the model holds ``None`` for it, which
    JSON writes as null) by its target's name, as a wide table names each series by its column, and with several
    targets by their names, ``"y, z"``."""
    if series_id is not None:
        return series_id
    return targets[0] if len(targets) == 1 else ", ".join(str(t) for t in targets)


def scaled_scores(scaled: dict, original: dict) -> dict:
    """The scaled block: MASE has no units, so it is the original block's (the scaled errors would
    need each series' scaled naive error), and so is R² (each target's R², each series' on a panel, is
    the same in any units of its own: scaling moves only float32's rounding); MAPE and sMAPE mean
    nothing on z-scored values: left out. So are a quantile model's ``wql`` and ``msis_*`` (``unitless``)."""
    return {name: unitless({**{k: v for k, v in block.items() if k not in metrics.PERCENT_SCORES}, "mase": original[name]["mase"],
                            "r2": original[name]["r2"]}, original[name]) for name, block in scaled.items()}


def unitless(scaled: dict, original: dict) -> dict:
    """``scaled`` (a block of scores in scaled units) with its ``wql`` and ``msis_*``, at every depth (``by_level``'s
    levels, ``by_target``'s targets), those of ``original``, the same block in original units: they have no units,
    and read on z-scored actuals (summed |actual| near 0) or with MASE's original-unit scale they would mean nothing
    (decision 2036). A key ``original`` lacks is left as it is."""
    out = {}
    for key, value in scaled.items():
        mine = original.get(key) if isinstance(original, dict) else None
        if (key == "wql" or str(key).startswith("msis_")) and mine is not None:
            value = mine
        elif isinstance(value, dict) and isinstance(mine, dict):
            value = unitless(value, mine)
        out[key] = value
    return out


def scores(wf: WindowForecasts, mase_scales: np.ndarray, scaled: WindowForecasts | None = None,
           step_counts: bool = True) -> dict:
    """Metrics of the model and of each baseline on the windows of ``wf`` (original units);
    ``mase_scales`` [W, T] is the in-sample naive MAE of each window's series, MASE's denominator.
    MASE pools the windows of the series whose denominator is positive (``zeroscales``: training rows that never
    change, or repeat exactly every season, have none); NaN only when no series has one. R² of the windows of several series
    is each series' own R² averaged (``seriesr2.r2_by_series``): pooled, the gap between the series'
    levels would count as variance any forecast of the right level explains.

    ``scaled``: the same windows in scaled units, where the intervals' coverage is counted (it has
    no units, so it is the same count, without the rounding of the way back: the network forecasts
    in float32, and a forecast that repeats a true value, as every level does on a series that
    mostly stays put, lands a float32 step beside it in original units and would count as a miss)."""
    return scores_and_series(wf, mase_scales, scaled, step_counts)[0]


def scores_and_series(wf: WindowForecasts, mase_scales: np.ndarray, scaled: WindowForecasts | None = None,
                      step_counts: bool = True) -> tuple[dict, int]:
    """``scores``, and how many series' own R² the model's R² averages (those whose scored values vary,
    ``seriesr2.r2_by_series``; 0 for the windows of one series, whose R² is pooled)."""
    usable = np.isfinite(mase_scales) & (mase_scales > 0)  # [W, T]
    scales = np.where(usable, mase_scales, 1.0)[:, None, :]  # [W, 1, T]
    kept = scored(wf)  # [W, H, T] the values scored (filled targets left out), or None: all
    keep = np.broadcast_to(usable[:, None, :], wf.y_true.shape) & (True if kept is None else kept)  # [W, H, T]

    several = wf.series is not None and len(np.unique(wf.series)) > 1

    def one(y_pred, own=kept):  # ``own``: the values a baseline has a forecast for (seasonalgaps, decision 1966)
        scores, series = metrics.score(wf.y_true, y_pred, own, wf.series), 0  # MAPE's 0s: each series' own scale
        if several:
            scores["r2"], series = seriesr2.r2_by_series(wf.y_true, y_pred, wf.series, own)
        ratio = np.abs(y_pred.astype(np.float64) - wf.y_true) / scales  # [W, H, T]
        mine = keep if own is kept else keep & own
        scores["mase"] = float(ratio[mine].mean()) if mine.any() else float("nan")
        return scores, series

    model, r2_series = one(wf.y_pred)
    result, msis_scales = {"model": model}, np.where(usable, mase_scales, np.nan)  # [W, T] MSIS's: MASE's (decision 2036)
    if wf.quantiles is not None:
        result["model"].update(interval_scores(wf, scaled, scales=msis_scales, step_counts=step_counts))
        if wf.y_true.shape[-1] > 1:  # the pooled figures can hide a target whose intervals are far off
            result["model"]["by_target"] = {name: interval_scores(wf, scaled, t, scales=msis_scales, step_counts=False)
                                            for t, name in enumerate(target_names(wf))}
    for name, p in wf.baselines.items():  # the seasonal naive on the values it has, the model's there (decision 1966)
        own, left = seasonalgaps.pair(name, lambda m: one(wf.y_pred, m)[0], kept, p)
        result[name] = {**one(p, own)[0], **({seasonalgaps.KEY: left} if left else {})}
    for name in wf.baseline_quantiles:  # a baseline's intervals: its training errors' quantiles
        if name in result and wf.quantiles is not None:
            result[name].update(baseline_interval_scores(wf, scaled, name, msis_scales, step_counts))
    return result, r2_series


def baseline_interval_scores(wf: WindowForecasts, scaled: WindowForecasts | None, name: str,
                             scales: np.ndarray | None = None, step_counts: bool = True) -> dict:
    """``interval_scores`` of the baseline ``name``'s intervals (``wf.baseline_quantiles[name]`` [W, H, T, Q]) on the
    values scored that it is given for (``bandcounts.kept``, decision 1876), their shares counted on ``scaled`` where
    given, with ``bandcounts.KEY`` (what was left out, the model's scores on the rest: decision 1909) where some were:
    the overall block's and each step's (``stepscores``, decision 1943)."""
    bands, kept = wf.baseline_quantiles[name], scored(wf)
    mine = scaled if scaled is None else replace(scaled, quantiles=scaled.baseline_quantiles[name])
    result = interval_scores(replace(wf, quantiles=bands), mine, keep=bandcounts.kept(kept, bands), scales=scales,
                             step_counts=step_counts)
    if left := bandcounts.left_out(kept, bands, wf.series, wf.levels, lambda pair: {  # decisions 1876, 1909: the model's
            k: v for k, v in interval_scores(wf, scaled, keep=pair, scales=scales, step_counts=False).items() if k != "by_level"},  # scores on the values
            wf.unlearned, wf.baselines.get(name)):  # and why: too few training windows, no training rows (1932), no forecast (decision 1966)
        result[bandcounts.KEY] = left  # the baseline has an interval for too
    return result


def interval_scores(wf: WindowForecasts, scaled: WindowForecasts | None = None, target: int | None = None,
                    keep: np.ndarray | None = None, scales: np.ndarray | None = None, step_counts: bool = True) -> dict:
    """The mean pinball loss over the quantile levels (in the units of ``wf``) and the coverage of
    every central interval (``coverage_80``: a share, 0 to 1), pooled over every target or of
    ``target`` alone (a position along T), over the values ``keep`` [W, H, T] (None: those scored,
    ``windowforecasts.scored``; a baseline's interval: those it is given for, ``bandcounts.kept``, decision 1876;
    none: NaN scores). Coverage is counted on ``scaled`` when given (see ``scores``). ``by_level``: each level's share
    of the actuals at or below it, its pinball loss and ``wql``, with the values scored (``calibration.by_level``).
    ``wql``: the weighted quantile loss (``metrics.wql``, GluonTS's mean_wQuantileLoss); with ``scales`` [W, T] (each
    window's MASE denominator, NaN where its series has none) each interval's ``msis_80`` ... (``metrics.msis``, M4's
    MSIS pooled over values and on MASE's scale, so both rest on the same rows before the cutoff; decision 2036). Neither has units.
    ``step_counts``: whether ``by_level`` keeps each step's counts for the coverage test (``calibration.by_level``);
    False where nothing reads them (a step's own block, the scores on what a baseline left out: decision 2071)."""
    pick = (lambda a: a) if target is None else (lambda a: a[:, :, target])  # noqa: E731  [W, H, T, ...] -> [W, H, ...]
    keep = scored(wf) if keep is None else keep
    keep = None if keep is None else pick(keep)
    scale = None if scales is None else pick(np.broadcast_to(np.asarray(scales, np.float64)[:, None, :], wf.y_true.shape))
    result = metrics.quantile_scores(pick(wf.y_true), pick(wf.quantiles), wf.levels, keep, scale)
    if scaled is not None:  # the coverage counted where forecast and truth share float32's grid
        result.update(metrics.coverages(pick(scaled.y_true), pick(scaled.quantiles), scaled.levels, keep))
    counted = None if scaled is None else (pick(scaled.y_true), pick(scaled.quantiles))  # shares counted as coverage is
    result["by_level"] = calibration.by_level(pick(wf.y_true), pick(wf.quantiles), wf.levels, keep, counted,
                                              origins=kupiec.origins(wf) if step_counts else None)  # decisions 2042, 2071
    return result


def target_names(wf: WindowForecasts) -> list[str]:
    """The target columns' names, as text (their positions when the forecasts do not carry them)."""
    n = wf.y_true.shape[-1]
    return [str(name) for name in wf.targets] if len(wf.targets) == n else [str(t) for t in range(n)]


def zero_note(wf: WindowForecasts, season: int = 1) -> dict | None:
    """The actuals of ``wf`` at or near 0 among the values scored (``metrics.zero_actuals``, each series in its own
    scale), with ``text``: the note on MAPE and sMAPE that says them (``runnotes.percent_note``), as evaluate and
    backtest record it (decision 848), and ``season``, MASE's, which the note names its scale's baseline by; ``median``
    where the point forecast is a median and many actuals are 0 (``medianpoint.measure``); None where none are."""
    zeros = metrics.zero_actuals(wf.y_true, wf.y_pred, scored(wf), wf.series)
    zeros = {**zeros, "season": season} if zeros else zeros
    median = medianpoint.measure(wf.y_true, wf.y_pred, scored(wf), wf.series, wf.levels, target_names(wf))
    if zeros and median:
        zeros["median"] = median  # a quantile model's median where many actuals are 0 (decision 2128)
    return {**zeros, "text": percent_note({"zero_actuals": zeros})} if zeros else None


def mase_excluded(mase_scales: np.ndarray, ids: list, zero: np.ndarray | None = None, season: int = 1,
                  targets: list | None = None) -> dict | None:
    """The series a pooled MASE leaves out (``mase_scales`` [S, ...]: no finite positive scale in some
    column), as metrics keep them (``runnotes.mase_note`` says it), with why (``zeroscales``: ``zero`` [S, ...] the
    codes of the zero scales, None where the model kept none; ``season`` the scale's): ``causes`` counts the series
    of each cause, ``why`` says them (zeros as "no demand" only where ``targets``, column names, count it: ``demand``,
    decision 1572); None when every series has one."""
    named = zeroscales.causes(mase_scales, zero)  # [S] a cause, or None
    unusable = np.array([cause is not None for cause in named])
    if not unusable.any():
        return None
    causes = {cause: named.count(cause) for cause in dict.fromkeys(c for c in named if c is not None)}
    one, demand = unusable.sum() == 1, targets is None or counts_demand(targets)
    why = (f"{'its' if one else 'their'} rows before the cutoff "
           + " or ".join(zeroscales.rows_why(c, season, demand) for c in causes)
           + f", so MASE is undefined for {'it' if one else 'them'}" + ("; it pools the other series" if len(ids) > 1 else ""))
    return {"series": [ids[s] for s in np.flatnonzero(unusable)][:20], "count": int(unusable.sum()),
            "unobserved": causes.get(zeroscales.UNOBSERVED, 0), "causes": causes, "season": season, "why": why,
            "demand": demand}
