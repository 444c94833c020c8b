"""Models against each other (``comparison.py``): pairwise two-sided Diebold–Mariano tests,
Holm-corrected, and the sentence that names a winner only when it beats every other model
beyond chance, and otherwise says which tie."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast.comparison import compare, decide, holm, listing, pair_table, percent_apart


def errors(sd: float, n: int = 400, seed: int = 0) -> np.ndarray:
    """Forecast errors [W, 1, 1] of standard deviation ``sd``."""
    return np.random.default_rng(seed).normal(0.0, sd, (n, 1, 1))


def test_a_clearly_better_model_is_named_with_its_p_values():
    result = compare({"RNN": errors(1.0, seed=1), "LSTM": errors(1.0, seed=2), "GRU": errors(0.5, seed=3)}, 1, "cells alone")
    assert result.winner == "GRU"
    assert result.sentence.startswith("With the cells alone, GRU wins: its test MSE")
    assert "beyond chance" in result.sentence and "Holm-adjusted two-sided Diebold–Mariano p = " in result.sentence
    pairs = {(p["a"], p["b"]): p for p in result.pairs}
    assert pairs[("RNN", "GRU")]["lower"] == "GRU" and pairs[("RNN", "GRU")]["differs"]
    assert not pairs[("RNN", "LSTM")]["differs"]  # two models of the same error do not differ
    same = compare({"RNN": errors(1.0, seed=1), "GRU": errors(0.5, seed=3)}, 1, "cells alone",
                   alike="the same settings (window_norm='last')")  # what the models share, said with the verdict
    assert same.sentence.startswith("With the cells alone and the same settings (window_norm='last'), GRU wins: ")


def test_a_difference_that_rounds_to_no_percent_is_said_as_less_than_one():
    assert percent_apart(12.4) == "12%" and percent_apart(0.3) == "less than 1%" and percent_apart(0.0) == "0%"
    assert percent_apart(0.4) == "less than 1%" and percent_apart(-0.2) == "less than 1%"
    # one rule, half up as the decimals read: round() and '.0f' gave 2.5 -> '2%' and 3.5 -> '4%', 0.5 -> 'less than 1%'
    assert [percent_apart(p) for p in (0.5, 2.5, 3.5, 2.675, 2.4999)] == ["1%", "3%", "4%", "3%", "2%"]


def test_gaps_that_round_to_the_same_percent_are_said_once():
    """README's sine comparison printed '3% lower than gru's 0.004925 and lstm's 0.004953' (gaps 2.52% and 3.05%),
    while the README said '2% to 3%': each gap is 3% to the whole percent, said once; gaps apart are said one clause each (a tester read "less than 1% to 1% lower than ...")."""
    pairs = [{"a": "rnn", "b": r, "differs": True, "p_holm": 1e-8} for r in ("gru", "lstm")]
    _, sentence = decide({"lstm": 0.004953, "gru": 0.004925, "rnn": 0.004801542}, pairs, "480 test windows")
    assert "its test MSE 0.004802 is 3% lower than gru's 0.004925 and lstm's 0.004953 beyond" in sentence
    _, apart = decide({"lstm": 0.004953, "gru": 0.004900, "rnn": 0.004801542}, pairs, "480 test windows")
    assert "is 2% lower than gru's 0.0049 and 3% lower than lstm's 0.004953 beyond" in apart
    three = [{"a": "gru", "b": r, "differs": True, "p_holm": 1e-8} for r in ("syn-gru", "syn-lstm", "rnn")]
    _, close = decide({"gru": 4.357, "syn-gru": 4.371, "syn-lstm": 4.394, "rnn": 4.40}, three, "g")
    assert ("its test MSE 4.357 is less than 1% lower than syn-gru's 4.371 and 1% lower than syn-lstm's 4.394 and "
            "rnn's 4.4 beyond chance") in close


def test_models_of_the_same_error_tie_and_no_winner_is_named():
    result = compare({"RNN": errors(1.0, seed=1), "LSTM": errors(1.0, seed=2), "GRU": errors(1.0, seed=3)}, 1, "highway on")
    assert result.winner is None
    assert result.sentence.startswith("With the highway on, RNN, LSTM and GRU tie: no pair differs beyond chance")
    assert "wins" not in result.sentence
    assert all(not p["differs"] and 0 <= p["p"] <= p["p_holm"] <= 1 for p in result.pairs)


def test_identical_errors_tie_rather_than_fail():
    same = errors(1.0)
    result = compare({"A": same, "B": same.copy()}, 1, "g")
    assert result.winner is None and result.pairs[0]["p"] == 1.0 and "A and B tie" in result.sentence


def test_two_good_models_that_tie_with_each_other_name_no_winner_but_say_who_is_worse():
    good = errors(0.5, seed=1)
    result = compare({"RNN": errors(1.0, seed=2), "LSTM": good + errors(0.01, seed=3), "GRU": good + errors(0.01, seed=4)},
                     1, "cells alone")
    assert result.winner is None
    assert "no single model wins" in result.sentence and "tie for the lowest test MSE" in result.sentence
    assert "RNN's" in result.sentence and "higher than" in result.sentence


def test_a_small_edge_beyond_chance_alone_is_not_enough_after_the_correction():
    """With three pairs, a raw p just under 0.05 is not beyond chance once Holm has adjusted it."""
    assert holm([0.04, 0.5, 0.9]) == pytest.approx([0.12, 1.0, 1.0])
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])  # step-down: never below the one before


def test_the_pair_table_has_a_row_per_pair_and_listing_joins_names():
    result = compare({"A": errors(1.0, seed=1), "B": errors(2.0, seed=2), "C": errors(3.0, seed=3)}, 1, "g")
    head, *rows = pair_table(result)
    assert head[0] == "pair" and [r[0] for r in rows] == ["A vs B", "A vs C", "B vs C"]
    assert listing(["a"]) == "a" and listing(["a", "b"]) == "a and b" and listing(["a", "b", "c"]) == "a, b and c"


def test_values_left_out_are_out_of_the_mse_and_the_test_and_the_measure_is_named():
    """``keep`` (the values every model scores) and ``times`` reach the test; ``measure`` names the MSE in the sentence."""
    good, bad = errors(0.5, seed=3), errors(1.0, seed=1)
    bad[:10] = 100.0  # a stretch no model is scored on
    keep = np.ones(good.shape, dtype=bool)
    keep[:10] = False
    result = compare({"A": bad, "B": good}, 1, "g", keep=keep, times=np.arange(len(good)), measure="validation MSE")
    assert result.winner == "B" and "B wins: its validation MSE" in result.sentence
    assert f"A's {np.mean(bad[10:] ** 2):.4g}" in result.sentence  # the MSE of the kept values only
    unmasked = compare({"A": bad, "B": good}, 1, "g")
    assert unmasked.pairs[0]["statistic"] != result.pairs[0]["statistic"]


def test_a_p_value_double_precision_leaves_at_0_is_said_below_1e_16():
    """``p = 0`` read as certainty; evaluate's verdict says ``p < 1e-16`` (``verdicts.p_text``), and so does this."""
    far, near = errors(0.01, n=2000, seed=1), errors(1.0, n=2000, seed=2)
    result = compare({"A": far, "B": near}, 1, "g")
    assert result.pairs[0]["p_holm"] < 1e-16
    assert result.sentence.endswith("beyond chance (Holm-adjusted two-sided Diebold–Mariano p < 1e-16).")
    three = compare({"A": far, "B": near, "C": errors(0.9, n=2000, seed=3)}, 1, "g")
    assert three.sentence.endswith("(Holm-adjusted two-sided Diebold–Mariano p < 1e-16 and p < 1e-16).") and "p = 0" not in three.sentence


