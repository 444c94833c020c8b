"""A wide model's future covariates in its data's layout (one row per time, no id column) are read for every series
(sharedfuture.align): they were refused for lacking 'unique_id', a column the user never had; each series is matched
by its own dates, and a table without times is refused where the series end on different dates."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError

H = 3


def _wide(n: int = 80, b_short: int = 0) -> pd.DataFrame:
    days = pd.date_range("2021-01-01", periods=n, freq="D")
    price = 10 + (np.arange(n) % 5) * 0.5
    a = 50 - 2 * price + np.sin(np.arange(n) / 3.0)
    b = np.r_[(80 - 3 * price + np.cos(np.arange(n) / 4.0))[: n - b_short], [np.nan] * b_short]
    return pd.DataFrame({"time": days, "a": a, "b": b, "price": price})


def _shared(start, price=(9.0, 12.0, 10.5)) -> pd.DataFrame:
    return pd.DataFrame({"time": pd.date_range(start, periods=len(price), freq="D"), "price": list(price)})


def _long(shared: pd.DataFrame, ids=("a", "b")) -> pd.DataFrame:
    return pd.concat([shared.assign(unique_id=i) for i in ids], ignore_index=True)


@pytest.fixture(scope="module")
def wide() -> Forecaster:
    return Forecaster(**{**TINY, "horizon": H}).fit(_wide(), series=["a", "b"], future_covariates=["price"])


def test_a_table_of_the_datas_layout_is_read_for_every_series_as_the_long_one(wide, tmp_path, caplog):
    shared = _shared("2021-03-22")
    by_series = wide.predict(_wide(), future=_long(shared))
    pd.testing.assert_frame_equal(wide.predict(_wide(), future=shared), by_series)
    pd.testing.assert_frame_equal(wide.predict(_wide(), future=shared.set_index("time")), by_series)  # its index
    path = tmp_path / "future.csv"  # the training file's layout, the series blank over the future
    shared.assign(a=np.nan, b=np.nan)[["time", "a", "b", "price"]].to_csv(path, index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        pd.testing.assert_frame_equal(wide.predict(_wide(), future=str(path)), by_series)
    assert "not used" not in caplog.text  # blank series columns: nothing there to use
    other = wide.predict(_wide(), future=_shared("2021-03-22", (12.0, 9.0, 9.0)))
    assert not np.allclose(other["y_hat"], by_series["y_hat"])  # the values are read, not ignored


def test_a_series_column_holding_values_in_it_is_named_as_not_used(wide, caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        wide.predict(_wide(), future=_shared("2021-03-22").assign(a=1.0))
    assert "not used: a — the future values are read for the future covariates price only" in caplog.text


def test_a_shared_table_missing_a_step_is_named_and_none_given_says_both_layouts(wide):
    with pytest.raises(RnncastError, match=r"the future covariates \['price'\] are missing for 2021-03-24 .*; the "
                       r"future values are dated 2021-03-22, 2021-03-23; predict needs them for the 3 steps after the "
                       r"last row of every series \(a, b\)$"):
        wide.predict(_wide(), future=_shared("2021-03-22", (9.0, 12.0)))
    with pytest.raises(RnncastError, match=r"one row per step, and the column 'time' \(shared by every series, as in "
                       r"the data\), or the columns 'unique_id' and 'time' saying which series and step\)$"):
        wide.predict(_wide())


@pytest.fixture(scope="module")
def ragged() -> Forecaster:
    return Forecaster(**{**TINY, "horizon": H}).fit(_wide(b_short=2), series=["a", "b"], future_covariates=["price"])


def test_series_ending_on_other_dates_are_each_matched_by_their_own_dates(ragged):
    shared = _shared("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5))  # b's steps from the 20th, a's from the 22nd
    # (the data holds the price of the 20th and 21st, on a's rows: as it gives them)
    by_series = pd.concat([_shared("2021-03-22", (10.5, 11.0, 9.5)).assign(unique_id="a"),
                           _shared("2021-03-20", (11.5, 12.0, 10.5)).assign(unique_id="b")], ignore_index=True)
    pd.testing.assert_frame_equal(ragged.predict(_wide(b_short=2), future=shared),
                                  ragged.predict(_wide(b_short=2), future=by_series))


def test_rows_without_times_are_read_as_every_series_span_or_refused_naming_that_layout(ragged, caplog):
    """A table without times for series ending on other dates was refused whatever its rows; rows in order are one
    per date from the first series' first step to the last one's last step: read where they are that many."""
    shared = _shared("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5))
    dated = ragged.predict(_wide(b_short=2), future=shared)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        pd.testing.assert_frame_equal(ragged.predict(_wide(b_short=2), future=shared.drop(columns="time")), dated)
    assert ("the future values have no column 'unique_id' nor times: their rows are read in order, one per date from "
            "2021-03-20 (the first step of series 'b') to 2021-03-24 (the last step of series 'a')") in caplog.text
    rows = shared[["price"]].to_numpy()
    pd.testing.assert_frame_equal(ragged.predict(_wide(b_short=2), future=rows), dated)  # an array of those rows
    after = shared.drop(columns="time").tail(H)  # the rows after the data's: the data holds the 20th and 21st
    pd.testing.assert_frame_equal(ragged.predict(_wide(b_short=2), future=after), dated)
    for short in (shared.drop(columns="time").tail(4), rows[1:]):  # 4 rows: from the 21st? each series' steps?
        with pytest.raises(RnncastError, match=r"^the future values have no column 'unique_id' nor times, so they are "
                           r"shared by every series and their rows are read in order: 5 rows, one per date from "
                           r"2021-03-20 \(the first step of series 'b'\) to 2021-03-24 \(the last step of series "
                           r"'a'\), or 3, one per date from 2021-03-22 \(the first step after the data's rows\) to "
                           r"2021-03-24 \(the last step of series 'a'\); but they hold 4 \(the series' forecasts start "
                           r"at different times: 'a' at 2021-03-22, 'b' at 2021-03-20\); give those rows, or the time "
                           r"column 'time' to match them by date, or the column 'unique_id' with one row per series and "
                           r"step$"):
            ragged.predict(_wide(b_short=2), future=short)


def test_a_model_without_dates_reads_row_labels_or_the_rows_of_every_series_span(caplog):
    """Numbered rows: a's steps are rows 80-82, b's 78-80; row labels (a column 'row', a frame's index) place each
    row, rows in order are rows 78-82; a label of no series' step is refused by name."""
    model = Forecaster(**{**TINY, "horizon": H}).fit(_wide(b_short=2).drop(columns="time"), series=["a", "b"],
                                                     future_covariates=["price"])
    data = _wide(b_short=2).drop(columns="time")
    price = [11.5, 12.0, 10.5, 11.0, 9.5]  # rows 78 and 79 as the data holds them (a's rows)
    in_order = model.predict(data, future=pd.DataFrame({"price": price}))
    assert in_order["row"].tolist() == [80, 81, 82, 78, 79, 80]
    labelled = pd.DataFrame({"row": [82, 78, 80, 79, 81], "price": [9.5, 11.5, 10.5, 12.0, 11.0]})
    pd.testing.assert_frame_equal(model.predict(data, future=labelled), in_order)
    pd.testing.assert_frame_equal(model.predict(data, future=labelled.set_index("row").rename_axis(None)), in_order)
    with pytest.raises(RnncastError, match=r"the future values' column 'row' labels a row 83 \(row 5\), which is no "
                       r"forecast step of any series: the model forecasts rows 80-82 of series 'a', rows 78-80 of "
                       r"series 'b'"):
        model.predict(data, future=pd.concat([labelled, pd.DataFrame({"row": [83], "price": [9.0]})],
                                             ignore_index=True))
    with pytest.raises(RnncastError, match=r"one per row from 78 \(the first step of series 'b'\) to 82 \(the last "
                       r"step of series 'a'\), or 3, one per row from 80 .*but they hold 4 .*or a column 'row' "
                       r"numbering the rows they forecast"):
        model.predict(data, future=pd.DataFrame({"price": price[1:]}))
    pd.testing.assert_frame_equal(model.predict(data, future=pd.DataFrame({"price": price[2:]})), in_order)


def test_refusals_of_a_shared_reading_name_its_series_not_the_series(tmp_path):
    """A shared table read for several series said "after the series' last row": the series are named."""
    frame = _wide(b_short=2).assign(c=lambda f: f["a"] * 0.5)  # a and c end on the 21st, b on the 19th
    model = Forecaster(**{**TINY, "horizon": H}).fit(frame, series=["b", "a", "c"], future_covariates=["price"])
    gap = _shared("2021-03-20", (11.5, 12.0, 10.5, 11.0, np.nan))
    with pytest.raises(RnncastError, match=r"leave 'price' blank for 2021-03-24 \(row 4\); predict needs every "
                       r"future covariate for the 3 steps after the last row of series 'a' and 'c': fill it in$"):
        model.predict(frame, future=gap)
    with pytest.raises(RnncastError, match=r"missing for series 'b' at 2021-03-22 \(1 of 3 steps missing\); the future "
                       r"values are dated 2021-03-23, 2021-03-24; predict needs them for the 3 steps after the last "
                       r"row of series 'b'$"):
        model.predict(frame, future=_shared("2021-03-23", (11.0, 9.5)))


def test_a_future_file_by_series_is_read_once(wide, tmp_path, monkeypatch):
    """A wide model's future file with the id column was read to look for it, then again to read it by series."""
    from rnncast import futurekeys

    path = tmp_path / "future.csv"
    _long(_shared("2021-03-22")).to_csv(path, index=False)
    reads: list = []
    real = futurekeys.read_table
    monkeypatch.setattr(futurekeys, "read_table", lambda *a, **k: reads.append(a[0]) or real(*a, **k))
    got = wide.predict(_wide(), future=path)
    pd.testing.assert_frame_equal(got, wide.predict(_wide(), future=_long(_shared("2021-03-22"))))
    assert reads == [path]


def test_a_row_one_series_reads_is_used_and_rows_none_reads_are_named_once_by_date(caplog):
    """t26t9: series ending on other dates each warned of the rows the other reads, as "not used", once per end
    date, while those rows moved its forecast; a row is unused only where no series reads it."""
    model = Forecaster(**{**TINY, "horizon": H}).fit(_wide(b_short=2), series=["a", "b"], future_covariates=["price"])
    shared = _shared("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5))  # b reads the 20th to 22nd, a the 22nd to 24th
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_wide(b_short=2), future=shared)
    assert "not used" not in caplog.text  # every row is some series' step
    moved = model.predict(_wide(b_short=2), future=_shared("2021-03-20", (11.5, 12.0, 30.0, 11.0, 9.5)))
    before = model.predict(_wide(b_short=2), future=shared)
    assert not np.allclose(moved["y_hat"][3:], before["y_hat"][3:])  # the 22nd is read for b (its last step)
    caplog.clear()
    wider = _shared("2021-03-18", (9.0, 9.0, 11.5, 12.0) + (9.0,) * 5)  # the 18th, 19th, 25th and 26th: no series' steps
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_wide(b_short=2), future=wider)
    said = [r.getMessage() for r in caplog.records if "not used" in r.getMessage()]
    assert said == [f"the future values hold 4 rows outside the {H} forecast steps after each series' end "
                    "(2021-03-18, 2021-03-19, 2021-03-25 and 1 more); they are not used"]  # each date once (decision 1495)


