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
    with pytest.raises(RnncastError, match=r"the future covariates \['price'\] are missing for 2021-03-24"):
        wide.predict(_wide(), future=_shared("2021-03-22", (9.0, 12.0)))
    with pytest.raises(RnncastError, match=r"one row per step, and the column 'time' \(shared by every series, as in "
                       r"the data\), or the columns 'unique_id' and 'time' saying which series and step\)$"):
        wide.predict(_wide())


def test_series_ending_on_other_dates_are_each_matched_by_their_own_dates():
    model = Forecaster(**{**TINY, "horizon": H}).fit(_wide(b_short=2), series=["a", "b"], future_covariates=["price"])
    shared = _shared("2021-03-20", (9.0, 12.0, 10.5, 11.0, 9.5))  # b's steps from the 20th, a's from the 22nd
    by_series = pd.concat([_shared("2021-03-22", (10.5, 11.0, 9.5)).assign(unique_id="a"),
                           _shared("2021-03-20", (9.0, 12.0, 10.5)).assign(unique_id="b")], ignore_index=True)
    pd.testing.assert_frame_equal(model.predict(_wide(b_short=2), future=shared),
                                  model.predict(_wide(b_short=2), future=by_series))
    with pytest.raises(RnncastError, match=r"the future values have no column 'unique_id', so they are shared by every "
                       r"series, but the series' forecasts start at different times \('a' at 2021-03-22, 'b' at "
                       r"2021-03-20\) and the table has no time column 'time'"):
        model.predict(_wide(b_short=2), future=shared.drop(columns="time"))


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
    shared = _shared("2021-03-20", (9.0, 12.0, 10.5, 11.0, 9.5))  # b reads the 20th to 22nd, a the 22nd to 24th
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_wide(b_short=2), future=shared)
    assert "not used" not in caplog.text  # every row is some series' step
    moved = model.predict(_wide(b_short=2), future=_shared("2021-03-20", (30.0, 12.0, 10.5, 11.0, 9.5)))
    assert not np.allclose(moved["y_hat"], model.predict(_wide(b_short=2), future=shared)["y_hat"])  # the 20th is read
    caplog.clear()
    wider = _shared("2021-03-18", (9.0,) * 9)  # the 18th, 19th, 25th and 26th: no series' steps
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(_wide(b_short=2), future=wider)
    said = [r.getMessage() for r in caplog.records if "not used" in r.getMessage()]
    assert said == [f"the future values hold 4 rows outside the {H} forecast steps after each series' end "
                    "(2021-03-18, 2021-03-19, 2021-03-25, ...); they are not used"]


def test_the_future_tables_keys_name_a_key_of_two_columns_by_its_columns():
    """A model keyed by sku and store asked for "the columns 'sku,store' and 'week'": no such column."""
    from rnncast.sharedfuture import keys_needed
    assert keys_needed("long", "sku,store", "week", ["sku=A, store=S1"]) == (
        ", and the columns 'sku', 'store' and 'week' saying which series and step")
    assert keys_needed("long", "store", "week", ["S1"]) == ", and the columns 'store' and 'week' saying which series and step"
