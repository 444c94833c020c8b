"""predict on data cut inside the fit's training or validation rows (``insample.py``): its in-sample forecast said."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY, make_frame
from rnncast import Forecaster

SAID = "lie in the rows the model was"


def _said(caplog, model, data) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(data)
    return [r.getMessage() for r in caplog.records if "in the rows the model was" in r.getMessage()]


def test_a_forecast_from_inside_the_training_or_validation_rows_is_said_one_from_the_test_rows_or_later_is_not(caplog):
    """t39t4 6: a panel cut at 2024-06-14 was forecast from a model trained up to 2025-01-30 (validated up to
    2025-05-20), said as "wrote 100 forecast steps" alone: forecasts of dates the network learned (decision 2145)."""
    frame = pd.concat([make_frame(200, feature=False, freq="D").assign(id=k) for k in ("a", "b")], ignore_index=True)
    model = Forecaster(**{**TINY, "epochs": 1, "val_frac": 0.2, "test_frac": 0.2}).fit(frame, target="y", id_col="id")
    kept = model.state_.cutoffs[0]  # train_end 2024-04-29, val_end 2024-06-07 of 200 days from 2024-01-01
    [said] = _said(caplog, model, frame[frame["date"] <= "2024-03-15"])
    assert said.startswith("the forecasts of 2 of 2 series (first 'a', from 2024-03-16) lie in the rows the model was "
                           f"trained on (training rows up to {kept['train_end']}; validation rows up to {kept['val_end']})")
    assert said.endswith("rnncast backtest DATA --from-run RUN --cutoff 2024-03-15 (Python: "
                         "Forecaster.load(RUN).set_params(cutoff='2024-03-15').backtest(data))")
    [said] = _said(caplog, model, frame[(frame["date"] <= kept["val_end"]) & ~((frame["id"] == "b") &
                                                                             (frame["date"] == kept["val_end"]))])
    assert said.startswith("the forecasts of 1 of 2 series (first 'b', from ") and "model was validated on" in said
    assert _said(caplog, model, frame[frame["date"] <= kept["val_end"]]) == []  # the test cutoff: out of sample
    assert _said(caplog, model, frame) == []  # the data's end: the usual forecast


def test_one_series_is_said_in_the_singular_and_numbered_rows_are_not_judged(caplog):
    data = make_frame(160, feature=False)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(data, target="y")
    [said] = _said(caplog, model, data.iloc[:40])
    assert said.startswith("the forecast (from ") and " lies in the rows the model was trained on" in said
    assert "it is not a forecast it could have made then" in said
    rows = make_frame(160, feature=False, time=False)
    numbered = Forecaster(**{**TINY, "epochs": 1}).fit(rows, target="y")
    assert _said(caplog, numbered, rows.iloc[:40]) == []  # rows numbered from 0: any rows, not judged
    assert np.isfinite(numbered.predict(rows.iloc[:40])["y"]).all()
