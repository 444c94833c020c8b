"""Which targets a pooled verdict over several targets rests on (``targetshares.py``): each one's share of the model's
squared error, and the targets on which the model loses to a baseline it beats pooled."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from rnncast.targetshares import measure, text, winner_notes
from rnncast.windowforecasts import WindowForecasts

TARGETS = ["OT", "HUFL", "LULL"]


def _windows(model: list[float], last: list[float], filled: np.ndarray | None = None) -> WindowForecasts:
    """One window of one step, three targets: each MSE is the square root's error squared."""
    y = np.zeros((1, 1, 3))
    return WindowForecasts(starts=np.arange(1), target_rows=np.arange(1), y_true=y,
                           y_pred=y + np.sqrt(model), baselines={"repeat": y + np.sqrt(last)}, time=None,
                           targets=TARGETS, filled=filled)


def test_a_pooled_win_that_rests_on_one_target_says_so_and_names_the_target_it_loses_on():
    """A tester's backtest of OT, HUFL, LULL: the model's scaled MSE 0.196 against 'repeat the last value''s 0.142 on
    OT, 0.399 on HUFL, 9.422 on LULL; pooled it won, with LULL ~94% of the pooled score, and no line said either."""
    found = measure(_windows([0.196, 0.399, 9.422], [0.142, 0.5, 10.0]), TARGETS)
    assert found["most"] == "LULL" and found["loses"] == {"OT": ["repeat"]}
    assert abs(found["share"]["LULL"] - 9.422 / (0.196 + 0.399 + 9.422)) < 1e-6
    assert text(found, "the backtest windows") == (
        "Of the model's MSE pooled over the 3 targets, 'LULL' holds 94.1% ('HUFL' 4.0%, 'OT' 2.0%), so the pooled "
        "scores and the verdict are mostly that target's. Though its pooled MSE is lower than the 'repeat the last value' baseline's, the "
        "model loses on the backtest windows on "
        "target 'OT' (to 'repeat the last value'): a higher MSE there than that baseline's.")


def test_a_spread_win_says_nothing_and_a_pooled_loss_names_no_target():
    even = measure(_windows([0.3, 0.3, 0.4], [0.5, 0.5, 0.5]), TARGETS)
    assert even["most"] is None and even["loses"] == {} and text(even) is None
    lost = measure(_windows([0.3, 0.3, 3.0], [0.5, 0.1, 0.5]), TARGETS)  # pooled the model loses: the verdict says it
    assert lost["loses"] == {} and text(lost).startswith("Of the model's MSE pooled over the 3 targets, 'LULL' holds")
    assert measure(WindowForecasts(np.arange(1), np.arange(1), np.zeros((1, 1, 1)), np.ones((1, 1, 1)), {}, None),
                   ["y"]) is None and text(None) is None  # one target: nothing pooled


def test_a_filled_value_is_not_scored_in_the_shares():
    filled = np.array([[[False, False, True]]])  # LULL's one value made by fill
    found = measure(_windows([0.196, 0.399, 9.422], [0.142, 0.5, 10.0], filled), TARGETS)
    assert found["share"]["LULL"] == 0 and found["most"] == "HUFL"


def test_fit_of_several_targets_keeps_the_shares_and_says_them(tmp_path, capsys):
    """fit's terminal, metrics.json and report page, as the backtest's (the same ``Said.targets``)."""
    import json

    from rnncast.cli import main

    rng = np.random.default_rng(0)
    n = 300
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="h"),
                          "small": np.sin(np.arange(n) / 4) + rng.normal(0, 0.05, n),
                          "big": np.cumsum(rng.normal(0, 1, n))})
    frame.to_csv(tmp_path / "d.csv", index=False)
    code = main(["fit", str(tmp_path / "d.csv"), "--target", "small,big", "--lookback", "12", "--horizon", "3",
                 "--hidden-size", "8", "--epochs", "1", "--seed", "0", "--out", str(tmp_path / "run")])
    assert code == 0
    shares = json.loads((tmp_path / "run" / "metrics.json").read_text())["test"]["target_shares"]
    assert set(shares["share"]) == {"small", "big"} and abs(sum(shares["share"].values()) - 1) < 1e-6
    said = text(shares, "the test split")
    assert said and said in capsys.readouterr().out  # seeded: the fit's line, printed and on the page
    assert said.replace("'", "&#x27;") in (tmp_path / "run" / "report.html").read_text()


def test_a_backtest_of_several_targets_keeps_the_shares_and_says_them(tmp_path, capsys):
    import json

    from rnncast.cli import main

    rng = np.random.default_rng(1)
    n = 200
    pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n, freq="h"),
                  "small": np.sin(np.arange(n) / 4) + rng.normal(0, 0.05, n),
                  "big": np.cumsum(rng.normal(0, 1, n))}).to_csv(tmp_path / "d.csv", index=False)
    code = main(["backtest", str(tmp_path / "d.csv"), "--target", "small,big", "--lookback", "12", "--horizon", "3",
                 "--hidden-size", "8", "--epochs", "1", "--seed", "0", "--out", str(tmp_path / "bt")])
    assert code == 0
    shares = json.loads((tmp_path / "bt" / "metrics.json").read_text())["target_shares"]
    assert set(shares["share"]) == {"small", "big"}
    said = text(shares, "the backtest windows")
    assert said and said in capsys.readouterr().out
    assert said.replace("'", "&#x27;") in (tmp_path / "bt" / "report.html").read_text()


