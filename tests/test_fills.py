"""Filling missing values (``fills.py``): the values as pandas fills them, where each filled value's
latest source row lies, missing values refused by their place, and the rows drop removed said."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, fills
from rnncast.errors import RnncastError
from rnncast.loading import load_panel

NAN = np.nan


def test_ffill_rests_on_the_row_before_and_interpolate_on_the_row_after():
    values = np.array([[NAN], [NAN], [1.0], [NAN], [3.0], [NAN], [NAN]])
    filled, kept, source = fills.fill_missing(values, "ffill")
    assert filled[:, 0].tolist() == [1.0, 1.0, 1.0, 1.0, 3.0, 3.0, 3.0] and kept.all()
    assert source[:, 0].tolist() == [2, 1, 0, -1, 0, -1, -2]  # leading rows: carried back from row 2
    filled, _, source = fills.fill_missing(values, "interpolate")
    assert filled[:, 0].tolist() == [1.0, 1.0, 1.0, 2.0, 3.0, 3.0, 3.0]
    assert source[:, 0].tolist() == [2, 1, 0, 1, 0, -1, -2]  # row 3 rests on row 4, the value after it
    filled, kept, source = fills.fill_missing(values, "drop")
    assert filled[:, 0].tolist() == [1.0, 3.0] and kept.tolist() == [False, False, True, False, True, False, False]
    assert not source.any()
    with pytest.raises(RnncastError, match="unknown fill 'mean'"):
        fills.fill_missing(values, "mean")


def test_an_interpolated_value_carries_no_float_noise_into_the_files_that_write_it():
    """(172.21 + 180.11) / 2 is 176.16000000000003 in float64, which a backtest's forecasts.csv wrote as the actual
    value (a tester's finding, decision 557); a value the line gives with more digits keeps twelve of them."""
    filled, _, _ = fills.fill_missing(np.array([[172.21], [NAN], [180.11], [NAN], [NAN], [1.0]]), "interpolate")
    assert filled[1, 0] == 176.16 and repr(float(filled[1, 0])) == "176.16"
    assert filled[3, 0] == pytest.approx(180.11 - (179.11 / 3), abs=1e-9) and filled[0, 0] == 172.21  # observed: as given


def test_the_loader_keeps_what_was_filled_per_series_and_nothing_for_drop():
    frame = pd.DataFrame({"unique_id": ["a"] * 6 + ["b"] * 6, "ds": list(pd.date_range("2024-01-01", periods=6)) * 2,
                          "y": [1.0, NAN, 3.0, 4.0, 5.0, 6.0, 1.0, 2.0, 3.0, 4.0, NAN, 6.0]})
    panel = load_panel(frame, "y", fill="interpolate")
    assert panel.filled[:, 0].tolist() == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert panel.subset([1]).filled[:, 0].tolist() == [0, 0, 0, 0, 1, 0]
    assert load_panel(frame, "y", fill="drop").filled is None
    assert load_panel(frame.fillna(0.0), "y", fill="interpolate").filled is None  # nothing missing: nothing made


def test_drop_says_what_it_removed_and_a_forecast_after_dropped_last_rows_is_refused(caplog):
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(200, feature=False)
    middle = frame.copy()
    middle.loc[60:62, "y"] = np.nan
    with caplog.at_level("INFO", logger="rnncast"):
        model = Forecaster(**TINY, fill="drop").fit(middle, target="y")
    said = [r.getMessage() for r in caplog.records]
    assert not any("filling" in m for m in said) and any("removed 3 rows" in m for m in said)
    assert any("removed rows inside 1 series" in m and "consecutive" in m for m in said)
    tail = frame.copy()
    tail.loc[197:199, "y"] = np.nan
    with pytest.raises(RnncastError, match=r"the last 3 rows of the data .* forecast from it be dated inside the data"):
        model.predict(tail)


@pytest.mark.parametrize("id_col", [None, "store"])
def test_a_fit_whose_last_rows_drop_removed_warns_that_its_cutoff_is_not_the_datas_end(tmp_path, caplog, id_col):
    """fit trained on what drop left of a series whose last rows held NaN with an info line only, and
    predict on the same data then refused: the warning names the rows, their dates and the last row kept."""
    from rnncast.cli import main

    t = pd.date_range("2008-01-01", periods=40, freq="MS")
    y = np.sin(np.arange(40) / 3).round(3)
    y[-2:] = np.nan
    frame = pd.DataFrame({"date": t.strftime("%Y-%m-%d"), "y": y})
    if id_col:
        frame = pd.concat([frame.assign(store="a"), frame.assign(store="b", y=np.nan_to_num(y))])
    frame.to_csv(tmp_path / "d.csv", index=False)
    args = ["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", "4", "--horizon", "2", "--epochs", "1",
            "--hidden-size", "4", "--fill", "drop", "--out", str(tmp_path / "run")] + (["--id-col", id_col] if id_col else [])
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(args) == (0 if id_col else 2)  # one series' blank last rows: the time to come (decision 1475)
    if not id_col:
        return
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "fill 'drop'" in r.getMessage()]
    whose = " of series 'a'" if id_col else ""
    assert said == [f"fill 'drop' removed the last 2 rows{whose} (2011-03-01 to 2011-04-01), which hold missing values: "
                    "the cutoff (the last time the model sees) is no longer the data's end but 2011-02-01, the last row kept, so the model "
                    "learns from the rows up to it and a forecast from this data would be dated inside the data "
                    "(predict refuses it); fill them in, or give --fill ffill|interpolate|zero (fill= in Python)"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # predict refuses such data itself: no warning before it
        assert main(["predict", str(tmp_path / "run"), str(tmp_path / "d.csv")]) == 2
    assert not [r for r in caplog.records if "is no longer the data's end" in r.getMessage()]


def test_one_filled_value_and_one_inserted_row_are_counted_in_the_singular(caplog):
    """'filling 1 missing values with interpolate', 'fill_gaps inserted 1 missing rows' (decision 98)."""
    import logging
    days = pd.date_range("2024-01-01", periods=12, freq="D")
    frame = pd.DataFrame({"ds": days, "y": np.arange(12.0)})
    frame.loc[4, "y"] = NAN
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(frame, fill="interpolate")
        load_panel(frame.drop(index=7), fill_gaps=True, fill="interpolate")
    said = [r.getMessage() for r in caplog.records]
    assert "filling 1 missing value with interpolate" in said and "fill_gaps inserted 1 missing row (2024-01-08)" in said
    with pytest.raises(RnncastError, match="inserted 1 missing row, which has no values; fill it with"):
        load_panel(frame.drop(index=7).fillna(0.0), fill_gaps=True)


def test_a_missing_value_names_its_series_by_its_id_as_given():
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 20), "ds": np.tile(np.arange(20), 2), "y": np.arange(40.0)})
    frame.loc[25, "y"] = np.nan
    with pytest.raises(RnncastError, match=r"^column 'y' of series 102 has a missing value \(NaN\) at row 25"):
        load_panel(frame)


