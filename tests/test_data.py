"""What comes in (``data.py``): files (CSV, compressed, Parquet), frames, arrays and Arrow streams
read into one table with text column labels and float64 values; the checks on its values that name
the column and the place (``line N of FILE``, ``row N``); and missing values filled on request."""

from __future__ import annotations

import logging
import random
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pandas.tseries.frequencies import to_offset

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.data import as_frame, read_table
from rnncast.loading import load_panel

L, H = TINY["lookback"], TINY["horizon"]

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=32)


def write_csv(tmp_path, frame: pd.DataFrame, name: str = "data.csv"):
    path = tmp_path / name
    frame.to_csv(path, index=False)
    return path


# ---- what comes in ----------------------------------------------------------------------------

def test_frame_becomes_float64_values_with_targets_first(frame):
    series = load_panel(frame, target="y", features=["x"])
    assert series.values.dtype == np.float64 and series.values.shape == (200, 2)
    assert series.columns == ["y", "x"] and series.targets == ["y"] and series.features == ["x"]
    assert np.array_equal(series.values[:, 0], frame["y"].to_numpy(np.float64))
    assert series.time_col == "date" and series.calendar.freq == to_offset("h")
    assert series.time.equals(pd.DatetimeIndex(frame["date"]))


def test_one_dimensional_array_is_column_0():
    series = load_panel(np.arange(10.0))
    assert series.columns == ["0"] and series.values.shape == (10, 1) and series.time is None


def test_two_dimensional_array_takes_its_target_and_features_by_index():
    array = np.arange(30.0).reshape(10, 3)
    assert load_panel(array, target=0).columns == ["0"]
    series = load_panel(array, target="0", features=["1", "2"])
    assert np.array_equal(series.values, array)


def test_csv_path_is_read(tmp_path, frame):
    series = load_panel(write_csv(tmp_path, frame), target="y")
    assert np.allclose(series.values[:, 0], frame["y"].to_numpy(), atol=1e-6)
    assert series.calendar.freq == to_offset("h")


def test_fit_accepts_a_one_dimensional_array():
    y = make_frame(150, time=False, feature=False)["y"].to_numpy()
    f = Forecaster(**TINY).fit(y)
    assert f.targets_ == ["0"] and f.features_ == []
    forecast = f.predict(y)
    assert forecast.shape == (H, 3) and list(forecast.columns) == ["cutoff", "step_ahead", "0"]


def test_a_two_dimensional_array_names_its_target_and_the_columns_left_unused_are_warned_of(caplog):
    array = make_frame(150, time=False)[["y", "x"]].to_numpy()
    with pytest.raises(RnncastError, match=r"the array has 2 columns \(0, 1\) and none is named the target.*target=0 "
                                           r"the first, target=\[0, 1\] every column"):
        Forecaster(**TINY).fit(array)  # column 0 was the target and column 1 left out, without a word
    with pytest.raises(RnncastError, match="none is named the target"):
        Forecaster(**TINY).fit(pd.DataFrame(array))  # labelled 0, 1: the same table
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        f = Forecaster(**TINY).fit(array, target=0)
    assert f.targets_ == ["0"] and f.features_ == [] and f.unused_columns_ == ["1"]
    assert any(r.levelno == logging.WARNING and r.getMessage().startswith("not used: 1 ") for r in caplog.records)
    assert Forecaster(**TINY).fit(array, target=[0, 1]).targets_ == ["0", "1"]
    g = Forecaster(**TINY).fit(array, target="0", features=["1"])
    assert g.targets_ == ["0"] and g.features_ == ["1"]
    assert g.scaler_.offset[0] == pytest.approx(array[: g.split_.train_end, 0].astype(np.float32).mean(), rel=1e-6)
    assert g.predict(array).shape == (H, 3)  # cutoff, step_ahead and the target


def test_fit_accepts_a_csv_path(tmp_path, data):
    path = tmp_path / "data.csv"
    data.to_csv(path, index=False)
    f = Forecaster(**TINY).fit(path, target="y", features=["x"])
    assert f.time_col_ == "date" and f.calendar_.freq == pd.tseries.frequencies.to_offset("h")
    assert list(f.predict(path).index) == list(data["date"].iloc[-1] + pd.Timedelta(hours=1) * np.arange(1, H + 1))


def test_csv_path_and_frame_train_the_same_model(tmp_path, data):
    path = tmp_path / "data.csv"
    data.to_csv(path, index=False)
    a = Forecaster(**TINY).fit(path, target="y", features=["x"])
    b = Forecaster(**TINY).fit(read_table(path), target="y", features=["x"])
    assert np.array_equal(a.predict(path).to_numpy(), b.predict(read_table(path)).to_numpy())


def test_ids_that_read_as_missing_values_are_ids(tmp_path):
    frame = pd.concat([pd.DataFrame({"unique_id": u, "ds": pd.date_range("2015-01-01", periods=30, freq="MS"),
                                     "y": np.arange(30.0) + k}) for k, u in enumerate(["NA", "EU", "null"])])
    frame.to_csv(tmp_path / "ids.csv", index=False)
    assert load_panel(tmp_path / "ids.csv").ids == ["EU", "NA", "null"]


