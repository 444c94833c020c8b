"""New data for a fitted model (``reading.py``): read with the columns and layout the model was
trained on (a missing column is named with what the model needs), each series placed among the
series it knows (an unseen one is refused), and static covariates read at predict and checked."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel
from rnncast.modelseries import series_index
from rnncast.reading import read_new

def test_predict_names_a_missing_training_column(fitted, data):
    with pytest.raises(RnncastError, match=r"'x' not found.*past covariates \['x'\]"):
        fitted.predict(data[["date", "y"]])


def test_new_data_is_read_as_the_model_was_trained_and_its_series_placed(panel_fitted, panel_frame):
    later = panel_frame[panel_frame.unique_id.isin(["s003", "s001"])]
    panel = read_new(panel_fitted.state_, later)
    assert panel.ids == ["s001", "s003"] and panel.columns == ["y"] and panel.layout == "long"
    assert list(series_index(panel_fitted.state_, panel)) == [1, 3]  # their scalers among the four the model knows
    with pytest.raises(RnncastError, match=r"the panel holds columns \['y', 'x'\]"):
        read_new(panel_fitted.state_, load_panel(panel_frame.assign(x=1.0), features=["x"]))


def test_a_series_unseen_in_fit_is_refused_where_it_is_all_the_data_holds(panel_fitted, panel_frame):
    """Beside series the model knows, predict leaves it out by name (decision 2123, test_modelseries.py)."""
    other = panel_frame[panel_frame.unique_id == "s000"].assign(unique_id="new")
    with pytest.raises(RnncastError, match=r"series \['new'\] .* not in the data the model was fitted on"):
        panel_fitted.predict(other)


@pytest.mark.parametrize("blank", ["", None, np.nan])
def test_a_blank_id_is_refused_as_at_fit_with_its_row_not_as_a_series_never_seen(panel_fitted, panel_frame, tmp_path,
                                                                                  blank):
    """t38t1 5: a blank id cell at predict or evaluate was "series [''] (1 in all) were not in the data the model was
    fitted on"; fit's refusal, with the line, is given on every read (decision 2061)."""
    frame = panel_frame.astype({"unique_id": object})
    frame.loc[3, "unique_id"] = blank
    for read in (panel_fitted.predict, panel_fitted.evaluate):
        with pytest.raises(RnncastError, match=r"^id column 'unique_id' is empty at row 3; every row needs a series "
                                               r"id$"):
            read(frame)
    frame.to_csv(tmp_path / "blank_id.csv", index=False)
    for read in (panel_fitted.predict, panel_fitted.evaluate):
        with pytest.raises(RnncastError, match=r"^id column 'unique_id' is empty at line 5 of blank_id\.csv; every "
                                               r"row needs a series id$"):
            read(tmp_path / "blank_id.csv")


def test_static_covariates_given_at_predict_are_read_and_checked():
    frame = make_panel(3, seed=2)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    f = Forecaster(**TINY).fit(frame, static_covariates=["kind", "size"])
    base = f.predict(frame)
    assert not np.allclose(f.predict(frame.assign(size=frame["size"] * 1000))["y_hat"], base["y_hat"])
    with pytest.raises(RnncastError, match=r"'kind' of series 's001' is 'zebra', a category the model never saw"):
        f.predict(frame.assign(kind=frame["kind"].where(frame.unique_id != "s001", "zebra")))
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002"], "kind": ["a", "b", "a"], "size": [1.0, 5.0, 2000.0]})
    by_table = f.predict(frame.drop(columns=["kind", "size"]), static_covariates=table)
    assert not np.allclose(by_table["y_hat"], base["y_hat"])
    pd.testing.assert_frame_equal(f.predict(frame.drop(columns=["kind", "size"])), base)  # none given: those of fit
    with pytest.raises(RnncastError, match=r"holds static covariate\(s\) \['kind'\] but not \['size'\]"):
        f.predict(frame.drop(columns=["size"]))


