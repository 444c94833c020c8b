"""The words of ``interruptions``' lines: one line per group of stretches that overlap (where, how far, which rows
train on it, what it does to MASE's scale and the training mean, what to do), and the one line naming the columns the
rule could not read (decisions 2053, 2087, 2088, 2090, 2237; a scale moved under 0.5 % said as unchanged, 2154, only where
every stretch of the line leaves it so, 2198)."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from rnncast.panel import Panel, of_series
from rnncast.spelling import counted, listing, some


def names_of(panel: Panel, these: list[dict]) -> list[str]:
    """How a line names each entry of ``these`` (``interruptions.find``'s): its series where the series' one target
    is meant, else "column 'y'" and its series."""
    return [g["owner"] if g["owner"] and panel.n_targets == 1 else
            f"column {g['column']!r}{of_series(panel, g['series'])}" for g in these]


def unread_line(panel: Panel, unread: list[dict]) -> str:
    """The columns ``interruptions.find`` did not read (entries with "unread": why), in one line, by reason:
    "not checked for a stretch far below or above its level, then back (an interruption, a surge): column 'temp'
    (values below 0), which has no level to be a share of" (decision 2088)."""
    reasons: dict[str, list[str]] = {}
    for g, name in zip(unread, names_of(panel, unread)):
        reasons.setdefault(g["unread"], []).append(name)
    parts = [f"{listing(n) if len(n) <= 5 else some(n)} ({why})" for why, n in reasons.items()]
    many = len(unread) > 1
    return ("not checked for a stretch far below or above the level, then back (an interruption, a surge): "
            f"{'; '.join(parts)}, which {'have' if many else 'has'} no level for a stretch to be a share of")


@contextmanager
def unread_unsaid():
    """Within this block ``interruptions.warn`` does not say ``unread_line`` (its one INFO line; the stretches'
    warnings are said): a demo's built-in data (a sine around 0, the regression set's y), which goes below 0 by design
    and is no user's to check, so the line would only ask a newcomer a question they cannot act on; fit and backtest
    say it of a user's data (decision 2155)."""
    logger = logging.getLogger("rnncast.interruptions")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def line(panel: Panel, these: list[dict], again: bool = False, final: bool = False) -> str:
    """One group's line (``these``: stretches of ``interruptions.find`` that overlap and go the same way): "series
    'Alps' runs at 10-30 % of its level from 2020-04 to 2021-06 (15 rows, ...) and comes back: an interruption ...",
    or "... runs at 2.8-3.3 times its level ... and comes back: a surge ..." (decision 2087). ``again``: said before in
    this call while none of its rows were training rows (a refit backtest's earlier cutoff), now said for the first
    cutoff that trains on it (decision 2090). ``final``: a final fit (``finalfit.unscored``), which makes no MASE and no
    test score: the line says the network learns it and how far it moves the training mean, nothing of MASE's scale
    or the scores (decision 2156)."""
    f = these[0]
    names = names_of(panel, these)
    said = names if len(names) == 1 or not all(n.startswith("series ") for n in names) else [
        names[0], *(n[len("series "):] for n in names[1:])]  # series 'Alps', 'Capital' and 10 more
    one = len(these) == 1
    low, high = min(g["low"] for g in these), max(g["high"] for g in these)
    above = low > 1  # a surge (decision 2087)
    share = (f"{low:.1f}-{high:.1f} times" if f"{low:.1f}" != f"{high:.1f}" else f"{low:.1f} times") if above else \
        f"{100 * low:.0f}-{100 * high:.0f} % of" if round(100 * low) != round(100 * high) else f"{100 * low:.0f} % of"
    trained, checked = [g["training_rows"] for g in these], [g["validation_rows"] for g in these]
    inside = ("all of them training rows" if all(t == g["rows"] for t, g in zip(trained, these)) else
              "none of them training rows" if not any(trained) else
              counted(trained[0], "training row") if len(set(trained)) == 1 else "some of them training rows")
    if any(checked):  # the validation rows choose the epoch kept (decision 2084): "15 rows: 0 training, 9 validation"
        inside = f"{span_of(trained)} training, {span_of(checked)} validation rows, which choose the epoch"
    its, who = ("its", listing(said)) if one else ("their", listing(said) if len(said) <= 5 else some(said))
    first, last = min(these, key=lambda g: g["span"][0]), max(these, key=lambda g: g["span"][1])
    rows = sorted({g["rows"] for g in these})
    same = len({g["start"] for g in these}) == 1 and len({g["end"] for g in these}) == 1
    where = (f"from {f['start']} to {f['end']} ({counted(f['rows'], 'row')}" if same else
             f"between {first['start']} and {last['end']} ({rows[0]} to {rows[-1]} rows in a row, the dates differing "
             "by series")
    scored = any(g["later_rows"] for g in these)
    what = "a surge (a promotion, an epidemic's wave, a sensor stuck high)" if above else \
        "an interruption (a closure, an outage, a pandemic)"
    if below := sum(g.get("below_zero", 0) for g in these):  # read as 0 under --nonnegative (decision 2237)
        what = (f"a drift below the floor ({counted(below, 'value')} below 0, which --nonnegative declares the target "
                "never is: a sensor's zero drift, a calibration off)")
    text = (f"{who} {'runs' if one else 'run'} at {share} {its} level {where}{': ' if any(checked) else ', '}"
            f"{inside}) and {'comes' if one else 'come'} back: {what}? "
            + ("The network learns it as the series' behaviour" if any(trained) else
               "The network never trained on it, yet its loss on those validation rows chooses the epoch kept, or keeps "
               "the untrained network where no epoch beats it there" if any(checked) else "The network never trained on it")
            + (", and the scores of the windows over it measure forecasts of it" if scored and not any(trained) else ""))
    trains = [g for g in these if g["training_rows"] + g["validation_rows"] and g["scale_without"] > 0 and g["scale"] >= 0
              and g["scale"] != g["scale_without"]]
    moved = [g for g in these if g["training_rows"] and g["mean_without"]] if final else []
    if moved:  # a final fit: the training mean the stretch moves most, no MASE (decision 2156)
        g = max(moved, key=lambda g: abs(g["mean"] / g["mean_without"] - 1))
        most = "" if one else f" ({names[these.index(g)]}, the most)"
        text += f", and {its} training rows move the training mean {_moves(g)}{most}"
    elif trains and not final:
        text += ", and " + _scale_clause(these, trains, names, its, one)
    if any(trained) and not final and not above:  # the baselines a verdict weighs read them (decision 2250)
        text += ("; the training mean and climatology baselines (the latter each day's training mean of its date, "
                 "where fit scores one) read them as any other training rows")
    if again:  # decision 2090: the cutoffs after it train on it too (a backtest's windows grow)
        text += (f"; an earlier cutoff named it before any of {its} rows were training rows: this cutoff's training rows "
                 "hold it, and so do every later cutoff's: each of their networks learns it, and each of their MASE "
                 "scales holds it")
    return text + ("; to keep them out, blank those rows and fit with --fill interpolate (fill='interpolate'), whose "
                   + ("made values the network learns in their place and the training mean leaves out" if final else
                      "made values stay out of the scores, MASE's scale, the training mean and the climatology")
                   + ", or mark them with a future covariate (a 0/1 column, --future-covariates)")


def _ratio(g: dict) -> float:
    return g["scale"] / g["scale_without"]


def _moves(g: dict) -> str:
    """How far stretch ``g`` moves its series' training mean: "+3%", "by under 0.5%" (not "+0%", decision 2154); ""
    where the mean without it is 0, of which no share is one (not "+nan%", decision 2198)."""
    if not g["mean_without"]:
        return ""
    change = 100 * (g["mean"] / g["mean_without"] - 1)
    return f"{change:+.0f}%" if abs(change) >= 0.5 else "by under 0.5%"


def _scale_clause(these: list[dict], trains: list[dict], names: list[str], its: str, one: bool) -> str:
    """What the stretches ``trains`` (of ``these``) with rows before the cutoff do to MASE's scale (decision 2210), in
    the words of the stretch that raises it most, else the one that lowers it most (decision 2134), among those that
    move it 0.5 % or more, so a +0.3 % raise does not speak for a group where another stretch halves its scale; "as
    good as unchanged" only where every stretch leaves it so (decisions 2154, 2198)."""
    moving = [g for g in trains if f"{_ratio(g):.2f}" != "1.00"]
    pool = moving or trains
    raised = [g for g in pool if g["scale"] > g["scale_without"]]
    g = max(raised, key=_ratio) if raised else min(pool, key=_ratio)
    unit = "one row" if g["season"] <= 1 else f"one season ({g['season']} rows)"
    mean = f"; the training mean moves {_moves(g)}" if _moves(g) else ""  # of the rows before the cutoff (2174)
    if not moving:  # under 0.5 % either way, every one: no "raise ... 1.00 times" (decision 2154)
        whose = "" if one else f" ({names[these.index(g)]}; each stretch's under 0.5 % apart)"
        return (f"{its} rows before the cutoff leave MASE's scale as good as unchanged (their mean difference {unit} "
                f"apart: {g['scale']:.6g} with the stretch's pairs, {g['scale_without']:.6g} without"
                f"{whose or ', under 0.5 % apart'}){mean}")
    most = "" if one else f" ({names[these.index(g)]}, the most)"
    return (f"{its} rows before the cutoff {'raise' if raised else 'lower'} MASE's scale (their mean difference "
            f"{unit} apart) {'' if raised else 'to '}{_ratio(g):.2f} times: {g['scale']:.6g} with the stretch's pairs, "
            f"{g['scale_without']:.6g} without{most}, so every MASE reads {'lower' if raised else 'higher'}{mean}")


def span_of(counts: list[int]) -> str:
    """"9" where the series of a line share the count, "4 to 9" where they differ."""
    return str(counts[0]) if len(set(counts)) == 1 else f"{min(counts)} to {max(counts)}"
