"""A subcommand a parser lacks, in the user's words (``commandnames.py``, decision 1621)."""

from __future__ import annotations

import pytest

from rnncast.commandnames import OTHER_BENCHMARKS, OTHER_COMMANDS, no_command, unknown_command

COMMANDS = ["demo", "fit", "backtest", "tune", "predict", "evaluate", "export", "compare", "bench"]


@pytest.mark.parametrize("given, meant", [("evalute", "evaluate"), ("predcit", "predict"), ("backtets", "backtest"),
                                          ("exprot", "export"), ("fti", "fit")])
def test_a_misspelt_command_names_the_nearest_and_lists_them_all(given, meant):
    said = unknown_command("rnncast", "command", given, COMMANDS)
    assert said == (f"unknown command {given!r} (did you mean {meant!r}?); the commands are demo, fit, backtest, "
                    "tune, predict, evaluate, export, compare and bench")


def test_a_command_in_capitals_is_told_to_be_written_in_lower_case():
    assert unknown_command("rnncast", "command", "Fit", COMMANDS) == (
        "unknown command 'Fit'; commands are written in lower case: rnncast fit")
    assert unknown_command("rnncast bench", "benchmark", "ETT", ["ett", "m4"]) == (  # r33r2 12: a benchmark's own noun
        "unknown benchmark 'ETT'; benchmarks are written in lower case: rnncast bench ett")


@pytest.mark.parametrize("given, command", [("train", "fit"), ("forecast", "predict"), ("cross_validation", "backtest"),
                                            ("TRAIN", "fit")])
def test_another_tools_verb_names_rnncasts_command(given, command):
    said = unknown_command("rnncast", "command", given, COMMANDS)
    assert said.startswith(f"unknown command {given!r}: rnncast's word is {command} (rnncast {command} ")


def test_a_data_sets_name_as_a_benchmark_names_the_benchmark_that_runs_it():
    said = unknown_command("rnncast bench", "benchmark", "ETTm1", ["ett", "ltsf", "remake"])
    assert said == ("unknown benchmark 'ETTm1': the ETTm1.csv table runs under ett "
                    "(rnncast bench ett --data ETTm1.csv)")


def test_every_word_points_to_a_command_or_benchmark_and_is_none_itself():
    assert {command for command, _ in OTHER_COMMANDS.values()} <= set(COMMANDS)
    assert not set(OTHER_COMMANDS) & set(COMMANDS)
    assert {benchmark for benchmark, _ in OTHER_BENCHMARKS.values()} <= {"ett", "ltsf"}


def test_no_command_lists_them_and_where_their_flags_are():
    assert no_command("rnncast", "command", ["demo", "fit"]) == (
        "rnncast: error: give a command, one of demo or fit (rnncast COMMAND --help lists its flags)\n")


@pytest.mark.parametrize("given, said", [
    ("help", "unknown command 'help': rnncast --help lists the commands, rnncast COMMAND --help one's flags"),
    ("version", "unknown command 'version': rnncast --version says rnncast's version and those of the libraries it "
                "runs on"),
    ("d4.csv", "unknown command 'd4.csv': the command comes before the data, e.g. rnncast fit d4.csv; the commands are "
               "demo, fit, backtest, tune, predict, evaluate, export, compare and bench"),
    ("my data.parquet", "unknown command 'my data.parquet': the command comes before the data, e.g. rnncast fit "
                        "'my data.parquet'; the commands"),
])
def test_a_flag_or_a_file_written_as_the_command_points_to_its_place(given, said):
    """t34t5 LOW 9: `rnncast help`, `rnncast version`, `rnncast d4.csv` got the list of commands alone (decision 1725)."""
    assert unknown_command("rnncast", "command", given, COMMANDS).startswith(said)


def test_a_commands_flag_before_the_command_is_named_with_the_line_that_takes_it(capsys):
    """t34t5 LOW 9: `rnncast --epochs 2 fit d4.csv` said "unknown flag --epochs" alone, and `rnncast --highway fit
    d4.csv` "rnncast fit: error: unrecognized arguments: --highway", a flag fit takes (decision 1725)."""
    from rnncast.cli.parser import build_parser
    from rnncast.commandnames import before_command

    for argv, said in ((["--epochs", "2", "fit", "d4.csv"], "rnncast fit d4.csv --epochs 2"),
                       (["--highway", "fit", "d4.csv"], "rnncast fit d4.csv --highway"),
                       (["--epochs=2", "-q", "fit", "d4.csv"], "rnncast fit d4.csv --epochs=2 -q")):
        with pytest.raises(SystemExit) as exit_:
            build_parser().parse_args(argv)
        err = capsys.readouterr().err
        flag = argv[0].split("=")[0]
        assert exit_.value.code == 2 and err.startswith(
            f"rnncast: error: unknown flag {flag}: {flag} is a flag of fit, backtest and tune, given after the "
            f"command: {said} (rnncast --help"), err
    flags = {"epochs": (["fit", "tune"], "--epochs"), "out": (["predict"], "--out")}
    assert before_command("rnncast", flags, "epochs", None, ["--epochs", "2", "predict", "r", "d.csv"]) == \
        "a flag of fit and tune, given after the command, and not one of predict"
    assert before_command("rnncast", flags, "epochs", None, ["--epochs", "2"]) == \
        "a flag of fit and tune, given after the command"
    assert before_command("rnncast", flags, "lookbak", None, ["--lookbak", "2", "fit"]) == ""  # none's: did you mean
