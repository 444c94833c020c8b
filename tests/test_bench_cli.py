"""``rnncast bench ett`` (rnncast.bench.cli): the ``--quick`` smoke test end to end, and flags that
are declared without importing torch.

It needs ETTh1.csv and skips without it (same lookup as test_bench_protocol.py:
``$RNNCAST_ETT_DIR`` or ``shared/data/ETT`` beside the repository). It trains NLinear and an LSTM
for one epoch each at L=48 (about 10 s of CPU on one thread). ``parse`` and ``etth1`` serve
test_bench_plan.py too.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import cli, results
from test_bench_protocol import ett_dir

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def etth1() -> Path:
    path = ett_dir() / "ETTh1.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (set RNNCAST_ETT_DIR to the folder with ETTh1.csv)")
    return path


def parse(*argv: str, benchmark: str = "ett") -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rnncast")
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", benchmark, *argv])
    args.command_line = f"rnncast bench {benchmark} " + " ".join(argv)
    return args


def test_quick_runs_end_to_end(tmp_path, capsys):
    data = etth1()
    out = tmp_path / "quick"
    # --quick's models, dataset, mode and horizon; L=48 and one epoch keep the test short (Repeat's
    # scores and the number of test windows do not depend on L)
    args = parse("--quick", "--data", str(data), "--lookback", "48", "--set", "epochs=1",
                 "--out", str(out))
    assert cli.run_bench(args) == 0

    with (out / "results.csv").open(newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == results.CSV_COLUMNS
        rows = list(reader)
    for column in ("dataset", "mode", "L", "H", "model", "mse", "mae", "windows", "seconds",
                   "settings", "seed", "epochs_run", "device", "rnncast_version", "torch_version"):
        assert column in results.CSV_COLUMNS
    assert [r["model"] for r in rows] == ["repeat", "nlinear", "lstm"]
    assert {(r["dataset"], r["mode"], r["H"], r["L"], r["windows"]) for r in rows} == {
        ("ETTh1", "S", "96", "48", str(2881 - 96))}
    repeat = rows[0]
    # ETT.md: Repeat, S, H=96, all windows = 0.069/0.203 (Repeat does not depend on L)
    assert round(float(repeat["mse"]), 3) == 0.069
    assert round(float(repeat["mae"]), 3) == 0.203
    for row in rows[1:]:
        assert float(row["repeat_mse"]) == pytest.approx(float(repeat["mse"]))
        assert row["beats_repeat"] in ("yes", "no")
        assert float(row["mse"]) < 1.0  # trained on z-scored values, one epoch is enough for that
    assert rows[2]["epochs_run"] == "1" and rows[2]["device"] in ("cpu", "cuda", "cuda:0")
    assert '"scaler": "none"' in rows[2]["settings"] and '"window_norm": "last"' in rows[2]["settings"]

    md = (out / "results.md").read_text()
    assert "## ETTh1, S, L=48, all test windows, ett protocol" in md
    assert "| H | repeat | nlinear | lstm |" in md
    assert f"| 96 | {float(repeat['mse']):.4f}/{float(repeat['mae']):.4f} |" in md  # the terminal's digits
    assert "*0.053/0.177*" in md  # the published NLinear row sits beside the measured ones

    for row in rows:
        assert (out / results.plot_name(row)).read_bytes()[:8] == PNG_SIGNATURE
        assert f"[{row['model']} H=96]({results.plot_name(row)})" in md  # results.md links each plot
    assert len(list(out.glob("*.png"))) == 3
    printed = capsys.readouterr().out
    assert "lower MSE than Repeat" in printed and "lstm" in printed

    # append-safe: a second run adds rows, keeps the old ones
    args = parse("--data", str(data), "--horizons", "96", "--models", "repeat", "--no-plots",
                 "--out", str(out))
    assert cli.run_bench(args) == 0
    with (out / "results.csv").open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 4


def test_the_flags_need_no_torch_and_name_the_runners_defaults():
    """`bench ett --help` imports neither torch nor the benchmark's modules; the defaults its flags
    show are those of plan.py and runners.py."""
    import subprocess
    import sys

    from rnncast.bench import runners

    assert cli.DEFAULT_MODELS == runners.DEFAULT_MODELS
    code = ("import sys\n"
            "from rnncast.bench import cli\n"
            "try:\n"
            "    cli.main([sys.argv[1], '--help'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "heavy = [m for m in ('torch', 'rnncast.bench.runners', 'rnncast.bench.protocol') if m in sys.modules]\n"
            "sys.stderr.write(' '.join(heavy))\n"
            "sys.exit(1 if heavy else 0)\n")
    for command in ("ett", "ltsf"):
        done = subprocess.run([sys.executable, "-c", code, command], capture_output=True, text=True)
        assert done.returncode == 0, f"bench {command} --help imported {done.stderr}"
        assert ",".join(runners.DEFAULT_MODELS) in done.stdout.replace("\n", "").replace(" ", "")


def test_ltsf_runs_a_table_it_has_never_seen(tmp_path, capsys):
    """Another name, another column count, another step (weekly), no OT column: the custom protocol's
    split, the short horizons and L=36 chosen from the table's size, the last column as target."""
    rng = np.random.default_rng(0)
    weeks = pd.date_range("2001-01-07", periods=1000, freq="W")
    season = np.sin(2 * np.pi * np.arange(1000) / 52)
    frame = pd.DataFrame({"week": weeks.strftime("%Y-%m-%d"), "stores": 40 + rng.normal(size=1000),
                          "sales": 100 + 20 * season + rng.normal(size=1000)})
    path = tmp_path / "weekly_sales.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "out"
    args = parse("--data", str(path), "--models", "repeat,nlinear", "--no-plots", "--out", str(out),
                 benchmark="ltsf")
    assert cli.run_bench(args) == 0
    printed = capsys.readouterr().out
    assert ("weekly_sales: custom protocol, rows 0-699 train, 700-799 validation, 800-999 test; "
            "time column 'week', 2 value columns, target 'sales' (the last column, as the file has no OT column)"
            ) in printed
    rows = results.read_csv(out / "results.csv")
    assert [(r["H"], r["model"]) for r in rows] == [(h, m) for h in ("24", "36", "48", "60") for m in ("repeat", "nlinear")]
    assert {(r["dataset"], r["protocol"], r["target"], r["mode"], r["L"]) for r in rows} == {
        ("weekly_sales", "custom", "sales", "S", "36")}
    assert rows[0]["windows"] == str(200 - 24 + 1)
    for r in rows[1::2]:
        assert r["beats_repeat"] == "yes"  # a yearly season NLinear sees in 36 weeks of input
    md = (out / "results.md").read_text()
    assert "## weekly_sales, S (target sales), L=36, all test windows, custom protocol" in md
    assert "No published rows for weekly_sales S" in md