# ---- what is refused, and how it is said ------------------------------------------------------

def test_missing_file_is_named(tmp_path):
    with pytest.raises(RnncastError, match=r"file not found: .*nope\.csv"):
        read_table(tmp_path / "nope.csv")


def test_empty_file_is_refused(tmp_path):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(RnncastError, match="empty"):
        read_table(tmp_path / "empty.csv")


def test_header_without_rows_is_refused(tmp_path):
    (tmp_path / "head.csv").write_text("date,y\n")
    with pytest.raises(RnncastError, match="no rows"):
        read_table(tmp_path / "head.csv")


def test_unknown_column_lists_the_available_ones(frame):
    with pytest.raises(RnncastError, match=r"'z' not found; available columns: date, y, x"):
        load_panel(frame, target="z")


def test_time_errors_in_a_csv_name_the_line_like_every_other_check(tmp_path, frame):
    """data.py: places are 'line N of FILE' for CSV files. Row 9 of the data is line 11."""
    frame.loc[9, "date"] = frame.loc[8, "date"]
    with pytest.raises(RnncastError, match=r"line 11 of data\.csv"):
        load_panel(write_csv(tmp_path, frame), target="y")


def test_error_after_fill_drop_names_the_line_of_the_file_not_of_the_shortened_table(tmp_path, frame):
    """Rows removed by fill='drop' must not shift the place named in a later error."""
    frame.loc[2, "y"] = np.nan
    frame.loc[5, "y"] = np.inf  # data row 5 = line 7 of the file
    with pytest.raises(RnncastError, match=r"line 7 of data\.csv"):
        load_panel(write_csv(tmp_path, frame), target="y", fill="drop")


# ---- missing values: refused by place, or filled ----------------------------------------------

def test_nan_names_column_line_and_the_fill_options(tmp_path, frame):
    frame.loc[10, "x"] = np.nan
    with pytest.raises(RnncastError) as info:
        load_panel(write_csv(tmp_path, frame), target="y", features=["x"])
    message = str(info.value)
    assert "column 'x'" in message and "line 12 of data.csv" in message
    assert "--fill ffill|interpolate|zero|drop" in message


def _with_gap(frame):
    frame.loc[10, "y"] = np.nan
    return frame


def test_fill_ffill_repeats_the_previous_value(frame):
    expected = frame["y"].to_numpy(np.float32)[9]
    series = load_panel(_with_gap(frame), target="y", fill="ffill")
    assert len(series.values) == 200 and series.values[10, 0] == expected


def test_fill_interpolate_takes_the_midpoint(frame):
    y = frame["y"].to_numpy(np.float64)
    series = load_panel(_with_gap(frame), target="y", fill="interpolate")
    assert series.values[10, 0] == pytest.approx((y[9] + y[11]) / 2, rel=1e-6)


def test_fill_drop_removes_the_row_and_its_timestamp(frame):
    dropped = frame["date"][10]
    series = load_panel(_with_gap(frame), target="y", fill="drop")
    assert len(series.values) == 199 and dropped not in series.time
    assert series.calendar.freq == to_offset("h")


@st.composite
def frames_with_gaps(draw):
    n = draw(st.integers(1, 40))
    k = draw(st.integers(1, 4))
    values = draw(arrays(np.float64, (n, k), elements=finite))
    with_gaps = draw(st.booleans())  # half the frames have none
    gaps = draw(arrays(np.bool_, (n, k), elements=st.booleans() if with_gaps else st.just(False)))
    values[gaps] = np.nan
    return pd.DataFrame(values, columns=[f"c{j}" for j in range(k)])


def _appended(frame: pd.DataFrame) -> int:
    """How many last rows have no target (c0), after some history, where one of them holds a value of any covariate:
    rows appended with the target blank, refused whatever the fill (appendedrows); 0 where there are none or the
    model has no covariate."""
    if frame.shape[1] < 2:
        return 0
    blank = frame["c0"].isna().to_numpy()
    run = len(blank) - (np.flatnonzero(~blank)[-1] + 1) if (~blank).any() else len(blank)
    if not run or run == len(blank) or frame.iloc[-run:, 1:].isna().all(axis=None):
        return 0
    return run


@SETTINGS
@given(frames_with_gaps())
def test_loader_returns_the_values_or_names_the_first_gap(frame):
    columns = list(frame.columns)
    try:
        series = load_panel(frame, target=columns[0], features=columns[1:] or None)
    except RnncastError as err:
        message = str(err)
        if _appended(frame):
            assert "rows appended to the history with the target blank are not read as history" in message
            return
        missing = frame.isna()
        all_missing = [c for c in columns if missing[c].all()]
        if all_missing:
            assert f"column {all_missing[0]!r} has no values" in message
        else:
            first_col = next(c for c in columns if missing[c].any())
            first_row = int(np.flatnonzero(missing[first_col].to_numpy())[0])
            assert f"column {first_col!r} has a missing value (NaN) at row {first_row}" in message
            assert "--fill" in message
        return
    assert not frame.isna().to_numpy().any()
    assert np.array_equal(series.values, frame.to_numpy(dtype=np.float64))


