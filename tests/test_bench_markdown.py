"""``results.md`` of ``rnncast bench`` (``bench/markdown.py``): the latest run of every model beside the published
rows scored on the same test windows, a table of their own for published rows scored on other windows (with the
measured models scored on those), seeds, plots, notes."""

from __future__ import annotations

import json

from rnncast.bench import markdown, results


def _row(**changes) -> dict:
    row = {column: "" for column in results.CSV_COLUMNS}
    row.update(dataset="ETTh1", protocol="ett", target="OT", mode="S", L=96, H=96, model="nlinear", mse=0.0532, mae=0.177, test_windows="all",
               windows=2785, windows_all=2785, repeat_mse=0.069, repeat_mae=0.203, beats_repeat="yes", seconds=1.5, quick="no", command="rnncast bench ett")
    return {**row, **changes}


def test_the_markdown_shows_the_latest_run_of_each_model_beside_the_published_rows(tmp_path):
    for row in (_row(mse=0.0601, beats_repeat="no"), _row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""), _row()):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert "## ETTh1, S, L=96, all test windows, ett protocol" in md
    assert "| 96 | 0.0690/0.2030 | **0.0532/0.1770** |" in md and "0.0601/" not in md  # the later nlinear run, in bold
    assert "rnncast bench ett" in md


def test_published_rows_show_only_beside_runs_they_can_be_compared_with(tmp_path):
    """Published S rows were made on OT under the dataset's own protocol: another target, or an ETT
    file run under the custom protocol, gets no published columns."""
    for row in (_row(), _row(target="HUFL", L=48), _row(protocol="custom", L=24)):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    sections = md.split("\n## ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        "ETTh1, S, L=96, all test windows, ett protocol",
        "ETTh1, S (target HUFL), L=48, all test windows, ett protocol",
        "ETTh1, S, L=24, all test windows, custom protocol"]
    assert "*NLinear L=336*" in sections[0]
    assert "*NLinear L=336*" not in sections[1] and "*NLinear L=336*" not in sections[2]


def test_the_markdown_says_when_seeds_differ_and_which_windows_the_published_rows_scored(tmp_path):
    """A later run into the same folder with another seed shows beside the others: the page says
    whose seed is which; beside all-window scores it says the published rows scored drop-last windows."""
    for row in (_row(model="repeat", mse=0.069, mae=0.203, beats_repeat="", seed=2021), _row(seed=5),
                _row(model="dlinear", seed=2021, epochs_run=7, best_epoch=4)):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear", "dlinear"]).read_text()
    assert ("Seeds of each model and horizon (a cell of several shows their mean ± sd, n the seeds): repeat H=96 "
            "2021; nlinear H=96 5; dlinear H=96 2021.") in md
    assert "Trained runs: dlinear H=96 (seed 2021) 7 epochs (best 4)" in md
    assert "1 epoch (best" in markdown.markdown([{**r, "epochs_run": "1"} for r in results.read_csv(
        tmp_path / "results.csv")], ["dlinear"])  # it said "1 epochs"
    # LTSF-Linear's loader (ETTh1's script: batch 32) and the formers' (32) scored the same windows: one table,
    # each loader said
    assert ("On the windows of NLinear L=336, DLinear L=336, FEDformer L=96, Informer L=96, LSTMa (Informer) "
            "(NLinear L=336, DLinear L=336: the first floor(n/B)*B test windows, B the batch of LTSF-Linear's script"
            in md)
    assert "FEDformer L=96, Informer L=96, LSTMa (Informer): the first floor(n/32)*32 test windows" in md
    (tmp_path / "results.csv").unlink()
    results.append_csv(tmp_path / "results.csv", _row(test_windows="drop-last-32", seed=2021, windows=2784,
                                                      windows_all=2785, mse_all=0.0533, mae_all=0.1771))
    md = markdown.write_markdown(tmp_path, ["nlinear"]).read_text()
    assert "Seed 2021 for every run shown." in md
    repeat_all = md.split("\nOn ")[1]
    assert md.count("\nOn ") == 1  # B=32 is ETTh1's recipe and the formers' batch: one table
    # it read "On the windows of Repeat (all windows) (all test windows; scored on all test windows (...))"
    assert repeat_all.startswith("all test windows (shared/benchmarks/ETT.md, point 8), beside Repeat (all windows):\n")
    assert "| 96 | 0.0533/0.1771 | *0.069/0.203* |" in repeat_all  # nlinear's all-window scores beside it


