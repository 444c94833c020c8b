"""A quantile model's point forecast is its median: where many actual values are 0 (intermittent demand), what that
does to the MSE verdict and to totals summed from it, said beside the verdict (decision 2128).

With ``quantiles``, ``<target>_hat`` is the 0.5 quantile (``negatives.point_forecast``). For an item selling 0.15 a
day the median is about 0, so summed it under-forecasts demand (t39t2 2: 65 units sold, 21.9 forecast); and the MSE
verdict, which keeps judging the median (decision 1238), weighs it by squared error, which the mean minimises, against
baselines such as the training mean. The same fit without quantiles beat every baseline where the quantile model
"does NOT beat" them, and the hint beside it ("window_norm='none' may help") named a cause it was not.

``measure`` finds, per target, where ``SHARE`` or more of the values scored are 0 (``actualzeros.rounded_zeros``, each
series in its own scale) and the median sums to ``SHORT`` or more below the actuals (with the series a third or more
0 apart, whose shortfall the pooled sums dilute); ``evaluation.zero_note`` keeps it as
``zero_actuals["median"]`` (fit, evaluate and backtest alike); ``sentence`` says it after the MSE verdict, and
``runhints.seasonal_hint`` gives no "start at the training mean" hint beside it (``zero_heavy``). Nothing scored changes.
"""

from __future__ import annotations

import numpy as np

from rnncast.actualzeros import rounded_zeros

SHARE = 1 / 3  # a third or more of the values scored 0: a median there is pulled toward 0, below the mean
SHORT = 0.05  # the median's sum this share or more below the actuals': "under-forecasts the total" is said


def measure(y_true, y_pred, keep=None, series=None, levels=(), targets=()) -> list[dict] | None:
    """For a model whose point forecast is its median (0.5 among the quantile ``levels``), each target whose actuals
    ``y_true`` [W, H, T] are 0 at ``SHARE`` or more of the values scored (``keep`` [W, H, T] bool, None: all;
    ``series`` [W]: each window's series, whose own scale a 0 is judged in) and whose median ``y_pred`` sums to
    ``SHORT`` or more below the actuals over them, or over the series a third or more 0 (``_heavy_series``: fast
    movers forecast well hide them in the pooled sums): ``{"target", "values", "zeros", "actual_sum", "forecast_sum"}``
    and ``"series"``, those series' (original units; a time forecast by several overlapping windows counted once in
    each, alike in both). Both, as neither alone is the median's cost: a solar plant's nights are 0 and its median
    there is its mean, 0; a median short of the total without zeros is a bias MSE already sees. None for a point
    model, or where no target is so."""
    if 0.5 not in tuple(levels):
        return None
    y_true, y_pred = np.asarray(y_true, dtype=np.float64), np.asarray(y_pred, dtype=np.float64)
    keep = np.ones(y_true.shape, bool) if keep is None else np.asarray(keep, dtype=bool)
    keep = keep & ~np.isnan(y_true)
    zero = rounded_zeros(np.where(keep, y_true, 0.0), keep, series)
    found = []
    for t in range(y_true.shape[-1]):
        values, zeros = int(keep[..., t].sum()), int(zero[..., t].sum())
        actual = float(y_true[..., t][keep[..., t]].sum())
        median = float(np.nan_to_num(y_pred[..., t][keep[..., t]]).sum())
        heavy = _heavy_series(y_true[..., t], y_pred[..., t], keep[..., t], zero[..., t], series)
        if values and zeros >= SHARE * values and (short(actual, median) or heavy and short(
                heavy["actual_sum"], heavy["forecast_sum"])):
            found.append({"target": str(targets[t]) if t < len(targets) else str(t), "values": values, "zeros": zeros,
                          "actual_sum": actual, "forecast_sum": median, **({"series": heavy} if heavy else {})})
    return found or None


def short(actual: float, median: float) -> bool:
    """Whether a sum of medians falls ``SHORT`` or more below the actuals' (positive) sum."""
    return actual > 0 and median <= (1 - SHORT) * actual


