"""The result file of ``rnncast bench`` (``bench/results.py``): ``results.csv`` gets one row per run under one
header and is never rewritten (a file with other columns is refused); plot names; the summary table the command
shows."""

from __future__ import annotations

import pytest

from rnncast.bench import markdown, results
from rnncast.bench.identity import Source
from rnncast.errors import RnncastError


def _row(**changes) -> dict:
    row = {column: "" for column in results.CSV_COLUMNS}
    row.update(dataset="ETTh1", protocol="ett", target="OT", mode="S", L=96, H=96, model="nlinear", mse=0.0532, mae=0.177, test_windows="all",
               repeat_mse=0.069, repeat_mae=0.203, beats_repeat="yes", seconds=1.5, quick="no", command="rnncast bench ett")
    return {**row, **changes}


def test_rows_are_appended_under_one_header_with_floats_to_six_places(tmp_path):
    path = tmp_path / "out" / "results.csv"
    results.append_csv(path, _row())
    results.append_csv(path, _row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""))
    lines = path.read_text().splitlines()
    assert lines[0] == ",".join(results.CSV_COLUMNS) and len(lines) == 3
    rows = results.read_csv(path)
    assert [r["model"] for r in rows] == ["nlinear", "repeat"] and rows[0]["mse"] == "0.053200"


