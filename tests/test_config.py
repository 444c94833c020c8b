"""Settings (``config.py``): a bad value is refused in ``fit`` by its name, combinations the networks
cannot train are refused with what to do instead, and the settings group ``Forecaster``'s keyword
arguments as one object that round-trips through its flat form."""

from __future__ import annotations

import re

import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.config import Settings
from rnncast.settingvalues import with_saved_defaults
from test_models import _sine

# ---- refused in fit, by name ------------------------------------------------------------------

@pytest.mark.parametrize("name, value", [("lookback", -1), ("horizon", 0), ("cell", "nope"), ("epochs", 0),
                                         ("batch_size", -3), ("scaler", "robust"), ("lr", 0), ("ema", 1.0),
                                         ("ema", -0.1), ("loss", "huber")])
def test_fit_validates_settings_and_names_the_bad_one(data, name, value):
    with pytest.raises(RnncastError, match=name):
        Forecaster(**{**TINY, name: value}).fit(data, target="y")


def test_mae_loss_with_quantiles_is_refused_not_ignored(data):
    with pytest.raises(RnncastError, match="pinball"):
        Forecaster(**{**TINY, "loss": "mae", "quantiles": (0.1, 0.5, 0.9)}).fit(data, target="y")


@pytest.mark.parametrize("params, words", [
    ({"lookback": 50, "segment": 12}, "lookback 50 is not a whole number of segments of 12"),
    ({"decoder": "parallel"}, r"needs segment > 0 that divides lookback 48 \(e.g. segment=48, --segment 48; one of"),
    # a segment that divides the lookback given, not 48, which lookback 50 refused next (t33t5 L5, decision 1625)
    ({"decoder": "parallel", "lookback": 50}, r"divides lookback 50 \(e.g. segment=25, --segment 25; one of \[1, 2, 5, 10, 25, 50\]\)"),
    ({"segment": 4, "scheme": "sequence"}, "scheme 'sequence'"),
    ({"segment": -1}, r"segment \(--segment\) must be an integer >= 0"),
    ({"decoder": "sideways"}, "unknown decoder 'sideways'"),
])
def test_segment_settings_are_checked_with_a_clear_message(params, words):
    with pytest.raises(RnncastError, match=words):
        Forecaster(**{**TINY, "lookback": 48, **params}).fit(_sine(200))


@pytest.mark.parametrize("levels, message", [
    ((0.1, 0.9), "lack 0.5"),
    ((0.9, 0.5, 0.5), "distinct"),
    ((0.0, 0.5), r"in \(0, 1\)"),
    ("0.1,half", "numbers"),
])
def test_bad_quantile_levels_are_refused(levels, message):
    with pytest.raises(RnncastError, match=message):
        Forecaster(**{**TINY, "quantiles": levels}).fit(make_frame(100), target="y")


def test_quantile_levels_in_any_order_are_sorted_and_duplicates_still_refused():
    """``--quantiles 0.9,0.5,0.1`` was refused for its order; the levels are a set, sorted (decision 1662)."""
    assert Settings.from_flat({"quantiles": "0.9,0.5,0.1"}).model.quantiles == (0.1, 0.5, 0.9)
    assert Settings.from_flat({"quantiles": [0.5, 0.95, 0.05]}).model.quantiles == (0.05, 0.5, 0.95)
    with pytest.raises(RnncastError, match=r"must be distinct levels in \(0, 1\) \(in any order\), got 0.5,0.1,0.9,0.5: "
                                           "0.5 is given twice$"):  # as typed, the repeat named (decision 1723)
        Settings.from_flat({"quantiles": "0.5,0.1,0.9,0.5"})
    with pytest.raises(RnncastError, match=r"in \(0, 1\)"):
        Settings.from_flat({"quantiles": "0.9,0.5,1.5"})


def test_quantiles_from_text_as_the_command_line_gives_them():
    f = Forecaster(**{**TINY, "quantiles": "0.25,0.5,0.75"}).fit(make_frame(100), target="y")
    assert f.net_.spec.quantiles == (0.25, 0.5, 0.75)
    assert "coverage_50" in f.evaluate(make_frame(100))["original"]["model"]


# ---- the settings as one object ---------------------------------------------------------------

