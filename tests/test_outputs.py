"""Where a command writes (rnncast.outputs): the --out folder a command claims and the output
files it may replace. The commands' own scenarios are in tests/scenarios/test_run_safety.py."""

from __future__ import annotations

import re
import pytest

from rnncast import outputs
from rnncast.errors import RnncastError

RUN_CONFIG = '{"settings": {}, "data": {}, "fingerprint": null}'  # what a run's config.json holds, among others


def test_a_default_folder_is_numbered_when_taken(tmp_path):
    base = tmp_path / "runs" / "sales-lstm"
    assert outputs.fresh_dir(base) == base
    base.mkdir(parents=True)
    (tmp_path / "runs" / "sales-lstm-2").mkdir()
    assert outputs.fresh_dir(base) == tmp_path / "runs" / "sales-lstm-3"
    claim = outputs.claim_output(None, base, overwrite=False, what="fit")
    try:
        assert claim.folder == tmp_path / "runs" / "sales-lstm-3" and claim.folder.is_dir()
    finally:
        claim.release()


def test_out_is_refused_when_it_is_a_model_folder_a_file_or_holds_foreign_files(tmp_path):
    model = tmp_path / "run" / "model"
    model.mkdir(parents=True)
    (model / "model.json").write_text("{}")
    with pytest.raises(RnncastError, match="is a model folder"):
        outputs.claim_output(model, tmp_path / "d", overwrite=True, what="fit")
    with pytest.raises(RnncastError, match="is inside a model folder"):
        outputs.claim_output(model / "sub", tmp_path / "d", overwrite=True, what="fit")
    afile = tmp_path / "notes.txt"
    afile.write_text("mine")
    with pytest.raises(RnncastError, match="is a file; give a folder for the fit"):
        outputs.claim_output(afile, tmp_path / "d", overwrite=True, what="fit")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(RnncastError, match=r"holds files that rnncast did not write \(notes.txt\)"):
        outputs.claim_output(foreign, tmp_path / "d", overwrite=True, what="fit")
    assert (foreign / "notes.txt").read_text() == "mine"


def test_an_earlier_run_needs_overwrite_and_only_rnncast_names_are_cleared(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(RUN_CONFIG)
    (run / "report.html").write_text("<html>")
    with pytest.raises(RnncastError, match="holds a finished run; give another --out, or --overwrite"):
        outputs.claim_output(run, tmp_path / "d", overwrite=False, what="run")
    claim = outputs.claim_output(run, tmp_path / "d", overwrite=True, what="run")
    try:
        outputs.clear_output(run)
        assert sorted(p.name for p in run.iterdir() if not p.name.startswith(".")) == []
    finally:
        claim.release()


@pytest.mark.parametrize("names, kind", [
    (("config.json", "model", "metrics.json", "report.html"), "run"),
    (("forecasts.csv", "metrics.json", "backtest.png", "report.html"), "backtest"),
    (("forecasts.csv", "config.json", "metrics.json", "backtest.png", "report.html"), "backtest"),  # decision 128
    (("study.db", "best.toml", "trials.csv", "tune.json"), "tune"),
    (("summary.json", "report.html", "loss.png"), "demo"),
])
@pytest.mark.parametrize("what", ["run", "backtest", "tune", "demo"])
def test_overwrite_replaces_an_output_of_the_same_command_only(tmp_path, names, kind, what):
    """A backtest --overwrite replaced a fit's run (and tune a run or a backtest): --overwrite now
    replaces only what the same command wrote; another command's output is refused by name, with or
    without --overwrite, and kept."""
    out = tmp_path / "out"
    out.mkdir()
    for name in names:
        (out / name).write_bytes(outputs.SIGNATURES.get(name, b"x"))  # a best.toml begins as rnncast writes it
    command = {"run": "fit", "backtest": "backtest", "tune": "tune", "demo": "demo"}[kind]
    own = outputs.OUTPUT_FILES | {"summary.json"}
    if kind == what:
        outputs.claim_output(out, tmp_path / "d", overwrite=True, what=what, own=own).release()
    for overwrite in (True, False):
        if kind != what:
            with pytest.raises(RnncastError) as refused:
                outputs.claim_output(out, tmp_path / "d", overwrite=overwrite, what=what, own=own)
            assert str(refused.value) == (f"--out {out} holds a {kind} (rnncast {command}), not a {what}; --overwrite "
                                          f"replaces only an earlier {what}, so give another --out for this {what}")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(names)


def test_backtest_overwrite_refuses_a_fits_run_in_one_line(tmp_path, capsys):
    from rnncast.cli import main

    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    for name in ("config.json", "metrics.json", "report.html"):
        (run / name).write_text("{}")
    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(i % 5) for i in range(40)) + "\n")
    assert main(["backtest", str(tmp_path / "d.csv"), "--target", "y", "--out", str(run), "--overwrite"]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: --out {run} holds a run (rnncast fit), not a backtest; "
                                       "--overwrite replaces only an earlier backtest, so give another --out for this "
                                       "backtest\n")
    assert sorted(p.name for p in run.iterdir() if not p.name.startswith(".")) == ["config.json", "metrics.json",
                                                                                   "model", "report.html"]