def test_two_identical_leaders_tie_at_p_equal_to_one_not_at_least_one():
    good = errors(0.5, seed=1)
    result = compare({"RNN": errors(1.0, seed=2), "LSTM": good, "GRU": good.copy()}, 1, "cells alone")
    assert "tie for the lowest test MSE (Holm-adjusted two-sided Diebold–Mariano p = 1)" in result.sentence


def test_a_p_value_near_1_is_never_printed_as_1_in_the_sentence_or_the_table():
    """Two models whose squared errors differ by a sum of almost 0: p 0.99999 was said "p ≥ 1" and tabled "1" (.2g)."""
    base = errors(1.0, seed=1)
    other = base.copy()
    other[[0, 1]] = base[[1, 0]] * np.array([1 + 1e-6, 1.0])[:, None, None]  # two errors swapped, one nudged a millionth
    result = compare({"A": base, "B": other}, 1, "g")
    pair = result.pairs[0]
    assert 0.99 < pair["p"] < 1 and 0.99 < pair["p_holm"] < 1
    assert "(Holm-adjusted two-sided Diebold–Mariano p > 0.99)" in result.sentence and "p ≥ 1" not in result.sentence
    row = pair_table(result)[1]
    assert row[3] == row[4] == "> 0.99"
    pair["p"] = pair["p_holm"] = 1.0  # exactly 1 (identical errors) is said as such
    assert pair_table(result)[1][3:5] == ["1", "1"]


