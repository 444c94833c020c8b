"""A series whose scaled values no longer tell its latest values apart (``resolution.py``): refused by name."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError


def _monthly(n: int = 120) -> pd.DataFrame:
    t = np.arange(n)
    sales = 100 + 10 * np.sin(2 * np.pi * t / 12) + 0.5 * t + np.random.default_rng(0).normal(0, 1, n)
    return pd.DataFrame({"date": pd.date_range("2010-01-01", periods=n, freq="MS"), "sales": sales.round(2)})


@pytest.mark.parametrize("value, shown", [(1e12, "1000000000000"), (999999999.0, "999999999")])
def test_one_sentinel_among_the_training_rows_is_refused_by_its_value_and_time(value, shown):
    """A tester's monthly sales near 150 were forecast as -200 with "it forecasts the window's last value" beside
    them: one 1e12 in the training rows, and float32 no longer told the last rows apart once scaled by its spread."""
    frame = _monthly()
    frame.loc[40, "sales"] = value
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "lookback": 24, "horizon": 6}).fit(frame, target="sales")
    said = str(err.value)
    assert said.startswith(f"column 'sales' holds {shown} at 2013-05-01, among training values near ")
    assert "its last 30 training rows are told apart only to within " in said and "correct or remove that value" in said


def test_a_series_spanning_orders_of_magnitude_keeps_its_end_resolved_and_trains():
    """Exponential growth over 12 orders of magnitude: its early values blur once scaled, its latest do not."""
    t = np.arange(300)
    frame = pd.DataFrame({"y": 1.1 ** t * (1 + 0.01 * np.random.default_rng(1).normal(size=300))})
    Forecaster(**{**TINY, "lookback": 12, "horizon": 3}).fit(frame, target="y")


def test_a_panel_names_the_series_and_a_covariate_is_weighed_too():
    frame = pd.concat([_monthly().assign(store=s, price=1.0 + 0.01 * np.arange(120)) for s in ("a", "b")],
                      ignore_index=True)
    frame.loc[120 + 30, "price"] = 5e9  # store b's price column
    with pytest.raises(RnncastError, match=r"^column 'price' of series 'b' holds 5000000000 at 2012-07-01"):
        Forecaster(**{**TINY, "lookback": 12, "horizon": 3}).fit(frame, target="sales", id_col="store",
                                                                 past_covariates=["price"])


def test_a_series_that_changed_level_is_named_by_its_change_not_its_current_value_as_a_sentinel():
    """A tester's price in cents, 5,000,000 for 150 days, then 50 (a change of unit): the refusal named the current 50
    as the value to remove, and said 0.123 was "more than their steps (median 0.5)"."""
    rng = np.random.default_rng(0)
    y = np.r_[np.full(150, 5_000_000.0), np.full(150, 50.0)] + np.cumsum(rng.normal(0, 0.5, 300)).round(0)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=300, freq="D"), "y": y})
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "lookback": 14, "horizon": 7}).fit(frame, target="y")
    said = str(err.value)
    assert said.startswith("column 'y' moves from values near 5e+06 to values near ")
    assert "(from 2020-05-30 on)" in said and said.endswith("fit the rows from that change on, or give both stretches "
                                                            "in one unit")
    assert "more than a twentieth of their median step (0.5), the most rnncast accepts" in said
    assert "remove that value" not in said


@pytest.mark.parametrize("row, part", [(100, " (a test row: its errors would drive every score)"),
                                       (90, " (a validation row)"), (40, "")])
@pytest.mark.parametrize("value, shown", [(1e20, "1e+20"), (1e40, "1e+40"), (1e300, "1e+300")])
def test_a_huge_value_is_named_wherever_it_sits_and_however_large(row, part, value, shown):
    """Decision 853: 1e40 or 1e300 in the test rows overflowed float32 into nan scores and a verdict on nan (numpy's
    warnings leaked), and 1e20 there drove every score unnamed; 1e300 in the training rows was told to divide the
    column by a power of ten. Each is named, with its time, as a training row's 1e20 was."""
    frame = _monthly()
    frame.loc[row, "sales"] = value
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warning on the way
        with pytest.raises(RnncastError) as err:
            Forecaster(**{**TINY, "lookback": 24, "horizon": 6}).fit(frame, target="sales")
    said = str(err.value)
    when = frame["date"][row].strftime("%Y-%m-%d")
    assert said.startswith(f"column 'sales' holds {shown} at {when}{part}, among ") and "correct or remove that value" in said