def test_an_unfinished_run_is_offered_to_resume(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(RUN_CONFIG)
    (run / "checkpoint.safetensors").write_bytes(b"")
    assert "continue it with rnncast fit --resume" in outputs.occupied(run, "fit")


def test_output_files_never_land_in_a_model_folder_nor_replace_a_runs_file_or_an_input(tmp_path):
    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "config.json").write_text(RUN_CONFIG)
    (run / "model" / "model.json").write_text("{}")
    with pytest.raises(RnncastError, match="would write into the model folder"):
        outputs.check_output_file(run / "model" / "f.csv", "--out", "CSV")
    with pytest.raises(RnncastError, match="would replace metrics.json of the rnncast output"):
        outputs.check_output_file(run / "metrics.json", "--out", "CSV")
    data = tmp_path / "data.csv"
    data.write_text("y\n1\n")
    with pytest.raises(RnncastError, match="is the command's own input"):
        outputs.check_output_file(data, "--out", "CSV", inputs=[str(data)])
    with pytest.raises(RnncastError, match="is a folder; give the path of the CSV file"):
        outputs.check_output_file(tmp_path, "--out", "CSV")
    assert outputs.check_output_file(tmp_path / "forecast.csv", "--out", "CSV") == tmp_path / "forecast.csv"


def test_a_link_is_judged_by_the_file_it_leads_to(tmp_path):
    """--out through a symbolic link writes its target (files.write_bytes), so the target is held to the rules."""
    import os

    run = tmp_path / "run"
    (run / "model").mkdir(parents=True)
    (run / "config.json").write_text(RUN_CONFIG)
    (run / "model" / "model.json").write_text("{}")
    (run / "model" / "notes.csv").write_text("x\n")
    (tmp_path / "into-model.csv").symlink_to(run / "model" / "notes.csv")
    with pytest.raises(RnncastError, match=r"into-model.csv \(a link to .*model/notes.csv\) would write into the model"):
        outputs.check_output_file(tmp_path / "into-model.csv", "--out", "CSV", overwrite=True)
    (run / "metrics.json").write_text("{}")
    (tmp_path / "metrics.csv").symlink_to(run / "metrics.json")
    with pytest.raises(RnncastError, match=r"is a link to .*metrics.json, which would hold .csv content"):
        outputs.check_output_file(tmp_path / "metrics.csv", "--out", "CSV", suffixes=(".csv",), overwrite=True)
    data = tmp_path / "data.csv"
    data.write_text("y\n1\n")
    (tmp_path / "to-data.csv").symlink_to(data)
    with pytest.raises(RnncastError, match=r"to-data.csv \(a link to .*data.csv\) is the command's own input"):
        outputs.check_output_file(tmp_path / "to-data.csv", "--out", "CSV", inputs=[str(data)], overwrite=True)
    mine = tmp_path / "mine.csv"
    mine.write_text("old\n")
    (tmp_path / "latest.csv").symlink_to(mine)
    with pytest.raises(RnncastError, match=r"latest.csv \(a link to .*mine.csv\) exists; pass --overwrite"):
        outputs.check_output_file(tmp_path / "latest.csv", "--out", "CSV")
    assert outputs.check_output_file(tmp_path / "latest.csv", "--out", "CSV", overwrite=True) == tmp_path / "latest.csv"
    assert os.path.islink(tmp_path / "latest.csv")


def test_an_out_below_a_file_names_out_and_the_file(tmp_path):
    from rnncast.outputs import claim_output

    (tmp_path / "blk").write_text("x")
    with pytest.raises(RnncastError, match=r"^--out .*blk/run cannot be made: .*blk is a file, not a folder"):
        claim_output(tmp_path / "blk" / "run", tmp_path / "d", False, "run")


