"""What to try where no epoch of a fit beat the untrained network, from the losses its epochs measured (the
training story's last word, said by ``training`` where fit ends and by ``reportpage`` on the run page)."""

from __future__ import annotations

from rnncast.config import TrainSettings
from rnncast.spelling import spelled


BLEW_UP = 2  # the lowest validation loss of the epochs, over the untrained network's, past which training blew up
OVERSHOT = 1.2  # epoch 1's validation loss over the untrained network's, past which a large lr overshot (decision 2103)
ROSE = 1e-3  # the relative rise of the training loss, last epoch over first, below which it did not move (decision 2067)


def untrained_advice(history: list[dict], untrained_loss: float | None, lr: float, alignment: str | None = None,
                     squeezed: str | None = None) -> str:
    """What to try where no epoch of ``history`` beat the untrained network (validation loss ``untrained_loss``, None
    where not known), from what the epochs measured: every epoch's validation loss more than ``BLEW_UP`` times the
    untrained network's, or a training loss that rose from the first epoch to the last, says the learning rate ``lr``
    was too large (try a smaller one; a rise of less than ``ROSE`` of the first loss is no rise: at ``lr`` 1e-9 the
    loss moves in its 8th digit, decision 2067); else the loss moved too little, and a larger one or more epochs may help, but
    where the target follows a feature's later rows (``alignment``: ``laterrows.training_note``) that is said instead;
    but where ``lr`` is above the default and epoch 1's validation loss rose ``OVERSHOT`` times the untrained network's, the first
    steps overshot: a smaller one (decision 2103: at lr 0.3, 0.238 -> 0.349 was told "try a larger learning rate").
    Where one value set a column's scale (``squeezed``: ``outliers.note``), that is said first and alone."""
    if squeezed:
        return squeezed
    losses = [h["val_loss"] for h in history if h.get("val_loss") is not None]
    lower = f"try a smaller learning rate ({spelled('lr')}, now {lr:g})"
    if untrained_loss and losses and min(losses) > BLEW_UP * untrained_loss:
        ratio = min(losses) / untrained_loss
        times = f"{ratio:.1f}" if ratio < 10 else f"{ratio:,.0f}"
        return (f"every epoch's validation loss was far above it (the lowest, {min(losses):.5g}, is {times} times it): "
                f"training blew up; {lower}")
    first, last = history[0]["train_loss"], history[-1]["train_loss"]
    if len(history) > 1 and last - first > ROSE * abs(first):
        was, now = apart(first, last)
        return f"the training loss rose from {was} in epoch 1 to {now} in epoch {len(history)}; {lower}"
    if lr > TrainSettings.lr and untrained_loss and losses and losses[0] > OVERSHOT * untrained_loss:  # overshot (decision 2103)
        ratio = lr / TrainSettings.lr
        return (f"epoch 1's validation loss, {losses[0]:.5g}, rose above it at a learning rate "
                f"{f'{ratio:,.0f}' if ratio >= 10 else f'{ratio:.2g}'} times the default ({TrainSettings.lr:g}); {lower}")
    return alignment or larger(lr)


def apart(first: float, last: float) -> tuple[str, str]:
    """``first`` and ``last`` written with 5 significant digits, or as many more as they need to read apart (up to 17:
    two different floats then differ)."""
    for digits in range(5, 18):
        if f"{first:.{digits}g}" != f"{last:.{digits}g}":
            break
    return f"{first:.{digits}g}", f"{last:.{digits}g}"


def larger(lr: float) -> str:
    """The advice where the loss moved too little: a larger learning rate ``lr`` or more epochs and patience."""
    return (f"try a larger learning rate ({spelled('lr')}, now {lr:g}) or more epochs and patience "
            f"({spelled('epochs')}; {spelled('patience')})")


def thin_advice(thin: str, lr: float) -> str:
    """The advice where the validation split holds too few windows to tell the epochs apart (``thin``:
    ``cutting.few_val_windows``' clause), which fit gives in place of ``larger``'s alone (decision 1810)."""
    return f"{thin}; then {larger(lr)}"
