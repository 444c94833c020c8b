"""A wide table's series that ends before another is forecast over times the table still covers: the covariates the
data holds there (on the other series' rows) are read for it where the future table leaves them out, and a future
table giving another value at such a time is refused naming both (heldfuture)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError

H = 3


def _wide(n: int = 80) -> pd.DataFrame:
    """a runs to 2021-03-21, b stops 2 days before; the data's price on the 20th and 21st: 11.5 and 12.0."""
    days = pd.date_range("2021-01-01", periods=n, freq="D")
    price = 10 + (np.arange(n) % 5) * 0.5
    a = 50 - 2 * price + np.sin(np.arange(n) / 3.0)
    b = np.r_[(80 - 3 * price + np.cos(np.arange(n) / 4.0))[: n - 2], [np.nan] * 2]
    return pd.DataFrame({"time": days, "a": a, "b": b, "price": price})


def _future(start, price) -> pd.DataFrame:
    return pd.DataFrame({"time": pd.date_range(start, periods=len(price), freq="D"), "price": list(price)})


@pytest.fixture(scope="module")
def model() -> Forecaster:
    return Forecaster(**{**TINY, "horizon": H}).fit(_wide(), series=["a", "b"], future_covariates=["price"])


def test_the_steps_the_data_covers_are_read_from_it_where_the_future_leaves_them_out(model, tmp_path):
    """b's steps are the 20th to 22nd: the future after the data's last row (the 22nd on) was refused as missing
    b's 20th and 21st, which the data holds on a's rows."""
    whole = model.predict(_wide(), future=_future("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5)))
    after = _future("2021-03-22", (10.5, 11.0, 9.5))
    pd.testing.assert_frame_equal(model.predict(_wide(), future=after), whole)
    long = pd.concat([after.assign(unique_id="a"), after.head(1).assign(unique_id="b")], ignore_index=True)
    pd.testing.assert_frame_equal(model.predict(_wide(), future=long), whole)  # by series too
    blank = _future("2021-03-20", (np.nan, 12.0, 10.5, 11.0, 9.5))  # a blank cell there: the data's value
    pd.testing.assert_frame_equal(model.predict(_wide(), future=blank), whole)
    path = tmp_path / "wide.csv"  # from a file, its dates as text
    _wide().to_csv(path, index=False)
    after.to_csv(tmp_path / "after.csv", index=False)
    assert model.predict(str(path), future=str(tmp_path / "after.csv"))["y_hat"].tolist() == whole["y_hat"].tolist()


def test_another_value_than_the_datas_at_such_a_step_is_refused_naming_both(model, tmp_path):
    """A price of 9 on the 20th for b, where a read 11.5 as history, was read silently: two prices for one day."""
    path = tmp_path / "future.csv"
    _future("2021-03-20", (9.0, 12.0, 10.5, 11.0, 9.5)).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^the future values give 'price' = 9 at 2021-03-20 \(line 2 of "
                       r"future.csv\), a step of series 'b', but the data holds 11.5 there \(on the rows of the series "
                       r"that go on\), which they read as history: a covariate shared by every series has one value "
                       r"at a time; give the data's, or leave 2021-03-20 out of the future values \(the data's is "
                       r"read\)$"):
        model.predict(_wide(), future=str(path))
    long = _future("2021-03-20", (9.0, 13.0, 10.5)).assign(unique_id="b")
    with pytest.raises(RnncastError, match=r"= 9 at 2021-03-20 \(row 0\), a step of series 'b', .*and 1 more such"):
        model.predict(_wide(), future=pd.concat([long, _future("2021-03-22", (10.5, 11.0, 9.5)).assign(
            unique_id="a")], ignore_index=True))


def test_a_table_without_times_is_told_the_advice_that_works_and_both_ways_run(model, tmp_path):
    """A tester's finding: rows in order (no time column) with another value than the data's were told "leave
    2021-03-20 out of the future values", which leaves 4 rows, refused ("5 rows ... or 3"). The advice now: the
    data's value there, or a time column and that date left out; both run."""
    path = tmp_path / "future.csv"
    _future("2021-03-20", (9.0, 12.0, 10.5, 11.0, 9.5)).drop(columns="time").to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"a covariate shared by every series has one value at a time; write the "
                       r"data's \(11.5\) there, or give the future values a time column \('time'\) and leave "
                       r"2021-03-20 out \(the data's is read\): without times, their rows are read in order") as caught:
        model.predict(_wide(), future=str(path))
    assert "leave 2021-03-20 out of the future values" not in str(caught.value)
    whole = model.predict(_wide(), future=_future("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5)))
    _future("2021-03-20", (11.5, 12.0, 10.5, 11.0, 9.5)).drop(columns="time").to_csv(path, index=False)
    pd.testing.assert_frame_equal(model.predict(_wide(), future=str(path)), whole)  # the data's value written
    _future("2021-03-21", (12.0, 10.5, 11.0, 9.5)).to_csv(path, index=False)  # a time column, the 20th left out
    pd.testing.assert_frame_equal(model.predict(_wide(), future=str(path)), whole)

def _panel():
    """Two wide series on shared days: a to the 5th, b to the 3rd; the covariate is 10 + the day's row (b's rows
    give 99 on days a gives too: the first series' row is the shared value)."""
    from rnncast.panel import Panel
    days = pd.date_range("2021-01-01", periods=5, freq="D")
    a = np.c_[np.arange(5.0), 10 + np.arange(5.0)]
    b = np.c_[np.arange(3.0), [99.0] * 3]
    return Panel(values=np.r_[a, b], offsets=np.array([0, 5, 8]), ids=["a", "b"], columns=["y", "f"], n_targets=1,
                 time=days.append(days[:3]), layout="wide")


def test_the_data_is_gathered_once_for_every_series_and_each_reads_its_own_steps():
    """held_all built the data's observed rows again for every series (O(S*N) on a wide predict): each series'
    steps are read from one gathering, the same values as series by series."""
    from rnncast import heldfuture
    panel = _panel()
    wanted = [pd.date_range("2021-01-06", periods=3), pd.date_range("2021-01-04", periods=3)]
    out = heldfuture.held_all(panel, wanted, 1)
    assert np.isnan(out[0]).all() and out[1, :, 0].tolist()[:2] == [13.0, 14.0] and np.isnan(out[1, 2, 0])
    each = heldfuture.held_each(panel, wanted, 1)
    assert each[0] is None and np.array_equal(each[1], heldfuture.held(panel, wanted[1], 1), equal_nan=True)
    assert heldfuture.held(panel, pd.date_range("2021-01-01", periods=2), 1)[0, :, 0].tolist() == [10.0, 11.0]


def test_nothing_is_held_where_every_series_steps_lie_after_the_data_or_are_of_another_kind():
    from rnncast import heldfuture
    panel = _panel()
    assert heldfuture.held_all(panel, [pd.date_range("2021-01-06", periods=2)] * 2, 1) is None
    assert heldfuture.held_all(panel, [pd.date_range("2021-01-04", periods=2, tz="UTC")] * 2, 1) is None
    assert heldfuture.held_all(panel, [pd.RangeIndex(3, 5)] * 2, 1) is None  # rows not numbered: none shared
    assert heldfuture.held_all(panel, [pd.date_range("2021-01-04", periods=2)] * 2, 0) is None
