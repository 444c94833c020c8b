"""The three layouts a table comes in (``layouts.py``): long (an id column names each row's series;
ids are text as written), wide (a column per series, each trimmed to its own span) and single; the
columns ordered by role (targets, past covariates, future covariates); and what each layout
refuses: a column it cannot find, a target it cannot tell, a column in two roles."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.layouts import long_rows, single_rows, wide_rows
from rnncast.loading import load_panel

# ---- long, wide, single: the rows each layout hands on ------------------------------------------

def test_single_rows_order_the_columns_by_role_and_keep_the_table_order():
    frame = pd.DataFrame({"when": pd.date_range("2024-01-01", periods=5, freq="D"), "promo": [0, 1, 0, 1, 0],
                          "y": np.arange(5.0), "temp": np.arange(5.0) * 10})
    rows = single_rows(frame, "y", None, None, False, ["temp"], ["promo"], None)
    assert rows.columns == ["y", "temp", "promo"] and (rows.n_targets, rows.n_past) == (1, 1)
    assert np.array_equal(rows.values, frame[["y", "temp", "promo"]].to_numpy(np.float64))
    assert rows.time_col == "when" and rows.ids == [None] and not rows.codes.any()


def test_long_rows_number_the_series_by_their_sorted_ids_as_text():
    frame = pd.DataFrame({"unique_id": [20, 3, 20, 3], "ds": pd.to_datetime(["2024-01-02", "2024-01-01"] * 2),
                          "y": [1.0, 2.0, 3.0, 4.0]})
    rows = long_rows(frame, "unique_id", None, None, None, False, None, None, None, None)
    assert rows.ids == ["3", "20"] and list(rows.codes) == [1, 0, 1, 0]  # sorted as numbers, named as text
    assert rows.columns == ["y"] and np.array_equal(rows.values[:, 0], frame["y"].to_numpy())  # the table's order


def test_wide_rows_trim_each_series_to_its_first_and_last_value():
    frame = pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=5, freq="h"),
                          "a": [np.nan, 1.0, 2.0, 3.0, np.nan], "b": [5.0, 6.0, 7.0, 8.0, 9.0], "hour": np.arange(5.0)})
    rows = wide_rows(frame, ["a", "b"], None, None, ["hour"], False, None, None, None)
    assert rows.ids == ["a", "b"] and rows.columns == ["y", "hour"]
    assert list(rows.codes) == [0, 0, 0, 1, 1, 1, 1, 1] and list(rows.positions) == [1, 2, 3, 0, 1, 2, 3, 4]
    assert np.array_equal(rows.values[:3], [[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])  # the shared covariate of each row
    with pytest.raises(RnncastError, match="each series column is a target"):
        wide_rows(frame, ["a", "b"], "a", None, None, False, None, None, None)
    with pytest.raises(RnncastError, match="features='all' cannot apply to wide format"):
        wide_rows(frame, ["a"], None, None, "all", False, None, None, None)


def test_wide_format_trims_each_series_to_its_own_span_and_trains_the_long_model(panel_frame):
    wide = panel_frame.pivot(index="ds", columns="unique_id", values="y").reset_index()  # NaN where a series is absent
    panel = load_panel(wide, series="all")
    assert panel.ids == sorted(panel_frame.unique_id.unique())
    assert list(panel.lengths) == list(panel_frame.groupby("unique_id").size())
    a = Forecaster(**TINY).fit(panel_frame)
    b = Forecaster(**TINY).fit(wide, series=["s000", "s001", "s002", "s003"])
    pa, pb = a.predict(panel_frame), b.predict(wide)
    assert list(pb.columns) == ["unique_id", "ds", "cutoff", "step_ahead", "y_hat"]
    assert np.array_equal(pa["y_hat"].to_numpy(), pb["y_hat"].to_numpy())
    assert np.array_equal(pa["ds"].to_numpy(), pb["ds"].to_numpy())


def test_long_format_column_names_can_be_chosen(panel_frame):
    renamed = panel_frame.rename(columns={"unique_id": "store", "ds": "when", "y": "sales"})
    f = Forecaster(**TINY).fit(renamed, target="sales", id_col="store", time_col="when")
    forecast = f.predict(renamed)
    assert list(forecast.columns) == ["store", "when", "cutoff", "step_ahead", "sales_hat"]


def test_ids_are_text_as_the_file_writes_them(tmp_path, caplog):
    frame = make_panel(3, seed=3)
    frame["unique_id"] = frame["unique_id"].map({"s000": "001", "s001": "010", "s002": "100"})
    path = tmp_path / "long.csv"
    frame.to_csv(path, index=False)
    f = Forecaster(**TINY).fit(path)
    assert f.ids_ == ["001", "010", "100"]
    assert list(f.predict(path)["unique_id"].unique()) == ["001", "010", "100"]
    extra = pd.concat([frame, frame[frame.unique_id == "001"].assign(unique_id="NEW")])
    extra.to_csv(path, index=False)
    with caplog.at_level("WARNING", logger="rnncast"):  # the known series forecast, the new one named (decision 2123)
        assert list(f.predict(path)["unique_id"].unique()) == ["001", "010", "100"]
    assert "'NEW'" in caplog.text and "not forecast" in caplog.text


# ---- roles, and what a layout cannot find -------------------------------------------------------

def test_features_all_takes_every_other_numeric_column(frame):
    frame = frame.assign(z=np.arange(len(frame), dtype=float), label="a")
    assert load_panel(frame, target="y", features="all").features == ["x", "z"]


def test_target_is_required_when_several_columns_could_be_it(frame):
    with pytest.raises(RnncastError, match=r"the table has 2 numeric columns \('y', 'x'\) and none is named the target"):
        load_panel(frame)


def test_unknown_id_column_is_named_with_the_columns_there_are(panel_frame):
    with pytest.raises(RnncastError, match=r"id column 'store' not found; available columns: unique_id, ds, y"):
        Forecaster(**TINY).fit(panel_frame, id_col="store")


def test_a_wide_series_may_be_named_y_as_long_format_s_target_but_not_as_its_id(panel_frame):
    wide = panel_frame.pivot(index="ds", columns="unique_id", values="y").reset_index().rename(columns={"s000": "y"})
    for series in ("all", ["y", "s001"]):  # 'y' is only a name here
        model = Forecaster(**TINY).fit(wide, series=series)
        assert "y" in model.predict(wide)["unique_id"].tolist()
    with pytest.raises(RnncastError, match="cannot be named 'unique_id'"):  # it would read as long format at predict
        Forecaster(**TINY).fit(wide.rename(columns={"s001": "unique_id"}), series=["y", "unique_id"])
    with pytest.raises(RnncastError, match=r"^column 's002' is named by series= \(--series\) and features= "
                                           r"\(--features\); give each column one role$"):  # in CLI words, not a list
        load_panel(wide, series=["y", "s002"], features=["s002"])


def test_a_wide_table_s_column_named_y_is_not_taken_for_the_values_it_is_not_used_or_refused(caplog):
    """The long rows' value column 'y' swallowed a real column y: not named as not used, target='y' accepted."""
    wide = _north_south().assign(y=np.arange(120.0))
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(wide, series=["north", "south"])
    assert panel.unused == ["temp", "y"]
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used: temp, y")]
    for target in ("y", ["y"]):  # as any other column named as a target there
        with pytest.raises(RnncastError, match="each series column is a target; leave target unset"):
            load_panel(wide, target, series=["north", "south"])
    with pytest.raises(RnncastError, match="^a covariate of wide data cannot be named 'y'"):  # model.json: 'y' twice
        load_panel(wide, series=["north", "south"], past_covariates=["y"])
    assert load_panel(wide, series=["north", "y"]).ids == ["north", "y"]  # as a series it is a name