def test_a_row_drop_removed_from_a_wide_table_without_time_is_named_by_the_tables_row(caplog):
    """A blank at table row 70 of column 'b' (which starts on row 40) was named "row 30" (decision 560)."""
    import logging

    t = np.arange(120)
    b = np.cos(t / 7.0)
    b[:40], b[70] = NAN, NAN
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(pd.DataFrame({"a": np.sin(t / 5.0), "b": b}), series=["a", "b"], fill="drop")
    assert "(first: series 'b' row 70)" in caplog.text


def test_a_missing_value_refusal_counts_the_column_it_names_not_every_column():
    """Trailing rows of series 'c' blank in the target and both covariates were refused with "column 'y' of series 'c'
    has a missing value ... (21 missing in all)": 7 targets and 14 covariates (a tester's finding, decision 578)."""
    frame = pd.concat([pd.DataFrame({"id": s, "date": pd.date_range("2020-01-01", periods=40), "y": np.arange(40.0),
                                     "x": np.ones(40), "z": np.zeros(40)}) for s in "abc"], ignore_index=True)
    frame.loc[len(frame) - 7:, ["y", "x", "z"]] = NAN  # the last rows of 'c' alone: late reporting (decision 1609)
    with pytest.raises(RnncastError, match=r"^the last 7 rows of series 'c' \(2020-02-03 to 2020-02-09, rows 113-119\) "
                                           r"have a date but no value of 'y', after its last value while other series"):
        load_panel(frame, "y", ["x", "z"], "date", id_col="id")
    inside = frame.fillna({"x": 1.0, "z": 0.0, "y": 1.0})
    inside.loc[100:106, ["y", "x", "z"]] = NAN
    with pytest.raises(RnncastError, match=r"^column 'y' of series 'c' has a missing value \(NaN\) at row 100 dated 2020-01-21 \(7 missing "
                                           r"in that column, 14 in the other columns\)"):
        load_panel(inside, "y", ["x", "z"], "date", id_col="id")
    inside = frame.fillna({"x": 1.0, "z": 0.0, "y": 1.0})
    inside.loc[100:106, "y"] = NAN
    with pytest.raises(RnncastError, match=r"^column 'y' of series 'c' has a missing value \(NaN\) at row 100 dated 2020-01-21 \(7 missing "
                                           r"in all\)"):  # the named column alone
        load_panel(inside, "y", ["x", "z"], "date", id_col="id")


