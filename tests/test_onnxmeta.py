"""The ONNX file's metadata (``onnxmeta.py``): beside the graph's columns and steps, how predict reads data before the
graph's part (missing-value codes, fill, time column, calendar), which a caller of the file alone must do itself."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from conftest import TINY, make_frame
from rnncast import Forecaster, holidaysets
from rnncast.onnxmeta import METADATA, description, metadata, read


def test_the_metadata_says_the_missing_codes_the_fill_the_time_column_and_the_calendar():
    # an onnxruntime caller fed -999 as a value (24.37 against predict's 27.1): nothing in the file said it was a code
    frame = make_frame(200)
    frame.loc[[50, 120], "y"] = -999.0
    fitted = Forecaster(**{**TINY, "epochs": 1, "missing_values": [-999], "fill": "ffill"}).fit(frame, target="y")
    meta = metadata(fitted)
    assert {k: meta[k] for k in ("missing_values", "fill", "time_col", "freq")} == {
        "missing_values": "-999", "fill": "ffill", "time_col": "date", "freq": "h"}
    assert set(meta) == set(METADATA) and json.loads(meta["x_columns"]) == ["y"]
    assert "missing_values: the codes read as missing at fit" in description(fitted)
    plain = metadata(Forecaster(**{**TINY, "epochs": 1}).fit(np.sin(0.1 * np.arange(200))))  # none given, no time
    assert {k: plain[k] for k in ("missing_values", "fill", "time_col", "freq")} == {
        "missing_values": "", "fill": "", "time_col": "", "freq": ""}


def test_the_metadata_says_the_zone_holidays_unit_and_day_order_the_times_were_read_in():
    # a run fitted with --tz Europe/Berlin wrote freq 'h' and time_col but no tz, while x's rows were steps of
    # Berlin's clock (a 25-hour day in October)
    frame = make_frame(200)
    fitted = Forecaster(**{**TINY, "epochs": 1, "tz": "Europe/Berlin"}).fit(frame, target="y")
    meta = metadata(fitted)
    assert {k: meta[k] for k in ("tz", "holidays", "time_unit", "dayfirst")} == {
        "tz": "Europe/Berlin", "holidays": "", "time_unit": "", "dayfirst": ""}
    assert "tz: the zone the calendar's steps run in" in description(fitted)
    days = make_frame(200, freq="D").assign(date=lambda f: f["date"].dt.strftime("%d/%m/%Y"))  # 13/01/2024: day first
    assert metadata(Forecaster(**{**TINY, "epochs": 1}).fit(days, target="y"))["dayfirst"] == "true"
    unix = make_frame(200).assign(date=lambda f: (f["date"] - pd.Timestamp(0)) // pd.Timedelta(1, "s"))
    assert metadata(Forecaster(**{**TINY, "epochs": 1, "time_unit": "s"}).fit(unix, target="y"))["time_unit"] == "s"
    market = make_frame(200, time=False).assign(date=pd.date_range("2024-01-02", periods=200,
                                                                     freq=holidaysets.offset("NYSE")))
    traded = metadata(Forecaster(**{**TINY, "epochs": 1, "holidays": "NYSE"}).fit(market, target="y"))
    assert (traded["holidays"], traded["tz"]) == ("NYSE", "")


def test_the_cell_is_written_as_fit_reads_it_rnn_lstm_or_gru():
    """cell="GRU" wrote "GRU" where the metadata documents "rnn, lstm or gru"."""
    fitted = Forecaster(**{**TINY, "epochs": 1}, cell="GRU").fit(np.sin(0.1 * np.arange(200)))
    assert metadata(fitted)["cell"] == "gru" and description(fitted).startswith("rnncast gru forecaster")


def test_a_file_exported_before_the_metadata_carried_a_format_version_is_read():
    """A tester's finding: read refused every ONNX file exported before format_version was written ("uses ONNX
    metadata format version None"), where the README says only a newer one is refused: none is the oldest, 1."""
    import onnx
    graph = onnx.ModelProto()
    for key, value in {"x_columns": '["y"]', "lookback": "4"}.items():
        graph.metadata_props.add(key=key, value=value)
    assert read(graph, "old.onnx") == {"x_columns": '["y"]', "lookback": "4"}


