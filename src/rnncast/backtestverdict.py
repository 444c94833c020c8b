"""A backtest's verdict: evaluate's (``verdicts.verdict``) over the backtest's windows, then how its
Diebold–Mariano test ran over the cutoffs (``significance.diebold_mariano_cutoffs``): the cutoffs it counts, how a
panel's windows were grouped (summed per cutoff, per date, or per window number), the lags its variance adds where
windows share targets, or why no test could be made (too few cutoffs for the windows' reach); and how the test groups
a backtest's windows before it runs (``test_cutoffs``: by cutoff date).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.baselines import named
from rnncast.calendarsteps import text as step_text
from rnncast.panel import Panel
from rnncast.pvaluecaveats import FEW_DEGREES
from rnncast.seasons import recorded as recorded_season
from rnncast.significance import VERDICT_ALPHA
from rnncast.spelling import counted, some
from rnncast.verdicts import outcome, verdict


def backtest_test(m: dict) -> dict:
    """A backtest's metrics (``backtest.run``) as ``verdict`` reads a part's scores: every window's
    scores in both units and the Diebold–Mariano results; ``column_mse``: the other MSEs its table's column shows
    (each window's, each target's), for the verdict to quote its own as that column writes them."""
    unit = "scaled" if m.get("verdict_units") == "scaled" else "original"  # the table's MSE column (backtestpage)
    blocks = [w.get("scaled") if unit == "scaled" else w for w in m.get("windows", ())] + [
        each[unit] for each in (m.get("overall_by_target") or {}).values()]
    column = [s["mse"] for b in blocks for k, s in (b or {}).items() if isinstance(s, dict) and "mse" in s]
    return {"original": m["overall"], "scaled": m["overall_scaled"], "significance": m["significance"],
            **({"significance_pinball": m["significance_pinball"]} if "significance_pinball" in m else {}),
            "scored": {"series": m["series"], **({"seasonal_shifted": m["seasonal_shifted"]} if m.get(  # decision 1787
                "seasonal_shifted") else {})}, "targets": m.get("targets", 1), "column_mse": column,
            **{key: m[key] for key in ("target_shares", "scaled_few", "zero_actuals")  # what the verdict rests on
               if m.get(key)},
            **({"scaled_by": m["scaled_by"]} if m.get("scaled_by") else {})}


def backtest_verdict(m: dict, alpha: float = VERDICT_ALPHA, told: tuple | None = None) -> tuple[bool, str]:
    """evaluate's verdict over a backtest's windows, then how the Diebold–Mariano test was done on
    them (``significance.diebold_mariano_cutoffs``) or why it could not be. ``told``: ``verdicts.outcome`` of the
    windows' scores where the caller has it, else found here, once."""
    told = outcome(backtest_test(m), m["verdict_units"], alpha) if told is None else told
    good, sentence = verdict(backtest_test(m), m["verdict_units"], alpha, where="the backtest windows",
                             season=recorded_season(m), told=told)
    tests = list(m["significance"].values())
    cutoffs, reach = tests[0]["origins"], tests[0]["lags"] + 1  # reach: the cutoffs one window's targets reach
    if all(t["p_value"] != t["p_value"] for t in tests):  # NaN: no test could be made
        if cutoffs < 2 * reach:
            why = (f"{_counted(m, cutoffs)} too few" +
                   (f": {_reach(m, together=True)} over {reach} cutoffs, and the test needs twice that, {2 * reach}" if reach > 1
                    else ": it needs 2") +
                   "; give more cutoffs (n_windows=, --n-windows)" + (" or a larger step (step=, --step)" if reach > 1 else ""))
        else:
            why = "the loss differences between the model and the baselines do not vary"
        return good, f"{sentence} No Diebold–Mariano test: {why}."
    series = _grouped(m)
    ewc = all(t.get("variance") == "ewc" for t in tests)
    overlap = (f"; {_reach(m)}, so its variance "
               + (f"allows for their autocorrelation over {counted(reach - 1, 'lag')}" if ewc
                  else f"adds their autocovariances over {counted(reach - 1, 'lag')}")
               + ("" if _shared(m) else f" (neighbouring cutoff {m.get('cutoffs_on', 'dates')} in time order, of "
                  "whichever series)") + _weighted(m, ewc) if reach > 1 else "")
    _, shown, model, rival, _, p = told  # the baseline the sentence names
    untested = (f"No test against {named(shown)} could be made (the loss differences do not vary); against the "
                "others, the" if p != p else "The")
    return good, (f"{sentence} {untested} Diebold–Mariano test runs over the {cutoffs} cutoffs{series}{overlap}; "
                  f"it is compared with {_reference(m)}"
                  + (": with few cutoffs only a steady difference counts." if good or model < rival else ".")  # not beside a loss
                  + _power(m, tests[0]))


