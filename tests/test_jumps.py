"""One step of a target far beyond every other of its steps before the cutoff (``jumps.py``): a 2:1 split is named at fit with
its date, size and what it does to MASE's scale; an ordinary volatile series, or one with fat-tailed days, is not."""

from __future__ import annotations

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster


def _prices(seed: int, scale: float = 0.01, df: float | None = None, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    moves = rng.standard_t(df, n) * scale if df else rng.normal(0, scale, n)
    return pd.DataFrame({"date": pd.bdate_range("2022-01-03", periods=n), "close": 300 * np.exp(np.cumsum(moves))})


def _warned(frame, caplog) -> str:
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**TINY).fit(frame, target="close")
    return caplog.text, model


def test_a_split_is_named_with_its_date_size_and_the_scale_it_adds(caplog):
    frame = _prices(0)
    frame.loc[100:, "close"] /= 2  # 2:1 on the 101st day, inside the training rows
    text, _ = _warned(frame, caplog)
    day = frame.date[100].strftime("%Y-%m-%d")
    assert f"moves from {frame.close[99]:.6g} to {frame.close[100]:.6g} (-" in text and f"in one step at {day}" in text
    assert "a split, a unit change or a data error? The scores are left as they are" in text
    assert "which this one step raises by" in text


def test_a_split_in_the_validation_rows_is_named_as_its_scale_figure_counts_it(caplog):
    """Decision 2219: the rule read the training rows (210 of 300) alone while its line quotes MASE's scale over every
    row before the cutoff (240, decision 2210): a 2:1 split on row 225 raised that scale by 25% and nothing was said."""
    frame = _prices(0)
    frame.loc[225:, "close"] /= 2  # a validation row: after train_end 210, before val_end 240
    text, model = _warned(frame, caplog)
    assert model.state_.splits[0].train_end < 225 < model.state_.splits[0].val_end
    day = frame.date[225].strftime("%Y-%m-%d")
    assert f"in one step at {day}, " in text and "times the median size of its steps before the cutoff" in text
    assert "which this one step raises by 25%" in text


def test_an_ordinary_volatile_series_and_fat_tailed_days_are_not_named(caplog):
    for frame in (_prices(1, 0.04), _prices(2, 0.01, df=3), _prices(3, 0.02, df=4)):
        text, _ = _warned(frame, caplog)
        assert "in one step at" not in text and "single steps" not in text


def test_a_split_in_one_series_of_a_panel_names_that_series(caplog):
    a, b = _prices(4), _prices(5)
    b.loc[120:, "close"] /= 3
    frame = pd.concat([a.assign(ticker="A"), b.assign(ticker="B")], ignore_index=True)
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="close", id_col="ticker")
    assert "column 'close' of series 'B' moves from" in caplog.text and "of series 'A' moves" not in caplog.text


def test_the_largest_of_many_large_steps_is_not_named(caplog):
    """Walks of Cauchy or t(1.5) steps (a fat tail: several steps 20 times the median) had their largest step over 3
    times the next by chance, in a third of walks, named as a split; intermittent demand (zeros, occasional orders)
    and a level with rare spikes neither. The tail the other large steps show makes such a step likely: not named."""
    rng = np.random.default_rng(4)  # 9 of its 24 walks were named
    days = pd.bdate_range("2022-01-03", periods=400)
    walks = [1000 + np.cumsum(rng.standard_cauchy(400)) for _ in range(12)]
    walks += [1000 + np.cumsum(rng.standard_t(1.5, 400)) for _ in range(12)]
    walks += [np.where(rng.random(400) < 0.1, rng.poisson(3, 400) + 40 * (rng.random(400) < 0.3), 0) for _ in range(4)]
    walks += [10 + rng.normal(0, 1, 400) + np.where(rng.random(400) < 0.01, rng.exponential(100, 400), 0)]
    frame = pd.concat([pd.DataFrame({"ticker": f"w{i}", "date": days, "close": w.astype(float)})
                       for i, w in enumerate(walks)], ignore_index=True)
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="close", id_col="ticker")
    assert "in one step at" not in caplog.text and "single steps" not in caplog.text


