"""Central intervals of count data that hold no whole number, said beside the intervals' coverage (decision 2141).

A quantile model forecasts continuous quantiles. Where the target is a count (every value before the forecasts a
whole number of 0 or more), an intermittent item's 50% interval [0.05, 0.40] holds no value the target can take, so
it covers nothing whatever happens; in t39t2's run 106 of 840 50% intervals (11 items) were so and one item's 67%
interval covered 12% of its values, while the pooled line read "67% interval covers 69.76%" (tester t39t2 3).
``measure`` counts, per target whose values are counts (``counting``) and per central interval (levels q and 1 - q),
the values scored whose interval holds no whole number, the series where it happens and the worst of them;
``note`` says it after ``runnotes.interval_text``, with the fix: round the bounds outward (no setting does).
Nothing scored changes: coverage, pinball loss and the tests stay those of the forecasts as made.
"""

from __future__ import annotations

import numpy as np

from rnncast import metrics
from rnncast.ceilings import ROUNDING
from rnncast.spelling import listing
from rnncast.windowforecasts import scored

NEAR = 1e-5  # a bound this near a whole number (plus float32's rounding of its magnitude) is that number
KEY = "no_whole_number"  # where evaluate's and backtest's ``scored`` keep ``measure``'s finding


def counting(panel, series, first, n_targets: int) -> list[bool]:
    """[T] whether each target's values in the rows of the series ``series`` [W] (positions in ``panel``) before each
    series' earliest window's first target row (``first`` [W]: the training rows of a test split) are all whole
    numbers of 0 or more, NaN skipped, with at least one value."""
    series, first = np.asarray(series, dtype=np.int64), np.asarray(first, dtype=np.int64)
    whole, seen = np.ones(n_targets, bool), np.zeros(n_targets, bool)
    for s in np.unique(series).tolist():
        end = int(first[series == s].min())
        rows = np.asarray(panel.rows(int(s))[: max(end, 0), :n_targets], dtype=float)
        finite = np.isfinite(rows)
        seen |= finite.any(axis=0)
        whole &= ~(finite & ((rows < 0) | (rows != np.round(rows)))).any(axis=0)
    return (whole & seen).tolist()


