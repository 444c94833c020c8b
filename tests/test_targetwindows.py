"""Each target's windows where a model forecasts several (``targetwindows.py``, decision 2236): a PM2.5 monitor down
while NO2 at the same station reports is counted on its own windows, in the file, the JSON and the tables."""

from __future__ import annotations

import numpy as np

from rnncast import targetwindows
from rnncast.evaluation import series_scores
from rnncast.windowforecasts import WindowForecasts


def _two_targets(filled_pm25: int) -> WindowForecasts:
    """Six windows of series a (0-2) and b (3-5), horizon 2, targets pm25 and no2; every pm25 value of a's last
    ``filled_pm25`` windows made by fill."""
    y = np.arange(24.0).reshape(6, 2, 2)
    filled = np.zeros(y.shape, dtype=bool)
    filled[3 - filled_pm25 : 3, :, 0] = True
    return WindowForecasts(starts=np.arange(6), target_rows=np.arange(6) + 5, y_true=y, y_pred=y + 1.0,
                           baselines={"repeat": y - 2.0}, time=None, series=np.array([0, 0, 0, 1, 1, 1]),
                           ids=["a", "b"], targets=["pm25", "no2"], filled=filled)


def test_each_target_counts_the_windows_that_keep_a_scored_value_of_it():
    counts = targetwindows.counts(_two_targets(2))
    assert counts == [{"windows": 6, "windows_scored": 4}, {"windows": 6}]
    assert targetwindows.counts(_two_targets(0)) == [{"windows": 6}, {"windows": 6}]


def test_a_series_target_row_rests_on_its_own_windows_and_the_table_says_so():
    """t41-t4 H1: station A's PM2.5 scored on 24 of 169 windows was labelled "169 windows", its series' count."""
    wf = _two_targets(2)
    series = series_scores(wf, wf, np.ones((6, 2)), ["a", "b"])
    assert "windows_scored" not in series["a"]  # every window keeps a scored no2 value
    assert {k: series["a"]["by_target"]["pm25"][k] for k in ("windows", "windows_scored")} == {"windows": 3,
                                                                                               "windows_scored": 1}
    assert "windows_scored" not in series["a"]["by_target"]["no2"] and series["b"]["by_target"]["pm25"]["windows"] == 3
    assert targetwindows.windows(series["a"]["by_target"]["pm25"], series["a"]) == (3, 1)
    assert targetwindows.windows({}, series["a"]) == (3, 3)  # a block saved before: its series' counts
    note = targetwindows.series_note(series, ["a", "b"])
    assert note.endswith(": a 'pm25' 1 scored of 3") and targetwindows.series_note(series, ["b"]) is None
    assert targetwindows.text(None, 3) == "3" and targetwindows.text(1, 3) == "1 scored of 3"


def test_the_by_series_file_gives_each_target_row_its_own_windows_scored():
    from rnncast.cli.byseries import series_frame

    wf = _two_targets(2)
    frame = series_frame({"series": series_scores(wf, wf, np.ones((6, 2)), ["a", "b"]), "targets": 2}, "station")
    assert list(frame.columns[:5]) == ["station", "target", "windows", "windows_scored", "best_baseline"]
    counts = {(r.station, r.target): (r.windows, r.windows_scored) for r in frame.itertuples()}
    assert counts == {("a", "pm25"): (3, 1), ("a", "no2"): (3, 3), ("b", "pm25"): (3, 3), ("b", "no2"): (3, 3)}
