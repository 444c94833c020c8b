"""Scores by step ahead as a person reads them (decision 2002): a backtest's metrics.json ``by_step``
(``stepscores``), and a run's test part's and evaluate's (decision 2030), as one table, a row per step and forecaster
(``step_frame``: ``Backtest.by_step``, by_step.csv; Prophet's ``performance_metrics``), and binned for the terminal
and the report page (``step_rows``, ``step_text``): no table for a horizon of 1, whose one step is the overall table.

The bins (``bins``): every step where the horizon is at most ``EVERY`` steps; beyond, steps 1, 2-3, 4-7, 8-15,
16-31 ... (each bin twice the last, the last bin ending at the horizon), about log2(horizon) rows (90: 7, 720: 10).
Doubling bins keep the first steps apart, where a forecast's error grows fastest and a model and the baselines differ
most (the one-step-ahead repeat is hard to beat, the far steps are the model's case), and read alike whatever the data's
calendar: bins of 7 and 30 fit days alone. A bin's score is the mean of its steps' scores (its RMSE the root of their
mean MSE), each step counting alike: every step holds one value per window and series, those left out aside.
Nothing is scored again here: the steps' scores are metrics.json's, by the overall block's rules (decision 1943).
"""

from __future__ import annotations

import math

import pandas as pd

from rnncast import bandcounts
from rnncast.baselines import baseline_name, row_label
from rnncast.scoretext import column_head, interval_keys, table, with_columns
from rnncast.seasonalgaps import KEY, gone
from rnncast.spelling import listing, some

EVERY = 12  # a horizon of up to this many steps is shown step by step
PAIR = ("values_left_out", "model_mse_on_values", "model_mae_on_values")  # step_frame's columns where a baseline lacks some
COUNT = "interval_values"  # step_frame's column where a baseline's intervals lack some values: each row's count
ORDER = ("mse", "mae", "rmse", "mase", "pinball")  # the columns, before the coverages: as every score table orders them


def bins(horizon: int) -> list[tuple[int, int]]:
    """The steps each row of the binned table covers, first and last (1-based, inclusive): ``[(1, 1), (2, 2), ...]``
    up to ``EVERY``, else ``[(1, 1), (2, 3), (4, 7), ...]``, the last ending at ``horizon``."""
    if horizon <= EVERY:
        return [(h, h) for h in range(1, horizon + 1)]
    spans, first = [], 1
    while first <= horizon:
        spans.append((first, min(2 * first - 1, horizon)))
        first *= 2
    return spans


def columns(by_step: list[dict]) -> list[str]:
    """The score names of ``by_step``'s model, in ``ORDER`` then its other interval scores (``wql``, ``coverage_80``,
    ``msis_80`` ...: ``scoretext.interval_keys``): the scalars."""
    model = by_step[0]["model"] if by_step else {}
    shown = [k for k in ORDER if k in model]
    return shown + [k for k in interval_keys(model) if k not in shown]


def forecasters(by_step: list[dict]) -> list[str]:
    """The forecasters of ``by_step``, the model first: each entry's keys but ``step``."""
    return [k for k in (by_step[0] if by_step else {}) if k != "step"]