def test_a_results_file_with_other_columns_is_never_appended_to(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("dataset,mse\nETTh1,1\n")
    with pytest.raises(RnncastError, match="has other columns than this version writes"):
        results.append_csv(path, _row())
    assert path.read_text() == "dataset,mse\nETTh1,1\n"


def test_the_summary_table_has_a_line_per_run():
    text = results.summary_table([_row(windows=2785), _row(model="repeat", mse=0.069, beats_repeat="", windows=2785)])
    head, rule, nlinear, repeat = text.splitlines()
    assert head.split()[:5] == ["dataset", "mode", "L", "H", "model"] and set(rule) <= {"-", " "}
    assert nlinear.split()[4:12] == ["nlinear", "all", "2785", "0.0532", "0.1770", "0.0690", "0.2030", "yes"]
    assert repeat.split()[11] == "-"  # Repeat does not beat itself


def test_the_summary_table_says_the_test_windows_its_scores_are_on():
    """With --drop-last recipe the stdout's MSE was the drop-last score (ILI: 160 of 170 windows), and nothing in the
    table said so; a run on all windows printed a table that looked the same."""
    assert results.windows_text(_row(windows=2785)) == "all 2785"
    ili = _row(dataset="national_illness", H=24, test_windows="drop-last-recipe", windows=160, windows_all=170,
               known_table="yes")
    assert results.windows_text(ili) == "160 of 170 (drop-last B=32)"
    assert results.windows_text({**ili, "test_windows": "drop-last-16", "windows": 160}) == "160 of 170 (drop-last B=16)"
    assert "160 of 170 (drop-last B=32)" in results.summary_table([ili])


def test_plot_names_tell_apart_every_run_that_may_share_a_folder():
    """Mode, L, target, seed, protocol and settings each change the name; the row as written to and read
    back from results.csv (text) gives the same name as the row in memory."""
    base = _row(seed=2021, settings='{"epochs": 2}')
    name = results.plot_name(base)
    assert name.startswith("forecast_ETTh1_S_OT_L96_H96_nlinear_seed2021_") and name.endswith(".png")
    others = [_row(**{**base, **change}) for change in (
        {"mode": "M"}, {"L": 48}, {"target": "HUFL"}, {"seed": 2022}, {"protocol": "custom"},
        {"settings": '{"epochs": 3}'}, {"H": 192}, {"model": "dlinear"}, {"dataset": "ETTh2"})]
    assert len({name, *map(results.plot_name, others)}) == 1 + len(others)
    assert results.plot_name({**base, "L": "96", "H": "96", "seed": "2021"}) == name
    assert results.plot_name(_row(target="a/b c")).split("_")[3] == "a-b-c"  # no folder, no space


def test_rows_of_another_file_are_refused_and_those_of_the_same_counted(tmp_path):
    """Two files of the same name into one --out would share a table and overwrite each other's plots: the
    file's digest in results.csv tells them apart; the same bytes (at any path) append as before."""
    path = tmp_path / "results.csv"
    a, b = Source("/data/A/data.csv", "aaaaaaaaaaaa"), Source("/data/B/data.csv", "bbbbbbbbbbbb")
    assert results.check_source(path, a) == 0  # no file yet
    for model in ("repeat", "nlinear"):
        results.append_csv(path, _row(model=model, data_file=a.path, data_sha256=a.sha256, known_table="no"))
    assert results.check_source(path, a) == 2
    assert results.check_source(path, Source("/copy/data.csv", a.sha256)) == 2
    with pytest.raises(RnncastError) as err:
        results.check_source(path, b)
    assert str(err.value) == (f"{path} holds rows of /data/A/data.csv (sha256 aaaaaaaaaaaa), not of /data/B/data.csv "
                              "(sha256 bbbbbbbbbbbb): their tables and plots would mix; choose another --out")


def test_rows_keep_the_full_sha256_and_those_of_twelve_digits_are_the_same_file(tmp_path):
    """data_sha256 held the first 12 hex digits, not a SHA-256 a reader can check with sha256sum: rows hold all 64
    now, and a folder of rows written before, with 12, takes this run's rows of the same bytes."""
    full = "3670ceb6cf70" + "0" * 52
    path = tmp_path / "results.csv"
    results.append_csv(path, _row(data_file="/d/a.csv", data_sha256=full[:12], known_table="no"))  # an earlier run
    assert results.check_source(path, Source("/d/a.csv", full)) == 1
    results.append_csv(path, _row(data_file="/d/a.csv", data_sha256=full, known_table="no"))
    assert results.check_source(path, Source("/d/a.csv", full)) == 2 and full in path.read_text()
    with pytest.raises(RnncastError, match=r"sha256 3670ceb6cf70\); the file has changed since \(sha256 9bf5fb0ba3ab "):
        results.check_source(path, Source("/d/a.csv", "9bf5fb0ba3ab" + "1" * 52))


def test_results_files_of_earlier_versions_are_read_but_not_appended_to(tmp_path):
    """A results.csv without the file's columns (the recorded folders in benchmarks/) is remade into results.md,
    its dataset told by name; rows are not appended to it, and it is not rewritten."""
    old_columns = [c for c in results.CSV_COLUMNS if c not in ("data_file", "data_sha256", "known_table",
                                                               "protocol", "target")]
    path = tmp_path / "results.csv"
    row = _row()
    path.write_text(",".join(old_columns) + "\n" + ",".join(str(row[c]) for c in old_columns) + "\n")
    before = path.read_text()
    md = markdown.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert "## ETTh1, S, L=96, all test windows, ett protocol" in md and "*NLinear L=336*" in md
    with pytest.raises(RnncastError, match="has other columns than this version writes"):
        results.check_source(path, Source("/x/ETTh1.csv", "abc"))
    assert path.read_text() == before


def test_the_same_file_changed_since_its_rows_were_written_is_said_so(tmp_path):
    """The same path with other bytes was refused as "rows of edit.csv (sha256 A), not of edit.csv (sha256 B)",
    as if two files: it says the file has changed since, and the two ways on."""
    path = tmp_path / "results.csv"
    results.append_csv(path, _row(data_file="/d/edit.csv", data_sha256="3670ceb6cf70", known_table="no"))
    with pytest.raises(RnncastError) as err:
        results.check_source(path, Source("/d/edit.csv", "9bf5fb0ba3ab"))
    assert str(err.value) == (
        f"{path} holds rows of /d/edit.csv as it was when they were written (sha256 3670ceb6cf70); the file has "
        "changed since (sha256 9bf5fb0ba3ab now), and their tables and plots would mix: choose another --out, or "
        "remove this folder's results (results.csv, results.md, forecast_*.png) to start again")


def test_a_results_file_of_an_earlier_version_is_refused_naming_the_columns_it_lacks(tmp_path):
    """The refusal listed the file's first six columns, which say nothing of what differs."""
    path = tmp_path / "results.csv"
    path.write_text(",".join(results.CSV_COLUMNS[:-1]) + "\n")
    with pytest.raises(RnncastError, match=r"has other columns than this version writes: it lacks published_windows "
                                           r"\(a results.csv of an earlier version, whose rows are never rewritten\); "
                                           r"move it away or choose another --out"):
        results.check_source(path, Source("/x/a.csv", "abc"))
    path.write_text("dataset,mse,extra\n")
    with pytest.raises(RnncastError, match=r"it lacks finished_utc, .*; it has extra, which this version does not "
                                           r"write; move it away"):
        results.append_csv(path, _row())


def test_bench_refuses_another_commands_folder_a_model_folder_and_foreign_files(tmp_path):
    """bench --out wrote results.csv and results.md into a fit's run, a backtest's or a tune's folder, or a
    folder of unrelated files; after which fit --overwrite there refused bench's files as not rnncast's."""
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "model" / "model.json").write_text("{}")
    (run / "config.json").write_text('{"settings": {}, "data": {}, "fingerprint": {}}')
    (run / "history.csv").write_text("epoch\n")
    with pytest.raises(RnncastError) as refused:
        results.check_out(run)
    assert str(refused.value) == (f"--out {run} holds a run (rnncast fit), not a bench's results; give another --out "
                                  "for this bench (a new or empty folder, or an earlier bench's, whose results.csv it adds to)")
    with pytest.raises(RnncastError, match="is a model folder"):
        results.check_out(run / "model")
    tune = tmp_path / "tune"
    tune.mkdir()
    (tune / "trials.csv").write_text("number,state,value,epochs,seconds,lr\n")
    with pytest.raises(RnncastError, match=r"holds a tune \(rnncast tune\)"):
        results.check_out(tune)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    with pytest.raises(RnncastError, match=r"holds files that rnncast bench did not write \(notes.txt\)"):
        results.check_out(mine)
    (mine / "notes.txt").unlink()
    (mine / "results.csv").write_text("a,b\n1,2\n")  # a results.csv of one's own
    with pytest.raises(RnncastError, match=r"did not write \(results.csv\)"):
        results.check_out(mine)
    assert [p.name for p in tmp_path.iterdir()] and (mine / "results.csv").read_text() == "a,b\n1,2\n"


