"""A backtest's words on its windows' MASE scales, said once over every window (``windowscales.py``, decisions 2246,
2247): t41-t1 H1, a series short of a season at the first cutoff and pooled in the later windows on 7 and 14 pairs."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, scalepairs, windowscales
from rnncast.runnotes import mase_note


def _two() -> pd.DataFrame:
    """A daily from 2024-01-01 to 06-30, F only from 06-08 (23 rows): a weekly sine and noise (the tester's gen3.py)."""
    rng = np.random.default_rng(43)

    def series(uid, start, level):
        t = pd.date_range(start, "2024-06-30", freq="D")
        y = level + 10 * np.sin(2 * np.pi * np.arange(len(t)) / 7) + rng.normal(0, 2, len(t))
        return pd.DataFrame({"unique_id": uid, "ds": t, "y": y.round(3)})

    return pd.concat([series("A", "2024-01-01", 50), series("F", "2024-06-08", 30)], ignore_index=True)


@pytest.mark.parametrize("refit", [False, True])
def test_a_series_without_a_scale_at_the_first_cutoff_is_said_left_out_of_that_window_alone(refit, caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = Forecaster(**{**TINY, "lookback": 2, "horizon": 2, "season": 7, "epochs": 1, "val_frac": 0.0}).backtest(
            _two(), n_windows=3, step=7, refit=refit, id_col="unique_id", time_col="ds", target="y")
    m = result.metrics
    said = [r.getMessage() for r in caplog.records if "MASE" in r.getMessage()]
    unscaled = [t for t in said if t.startswith("MASE has no in-sample scale")]
    assert len(unscaled) == 1 and "series 'F' in window 0 (7 rows before its cutoff; pooled in windows 1 and 2)" \
        in unscaled[0] and "left out of its pooled MASE alone" in unscaled[0]
    few = [t for t in said if "rests on fewer than 15 pairs" in t]  # no refit: none said before (decision 2247)
    assert len(few) == 1 and "series 'F' (7 pairs in window 1) rests on" in few[0] and "'A'" not in few[0]
    assert [w["mase_pairs"]["F"] for w in m["windows"]] == [0, 7, 14]
    assert m["by_series"]["F"][scalepairs.KEY] == 7  # the fewest of the windows its MASE pools
    assert np.isfinite(m["by_series"]["F"]["model"]["mase"])
    assert m["mase_excluded"]["windows"] == [[0]] and m["mase_excluded"]["n_windows"] == 3
    note = mase_note(m)
    assert "leaving out 1 series ('F' from window 0, of windows 0-2; pooled in the others), whose rows before the " \
        "cutoff hold fewer than season + 1 = 8 rows" in note and "undefined for it there" in note


def test_windows_are_listed_by_number_runs_joined():
    assert windowscales.listed([0]) == "window 0"
    assert windowscales.listed([1, 2]) == "windows 1 and 2"
    assert windowscales.listed([0, 1, 2, 5]) == "windows 0-2 and 5"
    assert windowscales.listed([0, 2, 4]) == "windows 0, 2 and 4"
    assert windowscales.listed([0, 1, 3]) == "windows 0, 1 and 3"  # not "0 and 1 and 3"


def test_a_series_out_of_every_window_is_not_said_pooled():
    excluded = {"series": ["F", "G"], "count": 2, "causes": {"short": 2}, "season": 7, "windows": [[0], [0, 1, 2]],
                "windows_held": [3, 3], "n_windows": 3}
    assert windowscales.named(excluded)[0] == (
        "'F' from window 0, 'G' from every window, of windows 0-2; the rest each pooled in its others")
    one = {"series": [None], "count": 1, "causes": {"short": 1}, "season": 7, "windows": [[0]],
           "windows_held": [2], "n_windows": 1}
    assert "of window 0 " in windowscales.named(one)[0]


def test_the_note_keeps_its_plain_list_where_every_window_leaves_the_series_out():
    excluded = {"series": ["F"], "count": 1, "causes": {"short": 1}, "season": 7, "windows": [[0, 1]],
                "windows_held": [2], "n_windows": 2}
    assert windowscales.named(excluded) == ("'F'", "")
    assert windowscales.named({**excluded, "series": [None], "windows_held": [3], "n_windows": 3}) == (
        "windows 0 and 1 of windows 0-2 (pooled in the others)", " there")
    assert mase_note({"mase_excluded": {**excluded, "series": [None], "windows_held": [3], "n_windows": 3}}).startswith(
        "MASE is undefined in windows 0 and 1 of windows 0-2 (pooled in the others): the series' rows before the cutoff")


def test_each_series_fewest_pairs_are_of_the_windows_with_a_scale():
    pairs = np.array([[[0], [7], [14]], [[20], [23], [26]], [[0], [0], [0]]])
    held = np.ones((3, 3), bool)
    assert scalepairs.fewest(pairs, held).ravel().tolist() == [7, 20, 0]
