"""What an interrupted command says it left and how to finish it (``cli/stopped.py``): a backtest (nothing kept to
resume; an earlier one kept as it was), a fit stopped before its training began (nothing of the run written; a
resume's run as it was; an earlier run it would replace as it was). Before, each said only "rnncast: interrupted"
(a tester's finding). Fit's stops in training are in test_interrupts.py and scenarios/test_interrupted_fit.py."""

from __future__ import annotations

import argparse
from pathlib import Path

from conftest import make_frame
from rnncast.cli.stopped import backtest_left, fit_not_begun
from test_cli import ROWS, cli, fit_args


def _backtest_args(data, out, *extra) -> list[str]:
    return ["backtest", str(data), "--target", "y", "--lookback", "24", "--horizon", "6", "--n-windows", "2",
            "--epochs", "1", "--hidden-size", "4", "--device", "cpu", "--out", str(out), *extra]


def test_an_interrupted_backtest_says_nothing_was_kept_and_an_earlier_one_stays(tmp_path, capsys, monkeypatch):
    """`timeout -s INT 10 rnncast backtest big.csv ... --out runs/x` removed the folder and said only "interrupted"."""
    from rnncast import backtest

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *_backtest_args(data, tmp_path / "bt"))
    assert code == 0, err
    before = {p.name: p.read_bytes() for p in (tmp_path / "bt").iterdir()}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # Ctrl-C while a window trains

    monkeypatch.setattr(backtest, "run", interrupted)
    code, _, err = cli(capsys, *_backtest_args(data, tmp_path / "bt", "--overwrite"))
    assert code == 130
    assert err.endswith(f"rnncast: interrupted; {tmp_path / 'bt'} keeps the earlier backtest as it was; a backtest "
                        "writes its files only once every window is scored and keeps no partial one, so run the same "
                        "command again to run it, from its first window\n"), err
    assert {p.name: p.read_bytes() for p in (tmp_path / "bt").iterdir()} == before
    code, _, err = cli(capsys, *_backtest_args(data, tmp_path / "new"))
    assert code == 130 and "rnncast: interrupted; nothing was written; a backtest writes its files only once" in err
    assert not (tmp_path / "new").exists()


def test_a_backtest_stopped_while_it_wrote_says_what_is_there_and_to_overwrite():
    out = Path("runs/bt")
    assert backtest_left(out, "writing", True, False) == (
        "it was writing its files: runs/bt holds part of them, the earlier backtest removed; run the same command "
        "again with --overwrite to write them whole (it scores every window again)")
    assert "; run the same command again to write them whole" in backtest_left(out, "writing", False, True)
    assert backtest_left(out, "written", False, False) == (
        "the backtest was complete before the signal: its scores are in runs/bt/report.html")
    assert backtest_left(None, "run", False, False).startswith("nothing was written; ")


def test_a_fit_stopped_before_its_training_says_what_it_left(tmp_path, capsys, monkeypatch):
    """A fit stopped while its data was read said only "interrupted": a resume is told its run is as it was and how
    to continue it, a fit replacing a run that the earlier run is kept."""
    from rnncast import loading

    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1"))
    assert code == 0, err
    report = (tmp_path / "run" / "report.html").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # a second Ctrl-C while the data is read (the first is held to the next check)

    monkeypatch.setattr(loading, "load_panel", interrupted)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1", "--overwrite"))
    assert code == 130 and err.endswith(
        f"rnncast: interrupted; the new run had not begun (its data was being read and checked): {tmp_path / 'run'} "
        "keeps the earlier run as it was; run the same command again to replace it\n"), err
    assert (tmp_path / "run" / "report.html").read_bytes() == report
    (tmp_path / "run" / "report.html").unlink()  # as if killed while writing its outputs: a run to resume
    code, _, err = cli(capsys, "fit", "--resume", tmp_path / "run", data)
    assert code == 130 and err.endswith(
        f"rnncast: interrupted; the run {tmp_path / 'run'} is as it was (its data was being read and checked); "
        f"continue it with: rnncast fit --resume {tmp_path / 'run'} {data}\n"), err


def test_a_new_fit_stopped_before_its_training_wrote_nothing():
    args = argparse.Namespace(resume=None, data="d.csv")
    assert fit_not_begun(Path("runs/r"), False, args) == (
        "the run had not begun (its data was being read and checked): nothing was written; run the same command "
        "again to fit it")


def _stopped(capsys, **given) -> tuple[int, str]:
    """``cli.run`` of a command whose work is stopped by Ctrl-C."""
    from rnncast.cli import run

    def interrupted(args):
        raise KeyboardInterrupt

    args = argparse.Namespace(run=interrupted, **given)
    code = run(args)
    return code, capsys.readouterr().err


def test_predict_evaluate_export_compare_stopped_say_what_was_written(tmp_path, capsys):
    """predict, evaluate, export and compare said only "rnncast: interrupted": now whether their file was written
    (whole or not at all: files.write_bytes) and to run the command again."""
    out = tmp_path / "f.csv"
    code, err = _stopped(capsys, command="predict", out=str(out))
    assert code == 130 and err == (f"rnncast: interrupted; {out} is complete or not written (it is written whole, then "
                                   "renamed into place; a file there before stays as it was unless it was replaced "
                                   "whole); run the same command again to write it\n")
    code, err = _stopped(capsys, command="export", onnx=str(tmp_path / "m.onnx"))
    assert code == 130 and f"interrupted; {tmp_path / 'm.onnx'} is complete or not written" in err
    for command in ("evaluate", "compare", "predict"):
        code, err = _stopped(capsys, command=command)
        assert code == 130 and err == ("rnncast: interrupted; it writes no file, so nothing was left; run the same "
                                       "command again for its result\n"), command
