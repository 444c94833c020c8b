"""The fitted attributes (``learned.py``): read from the one FittedState, written back to it, and
refused by name before fit."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.learned import Learned


def test_an_unfitted_forecaster_refuses_its_fitted_attributes_by_name():
    with pytest.raises(RnncastError, match="not fitted yet; call fit"):
        Forecaster().check_fitted()


def test_the_fitted_attributes_are_views_of_the_fitted_state():
    y = np.sin(0.3 * np.arange(200)).astype(np.float32)
    model = Forecaster(**TINY).fit(y)
    assert isinstance(model, Learned)
    assert model.targets_ is model.state_.targets and model.layout_ == "single"
    assert model.scaler_ is model.state_.scalers[0] and model.split_ is model.state_.splits[0]
    assert model.settings_ is model.state_.settings
    model.skipped_series_ = [{"id": "x", "rows": 3, "needed": 9}]  # written through to the state
    assert model.state_.skipped_series == [{"id": "x", "rows": 3, "needed": 9}]