def test_an_earlier_bench_folder_is_added_to(tmp_path):
    """The recorded commands run seeds and modes into one folder: an earlier bench's files are its own."""
    out = tmp_path / "bench"
    results.append_csv(out / "results.csv", _row())
    (out / "results.md").write_text("# Long-horizon benchmark results\n")
    (out / "forecast_ETTh1_S_OT_L96_H96_nlinear_seed1_0123abcd.png").write_bytes(b"png")
    results.check_out(out)
    results.check_out(tmp_path / "new")


def test_the_split_a_row_records_leaves_its_plot_name_as_before():
    """Rows record the protocol's split in their settings (measure.split_settings); it is the file's and the
    protocol's, not a setting: a rerun draws the plot name a row written before rows recorded it drew."""
    old = _row(settings='{"batch_size": 32, "lr": 0.005}', seed=2021, L=36, H=24)
    new = {**old, "settings": '{"batch_size": 32, "lr": 0.005, "split": {"test": [240, 299], "train": [0, 209], '
                              '"validation": [210, 239]}}'}
    assert results.plot_name(new) == results.plot_name(old)
    assert results.plot_name({**old, "settings": '{"batch_size": 16, "lr": 0.005}'}) != results.plot_name(old)


def test_a_refusal_after_rows_were_written_names_them(tmp_path):
    """A run refused after Repeat's row was appended said only the refusal, leaving a results.csv without results.md."""
    rows: list[dict] = []
    with pytest.raises(RnncastError, match=r"^no good \(stopped after 1 row of this run written to .*results.csv: "
                                           r"repeat H=24; results.md was not remade\)$"):
        with results.rows_said(tmp_path, rows):
            rows.append(_row(model="repeat", H=24))
            raise RnncastError("no good")
    with pytest.raises(RnncastError, match="^no good$"):  # nothing written: the refusal as it is
        with results.rows_said(tmp_path, []):
            raise RnncastError("no good")


