"""``rnncast backtest`` (``cli/backtesting.py``): its terminal table says its units as its page does, each series' scores
are written and repeat byte for byte, a series left out keeps its row, its folder says what was used and noticed, a
kill -INT stops it keeping the earlier backtest, many windows print the overall rows alone. Its folder's whole content
and --from-run are checked in test_cli_commands.py beside evaluate's verdict fields and predict's files."""

from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster
from rnncast.cli import main

L, H = TINY["lookback"], TINY["horizon"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """Three series in long format, of 100-140 hourly rows (the panel of test_backtest.py)."""
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)


def test_a_backtests_terminal_table_says_its_units_as_its_page_does(tmp_path, frame, capsys):
    """T4's retail backtest printed "MSE (scaled) 0.578 | MAE 176.8 | RMSE 238.01 | pinball 58.165" (RMSE is not the
    root of that MSE) with no word of units; only the page's heading said them. The terminal now heads the table
    with the page's heading: MSE scaled as the verdict weighs it, the other errors (pinball too) original."""
    frame.to_csv(tmp_path / "long.csv", index=False)
    assert main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
                 "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--quantiles", "0.1,0.5,0.9", "--threads", "1",
                 "--out", str(tmp_path / "bt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("window (first forecast step)"))
    title = ("Metrics per window and overall (MSE, MAE, RMSE, pinball in original units; MSE (scaled) in scaled units, "
             "as the verdict weighs it; MASE, sMAPE, wQL and MSIS compare across scales; coverage: the share of values "
             "inside the interval)")
    assert lines[at - 1] == title + ":" and lines[at].split()[5:8] == ["MSE", "MSE", "(scaled)"]
    steps = next(n for n, line in enumerate(lines) if line.startswith("steps ahead"))  # the by-step table: original
    overall = [line for line in lines[at:steps] if line.startswith("overall ")][0].split()
    metrics = json.loads((tmp_path / "bt" / "metrics.json").read_text())  # units as the overall table's (decision 2099)
    assert overall[1] == "model" and float(overall[2]) == pytest.approx(metrics["overall"]["model"]["mse"], rel=1e-3)
    assert float(overall[3]) == pytest.approx(metrics["overall_scaled"]["model"]["mse"], rel=1e-3)
    units = title.removeprefix("Metrics per window and overall (").removesuffix(")")  # the page's paragraph under its h2
    page = html.unescape((tmp_path / "bt" / "report.html").read_text())
    assert f"<h2>Metrics overall</h2>\n<p>{units}.</p>" in page  # the overall rows first on the page (decision 1603)


def test_a_backtest_writes_each_series_and_each_leads_scores_and_repeats_byte_for_byte(tmp_path, frame, capsys):
    """metrics.json had ``windows`` and ``overall`` only (t33t1 L7): a hub scores each lead and each series. It now
    holds ``by_step`` and ``by_series``, --by-series-csv writes the series as evaluate's does, refused before any
    training where it exists, and two repeats' metrics.json are still the same bytes (decision 1660)."""
    frame.to_csv(tmp_path / "long.csv", index=False)
    flags = [str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H), "--hidden-size",
             "8", "--epochs", "1", "--device", "cpu", "--threads", "1"]
    for name in ("a", "b"):
        assert main(["backtest", *flags, "--out", str(tmp_path / name), "--by-series-csv", str(tmp_path / f"{name}.csv")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"wrote the scores of 3 series to {tmp_path / 'b.csv'}"
    at = out.index("Metrics by step ahead (each step ahead, over every window and series; MSE, MAE, RMSE in original "
                   "units; by_step.csv holds each step's own):")  # the terminal's table by step (decision 2002)
    assert out[at + 1].split()[:3] == ["steps", "ahead", "forecaster"] and out[at + 3].split()[:2] == ["1", "model"]
    metrics = json.loads((tmp_path / "a" / "metrics.json").read_text())
    assert [s["step"] for s in metrics["by_step"]] == list(range(1, H + 1)) and set(metrics["by_step"][0]["model"]) == {
        "mse", "mae", "mase", "rmse"}  # rmse: MSE's root (decision 2002)
    steps = pd.read_csv(tmp_path / "a" / "by_step.csv")  # Prophet's performance_metrics, a row per step and forecaster
    assert list(steps.columns) == ["step", "forecaster", "mse", "mae", "rmse", "mase"]
    assert steps["mse"].iloc[0] == pytest.approx(metrics["by_step"][0]["model"]["mse"]) and steps["forecaster"].iloc[0] == "model"
    assert len(metrics["by_series"]) == 3 and all(block["windows"] == 2 for block in metrics["by_series"].values())
    assert (tmp_path / "a" / "metrics.json").read_bytes() == (tmp_path / "b" / "metrics.json").read_bytes()
    table = pd.read_csv(tmp_path / "a.csv")
    assert list(table.columns[:4]) == ["unique_id", "windows", "best_baseline", "model_mse"] and len(table) == 3
    first = table.iloc[0]
    assert first["model_mase"] == pytest.approx(metrics["by_series"][first["unique_id"]]["model"]["mase"], rel=1e-5)
    assert main(["backtest", *flags, "--out", str(tmp_path / "c"), "--by-series-csv", str(tmp_path / "a.csv")]) == 2
    assert "--by-series-csv" in capsys.readouterr().err and not (tmp_path / "c").exists()  # refused before training


def test_a_backtests_series_csv_holds_a_row_for_each_series_it_left_out_as_evaluates_does(tmp_path, frame, capsys):
    """A Nixtla migrator's panel of 200 series, 20 too short for the backtest (t34t2 M1): --by-series-csv held the 180
    scored and nothing saying 20 were missing, though evaluate's file lists the series fit left out. Each is now a row
    with windows 0 and not_scored saying why, and the summary line counts them as the page does (decision 1704)."""
    short = frame["unique_id"].iloc[0]
    data = frame[(frame["unique_id"] != short) | (frame.groupby("unique_id").cumcount() < 20)]
    data.to_csv(tmp_path / "long.csv", index=False)
    assert main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
                 "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--threads", "1", "--out", str(tmp_path / "bt"),
                 "--by-series-csv", str(tmp_path / "each.csv")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"wrote the scores of 2 series and 1 not scored (the backtest left it out) to {tmp_path / 'each.csv'}"
    assert lines[-2].startswith("2 series x 2 windows, 1 more series left out (1 too short); training ")
    table = pd.read_csv(tmp_path / "each.csv")
    assert len(table) == 3 and table.columns[-1] == "not_scored" and table["not_scored"].isna().sum() == 2
    row = table[table["unique_id"] == short].iloc[0]
    needed = json.loads((tmp_path / "bt" / "metrics.json").read_text())["skipped_series"][0]["needed"]
    assert row["windows"] == 0 and np.isnan(row["model_mse"])
    assert row["not_scored"] == f"too short for this backtest (20 rows; needs {needed} rows)"
    page = html.unescape((tmp_path / "bt" / "report.html").read_text())
    assert "2 backtested, 1 too short" in page  # the page's count, the terminal's


def test_a_backtest_folder_says_what_was_used_and_what_rnncast_noticed(tmp_path, frame, capsys):
    """A backtest's folder named neither its covariates nor its id and time columns, kept no config.json,
    and lost the warnings said on stderr; its table gave no MSE though the verdict weighs MSE (scaled).
    Now config.json holds the request (read back as fit's is), the columns each role took and those none
    did; metrics.json's notes and the page's "What rnncast noticed" keep what was logged; the page ends
    with "Data and settings"; and the folder is still told apart from a run by its own files."""
    from rnncast.configfile import read_run
    from rnncast.files import output_kinds

    table = frame.rename(columns={"unique_id": "store", "ds": "hour"})
    table["promo"] = np.arange(len(table)) % 7 == 0
    table["promo"] = table["promo"].astype(float)
    table["size"] = 1.0 + np.arange(len(table)) % 3  # named by no role: "columns not used"
    table.loc[30:31, "y"] = float("nan")  # filled: a note kept with the backtest
    data, bt = tmp_path / "long.csv", tmp_path / "bt"
    table.to_csv(data, index=False)
    argv = ["backtest", str(data), "--id-col", "store", "--time-col", "hour", "--target", "y", "--future-covariates",
            "promo", "--fill", "ffill", "--n-windows", "2", "--lookback", str(L), "--horizon", str(H), "--hidden-size", "8",
            "--epochs", "2", "--device", "cpu", "--threads", "1", "--out", str(bt)]
    assert main(argv) == 0
    printed = capsys.readouterr()
    config = json.loads((bt / "config.json").read_text())
    assert config["data"] == {"source": str(data), "target": ["y"], "features": None, "time_col": "hour",
                              "id_col": "store", "series": None, "past_covariates": None, "future_covariates": ["promo"],
                              "static_covariates": None, "static": None, "static_categorical": None}
    assert config["backtest"] == {"n_windows": 2, "step": H, "refit": False}
    assert {k: config["run"][k] for k in ("target", "future_covariates", "past_covariates", "not_used", "id_col",
                                          "time_col")} == {"target": ["y"], "future_covariates": ["promo"],
                                                           "past_covariates": [], "not_used": ["size"],
                                                           "id_col": "store", "time_col": "hour"}
    settings, request = read_run(bt / "config.json")  # fit's reader: `rnncast fit --config BT` trains on the same
    assert settings["lookback"] == L and settings["epochs"] == 2 and settings["fill"] == "ffill"
    assert request == {"data": str(data), "target": ["y"], "time_col": "hour", "id_col": "store",
                       "future_covariates": ["promo"]}
    notes = json.loads((bt / "metrics.json").read_text())["notes"]
    filled = [n for n in notes if n["text"].startswith("filling")]
    assert len(filled) == 1 and filled[0]["level"] == "warning"  # values changed: a warning (decision 148)
    for line in re.findall(r"rnncast: WARNING: (.+)", printed.err):  # every warning said is kept, once
        assert [n["text"] for n in notes].count(line) == 1, (line, notes)
    page = (bt / "report.html").read_text()
    assert page.index("What rnncast noticed") < page.index("Metrics overall") < page.index("Metrics per window") \
        < page.index("Data and settings")
    for row in ("<th scope='row'>id column</th><td>store</td>", "<th scope='row'>time column</th><td>hour</td>",
                "<th scope='row'>past / future-known covariates</th><td>(none) / promo</td>",
                "<th scope='row'>columns not used</th><td>size</td>", f"<th scope='row'>lookback</th><td>{L}</td>"):
        assert row in page, row
    assert "<th scope='col'>MSE (scaled)</th>" in page and "MSE (scaled)" in printed.out
    metrics = json.loads((bt / "metrics.json").read_text())
    assert f"<td>{metrics['overall_scaled']['model']['mse']:.5g}</td>" in page  # the MSE the verdict weighs
    assert set(metrics["windows"][0]["scaled"]) == set(metrics["overall_scaled"])

    names = sorted(p.name for p in bt.iterdir())
    assert "config.json" in names and output_kinds(names) == ["backtest"]  # forecasts.csv tells it apart
    assert main(["fit", str(data), "--target", "y", "--out", str(bt), "--overwrite"]) == 2
    assert "holds a backtest (rnncast backtest), not a run" in capsys.readouterr().err
    assert main(["fit", "--resume", str(bt)]) == 2
    assert f"{bt} is a backtest's folder (rnncast backtest), not a run" in capsys.readouterr().err
    assert main(["predict", str(bt), str(data)]) == 2
    assert "which holds no model" in capsys.readouterr().err
    assert main(argv) == 2  # a second backtest into it: a finished output, not "a finished run"
    assert "holds an earlier rnncast output" in capsys.readouterr().err
    assert main(argv + ["--overwrite"]) == 0  # a backtest replaces its own


def test_a_kill_int_to_a_backtest_in_a_background_job_stops_it_and_keeps_the_earlier_backtest(tmp_path, frame, capsys,
                                                                                               monkeypatch):
    """A script's background job (``rnncast backtest &``) starts with SIGINT ignored: a ``kill -INT`` was dropped and
    the backtest ran to its end, replacing the earlier one. It stops at a batch now, as fit does, the earlier kept."""
    import os
    import signal

    frame.to_csv(tmp_path / "long.csv", index=False)
    args = ["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
            "--hidden-size", "8", "--epochs", "2", "--device", "cpu", "--out", str(tmp_path / "bt")]
    assert main(args) == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "bt").iterdir()}
    capsys.readouterr()
    real = Forecaster.backtest

    def signalled(self, *a, **kw):
        os.kill(os.getpid(), signal.SIGINT)  # arrives as the first window's training starts
        return real(self, *a, **kw)

    monkeypatch.setattr(Forecaster, "backtest", signalled)
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a non-interactive shell starts `cmd &`
    try:
        code = main(args + ["--overwrite", "--seed", "3"])
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # put back as it was
    finally:
        signal.signal(signal.SIGINT, handler)
    assert code == 130
    assert capsys.readouterr().err.splitlines()[-1].startswith(
        f"rnncast: interrupted; {tmp_path / 'bt'} keeps the earlier backtest as it was; ")
    assert {p.name: p.read_bytes() for p in (tmp_path / "bt").iterdir()} == before