def test_a_column_in_two_roles_is_refused_naming_both_in_words_not_a_python_list(panel_frame):
    """It said "covariate column(s) ['x'] named in more than one role", a Python list on the command line too
    (--features x --past-covariates x), and not which roles (decision 739)."""
    frame = panel_frame.assign(x=1.0)
    with pytest.raises(RnncastError, match=r"^column 'x' is named by past_covariates= \(--past-covariates\) and "
                                           r"future_covariates= \(--future-covariates\); give each column one role$"):
        Forecaster(**TINY).fit(frame, past_covariates=["x"], future_covariates=["x"])
    with pytest.raises(RnncastError, match=r"^column 'x' is named by features= \(--features\) and past_covariates= "):
        Forecaster(**TINY).fit(frame, features=["x"], past_covariates=["x"])


@pytest.mark.parametrize("role", ["features", "past_covariates", "future_covariates"])
def test_a_column_named_twice_in_one_role_is_refused_as_a_repeat(panel_frame, role):
    """It was "named in more than one role", which it is not: the words name the repeat."""
    frame = panel_frame.assign(x=1.0)
    with pytest.raises(RnncastError, match=rf"^{role}= \(--{role.replace('_', '-')}\) names 'x' twice; name each column once$"):
        Forecaster(**TINY).fit(frame, **{role: ["x", "x"]})