def test_the_metadata_says_the_id_column_the_series_fitted_and_the_clip_at_zero(tmp_path):
    """A tester's finding: a deployer of the ONNX file could not tell which series it forecasts, by which id column,
    nor that its forecasts are clipped at 0. id_col (a key's columns as a JSON list, one name as text), series (their
    ids as the data gave them: int 2, also after the model is saved and loaded) and nonnegative now say it."""
    import onnx
    from rnncast.onnxmeta import OPTIONAL
    frame = make_frame(200).assign(item_id="FOODS_1", store_id=2)
    frame["y"] = frame["y"].abs()  # never below zero: nonnegative fits it without a word
    fitted = Forecaster(**{**TINY, "epochs": 1, "nonnegative": True}).fit(frame, target="y", id_col=["item_id", "store_id"])
    for model in (fitted, (fitted.save(tmp_path / "m"), Forecaster.load(tmp_path / "m"))[1]):
        meta = metadata(model)
        assert json.loads(meta["id_col"]) == ["item_id", "store_id"] and meta["nonnegative"] == "true"
        assert json.loads(meta["series"]) == [{"item_id": "FOODS_1", "store_id": 2}]
    assert "targets ['y'], clipped at 0 (nonnegative: no value below 0)" in description(fitted)
    one = Forecaster(**{**TINY, "epochs": 1}).fit(frame.assign(store_id="S1"), target="y", id_col="store_id")
    assert {k: metadata(one)[k] for k in OPTIONAL[:3]} == {"id_col": "store_id", "series": '["S1"]', "nonnegative": "false"}
    assert "clipped at 0 (nonnegative" not in description(one)
    plain = metadata(Forecaster(**{**TINY, "epochs": 1}).fit(np.sin(0.1 * np.arange(200))))
    assert {k: plain[k] for k in OPTIONAL[:3]} == {"id_col": "", "series": "[]", "nonnegative": "false"}
    graph = onnx.ModelProto()  # a format_version 1 file exported before these keys: read as it is, none required
    graph.metadata_props.add(key="format_version", value="1")
    assert read(graph, "old.onnx") == {"format_version": "1"}


def test_the_metadata_says_the_cutoff_dates_the_test_scores_and_fill_gaps():
    # t32t3: neither the .onnx nor model.json said when the model's data ended nor how well it scored (decision 1530)
    fitted = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200, freq="D"), target="y")
    meta = metadata(fitted)
    assert {k: meta[k] for k in ("data_start", "train_end", "val_end", "data_end")} == fitted.cutoffs_[0]
    assert meta["data_start"] == "2024-01-01" and meta["fill_gaps"] == "false"
    assert (meta["test_mse"], meta["beats_baselines"]) == ("", "")  # Forecaster.fit scored no test split
    assert "train_end: the last time of the training rows (the training cutoff)" in description(fitted)


