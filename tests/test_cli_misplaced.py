"""Arguments in each other's place (``cli/misplaced.py``): RUN and DATA swapped, a run directory given as
DATA, each refused in one line before the command runs, with the order or the file to give."""

from __future__ import annotations

import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster
from rnncast.cli import main


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A data file and a run directory (a model saved in its model/ folder, a run's config.json beside it)."""
    folder = tmp_path_factory.mktemp("misplaced")
    data = folder / "monthly.csv"
    make_frame(120).to_csv(data, index=False)
    assert main(["fit", str(data), "--target", "y", "--epochs", "1", "--lookback", "12", "--out",
                 str(folder / "runs" / "monthly")]) == 0
    return data, folder / "runs" / "monthly"


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_a_data_file_then_a_run_folder_is_said_to_be_swapped_with_the_order_to_write(saved, capsys, command):
    """`rnncast predict monthly.csv runs/monthly` said "model folder not found: monthly.csv"."""
    data, run = saved
    assert main([command, str(data), str(run)]) == 2
    err = capsys.readouterr().err
    assert err == (f"rnncast: error: the arguments look swapped: {data} is a file and {run} a run directory (rnncast "
                   f"fit wrote it); {command} takes the model first, then the data: rnncast {command} {run} {data}\n")
    assert main([command, str(data), str(run / "model")]) == 2  # the model folder itself
    assert f"{run / 'model'} a model folder; {command} takes the model first" in capsys.readouterr().err


def test_a_run_folder_given_as_data_is_named_as_such(saved, capsys, tmp_path):
    """`rnncast fit runs/monthly` said "runs/monthly is a folder; expected a CSV or Parquet file"."""
    data, run = saved
    for argv in (["fit", str(run), "--target", "y", "--out", str(tmp_path / "o")], ["backtest", str(run)],
                 ["predict", str(run), str(run)]):
        assert main(argv) == 2
        assert capsys.readouterr().err == (
            f"rnncast: error: {run} is a run directory (rnncast fit wrote it), not data; give DATA as a CSV or Parquet "
            f"file; to forecast with it: rnncast predict {run} DATA\n")
    assert not (tmp_path / "o").exists()


def test_arguments_in_their_places_and_a_folder_of_data_pass(saved, tmp_path):
    from types import SimpleNamespace

    from rnncast.cli import misplaced

    data, run = saved
    misplaced.check(SimpleNamespace(command="predict", run_dir=str(run), data=str(data)))
    misplaced.check(SimpleNamespace(command="fit", data=None))
    (tmp_path / "plain").mkdir()
    assert misplaced.folder_kind(tmp_path / "plain") is None and misplaced.folder_kind(data) is None
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(80), target="y").save(tmp_path / "m")
    assert misplaced.folder_kind(tmp_path / "m") == "a model folder"


