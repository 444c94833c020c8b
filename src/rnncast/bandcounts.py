"""How many training errors a baseline's intervals need before they are given, and how a baseline's interval scores
leave out the values it has no interval for (decisions 1875, 1876).

A baseline's interval at the model's levels is its forecast plus the empirical quantiles of its own errors on the
training windows (``baselinebands``). From ``n`` errors no quantile of them reaches below the smallest or above the
largest, and a new error, exchangeable with them, is as likely to fall in any of the ``n + 1`` places they leave
(the rank argument behind conformal prediction's finite-sample coverage: Vovk, Gammerman & Shafer 2005, *Algorithmic
Learning in a Random World*; Lei et al. 2018, "Distribution-free predictive inference for regression", JASA 113): it
falls below the smallest with probability ``1 / (n + 1)``. A level ``q`` below 0.5 can put a share ``q`` of new errors
under it only where ``1 / (n + 1) <= q``, so it needs ``n >= (1 - q) / q`` errors (a level above 0.5 likewise with
``1 - q``): 9 for 0.1 and 0.9, whose 80% interval is then at best the range of the 9 errors, covering 8 in 10; 19 for
0.05 and 0.95; 1 for the median alone. With fewer, however its quantiles are taken, the interval is too narrow for its
level (one window's error gives every level the same value: a flat band, coverage near 0), so it is not given (NaN),
for every baseline alike: ``fewest`` (``baselinebands.grouped_quantiles`` leaves them out). A baseline's interval
scores then rest on the values it has one for (``kept``), the model's beside them on those same values, and what was
left out is recorded beside them (``left_out``) and said (``note``).
"""

from __future__ import annotations

import math

import numpy as np

from rnncast.baselines import baseline_name
from rnncast.spelling import counted, listing

KEY = "intervals_left_out"  # a baseline's block: what its interval scores leave out (``left_out``)


def fewest(levels) -> int:
    """The fewest training errors a baseline's interval at the quantile ``levels`` needs (the module's doc):
    ``ceil((1 - m) / m)`` for ``m`` the level nearest 0 or 1 (``min(q, 1 - q)``), at least 1."""
    m = min(min(float(q), 1.0 - float(q)) for q in levels)
    return max(1, math.ceil(round((1.0 - m) / m, 9)))  # 0.9 / 0.1 is 9.000000000000002


def given(bands: np.ndarray) -> np.ndarray:
    """[W, H, T] bool: the values a baseline's interval ``bands`` [W, H, T, Q] is given for (every level a number)."""
    return np.isfinite(np.asarray(bands, dtype=np.float64)).all(axis=-1)


def kept(keep, bands: np.ndarray) -> np.ndarray:
    """[W, H, T]: the values scored (``keep``; None: all) that the baseline's interval ``bands`` is given for: the
    values its interval scores, and the model's beside them, rest on (the one mask rule of decision 1876)."""
    have = given(bands)
    return have if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), have.shape) & have


def unlearned(fit_rows, splits, fit_starts=None) -> np.ndarray:
    """[S] bool: the series of new data that hold fewer of the fit's training rows than the fit read (``fit_rows`` [S]:
    how many it read of each, the fitted state's ``splits[k].train_end``; ``splits`` [S] and ``fit_starts`` [S] (None:
    0): ``parts.locate``'s borders in the data): no baseline has an interval there, where it would be learned from
    fewer of its errors than the fit's (decisions 1884, 1989: ``forecasting`` learns none there), and more of the
    data's rows, not other levels, give it one (decision 1932). Fit and a backtest's cutoffs read their own rows: none."""
    first = np.zeros(len(splits), np.int64) if fit_starts is None else np.asarray(fit_starts, dtype=np.int64)
    held = np.array([sp.train_end for sp in splits], dtype=np.int64) - first
    return held < np.asarray(fit_rows, dtype=np.int64)


