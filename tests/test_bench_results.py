"""The result files of ``rnncast bench`` (``bench/results.py``): ``results.csv`` gets one row per
run under one header and is never rewritten (a file with other columns is refused); ``results.md``
shows the latest run of every model beside the published rows; the summary table the command shows."""

from __future__ import annotations

import pytest

from rnncast.bench import results
from rnncast.bench.identity import Source
from rnncast.errors import RnncastError


def _row(**changes) -> dict:
    row = {column: "" for column in results.CSV_COLUMNS}
    row.update(dataset="ETTh1", protocol="ett", target="OT", mode="S", L=96, H=96, model="nlinear", mse=0.0532, mae=0.177, test_windows="all",
               repeat_mse=0.069, repeat_mae=0.203, beats_repeat="yes", seconds=1.5, quick="no", command="rnncast bench ett")
    return {**row, **changes}


def test_rows_are_appended_under_one_header_with_floats_to_six_places(tmp_path):
    path = tmp_path / "out" / "results.csv"
    results.append_csv(path, _row())
    results.append_csv(path, _row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""))
    lines = path.read_text().splitlines()
    assert lines[0] == ",".join(results.CSV_COLUMNS) and len(lines) == 3
    rows = results.read_csv(path)
    assert [r["model"] for r in rows] == ["nlinear", "repeat"] and rows[0]["mse"] == "0.053200"


