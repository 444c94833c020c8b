"""A fitted model's roles as reading keywords (``fittedroles.py``): what its backtest reads data with
where no role is given, each given role overriding the fit's, and a difference said once."""

from __future__ import annotations

import pandas as pd
import pytest

import rnncast.fittedroles
from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from rnncast import loading
from rnncast.fittedroles import ROLES, merged, of_state


@pytest.fixture(scope="module")
def covariate_model() -> Forecaster:
    frame = make_frame(200).rename(columns={"y": "sales", "x": "temp"})
    return Forecaster(**TINY).fit(frame, target="sales", past_covariates=["temp"])


def test_the_roles_of_a_single_series_and_of_a_panel(covariate_model):
    roles = of_state(covariate_model.state_)
    assert set(roles) == set(ROLES)
    assert (roles["target"], roles["past_covariates"], roles["time_col"]) == (["sales"], ["temp"], "date")
    assert roles["future_covariates"] is None and roles["id_col"] is None
    panel = Forecaster(**TINY).fit(make_panel(2, seed=1))
    roles = of_state(panel.state_)
    assert roles["id_col"] == "unique_id" and roles["target"] == ["y"]


def test_a_role_given_overrides_the_fit_and_a_difference_is_said(caplog, covariate_model):
    state = covariate_model.state_
    with caplog.at_level("WARNING", logger="rnncast"):
        assert merged(state, {"target": "sales"})["past_covariates"] == ["temp"]  # as fitted: nothing to say
        assert "backtest reads" not in caplog.text
        read = merged(state, {"past_covariates": []})
    assert read["past_covariates"] == [] and read["target"] == ["sales"]
    assert ("backtest reads past_covariates none as given, where the model was fitted with past_covariates temp"
            in caplog.text)
    read = merged(state, {"features": ["temp"]})  # features stands for both covariate roles
    assert read["features"] == ["temp"] and read["past_covariates"] is None


def test_a_column_a_given_role_takes_leaves_the_fits_other_roles(caplog, covariate_model):
    """backtest(target='temp') on a model fitted with past covariate temp read temp twice and was refused as
    'a column is named twice'; the role given takes it from the fit's covariates, and the warning says so."""
    with caplog.at_level("WARNING", logger="rnncast"):
        read = merged(covariate_model.state_, {"target": "temp"})
    assert read["target"] == "temp" and read["past_covariates"] is None
    assert ("backtest reads target temp as given, past_covariates none (a role given takes the rest), where the model "
            "was fitted with target sales, past_covariates temp" in caplog.text)


def test_a_fitted_models_backtest_reads_the_fit_roles_and_an_unfitted_one_asks(caplog, monkeypatch, covariate_model):
    frame = make_frame(200).rename(columns={"y": "sales", "x": "temp"})
    read = []

    def load_panel(data, **keywords):
        read.append(keywords)
        return loading.load_panel(data, **keywords)

    monkeypatch.setattr(rnncast.fittedroles, "load_panel", load_panel)
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        result = covariate_model.backtest(frame, n_windows=2)
    assert "not used" not in caplog.text and "backtest reads" not in caplog.text and len(result.forecasts)
    assert (read[0]["target"], read[0]["past_covariates"]) == (["sales"], ["temp"])  # the model that m is
    with pytest.raises(RnncastError, match="none is named the target"):
        Forecaster(**TINY).backtest(frame, n_windows=2)


def test_features_given_is_compared_with_the_covariate_roles_the_fit_used(caplog, covariate_model):
    """backtest(features=[]) on a model fitted with past covariate temp said it "was fitted with features temp",
    a role the fit never used: it names the fit's own roles and says what features= stands for."""
    with caplog.at_level("WARNING", logger="rnncast"):
        read = merged(covariate_model.state_, {"features": []})
    assert read["features"] == [] and read["past_covariates"] is None
    assert ("backtest reads features none as given, where the model was fitted with past_covariates temp (features= "
            "takes the place of both covariate roles: to keep one, give it by its role, past_covariates= or "
            "future_covariates=); the other roles are the fit's" in caplog.text)
    assert "fitted with features" not in caplog.text


def test_a_one_series_model_s_backtest_refuses_a_table_of_several_unless_a_role_asks_for_a_panel(covariate_model):
    """A unique_id column made the backtest of a model fitted on one series a panel backtest, silently: it tested a
    model other than the one fitted. id_col= given asks for that panel and is read so."""
    frame = make_frame(200).rename(columns={"y": "sales", "x": "temp"})
    both = pd.concat([frame.assign(unique_id="a"), frame.assign(unique_id="b")])
    with pytest.raises(RnncastError, match=r"fitted on one series; the data holds 2 \(a, b\) in column 'unique_id'"):
        covariate_model.backtest(both, n_windows=2)
    assert len(covariate_model.backtest(frame.assign(unique_id="a"), n_windows=2).forecasts)  # one series's rows
    assert set(covariate_model.backtest(both, n_windows=2, id_col="unique_id").forecasts.unique_id) == {"a", "b"}


