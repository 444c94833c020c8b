"""Whether a quantile model's levels and intervals hold what they say: each level's share of the actuals at or
below it (its exceedance: the 0.95 level should have about 95 % of them under it) and its own pinball loss
(``by_level``), and which intervals and levels are far from their nominal share, by a binomial test of the misses
against the nominal rate at the number of values scored (``far_from_level``), so that the rule scales with the level
and the sample: a 98 % interval that holds 94 % misses three times as often as it should, 4 points off, and a 90 %
one at 81.9 % over a thousand values is no chance either, where a fixed 10 points named neither. Actuals equal to a
level's forecast (ties: counts at 0, where most actuals are 0 and the 0.1 and 0.5 quantiles rightly 0, above all
under ``nonnegative``) are counted as a range, as for a quantile of a discrete distribution: a level is consistent
where the share strictly below its forecast is at most the level and the share at or below at least it
(P(Y < q) <= tau <= P(Y <= q): the non-randomised PIT of Czado, Gneiting & Held 2009, "Predictive model assessment
for count data", Biometrics 65, which spreads a tied value's PIT over [F(y - 1), F(y)]), and far only where the
nearer end of that range is (decision 1483). Nothing here imports the rest of the package but ``metrics``."""

from __future__ import annotations

import numpy as np

from rnncast import metrics

FEW_VALUES = 100  # a coverage counted on fewer values is written as a count: 100.00% of 20 values is 20 of 20 (decision 1809)
SIGNIFICANCE = 0.01  # an interval or a level whose misses a binomial test puts below this p is named
TEST = "a two-sided binomial test of the misses at the {n:,} values scored against the nominal rate, the values taken as independent"


def by_level(y_true, q_pred, quantiles, keep=None, counted=None, moments=None) -> dict:
    """``{"0.05": {"below": share, "tied": share, "pinball": loss, "wql": loss}, ...}``: each level's share of the
    actuals at or below its forecast (0 to 1), of those equal to it (0 to 1, part of ``below``), its pinball loss (in
    the units of ``q_pred``) and its weighted quantile loss (``metrics.wql``, GluonTS's wQuantileLoss[q]: no units),
    with ``"values"``, how many were scored.
    ``y_true`` [...], ``q_pred`` [..., Q], ``keep`` [...] (default: all). ``counted``: ``(y_true, q_pred)`` to count
    the shares on instead (scaled units, where forecast and actual share float32's grid, as coverage is counted).
    A level whose forecasts hold a NaN among the values scored (a baseline's band not learned: ``baselinebands``) has
    NaN shares, as its pinball loss is, not the 0 that ``NaN <= y`` would count (decision 1884).
    ``moments`` [...]: each value's series, time and target as one integer (a time forecast by several overlapping
    windows is one); where given, each level adds ``"missed_at"``, the distinct ones among its misses, and
    ``"missed_side"``, which side those are (``missed_side``: "below", the actuals at or below a level under 0.5,
    "above" those above a level over it, 0.5's rarer side; where the level is ``strictly_far``, the side's values as
    ``far_levels`` tests them, strictly below it or at or above it, its ties not counted), and the result
    ``"moments"`` (distinct ones scored) and ``"most_windows"`` (the most values of one), so that misses piled on a few
    dates are said as the few events they are (decisions 1930, 1967, 2012)."""
    y, q = metrics.kept_values(y_true, q_pred, keep)
    cy, cq = (y, q) if counted is None else metrics.kept_values(*counted, keep)
    levels = [float(v) for v in quantiles]
    blank = np.isnan(q).reshape(-1, len(levels)).any(axis=0) if q.size else np.ones(len(levels), bool)  # [Q]
    shape = np.shape(y_true)
    flat = (lambda a: np.broadcast_to(a, shape).reshape(-1)) if keep is None else (  # noqa: E731
        lambda a: np.broadcast_to(a, shape)[np.asarray(keep, dtype=bool)])
    ids = None if moments is None else flat(moments)
    windows = None if moments is None else flat(np.arange(shape[0]).reshape((-1,) + (1,) * (len(shape) - 1)))
    result = {f"{level:g}": {"below": float("nan") if blank[i] else float(np.mean(cy <= cq[..., i])),
                             "tied": float("nan") if blank[i] else float(np.mean(cy == cq[..., i])),
                             "pinball": metrics.pinball(y, q[..., i], level) if y.size else float("nan"),
                             "wql": metrics.wql(y, q[..., i], level)}
              for i, level in enumerate(levels)}
    for i, level in enumerate(levels):
        if ids is not None and not blank[i]:
            each = result[f"{level:g}"]
            side = missed_side(level, each["below"])
            if strictly_far(level, each["below"], each["tied"]):  # the share far_levels tests: ties not misses
                missed = cy < cq[..., i] if side == "below" else cy >= cq[..., i]
            else:
                missed = cy <= cq[..., i] if side == "below" else cy > cq[..., i]
            each.update(missed_at=int(len(np.unique(ids[missed]))), missed_side=side)
    result["values"] = int(y.size)
    if ids is not None and ids.size:
        order = np.lexsort((windows, ids))  # by moment, then window: the pairs np.unique(axis=1) found, 20 times
        ids, windows = ids[order], windows[order]  # sooner (it sorts the pairs as bytes: decision 2006)
        first = np.r_[True, (ids[1:] != ids[:-1]) | (windows[1:] != windows[:-1])]
        seen = ids[first]  # each (moment, window) once: targets not counted twice
        result.update(moments=int(len(each := np.unique(seen, return_counts=True)[1])), most_windows=int(each.max()))
    return result


