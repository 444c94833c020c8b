"""A folder of CSV files of one header read as one table (decision 2216)."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import make_panel
from rnncast import RnncastError, csvfolder
from rnncast.cli import main
from rnncast.data import place, read_table


def _months(folder, frame, hive=False):
    frame = frame.assign(ds=pd.to_datetime(frame["ds"]))
    for month, rows in frame.groupby(frame["ds"].dt.strftime("%Y-%m")):
        path = folder / f"month={month}" / "part-0.csv" if hive else folder / f"{month}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        rows.assign(ds=rows["ds"].dt.strftime("%Y-%m-%d")).to_csv(path, index=False)


def test_monthly_files_are_read_one_after_another_in_name_order(tmp_path):
    frame = make_panel(1, lengths=(70, 70), seed=3, freq="D")
    _months(tmp_path / "sales", frame)
    (tmp_path / "sales" / "_SUCCESS").write_text("")  # passed over, as Spark's mark in a Parquet folder
    (tmp_path / "sales" / "notes.txt").write_text("not a table")
    read = read_table(tmp_path / "sales")
    assert list(read.columns) == ["unique_id", "ds", "y"] and len(read) == 70
    assert list(read["ds"]) == sorted(read["ds"]) and list(read["y"]) == pytest.approx(list(frame["y"]))
    assert place(69, read.attrs) == f"line 20 of {tmp_path / 'sales' / '2025-04.csv'}"  # its own file's line (2264)
    names = [p.name for p in csvfolder.csv_files(tmp_path / "sales")]
    assert names == sorted(names) and len(names) == pd.to_datetime(frame["ds"]).dt.strftime("%Y-%m").nunique() > 1


def test_hive_folders_of_csv_files_add_their_keys_as_columns(tmp_path):
    frame = make_panel(1, lengths=(40, 40), seed=3, freq="D")
    _months(tmp_path / "part", frame, hive=True)
    read = read_table(tmp_path / "part")
    assert list(read.columns) == ["unique_id", "ds", "y", "month"] and read["month"].iloc[0].count("-") == 1
    (tmp_path / "stores" / "store=3").mkdir(parents=True)
    (tmp_path / "stores" / "store=3" / "a.csv").write_text("ds,y\n2026-01-01,1\n")
    assert read_table(tmp_path / "stores")["store"].tolist() == [3]  # a whole number, as pyarrow reads a key


def test_a_file_whose_header_differs_is_refused_by_name(tmp_path):
    (tmp_path / "sales").mkdir()
    (tmp_path / "sales" / "2026-11.csv").write_text("ds,y\n2026-11-01,1\n")
    (tmp_path / "sales" / "2026-12.csv").write_text("ds,sales\n2026-12-01,2\n")
    with pytest.raises(RnncastError, match=r"2026-12.csv has the columns ds, sales, while .*2026-11.csv has ds, y; "
                                           r"the CSV files of a folder are read as one table"):
        read_table(tmp_path / "sales")


def test_a_folder_holding_no_table_file_is_still_refused(tmp_path):
    (tmp_path / "none").mkdir()
    (tmp_path / "none" / "notes.txt").write_text("x")
    with pytest.raises(RnncastError, match=r"none is a folder holding no CSV or Parquet file; expected a CSV or "
                                           r"Parquet file, or a folder of them"):
        read_table(tmp_path / "none")
    assert not csvfolder.is_csv_folder(tmp_path / "none")


def test_fit_reads_a_folder_of_monthly_csv_files(tmp_path, capsys):
    frame = make_panel(2, lengths=(90, 90), seed=2, freq="D")
    _months(tmp_path / "sales", frame)
    args = ["--lookback", "12", "--horizon", "3", "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "-q"]
    assert main(["fit", str(tmp_path / "sales"), *args, "--out", str(tmp_path / "run")]) == 0, capsys.readouterr()


def test_a_folder_of_parquet_and_csv_files_is_refused_naming_one_of_each(tmp_path):
    frame = make_panel(1, lengths=(40, 40), seed=3, freq="D")
    _months(tmp_path / "mixed", frame)
    frame.iloc[:10].to_parquet(tmp_path / "mixed" / "extra.parquet")
    with pytest.raises(RnncastError, match=r"both Parquet files \(extra.parquet, ...\) and CSV files \(20"):
        read_table(tmp_path / "mixed")  # before, the Parquet file alone was read and the CSV files passed over


def test_a_tab_separated_month_is_read_and_a_month_of_no_rows_adds_none(tmp_path, caplog):
    """r41-1 H3, M4: a .tsv month beside .csv months was passed over without a word (half the rows); a header-only
    month refused the whole folder."""
    frame = make_panel(1, lengths=(60, 60), seed=3, freq="D")[["ds", "y"]]
    (tmp_path / "m").mkdir()
    frame.iloc[:30].to_csv(tmp_path / "m" / "2026-01.csv", index=False)
    frame.iloc[30:].to_csv(tmp_path / "m" / "2026-02.tsv", index=False, sep="\t")
    frame.iloc[:0].to_csv(tmp_path / "m" / "2026-03.csv", index=False)
    with caplog.at_level("INFO"):
        read = read_table(tmp_path / "m")
    assert len(read) == 60 and list(read["y"]) == pytest.approx(list(frame["y"]))
    assert "2026-03.csv holds a header and no rows: it adds none" in caplog.text
    assert caplog.text.count("is separated by '\\t'") == 1
    assert place(31, read.attrs) == f"line 3 of {tmp_path / 'm' / '2026-02.tsv'}"


def test_hive_keys_are_read_as_pyarrow_reads_them(tmp_path):
    """r41-1 L3: %3A stayed %3A and __HIVE_DEFAULT_PARTITION__ was text, where a Parquet folder reads them by pyarrow."""
    for key in ("2026-12-01 00%3A00%3A00", "__HIVE_DEFAULT_PARTITION__"):
        (tmp_path / "h" / f"ts={key}").mkdir(parents=True)
        (tmp_path / "h" / f"ts={key}" / "a.csv").write_text("ds,y\n2026-01-01,1\n")
    keys = read_table(tmp_path / "h")["ts"]
    assert keys.iloc[0] == "2026-12-01 00:00:00" and pd.isna(keys.iloc[1])
    assert csvfolder.keys(tmp_path / "h", csvfolder.csv_files(tmp_path / "h"))[0][0] == {"ts": "2026-12-01 00:00:00"}


def test_fit_of_the_folder_dot_names_its_run_by_the_folder_and_reads_no_run_as_data(tmp_path, monkeypatch, capsys):
    """r41-1 M2: `fit .` wrote runs/-lstm, and the next `fit .` read that run's CSV files as data."""
    frame = make_panel(1, lengths=(90, 90), seed=2, freq="D")
    _months(tmp_path / "sales", frame)
    monkeypatch.chdir(tmp_path / "sales")
    args = ["--lookback", "12", "--horizon", "3", "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "-q"]
    assert main(["fit", ".", *args]) == 0, capsys.readouterr()
    assert (tmp_path / "sales" / "runs" / "sales-lstm" / "config.json").is_file()
    assert main(["fit", ".", *args, "--out", "again"]) == 0, capsys.readouterr()
