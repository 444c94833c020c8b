"""What fit reads from observed values only: a value that ``fill`` made is no observation (decision 101).

* The mean baseline of each series and target is the mean of its observed values before the cutoff, and
  MASE's in-sample scale the mean absolute (seasonal) difference of those values, as the field defines both (Hyndman
  & Koehler 2006, FPP3's MEAN and accuracy(), M4): every row before the forecasts' first step, the training and
  validation rows of a fit, every row before each window's cutoff in a backtest (``at_cutoffs``; decisions 2173,
  which supersedes 1707's training rows only, and 2174). The scale keeps the differences observed at both ends: a
  run carried forward by ``ffill`` adds zeros that would shrink the scale and inflate MASE, an interpolated one a
  straight line's even steps. Where rows are missing from a known calendar, the values are paired a season of
  calendar steps apart, not of rows (``calendarlags``).
* The validation loss that early stopping follows (and the highway start's choice, and the best
  validation loss kept) counts the validation targets ``evaluate`` scores (``filledwindows``): a made target
  adds nothing, nor does any target of a window whose inputs were filled from its targets or later.
  The windows are still fed as filled; only the loss terms are masked (``batches.Batch.keep``).

A panel without a made value (``Panel.filled`` None) takes the plain path and the same numbers.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import calendarlags, filledwindows, noticed, scalepairs, zeroscales
from rnncast.scalepairs import who
from rnncast.spelling import counted, some
from rnncast.windows import Split

log = logging.getLogger(__name__)


def in_sample(panel, splits: list, season: int, fill: str | None = None, starts=None, placed: dict | None = None,
              scored: bool = True, quiet: bool = False, doing: str | None = "fit") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each series' mean baseline and MASE scale, [S, T] each in original units, and the pairs each scale rests on
    ([S, T] int; one on fewer than ``scalepairs.MIN_PAIRS`` named in a warning: decision 2160), over the observed
    values of every row before its cutoff (the first ``splits[s].val_end``: its training and validation rows, decision
    2173; ``starts``: each series' first training row, where the data begins earlier than the fit's, ``fitrows``). The
    one maker of MASE's scale: fit, a refit's cutoffs, a one-model backtest's (``at_cutoffs``) and ``fitrows`` call it.
    ``quiet``: no warnings (a one-model backtest's cutoffs: the backtest says them, ``windowscales``). A target with no two
    observed values one season apart has no scale (NaN: MASE leaves it out, named in a
    warning, as is one whose rows before the cutoff are no more than a season: "(42 rows before the cutoff)", decisions
    1830, 2247); one with no observed training value at all keeps the mean of its rows as filled, warned
    by name too (its mean baseline rests on made values). ``placed``: ``calendarlags.placed(panel)`` where the
    caller has it (a fit walks its calendar once: decision 1951), walked here where None. ``scored`` False: a final fit
    (``finalfit.unscored``), which makes no MASE: a scale it lacks is not warned of (the scales are kept, NaN as here,
    for an evaluate of new rows, whose MASE note names them: decision 2156; evaluate names a few-pairs scale it divides
    by, ``scalepairs.warn_scored``: decision 2205). ``doing``: the few-pairs warning's words, "fit"; "backtest" (a
    backtest's cutoff fit): neither a scale missing nor few pairs said here, the backtest says both of every window
    (``windowscales.warn``, decision 2247); None: the few pairs not said here (``fitrows.check``, whose caller says
    it of the series it scores)."""
    n_t = panel.n_targets
    means, scales = np.empty((len(splits), n_t)), np.empty((len(splits), n_t))
    pairs = np.zeros((len(splits), n_t), dtype=np.int64)
    no_scale, no_mean, short, apart, few, few_at = [], [], [], [], [], set()
    placed = calendarlags.placed(panel) if placed is None else placed  # each row's step on its calendar where some may be missing: decision 1885
    for s, split in enumerate(splits):
        lo = 0 if starts is None else starts[s]
        end = split.val_end  # every row before the cutoff (decision 2173)
        rows = panel.rows(s)[lo:end, :n_t]  # [R, T]
        made = None if panel.filled is None else panel.filled[panel.offsets[s] + lo : panel.offsets[s] + end, :n_t] != 0
        for t in range(n_t):
            seen = None if made is None or not made[:, t].any() else ~made[:, t]  # None: every value observed
            if seen is not None and not seen.any():
                no_mean.append(who(panel, s, t))
            means[s, t] = rows[:, t].mean() if seen is None or not seen.any() else rows[seen, t].mean()
            at = placed[s][0][lo:end] if s in placed else None  # the rows' steps on the calendar
            scales[s, t] = calendarlags.scale(rows[:, t], at, season, seen)
            pairs[s, t] = calendarlags.pairs(rows[:, t], at, season, seen)
            if 0 < pairs[s, t] < scalepairs.MIN_PAIRS:
                few.append(f"{who(panel, s, t)} ({counted(int(pairs[s, t]), 'pair')})")
                few_at.add(s)
            if seen is not None and np.isnan(scales[s, t]) and len(rows) > season \
                    and np.isfinite(calendarlags.scale(rows[:, t], at, season)):  # pairs, each with a made end
                no_scale.append(who(panel, s, t))
            elif np.isnan(scales[s, t]) and len(rows) > season:  # rows enough, but none a season of steps apart
                apart.append(who(panel, s, t))
            elif len(rows) <= season:  # no pair a season apart, whatever fill did (decisions 1830, 2247)
                short.append(f"{who(panel, s, t)} ({counted(len(rows), 'row')} before the cutoff)")
    made_by = f"fill {fill!r}" if fill else None  # none given: blank labels stood in for (decision 2177)
    others = f"{made_by} made the others" if made_by else "the others are blank labels, stood in for, not measured"
    if quiet:
        return means, scales, pairs
    scored = scored and doing != "backtest"  # a backtest says its windows' scales once, each window's (decision 2247)
    if no_scale and scored:
        log.warning("MASE has no in-sample scale for %s: no two of the observed values before the cutoff lie %s apart (%s), "
                    "so its MASE is undefined and left out of the pooled MASE; every other score counts it",
                    some(no_scale), "one row" if season == 1 else f"one season ({season} rows)", others)
    if short and scored and noticed.first_in_call("mase short", season):  # a backtest's cutoffs: once
        log.warning("MASE has no in-sample scale for %s: the rows before the cutoff are fewer than season + 1 = %d, so no "
                    "two lie %s apart; its MASE is undefined and left out of the pooled MASE; every other score counts it",
                    some(short), season + 1, "one row" if season == 1 else f"one season ({season} rows)")
    if apart and scored:
        log.warning("MASE has no in-sample scale for %s: no two of the values before the cutoff lie %s apart on the calendar "
                    "(the rows between are missing); its MASE is undefined and left out of the pooled MASE; every "
                    "other score counts it", some(apart), "one step" if season == 1 else f"one season ({season} steps)")
    if no_mean:
        log.warning("the training mean baseline of %s rests on values %s: none of the values before the cutoff was "
                    "observed", some(no_mean), f"{made_by} made" if made_by else "stood in for blank labels")
    if scored and doing:  # a final fit makes no MASE (decision 2157); evaluate says it of its scales (decision 2205)
        scalepairs.warn(few, season, doing, len(few_at) < len(splits))
    return means, scales, pairs