@SETTINGS
@given(frames_with_gaps(), st.sampled_from(["ffill", "interpolate", "drop"]))
def test_filling_matches_pandas(frame, fill):
    columns = list(frame.columns)
    if frame.isna().all().any() or _appended(frame):
        return  # an all-missing column, and rows appended with the target blank, are refused (tested above)
    series = load_panel(frame, target=columns[0], features=columns[1:] or None, fill=fill)
    reference = {
        "ffill": lambda f: f.ffill().bfill(),
        "interpolate": lambda f: f.interpolate(method="linear", limit_direction="both"),
        "drop": lambda f: f.dropna(),
    }[fill](frame)
    assert np.array_equal(series.values, reference.to_numpy(dtype=np.float64))
    assert np.isfinite(series.values).all()


# ---- every kind of table, one loader ---------------------------------------------------------

def test_a_semicolon_separated_file_is_read_as_its_columns(tmp_path):
    path = tmp_path / "semi.csv"
    make_frame(50).to_csv(path, index=False, sep=";")
    series = load_panel(path, target="y", features=["x"])
    assert series.columns == ["y", "x"] and len(series.values) == 50


@pytest.mark.parametrize("header, sep, name", [('date;"price, EUR"', ";", "price, EUR"), ('"date";"price, EUR"', ";", "price, EUR"),
                                               ('date\t"a, b"', "\t", "a, b"), ('date,"price; EUR"', ",", "price; EUR"),
                                               ('date,"price, EUR"', ",", "price, EUR")])
def test_a_comma_inside_a_quoted_column_name_does_not_choose_the_separator(tmp_path, header, sep, name):
    """The header is read as CSV with each separator: a comma inside the quoted name "price, EUR" of a
    ';' file made the columns 'date;"price' and ' EUR"'."""
    path = tmp_path / "quoted.csv"
    decimal = "," if sep != "," else "."
    path.write_text(header + "\n" + "".join(f"2020-01-0{i}{sep}5{i}{decimal}5\n" for i in range(1, 10)))
    frame = read_table(path)
    assert list(frame.columns) == ["date", name]
    assert frame.iloc[:, 1].tolist() == [float(f"5{i}.5") for i in range(1, 10)]


@pytest.mark.parametrize("row", ["2020-01-06,5,5", "2020-01-06,5,"])
def test_one_row_of_more_values_than_the_header_is_explained_naming_its_line(tmp_path, row):
    """A stray decimal comma or a trailing comma in one row got pandas' 'Error tokenizing data. C error:
    Expected 2 fields in line 7, saw 3'; now the explanation every-row files get (decision 80), with the line."""
    path = tmp_path / "extra.csv"
    path.write_text("date,y\n" + "".join(f"2020-01-0{i},{i}\n" for i in range(1, 6)) + row + "\n2020-01-07,3\n")
    with pytest.raises(RnncastError, match=r"line 7 of .*extra\.csv holds 3 values, more than its header \(line 1\) "
                                           r"names \(2 column\(s\)\): a value that holds the separator ',' \(a decimal "
                                           r"comma, as in 51,02\?\) must be quoted"):
        read_table(path)


@pytest.mark.parametrize("suffix", [".csv", ".csv.gz", ".csv.zip", ".csv.bz2", ".csv.xz", ".parquet"])
def test_compressed_csv_and_parquet_files_are_read(tmp_path, frame, suffix):
    path = tmp_path / f"data{suffix}"
    frame.to_parquet(path, index=False) if suffix == ".parquet" else frame.to_csv(path, index=False)
    panel = load_panel(path, target="y", features=["x"])
    assert np.allclose(panel.values[:, 0], frame["y"].to_numpy(np.float64), rtol=1e-6)
    assert panel.calendar.freq == to_offset("h") and panel.time_col == "date"


def test_arrow_tables_and_polars_frames_are_read_through_the_arrow_stream(frame):
    import pyarrow as pa

    class Stream:  # any object with __arrow_c_stream__, as DuckDB results or other libraries give
        def __init__(self, table):
            self.table = table

        def __arrow_c_stream__(self, requested_schema=None):
            return self.table.__arrow_c_stream__(requested_schema)

    expected = load_panel(frame, target="y", features=["x"])
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for data in (table, Stream(table)):
        panel = load_panel(data, target="y", features=["x"])
        assert np.array_equal(panel.values, expected.values) and panel.time.equals(expected.time)
    pl = pytest.importorskip("polars")
    panel = load_panel(pl.from_pandas(frame), target="y", features=["x"])
    assert np.array_equal(panel.values, expected.values) and panel.calendar == expected.calendar