def test_the_future_tables_keys_name_a_key_of_two_columns_by_its_columns():
    """A model keyed by sku and store asked for "the columns 'sku,store' and 'week'": no such column."""
    from rnncast.sharedfuture import keys_needed
    assert keys_needed("long", "sku,store", "week", ["sku=A, store=S1"]) == (
        ", and the columns 'sku', 'store' and 'week' saying which series and step")
    assert keys_needed("long", "store", "week", ["S1"]) == ", and the columns 'store' and 'week' saying which series and step"


def test_a_model_without_dates_reads_a_future_file_written_with_its_index_by_those_labels_or_refuses_naming_it(tmp_path):
    """Numbered rows, a's steps rows 80-82, b's 78-80; ``future.to_csv(path)`` writes the frame's index as an unnamed
    first column. Rows labelled 82, 78, 80, 79, 81 were read in order (refused as another value than the data's, at
    the wrong row), labels 79-83 and 0..4 out of order were read in order silently, and 0..4 in order was said to hold
    "the row numbers 2-4". Now the data's labels place the rows, 0 .. n-1 in order is the rows' order, and other
    numbers are refused naming the column and how to have the rows read in order; a label twice is named at its lines."""
    data = _wide(b_short=2).drop(columns="time")
    model = Forecaster(**{**TINY, "horizon": H}).fit(data, series=["a", "b"], future_covariates=["price"])
    price = [11.5, 12.0, 10.5, 11.0, 9.5]  # rows 78-82
    expected = model.predict(data, future=pd.DataFrame({"price": price}))
    path = tmp_path / "future.csv"
    for labels, values in (([82, 78, 80, 79, 81], [9.5, 11.5, 10.5, 12.0, 11.0]), (range(78, 83), price),
                           (range(80, 83), price[2:]), (range(5), price), (range(3), price[2:])):
        pd.DataFrame({"price": values}, index=list(labels)).to_csv(path)
        pd.testing.assert_frame_equal(model.predict(data, future=str(path)), expected)
    for labels, first, line in (([79, 80, 81, 82, 83], 83, 6), ([1, 0, 2, 3, 4], 1, 2), (range(5, 10), 5, 2)):
        pd.DataFrame({"price": price}, index=labels).to_csv(path)
        with pytest.raises(RnncastError, match=rf"the future values' first column \('Unnamed: 0', a frame's index as "
                           rf"pandas' to_csv writes it\) labels a row {first} \(line {line} of future.csv\), which is no "
                           r"forecast step of any series: the model forecasts rows 80-82 of series 'a', rows 78-80 of "
                           r"series 'b'; give the values of those rows, or write the file without its index "
                           r"\(index=False\) to take the rows in order"):
            model.predict(data, future=str(path))
    pd.DataFrame({"price": price}, index=[78, 79, 80, 81, 81]).to_csv(path)
    with pytest.raises(RnncastError, match=r"first column \('Unnamed: 0', .*\) labels row 81 twice \(line 5 of "
                       r"future.csv, line 6 of future.csv\); give one row per step, or write the file without its index"):
        model.predict(data, future=str(path))


