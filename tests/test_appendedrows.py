"""Rows appended to the history with the target blank are refused by name whatever the model's covariates
(appendedrows.refuse): a past covariate's future rows were filled as history and the forecast moved later."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel


def _appended(rows: int = 40, ahead: int = 3) -> pd.DataFrame:
    """History, then ``ahead`` rows with the target blank and the covariate set, as Prophet takes the future."""
    days = pd.date_range("2020-01-01", periods=rows + ahead, freq="D")
    sales = np.r_[np.arange(rows, dtype=float), [np.nan] * ahead]
    return pd.DataFrame({"date": days, "sales": sales, "promo": np.arange(rows + ahead) % 2.0})


PAST = (r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows 40-42\) have no value of sales but have the "
        r"past covariates promo: rows appended to the history with the target blank are not read as history, and the "
        r"future values of a past covariate are not used by this model; give the data without them \(or, to use those "
        r"values, fit with --future-covariates promo, future_covariates= in Python, and give them as the future\); if "
        r"instead the target's readings are missing there \(a late feed\), give the data without them: the forecast then "
        r"starts after the last value \(2020-02-09\)")


@pytest.mark.parametrize("fill", [None, "ffill", "interpolate", "drop"])
def test_a_past_covariates_future_rows_are_refused_not_filled_as_history(fill):
    """With a fill they were filled as history: the forecast was dated three days later, with invented targets."""
    with pytest.raises(RnncastError, match=PAST):
        load_panel(_appended(), target="sales", past_covariates=["promo"], fill=fill)


def _beside(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` as series 'a' of a panel whose series 'b' has a target value on every date (the rows 'a' leaves
    blank at its end are no time to come: ``future`` leaves them to the fill)."""
    return pd.concat([frame.assign(store="a"), frame.assign(store="b", sales=np.arange(len(frame), dtype=float))])