def test_values_stay_float64_until_scaled():
    t = np.arange(400)
    meter = 1e9 + 100 * np.sin(2 * np.pi * t / 7)  # float32 would keep steps of 64 of the +-100 pattern
    panel = load_panel(pd.DataFrame({"ds": pd.date_range("2024-01-01", periods=400), "y": meter}))
    assert panel.values.dtype == np.float64 and np.array_equal(panel.values[:, 0], meter)


# ---- column labels: duplicates refused by name, integers as text ------------------------------

def test_a_csv_header_naming_a_column_twice_is_refused_by_name(tmp_path, frame):
    frame.assign(x2=frame["x"]).set_axis(["date", "y", "x", "y"], axis=1).to_csv(tmp_path / "dup.csv", index=False)
    with pytest.raises(RnncastError, match=r"the header of .*dup.csv \(line 1\) names column\(s\) \['y'\] more than once"):
        read_table(tmp_path / "dup.csv")


@pytest.mark.parametrize("columns", [["y", "y", "x"], [0, "0", "x"], [1, 1, 2]])
def test_labels_that_are_one_label_as_text_are_refused_by_name(frame, columns):
    table = pd.DataFrame(frame[["y", "x", "x"]].to_numpy(), columns=columns)
    twice = str(columns[0])
    with pytest.raises(RnncastError, match=rf"column label\(s\) \['{twice}'\] appear twice"):
        Forecaster(**TINY).fit(table, target=columns[0])


def test_integer_labels_are_columns_named_by_their_text(frame):
    """``fit(pd.DataFrame(array), target=0)`` as the README shows; the label 0 and the text '0' are one column."""
    table = pd.DataFrame(frame[["y", "x"]].to_numpy())
    model = Forecaster(**{**TINY, "epochs": 1}).fit(table, target=0, features=[1])
    assert model.targets_ == ["0"] and model.features_ == ["1"]
    assert model.predict(table).columns.tolist() == ["cutoff", "step_ahead", 0]  # the caller's label back (decision 163)
    assert model.predict(table.set_axis(["0", "1"], axis=1)).columns.tolist() == ["cutoff", "step_ahead", "0"]
    assert np.array_equal(model.predict(table).to_numpy(), model.predict(table.set_axis(["0", "1"], axis=1)).to_numpy())


def test_an_index_named_as_a_column_is_refused_by_name(frame):
    table = frame.set_index(pd.DatetimeIndex(frame["date"], name="y")).drop(columns="date")
    with pytest.raises(RnncastError, match=r"the index level\(s\) \['y'\] have the name of a column"):
        Forecaster(**TINY).fit(table, target="y")


def test_a_missing_name_that_is_part_of_a_comma_column_says_how_to_quote_it():
    import pandas as pd

    from rnncast.data import require_column
    from rnncast.errors import RnncastError

    frame = pd.DataFrame({"y": [1.0], "ILI, weighted": [2.0]})
    with pytest.raises(RnncastError) as err:
        require_column(frame, "ILI")
    assert "available columns: y, 'ILI, weighted'" in str(err.value)
    assert "--features '\"ILI, weighted\"'" in str(err.value)


def test_several_names_in_one_text_from_python_are_told_to_be_a_list():
    """In Python a text is one column name (decision 338): target='A,B' said only "not found"."""
    from rnncast.data import require_column
    from rnncast.errors import RnncastError

    with pytest.raises(RnncastError, match=r"^column 'A,B' not found; available columns: A, B\. In Python a text is one "
                                           r"column name; to name several, give a list: \['A', 'B'\]$"):
        require_column(pd.DataFrame({"A": [1.0], "B": [2.0]}), "A,B")


# ---- files of other habits: CR line ends, binary files, values beyond the header --------------

def test_a_csv_with_cr_only_line_ends_reads_as_with_lf(tmp_path, frame):
    """Old Mac files end their lines in CR alone; pandas reads them, so rnncast does (the header was
    read up to the first LF, which such a file has none of, and the csv module refused it)."""
    path = tmp_path / "cr.csv"
    path.write_bytes(frame.to_csv(index=False).replace("\n", "\r").encode())
    panel = load_panel(path, target="y", features=["x"])
    assert np.array_equal(panel.values, load_panel(write_csv(tmp_path, frame), target="y", features=["x"]).values)
    assert panel.time_col == "date" and len(panel.values) == len(frame)


@pytest.mark.parametrize("content", [bytes(range(256)) * 8, random.Random(5).randbytes(3000),
                                     random.Random(7).randbytes(3000), b"da\x00te,y\n1,2\n", "date,y\n1,2\n".encode("utf-16")])
def test_a_binary_file_named_csv_is_refused_in_one_line(tmp_path, content):
    path = tmp_path / "binary.csv"
    path.write_bytes(content)
    with pytest.raises(RnncastError, match=r"binary\.csv (is not UTF-8 text|is UTF-16 text|holds NUL bytes in its first line: "
                                           r"it is not CSV text)|cannot read .*binary\.csv") as caught:
        read_table(path)
    assert "save it as UTF-8 CSV" in str(caught.value) or "expected a comma-separated CSV" in str(caught.value)


