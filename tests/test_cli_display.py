"""What a person sees of a command (``cli/display.py``): plain-text tables, and a progress bar over
epochs that appears with the first finished epoch (so a refused input prints only its error line)
and draws nothing on ranks other than 0."""

from __future__ import annotations

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
