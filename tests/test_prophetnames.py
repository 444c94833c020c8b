"""Prophet's names for rnncast's settings, methods and commands (``prophetnames.py``, decision 2001): each answered
in one line with rnncast's, as a keyword, a flag and a command alike, the quantiles computed from the width given."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.commandnames import unknown_command
from rnncast.othernames import METHODS, OTHER_NAMES
from rnncast.prophetnames import PROPHET_COMMANDS, PROPHET_METHODS, PROPHET_NAMES, widths


def test_a_width_is_the_quantiles_of_its_interval():
    assert widths(0.8) == {"width": "0.8", "width_quantiles": "0.1,0.5,0.9", "width_low": "0.1", "width_high": "0.9"}
    assert widths(["0.95"])["width_quantiles"] == "0.025,0.5,0.975"  # from the command line
    assert widths(80)["width"] == widths(None)["width"] == widths(True)["width"] == "0.8"  # no width: Prophet's default


def test_prophets_tables_are_merged_into_the_other_names():
    assert all(OTHER_NAMES[name] == PROPHET_NAMES[name] for name in PROPHET_NAMES)
    assert all(METHODS[name] == PROPHET_METHODS[name] for name in PROPHET_METHODS)


def test_interval_width_names_the_quantiles_it_is():
    with pytest.raises(RnncastError) as err:
        Forecaster(interval_width=0.95)
    said = str(err.value)
    assert "quantiles 0.025,0.5,0.975" in said and "y_q0.025 and y_q0.975" in said and "\n" not in said


def test_initial_and_period_name_the_cutoff_and_the_step():
    with pytest.raises(RnncastError, match=r"initial .* is cutoff .*2024-12-31.*Forecaster\(cutoff=\.\.\.\)"):
        Forecaster(horizon=3).backtest(pd.DataFrame({"y": range(50)}), initial="730 days")
    with pytest.raises(RnncastError, match=r"Prophet's period is backtest's step .*'30D'"):  # R's: season (decision 2182)
        Forecaster(horizon=3).backtest(pd.DataFrame({"y": range(50)}), period="30 days")


def test_the_flags_are_answered_with_rnncasts(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["fit", "x.csv", "--interval-width", "0.8"])
    assert ended.value.code == 2 and "--quantiles 0.1,0.5,0.9" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["backtest", "x.csv", "--initial", "730 days", "--period", "30 days"])
    err = capsys.readouterr().err
    assert "--cutoff 2024-12-31" in err and "Prophet's period is backtest's --step" in err


def test_performance_metrics_is_the_backtests_by_step():
    assert "backtest" in unknown_command("rnncast", "command", "performance_metrics", ["fit", "backtest"])
    assert set(PROPHET_COMMANDS) == {"performance_metrics", "performance-metrics"}
    with pytest.raises(AttributeError, match=r"Prophet's performance_metrics is rnncast's backtest\(\.\.\.\)\.by_step"):
        Forecaster().performance_metrics  # noqa: B018