@pytest.mark.parametrize("text", ["y\n1,000\n2,500\n", "y\n0,5\n1,5\n", "date,y\n2020-01-01,1,5\n2020-01-02,2,5\n"])
def test_rows_holding_more_values_than_the_header_names_are_refused_not_read_as_row_labels(tmp_path, text):
    """pandas takes the values a header does not name as row labels: 1,000 under the header y was read
    as the value 0 (labelled 1), silently, and 0,5 as 5 at row 0, which no check of the labels can see. The file is refused, naming a decimal comma as the likely cause."""
    path = tmp_path / "wide.csv"
    path.write_text(text)
    n = text.split("\n")[0].count(",") + 1
    with pytest.raises(RnncastError, match=rf"the rows of .*wide\.csv hold more values than its header \(line 1\) names "
                                           rf"\({n} column\(s\)\): a value that holds the separator ',' \(a decimal comma, "
                                           r"as in 51,02\?\) must be quoted"):
        read_table(path)


def test_a_row_with_an_extra_value_in_a_semicolon_file_is_told_to_quote_it_not_to_use_semicolons(tmp_path):
    """The advice for a comma file (a decimal comma? separate the columns by ';') made no sense where
    the separator already is ';' (an attack helper's file)."""
    lines = ["date;y"] + [f"2020-01-{d:02d};{d}" for d in range(1, 10)]
    lines[5] += ";7"
    path = tmp_path / "semi.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(RnncastError, match=r"a value that holds the separator ';' must be quoted; otherwise") as caught:
        read_table(path)
    assert "decimal comma" not in str(caught.value) and "line 6" in str(caught.value)


def test_a_column_name_in_the_wrong_case_or_misspelt_gets_a_did_you_mean():
    import pandas as pd

    from rnncast.data import require_column

    frame = pd.DataFrame({"date": [1], "sales": [2.0]})
    with pytest.raises(RnncastError, match=r"column 'Sales' not found \(did you mean 'sales'\?\); available columns"):
        require_column(frame, "Sales")
    with pytest.raises(RnncastError, match=r"did you mean 'sales'"):
        require_column(frame, "saels")
    with pytest.raises(RnncastError, match=r"not found; available"):
        require_column(frame, "price")


def test_rows_of_separators_at_the_end_leave_integer_columns_read_as_integers(tmp_path):
    """Trailing ',,' rows made pandas read every integer column as floats before they were left out: YYYYMMDD
    dates became Excel-serial-sized floats and 'year' no time column at all (decision 227 beside 192/219)."""
    from rnncast.loading import load_panel

    days = pd.date_range("2020-01-01", periods=40)
    body = "".join(f"{d:%Y%m%d},{1980 + i},{i % 7}.5\n" for i, d in enumerate(days))
    (tmp_path / "x.csv").write_text("date,year,y\n" + body + ",,\n,,\n")
    frame = read_table(tmp_path / "x.csv")
    assert len(frame) == 40 and frame["date"].dtype == np.int64 and frame["year"].dtype == np.int64
    panel = load_panel(tmp_path / "x.csv", target="y")
    assert panel.time[0] == pd.Timestamp("2020-01-01") and panel.calendar.freq_text == "D"


def test_a_pipe_is_refused_as_such_not_said_to_be_empty(tmp_path):
    """rnncast predict RUN <(cat f.csv) said '/dev/fd/63 is empty': the pipe was read once, then again."""
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(RnncastError, match=r"pipe\.csv is a pipe or device, not a file, .* save it to a CSV or Parquet"):
        read_table(fifo)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_is_refused_as_utf16_saying_how_to_save_it(tmp_path, frame, encoding):
    """It was refused for "NUL bytes ... (a binary file, or UTF-16 text?)": a guess where its first bytes tell."""
    path = tmp_path / "u16.csv"
    path.write_bytes(frame.to_csv(index=False).encode(encoding))  # Excel's "Unicode Text"; pandas' encoding='utf-16'
    said = (r"is UTF-16 text" if encoding == "utf-16" else  # no byte-order mark: the byte order named (decision 1715)
            rf"looks like UTF-16 {encoding[-2:].upper()} text without a byte-order mark \(.*\)")
    with pytest.raises(RnncastError, match=rf"u16\.csv {said}, which rnncast does not read; save it as UTF-8 CSV "
                                           r"\(Excel: Save As 'CSV UTF-8'; pandas: .*to_csv without encoding=\)$"):
        read_table(path)
    path.write_bytes(b"da\x00te,y\n1,2\n")
    with pytest.raises(RnncastError, match=r"holds NUL bytes in its first line: it is not CSV text \(a binary file\?\)"):
        read_table(path)


def test_a_file_not_in_utf8_is_refused_naming_the_line_and_byte_of_its_first_such_byte(tmp_path):
    """pandas' error counts bytes from its own buffer: a Latin-1 'é' at byte 45, line 3, was said to be 'at byte 3'."""
    path = tmp_path / "l.csv"
    path.write_bytes(b"date,y,name\n2024-01-01,1,abc\n2024-01-02,2,caf\xe9\n")
    with pytest.raises(RnncastError, match=r"l\.csv is not UTF-8 text \((invalid continuation byte|unexpected end of "
                                           r"data) at byte 17 of line 3\); it decodes whole as cp1252 \(Western Excel's CSV"):
        read_table(path)


