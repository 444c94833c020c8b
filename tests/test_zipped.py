"""``zipped``: a zip archive's one data file, its system metadata (macOS Finder's ``__MACOSX/._*`` entries,
``.DS_Store``, folders) passed over, several data files refused by name; read through every reader of files
(``data.read_table``: fit, predict and evaluate's data, ``--future`` files, the Python API, ``rnncast bench``)."""

from __future__ import annotations

import logging
import re
import zipfile

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.data import read_table
from rnncast.zipped import data_file, is_metadata
from test_cli import cli

# what Finder writes beside a file: an AppleDouble header (magic 0x00051607, version 2), then binary attributes
APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02" + bytes(range(64))


def _zip(path, entries: dict) -> object:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return path


def _finder_zip(path, frame: pd.DataFrame, name: str = "sales.csv", folder: str = "") -> object:
    """``frame`` as CSV zipped as macOS Finder's Compress zips it (``folder``: a folder of it compressed)."""
    entries = {f"{folder}/": b""} if folder else {}
    prefix = f"{folder}/" if folder else ""
    entries |= {f"{prefix}{name}": frame.to_csv(index=False), "__MACOSX/": b"",
                f"__MACOSX/{prefix}._{name}": APPLE_DOUBLE, f"{prefix}.DS_Store": APPLE_DOUBLE}
    return _zip(path, entries)


@pytest.mark.parametrize("name, metadata", [("sales.csv", False), ("export/sales.csv", False), ("export/", True),
                                            ("__MACOSX/._sales.csv", True), ("__MACOSX/export/._sales.csv", True),
                                            (".DS_Store", True), ("export/.DS_Store", True), ("._sales.csv", True),
                                            ("MACOSX/sales.csv", False), ("sales._csv", False)])
def test_metadata_entries_are_told_by_their_names(name, metadata):
    assert is_metadata(name) is metadata


def test_a_zip_made_by_macos_finder_is_read_its_metadata_passed_over_and_said(tmp_path, caplog):
    """Finder's zip of sales.csv holds __MACOSX/._sales.csv (binary) and .DS_Store: it was refused as 'holds 3
    files'; the CSV is read as the same file unzipped is, and the entries passed over are named in one line."""
    frame = make_frame(50)
    path = _finder_zip(tmp_path / "sales.csv.zip", frame)
    with caplog.at_level(logging.INFO, logger="rnncast.zipped"):
        read = read_table(path)
    frame.to_csv(tmp_path / "sales.csv", index=False)
    pd.testing.assert_frame_equal(read, read_table(tmp_path / "sales.csv"), check_like=False)
    said = [r.getMessage() for r in caplog.records if r.name == "rnncast.zipped"]
    assert said == ["sales.csv.zip: read sales.csv inside it; passed over __MACOSX/._sales.csv, .DS_Store, metadata "
                    "that holds no data (as macOS Finder's Compress writes it)"]


def test_a_zip_of_one_file_inside_a_folder_is_read(tmp_path):
    frame = make_frame(30)
    path = _finder_zip(tmp_path / "export.zip", frame, folder="export")
    assert data_file(path) == "export/sales.csv"
    assert np.allclose(read_table(path)["y"], frame["y"])


def test_a_semicolon_csv_with_a_byte_order_mark_is_read_from_a_zip_as_unzipped(tmp_path):
    text = "\ufeffdate;sales\n2024-01-01;1,5\n2024-01-02;2,5\n"
    path = _zip(tmp_path / "d.csv.zip", {"d.csv": text.encode("utf-8"), "__MACOSX/._d.csv": APPLE_DOUBLE})
    read = read_table(path)
    assert list(read.columns) == ["date", "sales"] and read["sales"].tolist() == [1.5, 2.5]


def test_a_zip_of_several_data_files_is_refused_naming_them_and_how_to_choose(tmp_path):
    path = _zip(tmp_path / "d.csv.zip", {"a.csv": "date,y\n2020-01-01,1\n", "b.csv": "date,y\n2020-01-01,2\n",
                                         "__MACOSX/._a.csv": APPLE_DOUBLE})
    with pytest.raises(RnncastError, match=r"d\.csv\.zip holds 2 data files \(a\.csv, b\.csv\); a zipped table must "
                                           r"hold exactly one: zip each file on its own, or unzip the archive and "
                                           r"give the file to read \(e\.g\. a\.csv\)$"):
        read_table(path)


def test_a_zip_of_metadata_alone_is_refused(tmp_path):
    path = _zip(tmp_path / "d.csv.zip", {"__MACOSX/._a.csv": APPLE_DOUBLE, ".DS_Store": APPLE_DOUBLE})
    with pytest.raises(RnncastError, match=r"d\.csv\.zip holds no data file \(only __MACOSX/\._a\.csv, \.DS_Store, "
                                           r"system metadata\); zip the CSV file itself$"):
        read_table(path)


