"""fit's progress bar over epochs in Python (``epochbar.py``): drawn with the losses, none beside a caller's own."""

from __future__ import annotations

from rnncast.epochbar import progress


def test_a_callback_that_draws_its_own_bar_gets_no_second_one():
    def own(record):
        pass

    own.draws_bar = True  # the command line's (cli/display.epoch_bar)
    assert progress("lstm", 3, own) is None
    bar = progress("lstm", 3, lambda record: None)
    assert bar is not None
    bar.close()


def test_each_epoch_moves_the_bar_and_reaches_the_callers_callback():
    seen = []

    class Record:
        def __init__(self, epoch):
            self.epoch, self.train_loss, self.val_loss = epoch, 0.5, None

    bar = progress("gru", 2, seen.append)
    for epoch in (1, 2):
        bar(Record(epoch))
    bar.close()
    assert [r.epoch for r in seen] == [1, 2]
