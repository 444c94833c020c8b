"""The copy of the hour a zone repeats in autumn that naive local times name, told by the rows around it where
pandas' ``ambiguous="infer"`` cannot tell: it reads a repeated hour only where both copies are written.

A live history ends at the first 02:00 of Berlin's autumn change (..., 01:00, 02:00): the second copy has not
happened yet, so it cannot be written, yet the order settles it: one data step (the most common step between the
rows whose times are not repeated) after 01:00+02:00 is 02:00+02:00, the first copy. Likewise a future file whose
first row is the second 02:00 (02:00, 03:00, ...): one step before 03:00+01:00 is 02:00+01:00. A row is read as the
copy one step from a neighbour whose instant is known (not repeated, or told already), when the other copy is one
step from neither; where both or neither are (02:00 between 01:00 and 03:00: a copy is missing, but which one; a
lone 02:00), it is left to the caller to refuse. ``copies`` gives pandas' ``ambiguous=`` array, said once (INFO).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)


def copies(time: pd.DatetimeIndex, tz, name: str, place) -> np.ndarray | None:
    """[n] bool, True for summer time: the copy each row of naive ``time`` is in ``tz`` (pandas' ``ambiguous=``),
    each repeated time told by the rows around it; None where a repeated time is told by none, or by both copies.
    ``place(i)`` names row ``i`` in the INFO line that says which copy the first told row was read as."""
    as_summer, as_winter = (time.tz_localize(tz, ambiguous=dst, nonexistent="NaT") for dst in (True, False))
    summer, winter = as_summer.asi8, as_winter.asi8
    twice = summer != winter
    if not twice.any():
        return None
    known = np.where(twice, np.iinfo(np.int64).min, summer).astype(np.int64)  # instants told; min: not yet
    step = _step(known, twice)
    if step is None:
        return None
    told = ~twice
    while True:
        changed = False
        for i in np.flatnonzero(~told):
            fits = [_fits(int(c), known, told, i, step) for c in (summer[i], winter[i])]
            if fits.count(True) == 1:
                known[i], told[i], changed = (summer[i] if fits[0] else winter[i]), True, True
        if not changed:
            break
    if not told.all():
        return None
    dst = summer == known
    once = pd.Series(time[twice]).value_counts() == 1  # a wall time written once: what pandas could not tell
    first = next((int(i) for i in np.flatnonzero(twice) if once[time[i]]), int(np.flatnonzero(twice)[0]))
    offset = (as_summer if dst[first] else as_winter)[first].strftime("%z")
    log.info("time column %r: %s (%s), a time the clocks of %s show twice, is read as its %s copy (%s%s:%s) by the "
             "rows around it%s", name, f"{time[first]:%Y-%m-%d %H:%M}", place(first), tz,
             "first" if dst[first] else "second", f"{time[first]:%H:%M}", offset[:3], offset[3:],
             f"; {int(twice.sum()) - 1} more such rows likewise" if twice.sum() > 1 else "")
    return dst


def _fits(instant: int, known: np.ndarray, told: np.ndarray, i: int, step: int) -> bool:
    """Whether row ``i`` at ``instant`` lies one ``step`` after the row before it or before the row after it (of those
    whose instant is ``told``), and no such neighbour lies further on that side: a gap beside it leaves its copy
    untold. A neighbour back in time (another series of a long table begins) is no neighbour."""
    gaps = [instant - int(known[i - 1]) if i > 0 and told[i - 1] else 0,
            int(known[i + 1]) - instant if i + 1 < len(known) and told[i + 1] else 0]
    return step in gaps and all(g <= 0 or g == step for g in gaps)


def _step(known: np.ndarray, twice: np.ndarray) -> int | None:
    """The data's step in nanoseconds of the instant: the most common positive step between neighbouring rows whose
    times are not repeated; None where no two such rows are neighbours."""
    both = ~twice[1:] & ~twice[:-1]
    gaps = (known[1:] - known[:-1])[both]
    gaps = gaps[gaps > 0]
    if not len(gaps):
        return None
    values, counts = np.unique(gaps, return_counts=True)
    return int(values[np.argmax(counts)])
