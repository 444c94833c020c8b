"""Window forecasts (``windowforecasts.py``): which values are scored (filled targets and the windows
that read later fills left out), taking or joining windows keeps every per-window array in step, and ``to_frame``
is the run's test_forecasts.csv table."""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.testforecasts import table
from rnncast.windowforecasts import WindowForecasts, concat, scored, take, target_of, unscored_targets


def _wf(n: int = 4, filled=None, later=None, absent=None) -> WindowForecasts:
    y = np.arange(n * 2, dtype=float).reshape(n, 2, 1)
    return WindowForecasts(starts=np.arange(n), target_rows=np.arange(n) + 3, y_true=y, y_pred=y + 1,
                           baselines={"repeat": y - 1}, time=None, series=np.zeros(n, int), filled=filled, reads_later=later,
                           absent=absent)


def test_every_value_is_scored_without_fills_and_neither_filled_targets_nor_windows_reading_later_with_them():
    assert scored(_wf()) is None
    filled = np.zeros((4, 2, 1), bool)
    filled[1, 0] = True
    keep = scored(_wf(filled=filled, later=np.array([False, False, True, False])))
    assert keep[..., 0].tolist() == [[True, True], [False, True], [False, False], [True, True]]


def test_take_and_concat_carry_the_masks_with_their_windows():
    filled = np.zeros((4, 2, 1), bool)
    filled[3, 1] = True
    wf = _wf(filled=filled, later=np.array([True, False, False, False]))
    picked = take(wf, np.array([3, 0]))
    assert picked.filled[:, 1, 0].tolist() == [True, False] and picked.reads_later.tolist() == [False, True]
    assert picked.baselines["repeat"][0, 0, 0] == wf.baselines["repeat"][3, 0, 0]
    joined = concat([wf, _wf(2)], np.array([4, 0, 5, 3]))  # the second part has no fills: not filled, not left out
    assert joined.filled[:, 1, 0].tolist() == [False, False, False, True]
    assert joined.reads_later.tolist() == [False, True, False, False] and joined.starts.tolist() == [0, 0, 1, 3]
    assert concat([_wf(2), _wf(2)], np.arange(4)).filled is None


def test_a_step_without_a_row_is_unscored_apart_from_a_made_one_and_travels_with_its_window():
    """``absent`` (stepactuals: the step's date has no row) is left out of the scores as ``filled`` is, and is kept
    apart from it through ``take``, ``concat`` and ``target_of``."""
    filled, absent = np.zeros((4, 2, 1), bool), np.zeros((4, 2, 1), bool)
    filled[1, 0], absent[2, 1] = True, True
    wf = _wf(filled=filled, absent=absent)
    assert scored(wf)[..., 0].tolist() == [[True, True], [False, True], [True, False], [True, True]]
    assert unscored_targets(wf)[..., 0].sum() == 2 and unscored_targets(_wf(absent=absent)) is absent
    assert scored(_wf(absent=absent))[2, 1, 0] == False and unscored_targets(_wf()) is None  # noqa: E712
    assert take(wf, np.array([2])).absent[0, :, 0].tolist() == [False, True] and target_of(wf, 0).absent.sum() == 1
    joined = concat([_wf(2, absent=absent[:2] | True), _wf(2)], np.arange(4))
    assert joined.absent[..., 0].tolist() == [[True, True], [True, True], [False, False], [False, False]]
    assert joined.filled is None


