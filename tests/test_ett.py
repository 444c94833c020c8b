"""The ETT harness follows the benchmark protocol of shared/benchmarks/ETT.md.

The Repeat baseline must reproduce the table of ETT.md to three decimals; window counts, split
membership and the train-only scaler are checked directly. Tests that need the data files skip
when ``shared/data/ETT`` (or ``$RNNCAST_ETT_DIR``) is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import torch

from rnncast import ett, linear
from rnncast.errors import RnncastError

INPUT_LEN = 336


def ett_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT"


def ett_file(name: str) -> Path:
    path = ett_dir() / f"{name}.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (set RNNCAST_ETT_DIR to the folder with {name}.csv)")
    return path


_PREPARED: dict[tuple[str, str], ett.EttData] = {}


def prepared(name: str, mode: str) -> ett.EttData:
    """Load each file once per session."""
    key = (name, mode)
    if key not in _PREPARED:
        _PREPARED[key] = ett.prepare_ett(ett_file(name), mode)
    return _PREPARED[key]


# --------------------------------------------------------------------------------------------
# (a) Repeat reproduces ETT.md's table (L = 336)
# --------------------------------------------------------------------------------------------

# (dataset, H) -> (M drop-last-32, M all windows, S all windows), each (MSE, MAE)
REPEAT_TABLE = {
    ("ETTh1", 96): ((1.295, 0.713), (1.294, 0.713), (0.069, 0.203)),
    ("ETTh1", 192): ((1.325, 0.733), (1.325, 0.733), (0.092, 0.236)),
    ("ETTh1", 336): ((1.323, 0.744), (1.330, 0.746), (0.113, 0.265)),
    ("ETTh1", 720): ((1.339, 0.756), (1.335, 0.755), (0.129, 0.283)),
    ("ETTm1", 96): ((1.214, 0.665), (1.214, 0.665), (0.033, 0.136)),
    ("ETTm1", 192): ((1.261, 0.690), (1.261, 0.690), (0.049, 0.169)),
    ("ETTm1", 336): ((1.283, 0.707), (1.287, 0.707), (0.065, 0.196)),
    ("ETTm1", 720): ((1.319, 0.729), (1.322, 0.729), (0.089, 0.232)),
}


def repeat_scores(name: str, mode: str, horizon: int) -> ett.TestScores:
    data = prepared(name, mode)
    predictions = ett.run_setting(
        data.values, data.target_idx, data.borders, INPUT_LEN, horizon, "repeat"
    )
    return ett.evaluate(predictions, data.values, data.target_idx, data.borders, horizon)


def rounded(scores: ett.Scores) -> tuple[float, float]:
    return round(scores.mse, 3), round(scores.mae, 3)


@pytest.mark.parametrize(("name", "horizon"), sorted(REPEAT_TABLE))
def test_repeat_reproduces_published_table(name: str, horizon: int) -> None:
    m_drop_last, m_all, s_all = REPEAT_TABLE[(name, horizon)]
    m_scores = repeat_scores(name, "M", horizon)
    s_scores = repeat_scores(name, "S", horizon)
    assert rounded(m_scores.drop_last) == m_drop_last
    assert rounded(m_scores.all_windows) == m_all
    assert rounded(s_scores.all_windows) == s_all


# --------------------------------------------------------------------------------------------
# (b) window counts, (c) split membership
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ETTh", "ETTm"])
@pytest.mark.parametrize("horizon", ett.HORIZONS)
@pytest.mark.parametrize("input_len", [96, 336, 720])
def test_test_window_count_is_independent_of_input_length(
    kind: str, horizon: int, input_len: int
) -> None:
    expected = {"ETTh": 2881 - horizon, "ETTm": 11521 - horizon}[kind]
    borders = ett.borders(kind)
    assert len(ett.window_origins("test", borders, input_len, horizon)) == expected
    assert len(ett.window_origins("val", borders, input_len, horizon)) == expected
    assert len(ett.window_origins("train", borders, input_len, horizon)) == (
        borders.train_end - input_len - horizon + 1
    )


def test_borders() -> None:
    assert ett.borders("ETTh") == (8640, 11520, 14400)
    assert ett.borders("ETTh1") == (8640, 11520, 14400)
    assert ett.borders("ETTm1") == (34560, 46080, 57600)
    with pytest.raises(ValueError, match="accepted"):
        ett.borders("weather")


def test_drop_last() -> None:
    assert ett.drop_last(2785) == 2784
    assert ett.drop_last(2161) == 2144
    assert ett.drop_last(64) == 64
    assert ett.drop_last(31) == 0


@pytest.mark.parametrize("kind", ["ETTh", "ETTm"])
@pytest.mark.parametrize("horizon", [96, 720])
def test_windows_stay_inside_their_split(kind: str, horizon: int) -> None:
    b = ett.borders(kind)
    target_rows = {"train": (0, b.train_end), "val": (b.train_end, b.val_end),
                   "test": (b.val_end, b.test_end)}
    for split, (low, high) in target_rows.items():
        origins = ett.window_origins(split, b, INPUT_LEN, horizon)
        first_target, last_target = origins[0], origins[-1] + horizon - 1
        assert low <= first_target and last_target < high, split
        assert origins[0] - INPUT_LEN >= 0  # inputs never reach before row 0
    test = ett.window_origins("test", b, INPUT_LEN, horizon)
    assert test[0] == b.val_end and test[-1] + horizon == b.test_end  # the split is used fully


def test_window_contents_are_the_right_rows() -> None:
    values = np.arange(20 * 3, dtype=np.float64).reshape(20, 3)  # row r holds 3r, 3r+1, 3r+2
    origins = range(5, 9)
    inputs = ett.input_windows(values, origins, input_len=4)
    targets = ett.target_windows(values, origins, horizon=3, target_idx=(2,))
    assert inputs.shape == (4, 4, 3) and targets.shape == (4, 3, 1)
    for i, t in enumerate(origins):
        np.testing.assert_array_equal(inputs[i], values[t - 4 : t])
        np.testing.assert_array_equal(targets[i, :, 0], values[t : t + 3, 2])


def test_runner_sees_no_test_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A runner gets only the rows before ``val_end``; the test inputs are forecast once."""
    b = ett.Borders(200, 260, 320)
    values = np.random.default_rng(0).normal(size=(400, 2))
    seen: dict[str, object] = {}

    def spy(task: ett.Task, config: ett.TrainConfig) -> ett.Predictor:
        seen["rows"] = len(task.values)
        seen["val"] = task.windows("val")
        with pytest.raises(ValueError, match="train.*val"):
            task.windows("test")

        def predict(inputs: np.ndarray) -> np.ndarray:
            seen["calls"] = seen.get("calls", 0) + 1
            seen["first_input_row_sum"] = inputs[0].sum()
            return np.zeros((len(inputs), task.horizon, len(task.target_idx)))

        return predict

    monkeypatch.setitem(ett.RUNNERS, "spy", spy)
    predictions = ett.run_setting(values, (1,), b, 24, 12, "spy")
    assert seen["rows"] == b.val_end
    assert seen["calls"] == 1
    assert predictions.shape == (60 - 12 + 1, 12, 1)
    assert seen["first_input_row_sum"] == pytest.approx(values[b.val_end - 24 : b.val_end].sum())
    _, val_targets = seen["val"]
    assert val_targets.shape == (60 - 12 + 1, 12, 1)