def test_a_table_without_a_numeric_column_says_so_rather_than_listing_none():
    """A file of dates alone was told "numeric columns: " and an empty list."""
    dates = pd.date_range("2020-01-01", periods=30, freq="D").strftime("%Y-%m-%d")
    with pytest.raises(RnncastError, match=r"^the data has no numeric column to forecast besides the time column "
                                           r"'date'; give a table with the values to forecast in a column of numbers$"):
        load_panel(pd.DataFrame({"date": dates}))
    with pytest.raises(RnncastError, match=r"besides the time column 'date' \(its other columns \('a', 'b'\) hold text\)"):
        load_panel(pd.DataFrame({"date": dates, "a": "x", "b": "y"}))
    with pytest.raises(RnncastError, match=r"^the table has 2 numeric columns \('u', 'v'\) and none is named the target"):
        load_panel(pd.DataFrame({"date": dates, "u": 1.0, "v": 2.0}))


def test_rows_of_several_series_read_as_one_name_the_column_that_tells_them_apart_for_their_reader():
    """Series stacked in a table read as one (their times repeat: named first, decision 802): fit is told to give
    id_col; predict of a model fitted on one series, which has no id_col, is told to give the rows of one series, not
    offered what it refuses (tune took one series too before decision 1166)."""
    from rnncast.spelling import one_series

    frame = pd.concat([pd.DataFrame({"store": s, "ds": pd.date_range("2020-01-01", periods=30, freq="D"),
                                     "sales": np.arange(30.0)}) for s in ("a", "b")])
    with pytest.raises(RnncastError, match=r"^duplicated timestamp 2020-01-01 at row 0 and row 30 \(30 rows repeat an earlier "
                                           r"row's time\); each time step of a "
                                           r"series must appear once; the table was read as ONE series \(no id_col given\): if the rows "
                                           r"hold several series, name the column "
                                           r"that tells them apart with id_col= \(--id-col\), e.g. 'store'$"):
        load_panel(frame, target="sales")
    with pytest.raises(RnncastError, match=r"must appear once; if the rows hold several series \(told apart by "
                                           r"'store'\?\), the model, fitted on one series, takes one series: give it the "
                                           r"rows of one of them$"), one_series("the model, fitted on one series,"):
        load_panel(frame, target="sales")


def test_features_all_that_matches_no_numeric_column_is_refused_and_text_left_out_is_said(caplog):
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60, freq="D"), "y": np.sin(np.arange(60) / 3),
                          "note": ["a", "b"] * 30})
    with pytest.raises(RnncastError, match=r"^features='all' \(--features all\) matched no numeric column besides the "
                                           r"target\(s\) and the time: the other column\(s\) \['note'\] hold text \(to use it as a "
                                           r"covariate, encode it as numbers, e\.g\. pd\.get_dummies\(df, "
                                           r"columns=\['note'\]\)\); name the "
                                           r"features, or leave them out to train on the target's own past$"):
        load_panel(frame, target="y", features="all")
    with pytest.raises(RnncastError, match=r"the table has no other column"):
        load_panel(frame.drop(columns="note"), target="y", features="all")
    with caplog.at_level("INFO", logger="rnncast.layouts"):
        panel = load_panel(frame.assign(f=np.arange(60.0)), target="y", features="all")
    assert panel.features == ["f"] and "features 'all': ['f']; left out, not numeric: ['note']" in caplog.text


# ---- columns no role took: named once at fit, kept with the model --------------------------------

def test_columns_no_role_took_are_named_once_with_the_keywords_that_would_use_them(caplog):
    frame = pd.DataFrame({"store": ["a"] * 6 + ["b"] * 6, "month": list(pd.date_range("2024-01-01", periods=6,
                          freq="MS")) * 2, "sales": np.arange(12.0), "promo": [0, 1] * 6, "size": [100] * 6 + [80] * 6})
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(frame, "sales", id_col="store", past_covariates=["promo"])
    assert panel.unused == ["size"]
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used")]
    assert lines == ["not used: size (to train on them, name them with past_covariates=, future_covariates= or "
                     "static_covariates= (--past-covariates, --future-covariates, --static-covariates), or "
                     "features='all' (--features all))"]
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):  # every column named, or a reload (predict): nothing said
        assert load_panel(frame, "sales", id_col="store", past_covariates=["promo"], static_covariates=["size"]).unused == []
        assert load_panel(frame, "sales", id_col="store", announce=False).unused == ["promo", "size"]
    assert not [r for r in caplog.records if r.getMessage().startswith("not used")]


