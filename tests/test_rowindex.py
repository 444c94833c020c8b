"""A first column of row numbers as pandas' ``to_csv`` writes a frame's index (``rowindex.py``): left out
by the loader, said in one warning, from a file and from a frame read with it; other numbers under that
name are data as before."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import make_frame
from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.rowindex import row_numbers, written_index


def _indexed(n: int = 60, start: int = 0) -> pd.DataFrame:
    """A frame as ``pd.read_csv`` reads a file written by ``to_csv`` with its index: ``Unnamed: 0`` first."""
    frame = make_frame(n)
    frame.index += start
    return frame.reset_index(names="Unnamed: 0")


@pytest.mark.parametrize("start", [0, 1])
def test_a_files_row_numbers_written_by_to_csv_are_left_out_and_said(tmp_path, caplog, start):
    """`rnncast fit idx.csv` warned "not used: Unnamed: 0 (to train on them, name them with past_covariates=
    ...)": a row counter offered as a covariate."""
    path = tmp_path / "idx.csv"
    make_frame(60, feature=False).set_axis(range(start, start + 60)).to_csv(path)  # the index, its header empty
    assert path.read_text().startswith(",date,y\n")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(path, "y")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"left out: the first column ('Unnamed: 0', its header empty) holds the row numbers "
                        f"{start}-{start + 59}, as pandas' to_csv writes a frame's index, so it is not data (write the "
                        "file with index=False to leave it out)"]
    assert panel.unused == [] and panel.time_col == "date"  # time is still the date column
    caplog.clear()
    load_panel(_indexed(60, start), "y", features="all")  # a frame read with it: the same; 'all' takes x alone
    assert [r.getMessage()[:10] for r in caplog.records if r.levelno == logging.WARNING] == ["left out: "]


