"""Values of a target far off and back (``spikes.py``): paired into outlying runs among the large steps, told apart
from a split and its reversal, and said as outlying values, whatever their number (decision 1962)."""

from __future__ import annotations

import numpy as np

from rnncast import spikes


def _level(n: int = 200, seed: int = 0) -> np.ndarray:
    return 1000 + np.random.default_rng(seed).normal(0, 10, n)


def _runs(column: np.ndarray) -> list:
    steps = np.abs(np.diff(column))
    return spikes.runs(column, steps > 20 * np.median(steps))


def test_a_value_or_a_short_run_up_and_back_is_one_run():
    column = _level()
    column[50] *= 20  # one day of bot traffic
    column[120:123] = [9000, 8500, 9200]  # three days far off, then back
    column[160] = 0.0  # and one down
    assert _runs(column) == [(49, 50), (119, 122), (159, 160)]


def test_a_split_reversed_later_a_lasting_step_and_a_slow_way_back_are_no_runs():
    apart = _level()
    apart[50:60] /= 2  # halved for 10 rows, then back: more than SHORT rows
    lasting = _level()
    lasting[80:] *= 20
    slow = _level()
    slow[50:58] = 20000 * 0.75 ** np.arange(8)  # back near 1000 only after 5 rows: a decay
    over = _level()
    over[50], over[51] = 20000, -20000  # up, then far down on the other side
    assert [_runs(c) for c in (apart, lasting, slow)] == [[], [], []]
    assert _runs(over) == []


def _entry(n: int, rows: int = 1) -> dict:
    spike = [{"time": f"2023-0{i + 1}-15", "end": f"2023-0{i + 1}-{14 + rows}", "row": 10 * i, "rows": rows,
              "before": 1000.0, "values": [20000.0] * rows, "after": 1010.0, "times": 300.0} for i in range(n)]
    return {"series": "series 'a'", "column": "y", "spikes": spike, "spike_raise": 2.5, "steps": []}


def test_several_are_named_as_outlying_values_the_first_few_dated_the_rest_counted():
    said = spikes.said(_entry(2), set(), "the mean step of the rows before the cutoff", "")
    assert said.startswith("column 'y' of series 'a' holds 2 values far from those on either side, each back near "
                           "the value before it the next row: 20000 at 2023-01-15 (1000 before, 1010 after, 300 times "
                           "its median step before the cutoff away); 20000 at 2023-02-15 (1000 before, 1010 after, 300 "
                           "times): outlying values (typos, glitches, bot traffic), not splits?")
    assert "they raise MASE's scale (the mean step of the rows before the cutoff) by 250%" in said and "leave the cells blank" in said
    assert "split, put them in the later units" not in said
    many = spikes.said(_entry(8), set(), "the mean step of the rows before the cutoff", "")
    assert "holds 8 values" in many and "20000 at 2023-03-15 (1000 before, 1010 after, 300 times); and 5 more:" in many
    run = spikes.said(_entry(1, rows=3), set(), "the mean step of the rows before the cutoff", "")
    assert "holds 1 stretch of values far from those on either side, each back near the value before it within 3 " \
           "rows: 20000 to 20000 at 2023-01-15 to 2023-01-17 (3 rows; 1000 before" in run


def test_one_value_keeps_its_words_and_codes_named_above_are_pointed_to():
    one = spikes.said(_entry(1), set(), "the mean step of the rows before the cutoff", "; likewise in series 'b'")
    assert one.startswith("column 'y' of series 'a' holds 20000 at 2023-01-15, one row far from those on either side "
                          "(1000 before it, 1010 after, 300 times its median step before the cutoff away): one outlying "
                          "value (a typo, a sensor glitch)?")
    assert one.endswith("leave the cell blank (fill=, --fill); likewise in series 'b'")
    coded = spikes.said(_entry(2), {("series 'a'", "y", 20000.0)}, "the mean step of the rows before the cutoff", "")
    assert coded.count("(a missing-value code? see above)") == 2 and "typos" not in coded and "blank" not in coded


def test_a_short_run_at_either_end_of_the_training_rows_is_a_run_not_a_split():
    """t37t6: a x20 first day, or the first two weeks' promotion, was "moves from 19304.7 to 973.267 in one step ...
    a split ... put them in the later units", and so was a x20 last training row though the next (validation) row
    is back (decision 2008): a run of at most SHORT rows at an end, beside rows with no large step, is a run; at the
    training rows' end none where the next row stays out (a split there)."""
    first = _level()
    first[0] *= 20
    two = _level()
    two[:2] *= 20
    last = _level()
    last[-1] *= 20
    assert [_runs(c) for c in (first, two)] == [[(-1, 0)], [(-1, 1)]]
    steps = np.abs(np.diff(last))
    big = steps > 20 * np.median(steps)
    assert spikes.runs(last, big) == spikes.runs(last, big, after=1005.0) == [(198, 199)]
    assert spikes.runs(last, big, after=20100.0) == []  # still out the next row: a split at the end
    assert spikes.steps_of((-1, 1), 199) == [0, 1] and spikes.edge_steps((-1, 1), 199) == [1]
    assert spikes.steps_of((198, 199), 199) == [198] and spikes.edge_steps((198, 199), 199) == [198]


def test_a_run_at_an_end_is_said_with_its_place_and_a_fall_of_the_scale_as_lowering_it():
    """"its first row, far from the one after it"; "its last row before the cutoff ..., back to 1003 the next row, the
    first after the cutoff" (decision 2219); and a negative raise is said "lowers ... by 41%", not "raises ... by -41%" (decision 2009)."""
    entry = {**_entry(1), "spike_raise": -0.41}
    entry["spikes"][0].update(before=None, edge="first")
    said = spikes.said(entry, set(), "the mean step of the rows before the cutoff", "")
    assert "holds 20000 at 2023-01-15, its first row, far from the one after it (1010 after, 300 times" in said
    assert "it lowers MASE's scale (the mean step of the rows before the cutoff) by 41%" in said and "-41" not in said
    entry["spikes"][0].update(before=1000.0, after=1003.0, edge="last")
    said = spikes.said(entry, set(), "the mean step of the rows before the cutoff", "")
    assert ("its last row before the cutoff, far from the one before it (1000 before, back to 1003 the next row, the "
            "first after the cutoff, 300 times") in said  # decision 2219: the rows the rule reads end at the cutoff
    assert spikes.raises(-0.41, True) == "lower" and spikes.raises(0.2) == "raises" and spikes.by(-0.41) == "41%"


def test_a_fit_that_scores_nothing_is_told_nothing_of_mase_or_the_scores():
    """Decision 2159: ``scale`` None (a final fit, ``finalfit.unscored``) leaves MASE and the scores out."""
    one = spikes.said(_entry(1), set(), None, "")
    assert "The network learns from it as from any other; if it is no measurement" in one and "MASE" not in one
    many = spikes.said(_entry(2), set(), None, "")
    assert "not splits? The network learns from them as from any others; if they are no measurements" in many
    assert "MASE" not in many and "scores" not in many
