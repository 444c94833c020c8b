"""A backtest's linear-fit check (``backtestlinear.py``): least squares of the target on its step's future-known
features, learned on each window's model's training rows and scored on the windows' values beside the model, out of
sample; the verdict's opening sentence and metrics.json's ``behind_linear_fit`` where the model is far behind it
(decision 1985)."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import backtestlinear
from rnncast.windowforecasts import WindowForecasts


def _rows(n: int = 60, seed: int = 0) -> np.ndarray:
    """[n, 2]: y = 3 x + 1 (before row 40) and x."""
    x = np.random.default_rng(seed).normal(size=n)
    return np.stack([3 * x + 1, x], axis=1)


def _windows(rows: np.ndarray, firsts: list, horizon: int, noise: float, absent=None) -> WindowForecasts:
    """Windows of one series whose first targets are ``firsts``, the model's forecasts the actuals plus ``noise``;
    ``absent`` [W, H]: steps without a row (the rows after move up one)."""
    y_true = np.full((len(firsts), horizon, 1), np.nan)
    for w, first in enumerate(firsts):
        at = first + np.cumsum(~absent[w]) - 1 if absent is not None else first + np.arange(horizon)
        y_true[w, :, 0] = np.where(absent[w] if absent is not None else False, np.nan, rows[at, 0])
    y_pred = y_true + noise * np.random.default_rng(1).normal(size=y_true.shape)
    return WindowForecasts(starts=np.array(firsts) - 5, target_rows=np.array(firsts), y_true=y_true,
                           y_pred=np.nan_to_num(y_pred), baselines={}, time=None, series=np.zeros(len(firsts), int),
                           absent=None if absent is None else np.repeat(absent[:, :, None], 1, axis=2))


def test_the_fit_learned_on_the_training_rows_is_scored_on_the_windows_beside_the_model():
    rows = _rows()
    wf = _windows(rows, [40, 45, 50], 4, noise=2.0)
    ends = np.full((1, 3), 40)  # one model, trained on the rows before the first cutoff
    found = backtestlinear.measure(lambda s: rows, wf, ends, np.arange(3), [1])
    assert found["linear_fit_r2"] == pytest.approx(1.0) and found["series"] == 1
    y = wf.y_true[:, :, 0].ravel()
    assert found["model_r2"] == pytest.approx(1 - ((y - wf.y_pred[:, :, 0].ravel()) ** 2).sum() / ((y - y.mean()) ** 2).sum())
    assert backtestlinear.behind(found) == {"linear_fit_r2": found["linear_fit_r2"], "model_r2": found["model_r2"]}
    assert backtestlinear.measure(lambda s: rows, wf, ends, np.arange(3), []) is None  # no future-known features


def test_the_fit_is_learned_on_rows_up_to_the_cutoff_only():
    """Rows after the training end follow another line: a fit that read them would not forecast 3 x + 1."""
    rows = _rows()
    rows[40:, 0] = -5 * rows[40:, 1]  # the windows' own line
    wf = _windows(rows, [40, 45, 50], 4, noise=0.1)
    found = backtestlinear.measure(lambda s: rows, wf, np.full((1, 3), 40), np.arange(3), [1])
    assert found["linear_fit_r2"] < 0 < found["model_r2"] and backtestlinear.behind(found) is None


def test_a_step_without_a_row_reads_the_next_row_for_the_next_step():
    rows = _rows()
    absent = np.array([[False, True, False, False]])  # the second step's date has no row: the third step is row 41
    wf = _windows(rows, [40], 4, noise=2.0, absent=absent)
    found = backtestlinear.measure(lambda s: rows, wf, np.full((1, 1), 40), np.arange(1), [1])
    assert found["linear_fit_r2"] == pytest.approx(1.0)  # its three values (LEAST), each read off its own row
    shifted = _windows(rows, [41], 4, noise=2.0, absent=absent)  # actuals not those rows: no value is scored
    shifted.target_rows = np.array([40])
    assert backtestlinear.measure(lambda s: rows, shifted, np.full((1, 1), 40), np.arange(1), [1]) is None


def test_the_sentence_says_which_rows_the_fit_learned_on():
    linear = {"linear_fit_r2": 0.9995, "model_r2": 0.167, "series": 1}
    said = backtestlinear.behind_text(linear)
    assert said == ("A linear fit of the model's own inputs does far better than the model: least squares of the "
                    "target on the future-known features of its own step, learned on the rows the model trained on "
                    "(up to the first cutoff), has R² 1.000 on the backtest values, and the model 0.167. ")
    assert "each cutoff's training rows, as each model was" in backtestlinear.behind_text(linear, refit=True)
    assert backtestlinear.behind_text({**linear, "model_r2": 0.99}) is None  # not far behind
    assert backtestlinear.behind_text(None) is None and backtestlinear.behind({**linear, "linear_fit_r2": 0.4}) is None