def test_models_that_each_tie_with_the_best_but_differ_with_each_other_are_not_called_a_tie():
    """lstm lowest, tied with gru and with rnn, while rnn and gru differ beyond chance: the sentence said "lstm, gru
    and rnn tie for the lowest MSE (p ≥ 3.5e-05); ." (a tester's find): a tie quoting the p that says they differ, and
    a stray "; ." where no model was higher than the best beyond chance."""
    from rnncast.comparison import decide

    mse = {"lstm": 0.0030, "gru": 0.0031, "rnn": 0.0042}
    pairs = [{"a": "lstm", "b": "gru", "p_holm": 0.6, "differs": False},
             {"a": "lstm", "b": "rnn", "p_holm": 0.09, "differs": False},
             {"a": "gru", "b": "rnn", "p_holm": 3.5e-05, "differs": True}]
    winner, sentence = decide(mse, pairs, "g")
    assert winner is None
    assert sentence == ("With the g, no single model wins: lstm has the lowest test MSE, 0.003, but it is not apart "
                        "beyond chance from gru's 0.0031 or rnn's 0.0042 (Holm-adjusted two-sided Diebold–Mariano p ≥ 0.09); "
                        "gru's 0.0031 is lower than rnn's 0.0042 beyond chance (p = 3.5e-05).")
    tied = [dict(p, differs=False, p_holm=0.5) if p["a"] == "gru" else p for p in pairs]  # no pair differs among the top
    assert decide(mse, tied + [], "g")[1] == ("With the g, lstm, gru and rnn tie: no pair differs beyond chance "
                                              "(Holm-adjusted two-sided Diebold–Mariano p ≥ 0.09).")
    worse = [{"a": "lstm", "b": "gru", "p_holm": 0.6, "differs": False},
             {"a": "lstm", "b": "rnn", "p_holm": 0.001, "differs": True},
             {"a": "gru", "b": "rnn", "p_holm": 0.002, "differs": True}]
    assert decide(mse, worse, "g")[1] == (
        "With the g, no single model wins: lstm and gru tie for the lowest test MSE (Holm-adjusted two-sided Diebold–Mariano "
        "p = 0.6); rnn's 0.0042 is higher than lstm's beyond chance (p = 0.001).")


