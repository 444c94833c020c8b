"""What an existing file at predict's --out or export's --onnx is (``replaceable``): a forecast predict writes, told by
its header (any model's where the header is a forecast's alone, this model's with its horizon's rows where data can be
headed alike), a Parquet forecast by predict's mark; anything else said in a few words. The commands' refusals are in
test_cli_commands.py and test_export.py."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from rnncast import replaceable
from rnncast.outputs import Held


def state(layout="single", targets=("sales",), quantiles=(), horizon=3, ids=(None,)):
    settings = SimpleNamespace(data=SimpleNamespace(horizon=horizon), model=SimpleNamespace(quantiles=quantiles))
    return SimpleNamespace(layout=layout, targets=list(targets), settings=settings, ids=list(ids), time_col="date",
                           id_col=None)


@pytest.mark.parametrize("names, forecast", [
    (["unique_id", "ds", "y_hat"], True),  # a panel's
    (["store", "date", "a_hat", "a_q0.1", "a_q0.9", "b_hat", "b_q0.1", "b_q0.9"], True),
    (["store", "date", "a_hat", "a_q0.1", "b_hat"], False),  # levels differ by target: no forecast writes that
    (["date", "y", "y_q0.1", "y_q0.5", "y_q0.9"], True),  # a quantile model's of one series
    (["date", "a", "b", "a_q0.1", "b_q0.1", "a_q0.9", "b_q0.9"], True),
    (["date", "a", "b", "a_q0.1", "a_q0.9", "b_q0.1", "b_q0.9"], False),  # not level by level
    (["date", "y", "y_q1.5"], False), (["date", "y", "y_qx"], False),
    (["date", "sales"], False),  # a point forecast's, and data's: told by the model, not here
    (["unique_id", "ds", "y"], False), (["window", "cutoff", "ds", "y", "y_hat"], False),  # data; a backtest's forecasts
])
def test_a_header_that_only_a_forecast_has(names, forecast):
    assert replaceable._shape(names) is forecast


def test_a_point_forecast_of_one_series_is_this_models_with_its_horizons_rows(tmp_path):
    csv = tmp_path / "f.csv"
    csv.write_text("date;sales\r\n2024-01-01;1,5\r\n2024-01-02;2\r\n2024-01-03;3\r\n")  # a ';' dialect, CR LF
    assert replaceable.forecast_refusal(csv, state()) is None
    other = replaceable.forecast_refusal(csv, state(horizon=4))  # another model's, or data: said as what it may be
    assert isinstance(other, Held) and other == ("another model's forecast of one series (targets sales, 3 rows), or "
                                                 "data headed as one (a table headed date, sales)")
    assert other.replaced == ("a forecast of one series only where it holds this model's targets and horizon (sales, "
                              "4 rows), which tell it from data")
    assert replaceable.forecast_refusal(csv, state(targets=["y"])).replaced.startswith(
        "a forecast of one series only where it holds this model's targets and horizon (y, 3 rows)")
    panel = replaceable.forecast_refusal(csv, state(layout="long", ids=["a", "b"]))
    assert panel.startswith("another model's forecast of one series (targets sales, 3 rows)") and panel.replaced == (
        "only forecasts headed as no data is, as this model's is (6 rows headed unique_id, date, cutoff, step_ahead, "
        "sales_hat)")
    (tmp_path / "bom.tsv").write_text("\ufeffdate\tsales\n2024-01-01\t1\n2024-01-02\t2\n2024-01-03\t3")  # no last line end
    assert replaceable.forecast_refusal(tmp_path / "bom.tsv", state()) is None
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00d")
    assert replaceable.forecast_refusal(tmp_path / "bin.csv", state()) == "its content is not UTF-8 text"
    (tmp_path / "notes.csv").write_text("my notes\n")
    notes = replaceable.forecast_refusal(tmp_path / "notes.csv", state())  # no forecast at all: said so
    assert notes.startswith("a table of 0 rows headed my notes;") and not isinstance(notes, Held)
    (tmp_path / "empty.csv").touch()
    assert replaceable.forecast_refusal(tmp_path / "empty.csv", state()) is None


def test_a_parquet_forecast_carries_predicts_mark(tmp_path):
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=5), "sales": range(5)})
    (tmp_path / "marked.parquet").write_bytes(replaceable.forecast_parquet(frame))
    assert pd.read_parquet(tmp_path / "marked.parquet").equals(frame)
    assert replaceable.forecast_refusal(tmp_path / "marked.parquet", state(horizon=1)) is None  # any model's
    frame.to_parquet(tmp_path / "data.parquet")
    # the refusal gave the CSV rule ("another model's forecast of one series ..., or data headed as one"), though a
    # Parquet forecast is told by predict's mark: it says the mark is missing and what the file holds
    refused = replaceable.forecast_refusal(tmp_path / "data.parquet", state())
    assert isinstance(refused, Held) and refused == (
        "a Parquet table of 5 rows headed date, sales, and its schema carries no rnncast forecast mark, which predict "
        "writes into every Parquet forecast")
    assert refused.replaced.startswith("a Parquet file only where its schema carries that mark (one without it, "
                                       "written by an rnncast before the mark, as a CSV forecast is told: ")
    pd.DataFrame({"a": [1.0]}).to_parquet(tmp_path / "other.parquet")
    other = replaceable.forecast_refusal(tmp_path / "other.parquet", state())
    assert other.startswith("a Parquet table of 1 row headed a;") and other.endswith(
        "; its schema carries no rnncast forecast mark, which predict writes into every Parquet forecast")
    frame.head(3).to_parquet(tmp_path / "before.parquet")  # one an earlier rnncast wrote, unmarked
    assert replaceable.forecast_refusal(tmp_path / "before.parquet", state()) is None
    (tmp_path / "text.parquet").write_text("date,sales\n")
    assert replaceable.forecast_refusal(tmp_path / "text.parquet", state()) == "its content is not Parquet"


def test_an_onnx_file_is_rnncasts_by_its_metadata(tmp_path):
    onnx = pytest.importorskip("onnx")
    graph = onnx.helper.make_graph([onnx.helper.make_node("Identity", ["a"], ["b"])], "g",
                                   [onnx.helper.make_tensor_value_info("a", onnx.TensorProto.FLOAT, [1])],
                                   [onnx.helper.make_tensor_value_info("b", onnx.TensorProto.FLOAT, [1])])
    model = onnx.helper.make_model(graph, producer_name="pytorch", producer_version="2.13")
    (tmp_path / "theirs.onnx").write_bytes(model.SerializeToString())
    assert replaceable.onnx_refusal(tmp_path / "theirs.onnx") == ("an ONNX model made by pytorch 2.13, without the "
                                                                  "metadata rnncast's export writes")
    onnx.helper.set_model_props(model, {"rnncast_version": "1.0"})
    (tmp_path / "ours.onnx").write_bytes(model.SerializeToString())
    assert replaceable.onnx_refusal(tmp_path / "ours.onnx") is None
    (tmp_path / "cut.onnx").write_bytes(model.SerializeToString()[:40])  # a damaged file: begins as one, reads as none
    (tmp_path / "notes.onnx").write_text("notes\n")
    assert replaceable.onnx_refusal(tmp_path / "cut.onnx") == replaceable.onnx_refusal(tmp_path / "notes.onnx") == \
        "its content is not ONNX"


def test_a_forecast_under_excels_sep_line_is_predicts(tmp_path):
    """predict writes Excel's 'sep=;' above the header where the data had it: --overwrite replaces such a file."""
    csv = tmp_path / "f.csv"
    csv.write_text("sep=;\r\ndate;sales\r\n2024-01-01;1,5\r\n2024-01-02;2\r\n2024-01-03;3\r\n")
    assert replaceable.forecast_refusal(csv, state()) is None
    assert replaceable.forecast_refusal(csv, state(horizon=4)).startswith("another model's forecast of one series "
                                                                          "(targets sales, 3 rows)")


