"""Forecasts above the largest value their series took before them, where the data pile up at that value (a
capacity), said in one warning: the upper counterpart of ``negatives.below_zero`` (decision 1981).

A 5 MW solar plant's output is clipped at 5.0 on many sunny hours; the model's 0.9 quantile went to 5.0199 in 41 test
rows, and the "repeat the last value" baseline's to 1.52 times a plant's capacity, and nothing said so, where a
forecast below a 0 the data never go under is counted and said (tester t37t5 5). ``above`` counts, per point forecast
and per quantile level (the column each is written in), the forecasts above their series' ``top``: the largest value
of the series' rows before the earliest target forecast (the training rows for a test split, every row for predict),
and says the largest, its series and the top. It speaks only where the series returns to its top on at least
``HELD`` separate visits (runs of rows, not rows: a value held over a forward-filled weekend is one visit), and where
the values pile up there: at least ``PILED`` times as many rows hold the top as hold each of the ``NEAR`` values just
below it, on average (decision 2115). A value the data keep piling up at is a bound (a capacity, 100 %), where a
series that grows sets a new top once, and the largest of a few whole numbers (a Poisson count's 7, held on 3 of 372
days beside 13 days of 6) is a tail's last value, seen on a few days only because larger ones are rarer still; a
forecast may rightly pass either. Never of a series whose scored actuals pass the top themselves, which shows it no
bound (decision 2013). Nothing is clipped here; one bound for every series is ``upper`` (decision 2257). The columns a target's forecasts
are written in, and the series among them, are worded here for ``negatives.below_zero`` too (``columns``, ``to_clip``,
``among``), so that both bounds name them alike.
"""

from __future__ import annotations

import numpy as np

from rnncast.spelling import some

HELD = 3  # a series' top is a bound only where the series returns to it on at least this many separate visits
NEAR = 3  # the distinct values just below the top whose rows it is weighed against (a pile-up: decision 2115)
PILED = 2.0  # ... and at least this many times as many rows as each of those holds, on average
ROUNDING = 8 * float(np.finfo(np.float32).eps)  # beyond a bound by less than this of its magnitude: float32 rounding


def tops(panel, series: np.ndarray, first=None, n_targets: int = 1, actuals=None) -> np.ndarray:
    """[W, T] the top (the module's doc) of the series of each window, ``series`` [W] (positions in ``panel``), over
    its rows before ``first`` [W] (each window's first target's row in its series; the earliest of a series' windows
    counts for all of them; None: every row); NaN where the series holds no value there, reaches its largest on fewer
    than ``HELD`` separate visits (runs of consecutive values, its gaps skipped) or without piling up there
    (``piled``), or where ``actuals`` [W, H, T] (the
    windows' scored actuals; None for predict, which has none) of any of its windows pass that top beyond
    ``ROUNDING``: the data themselves show it is no bound (decision 2013)."""
    series = np.asarray(series, dtype=np.int64)
    out = np.full((len(series), n_targets), np.nan)
    for s in np.unique(series).tolist():
        mine = series == s
        rows = np.asarray(panel.rows(int(s))[:, :n_targets], dtype=float)
        end = len(rows) if first is None else int(np.min(np.asarray(first)[mine]))
        before = rows[:max(end, 0)]
        for t in range(n_targets):
            column = before[:, t][np.isfinite(before[:, t])]
            if not column.size:
                continue
            top = column.max()
            if piled(column) and not (actuals is not None and _over(actuals[mine], np.full(int(mine.sum()), top),
                                                                    t)[0].any()):
                out[mine, t] = top
    return out


def piled(column: np.ndarray) -> bool:
    """Whether ``column`` [n] (finite values, in time order) piles up at its largest value: reaches it on at least
    ``HELD`` separate visits (runs of consecutive rows, not rows) and on at least ``PILED`` times as many rows as each
    of the ``NEAR`` distinct values just below it holds, on average (all of them where fewer). A 5 MW plant's 5.0 on
    14 hours beside 1 hour for each value below it piles up; a Poisson count's 7 on 3 days beside 13, 15 and 21 days
    for 6, 5 and 4 does not (decision 2115)."""
    top = column.max()
    at = column == top
    visits = 1 + int((np.diff(np.flatnonzero(at)) > 1).sum())  # runs at the top, not rows
    if visits < HELD:
        return False
    near = np.unique(column[~at], return_counts=True)[1][-NEAR:]  # rows of each value just below, the nearest last
    return not near.size or int(at.sum()) >= PILED * float(near.mean())


def columns(name: str, levels=(), point: str = "_hat") -> tuple[str, list, int]:
    """(the point forecast's column ``{name}{point}``, [L] the columns of target ``name``'s forecasts as counted: each
    quantile level's ``{name}_q0.9`` where ``levels`` are given, else the point forecast's alone, the position among
    them of the point forecast: the median of a model of quantiles, which forecasts it (settingchecks))."""
    own = f"{name}{point}"
    if levels:
        return own, [f"{name}_q{q:g}" for q in levels], list(levels).index(0.5)
    return own, [own], 0