def test_a_single_series_is_not_offered_static_covariates_and_wide_not_features_all(caplog):
    frame = pd.DataFrame({"Date": pd.date_range("2024-01-01", periods=8), "Close": np.arange(8.0),
                          "Volume": np.arange(8.0), "b": np.ones(8)})
    with caplog.at_level("INFO", logger="rnncast"):
        load_panel(frame[["Date", "Close", "Volume"]], "Close")
        load_panel(frame, series=["Close"], past_covariates=["b"])
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used")]
    assert lines == ["not used: Volume (to train on them, name them with past_covariates= or future_covariates= "
                     "(--past-covariates, --future-covariates), or features='all' (--features all))",
                     "not used: Volume (to train on them, name them with series=, past_covariates= or "
                     "future_covariates= (--series, --past-covariates, --future-covariates))"]


def test_a_fitted_model_keeps_the_columns_it_did_not_use(tmp_path):
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=120, freq="h"),
                          "y": np.sin(np.arange(120) / 4), "extra": np.zeros(120), "note": ["n"] * 120})
    model = Forecaster(**TINY).fit(frame, target="y")
    assert model.unused_columns_ == ["extra", "note"]
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").unused_columns_ == ["extra", "note"]


# ---- a timestamp is the time axis, never a number to train on ------------------------------------

def test_a_time_column_named_as_a_feature_is_refused_not_read_as_nanoseconds():
    """features=['date', 'x'] left the rows numbered and trained on 'date' as nanoseconds since 1970."""
    days = pd.date_range("2020-01-01", periods=40, freq="D")
    frame = pd.DataFrame({"date": days, "x": np.arange(40.0), "y": np.sin(np.arange(40.0))})
    axis = (r"^column 'date' holds timestamps \(row 0 holds '2020-01-01'\), not numbers to train on; it is the time axis: "
            r"leave it out of features= \(--features\) and it is found as the time column, or name it with time_col= "
            r"\(--time-col\)$")
    for dates in (frame, frame.assign(date=days.strftime("%Y-%m-%d"))):  # datetimes, or text read from a CSV
        with pytest.raises(RnncastError, match=axis):
            load_panel(dates, target="y", features=["date", "x"])
        with pytest.raises(RnncastError, match=axis):
            Forecaster(**TINY).fit(dates, target="y", features=["date", "x"])
        assert load_panel(dates, target="y", features="all").features == ["x"]  # 'all' takes it as the time
    with pytest.raises(RnncastError, match=r"column 'date' holds timestamps .*leave it out of past_covariates="):
        load_panel(frame, target="y", past_covariates=["date"])
    with pytest.raises(RnncastError, match=r"column 'date' holds timestamps .*leave it out of target= \(--target\)"):
        load_panel(frame, target="date")


def test_a_second_time_column_given_as_a_covariate_is_refused_naming_the_time_axis():
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=30, freq="D"), "y": np.arange(30.0),
                          "launch": pd.Series(["2019Q1", "2019Q2", "2019Q3"] * 10), "unique_id": "a"})
    with pytest.raises(RnncastError, match=r"^column 'launch' holds timestamps \(row 0 holds '2019Q1'\), not numbers to "
                                           r"train on; the time axis is 'ds' \(time_col=, --time-col\); leave it out of "
                                           r"future_covariates= \(--future-covariates\), or give what it means as numbers"):
        load_panel(frame, future_covariates=["launch"])
    wide = pd.DataFrame({"ds": frame["ds"], "a": np.arange(30.0), "b": frame["ds"]})
    with pytest.raises(RnncastError, match=r"^column 'b' holds timestamps .*leave it out of series= \(--series\)"):
        load_panel(wide, series=["a", "b"])


