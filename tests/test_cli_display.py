"""What a person sees of a command (``cli/display.py``): a progress bar over
epochs that appears with the first finished epoch (so a refused input prints only its error line)
and draws nothing on ranks other than 0."""

from __future__ import annotations

import io
import logging
import re
import sys
from types import SimpleNamespace

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