@pytest.mark.parametrize("text, encoding, said", [("대구점", "cp949", "cp949 (Korean Excel's CSV, also called EUC-KR)"),
                                                  ("대구점", "euc-kr", "cp949 (Korean Excel's CSV, also called EUC-KR)"),
                                                  ("すし", "shift_jis", "shift_jis (Japanese Excel's CSV)")])
def test_a_file_in_an_excel_encoding_is_refused_naming_the_encodings_it_decodes_in(tmp_path, text, encoding, said):
    """A Korean analyst's finding: a cp949 file (Korean Excel's default CSV) was refused "invalid start byte at line 2,
    byte 28", the byte counted from the file's start, with no word of cp949. The byte is now counted within its line,
    and each Excel encoding the whole file decodes in is named (the East Asian ones overlap: Shift-JIS bytes decode as
    cp949 too, and the reader knows the language), with what to do."""
    path = tmp_path / "p.csv"
    path.write_bytes(f"date,store,sales\n2024-01-01,{text},1\n".encode(encoding))
    with pytest.raises(RnncastError, match=r"p\.csv is not UTF-8 text \(invalid (start|continuation) byte at byte 12 of "
                                           r"line 2\); it decodes whole as .*: save it as 'CSV UTF-8' \(or hand rnncast "
                                           r"pandas\.read_csv\(path, encoding=('cp949'|the one it is in)\)\)$") as refused:
        read_table(path)
    assert said in str(refused.value) and "cp1252" not in str(refused.value)
    if encoding != "shift_jis":  # all common Hangul: cp949 alone, and the pandas call names it (legacytext.OWN_SCRIPT)
        assert "gb18030" not in str(refused.value) and "encoding='cp949'" in str(refused.value)


@pytest.mark.parametrize("header, encoding", [("日期,销售额,气温,城市", "gb18030"), ("日期,銷售額,氣溫,城市", "big5"),
                                             ("날짜,매출,기온,지점", "cp949")])
def test_a_header_in_another_encoding_is_refused_as_not_utf8_not_as_names_given_twice(tmp_path, header, encoding):
    """zh_gbk.csv (日期,销售额,气温,城市 in GBK) was told its header "names column(s) ['����'] more than once": 日期 and
    城市, each 4 bytes that are no UTF-8, read alike as replacement characters."""
    path = tmp_path / "h.csv"
    path.write_bytes(f"{header}\n2024-01-01,1,2,x\n2024-01-02,3,4,x\n".encode(encoding))
    with pytest.raises(RnncastError, match=rf"h\.csv is not UTF-8 text \(invalid (start|continuation) byte at byte \d+ of "
                                           rf"line 1\); it decodes whole as {encoding} \("):
        read_table(path)


def test_a_header_naming_one_column_very_many_times_is_refused_by_name(tmp_path):
    """'date,y' and ',x' a million times was counted name by name (list.count in a loop): hours before the refusal
    (decision 1648). Each name is counted once now; the refusal names 'x' once."""
    (tmp_path / "many.csv").write_text("date,y" + ",x" * 50_000 + "\n2024-01-01,1" + ",2" * 50_000 + "\n")
    with pytest.raises(RnncastError, match=r"many\.csv \(line 1\) names column\(s\) \['x'\] more than once; give"):
        read_table(tmp_path / "many.csv")


def test_a_utf8_header_that_holds_a_replacement_character_twice_is_still_refused_as_names_given_twice(tmp_path):
    (tmp_path / "r.csv").write_text("date,\ufffd\ufffd,\ufffd\ufffd\n2024-01-01,1,2\n", encoding="utf-8")
    with pytest.raises(RnncastError, match=r"names column\(s\) \['\ufffd\ufffd'\] more than once"):
        read_table(tmp_path / "r.csv")


def test_a_name_that_differs_from_a_column_by_surrounding_spaces_is_said_so(tmp_path):
    """A header " y" with --target y said "column 'y' not found; available columns: date,  y, ..." (names are kept
    as the file writes them, so the fix is named, not guessed)."""
    from rnncast.loading import load_panel

    path = tmp_path / "spaced.csv"
    path.write_text("date, y,x\n" + "".join(f"2024-01-{d:02d},{d}.5,{d % 3}\n" for d in range(1, 29)))
    with pytest.raises(RnncastError, match=r"^column 'y' not found: column ' y' has a leading space \(the column named "
                                           r"is 'y'\): remove it from the file's header, or name the column as written "
                                           r"\(' y'; on the command line inside double quotes, '\" y\"', which a flag's "
                                           r"list of names keeps as written\)$"):
        load_panel(path, target="y")
    assert load_panel(path, target=" y").targets == [" y"]


