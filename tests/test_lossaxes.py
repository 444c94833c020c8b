"""The loss figure's axes (``lossaxes.py``): whole epochs ticked in regular steps, and the log scale of the losses (its figure-level tests are in test_plots.py, through ``plots.loss_figure``)."""

from __future__ import annotations

import pytest

from rnncast import lossaxes


def _ticks(first: int, last: int) -> list[int]:
    """The epoch ticks ``lossaxes.epoch_xaxis`` draws over epochs ``first`` .. ``last`` (those inside the view)."""
    from matplotlib.figure import Figure

    ax = Figure(figsize=(8, 4.5)).subplots()
    ax.plot(range(first, last + 1), range(first, last + 1))
    lossaxes.epoch_xaxis(ax, first, last)
    low, high = ax.get_xlim()
    return [int(t) for t in ax.get_xticks() if low <= t <= high]


@pytest.mark.parametrize("first, last, ticks", [
    (1, 20, [5, 10, 15, 20]),  # gdp-run: 3, 6 ... 18 before decision 492
    (1, 38, [5, 10, 15, 20, 25, 30, 35]),  # the demo's highway runs: 1, 10, 12, 20, 30, 38 (its kept epochs) before
    (1, 3, [1, 2, 3]),  # no epoch 0
    (1, 1, [1]),
    (3, 12, [4, 6, 8, 10, 12]),
    (1, 100, [20, 40, 60, 80, 100]),
])
def test_epochs_are_ticked_in_regular_whole_steps_within_the_epochs_drawn(first, last, ticks):
    """The demo's loss plots ticked the epochs kept and stopped at (1, 10, 12, 20, 30, 38), a scale of uneven steps
    (a tester's find, decision 684): whole epochs in round steps now, never an epoch 0."""
    assert _ticks(first, last) == ticks


def test_epoch_ticks_are_regular_and_few_for_any_length():
    for last in range(2, 3000, 7):
        ticks = _ticks(1, last)
        steps = {b - a for a, b in zip(ticks, ticks[1:])}
        assert len(steps) <= 1 and 1 <= len(ticks) <= 11 and ticks[0] >= 1 and ticks[-1] <= last, (last, ticks)
        assert not steps or int(str(steps.pop())[0]) in lossaxes.EPOCH_STEPS, (last, ticks)


def test_the_loss_legend_of_the_demo_s_three_cells_lies_inside_its_figure():
    """The sine demo's loss figure (8 inches, RNN, LSTM, GRU with the line styles and the kept epoch) had its legend
    in six columns 851 pixels wide on an 800-pixel figure, both ends cut off: the columns estimated from the labels'
    widths are checked against the legend drawn."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5), layout="constrained")
    fig.add_subplot().plot([1, 2], [1, 2])
    lossaxes.loss_legend(fig, {"RNN": "C0", "LSTM": "C1", "GRU": "C2"}, validated=True, kept=True)
    assert fig.legends[0].get_window_extent().width <= fig.get_figwidth() * fig.dpi