def _ltsf_file(name: str) -> Path:
    """A table of ``shared/data/LTSF`` beside the repository; the test skips without it."""
    path = Path(__file__).resolve().parents[2] / "shared" / "data" / "LTSF" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def test_ltsf_drop_last_recipe_uses_the_scripts_test_batch(tmp_path):
    """--drop-last recipe: the headline scores are those of the published loader, batch 8 at H=96 on
    Exchange and 32 at H=336; Repeat lands on the published Repeat row."""
    path = _ltsf_file("exchange_rate.csv")
    out = tmp_path / "exchange"
    args = parse("--data", str(path), "--mode", "M", "--lookback", "336", "--horizons", "96,336",
                 "--models", "repeat", "--drop-last", "recipe", "--no-plots", "--out", str(out), benchmark="ltsf")
    assert cli.run_bench(args) == 0
    h96, h336 = results.read_csv(out / "results.csv")
    assert h96["test_windows"] == "drop-last-recipe" and h96["windows"] == str((1517 - 96 + 1) // 8 * 8)
    assert h336["windows"] == str((1517 - 336 + 1) // 32 * 32)
    # the DLinear paper's Table 2: Repeat on Exchange, M, H=96 and 336
    assert (round(float(h96["mse"]), 3), round(float(h96["mae"]), 3)) == (0.081, 0.196)
    assert (round(float(h336["mse"]), 3), round(float(h336["mae"]), 3)) == (0.305, 0.396)


def test_ltsf_linear_rows_land_on_the_published_ones_from_the_published_seed(tmp_path):
    """ILI, M, L=104, seed 2021 (LTSF-Linear's fix_seed), drop-last recipe: the harness's NLinear and
    DLinear land on the DLinear paper's rows within 0.001 (the reference code, run on this
    project's CPU, gives the same digits: benchmarks/ltsf/results/README.md, section 2)."""
    path = _ltsf_file("national_illness.csv")
    out = tmp_path / "ili"
    args = parse("--data", str(path), "--mode", "M", "--lookback", "104", "--models", "nlinear,dlinear",
                 "--drop-last", "recipe", "--seed", "2021", "--no-plots", "--out", str(out), benchmark="ltsf")
    assert cli.run_bench(args) == 0
    rows = {(r["model"], int(r["H"])): float(r["mse"]) for r in results.read_csv(out / "results.csv")}
    published = {"nlinear": {24: 1.683, 36: 1.703, 48: 1.719, 60: 1.819},
                 "dlinear": {24: 2.215, 36: 1.963, 48: 2.130, 60: 2.368}}  # the DLinear paper's Table 2
    for model, row in published.items():
        for horizon, mse in row.items():
            assert abs(rows[(model, horizon)] - mse) < 0.001, (model, horizon)


@pytest.mark.parametrize("argv, message", [
    (["--drop-last", "some"], "drop-last must be a positive integer (the test batch) or 'recipe'"),
    (["--protocol", "weekly"], "invalid choice: 'weekly'"),
])
def test_ltsf_bad_flags_exit_2_naming_the_value(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse("--data", "x.csv", *argv, benchmark="ltsf")
    assert exit_info.value.code == 2 and message in capsys.readouterr().err


def _small_table(tmp_path, rows: int = 300) -> Path:
    weeks = pd.date_range("2001-01-07", periods=rows, freq="W")
    values = 10 + np.sin(2 * np.pi * np.arange(rows) / 52) + np.random.default_rng(0).normal(0, 0.1, rows)
    path = tmp_path / "small_weekly.csv"
    pd.DataFrame({"date": weeks.strftime("%Y-%m-%d"), "OT": values}).to_csv(path, index=False)
    return path


def test_a_table_with_fewer_test_windows_than_one_batch_is_scored_on_all(tmp_path):
    """300 rows: 60 test rows, 49 windows at H=12, 31 at H=30, fewer than the published loader's batch
    of 32: the headline covers every window, the drop-last columns stay empty, nothing crashes."""
    out = tmp_path / "out"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "12,30", "--models", "repeat,nlinear",
                 "--no-plots", "--out", str(out), benchmark="ltsf")
    assert cli.run_bench(args) == 0
    rows = results.read_csv(out / "results.csv")
    assert [(r["H"], r["windows"], r["windows_drop_last"]) for r in rows][::2] == [("12", "49", "32"), ("30", "31", "0")]
    assert rows[-1]["mse_drop_last"] == "" and float(rows[-1]["mse"]) > 0
    assert (out / "results.md").is_file()


@pytest.mark.parametrize("flag", ["64", "recipe"])
def test_drop_last_larger_than_the_test_part_is_refused_before_training(tmp_path, flag):
    from rnncast.bench import plan
    from rnncast.errors import RnncastError

    out = tmp_path / "out"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "30", "--drop-last", flag, "--out", str(out),
                 benchmark="ltsf")
    with pytest.raises(RnncastError, match=f"--drop-last {flag}: the test part holds 31 windows at horizon 30"):
        plan.make_plan(args)
    assert not out.exists()


def test_an_out_folder_of_something_else_is_refused_before_anything_is_written(tmp_path):
    from rnncast.bench import plan
    from rnncast.errors import RnncastError

    data = _small_table(tmp_path)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "results.csv").write_text("dataset,mse\nx,1\n")
    (foreign / "forecast_repeat_H12.png").write_bytes(b"mine")
    with pytest.raises(RnncastError, match=r"holds files that rnncast bench did not write \(results.csv\)"):
        plan.make_plan(parse("--data", str(data), "--out", str(foreign), benchmark="ltsf"))  # not begun as bench's
    assert (foreign / "forecast_repeat_H12.png").read_bytes() == b"mine"
    (foreign / "results.csv").write_text("finished_utc,dataset,mse\nx,x,1\n")
    with pytest.raises(RnncastError, match="has other columns than this version writes"):
        plan.make_plan(parse("--data", str(data), "--out", str(foreign), benchmark="ltsf"))
    (foreign / "results.csv").unlink()
    with pytest.raises(RnncastError, match="holds forecast_repeat_H12.png but no results.csv"):
        plan.make_plan(parse("--data", str(data), "--out", str(foreign), benchmark="ltsf"))
    with pytest.raises(RnncastError, match="is a file; choose a folder"):
        plan.make_plan(parse("--data", str(data), "--out", str(data), benchmark="ltsf"))