def test_before_x_says_what_predict_does_and_the_graph_does_not_only_where_the_model_does_it():
    # t32t3: an export of a --missing-values -999 --fill ffill model printed only "float64, original units", and the
    # README's deploy snippet then forecast from the -999 (decision 1529)
    from rnncast.onnxmeta import before_x
    frame = make_frame(200)
    frame.loc[[50, 120], "y"] = -999.0
    coded = Forecaster(**{**TINY, "epochs": 1, "missing_values": "-999; 9999", "fill": "ffill"}).fit(frame, target="y")
    assert before_x(coded) == (
        "the graph does none of what predict does to the data before it: before x, replace the missing-value codes "
        "(-999, 9999) with NaN; fill missing values as fill 'ffill' does (metadata missing_values, fill; README: Deploy "
        "with onnxruntime alone)")
    zoned = Forecaster(**{**TINY, "epochs": 1, "tz": "Europe/Berlin"}).fit(make_frame(200), target="y")
    assert "give the rows as steps of Europe/Berlin's clock" in before_x(zoned) and "(metadata tz;" in before_x(zoned)
    assert before_x(Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y")) == ""


def test_a_key_a_later_rnncast_adds_is_read_past_so_the_onnx_format_version_stays_1():
    """Decision 1584: the metadata gained keys (fill_gaps, test_mse, ...) at format_version 1. A reader (this one, and
    the one before those keys: its read was this same loop) returns keys it does not know unrefused, so a file with
    more keys is read, and only a changed meaning would need version 2."""
    from onnx import helper
    model = helper.make_model(helper.make_graph([], "g", [], []))
    for key, value in {"format_version": "1", "test_mse": "0.5", "a_later_key": "x"}.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    assert read(model) == {"format_version": "1", "test_mse": "0.5", "a_later_key": "x"}


def test_a_files_ids_are_written_typed_as_predict_writes_them(tmp_path):
    """t35t5 5: README and decision 1102 said a file's ids are written as text ("2"); they are typed as the data gave
    them, as predict's id column writes them: 101 a number, "007" text (its leading zero kept), "A" text (decision
    1784). The metadata's description says so too."""
    for given, written in (("101", [101]), ("007", ["007"]), ("A", ["A"])):
        frame = make_frame(120, freq="D")[["date", "y"]].assign(store=given)
        path = tmp_path / f"{given}.csv"
        frame.to_csv(path, index=False)  # store written 101, 007, A: the file's own text
        fitted = Forecaster(**{**TINY, "epochs": 1}).fit(str(path), target="y", id_col="store")
        assert json.loads(metadata(fitted)["series"]) == written
        assert fitted.predict(str(path))["store"].tolist()[:1] == written
    assert "a file's typed as predict's id column writes them, 101 a number, \"007\" text" in description(fitted)


def test_the_description_says_test_mse_of_several_targets_is_their_mean_and_where_each_ones_is():
    # t36t5 1 (decision 1900): "test_mse: the test split's MSE, original units" of a model of two targets in units
    # that differ was their mean, which is neither's error
    fitted = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200, freq="D"), target="y")
    said = description(fitted)
    assert "several targets': the mean of the targets' MSEs, each in its own units (test_by_target has each)" in said
    assert "test_by_target: each target's test scores in its own original units, a JSON list in targets order" in said
    assert "verdict_units: the units the verdict compared MSEs in" in said
    assert {"test_by_target", "verdict_units"} <= set(metadata(fitted))


def test_names_and_ids_are_written_as_they_are_not_as_u_escapes():
    # t36t5 2 (decision 1901): x_columns read ["\ub9e4\ucd9c(\uc6d0)", "\uae30\uc628"] in Netron, though id_col (plain
    # text) and model.json (decision 768) wrote 매출(원) as it is
    frame = make_frame(200, freq="D").rename(columns={"y": "매출(원)", "x": "기온", "date": "날짜"})
    frame = pd.concat([frame.assign(매장="007"), frame.assign(매장="가게")], ignore_index=True)
    fitted = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="매출(원)", past_covariates=["기온"], id_col="매장",
                                                    time_col="날짜")
    meta = metadata(fitted)
    assert meta["x_columns"] == '["매출(원)", "기온"]' and meta["targets"] == '["매출(원)"]'
    assert meta["features"] == '["기온"]' and meta["series"] == '["007", "가게"]'
    assert all("\\u" not in str(value) for value in meta.values())


def test_the_verdict_units_description_says_a_wide_tables_series_are_scaled_as_units_for_has_them():
    """r36r4: the description said "original (one target of data without an id column)", and a wide table of several
    series, no id column, has scaled units (decision 1947)."""
    from rnncast.onnxmeta import METADATA
    from rnncast.verdicts import units_for

    original, scaled = METADATA["verdict_units"].split("), or scaled (")
    assert units_for("wide", 1) == "scaled" and "a wide table's series" in scaled
    assert units_for("single", 1) == "original" and "one target of one series" in original


