"""A ceiling on every forecast, ``upper`` (``upperbound.py``): the counterpart of ``nonnegative``'s floor at 0."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, upperbound
from rnncast.errors import RnncastError


def _raised(model, by=1e3):
    """The fitted network's every output moved ``by`` scaled units up (its head's bias)."""
    import torch
    with torch.no_grad():
        model.net_.head.bias += by
    return model


def _shares(n=3):
    """A panel whose target is a share in [0, 1] that reaches 1."""
    frame = make_panel(n, seed=2)
    frame["y"] = (frame["y"] - frame["y"].min()) / (frame["y"].max() - frame["y"].min())
    return frame


def test_upper_writes_and_scores_every_forecast_at_most_the_bound(tmp_path):
    """A tester's finding: an occupancy share's 0.9 quantiles came out above 1 (37 % of them), and no setting bounded
    them. ``upper=1`` clips predict's, evaluate's, predict_windows' and backtest's forecasts, point and every quantile,
    at 1, scores them as written, and is saved with the model (decision 2257)."""
    frame = _shares()
    settings = {**TINY, "quantiles": (0.1, 0.5, 0.9), "upper": 1.0}
    model = _raised(Forecaster(**settings).fit(frame))
    forecast = model.predict(frame)
    windows = model.predict_windows(frame, part="test")
    scores = model.evaluate(frame)
    assert (forecast.filter(regex=r"^y_").to_numpy() == 1).all()
    assert (windows.y_pred == 1).all() and (windows.quantiles == 1).all()
    mse = float(np.nanmean((windows.y_true - 1.0) ** 2))  # scored as written: every forecast 1
    assert np.isclose(scores["original"]["model"]["mse"], mse, rtol=1e-6)
    backtest = Forecaster(**settings).backtest(frame, n_windows=2)
    assert (backtest.forecasts.filter(regex=r"_hat$|_q").to_numpy() <= 1 + 1e-12).all()
    model.save(tmp_path / "m")
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.upper == 1.0 and loaded.settings_.model.upper == 1.0
    assert (loaded.predict(frame).filter(regex=r"^y_").to_numpy() == 1).all()
    plain = _raised(Forecaster(**{**settings, "upper": None}).fit(frame))
    assert (plain.predict(frame)["y_hat"] > 1).all()  # without it, as made


def test_a_bound_below_the_datas_values_is_refused_by_name():
    frame = _shares()
    with pytest.raises(RnncastError, match=r"^upper=0.9 \(--upper\) is below \d+ of the \d+ values of 'y' \(the "
                                           r"largest 1 of series '\w+'\): .* give a bound of at least 1, or leave"):
        Forecaster(**{**TINY, "upper": 0.9, "epochs": 1}).fit(frame)
    with pytest.raises(RnncastError, match="upper=0.9"):
        Forecaster(**{**TINY, "upper": 0.9, "epochs": 1}).backtest(frame, n_windows=2)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1", True])
def test_upper_must_be_a_finite_number(value):
    with pytest.raises(RnncastError, match=r"^upper \(--upper\) must be a finite number"):
        upperbound.check(SimpleNamespace(upper=value, nonnegative=False))


def test_upper_at_or_below_zero_beside_nonnegative_is_refused():
    upperbound.check(SimpleNamespace(upper=-1.0, nonnegative=False))  # a target below zero: accepted
    with pytest.raises(RnncastError, match="is at most 0 beside nonnegative=True"):
        upperbound.check(SimpleNamespace(upper=0.0, nonnegative=True))


def test_the_flag_reads_a_number_or_none():
    from rnncast.cli.parser import build_parser
    assert build_parser().parse_args(["fit", "d.csv", "--upper", "1"]).upper == 1.0
    assert build_parser().parse_args(["fit", "d.csv", "--upper", "none"]).upper is None
    with pytest.raises(RnncastError, match="upper must be a number"):
        upperbound.parse("full")


def test_scaled_is_the_bound_in_each_windows_units():
    state = SimpleNamespace(settings=SimpleNamespace(model=SimpleNamespace(upper=1.0)))
    offset, scale = np.array([[0.5, 9.0], [0.0, 9.0]]), np.array([[0.25, 1.0], [2.0, 1.0]])
    at = upperbound.scaled(state, offset, scale, np.array([1, 0]), 1, 4)
    assert at.shape == (2, 1, 1, 1) and at.ravel().tolist() == [0.5, 2.0]
    state.settings.model.upper = None
    assert upperbound.scaled(state, offset, scale, np.array([0]), 1, 3) is None


def test_the_onnx_export_clips_at_the_bound_and_needs_opset_12(tmp_path):
    pytest.importorskip("onnxruntime")
    from rnncast.export import export_onnx, run_onnx
    from rnncast.onnxgraph import OnnxGraph, example_inputs
    frame = _shares(1).drop(columns="unique_id")
    model = _raised(Forecaster(**{**TINY, "epochs": 1, "upper": 1.0}).fit(frame, target="y"))
    with pytest.raises(RnncastError, match=r"^a model with upper exports at opset 12 or later \(its clip at its bound"):
        export_onnx(model, tmp_path / "m.onnx", opset=11)
    assert export_onnx(model, tmp_path / "m.onnx").checked_windows == 64  # onnxruntime's equal to the module's
    x = example_inputs(OnnxGraph(model), TINY["lookback"], TINY["horizon"], 4)
    assert (run_onnx(tmp_path / "m.onnx", x[0].numpy()) == 1).all()
