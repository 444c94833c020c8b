"""zerotail: fill='zero' writes 0 in a series' absent weeks after its last row, up to the panel's last date (a till
export that leaves out the weeks without sales, the last ones too), said with their count and series."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from rnncast.loading import load_panel

WEEKS = pd.date_range("2023-01-01", periods=30, freq="W-SUN")


def _weekly(ended: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    parts = []
    for s in "ABC":
        weeks = WEEKS[:-ended] if s == "C" else WEEKS
        parts.append(pd.DataFrame({"week": weeks, "sku": s, "sales": rng.poisson(3, len(weeks)).astype(float)}))
    return pd.concat(parts, ignore_index=True)


def test_zero_fill_writes_no_sales_up_to_the_panels_last_week_and_says_whose(caplog):
    """Before: C's last 3 weeks were no rows at all: fit trained on a series that stopped early, and predict forecast
    C from 2024-02-04 (its own end), weeks A and B already cover, where A's and B's forecasts began 2024-02-25."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_weekly(), "sales", time_col="week", id_col="sku", fill="zero")
    c = panel.ids.index("C")
    rows = slice(panel.offsets[c], panel.offsets[c + 1])
    assert panel.time[rows][-1] == WEEKS[-1] and len(panel.time[rows]) == len(WEEKS)
    assert panel.values[rows][-3:, 0].tolist() == [0.0, 0.0, 0.0] and panel.zero_tail == {c: 3}
    assert "fill='zero' wrote 0 in 3 missing rows after the last row of 1 series, up to the panel's last row " \
           "2023-07-23: 'C' (3 from 2023-07-09); absent rows are taken as 0 (none happened)" in caplog.text
    assert "where a series ended instead (discontinued), leave its rows out, e.g. with pandas: df = df[df['sku'] != " \
           "'C']" in caplog.text


def test_other_fills_and_series_ending_together_are_left_as_they_are(caplog):
    for fill in ("ffill", "interpolate", None):  # a made-up level past the last value: not asked for
        panel = load_panel(_weekly(), "sales", time_col="week", id_col="sku", fill=fill)
        assert len(panel.values) == 3 * len(WEEKS) - 3
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        together = load_panel(_weekly().query("week < @WEEKS[-3]"), "sales", time_col="week", id_col="sku", fill="zero")
    assert len(together.values) == 3 * (len(WEEKS) - 3) and "fill='zero' wrote" not in caplog.text
    one = load_panel(_weekly().query("sku == 'C'"), "sales", time_col="week", id_col="sku", fill="zero")
    assert len(one.values) == len(WEEKS) - 3  # one series: its own end is the data's


def test_predict_forecasts_the_zero_filled_series_from_the_panels_end():
    from rnncast.forecaster import Forecaster

    data = _weekly()
    model = Forecaster(lookback=6, horizon=2, epochs=1, hidden_size=4, seed=0, fill="zero").fit(
        data, target="sales", time_col="week", id_col="sku")
    forecast = model.predict(data)
    assert set(forecast.groupby("sku")["week"].min()) == {WEEKS[-1] + pd.offsets.Week(weekday=6)}


def test_a_wide_tables_blank_last_weeks_and_rows_fill_gaps_inserts_are_zero_too(caplog):
    """A wide table's series whose last cells are blank was cut at its last value under fill='zero' (16 rows of 20)."""
    wide = pd.DataFrame({"week": WEEKS[:20], "A": 1.0, "B": [2.0] * 16 + [np.nan] * 4})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(wide, series=["A", "B"], time_col="week", fill="zero")
    assert panel.offsets.tolist() == [0, 20, 40] and panel.values[-4:, 0].tolist() == [0.0] * 4
    assert "leave its column out, e.g. with pandas: df = df.drop(columns=['B'])" in caplog.text
    gappy = _weekly().drop(index=[62, 63])  # two of C's weeks inside, and its last three
    panel = load_panel(gappy, "sales", time_col="week", id_col="sku", fill="zero", fill_gaps=True)
    assert len(panel.values) == 3 * len(WEEKS)


