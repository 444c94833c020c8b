"""What a person sees of a command (``cli/display.py``): plain-text tables, and a progress bar over
epochs that appears with the first finished epoch (so a refused input prints only its error line),
draws nothing on ranks other than 0, and a flag or value argparse refuses in one line naming the command."""

from __future__ import annotations

import pytest

from types import SimpleNamespace

from rnncast.cli.display import epoch_bar, table


def test_a_table_pads_each_column_to_its_widest_cell_under_a_rule():
    text = table(["model", "mse"], [["lstm", 0.5], ["repeat", 12.25]])
    assert text.splitlines() == ["model   mse", "------  -----", "lstm    0.5", "repeat  12.25"]


def test_the_epoch_bar_appears_with_the_first_epoch_and_shows_the_losses(capsys):
    bar = epoch_bar("lstm", total=3)
    assert capsys.readouterr().err == ""  # nothing before training
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    bar(SimpleNamespace(epoch=2, train_loss=0.125, val_loss=None))
    bar.close()
    err = capsys.readouterr().err
    assert "fit lstm epoch 2" in err and "2/3" in err and "loss=0.12500" in err


def test_a_rank_other_than_0_draws_nothing(capsys):
    bar = epoch_bar("lstm", total=3, show=False)
    bar(SimpleNamespace(epoch=1, train_loss=0.25, val_loss=0.5))
    bar.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("argv, where, what", [
    (["fit", "d.csv", "--season", "abc"], "rnncast fit", "argument --season: season must be a whole number, got 'abc'"),
    (["fit", "d.csv", "--bogus", "1"], "rnncast fit", "unrecognized arguments: --bogus 1"),
    (["bench", "ltsf", "--bogus"], "rnncast bench ltsf", "unrecognized arguments: --bogus"),
    (["fti"], "rnncast", "argument COMMAND: invalid choice: 'fti' (choose from 'demo', 'fit', 'backtest', 'tune', "
                         "'predict', 'evaluate', 'export', 'bench')"),
])
def test_a_refused_flag_or_value_is_one_line_naming_the_command(capsys, argv, where, what):
    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err == f"{where}: error: {what} ({where} --help lists what is accepted)\n"
