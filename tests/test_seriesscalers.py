"""Tests of rnncast.seriesscalers: each series' scaler from its own training rows, and one line per constant column."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, seriesscalers


def _uneven_panel(time: str, columns: int, seed: int = 0):
    """Seven series of uneven lengths (two of one length), back to back, times tz-aware or integers; series 3 has a
    constant column on its training rows and series 5 a huge one when ``columns`` > 1."""
    import pandas as pd

    from rnncast.panel import Panel

    rng = np.random.default_rng(seed)
    lengths = np.array([30, 7, 300, 45, 30, 129, 2])
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    values = rng.normal(size=(offsets[-1], columns)) * rng.choice([1e-9, 1.0, 1e6], size=(offsets[-1], 1)) + 1e3
    values[offsets[3] : offsets[3] + 20, -1] = 7.25
    if columns > 1:
        values[offsets[5] : offsets[6], 0] *= 1e300
    stamps = np.concatenate([np.arange(n) + 5 * s for s, n in enumerate(lengths)])
    index = (pd.Timestamp("2021-03-27", tz="Europe/Berlin") + pd.to_timedelta(stamps, unit="h") if time == "zoned"
             else pd.Index(stamps, dtype="int64"))
    return Panel(values, offsets, [f"s{s}" for s in range(len(lengths))], [f"c{j}" for j in range(columns)], 1,
                 n_past=columns - 1, time=pd.Index(index), id_col="id", layout="long")


@pytest.mark.parametrize("kind", ["standard", "minmax", "none"])
@pytest.mark.parametrize("time,columns", [("zoned", 1), ("integers", 1), ("zoned", 3), ("integers", 2)])
def test_scalers_fitted_together_are_those_fitted_series_by_series(kind, time, columns, caplog):
    """``fit_scalers`` takes the statistics of all series of one training length at once: each scaler is bit for bit
    ``fit_scaler``'s on that series' own training rows (uneven lengths, a train_end past a series' end, one row),
    with its warnings for a constant column, in order, and its refusal of a column too large to scale."""
    from rnncast.windows import Split

    panel = _uneven_panel(time, columns)
    ends = [20, 9, 211, 20, 20, 100, 1]  # series 1 has 7 rows: all of them
    splits = [Split(e, e, int(n)) for e, n in zip(ends, panel.lengths)]
    if columns > 1 and kind == "standard":  # the huge column's spread overflows: series 5 is refused, as alone
        with pytest.raises(RnncastError) as together:
            seriesscalers.fit_scalers(panel, splits, kind)
        with pytest.raises(RnncastError) as alone:
            [seriesscalers.fit_scaler(panel, s, sp.train_end, kind) for s, sp in enumerate(splits)]
        assert "too large to scale" in str(together.value) and str(together.value) == str(alone.value)
        panel.values[panel.offsets[5] : panel.offsets[6], 0] /= 1e300
    caplog.clear()
    got = seriesscalers.fit_scalers(panel, splits, kind)
    said = caplog.text
    caplog.clear()
    expected = [seriesscalers.fit_scaler(panel, s, sp.train_end, kind) for s, sp in enumerate(splits)]
    assert ("only shifted to 0" in said) == ("only shifted to 0" in caplog.text) == (kind != "none")  # once per column
    for a, b in zip(got, expected):
        assert a.kind == b.kind and a.offset.dtype == b.offset.dtype == np.float64
        assert a.offset.tobytes() == b.offset.tobytes() and a.scale.tobytes() == b.scale.tobytes()


def _stores(n_stores: int = 12, rows: int = 60) -> pd.DataFrame:
    """``n_stores`` daily series; ``size`` constant within each store (its own value), ``price`` constant in stores
    0 and 1 only."""
    rng = np.random.default_rng(0)
    parts = []
    for s in range(n_stores):
        price = np.full(rows, 2.0) if s < 2 else 2 + rng.random(rows)
        parts.append(pd.DataFrame({"unique_id": f"{s:03d}", "ds": pd.date_range("2024-01-01", periods=rows, freq="D"),
                                   "y": np.sin(np.arange(rows) / 3) + s + rng.normal(0, 0.1, rows),
                                   "size": 100.0 + s, "price": price}))
    return pd.concat(parts, ignore_index=True)


def test_a_column_constant_in_many_series_is_said_once_and_one_constant_in_every_series_points_to_static(caplog):
    """A store size given as a past covariate warned once per store (a thousand stores, a thousand lines) that it
    was "only centred", and nothing said that centred within each store it is 0 everywhere (decision 591)."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).fit(_stores(), past_covariates=["size", "price"])
    lines = [r.getMessage() for r in caplog.records if "constant on the training rows" in r.getMessage()]
    assert len(lines) == 2, lines
    size = next(line for line in lines if "'size'" in line)
    assert "every series (series '000' (always 100); series '001' (always 101); series '002' (always 102); and 9 more)" in size
    assert "as a past covariate it tells the network nothing" in size and "static_covariates=, --static-covariates" in size
    price = next(line for line in lines if "'price'" in line)
    assert "of 2 of 12 series (series '000' (always 2); series '001' (always 2)), so it is only shifted to 0" in price


def test_a_covariate_holding_one_value_in_every_series_is_said_to_carry_nothing_not_pointed_to_static(caplog):
    """A column holding the same value in every store (constant overall) was advised to be a static covariate, though
    it tells no store apart, and a wide table's was advised so though wide data refuses --static-covariates."""
    stores = _stores(4).assign(open=1.0)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).fit(stores, past_covariates=["size", "open"])
    lines = [r.getMessage() for r in caplog.records if "constant on the training rows" in r.getMessage()]
    opened = next(line for line in lines if "'open'" in line)
    assert "every series, the same value in each (series '000' (always 1);" in opened
    assert opened.endswith("it tells neither one time nor one series from another, so as a past covariate it "
                           "carries no information: drop it")
    assert "static" not in opened
    assert "static_covariates=, --static-covariates" in next(line for line in lines if "'size'" in line)
    wide = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=60, freq="D"), "x": 3.0,
                         **{name: np.random.default_rng(s).normal(size=60).cumsum() for s, name in enumerate("ab")}})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1}).fit(wide, series=["a", "b"], past_covariates=["x"])
    said = [r.getMessage() for r in caplog.records if "'x'" in r.getMessage()]
    assert len(said) == 1 and "carries no information: drop it" in said[0] and "static" not in said[0], said