def test_a_panel_models_own_data_table_is_named_data_not_a_forecast_of_one_series(tmp_path):
    """A retail tester's --out was the 20-store table itself: refused (rightly) as "another model's forecast of one
    series (targets week, sales, ...)", its week column called a target."""
    csv = tmp_path / "stores.csv"
    csv.write_text("store,week,sales,price\nS01,2024-01-07,10,1.5\nS01,2024-01-14,11,1.5\n")
    panel = SimpleNamespace(**{**vars(state(layout="long", ids=["S01", "S02"])), "id_col": "store"})
    held = replaceable.forecast_refusal(csv, panel)
    assert isinstance(held, Held) and held == ("data, not a forecast (a table of 2 rows headed store, week, sales, "
                                               "price: the model's id column 'store' among them)")
    assert "target" not in held and held.replaced.startswith("only forecasts headed as no data is")


def test_evaluates_scores_by_series_and_this_models_data_are_named_as_such_not_another_models_forecast(tmp_path):
    """predict --overwrite onto evaluate's --by-series-csv or onto a data file called it "another model's forecast of
    one series ..., or data headed as one": it is said as what it is."""
    scores = tmp_path / "by_series.csv"
    scores.write_text("series,windows,best_baseline,model_mse\nsales,40,repeat,0.5\n")
    said = replaceable.forecast_refusal(scores, state())
    assert not isinstance(said, Held) and said == (
        "scores by series (rnncast evaluate or backtest --by-series-csv), not a forecast: a table of 1 row headed series, "
        "windows, best_baseline, model_mse")
    data = tmp_path / "data.csv"
    data.write_text("date,price,sales\n" + "".join(f"2024-01-{d:02d},1,2\n" for d in range(1, 11)))
    said = replaceable.forecast_refusal(data, state())
    assert not isinstance(said, Held) and said == (
        "data, not a forecast: a table of 10 rows headed date, price, sales, this model's time column and target among "
        "other columns")
    two = tmp_path / "two.csv"  # a forecast of a model of two targets, of its horizon: not this one's data
    two.write_text("date,price,sales\n2024-01-01,1,2\n2024-01-02,1,2\n")
    assert isinstance(replaceable.forecast_refusal(two, state()), Held)