def test_a_static_table_row_of_a_series_not_in_the_data_is_said_at_predict_and_evaluate(caplog):
    """fit warned of a static table's row of series 'Z', which the data lacks; predict and evaluate used the same
    table without a word (a tester's finding, decision 576), as they warn of --future rows of an unknown series."""
    frame = make_panel(3, seed=2)
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002", "Z"], "size": [1.0, 5.0, 2.0, 9.0]})
    f = Forecaster(**TINY).fit(frame, static_covariates=table)
    for read in (lambda: f.predict(frame, static_covariates=table),
                 lambda: f.evaluate(frame, static_covariates=table, part="all")):
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            read()
        said = [r.getMessage() for r in caplog.records if "static covariate table" in r.getMessage()]
        assert said == ["the static covariate table holds a row of series ['Z'], which is not in the data; it is not "
                        "used"], caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        f.predict(frame, static_covariates=table.iloc[:3])
    assert "static covariate table" not in caplog.text


def test_a_forecast_of_rows_without_time_says_how_they_are_numbered(caplog):
    """predict labelled the forecast of the fit's last 30 rows `row 30` without a word: numbers restart at 0."""
    y = np.sin(np.arange(150) / 3.0)
    model = Forecaster(**TINY).fit(y)
    with caplog.at_level("INFO", logger="rnncast"):
        forecast = model.predict(y[-30:])
    assert list(forecast.index) == [30, 31, 32] and forecast.index.name == "row"
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("the data has no time column")]
    assert said == ["the data has no time column, so its rows are numbered from 0 (its 30 rows are 0-29, so the "
                    "forecast is rows 30-32); those are the fit's row numbers only where the data starts at the fit's "
                    "first row"]
    one = Forecaster(**dict(TINY, horizon=1)).fit(y)  # one forecast row: "row 30", not "rows 30-30"
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        one.predict(y[-30:])
    assert any("so the forecast is row 30)" in r.getMessage() for r in caplog.records)


def test_a_wide_table_without_time_numbers_its_series_by_the_rows_they_share(caplog):
    """A wide table's row is one step of every series: column 'b', blank before row 40, was forecast as rows 80-82
    and 'a' as 120-122, though both end on the table's last row (a tester's finding, decision 549)."""
    t = np.arange(120)
    b = np.cos(t / 7.0)
    b[:40] = np.nan
    table = pd.DataFrame({"a": np.sin(t / 5.0), "b": b})
    model = Forecaster(**TINY).fit(table, series=["a", "b"])
    with caplog.at_level("INFO", logger="rnncast"):
        forecast = model.predict(table)
    assert forecast.groupby("unique_id")["row"].apply(list).to_dict() == {"a": [120, 121, 122], "b": [120, 121, 122]}
    assert any("the table's rows, which its series share" in r.getMessage() for r in caplog.records)
    shorter = table.assign(a=table["a"].where(t < 110))  # 'a' ends on row 109: its forecast goes on from there
    forecast = model.predict(shorter)
    assert forecast.groupby("unique_id")["row"].apply(list).to_dict() == {"a": [110, 111, 112], "b": [120, 121, 122]}
    windows = model.backtest(table, n_windows=2).forecasts
    assert windows.groupby("unique_id")["row"].apply(list).to_dict() == {s: [114, 115, 116, 117, 118, 119] for s in "ab"}
    assert set(windows["cutoff"]) == {113, 116}


def test_a_missing_value_at_predict_names_the_fit_s_fill_not_a_flag_predict_lacks(fitted, data):
    gaps = data.copy()
    gaps.loc[190, "y"] = np.nan
    with pytest.raises(RnncastError) as err:
        fitted.predict(gaps)
    assert "fit without a fill" in str(err.value) and "rnncast fit DATA --fill ffill|interpolate|zero|drop" in str(err.value)
    assert "fill them with --fill" not in str(err.value)
    filling = Forecaster(**TINY, fill="ffill").fit(data, target="y", features=["x"])
    assert len(filling.predict(gaps)) == TINY["horizon"]  # the model applies its own fill