def test_a_huge_covariate_value_is_named_and_a_column_large_throughout_is_told_to_be_rescaled():
    frame = _monthly().assign(temp=lambda f: 10 + np.arange(120) % 7 * 1.5)
    frame.loc[110, "temp"] = 1e40
    with pytest.raises(RnncastError, match=r"^column 'temp' holds 1e\+40 at 2019-03-01 \(a test row"):
        Forecaster(**{**TINY, "lookback": 24, "horizon": 6}).fit(frame, target="sales", past_covariates=["temp"])
    frame = _monthly().assign(sales=lambda f: f["sales"] * 1e300)
    with pytest.raises(RnncastError, match="too large to scale.*divide the column by a power of ten"):
        Forecaster(**{**TINY, "lookback": 24, "horizon": 6}).fit(frame, target="sales")


@pytest.fixture(scope="module")
def monthly_model():
    return Forecaster(**{**TINY, "lookback": 24, "horizon": 6}).fit(_monthly(), target="sales")


@pytest.mark.parametrize("call, said", [("evaluate", "a row the model scores"), ("predict", "a row predict reads")])
def test_evaluate_and_predict_name_a_huge_value_in_the_rows_they_read(monthly_model, call, said):
    """Decision 853: 1e40 in the rows scored gave nan scores; among predict's last lookback rows it forecast inf, exit
    0, with numpy's overflow warning."""
    frame = _monthly()
    frame.loc[110, "sales"] = 1e40
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RnncastError, match=rf"^column 'sales' holds 1e\+40 at 2019-03-01 \({said}"):
            getattr(monthly_model, call)(frame)


def test_predict_passes_over_a_huge_value_before_the_rows_it_reads(monthly_model):
    model, frame = monthly_model, _monthly()
    frame.loc[50, "sales"] = 1e40  # not among the 24 rows predict reads
    assert np.isfinite(model.predict(frame)["sales"]).all()


@pytest.mark.parametrize("value, shown, said", [(1e40, "1e+40", "it overflows float32"),
                                                (1e20, "1e+20", "in float32, beside which the network's sums"),
                                                (-1e20, "-1e+20", "the most rnncast accepts")])
def test_predict_names_a_huge_future_covariate_value_by_the_fitted_spread(value, shown, said):
    """A tester's 1e40 temperature among the future values forecast inf, -inf with numpy's overflow warning, exit 0;
    1e20 forecast 1.7e18: named as a data row's is, against the spread the model was fitted on."""
    frame = _monthly()
    frame["temp"] = (10 + 5 * np.sin(np.arange(len(frame)) / 3)).round(2)
    model = Forecaster(**{**TINY, "lookback": 24, "horizon": 6, "future_known": True}).fit(
        frame, target="sales", features=["temp"])
    future = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=6, freq="MS"), "temp": [9.0, 11, value, 12, 8, 10]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(RnncastError) as err:
            model.predict(frame, future=future)
    text = str(err.value)
    assert text.startswith(f"column 'temp' of the future values holds {shown} at 2020-03-01 (forecast step 3 of 6), ")
    assert said in text and "scaled by the spread the model was fitted on" in text
    future.loc[2, "temp"] = 40.0  # far outside, yet told apart: read as given
    assert np.isfinite(model.predict(frame, future=future)["sales"]).all()


def test_a_panel_s_huge_future_value_names_its_series():
    frame = pd.concat([_monthly().assign(store=s, temp=(10 + 5 * np.sin(np.arange(120) / 3)).round(2)) for s in "ab"])
    model = Forecaster(**{**TINY, "lookback": 24, "horizon": 3, "future_known": True, "scaler": "none"}).fit(
        frame, target="sales", features=["temp"], id_col="store")
    future = pd.DataFrame({"store": list("aaabbb"), "date": list(pd.date_range("2020-01-01", periods=3, freq="MS")) * 2,
                           "temp": [9.0, 11, 12, 8, 1e20, 10]})
    with pytest.raises(RnncastError, match=r"^column 'temp' of the future values of series 'b' holds 1e\+20 at "
                                           r"2020-02-01 \(forecast step 2 of 3\), .*: read unscaled \(scaler 'none'\)"):
        model.predict(frame, future=future)


