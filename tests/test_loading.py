"""``load_panel`` (``loading.py``): a table read into a ``Panel`` whose series each keep their own
length, start and rows; the same timestamp in two series is fine (a repeated or unsorted timestamp within one
series: test_assembly.py)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.loading import load_panel

# ---- many series, one array ----------------------------------------------------------------------

def test_long_format_keeps_each_series_with_its_own_length_and_start(panel_frame):
    shuffled = panel_frame.sample(frac=1.0, random_state=0).sort_values("ds", kind="stable")  # series interleaved:
    panel = load_panel(shuffled)  # the order among series carries no meaning in long format, each series' own does
    sizes = panel_frame.groupby("unique_id").size()
    assert panel.ids == sorted(sizes.index) and list(panel.lengths) == list(sizes.loc[panel.ids])
    for s, uid in enumerate(panel.ids):
        rows = panel_frame[panel_frame.unique_id == uid]
        assert np.array_equal(panel.rows(s)[:, 0], rows["y"].to_numpy(np.float64))  # sorted back into time order
        assert panel.time_of(s)[0] == rows["ds"].iloc[0]
    assert panel.calendar.freq == pd.tseries.frequencies.to_offset("h") and panel.columns == ["y"]


def test_an_integer_column_label_0_names_the_id_column(panel_frame):
    """``id_col=0`` is a column label like any other (a table with integer labels), not "no id column"."""
    numbered = panel_frame[["unique_id", "ds", "y"]].set_axis([0, 1, 2], axis=1)
    panel = load_panel(numbered, target=[2], time_col=1, id_col=0)
    expected = load_panel(panel_frame[["unique_id", "ds", "y"]])
    assert panel.layout == "long" and panel.id_col == "0" and panel.ids == expected.ids
    assert np.array_equal(panel.values, expected.values) and list(panel.offsets) == list(expected.offsets)


def test_the_same_timestamp_in_two_series_is_fine(panel_frame):
    aligned = panel_frame.copy()
    aligned["ds"] = aligned.groupby("unique_id").cumcount().map(lambda k: pd.Timestamp("2024-01-01") + pd.Timedelta(hours=k))
    assert load_panel(aligned).n_series == 4


def test_what_reading_did_to_the_data_is_a_warning_a_notebook_shows_and_where_time_came_from_is_not(caplog):
    """A notebook shows WARNING and up: columns left out, values filled, rows a gap filled were INFO lines it never
    showed; dates read day first where a day past 12 settles it stay INFO, as month first is said nothing. Where the time column was found is a fact, not a change."""
    import logging

    n = 40
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n, freq="D").strftime("%d/%m/%Y"),
                          "y": np.sin(np.arange(n) / 3.0), "promo": np.arange(n) % 2})
    frame.loc[5, "y"] = np.nan
    frame = frame.drop(index=9)  # a missing day, which fill_gaps inserts
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(frame, target="y", fill="ffill", fill_gaps=True)
    level = {r.getMessage().split(" (")[0].split(":")[0]: r.levelno for r in caplog.records}
    assert level["time column 'date' is read day first"] == logging.INFO  # 13/01/2020 settles it: nothing to act on
    assert level["not used"] == logging.WARNING
    assert level["filling 2 missing values with ffill"] == logging.WARNING
    assert level["fill_gaps inserted 1 missing row"] == logging.WARNING
    assert level["time"] == logging.INFO


def test_a_refusal_names_a_series_by_its_id_as_the_caller_gave_it():
    frame = pd.DataFrame({"unique_id": [101, 101, 102], "ds": [0, 0, 0], "y": [1.0, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=r"^duplicated timestamp 0 in series 101 at "):  # not '101'
        load_panel(frame)


def _prophet_style(rows: int = 40, ahead: int = 3) -> pd.DataFrame:
    """History, then ``ahead`` rows of the future's covariate with the target blank, as Prophet takes them."""
    days = pd.date_range("2020-01-01", periods=rows + ahead, freq="D")
    sales = np.r_[np.arange(rows, dtype=float), [np.nan] * ahead]
    return pd.DataFrame({"date": days, "sales": sales, "temp": np.arange(rows + ahead) % 7.0})


