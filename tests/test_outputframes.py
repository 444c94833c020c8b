"""predict's forecast in the library set_output chose, Polars with the data's time and id types (decision 2229)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError


@pytest.fixture(scope="module")
def panel():
    frame = make_panel(2, lengths=(60, 60), seed=3, freq="D")
    frame["ds"] = pd.to_datetime(frame["ds"])
    return frame[["unique_id", "ds", "y"]]


def test_set_output_takes_scikit_learns_values_and_refuses_others_by_name():
    model = Forecaster(**TINY)
    assert model.set_output(transform="pandas") is model and model.set_output() is model
    assert model._sklearn_output_config == {"transform": "pandas"}  # sklearn.base.clone copies this attribute
    with pytest.raises(RnncastError, match=r"set_output\(transform=...\) takes 'default', 'pandas', 'polars' or "
                                           r"None, got 'numpy'"):
        model.set_output(transform="numpy")


def test_a_polars_forecast_keeps_the_datas_date_enum_id_and_joins_it(panel):
    """t41-t5 M1: pl.from_pandas(predict) gave datetime[us] beside Date and Categorical beside Enum: joins failed."""
    pl = pytest.importorskip("polars")
    data = pl.from_pandas(panel).with_columns(pl.col("ds").dt.date(), pl.col("unique_id").cast(pl.Enum(["s000", "s001"])))
    model = Forecaster(**TINY).fit(data)
    assert isinstance(model.predict(data), pd.DataFrame)  # the default: pandas, as before
    forecast = model.set_output(transform="polars").predict(data)
    assert isinstance(forecast, pl.DataFrame)
    assert forecast.schema["ds"] == forecast.schema["cutoff"] == pl.Date
    assert forecast.schema["unique_id"] == data.schema["unique_id"]
    assert forecast.join(data, on=["unique_id", "ds"], how="left").height == forecast.height  # no SchemaError
    assert forecast["y_hat"].to_list() == model.set_output(transform="default").predict(data)["y_hat"].tolist()


def test_an_ns_zoned_time_and_integer_ids_of_an_arrow_table_are_kept(panel):
    pl = pytest.importorskip("polars")
    table = pa.table({"unique_id": pa.array(panel["unique_id"].str[1:].astype(int), pa.uint32()),
                      "ds": pa.array(panel["ds"].dt.tz_localize("UTC").astype("datetime64[ns, UTC]")),
                      "y": panel["y"]})
    forecast = Forecaster(**TINY).set_output(transform="polars").fit(table).predict(table)
    assert forecast.schema["ds"] == forecast.schema["cutoff"] == pl.Datetime("ns", "UTC")
    assert forecast.schema["unique_id"] == pl.UInt32


def test_one_series_time_is_a_column_not_lost_with_the_index(panel):
    """t41-t5 M1: pl.from_pandas dropped the pandas index, the forecast's dates."""
    pl = pytest.importorskip("polars")
    one = pl.from_pandas(panel[panel["unique_id"] == "s000"][["ds", "y"]]).with_columns(pl.col("ds").dt.date())
    model = Forecaster(**TINY).set_output(transform="polars").fit(one, target="y")
    forecast = model.predict(one)
    assert forecast.columns[:3] == ["ds", "cutoff", "step_ahead"] and forecast.schema["ds"] == pl.Date
    assert forecast["ds"].to_list() == [d.date() for d in model.set_output(transform="pandas").predict(one).index]


def test_periods_become_their_start_times(panel):
    pl = pytest.importorskip("polars")
    months = pd.DataFrame({"m": pd.period_range("2015-01", periods=60, freq="M"),
                           "y": np.sin(np.arange(60) / 2)})
    forecast = Forecaster(**TINY).set_output(transform="polars").fit(months, target="y").predict(months)
    assert forecast["m"].to_list()[0] == pd.Timestamp("2020-01-01") and forecast.schema["m"] == pl.Datetime("us")