def missed_side(level: float, below: float) -> str:
    """Which actuals are a ``level``'s misses, given its share ``below`` (0 to 1) at or below it: "below" (those at or
    below it) for a level under 0.5, the rare side of a 0.05 quantile, "above" for one over 0.5; for 0.5 itself, whose
    two sides are due alike, the rarer one seen ("below" on a tie), the fewer events its test rests on (decision 1967).
    A NaN share (no forecasts) reads "above"."""
    if level < 0.5 or (level == 0.5 and below <= 0.5):
        return "below"
    return "above"


def strictly_far(level: float, below: float, tied: float) -> bool:
    """Whether even the share (0 to 1) of actuals strictly below a ``level``'s forecast, ``below - tied``, exceeds the
    level: then that strict share is what ``far_levels`` tests, and the level's misses are counted on it, the ties
    left out (decision 2012)."""
    return below - tied > level


def moments(wf) -> np.ndarray:
    """[W, H, T] each value of the windows ``wf`` (a ``WindowForecasts``: ``y_true``, ``series``, ``target_rows``) as
    its series and row in one integer, the same for every target: a time forecast by several overlapping windows, or
    holding several targets, is one (series, time) pair (``by_level``'s ``moments``; decision 1961)."""
    w, h, t = wf.y_true.shape
    series = np.zeros(w, np.int64) if wf.series is None else np.asarray(wf.series, dtype=np.int64)
    rows = np.asarray(wf.target_rows, dtype=np.int64)[:, None] + np.arange(h)  # [W, H]
    span = int(rows.max()) + 1 if rows.size else 1
    return np.broadcast_to((series[:, None] * span + rows)[:, :, None], (w, h, t)).astype(np.int64)


def unpaired(levels) -> list[str]:
    """The names among ``levels`` (``by_level``'s keys, "0.9"; its counts, ``"values"``, skipped) of the levels that
    end no central interval, as ``metrics.interval_pairs`` pairs them (no 1 - q among the levels; 0.5 always): those whose
    share at or below is their only check, shown per series beside the intervals' coverage (decision 1892)."""
    names = [name for name, each in levels.items() if isinstance(each, dict)]  # a level's block; not its counts
    paired = {name for lo, hi, _ in metrics.interval_pairs(names) for name in (lo, hi)}  # its rule, not a copy (decision 1946)
    return [name for name in names if name not in paired or float(name) == 0.5]