def test_a_wide_tables_covariate_that_tells_its_series_apart_points_to_a_static_table(caplog):
    """Wide data refuses static covariates named as columns (--static-covariates): the advice names the table it takes."""
    from types import SimpleNamespace

    panel = SimpleNamespace(n_targets=1, n_past=1, n_series=2, layout="wide", named_columns=lambda s: ["ab"[s], "x"],
                            label=lambda s: f"series {'ab'[s]!r}")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        seriesscalers.say_flat(panel, {1: [(0, "is constant on the training rows (always 3)", 3.0, 3.0),
                                           (1, "is constant on the training rows (always 4)", 4.0, 4.0)]})
    assert caplog.records[-1].getMessage().endswith(
        "a static covariate (static_covariates=a DataFrame, --static FILE: wide data takes them as a table)")


@pytest.mark.parametrize("scaler", ["standard", "minmax", "none"])
def test_one_series_constant_covariate_is_said_to_carry_nothing_as_a_panels_is_whatever_the_scaler(scaler, caplog):
    """One series refused a constant covariate advising scaler='none' (a test R² of 0.93 fell to 0.50 following it,
    all scaling off for one useless column), while a panel warned "carries no information: drop it" and trained: now
    both warn so, under every scaler, and train with the column centred (scale 1) where a scaler scales."""
    t = np.arange(200.0)
    frame = pd.DataFrame({"y": np.sin(t / 5), "x": np.cos(t / 7), "const": 7.0})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1, "scaler": scaler}).fit(frame, target="y", past_covariates=["x", "const"])
    said = [r.getMessage() for r in caplog.records if "'const'" in r.getMessage()]
    assert said == ["column 'const' is constant on the training rows (always 7): it tells no time from another, so as "
                    "a past covariate it carries no information: drop it"], said
    assert "no scaler" not in said[0] and model.scalers_[0].scale[-1] == 1.0
    panel = pd.concat([frame.assign(unique_id=i, ds=np.arange(200)) for i in "ab"], ignore_index=True)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1, "scaler": scaler}).fit(panel, target="y", past_covariates=["x", "const"])
    said = [r.getMessage() for r in caplog.records if "'const'" in r.getMessage()]
    assert len(said) == 1 and said[0].endswith("so as a past covariate it carries no information: drop it"), said