# --------------------------------------------------------------------------------------------
# (d) the scaler uses train rows only
# --------------------------------------------------------------------------------------------


def test_scaler_uses_train_rows_only() -> None:
    values = np.random.default_rng(1).normal(3.0, 2.0, size=(100, 7))
    mean, std = ett.fit_scaler(values, train_end=60)
    changed = values.copy()
    changed[60:] = 1e6  # every row from train_end on
    mean_after, std_after = ett.fit_scaler(changed, train_end=60)
    np.testing.assert_array_equal(mean, mean_after)
    np.testing.assert_array_equal(std, std_after)
    np.testing.assert_allclose(std, values[:60].std(axis=0, ddof=0))  # population std
    scaled, _, _ = ett.standardize(values, train_end=60)
    np.testing.assert_allclose(scaled[:60].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaled[:60].std(axis=0), 1.0)


def test_scaler_on_ett_file_ignores_rows_after_train_end() -> None:
    raw, _, name = ett.load_ett(ett_file("ETTh1"))
    train_end = ett.borders(name).train_end
    changed = raw.copy()
    changed[train_end] += 1000.0
    for before, after in zip(ett.fit_scaler(raw, train_end), ett.fit_scaler(changed, train_end)):
        np.testing.assert_array_equal(before, after)


# --------------------------------------------------------------------------------------------
# Loading, modes and errors
# --------------------------------------------------------------------------------------------