def test_settings_group_the_keyword_arguments_and_round_trip_through_flat():
    settings = Settings.from_flat({"lookback": 24, "cell": "gru", "epochs": 3, "quantiles": "0.1,0.5,0.9"})
    assert (settings.data.lookback, settings.model.cell, settings.train.epochs) == (24, "gru", 3)
    assert settings.model.quantiles == (0.1, 0.5, 0.9) and settings.data.horizon == Forecaster().horizon  # the default
    assert Settings.from_flat(settings.flat()) == settings
    with pytest.raises(RnncastError, match=r"unknown setting\(s\) \['hiden_size'\]"):
        Settings.from_flat({"hiden_size": 8})


def test_a_setting_saved_before_it_existed_keeps_its_old_value():
    assert with_saved_defaults({"cell": "gru"}) == {"cell": "gru", "highway": False}  # no highway before it existed
    assert with_saved_defaults({"highway": True})["highway"] is True  # a saved value is kept


def test_a_season_longer_than_the_lookback_names_the_flag_that_fixes_it():
    with pytest.raises(RnncastError, match=r"raise lookback to at least the season \(lookback=52, --lookback 52\) or "
                                           r"give another window_norm$"):
        Settings.from_flat({"season": 52, "window_norm": "season"})
    assert Settings.from_flat({"season": 52}).data.lookback == 50  # the baseline reads the rows before (decision 1778)


def test_a_stack_deeper_than_the_limit_is_refused_before_anything_is_built():
    with pytest.raises(RnncastError, match=r"num_layers \(--num-layers\) 1000000 is more than 64"):
        Settings.from_flat({"num_layers": 10**6})


@pytest.mark.parametrize("name", ["window_scale", "channel_independent", "highway", "future_known", "fill_gaps"])
@pytest.mark.parametrize("value", ["no", 0, None])
def test_an_on_off_setting_that_is_not_true_or_false_is_refused_not_read_as_on(name, value):
    """'no' is truthy: taken as it is, highway='no' would have turned the highway on."""
    with pytest.raises(RnncastError, match=f"{name} must be True or False, got {value!r}"):
        Forecaster(**{**TINY, name: value}).fit(make_frame(100), target="y")


def test_window_scale_with_the_sequence_scheme_is_refused_by_name():
    with pytest.raises(RnncastError, match="scheme 'sequence' does not take window_scale"):
        Forecaster(**{**TINY, "window_scale": True, "scheme": "sequence"}).fit(make_frame(100), target="y")


def test_window_norm_season_without_a_season_is_refused_by_name():
    with pytest.raises(RnncastError, match="window_norm 'season' starts the forecast at the window's last season, "
                                           r"and season is 1: give the period in steps \(season=, --season\): "
                                           "24 for hourly data with a daily cycle, 7 for daily data with a weekly "
                                           "one, 12 for monthly data, 4 for quarterly, 52 for weekly"):
        Forecaster(**{**TINY, "window_norm": "season"}).fit(make_frame(100), target="y")
    with pytest.raises(RnncastError, match="scheme 'sequence' works with window_norm 'last' or 'none', not 'season'"):
        Forecaster(**{**TINY, "window_norm": "season", "season": 4, "scheme": "sequence"}).fit(make_frame(100), target="y")


def test_batch_size_takes_the_full_batch_spellings_of_its_help_in_python_too(tmp_path):
    """Its help says "0 or 'full' for full-batch training", which the flag and config files take; Python
    refused both as "must be a positive integer"."""
    for full in (0, "full", None):
        assert Settings.from_flat({"batch_size": full}).train.batch_size is None
    for bad in (-1, "half", False, 2.5):
        with pytest.raises(RnncastError, match="^" + re.escape("batch_size (--batch-size) must be a positive integer, or 0, "
                                                             f"'full' or None for full-batch training, got {bad!r}") + "$"):
            Settings.from_flat({"batch_size": bad})
    model = Forecaster(**{**TINY, "batch_size": "full", "epochs": 1}).fit(make_frame(120), target="y")
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").settings_.train.batch_size is None


def test_another_librarys_name_among_settings_is_answered_with_rnncasts():
    with pytest.raises(RnncastError, match=r"^n_epochs is not a setting of rnncast: the number of epochs is epochs"):
        Settings.from_flat({"n_epochs": 3})