def test_a_series_that_ended_long_before_the_panel_is_refused_naming_it_and_how_to_cut_it():
    """Before: a series of 8 weeks ending 22 weeks before the panel's end got 22 weeks of 0 appended (more made than
    given), only warned of; now refused at fit and predict alike, up to as many rows as the series has still filled."""
    import pytest

    from rnncast import RnncastError

    with pytest.raises(RnncastError, match=r"^fill='zero' would append more rows of 0 after the last row of 1 series than "
                                           r"the series has: 'C' \(22 after 2023-02-19, where it has 8 rows\); .*leave its "
                                           r"rows out, e.g. with pandas: df = df\[df\['sku'\] != 'C'\], or, where it truly "
                                           r"sold nothing since, give those rows with 0 in the data$"):
        load_panel(_weekly(ended=22), "sales", time_col="week", id_col="sku", fill="zero")
    panel = load_panel(_weekly(ended=15), "sales", time_col="week", id_col="sku", fill="zero")  # 15 of 15: kept
    assert panel.zero_tail == {2: 15}
    wide = pd.DataFrame({"week": WEEKS[:20], "A": 1.0, "B": [2.0] * 6 + [np.nan] * 14})
    with pytest.raises(RnncastError, match=r"'B' \(14 after .*, where it has 6 rows\).*df = df.drop\(columns=\['B'\]\)"):
        load_panel(wide, series=["A", "B"], time_col="week", fill="zero")


def _stores(missing: dict) -> pd.DataFrame:
    """Stores 1..5 (int ids), each missing its last ``missing[store]`` weeks."""
    rng = np.random.default_rng(1)
    return pd.concat([pd.DataFrame({"week": WEEKS[: len(WEEKS) - missing.get(s, 0)], "store": s,
                                    "sales": rng.poisson(3, len(WEEKS) - missing.get(s, 0)).astype(float)})
                      for s in range(1, 6)], ignore_index=True)


def test_the_tail_line_names_the_longest_tail_first_and_its_id_as_the_column_holds_it(caplog, tmp_path):
    """Before: the line named the first series by id (store 1, missing its last week) and quoted it though the
    column holds ints: ``df[df['store'] != '1']`` removed nothing; the stores missing the most weeks came last or
    were hidden in "and 1 more". Now the longest tails come first and the pasted line leaves out that store."""
    data = _stores({1: 1, 2: 2, 3: 4, 4: 5})
    path = tmp_path / "sales.csv"
    data.to_csv(path, index=False)
    for given in (data, path):  # a frame of int ids, and a file whose column pandas reads as ints
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            load_panel(given, "sales", time_col="week", id_col="store", fill="zero")
        assert "after the last row of 4 series, up to the panel's last row 2023-07-23: 4 (5 from 2023-06-25), " \
               "3 (4 from 2023-07-02), 2 (2 from 2023-07-16) and 1 more;" in caplog.text
        line = caplog.text.split("e.g. with pandas: ")[1].split("\n")[0].strip()
        assert line == "df = df[df['store'] != 4]"
        scope = {"df": pd.read_csv(path)}
        exec(line, {}, scope)  # the line as a user pastes it: store 4's rows are gone, the others kept
        assert sorted(scope["df"]["store"].unique()) == [1, 2, 3, 5]


def test_the_refusal_of_long_tails_names_the_longest_first_and_its_id_as_the_column_holds_it():
    import pytest

    from rnncast import RnncastError

    with pytest.raises(RnncastError, match=r"than the series has: 4 \(22 after .*, where it has 8 rows\), 2 \(18 after "
                                           r".*, where it has 12 rows\); .*df = df\[df\['store'\] != 4\], or"):
        load_panel(_stores({2: 18, 4: 22}), "sales", time_col="week", id_col="store", fill="zero")


def test_evaluate_and_predict_say_the_tail_line_of_the_zeros_they_fill_once_per_model(caplog):
    """Before: evaluate (and predict) filled and scored a closed store's made-up zeros saying only "filling N missing
    values with zero"; fit's line of whose tails were made up was not said, though those stores scored best."""
    from rnncast.forecaster import Forecaster

    data = _stores({1: 1, 4: 5})
    model = Forecaster(lookback=6, horizon=2, epochs=1, hidden_size=4, seed=0, fill="zero").fit(
        data, target="sales", time_col="week", id_col="store")
    line = "fill='zero' wrote 0 in 6 missing rows after the last row of 2 series, up to the panel's last row " \
           "2023-07-23: 4 (5 from 2023-06-25), 1 (1 from 2023-07-23); absent rows are taken as 0 (none happened)"
    for call in (lambda: model.evaluate(data), lambda: model.predict(data)):
        model.state_.said.clear()  # evaluate, then predict, of a model that has said nothing yet
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            call()
            call()  # a loop handing the same table again: said once
        assert caplog.text.count(line) == 1 and "df = df[df['store'] != 4]" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(data.query("week < @WEEKS[-5]"))  # every series up to the same end: nothing made up
    assert "fill='zero' wrote" not in caplog.text