def test_settings_a_fit_refuses_are_refused_before_repeat_runs_or_a_row_is_written(tmp_path):
    from rnncast.errors import RnncastError

    out = tmp_path / "out"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "12", "--models", "repeat,lstm", "--no-plots",
                 "--set", "lstm:window_scale=true", "--set", "scheme=sequence", "--out", str(out), benchmark="ltsf")
    with pytest.raises(RnncastError, match="scheme 'sequence' does not take window_scale"):
        cli.run_bench(args)
    assert not (out / "results.csv").exists()


def test_runs_sharing_a_folder_keep_their_own_plots(tmp_path, capsys):
    """S and M, two lookbacks and two seeds into one --out: no run's plot replaces another's (they were
    all forecast_repeat_H12.png, the last run's), and results.md links the plots of the runs it shows."""
    path = tmp_path / "two.csv"
    weeks = pd.date_range("2001-01-07", periods=300, freq="W")
    rng = np.random.default_rng(0)
    pd.DataFrame({"date": weeks.strftime("%Y-%m-%d"), "a": rng.normal(size=300), "OT": rng.normal(size=300)}).to_csv(
        path, index=False)
    out = tmp_path / "shared"
    for argv in (["--mode", "S"], ["--mode", "M"], ["--mode", "S", "--lookback", "24"], ["--mode", "S", "--seed", "7"]):
        assert cli.run_bench(parse("--data", str(path), "--horizons", "12", "--models", "nlinear", "--out", str(out),
                                   *argv, benchmark="ltsf")) == 0  # trained: a seed reaches it (repeat's is refused)
    rows = results.read_csv(out / "results.csv")
    names = [results.plot_name(r) for r in rows]
    assert len(set(names)) == 4 and sorted(p.name for p in out.glob("*.png")) == sorted(names)
    md = (out / "results.md").read_text()
    assert all(f"[nlinear H=12]({name})" in md for name in names[1:3])  # M and L=24: each its own section
    # S, L=36: seeds 2021 and 7 of one setting, averaged in one cell, each plot linked by its seed
    assert f"[nlinear H=12 seed 2021]({names[0]}), [nlinear H=12 seed 7]({names[3]})" in md
    assert capsys.readouterr().out.count("and 1 forecast plot(s), linked from results.md") == 4  # one per command