def test_tz_help_says_daily_times_of_changing_offsets_are_refused_as_they_are():
    """--help said such times are read "in UTC, with a warning"; Berlin's daily closes at +01:00 and +02:00 are refused."""
    import dataclasses

    import pandas as pd

    from rnncast.config import DataSettings
    from rnncast.loading import load_panel

    said = next(f for f in dataclasses.fields(DataSettings) if f.name == "tz").metadata["help"]
    assert "read in UTC with a warning where their calendar holds there (hourly)" in said
    assert "refused where it holds only on their own clock (daily closes)" in said
    closes = pd.bdate_range("2024-03-01", "2024-04-30") + pd.Timedelta("17:30:00")
    text = closes.tz_localize("Europe/Berlin").strftime("%Y-%m-%d %H:%M:%S%z")
    with pytest.raises(RnncastError, match="give tz= \\(--tz\\) the zone they were written in, e.g. Europe/Berlin"):
        load_panel(pd.DataFrame({"ds": text, "y": range(len(text))}), "y")


@pytest.mark.parametrize("given, refusal", [
    ({"future_known": True}, "does not take future_known features"), ({"quantiles": (0.1, 0.9)}, "does not train quantiles"),
    ({"window_norm": "mean"}, "works with window_norm 'last' or 'none'"),
    ({"window_norm": "season", "season": 4, "lookback": 8}, "works with window_norm 'last' or 'none'")])
def test_the_sequence_schemes_help_names_every_setting_it_refuses(given, refusal):
    """`fit --help` and README presented scheme 'sequence' as general, and it refuses future-known features."""
    import dataclasses

    from rnncast.config import DataSettings, ModelSettings, TrainSettings
    from rnncast.settingchecks import check_combinations

    said = next(f for f in dataclasses.fields(TrainSettings) if f.name == "scheme").metadata["help"]
    assert "it takes no future-known features, no quantiles and no window_norm 'mean' or 'season'" in said
    data = {k: v for k, v in given.items() if k in {f.name for f in dataclasses.fields(DataSettings)}}
    model = {k: v for k, v in given.items() if k not in data}
    with pytest.raises(RnncastError, match=refusal):
        check_combinations(DataSettings(**data), ModelSettings(**model), TrainSettings(scheme="sequence"))


@pytest.mark.parametrize("given", ["LSTM", "Gru", " rnn "])
def test_a_cell_named_in_capitals_is_that_cell_and_an_unknown_one_is_refused_with_the_cells(given):
    """Forecaster(cell="LSTM") was refused at fit "unknown cell 'LSTM'"; __init__ keeps it as given (sklearn)."""
    assert Settings.from_flat({"cell": given}).model.cell == given.strip().lower()
    model = Forecaster(cell=given)
    assert model.get_params()["cell"] == given
    for unknown in ("LSTMx", "transformer"):
        with pytest.raises(RnncastError, match=rf"^unknown cell '{unknown}'; choose one of: rnn, lstm, gru$"):
            Settings.from_flat({"cell": unknown})


def test_every_choice_in_capitals_is_that_choice_at_fit_and_in_saved_settings():
    """Forecaster(scaler="MinMax") was taken, then refused at fit ("unknown scaler 'MinMax'"); cell="LSTM" fitted."""
    flat = {"scaler": "MinMax", "window_norm": "LAST", "loss": "MAE", "device": "CPU", "lr_schedule": "Cosine"}
    settings = Settings.from_flat(flat)
    assert (settings.data.scaler, settings.model.window_norm, settings.train.loss, settings.train.device,
            settings.train.lr_schedule) == ("minmax", "last", "mae", "cpu", "cosine")
    assert with_saved_defaults(flat) == {"highway": False, **{k: v.lower() for k, v in flat.items()}}
    assert Forecaster(scaler="MinMax").get_params()["scaler"] == "MinMax"  # kept as given (sklearn)
    with pytest.raises(RnncastError, match=r"^unknown scaler 'MinMaxx'; choose one of: standard, minmax, none$"):
        Settings.from_flat({"scaler": "MinMaxx"})


def test_a_forecaster_with_cell_gru_in_capitals_fits_a_gru():
    model = Forecaster(**{**TINY, "epochs": 1}, cell="GRU").fit(make_frame(), target="y")
    assert type(model.net_.encoder).__name__ == "GRU"
