"""``searchspace``: what tune searches, read from ``search`` (a name, names, or a dict of name -> space),
each space checked by shape and as its setting takes it, the fixed settings checked beside a lookback,
and the values drawn. tune's searches themselves are in test_tuning.py."""

from __future__ import annotations

import pytest

from rnncast.config import Settings
from rnncast.errors import RnncastError
from rnncast.searchspace import SEARCH, check_space, fixed_checked, in_space, suggest, what_is_searched

optuna = pytest.importorskip("optuna")


def test_a_name_names_or_a_dict_are_read_alike():
    assert what_is_searched("cell") == {"cell": None}
    assert what_is_searched(None) == dict.fromkeys(SEARCH)
    assert what_is_searched(["lr", "dropout"]) == {"lr": None, "dropout": None}
    assert what_is_searched({"lr": [1e-3, 1e-2], "cell": ("gru", "lstm"), "dropout": None}) == {
        "lr": (1e-3, 1e-2), "cell": ("gru", "lstm"), "dropout": None}
    import numpy as np

    read = what_is_searched({"hidden_size": np.array([16, 32]), "lr": (np.float64(1e-3), np.float32(1e-2))})
    assert read == {"hidden_size": (16, 32), "lr": (1e-3, pytest.approx(1e-2))}
    assert type(read["hidden_size"][0]) is int and type(read["lr"][0]) is float  # as Optuna records them


@pytest.mark.parametrize("search, said", [
    ("c", "cannot search 'c'"),
    ({"hidden": [8]}, "cannot search 'hidden' (did you mean 'hidden_size'?); searchable settings: cell, hidden_size"),
    (["num_layer"], "cannot search 'num_layer' (did you mean 'num_layers'?); searchable settings"),  # as the others say
    ({"epochs": (1, 3)}, "cannot search 'epochs'; searchable settings"),  # nothing near: no guess
    ({"lr": (1e-3,)}, "search's lr takes a range (low, high)"),
    ({"lr": ("a", "b")}, "search's lr takes a range (low, high)"),
    ({"dropout": (0.0, float("nan"))}, "search's dropout takes a range (low, high)"),
    ({"num_layers": (3, 1)},
     "search's num_layers takes a range (low, high) of whole numbers (default: (1, 3)), low <= high"),
    ({"lookback": 24}, "search's lookback takes a list of choices (default: [24, 48, 96, 168, 336]), got 24"),
])
def test_a_space_of_the_wrong_shape_is_refused_naming_what_is_accepted(search, said):
    with pytest.raises(RnncastError, match="^" + __import__("re").escape(said)):
        what_is_searched(search)


def test_each_end_and_choice_is_checked_as_its_setting_takes_it():
    base = Settings.from_flat({"lookback": 24})
    check_space({"hidden_size": (8, 16), "lr": (1e-5, 1e-1)}, {}, base)
    with pytest.raises(RnncastError, match=r"^search's hidden_size \[8, 0\]: hidden_size \(--hidden-size\) must be a positive integer"):
        check_space({"hidden_size": (8, 0)}, {}, base)
    with pytest.raises(RnncastError, match="^search's lookback \\[12, 30\\]: season 26 is longer than lookback 12"):
        check_space({"lookback": (12, 30)}, {"season": 26, "window_norm": "season"},
                    Settings.from_flat({"lookback": 30, "season": 26, "window_norm": "season"}))


def test_a_refusal_the_same_for_every_lookback_is_said_as_it_is():
    with pytest.raises(RnncastError, match=r"^lr \(--lr\) must be a positive finite number, got -1$"):
        fixed_checked({"lr": -1}, ["lookback"])
    with pytest.raises(RnncastError, match=r"^no lookback the search tries \(24, 48\) fits these settings: season 60"):
        fixed_checked({"season": 60, "window_norm": "season"}, ["lookback"], (24, 48))
    assert fixed_checked({"season": 30, "window_norm": "season"}, ["lookback"]).data.lookback == 48
    assert fixed_checked({"season": 30}, ["lookback"]).data.lookback == 24  # the baseline reads the rows before


