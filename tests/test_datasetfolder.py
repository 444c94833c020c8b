"""A folder of Parquet files (a Hive-partitioned dataset) read as one table (decision 2188)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError, datasetfolder
from rnncast.cli import main
from rnncast.data import read_table


def _dataset(folder, frame):
    stores = {name: i for i, name in enumerate(sorted(frame["unique_id"].unique()))}  # a series in one store
    table = pa.Table.from_pandas(frame.assign(store=frame["unique_id"].map(stores), day="2026-12-01"),
                                 preserve_index=False)
    pq.write_to_dataset(table, folder, partition_cols=["day", "store"])


def test_a_partitioned_folder_is_read_whole_with_its_keys_as_columns_typed_as_pyarrow_infers(tmp_path):
    frame = make_panel(2, lengths=(40, 40), seed=2, freq="D")
    _dataset(tmp_path / "part", frame)
    (tmp_path / "part" / "_SUCCESS").write_text("")  # Spark's mark: passed over
    (tmp_path / "part" / ".part-0.crc").write_text("x")
    read = read_table(tmp_path / "part")
    assert len(read) == len(frame) and list(read.columns) == ["unique_id", "ds", "y", "day", "store"]
    assert read["store"].dtype.kind == "i" and read["day"].iloc[0] == "2026-12-01"
    assert sorted(read["y"]) == sorted(frame["y"])


def test_a_folder_without_parquet_is_refused_naming_what_is_accepted(tmp_path):
    (tmp_path / "csvs").mkdir()  # a folder of CSV files is read as one table now (decision 2216): its file named
    (tmp_path / "csvs" / "sales.csv").write_text("ds,y\n")
    with pytest.raises(RnncastError, match=r"csvs: each of its files has a header but no rows of data \(sales.csv\)"):
        read_table(tmp_path / "csvs")
    (tmp_path / "none").mkdir()
    with pytest.raises(RnncastError, match=r"none is a folder holding no CSV or Parquet file; expected a CSV or Parquet "
                                           r"file, or a folder of them"):
        read_table(tmp_path / "none")
    assert not datasetfolder.is_dataset(tmp_path / "none")


def test_fit_and_predict_take_a_dataset_folder(tmp_path, capsys):
    """t40-t4 2: `rnncast fit data/e_part` said "is a folder"; pyarrow reads it."""
    frame = make_panel(2, lengths=(60, 60), seed=2, freq="D")
    frame["ds"] = pd.to_datetime(frame["ds"])
    _dataset(tmp_path / "part", frame)
    args = ["--lookback", "12", "--horizon", "3", "--hidden-size", "8", "--epochs", "1", "--device", "cpu"]
    assert main(["fit", str(tmp_path / "part"), *args, "--out", str(tmp_path / "run"), "-q"]) == 0, capsys.readouterr()
    assert main(["predict", str(tmp_path / "run"), str(tmp_path / "part"), "--out", str(tmp_path / "f.csv")]) == 0
    assert len(pd.read_csv(tmp_path / "f.csv")) == 2 * 3
    model = Forecaster(**TINY).fit(str(tmp_path / "part"))  # the API reads it alike
    assert len(model.ids_) == 2


def test_a_folder_that_cannot_all_be_listed_is_refused_naming_why(tmp_path, monkeypatch):
    """An unreadable folder inside was passed over by the hand-written walk, its files dropped (decision 2213); one
    whose name starts '_' or '.' (Spark's _temporary, .git) is never entered, so it refuses nothing (decision 2261)."""
    import os

    for name in ("day=1", "_temporary", ".git"):
        (tmp_path / "part" / name).mkdir(parents=True)
    pq.write_table(pa.table({"y": [1.0]}), tmp_path / "part" / "a.parquet")
    scandir = os.scandir

    def unreadable(path):
        if os.path.basename(path) in ("day=1", "_temporary", ".git"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", unreadable)
    with pytest.raises(RnncastError, match=r"part: its files cannot all be listed \(\[Errno 13\] Permission denied: "
                                           r"'.*day=1'\); expected a CSV or Parquet file, .* every folder in it readable"):
        datasetfolder.parquet_files(tmp_path / "part")
    (tmp_path / "part" / "day=1").rmdir()
    assert [p.name for p in datasetfolder.parquet_files(tmp_path / "part")] == ["a.parquet"]


def test_a_linked_folder_is_not_entered_and_each_read_lists_the_folder_once(tmp_path, monkeypatch):
    """r41-1 H2: pyarrow's listing followed links: `latest -> store=2` read store 2 twice, `up -> ..` looped."""
    import os

    frame = make_panel(2, lengths=(30, 30), seed=2, freq="D")
    _dataset(tmp_path / "part", frame)
    os.symlink(next((tmp_path / "part" / "day=2026-12-01").iterdir()), tmp_path / "part" / "day=2026-12-01" / "latest")
    os.symlink("..", tmp_path / "part" / "up")
    assert len(datasetfolder.parquet_files(tmp_path / "part")) == 2
    walks = []
    walk = os.walk
    monkeypatch.setattr(os, "walk", lambda *a, **k: walks.append(a) or walk(*a, **k))
    assert len(read_table(tmp_path / "part")) == len(frame) and len(walks) == 1


def test_a_folder_partitioned_by_month_is_read_in_the_months_order_not_the_paths(tmp_path):
    """t41-t1 M2: year=2024/month=1, 10, 11, 12, 2 ... was read in path order and refused as unsorted, told to "sort
    the rows" and offered 'month' as a series id (decision 2226)."""
    days = pd.date_range("2024-01-01", "2024-12-31", freq="D")
    frame = pd.DataFrame({"ds": days, "y": range(len(days)), "year": days.year, "month": days.month})
    pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "m", partition_cols=["year", "month"])
    names = [p.parent.name for p in datasetfolder.parquet_files(tmp_path / "m")]
    assert names == [f"month={m}" for m in range(1, 13)]
    assert read_table(tmp_path / "m")["ds"].is_monotonic_increasing
    assert datasetfolder.keys(tmp_path / "m") == ["year", "month"]


def test_a_folder_whose_files_still_come_out_of_time_order_is_told_how_its_files_are_ordered(tmp_path):
    days = pd.date_range("2024-01-01", "2024-02-29", freq="D")
    frame = pd.DataFrame({"ds": days, "y": range(len(days)),
                          "month": days.strftime("%b")})  # Feb before Jan in path order: text values
    pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "m", partition_cols=["month"])
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(str(tmp_path / "m"), target="y")
    said = str(err.value)
    assert "timestamps are not sorted" in said and "m is a folder: its files are read in the order of their paths" in said
    assert "sort the rows by time" not in said and "id_col" not in said, said