def test_two_splits_are_each_named_though_neither_is_alone_beyond_the_rest(caplog):
    """Two 2:1 splits (or 4:1 then 7:1) in the training rows: the larger was under 3 times the other, so the rule
    that asked for one step beyond every other said nothing; both are named, in time order, in one line."""
    for first, second in ((2, 2), (4, 7)):
        frame = _prices(6, n=400)
        frame.loc[100:, "close"] /= first
        frame.loc[200:, "close"] /= second
        text, _ = _warned(frame, caplog)
        days = [frame.date[i].strftime("%Y-%m-%d") for i in (100, 200)]
        assert "column 'close' moves in 2 single steps, each far beyond its others" in text
        assert text.index(f"at {days[0]}") < text.index(f"at {days[1]}")
        assert f"from {frame.close[199]:.6g} to {frame.close[200]:.6g}" in text
        assert "splits, unit changes or data errors?" in text and "which these steps raise by" in text


def test_one_value_far_off_is_named_as_one_outlying_value_not_two_splits(caplog):
    """t31t1 spike.csv (500 among temperatures near 22) was told "moves in 2 single steps ... splits, unit changes or
    data errors? ... put them in the later units"; an up-and-back pair one row apart is one value (decision 1502). A
    split reversed months later stays two steps."""
    frame = _prices(0)
    frame.loc[100, "close"] = 50_000.0
    text, _ = _warned(frame, caplog)
    day = frame.date[100].strftime("%Y-%m-%d")
    assert f"column 'close' holds 50000 at {day}, one row far from those on either side ({frame.close[99]:.6g} before " \
           f"it, {frame.close[101]:.6g} after" in text, text
    assert "one outlying value (a typo, a sensor glitch)?" in text and "leave the cell blank (fill=, --fill)" in text
    assert "split" not in text
    apart = _prices(0)
    apart.loc[100:149, "close"] /= 2  # halved for 50 days, then back
    text, _ = _warned(apart, caplog)
    assert "moves in 2 single steps" in text and "outlying" not in text


def test_a_spike_the_line_on_codes_named_points_to_it(caplog):
    """Decision 1607: a -9999 among prices was "one outlying value (a typo, a sensor glitch)?" beside the line on
    missing-value codes; where that line named it, this one points to it instead of guessing and advising apart."""
    import logging

    from rnncast.codedblanks import named_codes
    from rnncast.jumps import warn

    found = [{"series": None, "column": "close", "median": 1.0, "raise": 0.0, "spike_raise": 5.0, "steps": [],
              "spikes": [{"row": 100, "rows": 1, "time": "2020-04-10", "end": "2020-04-10", "before": 20.0,
                          "values": [-9999.0], "after": 21.0, "times": 10019.0}]}]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn(found, named_codes([{"series": None, "column": "close", "codes": [-9999.0]}]))
    [said] = [r.getMessage() for r in caplog.records if "one row far" in r.getMessage()]
    assert said.startswith("column 'close' holds -9999 at 2020-04-10 (a missing-value code? see above), one row far")
    assert "typo" not in said and "leave the cell blank" not in said and "by 500%" in said

