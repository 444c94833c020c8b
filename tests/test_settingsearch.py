"""The settings nearest those given at which a need fits (``settingsearch.py``): found as each refusal offers them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.loading import load_panel
from rnncast.settingsearch import SHARES, longest, nearest, offer, offers, series, settings_that_fit
from rnncast.windows import rows_needed

NOW = {"lookback": 96, "horizon": 24, "val_frac": 0.1}


def _need(lookback, horizon, val_frac):
    return rows_needed(lookback, horizon, val_frac, 0.0)


def _fits(have: int):
    return lambda **settings: (n := _need(**settings)) is not None and n <= have


def test_a_size_is_the_largest_below_the_one_given_that_fits_and_one_above_it_fails():
    for have in (60, 100, 130):
        fits = _fits(have)
        for name in ("lookback", "horizon"):
            v = nearest(name, NOW, fits)
            if v is not None:
                assert v < NOW[name] and fits(**{**NOW, name: v}) and not fits(**{**NOW, name: v + 1})


def test_a_share_is_the_nearest_the_one_given_that_fits_and_none_nearer_does():
    fits = _fits(150)
    x = nearest("val_frac", NOW, fits)
    assert x in SHARES and x != NOW["val_frac"] and fits(**{**NOW, "val_frac": x})
    nearer = [y for y in SHARES if abs(y - 0.1) < abs(x - 0.1) and y != 0.1]
    assert not any(fits(**{**NOW, "val_frac": y}) for y in nearer)


def test_nothing_fits_no_value_is_offered():
    assert nearest("lookback", NOW, lambda **_: False) is None
    assert nearest("val_frac", NOW, lambda **_: False) is None
    assert offers(NOW, lambda **_: False) == []


def test_where_none_alone_fits_a_share_with_a_size_is_offered_and_fits():
    # the validation rows hold no horizon at any lookback; a larger share with a shorter lookback does
    have = 60
    fits = _fits(have)
    assert all(nearest(name, NOW, fits) is None for name in NOW)
    said = offers(NOW, fits)
    assert len(said) == 1 and said[0].startswith("val_frac ") and " with " in said[0]
    share, size = float(said[0].split()[1]), said[0].split(" with ")[1].split()
    assert fits(**{**NOW, "val_frac": share, size[0]: int(size[1])})


def test_sizes_are_whole_numbers_and_shares_as_written():
    assert offer("lookback", 2_000_000).startswith("lookback 2000000 (")  # not 2e+06
    assert offer("val_frac", 0.05).startswith("val_frac 0.05 (")


def test_the_text_names_the_series_and_the_settings_that_fit_it():
    said = settings_that_fit(200, _need, NOW, "the series (200 rows)")
    assert said == ("; the series (200 rows) fits horizon 20 (horizon=20, --horizon 20) or val_frac 0.12 "
                    "(val_frac=0.12, --val-frac 0.12)")
    assert settings_that_fit(1, _need, NOW, "the series (1 rows)") == ""


def test_a_series_is_named_by_its_id_or_alone_without_one():
    frame = pd.DataFrame({"date": list(pd.date_range("2024-01-01", periods=5, freq="D")) * 2,
                          "unit": ["a"] * 5 + ["b"] * 5, "y": np.arange(10.0)})
    many = load_panel(frame.iloc[:8], time_col="date", target="y", id_col="unit")
    assert longest(many, 0) == "the longest series ('a', 5 rows)"
    assert series(many, 1, "series with the most rows up to the cutoff", "2 up to it, 1 after") == (
        "the series with the most rows up to the cutoff ('b', 2 up to it, 1 after)")
    one = load_panel(frame.iloc[:5].drop(columns="unit"), time_col="date", target="y")
    assert longest(one, 0) == "the series (5 rows)"


def test_a_share_that_leaves_few_windows_says_so_or_gives_way_to_a_lookback():
    """A share offered beside the lookback that leaves enough training windows is left out; offered alone, it says how
    few it leaves (decision 1807): advice that leads into the next warning is no advice."""
    now = {"lookback": 50, "horizon": 1, "val_frac": 0.1, "test_frac": 0.2}
    windows = lambda lookback, val_frac=0.1, test_frac=0.2: max(round(60 * (1 - val_frac - test_frac)) - lookback, 0)  # noqa: E731
    fits = lambda lookback, horizon, val_frac, test_frac: windows(lookback, val_frac, test_frac) >= 1  # noqa: E731
    said = offers(now, fits, windows)
    assert said[0].startswith("lookback ") and not any(s.startswith(("val_frac", "test_frac")) for s in said)
    alone = offers({k: v for k, v in now.items() if k != "horizon"}, lambda **s: s["val_frac"] < 0.1 or s["test_frac"] < 0.2,
                   windows)
    assert any(s.startswith("test_frac 0.19 ") and s.endswith("at lookback 50, under the 20 below which fit warns of too "
                                                               "few to learn from") for s in alone)


def test_a_share_paired_with_a_lookback_takes_one_that_leaves_windows_and_says_how_many():
    """t41-t2 M3 (decision 2253): "val_frac 0.16 with lookback 17" left 1 training window; the pair now takes the
    largest lookback that leaves 20, else one no longer than the horizon, and says the windows it leaves."""
    fits = lambda **s: s["lookback"] <= 17 and s["val_frac"] >= 0.16  # noqa: E731
    count = lambda lookback, val_frac=0.1: 23 - lookback - 6 + 1  # noqa: E731
    now = {"lookback": 50, "horizon": 6, "val_frac": 0.1}
    assert offers(now, fits, count) == ["val_frac 0.16 with lookback 6 (val_frac=0.16, --val-frac 0.16; lookback=6, "
                                        "--lookback 6), which leaves the model 12 training windows"]
    assert offers(now, fits) == ["val_frac 0.16 with lookback 17 (val_frac=0.16, --val-frac 0.16; lookback=17, "
                                 "--lookback 17)"]  # nothing counts the windows: the largest, as before
    roomy = lambda lookback, val_frac=0.1: 60 - lookback  # noqa: E731
    assert offers(now, fits, roomy)[0].startswith("val_frac 0.16 with lookback 17 ")  # 43 windows: the largest
