"""predict on data that ends inside the rows the model was trained or validated on: its forecast is in-sample.

predict has no cutoff (decision 1973): to forecast from an earlier date, a planner cuts the file there. A tester
(t39t4 6) cut a panel at 2024-06-14 and got forecasts of 2024-06-17 on, from a model trained on rows up to 2025-01-30
and validated up to 2025-05-20: forecasts of dates the network learned (or chose its epoch on), more accurate than
any the model could have made on 2024-06-14, said as "wrote 100 forecast steps" alone. ``warn`` says so in one line,
from what the model keeps of its fit (``state.borders``: the first validation and test times; ``state.cutoffs``: the
last training and validation rows as the data writes them), and names the backtest that forecasts from a past cutoff
honestly (a model trained on the rows up to it). Rows numbered without time are not judged: new rows numbered from 0
may be any rows (decision 2145).
"""

from __future__ import annotations

import logging
import shlex

import pandas as pd

from rnncast import bordertimes
from rnncast.panel import Panel
from rnncast.timetext import shown

log = logging.getLogger(__name__)


def inside(state, panel: Panel, index, when: list) -> list[tuple[int, int, str]]:
    """The series of ``panel`` (``index`` [S]: each one's position among the model's) whose forecast's first date
    (``when`` [S] indexes of H) lies in the fit's training or validation rows: ``(s, k, "trained" or "validated")``
    each; none where the data or the model keeps no times."""
    borders = getattr(state, "borders", None)
    if borders is None or panel.time is None or not len(panel.time):
        return []
    found = []
    for s, k in enumerate(index):
        if k >= len(borders) or not len(when[s]) or not isinstance(when[s], type(panel.time)):
            continue
        first_val, first_test, last = borders[k][:3]
        first = when[s][0]
        try:
            upto = bordertimes.as_time(panel.time, first_test if first_test is not None else last)
            if first < upto or (first_test is None and first == upto):
                found.append((s, int(k), "trained" if first_val is None or first < bordertimes.as_time(
                    panel.time, first_val) else "validated"))
        except (TypeError, ValueError):  # a border of another kind (a model of other times): not judged
            continue
    return found


def warn(state, panel: Panel, index, when: list) -> None:
    """One WARNING where a series' forecast starts inside the rows the model was trained (or validated) on
    (``inside``): the first such series, its first forecast date, the fit's last training and validation rows, and
    the backtest that forecasts from that cutoff with a model that has not seen what follows it."""
    found = inside(state, panel, index, when)
    if not found:
        return
    s, k, part = found[0]
    fmt = panel.calendar.text_format
    kept = (getattr(state, "cutoffs", None) or [{}] * (k + 1))[k] or {}
    rows = "; ".join(f"{what} rows up to {kept[key]}" for what, key in (("training", "train_end"), ("validation", "val_end"))
                     if kept.get(key))
    cut = _shown(panel.time[panel.offsets[s + 1] - 1], fmt)
    many = panel.n_series > 1
    who = f"the forecasts of {len(found)} of {panel.n_series} series (first {panel.given_id(s)!r}, from " if many else \
        "the forecast (from "
    log.warning("%s%s) %s in the rows the model was %s on%s: %s; for a past cutoff, backtest from it: rnncast backtest "
                "DATA --from-run RUN --cutoff %s (Python: Forecaster.load(RUN).set_params(cutoff=%r).backtest(data))", who,
                _shown(when[s][0], fmt), "lie" if many else "lies", part, f" ({rows})" if rows else "",
                "they are not forecasts it could have made then" if many else "it is not a forecast it could have made "
                "then", shlex.quote(cut), cut)


def _shown(value, fmt) -> str:
    """A time as the data writes it (``timetext.shown``: a date alone at midnight)."""
    return shown(value, pd.DatetimeIndex([value]) if isinstance(value, pd.Timestamp) else None, fmt)