def test_a_backtest_of_many_windows_prints_the_overall_rows_alone(tmp_path, frame, capsys, monkeypatch):
    """500 windows printed 2,000 per-window rows before the overall ones and the verdict (decision 1563): above
    ``plots.MANY_CUTOFFS`` windows the terminal gets the overall rows, and says where each window's are."""
    monkeypatch.setattr("rnncast.plots.MANY_CUTOFFS", 2)
    frame.to_csv(tmp_path / "long.csv", index=False)
    assert main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "3", "--lookback", str(L), "--horizon", str(H),
                 "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--threads", "1",
                 "--out", str(tmp_path / "bt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("window (first forecast step)"))
    assert lines[at - 1].startswith("Metrics overall (") and lines[at - 1].endswith(
        f"; each of the 3 windows' own are in {tmp_path / 'bt'}/report.html and metrics.json:")
    rows = lines[at + 2:lines.index(next(line for line in lines[at + 2:] if not line.startswith("overall")), at + 2)]
    assert rows and all(line.startswith("overall") for line in rows)
    assert len(json.loads((tmp_path / "bt" / "metrics.json").read_text())["windows"]) == 3  # the files keep them all


def test_the_windows_dash_note_is_printed_only_where_the_windows_rows_are(tmp_path, capsys, monkeypatch):
    """r38r1 LOW-5 (decision 2080): above ``plots.MANY_CUTOFFS`` windows the terminal prints the overall rows alone,
    yet said "in a window's 'seasonal naive' row ..." of rows it left out; it says it where they are printed."""
    n = 120
    dates = pd.date_range("2024-01-01", periods=n, freq="D")
    y = 10 + np.sin(2 * np.pi * np.arange(n) / 7) + 0.1 * np.random.default_rng(0).standard_normal(n)
    data = pd.DataFrame({"date": dates, "y": y})
    data[~data["date"].isin(dates[104:107])].to_csv(tmp_path / "g.csv", index=False)  # window 0's week-back dates
    args = ["backtest", str(tmp_path / "g.csv"), "--lookback", "12", "--horizon", "3", "--season", "7", "--n-windows",
            "3", "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--threads", "1", "-q", "--overwrite"]
    assert main([*args, "--out", str(tmp_path / "few")]) == 0
    assert "\n\"-\" in a window's 'seasonal naive' row: it has no forecast at any value of that window" in (
        capsys.readouterr().out)
    monkeypatch.setattr("rnncast.plots.MANY_CUTOFFS", 2)
    assert main([*args, "--out", str(tmp_path / "many")]) == 0
    out = capsys.readouterr().out
    assert "each of the 3 windows' own are in" in out and "a window's 'seasonal naive' row" not in out


def test_a_backtest_from_a_run_of_another_test_frac_takes_a_cutoff(tmp_path, frame, capsys):
    """backtest --from-run RUN --cutoff T of a run fitted with --test-frac 0 (a final fit, decision 2117) or 0.3 was
    refused as a cutoff beside a test_frac, though a backtest passes the run's test_frac over."""
    frame.to_csv(tmp_path / "long.csv", index=False)
    small = ["--lookback", str(L), "--horizon", str(H), "--hidden-size", "4", "--epochs", "1", "--device", "cpu",
             "--threads", "1"]
    cut = str(frame.groupby("unique_id")["ds"].max().min() - pd.Timedelta(hours=3 * H))
    for test_frac in ("0", "0.3"):
        run = tmp_path / f"run{test_frac}"
        assert main(["fit", str(tmp_path / "long.csv"), *small, "--val-frac", "0", "--test-frac", test_frac,
                     "--out", str(run)]) == 0
        code = main(["backtest", str(tmp_path / "long.csv"), "--from-run", str(run), "--cutoff", cut, "--n-windows", "1",
                     "--out", str(tmp_path / f"bt{test_frac}")])
        assert code == 0, capsys.readouterr().err


def test_a_backtests_overall_table_is_followed_by_the_baselines_interval_counts(tmp_path, capsys):
    """t39t3 M4 (decision 2139): the terminal's overall table showed the baselines' coverage from fewer values than
    the model's with no count; the line under it says them."""
    frame = make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)
    pd.concat([frame, frame[frame.unique_id == "s002"].head(32).assign(unique_id="short")]).to_csv(
        tmp_path / "long.csv", index=False)
    assert main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
                 "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--quantiles", "0.05,0.5,0.95",
                 "--threads", "1", "--out", str(tmp_path / "bt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    left = json.loads((tmp_path / "bt" / "metrics.json").read_text())["overall"]["mean"]["intervals_left_out"]
    at = next(n for n, line in enumerate(lines) if line.startswith("The baselines' interval scores"))
    assert lines[at - 1].startswith("overall ") and f"'training mean' {left['of'] - left['values']}" in lines[at]