def test_the_markdown_links_the_plots_present_of_the_runs_shown(tmp_path):
    old, new = _row(seed=1, mse=0.07, beats_repeat="no", settings='{"epochs": 1}'), _row(seed=2)
    for row in (old, new, _row(model="repeat", beats_repeat="")):
        results.append_csv(tmp_path / "results.csv", row)
    for row in (old, new):
        (tmp_path / results.plot_name(row)).write_bytes(b"png")  # the repeat run drew none (--no-plots)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert f"Forecast plots (the first test window): [nlinear H=96]({results.plot_name(new)})." in md
    assert results.plot_name(old) not in md  # another setting's run: not shown
    assert ("Earlier runs of another setting are not shown for: nlinear H=96 (these cells show the latest setting "
            "only).") in md
    third = _row(seed=3, mse=0.06)
    results.append_csv(tmp_path / "results.csv", third)
    (tmp_path / results.plot_name(third)).write_bytes(b"png")
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()  # two seeds of one setting: both drawn
    assert (f"[nlinear H=96 seed 2]({results.plot_name(new)}), [nlinear H=96 seed 3]({results.plot_name(third)})."
            in md)


def test_several_seeds_of_a_setting_show_their_mean_and_sd_and_each_cell_says_its_seeds(tmp_path):
    """results.md showed only the latest run of each model, with no mean over seeds (the published tables report
    one), and "Seeds of the runs shown (they differ): gru 2021, 7" did not say which horizon had which seed: a cell
    of several seeds of one setting is their mean ± sd (n), a rerun of a seed replaces it, and each model and
    horizon's seeds are said."""
    gru = dict(model="gru", beats_repeat="yes", settings='{"epochs": 1, "seed": 1, "threads": 2}')
    for row in (_row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""), _row(seed=7, mse=0.09, **gru),
                _row(seed=2021, mse=0.05, mae=0.17, **gru), _row(seed=7, mse=0.06, mae=0.19, **gru),  # 7 rerun
                _row(seed=2021, H=192, mse=0.07, mae=0.18, **gru), _row(H=192, model="repeat", beats_repeat="")):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "gru"]).read_text()
    assert "| 96 | 0.0690/0.2030 | **0.0550 ± 0.00707/0.1800 ± 0.0141 (n=2)** |" in md  # 0.09 replaced by 0.06
    assert "| 192 | 0.0532/0.1770 | **0.0700/0.1800** |" in md
    assert ("Seeds of each model and horizon (a cell of several shows their mean ± sd, n the seeds): gru H=96 "
            "2021, 7; gru H=192 2021.") in md
    assert "their mean ± sd over the seeds (n=seeds)" in md