@pytest.mark.parametrize("freq, start", [("Q", "1980Q1"), ("M", "1980-01")])
def test_periods_and_their_text_are_one_calendar_either_way(tmp_path, freq, start):
    """A model fitted on 1980Q1 as CSV text refused the same data as a Parquet Period[Q] column ("freq='QS-JAN'
    differs from the frequency 'Q-DEC'"), and the reverse ("1980-01-01 ... is not on the calendar
    freq='QE-DEC'"). Each now reads the other; its forecasts keep the model's own kind."""
    y = np.sin(np.arange(60) / 2.0) + np.arange(60) * 0.01
    periods = pd.period_range(start, periods=60, freq=freq)
    text, table = tmp_path / "t.csv", tmp_path / "t.parquet"
    pd.DataFrame({"t": periods.astype(str), "y": y}).to_csv(text, index=False)
    pd.DataFrame({"t": periods, "y": y}).to_parquet(table)
    on_text, on_periods = Forecaster(**TINY).fit(text, target="y"), Forecaster(**TINY).fit(table, target="y")
    stamps = on_text.predict(text)
    assert on_text.predict(table).equals(stamps) and isinstance(stamps.index, pd.DatetimeIndex)
    assert stamps.index[0] == (periods[-1] + 1).to_timestamp()  # the next period's first day
    own = on_periods.predict(table)
    assert on_periods.predict(text).equals(own) and list(own.index) == list(periods[-1] + np.arange(1, 4))


def test_timestamps_not_at_their_periods_start_are_not_taken_for_periods(tmp_path):
    y = np.sin(np.arange(60) / 2.0)
    model = Forecaster(**TINY).fit(pd.DataFrame({"t": pd.period_range("1980Q1", periods=60, freq="Q"), "y": y}),
                                   target="y")
    middle = pd.DataFrame({"t": pd.date_range("1980-02-01", periods=60, freq="3MS"), "y": y})
    with pytest.raises(RnncastError, match="is not on the calendar"):
        model.predict(middle)


def test_data_off_the_models_calendar_is_told_to_follow_it_not_to_give_a_freq_predict_lacks():
    """predict has no --freq: 'give the freq its timestamps follow' sent its user to a flag it lacks."""
    quarterly = pd.DataFrame({"date": pd.date_range("2000-01-01", periods=80, freq="QS"), "y": np.sin(np.arange(80.0))})
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 2, "epochs": 1}).fit(quarterly, target="y")
    monthly = pd.DataFrame({"date": pd.date_range("2000-01-01", periods=80, freq="MS"), "y": np.sin(np.arange(80.0))})
    with pytest.raises(RnncastError, match=r"is not on the calendar freq='QS-JAN'; the model was fitted on that calendar "
                                           r"and reads new data on it: give data whose times follow it, or refit") as caught:
        model.predict(monthly)
    assert "leave freq unset" not in str(caught.value)


def test_new_data_zoned_otherwise_than_the_fit_is_refused_by_name(tmp_path):
    """A model fitted on naive times, given tz-aware data (a Parquet file of aware times), forecast aware
    times without a word; the reverse, naive data for a model of zoned times, forecast naive ones."""
    hours = pd.date_range("2024-01-01", periods=80, freq="h")
    y = np.round(10 + np.sin(np.arange(80) / 4), 3)
    naive = pd.DataFrame({"ds": hours, "y": y})
    aware = naive.assign(ds=hours.tz_localize("Europe/Berlin"))
    aware.to_parquet(tmp_path / "aware.parquet")
    with pytest.raises(RnncastError, match=r"holds times in zone Europe/Berlin \(2024-01-01 00:00:00\+01:00\), but the "
                                           "model was fitted on times without a zone; give the times without their zone"):
        Forecaster(**TINY).fit(naive, target="y").predict(tmp_path / "aware.parquet")
    with pytest.raises(RnncastError, match=r"holds times without a zone \(2024-01-01 00:00:00\), but the model was fitted "
                                           r"on times in zone Europe/Berlin; .* --tz ZONE"):
        Forecaster(**TINY).fit(aware, target="y").predict(naive)
    zoned = Forecaster(**TINY, tz="Europe/Berlin").fit(naive, target="y")  # tz= at fit: naive data is read in it
    assert str(zoned.predict(naive).index.tz) == "Europe/Berlin"
    assert zoned.predict(aware.assign(ds=aware.ds.dt.tz_convert("UTC"))).index[0] == zoned.predict(naive).index[0]


def test_data_without_rows_is_one_line_for_every_reader_dated_or_not_single_or_panel(fitted, data, panel_fitted,
                                                                                    panel_frame):
    empty = "the data has no rows"
    for call in (lambda: fitted.predict(data.iloc[:0]), lambda: fitted.evaluate(data.iloc[:0], part="all"),
                 lambda: fitted.predict_windows(data.iloc[:0]), lambda: fitted.predict(data[["y", "x"]].iloc[:0]),
                 lambda: panel_fitted.predict(panel_frame.iloc[:0]),  # not "every one was too short at fit"
                 lambda: Forecaster(**TINY).fit(data.iloc[:0], target="y")):
        with pytest.raises(RnncastError, match=empty):
            call()