def test_a_results_file_with_other_columns_is_never_appended_to(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("dataset,mse\nETTh1,1\n")
    with pytest.raises(RnncastError, match="has other columns than this version writes"):
        results.append_csv(path, _row())
    assert path.read_text() == "dataset,mse\nETTh1,1\n"


def test_the_markdown_shows_the_latest_run_of_each_model_beside_the_published_rows(tmp_path):
    for row in (_row(mse=0.0601, beats_repeat="no"), _row(model="repeat", mse=0.069, mae=0.203, beats_repeat=""), _row()):
        results.append_csv(tmp_path / "results.csv", row)
    md = results.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert "## ETTh1, S, L=96, all test windows, ett protocol" in md
    assert "| 96 | 0.069/0.203 | **0.053/0.177** |" in md and "0.060/" not in md  # the later nlinear run, in bold
    assert "rnncast bench ett" in md


def test_the_summary_table_has_a_line_per_run():
    text = results.summary_table([_row(), _row(model="repeat", mse=0.069, beats_repeat="")])
    head, rule, nlinear, repeat = text.splitlines()
    assert head.split()[:5] == ["dataset", "mode", "L", "H", "model"] and set(rule) <= {"-", " "}
    assert nlinear.split()[4:10] == ["nlinear", "0.0532", "0.1770", "0.0690", "0.2030", "yes"]
    assert repeat.split()[9] == "-"  # Repeat does not beat itself


def test_published_rows_show_only_beside_runs_they_can_be_compared_with(tmp_path):
    """Published S rows were made on OT under the dataset's own protocol: another target, or an ETT
    file run under the custom protocol, gets no published columns."""
    for row in (_row(), _row(target="HUFL", L=48), _row(protocol="custom", L=24)):
        results.append_csv(tmp_path / "results.csv", row)
    md = results.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    sections = md.split("\n## ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        "ETTh1, S, L=96, all test windows, ett protocol",
        "ETTh1, S (target HUFL), L=48, all test windows, ett protocol",
        "ETTh1, S, L=24, all test windows, custom protocol"]
    assert "*NLinear L=336*" in sections[0]
    assert "*NLinear L=336*" not in sections[1] and "*NLinear L=336*" not in sections[2]


def test_the_markdown_says_when_seeds_differ_and_which_windows_the_published_rows_scored(tmp_path):
    """A later run into the same folder with another seed shows beside the others: the page says
    whose seed is which; beside all-window scores it says the published rows scored drop-last windows."""
    for row in (_row(model="repeat", mse=0.069, mae=0.203, beats_repeat="", seed=2021), _row(seed=5),
                _row(model="dlinear", seed=2021, epochs_run=7, best_epoch=4)):
        results.append_csv(tmp_path / "results.csv", row)
    md = results.write_markdown(tmp_path, ["repeat", "nlinear", "dlinear"]).read_text()
    assert "Seeds of the runs shown (they differ): repeat 2021; nlinear 5; dlinear 2021." in md
    assert "Trained runs: dlinear H=96 7 epochs (best 4)" in md
    assert "The published rows were scored on the drop-last test windows" in md
    (tmp_path / "results.csv").unlink()
    results.append_csv(tmp_path / "results.csv", _row(test_windows="drop-last-32", seed=2021))
    md = results.write_markdown(tmp_path, ["nlinear"]).read_text()
    assert "Seeds of the runs shown" not in md and "scored on the drop-last test windows" not in md


def test_plot_names_tell_apart_every_run_that_may_share_a_folder():
    """Mode, L, target, seed, protocol and settings each change the name; the row as written to and read
    back from results.csv (text) gives the same name as the row in memory."""
    base = _row(seed=2021, settings='{"epochs": 2}')
    name = results.plot_name(base)
    assert name.startswith("forecast_ETTh1_S_OT_L96_H96_nlinear_seed2021_") and name.endswith(".png")
    others = [_row(**{**base, **change}) for change in (
        {"mode": "M"}, {"L": 48}, {"target": "HUFL"}, {"seed": 2022}, {"protocol": "custom"},
        {"settings": '{"epochs": 3}'}, {"H": 192}, {"model": "dlinear"}, {"dataset": "ETTh2"})]
    assert len({name, *map(results.plot_name, others)}) == 1 + len(others)
    assert results.plot_name({**base, "L": "96", "H": "96", "seed": "2021"}) == name
    assert results.plot_name(_row(target="a/b c")).split("_")[3] == "a-b-c"  # no folder, no space


def test_the_markdown_links_the_plots_present_of_the_runs_shown(tmp_path):
    old, new = _row(seed=1, mse=0.07, beats_repeat="no"), _row(seed=2)
    for row in (old, new, _row(model="repeat", beats_repeat="")):
        results.append_csv(tmp_path / "results.csv", row)
    for row in (old, new):
        (tmp_path / results.plot_name(row)).write_bytes(b"png")  # the repeat run drew none (--no-plots)
    md = results.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert f"Forecast plots (the first test window): [nlinear H=96]({results.plot_name(new)})." in md
    assert results.plot_name(old) not in md


def test_rows_of_another_file_are_refused_and_those_of_the_same_counted(tmp_path):
    """Two files of the same name into one --out would share a table and overwrite each other's plots: the
    file's digest in results.csv tells them apart; the same bytes (at any path) append as before."""
    path = tmp_path / "results.csv"
    a, b = Source("/data/A/data.csv", "aaaaaaaaaaaa"), Source("/data/B/data.csv", "bbbbbbbbbbbb")
    assert results.check_source(path, a) == 0  # no file yet
    for model in ("repeat", "nlinear"):
        results.append_csv(path, _row(model=model, data_file=a.path, data_sha256=a.sha256, known_table="no"))
    assert results.check_source(path, a) == 2
    assert results.check_source(path, Source("/copy/data.csv", a.sha256)) == 2
    with pytest.raises(RnncastError) as err:
        results.check_source(path, b)
    assert str(err.value) == (f"{path} holds rows of /data/A/data.csv (sha256 aaaaaaaaaaaa), not of /data/B/data.csv "
                              "(sha256 bbbbbbbbbbbb): their tables and plots would mix; choose another --out")


def test_results_files_of_earlier_versions_are_read_but_not_appended_to(tmp_path):
    """A results.csv without the file's columns (the recorded folders in benchmarks/) is remade into results.md,
    its dataset told by name; rows are not appended to it, and it is not rewritten."""
    old_columns = [c for c in results.CSV_COLUMNS if c not in ("data_file", "data_sha256", "known_table",
                                                               "protocol", "target")]
    path = tmp_path / "results.csv"
    row = _row()
    path.write_text(",".join(old_columns) + "\n" + ",".join(str(row[c]) for c in old_columns) + "\n")
    before = path.read_text()
    md = results.write_markdown(tmp_path, ["repeat", "nlinear"]).read_text()
    assert "## ETTh1, S, L=96, all test windows, ett protocol" in md and "*NLinear L=336*" in md
    with pytest.raises(RnncastError, match="has other columns than this version writes"):
        results.check_source(path, Source("/x/ETTh1.csv", "abc"))
    assert path.read_text() == before


def test_a_file_named_like_a_known_table_that_is_not_it_gets_no_published_rows(tmp_path):
    for row in (_row(dataset="exchange_rate", protocol="custom", mode="M", known_table="no"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", L=336, known_table="yes")):
        results.append_csv(tmp_path / "results.csv", row)
    own, released = results.write_markdown(tmp_path, ["nlinear"]).read_text().split("\n## ")[1:]
    assert "*Repeat*" not in own and "No published rows: the file named exchange_rate is not the LTSF Exchange table" in own
    assert "*Repeat*" in released and "*0.081/0.196*" in released


def test_drop_last_sections_name_their_batch(tmp_path):
    """Which windows a drop-last section scores: B given, B of LTSF-Linear's script, or ETTh1's B=32 for a
    table without a script (the command says so too)."""
    for row in (_row(test_windows="drop-last-8"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", H=96, test_windows="drop-last-recipe", known_table="yes"),
                _row(dataset="exchange_rate", protocol="custom", mode="M", H=336, test_windows="drop-last-recipe", known_table="yes"),
                _row(dataset="sales", protocol="custom", test_windows="drop-last-recipe", known_table="no")):
        results.append_csv(tmp_path / "results.csv", row)
    ett, exchange, sales = results.write_markdown(tmp_path, ["nlinear"]).read_text().split("\n## ")[1:]
    assert "Scored on the drop-last test windows: the first floor(n/B)*B with B = 8." in ett
    assert "B = 8 at H=96, 32 at H=336 (LTSF-Linear's script for exchange_rate)" in exchange
    assert "B = 32, ETTh1's batch (LTSF-Linear has no script for sales)." in sales


def test_the_same_file_changed_since_its_rows_were_written_is_said_so(tmp_path):
    """The same path with other bytes was refused as "rows of edit.csv (sha256 A), not of edit.csv (sha256 B)",
    as if two files: it says the file has changed since, and the two ways on."""
    path = tmp_path / "results.csv"
    results.append_csv(path, _row(data_file="/d/edit.csv", data_sha256="3670ceb6cf70", known_table="no"))
    with pytest.raises(RnncastError) as err:
        results.check_source(path, Source("/d/edit.csv", "9bf5fb0ba3ab"))
    assert str(err.value) == (
        f"{path} holds rows of /d/edit.csv as it was when they were written (sha256 3670ceb6cf70); the file has "
        "changed since (sha256 9bf5fb0ba3ab now), and their tables and plots would mix: choose another --out, or "
        "remove this folder's results (results.csv, results.md, forecast_*.png) to start again")


def test_a_results_file_of_an_earlier_version_is_refused_naming_the_columns_it_lacks(tmp_path):
    """The refusal listed the file's first six columns, which say nothing of what differs."""
    path = tmp_path / "results.csv"
    path.write_text(",".join(results.CSV_COLUMNS[:-1]) + "\n")
    with pytest.raises(RnncastError, match=r"has other columns than this version writes: it lacks unscaled_columns "
                                           r"\(a results.csv of an earlier version, whose rows are never rewritten\); "
                                           r"move it away or choose another --out"):
        results.check_source(path, Source("/x/a.csv", "abc"))
    path.write_text("dataset,mse,extra\n")
    with pytest.raises(RnncastError, match=r"it lacks finished_utc, .*; it has extra, which this version does not "
                                           r"write; move it away"):
        results.append_csv(path, _row())


def test_columns_only_centred_are_said_in_their_section_and_recorded(tmp_path):
    """A column constant on the training rows is only centred: its errors stay in the data's units (an M MSE of
    63779.8), under a page that opened "MSE/MAE on z-scored values" with no caveat; results.csv kept no trace. The
    section says which columns and that its scores are not all z-scores; rows without the column read as before."""
    for row in (_row(dataset="flat", protocol="custom", mode="M", mse=63779.8, unscaled_columns='["level"]'),
                _row(dataset="plain", protocol="custom", mode="M")):
        results.append_csv(tmp_path / "results.csv", row)
    assert results.read_csv(tmp_path / "results.csv")[0]["unscaled_columns"] == '["level"]'
    md = results.write_markdown(tmp_path, ["nlinear"]).read_text()
    head, flat, plain = md.split("\n## ")
    assert "a column constant on the training rows is only centred" in head
    assert ("Only centred, not z-scored: `level`, constant on the training rows (the published code's StandardScaler "
            "left them so). Their errors are in the data's units, so these scores are not all z-scores") in flat
    assert "Only centred" not in plain
    old = [c for c in results.CSV_COLUMNS if c != "unscaled_columns"]  # a file of the version before
    row = _row(dataset="flat", protocol="custom", mode="M")
    (tmp_path / "results.csv").write_text(",".join(old) + "\n" + ",".join(str(row[c]) for c in old) + "\n")
    assert "## flat, M" in results.write_markdown(tmp_path, ["nlinear"]).read_text()