def left_out(keep, bands: np.ndarray, series, levels, model=None, unlearned=None, forecast=None) -> dict | None:
    """What a baseline's interval scores leave out of the values scored (``keep`` [W, H, T], None: all) for want of an
    interval (``bands`` [W, H, T, Q]): ``{"values", "of", "windows", "of_windows", "series", "of_series", "fewest"}``
    (the values, windows and series (``series`` [W] of indices, None: one) with none scored), ``"unlearned"`` and
    ``"unlearned_series"``: of those values, the ones (and their series) of windows ``unlearned`` [W] (None: none)
    whose series' training rows these data lack (``unlearned``: no interval for that cause, not for too few training
    windows; decision 1932; of those with a forecast, so that no value is counted under two causes: decision 1996)
    and ``reason``, one for each cause, for metrics.json's reader, with ``model``: the model's scores on the values
    the baseline has an interval for (``model(kept(keep, bands))``, where given), which the verdict weighs it against
    (decision 1909); None where nothing was left out. ``forecast`` [W, H, T]: the baseline's point forecast, where
    given: ``"unforecast"`` counts the values left out because it has none there (NaN: the seasonal naive's step a
    season back missing, decision 1966), where there are any."""
    pair = kept(keep, bands)
    scored = np.ones(pair.shape, bool) if keep is None else np.broadcast_to(np.asarray(keep, dtype=bool), pair.shape)
    lacking = scored & ~pair
    if not lacking.any():
        return None
    windows = scored.any(axis=(1, 2))  # [W] the windows with a value scored
    none = windows & ~pair.any(axis=(1, 2))  # [W] ... and none with an interval
    series = np.zeros(len(pair), np.int64) if series is None else np.asarray(series, dtype=np.int64)
    scored_in = np.bincount(series[windows], minlength=int(series.max(initial=0)) + 1)  # [S] once, not per series
    none_in = np.bincount(series[none], minlength=len(scored_in))
    rows = np.zeros(len(pair), bool) if unlearned is None else np.asarray(unlearned, dtype=bool)  # [W]
    unread = lacking & rows[:, None, None]  # the values left out for want of the fit's training rows, of those
    if forecast is not None:  # with a forecast: each value under one cause (decision 1996)
        unread = unread & np.isfinite(forecast)
    left = {"values": int(lacking.sum()), "of": int(scored.sum()), "windows": int(none.sum()),
            "of_windows": int(windows.sum()), "series": int(((scored_in > 0) & (none_in == scored_in)).sum()),
            "of_series": int((scored_in > 0).sum()), "fewest": fewest(levels), "unlearned": int(unread.sum()),
            "unlearned_series": len(np.unique(series[unread.any(axis=(1, 2))]))}
    if forecast is not None and (gone := int((lacking & ~np.isfinite(forecast)).sum())):
        left["unforecast"] = gone  # no forecast, so no interval (decision 1966)
    return {**left, "reason": reason(left), **({"model": model(pair)} if model is not None and pair.any() else {})}


THIN = ("no interval where its errors come from fewer than {fewest} training windows, the fewest whose range holds a "
        "new error as often as the outermost level says: more training rows, or levels nearer the median, give one")
GONE = "no forecast, so no interval, where the step a season of calendar steps back is missing from the data"
UNREAD = ("no interval where these data lack the fit's training rows of the window's series, from whose errors it is "
          "learned: evaluate data that hold them")


def reason(left: dict) -> str:
    """metrics.json's ``reason`` of a ``left_out`` block ``left``: why its values have no interval, each cause with
    its count where both are (``unlearned``: the data lack the training rows; ``unforecast``: no forecast; the rest too
    few training windows)."""
    if gone := left.get("unforecast", 0):
        rest = {**left, "values": left["values"] - gone, "unforecast": 0}
        return GONE if not rest["values"] else f"{gone} values: {GONE}; the other {rest['values']}: {reason(rest)}"
    unread, thin = left.get("unlearned", 0), left["values"] - left.get("unlearned", 0)
    if not unread:
        return THIN.format(**left)
    if not thin:
        return UNREAD
    return f"{unread} values: {UNREAD}; the other {thin}: {THIN.format(**left)}"


COUNTS = ("values", "of", "windows", "of_windows", "series", "of_series", "fewest", "unlearned",
          "unlearned_series", "unforecast")  # the counts a note says


def note(block: dict) -> str | None:
    """The sentences of the baselines whose interval scores leave values out (``block``: model and baseline name ->
    scores, each baseline's ``KEY`` where it has one), baselines of the same counts in one (decision 1913, the
    seasonal naive's too: decision 1934), for the notes beside the scores; None where none does."""
    groups: dict[tuple, list] = {}
    for name, scores in block.items():
        left = scores.get(KEY) if isinstance(scores, dict) else None
        if left:
            groups.setdefault(tuple(left.get(k, 0) for k in COUNTS), []).append((name, left))
    return " ".join(_sentence([name for name, _ in each], each[0][1]) for each in groups.values()) or None


