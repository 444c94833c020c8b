"""Forecasts above the largest value their series took before them, where the data pile up at that value (a
capacity), said in one warning: the upper counterpart of ``negatives.below_zero`` (decision 1981).

A 5 MW solar plant's output is clipped at 5.0 on many sunny hours; the model's 0.9 quantile went to 5.0199 in 41 test
rows, and the "repeat the last value" baseline's to 1.52 times a plant's capacity, and nothing said so, where a
forecast below a 0 the data never go under is counted and said (tester t37t5 5). ``above`` counts, per point forecast
and per quantile level (the column each is written in), the forecasts above their series' ``top``: the largest value
of the series' rows before the earliest target forecast (the training rows for a test split, every row for predict),
and says the largest, its series and the top. It speaks only where the series holds its top on at least ``HELD``
rows: a value the data keep returning to is a bound (a capacity, 100 %), where a series that grows sets a new top
once and its forecasts may rightly pass it. Nothing is clipped: no ``--max`` flag (decision 1981 says why).
"""

from __future__ import annotations

import numpy as np

from rnncast.spelling import some

HELD = 3  # a series' top is a bound only where at least this many of its rows hold it
ROUNDING = 8 * float(np.finfo(np.float32).eps)  # above the top by less than this of its magnitude: float32 rounding


def tops(panel, series: np.ndarray, first=None, n_targets: int = 1) -> np.ndarray:
    """[W, T] the top (the module's doc) of the series of each window, ``series`` [W] (positions in ``panel``), over
    its rows before ``first`` [W] (each window's first target's row in its series; the earliest of a series' windows
    counts for all of them; None: every row); NaN where the series holds no value there, or holds its largest on
    fewer than ``HELD`` rows."""
    series = np.asarray(series, dtype=np.int64)
    out = np.full((len(series), n_targets), np.nan)
    for s in np.unique(series).tolist():
        mine = series == s
        rows = np.asarray(panel.rows(int(s))[:, :n_targets], dtype=float)
        end = len(rows) if first is None else int(np.min(np.asarray(first)[mine]))
        before = rows[:max(end, 0)]
        for t in range(n_targets):
            column = before[:, t][np.isfinite(before[:, t])]
            if column.size and int((column == column.max()).sum()) >= HELD:
                out[mine, t] = column.max()
    return out


def above(forecasts: np.ndarray, top: np.ndarray, targets: list, ids: list, doing: str = "test", levels=(),
          point: str = "_hat", baselines: dict | None = None) -> str | None:
    """Warn of ``forecasts`` [W, H, T] (or [W, H, T, Q] of the quantile ``levels``) above ``top`` [W, T] (``tops``;
    NaN: not judged), each level counted by its column (``{target}_q0.9``; the point forecast, the median where
    levels are given, as ``{target}{point}``); ``ids`` [W] each window's series as given (None: one series);
    ``doing``: the forecasts' kind ("test", "backtest"; "" for predict's); ``baselines``: ``{name: [W, H, T] or [W,
    H, T, Q]}`` whose forecasts above the top are counted in one clause. Returns the warning, or None: ``negatives``
    logs it, so that its ``quiet`` (a part whose page says them once) silences both bounds."""
    said = []
    for t, name in enumerate(targets):
        bound = top[:, t]
        if not np.isfinite(bound).any():
            continue
        over, values = _over(forecasts, bound, t)
        if not over.any():
            continue
        columns = [f"{name}_q{q:g}" for q in levels] if levels else [f"{name}{point}"]
        middle = list(levels).index(0.5) if levels else 0
        per = over.shape[0] * over.shape[1]
        counts = [f"{int(over[..., j].sum()):,} of the {per:,} {doing + ' ' if doing else ''}"
                  f"{'point forecasts' if j == middle else f'{levels[j]:g} quantiles'} ({columns[j]!r})"
                  for j in range(over.shape[-1]) if over[..., j].any()]
        at = np.unravel_index(np.argmax(np.where(over, values - bound[:, None, None], -np.inf)), over.shape)
        w = int(at[0])
        whose = "" if ids[w] is None else f" of series {ids[w]!r}"
        series = list(dict.fromkeys(ids[k] for k in np.flatnonzero(over.any(axis=(1, 2)))))
        among = f"; in {len(series)} series: {some([repr(i) for i in series], 3)}" if series[0] is not None else ""
        said.append(f"{', '.join(counts)} are above their series' largest value before them (the furthest "
                    f"{float(values[at]):.6g}{whose}, whose values reach {float(bound[w]):.6g} again and again and "
                    f"never pass it{among})")
        if others := _baselines(baselines or {}, bound, t):
            said[-1] += f"; so are the baselines' {others}"
    if not said:
        return None
    scores = " The scores are of the forecasts as made;" if doing else ""
    return (f"{'; '.join(said)}: a capacity, a bound the target cannot pass?{scores} if so, clip each series' "
            "forecasts at its bound (forecast[col].clip(upper=...)): no setting clips them")


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
            said.append(f"{name!r} {int(over.sum()):,} values (the furthest {float(values[over].max()):.6g})")
    return ", ".join(said)