def test_refusals_for_series_read_together_name_them_and_their_rows_lines():
    """Series a, c ... h end on row 80, b on 78: a refusal for the group a, c ... read together named none of them ("no
    row 82 (1 of 3 steps missing): the model forecasts rows 80-82"), and a blank value's row was counted in the group's
    rows ("row 2") where it is the table's row 4."""
    frame = _wide(b_short=2).drop(columns="time")
    for name in "cdefgh":
        frame[name] = frame["a"] * (1 + "cdefgh".index(name) / 10)
    series = ["a", "b", *"cdefgh"]
    model = Forecaster(**{**TINY, "horizon": H}).fit(frame, series=series, future_covariates=["price"])
    price = [11.5, 12.0, 10.5, 11.0]
    with pytest.raises(RnncastError, match=r"have no row 82 of series 'a', 'c', 'd', 'e', 'f' and 2 more \(1 of 3 "
                       r"steps missing\): the model forecasts rows 80-82 of series 'a', 'c', 'd', 'e', 'f' and 2 more"):
        model.predict(frame, future=pd.DataFrame({"row": range(78, 82), "price": price}))
    with pytest.raises(RnncastError, match=r"leave 'price' blank for step 3 \(row 4\); predict needs every future "
                       r"covariate for the 3 steps after the last row of series 'a', 'c', 'd', 'e', 'f' and 2 more"):
        model.predict(frame, future=pd.DataFrame({"price": [*price, np.nan]}))
