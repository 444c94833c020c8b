"""What a command says of a flag of ``rnncast fit`` it lacks (``cli/fitflags.py``): every command x every flag of
fit, none met with a bare "has no flag" nor a vague "not taken here"; a setting given to a command of a fitted run
said fixed at fit with the run's value and how to fit again; --device said where it is used."""

from __future__ import annotations

import json
import re

import pytest

from rnncast.cli.parser import build_parser

COMMANDS = {"predict": ["run", "d.csv"], "evaluate": ["run", "d.csv"], "export": ["run", "--onnx", "m.onnx"],
            "compare": ["a", "b", "--data", "d.csv"], "backtest": ["d.csv"], "tune": ["d.csv"], "demo": ["sine"]}
OTHER = ["--seq-len", "--input-size", "--h", "--n-epochs", "--level", "--accelerator", "--gpus", "--unique-id"]


def _subparsers():
    parser = build_parser()
    return next(a for a in parser._actions if isinstance(a, type(parser._subparsers._group_actions[0]))).choices


def _matrix():
    commands = _subparsers()
    fit = [f for f in commands["fit"]._option_string_actions if f.startswith("--") and f != "--help"]
    return [(command, flag) for command in COMMANDS for flag in [*fit, *OTHER]
            if flag not in commands[command]._option_string_actions]


def _refusal(capsys, argv) -> str:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(argv)
    said = capsys.readouterr().err
    assert stop.value.code == 2 and len(said.strip().splitlines()) == 1, said
    return said


@pytest.mark.parametrize("command, flag", _matrix())
def test_every_flag_of_fit_given_to_another_command_says_why_it_is_not_taken(capsys, command, flag):
    """Before: predict --device, evaluate --out, backtest --resume, demo --target ... said only "has no flag";
    demo --seq-len "which is not taken here"."""
    said = _refusal(capsys, [command, *COMMANDS[command], flag, "3"])
    assert flag in said and not re.search(rf"unknown flags? {re.escape(flag)} \(", said), said  # more than "no flag"
    assert "not taken here (" not in said and "did you mean" not in said, said


def _run(folder, **params):
    (folder / "model").mkdir(parents=True)
    meta = {"params": {"lookback": 96, "horizon": 24, "nonnegative": False, **params}, "targets": ["sales"],
            "time_col": "date", "id_col": None}
    (folder / "model" / "model.json").write_text(json.dumps(meta))
    (folder / "config.json").write_text("{}")
    return str(folder)


@pytest.mark.parametrize("command, args", [("predict", ["d.csv"]), ("evaluate", ["d.csv"]),
                                           ("export", ["--onnx", "m.onnx"])])
def test_a_setting_of_fit_names_the_runs_value_and_how_to_fit_again(capsys, tmp_path, command, args):
    run = _run(tmp_path / "run")
    said = _refusal(capsys, [command, run, *args, "--lookback", "48"])
    assert (f"--lookback is a setting of rnncast fit, fixed when the model is fitted (the run was trained with lookback "
            f"96): {command} uses the run's own; to change it, fit again: rnncast fit --config {run} --lookback 48 "
            "--out NEW") in said
    said = _refusal(capsys, [command, run, *args, "--seq-len=48"])  # another tool's name: rnncast's, the same advice
    assert "the input window is rnncast's --lookback" in said and "trained with lookback 96" in said
    assert f"rnncast fit --config {run} --lookback 48 --out NEW" in said
    said = _refusal(capsys, [command, run, *args, "--nonnegative"])
    assert "(the run was trained with nonnegative off)" in said and f"--config {run} --nonnegative --out NEW" in said
    said = _refusal(capsys, [command, run, *args, "--target", "units"])
    assert "--target is a column role of rnncast fit" in said and "(the run was trained with target sales)" in said


@pytest.mark.parametrize("command, args", [("predict", ["d.csv"]), ("evaluate", ["d.csv"])])
def test_a_setting_given_as_the_run_has_it_is_said_unchanged_not_advised_to_fit_again(capsys, tmp_path, command, args):
    """A tester's finding: evaluate RUN DATA --fill drop, the run fitted with fill drop, advised "fit again: rnncast
    fit --config RUN --fill drop --out NEW", the value in use; now it says so and names the others."""
    run = _run(tmp_path / "run", fill="drop")
    said = _refusal(capsys, [command, run, *args, "--fill", "drop"])
    assert "(the run was trained with fill drop): --fill drop is the run's own already" in said
    assert "nothing to change" in said and "--fill drop --out NEW" not in said
    assert re.search(rf"to fit with another \(ffill, [^)]*\): rnncast fit --config {re.escape(run)} --fill \S+ --out NEW",
                     said), said
    said = _refusal(capsys, [command, run, *args, "--lookback", "96"])  # no choices: none named
    assert "--lookback 96 is the run's own already" in said and "fit again" not in said and "another" not in said
    said = _refusal(capsys, [command, run, *args, "--no-nonnegative"])
    assert "--no-nonnegative is the run's own already" in said  # a flag without a value: off, as the run has it
    said = _refusal(capsys, [command, run, *args, "--nonnegative"])
    assert f"fit again: rnncast fit --config {run} --nonnegative --out NEW" in said