def test_fit_names_a_huge_test_value_that_evaluate_of_the_same_rows_would_refuse():
    """A builder's case (decision 906): a series near 1e6 whose last 60 rows move by 0.01, with 1e12 in a test row.
    Fit weighed only the training rows' end (steps near 1e5, which float32 keeps apart beside 1e12) and trained; the
    run's report then evaluated the same rows, weighed at the series' end, and refused: the trained run was lost.
    Fit now weighs both ends, and names the value before training."""
    rng = np.random.default_rng(0)
    y = 1e6 + np.cumsum(rng.normal(0, 1e5, 400))
    y[-60:] = y[-61] + rng.normal(0, 0.01, 60)
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=400, freq="D"), "y": y})
    Forecaster(**{**TINY, "lookback": 20, "horizon": 3}).fit(frame, target="y")  # without it: trains
    frame.loc[390, "y"] = 1e12
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "lookback": 20, "horizon": 3}).fit(frame, target="y")
    said = str(err.value)
    assert said.startswith("column 'y' holds 1000000000000 at 2021-01-25 (a test row: its errors would drive every "
                           "score), among ") and "its last 23 rows are told apart" in said  # the series' end, not training's



def test_fit_weighs_every_series_training_end_before_any_series_end():
    """Fit weighs each series' statistics once for both ends (decision 949); the order of its refusals is kept:
    every series at its training rows' end first, then at its series' end. Series 'a' holds decision 906's test-row
    1e12 (named only at the series' end), series 'b' a training row's 1e12: b's is named."""
    rng = np.random.default_rng(0)
    a = 1e6 + np.cumsum(rng.normal(0, 1e5, 400))
    a[-60:] = a[-61] + rng.normal(0, 0.01, 60)
    a[390] = 1e12
    b = 100 + rng.normal(0, 1, 400)
    b[100] = 1e12
    dates = pd.date_range("2020-01-01", periods=400, freq="D")
    frame = pd.concat([pd.DataFrame({"id": name, "date": dates, "y": y}) for name, y in (("a", a), ("b", b))])
    with pytest.raises(RnncastError, match=r"^column 'y' of series 'b' holds 1000000000000 at 2020-04-10, among "):
        Forecaster(**{**TINY, "lookback": 20, "horizon": 3}).fit(frame, target="y", id_col="id")
    frame = frame[frame["id"] == "a"]  # alone, a's is named at its end
    with pytest.raises(RnncastError, match=r"^column 'y' of series 'a' holds 1000000000000 at 2021-01-25 \(a test row"):
        Forecaster(**{**TINY, "lookback": 20, "horizon": 3}).fit(frame, target="y", id_col="id")

def test_real_growth_at_the_end_is_not_taken_for_one_wrong_value():
    """A tester's visits near 1000 a day rising geometrically to 1e9 over the test rows were refused as 'holds
    1000000000 ... correct or remove that value'; blanking it refused the day before, and so on for 20 rounds. A value
    among neighbours nearly as far is a run, not a typo: fit and evaluate take it; one such value alone is named."""
    rng = np.random.default_rng(1)
    visits = 1000 + rng.normal(0, 20, 400)
    visits[-20:] = np.geomspace(1e7, 1e9, 20)
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=400, freq="D"), "visits": visits})
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 3}).fit(frame, target="visits")
    assert np.isfinite(model.evaluate(frame)["original"]["model"]["mse"])
    frame["visits"] = np.where(np.arange(400) == 390, 1e9, 1000 + rng.normal(0, 20, 400))  # the same value, alone
    with pytest.raises(RnncastError, match=r"^column 'visits' holds 1000000000 at 2024-01-26 \(a test row"):
        Forecaster(**{**TINY, "lookback": 14, "horizon": 3}).fit(frame, target="visits")