def test_a_constant_column_in_m_mode_is_said_and_scored(tmp_path, capsys):
    path = tmp_path / "flat.csv"
    rng = np.random.default_rng(0)
    pd.DataFrame({"date": pd.date_range("2001-01-07", periods=200, freq="W").strftime("%Y-%m-%d"), "flat": 2.0,
                  **{f"f{i}": float(i) for i in range(6)}, "OT": rng.normal(size=200)}).to_csv(path, index=False)
    out = tmp_path / "out"
    assert cli.run_bench(parse("--data", str(path), "--mode", "M", "--horizons", "8", "--models", "repeat", "--no-plots",
                               "--out", str(out), benchmark="ltsf")) == 0
    printed = capsys.readouterr().out
    assert ("column(s) 'flat', 'f0', 'f1', 'f2', 'f3' ... (7 in all) constant on the training rows: only centred, as the "
            "published code's StandardScaler did, and forecast and scored with the others") in printed
    assert float(results.read_csv(out / "results.csv")[0]["mse"]) > 0
    assert "(constant on the training rows, 7 of 8 columns) make 0% of Repeat's MSE at this horizon" in printed


def test_a_column_constant_on_the_training_rows_only_is_said_in_data_units_with_its_share(tmp_path, capsys):
    """A column constant on the training rows and varying later is only centred: its errors stay in the data's
    units and made Repeat's M MSE 7.66 against 0.85 without it, said only as "only centred ... scored with the
    others". The run says its errors are not z-scores, may outweigh the others, how to leave it out, and its share."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2001-01-07", periods=300, freq="D").strftime("%Y-%m-%d"),
                          "a": np.r_[np.ones(210), 1 + 5 * rng.normal(size=90)], "OT": rng.normal(size=300)})
    frame.to_csv(tmp_path / "late.csv", index=False)
    assert cli.run_bench(parse("--data", str(tmp_path / "late.csv"), "--mode", "M", "--horizons", "8", "--models",
                               "repeat", "--no-plots", "--out", str(tmp_path / "out"), benchmark="ltsf")) == 0
    printed = capsys.readouterr().out
    assert ("where they vary later, their errors are in the data's units, not z-scores, and may outweigh the other "
            "columns' in the M scores (each row's MSE is the mean over all columns); --mode S or MS, or the file "
            "without them, leaves them out") in printed
    share = float(printed.split("(constant on the training rows, 1 of 2 columns) makes ")[1].split("%")[0])
    assert share > 90
    assert results.read_csv(tmp_path / "out" / "results.csv")[0]["unscaled_columns"] == '["a"]'
    assert "Only centred, not z-scored: `a`" in (tmp_path / "out" / "results.md").read_text()


def test_the_run_says_how_it_read_the_table_and_chose_its_horizons(tmp_path, capsys):
    """A row index, names with spaces, the short horizons chosen: each said in the run's first lines."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2001-01-07", periods=300, freq="D").strftime("%Y-%m-%d"),
                          " OT": rng.normal(size=300), " a": rng.normal(size=300)})
    frame.to_csv(tmp_path / "own.csv", index_label="index")
    assert cli.run_bench(parse("--data", str(tmp_path / "own.csv"), "--models", "repeat", "--no-plots",
                               "--out", str(tmp_path / "out"), benchmark="ltsf")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:5] == [
        "own: custom protocol, rows 0-209 train, 210-239 validation, 240-299 test; time column 'date', 2 value "
        "columns, target 'OT' (the OT column, as in the LTSF files)",
        "column names read without the spaces around them: ' OT' as 'OT', ' a' as 'a'",
        "the first column ('index') numbers the rows 0-299, a row index as pandas' to_csv writes one: read as the "
        "row order, not as a series",
        "300 rows: none of the long horizons 96-720 fits (the validation part holds 30 rows, fewer than H=96), so the "
        "short horizons of ILI are used, with L=36; 36, 48, 60 do not fit: the validation part holds 30 rows, fewer "
        "than H=36",  # before the run's line, which it explains
        f"own S, L=36, horizons 24 (at a step of 1 day: 24 steps are 3.4 weeks ahead), models repeat -> {tmp_path / 'out'}"]


