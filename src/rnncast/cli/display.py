"""What a person sees of a command: a progress bar over epochs and plain-text tables."""

from __future__ import annotations

import sys


def epoch_bar(name: str, total: int, show: bool = True):
    """A progress bar over epochs that shows the losses; returns the callback for ``fit``.

    The bar appears with the first finished epoch, so input refused before training prints
    nothing but its error line. ``show=False`` (ranks other than 0 under torchrun) draws nothing.
    """
    from tqdm import tqdm

    bar = None

    def on_epoch(record):
        nonlocal bar
        if not show:
            return
        if bar is None:
            bar = tqdm(total=total, desc=f"fit {name}", unit="epoch", file=sys.stderr, dynamic_ncols=True,
                       initial=record.epoch - 1)
        post = {"loss": f"{record.train_loss:.5f}"}
        if record.val_loss is not None:
            post["val_loss"] = f"{record.val_loss:.5f}"
        bar.set_postfix(post, refresh=False)
        bar.set_description(f"fit {name} epoch {record.epoch}", refresh=False)
        bar.update(1)

    def close():
        if bar is not None:
            bar.close()

    on_epoch.close = close
    return on_epoch


def table(head: list[str], rows: list[list]) -> str:
    cells = [head] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