def test_a_column_label_given_twice_is_said_to_be_written_as_text_only_where_it_was():
    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=40), "y": np.sin(np.arange(40) / 5)})
    with pytest.raises(RnncastError, match=r"^column label\(s\) \['y'\] appear twice; give every column its own name$"):
        load_panel(pd.concat([frame, frame[["y"]]], axis=1), "y")
    with pytest.raises(RnncastError, match=r"^column label\(s\) \['1'\] appear twice \(1 and '1': the same name once "
                                           r"written as text\); give every column its own name$"):
        load_panel(frame.assign(**{"1": 1.0}).rename(columns={"y": 1}), "1")


def test_pre_made_windows_are_answered_with_how_rnncast_takes_a_series():
    """X of [samples, timesteps, features], the tutorials' windows, was "an array must be 1-D or 2-D" and no more."""
    from rnncast.data import as_frame

    with pytest.raises(RnncastError, match=r"^an array must be 1-D \[time\] or 2-D \[time, columns\], got shape "
                                           r"\(1000, 50, 1\); rnncast builds the windows itself from the raw series: give "
                                           r"the series as \[time\] or \[time, columns\] \(or a DataFrame\) with lookback= "
                                           r"the window length, not pre-made windows$"):
        as_frame(np.zeros((1000, 50, 1)))
    with pytest.raises(RnncastError, match=r"got shape \(2, 2, 2, 2\)$"):  # no tutorial's windows: the shape alone
        as_frame(np.zeros((2, 2, 2, 2)))


def test_a_named_index_or_one_of_text_is_read_as_columns_and_only_row_numbers_are_left_out():
    """``pd.read_csv(path, index_col="date")`` gives an index of date strings, and a ``year`` index is integers: each
    was dropped, so the forecast came back labelled 120, 121 ... instead of its dates (decision 588)."""
    from rnncast.data import as_frame

    dates = pd.date_range("2020-01-01", periods=4, freq="MS").strftime("%Y-%m-%d")
    assert as_frame(pd.DataFrame({"y": [1.0, 2, 3, 4]}, index=pd.Index(dates, name="date"))).columns.tolist() == ["date", "y"]
    assert as_frame(pd.DataFrame({"v": [1.0, 2]}, index=pd.Index([1990, 1991], name="year"))).columns.tolist() == ["year", "v"]
    assert as_frame(pd.Series([1.0, 2], index=pd.Index(["2020-01", "2020-02"]), name="y")).columns.tolist() == ["index", "y"]
    filtered = pd.DataFrame({"y": [1.0, 2, 3]}).iloc[[0, 2]]  # an integer index left by a filter: row labels
    assert as_frame(filtered).columns.tolist() == ["y"]
    n = 60
    table = pd.DataFrame({"y": 10 + np.sin(np.arange(n) / 3)},
                         index=pd.Index(pd.date_range("2020-01-01", periods=n, freq="MS").strftime("%Y-%m-%d"), name="date"))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(table, target="y")
    assert model.time_col_ == "date"
    assert model.predict(table).index.tolist() == list(pd.date_range("2025-01-01", periods=TINY["horizon"], freq="MS"))


def test_a_hangul_header_in_decomposed_unicode_is_refused_naming_the_form():
    """A header saved by macOS in NFD ('매출' as jamo) was refused "column '매출' not found; available columns: 날짜,
    매출", the two names looking the same; each name given (target, covariate, id and time column) now says the form."""
    import unicodedata

    from rnncast.errors import RnncastError
    from rnncast.loading import load_panel

    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    frame = pd.DataFrame({nfd("날짜"): pd.date_range("2024-01-01", periods=30).strftime("%Y-%m-%d"),
                          nfd("지점"): ["가"] * 30, nfd("매출"): np.arange(30.0), nfd("기온"): np.arange(30.0)})
    for kwargs in ({"target": "매출"}, {"target": nfd("매출"), "features": ["기온"]},
                   {"target": nfd("매출"), "id_col": "지점"}, {"target": nfd("매출"), "time_col": "날짜"}):
        with pytest.raises(RnncastError, match=r"not found: the header writes '.+' in decomposed Unicode \(NFD"):
            load_panel(frame, **kwargs)
    assert load_panel(frame, target=nfd("매출"), id_col=nfd("지점")).columns == [nfd("매출")]  # as the header writes it