def test_a_winner_is_said_with_how_much_lower_its_mse_is():
    """Beyond chance says a gap is real, not that it matters: the sentence gives its size (tester t23t1 read
    "rnn wins ... p = 0.00048" over MSEs 0.1732 and 0.1738 as "RNN is better than LSTM")."""
    pairs = [{"a": "rnn", "b": "lstm", "differs": True, "p_holm": 0.0005},
             {"a": "rnn", "b": "gru", "differs": True, "p_holm": 0.0004},
             {"a": "lstm", "b": "gru", "differs": False, "p_holm": 0.9}]
    winner, sentence = decide({"rnn": 0.1732, "lstm": 0.1738, "gru": 0.1739}, pairs, "cells alone")
    assert winner == "rnn"
    assert "its test MSE 0.1732 is less than 1% lower than lstm's 0.1738 and gru's 0.1739 beyond chance" in sentence
    winner, sentence = decide({"rnn": 0.1, "lstm": 0.2, "gru": 0.111}, pairs, "cells alone")
    assert "its test MSE 0.1 is 10% lower than gru's 0.111 and 50% lower than lstm's 0.2 beyond chance" in sentence


def test_a_verdict_that_ranks_a_model_which_kept_its_untrained_network_says_so_in_the_sentence():
    """compare's verdict ranked a model whose best epoch was 0 ("RNN's 1.01 is higher than GRU's beyond chance") with a
    note above it only: read alone, the verdict said it of the cell. The sentence now says so, whether the model wins,
    ties or loses; one that trained is not named."""
    winner = compare({"RNN": errors(1.0, seed=1), "GRU": errors(0.5, seed=3)}, 1, "cells alone", untrained=["GRU"])
    assert winner.winner == "GRU" and winner.sentence.startswith("With the cells alone, GRU wins: ")
    assert winner.sentence.endswith(
        "). GRU kept its untrained network (best epoch 0: no epoch improved on the untrained network's validation "
        "loss): its place in this verdict is that of the forecast its network starts from, not of what its cell "
        "learned.")
    tie = compare({"RNN": errors(1.0, seed=1), "LSTM": errors(1.0, seed=2), "GRU": errors(1.0, seed=4)}, 1, "x",
                  untrained=["LSTM", "RNN"])
    assert tie.winner is None and tie.sentence.endswith(
        " RNN and LSTM kept their untrained networks (best epoch 0: no epoch improved on the untrained network's "
        "validation loss): their places in this verdict are those of the forecasts their networks start from, not "
        "of what their cells learned.")
    assert "untrained" not in compare({"RNN": errors(1.0, seed=1), "GRU": errors(0.5, seed=3)}, 1, "x").sentence


def test_pairs_of_one_forecast_time_are_untested_not_a_tie_at_p_1_and_the_table_says_so():
    """A tester's 23 windows of one cutoff: compare said "tie ... p = 1" where fit and evaluate said no test could
    be made (decision 1886)."""
    times = np.zeros(23, dtype=int)  # every window forecast from one time
    result = compare({"fitc": errors(0.5, n=23, seed=1), "fitg": errors(1.0, n=23, seed=2), "fit8": errors(1.0, n=23, seed=3)},
                     1, "23 test windows every model forecasts", times=times, measure="scaled test MSE")
    assert result.winner is None and "tie" not in result.sentence.replace("none is said to tie", "")
    assert "p = 1" not in result.sentence and "(no Diebold–Mariano test could be made: 1 forecast time, and it needs 2)" in result.sentence
    assert result.sentence.startswith("With the 23 test windows every model forecasts, fitc has the lowest scaled test MSE")
    for pair in result.pairs:
        assert pair["p"] != pair["p"] and pair["p_holm"] != pair["p_holm"] and not pair["differs"]
        assert pair["no_test"] == "1 forecast time, and it needs 2"
    rows = pair_table(result)[1:]
    assert all(row[2:] == ["-", "no test", "no test", "not tested"] for row in rows)
    loaded = {**result.pairs[0], "statistic": None, "p": None, "p_holm": None}  # as --json writes it
    result.pairs[0] = loaded
    assert pair_table(result)[1][2:] == ["-", "no test", "no test", "not tested"]  # no TypeError on None
    tested = compare({"A": errors(1.0, seed=1), "B": errors(1.0, seed=2)}, 1, "g")
    assert tested.pairs[0]["no_test"] is None and tested.pairs[0]["p"] == tested.pairs[0]["p"]