def test_a_text_column_of_ids_or_categories_named_as_a_feature_is_refused_in_one_line():
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=30, freq="D"), "y": np.arange(30.0),
                          "shop": ["north", "south", "east"] * 10})
    with pytest.raises(RnncastError, match=r"^column 'shop' is not numeric: row 0 holds 'north' \(30 non-numeric "
                                           r"value\(s\) in all\); the target and covariates must be numbers; to use it as a "
                                           r"covariate, encode it as numbers, e\.g\. pd\.get_dummies\(df, columns=\['shop'\]\)$"):
        load_panel(frame, target="y", features=["shop"])


def test_features_all_leaves_out_columns_that_are_numbers_only_by_thousands_reading(tmp_path, caplog):
    """'+49 301 100' (a phone number) reads as 49301100 with space thousands (decision 247), and features 'all'
    trained on it with one warning about the reading: such columns are left for the caller to name."""
    import logging

    from rnncast.loading import load_panel

    rows = [f'2023-01-{d:02d},"{1000 + 37 * d:,}",{d / 7:.2f},"+49 301 {100 + d}"' for d in range(1, 29)]
    (tmp_path / "ph.csv").write_text("date,sales,price,phone\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(tmp_path / "ph.csv", target="sales", features="all")
    assert panel.features == ["price"] and "phone" in panel.unused
    assert "features 'all' leaves out ['phone'], numbers only as read from text with thousands separators" in caplog.text
    named = load_panel(tmp_path / "ph.csv", target="sales", features=["price", "phone"])  # named: used
    assert named.features == ["price", "phone"]


@pytest.mark.parametrize("keywords, said", [
    ({"time_col": "unique_id"}, r"^column 'unique_id' is named as the id column \(id_col=, --id-col\) and as the time "
                                r"column \(time_col=, --time-col\); give each column one role$"),
    ({"time_col": "y"}, r"^column 'y' is named as the target \(target=, --target\) and as the time column"),
    ({"static_covariates": ["y"]}, r"^column 'y' is named as the target .* and as a static covariate"),
])
def test_a_column_in_two_roles_is_refused_naming_the_two_roles(panel_frame, keywords, said):
    """--time-col unique_id said "a column is named twice among id, time, target and covariates: ['y', 'unique_id',
    'unique_id']", leaving the reader to find which two."""
    with pytest.raises(RnncastError, match=said):
        load_panel(panel_frame, **keywords)


def _north_south(n: int = 120) -> pd.DataFrame:
    t = np.arange(n)
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=n), "north": 10 + np.sin(t / 5),
                         "south": 50 + 3 * np.cos(t / 4), "temp": np.cos(t)})


def test_a_wide_table_s_values_are_named_by_its_own_columns_not_the_model_s_y():
    wide, t = _north_south(), np.arange(120)
    with pytest.raises(RnncastError, match=r"^column 'south' holds an infinite value \(inf\) at row 60;"):
        load_panel(wide.assign(south=wide.south.where(t != 60, np.inf)), series=["north", "south"])
    with pytest.raises(RnncastError, match=r"^column 'south' has a missing value \(NaN\) at row 60 dated 2020-03-01 \(1 missing in all\)"):
        load_panel(wide.assign(south=wide.south.where(t != 60)), series=["north", "south"])
    with pytest.raises(RnncastError, match=r"^column 'temp' has a missing value \(NaN\) at row 30 dated 2020-01-31 \(1 missing in all\)"):
        load_panel(wide.assign(temp=wide.temp.where(t != 30)), series=["north", "south"], past_covariates=["temp"])
    panel = load_panel(wide, series=["north", "south"], past_covariates=["temp"])
    assert panel.columns == ["y", "temp"] and panel.named_columns(1) == ["south", "temp"]
    assert load_panel(wide[["date", "north"]], "north").named_columns(0) == ["north"]


def test_an_unused_column_that_counts_the_rows_is_said_to_order_them_not_offered_as_a_covariate():
    from rnncast.layouts import not_used_note

    said = not_used_note(["t"], "single", counters=["t"])
    assert said == ("t counts the rows (up by one each row): the rows are taken in that order, so it is not used as a "
                    "covariate; to read it as the time, name it with time_col= (--time-col)")
    assert not_used_note(["u", "t"], "single", counters=["t"]).startswith("not used: u (to train on them, name them with ")
    assert not_used_note(["u", "t"], "single", counters=["t"]).endswith("(--features all)); " + said)


