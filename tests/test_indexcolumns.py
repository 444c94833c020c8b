"""A pandas object's index read as columns (``indexcolumns.py``): an unnamed integer index of one step that is not
0 .. n-1 is the time where no column is (years: ``range(1961, 2021)``), the default ``RangeIndex`` and a filter's
labels stay row numbers, a long table's index is never its series' time; an unnamed index is named as
``reset_index`` names it, so a column ``index`` beside it no longer clashes."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.indexcolumns import INDEX_NAMES, as_columns
from rnncast.loading import load_panel

H = TINY["horizon"]
QUICK = {**TINY, "epochs": 1}


def _years(n: int = 60, start: int = 1961, step: int = 1) -> pd.Series:
    return pd.Series(np.random.default_rng(0).normal(size=n).cumsum(), index=range(start, start + step * n, step))


def test_an_unnamed_index_of_years_is_the_time_axis_and_labels_the_forecast(caplog):
    """``fit(pd.Series(values, index=range(1961, 2021)))`` forecast rows 60, 61, 62: the years were read as row
    numbers, without a word."""
    series = _years()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        model = Forecaster(**QUICK).fit(series)
    assert model.time_col_ == "index"
    assert model.predict(series).index.tolist() == [2021, 2022, 2023]
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("time: ")]
    assert len(said) == 1 and said[0].startswith("time: the data's unnamed index, read as 'index' (found by its "
                                                 "integer steps; name another with time_col=")  # decision 1548


@pytest.mark.parametrize("start, step, expected", [(1700, 5, [2000, 2005, 2010]), (10, 1, [70, 71, 72])])
def test_an_index_of_any_one_step_is_the_time(start, step, expected):
    """A step of 5 years, and an ``iloc`` slice's RangeIndex(10, 70): the labels the caller's index continues to."""
    panel = load_panel(_years(60, start, step).rename("y"))
    assert panel.time_col == "index" and panel.calendar.freq == step
    assert Forecaster(**QUICK).fit(_years(60, start, step)).predict(_years(60, start, step)).index.tolist() == expected


def test_the_default_range_index_and_a_filters_labels_stay_row_numbers_with_nothing_new_said(caplog):
    plain = pd.Series(np.random.default_rng(0).normal(size=60).cumsum())
    filtered = plain.drop(plain.index[[3, 7]])  # labels with gaps: row labels, as decision 588 keeps them
    for data in (plain, filtered, plain.to_frame("y")):
        with caplog.at_level(logging.INFO, logger="rnncast"):
            caplog.clear()
            panel = load_panel(data)
        assert panel.time is None and panel.columns == ["y"]
        assert not any("index" in r.getMessage() for r in caplog.records)


def test_a_time_column_wins_and_an_iloc_slices_labels_are_left_out_unsaid(caplog):
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=70), "y": np.arange(70.0)}).iloc[10:]
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(frame)
    assert panel.time_col == "date" and panel.unused == []
    assert not any("index" in r.getMessage() for r in caplog.records)


def test_wide_series_share_the_index_of_years_and_a_long_tables_index_is_no_series_time():
    rng = np.random.default_rng(0)
    wide = pd.DataFrame({"a": rng.normal(size=60).cumsum(), "b": rng.normal(size=60).cumsum()}, index=range(1961, 2021))
    forecast = Forecaster(**QUICK).fit(wide, series=["a", "b"]).predict(wide)
    assert forecast["index"].tolist() == [2021, 2022, 2023] * 2
    long = pd.DataFrame({"unique_id": np.repeat(["A", "B"], 60), "y": rng.normal(size=120)}, index=range(1, 121))
    panel = load_panel(long)
    assert panel.time is None and panel.columns == ["y"] and panel.unused == []


def test_a_model_of_numbered_rows_reads_a_slices_index_as_row_labels_and_one_of_years_asks_for_them():
    rows = pd.Series(np.random.default_rng(0).normal(size=60).cumsum())
    tail = Forecaster(**QUICK).fit(rows).predict(rows.iloc[-20:])  # RangeIndex(40, 60): not refused as a time column
    assert tail.index.tolist() == [20, 21, 22]
    model = Forecaster(**QUICK).fit(_years())
    with pytest.raises(RnncastError, match=r"time column 'index' not found; available columns: y \('index' is pandas' "
                                           r"name for an unnamed index: one of integer steps, such as range\(1961, 2021\)"):
        model.predict(_years().reset_index(drop=True))


def test_a_model_of_years_reads_years_with_one_missing_as_a_year_column_is_read(caplog):
    """``predict(years.drop(2000))`` was refused "time column 'index' not found", the years read as row labels."""
    years = _years()
    model = Forecaster(**QUICK).fit(years)
    column = Forecaster(**QUICK).fit(years.rename_axis("year").reset_index(name="y"), target="y")
    assert model.predict(years.drop(2000)).index.tolist() == [2021, 2022, 2023]  # outside the lookback: as a column's
    assert model.evaluate(years.drop(2000))["original"]["model"] == column.evaluate(
        years.drop(2000).rename_axis("year").reset_index(name="y"))["original"]["model"]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert model.predict(years.drop(2018).to_frame("y")).index.tolist() == [2021, 2022, 2023]
    assert any("calendar steps missing among the last" in r.getMessage() and "(first: after 2017)" in r.getMessage()
               for r in caplog.records)  # the gap named, as a year column's is


def test_future_covariates_of_a_model_of_index_steps_are_matched_by_their_steps():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"y": rng.normal(size=60).cumsum(), "x": rng.normal(size=60)}, index=range(1961, 2021))
    model = Forecaster(**QUICK).fit(frame, target="y", future_covariates=["x"])
    assert model.predict(frame, future=pd.DataFrame({"x": [1.0, 2, 3]}, index=range(2021, 2024))).index.tolist() == [
        2021, 2022, 2023]
    with pytest.raises(RnncastError, match=r"future covariates \['x'\] are missing for 2021, 2022, 2023"):
        model.predict(frame, future=pd.DataFrame({"x": [1.0, 2, 3]}, index=range(2030, 2033)))


def test_an_unnamed_index_beside_a_column_named_index_takes_pandas_other_name():
    """A column 'index' beside an unnamed index of text was refused as a clash with "the time axis", which the
    index was not; it is named ``level_0``, as ``reset_index`` names it."""
    frame = pd.DataFrame({"index": np.arange(40), "y": np.sin(np.arange(40) / 3)}, index=[f"r{i}" for i in range(40)])
    panel = load_panel(frame, target="y")
    assert panel.columns == ["y"] and panel.unused == ["level_0", "index"]
    years = pd.DataFrame({"index": np.arange(60), "y": np.arange(60.0)}, index=range(1961, 2021))
    assert load_panel(years, target="y").time_col == "level_0"


@pytest.mark.parametrize("index", [range(1961, 2021), [f"r{i}" for i in range(60)]])
def test_an_index_of_years_or_text_beside_columns_index_and_level_0_is_refused_not_dropped(index):
    """Years there were dropped without a word ("not used: index, level_0", rows 60-62 forecast), text refused."""
    frame = pd.DataFrame({"index": np.arange(60), "level_0": np.arange(60), "y": np.arange(60.0)}, index=index)
    with pytest.raises(RnncastError, match=r"^the data's unnamed index holds values \(not row numbers 0 \.\. n-1\), "
                                           r"and its columns 'index' and 'level_0' take the names pandas gives such an "
                                           r"index; name the index \(data\.rename_axis\('name'\)\) or drop it"):
        load_panel(frame, target="y")
    assert load_panel(frame.reset_index(drop=True), target="y").time is None  # dropped as told: row numbers


def test_a_named_index_of_a_columns_name_is_refused_saying_what_clashes():
    frame = pd.DataFrame({"y": np.arange(10.0)}, index=pd.Index(np.arange(10), name="y"))
    with pytest.raises(RnncastError, match=r"^the index level\(s\) \['y'\] have the name of a column: rnncast reads a "
                                           r"named index as columns, as reset_index\(\) does, .*rename the index or the "
                                           r"column$"):
        load_panel(frame)


def test_stepped_is_one_step_up_or_down_other_than_the_default_range_or_its_reverse():
    from rnncast.indexcolumns import stepped

    assert stepped(pd.RangeIndex(1961, 2021)) and stepped(pd.Index([0, 5, 10])) and stepped(pd.RangeIndex(1, 4))
    assert stepped(pd.Index([3, 2, 1])) and stepped(pd.RangeIndex(2020, 1960, -1)) and stepped(pd.Index([1.0, 2.0]))
    assert not stepped(pd.RangeIndex(0, 60)) and not stepped(pd.Index([0, 1, 2]))  # the default: row numbers
    assert not stepped(pd.RangeIndex(59, -1, -1))  # frame[::-1]'s row numbers, reversed by the caller
    assert not stepped(pd.Index([1, 2, 4])) and not stepped(pd.Index([5])) and not stepped(pd.Index([1.5, 2.5]))
    assert not stepped(pd.Index([1961, 1962], name="year")) and not stepped(pd.Index([1.0, np.nan, 3.0]))


def test_an_index_of_years_going_down_is_the_time_read_oldest_first(caplog):
    """``range(2020, 1960, -1)`` was read as row numbers: the model trained on time reversed, without a word."""
    series = _years()
    backwards = series.iloc[::-1]  # 2020 .. 1961, newest first
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(backwards.rename("y"))
    assert panel.time_col == "index" and panel.times[0].tolist()[:2] == [1961, 1962]
    assert np.allclose(panel.values[:, 0], series.to_numpy())
    assert any(r.getMessage() == "the rows are given newest first (from 2020 at row 0 back to 1961): read oldest first, "
               "in time order" for r in caplog.records)
    assert Forecaster(**QUICK).fit(backwards).predict(backwards).index.tolist() == [2021, 2022, 2023]


def test_an_index_of_years_as_whole_floats_is_the_time_at_fit_predict_and_evaluate():
    """``np.arange(1961., 2021.)``: a Series was refused offering target='index', a DataFrame forecast rows 60-62."""
    values = _years().to_numpy()
    series, frame = pd.Series(values, index=np.arange(1961.0, 2021.0)), pd.DataFrame({"y": values},
                                                                                     index=np.arange(1961.0, 2021.0))
    model = Forecaster(**QUICK).fit(series)
    assert model.time_col_ == "index" and load_panel(frame, target="y").times[0].dtype == np.int64
    assert model.predict(series).index.tolist() == model.predict(_years()).index.tolist() == [2021, 2022, 2023]
    assert Forecaster(**QUICK).fit(frame, target="y").predict(frame).index.tolist() == [2021, 2022, 2023]
    assert Forecaster(**QUICK).fit(_years()).predict(series).index.tolist() == [2021, 2022, 2023]
    assert model.evaluate(series)["original"]["model"] == model.evaluate(_years())["original"]["model"]


def test_a_parquet_files_restored_index_of_years_is_read_as_the_same_frame_in_memory_is(tmp_path):
    """A Parquet file whose index is RangeIndex(1961, 2021) (pandas restores it on read) was read as row numbers,
    its forecast rows 60, 61, 62, where the same frame in memory is read with the years as its time axis."""
    frame = _years().to_frame("y")
    frame.to_parquet(tmp_path / "years.parquet")
    assert isinstance(pd.read_parquet(tmp_path / "years.parquet").index, pd.RangeIndex)  # what pandas restores
    panel = load_panel(tmp_path / "years.parquet")
    assert panel.time_col == "index" and panel.calendar.freq == 1
    model = Forecaster(**QUICK).fit(tmp_path / "years.parquet")
    assert model.time_col_ == "index"
    assert model.predict(tmp_path / "years.parquet").index.tolist() == [2021, 2022, 2023]
    numbered = Forecaster(**QUICK).fit(frame.reset_index(drop=True))  # fitted on row numbers: the index stays labels
    assert numbered.time_col_ is None
    assert numbered.predict(tmp_path / "years.parquet").index.tolist() == [60, 61, 62]


def test_an_index_of_steps_is_row_labels_where_the_table_is_said_to_have_no_time():
    """time_col=False (--no-time-col): no column and no index is taken as the time."""
    frame = pd.DataFrame({"y": np.sin(np.arange(60.0))}, index=range(1961, 2021))
    assert load_panel(frame, target="y").calendar.kind == "integer"
    panel = load_panel(frame, target="y", time_col=False)
    assert panel.calendar.kind == "row" and panel.time is None


def test_every_column_an_index_became_is_recorded_with_its_name_as_given():
    """The time line names an index as the index (decision 1548): as_columns records each column it made."""
    dated = pd.DataFrame({"y": [1.0, 2.0]}, index=pd.date_range("2020-01-01", periods=2, name="day"))
    assert as_columns(dated)[1][INDEX_NAMES] == {"day": "day"}
    assert as_columns(dated.rename_axis(None))[1][INDEX_NAMES] == {"ds": None}
    keyed = dated.set_index(pd.Index(["a", "b"], name="store"), append=True)
    assert as_columns(keyed)[1][INDEX_NAMES] == {"day": "day", "store": "store"}
    assert as_columns(pd.DataFrame({"y": [1.0, 2.0]}))[1] == {}  # row numbers: no column made


def test_a_parquet_files_restored_index_is_named_as_the_files_index_not_a_column(tmp_path, caplog):
    """A Parquet file's index (pandas writes a named one by its name, an unnamed one of text as __index_level_0__) was
    called a column: "time: column 'date'", "'region' holds text" (decision 1596)."""
    days = pd.date_range("2022-01-01", periods=60, name="date")
    frame = pd.DataFrame({"y": np.sin(np.arange(60) / 5.0)}, index=days)
    frame.to_parquet(tmp_path / "dated.parquet")
    frame.reset_index().set_index(pd.Index([f"r{i}" for i in range(60)])).to_parquet(tmp_path / "labels.parquet")
    frame.reset_index().assign(region="north").set_index("region").to_parquet(tmp_path / "region.parquet")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        for name in ("dated", "labels", "region"):
            load_panel(tmp_path / f"{name}.parquet", target="y")
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("time: the file's index 'date' (found by its name") for m in said)
    assert any("the file's unnamed index (read as 'index') holds text" in m for m in said)
    assert any("the file's index 'region' holds text" in m for m in said)
    assert not any(m.startswith("not used: 'region'") or "; 'region' holds" in m for m in said)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):  # the same table in memory: its index, as before
        load_panel(frame, target="y")
    assert any(r.getMessage().startswith("time: the index 'date'") for r in caplog.records)


def test_a_parquet_files_index_named_as_a_covariate_is_refused_as_the_files_index(tmp_path):
    """Decision 1689 (session 33's leftover of 1596 and 1642): a file written from df.set_index('region') with
    --past-covariates region was refused as "column 'region' is not numeric ...; e.g. pd.get_dummies(df,
    columns=['region'])", a column the frame pd.read_parquet gives back lacks (KeyError); it is the file's index, and
    the lines given reset it first. A column of the same file is named as a column still."""
    n = 40
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=n), "y": np.arange(n, dtype=float),
                          "region": ["north", "south"] * (n // 2), "temp": ["1.5"] * n})
    frame.loc[3, "temp"] = "T"
    frame.set_index("region").to_parquet(tmp_path / "r.parquet")
    frame.set_index("temp").to_parquet(tmp_path / "t.parquet")
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "r.parquet", target="y", past_covariates="region")
    line = "pd.get_dummies(df.reset_index(), columns=['region'])"
    assert str(refused.value).startswith("the file's index 'region' is not numeric: row 1 of r.parquet holds 'north'")
    assert str(refused.value).endswith(f"encode it as numbers, e.g. {line}")
    assert "region_north" in eval(line, {"pd": pd, "df": pd.read_parquet(tmp_path / "r.parquet")}).columns  # it runs
    with pytest.raises(RnncastError, match=r"^the file's index 'temp' is not numeric: .* e\.g\. df = df\.reset_index\(\); "
                                           r"df\['temp'\] = df\['temp'\]\.replace\('T', 0\)$"):
        load_panel(tmp_path / "t.parquet", target="y", past_covariates="temp")
    with pytest.raises(RnncastError, match=r"^column 'temp' is not numeric: .* e\.g\. df\['temp'\] = "):
        load_panel(tmp_path / "r.parquet", target="y", past_covariates="temp")


def _elapsed(n: int = 30) -> pd.DataFrame:
    return pd.DataFrame({"y": np.sin(np.arange(n) / 5.0) * 10 + 50},
                        index=pd.timedelta_range(0, periods=n, freq="15min", name="elapsed"))


def test_an_index_of_elapsed_times_is_refused_with_the_recipe_not_dropped_and_read_in_row_order():
    """Decision 1865: a TimedeltaIndex was dropped as "not used", the rows read in their given order (reversed too)
    and forecasts numbered by row; refused now, in one line naming it, with the pandas recipe, at fit and predict."""
    frame = _elapsed()
    recipe = ("make them timestamps (data.index = pd.Timestamp('2024-01-01') + data.index) or row numbers (data = "
              "data.sort_index().reset_index(drop=True))")
    for data in (frame, frame.iloc[::-1], frame["y"]):
        with pytest.raises(RnncastError) as info:
            load_panel(data, target="y")
        assert str(info.value) == ("the data's index 'elapsed' holds elapsed times (timedeltas such as "
                                   f"{data.index[0]}), which rnncast does not read as a time axis: {recipe}")
    with pytest.raises(RnncastError, match=r"^the data's unnamed index holds elapsed times"):
        as_columns(frame.rename_axis(None))
    with pytest.raises(RnncastError, match=r"\(level 0 of a MultiIndex\) .*\(data = data.reset_index\(\); "
                                           r"data\['elapsed'\] \+= pd.Timestamp\('2024-01-01'\)\)$"):
        as_columns(frame.assign(id="a").set_index("id", append=True))
    fixed = frame.copy()
    fixed.index = pd.Timestamp("2024-01-01") + fixed.index  # the recipe works: read as the time
    assert load_panel(fixed, target="y").time[1] == pd.Timestamp("2024-01-01 00:15")
