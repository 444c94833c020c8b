"""A future covariate written as 0 where it is not known yet: said in one warning at predict.

On-the-books rooms 30 days before arrival (``otb_30``) are known only 30 steps ahead of a 90-day forecast; a future
file that fills the other 60 days with 0 (the obvious fill of "not yet known") was read as 60 known zeros, and the
forecasts of those days dropped by 25-30 % without a word, where a blank is refused (tester t41-t6 3). ``zero_tails``
warns where a covariate's future values end in a run of 0s in every series that is longer than any run of 0s of it in
the data's own rows (a 0/1 event column, often 0 for weeks, is not named), with the column, the step the 0s begin at
and what a future covariate must be (decision 2260).
"""

from __future__ import annotations

import logging

import numpy as np

log = logging.getLogger(__name__)


def _trailing_zeros(values: np.ndarray) -> np.ndarray:
    """[S] how many of each series' last steps of ``values`` [S, H] are exactly 0."""
    nonzero = values != 0  # NaN is no 0
    last = np.where(nonzero.any(axis=1), values.shape[1] - 1 - np.argmax(nonzero[:, ::-1], axis=1), -1)
    return values.shape[1] - 1 - last


def longest_zero_run(column: np.ndarray, offsets: np.ndarray) -> int:
    """The longest run of exact 0s in ``column`` [N] within one series (``offsets`` [S + 1] its series' rows)."""
    zero = np.asarray(column, dtype=float) == 0
    longest = 0
    for a, b in zip(offsets[:-1], offsets[1:]):
        z = np.concatenate([[False], zero[a:b], [False]]).astype(np.int8)
        edges = np.flatnonzero(np.diff(z))  # starts and ends of the runs, alternating
        if len(edges):
            longest = max(longest, int((edges[1::2] - edges[0::2]).max()))
    return longest


def _time(t) -> str:
    """A forecast time as the warning writes it: a midnight's date alone (2025-07-31), else as it is."""
    return str(t.date()) if hasattr(t, "normalize") and t == t.normalize() else str(t)


def zero_tails(values: np.ndarray, names: list, panel, when: list) -> list[str]:
    """Warn, one line per covariate, where the future ``values`` [S, H, F] (original units, columns ``names``) of
    column ``names[j]`` end in 0s in every series of ``panel`` (the data handed to predict, whose rows hold the
    column's own past) for more steps than any run of 0s of it in the data's rows. ``when``: each series' forecast
    times [S][H], the step the 0s begin at named by its time. Returns the lines said."""
    said = []
    horizon = values.shape[1]
    for j, name in enumerate(names):
        tails = _trailing_zeros(values[:, :, j])  # [S]
        if horizon < 2 or tails.min() < 1 or tails.max() >= horizon:  # not in every series, or 0 from the first step
            continue
        if name not in panel.columns:
            continue
        seen = longest_zero_run(panel.values[:, list(panel.columns).index(name)], panel.offsets)
        if seen >= tails.min():
            continue
        s = int(np.argmax(tails))  # the series whose 0s begin earliest
        step = horizon - int(tails[s]) + 1  # 1-based
        at = f" ({_time(when[s][step - 1])})" if when is not None and len(when) > s else ""
        whose = f" in every one of the {len(tails)} series" if len(tails) > 1 else ""
        text = (f"the future values of {name!r} are 0 from step {step} of {horizon}{at} on{whose}, where the data's "
                f"rows of it never hold a run of 0s that long (the longest: {seen}): a value not known yet written as "
                "0? The model reads them as known values, and its forecasts of those steps move with them; a future "
                "covariate must be known over the whole horizon: give one known that far ahead (on-the-books 90 days "
                "out for a 90-day horizon), or fit without it")
        log.warning("%s", text)
        said.append(text)
    return said