@pytest.mark.parametrize("fill, says", [
    ("ffill", "filling 7 missing values with ffill (5 of them before a column's first value, given that value, "
              "carried back); the longest run: 4 steps of column 'y' of series 'a', 2024-01-01 to 2024-01-04, across "
              "which ffill repeats 4, the value after it (none lies before it)"),
    ("interpolate", "filling 7 missing values with interpolate (6 of them before a column's first value or after its "
                    "last, given the nearest value); the longest run: 4 steps of column 'y' of series 'a', 2024-01-01 "
                    "to 2024-01-04, across which interpolate repeats 4, the value after it (none lies before it)")])
def test_values_filled_before_a_series_first_value_are_said_as_copied_back(caplog, fill, says):
    """A tester's series starting with 5 blank rows, fitted with fill='ffill', was said to be filled "with ffill"
    while its first value was copied back over them (pandas' bfill after ffill) and trained on."""
    import logging
    frame = pd.DataFrame({"unique_id": np.repeat(["a", "b"], 12), "ds": np.tile(pd.date_range("2024-01-01", periods=12), 2),
                          "y": np.arange(24.0)})
    frame.loc[[0, 1, 2, 3, 6], "y"] = NAN  # 'a': 4 before its first value, 1 inside
    frame.loc[[12, 23], "y"] = NAN  # 'b': 1 before its first, 1 after its last
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, fill=fill)
    assert says in [r.getMessage() for r in caplog.records]


def test_a_frames_missing_value_is_named_with_its_time_beside_its_row_counted_from_0():
    """A tester's frame indexed from 1000: "at row 300" was no label of it (d.loc[300] raised a KeyError), and its date
    was not said."""
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=400, freq="D"), "y": np.sin(np.arange(400.0))},
                         index=np.arange(1000, 1400))
    frame.loc[1300, "y"] = np.nan
    with pytest.raises(RnncastError, match=r"has a missing value \(NaN\) at row 300 dated 2024-10-27 \(1 missing"):
        Forecaster(**TINY).fit(frame, target="y")


def test_fill_zero_writes_zeros_taken_as_observed():
    """fill='zero': a missing value means none happened (a till's week without sales): 0, its source 0 (observed)."""
    from rnncast.fills import fill_missing

    values = np.array([[np.nan, 1.0], [2.0, np.nan], [np.nan, 3.0]])
    filled, kept, source = fill_missing(values, "zero")
    assert filled.tolist() == [[0.0, 1.0], [2.0, 0.0], [0.0, 3.0]] and kept.all() and not source.any()


def test_a_column_without_a_value_in_one_series_names_both_ways_out():
    """Was "column 'humidity' of series 'ST05' has no values at all (every row is missing); drop it": drop what, how?"""
    time = pd.date_range("2024-01-01", periods=60, freq="h")
    frame = pd.concat([pd.DataFrame({"id": s, "time": time, "y": np.arange(60.0), "hum": np.arange(60.0) + 1})
                       for s in ("a", "b")], ignore_index=True)
    frame.loc[frame["id"] == "b", "hum"] = np.nan
    with pytest.raises(RnncastError) as e:
        load_panel(frame, "y", time_col="time", past_covariates=["hum"], id_col="id", fill="interpolate")
    assert str(e.value) == ("column 'hum' of series 'b' has no values at all (every row is missing); leave 'hum' out of "
                            "past_covariates (--past-covariates) or features (--features), whichever names it, which "
                            "leaves it out of every series, or leave series 'b' out, e.g. with pandas: "
                            "df = df[df['id'] != 'b']")
    kept = frame[frame["id"] != "b"]  # the pandas line followed: read
    assert load_panel(kept, "y", time_col="time", past_covariates=["hum"], id_col="id").n_series == 1
    frame.loc[frame["id"] == "b", ["y", "hum"]] = [np.nan, 1.0]
    with pytest.raises(RnncastError, match=r"column 'y' of series 'b' has no values at all \(every row is missing\); "
                                           r"leave series 'b' out, e.g. with pandas: df = df\[df\['id'\] != 'b'\]$"):
        load_panel(frame, "y", time_col="time", past_covariates=["hum"], id_col="id", fill="interpolate")


