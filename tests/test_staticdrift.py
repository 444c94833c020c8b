"""Static covariates handed to a fitted model far beyond its fit's range, or changed for a series it was fitted on
(``staticdrift.py``): warned by name, as a future covariate far out is; the values given are read."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster


@pytest.fixture(scope="module")
def fitted():
    days = pd.date_range("2024-01-01", periods=40, freq="D")
    frame = pd.concat([pd.DataFrame({"sku": "A", "store": s, "ds": days, "y": np.sin(np.arange(40) / 3) + k,
                                     "size": size, "kind": kind})
                       for k, (s, size, kind) in enumerate((("S1", 450.0, "mall"), ("S2", 800.0, "street"),
                                                            ("S3", 1200.0, "mall")))], ignore_index=True)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", id_col=["sku", "store"],
                                                   static_covariates=["size", "kind"])
    return model, frame


def _said(caplog, model, frame) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(frame)
    return [r.getMessage() for r in caplog.records if "static covariates" in r.getMessage()]


def test_a_static_value_far_beyond_the_fit_is_named_as_a_future_covariate_far_out_is(fitted, caplog):
    """store_size 5000 where the fit's stores held 450 to 1200 was read without a word (t27t1)."""
    model, frame = fitted
    assert _said(caplog, model, frame) == []  # as at fit: nothing
    far = frame.assign(size=np.where(frame.store == "S3", 5000.0, frame["size"]))
    said = _said(caplog, model, far)
    assert said[0] == ("column 'size' of the static covariates holds values far beyond those the model was fitted on "
                       "(series 'sku=A, store=S3': 1 of 1 given above the fitted maximum 1200 (all of them beyond it by more "
                       "than 750 (the fitted range's width)); given 5000, fitted 450 to 1200): another "
                       "unit or a shifted scale (°F for °C)? Give them in the fit's unit; if they are real, the model "
                       "extrapolates there: fit again on data that holds them")
    assert said[1] == ("1 series the model was fitted on comes with static covariates other than at fit (series "
                       "'sku=A, store=S3': 'size' 5000 (fitted 1200)): the model reads the values given; if the change "
                       "is not meant, give the values of the fit")
    assert _said(caplog, model, far) == []  # once per model
    assert not model.predict(far).equals(model.predict(frame))  # read as given


def test_a_value_changed_within_the_range_or_a_category_changed_is_named_once_with_both_values(fitted, caplog):
    model, frame = fitted
    moved = frame.assign(size=np.where(frame.store == "S1", 900.0, frame["size"]),
                         kind=np.where(frame.store == "S2", "mall", frame["kind"]))
    [said] = _said(caplog, model, moved)  # 900 lies within 450 to 1200: no range warning
    assert said == ("2 series the model was fitted on come with static covariates other than at fit (series "
                    "'sku=A, store=S1': 'size' 900 (fitted 450); series 'sku=A, store=S2': 'kind' 'mall' (fitted "
                    "'street')): the model reads the values given; if the change is not meant, give the values of "
                    "the fit")


def test_a_blank_static_value_at_predict_names_the_fits_value_not_a_drop_that_is_refused(fitted):
    """A tester's finding: a blank size in predict's static table advised "fill it in, or drop the column 'size' from
    the table", and the table without it is refused ("lacks 'size', which the model was trained with")."""
    from rnncast import RnncastError
    model, frame = fitted
    data = frame.drop(columns=["size", "kind"])
    table = frame.groupby(["sku", "store"], as_index=False)[["size", "kind"]].first()
    with pytest.raises(RnncastError) as caught:
        model.predict(data, static_covariates=table.assign(size=[np.nan, 800.0, 1200.0]))
    said = str(caught.value)
    assert said.endswith("give the value the model was fitted with: 450") and "drop" not in said, said
    with pytest.raises(RnncastError, match=r"give the values the model was fitted with: .*S1.* 'mall'; .*S2.* "
                                           r"'street'"):
        model.predict(data, static_covariates=table.assign(kind=[None, None, "mall"]))
    fixed = table.assign(size=[450.0, 800.0, 1200.0])  # the advice taken: as the fit's table
    pd.testing.assert_frame_equal(model.predict(data, static_covariates=fixed), model.predict(frame))