def at_cutoffs(panel, first_rows: np.ndarray, held: np.ndarray, season: int, fill: str | None = None,
               placed: dict | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A one-model backtest's mean baseline, MASE scale, why a scale is 0 (``zeroscales`` codes) and the pairs the
    scale rests on (``scalepairs``, its by-series ``mase_pairs``: decision 2220), [W, T] each, of
    its windows ``np.nonzero(held)`` (series-major, ``held`` [S, K]), each over every row of its series before its
    window's first target (``first_rows`` [S, K]): ``in_sample`` at each cutoff, as a refit's model has them, not the
    first cutoff's for every window (decision 2173). Said nothing: the backtest says its windows' scales (decision 2247)."""
    placed = calendarlags.placed(panel) if placed is None else placed
    ss, kk = np.nonzero(held)
    means, scales = np.empty((len(ss), panel.n_targets)), np.empty((len(ss), panel.n_targets))
    zero, pairs = (np.zeros((len(ss), panel.n_targets), dtype=np.int64) for _ in range(2))
    for j in np.flatnonzero(held.any(axis=0)):
        ends = np.clip(first_rows[:, j], 1, panel.lengths[: len(first_rows)]).astype(np.int64)  # a series without the
        # window (not held) read over a row at least: no mean of nothing; its numbers are not taken
        splits = [Split(int(e), int(e), int(e)) for e in ends]
        m, sc, pr = in_sample(panel, splits, season, fill, placed=placed, quiet=True)  # [S, T] each
        at = kk == j
        means[at], scales[at], pairs[at] = m[ss[at]], sc[ss[at]], pr[ss[at]]
        zero[at] = zeroscales.kinds(panel, splits, season, sc, placed=placed)[ss[at]]
    return means, scales, zero, pairs


def validation_keep(panel, starts: np.ndarray, lookback: int, horizon: int, unread: int = 0) -> np.ndarray | None:
    """Which targets of the validation windows (inputs from stacked rows ``starts`` [W]) the validation
    loss counts, [W, H, T] bool: those ``evaluate`` scores (``windowforecasts.scored``), every one but a
    target that fill made and every target of a window whose inputs read a value filled from its
    targets or later (``unread``: the columns the network never reads, ``filledwindows.reads_later``). None when every
    one counts (no made value), so the loss takes its plain path."""
    if panel.filled is None or not len(starts):
        return None
    rows = np.asarray(starts, dtype=np.int64)[:, None] + lookback + np.arange(horizon)  # [W, H]
    keep = ~filledwindows.filled_targets(panel.filled, rows, panel.n_targets)  # [W, H, T]
    keep &= ~filledwindows.reads_later(panel.filled, starts, lookback, horizon, len(panel.future),
                                               unread)[:, None, None]
    return None if keep.all() else keep