def test_the_metadata_says_how_each_calendar_covariate_is_computed():
    # decision 1983: the columns of x and future that fit computed from the times, and how, for a caller of the file
    frame = make_frame(200)
    fitted = Forecaster(**{**TINY, "epochs": 1, "calendar_covariates": "hour,weekend"}).fit(frame, target="y")
    meta = metadata(fitted)
    assert json.loads(meta["future_covariates"]) == ["hour_sin", "hour_cos", "weekend"]
    assert json.loads(meta["calendar_covariates"]) == {
        "hour_sin": "sin(2 pi x), x = h / 24, h the time of day in hours (15:45 is 15.75)",
        "hour_cos": "cos(2 pi x), x = h / 24, h the time of day in hours (15:45 is 15.75)",
        "weekend": "1 on Saturday and Sunday, else 0"}
    assert json.loads(metadata(Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y"))["calendar_covariates"]) == {}
    # decision 2026: the doc_string names the columns of x and future that are computed, not read from a table
    assert "columns ['hour_sin', 'hour_cos', 'weekend']; of these, ['hour_sin', 'hour_cos', 'weekend'] are computed " \
        "from each step's time on tz's wall clock" in description(fitted)


def test_before_x_names_the_calendar_columns_to_compute():
    # t38t4 MED 1 (decision 2048): export printed no "before x" line for a calendar model, whose hour_sin, ... no file
    # holds
    from rnncast.onnxmeta import before_x
    fitted = Forecaster(**{**TINY, "epochs": 1, "calendar_covariates": "hour,weekend"}).fit(make_frame(200), target="y")
    assert before_x(fitted) == (
        "the graph does none of what predict does to the data before it: before x, compute the columns hour_sin, "
        "hour_cos, weekend of x and future from each row's time (as written) as the metadata key "
        "calendar_covariates says (metadata calendar_covariates; README: Deploy with onnxruntime alone)")
    assert "calendar_covariates: the future covariates fit computed" in description(fitted)


def test_a_wide_tables_one_series_is_named_by_its_column_without_an_id_column():
    # t38t4 MED 2 (decision 2049): --series s1 of a wide file (date, s1, temp) exported x_columns ["y", "temp"] and
    # id_col "unique_id", neither of which the file has
    r = np.random.default_rng(6)
    wide = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=200, freq="D"),
                         "s1": r.normal(0, 1, 200).cumsum() + 20, "temp": r.normal(0, 1, 200)})
    fitted = Forecaster(**{**TINY, "epochs": 1}).fit(wide, series=["s1"], past_covariates=["temp"])
    meta = metadata(fitted)
    assert {k: meta[k] for k in ("x_columns", "targets", "id_col", "series", "layout")} == {
        "x_columns": '["s1", "temp"]', "targets": '["s1"]', "id_col": "", "series": '["s1"]', "layout": "wide"}
    assert "columns ['s1', 'temp']" in description(fitted) and "targets ['s1']" in description(fitted)
    long = metadata(Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200).assign(store="A"), target="y",
                                                            id_col="store"))
    assert (long["x_columns"], long["id_col"], long["layout"]) == ('["y"]', "store", "long")


