"""What a person sees of a command: a progress bar over epochs, plain-text tables, one-line refusals."""

from __future__ import annotations

import argparse
import sys


class Parser(argparse.ArgumentParser):
    """argparse's parser, refusing a flag or a value in one line (the problem and where the
    accepted ones are listed) and exit status 2, as every other refusal does; argparse alone prints
    the usage block first. Subcommands' parsers are of this class too (``add_subparsers``)."""

    def error(self, message: str, prog: str | None = None):
        prog = prog or self.prog
        self.exit(2, f"{prog}: error: {message} ({prog} --help lists what is accepted)\n")

    def parse_args(self, args=None, namespace=None):
        """As argparse's, with flags no parser took named against the command given (``rnncast fit
        --help``), where argparse names the top command."""
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            given = [getattr(parsed, name, None) for name in ("command", "benchmark")]
            self.error(f"unrecognized arguments: {' '.join(extras)}",
                       " ".join([self.prog, *(name for name in given if isinstance(name, str))]))
        return parsed


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
