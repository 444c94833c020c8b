"""Why fit left each series out, and the setting that keeps them, as fit's warning and predict's and evaluate's say it.

Fit leaves a series out where its rows (up to the cutoff, where one cuts every series, and after it) do not hold
lookback + horizon training rows and a horizon in the validation share (and in the test share, or after the cutoff).
A tester's weekly panel lost 17 of 40 products at fit: most held two years of weeks (96 to 105 up to the cutoff), left
out only because the last 10% of them, 10 rows, cannot hold a horizon of 13. Predict then named 10 of them, "too few
rows up to the fit's cutoff or after it" ("too short to train" for their future rows), and no line offered
``val_frac`` 0.15, which keeps all but 4 (decision 1889). ``said`` is that warning: the series, their reason
(``leftout.reason``), where all of them are listed, what each needed (``leftout.needs``) and the remedy (``keeps``);
``keeps`` is fit's too.
"""

from __future__ import annotations

import numpy as np

from rnncast.cutoffadvice import most_kept
from rnncast.leftout import needs, reason
from rnncast.settingsearch import SHARES
from rnncast.spelling import listing, some, spelled
from rnncast.windows import split_fits


def kept(records: list[dict], lookback: int, horizon: int, val_frac: float, test_frac: float) -> np.ndarray:
    """[R] whether fit with these settings keeps each series of ``records`` (``cutting.report_short``'s: ``rows``, and
    at a cutoff ``cutoff_rows``, its rows up to it and after it): its rows (up to the cutoff, with a horizon after it)
    split as ``windows.chronological_split`` splits them (``windows.split_fits``; no test share at a cutoff)."""
    cut = np.array(["cutoff_rows" in d for d in records], dtype=bool)
    rows = np.array([d["cutoff_rows"][0] if "cutoff_rows" in d else d["rows"] for d in records], dtype=np.int64)
    after = np.array([d["cutoff_rows"][1] if "cutoff_rows" in d else horizon for d in records], dtype=np.int64)
    return split_fits(rows, lookback, horizon, val_frac, np.where(cut, 0.0, test_frac)) & (after >= horizon)


def keeps(records: list[dict], lookback: int, horizon: int, val_frac: float, test_frac: float, again: str = "fit again",
          whole: str = "all of them") -> str:
    """What keeps the most of the series ``records`` fit left out, fitted again (decision 1889): the share of
    ``val_frac`` nearest the one given that keeps the most of them (and, where one less than half as far keeps fewer
    but more than any nearer still, that one before it), and the largest horizon below the one given that keeps as
    many (or any, where no share does), and the largest lookback below the one given that keeps the most any shorter
    one keeps, where that is as many (the training rows bind: 100 rows at lookback 96, horizon 12; decision 1953): "; fit again with val_frac 0.15
    (val_frac=0.15, --val-frac 0.15) to keep 13 of them, with val_frac 0.27 (...) to keep 14 or with horizon 5
    (horizon=5, --horizon 5) to keep 14"; "" where none keeps one. A final fit (``test_frac`` 0, no cutoff: no record
    has ``cutoff_rows``) is offered val_frac 0 first where it keeps more than any share (decision 2164): its
    validation rows only choose the epoch, and a final fit may train on every row. ``again``, ``whole``: the words of a
    backtest's refusal ("backtest again", "it": a single series, its offers each "to keep it"; decision 2004)."""
    if not records:
        return ""
    now = {"lookback": lookback, "horizon": horizon, "val_frac": val_frac, "test_frac": test_frac}
    shares = {x: int(kept(records, **{**now, "val_frac": x}).sum()) for x in SHARES} if val_frac > 0 else {}
    better = []  # from the share given outwards, each that keeps more than every share nearer it: the last two said
    for x in sorted(shares, key=lambda x: (abs(x - val_frac), x)):
        if shares[x] > (better[-1][1] if better else 0):
            better.append((x, shares[x]))
    if len(better) > 1 and abs(better[-2][0] - val_frac) >= abs(better[-1][0] - val_frac) / 2:
        better = better[-1:]  # the nearer one that keeps fewer is said only where it is much nearer
    offers = [(f"val_frac {x:g} ({spelled('val_frac', x)})", n) for x, n in better[-2:]]
    most = better[-1][1] if better else 0
    final = test_frac == 0 and val_frac > 0 and not any("cutoff_rows" in d for d in records)
    if final and (n := int(kept(records, **{**now, "val_frac": 0.0}).sum())) > most:  # decision 2164
        offers.insert(0, (f"val_frac 0 ({spelled('val_frac', 0)})", n))
    for h in range(horizon - 1, 0, -1):
        if (n := int(kept(records, **{**now, "horizon": h}).sum())) >= max(most, 1):
            offers.append((f"horizon {h} ({spelled('horizon', h)})", n))
            break
    fewer = {b: int(kept(records, **{**now, "lookback": b}).sum()) for b in range(lookback - 1, 0, -1)}
    if fewer and (top := max(fewer.values())) >= max(most, 1):  # the largest lookback that keeps the most it can
        b = max(b for b, n in fewer.items() if n == top)
        offers.append((f"lookback {b} ({spelled('lookback', b)})", top))
    best = max((n for _, n in offers), default=0)  # where no offer keeps them all: val_frac 0, a final fit (2272)
    if test_frac > 0 and best < len(records) and not any("cutoff_rows" in d for d in records):
        for test, words in ((test_frac, "val_frac 0 (--val-frac 0, still scored on the test rows)"),
                            (0.0, "test_frac 0 and val_frac 0 (a final fit, unscored: --test-frac 0 --val-frac 0)")):
            at = {b: int(kept(records, **{**now, "val_frac": 0.0, "test_frac": test, "lookback": b}).sum())
                  for b in range(lookback, 0, -1)}
            if (top := max(at.values())) >= max((n for _, n in offers), default=0) + (test > 0) and top:
                b = max(b for b, n in at.items() if n == top)
                offers.append((words + (f" and lookback {b} (--lookback {b})" if b < lookback else ""), top))
    said = [f"with {setting} to keep {whole if n == len(records) and (i == 0 or n == 1) else f'{n} of them' if i == 0 else n}"
            for i, (setting, n) in enumerate(offers)]
    return f"; {again} {listing(said, 'or')}" if said else ""