def test_under_a_season_the_raise_said_is_that_of_mase_s_seasonal_scale(caplog):
    """t33t1: "MASE is scaled by the training rows' mean step, which these steps raise by 19%" with --season 52, whose
    MASE is scaled by the mean difference one season apart, which a level shift moves otherwise (decision 1613)."""
    from rnncast import jumps
    from rnncast.metrics import naive_scale

    rng = np.random.default_rng(7)
    column = 100 + 10 * np.sin(np.arange(300) * 2 * np.pi / 12) + rng.normal(0, 0.5, 300)
    column[150:] += 400  # one level shift
    steps = np.abs(np.diff(column))
    named = jumps.named_steps(steps)
    assert named == [149]
    undone = column.copy()
    undone[150:] -= column[150] - column[149]  # the step itself undone
    seasonal = jumps.scale_raise(column, steps, np.delete(steps, named), named, 12)
    assert np.isclose(seasonal, naive_scale(column, 12) / naive_scale(undone, 12) - 1)
    assert not np.isclose(seasonal, jumps.scale_raise(column, steps, np.delete(steps, named), named, 1))
    frame = pd.DataFrame({"date": pd.date_range("2000-01-01", periods=300, freq="MS"), "close": column})
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY, season=12).fit(frame, target="close")
    assert ("MASE is scaled by the mean difference one season (12 rows) apart of the rows before the cutoff, "
            "which this one step "
            "raises by") in caplog.text and "the mean step of the rows before the cutoff" not in caplog.text


def _logged(frame, caplog, **fit) -> str:
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        Forecaster(**{**TINY, **fit.pop("settings", {})}).fit(frame, target="close", **fit)
    return caplog.text


def _christmases(flagged=(48, 100, 152)) -> pd.DataFrame:
    """Weekly sales near 60; Christmas weeks (rows 48, 100, 152) at 130, 300 and 110, ``xmas`` 1 on ``flagged``."""
    rng = np.random.default_rng(0)
    y = 60 + rng.normal(0, 10, 260)
    y[48], y[100], y[152] = 130, 300, 110
    xmas = np.zeros(260)
    xmas[list(flagged)] = 1
    return pd.DataFrame({"date": pd.date_range("2020-01-05", periods=260, freq="W-SUN"), "close": y, "xmas": xmas,
                         "temp": rng.normal(20, 5, 260)})


def test_a_spike_on_a_row_whose_covariate_lifts_its_other_rows_is_said_as_real(caplog):
    """A tester's Christmas week (355 among 56 and 67, xmas=1) was told "one outlying value (a typo, a sensor
    glitch)? ... leave the cell blank" (decision 1890): the other Christmas weeks of the training rows rise too (by
    70 and 50 where this one rises by 240, over a fifth of it), so xmas=1 explains it, said as a warning that the
    run's notes keep (decision 1949); a covariate of ever-changing values (a temperature) explains nothing."""
    text = _logged(_christmases(), caplog, future_covariates=["xmas", "temp"])
    assert "column 'close' holds 300 at 2021-12-05, one row far from those on either side" in text
    assert "read as a real value, not a typo: the row's xmas=1 may explain it. It raises MASE's scale" in text
    assert "WARNING" in text and "typo, a sensor glitch" not in text and "leave the cell blank" not in text
    assert "temp=" not in text
    text = _logged(_christmases(flagged=(100,)), caplog, future_covariates=["xmas", "temp"])  # no other row to show it
    assert "one outlying value (a typo, a sensor glitch)?" in text and "leave the cell blank (fill=, --fill)" in text


def test_a_flag_that_never_moves_the_target_explains_no_typo(caplog):
    """A promotion on 40 % of weeks with no effect on sales, and a decimal shift (10 times the value) on one
    promotion week: the rule of decision 1890 (any covariate off its usual value) read it as real, "the row's promo=1
    may explain it", with no warning. The other promotion weeks do not rise: a typo, as before (decision 1948)."""
    rng = np.random.default_rng(3)
    y = 100 + np.cumsum(rng.normal(0, 1, 200))
    promo = (rng.random(200) < 0.4).astype(float)
    promo[100], y[100] = 1.0, y[100] * 10
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=200, freq="W-SUN"), "close": y,
                          "promo": promo})
    text = _logged(frame, caplog, future_covariates=["promo"])
    assert "one outlying value (a typo, a sensor glitch)?" in text and "leave the cell blank" in text
    assert "promo=1" not in text and "read as a real value" not in text


