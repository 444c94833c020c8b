"""Why a series has no MASE scale, told apart and said. The scale, the in-sample seasonal naive MAE of every row
before the cutoff (training and validation rows: decision 2173; ``metrics.naive_scale``; a season of calendar steps where rows are missing from a known calendar:
``calendarlags``, decision 1885), is NaN where fill left no two observed values one season apart (``UNOBSERVED``),
where the training rows are no more than a season, so none lie a season apart (``SHORT``, decision 1830), or where
no two of them lie a season of calendar steps apart, the rows between missing, with no fill at play (``APART``,
decision 1950), and 0 where each observed value equals the observed one a season earlier, which has these causes
(``kind``, phasing and pairing the values by their calendar positions as the scale does):

* ``CONSTANT``: the training rows never change;
* ``REPEATS``: they change but repeat exactly every ``season`` steps: the seasonal naive forecast is perfect on them,
  a finding about the data (its test scores say whether the pattern held), not a flaw of it;
* ``ACROSS_FILL``: the observed values change only across values ``fill`` made (a difference with a made value is left
  out of the scale), so no two observed values one season apart differ;
* ``ZERO_PAIRS``: they change, but every pair of observed values one season apart is 0 and 0 and the values that
  change have no row a season apart (a sparse count series: a spare part with 73 weekly rows and a season of 52 has 21
  such pairs, all weeks without demand): the error is 0 because both values are 0, not because the rows repeat;
* ``EQUAL_PAIRS``: the same with one value other than 0 in every pair, or with pairs at fewer than half the places
  of the season (decision 1482).

``UNKNOWN``: a model saved before the causes were kept (``FittedState.mase_zero`` absent); its words say what the
zero means, whichever cause it is (``rows_why``)."""

from __future__ import annotations

import numpy as np

from rnncast import calendarlags

UNKNOWN, CONSTANT, REPEATS, ACROSS_FILL, ZERO_PAIRS, EQUAL_PAIRS, SHORT, APART = 0, 1, 2, 3, 4, 5, 6, 7
NAMES = {UNKNOWN: "unknown", CONSTANT: "constant", REPEATS: "repeats", ACROSS_FILL: "across_fill",
         ZERO_PAIRS: "zero_pairs", EQUAL_PAIRS: "equal_pairs", SHORT: "short", APART: "apart"}
UNOBSERVED = "unobserved"  # a NaN scale: no two observed training values one season apart


def kind(rows: np.ndarray, seen: np.ndarray | None, season: int, positions: np.ndarray | None = None) -> int:
    """The cause of a zero scale of one target of one series: ``rows`` [R] its training values as filled, ``seen`` [R]
    which were observed (None: every one), ``positions`` [R] their steps on the calendar (increasing; None: the rows
    are consecutive steps): each value's place in the season is its position's, and a pair is two values a season of
    steps apart, as ``calendarlags.scale`` pairs them. ``ACROSS_FILL`` only where fill made a value."""
    rows = np.asarray(rows, dtype=np.float64)
    filled = seen is not None and not np.all(seen)
    seen = np.ones(len(rows), dtype=bool) if seen is None else np.asarray(seen, dtype=bool)
    at = np.arange(len(rows)) if positions is None else np.asarray(positions, dtype=np.int64)
    values = rows[seen]
    if not len(values) or values.min() == values.max():
        return CONSTANT
    phase = at[seen] % season  # each observed value's place in the season
    order = np.lexsort((values, phase))  # by place, then value: each place's least value first, its greatest last
    first = np.r_[True, phase[order][1:] != phase[order][:-1]]
    last = np.r_[first[1:], True]
    repeated = season > 1 and (values[order][first] == values[order][last]).all()  # one value at each place
    if not repeated and filled:
        return ACROSS_FILL
    back = np.searchsorted(at, at - season)  # [R] the row a season of steps earlier, where there is one
    later = np.flatnonzero(at[np.minimum(back, len(at) - 1)] == at - season)
    earlier = back[later]
    both_seen = seen[later] & seen[earlier]
    later, earlier = later[both_seen], earlier[both_seen]
    both = np.r_[rows[earlier], rows[later]]
    places = np.unique(at[later] % season)  # the places of the season that hold a pair
    if repeated and np.unique(both).size > 1 and 2 * len(places) >= season:
        return REPEATS  # a pattern that changes, seen again a season later at most of its places
    return ZERO_PAIRS if both.size and not both.any() else EQUAL_PAIRS