@pytest.mark.parametrize("lookback", [1, 4])
def test_a_future_column_with_no_step_in_the_rows_read_is_weighed_by_its_fitted_spread(lookback):
    """Where the rows predict reads give a future column no step (all missing; one row: lookback 1), its fitted spread
    stands in (each column's median of its finite values, ``_median``): 1e20 is refused against it, 40 is read,
    without a numpy warning."""
    from types import SimpleNamespace

    from rnncast import resolution

    rows = np.column_stack([np.arange(8.0), np.full(8, np.nan)])  # [N, C]: the target, then the covariate, missing
    panel = SimpleNamespace(values=rows, offsets=np.array([0, 8]), id_col=None,
                            calendar=SimpleNamespace(text_format=None))  # the data read's: its dates' spelling (decision 1897)
    data = SimpleNamespace(lookback=lookback, missing_values=None, scaler="standard")
    state = SimpleNamespace(settings=SimpleNamespace(data=data), calendar=SimpleNamespace(text_format=None))
    when = [list(pd.date_range("2020-01-01", periods=2, freq="MS"))]
    offset, scale = np.array([[10.0]]), np.array([[5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolution.future(np.array([[[12.0], [40.0]]]), ["temp"], panel, when, offset, scale, state)
        with pytest.raises(RnncastError, match=r"^column 'temp' of the future values holds 1e\+20 at 2020-02-01 \("
                                               r"forecast step 2 of 2\), among values near 0 .*the column's median "
                                               r"step \(5\)"):
            resolution.future(np.array([[[12.0], [1e20]]]), ["temp"], panel, when, offset, scale, state)


def _daily(n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    y = 100 + 10 * np.sin(np.arange(n) * 2 * np.pi / 7) + rng.normal(0, 2, n)
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="D"), "y": y})


@pytest.mark.parametrize("row, when, part", [(380, "2025-01-15", "a test row: its errors would drive every score"),
                                             (300, "2024-10-27", "a validation row")])
def test_fit_names_a_huge_value_anywhere_in_its_validation_and_test_rows(row, when, part):
    """A tester's daily series near 100 with 1e9 twenty rows before its end (decision 1300): fit weighed only the
    training rows' end and the series' end, neither of which held it, and scored it (model MSE 2.5e16, a hint drawn
    from that cell), while backtest refused it. Fit now weighs its validation and test rows a tail at a time."""
    frame = _daily()
    frame.loc[row, "y"] = 1e9
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "lookback": 14}).fit(frame, target="y")
    said = str(err.value)
    assert said.startswith(f"column 'y' holds 1000000000 at {when} ({part}), among values near ")
    assert "the 17 rows around it are told apart" in said


def test_fit_names_one_series_huge_test_value_in_a_panel():
    frame = _daily()
    b = frame.assign(y=frame["y"] + 30)
    b.loc[385, "y"] = 1e9
    panel = pd.concat([frame.assign(id="a"), b.assign(id="b")])
    with pytest.raises(RnncastError, match=r"^column 'y' of series 'b' holds 1000000000 at 2025-01-20 \(a test row"):
        Forecaster(**{**TINY, "lookback": 14}).fit(panel, target="y", id_col="id")


@pytest.mark.parametrize("change", ["level", "growth"])
def test_fit_passes_over_a_change_of_level_or_growth_in_its_test_rows(change):
    """A real change (the last 20 rows ten million times higher, or rising geometrically to 1e9) is not one wrong
    value: the rows before it blur in float32, but fit does not refuse them by a value of theirs."""
    frame = _daily()
    frame.loc[380:, "y"] = frame["y"][380:] * 1e7 if change == "level" else np.geomspace(1e3, 1e9, 20)
    Forecaster(**{**TINY, "lookback": 14, "epochs": 1}).fit(frame, target="y")


def test_the_median_step_is_np_medians_of_the_finite_values_per_column_at_every_cut_and_0_without_one():
    """``_named``'s cut and ``_scored_rows``' chunks take their median steps through one ``_median`` over [K, N, C]
    (the chunks' was nanmedian under silenced warnings): np.median of each column's finite values, 0 where none."""
    from rnncast.resolution import _median

    rows = np.array([[1.0, np.nan], [4.0, np.inf], [2.0, np.nan], [np.nan, np.nan]])
    assert _median(rows).tolist() == [2.0, 0.0]
    chunks = np.stack([rows, rows[::-1] * 2, rows[:, ::-1]])
    assert _median(chunks).tolist() == [[2.0, 0.0], [4.0, 0.0], [0.0, 2.0]]
    assert _median(np.stack([rows[:2], rows[2:]])).tolist() == [[2.5, 0.0], [2.0, 0.0]]
    assert _median(np.zeros((3, 0, 2))).tolist() == [[0.0, 0.0]] * 3  # a tail of one row: no step