def test_a_spike_that_repeats_one_season_apart_is_said_as_real(caplog):
    """A yearly peak (a Christmas week: 300 among weeks near 60, and 130 a year later) is no typo (decision
    1890)."""
    y = 60 + np.random.default_rng(0).normal(0, 10, 260)
    y[100], y[152] = 300, 130  # 52 weeks apart; the second, lower, is itself no jump
    frame = pd.DataFrame({"date": pd.date_range("2020-01-05", periods=260, freq="W-SUN"), "close": y})
    text = _logged(frame, caplog, settings={"season": 52})
    day = frame.date[152].strftime("%Y-%m-%d")
    assert f"holds 300 at {frame.date[100].strftime('%Y-%m-%d')}, one row far from those on either side" in text
    assert f"read as a real value, not a typo: a like peak one season after it (130 at {day}) may explain it" in text
    assert "typo, a sensor glitch" not in text


def _views(spiked, seed: int = 0, n: int = 400) -> np.ndarray:
    """Daily page views near 1000 with a weekly cycle, 20 times the day's on each row of ``spiked`` (bot traffic)."""
    y = 1000 * np.where(np.arange(n) % 7 >= 5, 0.6, 1.0) * np.exp(np.random.default_rng(seed).normal(0, 0.05, n))
    y[list(spiked)] *= 20
    return y


def test_days_up_and_back_are_outlying_values_whatever_their_number_and_the_other_series_named(caplog):
    """t36t6: two x20 days of bot traffic were four "single steps ... splits, unit changes or data errors? ... put
    them in the later units", three were six steps, "a volatile stretch", and said nothing, and the panel's line
    ended "likewise 1 other column" for a series (decision 1962)."""
    days = pd.date_range("2023-01-01", periods=400, freq="D")
    frame = pd.concat([pd.DataFrame({"site": site, "date": days, "close": _views(spiked, i)})
                       for i, (site, spiked) in enumerate((("A", (50, 200)), ("B", (30, 90, 150))))])
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        Forecaster(**TINY).fit(frame, target="close", id_col="site")
    [said] = [r.getMessage() for r in caplog.records if "far from those on either side" in r.getMessage()]
    assert said.startswith("column 'close' of series 'A' holds 2 values far from those on either side, each back near "
                           "the value before it the next row: ")
    assert f"at {days[50].date()} (" in said and f"at {days[200].date()} (" in said
    assert "outlying values (typos, glitches, bot traffic), not splits?" in said and "leave the cells blank" in said
    assert said.endswith("; likewise in series 'B'") and "split)" not in said and "single steps" not in caplog.text


def _found(*columns: np.ndarray) -> list[dict]:
    from rnncast import jumps
    from rnncast.loading import load_panel
    from rnncast.windows import Split

    days = pd.date_range("2023-01-01", periods=len(columns[0]), freq="D")
    frame = pd.concat([pd.DataFrame({"id": f"s{i}", "date": days, "close": c}) for i, c in enumerate(columns)])
    panel = load_panel(frame, "close", id_col="id", time_col="date", announce=False)
    return jumps.find(panel, [Split(len(days), len(days), len(days))] * len(columns), season=7)


def test_any_number_of_spikes_is_named_a_volatile_stretch_is_not():
    """Eight spikes are eight runs; six steps far out that do not come back stay "a volatile stretch" (``MOST``)."""
    volatile = _views(())
    for row in (50, 100, 150, 200, 250, 300):
        volatile[row:] *= 30 if row % 100 else 1 / 30
    many, stretch = _found(_views(range(20, 400, 45)), volatile)[0], _found(volatile)
    assert [s["row"] for s in many["spikes"]] == list(range(20, 400, 45)) and many["steps"] == []
    assert stretch == []