def test_an_array_wider_than_the_fit_s_is_refused_not_read_by_its_first_columns():
    rng = np.random.default_rng(0)
    array = np.column_stack([np.sin(np.arange(120) / 4.0), rng.normal(size=120), rng.normal(size=120)])
    one = Forecaster(**TINY).fit(array[:, 0])
    for method in (one.predict, one.evaluate):
        with pytest.raises(RnncastError, match=r"the array has 3 columns, but the model was fitted on an array of 1 "
                                               r"\(target 0\); its columns 1, 2 are none of the model's"):
            method(array)  # columns 1 and 2 were dropped without a word
    assert one.predict(array[:, 0]).shape == (TINY["horizon"], 3)  # cutoff, step_ahead, the target
    both = Forecaster(**TINY).fit(array[:, :2], target=0)  # column 1 named not used at fit: the same array is fine
    assert both.predict(array[:, :2]).shape == both.predict(array[:, 0]).shape
    with pytest.raises(RnncastError, match="its column 2 is none of the model's"):
        both.predict(array)


def test_integer_ids_of_a_frame_come_back_as_integers_and_text_ids_as_text():
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.concat([pd.DataFrame({"unique_id": i, "ds": pd.date_range("2020-01-01", periods=n, freq="D"),
                                     "y": np.sin(np.arange(n) / 3.0 + i) + rng.normal(0, 0.1, n)}) for i in (1, 2, 10)])
    f = Forecaster(**TINY).fit(frame)
    forecast = f.predict(frame)  # the ids were '1', '10', '2': text, and sorted as text
    assert forecast["unique_id"].dtype == frame["unique_id"].dtype
    assert sorted(set(forecast["unique_id"])) == [1, 2, 10] and all(type(i) is not str for i in forecast["unique_id"])
    scores = f.evaluate(frame, by_series=True)["series"]
    assert sorted(scores) == [1, 2, 10] and all(type(k) is int for k in scores)
    assert f.predict(frame.set_index("unique_id"))["unique_id"].tolist() == forecast["unique_id"].tolist()
    as_text = frame.assign(unique_id=frame["unique_id"].astype(str))
    assert set(f.predict(as_text)["unique_id"]) == {"1", "2", "10"}  # text given, text back


def test_a_column_the_fit_never_saw_is_named_once_and_those_fit_named_are_not(caplog):
    frame = make_frame(200).assign(spare=1.0)  # fit names 'spare' as not used
    model = Forecaster(**TINY).fit(frame, target="y", past_covariates=["x"])
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame.assign(extra=2.0))
        model.predict(frame.assign(extra=2.0))  # a forecasting loop: the same columns are not named again
        model.predict(frame)  # 'spare' only: fit said it already
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used")]
    assert said == ["not used: extra — the model reads y, x"]


def test_the_not_used_line_names_the_static_covariates_the_model_reads_too(caplog):
    """A retail tester: "not used: footfall — the model reads sales, price, promo" left out size and region."""
    frame = make_frame(200).assign(unique_id="a", size=3.0, region="south")
    frame = pd.concat([frame, frame.assign(unique_id="b", size=5.0, region="north")], ignore_index=True)
    model = Forecaster(**TINY).fit(frame, target="y", past_covariates=["x"], static_covariates=["size", "region"])
    with caplog.at_level("WARNING", logger="rnncast"):
        model.predict(frame.assign(footfall=1.0))
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used")]
    assert said == ["not used: footfall — the model reads y, x and the static covariates size, region"]


def test_series_the_model_never_saw_are_named_by_their_ids_as_given():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 60), "ds": np.tile(np.arange(60), 2),
                          "y": rng.normal(size=120)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    with pytest.raises(RnncastError, match=r"^series \[201, 202\] \(2 in all\) were not in the data the model was fitted "
                                           r"on, so it has no scaler for them; it knows 2 series, e.g. \[101, 102\]; "
                                           r"leave those series out to forecast the others, or fit a model on data "
                                           r"that holds them$"):
        model.predict(frame.assign(unique_id=frame["unique_id"] + 100))


