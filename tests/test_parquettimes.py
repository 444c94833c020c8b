"""The data's Parquet time type kept in predict's Parquet forecast (decision 2187)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from conftest import TINY, make_panel
from rnncast import Forecaster, parquettimes
from rnncast.cli import main
from rnncast.replaceable import forecast_parquet


def _times(values, tz=None):
    return pa.array(pd.Series(pd.to_datetime(values)).dt.tz_localize(tz).astype("datetime64[us]" if tz is None else
                                                                                 f"datetime64[us, {tz}]"))


def test_the_data_files_date_and_timestamp_columns_are_found_and_nothing_else(tmp_path):
    pq.write_table(pa.table({"ds": pa.array([pd.Timestamp("2026-12-01").date()], pa.date32()), "y": [1.0],
                             "at": pa.array([1], pa.timestamp("ns", "UTC"))}), tmp_path / "d.parquet")
    assert parquettimes.source_types(tmp_path / "d.parquet", ["ds", "y", "at", "nope", None]) == {
        "ds": pa.date32(), "at": pa.timestamp("ns", "UTC")}
    (tmp_path / "d.csv").write_text("ds,y\n2026-12-01,1\n")
    assert parquettimes.source_types(tmp_path / "d.csv", ["ds"]) == {}  # text: no type to keep


def test_a_cast_is_made_only_where_every_value_is_kept():
    table = pa.table({"ds": _times(["2026-12-01", "2026-12-02"]), "at": _times(["2026-12-01 06:00"] * 2),
                      "z": _times(["2026-12-01"] * 2, tz="UTC")})
    cast = parquettimes.cast_back(table, {"ds": pa.date32(), "at": pa.date32(), "z": pa.timestamp("ns", "Asia/Tokyo")})
    assert cast.schema.field("ds").type == pa.date32()
    assert cast.schema.field("at").type == pa.timestamp("us")  # 06:00 is no date: kept as it was
    assert cast.schema.field("z").type == pa.timestamp("us", "UTC")  # another zone's clock: kept
    ns = parquettimes.cast_back(table, {"z": pa.timestamp("ns", "UTC")})
    assert ns.schema.field("z").type == pa.timestamp("ns", "UTC") and ns.column("z").to_pylist() == table.column(
        "z").to_pylist()


def test_predict_writes_a_date32_and_an_ns_time_column_back_in_their_types(tmp_path):
    """t40-t4 1: Date became timestamp[us], Datetime(ns, UTC) became µs, and Polars refused to join the forecast
    with its data."""
    frame = make_panel(2, lengths=(60, 60), seed=3, freq="D")
    frame["ds"] = pd.to_datetime(frame["ds"])
    for name, ds in (("date", pa.array(frame["ds"].dt.date, pa.date32())),
                     ("ns", pa.array(frame["ds"].dt.tz_localize("UTC").astype("datetime64[ns, UTC]")))):
        data = tmp_path / f"{name}.parquet"
        pq.write_table(pa.table({"unique_id": frame["unique_id"], "ds": ds, "y": frame["y"]}), data)
        Forecaster(**TINY).fit(str(data)).save(tmp_path / name)
        out = tmp_path / f"f_{name}.parquet"
        assert main(["predict", str(tmp_path / name), str(data), "--out", str(out), "-q"]) == 0
        schema = pq.read_schema(out)
        assert schema.field("ds").type == schema.field("cutoff").type == ds.type, schema
        assert schema.metadata[b"rnncast"] == b'{"kind": "forecast"}'  # still predict's mark
        assert set(pq.read_table(out).column("ds").to_pylist()) and pq.read_table(out).column("ds").type == ds.type


def test_a_forecast_without_types_is_written_as_pandas_writes_it():
    table = pd.DataFrame({"ds": pd.to_datetime(["2026-12-01"]).astype("datetime64[us]"), "y_hat": [1.0]})
    written = pq.read_table(pa.BufferReader(forecast_parquet(table)))
    assert written.schema.field("ds").type == pa.timestamp("us") and b"pandas" in written.schema.metadata
