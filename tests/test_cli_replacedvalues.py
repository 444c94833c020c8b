"""The values a command's flags replace, said one line each (``cli/replacedvalues.py``): a --config file's (fit,
tune; tests/test_cli_fitrequest.py) and a fitted run's (backtest --from-run)."""

from __future__ import annotations

from conftest import TINY
from rnncast.cli import main
from rnncast.cli.replacedvalues import of_run, replaced


def test_each_value_replaced_is_one_line_and_one_given_again_is_not_said(capsys):
    replaced({"lookback": (20, 14), "epochs": (3, 3), "quantiles": ([0.1, 0.9], (0.1, 0.5, 0.9)),
              "data": ("a.csv", "b.csv")}, "the config's", "c.toml", {"data": "; not a repeat"})
    assert capsys.readouterr().err.splitlines() == ["--lookback 20 replaces the config's 14 (c.toml)",
                                                    "--quantiles 0.1,0.9 replaces the config's 0.1,0.5,0.9 (c.toml)",
                                                    "DATA a.csv replaces the config's b.csv (c.toml); not a repeat"]


def test_a_runs_settings_and_roles_replaced_are_said_and_what_it_left_unset_is_not(capsys):
    of_run("runs/a", {"hidden_size": 8, "cutoff": "2024-01-05", "lookback": 14},
           {"hidden_size": 16, "cutoff": None, "lookback": 14},
           {"target": ["z"], "time_col": None, "features": ["w"]},
           {"target": ["y"], "time_col": "date", "past_covariates": ["x"], "future_covariates": None})
    assert capsys.readouterr().err.splitlines() == ["--hidden-size 8 replaces the run's 16 (runs/a)",
                                                    "--target z replaces the run's y (runs/a)",
                                                    "--features w replaces the run's past_covariates x (runs/a)"]


def test_backtest_from_run_says_each_setting_a_flag_replaces(tmp_path, capsys, fitted, data):
    """A tester's `backtest --from-run fitbest --hidden-size 8 --lookback 21` trained with 8 and 21 over the run's 16
    and 14 without a word, where fit --config says each value it replaces; the run's own value given again is not
    said."""
    fitted.save(tmp_path / "run")
    data.to_csv(tmp_path / "d.csv", index=False)
    base = ["backtest", str(tmp_path / "d.csv"), "--from-run", str(tmp_path / "run"), "--n-windows", "2",
            "--epochs", "1", "--lookback", str(TINY["lookback"])]
    assert main([*base, "--hidden-size", "4", "--out", str(tmp_path / "bt")]) == 0
    err = capsys.readouterr().err
    assert f"--hidden-size 4 replaces the run's {TINY['hidden_size']} ({tmp_path / 'run'})" in err.splitlines(), err
    assert f"--epochs 1 replaces the run's {TINY['epochs']} ({tmp_path / 'run'})" in err.splitlines(), err
    assert "--lookback 12 replaces" not in err and err.count(" replaces the run's ") == 2, err


def test_a_value_the_file_left_unset_is_not_said_replaced(capsys):
    """`fit --config RUN --cutoff X` said "--cutoff X replaces the config's None" of a run fitted without one
    (decision 2148)."""
    from rnncast.cli.replacedvalues import replaced

    replaced({"cutoff": ("2016-08-10", None), "epochs": (1, 2)}, "the config's", "ff_look")
    assert capsys.readouterr().err.splitlines() == ["--epochs 1 replaces the config's 2 (ff_look)"]
