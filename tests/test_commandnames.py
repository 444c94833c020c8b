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