def test_a_runs_history_and_test_forecasts_are_named_as_such(tmp_path):
    """predict --out onto a copy of a run's history.csv was refused as "another model's forecast of one series
    (targets train_loss, val_loss, seconds, best, 1 row)" (t22t6)."""
    history = tmp_path / "h.csv"
    history.write_text("epoch,train_loss,val_loss,seconds,best\n1,0.3,0.2,0.1,True\n")
    assert replaceable.forecast_refusal(history, state()) == (
        "a run's training history (history.csv), not a forecast: a table of 1 row headed epoch, train_loss, val_loss, "
        "seconds, best")
    windows = tmp_path / "tf.csv"
    windows.write_text("date,cutoff,step_ahead,sales,sales_hat\n2024-01-02,2024-01-01,1,2,2.1\n")
    assert replaceable.forecast_refusal(windows, state()).startswith(
        "a run's test forecasts (test_forecasts.csv), not predict's forecast: a table of 1 row headed date, cutoff")
    backtest = tmp_path / "bf.csv"  # a backtest's forecasts.csv holds step_ahead too (decision 1726): not a run's
    backtest.write_text("date,cutoff,window,step_ahead,sales,sales_hat\n2024-01-02,2024-01-01,0,1,2,2.1\n")
    assert replaceable.forecast_refusal(backtest, state()).startswith(
        "a backtest's forecasts (forecasts.csv), not predict's forecast: a table of 1 row headed date, cutoff, window")


def test_a_backtests_and_a_runs_forecasts_keyed_by_two_columns_are_named_as_such(tmp_path):
    """A panel keyed by two columns puts cutoff at index 3 (store, item, date, cutoff, ...): its forecasts.csv was
    not named a backtest's, nor its test_forecasts.csv a run's, which looked for cutoff among the first 3 names."""
    backtest = tmp_path / "bf.csv"
    backtest.write_text("store,item,date,cutoff,window,step_ahead,sales,sales_hat\nS1,A,2024-01-02,2024-01-01,0,1,2,2.1\n")
    assert replaceable.forecast_refusal(backtest, state()).startswith(
        "a backtest's forecasts (forecasts.csv), not predict's forecast: a table of 1 row headed store, item, date")
    windows = tmp_path / "tf.csv"
    windows.write_text("store,item,date,cutoff,step_ahead,sales,sales_hat\nS1,A,2024-01-02,2024-01-01,1,2,2.1\n")
    assert replaceable.forecast_refusal(windows, state()).startswith("a run's test forecasts (test_forecasts.csv)")
    data = tmp_path / "d.csv"  # a column named cutoff not followed by the run's columns is no run's output
    data.write_text("date,cutoff,sales\n2024-01-02,1,2\n")
    assert "forecasts.csv" not in str(replaceable.forecast_refusal(data, state()))


