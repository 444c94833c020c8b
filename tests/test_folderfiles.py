"""Which files of a data folder are read; notes and run folders passed over, said; other files refused (2262)."""

from __future__ import annotations

import json
import logging

import pytest

from rnncast import RnncastError, folderfiles
from rnncast.datasetfolder import listed


def _folder(tmp_path, *names):
    for name in names:
        (tmp_path / "d" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "d" / name).write_text("ds,y\n2026-01-01,1\n")
    return tmp_path / "d"


def test_kind_and_stem_read_a_name_less_its_compression():
    assert folderfiles.kind("2026-01.CSV.gz") == ".csv" and folderfiles.kind("README") == ""
    assert folderfiles.stem("2026-01.csv.gz") == "2026-01" and folderfiles.stem("a.b.tsv") == "a.b"


def test_notes_and_run_folders_are_passed_over_and_said(tmp_path, caplog):
    folder = _folder(tmp_path, "2026-01.csv", "2026-02.tsv", "README.md", "NOTES", "Thumbs.db",
                     "runs/x-lstm/by_step.csv", "runs/x-lstm/model/model.json", "runs/t/x/tune.json",
                     "runs/t/x/trials.csv")
    (folder / "runs" / "x-lstm" / "config.json").write_text(json.dumps({"format_version": 1, "settings": {}}))
    with caplog.at_level(logging.INFO):
        data = folderfiles.chosen(folder, listed(folder))
    assert [p.name for p in data] == ["2026-01.csv", "2026-02.tsv"]
    said = caplog.text
    assert ("passed over, not data: NOTES, README.md, Thumbs.db, runs/x-lstm (an rnncast run), runs/t/x (an rnncast "
            "run)") in said, said


@pytest.mark.parametrize("other", ["2026-02.txt", "2026-02.xlsx", "2026-02.parquet.gz", "meta.json"])
def test_a_file_of_another_kind_beside_the_csv_files_is_refused_by_name(tmp_path, other):
    folder = _folder(tmp_path, "2026-01.csv", other)
    with pytest.raises(RnncastError, match=rf"d holds {other} beside its data files \(2026-01.csv, ...\), .* its rows "
                                           r"would be passed over"):
        folderfiles.chosen(folder, listed(folder))


def test_one_name_in_two_forms_is_refused_naming_both(tmp_path):
    folder = _folder(tmp_path, "2026-01.csv", "2026-01.csv.gz", "2026-02.csv")
    with pytest.raises(RnncastError, match=r"d holds 2026-01.csv and 2026-01.csv.gz, one name in two forms: .* their "
                                           r"rows would be read twice; keep one"):
        folderfiles.chosen(folder, listed(folder))


def test_a_run_folder_given_as_data_is_refused_as_such(tmp_path):
    folder = _folder(tmp_path, "by_step.csv")
    (folder / "config.json").write_text(json.dumps({"settings": {"cell": "lstm"}}))
    with pytest.raises(RnncastError, match=r"d is an rnncast run's, tune's or model's folder .* not data"):
        folderfiles.chosen(folder, listed(folder))
    assert folderfiles.data_files(folder, listed(folder)) == []
