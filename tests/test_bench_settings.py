"""The ``--set`` settings of a ``bench`` command (rnncast.bench.settings): typed as the Forecaster's, for every
recurrent model or one; the protocol's own settings, another library's name and another command's flag refused by
name; and how hints spell a setting for a bench user."""

from __future__ import annotations

import pytest

from rnncast.bench import settings
from rnncast.errors import RnncastError


def test_set_applies_to_all_cells_or_one():
    common, per_cell = settings.parse_settings(["epochs=8", "rnn:lr=0.0003", "batch_size=full"])
    assert common == {"epochs": 8, "batch_size": None} and per_cell == {"rnn": {"lr": 0.0003}}


def test_hints_spell_settings_as_bench_takes_them():
    assert settings.set_spelling("epochs") == "--set epochs=N" and settings.set_spelling("lr") == "--set lr=X"
    assert settings.set_spelling("highway") == "--set highway=true|false" and settings.set_spelling("highway", True) == "--set highway=true"
    assert settings.set_spelling("season", 52) == "--set season=52" and settings.set_spelling("device", "auto") == "--set device=auto"
    assert settings.set_spelling("lookback", 60) == "--lookback 60" and settings.set_spelling("horizon") == "--horizons N"


@pytest.mark.parametrize("item, message", [
    ("lookback=12", "bad --set 'lookback=12': lookback is fixed by the LTSF protocol .give --lookback N., not set per "
                    "model"),
    ("horizon=12", "horizon is fixed by the LTSF protocol .give --horizons N."),
    # they read a time column, and the rows the networks get have none: they stopped the run after Repeat,
    # naming time_col= and --time-col, which bench does not have
    ("freq=D", "bad --set 'freq=D': freq is fixed by the LTSF protocol .bench reads the table by it."),
    ("lstm:tz=UTC", "tz is fixed by the LTSF protocol"),
    ("fill_gaps=true", "fill_gaps is fixed by the LTSF protocol"),
    ("cutoff=2017-06-30", "cutoff is fixed by the LTSF protocol .every model is trained and scored under it."),  # its borders
    ("future_known=true", "future_known is fixed by the LTSF protocol"), ("target_input=false", "target_input is fixed by"),
])
def test_the_protocols_settings_are_refused_saying_whose_they_are(item, message):
    with pytest.raises(RnncastError, match=message) as caught:
        settings.parse_settings([item])
    assert ", seed," not in str(caught.value)  # --set seed= is refused too: the seed is --seed


def test_a_setting_set_twice_in_one_scope_is_refused_and_a_models_own_still_overrides():
    with pytest.raises(RnncastError, match=r"^--set epochs is given twice, as 2 and then as 3; give it once "
                                           r"\(MODEL:epochs=VALUE sets one model's\)$"):
        settings.parse_settings(["epochs=2", "hidden-size=8", "epochs=3"])
    with pytest.raises(RnncastError, match=r"^--set rnn:hidden_size is given twice, as 8 and then as 16; give it once$"):
        settings.parse_settings(["rnn:hidden-size=8", "rnn:hidden_size=16"])
    assert settings.parse_settings(["epochs=2", "rnn:epochs=3", "epochs=2"]) == ({"epochs": 2}, {"rnn": {"epochs": 3}})

@pytest.mark.parametrize("item, message", [
    # was "did you mean 'batch_size'?": another library's name is looked up before any spelling guess (1032)
    ("test_size=0.2", r"test_size is not rnncast's name: the test part is rnncast's test_frac \(.*\), fixed by the LTSF "
                      r"protocol \(every model is trained and scored under it\)$"),
    ("seq_len=48", r"the input window is rnncast's lookback \(.*\), fixed by the LTSF protocol \(give --lookback N\)$"),
    ("learning_rate=0.1", r"learning_rate is not rnncast's name: the learning rate is lr \(of the Adam optimizer\)$"),
])
def test_another_librarys_name_in_set_is_answered_with_rnncasts(item, message):
    with pytest.raises(RnncastError, match=message):
        settings.parse_settings([item])


def test_the_protocol_is_named_as_the_bench_given():
    with pytest.raises(RnncastError, match="scaler is fixed by the ETT protocol"):
        settings.parse_settings(["scaler=none"], "ETT")


@pytest.mark.parametrize("item, said", [
    ("n_windows=3", "n_windows is a flag of rnncast backtest (--n-windows), given on the command line"),
    ("gru:trials=5", "trials is a flag of rnncast tune (--trials), given on the command line")])
def test_another_commands_flag_in_set_is_named_as_a_config_file_names_it(tmp_path, item, said):
    """--set n_windows=3 asked "did you mean 'window_norm'?" and --set trials=5 gave no pointer, where a config file
    holding either key names the command whose flag it is (a tester's finding, decision 1553)."""
    from rnncast.cli.parser import build_parser

    args = build_parser().parse_args(["bench", "ltsf", "--data", str(tmp_path / "x.csv"), "--set", item])
    with pytest.raises(RnncastError) as refused:
        settings.parse_settings(args.settings, "LTSF", args.command_flags)  # as make_plan hands them over
    assert str(refused.value).startswith(f"bad --set {item!r}: {said}; --set takes the models' settings: batch_size, ")
    with pytest.raises(RnncastError, match=r"did you mean 'window_norm'"):
        settings.parse_settings(["n_windowz=3"], "LTSF", args.command_flags)  # a misspelling: its nearest, as before