def _sentence(names: list[str], left: dict) -> str:
    """One note of the baselines ``names`` leaving out what ``left`` (their ``KEY`` block) counts."""
    one = len(names) == 1
    who = (f"The '{baseline_name(names[0])}' baseline has" if one else
           f"The {listing([repr(baseline_name(n)) for n in names])} baselines have")
    series = (f" ({left['series']} of the {left['of_series']} series)" if left["of_series"] > 1 and left["series"]
              else "")
    where = (f"; {left['windows']} of the {counted(left['of_windows'], 'window')}{series} "
             f"{'has' if left['windows'] == 1 else 'have'} none" if left["windows"] else "")
    own = ("" if "seasonal" not in names else " (counting only its training windows with a full season of their "
           "series' rows before them)" if one else " (the seasonal naive's counting only its training windows with a "
           "full season of their series' rows before them)")
    its, it = ("its", "it") if one else ("their", "each")
    scored = (f"none are scored, so {its} pinball loss and coverage are not given and the quantiles' verdict does not "
              f"weigh {'it' if one else 'them'}" if left["values"] == left["of"] else
              f"{its} pinball loss and coverage are those of the other {left['of'] - left['values']} values, and the "
              f"quantiles' verdict weighs {it} against the model's on those values")
    unread = left.get("unlearned", 0)
    thin = (f"an interval at these levels needs {'the' if one else 'a'} baseline's errors on at least {left['fewest']} "
            f"training windows{own}: from fewer, however their quantiles are taken, it holds a new error less often "
            "than its level says (more training rows, or levels nearer the median, give one)")
    lack = unread and (f"these data lack the fit's training rows of {_their(left)}, and an interval is "
            f"the baseline's forecast plus the quantiles of its own errors on them (evaluate data that hold them to "
            f"score {'it' if one else 'them'} there)")
    gone = left.get("unforecast", 0)  # no forecast there: the step a season back missing (decision 1966)
    rest = left["values"] - gone
    why = (thin if not unread else lack if unread == rest else f"at {unread} of them {lack}; at the other {rest - unread}, {thin}")
    if gone:
        missing = (f"{'it has' if one else 'the seasonal naive has'} no forecast there: the step a season of calendar "
                   "steps back is missing from the data")
        why = missing if not rest else f"at {gone} of them {missing}; at the other {rest}, {why}"
    return f"{who} no interval at {left['values']} of the {left['of']} values scored{where}: {why}; {scored}."


def rests(block: dict) -> str | None:
    """The line under an overall table of scores ``block`` (model and baseline name -> scores) naming the baselines
    whose interval scores rest on fewer values than the model's, with their counts (t39t3 M4, decision 2139): "The
    baselines' interval scores (pinball, wQL, coverage, MSIS) rest on the values each has an interval for, fewer than
    the model's 774: 'seasonal naive' 30 of them.", so that a coverage of 0 from a handful of values does not read as
    the model's peer; None where none does (a baseline with an interval at none has "-" cells, said by ``note``)."""
    few = [(name, left) for name, scores in block.items() if name != "model" and isinstance(scores, dict)
           and (left := scores.get(KEY)) and 0 < left["values"] < left["of"]]
    if not few:
        return None
    ofs = {left["of"] for _, left in few}
    model = f" the model's {counted(few[0][1]['of'], 'value')}" if len(ofs) == 1 else " the model's"
    each = [f"'{baseline_name(name)}' {left['of'] - left['values']}" + ("" if len(ofs) == 1 else f" of {left['of']}")
            for name, left in few]
    whose = "The baselines'" if len(few) > 1 else "The baseline's"
    return (f"{whose} interval scores (pinball, wQL, coverage, MSIS) rest "
            f"on the values {'each' if len(few) > 1 else 'it'} has an interval for, fewer than{model}: "
            f"{listing(each)}.")


def _their(left: dict) -> str:
    """The series whose training rows the data lack, as a note names them: "the series" (one), "each of the 3 series",
    "1 of the 3 series"."""
    if left["of_series"] <= 1:
        return "the series"
    if left.get("unlearned_series") == left["of_series"]:
        return f"each of the {left['of_series']} series"
    return f"{left['unlearned_series']} of the {left['of_series']} series"


def briefly(name: str, left: dict) -> str:
    """A file row's line of baseline ``name``'s ``left_out`` block ``left``: "'seasonal naive' has no interval at 4 of
    the 20 values (no forecast: the step a season back is missing): its pinball and coverage are the other 16's",
    every cause named, each with its count where several meet (evaluate's ``--by-series-csv`` ``not_scored``:
    decisions 1911, 1996)."""
    gone, unread = left.get("unforecast", 0), left.get("unlearned", 0)
    causes = [(gone, "no forecast: the step a season back is missing"),
              (unread, "these data lack the fit's training rows it is learned from"),  # decision 1932
              (left["values"] - gone - unread, f"its errors on fewer than {left['fewest']} training windows")]
    causes = [(n, why) for n, why in causes if n > 0] or causes[-1:]
    why = causes[0][1] if len(causes) == 1 else "; ".join(f"at {n}, {why}" for n, why in causes)
    rest = left["of"] - left["values"]
    return (f"'{baseline_name(name)}' has no interval" + (f" at {left['values']} of the {left['of']} values" if rest
                                                          else "") + f" ({why})"
            + (f": its pinball and coverage are the other {rest}'s" if rest else ""))