def test_load_ett() -> None:
    values, columns, name = ett.load_ett(ett_file("ETTh1"))
    assert name == "ETTh1"
    assert columns == list(ett.COLUMNS)
    assert values.shape == (17420, 7)


def test_dataset_name_rejects_other_files() -> None:
    assert ett.dataset_name("/x/ETTm2.csv") == "ETTm2"
    with pytest.raises(ValueError, match="ETTh1.csv"):
        ett.dataset_name("/x/weather.csv")


def test_select_mode() -> None:
    values = np.arange(14, dtype=float).reshape(2, 7)
    columns = list(ett.COLUMNS)
    s_in, s_targets = ett.select_mode(values, columns, "S")
    np.testing.assert_array_equal(s_in, values[:, [6]])
    assert s_targets == (0,)
    m_in, m_targets = ett.select_mode(values, columns, "M")
    assert m_in.shape == (2, 7) and m_targets == tuple(range(7))
    ms_in, ms_targets = ett.select_mode(values, columns, "MS")
    assert ms_in.shape == (2, 7) and ms_targets == (6,)
    with pytest.raises(ValueError, match="'S', 'M', 'MS'"):
        ett.select_mode(values, columns, "SM")


def test_unknown_model_is_named() -> None:
    with pytest.raises(RnncastError, match="'transformer'.*accepted"):
        ett.run_setting(np.zeros((400, 1)), (0,), ett.Borders(200, 260, 320), 24, 12, "transformer")


# --------------------------------------------------------------------------------------------
# NLinear / DLinear
# --------------------------------------------------------------------------------------------


def test_linear_models_shapes_and_level_invariance() -> None:
    torch.manual_seed(0)
    x = torch.randn(4, 48, 3)  # [B, L, C]
    for model in (linear.NLinear(48, 12), linear.DLinear(48, 12, kernel_size=5)):
        assert model(x).shape == (4, 12, 3)
    nlinear = linear.NLinear(48, 12)
    # NLinear forecasts relative to the last value: shifting the input shifts the forecast.
    torch.testing.assert_close(nlinear(x + 5.0), nlinear(x) + 5.0)


def test_moving_average_keeps_length_and_constants() -> None:
    x = torch.full((2, 30, 1), 3.0)
    torch.testing.assert_close(linear.moving_average(x, 25), x)
    ramp = torch.arange(30.0).reshape(1, 30, 1)
    smoothed = linear.moving_average(ramp, 5)
    assert smoothed.shape == ramp.shape
    torch.testing.assert_close(smoothed[0, 10:20, 0], ramp[0, 10:20, 0])  # interior unchanged
    assert smoothed[0, 0, 0] == pytest.approx((0 + 0 + 0 + 1 + 2) / 5)  # edge replicated


def test_learning_rate_schedule_is_ltsf_type1() -> None:
    rates = [linear.ltsf_learning_rate(0.005, epoch) for epoch in range(4)]
    assert rates == [0.005, 0.005, 0.0025, 0.00125]


def test_fit_restores_best_validation_epoch() -> None:
    rng = np.random.default_rng(0)
    series = np.sin(np.arange(600) / 7.0)[:, None] + 0.1 * rng.normal(size=(600, 1))
    task = ett.Task(series[:500], (0,), ett.Borders(400, 500, 600), 24, 8)
    torch.manual_seed(0)
    model = linear.NLinear(24, 8)
    report = linear.fit(model, task.windows("train"), task.windows("val"), (0,), epochs=4,
                        batch_size=32, learning_rate=0.01, patience=2, seed=0)
    assert report.best_val_loss == min(report.val_losses)
    assert linear.mse_of(model, task.windows("val"), (0,)) == pytest.approx(report.best_val_loss)