def test_a_one_series_model_refuses_data_of_several_series_naming_them(fitted, data):
    """A unique_id column of two series crashed predict of a one-series model (IndexError in its scaler)."""
    both = pd.concat([data.assign(unique_id="a"), data.assign(unique_id="b")])
    for read in (fitted.predict, fitted.evaluate, fitted.predict_windows,
                 lambda d: read_new(fitted.state_, load_panel(d, target="y", features=["x"]))):
        with pytest.raises(RnncastError, match=r"fitted on one series; the data holds 2 \(a, b\) in column 'unique_id': "
                                               "give one series's rows"):
            read(both)
    assert len(fitted.predict(data.assign(unique_id="a"))) == 3  # one series's rows, with their id, are that series


def test_a_model_refuses_data_on_a_coarser_calendar_naming_both_and_warns_of_a_few_missing_rows(caplog):
    """A daily model dated a weekly file's forecasts as the days after it, warning only of missing steps."""
    daily = make_frame(120, freq="D", feature=False)
    model = Forecaster(**TINY).fit(daily)
    weekly = daily.iloc[::7]
    for read in (model.predict, model.evaluate, model.predict_windows):
        with pytest.raises(RnncastError, match=r"the data's rows are most often 7 days apart \(17 of its 17 steps\) and "
                                               "keep the calendar 'W-MON', but the calendar read is 'D'.*the model was fitted on that calendar"):
            read(weekly)
    with caplog.at_level("WARNING", logger="rnncast"):
        assert len(model.predict(daily.drop([110, 112]))) == 3
    assert "calendar steps missing" in caplog.text


def test_a_one_series_model_given_rows_of_several_offers_no_id_col_predict_lacks(tmp_path):
    """'name the column ... with id_col= (--id-col)': predict takes no such flag; the model takes one series."""
    days = pd.date_range("2021-01-01", periods=80)
    one = pd.DataFrame({"date": days, "y": np.sin(np.arange(80) / 4.0)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(one)
    two = pd.concat([one.assign(store="a"), one.assign(store="b")])
    with pytest.raises(RnncastError, match=r"told apart by 'store'\?\), the model, fitted on one series, takes one "
                                           r"series: give it the rows of one of them$"):
        model.predict(two)


def test_a_wide_file_written_with_its_index_is_read_at_predict_as_at_fit(tmp_path):
    """Fit on a wide table of every series (series='all') written by ``to_csv`` with its index left its row numbers
    out (rowindex.py); predict on the same file refused them as a series the model never saw."""
    path = tmp_path / "wide.csv"
    frame = make_frame(80).rename(columns={"y": "a", "x": "b"})
    frame.to_csv(path)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(path, series="all")
    assert model.ids_ == ["a", "b"]
    pd.testing.assert_frame_equal(model.predict(path), model.predict(frame))


def test_a_wide_model_given_data_without_its_time_column_names_its_series_not_y():
    t = np.arange(120)
    wide = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=120), "north": 10 + np.sin(t / 5),
                         "south": 50 + 3 * np.cos(t / 4)})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 8}).fit(wide, series=["north", "south"])
    with pytest.raises(RnncastError, match=r"trained on series \['north', 'south'\] and no covariates$"):
        model.predict(wide.drop(columns="date"))


def test_a_zone_refusal_names_a_monthly_time_as_the_file_writes_it(tmp_path):
    """Times written 2010-01 were shown 2010-01-01 in the refusal of naive data for a model of zoned times."""
    months = pd.date_range("2010-01-01", periods=60, freq="MS")
    y = np.round(10 + np.sin(np.arange(60) / 2), 3)
    pd.DataFrame({"time": months.strftime("%Y-%m-%dT00:00+00:00"), "y": y}).to_csv(tmp_path / "zoned.csv", index=False)
    pd.DataFrame({"time": months.strftime("%Y-%m"), "y": y}).to_csv(tmp_path / "naive.csv", index=False)
    model = Forecaster(**TINY).fit(tmp_path / "zoned.csv", target="y")
    with pytest.raises(RnncastError, match=r"^time column 'time' holds times without a zone \(2010-01\), but the model"):
        model.predict(tmp_path / "naive.csv")