def test_the_librarys_hints_name_benchs_set_not_flags_it_lacks(tmp_path, caplog):
    """Two epochs of an LSTM whose validation loss still falls: the library's 'undertrained' hint names
    --set epochs=N and --set lr=X (bench has no --epochs), and the default spelling is back afterwards."""
    from rnncast.spelling import spelled

    with caplog.at_level("WARNING", logger="rnncast"):
        assert cli.run_bench(parse("--data", str(_small_table(tmp_path)), "--horizons", "8", "--lookback", "24",
                                   "--models", "lstm", "--set", "epochs=2", "--no-plots", "--out", str(tmp_path / "out"),
                                   benchmark="ltsf")) == 0
    [hint] = [r.getMessage() for r in caplog.records if "undertrained" in r.getMessage()]
    assert hint.endswith("try more epochs (--set epochs=N) or a larger learning rate (--set lr=X)")
    assert "--epochs" not in hint and spelled("epochs") == "epochs=, --epochs"


@pytest.mark.parametrize("settings, message", [
    (["window_norm=season"], "give the period in steps (--set season=N): 24 for hourly data with a daily cycle"),
    (["window_norm=season", "season=30"], "raise lookback to at least the season (--lookback 30)"),
    (["highway=false", "highway_start=least_squares"], "turn it on (--set highway=true)"),
])
def test_refused_settings_name_benchs_spelling_before_anything_runs(tmp_path, settings, message):
    """A Forecaster's refusal of bench's settings names --set and --lookback, not fit's --season and its
    keyword season=, and comes before Repeat runs or a row is written."""
    from rnncast.errors import RnncastError

    out = tmp_path / "out"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "8", "--lookback", "24", "--models", "repeat,lstm",
                 *[f"--set={item}" for item in settings], "--no-plots", "--out", str(out), benchmark="ltsf")
    with pytest.raises(RnncastError) as caught:
        cli.run_bench(args)
    assert message in str(caught.value) and "season=52," not in str(caught.value)
    assert not (out / "results.csv").exists()


def test_a_run_recognises_its_table_once(tmp_path, monkeypatch):
    """identity.recognise (a SHA-256 of every value) ran up to four times a run: reading, planning, preparing and
    the note; the plan's recognition is passed along."""
    from rnncast.bench import identity

    calls = []
    recognise = identity.recognise
    monkeypatch.setattr(identity, "recognise", lambda table: calls.append(table.name) or recognise(table))
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "12", "--models", "repeat", "--no-plots",
                 "--out", str(tmp_path / "out"), benchmark="ltsf")
    assert cli.run_bench(args) == 0 and calls == ["small_weekly"]