def test_values_are_drawn_from_the_space_given_or_the_default():
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    trial = study.ask()
    assert 1e-3 <= suggest(trial, "lr", (1e-3, 2e-3)) <= 2e-3 and trial.distributions["lr"].log
    assert suggest(trial, "num_layers", None) in (1, 2, 3)
    assert suggest(trial, "cell", ("gru",)) == "gru"
    assert in_space("hidden_size", 64, None) and in_space("dropout", 0.0, None)
    assert not in_space("lr", 3e-4, (1e-3, 1e-2))


def test_a_cell_named_in_capitals_is_that_cell_and_one_cell_named_twice_is_refused():
    """tune's cell choices kept capitals as given: ['LSTM', 'lstm'] was two choices, both fitting an LSTM (fit reads
    'LSTM' as lstm, decision 962). Now a cell's name is read in any case, and one cell named twice is refused."""
    assert what_is_searched({"cell": ["LSTM", "GRU"]}) == {"cell": ("lstm", "gru")}
    with pytest.raises(RnncastError, match=r"^search's cell gives the choice 'lstm' \(given as 'LSTM' and 'lstm'\) "
                                           r"more than once; give each choice once$"):
        what_is_searched({"cell": ["LSTM", "gru", "lstm"]})
    assert what_is_searched({"cell": [" Gru ", "rnn"]}) == {"cell": ("gru", "rnn")}
    assert what_is_searched({"cell": ["LSTMx", "lstm"]}) == {"cell": ("LSTMx", "lstm")}  # refused at check


def test_cell_choices_are_read_as_fit_reads_the_cell():
    """search={"cell": ["LSTM", "gru"]} drew "LSTM" as a trial's cell, and ["LSTM", "lstm"] drew lstm twice as often."""
    assert what_is_searched({"cell": ["LSTM", " Gru"]}) == {"cell": ("lstm", "gru")}
    with pytest.raises(RnncastError, match=r"gives the choice 'lstm' \(given as 'LSTM' and 'lstm'\) more than once"):
        what_is_searched({"cell": ["LSTM", "lstm"]})


def test_lookbacks_scaled_to_the_data_are_multiples_of_the_season_and_none_leaving_enough_is_warned_of(caplog):
    """t35t6: 40 quarters and 64 years searched lookback 24 alone, which left 1 training window (decision 1811)."""
    from rnncast.searchspace import default_lookbacks

    with caplog.at_level("INFO", logger="rnncast"):
        assert default_lookbacks([64], {"horizon": 1, "season": 4}) == (4, 8, 12, 16)  # 64 years or quarters
        assert default_lookbacks([40], {"horizon": 4, "season": 4}) == (4,)  # t35t6's unemp40.csv: 8 leaves 19
        assert default_lookbacks([72], {"horizon": 3}) == (24,)  # today's choices where they fit: kept
        caplog.clear()
        assert default_lookbacks([12], {"horizon": 1}) == (4,)  # no lookback leaves 20: the year, said
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert said == ["no lookback leaves the 9 training rows the 20 windows below which fit warns of too few to learn "
                    "from; only lookback 4 is searched (5 windows); more rows or a shorter horizon give more (choose "
                    "others with search={'lookback': (1,4,8)}, --search lookback=1,4,8)"]


