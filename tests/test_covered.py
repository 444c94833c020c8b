import numpy as np
import pandas as pd

from rnncast import covered


def test_a_baseline_equal_to_a_model_wherever_both_are_drawn_is_under_its_line():
    model = np.array([1.0, 2.0, np.nan, 4.0])
    assert covered.under(model + 1e-6, {"model (lstm)": model}, span=3.0) == "model (lstm)"
    assert covered.under(model + 0.1, {"model (lstm)": model}, span=3.0) is None  # a visible gap
    assert covered.under(np.full(4, np.nan), {"m": model}, span=3.0) is None  # nothing drawn


def test_the_legend_note_names_the_model_where_several_are_drawn():
    assert covered.note("baseline: repeat the last value", "m", False) == "baseline: repeat the last value (under the model's line)"
    assert covered.note("b", "LSTM", True) == "b (under LSTM's line)"
    assert covered.note("b", None, False) == "b"
    assert covered.span([1.0, np.nan], [5.0]) == 4.0 and covered.span() == 0.0


def _legend_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def test_repeat_last_on_many_points_is_said_to_lie_under_the_actual_line():
    from rnncast.plots import forecast_figure

    rng = np.random.default_rng(0)
    actual = 15 + rng.normal(0, 0.3, 401).cumsum()
    x = pd.date_range("2016-10-09", periods=400, freq="h")
    fig = forecast_figure(x, actual[1:], {"model (lstm)": actual[1:] + 2, "baseline: repeat the last value": actual[:-1]},
                          "t", "OT")
    texts = _legend_texts(fig)
    assert "baseline: repeat the last value (under the actual line)" in texts
    assert "model (lstm)" in texts  # two units off: seen, not named


def test_a_line_seen_beside_the_actual_one_is_not_said_to_be_under_it():
    from rnncast.plots import forecast_figure

    rng = np.random.default_rng(0)
    actual = 15 + rng.normal(0, 1.0, 31).cumsum()  # 30 points a day apart: the shifted copy is seen
    fig = forecast_figure(pd.date_range("2016-10-09", periods=30, freq="D"), actual[1:],
                          {"model (lstm)": actual[1:], "baseline: repeat the last value": actual[:-1]}, "t", "OT")
    texts = _legend_texts(fig)
    assert "baseline: repeat the last value" in texts
    assert "model (lstm) (under the actual line)" in texts  # a model equal to the actual values: every kind of line


def test_a_backtest_baseline_under_the_actual_line_in_every_window_says_so():
    from rnncast.plots import backtest_figure

    rng = np.random.default_rng(1)
    actual = 15 + rng.normal(0, 0.3, 601).cumsum()
    x = pd.date_range("2016-10-09", periods=600, freq="h")
    windows = [{"x": x[s:s + 100], "forecast": actual[s + 1:s + 101] + 3, "cutoff": s - 1,
                "baselines": {"baseline: repeat the last value": actual[s:s + 100]}} for s in (100, 300, 500)]
    fig = backtest_figure([{"label": "", "x": x, "actual": actual[1:], "windows": windows}], "t")
    assert "baseline: repeat the last value (under the actual line)" in _legend_texts(fig)


def test_a_model_under_a_model_drawn_after_it_says_so():
    from rnncast.plots import forecast_figure

    actual = np.sin(np.arange(60) / 5)
    same = actual + 0.5  # both models learned the same forecast: the second is drawn over the first
    fig = forecast_figure(np.arange(60), actual, {"model (lstm)": same, "model (gru)": same, "baseline: training mean":
                                                  np.zeros(60)}, "t", "y")
    texts = _legend_texts(fig)
    assert "model (lstm) (under model (gru)'s line)" in texts and "model (gru)" in texts


def test_the_legend_drawn_last_holds_every_label_and_the_figure_is_laid_out_once(monkeypatch):
    """The legend was drawn, the figure laid out, and again up to twice: a label renamed after the last legend was
    drawn was left out of it. Now laid out once, and the legend drawn again only where a label changed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    laid: list = []
    real = plt.Figure.draw_without_rendering
    monkeypatch.setattr(plt.Figure, "draw_without_rendering", lambda self: laid.append(1) or real(self))
    x = np.arange(50.0)
    fig, ax = plt.subplots()
    ax.plot(x, np.sin(x), color="k", label="actual")
    ax.plot(x, np.sin(x), label="baseline", gid="b")
    ax.plot(x, np.sin(x) + 3, label="model", gid="m")
    covered.legend(fig, [ax])
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[1] == "baseline (under the actual line)" and labels[2] == "model"
    assert _legend_texts(fig) == labels and len(laid) == 1
    plt.close(fig)


def test_a_model_on_actual_values_drawn_as_points_is_said_to_be_on_them():
    """Decision 1631: a model of the features alone draws points, no line; a model whose every point lies on an actual
    value's is said "(on the actual points)" (drawn over them, not under a line), a baseline beside them nothing."""
    from rnncast.plots import forecast_figure

    actual = np.random.default_rng(0).normal(0, 40, 30)  # 30 points: a step apart is seen (of 200, a dot's width)
    fig = forecast_figure(np.arange(800, 830), actual, {"model (lstm)": actual + 0.1,
                          "baseline: repeat the last value": np.r_[np.nan, actual[:-1]]}, "t", "y", points=True)
    texts = _legend_texts(fig)
    assert "model (lstm) (on the actual points)" in texts and "baseline: repeat the last value" in texts