def test_a_key_of_two_columns_models_own_data_table_names_the_keys_columns(tmp_path):
    """A model keyed by sku and store named its id column 'sku,store', which no header holds."""
    csv = tmp_path / "stores.csv"
    csv.write_text("sku,store,week,sales\nA,S1,2024-01-07,10\nA,S1,2024-01-14,11\n")
    panel = SimpleNamespace(**{**vars(state(layout="long", ids=["sku=A, store=S1", "sku=A, store=S2"])),
                               "id_col": "sku,store"})
    held = replaceable.forecast_refusal(csv, panel)
    assert held == ("data, not a forecast (a table of 2 rows headed sku, store, week, sales: the model's id "
                    "columns 'sku', 'store' among them)"), held


def test_an_export_of_a_newer_rnncast_is_named_as_such_and_no_other_file(tmp_path):
    # t32t3: `export --overwrite` replaced a newer rnncast's export (metadata format_version 2) without a word
    onnx = pytest.importorskip("onnx")
    graph = onnx.helper.make_graph([onnx.helper.make_node("Identity", ["a"], ["b"])], "g",
                                   [onnx.helper.make_tensor_value_info("a", onnx.TensorProto.FLOAT, [1])],
                                   [onnx.helper.make_tensor_value_info("b", onnx.TensorProto.FLOAT, [1])])
    for name, props in (("newer", {"rnncast_version": "0.2.0", "format_version": "2"}),
                        ("same", {"rnncast_version": "0.1.0", "format_version": "1"}), ("old", {"rnncast_version": "0.1.0"}),
                        ("theirs", {"format_version": "2"})):
        model = onnx.helper.make_model(graph)
        onnx.helper.set_model_props(model, props)
        (tmp_path / f"{name}.onnx").write_bytes(model.SerializeToString())
    assert replaceable.newer_export(tmp_path / "newer.onnx") == (
        "an export of a newer rnncast (ONNX metadata format version 2, rnncast 0.2.0; this one writes version 1)")
    (tmp_path / "notes.onnx").write_text("notes\n")
    assert not any(replaceable.newer_export(tmp_path / f"{name}.onnx") for name in ("same", "old", "theirs", "notes"))


def test_predicts_forecast_with_its_cutoff_and_step_ahead_is_replaced_and_a_runs_test_forecasts_still_are_not(tmp_path):
    """Decision 2144: predict writes cutoff and step_ahead after the time, as forecasts.csv does; its forecast is told
    as before (a panel's, a quantile model's, this model's point forecast of one series), a forecast of an earlier
    rnncast without them too, and a run's test_forecasts.csv (the actual value before the forecast) is not one."""
    for header, model in (("unique_id,ds,cutoff,step_ahead,y_hat,y_q0.1,y_q0.9", state()),
                          ("date,cutoff,step_ahead,y,y_q0.1,y_q0.9", state()),
                          ("unique_id,ds,y_hat", state())):
        (tmp_path / "f.csv").write_text(header + "\n" + ",".join(["1"] * len(header.split(","))) + "\n")
        assert replaceable.forecast_refusal(tmp_path / "f.csv", model) is None, header
    point = tmp_path / "p.csv"
    point.write_text("date,cutoff,step_ahead,sales\n" + "".join(f"2024-01-0{i + 2},2024-01-01,{i + 1},1\n" for i in range(3)))
    assert replaceable.forecast_refusal(point, state()) is None
    other = replaceable.forecast_refusal(point, state(horizon=4))  # another model's point forecast of one series
    assert isinstance(other, Held) and other.startswith("another model's forecast of one series (targets sales, 3 rows)")
    assert replaceable.forecast_header(state(quantiles=(0.1, 0.9))) == ["date", "cutoff", "step_ahead", "sales",
                                                                      "sales_q0.1", "sales_q0.9"]
    test = tmp_path / "tf.csv"
    test.write_text("unique_id,date,cutoff,step_ahead,sales,sales_hat,sales_repeat\na,2024-01-02,2024-01-01,1,2,2.1,2\n")
    assert replaceable.forecast_refusal(test, state(layout="long", ids=["a"])).startswith("a run's test forecasts")
