"""A text given as static_covariates= to a fitted model (``reading.read_new``) is a file's path: text that names no
file is refused as such, not as a data file not found beside what the model was trained on. A table without the id
column says what columns it has, or that it has none."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.static import from_frame


def test_a_text_that_is_no_file_at_predict_is_refused_as_no_file_of_static_covariates():
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    frame = frame.assign(code=np.where(frame.unique_id == ids[0], "n", "s"))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=["code"])
    with pytest.raises(RnncastError) as err:
        model.predict(frame, static_covariates="code")  # fit's name, which at predict would be a file's path
    text = str(err.value)
    assert text.startswith("static_covariates= (--static FILE) of a fitted model takes a table or a file's path, and "
                           "'code' is no file: give a DataFrame or a dict of columns with 'unique_id'")
    assert "trained on" not in text and "\n" not in text


def test_an_empty_static_table_is_said_to_have_no_columns():
    """static_covariates={} was refused as "... needs the id column 'unique_id'; it has " and nothing after."""
    with pytest.raises(RnncastError, match=r"^the static covariate table needs the id column 'unique_id'; it has no "
                                           r"columns$"):
        from_frame(pd.DataFrame({}), ["a", "b"], "unique_id")