def test_targets_spelt_alike_in_a_file_name_get_plots_of_their_own():
    """'speed/h' and 'speed-h' both became speed-h in the plot's name, with one tag: the second run overwrote the
    first's plot and results.md linked both sections to it (a tester's finding, decision 562)."""
    row = {"dataset": "col", "mode": "S", "L": 16, "H": 4, "model": "repeat", "settings": "{}", "protocol": "custom"}
    slash, dash = (results.plot_name({**row, "target": t}) for t in ("speed/h", "speed-h"))
    assert slash != dash and slash.startswith("forecast_col_S_speed-h_L16_H4_repeat_")
    plain = results.plot_name({**row, "target": "OT"})  # a name spelt as it is keeps the tag it had
    assert plain == results.plot_name({**row, "target": "OT"}) and plain.endswith(
        "_" + __import__("hashlib").sha256(b"custom\n{}").hexdigest()[:8] + ".png")


def test_a_stopped_run_says_what_results_csv_holds_at_each_point(tmp_path):
    assert results.stopped(None, [], 0, False) == "nothing was written (the table was being read); run the same command again"
    assert results.stopped(tmp_path, [], 4, False) == (f"no row of this run was written to {tmp_path / 'results.csv'}; "
                                                      "run the same command again to run it")
    rows = [{"model": "repeat", "H": 24}, {"model": "lstm", "H": 24}]
    assert results.stopped(tmp_path, rows, 2, True) == (
        f"the run was complete before the signal: {tmp_path / 'results.csv'} and results.md hold its rows")
    assert "keeps 2 of the run's 4 rows (repeat H=24, lstm H=24), and results.md was not remade" in results.stopped(
        tmp_path, rows, 4, False)


def test_the_summary_of_a_quick_run_says_it_is_one():
    """`bench ett --quick` printed its table as any run's."""
    text = results.summary_table([_row(quick="yes")])
    assert text.startswith("QUICK smoke test (few epochs): these scores show that the benchmark runs, not how the "
                           "models do\n")
    assert "QUICK" not in results.summary_table([_row(quick="no")])


def test_check_out_names_a_results_csv_a_spreadsheet_resaved(tmp_path):
    """A results.csv re-saved with a byte-order mark or ';' separators was refused as one "that rnncast bench did not
    write"; a run refuses to append to it still (its rows would not match), saying how it was re-saved."""
    results.append_csv(tmp_path / "results.csv", _row())
    text = (tmp_path / "results.csv").read_text()
    for written, how in (("\ufeff" + text, "a byte-order mark"), (text.replace(",", ";"), "';' separators"),
                         (text.replace("\n", "\r"), r"CR line ends \(old Mac's\)")):  # else LF rows after CR ones
        (tmp_path / "results.csv").write_text(written, encoding="utf-8")
        with pytest.raises(RnncastError, match=f"re-saved with {how} .*choose another --out"):
            results.check_out(tmp_path)


def test_a_spreadsheets_last_row_of_bare_separators_is_skipped_and_utf32_is_named_so(tmp_path):
    """Excel's ';;;;' after the rows was refused as "row 3 (line 4), column L: '' is not a whole number", and a UTF-32
    results.csv was called "UTF-16 text" (its mark FF FE 00 00 begins as UTF-16's) (t30t5)."""
    results.append_csv(tmp_path / "results.csv", _row())
    text = (tmp_path / "results.csv").read_text()
    columns = text.splitlines()[0].count(",")
    (tmp_path / "results.csv").write_text(text.replace(",", ";") + ";" * columns + "\n", encoding="utf-8")
    sep = results.written_as(tmp_path / "results.csv")
    assert len(results.read_checked(tmp_path / "results.csv", sep)) == len(results.read_csv(tmp_path / "results.csv")) == 1
    for encoding in ("utf-32", "utf-32-le", "utf-32-be"):
        (tmp_path / "results.csv").write_bytes(text.encode(encoding))
        with pytest.raises(RnncastError, match=r"results\.csv is UTF-32 text, which rnncast does not read"):
            results.written_as(tmp_path / "results.csv")


def test_one_epoch_is_one_epoch():
    assert (results.epochs_text(1), results.epochs_text("1"), results.epochs_text(12)) == (
        "1 epoch", "1 epoch", "12 epochs")  # stdout and results.md said "1 epochs"
