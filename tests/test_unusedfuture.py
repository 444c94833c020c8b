"""What of a future table no forecast step reads (``unusedfuture.py``): the columns not read, named once per set,
and the rows outside the forecast steps named by date apart from those on the calendar's holidays, counted."""

from __future__ import annotations

import pandas as pd

from rnncast.unusedfuture import not_used, warn_unused


def test_columns_not_read_are_named_once_per_set(caplog):
    frame = pd.DataFrame({"ds": [1], "promo": [1.0], "junk": [2]})
    said: set = set()
    with caplog.at_level("WARNING", logger="rnncast.future"):
        not_used(frame, ["ds", "promo"], ["promo"], said)
        not_used(frame, ["ds", "promo"], ["promo"], said)
    assert [r.getMessage() for r in caplog.records if r.name == "rnncast.future"] == [
        "not used: junk — the future values are read for the future covariates promo only"]


def test_a_calendar_covariate_given_is_said_computed_and_ignored(caplog):
    """t38t1 9 (decision 2041): day_of_week_sin=5.0 in a future file was only "not used"."""
    frame = pd.DataFrame({"ds": [1], "weekend": [1.0], "day_of_week_sin": [5.0], "junk": [2]})
    with caplog.at_level("WARNING", logger="rnncast.future"):
        not_used(frame, ["ds", "weekend"], ["weekend"], None, ["day_of_week_sin", "day_of_week_cos"])
    assert [r.getMessage() for r in caplog.records if r.name == "rnncast.future"] == [
        "not used: day_of_week_sin, junk — the future values are read for the future covariates weekend only; "
        "day_of_week_sin is computed from the forecast dates (calendar_covariates), so the values given are ignored"]


def test_nothing_said_where_every_column_is_read(caplog):
    with caplog.at_level("WARNING", logger="rnncast.future"):
        not_used(pd.DataFrame({"ds": [1], "promo": [1.0]}), ["ds", "promo"], ["promo"], None)
    assert caplog.text == ""


def test_rows_outside_the_steps_are_named_by_date(caplog):
    stamps = pd.date_range("2020-01-01", periods=6, freq="MS")
    unused = pd.DataFrame({"_series": [0, 0]}, index=[4, 5])
    with caplog.at_level("WARNING", logger="rnncast.future"):
        warn_unused(unused, stamps, pd.Series(stamps.strftime("%Y-%m-%d")), [False] * 6, [stamps[:4]], 4, None, True)
    assert "2 rows outside the 4 forecast steps after each series' end (2020-05-01, 2020-06-01)" in caplog.text


def test_rows_on_the_calendars_holidays_are_counted_apart(caplog):
    stamps = pd.DatetimeIndex(["2020-12-23", "2020-12-24", "2020-12-25", "2020-12-28", "2021-01-04"])
    unused = pd.DataFrame({"_series": [0, 0]}, index=[2, 4])  # Christmas within the steps; 4 January after them
    with caplog.at_level("WARNING", logger="rnncast.future"):
        warn_unused(unused, stamps, pd.Series(stamps.strftime("%Y-%m-%d")), [False] * 5, [stamps[[0, 1, 3]]], 3,
                    "US", True)
    assert "1 row on US holidays (first: 2020-12-25)" in caplog.text
    assert "1 row outside the 3 forecast steps after each series' end (2021-01-04)" in caplog.text


def test_a_date_outside_the_steps_in_many_series_is_named_once_with_the_series_count(caplog):
    """A tester's finding (t31t6 #6): 18 series each given 2024-07-01 past the horizon were warned of as "(2024-07-01,
    2024-07-01, 2024-07-01, ...)" (decision 1495)."""
    stamps = pd.DatetimeIndex(["2024-06-30", "2024-07-01"] * 3 + ["2024-07-02"])
    unused = pd.DataFrame({"_series": [0, 1, 2, 2]}, index=[1, 3, 5, 6])
    with caplog.at_level("WARNING", logger="rnncast.future"):
        warn_unused(unused, stamps, pd.Series(stamps.strftime("%Y-%m-%d")), [False] * 7, [stamps[:1]] * 3, 1, None, True)
    assert "4 rows outside the 1 forecast steps after each series' end (2024-07-01, 2024-07-02, in 3 series)" in caplog.text


def test_rows_of_series_fit_left_out_are_named_apart_from_series_the_model_never_had(caplog):
    """A tester's finding (t31t6 #7): a future file's 'S99', no series of the data or the model (an id typo), was
    lumped with 'S03' and 'S04', which fit left out as too short (decision 1495)."""
    from rnncast.unusedfuture import not_forecast

    with caplog.at_level("WARNING", logger="rnncast.future"):
        not_forecast(["S03", "S03", "S04", "S99"], ["S03", "S04", "S08"])
        not_forecast(["S99"], [])
    said = [r.getMessage() for r in caplog.records]
    assert said == ["the future values hold 3 rows of series ['S03', 'S04'], which fit left out (and are not forecast), "
                    "and 1 row of series ['S99'], which the model was not fitted on (no such series); they are not used",
                    "the future values hold 1 row of series ['S99'], which the model was not fitted on (no such series); "
                    "they are not used"]