def test_a_spike_beside_a_split_is_said_apart_from_it(caplog):
    """A column with a reverse split and two spikes: the spikes in the outlying line, the split alone in the steps'."""
    import logging

    from rnncast.jumps import warn

    y = 1000 * np.exp(np.random.default_rng(1).normal(0, 0.02, 400))
    y[[40, 300]] *= 20
    y[200:] *= 5  # a 1:5 reverse split
    found = _found(y)
    assert [s["row"] for s in found[0]["spikes"]] == [40, 300] and [s["row"] for s in found[0]["steps"]] == [200]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn(found)
    text = caplog.text
    assert "holds 2 values far from those on either side" in text and "moves from" in text
    assert "in one step at 2023-07-20" in text and "a split, a unit change or a data error?" in text


def test_where_rows_are_missing_the_raise_is_that_of_the_calendar_pairs_mase_takes(caplog):
    """MASE's scale pairs values a season of calendar steps apart where rows are missing (decision 1885); the raise
    said was measured by rows, pairing values across the gaps (decision 1964)."""
    from rnncast import calendarlags, jumps
    from rnncast.loading import load_panel
    from rnncast.windows import Split

    rng = np.random.default_rng(2)
    days = pd.date_range("2023-01-01", periods=300, freq="D")
    y = 100 + np.cumsum(rng.normal(0, 1, 300))
    y[150:] /= 2
    kept = np.ones(300, bool)
    kept[[30, 31, 60, 90, 91, 92, 120, 200, 201, 240]] = False  # ten days missing, no fill_gaps
    panel = load_panel(pd.DataFrame({"date": days[kept], "close": y[kept]}), "close", time_col="date", announce=False)
    placed = calendarlags.placed(panel)
    assert placed, "the rows skip calendar steps"
    column, at = panel.rows(0)[:, 0], placed[0][0]
    [f] = jumps.find(panel, [Split(len(column), len(column), len(column))], season=7, placed=placed)
    [k] = [s["row"] - 1 for s in f["steps"]]
    undone = column.copy()
    undone[k + 1:] -= column[k + 1] - column[k]
    assert np.isclose(f["raise"], calendarlags.scale(column, at, 7) / calendarlags.scale(undone, at, 7) - 1)
    by_rows = jumps.find(panel, [Split(len(column), len(column), len(column))], season=7)[0]["raise"]
    assert not np.isclose(f["raise"], by_rows)
    with caplog.at_level("WARNING", logger="rnncast"):
        jumps.warn([f])
    assert f"the mean difference one season (7 calendar steps) apart of the rows before the cutoff, which this one step " \
           f"raises by " \
           f"{100 * f['raise']:.0f}%" in caplog.text


def test_a_x20_first_or_last_row_before_the_cutoff_is_an_outlying_value_not_a_split(caplog):
    """t37t6: a x20 first day was "moves from 19304.7 to 973.267 (-95%) in one step ... a split ... put them in the
    later units", advice that would multiply 399 days by 20, and so was a x20 last training row whose next
    (validation) row is back near 1000 (decision 2008): each is one outlying value, dated, where it stands said. The
    rule reads every row before the cutoff (decision 2219): its end is the last validation row (319 of 400), the
    last training row (279) one among the others."""
    days = pd.date_range("2023-01-01", periods=400, freq="D")
    for row, where in ((0, "its first row, far from the one after it ("), (279, "one row far from those on either side ("),
                       (319, "its last row before the cutoff, far from the one before it (")):
        text = _logged(pd.DataFrame({"date": days, "close": _views((row,))}), caplog)
        assert f"holds {_views((row,))[row]:.6g} at {days[row].date()}, {where}" in text
        assert "one outlying value (a typo, a sensor glitch)?" in text and "in one step" not in text
        assert "put them in the later units" not in text
    assert "back to" in text and "the next row, the first after the cutoff" in text


