"""fit's progress bar over epochs in Python (``verbose``): tqdm's, a widget in a notebook, text in a terminal, with the
losses; none where the caller draws its own (the command line's).
"""

from __future__ import annotations


def progress(name: str, epochs: int, on_epoch=None):
    """An ``on_epoch`` callback drawing tqdm's auto bar over epochs (a widget in a notebook, text on
    stderr in a terminal; nothing on a stderr that is no terminal, a file or a pipe, where its redraws
    would be noise) with the losses, then calling ``on_epoch``; ``.close()`` ends the bar. None when
    ``on_epoch`` draws a bar of its own (``on_epoch.draws_bar``: the command line's), which is the one
    drawn: ``verbose = true`` in a config file asks for the bar the command line draws anyway."""
    if getattr(on_epoch, "draws_bar", False):
        return None
    from tqdm.auto import tqdm

    bar = tqdm(total=epochs, desc=f"fit {name}", unit="epoch", leave=True, disable=None)  # a notebook's: always

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