def test_overwrite_without_out_is_refused_as_replacing_nothing(saved, capsys, tmp_path, monkeypatch):
    """`rnncast predict RUN DATA --overwrite` printed the forecast and `fit DATA --overwrite` wrote runs/DATA-lstm-2,
    saying nothing of the flag, which replaces what is at --out."""
    data, run = saved
    assert main(["predict", str(run), str(data), "--overwrite"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == (
        "rnncast: error: --overwrite replaces what is at --out, and no --out is given (the forecast goes to standard "
        "output, replacing nothing); give --out FILE, or leave --overwrite out\n")
    assert main(["predict", str(run), str(data), "--overwrite", "--out", str(run.parent / "f.csv")]) == 0
    monkeypatch.chdir(tmp_path)
    for argv in (["fit", str(data), "--target", "y"], ["backtest", str(data), "--target", "y"], ["demo"]):
        assert main([*argv, "--overwrite"]) == 2
        assert (f"({argv[0]} writes a new folder, numbered where its "
                "default exists, replacing nothing); give --out DIR, or leave --overwrite out") in capsys.readouterr().err
    config = tmp_path / "c.toml"
    config.write_text('target = "y"\nout = "o"\nepochs = 1\nlookback = 12\n')  # out from the file: --overwrite has its folder
    assert main(["fit", str(data), "--config", str(config), "--overwrite"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml", "o"]


def test_evaluate_overwrite_without_its_csv_is_refused_as_replacing_nothing(saved, capsys):
    """evaluate's --overwrite (decision 596) replaces the --by-series-csv table; alone it did nothing without a word."""
    data, run = saved
    assert main(["evaluate", str(run), str(data), "--overwrite"]) == 2
    assert capsys.readouterr().err == (
        "rnncast: error: --overwrite replaces the table at --by-series-csv, and no --by-series-csv is given (evaluate "
        "prints its scores, writing no file); give --by-series-csv FILE, or leave --overwrite out\n")


@pytest.mark.parametrize("argv, then", [
    (["backtest", "{data}", "--from-run", "{file}"], ", then --from-run RUN"),
    (["predict", "{file}", "{data}"], ", then rnncast predict RUN DATA"),
    (["evaluate", "{file}", "{data}"], ", then rnncast evaluate RUN DATA"),
    (["export", "{file}", "--onnx", "{data}.onnx"], ", then rnncast export RUN --onnx FILE"),
    (["fit", "--resume", "{file}"], " (--resume continues an interrupted run)"),
    (["compare", "{file}", "{run}", "--data", "{data}"], ", then rnncast compare RUN RUN --data DATA")])  # t30t9
@pytest.mark.parametrize("name, what", [("best.toml", "a tune's best settings (rnncast tune wrote it)"),
                                        ("a.toml", "a config file of settings")])
def test_a_file_of_settings_where_a_run_goes_is_trained_with_fit_config_first(saved, capsys, tmp_path, argv, then,
                                                                              name, what):
    """A tester's `backtest daily.csv --from-run tu1/best.toml` was told "... is a file, not a model folder: ...; data
    is given to predict or evaluate", off-topic for backtest: a tune's best settings (any TOML config) are trained
    first, said with each command's next step."""
    data, run = saved
    file = tmp_path / name
    file.write_text("# best trial 0 of study 'rnncast': validation MSE (scaled units) 0.1\nlookback = 12\n")
    assert main([a.format(data=data, file=file, run=run) for a in argv]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: {file} is {what}, not a fitted run; train them with rnncast "
                                       f"fit --config {file} --out RUN{then}\n")


def test_a_runs_config_or_a_data_file_where_a_run_goes_is_named(saved, capsys):
    """A run's config.json for the run: its folder offered; a data file as backtest's --from-run: said without the
    loader's words of predict and evaluate."""
    data, run = saved
    assert main(["predict", str(run / "config.json"), str(data)]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: {run / 'config.json'} is the config of a run directory "
                                       f"(rnncast fit wrote it); give its folder, {run}\n")
    assert main(["backtest", str(data), "--from-run", str(data)]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: {data} is a file, not a fitted run: --from-run takes a run "
                                       "directory (rnncast fit writes one) or its model/ folder; the data is "
                                       "backtest's DATA\n")


def test_a_missing_data_file_is_refused_before_torch_and_pandas_load(tmp_path):
    """t40-t4 9: `fit data/nonexist.parquet` took 9 s and 337 MB, torch and pandas imported first (decision 2190)."""
    import subprocess
    import sys

    script = ("import sys; from rnncast.cli import main; code = main(['fit', 'nope.parquet', '--epochs', '1']); "
              "print(code, 'torch' in sys.modules, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False", "False"], done
    assert done.stderr == "rnncast: error: file not found: nope.parquet (expected a CSV or Parquet file)\n"
    (tmp_path / "runs").mkdir()
    script = script.replace("'fit', 'nope.parquet', '--epochs', '1'", "'predict', 'nope', 'also.csv', '--overwrite'")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.split()[0] == "2" and "--overwrite replaces" in done.stderr  # misplaced's refusal first, as before


@pytest.mark.parametrize("given, said", [
    (["predict", "nope", "d.csv"], "model folder not found: nope (expected a run directory or its model/ folder)"),
    (["evaluate", "nope", "d.csv", "--json"], "model folder not found: nope (expected a run directory or its model/ folder)"),
    (["export", "nope", "--onnx", "m.onnx"], "model folder not found: nope (expected a run directory or its model/ folder)"),
    (["compare", "run", "nope", "--data", "d.csv"], "model folder not found: nope (expected a run directory or its model/ "
                                                    "folder)"),
    (["compare", "run", "run", "--data", "no.csv"], "file not found: no.csv (expected a CSV or Parquet file)"),
    (["backtest", "d.csv", "--from-run", "nope"], "model folder not found: nope (expected a run directory or its model/ "
                                                  "folder)"),
    (["fit", "--resume", "nope"], "nope does not exist; give the folder of a run that fit wrote (rnncast fit --resume RUN)"),
    (["fit", "d.csv", "--config", "no.toml"], "config file not found: no.toml (expected a .toml file or a run directory's "
                                              "config.json)"),
    (["tune", "d.csv", "--config", "no.toml"], "config file not found: no.toml (expected a .toml file or a run "
                                               "directory's config.json)"),
    (["predict", "run", "d.csv", "--future", "f.csv"], "file not found: f.csv (expected a CSV or Parquet file)"),
    (["evaluate", "run", "d.csv", "--static", "s.csv"], "file not found: s.csv (expected a CSV or Parquet file)"),
    (["fit", "d.csv", "--static", "s.csv"], "file not found: s.csv (expected a CSV or Parquet file)"),
])
def test_every_missing_path_to_read_is_refused_before_torch_and_pandas_load(tmp_path, given, said):
    """A missing RUN, --future, --static or --config took ~9 s and ~340 MB (torch, pandas) before its one line, as
    DATA did before decision 2190: each is now said before them, with the line the command says (decision 2215)."""
    import subprocess
    import sys

    (tmp_path / "d.csv").write_text("ds,y\n2026-01-01,1\n")
    (tmp_path / "run").mkdir()
    script = (f"import sys; from rnncast.cli import main; code = main({given!r}); "
              "print(code, 'torch' in sys.modules, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False", "False"], done
    assert done.stderr == f"rnncast: error: {said}\n"
