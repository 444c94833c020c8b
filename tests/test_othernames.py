"""Other libraries' names for rnncast's settings (``othernames.py``): one table, looked up by the API's,
the settings text's and the command line's refusals of a name they do not know."""

from __future__ import annotations

import pytest

from rnncast.config import setting_fields
from rnncast.othernames import OTHER_NAMES, SHUFFLING, TRAINING_WINDOW, by_time, not_a_setting, other_name

SETTINGS = [f.name for f in setting_fields()]


def test_every_other_name_points_to_a_name_of_rnncast_and_is_none_itself():
    from rnncast.configfile import accepted_keys
    backtest = ["step", "refit", "n_windows", "trials"]  # backtest's and tune's own keywords and flags
    named = {s for setting, _, _ in OTHER_NAMES.values() for s in setting.split("|")}
    assert named <= set(accepted_keys()) | set(backtest)
    assert not (set(OTHER_NAMES) | SHUFFLING) & (set(accepted_keys()) | set(backtest))


@pytest.mark.parametrize("name, said", [
    ("test_size", "test_size is not a setting of rnncast: the test part is test_frac (the last fraction of each "
                  "series' rows)"),
    ("sequence_length", "sequence_length is not a setting of rnncast: the input window is lookback (input steps the "
                        "network sees for each forecast)"),
    ("output_chunk_length", "output_chunk_length is not a setting of rnncast: the forecast length is horizon (steps "
                            "forecast at once, fixed when the model is fitted)"),
    ("learning_rate", "learning_rate is not a setting of rnncast: the learning rate is lr (of the Adam optimizer)"),
])
def test_another_librarys_name_is_answered_with_rnncasts(name, said):
    assert not_a_setting(name, SETTINGS) == said


def test_a_flag_is_looked_up_as_its_keyword_and_answered_in_the_readers_spelling():
    flag = lambda setting: "--" + setting.replace("_", "-")  # noqa: E731
    assert other_name("--seq-len", SETTINGS, flag) == ("the input window is --lookback (input steps the network sees "
                                                       "for each forecast)")


def test_shuffling_is_answered_with_the_split_by_time():
    said = not_a_setting("shuffle", SETTINGS)
    assert said == "shuffle is not a setting of rnncast: " + by_time()
    assert "splits every series by time" in said and "random order each epoch" in said
    assert said.endswith("an order that cannot be switched off and need not be: windows are shuffled within the "
                         "training part only")  # Forecaster(shuffle=False), as Keras users pass it


def test_a_name_the_reader_cannot_give_is_named_as_not_taken_here_and_no_other_name_is_not_answered():
    assert other_name("test_size", ["lookback"]) == ("the test part is rnncast's test_frac (the last fraction of each "
                                                     "series' rows), which is not taken here")  # not a spelling guess
    assert other_name("shuffle", ["lookback"]) == ""
    assert not_a_setting("lookbak", SETTINGS) == "" and not_a_setting("lookback", SETTINGS) == ""


# Each other tool's name (NeuralForecast, Darts, ...) x each entry point: a flag, a keyword, a config key. Each
# is answered with rnncast's name, never a spelling guess (--stride was "did you mean '--series'").
NAMES = [  # (other name, command, the flag named, the keyword named, words the advice holds)
    ("input_size", "fit", "--lookback", "lookback", "input window"),
    ("input_dim", "fit", "--features", "features", "number of columns, rnncast takes from the data"),  # was "unknown"
    ("output_dim", "fit", "--horizon", "horizon", "set by the horizon and the targets"),
    ("h", "fit", "--horizon", "horizon", "fixed when the model is fitted"),
    ("seq_len", "fit", "--lookback", "lookback", "input window"),
    ("input_chunk_length", "fit", "--lookback", "lookback", "input window"),
    ("output_chunk_length", "fit", "--horizon", "horizon", "forecast length"),
    ("max_steps", "fit", "--epochs", "epochs", "maps to no one setting"),
    ("level", "fit", "--quantiles", "quantiles", "level 7 is"),  # computed from the 7 given: 0.465,0.5,0.535
    ("futr_exog_list", "fit", "--future-covariates", "future_covariates", "known ahead"),
    ("hist_exog_list", "fit", "--past-covariates", "past_covariates", "forecast time"),
    ("stat_exog_list", "fit", "--static-covariates", "static_covariates", "attribute"),
    ("stride", "backtest", "--step", "step", "cutoffs"),
    ("step_size", "backtest", "--step", "step", "cutoffs"),
    ("start", "backtest", "--cutoff", "cutoff", "first backtest cutoff"),
    ("retrain", "backtest", "--refit", "refit", "fresh model"),
    ("time_idx", "fit", "--time-col", "time_col", "time column"),  # pytorch-forecasting: was "did you mean --time-unit"
    ("unique_id", "fit", "--id-col", "id_col", "id column"),  # NeuralForecast
    ("group_cols", "fit", "--id-col", "id_col", "id column"),  # Darts
    ("max_encoder_length", "fit", "--lookback", "lookback", "input window"),
]