def step_frame(by_step: list[dict]) -> pd.DataFrame:
    """``by_step`` (metrics.json's) as a table, a row per step and forecaster: ``step`` (1 .. horizon), ``forecaster``
    (``model``, ``repeat``, ``mean``, ``seasonal`` ...), then its scores in original units (``columns``: ``mse``,
    ``rmse``, ``mae``, ``mase``; a quantile model's ``pinball``, ``wql``, ``coverage_80`` ... (shares 0 to 1) and
    ``msis_80`` ...; NaN where a forecaster lacks one: a baseline without intervals); where a baseline lacks a forecast
    at some values, ``PAIR`` too: ``values_left_out`` (a count, pandas' Int64: <NA>, blank in by_step.csv, for a
    forecaster that never lacks one, the model, repeat, mean; decision 2055) and the model's MSE and MAE on the rest;
    where a baseline's interval lacks some values, ``COUNT`` too: the values each row's interval scores rest on (Int64,
    <NA> for a forecaster without intervals; decision 2139).
    Empty, with those columns, for no steps."""
    names = columns(by_step)
    rows = [{"step": entry["step"], "forecaster": name, **{k: entry[name].get(k, math.nan) for k in names}}
            for entry in by_step for name in forecasters(by_step)]
    lacking = {name for name in forecasters(by_step)[1:] if any(KEY in entry[name] for entry in by_step)}
    pairs = PAIR if lacking else ()
    for row in rows if pairs else ():  # a baseline scored on fewer values: the model's scores on them (decision 1994)
        left = by_step[row["step"] - 1][row["forecaster"]].get(KEY) or {}
        row.update(values_left_out=left.get("values", 0) if row["forecaster"] in lacking else pd.NA,
                   **{f"model_{k}_on_values": (left.get("model") or {}).get(k, math.nan) for k in ("mse", "mae")})
    counts = (COUNT,) if any(bandcounts.KEY in e[n] for e in by_step for n in forecasters(by_step)) else ()
    for row in rows if counts else ():  # what each forecaster's interval scores rest on (t39t3 M4, decision 2139)
        row[COUNT] = _interval_values(by_step[row["step"] - 1][row["forecaster"]])
    frame = pd.DataFrame(rows, columns=["step", "forecaster", *names, *pairs, *counts])
    return frame.astype({k: "Int64" for k in (*pairs[:1], *counts)})  # counts, blank where none (decision 2055)


def _interval_values(scores: dict):
    """How many values a step's interval scores ``scores`` (one forecaster's) rest on: its ``by_level``'s count, 0
    where a baseline has an interval at none, <NA> where it has no intervals (``step_frame``'s ``COUNT``)."""
    if (mine := (scores.get("by_level") or {}).get("values")) is not None:
        return int(mine)
    left = scores.get(bandcounts.KEY) or {}
    return int(left["of"] - left["values"]) if left else pd.NA


def binned(by_step: list[dict]) -> list[tuple[str, dict]]:
    """``[("1", {"model": {...}, "repeat": {...}}), ("2-3", {...}), ...]``: each bin of ``bins`` named by its steps,
    each forecaster's scores the mean of the bin's steps' (RMSE the root of their mean MSE; NaN steps left out of a
    mean, NaN where every step is; a seasonal naive with no forecast at any of the bin's values keeps ``KEY`` leaving
    out every one, which the table writes "-": ``seasonalgaps.gone``, decision 2029)."""
    frame = step_frame(by_step)
    out = []
    for first, last in bins(len(by_step)):
        part = frame[(frame["step"] >= first) & (frame["step"] <= last)]
        means = part.drop(columns=["step", *[COUNT][:COUNT in part]]).astype({KEY: float} if KEY in part else {}).groupby("forecaster", sort=False).mean()
        if "rmse" in means:
            means["rmse"] = means["mse"] ** 0.5
        scores = {name: {k: float(v) for k, v in row.items()} for name, row in means.iterrows()}
        for name, each in scores.items():  # no forecast at any of the bin's values: "-", not nan (decision 2029)
            if all(gone(by_step[s - 1].get(name)) for s in range(first, last + 1)):
                of = sum(by_step[s - 1][name][KEY]["of"] for s in range(first, last + 1))
                each[KEY] = {"values": of, "of": of}
        out.append((str(first) if first == last else f"{first}-{last}", scores))
    return out


def step_rows(m: dict) -> list[list[str]]:
    """The table "Metrics by step ahead" of a backtest's metrics ``m`` (its ``by_step``; or one part's scores, a run's
    test or evaluate's, MASE's season their ``mase_season``): a row per bin and forecaster, head first, each column in
    one notation (``scoretext.with_columns``); [] where ``m`` has no ``by_step`` (a result saved before it was kept) or
    one step, a horizon of 1 (its row is the overall table's; decision 2030)."""
    by_step = m.get("by_step") or []
    if len(by_step) < 2:
        return []
    season = m.get("season", m.get("mase_season")) or 1
    names = columns(by_step)
    labels, scores, models = [], [], []
    for steps, each in binned(by_step):
        for name in forecasters(by_step):
            labels.append([steps, row_label(name)])
            scores.append(each[name])  # a baseline's NaN pinball beside the model's: "-" (decision 1814)
            models.append(each["model"])
    head = ["steps ahead", "forecaster"] + [
        f"MASE (season {season})" if n == "mase" and season > 1 else column_head(n) for n in names]
    return [head] + with_columns(labels, scores, names, models)