def test_a_model_without_covariates_fills_them_warning_where_a_numeric_column_not_used_varies(caplog):
    """They were refused for any value in any column not used (a label, a constant, a blank text column named too),
    with advice to fit on a text or empty column that failed when followed. The model reads none of those columns:
    its blank targets are missing values, filled as ``fill`` says, with a warning where the rows look like the
    future's (a numeric column that varies within the series holds values there)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_beside(_appended().assign(note=["forecast"] * 43)), target="sales", id_col="store",
                           fill="ffill")
    assert panel.values.shape[0] == 86
    said = [r.getMessage() for r in caplog.records if r.name == "rnncast.appendedrows"]
    assert said == ["the last 3 rows of series 'a' (2020-02-10 to 2020-02-12, rows 40-42) have no value of sales but "
                    "have values of promo, which the model does not read: fill 'ffill' fills them as history, so the "
                    "forecast starts after them (2020-02-12); if they are the future's rows appended to the history, "
                    "give the data without them"]


@pytest.mark.parametrize("column", [{"region": "N"}, {"source": 7.0}, {"note": "forecast"}])
def test_a_label_a_constant_or_text_is_no_future_value(column, caplog):
    frame = _beside(_appended()[["date", "sales"]].assign(**column))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert load_panel(frame, target="sales", id_col="store", fill="ffill").values.shape[0] == 86
    assert not [r for r in caplog.records if r.name == "rnncast.appendedrows"]


def test_a_per_series_label_does_not_refuse_a_blank_last_target():
    """Stores '001', '002', '010' with a region constant per store: refused "has values of region ... fit with
    --future-covariates region". Store '002''s row dated after every store's last value is the time to come
    (decision 1475), not the region's: said so; beside another store's value that day, it is filled."""
    parts = [_appended(rows=40, ahead=0).assign(store=s, region=r) for s, r in (("001", "N"), ("002", "S"), ("010", "N"))]
    blank = pd.DataFrame({"date": [pd.Timestamp("2020-02-10")], "sales": [np.nan], "promo": [np.nan], "store": ["002"],
                          "region": ["S"]})
    with pytest.raises(RnncastError, match=r"^the last row of series '002' \(2020-02-10, row 120\) has a date but no "
                                           r"value of 'sales', after the last value of every series: rows for the "
                                           r"days to come\? .* dated 1 day late"):
        load_panel(pd.concat(parts + [blank]), target="sales", id_col="store", fill="zero")
    beside = blank.assign(store="001", sales=[41.0], region=["N"])
    panel = load_panel(pd.concat(parts + [blank, beside]), target="sales", id_col="store", fill="ffill")
    assert np.isfinite(panel.values).all() and panel.values.shape[0] == 122


def _mixed() -> pd.DataFrame:
    frame = _appended().assign(temp=np.arange(43) % 5.0)
    frame.loc[40:, "promo"] = np.nan  # the appended rows hold temp only
    return frame


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_any_covariate_read_holding_a_value_refuses_them_naming_only_those(fill):
    """They were filled as history where not every covariate of one kind was set, or (a model with future
    covariates) where a past covariate held the values: the forecast moved three days later."""
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows 40-42\) have "
                                           r"no value of sales but have the past covariates temp: rows appended to the "
                                           r"history with the target blank are not read as history, and the future "
                                           r"values of a past covariate are not used by this model; give the data "
                                           r"without them, and the future values of promo as the future \(predict "
                                           r"--future FILE, future= in Python\); if instead the target's readings are "
                                           r"missing there \(a late feed\)"):
        load_panel(_mixed(), target="sales", past_covariates=["temp"], future_covariates=["promo"], fill=fill)
    with pytest.raises(RnncastError, match=r"have the past covariates temp: .* fit with --future-covariates temp, "):
        load_panel(_mixed(), target="sales", past_covariates=["promo", "temp"], fill=fill)
    both = _mixed().assign(promo=_appended()["promo"])
    with pytest.raises(RnncastError, match=r"have the future covariates promo and the past covariates temp: future rows "
                                           r"appended to the history are not read as history \(the future values of a "
                                           r"past covariate are not used by this model\); if they are the forecast's "
                                           r"future, give the data without them, and those rows as the future"):
        load_panel(both, target="sales", past_covariates=["temp"], future_covariates=["promo"], fill=fill)


def test_missing_values_inside_the_history_are_still_filled_and_blank_last_rows_are_the_time_to_come():
    """Blank last rows that hold nothing else were filled as history (decision 408); they are refused as the time
    to come now (decision 1475)."""
    frame = _appended()
    inside = frame.iloc[:40].copy()
    inside.loc[10:12, "sales"] = np.nan  # inside the history, covariate set: a missing value, filled
    panel = load_panel(inside, target="sales", past_covariates=["promo"], fill="ffill")
    assert panel.values.shape[0] == 40 and np.isfinite(panel.values).all()
    blank = frame.assign(promo=frame["promo"].where(frame["sales"].notna()))  # nothing at all in the last rows
    for given in (blank, frame[["date", "sales"]]):
        with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows "
                                               r"40-42\) have a date but no value of 'sales', after the last value: "):
            load_panel(given, target="sales", past_covariates=["promo"] if "promo" in given else None, fill="ffill")


FUTURE = (r"^the last 6 rows of the data \(01\.01\.2025 to 01\.06\.2025, lines 38-43 of plan\.csv\) have a date but "
          r"no value of 'Umsatz', after the last value: rows for the months to come\? Dated blank rows are not read as "
          r"the future, and are neither filled nor dropped: {why}; give the data without those rows \(predict "
          r"forecasts the months after the last value, from 01\.01\.2025\)$")


def _plan(tmp_path, months: int = 36, ahead: int = 6):
    """Excel's planning sheet: a German file of 36 months of sales, then the coming 6 months' dates, sales empty."""
    dates = pd.date_range("2022-01-01", periods=months + ahead, freq="MS")
    lines = ["Datum;Umsatz"] + [f"{d:%d.%m.%Y};" + (f"{1000 + 37 * (i % 12)},50" if i < months else "")
                                for i, d in enumerate(dates)]
    path = tmp_path / "plan.csv"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


@pytest.mark.parametrize("fill", [None, "zero", "ffill", "interpolate", "drop"])
def test_dated_blank_last_rows_are_refused_as_the_time_to_come_never_offered_a_fill(tmp_path, fill):
    """A planning sheet's coming months (dates, sales empty) were refused "fill them with --fill
    ffill|interpolate|zero|drop"; following it, fit scored 6 invented zeros and predict dated 0s six months late."""
    why = ("dropped \\(fill 'drop'\\), the data would still end on 01\\.06\\.2025 and a forecast from it be dated "
           "inside the data") if fill == "drop" else (
        "filled" + ("" if fill is None else f" \\(fill '{fill}'\\)") + ", they would be made-up history \\(6 invented "
        "values trained on and scored\\) and every forecast dated 6 months late")
    with pytest.raises(RnncastError, match=FUTURE.format(why=why)) as err:
        load_panel(_plan(tmp_path), fill=fill)
    assert "--fill" not in str(err.value)


