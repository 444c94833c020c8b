"""R's, fable's and tsibble's names (``fablenames.py``, decision 2182): each answered in one line with rnncast's, as a
keyword, a flag, a method and a command alike; ``period``, Prophet's backtest step too, with both meanings."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.commandnames import OTHER_COMMANDS
from rnncast.fablenames import FABLE_COMMANDS, FABLE_METHODS, FABLE_NAMES
from rnncast.othernames import METHODS, OTHER_NAMES


def test_the_tables_are_merged_into_the_other_names():
    assert all(OTHER_NAMES[name] == FABLE_NAMES[name] for name in FABLE_NAMES)
    assert all(METHODS[name] == FABLE_METHODS[name] for name in FABLE_METHODS)
    assert all(OTHER_COMMANDS[name] == FABLE_COMMANDS[name] for name in FABLE_COMMANDS)


@pytest.mark.parametrize("name, whose", [("frequency", "R's frequency"), ("m", "FPP's m"), ("sp", "sktime's sp")])
def test_the_seasonal_periods_names_are_season(name, whose):
    with pytest.raises(RnncastError) as err:
        Forecaster(**{name: 12})
    said = str(err.value)
    assert f"{whose} " in said and "is season (the seasonal period" in said and "did you mean" not in said
    assert "\n" not in said


def test_period_names_the_season_and_prophets_step():
    with pytest.raises(RnncastError) as err:
        Forecaster(period=12)
    said = str(err.value)
    assert "R's and fable's period (season(period = 12)) is season" in said
    assert "Prophet's period is backtest's step instead" in said


def test_the_flags_are_answered_with_rnncasts(capsys):
    for flags, wanted in ((["--frequency", "12"], "is --season (the seasonal period"),
                          (["--m", "12"], "FPP's m is --season"), (["--sp", "12"], "sktime's sp is --season"),
                          (["--period", "12"], "Prophet's period is backtest's --step"),
                          (["--key", "State,Industry"], "tsibble's key is --id-col"),
                          (["--index", "Month"], "tsibble's index is --time-col")):
        with pytest.raises(SystemExit) as ended:
            main(["fit", "x.csv", "--target", "y", *flags])
        err = capsys.readouterr().err
        assert ended.value.code == 2 and wanted in err and "flags are given whole" not in err, err


def test_key_and_index_given_to_fit_name_the_roles():
    frame = pd.DataFrame({"Month": pd.date_range("2020-01-01", periods=30, freq="MS"), "y": range(30)})
    with pytest.raises(RnncastError, match=r"tsibble's key is id_col"):
        Forecaster(epochs=1).fit(frame, target="y", key="State")
    with pytest.raises(RnncastError, match=r"tsibble's index is time_col"):
        Forecaster(epochs=1).fit(frame, target="y", index="Month")


def test_accuracy_is_evaluate(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["accuracy", "run", "x.csv"])
    assert ended.value.code == 2 and "rnncast's word is evaluate" in capsys.readouterr().err
    with pytest.raises(AttributeError, match=r"fable's accuracy is rnncast's evaluate\(data\)"):
        Forecaster().accuracy  # noqa: B018


def test_an_integer_freq_on_dates_names_the_season():
    frame = pd.DataFrame({"Month": pd.date_range("2020-01-01", periods=40, freq="MS"), "y": range(40)})
    with pytest.raises(RnncastError, match=r"integer step.*R's frequency = 12\) is season=12, --season 12"):
        Forecaster(freq=12, epochs=1, lookback=4, horizon=2).fit(frame, target="y")