def kinds(panel, splits: list, season: int, scales: np.ndarray, starts=None, placed: dict | None = None) -> np.ndarray:
    """[S, T] the cause (``kind``) of each 0 of ``scales`` [S, T] (``observed.in_sample``'s, over the same ``panel``,
    ``splits``, ``starts`` and ``placed``: ``calendarlags.placed``, walked here where not given), ``SHORT`` for a NaN
    of training rows no more than ``season``, ``APART`` for one whose rows hold no pair a season of calendar steps
    apart, observed or not; ``UNKNOWN`` elsewhere (fill made an end of every pair: ``UNOBSERVED``)."""
    codes = np.zeros(scales.shape, dtype=np.int64)
    bad = list(zip(*np.nonzero((scales == 0) | np.isnan(scales))))
    if bad and placed is None:
        placed = calendarlags.placed(panel)
    for s, t in bad:
        lo, end = (0 if starts is None else int(starts[s])), splits[s].val_end  # the rows the scale reads (decision 2173)
        at = placed[s][0][lo:end] if s in placed else None
        if np.isnan(scales[s, t]):
            codes[s, t] = (SHORT if end - lo <= season else
                           APART if np.isnan(calendarlags.scale(panel.rows(s)[lo:end, t], at, season)) else UNKNOWN)
            continue
        made = None if panel.filled is None else panel.filled[panel.offsets[s] + lo : panel.offsets[s] + end, t] != 0
        codes[s, t] = kind(panel.rows(s)[lo:end, t], None if made is None else ~made, season, at)
    return codes


def causes(scales: np.ndarray, codes: np.ndarray | None) -> list:
    """Each series' cause name [S] (``NAMES``' or ``UNOBSERVED``), of its first target without a scale, from
    ``scales`` [S, ...] and their ``codes`` [S, ...] (None: a model that kept none); None where every one has a scale."""
    scales = scales.reshape(len(scales), -1)
    codes = np.zeros(scales.shape, dtype=np.int64) if codes is None else np.asarray(codes).reshape(scales.shape)
    named = []
    for row, code in zip(scales, codes):
        bad = np.flatnonzero(~(np.isfinite(row) & (row > 0)))
        nan = len(bad) and np.isnan(row[bad[0]])  # no pair: too few rows, none a season of steps apart, or fill
        named.append(None if not len(bad) else NAMES[int(code[bad[0]])] if not nan or code[bad[0]] in (SHORT, APART)
                     else UNOBSERVED)
    return named


def rows_why(cause: str, season: int | None, demand: bool = True) -> str:
    """What the training rows do, after "its (their) training rows": "never change (a zero in-sample naive error)",
    "repeat exactly every 7 steps, so the seasonal naive forecast is perfect on them (...)", ...; ``season`` None: not
    known (a result written before it was kept); ``demand``: whether the target counts demand
    (``zeroforecasts.counts_demand``): its zeros are "no demand", a rain gauge's "no nonzero value" (decision 1572)."""
    apart = "one row" if season == 1 else "one season" + (f" ({season} rows)" if season else "")
    naive = scale_name(season)
    none = "no demand" if demand else "no nonzero value"
    return {
        "constant": f"never change (a zero in-sample {naive} error)",
        "repeats": f"repeat exactly every {season} steps, so the seasonal naive forecast is perfect on them (a zero "
                   "in-sample seasonal naive error: a finding about the data, not a fault; the seasonal naive baseline's "
                   "test scores say whether the pattern held)",
        "zero_pairs": f"are 0 at both ends of every pair of rows {apart} apart ({none} in those rows), and "
                      "the values that change have no row a season before or after them, so the in-sample seasonal "
                      "naive error is 0 because both values of each pair are 0, not because the rows repeat",
        "equal_pairs": f"are equal at both ends of every pair of rows {apart} apart, but the pairs are too few to "
                       "show a pattern repeating (at under half the places of a season, or of one value throughout), "
                       "so the in-sample seasonal naive error is 0 without the rows repeating",
        "across_fill": f"change only across values fill made: no two observed values {apart} apart differ (a zero "
                       f"in-sample {naive} error)",
        UNOBSERVED: f"hold no two observed values {apart} apart, the others made, not measured (by fill, or stood in "
                    f"for blank labels: no in-sample {naive} error)",  # no fill named where none was (decision 2177)
        "short": "hold fewer than season + 1" + (f" = {season + 1}" if season else "") + f" rows, so no two lie "
                 f"{apart} apart (no in-sample {naive} error)",
        "apart": f"hold no two values {'one step' if season == 1 else 'one season'}"
                 f"{f' ({season} calendar steps)' if season and season > 1 else ''} apart: the rows between are "
                 f"missing (no in-sample {naive} error)",
    }.get(cause, f"equal the rows {apart} before them wherever both were observed (a zero in-sample {naive} error)")


