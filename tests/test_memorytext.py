"""What the memory demo says (``memorytext.py``): its table of each cell at each lag, and the lesson said from the
measured numbers, the gates' advantage only where the numbers show it."""

from __future__ import annotations

from rnncast import memorytext
from rnncast.demopage import DemoRow
from rnncast.memorytext import Learned


def _entry(lag: int, name: str, epoch, r2: float = 0.98, epochs: int = 80, best: int = 70) -> Learned:
    row = DemoRow(name, 100, epochs, best, 0.1, 1 - r2, 0.5, r2, 2.0, 1.0, bool(epoch), f"lag {lag}", 0.01)
    return Learned(lag, row, epoch, 80)


def _run(short: tuple, long: tuple) -> list[Learned]:
    return ([_entry(5, n, e) for n, e in zip(("RNN", "LSTM", "GRU"), short)]
            + [_entry(25, n, e, r2=0.98 if e else 0.0) for n, e in zip(("RNN", "LSTM", "GRU"), long)])


def test_the_table_says_when_each_cell_learned_or_that_it_did_not():
    head, *rows = memorytext.lag_table(_run((2, 15, 20), (None, 30, 43)))
    assert head == ["lag", "model", "learned at epoch", "test R²", "test MSE", "epochs run (kept)"]
    assert rows[0][:3] == ["5", "RNN", "2"] and rows[3][:3] == ["25", "RNN", "not in 80"] and rows[3][3] == "0.0000"
    untrained = _entry(25, "RNN", None, best=0)
    assert memorytext.lag_table([untrained])[1][-1] == "80 (0: untrained)"


def test_the_lesson_names_the_vanishing_gradient_only_where_the_rnn_failed_or_lagged_behind_the_gates():
    failed = memorytext.lesson(_run((2, 15, 20), (None, 30, 43)))
    assert "At lag 5, RNN learned the echo at epoch 2, LSTM learned the echo at epoch 15" in failed
    assert "RNN did not learn it in 80 epochs" in failed and "vanishing gradient" in failed
    assert "while LSTM and GRU learned the echo" in failed
    assert "the plain RNN learned as soon as the gated cells, or sooner (epoch 2, against 15 and 20)" in failed
    assert "LSTM at lag 5" in failed and "sat on one for more than 10 epochs" in failed
    later = memorytext.lesson(_run((2, 15, 20), (50, 30, 43)))
    assert "the plain RNN learned too, but later than LSTM and GRU" in later and "vanishing gradient" in later
    same = memorytext.lesson(_run((20, 15, 10), (25, 30, 43)))
    assert "the gates' advantage does not show" in same and "vanishing" not in same
    assert "learned as soon as" not in same and "At lag 5 every cell learned the echo." in same
    none = memorytext.lesson(_run((2, 15, 20), (None, None, None)))
    assert "no cell learned the echo within its budget" in none and "vanishing" not in none


def test_the_long_lags_lesson_says_where_the_rnn_learned_between_the_gated_cells_or_alone():
    """r35r1 7: RNN@30, LSTM@20, GRU@40 was said as "the plain RNN learned no later than LSTM and GRU" (LSTM learned 10
    epochs sooner), and an RNN that alone learned as "no later than the gated cells". Each case is said as its numbers
    are (decision 1817)."""
    between = memorytext.lesson(_run((2, 15, 20), (30, 20, 40)))
    assert ("At lag 25 the plain RNN learned the echo at epoch 30, later than LSTM (epoch 20) but no later than GRU "
            "(epoch 40): on this run the gated cells do not agree") in between
    assert "vanishing" not in between and "no later than LSTM" not in between
    alone = memorytext.lesson(_run((2, 15, 20), (30, None, None)))
    assert ("At lag 25 the plain RNN alone learned the echo (at epoch 30), where LSTM did not learn it in 80 epochs and "
            "GRU did not learn it in 80 epochs: on this run the gates' advantage does not show.") in alone
    assert "no later than" not in alone and "vanishing" not in alone
    before = memorytext.lesson(_run((2, 15, 20), (30, 40, None)))
    assert ("the plain RNN learned the echo at epoch 30, no later than LSTM (epoch 40) and GRU (which did not learn it "
            "in 80 epochs): on this run the gates' advantage does not show.") in before
    one = memorytext.lesson(_run((2, 15, 20), (30, 20, None)))
    assert "later than LSTM (epoch 20) but no later than GRU (which did not learn it in 80 epochs)" in one


def test_the_lesson_says_the_seed_every_network_was_trained_from():
    assert "from seed 3 (--seed)" in memorytext.lesson(_run((2, 3, 4), (None, 30, 43)), seed=3)


def test_the_noise_floor_sentence_gives_the_training_means_measured_test_mse_at_each_lag():
    said = memorytext.floor_sentence(0.01, {5: 1.11346, 25: 1.1208})
    assert "expected MSE of 0.01" in said and "scores 1.113 at lag 5 and 1.121 at lag 25 on the test rows" in said
