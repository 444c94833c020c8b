"""A future table's time and series under the model's names (futurekeys.named): future values whose dates were in
a column of another name than the model's time column (ds, Date, day) or in a frame's DatetimeIndex were taken in
row order, their dates ignored, so a table dated backwards or a month late was used as if dated right."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.future import align_future

H = 3


def _daily(ids=(None,), n=90) -> pd.DataFrame:
    parts = []
    for k, uid in enumerate(ids):
        promo = ((np.arange(n) + k) % 2).astype(float)
        part = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
                             "sales": 10 + 3 * promo, "promo": promo})
        if uid is not None:
            part.insert(0, "store", uid)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


@pytest.fixture(scope="module")
def one() -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 8, "horizon": H}).fit(_daily(), target="sales", future_covariates=["promo"])


@pytest.fixture(scope="module")
def many() -> Forecaster:
    return Forecaster(**{**TINY, "lookback": 8, "horizon": H}).fit(_daily(("a", "b")), target="sales", id_col="store",
                                                                    future_covariates=["promo"])


STEPS = "2024-03-31, 2024-04-01, 2024-04-02"  # the day after the data's last, 2024-03-30


@pytest.mark.parametrize("name, how", [("ds", "by its name"), ("Date", "by its name"), ("day", "by its values")])
def test_times_in_a_column_of_another_name_are_refused_by_name_not_taken_in_row_order(one, name, how):
    backwards = pd.DataFrame({name: ["2024-04-02", "2024-04-01", "2024-03-31"], "promo": [1.0, 0.0, 0.0]})
    with pytest.raises(RnncastError, match=rf"^the future values' times are in column '{name}' \(found {how}\), but the "
                                           rf"model's time column is 'date': name that column 'date' so its rows are "
                                           rf"matched to the forecast steps \({STEPS}\) by date, not taken in row order$"):
        one.predict(_daily(), future=backwards)
    late = backwards.assign(**{name: ["2024-04-30", "2024-05-01", "2024-05-02"]})
    with pytest.raises(RnncastError, match=rf"times are in column '{name}'"):
        one.predict(_daily(), future=late)


def test_named_as_the_model_names_it_the_same_rows_are_matched_by_date(one):
    backwards = pd.DataFrame({"date": ["2024-04-02", "2024-04-01", "2024-03-31"], "promo": [1.0, 0.0, 0.0]})
    forecast = one.predict(_daily(), future=backwards)
    pd.testing.assert_frame_equal(forecast, one.predict(_daily(), future=backwards.iloc[::-1]))


def test_a_datetimeindex_is_the_future_values_time_matched_by_date(one):
    """It was ignored: a frame indexed a month late gave the forecast of the right dates without a word."""
    values = pd.DataFrame({"promo": [0.0, 0.0, 1.0]}, index=pd.date_range("2024-03-31", periods=H))
    by_column = one.predict(_daily(), future=values.rename_axis("date").reset_index())
    pd.testing.assert_frame_equal(one.predict(_daily(), future=values), by_column)
    pd.testing.assert_frame_equal(one.predict(_daily(), future=values.iloc[::-1]), by_column)  # in any order
    pd.testing.assert_frame_equal(one.predict(_daily(), future=values.rename_axis("ds")), by_column)
    with pytest.raises(RnncastError, match=r"missing for 2024-03-31.*dated 2024-04-30"):
        one.predict(_daily(), future=values.set_axis(pd.date_range("2024-04-30", periods=H)))


def test_rows_without_any_time_are_taken_in_order_and_said_once(one, caplog):
    plain = pd.DataFrame({"promo": [1.0, 0.0, 0.0]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = one.predict(_daily(), future=plain)
        one.predict(_daily(), future=plain)
    said = [r.getMessage() for r in caplog.records if "row order" in r.getMessage()]
    assert said == [f"the future values have no time column 'date' (nor a DatetimeIndex), so their 3 rows are taken in "
                    f"row order as the forecast steps {STEPS}; give each row's time in a column 'date' to match them "
                    "by date"]
    dated = pd.DataFrame({"date": ["2024-03-31", "2024-04-01", "2024-04-02"], "promo": [1.0, 0.0, 0.0]})
    pd.testing.assert_frame_equal(forecast, one.predict(_daily(), future=dated))


def test_a_panels_times_or_series_under_another_name_are_named(many):
    rows = pd.DataFrame({"store": ["a"] * H + ["b"] * H, "ds": ["2024-03-31", "2024-04-01", "2024-04-02"] * 2,
                         "promo": [1.0, 0.0, 0.0] * 2})
    with pytest.raises(RnncastError, match=r"^the future values' times are in column 'ds' \(found by its name\), but "
                                           r"the model's time column is 'date': "):
        many.predict(_daily(("a", "b")), future=rows)
    shop = rows.rename(columns={"store": "shop", "ds": "date"})
    with pytest.raises(RnncastError, match=r"^the future values' series are in column 'shop' \(its values are the "
                                           r"model's series ids\), but the model's id column is 'store': name that "
                                           r"column 'store'$"):
        many.predict(_daily(("a", "b")), future=shop)
    assert len(many.predict(_daily(("a", "b")), future=shop.rename(columns={"shop": "store"}))) == 2 * H


def _aligned(future, steps, time_col="date"):
    return align_future(future, [None], [steps], ["promo"], id_col=None, time_col=time_col, tz=None)[0, :, 0].tolist()


def test_a_periodindex_is_matched_by_its_periods(one):
    """It was refused as "holds '2020-01' ..., which is not a date: the model's time is dates (it forecasts 2020-01,
    ...)", and a year model's yearly periods as "not a whole number"."""
    values = pd.DataFrame({"promo": [0.0, 0.0, 1.0]}, index=pd.period_range("2024-03-31", periods=H, freq="D"))
    by_column = one.predict(_daily(), future=values.to_timestamp().rename_axis("date").reset_index())
    pd.testing.assert_frame_equal(one.predict(_daily(), future=values.iloc[::-1]), by_column)
    months = pd.DataFrame({"promo": [1.0, 0.0, 0.0]}, index=pd.period_range("2020-01", periods=3, freq="M"))
    assert _aligned(months.iloc[::-1], pd.date_range("2020-01-01", periods=3, freq="MS")) == [1.0, 0.0, 0.0]
    assert _aligned(months, pd.date_range("2020-01-31", periods=3, freq="ME")) == [1.0, 0.0, 0.0]  # the date in each
    years = pd.DataFrame({"promo": [1.0, 0.0, 0.0]}, index=pd.period_range("2020", periods=3, freq="Y"))
    assert _aligned(years.iloc[::-1], pd.Index([2020, 2021, 2022]), "year") == [1.0, 0.0, 0.0]
    assert _aligned(years, pd.period_range("2020", periods=3, freq="Y")) == [1.0, 0.0, 0.0]
    with pytest.raises(RnncastError, match=r"holds periods of another frequency \(M: 2020-01\) than the model's "
                                           r"\(Q-DEC: it forecasts 2020Q1, 2020Q2, 2020Q3\)"):
        _aligned(months, pd.period_range("2020Q1", periods=3, freq="Q"))
    with pytest.raises(RnncastError, match=r"holds periods \(M: 2020-01\), which do not match the model's time, numbers"):
        _aligned(months, pd.Index([2020, 2021, 2022]), "year")