def test_the_too_short_refusal_names_the_lookbacks_these_settings_take():
    """t35t7 L6: with window_norm 'season' and season 52, 40 rows were "too short for any lookback of (24, 48, 96, 168,
    336) that these settings take", while 24 and 48 are refused for the season; the refusal names the default choices
    the settings take and the shortest lookback they take, which the search of short data tries up to (decisions 1811,
    1844); settings that take every lookback are said as before."""
    from rnncast.searchspace import default_lookbacks

    with pytest.raises(RnncastError, match=r"^12 rows are too few for any lookback that these settings take \(of the "
                                           r"default choices \(24, 48, 96, 168, 336\) they take 96, 168, 336, and none "
                                           r"shorter than 52\); give lookback=, --lookback to fix one$"):
        default_lookbacks([12], {"horizon": 4, "season": 52, "window_norm": "season"})
    with pytest.raises(RnncastError, match=r"they take none, and none shorter than 5\)"):
        default_lookbacks([12], {"horizon": 4, "segment": 5})
    with pytest.raises(RnncastError, match=r"^12 rows are too few for any lookback of \(24, 48, 96, 168, 336\) or "
                                           r"shorter that these settings take; give"):
        default_lookbacks([12], {"horizon": 4})

def test_one_short_series_in_long_data_is_refused_by_name_not_given_tiny_lookbacks(caplog):
    """Decision 1811 searched 4, 8, 12, 16 (or 21 alone at season 24) on 60,000 hourly rows whose one series had 36,
    saying "no lookback of 24, ... leaves the 42025 training rows as many windows as its length" (r35r3 finding 2).
    Scaled lookbacks are for data short as a whole; one short series is named, as before 1811 (decision 1848)."""
    from rnncast.searchspace import default_lookbacks, searched_lookbacks

    for fixed in ({"horizon": 4}, {"horizon": 4, "season": 24}):
        with pytest.raises(RnncastError, match=r"^the shortest series, 'b' \(36 rows\), is too short for any lookback "
                                               r"of \(24, 48, 96, 168, 336\) or shorter .*leaves the series too short"):
            searched_lookbacks([20000] * 3 + [36], fixed, shortest="'b' (36 rows)")
    with caplog.at_level("INFO", logger="rnncast"):
        assert default_lookbacks([36, 35], {"horizon": 4}) == (4, 8)  # no series takes 24: the data is short
    assert "leaves the 49 training rows as many windows" in caplog.text
    with pytest.raises(RnncastError, match=r"^the shortest series, 'b' \(36 rows\)"):
        default_lookbacks([40, 36], {"horizon": 4}, shortest="'b' (36 rows)")  # 40 rows take 24


def test_scaled_lookbacks_split_each_length_once_per_candidate(monkeypatch):
    """Every lookback from 1 to the shortest series' length was counted, each re-splitting every series: 7.5 s on
    50,000 series of 36 rows. Now only the candidates are counted, and series of one length are split once."""
    from rnncast import searchspace, shortlookbacks

    calls = []
    real = searchspace.chronological_split
    for module in (searchspace, shortlookbacks):  # the counts moved to shortlookbacks.windows_left
        monkeypatch.setattr(module, "chronological_split", lambda n, *a: calls.append(n) or real(n, *a))
    assert searchspace.default_lookbacks([36] * 1000 + [35] * 1000, {"horizon": 4}) == (4, 8, 12, 16)
    assert len(calls) <= 2 * (len(searchspace.LOOKBACKS) + 5) + len(searchspace.LOOKBACKS)


def test_a_season_longer_than_every_default_lookback_is_searched_where_the_data_leave_it_enough_windows(caplog):
    """t36t6: tune --season 365 on three years of 10 daily sites searched lookbacks up to 336, none seeing a year
    (decision 1929)."""
    from rnncast.searchspace import default_lookbacks

    assert default_lookbacks([1096] * 10, {"horizon": 90, "season": 365}) == (24, 48, 96, 168, 336, 365)
    assert default_lookbacks([1096] * 10, {"horizon": 90, "season": 7}) == (24, 48, 96, 168, 336)
    with caplog.at_level("INFO", logger="rnncast"):  # one series: 313 windows of 365 rows, fewer than its length
        assert default_lookbacks([1096], {"horizon": 90, "season": 365}) == (24, 48, 96, 168, 336)
    assert "not 365 (" in caplog.records[-1].getMessage()