def test_a_two_week_promotion_that_recurs_each_season_is_said_as_real_as_a_one_week_one_is(caplog):
    """t37t6: weekly sales with a promotion the first two weeks of every year were "outlying values (typos, glitches,
    bot traffic) ... leave the cells blank", the one-week promotion "read as a real value" (decision 2007); the first
    year's, at the data's start, was a split (decision 2008). Each is now read as real, the fall of MASE's scale
    said as one ("lowers ... by", decision 2009)."""
    weeks = pd.date_range("2020-02-08", periods=250, freq="W-SAT")
    y = 100 + 20 * np.sin(2 * np.pi * np.arange(250) / 52) + np.random.default_rng(4).normal(0, 5, 250)
    y[(np.arange(250) % 52) < 2] += 200
    text = _logged(pd.DataFrame({"date": weeks, "close": y}), caplog, settings={"season": 52})
    assert (f"holds {y[0]:.6g} to {y[1]:.6g} at {weeks[0].date()} to {weeks[1].date()}, its first 2 rows, far from the "
            f"one after them ({y[2]:.6g} after), read as real values, not typos: a like peak one season after it") in text
    assert "so are its 3 other such runs" in text and "typos, glitches" not in text and "in one step" not in text
    assert "lower MASE's scale" in text and "by -" not in text


def test_outlying_values_raise_the_scale_as_blanking_them_the_lines_remedy_would():
    """t38t1 10 (decision 2056): two one-day spikes (x20, x25) under a season of 7 were said to raise MASE's scale by
    667%, the spikes undone as two splits (every later value moved by the rows' difference), while blanking them, the
    line's own advice, gives 745%: the raise is now the scale over that with the values blank, pairs with a blank end
    left out as MASE leaves them."""
    from rnncast import jumps
    from rnncast.loading import load_panel
    from rnncast.metrics import naive_scale
    from rnncast.windows import Split

    rng = np.random.default_rng(3)
    days = pd.date_range("2023-01-01", periods=300, freq="D")
    y = 1000 + 100 * np.sin(2 * np.pi * days.day_of_week.to_numpy() / 7) + rng.normal(0, 30, 300)
    y[100] *= 20
    y[250] *= 25
    panel = load_panel(pd.DataFrame({"date": days, "views": y}), "views", time_col="date", announce=False)
    [f] = jumps.find(panel, [Split(300, 300, 300)], season=7)
    assert [one["row"] for one in f["spikes"]] == [100, 250] and not f["steps"]
    blank = np.isfinite(y) & ~np.isin(np.arange(300), [100, 250])
    assert np.isclose(f["spike_raise"], naive_scale(y, 7) / naive_scale(y, 7, blank) - 1)
    assert np.isclose(f["spikes"][0]["raise"], naive_scale(y, 7) / naive_scale(y, 7, np.arange(300) != 100) - 1)
    assert jumps.blanked_raise(y, [], 7) == 0.0



def test_a_final_fit_that_scores_nothing_says_what_the_network_learns_not_mase(caplog):
    """Decision 2159: a final fit (test_frac 0, val_frac 0) makes no score and no MASE, yet its split line said "The
    scores are left as they are, but MASE is scaled by ...", an outlying value's "it raises MASE's scale ... by 147%"
    and a real peak's "It raises MASE's scale"; a fit with validation rows, which it scores, keeps them."""
    final = {"test_frac": 0, "val_frac": 0}
    frame = _prices(0)
    frame.loc[100:, "close"] /= 2
    text = _logged(frame, caplog, settings=final)
    assert "a split, a unit change or a data error? The network learns it as a move of the series; if the values " \
           "before it are in other units" in text and "MASE" not in text and "scores" not in text
    assert "The scores are left as they are, but MASE" in _logged(frame, caplog, settings={"test_frac": 0})
    spiked = _prices(0)
    spiked.loc[120, "close"] *= 8
    text = _logged(spiked, caplog, settings=final)
    assert "one outlying value (a typo, a sensor glitch)? The network learns from it as from any other; if it is no " \
           "measurement" in text and "MASE" not in text
    text = _logged(_christmases(), caplog, future_covariates=["xmas", "temp"], settings=final)
    assert "read as a real value, not a typo: the row's xmas=1 may explain it" in text and "MASE" not in text