def test_a_file_named_like_a_known_table_that_is_not_it_gets_no_published_rows(tmp_path):
    for row in (_row(dataset="exchange_rate", protocol="custom", mode="M", known_table="no"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", L=336, known_table="yes")):
        results.append_csv(tmp_path / "results.csv", row)
    own, released = markdown.write_markdown(tmp_path, ["nlinear"]).read_text().split("\n## ")[1:]
    assert "*Repeat*" not in own and "No published rows: the file named exchange_rate is not the LTSF Exchange table" in own
    assert "*Repeat*" in released and "*0.081/0.196*" in released
    results.append_csv(tmp_path / "results.csv", _row(dataset="Exchange_Rate", protocol="custom", mode="M", known_table="no"))
    assert "the file named Exchange_Rate is not the LTSF Exchange table" in markdown.write_markdown(  # any case (decision 562)
        tmp_path, ["nlinear"]).read_text()


def test_drop_last_sections_name_their_batch(tmp_path):
    """Which windows a drop-last section scores: B given, B of LTSF-Linear's script, or ETTh1's B=32 for a
    table without a script (the command says so too)."""
    for row in (_row(test_windows="drop-last-8"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", H=96, test_windows="drop-last-recipe", known_table="yes"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", H=336, test_windows="drop-last-recipe", known_table="yes"),
                _row(dataset="sales", protocol="custom", test_windows="drop-last-recipe", known_table="no")):
        results.append_csv(tmp_path / "results.csv", row)
    ett, exchange, sales = markdown.write_markdown(tmp_path, ["nlinear"]).read_text().split("\n## ")[1:]
    assert "Scored on the drop-last test windows: the first floor(n/B)*B with B = 8." in ett
    assert "B = 8 at H=96, 32 at H=336 (LTSF-Linear's script for exchange_rate)" in exchange
    assert "B = 32, ETTh1's batch (LTSF-Linear has no script for sales)." in sales


def test_columns_only_centred_are_said_in_their_section_and_recorded(tmp_path):
    """A column constant on the training rows is only centred: its errors stay in the data's units (an M MSE of
    63779.8), under a page that opened "MSE/MAE on z-scored values" with no caveat; results.csv kept no trace. The
    section says which columns and that its scores are not all z-scores; rows without the column read as before."""
    for row in (_row(dataset="flat", protocol="custom", mode="M", mse=63779.8, unscaled_columns='["level"]'),
                _row(dataset="plain", protocol="custom", mode="M")):
        results.append_csv(tmp_path / "results.csv", row)
    assert results.read_csv(tmp_path / "results.csv")[0]["unscaled_columns"] == '["level"]'
    md = markdown.write_markdown(tmp_path, ["nlinear"]).read_text()
    head, flat, plain = md.split("\n## ")
    assert "a column constant on the training rows is only centred" in head
    assert ("Only centred, not z-scored: `level`, constant on the training rows (the published code's StandardScaler "
            "left them so). Their errors are in the data's units, so these scores are not all z-scores") in flat
    assert "Only centred" not in plain
    old = [c for c in results.CSV_COLUMNS if c != "unscaled_columns"]  # a file of the version before
    row = _row(dataset="flat", protocol="custom", mode="M")
    (tmp_path / "results.csv").write_text(",".join(old) + "\n" + ",".join(str(row[c]) for c in old) + "\n")
    assert "## flat, M" in markdown.write_markdown(tmp_path, ["nlinear"]).read_text()


def _ili(h, model, windows, n, mse, extra=None, **changes):
    """A row of ILI M at L=104 scored on LTSF-Linear's drop-last windows (its batch 32), with its scores on the
    published rows' windows (``extra``: {windows: mse}) as measure.run_one records them."""
    row = dict(dataset="national_illness", protocol="custom", mode="M", L=104, H=h, model=model, mse=mse, mae=mse / 2,
               windows=windows, windows_all=n, test_windows="drop-last-recipe", known_table="yes",
               beats_repeat="" if model == "repeat" else "yes",
               published_windows=json.dumps({str(k): [v, v / 2] for k, v in (extra or {}).items()}))
    return _row(**{**row, **changes})


def test_published_rows_scored_on_other_windows_get_a_table_of_their_own_with_the_runs_on_those(tmp_path):
    """PatchTST's ILI rows were scored by a loader that dropped its last incomplete batch of 16, LTSF-Linear's of
    32: at H=36 the first 144 windows against 128. On ILI the 16 weeks between differ (Repeat 8.40 against 7.13), so
    PatchTST's column stood beside scores on other windows. It moves to a table of the windows it was scored on,
    beside the runs' scores there; at H=24 (160 windows either way) the two coincide."""
    for row in (_ili(24, "repeat", 160, 170, 6.587, {160: 6.587}), _ili(24, "lstm", 160, 170, 1.9, {160: 1.9}),
                _ili(36, "repeat", 128, 158, 7.130, {128: 7.130, 144: 8.398}),
                _ili(36, "lstm", 128, 158, 1.95, {128: 1.95, 144: 2.3})):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "lstm"]).read_text()
    main = md.split("\nOn ")[0]
    assert "*NLinear L=104*" in main and "*PatchTST/42 L=104*" not in main
    tables = {t.split("\n")[0].split(", beside ")[-1]: t for t in md.split("\nOn ")[1:]}
    patch = tables["PatchTST/42 L=104, PatchTST/64:"]
    assert patch.startswith("the first floor(n/16)*16 test windows (PatchTST's test loader (drop_last=True) with batch 16")
    assert "| 24 | 6.5870/3.2935 | **1.9000/0.9500** | *1.522/0.814* | *1.319/0.754* |" in patch
    assert "| 36 | 8.3980/4.1990 | **2.3000/1.1500** | *1.430/0.834* | *1.579/0.870* |" in patch
    assert "| 36 | 7.1300/3.5650 | **1.9500/0.9750** |" in main