@pytest.mark.parametrize("other, command, flag, _, words", NAMES)
def test_a_flag_of_another_tool_is_answered_with_rnncasts(capsys, other, command, flag, _, words):
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([command, "data.csv", "--" + other.replace("_", "-"), "7"])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1
    assert f" is {flag} (" in said and words in said and "did you mean" not in said


@pytest.mark.parametrize("other, command, _, keyword, words", NAMES)
def test_a_keyword_of_another_tool_is_answered_with_rnncasts(other, command, _, keyword, words):
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    model = Forecaster(lookback=4, horizon=2, epochs=1)
    call = {"fit": model.fit, "backtest": model.backtest}[command]
    at = Forecaster if keyword in SETTINGS else call  # a setting: Forecaster's keyword; else the call's
    with pytest.raises(RnncastError) as err:
        at(pd.DataFrame({"y": range(30)}), **{other: 7}) if at is call else at(**{other: 7})
    assert f" is {keyword} (" in str(err.value) and words in str(err.value) and "did you mean" not in str(err.value)


@pytest.mark.parametrize("other, command, flag, keyword, words", NAMES)
def test_a_config_key_of_another_tool_is_answered_with_rnncasts(tmp_path, other, command, flag, keyword, words):
    from rnncast import RnncastError
    from rnncast.cli.parser import build_parser
    from rnncast.configfile import read_config
    (tmp_path / "c.toml").write_text(f"{other} = 7\n")
    args = build_parser().parse_args(["fit", "d.csv", "--config", str(tmp_path / "c.toml")])
    with pytest.raises(RnncastError) as err:
        read_config(tmp_path / "c.toml", args.command_flags)  # as fit reads it: with the other commands' flags
    said = str(err.value)
    assert (f" is {keyword} (" in said or f" is {flag} (" in said) and words in said and "did you mean" not in said
    if command == "backtest" and keyword not in ("cutoff",):  # a flag of backtest, not a key of a config file
        assert "a flag of rnncast backtest" in said


@pytest.mark.parametrize("call", ["predict", "evaluate"])
def test_h_given_to_a_fitted_models_call_says_the_horizon_is_fixed_at_fit(call):
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    with pytest.raises(RnncastError, match="horizon .*fixed when the model is fitted"):
        getattr(Forecaster(lookback=4, horizon=2), call)(pd.DataFrame({"y": range(30)}), h=3)


@pytest.mark.parametrize("args", [["predict", "run", "--h", "7"], ["predict", "run", "--he"], ["fit", "d.csv", "--look", "4"],
                                  ["backtest", "d.csv", "--n-win", "2"]])
def test_no_flag_is_taken_shortened(capsys, args):
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(args)
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1 and "usage" not in said
    if args[2] in ("--look", "--n-win"):
        assert "given whole, not shortened: write --" in said


@pytest.mark.parametrize("value, said", [
    ([80, 90], "look like interval percents (NeuralForecast's level=); quantiles are levels in (0, 1): level 80,90 is "
               "quantiles='0.05,0.1,0.5,0.9,0.95', --quantiles 0.05,0.1,0.5,0.9,0.95"),
    ([0.8, 0.9], "lack 0.5: the point forecast is the median; give 0.1,0.2,0.5,0.8,0.9"),
    # percentiles (they hold 50, or are symmetric about it): each / 100 first, the interval reading after (t28t8)
    ([5, 50, 95], "look like percentiles; quantiles are levels in (0, 1): give quantiles='0.05,0.5,0.95', --quantiles "
                  "0.05,0.5,0.95 (each divided by 100); were they interval percents"),
    ([10, 90], "give quantiles='0.1,0.5,0.9', --quantiles 0.1,0.5,0.9 (each divided by 100)"),
    ([25, 50, 75], "give quantiles='0.25,0.5,0.75'"),
    # a mirror written 1 to 6 significant digits is refused, so never advised
    ([1e-7, 0.9], "lack 0.5: the point forecast is the median; give 1e-07,0.1,0.5,0.9, the median"),
])
def test_quantiles_as_percents_or_one_sided_are_answered_with_a_set_that_has_intervals(value, said):
    from rnncast import RnncastError
    from rnncast.config import Settings
    with pytest.raises(RnncastError) as err:
        Settings.from_flat({"quantiles": value})  # Forecaster(quantiles=...), --quantiles and a config file's alike
    assert said in str(err.value)


