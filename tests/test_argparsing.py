"""argparse with one-line refusals (``argparsing.py``): a flag or value refused names the command
given (``rnncast fit``, ``rnncast bench ltsf``) and where the accepted ones are listed, in one line."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("argv, where, what", [
    (["fit", "d.csv", "--season", "abc"], "rnncast fit", "season (--season) must be a whole number, got 'abc'"),
    # a whole number in another form: named, with the digits to write (t33t5 L4, decision 1626)
    (["fit", "d.csv", "--horizon", "1e3"], "rnncast fit",
     "horizon (--horizon) must be a whole number, got '1e3', 1000 written in scientific notation: write 1000"),
    (["fit", "d.csv", "--epochs", "2.0"], "rnncast fit",
     "epochs (--epochs) must be a whole number, got '2.0', 2 written with a decimal point: write 2"),
    (["fit", "d.csv", "--bogus", "1"], "rnncast fit", "unknown flag --bogus"),
    (["bench", "ltsf", "--bogus"], "rnncast bench ltsf", "unknown flag --bogus"),
    (["predict", "r", "d.csv", "extra"], "rnncast predict", "unrecognized arguments: extra"),  # not a flag: argparse's
    # a setting flag given twice with two values: argparse kept the last without a word
    (["fit", "d.csv", "--epochs", "5", "--lr", "0.1", "--epochs", "50"], "rnncast fit",
     "--epochs is given twice, as 5 and then as 50; give it once"),
    (["tune", "d.csv", "--highway", "--no-highway"], "rnncast tune", "--highway and --no-highway are both given; give one of them"),
    (["tune", "d.csv", "--past-covariate", "temp"], "rnncast tune",  # tune takes fit's covariate roles (1213)
     "unknown flag --past-covariate: flags are given whole, not shortened: write --past-covariates"),
    (["fti"], "rnncast", "unknown command 'fti' (did you mean 'fit'?); the commands are demo, fit, backtest, "
                         "tune, predict, evaluate, export, compare and bench"),  # argparse's "argument COMMAND: invalid choice"
    (["train", "d.csv"], "rnncast", "unknown command 'train': rnncast's word is fit (rnncast fit trains a model "
                                    "and writes a run directory)"),
    (["bench", "etth1"], "rnncast bench", "unknown benchmark 'etth1': the ETTh1.csv table runs under ett "
                                          "(rnncast bench ett --data ETTh1.csv)"),
])
def test_a_refused_flag_or_value_is_one_line_naming_the_command(capsys, argv, where, what):
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    listed = what.startswith(("unknown command", "unknown benchmark"))  # their line answers: no pointer (decision 1658)
    assert err == f"{where}: error: {what}" + ("" if listed else f" ({where} --help lists what is accepted)") + "\n"
    assert f"error: {where} " not in err  # the program's name once (decision 1658)


def test_a_setting_flag_given_twice_with_the_same_value_is_that_value():
    from rnncast.cli.parser import build_parser

    args = build_parser().parse_args(["fit", "d.csv", "--epochs", "5", "--epochs", "5", "--no-highway", "--no-highway"])
    assert args.epochs == 5 and args.highway is False


@pytest.mark.parametrize("flag, value, what", [
    ("--lr", "-inf", "lr (--lr) must be a positive finite number, got -inf"),
    ("--lr", "-1e-3", "lr (--lr) must be a positive finite number, got -0.001"),
    ("--lr", "-NaN", "lr (--lr) must be a positive finite number, got nan"),
    ("--epochs", "-3", "epochs (--epochs) must be a positive integer, got -3"),
    ("--dropout", "-.5", "dropout (--dropout) must be a number in [0, 1), got -0.5"),
    ("--lr", "-1_000", "lr (--lr) must be a positive finite number, got -1000.0"),
    ("--quantiles", "-0.1,0.5", "quantiles (--quantiles) must be distinct levels in (0, 1) (in any order), got [-0.1, 0.5]: -0.1 is not above 0"),
])
def test_a_negative_number_after_a_flag_is_its_value_refused_by_the_settings_own_check(tmp_path, capsys, flag, value,
                                                                                          what):
    """``--lr -inf`` was taken for a flag by argparse ("--lr: expected one argument"), where ``--lr=-inf``
    got the setting's own refusal: a negative number in any form float() reads is the flag's value."""
    from rnncast.cli import main
    from rnncast.cli.parser import build_parser

    assert str(getattr(build_parser().parse_args(["fit", "d.csv", flag, value]), flag[2:])) == \
        str(build_parser().parse_args(["fit", "d.csv", f"{flag}={value}"]).__dict__[flag[2:]])
    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(i % 7) for i in range(40)) + "\n")
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", flag, value, "--out", str(tmp_path / "run")]) == 2
    assert capsys.readouterr().err == f"rnncast: error: {what}\n"
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("flag, value, what", [("--lr", "-0x10", "lr (--lr) must be a number, got '-0x10'"),
                                               ("--epochs", "-0x10", "epochs (--epochs) must be a whole number, got '-0x10'")])
def test_a_negative_hex_number_after_a_flag_reaches_the_flags_own_check(capsys, flag, value, what):
    """``--lr -0x10`` was "expected one argument": a text int(text, 0) reads is a value, refused by its flag."""
    from rnncast.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["fit", "d.csv", flag, value])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.count("\n") == 1 and f"error: {what} (" in err  # the checks' words (decision 1626)


def test_a_text_that_only_starts_with_a_minus_is_still_a_flag():
    from rnncast.argparsing import NEGATIVE_NUMBER

    assert all(NEGATIVE_NUMBER.match(t) for t in ("-1", "-inf", "-1e-3", "-1_000", "-0x10", "-0.1,0.5", "-1,-2"))
    # a number's start is a value, for the setting's check to name what is wrong with it (not "no flag -999,x")
    assert all(NEGATIVE_NUMBER.match(t) for t in ("-0.1,", "-1,a", "-999,x", "-.5e"))
    assert not any(NEGATIVE_NUMBER.match(t) for t in ("--lr", "-x", "-.x", "1", "-"))


@pytest.mark.parametrize("argv, where, what", [
    # argparse read the value of a flag demo lacked as its positional: "argument which: invalid choice: '1'"
    (["demo", "--bogus", "1"], "rnncast demo", "unknown flag --bogus"),
    (["backtest", "--lookbak", "10"], "rnncast backtest",  # argparse took 10 for DATA
     "unknown flag --lookbak (did you mean '--lookback'?)"),
    (["fit", "d.csv", "--lookbak", "10"], "rnncast fit", "unknown flag --lookbak (did you mean '--lookback'?)"),
    (["fit", "d.csv", "--lookbak=10", "--epohcs", "3", "--foo"], "rnncast fit",  # --foo is not near --out
     "unknown flags --lookbak (did you mean '--lookback'?), --epohcs (did you mean '--epochs'?), --foo"),
    (["fit", "d.csv", "--epochs", "abc", "--lookbak", "3"], "rnncast fit",  # the unknown flag first
     "unknown flag --lookbak (did you mean '--lookback'?)"),
    (["--threads", "1", "demo"], "rnncast", "unknown flag --threads: --threads is a flag of demo, fit, backtest, "
     "tune, predict, evaluate, export and compare, given after the command: rnncast demo --threads 1"),  # decision 1725
    (["bench", "ett", "--lookbak", "96"], "rnncast bench ett",
     "unknown flag --lookbak (did you mean '--lookback'?)"),
    (["demo", "--epochs", "3", "--no-highway"], "rnncast demo",  # fit's settings: the demo's note on them
     "the demo's models are set by the demo (its page lists their settings), so it has no --epochs, --no-highway: to "
     "train with your own settings, run rnncast fit on a file"),
])
def test_a_flag_a_command_does_not_take_is_named_with_the_nearest_it_takes(capsys, argv, where, what):
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"{where}: error: {what} ({where} --help lists what is accepted)\n"


def test_a_flag_after_a_double_dash_is_no_unknown_flag_and_a_shortened_one_is_refused_naming_it_whole(capsys):
    from rnncast.cli.parser import build_parser

    args = build_parser().parse_args(["fit", "d.csv", "--lookback", "7", "--lr", "-1e-3", "--target", "y"])
    assert args.lookback == 7 and args.lr == -1e-3  # a negative number is a value
    with pytest.raises(SystemExit) as exit_:  # argparse took --look for --lookback, and predict --h for --help
        build_parser().parse_args(["fit", "d.csv", "--look", "7"])
    assert exit_.value.code == 2 and "--look: flags are given whole, not shortened: write --lookback" in \
        capsys.readouterr().err
    parser = build_parser()
    assert parser.unknown_flags(["fit", "--bogus"]) == []  # the top command's own flags end at the command's name


@pytest.mark.parametrize("flags, what", [
    (["--test-size", "0.2"], "unknown flag --test-size: the test part is --test-frac (the last fraction of "
                             "each series' rows)"),
    # --window was argparse's "ambiguous option: --window could match --window-norm, --window-scale"
    (["--window", "20"], "unknown flag --window: the input window is --lookback (input steps the network "
                         "sees for each forecast)"),
    (["--seq-len", "5", "--bogus"], "unknown flags --seq-len: the input window is --lookback (input steps "
                                    "the network sees for each forecast); --bogus"),
])
def test_another_librarys_flag_is_answered_with_rnncasts(capsys, flags, what):
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", *flags])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"rnncast fit: error: {what} (rnncast fit --help lists what is accepted)\n"


@pytest.mark.parametrize("flag", ["--shuffle", "--split"])
def test_a_shuffle_or_split_flag_is_answered_with_the_split_by_time(capsys, flag):
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["fit", "d.csv", flag, "random"])
    err = capsys.readouterr().err
    assert err.startswith(f"rnncast fit: error: unknown flag {flag}: rnncast splits every series by time")
    assert "(the parts' sizes are --val-frac and --test-frac)" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv, what", [
    (["fit", "d.csv", "--target", "y", "--out", ""], "--out '' is empty; give a folder's path"),  # wrote runs/d-lstm
    (["predict", "r", "d.csv", "--out", ""], "--out '' is empty; give a file's path, or leave --out out to print to "
                                              "standard output"),  # printed to standard output
    (["export", "r", "--onnx", ""], "--onnx '' is empty; give the path of the .onnx file to write"),  # "--onnx . is a folder"
    (["fit", "d.csv", "--config", ""], "--config '' is empty; give a TOML file's or a run directory's path"),  # ignored
    (["evaluate", "r", " "], "DATA ' ' is blank; give a CSV or Parquet file's path"),  # ". is a folder"
    (["compare", "r", "", "--data", "d.csv"], "RUN '' is empty; give a run directory's path"),
    (["bench", "ltsf", "--data", ""], "--data '' is empty; give a CSV file's path"),  # ran the default ETTh1
])
def test_an_empty_path_is_refused_by_its_flag_not_read_as_not_given(capsys, argv, what):
    from rnncast.cli.parser import build_parser

    where = "rnncast " + " ".join(argv[:2] if argv[0] == "bench" else argv[:1])
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2
    assert capsys.readouterr().err == f"{where}: error: {what} ({where} --help lists what is accepted)\n"


def test_every_flag_and_argument_that_takes_a_path_refuses_a_blank_one():
    """A path flag added without ``path=`` would read '' as "not given" (or as the current folder) again."""
    import argparse

    from rnncast.argparsing import Once
    from rnncast.cli.parser import build_parser

    def actions(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, child in action.choices.items():
                    yield from actions(child, f"{name} {sub}")
            else:
                yield name, action

    paths = {"out", "onnx", "config", "resume", "static", "future", "from_run", "storage", "study", "data", "run_dir", "runs"}
    found = [(name, a) for name, a in actions(build_parser(), "rnncast") if a.dest in paths]
    assert len(found) >= 30 and ("rnncast bench ett", "out") in [(name, a.dest) for name, a in found]
    assert [(name, a.dest) for name, a in found if not (isinstance(a, Once) and a.path)] == []


def test_a_path_flags_leading_tilde_is_the_home_folder_a_names_is_not(tmp_path, monkeypatch):
    """The shell leaves ~ in --out=~/runs and in quotes: rnncast wrote a folder named '~' in the current one."""
    from rnncast.cli.parser import build_parser

    monkeypatch.setenv("HOME", str(tmp_path))
    home = str(tmp_path)
    args = build_parser().parse_args(["fit", "~/d.csv", "--out=~/runs/a", "--static", "~/s.csv"])
    assert (args.data, args.out, args.static) == (f"{home}/d.csv", f"{home}/runs/a", f"{home}/s.csv")
    args = build_parser().parse_args(["tune", "--config", "~/best.toml", "--study", "~s", "--storage", "sqlite:///~/x"])
    assert (args.config, args.data, args.study, args.storage) == (f"{home}/best.toml", None, "~s", "sqlite:///~/x")
    args = build_parser().parse_args(["compare", "~/r1", "~/r2", "--data", "~/d.csv"])
    assert (args.runs, args.data) == ([f"{home}/r1", f"{home}/r2"], f"{home}/d.csv")
    args = build_parser().parse_args(["export", "~/r1", "--onnx", "~/m.onnx"])
    assert (args.run_dir, args.onnx) == (f"{home}/r1", f"{home}/m.onnx")


@pytest.mark.parametrize("argv, where, noun", [([], "rnncast", "command"), (["-q"], "rnncast", "command"),
                                               (["bench"], "rnncast bench", "benchmark")])
def test_no_command_prints_the_help_listing_the_commands_and_exits_2(capsys, argv, where, noun):
    """`rnncast` alone said "the following arguments are required: COMMAND" (decision 1621)."""
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith(f"usage: {where} ")
    assert err.splitlines()[-1].startswith(f"{where}: error: give a {noun}, one of ") and "required" not in err