def test_runs_of_an_earlier_version_show_no_score_on_windows_they_were_not_scored_on(tmp_path):
    """A results.csv row written before the runs kept their scores on the published rows' windows: a dash, not
    the headline score under another windows' published column."""
    for row in (_ili(36, "repeat", 128, 158, 7.130), _ili(36, "lstm", 128, 158, 1.95)):
        results.append_csv(tmp_path / "results.csv", {**row, "published_windows": ""})
    md = markdown.write_markdown(tmp_path, ["repeat", "lstm"]).read_text()
    patch = next(t for t in md.split("\nOn ")[1:] if ", beside PatchTST" in t.split("\n")[0])
    assert "| 36 | — | — | *1.430/0.834* | *1.579/0.870* |" in patch


def test_a_score_is_found_in_whichever_column_holds_its_windows():
    row = _row(windows=128, mse=1.5, mae=0.7, windows_all=158, mse_all=2.0, mae_all=0.9, windows_drop_last=128,
               mse_drop_last=1.5, mae_drop_last=0.7, published_windows=json.dumps({"144": [1.8, 0.8]}))
    assert markdown.score_at(row, 128) == (1.5, 0.7)
    assert markdown.score_at(row, 158) == (2.0, 0.9)
    assert markdown.score_at(row, 144) == (1.8, 0.8)
    assert markdown.score_at(row, 96) is None


def test_published_rows_of_other_loaders_scored_on_the_same_windows_share_one_table(tmp_path):
    """With --drop-last 16 on ILI, LTSF-Linear's rows (its batch of 32) and FEDformer's (32) are scored on the same first
    128 windows at H=36: one table, each loader said, not two tables of the same numbers."""
    for model, mse in (("repeat", 8.398), ("nlinear", 1.719)):
        results.append_csv(tmp_path / "results.csv", _ili(36, model, 144, 158, mse, {128: mse - 0.1, 144: mse},
                                                          test_windows="drop-last-16"))
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    tables = md.split("\nOn ")[1:]
    assert len(tables) == 1 and tables[0].startswith("the windows of Repeat, NLinear L=104, DLinear L=104, FEDformer L=36 (")
    assert "FEDformer L=36: the first floor(n/32)*32 test windows, its code's test loader" in tables[0]
    assert "| 36 | 8.2980/4.1490 | **1.6190/0.8" in tables[0]  # each run on those 128 windows, below Repeat there


def test_m_runs_of_two_targets_are_one_section_as_they_score_the_same_columns(tmp_path):
    """M forecasts and scores every column whatever --target names (only the plotted one), and the default folder
    of M now holds every target's runs: two targets made two sections under the very same heading."""
    for row in (_row(mode="M", target="OT", mse=0.5, beats_repeat="no"), _row(mode="M", target="HUFL", mse=0.4)):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert md.count("## ETTh1, M, L=96") == 1 and "0.4000/" in md and "0.5000/" not in md  # the later run


def test_the_split_is_said_once_per_section_and_not_for_rows_that_kept_none(tmp_path):
    """results.md held no split; rows now record it (settings["split"]), rows of earlier versions do not."""
    split = {"test": [240, 299], "train": [0, 209], "validation": [210, 239]}  # a table without a time column
    for row in (_row(model="repeat", settings="{}"), _row(settings=json.dumps({"lr": 0.005, "split": split}))):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert md.count("Split (") == 1 and "Split (data rows from 0): train 0-209, validation 210-239, test 240-299." in md
    assert "Split" not in markdown.markdown([_row(settings="{}")], ["nlinear"])


def test_what_reading_the_file_warned_of_is_kept_in_results_csv_and_results_md(tmp_path):
    """A researcher's hourly file without 20 hours: the warning that the protocol's windows span the gap was said on
    the terminal only; results.csv's settings and results.md held no word of it (constant columns they did record)."""
    import csv
    import json

    import numpy as np
    import pandas as pd

    from rnncast.bench.cli import main

    n = 400
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="h").strftime("%Y-%m-%d %H:%M:%S"),
                          "x": np.random.default_rng(0).normal(size=n), "OT": np.sin(np.arange(n) / 5)})
    frame.drop(index=range(200, 220)).to_csv(tmp_path / "gap.csv", index=False)
    assert main(["ltsf", "--data", str(tmp_path / "gap.csv"), "--models", "repeat", "--horizons", "24",
                 "--lookback", "48", "--out", str(tmp_path / "o"), "--no-plots"]) == 0
    [row] = list(csv.DictReader(open(tmp_path / "o" / "results.csv", encoding="utf-8")))
    [note] = [n for n in json.loads(row["settings"])["data_notes"] if "rows are missing" in n]
    assert note.endswith("20 rows are missing from the calendar of the time column 'date' (h), the first after line "
                         "201 of gap.csv (2020-01-09 07:00:00); the protocol windows rows, not times, so a window across "
                         "a gap spans more time than the others")
    assert f"The data as read: {note}." in (tmp_path / "o" / "results.md").read_text(encoding="utf-8")


