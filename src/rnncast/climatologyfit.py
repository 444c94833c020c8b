"""The climatology a fit keeps (decision 1663): ``climatology.table`` of the fit's panel, with the lines that say why
none is kept, or why only some series have one (decision 1693), each kind once a command or API call (decisions 1691,
1746); none kept is an INFO line where no series could have one (decision 1706), and a backtest's fit leaves out
evaluate's promise (decision 1761). ``unkept`` keeps none and says nothing while tune's trials run (decision 1692).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar

import numpy as np

from rnncast import climatology
from rnncast.baselines import named
from rnncast.noticed import first_in_call

log = logging.getLogger("rnncast.climatology")  # said as the climatology's lines, as before they moved (climatology.py)


_UNKEPT: ContextVar[bool] = ContextVar("rnncast_climatology_unkept", default=False)


@contextmanager
def unkept():
    """While the block runs, a fit keeps no climatology and says nothing of it (``kept``: None): tune's trials, which
    score the model alone and keep no model (decision 1692)."""
    token = _UNKEPT.set(True)
    try:
        yield
    finally:
        _UNKEPT.reset(token)


def kept(panel, splits, means: np.ndarray, apart: bool = True) -> np.ndarray | None:  # apart False: a backtest's (decision 1761)
    """``climatology.table`` of a fit's ``panel`` (all its targets): [S, P, T] float64 in original units, or None;
    ``splits`` [S] the series' splits, ``means`` [S, T] their training means. Says why none is kept where the
    calendar is one it applies to (a series under two years named: decision 1663), once a command or API call (``noticed.first_in_call``: a refit
    backtest's cutoffs, whose models each lack it, said by the first: decision 1691) for each kind of line: none kept,
    or kept for some series alone (decision 1746: an early cutoff's none hid a later one's partial table); none kept
    is an INFO line where no series' training rows span two whole years (none could have one: decision 1706)."""
    if _UNKEPT.get():
        return None
    kept_table, why = climatology.table(panel, splits, panel.n_targets, means)
    if why and first_in_call("climatology", kept_table is None):  # a refit backtest: each kind once (decisions 1691, 1746)
        if kept_table is None:
            log.log(logging.INFO if _none_two_years(panel, splits) else logging.WARNING,
                    "%s is not made for this model, nor scored by its evaluate, backtest or predict_windows: %s",
                    named("climatology"), why)
        else:
            log.warning("%s is made only for the series whose training rows span two whole years: %s%s",
                        named("climatology"), why, "; evaluate scores it on the other series' windows alone, beside "
                        "the model's score on those same windows" if apart else "")
    return kept_table


def _none_two_years(panel, splits) -> bool:
    """Whether no series' training rows (``splits``' ``train_end``) span two whole years (``climatology.two_years``:
    ``table``'s)."""
    time, size = panel.time, climatology.step_size(getattr(panel.calendar, "freq", None)) or climatology.DAY
    return not any(climatology.two_years(time[o:o + sp.train_end], size)
                   for o, sp in zip(np.asarray(panel.offsets[:-1], dtype=int), splits))
