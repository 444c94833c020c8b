"""The command line's flags (``cli/parser.py``): ``--help`` loads no torch and groups the flags; flags that
name columns take CSV text or are repeated, so a column's name may hold a comma; a flag given twice with two values
is refused by name. The setting flags (typed, their true defaults) are test_cli_settingflags.py's."""

from __future__ import annotations

import json

import pytest

from rnncast.cli.parser import build_parser
from test_cli import cli, fit_args, folder  # noqa: F401  (folder: a fixture)

NOT_THEIRS = {"fit": set(), "backtest": {"test_frac"}, "tune": set()}  # settings a command offers no flag for: a
# backtest's windows are its last cutoffs, not a final share of the rows


def test_unknown_cell_is_refused_by_argparse(capsys, folder, tmp_path):
    code, out, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--cell", "transformer"))
    assert code == 2
    assert err.count("\n") == 1 and "invalid choice: 'transformer'" in err and "rnncast fit --help" in err
    assert "Traceback" not in out + err


def test_batch_size_0_means_full_batch(capsys, folder, tmp_path):
    """--help says '0 or full for full-batch training'."""
    code, _, err = cli(capsys, *fit_args(folder / "data.csv", tmp_path / "o", "--batch-size", "0", "--epochs", "1"))
    assert code == 0, err
    assert json.loads((tmp_path / "o" / "config.json").read_text())["settings"]["batch_size"] is None