def test_a_quick_run_never_replaces_a_full_one_and_each_row_says_whether_it_was_quick(tmp_path):
    """In a shared --out a quick run replaced a full run's row in the headline table, and a full run after a quick one
    kept the section's '(QUICK smoke test...)' heading: the section was labelled by its latest run."""
    for row in (_row(mse=0.0532), _row(mse=0.0601, beats_repeat="no", quick="yes"),
                _row(model="repeat", mse=0.069, mae=0.203, beats_repeat="", quick="yes")):
        results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert "## ETTh1, S, L=96, all test windows, ett protocol (some QUICK smoke tests: few epochs, marked *quick*)" in md
    assert "| 96 | 0.0690/0.2030 *quick* | **0.0532/0.1770** |" in md and "0.0601" not in md  # the full run kept
    assert "Later QUICK smoke tests not shown, a full run of the same model and horizon being: nlinear H=96." in md
    results.append_csv(tmp_path / "results.csv", _row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""))
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()  # a full run after the quick ones
    assert "## ETTh1, S, L=96, all test windows, ett protocol\n" in md and "| 96 | 0.0690/0.2030 | **0.0532" in md
    (tmp_path / "results.csv").unlink()
    results.append_csv(tmp_path / "results.csv", _row(quick="yes"))
    md = markdown.write_markdown(tmp_path, ["nlinear"]).read_text()
    assert "ett protocol (QUICK smoke test: few epochs)\n" in md and "*quick*" not in md  # all quick: the heading says it