@pytest.mark.parametrize("fill", ["ffill", "interpolate"])
def test_one_missed_last_reading_is_filled_under_an_explicit_fill_and_refused_naming_both_readings_without(tmp_path,
                                                                                                          fill, caplog):
    """A sensor's last reading blank, fitted with fill 'ffill', was refused "rows for the days to come? ... every
    forecast dated 1 day late", though the day happened (decision 1506): one date under an explicit ffill or
    interpolate is filled and warned of; two are refused (above); without a fill the refusal says both readings."""
    path = _plan(tmp_path, ahead=1)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(path, fill=fill)
    assert panel.values.shape[0] == 37 and np.isfinite(panel.values).all()
    assert f"filling 1 missing value with {fill}" in caplog.text  # predict says its forecast starts from it
    with pytest.raises(RnncastError, match=r"^the last row of the data \(01\.01\.2025, line 38 of plan\.csv\) has a "
                                           r"date but no value of 'Umsatz', after the last value: rows for the months to "
                                           r"come\? .*; if the last reading is missing rather than to come, remove that "
                                           r"row, or fit with a fill \(--fill ffill, fill='ffill' in Python; predict and "
                                           r"evaluate read the fill fit was given\)$"):
        load_panel(path)
    with pytest.raises(RnncastError, match=r"dated 1 month late; give the data without that row \(predict forecasts "
                                           r"the months after the last value, from 01\.01\.2025\)$"):
        load_panel(path, fill="zero")  # zero: a reading of 0 made up, refused as before


def test_predict_and_evaluate_refuse_the_planning_sheet_that_fit_refuses(tmp_path):
    path = _plan(tmp_path)
    text = path.read_text(encoding="utf-8-sig").splitlines()
    history = tmp_path / "history.csv"
    history.write_text("\n".join(text[:37]) + "\n", encoding="utf-8")
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3}, fill="zero").fit(history)
    for call in (model.predict, model.evaluate):
        with pytest.raises(RnncastError, match=r"^the last 6 rows of the data .* have a date but no value of 'Umsatz'"):
            call(path)