def test_other_numbers_under_that_name_or_a_column_named_are_data_as_before(caplog):
    twice = _indexed(60).assign(**{"Unnamed: 0": np.arange(60) // 2})  # numbers that repeat: a value under that name
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(twice, "y", features=["x"])
    assert panel.unused == ["Unnamed: 0"] and "not used: Unnamed: 0" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(_indexed(60), "y", past_covariates=["Unnamed: 0"])  # named by its caller: a covariate
    assert "Unnamed: 0" in panel.columns and "left out" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(_indexed(60), "y", announce=False)  # a reload at predict: left out quietly, as at fit
    assert "left out" not in caplog.text


def _said(caplog) -> list[str]:
    """The warnings of rowindex (a filtered frame's rows missing from the calendar are said by gaps too)."""
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name == "rnncast.rowindex"]


def test_a_file_written_with_its_index_twice_leaves_both_out_said_once(tmp_path, caplog):
    """``pd.read_csv("idx.csv").to_csv("idx2.csv")`` writes ',Unnamed: 0,date,y,x': the first column was left out,
    the second (the first file's row numbers) became a covariate with features='all'."""
    make_frame(60).to_csv(tmp_path / "idx.csv")
    pd.read_csv(tmp_path / "idx.csv").to_csv(tmp_path / "idx2.csv")
    assert (tmp_path / "idx2.csv").read_text().startswith(",Unnamed: 0,date,y,x\n")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(tmp_path / "idx2.csv", target="y", features="all")
    assert list(panel.columns) == ["y", "x"] and panel.time_col == "date"
    assert _said(caplog) == ["left out: the first 2 columns ('Unnamed: 0.1', its header empty, then its header "
                             "'Unnamed: 0': pandas' names for empty headers, written back) hold the row numbers 0-59 "
                             "and 0-59, as pandas' to_csv "
                             "writes a frame's index (a file read with its index and written again has two), so they "
                             "are not data (write the file with index=False to leave them out)"]


def test_a_header_written_unnamed_0_is_named_so_not_said_empty(tmp_path, caplog):
    """``pd.read_csv("idx.csv").to_csv("idx2.csv", index=False)`` writes 'Unnamed: 0,date,y': the warning said "its
    header empty" of a header the file writes (decision 620); a frame handed over holds pandas' name, as before."""
    make_frame(60, feature=False).to_csv(tmp_path / "idx.csv")
    pd.read_csv(tmp_path / "idx.csv").to_csv(tmp_path / "idx2.csv", index=False)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        load_panel(tmp_path / "idx2.csv", target="y")
        load_panel(pd.read_csv(tmp_path / "idx2.csv"), target="y")
    assert _said(caplog) == [
        "left out: the first column (its header 'Unnamed: 0': pandas' name for an empty header, written back) holds "
        "the row numbers 0-59, as pandas' to_csv writes a frame's index, so it is not data (write the file with "
        "index=False to leave it out)",
        "left out: the first column ('Unnamed: 0', its header empty) holds the row numbers 0-59, as pandas' to_csv "
        "writes a frame's index, so it is not data (write the file with index=False to leave it out)"]


@pytest.mark.parametrize("rows, numbers", [(slice(10, None), "10-59"),
                                           (np.arange(60) % 7 != 2, "0-59, 9 numbers skipped (rows filtered out)")])
def test_a_filtered_frames_row_numbers_are_left_out_and_said_with_them(tmp_path, caplog, rows, numbers):
    """``df.iloc[10:].to_csv()`` writes 10 .. 59, a boolean filter numbers with gaps: both became covariates
    with features='all', silently."""
    frame = make_frame(60)
    (frame.iloc[rows] if isinstance(rows, slice) else frame[rows]).to_csv(tmp_path / "f.csv")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(tmp_path / "f.csv", target="y", features="all")
    assert list(panel.columns) == ["y", "x"]
    assert _said(caplog) == [f"left out: the first column ('Unnamed: 0', its header empty) holds the row numbers "
                             f"{numbers}, as pandas' to_csv writes a frame's index, so it is not data (write the file "
                             "with index=False to leave it out)"]


def test_a_long_files_row_numbers_from_0_again_in_each_series_are_left_out(tmp_path, caplog):
    """``pd.concat([per-series frames]).to_csv()`` numbers each series' rows 0 .. 29 again: a covariate with
    features='all', silently. A named column of such numbers is data."""
    parts = [make_frame(30).assign(unique_id=k) for k in ("a", "b", "c")]
    pd.concat(parts).to_csv(tmp_path / "long.csv")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(tmp_path / "long.csv", target="y", features="all")
    assert list(panel.columns) == ["y", "x"] and panel.ids == ["a", "b", "c"]
    assert _said(caplog) == ["left out: the first column ('Unnamed: 0', its header empty) holds the row numbers "
                             "0-29, from 0 again in each of the 3 series, as pandas' to_csv writes a frame's index, so "
                             "it is not data (write the file with index=False to leave it out)"]
    caplog.clear()
    counted = pd.concat(parts).reset_index(names="counter")  # named: a covariate as any other column
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(counted, target="y", features="all")
    assert "counter" in panel.columns and "left out" not in caplog.text
    shifted = pd.concat([p.set_axis(range(k, k + 30)) for k, p in enumerate(parts)]).reset_index(names="Unnamed: 0")
    assert written_index(shifted, ids="unique_id") == {"Unnamed: 0": "0-31 within each of the 3 series"}  # filtered
    repeated = shifted.assign(**{"Unnamed: 0": np.arange(90) // 2})  # numbers that repeat within a series: data
    assert written_index(repeated, ids="unique_id") == {}


def test_row_numbers_and_the_written_index_rule():
    assert row_numbers(pd.Series([3, 5, 6])) == (3, 6, 1)  # rising from 0 or more, gaps counted
    assert row_numbers(pd.Series([1, 0])) is None and row_numbers(pd.Series([0.0, 1.5])) is None
    assert row_numbers(pd.Series([0.0, 1.0])) == (0, 1, 0)  # whole floats: the integers they hold (wholenumbers)
    assert row_numbers(pd.Series([-1, 0])) is None
    assert written_index(_indexed(5)) == {"Unnamed: 0": "0-4"} and written_index(_indexed(5, 1)) == {"Unnamed: 0": "1-5"}
    assert written_index(_indexed(5, 2)) == {"Unnamed: 0": "2-6"}  # a filtered frame's row numbers
    assert written_index(_indexed(5).rename(columns={"Unnamed: 0": "index"})) == {}  # named: data as any column
    assert written_index(_indexed(5)[["Unnamed: 0"]]) == {}  # nothing beside it
    assert written_index(_indexed(5), roles=(None, ["y", "Unnamed: 0"])) == {}  # named in a role
    assert written_index(_indexed(5).assign(**{"Unnamed: 0": [0, 1, 2, 0, 1]})) == {}  # restarting without ids: data
    assert written_index(_indexed(5).assign(**{"Unnamed: 0": [4, 3, 2, 1, 0]})) == {"Unnamed: 0": "0-4, falling"}
    assert written_index(_indexed(5).assign(**{"Unnamed: 0": [0, 3, 1, 4, 2]})) == {"Unnamed: 0": "0-4, in another order"}


def test_unnamed_numbers_that_may_be_years_are_said_to_be_and_how_to_read_them_as_the_time(tmp_path, caplog):
    """A frame indexed by year written with to_csv has an empty-headed first column 1991-2020: left out as row numbers,
    the warning called years 'row numbers' and said nothing of how to keep them as the time."""
    import logging

    from rnncast.loading import load_panel

    path = tmp_path / "years.csv"
    pd.DataFrame({"sales": np.arange(30.0)}, index=range(1991, 2021)).to_csv(path)
    with caplog.at_level(logging.WARNING):
        load_panel(path, target="sales")
    assert ("row numbers 1991-2020 (or years, of a frame indexed by its times: to read them as the time, give "
            "time_col='Unnamed: 0', --time-col 'Unnamed: 0')") in caplog.text
    caplog.clear()
    path.write_text(path.read_text().replace(",sales", "year,sales", 1))
    panel = load_panel(path, target="sales")
    assert "left out" not in caplog.text and panel is not None


@pytest.mark.parametrize("order", ["newest first", "sorted by time across series"])
def test_row_labels_in_any_order_are_left_out_wide_or_long_so_fit_and_predict_agree(order, caplog):
    """A wide frame written newest first has labels 199 .. 0; a long one sorted by time across its series has each
    series' own range (0..89, 90..179 ...) in another order. Both became data: a fourth series of a wide model
    ('series': 4), refused at predict on the same data written oldest first; a covariate of a long one, silently."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2024-01-01", periods=90, freq="D").strftime("%Y-%m-%d")
    if order == "newest first":
        wide = pd.DataFrame({"date": days, **{k: rng.normal(size=90) for k in "abc"}})
        frame = wide.iloc[::-1].reset_index(names="Unnamed: 0")
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            panel = load_panel(frame, series="all")
        assert panel.ids == ["a", "b", "c"] and "0-89, falling" in caplog.text
    else:
        long = pd.concat([pd.DataFrame({"date": days, "store": k, "y": rng.normal(size=90), "x": rng.normal(size=90)})
                          for k in "abc"], ignore_index=True).sort_values(["date", "store"]).reset_index(names="Unnamed: 0")
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            panel = load_panel(long, target="y", id_col="store", features="all")
        assert list(panel.columns) == ["y", "x"] and "0-269, in another order" in caplog.text


def test_unnamed_dates_written_as_numbers_get_the_hint_to_read_them_as_the_time(caplog):
    frame = pd.DataFrame({"Unnamed: 0": pd.date_range("2020-01-01", periods=40).strftime("%Y%m%d").astype(int),
                          "y": np.arange(40.0)})
    assert written_index(frame)["Unnamed: 0"].endswith("(or dates written as yyyymmdd, of a frame indexed by its "
                                                       "times: to read them as the time, give time_col='Unnamed: 0', "
                                                       "--time-col 'Unnamed: 0')")
    panel = load_panel(frame, target="y", time_col="Unnamed: 0")  # named in a role: the time, as asked
    assert str(panel.time[0])[:10] == "2020-01-01"


def _numbered(n: int = 200) -> pd.DataFrame:
    """A tutorial's regression table: no time column, the target from the features one row earlier."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=n)
    return pd.DataFrame({"x": x, "y": np.r_[0.0, 2 * x[:-1]] + 0.1 * rng.normal(size=n)})


@pytest.mark.parametrize("reorder, says", [
    (lambda d: d.sample(frac=1, random_state=0), "the frame's index holds the row numbers 0-199 in another order, as "
                                                 "df.sample() or a sort by another column leaves them"),
    (lambda d: d[::-1], "the frame's index holds the row numbers 0-199 falling, as df[::-1] or a sort newest first"),
])
def test_numbered_rows_whose_own_labels_are_out_of_order_are_refused(reorder, says):
    """A learner's shuffled table (the tutorial's habit) trained on the file's order without a word from Python and
    with only "left out: ... row numbers" from a file: R² -0.12 against 0.96 in order."""
    with pytest.raises(RnncastError, match=r"the rows are not in the order of their own row numbers, and with no time "
                                           r"column rnncast reads a series' rows in the order given") as err:
        load_panel(reorder(_numbered()), "y", ["x"])
    assert says in str(err.value) and "df.sort_index()" in str(err.value)


def test_a_shuffled_file_is_refused_before_its_index_is_said_left_out(tmp_path, caplog):
    _numbered().sample(frac=1, random_state=0).to_csv(tmp_path / "shuffled.csv")
    with caplog.at_level(logging.WARNING, logger="rnncast"), pytest.raises(
            RnncastError, match=r"the column 'Unnamed: 0' \(its header empty\) holds the row numbers 0-199 in "
                                r"another order, .*write the file with index=False"):
        load_panel(tmp_path / "shuffled.csv", "y", ["x"])
    assert not caplog.records  # one line: the refusal


@pytest.mark.parametrize("keep", [lambda d: d.iloc[10:], lambda d: d[d["x"] > 0], lambda d: d.reset_index(drop=True)])
def test_rising_labels_and_timed_rows_are_read_as_before(keep):
    assert load_panel(keep(_numbered()), "y", ["x"]).n_series == 1
    timed = _numbered().assign(date=pd.date_range("2024-01-01", periods=200, freq="D"))
    assert load_panel(timed[::-1], "y", ["x"], time_col="date").calendar.freq == "D"  # newest first: times order them


def test_a_shuffled_wide_table_and_a_file_written_with_its_shuffled_index_twice_are_refused(tmp_path):
    """A newcomer's checks of decision 764: a shuffled wide table trained (R² -0.13 against 0.955 in order), and a file
    read with its index and written again warned of both columns and trained."""
    wide = _numbered().rename(columns={"x": "a", "y": "b"}).sample(frac=1, random_state=0)
    with pytest.raises(RnncastError, match="the rows are not in the order of their own row numbers"):
        load_panel(wide, series=["a", "b"])
    _numbered().sample(frac=1, random_state=0).to_csv(tmp_path / "once.csv")
    pd.read_csv(tmp_path / "once.csv").to_csv(tmp_path / "twice.csv")
    with pytest.raises(RnncastError, match=r"the column 'Unnamed: 0(\.1)?' \(its header empty\) holds the row numbers "
                                           r"0-199 in another order"):
        load_panel(tmp_path / "twice.csv", "y", ["x"])


def _named(frame: pd.DataFrame, name="id") -> pd.DataFrame:
    return frame.rename_axis(name)


@pytest.mark.parametrize("reorder, says", [
    (lambda d: _named(d).sample(frac=1, random_state=0), "the frame's index 'id' holds the row numbers 0-199 in "
                                                         "another order, as df.sample() or a sort by another column"),
    (lambda d: _named(d)[::-1], "the frame's index 'id' holds the row numbers 0-199 falling, as df[::-1]"),  # a RangeIndex
    (lambda d: d.set_axis(pd.Index(range(1000, 1200), name="obs")).sample(frac=1, random_state=1),
     "the frame's index 'obs' holds the row numbers 1000-1199 in another order"),
    (lambda d: d.set_axis(pd.MultiIndex.from_arrays([["a"] * 200, range(200)], names=["g", "n"])).sample(
        frac=1, random_state=0), "the frame's index level 'n' holds the row numbers 0-199 in another order, as "
                                 "df.sample() or a sort by another column leaves them: if the rows were reordered, sort "
                                 "them by it (df.sort_index(level='n')); if they are in the series' order already (the "
                                 "index holds ids, not row numbers), drop it (df.droplevel('n'))"),
    (lambda d: _named(d, "step").sample(frac=1, random_state=0), "the frame's index 'step' holds the row numbers"),
    (lambda d: d.set_axis(pd.MultiIndex.from_arrays([["a"] * 200, range(200)])).sample(frac=1, random_state=0),
     "the frame's index level 1 holds the row numbers 0-199 in another order, as df.sample() or a sort by another "
     "column leaves them: if the rows were reordered, sort them by it (df.sort_index(level=1)); if they are in the "
     "series' order already (the index holds ids, not row numbers), drop it (df.droplevel(1))"),
])
def test_a_named_index_that_says_the_rows_were_reordered_is_refused_as_an_unnamed_one(reorder, says):
    """A tester's `df.index.name = "id"; df.sample(frac=1)` trained in shuffled order without a word (decisions 764,
    777 read only an unnamed index); a named RangeIndex turned, a MultiIndex's level, and an index named as a time
    ('step') where the caller says the table has no time column are the same rows out of order."""
    with pytest.raises(RnncastError, match="the rows are not in the order of their own row numbers") as err:
        load_panel(reorder(_numbered()), "y", ["x"], time_col=False)
    assert says in str(err.value)
    wide = _named(_numbered().rename(columns={"x": "a", "y": "b"})).sample(frac=1, random_state=0)
    with pytest.raises(RnncastError, match="the frame's index 'id' holds the row numbers 0-199 in another order"):
        load_panel(wide, series=["a", "b"])


def test_a_named_index_in_order_a_time_index_and_an_index_named_as_data_are_read_as_given():
    assert load_panel(_named(_numbered()), "y", ["x"]).n_series == 1  # an id-like index of rows in order
    assert load_panel(_numbered().set_axis(pd.RangeIndex(0, 400, 2, name="n")), "y", ["x"]).n_series == 1
    with pytest.raises(RnncastError, match="timestamps are not sorted"):  # a time index: sorted as times are
        load_panel(_named(_numbered(), "year").set_axis(range(1800, 2000)).rename_axis("year").sample(
            frac=1, random_state=0), "y", ["x"])
    with pytest.raises(RnncastError, match="timestamps are not sorted"):
        load_panel(_numbered().set_axis(pd.date_range("2020", periods=200, name="date")).sample(frac=1, random_state=0),
                   "y", ["x"])
    mine = _named(_numbered(), "lag").sample(frac=1, random_state=0)  # the caller names it as data: data
    assert load_panel(mine, "y", ["x", "lag"]).features == ["x", "lag"]


def test_a_long_tables_rows_out_of_their_order_within_a_series_are_refused():
    """The same within each series of a long table without time (unchecked before): per-series frames joined without
    ignore_index number 0-99 in each series; rows interleaved, or regrouped by a stable sort, keep each series' order."""
    frame = _numbered().assign(unique_id=np.repeat(["a", "b"], 100))
    joined = pd.concat([frame[:100], frame[100:].reset_index(drop=True)])  # 0-99 again in series 'b'
    interleaved = frame.iloc[np.column_stack([np.arange(100), np.arange(100, 200)]).ravel()]  # a0, b0, a1, b1, ...
    for kept in (frame, joined, interleaved, interleaved.sort_values("unique_id", kind="stable")):
        assert load_panel(kept, "y", ["x"]).n_series == 2
    for shuffled, says in ((frame.sample(frac=1, random_state=0), "the frame's index holds the row numbers 0-199 in "
                                                                  "another order within each series"),
                           (joined[::-1], "the frame's index holds the row numbers 0-99 falling within each series")):
        with pytest.raises(RnncastError, match="the rows are not in the order of their own row numbers") as err:
            load_panel(shuffled, "y", ["x"])
        assert says in str(err.value)


def test_a_named_index_written_into_the_table_and_shuffled_is_refused_and_a_countdown_is_data(tmp_path):
    """The file of the same frame (to_csv writes the index 'id' under its name) and reset_index()'s column 'index' trained
    shuffled too: a named first column that no role names, holding each number of its range once in neither order."""
    shuffled = _named(_numbered()).sample(frac=1, random_state=0)
    shuffled.to_csv(tmp_path / "shuffled.csv")
    _named(_numbered()).to_csv(tmp_path / "in_order.csv")
    for given, name in ((tmp_path / "shuffled.csv", "id"), (shuffled.rename_axis(None).reset_index(), "index")):
        with pytest.raises(RnncastError, match=f"the first column '{name}' holds each number 0-199 once, in another "
                                               "order, as the index of a shuffled frame holds them"):
            load_panel(given, "y", ["x"])
    assert load_panel(tmp_path / "in_order.csv", "y", ["x"]).n_series == 1
    countdown = _numbered().assign(left=np.arange(199, -1, -1))[["left", "x", "y"]]  # falling: data, read as given
    assert load_panel(countdown, "y", ["x"]).n_series == 1
    assert load_panel(tmp_path / "shuffled.csv", "y", ["x", "id"]).features == ["x", "id"]  # named: data


def test_a_shuffled_first_column_named_as_data_is_read_as_data_and_a_row_numbers_name_is_refused(caplog):
    """A tester's table without time whose first column 'cust' held customer ids 1000-1199 (or 'rank' 1..n) was
    refused as a shuffled frame's written index: a named column of values is data. Only a name that numbers rows
    ('id', 'index', 'row_id', 'Row No.') is read as a written index, and its refusal gives the way to read it as data."""
    rng = np.random.default_rng(0)
    base = _numbered()
    for name, numbers in (("cust", rng.permutation(200) + 1000), ("rank", rng.permutation(200) + 1),
                          ("price", rng.permutation(200) + 100)):
        frame = base.assign(**{name: numbers})[[name, "x", "y"]]
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            assert load_panel(frame, "y", ["x"], time_col=False).n_series == 1
        said = [r.getMessage() for r in caplog.records if r.name == "rnncast.rowindex"]
        if name != "rank":  # numbers not from 0 or 1 are no frame's index: data, nothing said (t22t6: prices 100-499)
            assert not said
            continue
        assert len(said) == 1 and said[0].startswith(f"the first column {name!r} holds each number") and \
            "taken for data and the rows are read in the order given" in said[0]
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            load_panel(frame, "y", ["x"], time_col=False, announce=False)
        assert not [r for r in caplog.records if r.name == "rnncast.rowindex"]  # said at fit, not at each read
    for name in ("id", "row_id", "Row No.", "IDX"):
        frame = base.assign(**{name: rng.permutation(200)})[[name, "x", "y"]]
        with pytest.raises(RnncastError, match=rf"the first column '{re.escape(name)}' holds each number 0-199 once, in "
                                               rf"another order, .*or name it as a covariate \(past_covariates="
                                               rf"\['{re.escape(name)}'\]"):
            load_panel(frame, "y", ["x"], time_col=False)
        assert load_panel(frame, "y", ["x", name], time_col=False).features == ["x", name]  # the way out given


def test_an_index_written_as_floats_is_left_out_as_row_numbers(tmp_path, caplog):
    """A frame indexed 0.0, 1.0 ... written by to_csv: its first column was offered as the target ("--target
    'Unnamed: 0' the first"), where an integer index is left out as row numbers."""
    rng = np.random.default_rng(0)
    path = tmp_path / "wf.csv"
    pd.DataFrame({"date": pd.date_range("2021-01-01", periods=40).strftime("%Y-%m-%d"),
                  "sales": rng.normal(100, 5, 40)}, index=np.arange(40) * 1.0).to_csv(path)
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(path)
    assert panel.targets == ["sales"] and "holds the row numbers 0-39" in caplog.text
    assert row_numbers(pd.Series(np.arange(5) * 1.0)) == (0, 4, 0) and row_numbers(pd.Series([0.0, 1.5])) is None


def test_advice_round_trips_a_written_index_named_as_a_covariate_is_one_shell_word():
    """'--past-covariates Row No.' was two shell words: the flag took 'Row' and 'No.' was the data's path."""
    from test_spelling import read_back
    frame = _numbered().assign(**{"Row No.": np.random.default_rng(1).permutation(200)})[["Row No.", "x", "y"]]
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", ["x"], time_col=False)
    assert read_back(str(err.value), "--past-covariates") == ["Row No."]


def test_a_long_files_row_numbers_written_as_floats_are_read_as_whole_numbers_in_each_series(tmp_path, caplog):
    """Per-series frames indexed 0.0, 1.0 ... joined and written: left out as row numbers, and shuffled within each
    series, refused by them, as integers are; the floats are read as integers once for the column
    (``rowindex._numbers``, ``_order``), not again for each series."""
    parts = [make_frame(30).assign(unique_id=k).set_axis(np.arange(30) * 1.0) for k in ("a", "b", "c")]
    pd.concat(parts).to_csv(tmp_path / "long.csv")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(tmp_path / "long.csv", target="y", features="all")
    assert list(panel.columns) == ["y", "x"] and panel.ids == ["a", "b", "c"]
    assert "holds the row numbers 0-29, from 0 again in each of the 3 series" in caplog.text
    rng = np.random.default_rng(0)
    untimed = [p.drop(columns=[c for c in p.columns if c not in ("unique_id", "x", "y")]) for p in parts]
    pd.concat([p.iloc[rng.permutation(30)] for p in untimed]).to_csv(tmp_path / "shuffled.csv")
    with pytest.raises(RnncastError, match=r"'Unnamed: 0' \(its header empty\) holds the row numbers 0-29 in another "
                                           r"order within each series"):
        load_panel(tmp_path / "shuffled.csv", target="y", features="all", time_col=False)