def test_finder_zips_serve_fit_predict_evaluate_and_future_files_in_the_cli_and_the_api(tmp_path, capsys):
    frame = make_frame(120, feature=False)
    frame["hour"] = frame["date"].dt.hour.astype(float)  # a covariate known ahead
    data = _finder_zip(tmp_path / "sales.csv.zip", frame)
    last = frame["date"].iloc[-1]
    future = pd.DataFrame({"date": last + pd.Timedelta(hours=1) * np.arange(1, TINY["horizon"] + 1)})
    future["hour"] = future["date"].dt.hour.astype(float)
    future_zip = _finder_zip(tmp_path / "future.zip", future, name="future.csv", folder="export")
    run = tmp_path / "run"
    code, _, err = cli(capsys, "fit", data, "--target", "y", "--features", "hour", "--future-known", "--lookback",
                       TINY["lookback"], "--horizon", TINY["horizon"], "--epochs", 1, "--hidden-size", 8,
                       "--device", "cpu", "--out", run)
    assert code == 0, err
    code, out, err = cli(capsys, "predict", run, data, "--future", future_zip)
    assert code == 0, err
    assert len(pd.read_csv(pd.io.common.StringIO(out))) == TINY["horizon"]
    code, _, err = cli(capsys, "evaluate", run, data)
    assert code == 0, err
    two = _zip(tmp_path / "two.zip", {"future.csv": future.to_csv(index=False), "old.csv": future.to_csv(index=False)})
    code, _, err = cli(capsys, "predict", run, data, "--future", two)
    assert code == 2 and err.strip().splitlines()[-1].startswith("rnncast: error: ") and "two.zip holds 2 data files" in err
    model = Forecaster(**{**TINY, "epochs": 1}).fit(str(data), target="y", future_covariates=["hour"])
    assert len(model.predict(str(data), future=str(future_zip))) == TINY["horizon"]


def test_rnncast_bench_reads_a_finder_zip_as_the_table_unzipped(tmp_path):
    from rnncast.bench.tablefile import read_table as bench_table

    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60, freq="D").strftime("%Y-%m-%d"),
                          "a": np.sin(np.arange(60.0)), "OT": np.cos(np.arange(60.0))})
    table = bench_table(_finder_zip(tmp_path / "mytable.csv.zip", frame, name="mytable.csv"))
    assert table.name == "mytable" and table.columns == ["a", "OT"] and np.allclose(table.values, frame[["a", "OT"]])


def test_a_folder_with_a_custom_icon_zipped_is_read_its_icon_passed_over(tmp_path):
    """A folder given a custom icon in Finder holds 'Icon\\r' (its name ends in a carriage return): metadata."""
    frame = make_frame(40)
    path = _zip(tmp_path / "export.zip", {"export/": b"", "export/sales.csv": frame.to_csv(index=False),
                                          "export/Icon\r": b"", "__MACOSX/export/._Icon\r": APPLE_DOUBLE})
    assert is_metadata("export/Icon\r") and not is_metadata("export/Icon")
    assert len(read_table(path)) == 40


def test_a_zipped_parquet_file_is_read_as_unzipped(tmp_path, caplog):
    frame = make_frame(40)
    frame.to_parquet(tmp_path / "sales.parquet", index=False)
    for name in ("sales.parquet.zip", "sales.zip"):
        path = _zip(tmp_path / name, {"sales.parquet": (tmp_path / "sales.parquet").read_bytes(),
                                      "__MACOSX/._sales.parquet": APPLE_DOUBLE})
        with caplog.at_level(logging.INFO, logger="rnncast.zipped"):
            pd.testing.assert_frame_equal(read_table(path), read_table(tmp_path / "sales.parquet"))
        assert "read sales.parquet inside it; passed over __MACOSX/._sales.parquet" in caplog.text


@pytest.mark.parametrize("member, kind", [("inner.zip", "a zip archive"), ("sales.csv.gz", "a gzip-compressed file")])
def test_an_archive_or_compressed_file_inside_a_zip_is_refused_naming_it(tmp_path, member, kind):
    import gzip
    csv_text = make_frame(20).to_csv(index=False).encode()
    inner = _zip(tmp_path / "inner.zip", {"sales.csv": csv_text}).read_bytes() if member == "inner.zip" else (
        gzip.compress(csv_text))
    path = _zip(tmp_path / "outer.zip", {f"export/{member}": inner})
    with pytest.raises(RnncastError, match=rf"outer\.zip holds export/{re.escape(member)}, {kind}, not CSV text: "
                                           rf".*extract {re.escape(member)} and give it"):
        read_table(path)


@pytest.mark.parametrize("content, said", [
    ("date,y\n2024-01-01,1\n".encode("utf-16"), "is UTF-16 text, which rnncast does not read; save it as UTF-8 CSV"),
    ("date,y\n2024-01-01,1\n".encode("utf-16-be"), "looks like UTF-16 BE text without a byte-order mark"),
    ("date,y\n2024-01-01,caf\xe9\n".encode("latin-1"), "is not UTF-8 text"),
    (b"", "is empty; expected a header line and rows of values"),
    (b"date,y\n", "has a header but no rows of data"),
])
def test_a_zipped_file_refused_for_its_text_is_named_with_its_archive(tmp_path, content, said):
    """A UTF-16 CSV inside a zip was refused as "x.zip holds NUL bytes in its first line": the archive named, not the
    file in it that is no UTF-8 text; each refusal of a zipped file's text names the file and the archive."""
    path = _zip(tmp_path / "x.zip", {"export/": b"", "export/sales.csv": content})
    with pytest.raises(RnncastError, match=rf"^export/sales\.csv in .*x\.zip {re.escape(said)}"):
        read_table(path)


def test_a_refused_value_of_a_zipped_file_names_its_line_in_the_file_in_the_archive(tmp_path):
    """'line 4 of x.zip' sent the user to open the archive at a line it does not have: the line is the zipped file's."""
    from rnncast.loading import load_panel

    path = _zip(tmp_path / "x.zip", {"export/": b"", "export/sales.csv": "date,y\n2024-01-01,1\n2024-01-02,2\n2024-01-03,abc\n"})
    with pytest.raises(RnncastError, match=r"line 4 of export/sales\.csv in x\.zip holds 'abc'"):
        load_panel(path, target="y")