def test_a_parquet_files_restored_index_is_its_time_as_a_frames(tmp_path):
    """An unnamed DatetimeIndex written to Parquet came back as a column 'index' and was refused: "times are in
    column 'index' (found by its type) ... name that column 'date'"; the same frame was taken in Python."""
    days = pd.date_range("2025-08-23", periods=3)
    pd.DataFrame({"promo": [0.0, 0.0, 1.0]}, index=days[::-1]).to_parquet(tmp_path / "f.parquet")
    assert _aligned(tmp_path / "f.parquet", days) == [1.0, 0.0, 0.0]
    pd.DataFrame({"promo": [0.0, 0.0, 1.0]}, index=days.to_period("D")[::-1]).to_parquet(tmp_path / "p.parquet")
    assert _aligned(tmp_path / "p.parquet", days) == [1.0, 0.0, 0.0]


@pytest.mark.parametrize("extra", [{"step": [1, 2, 3]}, {"year": [2019, 2020, 2021]},
                                   {"updated_at": [pd.Timestamp("2024-03-01 10:00")] * H},
                                   {"plan": ["2024-03-20"] * H}, {"campaign": ["FY2025 Q3"] * H}])
def test_a_column_that_is_not_the_futures_times_is_not_used_and_the_rows_taken_in_order(one, extra, caplog):
    """Each was refused as "the future values' times are in column X ... name that column 'date'" (renaming would
    be wrong: none holds the forecast's dates), and 'campaign' as "no time column was found", with no remedy."""
    plain = pd.DataFrame({"promo": [1.0, 0.0, 0.0]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = one.predict(_daily(), future=plain.assign(**extra))
    pd.testing.assert_frame_equal(forecast, one.predict(_daily(), future=plain))
    (name,) = extra
    assert f"not used: {name} — the future values are read for the future covariates promo only" in caplog.messages


def test_ids_written_with_leading_zeros_under_another_name_in_a_file_are_named(tmp_path):
    """The file's 'shop' was read as the numbers 1, 2, 10, so only "lack column(s) ['store']" was said."""
    ids, days = ["001", "002", "010"], pd.date_range("2024-03-31", periods=H)
    rows = pd.DataFrame({"shop": np.repeat(ids, H), "date": np.tile(days.strftime("%Y-%m-%d"), 3), "promo": 1.0})
    rows.to_csv(tmp_path / "f.csv", index=False)
    with pytest.raises(RnncastError, match=r"^the future values' series are in column 'shop' \(its values are the "
                                           r"model's series ids\), but the model's id column is 'store': name that "
                                           r"column 'store'$"):
        align_future(tmp_path / "f.csv", ids, [days] * 3, ["promo"], id_col="store", time_col="date", tz=None)
    rows.rename(columns={"shop": "store"}).to_csv(tmp_path / "g.csv", index=False)
    assert align_future(tmp_path / "g.csv", ids, [days] * 3, ["promo"], id_col="store", time_col="date",
                        tz=None).shape == (3, H, 1)


def test_a_date_column_beside_a_datetimeindex_is_said_to_be_the_one_read(caplog):
    """The column was used without a word, as fit warns of a time column beside the data's index."""
    days = pd.date_range("2024-03-31", periods=H)
    frame = pd.DataFrame({"date": days.strftime("%Y-%m-%d"), "promo": [1.0, 0.0, 0.0]},
                         index=pd.date_range("2024-09-01", periods=H))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _aligned(frame, days) == [1.0, 0.0, 0.0]
    assert ("the future values' times are read from their column 'date', not from their DatetimeIndex; to match them "
            "by the index, drop the column") in caplog.messages


def test_an_index_of_iso_date_text_is_read_as_dates():
    """It was dropped, and the rows taken in order: a reversed index gave the last row to the first step."""
    days = pd.date_range("2024-03-31", periods=H)
    assert _aligned(pd.DataFrame({"promo": [1.0, 0.0, 0.0]}, index=days.strftime("%Y-%m-%d")[::-1]), days) == \
        [0.0, 0.0, 1.0]
    with pytest.raises(RnncastError, match=r"^the future values' index holds 'x' at row 1, which is not a date, beside "
                                           r"dates such as '2024-04-02'; give every row's date"):
        _aligned(pd.DataFrame({"promo": [1.0, 0.0, 0.0]}, index=["2024-04-02", "x", "2024-03-31"]), days)


def test_a_model_without_time_says_why_a_tables_dates_are_not_read(caplog):
    """Only "not used: date" was said, and the rows, dated newest first, were taken in row order."""
    backwards = pd.DataFrame({"date": ["2024-04-02", "2024-04-01", "2024-03-31"], "promo": [1.0, 0.0, 0.0]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert _aligned(backwards, pd.RangeIndex(90, 93), None) == [1.0, 0.0, 0.0]
    assert ("the model has no time column (it was fitted on numbered rows), so the future values' rows are taken in "
            "row order as the forecast steps; their column 'date' is not read as time") in caplog.messages


def test_a_future_id_or_time_column_written_in_another_unicode_form_is_named_so():
    """A future file saved by macOS (header '지점', '날짜' decomposed, NFD) was refused as "the future values' series
    are in column '지점' ..., but the model's id column is '지점': name that column '지점'", the two names alike."""
    import unicodedata
    data = _daily(("a", "b")).rename(columns={"store": "지점", "date": "날짜"})
    model = Forecaster(**{**TINY, "lookback": 7, "horizon": H}).fit(data, target="sales", id_col="지점",
                                                                     future_covariates=["promo"])
    future = pd.DataFrame({"지점": ["a"] * H + ["b"] * H, "날짜": ["2024-03-31", "2024-04-01", "2024-04-02"] * 2,
                           "promo": 1.0})
    for name in ("지점", "날짜"):
        nfd = future.rename(columns={name: unicodedata.normalize("NFD", name)})
        with pytest.raises(RnncastError, match=rf"^in the future values, the model's (id|time) column '{name}' \((id|time)_col at "
                                               r"fit\) not found: the header "
                                               r"writes '.+' in decomposed Unicode \(NFD, as macOS writes names\), the "
                                               r"model's column in composed form \(NFC\)"):
            model.predict(data, future=nfd)


def test_a_future_file_written_with_its_index_of_dates_is_matched_by_those_dates(one, tmp_path):
    """A frame indexed by its dates is matched by them; written by ``to_csv`` its dates are a first column left
    unnamed ('Unnamed: 0'), which was refused as "times in column 'Unnamed: 0' ... name that column 'date'"."""
    values = pd.DataFrame({"promo": [0.0, 0.0, 1.0]}, index=pd.date_range("2024-03-31", periods=H))
    by_index = one.predict(_daily(), future=values)
    values.iloc[::-1].to_csv(tmp_path / "future.csv")
    pd.testing.assert_frame_equal(one.predict(_daily(), future=tmp_path / "future.csv"), by_index)
    values.set_axis(pd.date_range("2024-04-30", periods=H)).to_csv(tmp_path / "late.csv")
    with pytest.raises(RnncastError, match=r"missing for 2024-03-31.*dated 2024-04-30"):  # by date, not in row order
        one.predict(_daily(), future=tmp_path / "late.csv")
    values.rename_axis("day").reset_index().to_csv(tmp_path / "named.csv")  # row numbers 0, 1, 2, then 'day'
    with pytest.raises(RnncastError, match=r"times are in column 'day'"):  # a named column of dates: refused as before
        one.predict(_daily(), future=tmp_path / "named.csv")
