"""What a forecast is made of (``madeof.py``): the level, the linear highway and the cell, said from the
settings as ``models``'s forward adds them up, on a run's page and in a figure's legend."""

from __future__ import annotations

import pytest

from rnncast import Forecaster
from rnncast.settingvalues import CHOICES
from rnncast.madeof import legend_label, parts, quoted, sentence


def test_the_defaults_are_the_last_value_plus_the_highway_plus_the_cells_correction():
    params = Forecaster(cell="lstm").get_params()
    assert params["window_norm"] == "last" and params["highway"] is True  # the defaults this sentence says
    text = sentence(params, "매출")
    assert text.startswith("How this model forecasts: each forecast = the last value of '매출' in the window + a linear "
                           "map of the window's values of '매출' (the linear highway) + the LSTM's correction.")
    assert "--no-highway" in text and "compare the cells themselves" in text
    assert "trained together and this model's scores weigh both" in text


def test_a_run_without_scores_says_a_backtest_of_its_settings_weighs_both():
    """Decision 2159: a final fit's page (no test and no validation rows) said "this model's scores weigh both" of
    scores it does not have."""
    text = sentence(Forecaster().get_params(), "y", scored=False)
    assert "trained together and the scores of a backtest of these settings weigh both" in text
    assert "this model's scores" not in text


def test_without_the_highway_the_cell_forecasts_the_change_from_the_level_or_the_value_itself():
    assert parts({"cell": "gru", "window_norm": "last", "highway": False}) == [
        "the last value in the window", "the GRU's correction"]
    assert "learns only the change from that level" in sentence({"cell": "gru", "window_norm": "last", "highway": False})
    alone = sentence({"cell": "rnn", "window_norm": "none", "highway": False})
    assert alone == "How this model forecasts: each forecast = the RNN's output (a linear layer on its last state)."


def test_other_levels_the_spread_future_covariates_and_a_named_cell():
    assert parts({"cell": "lstm", "window_norm": "mean", "highway": False}, cell="cell") == [
        "the mean over the window", "the cell's correction"]
    assert parts({"cell": "gru", "window_norm": "season", "highway": True}, "y")[0] == (
        "the window's last season of 'y', repeated (seasonal naive)")
    assert "multiplied by the window's spread" in sentence({"cell": "gru", "window_norm": "last", "window_scale": True})
    assert parts({"cell": "lstm", "window_norm": "none", "highway": True}, future=True)[-1] == (
        "the LSTM's correction (read from the window and the covariates known at the forecast step)")


def test_the_cell_names_the_past_future_known_and_static_covariates_it_reads():
    params = {"cell": "lstm", "window_norm": "last", "highway": False}
    assert parts(params, "y", past=["x"])[-1] == "the LSTM's correction (read from the window's values of 'y' and the covariate 'x')"
    assert parts(params, None, ["f"], past=["p1", "p2"], static=["size"])[-1] == (
        "the LSTM's correction (read from the window's values of the target and the covariates 'p1', 'p2', 'f', and 'f' "
        "known at the forecast step, with the static covariate 'size')")
    many = parts(params, "y", [], past=[f"c{i}" for i in range(12)])[-1]
    assert many.endswith("the covariates 'c0', 'c1', 'c2', 'c3', 'c4', 'c5' and 6 more)")
    assert parts(params, "y", [])[-1] == "the LSTM's correction"  # the target alone: nothing more to name


def test_several_targets_say_each_ones_level_the_shared_highway_and_whether_the_cell_reads_them_apart():
    """A 7-target --channel-independent run's page read "a linear map of the window's values of the target": one target,
    and not whether the targets share the map (they do: one Linear(lookback, horizon), levels.highway) or the cell."""
    params = {"cell": "lstm", "window_norm": "last", "highway": True, "channel_independent": True}
    assert parts(params, targets=7) == [
        "the last value of each target in the window",
        "a linear map of each target's values in the window (the linear highway: one map shared by the 7 targets)",
        "the LSTM's correction (one network shared by the 7 targets, each target's window read alone)"]
    together = parts({**params, "channel_independent": False}, targets=3)
    assert together[-1] == "the LSTM's correction (read from the window's values of the 3 targets together)"
    assert parts({**params, "channel_independent": False}, past=["x"], targets=3)[-1] == (
        "the LSTM's correction (read from the window's values of the 3 targets together and the covariate 'x')")
    assert parts({**params, "window_norm": "mean"}, targets=2)[0] == "the mean of each target over the window"
    assert "the 7 targets" in sentence(params, targets=7) and parts(params, "y") == parts(params, "y", targets=1)


def test_the_legend_names_the_highway_where_it_is_on():
    assert legend_label({"cell": "lstm", "highway": True}) == "model (lstm + linear highway)"
    assert legend_label({"cell": "rnn", "highway": False}) == "model (rnn)"


@pytest.mark.parametrize("window_norm", CHOICES["window_norm"])
@pytest.mark.parametrize("window_scale", [False, True])
@pytest.mark.parametrize("highway", [False, True])
def test_every_combination_says_the_pieces_models_adds_up(window_norm, window_scale, highway):
    """models: start + (head + highway), or start + spread * (head + highway) with the window's spread."""
    params = {"cell": "gru", "window_norm": window_norm, "window_scale": window_scale, "highway": highway}
    text = sentence(params, "y")
    assert ("the last value of 'y' in the window" in text) == (window_norm == "last")
    assert ("the mean of 'y' over the window" in text) == (window_norm == "mean")
    assert ("seasonal naive" in text) == (window_norm == "season")
    assert ("(the linear highway)" in text) == highway and ("highway's" in text) == (highway and window_scale)
    assert ("multiplied by the window's spread" in text) == window_scale
    assert ("divided by it" in text) == window_scale
    alone = window_norm == "none" and not highway
    assert ("the GRU's output (a linear layer on its last state)" in text) == alone
    assert ("the GRU's correction" in text) == (not alone)
    assert ("learns only the change from that level" in text) == (window_norm != "none" and not highway)


def test_a_name_with_both_quote_kinds_is_shown_as_written():
    name = "매출 <b>&\"x'"
    text = sentence({"cell": "lstm", "window_norm": "last", "highway": False}, name)
    assert f"\u201c{name}\u201d" in text and "\\" not in text
    assert quoted("it's") == "\"it's\"" and quoted("y") == "'y'"


def test_a_run_that_kept_the_untrained_network_says_so_in_the_legend():
    """A tester's diverged run (1231): the page said the model is the untrained network, forecast.png's legend
    "model (lstm + linear highway)" as of a trained one."""
    assert legend_label({"cell": "lstm", "highway": True}, untrained=True) == "model (lstm + linear highway, untrained)"
    assert legend_label({"cell": "gru", "highway": False}, True) == "model (gru, untrained)"
    assert legend_label({"cell": "gru", "highway": False}) == "model (gru)"