def test_its_repr_is_a_line_naming_windows_series_horizon_targets_and_shapes_not_the_arrays():
    """``repr`` of what predict_windows returns printed every array, tens of KB in a notebook (86 KB for 300 rows)."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    frame = make_frame(300)
    wf = Forecaster(**{**TINY, "epochs": 1, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, target="y").predict_windows(frame)
    w = len(wf.y_pred)
    assert repr(wf) == (f"WindowForecasts({w} windows of 1 series, horizon 3, targets ['y'], baselines "
                        f"{list(wf.baselines)}; y_true, y_pred [{w}, 3, 1], quantiles [0.1, 0.5, 0.9] [{w}, 3, 1, 3])")
    assert repr(_wf(1)).startswith("WindowForecasts(1 window of 1 series, horizon 2, targets [], baselines ['repeat']")


def test_scored_errors_are_the_errors_kept_with_a_nan_as_nought_and_nought_elsewhere():
    """One helper for the sums of targetshares (MSE and pinball loss) and swampedscores."""
    from rnncast.windowforecasts import scored_errors
    errors = np.array([[[1.0, np.nan]], [[4.0, 9.0]]])  # [W=2, H=1, T=2]
    keep = np.array([[[True, True]], [[False, True]]])
    assert scored_errors(errors, keep).tolist() == [[[1.0, 0.0]], [[0.0, 9.0]]]
    assert scored_errors(errors, None).tolist() == [[[1.0, 0.0]], [[4.0, 9.0]]]


def _datasets():
    long = make_panel(3, seed=1).rename(columns={"unique_id": "store", "ds": "day", "y": "sales"})
    gapped = make_frame(200, freq="D", feature=False).drop(index=[185])  # a test window forecasts the missing day
    filled = make_frame(140)
    filled.loc[130, "y"] = np.nan
    return {"quantiles": (make_frame(120), {"target": "y"}, {"quantiles": (0.1, 0.5, 0.9)}),
            "long panel": (long, {"target": "sales", "id_col": "store", "time_col": "day"}, {}),
            "wide panel": (long.pivot(index="day", columns="store", values="sales").reset_index(), {"series": "all"}, {}),
            "rows numbered": (make_frame(120, time=False), {"target": "y"}, {}),
            "a missing date": (gapped, {"target": "y"}, {"test_frac": 0.2}),
            "fill made values": (filled, {"target": "y"}, {"fill": "interpolate"})}


@pytest.mark.parametrize("case", list(_datasets()))
def test_to_frame_is_the_runs_test_forecasts_table_made_by_the_same_code(case):
    """Python had no table of a split's actual and predicted values: predict_windows gave bare [W, H, T] arrays, where
    the command line writes test_forecasts.csv (decision 1550)."""
    data, roles, settings = _datasets()[case]
    logging.disable(logging.WARNING)  # the tiny fits' notes are not what is tested
    try:
        model = Forecaster(**TINY, **settings).fit(data, **roles)
        windows = model.predict_windows(data, part="test")
        part = model.part_forecasts(data, "test")
        expected = table(model.state_, part)
        got = windows.to_frame()
        scored = part.to_frame()  # decision 1595: what evaluate scores, as the same table
    finally:
        logging.disable(logging.NOTSET)
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(scored, got)
    assert len(got) == windows.y_pred.shape[0] * windows.y_pred.shape[1]


def test_to_frame_gives_unix_times_as_the_data_wrote_them_and_refuses_scaled_forecasts():
    days = 1704067200 + 86400 * np.arange(80)
    frame = pd.DataFrame({"timestamp": days, "y": np.sin(np.arange(80) / 3.0)})
    model = Forecaster(**{**TINY, "lookback": 6, "epochs": 1, "time_unit": "s"}).fit(frame, target="y")
    got = model.predict_windows(frame, part="test").to_frame()
    assert got["timestamp"].dtype == np.int64 and got["cutoff"].dtype == np.int64  # as predict and backtest give them
    assert set(got["timestamp"]) <= set(days) and (got["timestamp"] - got["cutoff"] == 86400 * got["step_ahead"]).all()
    with pytest.raises(RnncastError, match=r"^these window forecasts have no table: to_frame writes predict_windows' "
                                           r"forecasts in original units, .* without scaled=True$"):
        model.predict_windows(frame, part="test", scaled=True).to_frame()


def test_part_forecasts_have_the_window_forecasts_table_in_the_datas_form_or_say_why_not():
    """``PartForecasts`` (what evaluate scores, ``Forecaster.part_forecasts``) had no ``to_frame`` though
    predict_windows' forecasts had one (decision 1550); it is the same table, by the same maker (decision 1595)."""
    days = 1704067200 + 86400 * np.arange(80)
    frame = pd.DataFrame({"timestamp": days, "y": np.sin(np.arange(80) / 3.0)})
    model = Forecaster(**{**TINY, "lookback": 6, "epochs": 1, "time_unit": "s"}).fit(frame, target="y")
    part = model.part_forecasts(frame, "val")
    got = part.to_frame()
    assert got["timestamp"].dtype == np.int64  # Unix times as the data wrote them, as predict_windows' table
    pd.testing.assert_frame_equal(got, model.predict_windows(frame, part="val").to_frame())
    bare = replace(part, original=replace(part.original, source=None))
    with pytest.raises(RnncastError, match=r"^these part forecasts have no table: to_frame writes the forecasts that "
                                           r"Forecaster.part_forecasts\(data, part\) makes$"):
        bare.to_frame()


@pytest.mark.parametrize("lacking", [0, 1])
def test_concat_leaves_out_a_baseline_some_cutoffs_lack_and_says_so_once(caplog, lacking):
    """r33r1 2: a refit backtest's cutoff 1 had a climatology and cutoff 2 none: KeyError; the other way round it
    was dropped unsaid (decision 1634)."""
    parts = [_wf(2), _wf(2)]
    parts[1 - lacking].baselines["climatology"] = parts[1 - lacking].y_true + 2
    with caplog.at_level(logging.WARNING, logger="rnncast.windowforecasts"):
        joined = concat(parts, np.arange(4))
        quiet = concat(parts, np.arange(4), say=False)
    assert set(joined.baselines) == set(quiet.baselines) == {"repeat"}
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 1 and said[0].startswith(f"the climatology baseline is not scored in this backtest: the model of "
                                                 f"cutoff {lacking + 1} made none")