def test_a_constant_target_of_one_series_is_still_refused():
    with pytest.raises(RnncastError, match=r"the target 'y' has nothing to forecast"):
        Forecaster(**TINY).fit(pd.DataFrame({"y": np.ones(200), "x": np.arange(200.0)}), target="y", past_covariates=["x"])


def test_a_value_of_a_covariate_the_model_learned_nothing_from_is_named_at_predict_and_evaluate(caplog):
    rng = np.random.default_rng(6)
    n = 120
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=n, freq="D"), "y": rng.normal(size=n).cumsum(),
                          "temp": rng.normal(size=n), "promo": 7.0})
    params = {**TINY, "epochs": 1, "lookback": 8, "horizon": 3}
    model = Forecaster(**params).fit(frame, target="y", future_covariates=["temp", "promo"])
    assert list(seriesscalers.unlearned(model.state_)) == [2]
    dates = pd.date_range(frame["date"].iloc[-1] + pd.Timedelta(days=1), periods=3, freq="D")
    future = pd.DataFrame({"date": dates, "temp": [0.1, 0.2, 0.3], "promo": 7.0})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        same = model.predict(frame, future=future)  # the training value: nothing said
        assert "learned nothing" not in caplog.text
        other = model.predict(frame, future=future.assign(promo=[7.0, 1.0, 1.0]))
    said = [r.getMessage() for r in caplog.records if "learned nothing" in r.getMessage()]
    assert len(said) == 1 and "'promo' was 7 on every training row" in said[0]
    assert "future values give 1 at 2023-05-02" in said[0] and "so that value changes no forecast" in said[0]
    pd.testing.assert_frame_equal(same, other)  # as said: its head weights stayed 0
    caplog.clear()
    changed = frame.assign(promo=[7.0] * (n - 2) + [3.0, 3.0])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**params).fit(frame, target="y", future_covariates=["temp", "promo"]).evaluate(changed)
    said = [r.getMessage() for r in caplog.records if "learned nothing" in r.getMessage()]
    assert len(said) == 1 and "rows read give 3 at 2023-04-29" in said[0] and "never trained" in said[0]


def test_no_scaler_says_only_the_covariates_of_one_value_in_every_series(caplog):
    """scaler='none' centres nothing: of the covariates constant on a series' training rows (recorded as every scaler
    records them), only one of the same value in every series is said (it carries nothing); one that only tells the
    series apart, or is constant in one series, is no centred column to warn of."""
    t = np.arange(120.0)
    frame = pd.concat([pd.DataFrame({"unique_id": i, "ds": t, "y": np.sin(t / (5 + k)), "same": 7.0,
                                     "level": float(k), "partly": 1.0 if i == "a" else np.cos(t / 3)})
                       for k, i in enumerate("ab")], ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1, "scaler": "none"}).fit(frame, target="y",
                                                                   past_covariates=["same", "level", "partly"])
    said = [r.getMessage() for r in caplog.records if "training rows" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith("column 'same' is constant on the training rows of every series, "
                                                 "the same value in each"), said
    assert said[0].endswith("carries no information: drop it")


@pytest.mark.parametrize("scaler", ["standard", "minmax"])
def test_the_unlearned_covariates_line_says_scaled_true_of_every_scaler(scaler, caplog):
    """t35t5 6: under scaler minmax the line said "(centred, it was 0 throughout)"; minmax subtracts the minimum,
    not the mean (decision 1785)."""
    rng = np.random.default_rng(6)
    n = 120
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=n, freq="D"), "y": rng.normal(size=n).cumsum(),
                          "promo": 0.0})
    model = Forecaster(**{**TINY, "epochs": 1, "lookback": 8, "horizon": 3, "scaler": scaler}).fit(
        frame, target="y", future_covariates=["promo"])
    dates = pd.date_range(frame["date"].iloc[-1] + pd.Timedelta(days=1), periods=3, freq="D")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame, future=pd.DataFrame({"date": dates, "promo": 1.0}))
    said = [r.getMessage() for r in caplog.records if "learned nothing" in r.getMessage()]
    assert len(said) == 1 and "so the model learned nothing from it (scaled, it was 0 throughout)" in said[0], said
    assert "centred" not in said[0]


