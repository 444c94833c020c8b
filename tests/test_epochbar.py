"""fit's progress bar over epochs in Python (``epochbar.py``): drawn with the losses, none beside a caller's own, text
in a kernel without ipywidgets, a line per epoch into a file or pipe elsewhere."""

from __future__ import annotations

import io
import sys
import types

from rnncast.epochbar import KERNELS, progress


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


class _Epoch:
    def __init__(self, epoch):
        self.epoch, self.train_loss, self.val_loss = epoch, 0.5, 0.25


def _drawn(monkeypatch, kernel: bool) -> str:
    stream = io.StringIO()  # no terminal: isatty() is False, as ipykernel's OutStream and a CI log are
    monkeypatch.setattr(sys, "stderr", stream)
    for name in KERNELS:
        monkeypatch.delitem(sys.modules, name, raising=False)
    if kernel:
        monkeypatch.setitem(sys.modules, "ipykernel.zmqshell", types.ModuleType("ipykernel.zmqshell"))
    bar = progress("lstm", 2, None)
    for epoch in (1, 2):
        bar(_Epoch(epoch))
    bar.close()
    return stream.getvalue()


def test_a_kernel_without_ipywidgets_gets_the_text_bar_where_no_terminal_gets_none(monkeypatch):
    """verbose=True in a Jupyter kernel without ipywidgets showed nothing: tqdm's text bar, built with disable=None,
    turned itself off on the kernel's stream, which is no terminal. A file or pipe outside a kernel gets no bar."""
    assert "\r" not in _drawn(monkeypatch, kernel=False) and "it/s" not in _drawn(monkeypatch, kernel=False)
    shown = _drawn(monkeypatch, kernel=True)
    assert "fit lstm" in shown and "2/2" in shown and "loss=0.50000" in shown and "val_loss=0.25000" in shown


def test_a_file_or_pipe_gets_a_line_per_epoch_with_the_losses(monkeypatch):
    """Forecaster(verbose=True) with stderr redirected to a file said nothing: tqdm's disable=None hid the bar off a
    terminal (decision 69); a line per epoch is written instead, no bar's redraws (decision 1597)."""
    assert _drawn(monkeypatch, kernel=False) == ("fit lstm: epoch 1/2, loss=0.50000, val_loss=0.25000\n"
                                                 "fit lstm: epoch 2/2, loss=0.50000, val_loss=0.25000\n")