def share_text(share: float, scores: dict, where: str = "") -> str:
    """A central interval's coverage ``share`` (0 to 1) as a message writes it, of ``where`` ("the test values") where
    given: a percent with two decimals (``85.09% of the test values``), or, where ``scores["by_level"]["values"]``
    counts fewer than ``FEW_VALUES``, a whole percent and the count it is of (``100% of the test values (20 of 20)``):
    two decimals claim a precision 20 values do not have (decision 1809)."""
    n = (scores.get("by_level") or {}).get("values", 0)
    of = f" of {where}" if where else ""
    if not n or n >= FEW_VALUES or not np.isfinite(share):
        return f"{100 * share:.2f}%{of}"
    return f"{100 * share:.0f}%{of} ({round(share * n)} of {n})"


def binomial_p(misses: int, n: int, rate: float) -> float:
    """The two-sided p-value of ``misses`` in ``n`` draws at the miss ``rate`` (twice the smaller tail, at most 1);
    NaN for no draws."""
    from scipy.special import bdtr, bdtrc  # imported here: the command line starts without scipy

    if n <= 0:
        return float("nan")
    low = float(bdtr(misses, n, rate))  # P(X <= misses)
    high = 1.0 if misses <= 0 else float(bdtrc(misses - 1, n, rate))  # P(X >= misses)
    return min(1.0, 2 * min(low, high))


def far_intervals(model: dict) -> list[dict]:
    """The central intervals of ``model`` (``coverage_80`` ...) whose misses are far from the nominal rate
    (``SIGNIFICANCE``), at ``model["by_level"]["values"]`` values: ``{"percent", "share", "p"}`` each."""
    n = (model.get("by_level") or {}).get("values", 0)
    far = []
    for key, share in model.items():
        if not key.startswith("coverage_") or not np.isfinite(share) or not n:
            continue
        percent = float(key.removeprefix("coverage_"))
        p = binomial_p(round((1 - share) * n), n, 1 - percent / 100)
        if p < SIGNIFICANCE:
            far.append({"percent": key.removeprefix("coverage_"), "share": share, "p": p})
    return far


def far_levels(model: dict) -> list[dict]:
    """The levels of ``model["by_level"]`` whose share of actuals at or below them is far from the level
    (``SIGNIFICANCE``), ties counted as a range (the module's doc): ``{"level", "below", "tied", "p"}`` each, with
    ``"strict": True`` where the share strictly below the forecast is what is far (above the level); a result saved
    before ties were counted has none (``tied`` 0)."""
    levels = model.get("by_level") or {}
    n = levels.get("values", 0)
    far = []
    for name, each in levels.items():
        if not isinstance(each, dict) or not n or not np.isfinite(each["below"]):
            continue
        level, tied = float(name), each.get("tied", 0.0)
        strict = strictly_far(level, each["below"], tied)  # even the actuals strictly below it are too many
        if not strict and each["below"] >= level:
            continue  # the level lies in the range the ties leave: consistent
        share = each["below"] - tied if strict else each["below"]
        p = binomial_p(round(share * n), n, level)
        if p < SIGNIFICANCE:
            far.append({"level": name, "below": each["below"], "tied": tied, "p": p}
                       | ({"strict": True} if strict and tied else {}))
    return far


def far_share(far: dict) -> float:
    """The share (0 to 1) of a ``far_levels`` entry that is far from its level: strictly below it where ``strict``
    (the ties leave the level too high all the same), else at or below it."""
    return far["below"] - far["tied"] if far.get("strict") else far["below"]


def level_share_text(far: dict, of: str = "the actuals") -> str:
    """"13.0% of the actuals at or below it", or "60.0% of the actuals strictly below it" where ``strict``: the far
    share of a ``far_levels`` entry (``far_share``), of ``of``, as ``far_from_level`` and the by-series line say it."""
    return f"{100 * far_share(far):.1f}% of {of} {'strictly below' if far.get('strict') else 'at or below'} it"


def _level_said(far: dict) -> str:
    """"0.1 had 13.0% of the actuals at or below it, not 10%" (""0.5 had 60.0% of the actuals strictly below it (75.0%
    at or below, 15.0% equal to it), not 50%" where the ties leave it too high all the same)."""
    level = f"{100 * float(far['level']):.3g}%"
    if far.get("strict"):
        return (f"{far['level']} had {level_share_text(far)} ({100 * far['below']:.1f}% at or below, "
                f"{100 * far['tied']:.1f}% equal to it), not {level}")
    tied = f" ({100 * far['tied']:.1f}% equal to it)" if far.get("tied") else ""
    return f"{far['level']} had {level_share_text(far)}{tied}, not {level}"