def test_version_is_printed_and_the_parser_alone_does_not_import_torch():
    import subprocess
    import sys

    import rnncast

    out = subprocess.run([sys.executable, "-m", "rnncast", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == rnncast.version.software()  # torch's too (decision 1624)
    assert out.stdout.startswith(f"rnncast {rnncast.__version__} (torch ")
    code = "import sys, rnncast, rnncast.cli.parser; sys.exit('torch' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# ---- --help: fast (no torch), grouped, true defaults -------------------------------------------

def _subcommand(name: str):
    return build_parser()._subparsers._group_actions[0].choices[name]


def test_help_imports_neither_torch_nor_pandas_nor_matplotlib():
    """Building the parser and printing any --help (rnncast, fit, bench ett) loads no heavy module."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from rnncast.cli.parser import build_parser\n"
        "parser = build_parser()\n"
        "for argv in (['--help'], ['fit', '--help'], ['backtest', '--help'], ['tune', '--help'], ['bench', 'ett', '--help']):\n"
        "    try:\n"
        "        parser.parse_args(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('torch', 'pandas', 'matplotlib') if m in sys.modules]\n"
        "sys.stderr.write(' '.join(heavy))\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, f"--help imported {done.stderr}"
    assert "usage: rnncast fit" in done.stdout and "usage: rnncast bench ett" in done.stdout


def test_tune_searches_the_settings_that_tuning_searches():
    from rnncast.cli.parser import SEARCHED
    from rnncast.searchspace import SEARCH

    assert SEARCHED == SEARCH


@pytest.mark.parametrize("command", ["fit", "backtest", "tune"])
def test_the_flags_are_grouped_by_what_they_are_about(command):
    from dataclasses import fields

    from rnncast.config import DataSettings, ModelSettings, TrainSettings

    groups = {g.title: {a.dest for a in g._group_actions} for g in _subcommand(command)._action_groups}
    assert {"data", "model", "training", "output"} <= set(groups)
    data = {"data", "target", "features", "time_col"} | {f.name for f in fields(DataSettings)}
    assert data - NOT_THEIRS[command] == groups["data"]
    assert {f.name for f in fields(ModelSettings)} == groups["model"]
    assert {f.name for f in fields(TrainSettings) if f.name != "verbose"} == groups["training"]
    output = {"fit": {"out", "config", "track", "resume", "overwrite"}, "backtest": {"out", "overwrite", "by_series_csv"},
              "tune": {"out", "config", "overwrite"}}[command]
    assert groups["output"] == output
    panel = {"id_col", "series", "past_covariates", "future_covariates", "static_covariates", "static", "static_categorical"}
    assert groups["many series and covariates"] == panel
    help_text = _subcommand(command).format_help()
    assert [t for t in ("data:", "model:", "training:") if t in help_text] == ["data:", "model:", "training:"]


def test_no_help_says_default_none_or_states_a_default_twice():
    parser = build_parser()
    for command, sub in parser._subparsers._group_actions[0].choices.items():
        for action in sub._actions:
            text = action.help or ""
            assert "(default: None)" not in text, (command, action.dest)
            if command in ("fit", "backtest", "tune"):
                assert text.lower().count("default:") <= 1, (command, action.dest, text)


def test_epochs_and_target_say_what_they_mean():
    fit = {a.dest: a for a in _subcommand("fit")._actions}
    assert "--max-batches" in fit["epochs"].help
    assert "long format: y" in fit["target"].help and "required" not in fit["target"].help
    assert fit["target"].required is False


def test_resume_names_every_flag_it_may_be_given_with():
    """--threads was left out, though the refusal of other flags (cli.resuming) names it beside DATA and --device."""
    from rnncast.cli.resuming import MACHINE

    text = {a.dest: a for a in _subcommand("fit")._actions}["resume"].help
    assert text.endswith("DATA (the data moved: the same content, checked), --epochs (more trains an interrupted run "
                         "further, fewer ends it sooner, never below the epochs it has run; a finished run is not "
                         "extended: fit --config RUN --epochs N --out NEW), --device and --threads may be given with "
                         "it (another --threads than the run's: its weights match an uninterrupted run's to float "
                         "rounding, not bit for bit)")  # --epochs since decision 925; a finished run's refusal since 1086;
    # the thread count's since 1162
    assert all("--" + name in text for name in MACHINE)


def test_each_commands_data_is_named_data_in_its_usage():
    """predict's positional was 'data' where fit, backtest, tune and evaluate say DATA."""
    for command in ("fit", "backtest", "tune", "predict", "evaluate"):
        positionals = [a for a in _subcommand(command)._actions if not a.option_strings and a.dest == "data"]
        assert [a.metavar for a in positionals] == ["DATA"], command


# ---- flags that name columns -------------------------------------------------------------------

LIST_FLAGS = {"fit": ["target", "features", "series", "past-covariates", "future-covariates", "static-covariates"],
              "backtest": ["target", "features", "series", "past-covariates", "future-covariates", "static-covariates"],
              "tune": ["target", "features"]}


@pytest.mark.parametrize("command", sorted(LIST_FLAGS))
def test_a_column_name_with_a_comma_is_given_quoted_or_by_repeating_the_flag(command):
    parser = build_parser()
    for flag in LIST_FLAGS[command]:
        dest = flag.replace("-", "_")
        quoted = parser.parse_args([command, "d.csv", f"--{flag}", 'temp,"vent, km/h"'])
        repeated = parser.parse_args([command, "d.csv", f"--{flag}", "temp", f"--{flag}", "vent, km/h"])
        plain = parser.parse_args([command, "d.csv", f"--{flag}", "a, b,c"])
        assert getattr(quoted, dest) == getattr(repeated, dest) == ["temp", "vent, km/h"], flag
        assert getattr(plain, dest) == ["a", "b", "c"], flag
        assert getattr(parser.parse_args([command, "d.csv"]), dest) is None, flag


def test_all_keeps_its_meaning_for_features_and_series():
    args = build_parser().parse_args(["fit", "d.csv", "--features", "all", "--series", "all", "--target", "all"])
    assert (args.features, args.series, args.target) == ("all", "all", ["all"])  # a target named 'all' is a column


@pytest.mark.parametrize("argv, says", [
    (["--features", "a,,b"], "argument --features: a blank column name in 'a,,b'"),
    (["--target", ""], "argument --target: a blank column name in ''"),
    (["--past-covariates", "a", "--past-covariates", " "], "argument --past-covariates: a blank column name"),
    (["--features", '"vent, km/h'], "argument --features: cannot read"),
    (["--series", "all,a"], "argument --series: 'all' (every numeric column) stands alone"),
])
def test_a_blank_name_or_broken_quoting_is_refused_naming_the_flag(capsys, argv, says):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", *argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1 and says in errors[0], err


def _parsers(parser, path=()):
    """Every (command words, parser) reachable from ``parser``: the top command and each subcommand's."""
    import argparse

    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _two_values(action) -> list[str]:
    """Two texts the flag takes as two different values (its choices, or numbers, or names)."""
    if action.choices:
        return [str(c) for c in list(action.choices)[:2]]
    taken = []
    for text in ("1", "2", "0.5", "0.25", "a.csv", "b.csv"):
        try:
            value = action.type(text) if action.type else text
        except Exception:
            continue
        if value not in [v for _, v in taken]:
            taken.append((text, value))
    return [text for text, _ in taken[:2]]


def test_every_single_valued_flag_of_every_command_given_twice_with_two_values_is_refused_by_name(capsys):
    """The README promises a setting given twice with two values is refused: argparse kept the last of
    --out, --time-col, --config, --track, --future, --part, --n-windows, --onnx, --resume silently
    (``fit --resume runs/int --resume runs/ir`` rewrote runs/ir). Walks every flag of every command."""
    import argparse

    seen = 0
    for words, parser in _parsers(build_parser()):
        for action in parser._actions:
            if not action.option_strings or action.nargs == 0 or isinstance(action, (
                    argparse._AppendAction, argparse._HelpAction, argparse._VersionAction)) \
                    or type(action).__name__ == "ColumnNames":  # repeated to name more columns
                continue
            flag = action.option_strings[0]
            first, second = _two_values(action)
            with pytest.raises(SystemExit) as exit_:
                build_parser().parse_args([*words, flag, first, flag, second])
            err = capsys.readouterr().err
            assert exit_.value.code == 2 and f"error: {flag} is given twice" in err, (words, flag, err)
            seen += 1
    assert seen > 100  # fit, backtest and tune alone have dozens of setting flags


def test_a_plain_flag_given_twice_with_one_value_is_that_value():
    args = build_parser().parse_args(["fit", "d.csv", "--out", "runs/a", "--out", "runs/a", "--time-col", "ds"])
    assert args.out == "runs/a" and args.time_col == "ds"
    assert build_parser().parse_args(["predict", "r", "d.csv"]).out is None  # not given: its default


@pytest.mark.parametrize("given", [["--features", "temp", "--features", "temp"], ["--features", "temp,wind,temp"]])
def test_a_column_named_twice_by_one_flag_is_left_to_the_check_python_and_config_files_share(given):
    """It was "named in more than one role", which it is not; the flag's own check (series too) moved to
    labels.check_lists, which Python's series=['A', 'A'] and a config file pass as well (test_labels.py)."""
    assert build_parser().parse_args(["fit", "d.csv", *given]).features.count("temp") == 2


def test_an_unknown_demo_is_named_with_the_demos_there_are(capsys):
    """demo foo said "argument which: invalid choice", naming an internal argument."""
    code, out, err = cli(capsys, "demo", "foo")
    assert (code, out) == (2, "") and "argument which" not in err
    assert ("argument DEMO: no demo is called 'foo'; accepted are sine, regression and memory (rnncast demo sine, "
            "rnncast demo regression, rnncast demo memory)") in err
    assert build_parser().parse_args(["demo"]).which == "sine"
    assert build_parser().parse_args(["demo", "regression"]).which == "regression"
    assert build_parser().parse_args(["demo", "memory"]).which == "memory"


@pytest.mark.parametrize("given, which", [("REGRESSION", "regression"), ("Sine", "sine"), ("Regression", "regression"),
                                          ("Memory", "memory")])
def test_a_demo_is_named_in_any_case_as_the_cell_is(given, which):
    """demo REGRESSION was refused while --cell LSTM was taken."""
    assert build_parser().parse_args(["demo", given]).which == which


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_static_help_says_what_predict_and_evaluate_do_with_static_columns_in_data_too(command):
    """predict's --static said "static columns in DATA are read too", while DATA holding them beside --static is
    refused "given twice ... give them in one place" (test_static); evaluate's said nothing of DATA's."""
    import pandas as pd

    from conftest import TINY, make_panel
    from rnncast import Forecaster, RnncastError

    help_text = {a.dest: a for a in _subcommand(command)._actions}["static"].help
    assert "are read too" not in help_text
    assert "with DATA holding none of their columns (in both, they are refused: give them in one place)" in help_text
    assert {a.dest: a for a in _subcommand(command)._actions}["data"].metavar == "DATA"  # the name the help uses
    frame = make_panel(2, seed=3)
    frame["kind"] = frame["unique_id"].map({"s000": "x", "s001": "y"})
    f = Forecaster(**TINY).fit(frame, static_covariates=["kind"])
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["y", "x"]})
    run = f.predict if command == "predict" else f.evaluate
    with pytest.raises(RnncastError, match="given twice"):
        run(frame, static_covariates=table)
    run(frame.drop(columns=["kind"]), static_covariates=table)  # the table alone
    run(frame)  # without it: the data's static columns, read from DATA