def test_a_quantile_loss_points_at_quantiles():
    from rnncast import RnncastError
    from rnncast.config import Settings
    with pytest.raises(RnncastError, match="'MQLoss' is a quantile loss: .*quantiles"):
        Settings.from_flat({"loss": "MQLoss"})


def test_a_covariates_table_is_told_to_be_merged_onto_the_data():
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    data = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=30), "y": range(30)})
    with pytest.raises(RnncastError, match="merge this table onto the data on the time") as err:
        Forecaster(lookback=4, horizon=2, epochs=1).fit(data, past_covariates=data[["t"]].assign(price=1.0))
    assert "pre-made windows" not in str(err.value)


@pytest.mark.parametrize("call, said", [
    ("tune", "given to tune as settings={'horizon': ...}"), ("backtest", "given as Forecaster(horizon=...)")])
def test_a_setting_by_another_name_given_to_a_call_says_where_the_setting_goes(call, said):
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    from rnncast.tuning import tune
    at = tune if call == "tune" else Forecaster().backtest
    with pytest.raises(RnncastError) as err:
        at(pd.DataFrame({"y": range(30)}), h=7)
    assert "the forecast length is horizon" in str(err.value) and said in str(err.value)


@pytest.mark.parametrize("args, flag", [(["tune", "d.csv", "--n-trials", "5"], "--trials"),
                                        (["tune", "d.csv", "--num-samples", "5"], "--trials")])
def test_a_tuners_trials_flag_is_answered_with_rnncasts(capsys, args, flag):
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit):
        build_parser().parse_args(args)
    said = capsys.readouterr().err
    assert f"the number of tuning trials is {flag} (" in said and "did you mean" not in said


@pytest.mark.parametrize("loss", ["MQLoss", "quantile", "pinball_loss"])
def test_a_quantile_loss_flag_points_at_quantiles(capsys, loss):
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["fit", "d.csv", "--loss", loss])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and f"{loss!r} is a quantile loss" in said and "--quantiles 0.1,0.5,0.9" in said


def test_static_df_is_answered_with_the_static_table_as_each_reader_takes_it(capsys, tmp_path):
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    from rnncast.cli.parser import build_parser
    from rnncast.configfile import read_config
    with pytest.raises(SystemExit):
        build_parser().parse_args(["fit", "d.csv", "--static-df", "s.csv"])
    assert "the table of per-series attributes is --static (" in capsys.readouterr().err
    with pytest.raises(RnncastError, match="the table of per-series attributes is static_covariates \\("):
        Forecaster(lookback=4, horizon=2).fit(pd.DataFrame({"y": range(30)}), static_df=pd.DataFrame())
    (tmp_path / "c.toml").write_text('static_df = "s.csv"\n')
    with pytest.raises(RnncastError, match="the table of per-series attributes is static \\("):
        read_config(tmp_path / "c.toml")


FIT_ONLY = ["--nonnegative", "--no-nonnegative", "--lookback", "--horizon", "--quantiles", "--cell", "--id-col",
            "--time-col", "--epochs"]


@pytest.mark.parametrize("flag", FIT_ONLY)
@pytest.mark.parametrize("command, args, whose", [("predict", ["run", "d.csv"], "the run's own"),
                                                  ("evaluate", ["run", "d.csv"], "the run's own"),
                                                  ("export", ["run", "--onnx", "m.onnx"], "the run's own"),
                                                  ("compare", ["a", "b", "--data", "d.csv"], "each run's own")])
def test_a_setting_of_fit_given_to_a_command_of_a_fitted_run_is_said_fixed_at_fit(capsys, flag, command, args, whose):
    """``predict --nonnegative`` said only "has no flag --nonnegative": every fit setting and column role that a
    command of a fitted run lacks is said to be fixed when the model is fitted."""
    from rnncast.cli.parser import build_parser
    value = [] if flag.endswith("nonnegative") else ["3"]
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([command, *args, flag, *value])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1
    what = "column role" if flag in ("--id-col", "--time-col") else "setting"
    assert f"{flag} is a {what} of rnncast fit, fixed when the model is fitted: {command} uses {whose}; to change it, " \
           "fit again: rnncast fit --config RUN " in said  # no run to read here: its value unsaid, RUN named


