"""Scenario: an ops analyst's hourly loads of Europe/Berlin written with offsets (``isoformat``: +02:00 to 26
October 2024), fitted without --tz, a temperature known ahead in a --future file that crosses the change back
(02:00+02:00, 02:00+01:00). predict wrote the forecasts after the change at +02:00 (03:00+02:00 where the future
file writes 02:00+01:00), and its warning of the future file said "give tz= (--tz)", which predict does not take.
Now the forecasts are dated in UTC, the future file's instants, and the warning says to refit with --tz; the future
file's own offsets, instants matched to the steps, are said at INFO without a refit (decision 839)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from test_cli import cli, fit_args


@pytest.fixture(autouse=True)
def _machine_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")


def _written(path, start, end, load=True):
    time = pd.date_range(start, end, freq="h", tz="Europe/Berlin")
    frame = pd.DataFrame({"time": [t.isoformat() for t in time], "temp": 10 + np.cos(np.arange(len(time)) / 4)})
    if load:
        frame["load"] = 100 + 10 * np.sin(np.arange(len(time)) * 2 * np.pi / 24)
    frame.to_csv(path, index=False)


def test_predict_across_the_change_dates_the_forecasts_in_utc_and_says_refit_with_tz(tmp_path, capsys, caplog):
    _written(tmp_path / "loads.csv", "2024-10-20", "2024-10-26 23:00")
    _written(tmp_path / "future.csv", "2024-10-27 00:00", "2024-10-27 04:00", load=False)
    code, _, err = cli(capsys, *fit_args(tmp_path / "loads.csv", tmp_path / "run", "--target", "load", "--features",
                                         "temp", "--future-known", "--epochs", "1"))
    assert code == 0, err
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        code, _, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "loads.csv", "--future", tmp_path / "future.csv",
                           "--out", tmp_path / "forecast.csv")
    assert code == 0, err
    written = pd.read_csv(tmp_path / "forecast.csv")["time"].tolist()
    assert written == [f"2024-10-{d}T{h}:00:00+00:00" for d, h in
                       [("26", 22), ("26", 23), ("27", "00"), ("27", "01"), ("27", "02"), ("27", "03")]]
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and "give tz=" not in said[0] and "--tz ZONE" in said[0]  # the future file's: no refit (decision 839)
    assert "forecasts are dated in UTC" in said[0] and "Europe/Berlin" in said[0]