def excluded_whys(excluded: dict) -> list[tuple[int, str]]:
    """``(count, what their training rows do)`` (``rows_why``) of each cause a result's ``mase_excluded`` counts; for a
    result written before the causes were kept, its series without observed values apart and the others unknown."""
    unobserved = excluded.get("unobserved", 0)
    causes = excluded.get("causes") or {cause: count for cause, count in (
        ("unknown", excluded["count"] - unobserved), (UNOBSERVED, unobserved)) if count}
    demand = excluded.get("demand", True)  # a result written before decision 1572: as it said it
    return [(count, rows_why(cause, excluded.get("season"), demand)) for cause, count in causes.items()]


def rows_said(excluded: dict) -> str:
    """Why the series ``mase_excluded`` counts have no MASE, in one clause: "rows before the cutoff never change (a
    zero in-sample naive error)" (every row before it, decisions 2173, 2247), several causes joined by "or" (the record counts them, not which is whose)."""
    return "rows before the cutoff " + " or ".join(why for _, why in excluded_whys(excluded))


def scale_name(season: int | None) -> str:
    """The forecast whose in-sample error is MASE's scale, by the baselines' name (``baselines.NAMES``): "seasonal
    naive" with a season above 1, "naive" (the value one row before) without one or where it is not known."""
    return "seasonal naive" if season and season > 1 else "naive"


def short_why(cause: str | None, season: int) -> str:
    """The cause in a figure's title, as a noun: "training rows that never change", ...; a series' MASE is undefined
    by it."""
    apart = "one row" if season == 1 else "a season"
    return {"constant": "training rows that never change",
            "repeats": f"training rows that repeat exactly every {season} steps: seasonal naive is perfect on them",
            "zero_pairs": f"training rows that are 0 in every pair {apart} apart",
            "equal_pairs": f"training rows equal in every pair {apart} apart",
            "across_fill": "observed training values that change only across filled ones",
            UNOBSERVED: f"no two observed training values {apart} apart",
            "short": f"fewer than season + 1 = {season + 1} training rows",
            "apart": f"no two training values {'one step' if season == 1 else 'a season of calendar steps'} apart"}.get(cause, f"a zero in-sample {scale_name(season)} "
                                                                                   "error")


def reasons(mase: np.ndarray, scales: np.ndarray, codes: np.ndarray | None, season: int) -> list:
    """Why each series [S] has no MASE (``mase`` [S] NaN), in a figure's words (``short_why``), from its ``scales``
    [S, ...] and their ``codes`` (``causes``); None for a series that has a MASE, or none for want of windows rather
    than of a scale: only a series without a MASE is given a reason, and only its own."""
    return [None if np.isfinite(m) or cause is None else short_why(cause, season)
            for m, cause in zip(np.asarray(mase, dtype=float), causes(scales, codes))]


def kept(state) -> np.ndarray:
    """[S, T] the codes a fitted model (``state``: its ``FittedState``) kept of its zero scales; ``UNKNOWN``
    everywhere where it kept none (no scale of it is 0, or it was saved before they were kept)."""
    codes = getattr(state, "mase_zero", None)
    return codes if codes is not None else np.zeros(np.shape(state.mase_scales), dtype=np.int64)
