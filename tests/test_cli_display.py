"""What a person sees of a command (``cli/display.py``): a progress bar over
epochs that appears with the first finished epoch (so a refused input prints only its error line)
and draws nothing on ranks other than 0."""

from __future__ import annotations

import argparse
import io
import logging
import re
import sys
from types import SimpleNamespace

import pytest

from rnncast.cli.display import epoch_bar


class Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_the_epoch_bar_appears_on_a_terminal_with_the_first_epoch_and_shows_the_losses(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = epoch_bar("lstm", total=3)
    assert sys.stderr.getvalue() == ""  # nothing before training
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    bar(SimpleNamespace(epoch=2, train_loss=0.125, val_loss=None))
    bar.close()
    err = sys.stderr.getvalue()
    assert "fit lstm epoch 2" in err and "2/3" in err and "loss=0.12500" in err


def test_a_standard_error_that_is_no_terminal_gets_no_bar_and_warnings_keep_their_own_lines(capsys):
    bar = epoch_bar("lstm", total=3)  # capsys' stderr, as 2>err.txt or a pipe, is no terminal
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    print("rnncast: WARNING: the best epoch was the last", file=sys.stderr)
    bar(SimpleNamespace(epoch=2, train_loss=0.125, val_loss=None))
    bar.close()
    assert capsys.readouterr().err == "rnncast: WARNING: the best epoch was the last\n"


def test_on_a_terminal_a_log_line_is_written_above_the_bar_not_into_its_line(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    handler = logging.StreamHandler(terminal)
    handler.setFormatter(logging.Formatter("rnncast: %(levelname)s: %(message)s"))
    logging.root.addHandler(handler)
    try:
        bar = epoch_bar("lstm", total=2)
        bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
        logging.getLogger("rnncast.test").warning("the validation loss was still falling")
        bar(SimpleNamespace(epoch=2, train_loss=0.125, val_loss=None))
        bar.close()
    finally:
        logging.root.removeHandler(handler)
    lines = re.split(r"[\r\n]", terminal.getvalue())
    assert "rnncast: WARNING: the validation loss was still falling" in lines  # a line of its own
    assert logging.root.handlers.count(handler) == 0 and all(h is not handler for h in logging.root.handlers)


def test_a_rank_other_than_0_draws_nothing(capsys):
    bar = epoch_bar("lstm", total=3, show=False)
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    bar.close()
    assert capsys.readouterr().err == ""


def test_a_latin1_terminal_gets_plain_ascii_for_what_its_encoding_lacks(monkeypatch):
    """A tester's finding: under LC_ALL=en_US.ISO-8859-1 a finished fit's summary raised UnicodeEncodeError at the en
    dash of "Diebold–Mariano" (a traceback, exit 1, after the run was written). The command's streams now write what
    their encoding lacks plainly; what it holds (R², ×) is written as it is, and a UTF-8 stream is left alone."""
    import io
    import sys

    from rnncast.cli.display import plain_streams

    latin, utf8 = io.BytesIO(), io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(latin, encoding="latin-1"))
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(utf8, encoding="utf-8"))
    plain_streams()
    for stream in (sys.stdout, sys.stderr):
        stream.write("Diebold–Mariano p = 0.03, R² 0.9, 2 × 3, 한\n")
        stream.flush()
    assert latin.getvalue().decode("latin-1") == "Diebold-Mariano p = 0.03, R² 0.9, 2 × 3, ?\n"
    assert utf8.getvalue().decode("utf-8") == "Diebold–Mariano p = 0.03, R² 0.9, 2 × 3, 한\n"
    assert sys.stderr.errors == "strict"


# ---- -q/--quiet, -v/--verbose; the advice on stderr (decisions 1164, 1165) ------------------------------------------

@pytest.fixture
def loudness():
    """The ``rnncast`` logger's level as a test found it, put back after it (``set_loudness`` sets it)."""
    logger = logging.getLogger("rnncast")
    level = logger.level
    yield logger
    logger.setLevel(level)


def _leaves(parser):
    """Every command of ``parser`` that runs (``bench ett``, not ``bench``): (its name, its parser)."""
    for action in parser._actions:
        if action.nargs == argparse.PARSER:
            for name, sub in action.choices.items():
                nested = list(_leaves(sub))
                yield from nested or [(name, sub)]


def test_every_command_takes_quiet_and_verbose_and_lists_them_in_its_help():
    from rnncast.cli.parser import build_parser

    parser = build_parser()
    leaves = dict(_leaves(parser))
    assert {"demo", "fit", "backtest", "tune", "predict", "evaluate", "export", "compare", "ett", "ltsf"} <= set(leaves)
    for name, sub in leaves.items():
        flags = {flag: action for action in sub._actions for flag in action.option_strings}
        assert flags["-q"] is flags["--quiet"] and flags["-v"] is flags["--verbose"], name
        assert flags["-q"].const == logging.WARNING and flags["-v"].const == logging.DEBUG, name
        assert "--quiet" in sub.format_help() and "--verbose" in sub.format_help(), name
    assert "--quiet" in parser.format_help() and "--verbose" in parser.format_help()  # before a command too


@pytest.mark.parametrize("given, level", [
    ([], logging.INFO), (["-q"], logging.WARNING), (["--verbose"], logging.DEBUG),
    (["-q", "@"], logging.WARNING), (["-v", "@", "-q"], logging.WARNING),  # before the command; the command's wins
])
@pytest.mark.parametrize("command", [["export", "RUN", "--onnx", "m.onnx"], ["bench", "ett"]])
def test_quiet_or_verbose_sets_the_level_after_the_command_or_before_it(loudness, given, level, command):
    from rnncast.cli.display import set_loudness
    from rnncast.cli.parser import build_parser

    if "@" in given:  # @: where the command goes
        at = given.index("@")
        argv = given[:at] + command + given[at + 1:]
    else:
        argv = command + given
    set_loudness(build_parser().parse_args(argv))
    assert loudness.level == level
    if command[0] == "bench" and given:  # between bench and ett too
        set_loudness(build_parser().parse_args(["bench", given[0], "ett"]))
        assert loudness.level == {"-q": logging.WARNING, "-v": logging.DEBUG, "--verbose": logging.DEBUG}[given[0]]


def test_quiet_and_verbose_together_are_refused_in_one_line(capsys):
    from rnncast.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["predict", "RUN", "DATA", "-q", "--verbose"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--verbose: not allowed with argument -q/--quiet" in err


def test_their_names_are_no_other_tools_names_of_a_setting():
    from rnncast.othernames import OTHER_NAMES

    assert not {"q", "quiet", "v", "verbose", "log_level"} & set(OTHER_NAMES)


def test_set_loudness_sets_rnncasts_level_and_quiet_silences_advice_and_the_bar(loudness, monkeypatch, capsys):
    from rnncast.cli.display import advise, set_loudness

    set_loudness(SimpleNamespace(log_level=logging.DEBUG))
    assert loudness.isEnabledFor(logging.DEBUG)
    set_loudness(SimpleNamespace(log_level=logging.INFO))
    advise("hint: give the season")
    assert capsys.readouterr() == ("", "hint: give the season\n")  # stderr, never stdout
    set_loudness(SimpleNamespace(log_level=logging.WARNING))
    advise("hint: give the season")
    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = epoch_bar("lstm", total=2)  # on a terminal, quiet: no bar
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    bar.close()
    assert sys.stderr.getvalue() == ""
    assert capsys.readouterr() == ("", "")