def empty(lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Where the interval [``lower``, ``upper``] (same shapes) holds no whole number: the least whole number at or
    above ``lower`` passes ``upper``, each bound within ``NEAR`` (and float32's rounding) of a whole number taken as
    it (an unscaled 2 read 2.0000000x is 2: decision 2092); NaN bounds: False."""
    lo, hi = (np.asarray(b, dtype=float) for b in (lower, upper))
    with np.errstate(invalid="ignore"):
        return np.ceil(lo - NEAR - ROUNDING * np.abs(lo)) > np.floor(hi + NEAR + ROUNDING * np.abs(hi))


def measure(wf, whole, label) -> list[dict] | None:
    """Of ``wf``'s quantile forecasts (original units), for each target ``t`` with ``whole[t]`` (``counting``), each
    central interval's values scored (``windowforecasts.scored``) whose interval holds no whole number (``empty``):
    ``{"target", "intervals": [{"width", "lower", "upper", "empty", "of", "series"}], "worst": {"name", "values",
    "empty": {width: n}}}``, ``width`` as coverage names it ("50"), ``series`` the number of series holding one, and
    ``worst`` the series holding most (``label(s)`` names series ``s``: "series 'A'"; its values scored and its empty
    intervals of each width). None for a point model, one of no central interval, or where none is empty."""
    if wf.quantiles is None:
        return None
    levels = [float(q) for q in wf.levels]
    pairs = metrics.interval_pairs(levels)  # the central intervals, named as coverage names them
    keep = scored(wf)
    keep = np.ones(wf.y_true.shape, bool) if keep is None else keep
    series = np.zeros(len(wf.y_true), np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    names = [str(n) for n in wf.targets] if len(wf.targets) == wf.y_true.shape[-1] else [
        str(t) for t in range(wf.y_true.shape[-1])]
    found = []
    for t, name in enumerate(names):
        if not (t < len(whole) and whole[t]):
            continue
        intervals, per = [], {}
        for low, high, percent in sorted(pairs, key=lambda p: p[2]):
            width = str(percent)
            hit = empty(wf.quantiles[:, :, t, levels.index(low)], wf.quantiles[:, :, t, levels.index(high)])
            hit &= keep[..., t]
            if not hit.any():
                continue
            each = np.bincount(series, hit.sum(axis=1), series.max(initial=0) + 1)
            per[width] = each
            intervals.append({"width": width, "lower": low, "upper": high, "empty": int(hit.sum()),
                              "of": int(keep[..., t].sum()), "series": int((each > 0).sum())})
        if intervals:
            worst = int(np.argmax(sum(per.values())))
            values = int(np.bincount(series, keep[..., t].sum(axis=1), len(per[intervals[0]["width"]]))[worst])
            found.append({"target": name, "intervals": intervals, "worst": {
                "name": label(worst), "values": values,
                "empty": {w: int(n[worst]) for w, n in per.items() if n[worst]}}})
    return found or None


def note(found, several: bool = False, values: str = "the test values") -> str:
    """" Of the 840 test values, 106 50% intervals (in 11 series) and 44 67% intervals (in 4 series) hold no whole
    number, where every 'sales' value before them is one: they cover no value a count can take ..." (a leading space,
    to follow the intervals' sentence; ``found``: ``measure``'s; ``several``: the model has several targets, each
    named), with the worst series and how to round the bounds outward; "" where ``found`` is None."""
    said = []
    for f in found or ():
        target = f"'{f['target']}'"
        widths = [f"{i['empty']} {i['width']}% intervals (in {i['series']} series)" if i['series'] > 1 or several
                  or f['worst']['name'] != 'the series' else f"{i['empty']} {i['width']}% intervals"
                  for i in f["intervals"]]
        of = f["intervals"][0]["of"]
        kind = values.removeprefix("the ").removeprefix("these ")
        worst = f["worst"]
        where = "" if worst["name"] == "the series" else (
            f"; the most in {worst['name']}: " + listing([f"{n} of its {worst['values']} {w}% intervals"
                                                            for w, n in worst["empty"].items()]))
        lower = [f"'{f['target']}_q{q:g}'" for q in sorted(i["lower"] for i in f["intervals"])]
        upper = [f"'{f['target']}_q{i['upper']:g}'" for i in f["intervals"]]
        said.append(f"Of the {of} {kind}{f' of target {target}' if several else ''}, {listing(widths)} hold no whole "
                    f"number, where every {target} value before them is one: they cover no value a count can take, "
                    f"whatever happens, and the coverage above hides it{where}. For intervals of whole numbers, round "
                    f"the bounds outward (forecast[[{', '.join(lower)}]].apply(np.floor), "
                    f"forecast[[{', '.join(upper)}]].apply(np.ceil)); no setting does, and the scores are of the "
                    "bounds as made.")
    return "".join(f" {s}" for s in said)


def record(said, panel, wf):
    """``said`` (a part's ``scored``: evaluate's, a backtest's) with ``measure``'s finding of ``wf`` (original
    units; its series positions in ``panel``, whose rows before them tell counts) under ``KEY``; as given where there
    is none (a point model, no count target, no empty interval)."""
    if wf.quantiles is None or not len(wf.y_true):
        return said
    whole = counting(panel, wf.series if wf.series is not None else np.zeros(len(wf.y_true), np.int64),
                     wf.target_rows, wf.y_true.shape[-1])
    found = measure(wf, whole, lambda s: "the series" if panel.n_series == 1 else f"series {panel.given_id(s)!r}")
    return {**(said or {}), KEY: found} if found else said


def beside(text: str | None, said, several: bool = False, values: str = "the test values") -> str | None:
    """The intervals' sentence ``text`` (``runnotes.interval_text``; None: none) with ``note`` of the finding a
    part's ``scored`` (``said``) keeps under ``KEY`` after it."""
    found = (said or {}).get(KEY)
    return f"{text}{note(found, several, values)}" if text and found else text