def test_a_best_toml_or_trials_csv_is_rnncasts_only_when_it_begins_as_tune_writes_it(tmp_path):
    (tmp_path / "best.toml").write_text("# best trial 3 of study 'rnncast': validation MSE 0.1\nlr = 0.01\n")
    (tmp_path / "trials.csv").write_text("lr\n0.1\n")
    (tmp_path / "tune.json").write_text("{}")  # a name no signature is kept for: told by its name, as before
    (tmp_path / "sub").mkdir()
    assert outputs.written_by_rnncast(tmp_path / "best.toml") and outputs.written_by_rnncast(tmp_path / "tune.json")
    assert not outputs.written_by_rnncast(tmp_path / "trials.csv")
    (tmp_path / "sub" / "best.toml").mkdir()  # a folder of that name is no file of rnncast's
    assert not outputs.written_by_rnncast(tmp_path / "sub" / "best.toml")
    assert outputs.said("--out", "runs/x") == "--out runs/x" and outputs.said("out", "runs/x") == "out=runs/x"
    assert (outputs.ask("--out"), outputs.ask("out")) == ("--overwrite", "overwrite=True")


@pytest.mark.parametrize("kind, command, names", [
    ("run", "fit", {"config.json": RUN_CONFIG, "model/model.json": "{}", "report.html": ""}),
    ("run", "fit", {"config.json": RUN_CONFIG, "checkpoint.safetensors": ""}),  # a run still training
    ("backtest", "backtest", {"forecasts.csv": "", "config.json": "{}", "metrics.json": "{}", "report.html": ""}),
    ("tune", "tune", {"study.db": "", "tune.json": '{"study": "rnncast", "storage": null}'}),
    ("tune", "tune", {"study.db": "", "trials.csv": "number,state,value,epochs,seconds,lr\n"}),  # before tune.json
    ("demo", "demo", {"summary.json": "{}", "report.html": ""}),
    ("bench", "bench", {"results.csv": "finished_utc,dataset,protocol\n", "results.md": "# Long-horizon benchmark results\n"}),
])
def test_an_output_file_is_never_written_into_an_output_folder(tmp_path, kind, command, names):
    """export_onnx(m, "run1/m.onnx") and rnncast export run1 --onnx run1/m2.onnx wrote into the run's folder,
    after which rnncast fit --out run1 --overwrite refused "holds files that rnncast did not write (m.onnx)"."""
    folder = tmp_path / "out"
    for name, text in names.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    for flag, path, suffix in (("path", folder / "m.onnx", ".onnx"), ("--out", folder / "f.csv", ".csv")):
        with pytest.raises(RnncastError) as refused:
            outputs.check_output_file(path, flag, suffix, suffixes=(suffix,), overwrite=True)
        assert str(refused.value) == (f"{outputs.said(flag, path)} would write into {folder}, the folder of a {kind} "
                                      f"(rnncast {command}), which holds rnncast's files alone; give a path outside it")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "config.json").write_text('{"name": "my app"}')  # a folder of one's own with a config.json is no run
    (mine / "model").mkdir()  # nor with a model saved beside it (Forecaster.save("model"); review: refused as a run)
    (mine / "model" / "model.json").write_text("{}")
    (mine / "tune.json").write_text("{}")  # nor with a tune.json that is not rnncast's
    (mine / "study.db").write_text("")  # nor one with a study.db
    assert outputs.check_output_file(mine / "m.onnx", "path", ".onnx") == mine / "m.onnx"


@pytest.mark.parametrize("what", ["run", "backtest", "tune", "demo"])
def test_a_bench_folder_is_named_as_such_and_a_results_csv_of_ones_own_is_foreign(tmp_path, what):
    """fit --out BENCH --overwrite said "holds files that rnncast did not write (results.csv, results.md)" of
    the files bench wrote: a bench's folder is now a kind of its own, refused by name and kept; a results.csv
    that does not begin as bench writes it is still no file of rnncast's."""
    out = tmp_path / "bench"
    out.mkdir()
    (out / "results.csv").write_text("finished_utc,dataset,protocol\n")
    (out / "results.md").write_text("# Long-horizon benchmark results\n")
    (out / "forecast_x.png").write_bytes(b"png")
    assert outputs.output_kind(out) == "bench"
    for overwrite in (True, False):
        with pytest.raises(RnncastError) as refused:
            outputs.claim_output(out, tmp_path / "d", overwrite=overwrite, what=what)
        assert str(refused.value).startswith(f"--out {out} holds a bench (rnncast bench), not a {what}; ")
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "forecast_x.png", "results.csv", "results.md"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "results.csv").write_text("a,b\n1,2\n")
    assert outputs.output_kind(mine) is None
    with pytest.raises(RnncastError, match=r"holds files that rnncast did not write \(results.csv\)"):
        outputs.claim_output(mine, tmp_path / "d", overwrite=True, what=what)