def test_a_model_reads_the_file_it_was_fitted_on_though_most_of_its_days_are_missing(caplog):
    """Fit read the tester's file (150 of 400 days) on 'D' with a gap warning; evaluate and predict refused the same
    file as being on a coarser calendar. One rule now decides both: the series keeps 'D' on its own."""
    rng = np.random.default_rng(1)
    for kept in (220, 180, 150):  # 45 %, 55 % and 62.5 % of the days missing
        days = np.sort(rng.choice(np.arange(400), kept, replace=False))
        frame = pd.DataFrame({"date": pd.Timestamp("2020-01-01") + pd.to_timedelta(days, "D"),
                              "v": np.sin(days / 9) + rng.normal(0, 0.1, kept)})
        model = Forecaster(**{**TINY, "lookback": 10, "horizon": 2, "epochs": 1}).fit(frame, target="v")
        assert model.state_.calendar.shown == "'D'"
        with caplog.at_level("WARNING", logger="rnncast"):
            assert model.evaluate(frame)["scored"]
        assert "calendar steps missing" in caplog.text  # the windows across the gaps, said as for any gaps
        forecast = model.predict(frame)
        assert list(forecast.index) == list(pd.date_range(frame.date.iloc[-1], periods=3, freq="D")[1:])


def test_a_daily_model_refuses_weekly_and_monthly_files_by_their_most_common_step():
    """The refusal counted every step that skips a day as the median skip's ('3 days apart (90 of its 149 steps)')."""
    daily = make_frame(120, freq="D", feature=False)
    model = Forecaster(**TINY).fit(daily)
    monthly = daily.iloc[:60].assign(date=pd.date_range("2015-01-01", periods=60, freq="MS"))
    with pytest.raises(RnncastError, match=r"^the data's rows are most often 31 days apart \(34 of its 59 steps\) and "
                                           r"keep the calendar 'MS', but the calendar read is 'D'"):
        model.evaluate(monthly)
    steps = [7] * 20 + [14] * 5 + [1] * 3  # weekly with a few weeks missing and a few rows a day apart
    mixed = daily.iloc[:29].assign(date=pd.Timestamp("2020-01-05") + pd.to_timedelta(np.cumsum([0] + steps), "D"))
    with pytest.raises(RnncastError, match=r"^the data's rows are most often 7 days apart \(20 of its 28 steps\) and "
                                           r"keep no calendar, but the calendar read is 'D'"):
        model.predict(mixed)


def test_a_panel_series_every_other_day_among_daily_ones_keeps_its_own_calendar_at_fit_and_after():
    """Fit read a series every 2 days among daily ones on 'D', its every step a missing day; evaluate and predict
    then refused the same file as on a coarser calendar. Fit now applies their rule and gives it '2D'."""
    days = lambda freq: pd.date_range("2020-01-01", periods=120, freq=freq)  # noqa: E731
    frame = pd.concat([pd.DataFrame({"id": "a", "date": days("D"), "y": np.sin(np.arange(120) / 5)}),
                       pd.DataFrame({"id": "b", "date": days("2D"), "y": np.cos(np.arange(120) / 5)})])
    model = Forecaster(**TINY).fit(frame, target="y", id_col="id")
    assert model.state_.calendar.shown == "'D'" and model.state_.calendars["b"].shown == "'2D'"
    assert model.evaluate(frame)["scored"]["series"] == 2
    forecast = model.predict(frame)
    assert list(forecast[forecast.id == "b"].date) == list(pd.date_range("2020-08-28", periods=3, freq="2D"))


def test_a_model_reading_the_targets_past_says_so_in_one_line_when_new_data_lacks_it():
    """A sequence regression (y from x, future_known): predict from x alone said "column 'y' has no values at all
    (every row is missing); drop it", and once dropped "column 'y' not found". The model reads y's past: one line."""
    from rnncast import datasets

    data = datasets.aligned_regression(n=200)
    model = Forecaster(**{**TINY, "epochs": 1, "horizon": 1, "future_known": True}).fit(data, target="y", features=["x"])
    future = data[["x"]].iloc[-1:]
    said = ("this model reads the target's past: give column 'y' with its values for the lookback rows (the last 12 "
            "before the forecast); the model was trained on target ['y'] and future covariates ['x']")
    for history in (data[["x"]].iloc[:-1], data.iloc[:-1].assign(y=np.nan)):
        with pytest.raises(RnncastError) as err:
            model.predict(history, future=future)
        assert str(err.value) == said
    assert len(model.predict(data.iloc[:-1], future=future)) == 1


