"""One look per baseline, keyed by its name (``baselinelooks.py``)."""

from __future__ import annotations

import numpy as np

from rnncast import baselinelooks, plots


def test_a_baseline_is_drawn_alike_whichever_baselines_are_drawn_beside_it():
    """t34t5 LOW 6 (decision 1733): styles went by drawing position, so the climatology took the seasonal naive's dark
    orange dash-dot in a run without a season and its own olive in a run with one."""
    x, actual = np.arange(30), np.sin(np.arange(30.0))
    looks = {}
    for names in (("repeat", "mean", "climatology"), ("repeat", "mean", "seasonal", "climatology"), ("climatology",)):
        predictions = {"model (lstm)": actual + 0.1, **{plots.baseline_label(n, 7): actual + k for k, n in enumerate(names)}}
        for points in (False, True):
            ax = plots.forecast_figure(x, actual, predictions, "t", "y", points=points).axes[0]
            for line in ax.lines:
                if str(line.get_gid()).startswith("baseline"):
                    look = (line.get_color(), str(line.get_linestyle()), line.get_marker() if points else "")
                    assert looks.setdefault((baselinelooks.key(line.get_gid()), points), look) == look
    assert looks[("climatology", False)][0] == baselinelooks.STYLES["climatology"]["color"] == "#767600"
    assert looks[("climatology", True)][2] == baselinelooks.MARKS["climatology"]
    windows = [{"x": x[10:13], "forecast": actual[10:13], "band": None, "cutoff": 9,
                "baselines": {plots.baseline_label("climatology", 1): actual[10:13] + 1}}]
    ax = plots.backtest_figure([{"label": "", "x": x, "actual": actual, "windows": windows}], "backtest").axes[0]
    (line,) = [ln for ln in ax.lines if ln.get_gid() == "baseline: climatology"]
    assert line.get_color() == "#767600"  # the backtest plot's climatology too, the only baseline drawn


def test_a_label_names_its_baseline_and_an_unknown_one_keeps_its_drawing_position():
    assert baselinelooks.key("baseline: seasonal naive (season 24)") == "seasonal"
    assert baselinelooks.key("baseline: training mean") == baselinelooks.key("mean") == "mean"
    assert baselinelooks.key("baseline: drift") is None
    assert baselinelooks.key("baseline: climatology ('A' only)") == "climatology"  # a figure's note (decision 1944)
    assert baselinelooks.key("baseline: repeat the last value ('A', 'B' only) (under the model's line)") == "repeat"
    assert baselinelooks.look("baseline: drift", [1.0, 2.0], 1)["color"] == baselinelooks.STYLES["mean"]["color"]
    assert baselinelooks.look("baseline: climatology", [1.0], 0)["marker"] == "v"  # a lone point marked in its own mark


def test_baseline_lines_stand_out_from_white_and_the_seasonal_naive_is_not_the_models_blue_to_a_deuteranope():
    """t32t5's LOW-8: 'repeat the last value' (grey, alpha 0.7) blended to about #a6a6a6 on white, 2.4:1, the seasonal
    naive line 2.6:1 (WCAG 1.4.11 asks 3:1 of a graphic that carries meaning); under deuteranopia the seasonal
    naive's purple and the model's blue (C0) both turned blue-grey."""
    from matplotlib.colors import to_rgb

    def luminance(rgb):
        c = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    def deutan(rgb):  # Machado, Oliveira & Fernandes (2009), severity 1
        return np.clip(np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                                 [-0.011820, 0.042940, 0.968881]]) @ rgb, 0, 1)

    for style in baselinelooks.STYLES.values():  # every baseline, as drawn over white (the climatology's pale #bcbd22 was 2.2:1,
        # t33t7 L5: decision 1667)
        drawn = baselinelooks.ALPHA * np.array(to_rgb(style["color"])) + (1 - baselinelooks.ALPHA)
        assert 1.05 / (luminance(drawn) + 0.05) >= 3
    model, seasonal = deutan(np.array(to_rgb("C0"))), deutan(np.array(to_rgb(baselinelooks.STYLES["seasonal"]["color"])))
    assert model[2] > model[0] and seasonal[0] > seasonal[2]  # blue against yellow-brown, the axis a deuteranope keeps
    assert len({str(s["ls"]) for s in baselinelooks.STYLES.values()}) == 4  # each its own line style still
