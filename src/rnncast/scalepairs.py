"""How many pairs of training values each series' MASE scale rests on, and the warning where they are few
(decision 2160).

MASE's scale (Hyndman and Koehler, "Another look at measures of forecast accuracy", IJF 22(4), 2006) is the in-sample
mean absolute (seasonal) naive error over a series' training rows, meant as a stable yardstick of that series. A series
whose training rows reach barely past a season has few pairs a season apart: a store of 53 weekly training rows at
season 52 has one, so its scale is a single |difference|, one noisy draw, and its MASE any multiple of what its errors
warrant (r40 tester: 0.75 against 11.5-49.3 for its neighbours; it ranked first of 11 and moved the pooled MASE from
0.994 to 1.181). The mean of n absolute differences of normal steps (half-normal, coefficient of variation 0.76) has a
standard error of 0.76 / sqrt(n) of itself: over 20% below ``MIN_PAIRS`` = 15 pairs, whatever the season or the
horizon. Such a scale is named with its pairs where MASE divides by it (``warn``): at a fit with test rows
(``observed.in_sample``; a final fit makes no MASE), by a backtest of each scale's fewest over its windows
(``windowscales.warn``, decision 2247), and by evaluate of
the scales it divides by, the model's kept ones (``warn_scored``, from ``forecasting.part_forecasts``; decision 2205).

The pooled MASE keeps such series: their scale is defined as Hyndman and Koehler define it, and a cut by count would
make the pooled figure jump as one more row arrives (14 pairs to 15) and leave their errors unscored; the warning says
how to score the others apart. Each series' pairs are in evaluate's ``result["series"]`` (``attach``: ``mase_pairs``),
so its by-series JSON and CSV show them beside its MASE; a backtest's by-series table gives each series' fewest over its
windows (``fewest``), and metrics.json's windows each window's own (decision 2220).
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import noticed
from rnncast.spelling import counted, some

log = logging.getLogger(__name__)

MIN_PAIRS = 15  # below it, the scale's standard error is over 20% of it (0.76 / sqrt(n))
KEY = "mase_pairs"


def who(panel, s: int, t: int) -> str:
    """"target 'y' of series 'B'": how a warning names target ``t`` of the panel's series ``s`` (a wide table's
    series by its own column alone)."""
    name = f"target {panel.named_columns(s)[t]!r}"  # a wide table's: the series' own column
    return name if panel.id_col is None or panel.layout == "wide" else f"{name} of series {panel.given_id(s)!r}"


def warn(few: list[str], season: int, doing: str = "fit", others: bool = True) -> None:
    """Name the scales of ``few`` ("target 'y' of series 'N076' (1 pair)"), once a call (a backtest's
    cutoffs say it once); nothing where none is few. ``doing``: "fit" (a fit's test scores), "evaluate" (the scales
    evaluate divides by: the model's kept ones, or the data's own where its rows differ; decision 2205) or "backtest"
    (each scale's fewest pairs above 0 over the windows, with the window: ``windowscales.warn``, decision 2247; its
    by-series table gives each series' fewest: decision 2220); ``others`` False:
    no other series to score apart (one series, or every one few)."""
    if not few or not noticed.first_in_call("mase few", season):
        return
    apart = "one row" if season == 1 else f"one season ({season} rows)"
    many = len(few) > 1
    their, them = ("their", "them") if many else ("its", "it")
    divided = ", which evaluate divides by," if doing == "evaluate" else ""
    values, before = {"fit": ("values", " before the cutoff"), "evaluate": ("values", " before the fit's cutoff"),
                      "backtest": ("values", " before the cutoff of the window named (each scale's fewest pairs over "
                                             "the windows that have one: a later cutoff reads more rows, so more pairs)")}[doing]
    pairs = (f"the backtest's by-series scores give each series' fewest over its windows ({KEY}); more rows before "
             "the window's cutoff give more pairs" if doing == "backtest" else f"the by-series scores give each scale's pairs ({KEY}); "
             + ("more rows before the cutoff give more pairs" if doing == "fit" else "a fit on more rows gives more pairs"))
    data = {"fit": "evaluate's data", "evaluate": "the data evaluated", "backtest": "the data backtested"}[doing]
    others = f", or leave {their} rows out of {data} to score the others apart" if others else ""
    log.warning("MASE's %s of %s%s %s on fewer than %d pairs of %s %s apart%s: a mean of so few differences is a noisy "
                "scale (its standard error over 20%% of it), so %s MASE may be far off either way and sway the pooled "
                "MASE, which counts %s; %s%s", "scales" if many else "scale", some(few), divided,
                "rest" if many else "rests", MIN_PAIRS, values, apart, before, their, them, pairs, others)


def warn_scored(pairs: np.ndarray | None, panel, series, season: int) -> None:
    """evaluate's few-pairs warning (``warn``, "evaluate"): of the scales ``pairs`` [S, T] (``fitrows.Source.pairs``,
    in the order of ``panel``'s series) of the series scored, ``series`` [W] (each window's; None: the one series),
    on fewer than ``MIN_PAIRS`` (and above 0: no scale is said apart). Nothing where ``pairs`` is None (a model saved
    before they were kept: decision 2205)."""
    if pairs is None:
        return
    scored = np.unique(np.zeros(1, dtype=np.int64) if series is None else np.asarray(series, dtype=np.int64))
    few = [(int(s), t) for s in scored for t in range(pairs.shape[1]) if 0 < pairs[s, t] < MIN_PAIRS]
    warn([f"{who(panel, s, t)} ({counted(int(pairs[s, t]), 'pair')})" for s, t in few], season, "evaluate",
         len({s for s, _ in few}) < len(scored))


def fewest(pairs: np.ndarray, held: np.ndarray) -> np.ndarray:
    """[S, T] each series' fewest pairs over its windows of a backtest, ``pairs`` [S, K, T] (each window's scale's,
    read where ``held`` [S, K]; 0 for a series without a window): the fewest above 0 over any window, those its MASE
    pools, the count its by-series ``mase_pairs`` gives (0 only where no window has a scale: decisions 2220, 2247)."""
    most = np.iinfo(np.int64).max
    counts = np.where(held[:, :, None] & (pairs > 0), pairs, most).min(axis=1, initial=most)
    return np.where(counts < most, counts, 0)


def attach(series: dict, pairs: np.ndarray | None, ids: list, key) -> None:
    """Add to each entry of ``series`` (evaluate's ``result["series"]``) the pairs its MASE scale rests on, ``pairs``
    [S, T] in the order of ``ids`` [S] (``key(id)``: an id's entry key, ``evaluation.series_key``): ``"mase_pairs"``
    (int) with one target, in each target's ``by_target`` block with several. Nothing where ``pairs`` is None (a
    model saved before they were kept)."""
    if pairs is None:
        return
    for s, series_id in enumerate(ids):
        entry = series.get(key(series_id))
        if entry is None:
            continue
        if "by_target" in entry:
            for t, block in enumerate(entry["by_target"].values()):
                block[KEY] = int(pairs[s, t])
        else:
            entry[KEY] = int(pairs[s, 0])
