"""A final fit (``finalfit``, decision 2117): ``test_frac`` 0 trains on every row, writes no test scores and says
so wherever scores are read; the commands that read a run folder read it as any run."""

from __future__ import annotations

import json

import pytest

from conftest import make_panel
from rnncast import Forecaster, finalfit
from rnncast.errors import RnncastError
from test_cli import cli

SETTINGS = ["--lookback", "8", "--horizon", "3", "--epochs", "1", "--hidden-size", "4", "--batch-size", "64",
            "--device", "cpu", "--threads", "1"]


def test_the_sentence_says_what_chose_the_epoch():
    """The validation rows where val_frac holds some; with val_frac 0 too, no early stopping on held-out rows."""
    held = finalfit.text(0.1)
    assert held == ("no test rows (test_frac 0): fitted to forecast on every row but the last 10% of each series' "
                    "(val_frac 0.1), held out to choose the epoch kept (--val-frac 0, with --epochs from a backtest, "
                    "trains on those too); judge its accuracy with `rnncast backtest` (or a fit with --test-frac above "
                    "0)")  # held out, so not fitted on (t39t7 1, decision 2146)
    none = finalfit.text(0.0)
    assert "no early stopping on held-out rows" in none and "lowest training loss" in none
    assert finalfit.TEXT.startswith("no test rows: fitted on every row to forecast") and "rnncast backtest" in finalfit.TEXT


def test_metrics_keep_test_null_and_why():
    record = finalfit.record(0.0)
    assert record["test"] is None and record["no_test"] == finalfit.text(0.0)
    assert finalfit.is_final(record) and not finalfit.is_final({"test": {"windows": 3}})


def test_a_cutoff_is_refused_beside_test_frac_0_only():
    finalfit.check(None, 0)
    finalfit.check("2024-06-30", 0.2)
    with pytest.raises(RnncastError, match=r"^test_frac \(--test-frac\) 0 trains on every row, and cutoff \(--cutoff\) "
                                           r"'2024-06-30' makes the rows after it test rows"):
        finalfit.check("2024-06-30", 0)


def test_the_python_fit_trains_on_every_row_of_every_series():
    """Forecaster(test_frac=0) was refused "must be above 0"; it now trains on each series' last rows too, and a
    series long enough for lookback + horizon alone trains."""
    panel = make_panel(3, seed=2)
    final = Forecaster(lookback=8, horizon=3, epochs=1, hidden_size=4, device="cpu", threads=1, val_frac=0,
                       test_frac=0).fit(panel, target="y", id_col="unique_id", time_col="ds")
    lengths = panel.groupby("unique_id").size()
    assert [s.train_end for s in final.splits_] == [s.end for s in final.splits_] == list(lengths)
    assert len(final.predict(panel)) == 3 * 3


def test_a_run_says_there_are_no_test_rows_and_every_reader_reads_it(tmp_path, capsys):
    """fit --test-frac 0 wrote metrics.json without "test" and then failed with KeyError: 'test' (forecast.png
    warned of "a fault in rnncast's drawing"); now the terminal, the page and metrics.json say there are no test rows,
    no test file is written, and predict and fit --config read the run."""
    data = tmp_path / "d.csv"
    make_panel(3, seed=2).to_csv(data, index=False)
    run = tmp_path / "run"
    code, out, err = cli(capsys, "fit", data, "--target", "y", "--id-col", "unique_id", "--time-col", "ds", *SETTINGS,
                         "--val-frac", "0", "--test-frac", "0", "--out", run)
    assert code == 0, err
    assert "No test rows: fitted on every row to forecast (test_frac 0)" in out and "MSE" not in out
    assert "fault in rnncast's drawing" not in err
    metrics = json.loads((run / "metrics.json").read_text())
    assert metrics["test"] is None and metrics["no_test"] == finalfit.text(0.0) and "val" not in metrics
    assert not any((run / name).exists() for name in ("test_forecasts.csv", "by_step.csv", "forecast.png"))
    page = (run / "report.html").read_text()
    assert "No test rows: fitted on every row to forecast" in page and "Metrics (original units)" not in page
    assert "the scores of a backtest of these settings weigh both" in page and "this model&#x27;s scores" not in page
    assert "test_scores" not in json.loads((run / "model" / "model.json").read_text())  # none made up
    code, out, err = cli(capsys, "predict", run, data, "--out", tmp_path / "f.csv")
    assert code == 0, err
    code, out, err = cli(capsys, "fit", "--config", run, "--out", tmp_path / "again")
    assert code == 0 and "No test rows" in out, err


def test_a_fit_is_unscored_only_where_every_row_of_every_series_trains():
    """Decision 2156: a final fit with val_frac 0 scores nothing (no test, no validation, no MASE); validation rows
    are scored, and a backtest's cutoff fit ends its splits before the series' last row, whose later rows it scores."""
    from rnncast.windows import Split

    assert finalfit.unscored([Split(50, 50, 50), Split(30, 30, 30)], [50, 30])
    assert not finalfit.unscored([Split(45, 50, 50)], [50])  # validation rows: scored
    assert not finalfit.unscored([Split(40, 45, 50)], [50])  # test rows
    assert not finalfit.unscored([Split(40, 40, 40)], [50])  # a cutoff's fit: rows after it
    assert not finalfit.unscored([Split(40, 40, 40), None], [40, 50])  # a series without a split (a backtest's)


def test_a_runs_metrics_score_nothing_only_without_test_and_validation_scores():
    """r40-1 L6: the page's "scores nothing" read metrics.json in two places of its own; one definition here."""
    from rnncast.finalfit import record, scores_nothing

    assert scores_nothing(record(0.0)) and scores_nothing({**record(0.0), "val": None})
    assert not scores_nothing({**record(0.1), "val": {"original": {}}})  # validation rows scored
    assert not scores_nothing({"test": {"original": {}}})
