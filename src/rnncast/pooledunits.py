"""Which series a panel's original-unit scores are: the few whose scale holds most of the model's squared error.

A panel's original-unit MSE pools every series' errors in its own units: a finance tester's eight tickers, two near
3,000 (one in yen) and six under 100, scored "MSE 1653", 5,727 and 5,621 for the two large ones and under 3 for every
other. The scaled table (and the verdict) weighs each series in its own scale; the original one is the largest series'.
``measure`` finds the fewest series that hold ``SHARE`` of the model's squared error where they are one or at most a
third of those scored (so one of two: a weekly series and its monthly sum, decision 1539), and ``note`` says so beside
the original-unit table.
"""

from __future__ import annotations

import numpy as np

from rnncast.scoretext import percent
from rnncast.windowforecasts import WindowForecasts, scored, scored_errors

SHARE = 0.9  # the share of the model's squared error (original units) the named series hold


def measure(original: WindowForecasts) -> dict | None:
    """``{"series": [id, ...], "share", "of"}``: the fewest series of the windows [W, H, T] of ``original`` whose
    model errors (original units; filled values not scored) hold ``SHARE`` of its squared error, where they are one or at
    most a third of the ``of`` series scored (one of two counts: decision 1539); None for one series, or where the error
    spreads wider. A quantile
    model's adds ``"pinball_share"``: the share of its pinball loss those series hold, which its intervals' line says."""
    if original.series is None:
        return None
    present = np.unique(original.series)
    each = per_series(original, (original.y_pred - original.y_true) ** 2, present)  # [S scored]
    total = float(each.sum())
    if len(present) < 2 or not (top := fewest(each)).size:
        return None
    pooled = {"series": [original.ids[int(present[i])] for i in top], "share": float(each[top].sum() / total),
              "of": int(len(present))}
    if original.quantiles is not None:  # the pinball loss, summed over the levels (its mean over them, times Q)
        levels = np.asarray(original.levels, dtype=np.float64)
        miss = original.y_true[..., None] - original.quantiles  # [W, H, T, Q]
        pinball = per_series(original, np.maximum(levels * miss, (levels - 1) * miss).sum(axis=-1), present)
        if float(pinball.sum()) > 0:
            pooled["pinball_share"] = float(pinball[top].sum() / pinball.sum())
    return pooled


def per_series(wf: WindowForecasts, errors: np.ndarray, present: np.ndarray) -> np.ndarray:
    """[S scored] the sum of each scored series' ``errors`` [W, H, T] (``scored_errors``: filled values not scored, a
    NaN as 0) over its windows of ``wf``; ``present``: the series scored (``np.unique(wf.series)``)."""
    errors = scored_errors(errors, scored(wf))
    return np.bincount(wf.series, weights=errors.reshape(len(errors), -1).sum(axis=1),
                       minlength=int(present.max()) + 1)[present]


def fewest(each: np.ndarray, share: float = SHARE) -> np.ndarray:
    """The positions of the fewest series holding ``share`` of ``each`` [S] (their summed errors), largest first,
    where they are one or at most a third of the series; empty where they are more or ``each`` sums to nothing."""
    total = float(each.sum())
    if not total > 0:
        return np.array([], dtype=int)
    order = np.argsort(-each, kind="stable")
    count = int(np.searchsorted(np.cumsum(each[order]) / total, share)) + 1
    return order[:count] if count == 1 or count * 3 <= len(each) else np.array([], dtype=int)


def held(pooled: dict, pinball: bool = False, both: bool = False) -> str:
    """Who holds the error of ``measure``'s ``pooled``: "'big' holds 99.9% of the model's squared error", as ``note``
    says it; ``pinball``: of its pinball loss, as the intervals' line (``runnotes.interval_text``) says it (a result
    written before that share was kept: its squared error's, named so); ``both``: the squared error's, then "and 99.5%
    of its pinball loss" where that share was kept, as a backtest's table of both heads it (``backtestpage``)."""
    names = [repr(str(s)) for s in pooled["series"]]
    named = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    key, loss = ("pinball_share", "pinball loss") if pinball and "pinball_share" in pooled else ("share", "squared error")
    also = f" and {percent(pooled['pinball_share'])} of its pinball loss" if both and "pinball_share" in pooled else ""
    return f"{named} {'holds' if len(names) == 1 else 'hold'} {percent(pooled[key])} of the model's {loss}{also}"


def note(result: dict) -> str | None:
    """The line under a panel's original-unit table where ``measure`` found a few series to hold its error."""
    pooled = result.get("pooled")
    if not pooled:
        return None
    return (f"The original-unit scores pool {pooled['of']} series in their own units: {held(pooled)} there, so those "
            f"scores are mostly {'its' if len(pooled['series']) == 1 else 'theirs'}; the scaled scores (and the verdict) "
            "weigh each series in its own scale.")
