"""``Forecaster``'s predict, predict_windows and part_forecasts on new data: the data read the model's way
(``reading``), then forecast (``forecasting``): the next horizon, the windows of a part in both units, a part's
forecasts with the series fit left out as too short named (``untrained``).

Shapes as ``forecasting``'s: windows [W], horizon H, targets T; ``index`` [S] is the position of each series of a panel
among the series the model knows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast import (datatimes, featuresonly, idtypes, labels, leftout, missingcodes, modelseries, outageruns, parts,
                     reading, seriesscalers, shortercycle, stepactuals, stuckruns)
from rnncast.forecasting import Model, forecast_windows, next_horizon, part_forecasts
from rnncast.panel import Panel
from rnncast.state import FittedState
from rnncast.windowforecasts import PartForecasts, TableSource, WindowForecasts

NOT_FORECAST = "not_forecast"  # predict's frame.attrs key: the series it did not forecast (decisions 2163, 2197)

def new_horizon(model: Model, data, future=None, static_covariates=None) -> pd.DataFrame:
    """``Forecaster.predict``: ``data`` read the model's way (``reading``; ``featuresonly``: no target where none is read)
    and its next horizon, its series named as given (``labels.forecast_as_given``), its times in the data's own form;
    a model of many series notes the series not forecast (the data's, then the model's the data lacks) in
    ``frame.attrs["not_forecast"]`` (``not_forecast``)."""
    read = reading.read_new(model.state, data, static_covariates, "forecast", stand_in=True,
                            reads_last=model.state.settings.data.lookback)
    panel, _ = reading.known(model.state, read, "forecast")
    frame = datatimes.in_frame(next_horizon(model, panel, future), model.state.calendar.text_format)  # data's form
    frame = labels.forecast_as_given(panel, data, frame)
    if model.state.layout != "single":
        frame.attrs[NOT_FORECAST] = not_forecast(model.state, read, set(panel.ids))
    return frame


def not_forecast(state: FittedState, read: Panel, kept: set) -> list[dict]:
    """The series predict left out, each ``{"id", "reason"}``, as its warnings say them: those of ``read`` (the data as
    read; not in ``kept``, the ids forecast), by id as given: "too short to train at fit (12 rows at fit; needs 85
    rows)", "not in the data the model was fitted on (no scaler for it)" (with "; the model's 'S06' written in another
    case or spacing" where it is one), "no calendar dates its forecast"; then the model's series ``read`` holds no rows
    of (``modelseries.missing``), by id as fit was given it: "no rows in the data" (with " (written 's06' there)"), so
    that one list answers which series got no forecast (decision 2197); [] where every series is forecast (decision
    2163)."""
    short = {d["id"]: d for d in state.skipped_series}
    fitted = set(state.ids)
    gone = modelseries.missing(state, read)
    respelt = {w: i for i, w in gone if w is not None}  # the data's 's06': the model's 'S06'
    out = []
    for s, i in enumerate(read.ids):
        if i in kept:
            continue
        given = read.given_id(s)
        why = (f"too short to train at fit ({leftout.rows(short[i])}; needs {leftout.needs([short[i]])})" if i in short
               else "no calendar dates its forecast" if i in fitted
               else "not in the data the model was fitted on (no scaler for it)" + (
                   f"; the model's {respelt[given]!r} written in another case or spacing" if given in respelt else ""))
        out.append({"id": given, "reason": why})
    return out + [{"id": i, "reason": "no rows in the data" + (f" (written {w!r} there)" if w is not None else "")}
                  for i, w in gone]


def new_windows(model: Model, data, part: str, series=None, static_covariates=None, said: dict | None = None,
                compared: bool = False) -> tuple[WindowForecasts, WindowForecasts]:
    """``Forecaster.predict_windows``' forecasts of the windows of ``part`` (``parts.select``) of ``data`` (of its
    series ``series`` alone, where given), read the model's way (``reading``), in original and scaled units; ``said``
    (compare's) takes ``parts.select``'s description of what its windows left out; ``compared`` (compare, which scores
    the baselines on the windows every model forecasts): the windows without a season of steps before them are left out,
    as evaluate leaves them, not kept as predict_windows keeps them (decision 1873)."""
    absent: list = []  # the target columns the data lacks, stood in where the model reads the features alone
    series = series if series is None else idtypes.one_id(model.state, series)  # '1.00' is store 1.0 (idtypes)
    panel = reading.read_new(model.state, data, static_covariates, "forecast", series, absent)  # unseen: "to forecast"
    panel, index = reading.known(model.state, panel if series is None else panel.only(series), "forecast in windows")
    located = parts.locate(model.state, panel, index)  # the fit's borders, found once for the windows and the bands
    starts, rows_of, selected = parts.select(model.state, panel, index, part, "predict_windows", located,
                                             compared=compared)
    (said if said is not None else {}).update(selected)
    spans = panel.read_spans(starts, rows_of, model.state.settings.data.lookback + model.state.settings.data.horizon)
    missingcodes.units_read(model.state, panel, spans)  # values far beyond the fit's in the windows read
    seriesscalers.say_unlearned(model.state, panel, spans)
    *windows, lacking = stepactuals.windows(panel, forecast_windows(model, panel, index, starts, rows_of,
                                                                    checked=not absent, located=located))
    windows[0].source = TableSource(model.state, np.asarray(index), lacking, panel.dialect, panel.key, windows[0].times,
                                    given=panel.given)  # the id dtype, as predict's (decision 1869)
    return featuresonly.without_actuals(model.state, tuple(windows), absent)  # each step at its own date's actual


def new_part(model: Model, data, part: str, static_covariates=None, maker=None, with_bands: bool = True,
             baselines: bool = True) -> PartForecasts:
    """``Forecaster.part_forecasts``: ``data`` read the model's way (``reading``) and the windows of its ``part``
    forecast (``part_forecasts``), the series fit left out as too short named (``untrained``), and a target stuck on
    the rows scored (``stuckruns.in_scored``: it decides the verdict, decision 1497); ``maker``: the table maker of
    ``PartForecasts.to_frame`` (``testforecasts.frame``, given by the Forecaster: decision 1595); ``baselines`` False:
    the model scored alone, on every window of the part (tune: ``parts.select``, decision 1829)."""
    read = reading.read_new(model.state, data, static_covariates)
    panel, index = reading.known(model.state, read)
    found = part_forecasts(model, panel, index, part, untrained(model.state, read), with_bands, baselines)
    stuckruns.warn(stuckruns.in_scored(found, panel))  # judged with the rows before (decision 1526)
    outageruns.warn(panel, outageruns.find(panel), "evaluate")  # zeros of an outage scored as actuals (decision 1925)
    shortercycle.say(model.state, panel, index, found, part)  # the weekly naive of a season-365 run (decision 1926)
    found.original.source = TableSource(model.state, found.index, found.absent, found.dialect, found.key,
                                        found.original.times, maker, panel.given)  # predict_windows' to_frame's
    return found


def untrained(state: FittedState, panel: Panel) -> list[dict]:
    """The series of ``panel`` that fit left out as too short (``reading.known`` leaves them out, with a warning), each
    ``{"id" (as given), "rows" (at fit), "needed"}``, for what was scored to name them."""
    if state.layout == "single":
        return []
    short = {d["id"]: d for d in state.skipped_series}
    return [{**short[i], "id": panel.given_id(s)} for s, i in enumerate(panel.ids) if i in short]
