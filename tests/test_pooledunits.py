"""Which series a panel's original-unit scores are (``pooledunits.py``): the few that hold its squared error."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster
from rnncast.pooledunits import measure, note
from rnncast.windowforecasts import WindowForecasts


def _windows(errors: list[float]) -> WindowForecasts:
    n = len(errors)
    y = np.zeros((n, 1, 1))
    return WindowForecasts(starts=np.arange(n), target_rows=np.arange(n), y_true=y,
                           y_pred=y + np.asarray(errors)[:, None, None], baselines={}, time=None,
                           series=np.arange(n), ids=[f"s{i}" for i in range(n)])


def test_the_few_series_holding_the_error_are_named_and_a_spread_error_is_not():
    found = measure(_windows([50, 40, 1, 1, 1, 1, 1, 1]))  # squared: 2500, 1600, and six 1s
    assert found == {"series": ["s0", "s1"], "share": 4100 / 4106, "of": 8}
    assert note({"pooled": found}) == (
        "The original-unit scores pool 8 series in their own units: 's0' and 's1' hold 99.9% of the model's squared "
        "error there, so those scores are mostly theirs; the scaled scores (and the verdict) weigh each series in its "
        "own scale.")
    assert measure(_windows([1, 1, 1, 1, 1, 1])) is None  # every series alike
    assert measure(_windows([30, 30, 30, 1, 1, 1])) is None  # half of them: no few series
    assert note({}) is None


def test_one_of_two_series_holding_the_error_is_named():
    """t32t5's MED-2: a weekly series and its monthly sum, the monthly holding 99.3% of the original-unit MSE (9279.7
    against 68.5), got no note: panels of fewer than 3 series were skipped, though one series of two is "one"."""
    found = measure(_windows([96.3, 8.28]))  # squared: 9273.7 and 68.6
    assert found["series"] == ["s0"] and found["of"] == 2 and round(found["share"], 3) == 0.993
    assert note({"pooled": found}).startswith(
        "The original-unit scores pool 2 series in their own units: 's0' holds 99.3% of the model's squared error")
    assert measure(_windows([3, 2])) is None  # 69%: the error is both series'
    assert measure(_windows([30])) is None  # one series: nothing pooled


def test_a_quantile_models_share_is_of_its_pinball_loss_beside_the_squared_errors():
    """The intervals' line said "'big' holds >99.9% of the model's squared error" of a pinball loss (40.86, of which
    'big' held 99.7%): the share a pinball loss needs is of the pinball loss."""
    from rnncast.pooledunits import held

    wf = _windows([50, 40, 1, 1, 1, 1, 1, 1])
    levels = (0.1, 0.5, 0.9)
    wf.levels, wf.quantiles = levels, wf.y_pred[..., None] + np.array([-1.0, 0.0, 1.0])  # [W, 1, 1, 3]
    found = measure(wf)
    miss = (wf.y_true[..., None] - wf.quantiles).reshape(8, -1)  # [W, Q]
    each = np.maximum(np.array(levels) * miss, (np.array(levels) - 1) * miss).sum(axis=1)  # [W]
    assert found["share"] == 4100 / 4106 and found["pinball_share"] == np.float64(each[:2].sum() / each.sum())
    assert found["pinball_share"] < found["share"]  # absolute, not squared: the large series hold less of it
    assert held(found, pinball=True) == f"'s0' and 's1' hold {100 * found['pinball_share']:.1f}% of the model's pinball loss"
    assert held(found) == "'s0' and 's1' hold 99.9% of the model's squared error"
    del found["pinball_share"]  # a result written before: its squared error's share, named so
    assert held(found, pinball=True) == "'s0' and 's1' hold 99.9% of the model's squared error"
    assert "pinball_share" not in measure(_windows([50, 40, 1, 1, 1, 1, 1, 1]))  # a point forecast has none


def test_fit_of_a_panel_of_different_scales_says_whose_the_original_scores_are(tmp_path, capsys):
    """A finance tester's eight tickers, two near 3,000 and six under 100: "test split (original units) MSE 1653"
    was the two large ones' (5,727 and 5,621; under 3 for every other), unsaid."""
    from rnncast.cli import main

    rng = np.random.default_rng(0)
    frames = [pd.DataFrame({"ticker": f"t{i}", "date": pd.bdate_range("2023-01-02", periods=200),
                            "close": (3000.0 if i == 0 else 50.0) + np.cumsum(rng.normal(0, 30 if i == 0 else 0.5, 200))})
              for i in range(6)]
    pd.concat(frames).to_csv(tmp_path / "px.csv", index=False)
    code = main(["fit", str(tmp_path / "px.csv"), "--target", "close", "--id-col", "ticker", "--lookback", "10",
                 "--horizon", "2", "--hidden-size", "8", "--epochs", "1", "--out", str(tmp_path / "run")])
    assert code == 0
    assert "The original-unit scores pool 6 series in their own units: 't0' holds " in capsys.readouterr().out
    assert "The original-unit scores pool 6 series" in (tmp_path / "run" / "report.html").read_text()
    single = Forecaster(**TINY).fit(frames[1].drop(columns="ticker"), target="close")
    assert "pooled" not in single.evaluate(frames[1].drop(columns="ticker"))
