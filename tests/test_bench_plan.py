"""The checked request of ``rnncast bench ett`` (rnncast.bench.plan): argument errors name the value,
and ``--set`` applies to every recurrent model or to one."""

from __future__ import annotations

import pytest

from rnncast.bench import plan
from rnncast.errors import RnncastError
from test_bench_cli import etth1, parse


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--mode", "X"], "unknown mode 'X': accepted are S, M, MS"),
        (["--horizons", "96,abc"], "bad horizon 'abc'"),
        (["--horizons", "5000"], "bad horizon '5000'"),
        (["--models", "lstm,transformer"], "unknown model 'transformer'"),
        (["--set", "lookback=12"], "bad --set 'lookback=12'"),
        (["--set", "epochs=many"], "epochs must be a whole number"),
        (["--set", "cnn:lr=0.1"], "bad --set .cnn:lr=0.1."),
        (["--models", ""], "--models '' names no model"),  # empty is not 'all of them'
        (["--horizons", ""], "bad horizon '' in --horizons ''"),  # nor the default horizons
        (["--seed", "-1"], "--seed -1 is out of range: accepted are whole numbers from 0 to 2**63 - 1"),
        (["--seed", str(2 ** 64)], "is out of range"),  # torch would stop with a traceback after Repeat
        (["--set", "seed=5"], "the seed is --seed N"),  # results.csv would say 2021 beside a model seeded 5
        (["--models", "repeat,nlinear", "--set", "epochs=1"], "--models repeat,nlinear runs none"),
        (["--models", "nlinear,gru", "--set", "lstm:lr=0.1"], "lstm is not among --models nlinear,gru"),
    ],
)
def test_bad_arguments_name_the_value(argv, message):
    args = parse("--data", str(etth1()), *argv)
    with pytest.raises(RnncastError, match=message.replace("(", r"\(").replace("*", r"\*")):
        plan.make_plan(args)


def test_missing_file_and_bad_name(tmp_path):
    with pytest.raises(RnncastError, match="does not exist"):
        plan.make_plan(parse("--data", str(tmp_path / "ETTh1.csv")))
    other = tmp_path / "weather.csv"
    other.write_text("date,OT\n" + "".join(f"2020-01-{d:02d},{d}\n" for d in range(1, 11)))  # read first, then refused
    with pytest.raises(RnncastError, match="cannot tell the ETT variant"):
        plan.make_plan(parse("--data", str(other)))
    with pytest.raises(RnncastError, match="no data file"):
        plan.make_plan(parse())


def test_set_applies_to_all_cells_or_one():
    common, per_cell = plan.parse_settings(["epochs=8", "rnn:lr=0.0003", "batch_size=full"])
    assert common == {"epochs": 8, "batch_size": None} and per_cell == {"rnn": {"lr": 0.0003}}


def _flat_table(tmp_path, flat: str):
    """100 days: 'a' varies, column ``flat`` stands at 3.0 on the first 70 (the training rows), 'OT' varies."""
    rows = "".join(f"2020-{1 + i // 28:02d}-{1 + i % 28:02d},{i % 7},{3.0 if i < 70 and flat == 'b' else i},"
                   f"{3.0 if i < 70 and flat == 'OT' else i % 5}\n" for i in range(100))
    path = tmp_path / "flat.csv"
    path.write_text("date,a,b,OT\n" + rows)
    return path


@pytest.mark.parametrize("mode", ["S", "MS"])
def test_a_target_constant_on_the_training_rows_is_refused_before_anything_trains(tmp_path, mode):
    """A Forecaster's fit refuses a constant target; bench centred it and scored every model at 0 beside
    Repeat. Refused by name with the targets that would do, the folder left unmade."""
    args = parse("--data", str(_flat_table(tmp_path, "OT")), "--mode", mode, "--horizons", "4",
                 "--out", str(tmp_path / "out"), benchmark="ltsf")
    with pytest.raises(RnncastError, match=f"the target 'OT' is constant on the training rows 0-69 .always 3., so no "
                       f"model has anything to learn in {mode} mode; choose another target .bench ltsf --target: a, b. "
                       "or --mode M"):
        plan.make_plan(args)
    assert not (tmp_path / "out").exists()


def test_in_m_mode_a_constant_column_is_one_series_of_many_and_said(tmp_path):
    """M forecasts every column: a constant one is centred as the published StandardScaler did (refusing it
    would refuse tables the published code runs), and the plan names it for the command to say."""
    for flat in ("OT", "b"):
        made = plan.make_plan(parse("--data", str(_flat_table(tmp_path, flat)), "--mode", "M", "--horizons", "4",
                                    "--out", str(tmp_path / flat), benchmark="ltsf"))
        assert made.constant == (flat,)
    s = plan.make_plan(parse("--data", str(_flat_table(tmp_path, "b")), "--mode", "S", "--horizons", "4",
                             "--out", str(tmp_path / "s"), benchmark="ltsf"))
    assert s.constant == ()  # S reads the target alone
    ms = plan.make_plan(parse("--data", str(_flat_table(tmp_path, "b")), "--mode", "MS", "--horizons", "4",
                              "--out", str(tmp_path / "ms"), benchmark="ltsf"))
    assert ms.constant == ("b",)


def test_hints_spell_settings_as_bench_takes_them():
    assert plan.set_spelling("epochs") == "--set epochs=N" and plan.set_spelling("lr") == "--set lr=X"
    assert plan.set_spelling("highway") == "--set highway=true|false" and plan.set_spelling("highway", True) == "--set highway=true"
    assert plan.set_spelling("season", 52) == "--set season=52" and plan.set_spelling("device", "auto") == "--set device=auto"
    assert plan.set_spelling("lookback", 60) == "--lookback 60" and plan.set_spelling("horizon") == "--horizons N"


@pytest.mark.parametrize("item, message", [
    ("lookback=12", "bad --set 'lookback=12': lookback is the protocol's, not a model's .give --lookback."),
    ("horizon=12", "horizon is the protocol's, not a model's .give --horizons."),
    # they read a time column, and the rows the networks get have none: they stopped the run after Repeat,
    # naming time_col= and --time-col, which bench does not have
    ("freq=D", "bad --set 'freq=D': freq is the protocol's, not a model's .the protocol fixes it."),
    ("lstm:tz=UTC", "tz is the protocol's"),
    ("fill_gaps=true", "fill_gaps is the protocol's"),
])
def test_the_protocols_settings_are_refused_saying_whose_they_are(item, message):
    with pytest.raises(RnncastError, match=message) as caught:
        plan.parse_settings([item])
    assert ", seed," not in str(caught.value)  # --set seed= is refused too: the seed is --seed


def test_a_setting_set_twice_in_one_scope_is_refused_and_a_models_own_still_overrides():
    with pytest.raises(RnncastError, match=r"^--set epochs is given twice, as 2 and then as 3; give it once "
                                           r"\(MODEL:epochs=VALUE sets one model's\)$"):
        plan.parse_settings(["epochs=2", "hidden-size=8", "epochs=3"])
    with pytest.raises(RnncastError, match=r"^--set rnn:hidden_size is given twice, as 8 and then as 16; give it once$"):
        plan.parse_settings(["rnn:hidden-size=8", "rnn:hidden_size=16"])
    assert plan.parse_settings(["epochs=2", "rnn:epochs=3", "epochs=2"]) == ({"epochs": 2}, {"rnn": {"epochs": 3}})