def test_series_the_model_never_saw_are_refused_with_what_leaving_them_out_lets_each_command_do():
    """evaluate and compare said "leave those series out to forecast the others": they score them (predict_windows
    forecasts its windows and scores none: "forecast")."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 60), "ds": np.tile(np.arange(60), 2),
                          "y": rng.normal(size=120)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    other = frame.assign(unique_id=frame["unique_id"] + 100)
    with pytest.raises(RnncastError, match=r"; leave those series out to score the others, or fit a model"):
        model.evaluate(other)
    with pytest.raises(RnncastError, match=r"; leave those series out to forecast the others, or fit a model"):
        model.predict_windows(other)  # it forecasts windows, scores none
    with pytest.raises(RnncastError, match=r"; leave those series out to forecast the others, or fit a model"):
        model.predict(other)


def test_a_panel_without_time_writes_its_row_numbers_as_row_as_backtest_and_one_series_do():
    """Multi-series predict wrote them under 'ds', backtest and one series' predict under 'row' (decision 560)."""
    frame = make_panel(2, lengths=(60, 60)).drop(columns="ds")
    forecast = Forecaster(**TINY).fit(frame).predict(frame)
    assert list(forecast.columns[:2]) == ["unique_id", "row"] and forecast["row"].tolist()[:3] == [60, 61, 62]


def test_a_model_reading_a_hangul_header_in_decomposed_unicode_says_to_save_it_composed():
    """A model fitted on '지점' and '매출' (NFC), given the same file saved by macOS (NFD): "the data has no column
    '지점' (its columns: 지점, ...)", the names looking the same; now the form is named, and the header to save so."""
    import unicodedata

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"지점": np.repeat(["가", "나"], 40), "날짜": np.tile(pd.date_range("2024-01-01", periods=40), 2),
                          "매출": rng.normal(size=80)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="매출", id_col="지점")
    nfd = frame.rename(columns=lambda c: unicodedata.normalize("NFD", c))
    for data in (nfd, nfd.rename(columns={nfd.columns[0]: "지점"})):  # the id column, then the target
        with pytest.raises(RnncastError, match=r"not found: the header writes '.+' in decomposed Unicode \(NFD, as macOS "
                                               r"writes names\), the model's column in composed form \(NFC\).*: save the "
                                               r"header in composed form \(NFC; in Python, frame\.rename\(columns="):
            model.predict(data)


def _nyse_and_tokyo() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two tickers on NYSE's 2023 trading days (long, unique_id/ds/y) and a Tokyo one on every weekday."""
    from rnncast.holidaysets import weekday_holidays

    days = pd.bdate_range("2023-01-02", "2023-09-29")
    nyse = days[~days.isin(pd.DatetimeIndex(weekday_holidays("NYSE", 2023, 2023)))]
    walk = lambda n, seed: 100 + np.cumsum(np.random.default_rng(seed).normal(0, 1, n))  # noqa: E731
    us = pd.concat([pd.DataFrame({"unique_id": t, "ds": nyse, "y": walk(len(nyse), k)}) for k, t in enumerate(["A", "B"])])
    return us, pd.DataFrame({"unique_id": "7203", "ds": days, "y": walk(len(days), 5)})  # trades on MLK day (01-16)


def test_a_series_the_model_never_saw_is_refused_as_such_before_its_rows_are_read_on_the_models_calendar():
    """A tester's model of two NYSE tickers given a panel that also held a Tokyo one: predict, evaluate and compare
    refused "timestamp 2023-01-16 (series '7203') is one of the NYSE holidays ... refit on this data", not that the
    model never saw '7203'. The unknown series is now refused first, as such, whatever its rows."""
    from rnncast import compare

    us, jp = _nyse_and_tokyo()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(us)
    assert model.calendar_.holidays == "NYSE"
    both = pd.concat([us, jp], ignore_index=True)
    unseen = r"^series \['7203'\] .*were not in the data the model was fitted on, so it has no scaler for them"
    with pytest.raises(RnncastError, match=unseen + r".*to forecast the others"):
        model.predict(both)
    with pytest.raises(RnncastError, match=unseen + r".*to score the others"):
        model.evaluate(both)
    with pytest.raises(RnncastError, match=r"^model 'A': series \['7203'\] .*were not in the data"):
        compare({"A": model, "B": copy.deepcopy(model)}, both)
    assert model.predict(us).shape[0] == 2 * TINY["horizon"]  # the known series alone read as before


