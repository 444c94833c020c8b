"""Two rows of one time of one series named as a revision, whatever columns differ (``revisedrows.py``, decision 2255):
a candle re-sent at reconnect whose unused columns moved, or whose time is written '+00:00' instead of 'Z'."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.loading import load_panel


def _candles(n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    time = pd.date_range("2026-10-01", periods=n, freq="h", tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
    close = 2400 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    frame = pd.DataFrame({"time": time, "close": close, "high": close * 1.002, "volume": rng.uniform(100, 200, n)})
    frame["logret"] = np.log(frame["close"]).diff().fillna(0.0)
    return pd.concat([frame.assign(symbol=s) for s in ("BTC", "ETH")], ignore_index=True)


def _resent(frame: pd.DataFrame, at: int, **changed) -> pd.DataFrame:
    again = frame.iloc[[at]].assign(**{c: f(frame.iloc[at][c]) for c, f in changed.items()})
    return pd.concat([frame.iloc[: at + 1], again, frame.iloc[at + 1:]], ignore_index=True)


def test_a_row_re_sent_with_columns_the_model_does_not_read_moved_is_told_to_keep_the_later():
    table = _resent(_candles(), 50, high=lambda v: v * 1.0002, close=lambda v: v * 1.0001)
    with pytest.raises(RnncastError, match=r"the two rows differ only in 'close' \(.* and .*\), 'high' \(.*\) \('close' "
                                           r"and 'high' not read by the model\): a revised value\? keep the later row of "
                                           r"each time, e\.g\. with pandas: df\.drop_duplicates\(subset=\['time', "
                                           r"'symbol'\], keep='last'\)"):
        load_panel(table, target="logret", past_covariates=["volume"], id_col="symbol")


def test_a_row_whose_time_alone_is_written_another_way_is_told_to_read_the_times_then_keep_one():
    table = _resent(_candles(), 50, time=lambda v: v.replace("Z", "+00:00"))
    with pytest.raises(RnncastError, match=r"differ only in how 'time' is written \('2026-10-01T10:00:00Z' and "
                                           r"'2026-10-01T10:00:00\+00:00', one time\): a re-sent row\? read 'time' as "
                                           r"times first \(df\['time'\] = pd\.to_datetime\(df\['time'\], "
                                           r"format='ISO8601', utc=True\)\), then keep the later row"):
        load_panel(table, target="logret", past_covariates=["volume"], id_col="symbol")


def test_the_used_columns_alone_keep_their_advice_and_many_repeats_get_none():
    table = _resent(_candles(), 50, volume=lambda v: v + 1)
    with pytest.raises(RnncastError, match=r"differ only in 'volume' \(.*\): a revised value\?") as info:
        load_panel(table, target="logret", past_covariates=["volume"], id_col="symbol")
    assert "not read by the model" not in str(info.value)
    candles = _candles()
    twice = pd.concat([candles, candles.assign(high=candles["high"] + 1)]).sort_values(["symbol", "time"], kind="stable")
    with pytest.raises(RnncastError, match=r"each time step of a series must appear once$"):  # every row twice: no keep=
        load_panel(twice.reset_index(drop=True), target="logret", past_covariates=["volume"], id_col="symbol")