def test_ids_without_their_leading_zeros_are_said_to_be_the_models_ids_so_written(caplog):
    """t39t2 8 (decision 2111): a future file written from a frame whose ids became integers held '0' for the model's
    '00000'; the warning said only "which the model was not fitted on (no such series)"."""
    from rnncast.unusedfuture import not_forecast, unpadded

    with caplog.at_level("WARNING", logger="rnncast.future"):
        lost = not_forecast([0, 0, 1], [], ["00000", "00001"], ["item_id"])
    assert lost == ("'0' is '00000' without its leading zeros (ids read as numbers lose them): read the id column "
                    "'item_id' as text where the future values are made (pd.read_csv(..., dtype={'item_id': str}))")
    assert caplog.records[0].getMessage() == ("the future values hold 3 rows of series [0, 1], which the model was not "
                                              f"fitted on (no such series); they are not used; {lost}")
    keyed = ["item_id=00007, store_id=CA_1", "item_id=00007, store_id=TX_2"]
    assert unpadded(["item_id=7, store_id=TX_2"], keyed, ["item_id", "store_id"]).startswith(
        "'7' is '00007' without its leading zeros (ids read as numbers lose them): read the id column 'item_id' as text")
    assert unpadded(["S99", "7"], ["S01", "07"], []).endswith("read the id column as text where the future values are "
                                                              "made (pd.read_csv(..., dtype=str))")
    assert unpadded(["S99", "8"], ["S01", "07"], ["id"]) == ""  # no model id without its zeros: an id it never had
    assert not_forecast(["00001"], ["00001"], ["00001"], ["id"]) == ""  # a series fit left out: said apart


def test_rows_of_series_the_model_was_fitted_on_but_the_data_lacks_are_said_so(caplog):
    """t40-t5 2 (decision 2161): a closed store's rows left out of the data, kept in the chain's promo file, were said
    to be of a series "the model was not fitted on (no such series)", though the model held it."""
    from rnncast.unusedfuture import not_forecast

    with caplog.at_level("WARNING", logger="rnncast.future"):
        assert not_forecast(["C", "C", "S03", "S99"], ["S03"], ["A", "B"], ["store"], ["A", "B", "C", "S03"]) == ""
    assert caplog.records[0].getMessage() == (
        "the future values hold 1 row of series ['S03'], which fit left out (and are not forecast), and 2 rows of series "
        "['C'], which the model was fitted on but the data gives no rows of to forecast from (not forecast), and 1 row "
        "of series ['S99'], which the model was not fitted on (no such series); they are not used")


def test_rows_of_a_series_the_data_holds_but_no_calendar_dates_are_said_so(caplog):
    """r40-1 M2: a series predict left out as the model keeps no calendar for it was said to have "no rows in the
    data", right after the line that says the data has them (decision 2196)."""
    import numpy as np
    import pandas as pd

    from conftest import TINY
    from rnncast import Forecaster

    rng = np.random.default_rng(2)
    a_d = pd.date_range("2024-01-01", periods=80, freq="D")
    b_d = pd.DatetimeIndex(np.sort(rng.choice(pd.date_range("2024-01-01", periods=200, freq="D"), 80, replace=False)))
    frame = pd.concat([pd.DataFrame({"id": k, "date": d, "y": 10 + rng.normal(size=80), "promo": rng.integers(0, 2, 80)})
                       for k, d in (("A", a_d), ("B", b_d))])
    model = Forecaster(**{**TINY, "lookback": 7, "epochs": 1, "test_frac": 0, "val_frac": 0}).fit(
        frame, id_col="id", target="y", time_col="date", future_covariates=["promo"])
    future = pd.concat([pd.DataFrame({"id": k, "date": pd.date_range(d[-1] + pd.Timedelta("1D"), periods=3), "promo": 1})
                        for k, d in (("A", a_d), ("B", b_d))])
    with caplog.at_level("WARNING", logger="rnncast.future"):
        forecast = model.predict(frame, future=future)
    assert sorted(forecast["id"].unique()) == ["A"]
    assert [r.getMessage() for r in caplog.records if r.name == "rnncast.future"] == [
        "the future values hold 3 rows of series ['B'], which the model keeps no calendar for, so their forecasts "
        "cannot be dated (not forecast); they are not used"]


def test_rows_after_every_series_last_step_say_the_horizon_caps_the_forecast(caplog):
    """t41-t4 L3 (decision 2240): a 48 h weather forecast given to a 24 h model was said "not used" without why."""
    stamps = pd.date_range("2024-02-10", periods=4, freq="h").append(pd.date_range("2024-02-10", periods=4, freq="h"))
    unused = pd.DataFrame({"_series": [0, 0, 1, 1]}, index=[2, 3, 6, 7])
    with caplog.at_level("WARNING", logger="rnncast.future"):
        warn_unused(unused, stamps, pd.Series(stamps.astype(str)), [False] * 8, [stamps[:2], stamps[4:6]], 2, None, False)
    assert caplog.text.rstrip().endswith(
        "they are not used: each series' 2 rows after its last forecast step lie beyond the model's horizon (2 steps, "
        "fixed at fit), which caps the forecast; a longer forecast needs a model fit with a longer --horizon")
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast.future"):  # one series with extra rows: "the series'"
        warn_unused(unused.iloc[:2], stamps, pd.Series(stamps.astype(str)), [False] * 8, [stamps[:2], stamps[4:6]], 2,
                    None, False)
    assert "not used: the series' 2 rows after its last forecast step" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast.future"):  # a row before the steps: no such clause
        warn_unused(unused.iloc[:1].set_axis([0]), stamps, pd.Series(stamps.astype(str)), [False] * 8,
                    [stamps[1:3], stamps[4:6]], 2, None, False)
    assert caplog.text.rstrip().endswith("they are not used")