def test_a_model_fitted_on_a_static_table_backtests_with_the_values_it_holds(caplog, tmp_path):
    """A tester's finding: m.backtest(d) of a model fitted with static_covariates=<DataFrame> warned "... so the
    backtest trains without them" and tested another model; it now reads the values the model holds, fitted or
    loaded (its ids then text), as a backtest given the table again does."""
    from rnncast.fittedroles import held_static

    frame = make_panel(3, lengths=(80, 90), seed=3)
    frame["unique_id"] = frame["unique_id"].map(dict(zip(sorted(frame["unique_id"].unique()), [101, 205, 7])))
    static = pd.DataFrame({"unique_id": [101, 205, 7], "size": [1.5, 500.0, 2.0], "region": ["n", "s", "n"],
                           "code": [3, 4, 3]})
    model = Forecaster(**{**TINY, "lookback": 8}).fit(frame, static_covariates=static, static_categorical=["code"])
    held = held_static(model.state_).set_index("unique_id").loc[[101, 205, 7]]
    assert held["size"].tolist() == pytest.approx([1.5, 500.0, 2.0], abs=1e-6 * 500)  # float32 z-scores taken back
    assert held["region"].tolist() == ["n", "s", "n"] and held["code"].tolist() == ["3", "4", "3"]
    given = model.backtest(frame, n_windows=2, static_covariates=static).metrics["overall"]["model"]["mse"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        held_mse = model.backtest(frame, n_windows=2).metrics["overall"]["model"]["mse"]
    warned = " ".join(r.getMessage() for r in caplog.records if r.levelname == "WARNING")
    assert "trains without" not in warned and "static" not in warned
    assert held_mse == pytest.approx(given, rel=1e-6)
    model.save(tmp_path / "model")
    loaded = Forecaster.load(tmp_path / "model").backtest(frame, n_windows=2).metrics["overall"]["model"]["mse"]
    assert loaded == pytest.approx(given, rel=1e-6)
    without = Forecaster(**{**TINY, "lookback": 8}).backtest(frame, n_windows=2).metrics["overall"]["model"]["mse"]
    assert held_mse != without  # the static covariates made a difference the test can see


def test_a_static_table_given_to_the_backtest_is_used_and_the_held_values_are_not_said(caplog):
    """A tester's finding: a backtest given static covariates of its own said "reads the model's static covariates
    ... from the values the model holds" while it used the table given; the line is said only where the held
    values are read, and a table given to a table-fitted model is no role that differs from the fit's."""
    frame = make_panel(3, lengths=(80, 90), seed=3)
    ids = sorted(frame["unique_id"].unique())
    static = pd.DataFrame({"unique_id": ids, "size": [1.5, 500.0, 2.0]})
    other = static.assign(size=[900.0, 3.0, 40.0])
    model = Forecaster(**{**TINY, "lookback": 8}).fit(frame, static_covariates=static)
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        given = model.backtest(frame, n_windows=2, static_covariates=other).metrics["overall"]["model"]["mse"]
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "values the model holds" not in said and "where the model was fitted with" not in said
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        held = model.backtest(frame, n_windows=2).metrics["overall"]["model"]["mse"]
    assert "from the values the model holds" in caplog.text
    assert given != held  # the other table was used


def test_time_col_false_given_to_the_backtest_of_a_dated_model_is_said_not_a_type_error(caplog, covariate_model):
    """backtest(time_col=False) of a model fitted on dates stopped with TypeError ('bool' object is not iterable) where
    the roles were compared; it is a role given like any (decision 708)."""
    import logging

    with caplog.at_level(logging.WARNING, logger="rnncast"):
        roles = merged(covariate_model.state_, {"time_col": False})
    assert roles["time_col"] is False
    assert "backtest reads time_col False as given, where the model was fitted with time_col date" in caplog.text


def test_an_arrow_or_polars_static_table_is_compared_as_a_table_not_listed(caplog):
    """t41-t5 M3: a backtest given the fit's own Polars (or pyarrow) static table warned that it differed, printing
    its columns' reprs as names (decision 2232)."""
    import pyarrow as pa

    frame = make_panel(2, lengths=(60, 60), seed=3)
    static = pd.DataFrame({"unique_id": sorted(frame["unique_id"].unique()), "size": [1.5, 3.0], "region": ["n", "s"]})
    tables = [pa.Table.from_pandas(static, preserve_index=False)]
    try:
        import polars as pl
        tables.append(pl.from_pandas(static))
    except ImportError:  # polars is a test dependency, optional for rnncast
        pass
    for table in tables:
        model = Forecaster(**{**TINY, "lookback": 8}).fit(frame, static_covariates=table)
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            got = model.backtest(frame, n_windows=1, static_covariates=table).forecasts["y_hat"]
        assert "where the model was fitted with" not in caplog.text and "Series" not in caplog.text, type(table)
        assert got.tolist() == model.backtest(frame, n_windows=1, static_covariates=static).forecasts["y_hat"].tolist()
    assert rnncast.fittedroles._held(["region"], tables[0]) == ["region"]
