"""A file named as CSV that is no UTF-8 CSV text (``nottext.py``): a Parquet or compressed file named for what it is,
UTF-16 text named so whatever bytes its header holds."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.data import read_table


@pytest.mark.parametrize("write, says", [
    (lambda f, p: f.to_parquet(p), r"d\.csv is a Parquet file \(its first bytes say so\), named as text: rnncast reads "
                                   r"a file by its name's ending; rename it d\.parquet$"),
    (lambda f, p: f.to_csv(p, compression="gzip", index=False), r"d\.csv is a gzip-compressed file .*rename it d\.csv\.gz$"),
])
def test_a_parquet_or_gzip_file_named_csv_is_named_for_what_it_is(tmp_path, write, says):
    """A Parquet file named .csv was "not UTF-8 text"; a gzip one "holds NUL bytes ... give a Parquet file"."""
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=10).strftime("%Y-%m-%d"), "y": range(10)})
    write(frame, tmp_path / "d.csv")
    with pytest.raises(RnncastError, match=says):
        read_table(tmp_path / "d.csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("header", ["Дата\tТемпература", "Дата,Продажи,Температура", "Т\"Дата\"", "Љ\tДата"])
def test_a_utf16_file_whose_header_bytes_hold_quotes_or_line_ends_is_refused_as_utf16(tmp_path, encoding, header):
    """A UTF-16 file with a Cyrillic header (pandas' to_csv(sep="\\t", encoding="utf-16")) was told its header "breaks
    a column name over lines": Т is 22 04 in UTF-16, a quote byte, counted before the UTF-16 check ran (Љ is 0A 04, a
    line end)."""
    path = tmp_path / "ru16.txt"
    path.write_bytes(("\ufeff" if encoding != "utf-16" else "").encode(encoding)
                     + f"{header}\n2024-01-01\t1\n".encode(encoding))
    with pytest.raises(RnncastError, match=r"ru16\.txt is UTF-16 text, which rnncast does not read; save it as UTF-8"):
        read_table(path)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_a_utf32_file_is_named_utf32_not_utf16(tmp_path, encoding):
    """A UTF-32 file was called "UTF-16 text": its byte-order mark FF FE 00 00 begins as UTF-16's FF FE (t30t5)."""
    path = tmp_path / "d.csv"
    path.write_bytes("date,y\n2024-01-01,1\n".encode(encoding))
    with pytest.raises(RnncastError, match=r"/d\.csv is UTF-32 text, which rnncast does not read; save it as UTF-8 CSV"):
        read_table(path)


@pytest.mark.parametrize("encoding, order", [("utf-16-le", "LE"), ("utf-16-be", "BE")])
@pytest.mark.parametrize("header", ["날짜,매출,기온", "date,y,x"])
def test_utf16_without_a_byte_order_mark_is_named_with_its_byte_order_not_binary(tmp_path, encoding, order, header):
    """t34t3: a Korean file saved as UTF-16 LE without a mark was "not CSV text (a binary file?)" (decision 1715)."""
    path = tmp_path / "ko.csv"
    path.write_bytes(f"{header}\n2026-01-01,1,2\n2026-01-02,3,4\n".encode(encoding))
    with pytest.raises(RnncastError, match=rf"^.*ko\.csv looks like UTF-16 {order} text without a byte-order mark "
                                           rf"\(.*\), which rnncast does not read; save it as UTF-8 CSV \(Excel: Save As "
                                           rf"'CSV UTF-8'; pandas: pd\.read_csv\(path, encoding='{encoding}'\), then "
                                           r"to_csv without encoding=\)$"):
        read_table(path)