def test_another_name_given_to_predict_is_said_fixed_at_fit_once(capsys):
    from rnncast.cli.parser import build_parser
    for flag in ("--h", "--unique-id"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["predict", "run", "d.csv", flag, "3"])
        said = capsys.readouterr().err
        assert said.count("fixed when the model is fitted") == 1 and "predict uses the run's own" in said
        assert "not taken here" not in said


@pytest.mark.parametrize("flag, said", [("--pred-len", "given here as --horizons N"), ("--h", "given here as --horizons N"),
                                        ("--n-epochs", "given here as --set epochs=N"),
                                        ("--epochs", "--epochs is given here as --set epochs=N"),
                                        ("--hidden-dim", "given here as --set hidden_size=N")])
def test_bench_answers_a_setting_it_takes_otherwise_with_how_it_takes_it(capsys, flag, said):
    """bench has --horizons and --set KEY=VALUE, not --horizon or --epochs: "is not taken here" was wrong."""
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["bench", "ett", flag, "96"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and said in err and "not taken here" not in err


def test_a_column_role_given_to_a_call_without_it_says_it_goes_to_fit():
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    with pytest.raises(RnncastError, match=r"the time column is rnncast's time_col .*fit\(data, time_col=...\)"):
        Forecaster(time_idx="date")
    with pytest.raises(RnncastError, match=r"predict takes no id_col=: it is a column role given to fit"):
        Forecaster(lookback=4, horizon=2).predict(pd.DataFrame({"y": range(30)}), id_col="sid")


def test_a_name_not_taken_here_says_where_it_is_taken_in_the_readers_words(capsys):
    """t26t8: Forecaster(futr_exog_list=["a"]) and Forecaster(stride=2) said "..., which is not taken here" and no
    more; each now names the calls (Python) or commands (a flag) that take it."""
    from rnncast import Forecaster, RnncastError
    from rnncast.cli.parser import build_parser
    with pytest.raises(RnncastError, match=r"rnncast's future_covariates \(.*\), a column role given to fit "
                                           r"\(fit\(data, future_covariates=\.\.\.\)\)"):
        Forecaster(futr_exog_list=["a"])  # a column role: said as such (1082), where fit takes it
    with pytest.raises(RnncastError, match=r"rnncast's step \(.*\), which is not taken here: give it to "
                                           r"backtest\(\.\.\., step=\)$"):
        Forecaster(stride=2)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["fit", "d.csv", "--stride", "2"])
    said = capsys.readouterr().err
    assert "is rnncast's --step (" in said and "which is not taken here: it is a flag of rnncast backtest (" in said


def test_where_a_name_is_taken_is_true_of_every_call_and_command_named():
    """Each call TAKEN_AT names takes the keyword, each command takes the flag: the table cannot drift from them."""
    import inspect

    import rnncast
    from rnncast import Forecaster
    from rnncast.cli.parser import build_parser
    from rnncast.othernames import TAKEN_AT
    flags = build_parser().get_default("command_flags")
    for setting, (own, calls, commands) in TAKEN_AT.items():
        for call in calls:
            at = rnncast.tune if call == "rnncast.tune" else getattr(Forecaster, call)
            assert own in inspect.signature(at).parameters, (setting, call)
        assert set(commands) <= set(flags[setting][0]), setting


def test_another_library_s_method_names_rnncast_s_in_the_attribute_error():
    """t26t5: model.cross_validation(...) and historical_forecasts(...) raised a plain AttributeError; each says
    rnncast's method, and hasattr stays False (scikit-learn's checks read hasattr)."""
    from rnncast import Forecaster
    from rnncast.othernames import METHODS

    model = Forecaster()
    for name, (_, ours) in METHODS.items():
        with pytest.raises(AttributeError, match=rf"no attribute '{name}': .* is rnncast's {ours.split('(')[0]}\("):
            getattr(model, name)
        assert not hasattr(model, name) and hasattr(model, ours.split("(")[0])
    with pytest.raises(AttributeError, match=r"no attribute 'nothing_such'$"):
        model.nothing_such


@pytest.mark.parametrize("given, level, quantiles", [(["80", "95"], "80,95", "0.025,0.1,0.5,0.9,0.975"),
                                                     (["--level=95"], "95", "0.025,0.5,0.975"),
                                                     (["80,90"], "80,90", "0.05,0.1,0.5,0.9,0.95")])
def test_levels_advice_is_computed_from_the_levels_given_as_a_flag(capsys, given, level, quantiles):
    """``--level 80 95`` was answered with the fixed example, level 80,90 (decision 1032 left it)."""
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit):
        build_parser().parse_args(["fit", "d.csv", *(given if given[0].startswith("--") else ["--level", *given])])
    assert f"level {level} is --quantiles {quantiles} (each interval's two ends" in capsys.readouterr().err


