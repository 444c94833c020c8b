"""What the demos say in words (``demotext.py``): the cells alone said from the numbers, the settings that differ
from the defaults, each budget that ran out. The demos that say them are tests/test_demo.py."""

from __future__ import annotations

import numpy as np

from rnncast import Forecaster, demopage, demotext
from rnncast.comparison import Comparison, compare


def test_the_paragraph_on_the_cells_alone_follows_the_numbers_not_a_belief():
    def rows(group, mses):
        return [demopage.DemoRow(name, 100, 10, 8, 0.1, mse, 0.1, 0.9, 0.01, 0.1, True, group, 0.0025)
                for name, mse in zip(("RNN", "LSTM", "GRU"), mses)]

    on, alone = rows("highway on", [0.0029, 0.0029, 0.0029]), rows("cells alone", [0.0050, 0.0030, 0.0040])
    tie = compare({"RNN": np.zeros((3, 1, 1)), "LSTM": np.zeros((3, 1, 1)), "GRU": np.zeros((3, 1, 1))}, 1, "highway on")
    lstm_wins = Comparison("cells alone", "LSTM", "With the cells alone, LSTM wins: ...",
                                [{"a": "RNN", "b": "LSTM", "differs": True}, {"a": "LSTM", "b": "GRU", "differs": True},
                                 {"a": "RNN", "b": "GRU", "differs": False}])
    made_of = {"highway on": "A + B + the cell's correction", "cells alone": "A + the cell's correction"}
    text = demotext.cells_alone_text(on + alone, [tie, lstm_wins], made_of, seed=3)
    assert "LSTM 1.20, GRU 1.60 and RNN 2.00 times the noise floor" in text
    assert "With the highway off, each forecast is A + the cell's correction: LSTM 1.20" in text
    assert "every forecast comes from the cell" not in text  # it came from the last value and the cell (388)
    assert "from seed 3 (--seed)" in text and "not the luck of training" in text and demotext.SEEDS_MEASURED in text
    assert "LSTM's lower MSE is beyond chance" in text and "GRU's lower" not in text
    assert "the highway hides how the cells differ" in text
    close = rows("cells alone", [0.00300, 0.00301, 0.00300])  # 0.3% apart: never "within 0% of each other"
    assert "less than 1% apart" in demotext.cells_alone_text(on + close, [tie, lstm_wins]) and "within 0%" not in text
    assert "RNN 1.16, LSTM 1.16 and GRU 1.16 times the noise floor, all equal" in text  # the same MSE: no "0%" either
    assert "within 67% of each other" in text  # LSTM 0.0030 to RNN 0.0050
    assert ("(GRU against LSTM: 1.22 against 1.32 at seed 0, 1.41 against 1.44 at seed 1, 1.32 against 1.30 at seed 2)"
            in demotext.SEEDS_MEASURED)  # the three pairs named, as rnncast demo --seed N --threads 1 gave them on 12-04
    alone_tie = Comparison("cells alone", None, "tie", [dict(p, differs=False) for p in lstm_wins.pairs])
    text = demotext.cells_alone_text(on + alone, [tie, alone_tie])
    assert "beyond chance against each other cell" not in text and "even the cells alone do not differ" in text


def test_the_settings_other_than_the_defaults_are_listed_exactly():
    assert demotext.non_default_settings(Forecaster().get_params()) == {}
    params = Forecaster(lookback=10, lr=1e-3, window_norm="none", highway=False).get_params()
    assert demotext.non_default_settings(params) == {"lookback": 10, "window_norm": "none", "highway": False, "lr": 1e-3}
    assert demotext.settings_text({"lookback": 10, "lr": 1e-3, "scaler": "minmax"}) == "lookback 10, lr 0.001, scaler minmax"