def test_a_computed_calendar_column_constant_on_a_series_training_rows_is_not_called_a_column_to_drop(caplog):
    """Decision 2025: series 'b' runs June and July 2026, which hold no German national holiday; the column is
    computed from the timestamps (check_fit refuses one constant on every row; predict says where a forecast reads
    a value never trained on), not the data's to drop. The same values given as data are still said."""
    from rnncast.loading import load_panel
    from rnncast.windows import chronological_split

    a = pd.DataFrame({"ds": pd.date_range("2026-03-20", periods=60, freq="D"), "id": "a"})
    b = pd.DataFrame({"ds": pd.date_range("2026-06-01", periods=60, freq="D"), "id": "b"})
    frame = pd.concat([a, b], ignore_index=True).assign(y=np.sin(np.arange(120.0)))
    panel = load_panel(frame, target="y", time_col="ds", id_col="id", calendar_covariates="holiday:DE")
    splits = [chronological_split(60, 7, 3, 0.1, 0.2)] * 2
    caplog.clear()  # load_panel's INFO line names the column it adds, where an earlier test left INFO on
    with caplog.at_level(logging.WARNING):
        seriesscalers.fit_scalers(panel, splits, "standard")
    assert not any("holiday_DE" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    given = load_panel(frame.assign(holiday_DE_own=panel.values[:, -1]), target="y", time_col="ds", id_col="id",
                       future_covariates=["holiday_DE_own"])
    with caplog.at_level(logging.WARNING):
        seriesscalers.fit_scalers(given, splits, "standard")
    assert "'holiday_DE_own' is constant on the training rows of 1 of 2 series" in caplog.text

@pytest.mark.parametrize("refit", [False, True])
def test_a_backtest_names_a_covariate_its_models_learned_nothing_from_once_with_its_cutoffs(refit, caplog):
    """t38t5 5 (decision 2040): a COVID dummy 0 on every training row and 1 in the windows got fit's warning, not a
    backtest's; said once per column, the cutoffs listed, not once per window."""
    rng = np.random.default_rng(6)
    n = 120
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=n, freq="D"), "y": rng.normal(size=n).cumsum(),
                          "covid": [0.0] * (n - 10) + [1.0] * 10})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1, "lookback": 8, "horizon": 3}).backtest(
            frame, n_windows=3, refit=refit, target="y", future_covariates=["covid"])
    said = [r.getMessage() for r in caplog.records if "learned nothing" in r.getMessage()]
    assert len(said) == 1, said
    model = ("the model that forecast from the cutoff 2023-04-21" if refit else "the backtest's one model (trained on "
             "the rows up to the first cutoff, 2023-04-21)")
    assert said[0].startswith(f"column 'covid' was 0 on every training row of {model}, so it learned nothing from it")
    assert ("yet that window's rows give 1 at 2023-04-21" if refit else
            "yet the rows of the window from the cutoff 2023-04-21 give 1 at 2023-04-21") in said[0] and \
        "; so too at the cutoffs 2023-04-24 (1 at 2023-04-21) and 2023-04-27 (1 at 2023-04-21); fit on rows" in said[0]
    assert said[0].endswith("(a later cutoff) for the model to use it, or drop it" if refit else "(a later first "
                            "cutoff, or refit (--refit) for a model trained up to each cutoff) for the model to use it, "
                            "or drop it")


def test_a_one_model_backtest_names_the_cutoff_it_was_trained_to_not_a_later_window_s(caplog):
    """r38r2 L6 (decision 2065): without refit, a later window read "the model that forecast from the cutoff
    2023-04-24", though the one model was trained up to the first cutoff, and "(a later cutoff)" fit refit alone."""
    rng = np.random.default_rng(6)
    n = 120
    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=n, freq="D"), "y": rng.normal(size=n).cumsum(),
                          "covid": [0.0] * (n - 5) + [1.0] * 5})  # from 2023-04-26: the second window on
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**{**TINY, "epochs": 1, "lookback": 8, "horizon": 3}).backtest(
            frame, n_windows=3, target="y", future_covariates=["covid"])
    said = [r.getMessage() for r in caplog.records if "learned nothing" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(
        "column 'covid' was 0 on every training row of the backtest's one model (trained on the rows up to the first "
        "cutoff, 2023-04-21), so it learned nothing from it"), said
    assert "yet the rows of the window from the cutoff 2023-04-24 give 1 at 2023-04-26" in said[0]
    assert "the model that forecast" not in said[0] and "(a later cutoff)" not in said[0]