def point_named(own: str, column: str) -> str:
    """"'y_hat', 'y_q0.5'": the point forecast as the warnings name it, both columns where the median is written in
    two (decision 2013)."""
    return ", ".join(repr(c) for c in dict.fromkeys([own, column]))


def to_clip(own: str, names: list, middle: int, hit) -> list:
    """The columns a warning asks to clip: the point forecast's (``own`` and the median's, both, where ``hit[middle]``)
    and each other level's whose ``hit`` [L] is True."""
    point = list(dict.fromkeys([own, names[middle]])) if hit[middle] else []
    return point + [names[j] for j in range(len(names)) if j != middle and hit[j]]


def among(ids: list, rows) -> str:
    """"; in 2 series: 'A', 'C'": the distinct series of ``ids`` [W] at window ``rows`` (three named), "" where the
    first is None (one series: no id to name)."""
    whose = list(dict.fromkeys(ids[w] for w in rows))
    return "" if not whose or whose[0] is None else f"; in {len(whose)} series: {some([repr(i) for i in whose], 3)}"


def above(forecasts: np.ndarray, top: np.ndarray, targets: list, ids: list, doing: str = "test", levels=(),
          point: str = "_hat", baselines: dict | None = None) -> str | None:
    """Warn of ``forecasts`` [W, H, T] (or [W, H, T, Q] of the quantile ``levels``) above ``top`` [W, T] (``tops``;
    NaN: not judged), each level counted by its column (``{target}_q0.9``; the point forecast, the median where
    levels are given, as ``{target}{point}`` and its ``_q0.5`` column both: ``point_named``); ``ids`` [W] each
    window's series as given (None: one series); ``doing``: the forecasts' kind ("test", "backtest"; "" for
    predict's); ``baselines``: ``{name: [W, H, T] or [W, H, T, Q]}`` whose forecasts above the top are counted in one
    clause. Returns the warning, or None: ``negatives`` logs it, so that its ``quiet`` (a part whose page says them
    once) silences both bounds."""
    said, clip = [], []
    for t, name in enumerate(targets):
        bound = top[:, t]
        if not np.isfinite(bound).any():
            continue
        over, values = _over(forecasts, bound, t)
        if not over.any():
            continue
        own, names, middle = columns(name, levels, point)
        per = over.shape[0] * over.shape[1]
        counts = [f"{int(over[..., j].sum())} of the {per} {doing + ' ' if doing else ''}" + (
                  f"point forecasts ({point_named(own, names[j])})" if j == middle else
                  f"{levels[j]:g} quantiles ({names[j]!r})") for j in range(over.shape[-1]) if over[..., j].any()]
        at = np.unravel_index(np.argmax(np.where(over, values - bound[:, None, None], -np.inf)), over.shape)
        w = int(at[0])
        whose = "" if ids[w] is None else f" of series {ids[w]!r}"
        said.append(f"{', '.join(counts)} are above their series' largest value before them (the furthest "
                    f"{float(values[at]):.6g}{whose}, whose values reach {float(bound[w]):.6g} again and again and "
                    f"never pass it{among(ids, np.flatnonzero(over.any(axis=(1, 2))))})")
        if others := _baselines(baselines or {}, bound, t):
            said[-1] += f"; so are the baselines' {others}"
        clip += to_clip(own, names, middle, over.any(axis=(0, 1)))
    if not said:
        return None
    cols = repr(clip[0]) if len(clip) == 1 else repr(clip)
    scores = " The scores are of the forecasts as made;" if doing else ""
    return (f"{'; '.join(said)}: a capacity, a bound the target cannot pass?{scores} if so, clip each series' "
            f"forecasts at its bound (forecast[{cols}].clip(upper=...)), or, where one number bounds every series (a "
            f"share: 1), fit with upper=that number (--upper), which writes and scores every forecast so")


def _over(forecasts: np.ndarray, bound: np.ndarray, t: int) -> tuple[np.ndarray, np.ndarray]:
    """([W, H, L] above ``bound`` [W] beyond float32 rounding, [W, H, L] the values) of target ``t`` of
    ``forecasts`` [W, H, T] or [W, H, T, Q] (L: 1 or Q); NaN bounds judge nothing."""
    values = np.asarray(forecasts[:, :, t], dtype=float)
    values = values[..., None] if values.ndim == 2 else values
    limit = (bound + ROUNDING * np.abs(bound))[:, None, None]
    with np.errstate(invalid="ignore"):
        return np.isfinite(limit) & (values > limit), values


def _baselines(baselines: dict, bound: np.ndarray, t: int) -> str:
    """"'repeat' 14,036 values (the furthest 19.68), 'seasonal' ...": each baseline's forecasts (its quantiles where
    given, else its point forecasts) of target ``t`` above ``bound`` [W], or ""."""
    said = []
    for name, made in baselines.items():
        if made is None:
            continue
        over, values = _over(made, bound, t)
        if over.any():
            said.append(f"{name!r} {int(over.sum())} values (the furthest {float(values[over].max()):.6g})")
    return ", ".join(said)
