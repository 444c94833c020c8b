"""The words of the interruption rule's lines (``interruptionlines.py``, decisions 2053, 2087, 2088, 2090, 2154,
2198)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.interruptionlines import line, unread_line
from rnncast.loading import load_panel


def _panel(ids=("a",)):
    frame = pd.concat([pd.DataFrame({"date": pd.date_range("2022-01-01", periods=40, freq="D"), "id": i,
                                     "y": np.arange(40.0) + 1}) for i in ids])
    return load_panel(frame, target="y", id_col="id" if len(ids) > 1 else None, announce=False)


def _stretch(low, high, training=7, series=0, owner=None, scale=20.0):
    return {"series": series, "owner": owner, "column": "y", "start": "2023-02-05", "end": "2023-02-11", "rows": 7,
            "span": (10, 16), "training_rows": training, "validation_rows": 0, "later_rows": 7 - training,
            "low": low, "high": high, "scale": scale, "scale_without": 10.0, "mean": 110.0, "mean_without": 100.0,
            "season": 7}


def test_a_drop_is_an_interruption_and_a_surge_a_surge():
    panel = _panel()
    drop = line(panel, [_stretch(0.1, 0.3)])
    assert drop.startswith("column 'y' runs at 10-30 % of its level from 2023-02-05 to 2023-02-11 (7 rows, all of")
    assert "an interruption (a closure, an outage, a pandemic)?" in drop and "surge" not in drop
    surge = line(panel, [_stretch(2.76, 3.26)])
    assert surge.startswith("column 'y' runs at 2.8-3.3 times its level from 2023-02-05 to 2023-02-11 (7 rows, all of")
    assert "and comes back: a surge (a promotion, an epidemic's wave, a sensor stuck high)?" in surge
    assert "interruption" not in surge and "raise MASE's scale" in surge and "2.00 times" in surge
    assert "blank those rows" in surge and "future covariate" in surge
    assert "3.0 times its level" in line(panel, [_stretch(3.01, 3.04)])


def test_a_stretch_that_lowers_masess_scale_is_not_said_to_raise_it():
    """Decision 2134: a sensor stuck flat at twice its level lowers the scale (its pairs differ by 0), yet the line
    said "raise MASE's scale 0.98 times ... so every MASE reads lower"."""
    panel = _panel()
    flat = line(panel, [_stretch(2.02, 2.07, scale=9.2)])
    assert "raise" not in flat and "its rows before the cutoff lower MASE's scale (their mean difference one " \
        "season (7 rows) apart) to 0.92 times: 9.2 with the stretch's pairs, 10 without, so every MASE reads higher; " \
        "the training mean moves +10%" in flat
    assert "MASE's scale (" not in line(panel, [_stretch(2.02, 2.07, scale=10.0)])
    both = line(_panel(("a", "b")), [_stretch(2.0, 2.1, scale=9.2, owner="series 'a'"),
                                     _stretch(2.0, 2.1, series=1, scale=15.0, owner="series 'b'")])
    assert "raise MASE's scale" in both and "1.50 times" in both and "reads lower" in both


def test_a_scale_ratio_that_rounds_to_one_is_said_as_unchanged_not_as_1_00_times():
    """Decision 2154: a surge whose training rows moved the scale by 0.4 % was said to "lower MASE's scale ... to 1.00
    times: 10.2342 with the stretch's pairs, 10.273 without, so every MASE reads higher", and a mean moved by 0.2 %
    "moves +0%"."""
    panel = _panel()
    for scale in (10.04, 9.96):
        said = line(panel, [{**_stretch(2.0, 2.1, scale=scale), "mean": 100.2}])
        assert "1.00 times" not in said and "raise" not in said and "lower MASE" not in said and "+0%" not in said
        assert f"its rows before the cutoff leave MASE's scale as good as unchanged (their mean difference one " \
            f"season (7 rows) apart: {scale:g} with the stretch's pairs, 10 without, under 0.5 % apart); the training " \
            "mean moves by under 0.5%; to keep them out" in said
    assert "to 0.99 times" in line(panel, [_stretch(2.0, 2.1, scale=9.94)])


def test_a_group_whose_stretches_move_the_scale_both_ways_is_said_by_the_one_that_moves_it():
    """r40-1 M1 (decision 2198): a +0.3 % raise spoke for a group where another series' stretch halved its scale: "their
    training rows leave MASE's scale as good as unchanged (... (series 'A', the most), under 0.5 % apart)"; and a mean
    of 0 without the stretch was said to move "+nan%" (L4)."""
    panel = _panel(("a", "b"))
    mixed = line(panel, [_stretch(0.2, 0.3, scale=10.03, owner="series 'a'"),
                         _stretch(0.2, 0.3, series=1, scale=5.0, owner="series 'b'")])
    assert "as good as unchanged" not in mixed and "their rows before the cutoff lower MASE's scale (their mean "         "difference one season (7 rows) apart) to 0.50 times: 5 with the stretch's pairs, 10 without (series 'b', the "         "most), so every MASE reads higher; the training mean moves +10%" in mixed
    still = line(panel, [_stretch(0.2, 0.3, scale=10.03, owner="series 'a'"),
                         _stretch(0.2, 0.3, series=1, scale=9.98, owner="series 'b'")])
    assert "the most" not in still and "their rows before the cutoff leave MASE's scale as good as unchanged (their "         "mean difference one season (7 rows) apart: 10.03 with the stretch's pairs, 10 without (series 'a'; "         "each stretch's under 0.5 % apart)); the training mean moves +10%" in still
    zero = line(_panel(), [{**_stretch(0.2, 0.3, scale=12.0), "mean_without": 0.0}])
    assert "nan" not in zero and "1.20 times: 12 with the stretch's pairs, 10 without, so every MASE reads lower; the "         "training mean and climatology baselines" in zero


def test_said_again_at_the_cutoff_that_first_trains_on_it():
    panel = _panel()
    assert "an earlier cutoff" not in line(panel, [_stretch(0.1, 0.3)])
    again = line(panel, [_stretch(0.1, 0.3)], again=True)
    assert "; an earlier cutoff named it before any of its rows were training rows: this cutoff's training rows hold " \
           "it, and so do every later cutoff's: each of their networks learns it, and each of their MASE scales " \
           "holds it; to keep them out" in again


def test_the_columns_not_read_are_named_in_one_line_by_reason():
    panel = _panel(("a", "b", "c"))
    unread = [{"series": s, "owner": panel.label(s), "column": "y", "unread": why}
              for s, why in enumerate(["values below 0", "values below 0", "half its values or more 0"])]
    assert unread_line(panel, unread) == (
        "not checked for a stretch far below or above the level, then back (an interruption, a surge): series 'a' "
        "and series 'b' (values below 0); series 'c' (half its values or more 0), which have no level for a stretch "
        "to be a share of")
    assert unread_line(_panel(), [{"series": 0, "owner": None, "column": "y", "unread": "values below 0"}]).endswith(
        "column 'y' (values below 0), which has no level for a stretch to be a share of")


def test_the_unread_line_is_unsaid_within_a_demos_block_and_warnings_are_not(caplog):
    """Decision 2155: the demos' built-in data goes below 0 by design; the INFO line saying so is not said there."""
    import logging

    from rnncast.interruptionlines import unread_unsaid
    from rnncast.interruptions import warn

    panel = _panel()
    unread = [{"series": 0, "owner": None, "column": "y", "unread": "values below 0"}]
    logger = logging.getLogger("rnncast.interruptions")
    level = logger.level
    with caplog.at_level(logging.INFO, logger="rnncast"):
        with unread_unsaid():
            warn(panel, unread)
            warn(panel, [_stretch(0.1, 0.3)])
        assert logger.level == level
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].getMessage().startswith("column 'y' runs at 10-30 % of its level")
def test_a_final_fit_says_the_network_learns_it_and_nothing_of_mase_or_scores():
    """Decision 2156 (t39t7 3): a final fit with no validation rows makes no MASE and no score, yet its line said
    "its rows before the cutoff raise MASE's scale ... so every MASE reads lower" and "stay out of the scores"."""
    panel = _panel()
    final = line(panel, [_stretch(0.1, 0.3)], final=True)
    assert "MASE" not in final and "score" not in final
    assert "The network learns it as the series' behaviour, and its training rows move the training mean +10%; to " \
           "keep them out, blank those rows and fit with --fill interpolate (fill='interpolate'), whose made values " \
           "the network learns in their place and the training mean leaves out, or mark them with a future " \
           "covariate (a 0/1 column, --future-covariates)" in final
    both = line(_panel(("a", "b")), [_stretch(0.1, 0.3, owner="series 'a'"),
                                     {**_stretch(0.1, 0.3, series=1, owner="series 'b'"), "mean": 80.0}], final=True)
    assert "move the training mean -20% (series 'b', the most)" in both and "MASE" not in both
    assert "raise MASE's scale" in line(panel, [_stretch(0.1, 0.3)])  # a scored fit: as before
    assert "move the training mean by under 0.5%;" in line(panel, [{**_stretch(0.1, 0.3), "mean": 100.2}], final=True)
