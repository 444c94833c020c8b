"""The loss figure's axes (``lossaxes.py``): whole epochs ticked from the first to the last with the kept one, and
the log scale of the losses (its figure-level tests are in test_plots.py, through ``plots.loss_figure``)."""

from __future__ import annotations

import pytest

from rnncast import lossaxes


@pytest.mark.parametrize("first, last, marked, ticks", [
    (1, 20, [20], [1, 5, 10, 15, 20]),  # gdp-run: 3, 6 ... 18 before
    (1, 15, [15], [1, 4, 6, 8, 10, 12, 15]),  # 2 and 14: a step from the ends, left out
    (1, 3, [2], [1, 2, 3]),
    (1, 37, [30], [1, 5, 10, 15, 20, 25, 30, 37]),
    (1, 100, [61], [1, 20, 40, 61, 80, 100]),
    (1, 1, [1], [1]),
    (3, 12, [], [3, 6, 8, 10, 12]),
    (1, 8, [5], [1, 2, 3, 4, 5, 6, 7, 8]),
    (1, 40, [39, 40], [1, 10, 20, 30, 40]),  # the demo's cells alone: "39" beside "40" read "3940" (a tester's find)
    (1, 60, [39, 40], [1, 10, 20, 30, 39, 50, 60]),  # two kept epochs a step apart: the first of them
    (1, 10, [9], [1, 4, 6, 9, 10]),  # few epochs: neighbours fit
])
def test_epoch_ticks_run_from_the_first_to_the_last_epoch_with_the_kept_one(first, last, marked, ticks):
    assert lossaxes.epoch_ticks(first, last, marked) == ticks


def test_epoch_ticks_are_few_for_any_length():
    for last in range(1, 3000, 7):
        ticks = lossaxes.epoch_ticks(1, last, [last // 2 + 1])
        assert ticks[0] == 1 and ticks[-1] == last and len(ticks) <= lossaxes.MAX_EPOCH_TICKS + 1, (last, ticks)


def test_round_steps_are_one_two_and_a_half_and_five_times_ten():
    assert list(lossaxes.round_steps(60)) == [1, 2, 5, 10, 20, 25, 50, 100]


def test_the_loss_legend_of_the_demo_s_three_cells_lies_inside_its_figure():
    """The sine demo's loss figure (8 inches, RNN, LSTM, GRU with the line styles and the kept epoch) had its legend
    in six columns 851 pixels wide on an 800-pixel figure, both ends cut off: the columns estimated from the labels'
    widths are checked against the legend drawn."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.5), layout="constrained")
    fig.add_subplot().plot([1, 2], [1, 2])
    lossaxes.loss_legend(fig, {"RNN": "C0", "LSTM": "C1", "GRU": "C2"}, validated=True, kept=True)
    assert fig.legends[0].get_window_extent().width <= fig.get_figwidth() * fig.dpi