def far_from_level(model: dict) -> str:
    """" Far from its level: the 98% interval held 94.0%, 6.0% misses where 2% were due (3.0 times as many), so it is
    too narrow ...", said of each central interval, and then each level, whose misses a binomial test at the values
    scored puts far from the nominal rate (p < ``SIGNIFICANCE``; ``TEST``); "" where none is."""
    said = []
    for far in far_intervals(model):
        level, share = float(far["percent"]), far["share"]
        missed, due = 100 * (1 - share), 100 - level
        times = f", {missed / due:.1f} times as many" if due and missed > due else ""
        said.append(f"the {far['percent']}% interval held {100 * share:.2f}%, {missed:.1f}% misses where {due:.3g}% were "
                    f"due{times}, " + ("so it is wider than these errors needed" if share > level / 100 else
                                     "so it is too narrow for these errors: the forecasts are less certain than it says"))
    levels = [_level_said(far) for far in far_levels(model)]
    if levels:
        said.append("level " + "; level ".join(levels))
    if not said:
        return ""
    n = model["by_level"]["values"]
    tied = any(each.get("tied") for each in model["by_level"].values() if isinstance(each, dict))
    ties = " actuals equal to a level's forecast counted as a range (Czado, Gneiting & Held 2009);" if tied else ""
    return (f" Far from {'its level' if len(said) == 1 else 'their levels'}: {'; '.join(said)} (p < {SIGNIFICANCE:g} by "
            f"{TEST.format(n=n)};{ties} overlapping windows' values are not, so read it as a screen){few_events(model)}.")


def few_events(model: dict) -> str:
    """"; the misses fall on fewer distinct (series, time) pairs, each in up to 90 overlapping windows (2,190 pairs
    scored): level 0.99's 325 above it on 76, so the test rests on about that many events" of the far levels whose
    misses repeat times (``by_level``'s ``missed_at``), each counted on its ``missed_side`` (a 0.05 level's values at
    or below it; a result saved before that key counted those above every level, and is read so) and on the share the
    screen tested (``far_share``: strictly below it, or at or above it, where ``strict``: ties are no misses), "" where
    none does or the times were not counted (decisions 1930, 1967, 2012)."""
    levels, said = model.get("by_level") or {}, []
    n, most = levels.get("values", 0), levels.get("most_windows", 1)
    for far in far_levels(model):
        each = levels[far["level"]]
        side, at, share = each.get("missed_side", "above"), each.get("missed_at"), far_share(far)
        missed = round((share if side == "below" else 1 - share) * n)  # the share the screen tested (decision 2012)
        if at is not None and 0 < at < missed and most > 1:
            where = {("below", False): "at or below it", ("below", True): "strictly below it",
                     ("above", False): "above it", ("above", True): "at or above it"}[side, bool(far.get("strict"))]
            said.append(f"level {far['level']}'s {missed:,} {where} on {at:,}")
    if not said:
        return ""
    return (f"; the misses fall on fewer distinct (series, time) pairs, each in up to {most} overlapping windows "
            f"({levels['moments']:,} pairs scored): {', '.join(said)}, so the test rests on about that many events")


def level_shares(model: dict) -> str:
    """"0.5: 48.2%, 0.95: 91.0% of the actuals at or below it": each level's share (``by_level``), for levels that give
    no interval, with the share equal to it where some are ("0.1: 94.2% (94.2% equal to it)"); "" where the scores keep
    none."""
    levels = {k: v for k, v in (model.get("by_level") or {}).items() if isinstance(v, dict)}
    if not levels:
        return ""
    return "; share of the actuals at or below each level: " + ", ".join(
        f"{name}: {100 * each['below']:.1f}%"
        + (f" ({100 * each['tied']:.1f}% equal to it)" if each.get("tied") else "") for name, each in levels.items())