def test_repeats_rows_record_no_seed_and_are_read_back(tmp_path):
    """bench --models repeat wrote seed 2021 in results.csv though nothing seeds Repeat; its rows now hold none,
    the plot's name leaves the seed out, and results.md reads them beside rows of a seeded model."""
    from rnncast.bench import results

    out = tmp_path / "out"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "12", "--models", "repeat,nlinear", "--no-plots",
                 "--out", str(out), benchmark="ltsf")
    assert cli.run_bench(args) == 0
    rows = pd.read_csv(out / "results.csv", dtype=str, keep_default_na=False)
    assert dict(zip(rows["model"], rows["seed"])) == {"repeat": "", "nlinear": "2021"}
    assert "_seed" not in results.plot_name(rows[rows["model"] == "repeat"].iloc[0].to_dict())
    assert "_seed2021_" in results.plot_name(rows[rows["model"] == "nlinear"].iloc[0].to_dict())
    assert "Seeds of the runs shown" not in (out / "results.md").read_text()


def test_results_record_the_split_rows_and_dates_also_appended_to_an_earlier_folder(tmp_path):
    """Neither results.csv nor results.md held the split: only the console line gave its rows. Each row's settings
    now record every part's first and last data row and their dates as the file writes them, and results.md says
    them; a folder whose rows were written before (settings without the split) is appended to as before."""
    import json

    out, data = tmp_path / "out", _small_table(tmp_path)
    args = parse("--data", str(data), "--horizons", "12", "--models", "repeat", "--no-plots", "--out", str(out),
                 benchmark="ltsf")
    assert cli.run_bench(args) == 0
    [row] = results.read_csv(out / "results.csv")
    dates = pd.read_csv(data)["date"]
    assert json.loads(row["settings"])["split"] == {
        "train": [0, 209, dates[0], dates[209]], "validation": [210, 239, dates[210], dates[239]],
        "test": [240, 299, dates[240], dates[299]]}
    text = (out / "results.csv").read_text().replace(row["settings"].replace('"', '""'), "{}")  # as written before
    (out / "results.csv").write_text(text)
    assert cli.run_bench(args) == 0
    old, new = results.read_csv(out / "results.csv")
    assert old["settings"] == "{}" and "split" in json.loads(new["settings"])
    md = (out / "results.md").read_text()
    assert md.count("Split (") == 1 and (
        f"Split (data rows from 0, with their times as the file writes them): train 0-209 ({dates[0]} to "
        f"{dates[209]}), validation 210-239 ({dates[210]} to {dates[239]}), test 240-299 ({dates[240]} to "
        f"{dates[299]}).") in md