def _power(m: dict, test: dict) -> str:
    """What raises the test's power where overlapping windows left its EWC reference ``FEW_DEGREES`` or fewer degrees of
    freedom (``significance.cosine_terms`` caps them at span / (2 horizon): 30 cutoffs one step apart at horizon 10
    are read against t at 1, decision 655): cutoffs a horizon apart, or more windows (decision 2043); "" otherwise."""
    df, horizon = test.get("df", float("nan")), m.get("horizon")
    if test.get("variance") != "ewc" or not df <= FEW_DEGREES:
        return ""
    step = f" (--step {horizon}, step={horizon})" if isinstance(horizon, int) else " (--step, step=)"
    return (f" At {counted(int(df), 'degree')} of freedom the test has little power: cutoffs at least a horizon "
            f"apart{step} share no target, so the paired t-test reads them at one less than their count, and more "
            "windows (--n-windows) add degrees of freedom either way.")


def _counted(m: dict, cutoffs: int) -> str:
    """"3 cutoffs are"; for a panel whose series' cutoff dates are more than its windows, "2 windows (3 cutoff dates:
    the series' calendars differ) are", so the count matches the --n-windows given."""
    windows, on = m.get("n_windows"), m.get("cutoffs_on", "dates")
    if m.get("series", 1) < 2 or not windows or windows == cutoffs or "cutoff_dates" not in m or on != "dates":
        return f"{cutoffs} cutoff{'s are' if cutoffs != 1 else ' is'}"
    if _shared(m):  # the others left out in every series (decision 2039)
        return f"{cutoffs} cutoff{'s' if cutoffs != 1 else ''}{_gone(m)} {'are' if cutoffs != 1 else 'is'}"
    why = ("series' calendars differ" if m.get("cutoff") or m.get("end_dates", 2) < 2 else
           f"series end on {m['end_dates']} different dates" if "end_dates" in m else "series end on different dates")
    return f"{counted(windows, 'window')} ({cutoffs} cutoff dates: the {why}) {'are' if windows != 1 else 'is'}"


def _weighted(m: dict, ewc: bool) -> str:
    """How the lags were weighed: the equal-weighted cosine estimator (decision 655; ``ewc``: every test's variance
    is), or, in a metrics.json written before it, unweighted as dm.test, with its fallback where that sum was not
    positive."""
    if ewc:
        terms = next(iter(m["significance"].values()))["terms"]
        return (f": the equal-weighted cosine estimator over {counted(terms, 'term')} (Lazarus, Lewis, "
                "Stock & Watson 2018), evaluate's, which holds its size with few cutoffs (Coroneo & Iacone 2020)")
    dropped = [name for name, t in m["significance"].items() if t.get("no_lags_because_negative")]
    return (", unweighted as R's forecast::dm.test" + (f" (against {' and '.join(map(named, dropped))} that sum was not "
            "positive, so, as dm.test does, the lags were dropped)" if dropped else ""))


def _reference(m: dict) -> str:
    """The t reference the test was read against: EWC's fixed-smoothing t at its terms, or Harvey–Leybourne–Newbold's
    at cutoffs - 1 (the paired t-test where windows share no target, and every metrics.json before decision 655)."""
    test = next(iter(m["significance"].values()))
    if test.get("variance") == "ewc":
        return f"Student's t at {counted(test['df'], 'degree')} of freedom (EWC's fixed-smoothing reference)"
    return (f"Student's t at {counted(test['origins'] - 1, 'degree')} of freedom "
            + ("(the paired t-test)" if test.get("variance") == "paired" else "(Harvey–Leybourne–Newbold's small-sample form)"))


def _shared(m: dict) -> bool:
    """Whether every series of a backtest has the same cutoff dates (or there are no dates: one number each): one
    date for each cutoff, those left out in every series (``cutoffs_left_out``: a row missing there) not counted."""
    return m.get("cutoff_dates") is None or m["cutoff_dates"] == (m.get("n_windows") or 0) - m.get("cutoffs_left_out", 0)


def _gone(m: dict) -> str:
    """" (2 of the 5 are left out in every series)" where some cutoffs are in no series' windows; "" where none is."""
    gone = m.get("cutoffs_left_out", 0)
    return f" ({gone} of the {m['n_windows']} {'is' if gone == 1 else 'are'} left out in every series)" if gone else ""


def _lacking(m: dict) -> str:
    """The windows a backtest left out because their series lacks a row at the cutoff or after it
    (``calendarcuts.left_out``), in a clause: "; 1 of the 12 windows is left out: 'S0' lacks a row there"; "" where
    none is."""
    out = m.get("windows_left_out")
    if not out:
        return ""
    total = out.get("series", len(out["ids"]))  # the record keeps the first ten ids
    who = "the series" if out["ids"] == [None] else some([repr(i) for i in out["ids"]], len(out["ids"]), total=total)
    return (f"; {out['windows']} of the {counted(out['of'], 'window')} "
            f"{'is' if out['windows'] == 1 else 'are'} left out: {who} {'lacks' if total == 1 else 'lack'} "
            "a row there")