def test_remake_folder_rewrites_results_md_from_results_csv_of_an_earlier_version_and_refuses_what_is_not_benchs(tmp_path):
    """The committed results.md files predated the mean ± sd over seeds (1157) and no command remade one without a run;
    ``bench remake`` rewrites it from the CSV, an earlier version's (fewer columns) too, and refuses a folder without a
    results.csv bench wrote, or with a results.md it did not write (which it would overwrite)."""
    import csv

    import pytest

    from rnncast.errors import RnncastError

    old = [c for c in results.CSV_COLUMNS if c not in ("unscaled_columns", "published_windows")]
    with (tmp_path / "results.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=old, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for seed, mse in ((2021, 0.05), (2022, 0.06)):
            writer.writerow(_row(model="gru", seed=seed, mse=mse, mae=0.18))
    (tmp_path / "results.md").write_text("# ETT benchmark results\n\nthe latest run of each model\n")
    said = markdown.remake_folder(tmp_path, ["repeat", "gru"])
    assert said == f"wrote {tmp_path / 'results.md'} from the 2 rows of {tmp_path / 'results.csv'}"
    md = (tmp_path / "results.md").read_text()
    assert "0.0550 ± 0.00707/0.1800 ± 0.0000 (n=2)" in md and "the latest run of each model" not in md
    (tmp_path / "results.md").write_text("# my notes\n")
    with pytest.raises(RnncastError, match=r"results.md was not written by rnncast bench .*move it away"):
        markdown.remake_folder(tmp_path, ["gru"])
    assert (tmp_path / "results.md").read_text() == "# my notes\n"  # never overwritten
    for folder, held in ((tmp_path / "empty", "no results.csv"), (tmp_path / "other", "a results.csv that rnncast bench")):
        folder.mkdir()
        if folder.name == "other":
            (folder / "results.csv").write_text("a,b\n1,2\n")
        with pytest.raises(RnncastError, match=f"holds {held}"):
            markdown.remake_folder(folder, ["gru"])
        assert not (folder / "results.md").exists()


def test_remake_folder_refuses_a_results_csv_lacking_a_column_or_holding_text_in_a_number_by_name(tmp_path):
    """A damaged results.csv (a column results.md is made from deleted, 'n/a' in a score) was a KeyError or ValueError
    traceback from ``bench remake``; now one error naming the column, or the row and column of the cell."""
    import csv

    import pytest

    from rnncast.errors import RnncastError

    def write(columns, **cells):
        with (tmp_path / "results.csv").open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerow(_row(model="gru", mse=0.05, mae=0.18))
            writer.writerow({**_row(model="gru", seed=7, mse=0.06, mae=0.18), **cells})

    every = list(results.CSV_COLUMNS)
    for gone in ("mse", "command", "H"):
        write([c for c in every if c != gone])
        with pytest.raises(RnncastError, match=f"lacks the column {gone}, which results.md is made from"):
            markdown.remake_folder(tmp_path, ["gru"])
    for column, cell, kind in (("mse", "n/a", "a number"), ("mae", "", "a number"), ("H", "96.5", "a whole number"),
                               ("repeat_mse", "-", "a number")):
        write(every, **{column: cell})
        with pytest.raises(RnncastError, match=rf"row 2 \(line 3\), column {column}: '{cell}' is not {kind}"):
            markdown.remake_folder(tmp_path, ["gru"])
        assert not (tmp_path / "results.md").exists()
    write(every, repeat_mse="")  # a blank where a number may be missing is read as before
    assert "from the 2 rows" in markdown.remake_folder(tmp_path, ["gru"])
    with pytest.raises(RnncastError, match="does not exist; give the --out folder of a bench run"):
        markdown.remake_folder(tmp_path / "nonexist", ["gru"])


def test_remake_folder_refuses_a_results_csv_of_no_rows_and_reads_one_a_spreadsheet_resaved(tmp_path):
    """A results.csv of its header only (a run stopped before its first row) made results.md an empty page, exit 0
    ("from the 0 rows"); now refused, results.md left as it was. One Excel re-saved with a UTF-8 byte-order mark or
    ';' separators was "a results.csv that rnncast bench did not write"; now read as it is written."""
    import csv

    import pytest

    from rnncast.errors import RnncastError

    results.append_csv(tmp_path / "results.csv", _row(model="gru", mse=0.05, mae=0.18))
    written = markdown.write_markdown(tmp_path, ["gru"]).read_text()
    lines = (tmp_path / "results.csv").read_text().splitlines(keepends=True)
    for empty in (lines[0], ""):  # the header only, or not even that
        (tmp_path / "results.csv").write_text(empty)
        with pytest.raises(RnncastError, match="holds no rows|holds an empty results.csv"):
            markdown.remake_folder(tmp_path, ["gru"])
        assert (tmp_path / "results.md").read_text() == written
    rows = list(csv.reader(lines))
    for bom, sep, end in (("\ufeff", ",", "\r\n"), ("", ";", "\r\n"), ("\ufeff", ";", "\r\n"), ("", "\t", "\r\n"),
                          ("", ",", "\r"), ("", ";", "\r")):  # CR alone: old Mac's Excel (was a csv.Error, exit 1)
        with (tmp_path / "results.csv").open("w", newline="", encoding="utf-8") as f:
            f.write(bom)
            csv.writer(f, delimiter=sep, lineterminator=end).writerows(rows)
        (tmp_path / "results.md").write_text("# Long-horizon benchmark results\n")
        assert markdown.remake_folder(tmp_path, ["gru"]).startswith("wrote")
        assert (tmp_path / "results.md").read_text() == written
    for encoding in ("utf-16", "utf-16-le"):  # Excel's "Unicode Text" (tabs): was "a results.csv ... did not write"
        (tmp_path / "results.csv").write_text("".join(lines).replace(",", "\t"), encoding=encoding)
        with pytest.raises(RnncastError, match=r"results.csv is UTF-16 text, which rnncast does not read; save it as UTF-8"):
            markdown.remake_folder(tmp_path, ["gru"])
        assert (tmp_path / "results.md").read_text() == written


def test_remake_reads_a_resaved_results_csv_s_separator_once_and_says_it_each_time(tmp_path, caplog):
    """remake_folder read the separator three times (its check, read_checked, remake's read_csv), a cache keeping
    the INFO line to one: a second remake of a ';' results.csv in the same process then said nothing. Read once now,
    handed on, said once for each remake."""
    import csv
    import logging

    results.append_csv(tmp_path / "results.csv", _row(model="gru", mse=0.05, mae=0.18))
    rows = list(csv.reader((tmp_path / "results.csv").read_text().splitlines()))
    with (tmp_path / "results.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.INFO):
            assert markdown.remake_folder(tmp_path, ["gru"]).startswith("wrote")
        assert caplog.text.count("results.csv is separated by ';', not commas") == 1, caplog.text