def test_a_demo_model_whose_budget_ran_out_is_explained_with_its_measured_fall():
    """The regression demo's fixed model printed "WARNING: the best epoch was the last (100 of 100) ... may be
    undertrained" and its page said nothing of it: the page and the printed findings now say how much its
    validation loss was still falling, as measured, and that the demo keeps one budget for every run."""
    from types import SimpleNamespace

    history = [{"epoch": e, "val_loss": 1.0 / e, "best": True} for e in range(1, 21)]
    ran_out = SimpleNamespace(history_=history, epochs=20)
    stopped = SimpleNamespace(history_=history[:12] + [{"epoch": 13, "val_loss": 1.0, "best": False}], epochs=20)
    said = demotext.budget_sentences({"fixed": ran_out, "early": stopped})
    assert len(said) == 1 and said[0].startswith("fixed: its validation loss was still falling when its 20 epochs ran "
                                                 "out (50% lower than 10 epochs before)")
    assert "may be undertrained" in said[0] and said[0].endswith("would bring this model's test MSE lower still.")
    slow = SimpleNamespace(history_=[{"epoch": e, "val_loss": 1.0 - 1e-4 * e, "best": True} for e in range(1, 21)], epochs=20)
    assert "(less than 1% lower than 10 epochs before)" in demotext.budget_sentences({"slow": slow})[0]  # not "0% lower"
    near = demotext.budget_sentences({"fixed": ran_out}, test_mse={"fixed": 0.0128}, floor=0.01)
    assert near[0].endswith("its test MSE, 0.0128, is already 1.28 times the noise floor (0.01, the MSE of the true "
                            "relation), so more epochs or a larger learning rate could lower it by at most the 0.0028 "
                            "between.")


def test_the_demo_says_a_budget_ran_out_by_fit_s_own_rule():
    """The demo kept its own "undertrained" rule beside fit's (``runhistory.still_improving``, decision 668); they
    differed where no validation rows were kept: fit warned of a training loss still falling, the demo said nothing
    (decision 685). One rule now, the loss the fit kept its weights by named."""
    from types import SimpleNamespace

    from rnncast.runhistory import still_improving

    trained = [{"epoch": e, "train_loss": 2.0 / e, "val_loss": None, "best": True} for e in range(1, 21)]
    said = demotext.budget_sentences({"no validation": SimpleNamespace(history_=trained, epochs=20)})
    assert still_improving(trained, 20) and len(said) == 1
    assert said[0].startswith("no validation: its training loss was still falling when its 20 epochs ran out (50% lower")
    for history, epochs in ((trained[:1], 1), (trained, 30), (trained[:19] + [dict(trained[19], best=False)], 20)):
        assert not still_improving(history, epochs) and not demotext.budget_sentences({"m": SimpleNamespace(
            history_=history, epochs=epochs)})  # one epoch; stopped early; the best not the last


def test_a_demo_model_that_kept_its_untrained_network_is_explained_in_words():
    """The demo's table showed "(0)" as a model's best epoch with no word of what it means; the findings (printed and
    on the page) now say it: no epoch improved on the untrained network's validation loss, and what that forecasts."""
    import copy

    from conftest import TINY, make_frame

    model = Forecaster(**TINY).fit(make_frame(200), target="y", time_col="date")
    kept = copy.copy(model)
    kept.history_ = [{**h, "best": False} for h in model.history_]
    said = demotext.untrained_sentences({"GRU (highway on)": kept, "LSTM (highway on)": model})
    assert len(said) == 1 and said[0].startswith(
        "GRU (highway on): best epoch 0 means that no epoch improved on the untrained network's validation loss, so "
        "the model kept its starting weights, which forecast the window's last value (the 'repeat the last value' "
        "baseline)")
    assert said[0].endswith("its scores are that forecast's, not what its cell learned (more epochs or a larger "
                            "learning rate may change that).")
    both = demotext.untrained_sentences({"GRU": kept, "RNN": kept})
    assert len(both) == 1 and both[0].startswith("GRU and RNN: best epoch 0 means that no epoch improved on the "
                                                 "untrained network's validation loss, so each model kept its starting "
                                                 "weights, which forecast the window's last value")