def test_a_folder_partitioned_by_series_without_an_id_is_told_its_key_tells_the_series_apart(tmp_path):
    """r41-2 H1: store=1/, store=2/ read without id_col (series of different spans) were told to rename the partition
    values so they sort in time order, which cannot help; a key that is no time part still names the id column
    (decision 2268)."""
    frame = pd.concat([pd.DataFrame({"ds": pd.date_range(start, periods=60, freq="D"), "y": range(60), "store": s})
                       for s, start in ((1, "2024-01-01"), (2, "2023-09-01"))])
    pq.write_to_dataset(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "s", partition_cols=["store"])
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(str(tmp_path / "s"), target="y")
    said = str(err.value)
    assert "s is a folder" in said and "'store'" in said and "id_col" in said, said


def test_a_parquet_folder_passes_over_its_notes_and_refuses_a_file_of_another_kind(tmp_path, caplog):
    """r41-1 H3: a .parquet.gz or an .xlsx beside the Parquet files was passed over without a word (decision 2262)."""
    frame = make_panel(1, lengths=(30, 30), seed=2, freq="D")
    _dataset(tmp_path / "part", frame)
    (tmp_path / "part" / "README.md").write_text("how it was written")
    with caplog.at_level("INFO"):
        assert len(read_table(tmp_path / "part")) == len(frame)
    assert "passed over, not data: README.md" in caplog.text
    (tmp_path / "part" / "extra.parquet.gz").write_bytes(b"x")
    with pytest.raises(RnncastError, match=r"part holds extra.parquet.gz beside its data files \(day=2026-12-01/"):
        read_table(tmp_path / "part")