def test_a_panels_series_after_every_series_last_value_are_named_and_a_series_that_ended_is_filled():
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    sales = np.r_[np.arange(26.0), [np.nan] * 4]
    both = pd.concat([pd.DataFrame({"date": days, "sales": sales, "store": s}) for s in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^the last 4 rows of series 'a' \(2020-01-27 to 2020-01-30, rows 26-29\) "
                                           r"and of 1 more series have a date but no value of 'sales', after the last "
                                           r"value of every series: rows for the days to come\? .*\(4 invented values in "
                                           r"each of 2 series, 8 in all, trained on and scored\)"):  # decision 1612
        load_panel(both, target="sales", id_col="store", fill="zero")
    ended = both.assign(sales=np.r_[sales, np.arange(30.0)])  # 'b' sells on: 'a' ended, its blanks filled
    assert load_panel(ended, target="sales", id_col="store", fill="zero").values.shape[0] == 60


def test_the_words_agree_with_every_series_named_not_the_first_alone():
    """Stores 'a' and 'b' each with one blank row dated after both stores' last values were refused "the last row of
    series 'a' (...) and of 1 more series has a date ... give the data without that row ... remove that row": the
    words were the first series' alone (decision 1520); two rows are named, so "have", "those rows"."""
    days = pd.date_range("2020-01-01", periods=30, freq="D")
    sales = np.r_[np.arange(29.0), np.nan]
    both = pd.concat([pd.DataFrame({"date": days, "sales": sales, "store": s}) for s in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^the last row of series 'a' \(2020-01-30, row 29\) and of 1 more series "
                                           r"have a date but no value of 'sales', .*; give the data without those rows "
                                           r"\(.*\); if the last readings are missing rather than to come, remove those "
                                           r"rows, or fit with a fill"):
        load_panel(both, target="sales", id_col="store")
    with pytest.raises(RnncastError, match=r"^the last row of series 'a' \(2020-01-30, row 29\) has a date .*; give "
                                           r"the data without that row \(.*; if the last reading is missing rather than "
                                           r"to come, remove that row, or"):
        load_panel(both.iloc[:59].assign(sales=np.r_[sales, np.arange(29.0)]), target="sales", id_col="store")


def test_each_series_of_a_panel_is_named():
    long = pd.concat([_appended().assign(unique_id=i) for i in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^the last 3 rows of series 'a' \(2020-02-10 to 2020-02-12, rows 40-42\) "
                                           r"have no value of sales but have the past covariates promo"):
        load_panel(long, target="sales", past_covariates=["promo"], id_col="unique_id", fill="ffill")


def test_predict_refuses_them_as_fit_does_instead_of_forecasting_three_days_later():
    frame = _appended(rows=80)
    model = Forecaster(**{**TINY, "lookback": 8}, fill="ffill").fit(frame.iloc[:80], target="sales",
                                                                       past_covariates=["promo"])
    with pytest.raises(RnncastError, match=r"have the past covariates promo: rows appended to the history"):
        model.predict(frame)
    assert model.predict(frame.iloc[:80]).index[0] == pd.Timestamp("2020-03-21")  # the data's next day


def test_monthly_rows_are_named_as_the_file_writes_them(tmp_path):
    """A monthly file's '2020-01' was named 2020-01-01 in the refusal."""
    months = pd.period_range("2015-01", periods=63, freq="M").strftime("%Y-%m")
    sales = [str(float(v)) for v in range(60)] + [""] * 3
    path = tmp_path / "m.csv"
    pd.DataFrame({"month": months, "sales": sales, "promo": np.arange(63) % 2.0}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-01 to 2020-03, lines 62-64 of "):
        load_panel(path, target="sales", past_covariates=["promo"], fill="ffill")


def test_advice_round_trips_the_past_covariates_to_refit_with_are_written_as_the_flag_reads_them():
    """'fit with --future-covariates promo, %' read back as 'promo' and '%' (and as two shell words)."""
    from test_spelling import read_back
    with pytest.raises(RnncastError) as err:
        load_panel(_appended().rename(columns={"promo": "promo, %"}), target="sales", past_covariates=["promo, %"])
    assert read_back(str(err.value), "--future-covariates") == ["promo, %"]


@pytest.mark.parametrize("fill", [None, "ffill"])
def test_business_days_with_blank_weekends_ending_on_a_sunday_are_read_as_the_friday_file_is(fill, caplog):
    """Decision 1535: a daily export of closing prices, weekends blank, ending on a Sunday, was refused as "rows for
    the days to come? ... every forecast dated 2 days late ... from 2024-06-29" (a Saturday); the file ending on the
    Friday got the missing-value refusal (no fill) or was filled (ffill). Now both get the Friday file's answer."""
    days = pd.date_range("2024-01-01", "2024-06-30", freq="D")  # ends on a Sunday
    close = 100 + np.cumsum(np.random.default_rng(11).standard_normal(len(days)))
    close[days.day_of_week >= 5] = np.nan
    sunday, friday = pd.DataFrame({"date": days, "close": close}), pd.DataFrame({"date": days, "close": close})[:-2]
    for frame in (sunday, friday):
        if fill is None:
            with pytest.raises(RnncastError, match=r"^column 'close' has a missing value \(NaN\) at row 5 "):
                load_panel(frame, target="close")
        else:
            assert np.isfinite(load_panel(frame, target="close", fill=fill).values).all()
    close[-3] = np.nan  # a blank Friday too: no longer the weekends alone, the time to come as before
    with pytest.raises(RnncastError, match=r"rows for the days to come\?"):
        load_panel(pd.DataFrame({"date": days, "close": close}), target="close", fill=fill)


def test_predict_and_evaluate_say_the_refusal_by_what_they_do_not_trained_on(tmp_path):
    """Decision 1536: predict and evaluate said the dated blank rows would be "trained on and scored"; predict says
    its forecast would start from made-up values, evaluate that they are scored."""
    path = _plan(tmp_path)
    text = path.read_text(encoding="utf-8-sig").splitlines()
    history = tmp_path / "history.csv"
    history.write_text("\n".join(text[:37]) + "\n", encoding="utf-8")
    model = Forecaster(**{**TINY, "lookback": 6, "horizon": 3}, fill="ffill").fit(history)
    with pytest.raises(RnncastError, match=r"filled \(fill 'ffill'\), the forecast would start from 6 made-up values, "
                                           r"dated 6 months late; give the data without those rows"):
        model.predict(path)
    with pytest.raises(RnncastError, match=r"filled \(fill 'ffill'\), they would be made-up history \(6 invented "
                                           r"values scored\); give the data without those rows"):
        model.evaluate(path)


def test_a_late_feeds_blank_readings_are_refused_with_advice_for_both_readings(tmp_path):
    """t34t1 MED 2: the last hours' load blank (a late meter feed), the temperature there, were refused as "future rows"
    with only the advice to pass those past hours as the future; -9999 there was filled by the model's fill."""
    frame = _appended().rename(columns={"promo": "temp"})
    lead = (r"have the future covariates temp: future rows appended to the history are not read as history; if they "
            r"are the forecast's future, give the data without them, and those rows as the future \(predict --future "
            r"FILE, future= in Python\); if instead the target's readings are missing there \(a late feed\), give the "
            r"data without them: the forecast then starts after the last value \(2020-02-09\)")
    with pytest.raises(RnncastError, match=lead + "$"):
        load_panel(frame, target="sales", future_covariates=["temp"])
    with pytest.raises(RnncastError, match=lead + r", or write those cells as a missing-value code and give it "
                       r"\(missing_values=-9999, --missing-values -9999\) so that fill 'interpolate' fills them$"):
        load_panel(frame, target="sales", future_covariates=["temp"], fill="interpolate")
    coded = frame.assign(sales=frame["sales"].fillna(-9999))
    model = Forecaster(**{**TINY, "epochs": 1, "horizon": 2}, fill="interpolate", missing_values="-9999").fit(
        coded.iloc[:40], target="sales", future_covariates=["temp"])
    with pytest.raises(RnncastError, match=lead + r", or write those cells as the model's missing-value code -9999 so "
                       r"that its fill 'interpolate' fills them$"):
        model.predict(frame, future=frame.iloc[-2:].drop(columns="sales"))