def said(names: list[str], records: list[dict], data, doing: str, ids=None) -> str:
    """predict's and evaluate's warning on the series of the data that fit left out (``names``: as given, quoted;
    ``records``: fit's, ``FittedState.skipped_series``, of which those of ``ids`` are said (the data's series, as the
    model holds them; None: all); ``data``: the fit's ``DataSettings``; ``doing``: "forecast", "scored"): the first
    ten named, and where more, where all of them are listed with each one's rows and reason (the fit run's
    metrics.json ``skipped_series``, ``leftout.reasoned``, or a Python fit's ``skipped_series_``); their reason
    (``leftout.reason``), what each needed (``leftout.needs``) and what keeps them (``keeps``)."""
    present = None if ids is None else set(ids)
    records = [d for d in records if present is None or d["id"] in present]
    settings = (data.lookback, data.horizon, data.val_frac, data.test_frac)
    n = len(names)
    where = (f" (all {n}, each with its rows and reason, are in the fit run's metrics.json skipped_series, or a "
             "Python fit's skipped_series_)" if n > 10 else "")
    first = records[0] if records else {}
    need = f"; each needs {needs(records, data)}" if "needed" in first or "cutoff_needs" in first else ""
    return (f"series {some(names, 10)} {reason(records, one=n == 1)} and {'is' if n == 1 else 'are'} not "
            f"{doing}{where}{need}{keeps(records, *settings)}")


def more_kept(panel, data_s) -> str:
    """What keeps more series of a panel every one of which is too short for ``data_s``'s fractions, each with how
    many it keeps (decision 2118): "; of the 40 series, val_frac 0 (val_frac=0, --val-frac 0) keeps 15, the cutoff
    2026-04-30 (...) with val_frac 0 (...) keeps 29 or horizon 3 (...) keeps 33": val_frac 0, the cutoff that keeps the
    most (``cutoffadvice.most_kept``) at the val_frac given and at 0, and the largest horizon and lookback below those
    given that keep the most any does, as fit would cut them; the settings that fit the longest series, offered before
    it, may keep it alone. A cutoff is not offered beside test_frac 0 (a final fit, which a cutoff's test rows are not:
    decision 2117). "" where none keeps two or more."""
    now = {"lookback": data_s.lookback, "horizon": data_s.horizon, "val_frac": data_s.val_frac,
           "test_frac": data_s.test_frac}
    records = [{"rows": int(n)} for n in panel.lengths]
    offers = [(f"val_frac 0 ({spelled('val_frac', 0)})", int(kept(records, **{**now, "val_frac": 0.0}).sum()))
              ] if data_s.val_frac > 0 else []
    for val_frac in dict.fromkeys([data_s.val_frac, 0.0]) if data_s.test_frac > 0 else ():
        n, at = most_kept(panel, data_s, val_frac)
        if at is not None and (val_frac == data_s.val_frac or n > max((k for w, k in offers if "cutoff" in w), default=0)):
            offers.append((at + (f" with val_frac 0 ({spelled('val_frac', 0)})" if val_frac != data_s.val_frac else ""), n))
    for name in ("horizon", "lookback"):  # the largest below the one given that keeps the most any keeps
        counts = {v: int(kept(records, **{**now, name: v}).sum()) for v in range(now[name] - 1, 0, -1)}
        if counts and (top := max(counts.values())) > 1:
            offers.append((f"{name} {(v := max(v for v, n in counts.items() if n == top))} ({spelled(name, v)})", top))
    said = [f"{what} keeps {n}" for what, n in offers if n > 1]
    return f"; of the {panel.n_series} series, {listing(said, 'or')}" if said else ""