@pytest.fixture(scope="module")
def daily_model():
    return Forecaster(**{**TINY, "lookback": 14, "epochs": 1}).fit(_daily(), target="y")


@pytest.mark.parametrize("run", [2, 3, 5])
def test_a_burst_of_huge_values_that_comes_back_is_named_by_fit_evaluate_and_backtest(run, daily_model):
    """A tester's 2-5 test rows of 1e9 in a row among values near 100 (decision 1300 named one alone): fit, evaluate
    and backtest scored them, exit 0, the scores swamped: ``_in_run`` took the burst for growth, and evaluate and
    backtest weighed the series' end alone. A burst that comes back to the old level is neither growth nor a change
    of level: each names it, with its first and last dates."""
    frame = _daily()
    frame.loc[380 : 380 + run - 1, "y"] = 1e9
    last = frame["date"][380 + run - 1].strftime("%Y-%m-%d")
    burst = rf"holds 1000000000 at 2025-01-15 \({{}}\), one of {run} such values in a row from 2025-01-15 to {last}, "
    with pytest.raises(RnncastError, match=burst.format("a test row: its errors would drive every score")) as err:
        Forecaster(**{**TINY, "lookback": 14}).fit(frame, target="y")
    assert "correct or remove those values" in str(err.value)
    with pytest.raises(RnncastError, match=burst.format("a row the model scores: its errors would drive every score it enters")):
        daily_model.evaluate(frame)
    with pytest.raises(RnncastError, match=burst.format("a row of the data given: its errors would drive every score it enters")):
        Forecaster(**{**TINY, "lookback": 14}).backtest(frame, n_windows=3, target="y")


def test_evaluate_and_backtest_weigh_the_rows_their_windows_read_not_a_training_row_fit_warned_of(daily_model):
    """One 1e9 among the training rows is warned of at fit and trained on (decision 1300): evaluate of the test
    windows, which never read it, and a backtest whose first window starts after it score as before; the same value
    among the rows they read is named."""
    frame = _daily()
    frame.loc[100, "y"] = 1e9
    assert np.isfinite(daily_model.evaluate(frame)["original"]["model"]["mse"])
    Forecaster(**{**TINY, "lookback": 14, "epochs": 1}).backtest(frame, n_windows=3, target="y")
    with pytest.raises(RnncastError, match=r"holds 1000000000 at 2024-04-10 \(a row the model scores"):
        daily_model.evaluate(frame, part="all")


@pytest.mark.parametrize("after, back", [([100.0, 101, 99], (8, 9)), ([np.nan, 99.0, 101], (8, 9)),
                                         ([4e8, 99.0, 101], None), ([3e8, 3e8, 3e8], None), ([9e8], None)])
def test_a_burst_comes_back_to_the_level_before_it(after, back):
    """``_burst``: the stretch at least half as far as the furthest value, with finite rows on both sides back within
    a tenth of its distance (a blank passed over); one that steps to another level or reaches the end is not one."""
    from rnncast.resolution import _burst, _far

    column = np.array([100.0, 98, 102, 99, 101, 100, 97, 103, 1e9, 9e8, *after])
    assert _burst(column, _far(column, None, 4)) == back


@pytest.mark.parametrize("call", ["evaluate", "predict"])
def test_a_fitted_models_refusal_offers_no_fill_its_command_cannot_take(monthly_model, call):
    """A tester: evaluate's refusal of a 1e9 ended "leave the cell blank and give fill=, --fill", and evaluate --fill
    was then refused: fill is fixed at fit. A fitted model's refusal says the model fills the blank as it was fitted
    to; fit's and backtest's still offer --fill."""
    frame = _monthly()
    frame.loc[110, "sales"] = 1e40
    with pytest.raises(RnncastError) as err:
        getattr(monthly_model, call)(frame)
    assert "give fill=" not in str(err.value) and "refit with --fill" in str(err.value)