def test_features_all_names_a_column_whose_header_cell_is_empty(tmp_path, caplog):
    """'date,y,' : the third column was trained on as 'Unnamed: 2' without a word."""
    rows = "".join(f"2020-01-{d:02d},{d * 1.5},{d % 3}\n" for d in range(1, 21))
    (tmp_path / "e.csv").write_text("date,y,\n" + rows)
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(tmp_path / "e.csv", "y", "all", announce=False)
    assert panel.columns == ["y", "Unnamed: 2"]
    assert ("features 'all' takes 'Unnamed: 2', pandas' name for a column whose header cell is empty; give it a name "
            "in the header") in caplog.text


def test_series_all_refuses_a_unique_id_column_of_numbers_by_name():
    """fit --series all trained '3 of 3 series' leaving out a column of numbers named unique_id, unsaid (read as text,
    long format's id), and predict then read the data as long format and failed."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=60, freq="D"),
                          **{c: rng.random(60) for c in ("a", "b", "unique_id")}})
    with pytest.raises(RnncastError, match=r"a series column cannot be named 'unique_id' \(series 'all' takes it as "
                                           r"one\), long format's id column: .* rename it"):
        load_panel(frame, series="all")


@pytest.mark.parametrize("values", [[str(1000 + 7 * i) for i in range(150)], [f"{1000 + 0.37 * i:.2f}" for i in range(150)]])
@pytest.mark.parametrize("bad", ["n.a.", "-", "?", "#DIV/0!", "EUR"])
def test_numbers_near_a_thousand_with_one_non_number_are_refused_by_that_value_not_called_timestamps(values, bad):
    """1000, 1007, ... (or 1000.00, ...) with one 'n.a.' are text that reads as years: the column was refused as
    "holds timestamps (line 2 holds '1000')" (a tester's find). Mostly numbers, it is a numeric column with a value that
    is no number, refused by that value."""
    values = list(values)
    values[40] = bad
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=150).strftime("%Y-%m-%d"), "units": values})
    with pytest.raises(RnncastError, match=rf"^column 'units' is not numeric: row 40 holds {bad!r}"):
        load_panel(frame, target="units")


def test_a_series_id_written_in_two_unicode_forms_is_refused_not_read_as_two_series():
    import unicodedata
    from rnncast.loading import load_panel
    nfd = unicodedata.normalize("NFD", "Café Süd")
    frame = pd.DataFrame({"store": ["Café Süd"] * 60 + [nfd] * 40, "ds": pd.date_range("2020-01-06", periods=100, freq="W-MON"),
                          "y": np.arange(100.0)})
    with pytest.raises(RnncastError, match=r"^id column 'store' holds series '.+' in two Unicode forms, decomposed"):
        load_panel(frame, target="y", id_col="store", time_col="ds")


def test_a_wide_table_s_series_header_written_in_two_unicode_forms_is_refused_not_two_series():
    import unicodedata
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=50), "매출": np.arange(50.0),
                          unicodedata.normalize("NFD", "매출"): np.arange(50.0) * 2})
    with pytest.raises(RnncastError, match=r"^the table's header holds series '매출' in two Unicode forms, "
                                           r"composed form \(NFC\) and decomposed .+ save the header in composed form"):
        load_panel(frame, series="all", time_col="ds")


def test_a_target_the_header_writes_again_in_another_unicode_form_is_refused_not_taken_silently():
    """A CSV headed date, 'Café' (composed), 'Café' (decomposed): --target in one form took that column, the other
    "not used: Café" though both look alike; a user who typed the other form got the other column (decision 687)."""
    import unicodedata
    from rnncast.loading import load_panel
    nfc, nfd = (unicodedata.normalize(f, "Café") for f in ("NFC", "NFD"))
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=40), nfc: np.arange(40.0), nfd: np.arange(40.0) * 2,
                          "x": np.ones(40)})
    for name, column in ((nfc, 2), (nfd, 3)):
        with pytest.raises(RnncastError, match=rf"^column {name!r} is not told apart: the header writes .+ 2 times, "
                                               rf"column 2 in composed .+; the one taken is column {column}; "):
            load_panel(frame, target=name, time_col="ds")
        with pytest.raises(RnncastError, match=r"is not told apart"):
            load_panel(frame, target="x", features=[name], time_col="ds")
    assert load_panel(frame.drop(columns=[nfd]), target=nfc, time_col="ds").targets == [nfc]


@pytest.mark.parametrize("weeks", [[202052, 202053, 202101, 202102], ["2020-52", "2020-53", "2021-01", "2021-02"]])
def test_iso_weeks_are_read_once_and_their_written_form_kept(weeks, monkeypatch):
    """ISO weeks under a week's name were read (``weektext.iso_codes``) by ``parse_time`` and again for their written
    form (twice for YYYYWW numbers); the form is now taken from the one reading: ``%G%V`` for numbers, the text's own
    form for text."""
    from rnncast import weektext

    calls, iso_codes = [], weektext.iso_codes
    monkeypatch.setattr(weektext, "iso_codes", lambda *a, **k: calls.append(a[1]) or iso_codes(*a, **k))
    order: dict = {}
    rows = single_rows(pd.DataFrame({"week": weeks, "y": [1.0, 2.0, 3.0, 4.0]}), "y", "week", None, False, None, None,
                       None, order=order)
    assert len(calls) == 1 and "weeks" not in order
    assert list(rows.time.strftime("%G-W%V")) == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert (order["text_format"] == "%G%V") == isinstance(weeks[0], int)


def test_a_stray_text_cell_of_a_panel_names_its_series_and_how_many_series_hold_one():
    """A retail tester's '#VALUE!' at line 277179 was named by line alone, while a missing value names its series;
    220 stray cells in 220 series were counted as cells only."""
    frame = pd.DataFrame({"id": np.repeat(["a", "b", "c"], 4), "ds": np.tile(pd.date_range("2024-01-01", periods=4), 3),
                          "y": ["1", "2", "3", "4", "5", "ERR", "7", "8", "9", "ERR", "ERR", "12"]})
    with pytest.raises(RnncastError, match=r"^column 'y' is not numeric: row 5 \(series 'b'\) holds 'ERR' \(3 "
                                           r"non-numeric value\(s\) in all, in 2 series\); "):
        load_panel(frame, target="y", id_col="id", time_col="ds")
    frame.loc[[9, 10], "y"] = "10"
    with pytest.raises(RnncastError, match=r"row 5 \(series 'b'\) holds 'ERR' \(1 non-numeric value\(s\) in all\); "):
        load_panel(frame, target="y", id_col="id", time_col="ds")


def test_series_all_refuses_a_table_whose_time_runs_across_its_columns_and_reads_a_wide_one():
    """t39t2 1 (decision 2110): M5's layout, one row per item and one column per day, trained with each day a series
    and each item row a time step; a wide table whose series are numbered (MT_001 ...) beside its dates still reads."""
    rng = np.random.default_rng(0)
    days = pd.DataFrame(rng.poisson(1.0, (40, 30)).astype(float), columns=[f"d_{i}" for i in range(1, 31)])
    m5 = pd.concat([pd.DataFrame({"item_id": [f"FOODS_1_{i:03d}" for i in range(40)], "store_id": "CA_1"}), days], axis=1)
    with pytest.raises(RnncastError, match=r"^series 'all' \(--series all\) would take each of its columns as a series .*"
                                           r"long = df\.melt\(id_vars=\['item_id', 'store_id'\], var_name='d'"):
        load_panel(m5, series="all")
    wide = days.iloc[:, :5].set_axis([f"MT_{i:03d}" for i in range(1, 6)], axis=1)
    wide.insert(0, "date", pd.date_range("2015-01-01", periods=40).strftime("%Y-%m-%d"))
    assert load_panel(wide, series="all").ids == ["MT_001", "MT_002", "MT_003", "MT_004", "MT_005"]
    assert len(load_panel(days, series="all").ids) == 30  # no names of rows: read as given (rows numbered)


def test_series_all_refuses_a_table_of_items_in_several_stores_naming_both_key_columns():
    """t39t6: M5's layout keyed by item and store (item_id repeats across stores) was read with each day a series, as
    no one text column differs on every row (decision 2150)."""
    rng = np.random.default_rng(0)
    keys = pd.DataFrame([(f"FOODS_1_{i:03d}", store) for store in ("CA_1", "TX_1") for i in range(20)],
                        columns=["item_id", "store_id"])
    m5 = pd.concat([keys, pd.DataFrame(rng.poisson(1.0, (40, 30)).astype(float),
                                       columns=[f"d_{i}" for i in range(1, 31)])], axis=1)
    with pytest.raises(RnncastError, match=r"'item_id' and 'store_id' together hold a different text on every row.* "
                                           r"id_col=\['item_id', 'store_id'\], target='y', time_col='d' \(--id-col "
                                           r"item_id,store_id --target y"):
        load_panel(m5, series="all")
