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


def left_out(keep, bands: np.ndarray, series, levels, model=None) -> dict | None:
    """What a baseline's interval scores leave out of the values scored (``keep`` [W, H, T], None: all) for want of an
    interval (``bands`` [W, H, T, Q]): ``{"values", "of", "windows", "of_windows", "series", "of_series", "fewest"}``
    (the values, windows and series (``series`` [W] of indices, None: one) with none scored) and ``reason``, for
    metrics.json's reader, with ``model``: the model's scores on the values the baseline has an interval for
    (``model(kept(keep, bands))``, where given), which the verdict weighs it against (decision 1909); None where
    nothing was left out."""
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
    return {"values": int(lacking.sum()), "of": int(scored.sum()), "windows": int(none.sum()),
            "of_windows": int(windows.sum()), "series": int(((scored_in > 0) & (none_in == scored_in)).sum()),
            "of_series": int((scored_in > 0).sum()), "fewest": fewest(levels),
            "reason": f"no interval where its errors come from fewer than {fewest(levels)} training windows, the fewest "
            "whose range holds a new error as often as the outermost level says",
            **({"model": model(pair)} if model is not None and pair.any() else {})}


COUNTS = ("values", "of", "windows", "of_windows", "series", "of_series", "fewest")  # the counts a note says


def note(block: dict) -> str | None:
    """The sentences of the baselines whose interval scores leave values out (``block``: model and baseline name ->
    scores, each baseline's ``KEY`` where it has one), baselines of the same counts in one, for the notes beside the
    scores; None where none does."""
    groups: dict[tuple, list] = {}
    for name, scores in block.items():
        left = scores.get(KEY) if isinstance(scores, dict) else None
        if left:
            groups.setdefault((name == "seasonal", *(left[k] for k in COUNTS)), []).append((name, left))
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
    own = (" (counting only its training windows with a full season of their series' rows before them)"
           if names == ["seasonal"] else "")
    its, it = ("its", "it") if one else ("their", "each")
    scored = (f"none are scored, so {its} pinball loss and coverage are not given and the quantiles' verdict does not "
              f"weigh {'it' if one else 'them'}" if left["values"] == left["of"] else
              f"{its} pinball loss and coverage are those of the other {left['of'] - left['values']} values, and the "
              f"quantiles' verdict weighs {it} against the model's on those values")
    return (f"{who} no interval at {left['values']} of the {left['of']} values scored{where}: an interval at these "
            f"levels needs {'the' if one else 'a'} baseline's errors on at least {left['fewest']} training "
            f"windows{own}: from fewer, however their quantiles are taken, it holds a new error less often than its "
            f"level says; {scored}.")