def _reach(m: dict, together: bool = False) -> str:
    """Why a backtest's test adds lags: its windows' targets overlap in time. With cutoffs left out in every series,
    those that remain are not evenly spaced (decision 2066)."""
    if _shared(m) and m.get("cutoffs_left_out"):
        return (f"the cutoffs that remain ({step_text(m)} or a multiple of it apart, with horizon {m['horizon']}) share "
                f"targets{'' if together else ' where less than a horizon apart'}")
    if _shared(m) and together:
        return f"windows {step_text(m)} apart with horizon {m['horizon']} share targets"
    if _shared(m):
        return f"windows {step_text(m)} apart share targets (horizon {m['horizon']})"
    on = m.get("cutoffs_on", "dates")  # rows: a wide table's without time, which its series share
    return f"cutoff {on} less than a horizon ({m['horizon']}) apart forecast overlapping {'rows' if on == 'rows' else 'times'}"


def _grouped(m: dict) -> str:
    """How the backtest's test grouped a panel's windows (``test_cutoffs``); nothing for one series."""
    if m["series"] < 2:  # its windows left out, where a row is missing: " (1 of the 3 windows is left out: ...)"
        return f" ({_lacking(m).removeprefix('; ')})" if _lacking(m) else ""
    if m.get("cutoff_dates") is None and "cutoff_dates" in m:  # no times: the windows of one number
        return (f", each window number's loss differences summed over the {m['series']} series (without times, their "
                "windows of one number are taken to end together and may share shocks, so each counts once)")
    if _shared(m):  # those left out in every series said, not taken for calendars that differ (decision 2039)
        return (f"{_gone(m)}, each cutoff's loss differences summed over the {m['series']} series{' that hold it' * bool(_lacking(m))} "
                f"(the series at one cutoff may share shocks, so each cutoff counts once{_lacking(m)})")
    on = m.get("cutoffs_on", "dates")  # rows: a wide table's without time, which its series share
    one = on.removesuffix("s")
    if m.get("cutoff") or m.get("end_dates", 2) < 2:  # cut at one time, or ending together: their calendars step apart
        ends = f"the {m['series']} series' calendars differ, so their cutoffs do not all fall on the same {on}"
    else:  # metrics.json before decision 655 lacks the count
        ends = (f"the {m['series']} series end on {m['end_dates']} different {on}" if "end_dates" in m else
                f"the {m['series']} series do not all end on one {one}")
    return (f" ({ends}: {m['cutoff_dates']} cutoff {on} in all), each {one}'s "
            f"loss differences summed over the series cut off at it (series cut off at one {one} may share shocks, so "
            f"each {one} counts once)")


def test_cutoffs(panel: Panel, first_rows: np.ndarray, horizon: int, step: int,
                 held: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """How the Diebold–Mariano test groups the windows [W] (series-major: those ``held`` [S, K] keeps), and ``reach``: how many successive
    groups one window's targets reach (``diebold_mariano_cutoffs`` with ``horizon=reach, step=1``). With times, a
    group is a cutoff date, numbered in time order: series cut off at one date may share its shocks (series that end
    on different dates have cutoffs of their own), and a later date whose first target comes before an earlier date's
    last target overlaps it in time. The rows a wide table's series share (``Panel.row_numbers``) are taken as times;
    without either, the windows of one number are taken to end together. When every series shares the cutoffs, the
    groups are the windows and ``reach`` is ``ceil(horizon / step)``, as before."""
    stamps = panel.time if panel.time is not None else (
        pd.Index(panel.row_numbers) if panel.row_numbers is not None else None)
    held = np.ones(first_rows.shape, dtype=bool) if held is None else held
    if stamps is None:
        return np.nonzero(held)[1], -(-int(horizon) // int(step))
    rows = (panel.offsets[:-1, None] + first_rows)[held]  # [W] each window's first target in the stacked panel
    cutoff = pd.Index(stamps[rows - 1])
    groups, dates = cutoff.factorize(sort=True)  # [S * K] each window's date's rank, the dates in time order
    last = pd.Series(stamps[np.minimum(rows + horizon - 1, np.repeat(panel.offsets[1:] - 1, held.sum(axis=1)))]).groupby(
        groups).max()  # each date's last target (a window lacking a date it forecasts may reach past its series' end)
    reach = max(1 + int((dates[i + 1:] < last[i]).sum()) for i in range(len(dates)))
    return groups.astype(np.int64), reach


def end_count(panel: Panel) -> int:
    """How many different times (or shared rows) the series end on; 1 without either. Their last cutoffs were
    counted once, which a ticker ending a day before the others on a calendar of its own can share with them."""
    stamps = panel.time if panel.time is not None else panel.row_numbers
    return 1 if stamps is None else len(set(np.asarray(stamps)[panel.offsets[1:] - 1].tolist()))