@pytest.mark.parametrize("flag, value, said", [
    ("--threads", "9" * 23, "threads 99999999999999999999999 is out of range: accepted are whole numbers from 0 to 1024"),
    ("--threads", "1025", "threads 1025 is out of range: accepted are whole numbers from 0 to 1024"),
    ("--lookback", "9" * 23, "lookback 99999999999999999999999 is out of range: accepted are whole numbers from 1 to "
                             "2**63 - 1"),
])
def test_whole_number_flags_past_their_range_are_refused_in_one_line(capsys, flag, value, said):
    """bench --threads 99999999999999999999999 reached torch.set_num_threads: "Overflow when unpacking long long"."""
    from rnncast.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["bench", "ltsf", flag, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_a_fits_warnings_name_the_model_and_setting_they_are_about(tmp_path, caplog):
    """Every model of every horizon warned "the best epoch was the last (2 of 2) ... may be undertrained" alike, before
    the line naming it: each fit's lines now begin with its model, L and H; the lines that name them already do not."""
    with caplog.at_level("INFO", logger="rnncast"):
        assert cli.run_bench(parse("--data", str(_small_table(tmp_path)), "--horizons", "8", "--lookback", "24",
                                   "--models", "lstm,gru", "--set", "epochs=2", "--no-plots", "--out", str(tmp_path / "out"),
                                   benchmark="ltsf")) == 0
    lines = caplog.text.splitlines()
    for model in ("lstm", "gru"):
        assert sum(f"{model} L=24 H=8: the best epoch was the last (2 of 2)" in line for line in lines) == 1
        assert sum(f"{model}: 2 epochs, best epoch 2" in line for line in lines) == 1  # as before, named once
    assert not any("undertrained" in line and " L=24 H=8: " not in line for line in lines)


def test_threads_0_is_torchs_own_choice_as_for_fit_and_recorded_as_the_count_used(tmp_path, monkeypatch, capsys):
    """bench --threads 0 was refused ("threads must be a positive integer") where fit, predict and tune take it as
    torch's own choice; -1 is refused naming the range and what 0 means."""
    import torch

    set_to = []
    monkeypatch.setattr(torch, "set_num_threads", set_to.append)  # the process's threads left to torch
    out = tmp_path / "out"
    assert cli.run_bench(parse("--data", str(_small_table(tmp_path)), "--horizons", "8", "--lookback", "24",
                               "--models", "repeat", "--threads", "0", "--no-plots", "--out", str(out),
                               benchmark="ltsf")) == 0
    assert set_to == [] and results.read_csv(out / "results.csv")[0]["threads"] == str(torch.get_num_threads())
    with pytest.raises(SystemExit):
        parse("--threads", "-1", benchmark="ltsf")
    assert ("argument --threads: threads must be a whole number from 0 to 1024 (0: torch's own choice, one per core), "
            "got '-1'") in capsys.readouterr().err


def test_s_mode_runs_a_table_whose_other_columns_have_gaps_or_text_and_says_which_it_left_unread(tmp_path, capsys):
    """A tester's copy of national_illness.csv with a blank in one column and a word in another was refused in S
    mode, which forecasts the target alone; it now runs, its first lines naming the columns not read. M refuses."""
    path = _small_table(tmp_path)
    frame = pd.read_csv(path)
    frame.insert(1, "a", 1.0)
    frame.insert(2, "b", "7")
    frame.loc[5, "a"], frame.loc[9, "b"] = np.nan, "unknown"
    frame.to_csv(path, index=False)
    argv = ("--data", str(path), "--horizons", "12", "--models", "repeat,nlinear", "--no-plots")
    assert cli.run_bench(parse(*argv, "--mode", "S", "--out", str(tmp_path / "s"), benchmark="ltsf")) == 0
    printed = capsys.readouterr().out
    name = path.name  # each value at its line in the file, as fit names one (data row 5 was line 7)
    assert ("S mode reads the target 'OT' alone; columns it does not read: 'a' (1 missing value, first at line 7 of "
            f"{name}), 'b' (not numeric: 'unknown' at line 11 of {name}); M and MS, which read every column, would "
            "refuse them") in printed
    assert len(results.read_csv(tmp_path / "s" / "results.csv")) == 2
    with pytest.raises(cli.RnncastError, match="column 'b' is not numeric \\('unknown' at line 11 of "):
        cli.run_bench(parse(*argv, "--mode", "M", "--out", str(tmp_path / "m"), benchmark="ltsf"))


def test_an_interrupted_bench_says_which_rows_it_kept_and_that_a_rerun_runs_them_all(tmp_path, capsys, monkeypatch):
    """An interrupted `bench ltsf` kept its finished rows in results.csv, wrote no results.md and said only
    "interrupted" (a tester's finding): it names the rows kept, that results.md was not remade, and how to finish
    (the same command, which runs every model again: it does not continue from results.csv)."""
    from rnncast.bench import measure

    real, calls = measure.run_one, []

    def second_interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while nlinear trains
        return real(*args, **kwargs)

    monkeypatch.setattr(measure, "run_one", second_interrupted)
    out = tmp_path / "b"
    args = parse("--data", str(_small_table(tmp_path)), "--horizons", "12", "--models", "repeat,nlinear", "--no-plots",
                 "--out", str(out), benchmark="ltsf")
    assert cli.run_bench(args) == 130
    err = capsys.readouterr().err
    assert err == (f"rnncast: interrupted; {out / 'results.csv'} keeps 1 of the run's 2 rows (repeat H=12), and "
                   "results.md was not remade; to finish, run the same command again: bench does not continue from "
                   "results.csv, it runs every model and horizon over and appends their rows (results.md shows each "
                   "model's latest run)\n")
    assert len(results.read_csv(out / "results.csv")) == 1 and not (out / "results.md").exists()
    monkeypatch.setattr(measure, "run_one", real)
    assert cli.run_bench(args) == 0  # the same command: every row again, appended
    assert [r["model"] for r in results.read_csv(out / "results.csv")] == ["repeat", "repeat", "nlinear"]


def test_a_quick_run_into_a_full_runs_folder_says_what_results_md_shows(tmp_path, capsys):
    """A quick run replaced a full run's row in results.md without a word; it is left out now, and the last line counts
    the plots results.md links."""
    out, data = tmp_path / "out", str(_small_table(tmp_path))
    common = ("--data", data, "--horizons", "8", "--lookback", "24", "--out", str(out))
    assert cli.run_bench(parse(*common, "--models", "repeat,nlinear", "--no-plots", benchmark="ltsf")) == 0
    capsys.readouterr()
    assert cli.run_bench(parse(*common, "--models", "nlinear", "--quick", benchmark="ltsf")) == 0
    said = capsys.readouterr().out
    assert "QUICK smoke test (few epochs): these scores show that the benchmark runs" in said
    assert said.rstrip().endswith("and 1 forecast plot(s), 0 linked from results.md")
    assert "Later QUICK smoke tests not shown, a full run of the same model and horizon being: nlinear H=8." in (
        out / "results.md").read_text()


def _protocol_flags() -> list[str]:
    """Every flag of fit naming a setting or column role the protocol fixes (``recurrent.PROTOCOL_KEYS``,
    ``COLUMN_KEYS``) that bench has no flag of, with the other names of two: --scaler, --no-target-input, --time-col."""
    from rnncast.bench import recurrent
    from rnncast.cli.parser import build_parser
    fit = build_parser()._subparsers._group_actions[0].choices["fit"]
    keys = set(recurrent.PROTOCOL_KEYS + recurrent.COLUMN_KEYS) - set(recurrent.PROTOCOL_FLAGS)
    return [f for f in fit._option_string_actions if f.startswith("--") and f.removeprefix("--no-").removeprefix("--")
            .replace("-", "_") in keys] + ["--test-size", "--scaler-type"]


@pytest.mark.parametrize("benchmark, protocol", [("ett", "ETT"), ("ltsf", "LTSF")])
@pytest.mark.parametrize("flag", _protocol_flags())
def test_a_setting_the_protocol_fixes_is_said_fixed_by_it(capsys, benchmark, protocol, flag):
    """``bench ett --scaler``, ``--test-frac``, ``--no-target-input`` said only "has no flag"; ``--test-size`` "which
    is not taken here": each now says the protocol fixes it, as ``--set scaler=...`` does."""
    from rnncast.cli.parser import build_parser
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["bench", benchmark, flag, "1"])
    said = capsys.readouterr().err
    assert stop.value.code == 2 and f"fixed by the {protocol} protocol (" in said and "not taken here" not in said