def step_units(m: dict, where: str = "by_step.csv") -> str:
    """What the table "Metrics by step ahead" holds, a sentence without its full stop: the bins, the units, and
    ``where`` each step's own scores are (evaluate's terminal: "--json's by_step")."""
    by_step = m.get("by_step") or []
    errors = "MSE, MAE, RMSE" + (" and pinball" if "pinball" in columns(by_step) else "")
    rows = ("Each step ahead" if len(by_step) <= EVERY else
            "Steps ahead binned 1, 2-3, 4-7 ... (each bin twice the last; its score the mean of its steps', "
            "its RMSE the root of their mean MSE)")  # decision 2055
    pair = f"{where}'s {PAIR[1]}" if where.endswith(".csv") else where  # the column, or the JSON's entries

    def at(steps: list[str], every: str = "every") -> str:  # "at steps 1 and 3", the first five named beyond
        return f"at {f'{every} step' if len(steps) == len(by_step) else _steps(steps)}"  # decision 2055

    fewer = ""
    for name in forecasters(by_step)[1:]:  # the steps it lacks some values at, those it has none at (decision 2078)
        lacks = [e for e in by_step if (e[name].get(KEY) or {}).get("values")]
        some_, none = ([str(e["step"]) for e in lacks if gone(e[name]) == g] for g in (False, True))
        fewer += (f"; {baseline_name(name)}'s {at(some_)} rest on the values it has a forecast for, the model's "
                  f"on them in {pair}" if some_ else "") + (  # decision 1994
            f"; {baseline_name(name)} has no forecast {at(none, 'any')}: its rows "
            f"{'' if len(none) == len(by_step) else 'there '}are \"-\"" if none else "")
    alike: dict[tuple, list[str]] = {}  # interval scores on fewer values than the model's, alike ones together (decision 2139)
    for name in forecasters(by_step)[1:]:
        few = {e["step"]: e[name][bandcounts.KEY] for e in by_step
               if 0 < (e[name].get(bandcounts.KEY) or {}).get("values", 0) < e[name][bandcounts.KEY]["of"]}
        if few:
            alike.setdefault((tuple(map(str, few)), _span([left["of"] - left["values"] for left in few.values()]),
                              _span([left["of"] for left in few.values()])), []).append(baseline_name(name))
    for (steps, kept, of), names in alike.items():
        fewer += (f"; {listing([n + chr(39) + 's' for n in names])} interval scores {at(list(steps))} rest on {kept} of the "
                  f"{of} values per step {'it' if len(names) == 1 else 'each'} has an interval for")
    free = "; wQL and MSIS have no units" if "wql" in columns(by_step) else ""  # decision 2036
    return f"{rows}, over every window and series; {errors} in original units{free}{fewer}; {where} holds each step's own"


def _span(counts: list[int]) -> str:
    """ "5", or "3 to 5": the least and the most of ``counts``."""
    return f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)} to {max(counts)}"


def _steps(steps: list[str]) -> str:
    """ "step 1", "steps 1 and 3", "steps 1, 2, 3, 4, 5 and 2 more": some of the steps, named."""
    return f"step{'s' if len(steps) > 1 else ''} {listing(steps) if len(steps) <= 5 else some(steps)}"


def step_text(m: dict, what: str = "", where: str = "by_step.csv") -> str:
    """The terminal's "Metrics by step ahead" of ``m`` (``step_rows``), ``what`` it scores after the title ("test
    split"), its heading line then the table; "" where ``step_rows`` gives none (a horizon of 1)."""
    if not (rows := step_rows(m)):
        return ""
    units = step_units(m, where)
    return f"Metrics by step ahead{f', {what}' if what else ''} ({units[0].lower()}{units[1:]}):\n{table(rows[0], rows[1:])}"