def test_a_series_of_a_key_of_two_columns_is_left_out_by_both_in_the_line_given():
    """With id_col=['shop', 'id'] the line read df[df['shop,id'] != 'shop=N, id=b']: a KeyError."""
    time = pd.date_range("2024-01-01", periods=60, freq="h")
    frame = pd.concat([pd.DataFrame({"shop": "N", "id": s, "time": time, "y": np.arange(60.0), "hum": np.arange(60.0)})
                       for s in ("a", "b")], ignore_index=True)
    frame.loc[frame["id"] == "b", "hum"] = np.nan
    with pytest.raises(RnncastError) as e:
        load_panel(frame, "y", time_col="time", past_covariates=["hum"], id_col=["shop", "id"], fill="interpolate")
    assert str(e.value).endswith("leave series 'shop=N, id=b' out, e.g. with pandas: "
                                 "df = df[(df['shop'] != 'N') | (df['id'] != 'b')]")
    df = frame
    df = df[(df['shop'] != 'N') | (df['id'] != 'b')]  # the pandas line followed: read
    assert load_panel(df, "y", time_col="time", past_covariates=["hum"], id_col=["shop", "id"]).n_series == 1


def test_zero_fill_carries_the_values_it_is_given_to_carry_as_ffill_does_in_one_call():
    """The blank covariates of the rows zero fill adds (``carried``) are filled as ffill fills them, source and all,
    in the one call that zeroes the rest (fill_panel called fill_missing a second time for them)."""
    from rnncast.fills import fill_missing

    values = np.array([[NAN, NAN], [1.0, 5.0], [NAN, NAN], [2.0, NAN], [NAN, 7.0]])
    carried = np.zeros(values.shape, dtype=bool)
    carried[[0, 2, 3], 1] = True  # the covariate of three added rows; the target's blanks and row 4's are zeroed
    filled, kept, source = fill_missing(values, "zero", carried)
    ahead, _, at = fill_missing(values, "ffill")
    assert kept.all()
    assert filled[:, 1].tolist() == [5.0, 5.0, 5.0, 5.0, 7.0] and filled[:, 0].tolist() == [0.0, 1.0, 0.0, 2.0, 0.0]
    assert (filled[carried] == ahead[carried]).all() and (source[carried] == at[carried]).all()
    assert source[carried].tolist() == [1, -1, -2] and not source[~carried].any()


@pytest.mark.parametrize("written, said", [("#NV", "which holds '#NV' (Excel's #N/A, read as missing)"),
                                           ("#N/A", "which holds '#N/A' (Excel's not available, read as missing)"),
                                           ("", None)])
def test_a_missing_value_a_file_wrote_as_excels_not_available_is_quoted(tmp_path, written, said):
    """A German '#NV' was refused as "a missing value (NaN)" like a blank cell, the text the file holds unsaid."""
    path = tmp_path / "nv.csv"
    path.write_text(f"date,y\n\n2024-01-01,1\n2024-01-02,{written}\n2024-01-03,2\n2024-01-04,3\n")  # a blank line too
    with pytest.raises(RnncastError, match=r"^column 'y' has a missing value \(NaN\) at line 4 of nv\.csv") as err:
        load_panel(path, target="y")
    assert (said in str(err.value)) if said else "which holds" not in str(err.value)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=4), "y": [1.0, np.nan, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=r"missing value \(NaN\) at row 1 dated 2024-01-02 \("):  # no file: as before
        load_panel(frame, target="y")


