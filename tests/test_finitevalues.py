"""An infinite value in any input the network reads (``finitevalues.py``), refused in one wording: the static
covariates' per series, at fit and predict, from the data's columns or a table of their own (before, fit diverged
and predict read inf as the fitted range's end), and a finite value beyond float32 once z-scored."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.finitevalues import infinite, per_series

ONE = {**TINY, "epochs": 1}


def _panel():
    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    return frame, ids, pd.DataFrame({"unique_id": ids, "elev": [10.0, 300.0, 800.0]})


def test_one_wording_for_an_infinite_value_in_the_rows_and_in_the_static_covariates():
    assert infinite("column 'y'", np.inf, "at row 3") == ("column 'y' holds an infinite value (inf) at row 3; only "
                                                          "finite numbers are accepted")
    with pytest.raises(RnncastError, match=r"^static covariate 'elev' holds an infinite value \(-inf\) for series 'b' "
                                           r"\(2 of 3 series\); only finite numbers are accepted: give its finite value"):
        per_series(pd.Series([1.0, -np.inf, np.inf]), "elev", ["a", "b", "c"])
    for column in (pd.Series(["inf", "1"]), pd.Series([True, False]), pd.Series([1, 2]), pd.Series(["x", "y"], dtype="category")):
        per_series(column, "kind", ["a", "b"])  # text, booleans, categories: no number read


@pytest.mark.parametrize("value", [np.inf, -np.inf])
def test_an_infinite_static_covariate_is_refused_at_fit_by_name_from_a_table_or_the_datas_columns(value):
    frame, ids, table = _panel()
    table.loc[1, "elev"] = value
    said = rf"^static covariate 'elev' holds an infinite value \({value}\) for series '{ids[1]}' \(1 of 3 series\); " \
           r"only finite numbers are accepted"
    with pytest.raises(RnncastError, match=said):  # was: "training diverged in epoch 1 ... try a lower learning rate"
        Forecaster(**ONE).fit(frame, static_covariates=table)
    with pytest.raises(RnncastError, match=said):
        Forecaster(**ONE).fit(frame.merge(table, on="unique_id"), static_covariates=["elev"])


def test_an_infinite_static_covariate_asked_read_as_categories_is_refused_by_name():
    """Was: read as a category 'inf' (vocab ['1.0', '2.0', 'inf']); an inf is no label (codedblanks._labels)."""
    frame, ids, table = _panel()
    with pytest.raises(RnncastError, match=rf"static covariate 'elev' holds 'inf' for series '{ids[1]}', which is no value"):
        Forecaster(**ONE).fit(frame, static_covariates=table.assign(elev=[1.0, np.inf, 2.0]), static_categorical=["elev"])


def test_predict_refuses_an_infinite_or_overflowing_static_covariate_by_name(tmp_path):
    from rnncast.cli import main

    frame, ids, table = _panel()
    model = Forecaster(**ONE).fit(frame, static_covariates=table)
    with pytest.raises(RnncastError, match=rf"^static covariate 'elev' holds an infinite value \(inf\) for series "
                                           rf"'{ids[2]}'"):  # was: read as the fitted range's end, warned "other than at fit"
        model.predict(frame, static_covariates=table.assign(elev=[10.0, 300.0, np.inf]))
    with pytest.raises(RnncastError, match=rf"^static covariate 'elev' holds 1e\+42 for series '{ids[0]}': z-scored by the "
                                           r"fit's mean 370 and spread 326\.292 it is inf as the network reads it \(float32\)"):
        model.predict(frame, static_covariates=table.assign(elev=[1e42, 300.0, 800.0]))
    assert len(model.predict(frame, static_covariates=table.assign(elev=[1e30, 300.0, 800.0]))) == 3 * 3  # finite: read
    frame.to_csv(tmp_path / "data.csv", index=False)
    table.assign(elev=["10.0", "inf", "800.0"]).to_csv(tmp_path / "static.csv", index=False)
    model.save(tmp_path / "run")
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "data.csv"), "--static", str(tmp_path / "static.csv")]) == 2
    assert main(["fit", str(tmp_path / "data.csv"), "--static", str(tmp_path / "static.csv"), "--lookback", "12",
                 "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--out", str(tmp_path / "inf")]) == 2
    assert not (tmp_path / "inf").exists()


def test_static_values_whose_fitted_mean_overflows_are_refused_at_fit_not_left_to_diverge():
    frame, ids, table = _panel()
    with pytest.raises(RnncastError, match=rf"^static covariate 'elev' holds 1e\+308 for series '{ids[0]}': z-scored by "
                                           r"the fit's mean inf"):
        Forecaster(**ONE).fit(frame, static_covariates=table.assign(elev=[1e308, 1e308, 5.0]))
