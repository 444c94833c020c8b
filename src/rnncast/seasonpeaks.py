"""Whether a stretch above (or below) the level is the season's own peak (trough), a higher one, and so no surge
for ``interruptions`` to name: at the season's time, not far beyond the peaks either side, and shaped like a peak.

A flu season higher than those either side, at the time of year flu peaks, is the series' own (the ILI file's 2003
peak, 3.05-4.23 times its level, decision 2152); a wave months off that time is not (the 2009 wave). A value held
flat for ``HELD`` rows or more at the peak's time is no season's peak however high its neighbours: a sensor stuck
high there was read as the season's own up to ``VARY`` times its neighbours' height (decision 2202).
"""

from __future__ import annotations

import numpy as np

VARY = 3.0  # a season's own peak may be this many times as high as the season's before or after it (decision 2152)
HELD = 4  # rows of a stretch within FLAT of one value: held flat (a sensor stuck), no season's peak (decision 2202)
FLAT = 0.03  # log distance (about 3 %) within which rows read as one value held (a stuck sensor's jitter)


def own(rise: np.ndarray, values: np.ndarray | None, lo: int, hi: int, season: int, drift: int,
        least: float) -> bool:
    """Whether the rows ``lo`` to ``hi`` (half a season or fewer) are the season's own peak, a higher one (``rise``
    [R]: the log distances from the level with the season's course kept in, over 3 rows; negated for a dip, its
    trough): the season before or after peaks at the same time give or take ``drift`` rows (its highest row within
    half a season of the stretch's highest, a season away), at ``least`` (a log distance) or more and at least
    ``1 / VARY`` as high as this one (decision 2152); and the stretch's ``values`` [R] (the column; None: not
    weighed) are not ``held`` (decision 2202). ``season`` 1 or under 2: False."""
    if season < 2 or hi - lo > season // 2 or not np.isfinite(rise[lo:hi]).any():
        return False
    if values is not None and held(values[lo:hi]):
        return False
    top, half = lo + int(np.nanargmax(rise[lo:hi])), season // 2
    for at in (top - season, top + season):
        if at - half >= 0 and at + half < len(rise) and np.isfinite(rise[at - half: at + half + 1]).any():
            peak = at - half + int(np.nanargmax(rise[at - half: at + half + 1]))
            if abs(peak - at) <= drift and rise[peak] > least and rise[top] - rise[peak] <= np.log(VARY):
                return True
    return False


def held(values: np.ndarray) -> bool:
    """Whether ``HELD`` or more of ``values`` [n] (above 0; NaN and 0 not read) lie within ``FLAT`` of one another in
    log terms: one value held (a sensor stuck at 4 times the level for 5 weeks), where a season's peak rises and falls
    (the ILI file's 2003 peak: 3.05, 3.5, 4.23, ... over 5 weeks)."""
    logged = np.sort(np.log(values[np.isfinite(values) & (values > 0)]))  # [m]
    if len(logged) < HELD:
        return False
    return bool((logged[HELD - 1:] - logged[: len(logged) - HELD + 1] <= FLAT).any())