def test_a_holiday_columns_description_names_the_call_its_observed_days_and_the_package_version():
    # t38t4 LOW 5 (decision 2052): "1 on a holiday of US (the holidays package), else 0" left out the version, that
    # observed days and weekend holidays count, and that NYSE is a market's calendar, US-NY a country's subdivision
    from importlib.metadata import version
    frame = make_frame(600, freq="D")
    fitted = Forecaster(**{**TINY, "epochs": 1, "calendar_covariates": "holiday:NYSE,holiday:US-NY"}).fit(frame,
                                                                                                        target="y")
    meta, installed = metadata(fitted), version("holidays")
    said = json.loads(meta["calendar_covariates"])
    assert meta["holidays_version"] == installed and installed in said["holiday_NYSE"]
    assert said["holiday_NYSE"].startswith("1 on a day that is a holiday of holidays.financial_holidays('NYSE') (a "
                                           "market's: the days the exchange closes), with the package's defaults "
                                           "(observed days included")
    assert said["holiday_US-NY"].startswith("1 on a day that is a holiday of holidays.country_holidays('US', "
                                            "subdiv='NY') (a country's, with its subdivision NY's)")
    assert "a holiday on a Saturday or Sunday too" in said["holiday_US-NY"]
    assert metadata(Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y"))["holidays_version"] == ""


def _seasonal(times, **columns) -> pd.DataFrame:
    """A seasonal target beside the time column ``columns`` names ({name: its values}), as a file holds it."""
    n = len(times)
    return pd.DataFrame({**columns, "y": 10 + 3 * np.sin(np.arange(n) * np.pi / 2) +
                         np.random.default_rng(1).normal(0, 0.2, n)})


def test_the_metadata_says_which_times_are_periods_and_where_their_calendar_covariates_are_computed():
    # t39t1 M1 (decision 2124): README's snippet read week text 2018-01-01/2018-01-07 with pd.to_datetime (refused)
    # and fiscal quarters 2019Q4 of QE-MAR as calendar quarters (2019-10-01, where rnncast reads January to March 2019
    # and computes the covariates at 2019-03-31): nothing in the file said how the times were read
    from rnncast.onnxmeta import before_x
    weeks = pd.period_range("2018-01-01", periods=120, freq="W-SUN")
    quarters = pd.period_range("2000Q1", periods=80, freq="Q-MAR")
    months = pd.period_range("2005-01", periods=120, freq="M")
    days = pd.date_range("2023-01-01", periods=200, freq="D")

    def read(frame, time_col, **settings):
        fitted = Forecaster(**{**TINY, "epochs": 1, **settings}).fit(frame, target="y", time_col=time_col)
        meta = metadata(fitted)
        return (meta["time_periods"], meta["time_at"]), before_x(fitted)

    week, said = read(_seasonal(weeks, week=weeks.astype(str)), "week", calendar_covariates="day_of_year")
    assert week == ("W-SUN", "start") and "each row a period of W-SUN, at its first day: metadata time_periods, " \
                                          "time_at" in said
    fiscal, said = read(_seasonal(quarters, quarter=quarters.astype(str)), "quarter", freq="QE-MAR",
                        calendar_covariates="month")
    assert fiscal == ("Q-MAR", "freq") and "each row a period of Q-MAR, at its day of QE-MAR" in said
    assert read(_seasonal(quarters, quarter=quarters.astype(str)), "quarter", freq="QS-APR")[0] == ("Q-MAR", "freq")
    assert read(_seasonal(quarters, quarter=quarters.asfreq("Q-DEC").astype(str)), "quarter")[0] == ("Q-DEC", "freq")
    assert read(_seasonal(quarters, quarter=quarters), "quarter")[0] == ("Q-MAR", "start")  # Periods: a PeriodIndex
    assert read(_seasonal(months, month=months), "month")[0] == ("M", "start")
    assert read(_seasonal(months, month=months.astype(str)), "month")[0] == ("", "")  # 2005-01: pd.to_datetime's
    assert read(_seasonal(days, date=days.strftime("%Y-%m-%d")), "date", calendar_covariates="day_of_week") == (
        ("", ""), "the graph does none of what predict does to the data before it: before x, compute the columns "
        "day_of_week_sin, day_of_week_cos of x and future from each row's time (as written) as the metadata key "
        "calendar_covariates says (metadata calendar_covariates; README: Deploy with onnxruntime alone)")
    assert "time_at: where a row of time_periods stands" in description(
        Forecaster(**{**TINY, "epochs": 1}).fit(np.sin(0.1 * np.arange(200))))