def test_bench_ett_says_its_target_and_static_table_are_the_protocols(capsys):
    from rnncast.cli.parser import build_parser
    for flag, said in (("--target", "fixed by the ETT protocol (it forecasts OT; rnncast bench ltsf takes --target)"),
                       ("--static", "fixed by the ETT protocol (bench reads the table by it)")):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["bench", "ett", flag, "x"])
        assert said in capsys.readouterr().err


def test_bench_remake_rewrites_each_folders_results_md_and_refuses_a_folder_without_results_csv(tmp_path, capsys):
    """``rnncast bench remake FOLDER ...``: results.md rewritten from results.csv with nothing run; a folder without a
    results.csv is one line on stderr, exit 2."""
    from rnncast.cli import main

    row = {column: "" for column in results.CSV_COLUMNS}
    row.update(dataset="ETTh1", protocol="ett", target="OT", mode="S", L=96, H=96, model="repeat", mse=0.069, mae=0.203,
               test_windows="all", windows=2785, windows_all=2785, repeat_mse=0.069, repeat_mae=0.203, seconds=0.0,
               quick="no", command="rnncast bench ett")
    results.append_csv(tmp_path / "results.csv", row)
    assert main(["bench", "remake", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'results.md'} from the 1 row of {tmp_path / 'results.csv'}\n"
    assert "| 96 | 0.0690/0.2030 |" in (tmp_path / "results.md").read_text()
    assert main(["bench", "remake", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert "nothing does not exist" in err and len(err.strip().splitlines()) == 1, err  # not "holds no results.csv"
    (tmp_path / "results.csv").write_text((tmp_path / "results.csv").read_text().replace(",0.069000,", ",n/a,", 1))
    assert main(["bench", "remake", str(tmp_path)]) == 2  # a damaged cell: one line naming it, no traceback
    err = capsys.readouterr().err
    assert "row 1 (line 2), column mse: 'n/a' is not a number" in err and len(err.strip().splitlines()) == 1, err