def test_compare_names_each_runs_value_and_a_run_it_cannot_read_none(capsys, tmp_path):
    a, b = _run(tmp_path / "a"), _run(tmp_path / "b", lookback=48)
    said = _refusal(capsys, ["compare", a, b, "--data", "d.csv", "--lookback", "24"])
    assert f"({a} was trained with lookback 96; {b} was trained with lookback 48): compare uses each run's own" in said
    assert "rnncast fit --config RUN --lookback 24 --out NEW" in said
    said = _refusal(capsys, ["predict", "--lookback", "48", a, "d.csv"])  # 48 read as RUN: no run, no value said
    assert "fixed when the model is fitted: predict uses" in said and "rnncast fit --config RUN --lookback" in said


@pytest.mark.parametrize("command, args", [("predict", ["run", "d.csv"]), ("evaluate", ["run", "d.csv"]),
                                           ("compare", ["a", "b", "--data", "d.csv"])])
def test_a_command_that_runs_the_network_takes_device_as_fit_does(capsys, command, args):
    """predict --device said only "has no flag": the commands that forecast take it, fit's choices, cpu by default."""
    assert build_parser().parse_args([command, *args, "--device", "auto"]).device == "auto"
    assert "device" not in vars(build_parser().parse_args([command, *args]))  # not given: Forecaster.load's cpu
    said = _refusal(capsys, [command, *args, "--device", "tpu"])
    assert "'tpu'" in said and "'cuda'" in said  # as fit --device tpu is refused
    said = _refusal(capsys, [command, *args, "--accelerator", "gpu"])  # Lightning's name: rnncast's
    assert "the device is --device (" in said


def test_predict_and_evaluate_forecast_on_the_device_given(capsys, tmp_path):
    import pandas as pd

    from conftest import TINY
    from rnncast import Forecaster
    from rnncast.cli import main
    data = tmp_path / "d.csv"
    pd.DataFrame({"y": [float(k % 7) for k in range(80)]}).to_csv(data, index=False)
    Forecaster(**TINY).fit(str(data)).save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(data)]) == 0
    on_default = capsys.readouterr().out
    assert main(["predict", str(tmp_path / "model"), str(data), "--device", "cpu"]) == 0
    assert capsys.readouterr().out == on_default  # cpu is the default: the same forecast
    assert main(["evaluate", str(tmp_path / "model"), str(data), "--device", "cpu"]) == 0
    capsys.readouterr()
    import torch
    if not torch.cuda.is_available():  # asked for where none is: one line naming what works
        assert main(["predict", str(tmp_path / "model"), str(data), "--device", "cuda"]) == 2
        assert "no CUDA GPU is here; use auto or cpu" in capsys.readouterr().err


def test_export_device_says_it_traces_on_the_cpu(capsys):
    said = _refusal(capsys, ["export", "run", "--onnx", "m.onnx", "--device", "cuda"])
    assert "export traces the network on the CPU in float64" in said


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_static_covariates_at_predict_names_its_own_static_flag_not_a_fit_that_refuses(capsys, tmp_path, command):
    """A tester's finding: predict --static-covariates FILE advised "fit again: rnncast fit --config RUN
    --static-covariates FILE --out NEW", refused there ("not both"); predict's --static FILE gives the values."""
    run = _run(tmp_path / "run")
    meta = json.loads((tmp_path / "run" / "model" / "model.json").read_text())
    meta["static"] = {"encoder": {"numeric_names": ["size"], "categorical_names": ["region"]}}
    (tmp_path / "run" / "model" / "model.json").write_text(json.dumps(meta))
    (tmp_path / "s.csv").write_text("item,size,region\nA,450,n\n")
    said = _refusal(capsys, [command, run, "d.csv", "--static-covariates", str(tmp_path / "s.csv")])
    advised = f"rnncast {command} {run} d.csv --static {tmp_path / 's.csv'}"
    assert ("the static covariates' names are fixed when the model is fitted (the run was trained with static "
            f"covariates size,region); their values are given to {command} with --static FILE") in said
    assert advised in said and "fit again" not in said
    parsed = build_parser().parse_args(advised.split()[1:])  # the advised command is taken
    assert str(parsed.static) == str(tmp_path / "s.csv")
    said = _refusal(capsys, [command, run, "d.csv", "--static-covariates", "size"])  # names, not a table: FILE
    assert f"rnncast {command} {run} d.csv --static FILE" in said
