"""``load_panel`` (``loading.py``): a table read into a ``Panel`` whose series each keep their own
length, start and rows in time order; the same timestamp in two series is fine, a repeated or
unsorted timestamp within one series is refused with its place (and its series)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, berlin_wall_times
from rnncast import Forecaster, RnncastError
from rnncast import clockchanges
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


# ---- the order of time within a series ------------------------------------------------------------

def test_duplicated_timestamp_is_refused(frame):
    frame.loc[9, "date"] = frame.loc[8, "date"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-01-01 08:00:00"):
        load_panel(frame, target="y")


def test_a_duplicate_at_a_clock_going_back_names_the_zone_and_tz(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    frame = berlin_wall_times("2024-10-26 20:00", 20, "h")
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-10-27 02:00 at row 6 and row 7; each time "
                       r"step of a series must appear once; this looks like local time across a daylight-saving change "
                       r"\(2024-10-27 02:00 occurs twice in Europe/Berlin\); give its zone to read it \(tz=, --tz\)$"):
        load_panel(frame, "load")
    half = berlin_wall_times("2024-10-26 23:00", 20, "30min")  # 02:00, 02:30, 02:00: time goes back, to a time given
    with pytest.raises(RnncastError, match=r"duplicated timestamp 2024-10-27 02:00 at row 6 and row 8 \(2 rows repeat an earlier "
                                           r"row's time\); .* occurs twice "
                                           r"in Europe/Berlin"):  # twice: named first (decision 802)
        load_panel(half, "load")
    assert load_panel(frame, "load", tz="Europe/Berlin").time.is_monotonic_increasing  # what the hint says works
    monkeypatch.setattr(clockchanges, "local_zone", lambda: "Europe/Paris")  # the machine's own zone is named first
    with pytest.raises(RnncastError, match=r"occurs twice in Europe/Paris, Europe/Berlin\)"):
        load_panel(frame, "load")
    with pytest.raises(RnncastError) as other:  # a duplicate on an ordinary day: no such hint
        load_panel(pd.concat([frame.iloc[:3], frame.iloc[2:6]]), "load")
    assert "daylight" not in str(other.value)


def test_predict_offers_a_refit_with_the_zone_not_a_tz_it_cannot_take(monkeypatch):
    monkeypatch.setattr(clockchanges, "local_zone", lambda: None)  # the common zones only, whatever this machine's
    frame = berlin_wall_times("2024-10-24 00:00", 80, "h")
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame.iloc[:60], target="load")
    with pytest.raises(RnncastError, match=r"occurs twice in Europe/Berlin\); the model reads times in the zone it "
                       r"was fitted in: refit with the zone \(rnncast fit DATA --tz ZONE, tz= in Python\) to read them"):
        model.predict(frame)


def test_unsorted_timestamps_are_refused(frame):
    frame.loc[[8, 9], "date"] = frame.loc[[9, 8], "date"].to_numpy()
    with pytest.raises(RnncastError, match=r"not sorted"):
        load_panel(frame, target="y")


def test_rows_given_newest_first_are_read_oldest_first_with_one_warning_in_every_layout(frame, panel_frame, caplog):
    """A single series given newest first was refused ("not sorted") while a long panel so given was sorted
    without a word: both are now read in time order, said once."""
    import logging

    with caplog.at_level(logging.WARNING, logger="rnncast"):
        single = load_panel(frame.iloc[::-1], target="y")
    assert np.array_equal(single.values, load_panel(frame, target="y").values)
    said = [m for m in caplog.messages if "newest" in m]
    assert said == [f"the rows are given newest first (from {frame['date'].iloc[-1]:%Y-%m-%d %H:%M:%S} at row 0 back "
                    f"to {frame['date'].iloc[0]:%Y-%m-%d %H:%M:%S}): read oldest first, in time order"]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        long = load_panel(panel_frame.iloc[::-1])
    assert np.array_equal(long.values, load_panel(panel_frame).values)
    said = [m for m in caplog.messages if "newest" in m]
    assert len(said) == 1 and said[0].startswith("the rows are given newest first in series 's000', 's001', 's002'")


def test_a_series_whose_rows_go_back_in_time_otherwise_is_refused_in_every_layout(frame, panel_frame):
    """A long panel's series shuffled was sorted without a word, where one series was refused: a step back
    that is not newest first may be a misread date or a forgotten id column, so both are refused by place."""
    with pytest.raises(RnncastError, match=r"^timestamps are not sorted in series 's\d+': .* comes after .*; sort the "
                                           r"rows by time$"):
        load_panel(panel_frame.sample(frac=1.0, random_state=0))
    with pytest.raises(RnncastError, match=r"^timestamps are not sorted: "):
        load_panel(frame.iloc[[*range(5), 6, 5, *range(7, len(frame))]], target="y")


def test_duplicate_timestamps_within_a_series_are_refused_with_the_series_named(panel_frame):
    frame = panel_frame.copy()
    first = frame.index[frame.unique_id == "s002"][5]
    frame.loc[first + 1, "ds"] = frame.loc[first, "ds"]
    with pytest.raises(RnncastError, match=r"duplicated timestamp .* in series 's002' at row \d+ and row \d+"):
        Forecaster(**TINY).fit(frame)


def test_a_long_table_read_as_one_series_names_the_id_column_it_forgot():
    """Three stores in one file without id_col: the times repeat, and the refusal names the text
    column that tells the series apart (a newcomer was told only to sort the rows by time)."""
    days = pd.date_range("2021-01-01", periods=30, freq="D")
    frame = pd.concat([pd.DataFrame({"store": s, "date": days, "sales": np.arange(30.0)}) for s in ("A", "B", "C")])
    for table in (frame, frame.sort_values("date")):
        with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), "
                                               r"e\.g\. 'store'"):
            load_panel(table, target="sales")
    numbered = frame.assign(store=frame["store"].map({"A": 1, "B": 2, "C": 3}))  # ids as whole numbers
    with pytest.raises(RnncastError, match=r"with id_col= \(--id-col\), e\.g\. 'store'"):
        load_panel(numbered, target="sales")
    with pytest.raises(RnncastError) as err:  # no such column: the refusal as before, no guess
        load_panel(frame.drop(columns="store"), target="sales")
    assert "id_col" not in str(err.value)


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