def test_a_target_whose_pinball_loses_to_a_baseline_beaten_pooled_is_named_apart_from_mse():
    """ETTh1's OT and HUFL with quantiles: pooled the model's pinball loss beat 'repeat the last value''s intervals,
    OT's lost (0.3758 against 0.3538), and the line judged OT by MSE alone. Each band here is the truth +- a width:
    a band's mean pinball loss over 0.1 and 0.9 is 0.1 * its half width."""
    y = np.zeros((1, 1, 2))

    def band(widths):
        return np.stack([y - np.array(widths), y + np.array(widths)], axis=-1)  # [1, 1, 2, 2]

    wf = WindowForecasts(starts=np.arange(1), target_rows=np.arange(1), y_true=y, y_pred=y, time=None,
                         baselines={"repeat": y + 1.0, "mean": y + 1.0}, targets=["OT", "HUFL"],
                         quantiles=band([3.758, 1.0]), levels=[0.1, 0.9],
                         baseline_quantiles={"repeat": band([3.538, 9.0]), "mean": band([9.0, 9.0])})
    found = measure(wf, ["OT", "HUFL"])
    assert found["loses"] == {} and found["loses_pinball"] == {"OT": ["repeat"]}
    assert text(found) == ("Though its pooled pinball loss is the lower, the model's quantiles lose on the test split on "
                           "target 'OT' (to 'repeat the last value'): a higher pinball loss there than that "
                           "baseline's intervals'.")
    filled = np.array([[[True, False]]])  # OT's value made by fill: not scored, so no loss on it
    assert "loses_pinball" not in measure(replace(wf, filled=filled), ["OT", "HUFL"])
    assert "loses_pinball" not in measure(replace(wf, quantiles=None, levels=()), ["OT", "HUFL"])  # a point model


def test_two_targets_near_even_are_not_said_to_hold_the_verdict():
    """A lead's 2-target panel fit: "'sales' holds 50.1% ('visits' 49.9%), so the pooled scores and the verdict are
    mostly that target's". With two targets one always holds over half: a target is named where it also holds twice
    the next one's share."""
    near = measure(_windows([0.501, 0.489, 0.01], [0.6, 0.6, 0.6]), TARGETS)
    assert near["share"][TARGETS[0]] > 0.5 and near["most"] is None and text(near) is None
    ahead = measure(_windows([0.7, 0.2, 0.1], [0.8, 0.8, 0.8]), TARGETS)
    assert ahead["most"] == TARGETS[0]


def test_compares_pooled_winner_that_loses_on_a_target_is_said_so():
    """compare named a pooled winner over 'sales' and 'visits' without a word where it lost on 'visits' to another
    model, as fit, evaluate and backtest say of the baselines (a tester's finding, decision 1552)."""
    errors = {"fF": np.sqrt(np.array([[[1.0, 0.30]]])), "fB": np.sqrt(np.array([[[2.0, 0.26]]])),
              "fC": np.sqrt(np.array([[[3.0, 0.40]]]))}
    said = winner_notes(errors, "fF", None, ["sales", "visits"], "scaled test MSE")
    assert said == ["though its pooled scaled test MSE is the lower, 'fF' loses on target 'visits' (to 'fB'): a higher "
                    "scaled test MSE there than that model's."]
    keep = np.array([[[True, False]]])  # 'visits' not scored: nothing to lose on
    assert winner_notes(errors, "fF", keep, ["sales", "visits"], "scaled test MSE") == []
    assert winner_notes(errors, None, None, ["sales", "visits"], "scaled test MSE") == []  # a tie: no winner
    assert winner_notes({k: e[..., :1] for k, e in errors.items()}, "fF", None, ["sales"], "test MSE") == []
    both = winner_notes({**errors, "fC": np.sqrt(np.array([[[3.0, 0.1]]]))}, "fF", None, ["sales", "visits"], "MSE")
    assert both == ["though its pooled MSE is the lower, 'fF' loses on target 'visits' (to 'fB' and 'fC'): a higher "
                    "MSE there than those models'."]


def test_a_seasonal_naive_without_a_forecast_is_weighed_on_the_values_it_has_not_as_no_error():
    """r37r1 2 (decision 1994): 12 of 40 windows without a seasonal naive forecast counted as errors of 0, so the
    model "lost" on target 'b', where on the values the seasonal naive has the model's MSE is the lower."""
    rng = np.random.default_rng(0)
    y = rng.normal(size=(40, 3, 2))
    model = y + rng.normal(scale=[0.3, 0.6], size=y.shape)
    seasonal = y + rng.normal(scale=[0.6, 0.65], size=y.shape)
    seasonal[:12] = np.nan
    wf = WindowForecasts(starts=np.arange(40), target_rows=np.arange(40) + 5, y_true=y, y_pred=model,
                         baselines={"seasonal": seasonal}, time=None, targets=["a", "b"])
    has = np.isfinite(seasonal[..., 1])
    assert np.mean((model - y)[..., 1][has] ** 2) < np.nanmean((seasonal - y)[..., 1] ** 2)  # the pair: model lower
    assert measure(wf, ["a", "b"])["loses"] == {}
    worse = replace(wf, y_pred=np.where(np.arange(2) == 1, y + 0.7, model))  # target b worse than it on its values
    assert measure(worse, ["a", "b"])["loses"] == {"b": ["seasonal"]}
