"""climatologyfit: the climatology a fit keeps, and why none (or only some series') is kept, said once a command
for each kind of line; an INFO line where no series could have one; a backtest's fit without evaluate's promise."""

from __future__ import annotations

import pandas as pd

from rnncast import climatologyfit
from test_climatology import _daily_panel


def test_why_no_climatology_is_said_once_a_command_however_many_models_it_fits(caplog):
    """Decision 1691: a refit backtest's cutoffs each fit a model whose short series have other spans ('B' (635
    days), (662 days) ...): the line was said once per cutoff; now once per command (``noticed.one_call``)."""
    import numpy as np

    from rnncast.noticed import one_call
    from rnncast.windows import Split

    import logging

    caplog.set_level(logging.INFO, logger="rnncast.climatology")  # no series has two years: an INFO line (decision 1706)
    panel, _, _ = _daily_panel("2018-01-01", "2020-12-31")
    with one_call():
        for end in (300, 400, 500):
            assert climatologyfit.kept(panel, [Split(end, end, len(panel.time))], np.zeros((1, 1))) is None
    said = [r.getMessage() for r in caplog.records if "climatology" in r.getMessage()]
    assert len(said) == 1 and "(300 days)" in said[0]
    caplog.clear()
    with one_call():  # the next command says it again
        climatologyfit.kept(panel, [Split(400, 400, len(panel.time))], np.zeros((1, 1)))
    assert sum("climatology" in r.getMessage() for r in caplog.records) == 1


def test_a_later_cutoffs_partial_table_is_said_though_an_earlier_one_kept_none(caplog):
    """r34r1 8 (decision 1746): the once-a-command key held no message, so a refit backtest whose oldest cutoff kept
    no table said "is not made for this model ..." alone, and the later cutoffs' "made only for the series whose
    training rows span two whole years" was never said. Each kind is now said once (the first an INFO line: no series
    spans two years at that cutoff, decision 1706)."""
    import logging

    import numpy as np

    from rnncast.noticed import one_call
    from rnncast.panel import Panel
    from rnncast.windows import Split

    one, _, _ = _daily_panel()
    n = len(one.time)
    panel = Panel(values=np.concatenate([one.values, one.values[-600:]]), offsets=np.array([0, n, n + 600]),
                  ids=["A", "C"], columns=["temp"], n_targets=1, time=one.time.append(one.time[-600:]),
                  calendar=one.calendar, id_col="id")
    caplog.set_level(logging.INFO, logger="rnncast.climatology")
    with one_call():
        for end in (400, 800, 900):  # 'A' under two years at the first cutoff alone; 'C' (under 600 days) at each
            climatologyfit.kept(panel, [Split(end, end, n), Split(400, 400, 600)], np.zeros((2, 1)))
    said = [r.getMessage() for r in caplog.records if "climatology" in r.getMessage()]
    assert len(said) == 2 and "is not made for this model" in said[0] and "'A' (400 days)" in said[0]
    assert "is made only for the series" in said[1] and "'C' (400 days)" in said[1] and "'A'" not in said[1]


def test_why_none_is_kept_is_an_info_line_where_no_series_could_have_one(caplog):
    """t34t2 L4: every daily panel under two years (M5-like, 400 days a series) warned "the 'climatology' baseline is
    not made for this model ... and 895 more span under two whole years", a warning nobody could act on, crowding the
    page's real ones. Where no series' training rows span two years it is an INFO line; where some do and others not,
    still a warning (decision 1706)."""
    import logging

    import numpy as np

    from rnncast.panel import Panel
    from rnncast.windows import Split

    short, located, _ = _daily_panel("2018-01-01", "2020-12-31")  # one year of training rows
    with caplog.at_level(logging.INFO, logger="rnncast.climatology"):
        assert climatologyfit.kept(short, located.splits, np.zeros((1, 1))) is None
    assert [r.levelname for r in caplog.records] == ["INFO"] and "under two whole years" in caplog.records[0].message
    caplog.clear()
    one, _, train_end = _daily_panel()
    n = len(one.time)
    panel = Panel(values=np.concatenate([one.values, one.values[-600:]]), offsets=np.array([0, n, n + 600]),
                  ids=["A", "C"], columns=["temp"], n_targets=1, time=one.time.append(one.time[-600:]),
                  calendar=one.calendar, id_col="id")
    with caplog.at_level(logging.INFO, logger="rnncast.climatology"):
        climatologyfit.kept(panel, [Split(train_end, train_end, n), Split(400, 400, 600)], np.zeros((2, 1)))
    assert [r.levelname for r in caplog.records] == ["WARNING"] and "'C' (400 days)" in caplog.records[0].message


def test_a_backtests_fit_says_the_climatology_made_for_some_series_without_evaluates_promise(caplog):
    """Decision 1761: inside a backtest (``apart`` False) the fit's line that the climatology is made only for some
    series leaves out "evaluate scores it on the other series' windows alone", which the backtest does not do (its
    own line says it is not scored there); a fit keeps the promise."""
    import logging

    import numpy as np

    from rnncast.panel import Panel
    from rnncast.windows import Split

    one, _, train_end = _daily_panel()
    n = len(one.time)
    panel = Panel(values=np.concatenate([one.values, one.values[-600:]]), offsets=np.array([0, n, n + 600]),
                  ids=["A", "C"], columns=["temp"], n_targets=1, time=one.time.append(one.time[-600:]),
                  calendar=one.calendar, id_col="id")
    splits = [Split(train_end, train_end, n), Split(400, 400, 600)]
    for apart in (True, False):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast.climatology"):
            climatologyfit.kept(panel, splits, np.zeros((2, 1)), apart)
        said = caplog.records[0].message
        assert "'C' (400 days)" in said and said.endswith("span under two whole years (730 days)") != apart
        assert ("evaluate scores it on the other series' windows alone" in said) == apart


def test_a_series_under_two_years_is_named_as_given(caplog):
    """Integer station ids 101, 202 were named '202' (the panel's text id) in the "under two whole years" line, while
    every other line of the same fit wrote 202 (r34r3 6, decision 1764, the kind of decision 1744)."""
    import logging

    import numpy as np

    from rnncast.panel import Panel
    from rnncast.windows import Split

    one, _, train_end = _daily_panel()
    n = len(one.time)
    panel = Panel(values=np.concatenate([one.values, one.values[-600:]]), offsets=np.array([0, n, n + 600]),
                  ids=["101", "202"], columns=["temp"], n_targets=1, time=one.time.append(one.time[-600:]),
                  calendar=one.calendar, id_col="station", given=pd.Index([101, 202]))
    with caplog.at_level(logging.WARNING, logger="rnncast.climatology"):
        climatologyfit.kept(panel, [Split(train_end, train_end, n), Split(400, 400, 600)], np.zeros((2, 1)))
    assert "the training rows of 202 (400 days)" in caplog.records[0].message
