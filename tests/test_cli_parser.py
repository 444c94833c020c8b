"""The command line's flags (``cli/parser.py``): one flag per setting, made from the settings
dataclasses and typed by ``config.parse_setting``; ``--x`` / ``--no-x`` for booleans; a flag not
given is absent (so a config file's value stands); a bad value is argparse's error naming it."""

from __future__ import annotations

import json

import pytest

from conftest import make_frame
from rnncast import Forecaster
from rnncast.cli.parser import build_parser
from rnncast.config import setting_fields
from test_cli import ROWS, cli, fit_args, folder  # noqa: F401  (folder: a fixture)


def test_every_setting_is_a_flag_typed_as_forecaster_takes_it():
    parser = build_parser()
    args = parser.parse_args(["fit", "d.csv", "--lookback", "24", "--batch-size", "full", "--quantiles", "0.1,0.5,0.9",
                              "--no-highway", "--future-known"])
    assert (args.lookback, args.batch_size, args.quantiles) == (24, None, [0.1, 0.5, 0.9])
    assert args.highway is False and args.future_known is True
    assert not hasattr(args, "epochs")  # not given: absent, so a config file's value stands
    commands = parser._subparsers._group_actions[0].choices
    for command in ("fit", "backtest", "tune"):
        flags = {a.dest for a in commands[command]._actions}
        assert {f.name for f in setting_fields()} <= flags, command


def test_a_bad_value_is_an_argparse_error_naming_the_setting(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", "--lookback", "ten"])
    assert exit_.value.code == 2
    assert "argument --lookback: lookback must be a whole number, got 'ten'" in capsys.readouterr().err


def test_unknown_cell_is_refused_by_argparse(capsys, folder, tmp_path):
    code, out, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--cell", "transformer"))
    assert code == 2
    assert "usage:" in err and "invalid choice: 'transformer'" in err
    assert "Traceback" not in out + err


def test_batch_size_0_means_full_batch(capsys, folder, tmp_path):
    """--help says '0 or full for full-batch training'."""
    code, _, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--batch-size", "0", "--epochs", "1"))
    assert code == 0, err
    assert json.loads((tmp_path / "o" / "config.json").read_text())["settings"]["batch_size"] is None


def test_a_setting_that_defaults_to_true_is_turned_off_with_its_no_flag(tmp_path, capsys):
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1", "--no-highway"))
    assert code == 0, err
    assert json.loads((tmp_path / "run" / "config.json").read_text())["settings"]["highway"] is False
    assert Forecaster.load(tmp_path / "run").net_.highway is None


def test_version_is_printed_and_the_parser_alone_does_not_import_torch():
    import subprocess
    import sys

    import rnncast

    out = subprocess.run([sys.executable, "-m", "rnncast", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"rnncast {rnncast.__version__}"
    code = "import sys, rnncast, rnncast.cli.parser; sys.exit('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
