"""fit's progress over epochs in Python (``verbose``): tqdm's bar, a widget in a notebook (text in one without
ipywidgets), text in a terminal, with the losses; a line per epoch into a file or pipe (decision 1597); none where the
caller draws its own (the command line's).
"""

from __future__ import annotations

import sys

KERNELS = ("ipykernel.zmqshell", "IPython.utils._process_emscripten")  # a Jupyter kernel, as tqdm.autonotebook tells one


def in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (JupyterLab, VS Code, Colab, JupyterLite): there stderr is no terminal
    (ipykernel's ``OutStream``), yet what is written to it is shown in the cell, a text bar's redraws included."""
    return any(name in sys.modules for name in KERNELS)


def progress(name: str, epochs: int, on_epoch=None):
    """An ``on_epoch`` callback drawing tqdm's auto bar over epochs (a widget in a notebook; text in a kernel without
    ipywidgets, where tqdm falls back to it: ``verbose=True`` asked for it, decision 1549; text on stderr in a
    terminal; on a stderr that is no terminal outside a kernel, a file or a pipe, a CI log, where a bar's redraws
    would be noise (decision 69), a line per epoch instead, "fit lstm: epoch 3/20, loss=0.01234, val_loss=0.02345":
    decision 1597) with the losses, then calling ``on_epoch``; ``.close()`` ends the bar. None when
    ``on_epoch`` draws a bar of its own (``on_epoch.draws_bar``: the command line's), which is the one
    drawn: ``verbose = true`` in a config file asks for the bar the command line draws anyway."""
    if getattr(on_epoch, "draws_bar", False):
        return None
    if not in_kernel() and not _terminal():  # a file, a pipe: lines, not a bar's redraws
        return _lines(name, epochs, on_epoch)
    from tqdm.auto import tqdm

    shown = False if in_kernel() else None  # None: on a terminal only; a kernel's stream is none, and is shown
    bar = tqdm(total=epochs, desc=f"fit {name}", unit="epoch", leave=True, disable=shown)

    def callback(record):
        post = {"loss": f"{record.train_loss:.5f}"}
        if record.val_loss is not None:
            post["val_loss"] = f"{record.val_loss:.5f}"
        bar.set_postfix(post, refresh=False)
        bar.update(record.epoch - bar.n)  # a resumed fit starts past epoch 1
        if record.epoch >= epochs:
            bar.close()  # ended before the loop's last word (the best-epoch-was-the-last hint) is logged
        if on_epoch is not None:
            on_epoch(record)

    callback.close = bar.close
    return callback


def _terminal() -> bool:
    """Whether stderr is a terminal (tqdm's test of ``disable=None``); False where there is none (pythonw)."""
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty is not None and isatty())


def _lines(name: str, epochs: int, on_epoch=None):
    """An ``on_epoch`` callback writing one line per epoch to stderr (``progress`` off a terminal), then calling
    ``on_epoch``; its ``.close()`` does nothing."""
    def callback(record):
        val = f", val_loss={record.val_loss:.5f}" if record.val_loss is not None else ""
        if sys.stderr is not None:
            print(f"fit {name}: epoch {record.epoch}/{epochs}, loss={record.train_loss:.5f}{val}", file=sys.stderr,
                  flush=True)
        if on_epoch is not None:
            on_epoch(record)

    callback.close = lambda: None
    return callback