def _heavy_series(y_true, y_pred, keep, zero, series) -> dict | None:
    """Of one target's values [W, H] of a panel (``series`` [W] ints), the series whose own values scored are 0 at
    ``SHARE`` or more: ``{"count", "of", "actual_sum", "forecast_sum"}``, their number, the series scored, and the
    sums over their values, where the median's shortfall there is what the pooled sums dilute (t39t2: 65 sold, 21.9
    forecast, beside fast movers 6% under); None for one series, or where none or all are so."""
    if series is None:
        return None
    series = np.asarray(series)
    size = int(series.max(initial=-1)) + 1
    values, zeros = (np.bincount(series, a.sum(axis=1), size) for a in (keep, zero))
    heavy = (values > 0) & (zeros >= SHARE * values)
    if not heavy.any() or heavy.sum() == (values > 0).sum():
        return None
    mine = keep & heavy[series][:, None]
    return {"count": int(heavy.sum()), "of": int((values > 0).sum()), "actual_sum": float(y_true[mine].sum()),
            "forecast_sum": float(np.nan_to_num(y_pred[mine]).sum())}


def zero_heavy(result: dict) -> bool:
    """Whether a part's scores (``result``: evaluate's, fit's test or a backtest's ``backtest_test``) hold ``measure``'s
    finding: then the MSE verdict weighs a median pulled toward 0 against means, and a baseline's lower MSE is no sign
    that the network should start at it."""
    return bool((result.get("zero_actuals") or {}).get("median"))


def sentence(result: dict, values: str = "the test values") -> str:
    """" Its point forecast is its median (the 0.5 quantile), and 374 of the 840 test values (44.5%) are 0: there a
    median lies below the mean, and MSE, lowest for the mean, weighs it against the baselines' forecasts, the training
    mean's among them, so this verdict says as much of the median as of the model; and summed it under-forecasts
    totals: over these values 2970.9 against the actual 3300, 10.0% under; in the 14 of 30 series a third or more 0,
    57.362 against the actual 105, 45.4% under. A fit without quantiles forecasts the mean." (a leading space, to
    follow the MSE verdict; ``values``: the values scored as the caller names them, "these values", "the backtest
    values"), each target named where the model has several; "" where ``zero_heavy`` is not."""
    found = (result.get("zero_actuals") or {}).get("median")
    if not found:
        return ""
    several = result.get("targets", 1) > 1
    kind = next((values.removeprefix(lead) for lead in ("all the ", "these ", "the ") if values.startswith(lead)), values)
    zeros, sums = [], []
    for f in found:
        named = f"of target '{f['target']}', " if several else ""
        zeros.append(f"{named}{f['zeros']} of the {f['values']} {kind} ({100 * f['zeros'] / f['values']:.1f}%)")
        sums.append(f"{named.removeprefix('of ').removesuffix(', ')}{' ' * several}over these values {_against(f)}")
        if heavy := f.get("series"):  # the series a third or more 0, whose shortfall the pooled sums dilute
            sums[-1] += f"; in the {heavy['count']} of {heavy['of']} series a third or more 0, {_against(heavy)}"
    mean = ", the training mean's among them" if "mean" in (result.get("original") or {}) else ""
    return (f" Its point forecast is its median (the 0.5 quantile), and {'; '.join(zeros)} are 0: there a median lies "
            f"below the mean, and MSE, lowest for the mean, weighs it against the baselines' forecasts{mean}, so this "
            f"verdict says as much of the median as of the model; and summed it under-forecasts totals: "
            f"{'; '.join(sums)}. A fit without quantiles forecasts the mean.")


def _against(sums: dict) -> str:
    """"21.9 against the actual 65, 66.3% under" of ``sums``' ``forecast_sum`` and ``actual_sum`` (no share where
    the median is not under)."""
    actual, median = sums["actual_sum"], sums["forecast_sum"]
    under = f", {100 * (1 - median / actual):.1f}% under" if actual > 0 and median < actual else ""
    return f"{median:.5g} against the actual {actual:.5g}{under}"