def test_predict_windows_of_one_known_series_is_not_blocked_by_unseen_series_on_another_calendar():
    """A tester's predict_windows(allp, series='AAPL') on a panel that also held Tokyo and London tickers the model
    never saw was refused for them, "leave those series out to score the others" (predict_windows scores nothing).
    The series asked for is now read alone; without series= the refusal says "forecast"."""
    us, jp = _nyse_and_tokyo()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(us)
    both = pd.concat([us, jp], ignore_index=True)
    alone = model.predict_windows(us, series="A")
    windows = model.predict_windows(both, series="A")
    assert np.array_equal(windows.y_pred, alone.y_pred) and len(windows.y_pred) > 0
    with pytest.raises(RnncastError, match=r"^series \['7203'\] .*to forecast the others"):
        model.predict_windows(both)
    same = pd.concat([us, us[us.unique_id == "B"].assign(unique_id="C")], ignore_index=True)  # unseen, same calendar
    with pytest.raises(RnncastError, match=r"^series \['C'\] .*to forecast the others"):
        model.predict_windows(same)
    with pytest.raises(RnncastError, match=r"^series \['7203'\] .*were not in the data"):
        model.predict_windows(both, series="7203")  # the one asked for unseen: refused as such


def test_series_fit_left_out_are_all_counted_when_more_than_ten(caplog):
    """A tester's finding: evaluate and predict named the first ten of 15 series fit left out as too short, and no
    word of the other five ("series [...10 ids...] were too short to train and are not scored")."""
    frame = make_panel(2, seed=1)
    short = pd.concat([pd.DataFrame({"unique_id": f"t{k:02d}", "ds": frame["ds"].iloc[:12], "y": np.arange(12.0)})
                       for k in range(12)], ignore_index=True)
    frame = pd.concat([frame, short], ignore_index=True)
    f = Forecaster(**TINY).fit(frame)
    for call, doing in ((f.predict, "forecast"), (f.evaluate, "scored")):
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            call(frame)
        assert f"'t08', 't09' and 2 more were too short to train and are not {doing}" in caplog.text


def test_a_wide_frame_for_a_features_alone_model_has_its_targets_stood_in_once(monkeypatch):
    """predict of a wide frame stood its target columns in twice (two copies of the frame): once now, read from it."""
    from rnncast import featuresonly
    rng = np.random.default_rng(3)
    a = rng.normal(size=80).cumsum() * 0.2
    wide = pd.DataFrame({"time": pd.date_range("2025-01-01", periods=80, freq="h"), "a": a, "s1": 10 + 2 * a,
                         "s2": 5 + a})
    alone = {**TINY, "horizon": 1, "target_input": False, "window_norm": "none", "highway": False}
    model = Forecaster(**alone).fit(wide, series=["s1", "s2"], features=["a"])
    calls, stood_in = [], featuresonly.stood_in
    monkeypatch.setattr(featuresonly, "stood_in", lambda state, data, absent=None: calls.append(1) or stood_in(state, data, absent))
    with_them = model.predict(wide.tail(20))
    assert len(calls) == 1
    pd.testing.assert_frame_equal(model.predict(wide.tail(20).drop(columns=["s1", "s2"])), with_them)
    assert len(calls) == 2 and list(with_them["unique_id"]) == ["s1", "s2"]

def test_a_model_keyed_by_two_columns_names_both_where_a_table_needs_its_key():
    """A model keyed by sku and store asked for a static table "with 'sku,store' and one column per attribute", and
    for future rows with "the columns 'sku,store' and 'week'": columns no table of the user's holds."""
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    frame = pd.concat([pd.DataFrame({"sku": "A", "store": s, "ds": days, "y": np.sin(np.arange(40) / 3) + k,
                                     "x": np.arange(40.0) % 3, "size": 100.0 * (k + 1)})
                       for k, s in enumerate(("S1", "S2"))], ignore_index=True)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", id_col=["sku", "store"], future_covariates=["x"],
                                                   static_covariates=["size"])
    for given in (["size"], "nofile", {"size": 1}):
        with pytest.raises(RnncastError, match=r"with 'sku', 'store' and one column per attribute") as err:
            model.predict(frame, static_covariates=given)
        assert "sku,store" not in str(err.value)
    with pytest.raises(RnncastError, match=r"and the columns 'sku', 'store' and 'ds' saying which series and step\)$"):
        model.predict(frame)