@pytest.mark.parametrize("name", ["forecast.csv", "scores.JSON", "run.parquet"])
def test_a_new_output_folder_named_as_a_file_is_refused_and_nothing_is_made(tmp_path, name):
    """`rnncast fit data.csv --out forecast.csv` made a folder forecast.csv of a run's files where a forecast file was
    meant: a new folder whose name ends as a file's does is refused, saying what to give; an existing folder of that
    name is taken as before."""
    from rnncast.outputs import claim_output

    out = tmp_path / name
    with pytest.raises(RnncastError, match=rf"^--out {re.escape(str(out))} ends in {re.escape(out.suffix)}, as a file's "
                                           r"name does, but a run is a folder of files; give a folder name \(such as "
                                           rf"{re.escape(str(out.with_suffix('')))}\); a forecast file is written by "
                                           r"rnncast predict RUN DATA --out FILE$"):
        claim_output(out, tmp_path / "default", False, "run")
    assert not out.exists()
    out.mkdir()
    claim_output(out, tmp_path / "default", False, "run").release()


def test_a_run_of_config_json_alone_is_called_unfinished_as_predict_calls_it(tmp_path):
    """A run folder holding only config.json (fit interrupted before its first epoch ended) was refused as "a finished
    run" while predict called it interrupted, to be continued with fit --resume."""
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(RUN_CONFIG)
    with pytest.raises(RnncastError, match=rf"^--out {re.escape(str(run))} holds an unfinished run; continue it with "
                                           rf"rnncast fit --resume {re.escape(str(run))}, replace it with --overwrite"):
        outputs.claim_output(run, tmp_path / "d", overwrite=False, what="run")
    assert sorted(p.name for p in run.iterdir()) == ["config.json"]


@pytest.mark.parametrize("name, ending", [("x.csv.gz", ".csv.gz"), ("x.csv.bz2", ".csv.bz2"), ("x.csv.xz", ".csv.xz"),
                                          ("x.tsv.zst", ".tsv.zst"), ("x.tar.gz", ".tar.gz")])
def test_a_compressed_files_name_is_refused_whole_and_the_offered_folder_name_is_taken(tmp_path, name, ending):
    """`--out runs/x.csv.gz` offered runs/x.csv, which is refused too, and runs/x.csv.bz2 or .xz made a run folder."""
    from rnncast.outputs import claim_output

    out = tmp_path / name
    with pytest.raises(RnncastError, match=rf" ends in {re.escape(ending)}, as a file's name does, but a run is a folder "
                                           rf"of files; give a folder name \(such as {re.escape(str(tmp_path / 'x'))}\)"):
        claim_output(out, tmp_path / "default", False, "run")
    assert not out.exists()
    claim_output(tmp_path / "x", tmp_path / "default", False, "run").release(tidy=True)


def test_predict_out_dash_is_told_to_leave_out_out_for_standard_output(tmp_path):
    """predict --out - was told only to give a name ending in .csv (decision 1652)."""
    from rnncast.outputs import check_output_file

    with pytest.raises(RnncastError, match=r"^--out -: the file is written as \.csv or \.parquet; give a name ending in "
                                           r"\.csv or \.parquet, or leave out --out to write CSV to standard output$"):
        check_output_file("-", "--out", "CSV or Parquet", suffixes=(".csv", ".parquet"))
    with pytest.raises(RnncastError, match=r"ending in \.csv$"):
        check_output_file("-", "--by-series-csv", "CSV", suffixes=(".csv",))


def test_a_study_db_that_is_a_link_is_not_rnncast_s_so_a_tune_refuses_the_folder(tmp_path):
    """SQLite writes through a link: a study.db planted as a link to another database made a tune add its tables
    there. rnncast never makes one, so it is a file rnncast did not write, refused by name (decision 1800)."""
    from rnncast.outputs import claim_output

    (tmp_path / "theirs.db").write_bytes(b"")
    out = tmp_path / "tu"
    out.mkdir()
    (out / "study.db").symlink_to(tmp_path / "theirs.db")
    assert not outputs.written_by_rnncast(out / "study.db")
    with pytest.raises(RnncastError, match=r"holds files that rnncast did not write \(study.db\)"):
        claim_output(out, tmp_path / "d", True, "tune")
    assert (out / "study.db").is_symlink() and (tmp_path / "theirs.db").read_bytes() == b""
