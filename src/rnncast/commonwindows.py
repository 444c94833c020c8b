"""The windows every compared model forecasts (``comparemodels.compare``): each window keyed by its series and the
time of its first target (its row where rows are numbered), so models of different lookbacks meet on the same
targets; the values every model scores; models that read other actual values for them refused.
"""

from __future__ import annotations

import numpy as np

from rnncast.errors import RnncastError
from rnncast.spelling import listed
from rnncast.windowforecasts import WindowForecasts, scored


def window_keys(wf: WindowForecasts) -> list[tuple]:
    """Each window's (series id, time of its first target) [W], the time as an integer (the
    panel's time unit since 1970 UTC, a period's ordinal, an integer period); the target's row where the series has no time."""
    rows = np.asarray(wf.target_rows, dtype=np.int64)
    series = np.asarray(wf.series, dtype=np.int64) if wf.series is not None else np.zeros(len(rows), dtype=np.int64)
    times = wf.times if wf.times else [None] * len(wf.ids)
    keys: list = [None] * len(rows)
    for s in np.unique(series).tolist():  # each series' times taken at once: a panel's windows are many
        at = np.flatnonzero(series == s)
        when = rows[at] if times[s] is None else _integers(times[s])[rows[at]]
        when = when.tolist()
        for position, moment in zip(at.tolist(), when):
            keys[position] = (wf.ids[s], moment)
    return keys


def _integers(index) -> np.ndarray:
    """A series' times as integers, one per row: hashed and matched far faster than Timestamps."""
    return np.asarray(index.asi8) if hasattr(index, "asi8") else np.asarray(index)  # serials 45292.375: as they are


def _when(wf: WindowForecasts, position: int):
    """The time (or row) of the first target of window ``position``, as the data gives it."""
    s = int(wf.series[position]) if wf.series is not None else 0
    row = int(wf.target_rows[position])
    return wf.times[s][row] if wf.times and wf.times[s] is not None else row


def common_windows(forecasts: dict[str, WindowForecasts], part: str) -> dict[str, np.ndarray]:
    """Each model's positions [W'] of the windows every model forecasts, in the first model's order;
    ``RnncastError`` saying why where there is none."""
    keys = {name: window_keys(wf) for name, wf in forecasts.items()}
    shared = set.intersection(*(set(k) for k in keys.values()))
    first = next(iter(keys))
    order = [key for key in keys[first] if key in shared]
    if order:
        positions = {name: dict(zip(k, range(len(k)))) for name, k in keys.items()}
        return {name: np.array([at[key] for key in order], dtype=np.int64) for name, at in positions.items()}
    series = {name: {key[0] for key in k} for name, k in keys.items()}
    if not set.intersection(*series.values()):
        raise RnncastError(f"the models share no series in their {part} windows ("
                           + "; ".join(f"{n}: {listed(sorted(map(str, s)))}" for n, s in series.items()) + ")")
    moments = {n: np.array([key[1] for key in k]) for n, k in keys.items()}
    spans = "; ".join(f"{n}: {_when(forecasts[n], int(moments[n].argmin()))} to "
                      f"{_when(forecasts[n], int(moments[n].argmax()))}" for n in keys)
    raise RnncastError(f"no {part} window is forecast by every model: their first targets do not meet ({spans}); "
                       f"part={part!r} is found for each model from the rows it was fitted on, so models fitted on "
                       "other rows may have no such window in common; compare them on data or a part they share")


def kept(chosen: dict[str, WindowForecasts]) -> np.ndarray | None:
    """The values every model scores [W, H, T] (None: all)."""
    masks = [m for m in (scored(wf) for wf in chosen.values()) if m is not None]
    return np.logical_and.reduce(masks) if masks else None


def same_actuals(chosen: dict[str, WindowForecasts], keep) -> None:
    """Refuse models that read other values for the same targets (the data read another way)."""
    first, *others = chosen.items()
    mask = np.ones(first[1].y_true.shape, dtype=bool) if keep is None else keep
    for name, wf in others:
        if not np.allclose(wf.y_true[mask], first[1].y_true[mask], rtol=1e-5, atol=1e-8, equal_nan=True):
            raise RnncastError(f"models {first[0]!r} and {name!r} read different values for the same targets; "
                               "compare models that read the data alike (the same target, fill and columns)")
