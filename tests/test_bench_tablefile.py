"""A benchmark table read from its file (rnncast.bench.tablefile): the time column, every value column
used, the target, and the refusals that name the file, the column and the row at fault."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.bench import tablefile
from rnncast.errors import RnncastError
from test_bench_protocol import ett_file


def test_read_any_table_every_value_column_used(tmp_path) -> None:
    path = tmp_path / "sales.csv"
    path.write_text("timestamp,a,b\n2020-01-31,1,2.5\n2020-02-29,3,4\n2020-03-31,5,6\n")
    table = tablefile.read_table(path)
    assert table.name == "sales" and table.time_column == "timestamp"
    assert table.columns == ["a", "b"] and table.target == "b"  # no OT: the last column
    np.testing.assert_array_equal(table.values, [[1, 2.5], [3, 4], [5, 6]])
    assert tablefile.read_table(path, target="a").target == "a"


def test_read_table_without_time_column(tmp_path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text("x,OT,y\n1,2,3\n4,5,6\n")
    table = tablefile.read_table(path)
    assert table.time_column is None and table.columns == ["x", "OT", "y"] and table.target == "OT"


@pytest.mark.parametrize("text, message", [
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,2,y\n", "column 'b' is not numeric \\('y' at line 3 of bad.csv\\)"),
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,,3\n", "column 'a' has 1 missing value \\(first at line 3 of bad.csv\\)"),
    ("date,a,b\n2020-01-01,1,2\n2020-01-02,inf,3\n", "column 'a' holds inf at line 3 of bad.csv; values must be finite"),
    ("date\n2020-01-01\n", "only a time column"),
    ("date,a\n", "has a header but no rows of data"),
    ("", "is empty; expected a header line and rows of values"),
    ("date,a,a\n2020-01-01,1,2\n", "names column.s. \\['a'\\] more than once"),
    # a first column of numbers with one typo is not a time column: refused, not dropped
    ("a,b\n1,2\n2x,3\n3,4\n", "column 'a' is not numeric \\('2x' at line 3 of bad.csv\\)"),
    ("day,b\n2020-01-01,2\nsoon,3\n", "no time column was found: 'day' holds 'soon' at line 3 of bad.csv"),  # decision 675
    ("date,b\n2020-01-01,2\n2020-01-02,3\n2020-01-02,4\n",
     "the time column 'date' repeats the previous row's at line 4 of bad.csv \\('2020-01-02' after '2020-01-02'\\)"),
    ("date,b\n2020-01-03,2\n2020-01-01,3\n",
     "the time column 'date' comes before the previous row's at line 3 of bad.csv .*give them sorted by time"),
    # found by a newcomer's files: an index written by to_csv, no header line, the time column elsewhere
    (",date,a\n5,2020-01-01,1\n3,2020-01-02,2\n", "column 1 has no name in the header line .a row index written by "
     "pandas' to_csv..; name it, or write the file with index=False"),  # one counting the rows is their order
    # the library's reading refuses these first (decision 277), naming the values, as bench did
    ("0.5,1.25\n0.7,1.5\n", "holds values, not column names .0.5, 1.25.: .* add a header line naming the columns"),
    ("2020-01-01,0.5,1.25\n2020-01-02,0.7,1.5\n", "holds values, not column names"),
    ("a,date,OT\n1,2020-01-01,2\n2,2020-01-02,3\n", "column 'date' holds times but is not the first column .'a' is.; "
     "the protocol reads the time from the first column, so move it to the front"),
    ("a,when,OT\n1,2020-01-01,2\n2,2020-01-02,3\n", "column 'when' holds times but is not the first column"),
    ("date,b\n2020-01-01,2\n,3\n2020-01-03,4\n", "the time column 'date' has no value at line 3 of bad.csv;"),  # both let through unchecked
    ("time,b\n1,2\n,3\n3,4\n", "the time column 'time' has no value at line 3 of bad.csv;"),
    # a missing time at its line, as an unread one, and as written where it is text ('n/a': missing to pandas)
    ("date,b\n2020-01-01,2\n2020-01-02,3\nn/a,3\n", "the time column 'date' holds 'n/a', no time, at line 4 of bad.csv; "
     "the protocol takes the rows in file order, so give every row its time$"),
    ("date,b\n2020-03-29 03:00+02:00,2\n2020-03-29 01:30+01:00,3\n",  # 00:30 UTC after 01:00 UTC
     "the time column 'date' comes before the previous row's at line 3 of bad.csv"),
])
def test_bad_tables_are_refused_by_column(tmp_path, text, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(RnncastError, match=message):
        tablefile.read_table(path)


def test_a_folder_is_not_a_table(tmp_path) -> None:
    with pytest.raises(RnncastError, match="is a folder; pass --data PATH to a CSV file in it"):
        tablefile.read_table(tmp_path)


def test_a_numeric_column_named_time_is_the_time_column(tmp_path) -> None:
    path = tmp_path / "unix.csv"
    path.write_text("time,a,b\n1700000000,1,2\n1700003600,3,4\n")
    table = tablefile.read_table(path)
    assert table.time_column == "time" and table.columns == ["a", "b"]


def test_unknown_target_names_the_columns(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("date,a,b\n2020-01-01,1,2\n")
    with pytest.raises(RnncastError, match=r"target 'c' is not a value column; accepted are \['a', 'b'\]"):
        tablefile.read_table(path, target="c")


def test_read_ett_file() -> None:
    table = tablefile.read_table(ett_file("ETTh1"))
    assert table.name == "ETTh1" and table.time_column == "date" and table.target == "OT"
    assert table.columns == ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]
    assert table.values.shape == (17420, 7)



def test_zoned_times_and_offsets_that_change_with_daylight_saving_are_times(tmp_path) -> None:
    """They stopped bench with a traceback (pandas cannot subtract a zoned time from 0, nor mix offsets
    without utc=True); they are compared in absolute time."""
    for text in ("date,a,OT\n2020-01-01 00:00:00+01:00,1,2\n2020-01-01 01:00:00+01:00,2,3\n",
                 "when,a,OT\n2020-03-29 01:00:00+01:00,1,2\n2020-03-29 03:00:00+02:00,2,3\n"):  # Berlin: 00:00, 01:00 UTC
        path = tmp_path / "zoned.csv"
        path.write_text(text)
        table = tablefile.read_table(path)
        assert table.time_column in ("date", "when") and table.columns == ["a", "OT"]


def test_years_are_time_and_compressed_files_are_read(tmp_path) -> None:
    """A first column named as the library's integer periods (year, period, step) is time, not a series to
    forecast in M mode; a .csv.gz is read as the library reads it, and named without its suffixes."""
    import gzip

    text = "year,spots\n1700,5\n1701,11\n1702,16\n"
    (tmp_path / "sun.csv").write_text(text)
    table = tablefile.read_table(tmp_path / "sun.csv")
    assert (table.time_column, table.columns, table.target) == ("year", ["spots"], "spots")
    with gzip.open(tmp_path / "ETTh1.csv.gz", "wt") as f:
        f.write(text)
    assert tablefile.read_table(tmp_path / "ETTh1.csv.gz").name == "ETTh1"
    assert tablefile.dataset_name("my.data.csv") == "my.data" and tablefile.dataset_name("x.csv.gz") == "x"


def test_columns_named_by_their_number_are_names(tmp_path) -> None:
    """Exchange's columns are named 0-5 after its date; a table counted 0, 1, 2 without a time column is
    not taken for a file without a header."""
    path = tmp_path / "counted.csv"
    path.write_text("0,1,2\n0.5,1.5,2.5\n0.7,1.7,2.7\n")
    assert tablefile.read_table(path).columns == ["0", "1", "2"]


def test_day_first_dates_are_read_as_the_library_reads_them(tmp_path) -> None:
    """12/01/2020, 13/01/2020, ...: a sorted daily file read day first, as fit reads it; month first they were
    'out of order' at 13/01 and the file was refused."""
    days = pd.date_range("2020-01-01", periods=40, freq="D")
    path = tmp_path / "dayfirst.csv"
    path.write_text("when,OT\n" + "".join(f"{d:%d/%m/%Y},{i}\n" for i, d in enumerate(days)))
    assert tablefile.read_table(path).time_column == "when"
    path.write_text("when,OT\n" + "".join(f"{d:%d/%m/%Y},{i}\n" for i, d in enumerate(days[::-1])))
    with pytest.raises(RnncastError, match="'when' comes before the previous row's at line 3 of dayfirst.csv .'08/02/2020' after"):
        tablefile.read_table(path)


def test_rows_missing_from_the_calendar_are_said_and_the_run_goes_on(tmp_path, caplog) -> None:
    """The protocol windows rows, not times (as the published loaders did): a daily file without ten days
    runs, with a warning that counts them and names the first gap; month ends, years and a file that
    misses nothing say nothing."""
    days = pd.date_range("2020-01-01", periods=60, freq="D").delete(range(20, 30))
    path = tmp_path / "gaps.csv"
    path.write_text("date,OT\n" + "".join(f"{d:%Y-%m-%d},{i}\n" for i, d in enumerate(days)))
    with caplog.at_level("WARNING", logger="rnncast"):
        assert tablefile.read_table(path).values.shape == (50, 1)
    [warning] = [r.getMessage() for r in caplog.records]
    assert ("10 rows are missing from the calendar of the time column 'date' (D), the first after line 21 of gaps.csv "
            "(2020-01-20 00:00:00); the protocol windows rows, not times") in warning
    caplog.clear()
    months = pd.date_range("2000-01-31", periods=30, freq="ME")
    (tmp_path / "months.csv").write_text("date,OT\n" + "".join(f"{d:%Y-%m-%d},{i}\n" for i, d in enumerate(months)))
    (tmp_path / "years.csv").write_text("year,OT\n" + "".join(f"{1700 + i},{i}\n" for i in range(30)))
    with caplog.at_level("WARNING", logger="rnncast"):
        tablefile.read_table(tmp_path / "months.csv")
        tablefile.read_table(tmp_path / "years.csv")
    assert not caplog.records
    (tmp_path / "scatter.csv").write_text("date,OT\n2020-01-01 00:00,1\n2020-01-02 00:00,2\n2020-01-03 00:00,3\n"
                                          "2020-01-04 07:00,4\n2020-01-05 07:00,5\n2020-01-06 07:00,6\n")
    with caplog.at_level("WARNING", logger="rnncast"):
        tablefile.read_table(tmp_path / "scatter.csv")
    assert [r.getMessage() for r in caplog.records][-1].endswith(
        "follows no regular calendar (steps from 1 d to 1 d 7 h); the protocol windows rows, "
        "not times, so windows span unequal times")


def _series(n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame({"a": rng.normal(size=n), "OT": rng.normal(size=n)})


def test_a_numeric_first_column_is_time_where_the_library_reads_time_else_a_value_column_said(tmp_path, caplog) -> None:
    """`month` 194001 ... was a series forecast in M mode (the library's fit reads it as months), and a first
    column of numbers that are no times was read as values without a word: months and Unix times are the time
    column (the months on their calendar, no gap warned at the year's end); other numbers a value column, said."""
    frame = _series()
    months = pd.period_range("1940-01", periods=40, freq="M")
    frame.insert(0, "month", [int(p.strftime("%Y%m")) for p in months])
    frame.to_csv(tmp_path / "months.csv", index=False)
    with caplog.at_level("WARNING", logger="rnncast"):
        table = tablefile.read_table(tmp_path / "months.csv")
    assert (table.time_column, table.columns, table.notes, table.first_is_value) == ("month", ["a", "OT"], (), False)
    assert not caplog.records
    frame["month"] = pd.date_range("2024-01-01", periods=40, freq="h").as_unit("s").asi8  # Unix seconds
    frame.rename(columns={"month": "unix"}).to_csv(tmp_path / "unix.csv", index=False)
    table = tablefile.read_table(tmp_path / "unix.csv")
    assert table.time_column == "unix" and table.columns == ["a", "OT"]
    assert table.notes == ("the first column 'unix' holds 1704067200 .. 1704207600, which look like Unix times in "
                           "seconds (1704067200 would be 2024-01-01 00:00 UTC): read as the time column, which orders "
                           "the rows, not as a series",)
    frame["month"] = np.linspace(0.5, 3, 40)
    frame.rename(columns={"month": "x"}).to_csv(tmp_path / "x.csv", index=False)
    table = tablefile.read_table(tmp_path / "x.csv")
    assert table.time_column is None and table.columns == ["x", "a", "OT"] and table.first_is_value
    assert table.notes[0].startswith("the first column 'x' holds numbers, not times (a time column holds dates")
    frame = _series()
    frame.insert(0, "month", np.arange(40) % 12 + 1)  # months of the year, not months on a calendar: values
    frame.to_csv(tmp_path / "of_year.csv", index=False)
    assert tablefile.read_table(tmp_path / "of_year.csv").columns == ["month", "a", "OT"]


@pytest.mark.parametrize("name, numbers", [("index", range(40)), ("idx", range(1, 41)), ("Unnamed: 0", range(40))])
def test_a_first_column_numbering_the_rows_is_their_order_not_a_series(tmp_path, name, numbers) -> None:
    """An index written by to_csv (named `index`, or unnamed) was a series forecast and scored in M mode, or the
    file was refused: it is the row order, said; a date after it is the time column."""
    frame = _series()
    frame.insert(0, "date", pd.date_range("2020-01-01", periods=40, freq="D").strftime("%Y-%m-%d"))
    frame.insert(0, name, list(numbers))
    frame.to_csv(tmp_path / "indexed.csv", index=False)
    table = tablefile.read_table(tmp_path / "indexed.csv")
    assert (table.time_column, table.columns, table.first_is_value) == ("date", ["a", "OT"], False)
    shown = "its header leaves unnamed" if name.startswith("Unnamed") else repr(name)
    assert table.notes == (f"the first column ({shown}) numbers the rows {numbers[0]}-{numbers[-1]}, a row index as "
                           "pandas' to_csv writes one: read as the row order, not as a series",)
    _series().to_csv(tmp_path / "plain.csv", index=True, index_label="index")  # and no time column after it
    table = tablefile.read_table(tmp_path / "plain.csv")
    assert table.time_column is None and table.columns == ["a", "OT"] and table.first_is_value
    assert table.notes[1].startswith("the column after the row index 'a' holds numbers, not times")


def test_names_written_with_spaces_after_the_commas_are_read_without_them(tmp_path) -> None:
    """`date, OT, a` gave ' OT' and ' a': OT was not found, the target silently became ' a', and --target OT
    was refused. The names are read stripped, said; OT is the target as in a clean file."""
    path = tmp_path / "spaced.csv"
    path.write_text("date, OT, a\n2020-01-01, 1.5, 2\n2020-01-02, 2.5, 3\n2020-01-03, 3.5, 1\n")
    table = tablefile.read_table(path)
    assert (table.columns, table.target) == (["OT", "a"], "OT")
    assert table.notes == ("column names read without the spaces around them: ' OT' as 'OT', ' a' as 'a'",)
    np.testing.assert_array_equal(table.values[:, 0], [1.5, 2.5, 3.5])
    assert tablefile.read_table(path, target="OT").target == "OT"
    assert tablefile.read_table(path, target=" a").target == "a"  # as the file writes it
    path.write_text("date,a, a\n2020-01-01,1,2\n")
    with pytest.raises(RnncastError, match="columns 'a' and ' a' have the same name without the spaces around it"):
        tablefile.read_table(path)


def test_iso_weeks_are_time_as_the_library_reads_them_and_their_order_is_checked(tmp_path) -> None:
    """2021-W01 ... was refused as "neither numbers nor dates" though rnncast fit reads it as weeks."""
    path = tmp_path / "weeks.csv"
    path.write_text("week,OT\n" + "".join(f"2021-W{w:02d},{w}\n" for w in range(1, 11)))
    assert tablefile.read_table(path).time_column == "week"
    path.write_text("week,OT\n2021-W01,1\n2021-W03,2\n2021-W02,3\n")
    with pytest.raises(RnncastError, match="the time column 'week' comes before the previous row's at line 4 of weeks.csv"):
        tablefile.read_table(path)


def test_a_local_hour_repeated_at_a_daylight_saving_change_is_said_so(tmp_path) -> None:
    """A fall-back hour written twice in local time was refused as "repeats the previous row's" with no word of
    the clock change, which the library's fit says (clockchanges.clock_change); UTC offsets read it."""
    times = [*pd.date_range("2021-10-30 20:00", "2021-10-31 02:00", freq="h"),
             *pd.date_range("2021-10-31 02:00", "2021-10-31 08:00", freq="h")]
    frame = pd.DataFrame({"date": times, "a": np.arange(len(times), dtype=float), "OT": np.sin(np.arange(len(times)))})
    frame.to_csv(tmp_path / "dst.csv", index=False)
    with pytest.raises(RnncastError, match=r"repeats the previous row's at line 9 of dst.csv .*; this looks like local time "
                                           r"across a daylight-saving change \('2021-10-31 02:00:00' occurs twice in "
                                           r".*Europe/Berlin.*\); write the times with their UTC offsets"):
        tablefile.read_table(tmp_path / "dst.csv")


def test_a_row_index_written_twice_is_the_row_order_and_a_nameless_column_is_counted_in_the_file(tmp_path) -> None:
    """A file read with its index and written again (`,Unnamed: 0,date,...`) was refused with "column 2 has no
    name" when column 1 was the blank one: both indexes are the row order, said; the refusal counts the file's
    columns, the row index before it included."""
    frame = _series()
    frame.insert(0, "date", pd.date_range("2020-01-01", periods=40, freq="D").strftime("%Y-%m-%d"))
    frame.to_csv(tmp_path / "once.csv")
    pd.read_csv(tmp_path / "once.csv").to_csv(tmp_path / "twice.csv")
    assert (tmp_path / "twice.csv").read_text().startswith(",Unnamed: 0,date,a,OT\n")
    table = tablefile.read_table(tmp_path / "twice.csv")
    assert (table.time_column, table.columns) == ("date", ["a", "OT"])
    assert table.notes == ("the first column (its header leaves unnamed) numbers the rows 0-39, a row index as pandas' "
                           "to_csv writes one: read as the row order, not as a series",
                           "column 2 ('Unnamed: 0'), after the row index, numbers the rows 0-39, a row index as pandas' "
                           "to_csv writes one: read as the row order, not as a series")
    (tmp_path / "gap.csv").write_text(",date,,OT\n0,2020-01-01,1,2\n1,2020-01-02,2,3\n")
    with pytest.raises(RnncastError, match="column 3 .after 'date'. has no name in the header line; bench reads every"):
        tablefile.read_table(tmp_path / "gap.csv")


@pytest.mark.parametrize("header, message", [
    (",a,b,OT", "column 1 has no name in the header line .a row index written by pandas' to_csv..; name it, or write "
                "the file with index=False$"),
    ("date,a,,OT", "column 3 .after 'a'. has no name in the header line; bench reads every value column by its name: "
                   "name it in the header, or leave the column out of the file$"),
    ("date,a,b,", "column 4 .after 'b'. has no name in the header line; bench reads"),
])
def test_only_a_nameless_first_column_is_taken_for_a_written_index(tmp_path, header, message) -> None:
    """A nameless column 3 of 7 was refused with "(a row index written by pandas' to_csv?) ... or write the file with
    index=False": to_csv writes its index first, so only there is the hint given; elsewhere the column is named by
    its neighbour. A first column of times without a name is a frame's time index: index=False would lose it."""
    rows = "".join(f"{v},{i}.5,{i}.25,{i}.75\n" for i, v in enumerate([7, 3, 9, 1, 4]))  # not a row count
    (tmp_path / "t.csv").write_text(header + "\n" + rows)
    with pytest.raises(RnncastError, match=message):
        tablefile.read_table(tmp_path / "t.csv")
    (tmp_path / "dated.csv").write_text(",a,OT\n2020-01-01,1.5,2.5\n2020-01-02,2.5,3.5\n")
    with pytest.raises(RnncastError, match="column 1 has no name in the header line .an index of times written by "
                                           "pandas' to_csv..; name it date, the time column$"):
        tablefile.read_table(tmp_path / "dated.csv")


def test_whole_numbers_naming_columns_of_decimals_are_a_header(tmp_path) -> None:
    """`100,200,300` above columns of decimals was refused as "the header line holds values", though names 0..N
    were taken and rnncast fit takes whole numbers as series labels (sheetcsv.values_not_names): a row of values
    would have been written with decimals as the rows below are, so the line is the header. Above whole numbers it
    could be either, and the refusal says how to have it read as names."""
    path = tmp_path / "numbered.csv"
    path.write_text("100,200,300\n" + "".join(f"{i}.5,{i * 2}.25,-{i}.75\n" for i in range(40)))
    table = tablefile.read_table(path)
    assert (table.columns, table.time_column, table.target, len(table.values)) == (["100", "200", "300"], None, "300", 40)
    path.write_text("100,200,300\n" + "".join(f"{i}.5,{i},{i}\n" for i in range(40)))
    with pytest.raises(RnncastError) as err:
        tablefile.read_table(path)
    assert str(err.value) == (
        f"{path}: the header line holds whole numbers (100, 200, 300), as column '200' does below it, so it may be a "
        "first row of values as well as names; if it names the columns, write names that are not numbers (c100,c200 "
        "...) or a time column first (date,100,200 ...); else add a header line naming them")


@pytest.mark.parametrize("zone", [None, "Europe/Berlin"])
def test_a_parquet_files_datetimes_are_read_as_times_not_as_their_nanoseconds(tmp_path, zone):
    """A datetime64 time column (Parquet keeps the type) was read as Unix times of its nanoseconds: an hourly table was
    refused under the ETT protocol, a monthly one warned of 5858 missing rows (a tester's finding, decision 562)."""
    months = pd.date_range("2000-01-01", periods=200, freq="MS")
    frame = pd.DataFrame({"month": months.tz_localize(zone) if zone else months, "sales": np.sin(np.arange(200) / 3.0),
                          "OT": np.arange(200.0)})
    frame.to_parquet(tmp_path / "m.parquet", index=False)
    table = tablefile.read_table(tmp_path / "m.parquet")
    expected = months.tz_localize(zone).tz_convert("UTC").tz_localize(None) if zone else months
    assert (table.times == expected).all()
    assert not any("missing" in note for note in table.notes)


def test_every_column_with_gaps_is_named_in_one_line(tmp_path):
    """A tester's finding: a file with gaps in 'a' and 'OT' named 'a' only; filled, the next run named 'OT'."""
    path = tmp_path / "gaps.csv"
    path.write_text("date,a,b,OT\n2020-01-01,1,2,3\n2020-01-02,,3,4\n2020-01-03,2,4,\n2020-01-04,3,5,\n")
    with pytest.raises(RnncastError, match=r"gaps\.csv: column 'a' has 1 missing value \(first at line 3 of gaps.csv\); column "
                                           r"'OT' has 2 missing values \(first at line 4 of gaps.csv\); the protocol scores every "
                                           r"row, so fill the file first$"):
        tablefile.read_table(path)


def test_s_mode_reads_the_target_alone_and_names_the_columns_it_leaves_unread(tmp_path):
    """A tester's finding: `bench ltsf --mode S` refused national_illness.csv with a blank in one column and a word
    in another, though S forecasts the target from itself alone. S now leaves such columns out, naming them and
    why in one line; M and MS, which read every column, refuse them by name as before."""
    path = tmp_path / "ili.csv"
    path.write_text("date,a,b,c,OT\n2020-01-01,1,x,inf,1\n2020-01-02,,2,3,2\n2020-01-03,2,3,4,3\n2020-01-04,,4,5,4\n")
    table = tablefile.read_table(path, mode="S")
    assert table.columns == ["OT"] and table.target == "OT"
    np.testing.assert_array_equal(table.values, [[1], [2], [3], [4]])
    assert table.notes == ("S mode reads the target 'OT' alone; columns it does not read: 'a' (2 missing values, "
                           "first at line 3 of ili.csv), 'b' (not numeric: 'x' at line 2 of ili.csv), 'c' (inf at line 2 of ili.csv); "
                           "M and MS, which read every column, would refuse them",)
    for mode in ("M", "MS"):
        with pytest.raises(RnncastError, match=r"ili\.csv: column 'b' is not numeric \('x' at line 2 of ili.csv\)"):
            tablefile.read_table(path, mode=mode)
    path.write_text("date,a,OT\n2020-01-01,1,1\n2020-01-02,2,\n2020-01-03,x,3\n")  # the target's own gap is refused
    with pytest.raises(RnncastError, match=r"ili\.csv: column 'OT' has 1 missing value \(first at line 3 of ili.csv\)"):
        tablefile.read_table(path, mode="S")
    with pytest.raises(RnncastError, match=r"target 'z' is not a value column; accepted are \['a', 'OT'\]"):
        tablefile.read_table(path, target="z", mode="S")
    path.write_text("date,a,OT\n2020-01-01,1,1\n2020-01-02,2,2\n")  # nothing left out: nothing said
    assert tablefile.read_table(path, mode="S").columns == ["a", "OT"] and tablefile.read_table(path, mode="S").notes == ()


def test_a_target_that_is_a_header_name_in_another_unicode_form_is_said_so(tmp_path):
    """`--target 매출` against a header macOS saved decomposed (NFD) was refused "target '매출' is not a value column;
    accepted are ['매출']", the two names looking the same; it now names the form, as fit's refusal does (decision 640)."""
    import unicodedata

    path = tmp_path / "k.csv"
    pd.DataFrame({"date": pd.date_range("2020-01-01", periods=5, freq="h").astype(str), "x": 1.0,
                  unicodedata.normalize("NFD", "매출"): 2.0}).to_csv(path, index=False)
    with pytest.raises(RnncastError, match=r"target '매출' is not a value column: the header writes '.+' in decomposed "
                                           r"Unicode \(NFD, as macOS writes names\), the name given in composed form"):
        tablefile.read_table(path, target="매출")


def test_a_refused_value_is_named_at_its_line_in_the_file_as_fit_names_it(tmp_path):
    """`column 'south_kw' has 1 missing value (first at data row 400)` was on line 402 of the file (a tester's
    finding): bench named a 0-based row where fit names the file's line. It names the line, blank lines counted."""
    path = tmp_path / "b_nan.csv"
    path.write_text("date,a,OT\n2020-01-01,1,1\n\n2020-01-02,,2\n2020-01-03,2,3\n")
    with pytest.raises(RnncastError, match=r"b_nan\.csv: column 'a' has 1 missing value \(first at line 4 of b_nan\.csv\)"):
        tablefile.read_table(path)
    path.write_text("date,a,OT\n2020-01-01,1,1\n\n2020-01-02,3,2\n2020-01-03,2,inf\n")
    with pytest.raises(RnncastError, match=r"column 'OT' holds inf at line 5 of b_nan\.csv; values must be finite"):
        tablefile.read_table(path)


@pytest.mark.parametrize("names, target", [(["ot", "load", "extra"], "ot"), (["Ot", "extra"], "Ot"),
                                           (["OT", "ot", "extra"], "OT"), (["ot", "Ot", "extra"], "extra")])
def test_ot_written_in_another_case_is_the_target(tmp_path, names, target):
    """A file whose target is written 'ot' forecast its last column 'extra', 'as the file has no OT column'."""
    path = tmp_path / "lower.csv"
    frame = pd.DataFrame({"date": pd.date_range("2021-01-01", periods=20, freq="h").strftime("%Y-%m-%d %H:%M")})
    frame = frame.assign(**{name: np.arange(20.0) + k for k, name in enumerate(names)})
    frame.to_csv(path, index=False)
    assert tablefile.read_table(path).target == target
