"""The setting flags (``cli/settingflags.py``): one flag per setting, typed as Forecaster takes it, a bad value an
argparse error naming the setting, a boolean turned off with its --no- flag, every flag's help stating its true
default, and --threads saying what each command does while torch uses them."""

from __future__ import annotations

import json

import pytest

from conftest import make_frame
from rnncast import Forecaster
from rnncast.cli.parser import build_parser
from rnncast.config import setting_fields
from test_cli import ROWS, cli, fit_args
from test_cli_parser import NOT_THEIRS, _subcommand


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
        assert {f.name for f in setting_fields() if f.metadata.get("flag", True)} - NOT_THEIRS[command] <= flags, command
        assert not NOT_THEIRS[command] & flags, command
        assert "verbose" not in flags  # the library's bar: the command line always draws its own


def test_a_bad_value_is_an_argparse_error_naming_the_setting(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", "--lookback", "ten"])
    assert exit_.value.code == 2
    assert "lookback (--lookback) must be a whole number, got 'ten'" in capsys.readouterr().err


def test_a_setting_that_defaults_to_true_is_turned_off_with_its_no_flag(tmp_path, capsys):
    data = tmp_path / "d.csv"
    make_frame(ROWS).to_csv(data, index=False)
    code, _, err = cli(capsys, *fit_args(data, tmp_path / "run", "--epochs", "1", "--no-highway"))
    assert code == 0, err
    assert json.loads((tmp_path / "run" / "config.json").read_text())["settings"]["highway"] is False
    assert Forecaster.load(tmp_path / "run").net_.highway is None


def _default_phrase(help_text: str) -> str:
    """The text of a help's one ``(default: ...)``, up to its closing parenthesis."""
    assert help_text.count("(default: ") == 1, help_text
    rest = help_text.split("(default: ", 1)[1]
    depth, end = 1, 0
    for end, char in enumerate(rest):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            break
    return rest[:end]


@pytest.mark.parametrize("command", ["fit", "backtest", "tune"])
def test_every_setting_flag_states_its_true_default(command):
    """The default a setting flag's help shows is the dataclass field's default: read back through
    the flag's own parser it is that value; booleans say on/off; a default of None says what it means."""
    from rnncast.cli.parser import SEARCHED
    from rnncast.settingtext import parse_setting

    actions = {a.dest: a for a in _subcommand(command)._actions}
    for f in (f for f in setting_fields() if f.metadata.get("flag", True) and f.name not in NOT_THEIRS[command]):
        help_text = actions[f.name].help
        assert "(default: None)" not in help_text, f.name
        shown = _default_phrase(help_text)
        if command == "tune" and f.name in SEARCHED:
            assert shown == "searched", f.name
        elif isinstance(f.default, bool):
            assert shown == ("on" if f.default else "off"), f.name
            assert set(actions[f.name].option_strings) == {"--" + f.name.replace("_", "-"), "--no-" + f.name.replace("_", "-")}
        elif f.default is None:
            assert shown.lower() not in ("none", "null", "") and len(shown) > len("none: x"), (f.name, shown)
        else:
            assert parse_setting(f.name, shown) == f.default, (f.name, shown)


THREADS_WHILE = {"demo": "training", "fit": "training", "backtest": "training", "tune": "training",
                 "predict": "forecasting", "evaluate": "forecasting the windows it scores", "export": "exporting"}


@pytest.mark.parametrize("command", sorted(THREADS_WHILE))
def test_threads_says_what_each_command_does_while_torch_uses_them(command):
    """predict, evaluate and export said "while training": they do not train (one field's help, fit's)."""
    text = {a.dest: a for a in _subcommand(command)._actions}["threads"].help
    assert text.startswith(f"CPU threads torch may use while {THREADS_WHILE[command]}; 0: torch's own choice"), text
    assert text.count("while ") == 1 and text.endswith("(default: 0)")


def test_every_flags_value_is_named_by_its_kind_not_by_the_flag():
    """``--lookback LOOKBACK``, ``--val-frac VAL_FRAC``, predict's ``--out OUT``, ``bench --lookback LOOKBACK`` stood
    beside ``--n-windows N`` and ``--out DIR`` (t33t5 section 8): every value is named by its kind (decision 1661)."""
    text = "\n".join(_subcommand(c).format_help() for c in ("fit", "backtest", "tune", "predict", "evaluate", "export",
                                                            "demo", "compare"))
    for said in ("--lookback N", "--horizon N", "--val-frac X", "--quantiles LEVELS", "--cutoff DATE|N", "--threads N",
                 "--batch-size N|full", "--out FILE", "--out DIR", "--future FILE", "--opset N"):
        assert said in text, said
    for dest in ("LOOKBACK", "HORIZON", "VAL_FRAC", "QUANTILES", "CUTOFF", "THREADS", "--out OUT", "SEED", "OPSET"):
        assert dest not in text, dest
    usage = _subcommand("compare").format_usage()
    assert usage.startswith("usage: rnncast compare [-h] [-q | -v] RUN RUN") and "[--threads N]" in usage
    ett = _subcommand("bench")._subparsers._group_actions[0].choices["ett"].format_help()
    assert "--lookback N" in ett and "--seed N" in ett and "where fit's is 0" in ett and "LOOKBACK" not in ett


def test_several_seasons_are_refused_by_the_flag_naming_it(capsys):
    """t37t2 5: the flag's refusal says that one season is taken, in the flag's words (decision 1968)."""
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", "--season", "96,672"])
    assert exit_.value.code == 2
    assert "season (--season) must be one whole number, got '96,672': one season is taken" in capsys.readouterr().err