def test_a_parquet_file_naming_a_column_twice_is_refused_as_a_csv_header_is(tmp_path):
    """An attacker's Parquet file of columns date, sales, sales gave pyarrow's "Multiple matches for FieldRef"."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    days = pa.array(pd.date_range("2020-01-01", periods=5))
    pq.write_table(pa.table([days, pa.array(range(5)), pa.array(range(5))], names=["date", "sales", "sales"]),
                   tmp_path / "dup.parquet")
    with pytest.raises(RnncastError, match=r"^the Parquet file .*dup.parquet names column\(s\) \['sales'\] more than "
                                           r"once; give every column its own name$"):
        read_table(tmp_path / "dup.parquet")


def test_a_western_file_that_decodes_whole_as_gbk_is_refused_as_western(tmp_path):
    """A tester's Latin-1 file (Umsätze, Température, Zürich) was said to decode as gb18030 alone; following that
    gave 'Ums鋞ze'."""
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,Umsätze,Température,région\n2024-01-01,1,2,Zürich\n".encode("latin-1"))
    with pytest.raises(RnncastError, match=r"it decodes whole as cp1252 \(Western Excel's CSV, also called "
                                           r"Windows-1252 or Latin-1\): .*encoding='cp1252'\)\)$") as refused:
        read_table(path)
    assert "gb18030" not in str(refused.value)


def test_a_parquet_file_names_its_rows_from_1_and_by_its_name_as_a_csv_names_its_lines(tmp_path):
    """A tester's Parquet file: a missing first value was "at row 0" (a CSV's is "at line 2 of FILE")."""
    from rnncast.loading import load_panel

    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=30), "sales": [np.nan] + [1.0] * 29})
    frame.to_parquet(tmp_path / "n.parquet")
    with pytest.raises(RnncastError, match=r"has a missing value \(NaN\) at row 1 of n\.parquet \(1 missing in all\)"):
        load_panel(tmp_path / "n.parquet", target="sales")
    with pytest.raises(RnncastError, match=r"has a missing value \(NaN\) at row 0 dated 2023-01-01 \(1 missing"):
        load_panel(frame, target="sales")  # a frame's rows: its positions, as iloc counts them


def test_a_stray_cell_deep_in_a_long_file_is_refused_without_pandas_warning_of_mixed_types(tmp_path):
    """A retail tester's '#VALUE!' at line 277179: pandas read the file in chunks and printed its DtypeWarning, with
    the path of rnncast's source, before rnncast's own line; the whole column is read as one now."""
    n = 300_000  # past the rows pandas' C reader reads in one chunk
    y = np.arange(n, dtype=float).astype(str).astype(object)
    y[-5] = "#VALUE!"
    path = tmp_path / "long.csv"
    pd.DataFrame({"ds": np.arange(n), "y": y}).to_csv(path, index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any library warning fails the read
        frame = read_table(path)
    assert frame["y"].map(type).eq(str).all()  # one reading of the column: no chunk read as floats beside text


def test_a_target_not_found_among_hundreds_of_columns_lists_ten_and_gives_the_long_tables_recipe(tmp_path):
    """t39t2 1 (decision 2110): an M5 table (item_id, store_id, d_1 .. d_400) refused --target sales in 2.8 KB, every
    column listed and no word that its time runs across its columns."""
    days = pd.DataFrame(np.ones((3, 400)), columns=[f"d_{i}" for i in range(1, 401)])
    m5 = pd.concat([pd.DataFrame({"item_id": ["A_1", "A_2", "B_1"], "store_id": "CA_1"}), days], axis=1)
    m5.to_csv(tmp_path / "m5.csv", index=False)
    for keys in ({}, {"id_col": "item_id"}):
        with pytest.raises(RnncastError) as err:
            load_panel(str(tmp_path / "m5.csv"), target="sales", **keys)
        said = str(err.value)
        assert said.startswith("column 'sales' not found; available columns: item_id, store_id, d_1, d_2, d_3, d_4, "
                               "d_5, d_6, d_7, d_8 ... and 392 more. The table's time runs across its columns: ")
        assert ("long = df.melt(id_vars=['item_id', 'store_id'], var_name='d', value_name='sales'); long['d'] = "
                "long['d'].str.removeprefix('d_').astype(int); then fit it with id_col='item_id'") in said
        assert len(said) < 800
    with pytest.raises(RnncastError) as err:  # a wide table as rnncast reads it: no recipe
        load_panel(days.assign(date=pd.date_range("2015", periods=3).strftime("%Y-%m-%d")), target="sales")
    assert str(err.value).endswith("and 391 more")


def test_a_polars_series_or_an_arrow_column_is_read_as_a_pandas_series_is():
    """t41-t5 M2: a Polars Series or a ChunkedArray raised pyarrow's ArrowInvalid traceback (decision 2230)."""
    import pyarrow as pa

    values = np.sin(np.arange(5) / 3)
    for column in (pa.chunked_array([values]), pa.array(values)):
        frame = as_frame(column)
        assert list(frame.columns) == ["y"] and np.array_equal(frame["y"].to_numpy(), values)
    pl = pytest.importorskip("polars")
    assert list(as_frame(pl.Series("load", values)).columns) == ["load"]
    assert list(as_frame(pl.Series(values)).columns) == ["y"]  # unnamed: as an unnamed pandas Series


def test_a_polars_lazyframe_is_refused_saying_collect():
    """t41-t5 M4: the refusal listed '(Polars, pyarrow)' as accepted and said nothing of .collect() (decision 2231)."""
    pl = pytest.importorskip("polars")
    with pytest.raises(RnncastError, match=r"^cannot use a Polars LazyFrame \(a query, not yet a table\); give its "
                                           r"table: lf.collect\(\)$"):
        as_frame(pl.DataFrame({"y": [1.0, 2.0]}).lazy())