def test_levels_advice_is_computed_from_the_keyword_and_the_config_key(tmp_path):
    import pandas as pd

    from rnncast import Forecaster, RnncastError
    from rnncast.configfile import read_config
    with pytest.raises(RnncastError, match=r"level 80,95 is quantiles 0\.025,0\.1,0\.5,0\.9,0\.975 \("):
        Forecaster(level=[80, 95])
    with pytest.raises(RnncastError, match=r"level 50 is quantiles 0\.25,0\.5,0\.75 \("):
        Forecaster(lookback=4, horizon=2).backtest(pd.DataFrame({"y": range(30)}), level=50)
    with pytest.raises(RnncastError, match=r"level 99 is quantiles 0\.005,0\.5,0\.995 \("):
        Forecaster().set_params(level=[99])
    (tmp_path / "c.toml").write_text("level = [80, 95]\n")
    with pytest.raises(RnncastError, match=r"level 80,95 is quantiles 0\.025,0\.1,0\.5,0\.9,0\.975 \("):
        read_config(tmp_path / "c.toml")
    with pytest.raises(RnncastError, match=r"level 80,90 is quantiles 0\.05,"):  # no percent given: the example
        Forecaster(level="high")


def test_mirrored_never_adds_a_level_the_columns_would_name_0_or_1():
    from rnncast.othernames import mirrored, percentiles
    assert mirrored([1e-7]) == [1e-7, 0.5] and mirrored([0.2]) == [0.2, 0.5, 0.8]
    assert mirrored([0.3, 0.7]) == [0.3, 0.5, 0.7]
    assert percentiles([80, 90]) is None and percentiles([5, 50, 95]) == [0.05, 0.5, 0.95]


EXPANDING = ("training uses every row up to the cutoff (an expanding window); a fixed-length (sliding) training window "
             "is not offered; the input window each forecast reads is ")


@pytest.mark.parametrize("args", [["--window", "sliding"], ["--train-window", "100"], ["--window=rolling"]])
def test_a_sliding_training_window_is_answered_with_the_expanding_one(capsys, args):
    """--window sliding was pointed at the lookback and --train-window at --n-windows: a forecaster asking for a
    sliding against an expanding window learnt nothing (a tester's finding, decision 1554)."""
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["backtest", "data.csv", "--target", "y", *args])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1
    assert f"unknown flag {args[0].split('=')[0]}: {EXPANDING}--lookback (" in said, said


def test_window_sliding_as_a_keyword_is_answered_so_and_a_window_length_is_still_the_lookback():
    assert not_a_setting("window", SETTINGS, value="sliding") == f"window is not a setting of rnncast: {EXPANDING}lookback"
    assert other_name("window", SETTINGS, value=20).startswith("the input window is lookback (")
    assert all(other_name(name, SETTINGS) == EXPANDING + "lookback" for name in TRAINING_WINDOW)
    assert not TRAINING_WINDOW & (set(OTHER_NAMES) | SHUFFLING | set(SETTINGS))


@pytest.mark.parametrize("name", ["lead_time", "--lead-time", "gap", "--gap", "LeadTime", "forecast_gap"])
def test_a_lead_time_or_gap_is_answered_with_the_horizon_from_the_cutoff_and_the_readmes_recipe(name):
    """t39t4 4: --lead-time, --gap and Forecaster(lead_time=5) were refused as unknown ("did you mean 'time_unit'?"),
    nothing naming the README's recipe (decision 2142)."""
    from rnncast.othernames import LEAD_TIME

    said = other_name(name, SETTINGS)
    assert said == LEAD_TIME and "the horizon counts steps from the cutoff" in said
    assert said.endswith('keep the forecast\'s rows by date (README: "Day-ahead with a gate closure")')
    assert other_name("offset", SETTINGS) == other_name("skip", SETTINGS) == ""  # rows or a pandas offset, maybe


@pytest.mark.parametrize("command", [["predict", "run", "d.csv"], ["fit", "d.csv"], ["backtest", "d.csv"]])
def test_a_lead_time_flag_is_refused_in_one_line_naming_the_recipe(capsys, command):
    from rnncast import Forecaster, RnncastError
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([*command, "--lead-time", "5"])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1 and "did you mean" not in said
    assert said.startswith(f"rnncast {command[0]}: error: unknown flag --lead-time: the horizon counts steps from the "
                           "cutoff") and "Day-ahead with a gate closure" in said
    with pytest.raises(RnncastError, match="^lead_time is not a setting of rnncast: the horizon counts steps from the "
                                           "cutoff .*Day-ahead with a gate closure"):
        Forecaster(lead_time=5)