@pytest.mark.parametrize("fill", [None, "ffill", "drop"])
def test_future_rows_appended_to_the_history_are_refused_naming_them_and_the_way_to_give_them(fill):
    """They were refused as missing values (with --fill offered), and with a fill were filled as history."""
    with pytest.raises(RnncastError, match=r"^the last 3 rows of the data \(2020-02-10 to 2020-02-12, rows 40-42\) have "
                                           r"no value of sales but have the future covariates temp: future rows appended "
                                           r"to the history are not read as history; if they are the forecast's future, "
                                           r"give the data without them, and those rows as the future \(predict --future "
                                           r"FILE, future= in Python\); if instead the target's readings are missing "
                                           r"there \(a late feed\), give the data without them"):
        load_panel(_prophet_style(), target="sales", future_covariates=["temp"], fill=fill)


def test_one_future_row_appended_is_said_in_the_singular():
    with pytest.raises(RnncastError, match=r"^the last row of the data \(2020-02-10, row 40\) has no value of sales but "
                                           r"has the future covariates temp: "):
        load_panel(_prophet_style(ahead=1), target="sales", future_covariates=["temp"])


def test_a_blank_target_that_is_no_future_row_is_still_a_missing_value():
    frame = _prophet_style()
    with pytest.raises(RnncastError, match=r"have a date but no value of 'sales'"):  # no covariate: decision 1475
        load_panel(frame.assign(temp=frame["temp"].where(frame["sales"].notna())), target="sales",
                   future_covariates=["temp"])
    long = pd.concat([_prophet_style().assign(unique_id=i) for i in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^the last 3 rows of series 'a' \(2020-02-10 to 2020-02-12, rows 40-42\)"):
        load_panel(long, target="sales", future_covariates=["temp"], id_col="unique_id")


def test_rnncasts_own_sine_wave_does_not_offer_its_row_counter_as_a_covariate(caplog, tmp_path):
    """fit(datasets.sine_wave(), target='y') said "not used: t (to train on them, name them with past_covariates=...)";
    then (a newcomer's find) the tutorials' sine written to CSV got an INFO, "no time column: rows are numbered; name
    one with ...", and a WARNING, "t counts the rows ...", with nothing to fix: the rows t counts are the rows numbered.
    One INFO line says both (decision 738)."""
    from rnncast import datasets

    datasets.sine_wave(60).to_csv(tmp_path / "sine.csv", index=False)
    for data in (datasets.sine_wave(60), tmp_path / "sine.csv"):
        caplog.clear()
        with caplog.at_level("INFO", logger="rnncast"):
            panel = load_panel(data, target="y")
        assert panel.unused == ["t"]  # still recorded as not used, as before
        assert [r.levelname for r in caplog.records if r.levelno >= logging.WARNING] == []
        assert [r.getMessage() for r in caplog.records] == [
            "no time column: rows are numbered; t counts them (up by one each row), so it is not used as a covariate; "
            "to read it as the time, name it with time_col= (--time-col)"]
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        load_panel(datasets.sine_wave(60).assign(u=np.arange(60.0) % 5), target="y", time_col=False)  # another column: warned of alone
    assert [r.getMessage() for r in caplog.records] == [
        "no time column: rows are numbered; as told (time_col=False); t counts them (up by one each row), so it is not "
        "used as a covariate", "not used: u (to train on them, name them with past_covariates= or future_covariates= "
        "(--past-covariates, --future-covariates), or features='all' (--features all))"]


def test_wide_data_with_static_columns_named_is_refused_before_any_is_read():
    """load_panel checks the layout first: wide data's static covariates named as columns went on to a groupby
    without series codes and failed inside pandas."""
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=30, freq="D"), "a": np.arange(30.0),
                          "b": np.arange(30.0) * 2, "c": np.ones(30)})
    with pytest.raises(RnncastError, match=r"^static covariates named as columns .* wide data \(series=, --series\) takes "
                                           r"them as a table of their own"):
        load_panel(frame, series=["a", "b"], static_covariates=["c"])


@pytest.mark.parametrize("target", [[], ()])
def test_an_empty_list_of_targets_is_refused_as_a_config_files_is_not_trained_into_torchs_error(target):
    """fit(df, target=[]) built a network of no inputs: torch's "input_size must be greater than zero"."""
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=40, freq="D"), "y": np.arange(40.0)})
    with pytest.raises(RnncastError, match=r"^target= \(--target\) must be a column name or a list of them, got \[\]; "
                                           r"name the column\(s\) to forecast"):
        load_panel(frame, target=target)
    with pytest.raises(RnncastError, match=r"must be a column name or a list of them, got \[\]"):
        Forecaster(**TINY).fit(frame, target=target)