def test_zero_fill_counts_only_the_values_the_zero_tail_line_did_not_say(caplog):
    """fill='zero' said "wrote 0 in 220 missing rows after the last row of 5 series" and then "filling 220 missing
    values with zero", the same zeros twice (decision 1484): the fill line counts the other missing values only."""
    weeks = pd.date_range("2023-01-01", periods=30, freq="W-SUN")
    frame = pd.concat([pd.DataFrame({"week": weeks[: 27 if s == "C" else 30], "sku": s,
                                     "sales": np.arange(27 if s == "C" else 30, dtype=float)}) for s in "ABC"])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(frame, "sales", time_col="week", id_col="sku", fill="zero")
    assert "wrote 0 in 3 missing rows after the last row of 1 series" in caplog.text and "filling" not in caplog.text
    caplog.clear()
    frame.loc[(frame.sku == "A") & (frame.week == weeks[5]), "sales"] = np.nan  # one blank of its own
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(frame, "sales", time_col="week", id_col="sku", fill="zero")
    assert "filling 1 missing value with zero" in caplog.text and "wrote 0 in 3 missing rows" in caplog.text
    assert np.isfinite(panel.values).all()


def _gauge(fill_rows=range(40, 116)):
    """Two gauges of 200 days; 'B' has a 76-day gap (days 40-115) and a single blank day (150), 'A' one day (10)."""
    days = pd.date_range("2021-09-22", periods=200, freq="D")
    frame = pd.DataFrame({"station": np.repeat(["A", "B"], 200), "date": np.tile(days, 2),
                          "discharge": np.r_[np.arange(200.0), np.arange(200.0) * 2 + 1]})
    frame.loc[[10, 350] + [200 + i for i in fill_rows], "discharge"] = NAN
    return frame


@pytest.mark.parametrize("fill, across", [
    ("interpolate", "across which interpolate draws a straight line from 79 to 233 (the values on either side)"),
    ("ffill", "across which ffill repeats 79, the value before it"),
    ("zero", "across which zero writes 0")])
def test_the_fill_warning_names_the_longest_run_and_what_the_fill_writes_across_it(caplog, fill, across):
    """A hydrologist's 76-day winter gap of one station, fitted with fill 'interpolate', was said only as "filling 83
    missing values with interpolate", while the model trained on 76 days of a straight line (decision 1812)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(_gauge(), target="discharge", time_col="date", id_col="station", fill=fill)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("filling")]
    assert said == [f"filling 78 missing values with {fill}; the longest run: 76 steps of column 'discharge' of series "
                    f"'B', 2021-11-01 to 2022-01-15, {across}"]


def test_single_filled_values_are_said_as_before_and_predict_names_the_run_of_its_data(caplog, tmp_path):
    """Blank values with none next to another add nothing to the count; predict, which fills with the model's fill,
    says the run of the data it reads (decision 1812)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(_gauge(fill_rows=()), target="discharge", time_col="date", id_col="station", fill="interpolate")
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("filling")] == [
        "filling 2 missing values with interpolate"]
    model = Forecaster(**{**TINY, "lookback": 8, "horizon": 2}, fill="ffill").fit(
        _gauge(fill_rows=()), target="discharge", time_col="date", id_col="station")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_gauge(fill_rows=range(190, 196)))
    assert "filling 8 missing values with ffill; the longest run: 6 steps of column 'discharge' of series 'B', " \
           "2022-03-31 to 2022-04-05, across which ffill repeats 379, the value before it" in caplog.text


@pytest.mark.parametrize("dtype, shown", [("Int64", "<NA>"), ("Float64", "<NA>"), ("float64", "NaN")])
def test_a_nullable_columns_blank_is_named_na_not_nan(dtype, shown):
    """Decision 1870: an Int64 column's <NA> was refused as "a missing value (NaN)"; a nullable column's blank is
    named as pandas shows it."""
    frame = pd.DataFrame({"y": pd.array(np.arange(40) % 7 + 10, dtype=dtype)},
                         index=pd.date_range("2024-01-01", periods=40))
    frame.iloc[30, 0] = pd.NA if dtype != "float64" else np.nan
    with pytest.raises(RnncastError, match=rf"^column 'y' has a missing value \({shown}\) at row 30 dated 2024-01-31"):
        load_panel(frame, target="y")
