"""Lookbacks scaled to short data for tune's search (decision 1811): 40 quarters or 64 years leave no default lookback
(24 .. 336) as many training windows as its length, so tune searches multiples of the season (of 4 where it is 1) that
leave at least ``windows.FEW_WINDOWS`` training windows; ``windows_left`` counts what a lookback leaves, each series'
length split once (decision 1848). Moved out of ``searchspace`` (which keeps the default choices and calls these)."""

from __future__ import annotations

import collections
import itertools
import logging

from rnncast.config import Settings
from rnncast.errors import RnncastError
from rnncast.windows import FEW_WINDOWS, chronological_split, train_windows

log = logging.getLogger("rnncast.searchspace")  # said as tune's search lines always were


def windows_left(sizes: dict, fixed: dict, lookback: int) -> tuple[int, int] | None:
    """(training windows, training rows) that ``lookback`` leaves the series of ``sizes`` (rows -> how many series
    have them: 50,000 series of 36 rows are split once), or None where the settings or one series do not take it."""
    try:
        data = Settings.from_flat({**fixed, "lookback": lookback}).data
        splits = {n: chronological_split(n, lookback, data.horizon, data.val_frac, data.test_frac) for n in sizes}
    except RnncastError:
        return None
    return (sum(train_windows([split], lookback, data.horizon) * sizes[n] for n, split in splits.items()),
            sum(split.train_end * sizes[n] for n, split in splits.items()))


SHORT_CHOICES = 4  # at most this many lookbacks scaled to short data are searched


def short_lookbacks(lengths: list, fixed: dict, defaults: tuple) -> tuple | None:
    """Where no lookback of ``defaults`` (``searchspace.LOOKBACKS``) fits the data (``lengths``: each series' rows) or
    leaves it as many training windows as its length (40 quarters, 64 years: "only 24 is searched", which left 1
    window), the lookbacks scaled to the data (decision 1811): the multiples of the season (of 4 where it is 1: a year
    of quarters) that leave at least ``FEW_WINDOWS`` training windows, below which fit warns, the first
    ``SHORT_CHOICES`` of them, said in an INFO line; where none does, the largest shorter lookback that does; where no
    lookback does, the season (or 4; else the longest shorter one that fits), with a warning naming it, the count it
    leaves, that more rows or a shorter horizon give more, and ``--search``; None where no lookback fits. Only these
    candidates are counted, each series' length split once (decision 1848)."""
    sizes, counts = collections.Counter(lengths), {}

    def count(lookback: int) -> int | None:  # the training windows lookback leaves, None where it does not fit
        if lookback not in counts:
            counts[lookback] = windows_left(sizes, fixed, lookback)
        return counts[lookback] and counts[lookback][0]

    season = int(fixed.get("season") or 1)
    unit, top = (season if season > 1 else 4), min(lengths)  # no lookback longer than the shortest series fits it
    below = range(min(unit - 1, top), 0, -1)
    multiples = (lb for lb in range(unit, min((4 * SHORT_CHOICES - 1) * unit, top) + 1, unit)
                 if (count(lb) or 0) >= FEW_WINDOWS)
    good = list(itertools.islice(multiples, SHORT_CHOICES))  # fewer windows the longer: the first ones
    good = good or list(itertools.islice((lb for lb in below if (count(lb) or 0) >= FEW_WINDOWS), 1))
    how = (f"multiples of season {season}" if season > 1 else "multiples of 4") if good[:1] and good[0] % unit == 0 \
        else f"the longest below {unit}"
    if good:
        log.info("no lookback of %s leaves the %d training rows as many windows as its length; lookbacks searched: %s "
                 "(%s that leave at least %d training windows each; choose others, such as a longer one that leaves "
                 "fewer, with %s)", ", ".join(map(str, defaults)), counts[good[0]][1], ", ".join(map(str, good)), how,
                 FEW_WINDOWS, _search_flag(good + [good[-1] + unit if good[-1] % unit == 0 else unit]))
        return tuple(good)
    lookback = next((lb for lb in (unit, *below, *range(unit + 1, top + 1)) if count(lb) is not None), None)  # a year
    if lookback is None:
        return None
    log.warning("no lookback leaves the %d training rows the %d windows below which fit warns of too few to learn from; "
                "only lookback %d is searched (%d window%s); more rows or a shorter horizon give more (choose others "
                "with %s)", counts[lookback][1], FEW_WINDOWS, lookback, count(lookback), "s" * (count(lookback) != 1),
                _search_flag(sorted(lb for lb in {1, lookback, 2 * unit} if count(lb) is not None)))
    return (lookback,)


def _search_flag(lookbacks: list) -> str:
    """How a reader searches ``lookbacks`` of their own: "search={'lookback': (4, 8)}, --search lookback=4,8"."""
    shown = ",".join(map(str, lookbacks))
    return f"search={{'lookback': ({shown}{',' * (len(lookbacks) == 1)})}}, --search lookback={shown}"