def test_no_time_col_says_the_table_has_none_and_is_not_given_beside_time_col(capsys):
    parser = build_parser()
    for command in (["fit", "d.csv"], ["backtest", "d.csv"], ["tune", "d.csv"]):
        assert parser.parse_args(command + ["--no-time-col"]).time_col is False
        assert parser.parse_args(command + ["--time-col", "t"]).time_col == "t"
        assert parser.parse_args(command).time_col is None
        with pytest.raises(SystemExit):
            parser.parse_args(command + ["--no-time-col", "--time-col", "t"])
    assert "not allowed with argument --no-time-col" in capsys.readouterr().err


def test_exports_opset_flag_defaults_to_the_one_opset_the_function_and_method_share():
    """r35r1 9, decision 1818: --opset wrote 17 a third time; its default and its help come from
    ``formatversions.OPSET``."""
    from rnncast.formatversions import OPSET

    export = _subcommand("export")
    assert export.parse_args(["run", "--onnx", "m.onnx"]).opset == OPSET
    assert f"(default: {OPSET})" in " ".join(export.format_help().split())


def test_evaluates_help_says_where_each_steps_scores_are_as_it_writes_no_by_step_csv():
    """fit and backtest write by_step.csv; evaluate writes no folder, and its --help did not say where its by-step
    numbers are (decision 2097)."""
    text = " ".join(_subcommand("evaluate").format_help().split())
    assert "no by_step.csv as fit's run folder holds: each step's own scores are --json's by_step" in text
