"""``rnncast evaluate --by-series`` (``cli/byseries.py``): each series' scores, those ``evaluate(by_series=True)``
computes, on the terminal (a panel of many series: the highest and lowest model MASE), in --json and in a CSV file."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster
from test_kupiec import one_step
from rnncast.cli import main
from rnncast.cli.byseries import FEW, SHOWN, best_baseline, not_scored, ranked, series_frame, series_text, write_file


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A model of three series saved as a run, its data in a CSV file."""
    folder = tmp_path_factory.mktemp("byseries")
    frame = make_panel(3, lengths=(90, 110), scales=(0.1, 100.0), seed=4)
    Forecaster(**TINY).fit(frame).save(folder / "model")
    frame.to_csv(folder / "d.csv", index=False)
    return folder


def test_evaluate_by_series_prints_and_writes_each_series_scores_as_python_computes_them(run, capsys):
    """A tester's retail panel: evaluate gave pooled scores only, with no flag for each series'."""
    expected = Forecaster.load(run / "model").evaluate(str(run / "d.csv"), by_series=True)["series"]
    out = run / "each.csv"
    assert main(["evaluate", str(run / "model"), str(run / "d.csv"), "--by-series", "--by-series-csv", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "each series (its original units; highest model MASE first; beside the model, the baseline with the lowest " \
           "MSE on it)" in printed
    for key, scores in expected.items():  # each series' row: its id, windows, the model's MASE as the pooled tables write it
        assert f"\n{key}  " in printed and f"{scores['model']['mase']:.4f}" in printed
    assert printed.rstrip().endswith(f"wrote the scores of 3 series to {out}")
    table = pd.read_csv(out)
    assert list(table.columns[:4]) == ["unique_id", "windows", "best_baseline", "model_mse"]  # the data's id column
    assert list(table["unique_id"]) == ranked(expected)  # highest model MASE first
    for row in table.itertuples():
        assert row.model_mase == pytest.approx(expected[row.unique_id]["model"]["mase"], rel=1e-5)  # 6 digits
        assert row.repeat_mae == pytest.approx(expected[row.unique_id]["repeat"]["mae"], rel=1e-5)
        assert row.best_baseline == best_baseline(expected[row.unique_id])
    assert main(["evaluate", str(run / "model"), str(run / "d.csv"), "--by-series", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["series"].keys() == expected.keys()
    assert result["series"][ranked(expected)[0]]["model"]["mse"] == pytest.approx(
        expected[ranked(expected)[0]]["model"]["mse"], rel=1e-12)


def test_by_series_csv_keeps_an_existing_file_unless_it_is_evaluates_and_overwrite_is_given(run, capsys):
    out = run / "kept.csv"
    out.write_text("store,notes\n1,mine\n")
    args = ["evaluate", str(run / "model"), str(run / "d.csv"), "--by-series-csv", str(out)]
    assert main(args) == 2 and main(args + ["--overwrite"]) == 2
    err = capsys.readouterr().err
    assert "does not read as a table rnncast evaluate --by-series-csv wrote (a file headed store,notes)" in err
    assert out.read_text() == "store,notes\n1,mine\n"
    out.unlink()
    assert main(args) == 0 and main(args) == 2  # the second: it exists
    assert "exists; pass --overwrite to replace it" in capsys.readouterr().err
    assert main(args + ["--overwrite"]) == 0 and len(pd.read_csv(out)) == 3
    assert main(args[:-1] + [str(run / "each.txt")]) == 2
    assert "the file is written as .csv or .tsv" in capsys.readouterr().err


def _result(n: int) -> dict:
    """``evaluate(by_series=True)``'s ``series`` for ``n`` series whose model MASE is 0.1 to n/10, one without a MASE."""
    series = {f"store{s:04d}": {"windows": 4, "model": {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": s / 10},
                                 "repeat": {"mse": 2.0, "mae": 1.0, "rmse": 1.4, "r2": 0.1, "mase": 1.0},
                                 "mean": {"mse": 0.5 + s % 2 * 2, "mae": 1.0, "rmse": 1.0, "r2": 0.0, "mase": 1.0}}
              for s in range(1, n + 1)}
    series["store0001"]["model"]["mase"] = math.nan  # training rows that never change
    return {"series": series}


def test_a_panel_of_many_series_shows_the_highest_and_lowest_model_mase_and_the_file_holds_every_one():
    result = _result(1000)
    text = series_text(result)
    assert text.count("\nstore") == 2 * FEW
    assert "\nstore1000  " in text and "\nstore0996  " in text  # the highest model MASE, first
    assert "\nstore0002  " in text and "\nstore0001  " in text  # the lowest, and the one without a MASE last
    assert f"... {1000 - 2 * FEW} more" in text
    assert text.endswith("1000 series: the 5 with the highest model MASE and the 5 with the lowest, those without a "
                         "MASE last, are shown; --by-series-csv FILE writes every series")
    assert series_text(result, "stores.csv").endswith("every series is in stores.csv")
    frame = series_frame(result)
    assert len(frame) == 1000 and list(frame["series"][:2]) == ["store1000", "store0999"]
    assert frame["series"].iloc[-1] == "store0001"
    assert list(frame["best_baseline"][:2]) == ["mean", "repeat"]  # each series' own best, by its MSE
    result["series"]["store0001"]["model"]["mase"] = 0.01
    assert "1000 series: the 5 with the highest model MASE and the 5 with the lowest are shown" in series_text(result)
    small = series_text(_result(SHOWN))
    assert small.count("\nstore") == SHOWN and "more" not in small


def test_a_quantile_models_table_has_pinball_and_coverage_and_names_the_series_furthest_off():
    """The by-series table had no pinball or coverage: a pooled 63.4% hid a calm store at 89.2% and a wild one at
    37.6% (t28t8)."""
    result = _result(3)
    for name, share in (("store0001", 0.892), ("store0002", 0.376), ("store0003", 0.79)):
        result["series"][name]["model"].update(one_step({"pinball": 1.5, "coverage_80": share, "by_level": {"values": 378}}))
    text = series_text(result)
    head = text.splitlines()[1]
    assert head.split()[-3:] == ["pinball", "80%", "covers"]
    assert "0.3760" in text and "0.8920" in text  # coverage in fit's table's notation (decision 1854)
    assert text.splitlines()[-1] == ("the 80% interval is furthest from its level in series 'store0002': it covers "
                                     "37.6% of its values (2 of 3 series far from 80% by the binomial per-step test of "
                                     "their misses, Holm-corrected p < 0.01)")
    point = series_text(_result(3))
    assert "pinball" not in point and "furthest" not in point


def _levels(below: dict, values: int = 1624) -> dict:
    return one_step({"by_level": {level: {"below": share, "tied": 0.0, "pinball": 1.0} for level, share in below.items()}
                     | {"values": values}})["by_level"]


def test_levels_that_end_no_interval_show_their_share_per_series_and_name_the_furthest():
    """A planner's 0.5/0.9/0.95 (t36t2): the pooled 90.2% at or below 0.9 hid ward F at 85.4%, and the by-series table
    and CSV had no share at all, as no two levels make an interval (decision 1892)."""
    result = _result(3)
    shares = {"store0001": (0.49, 0.901, 0.95), "store0002": (0.50, 0.854, 0.925), "store0003": (0.51, 0.899, 0.99)}
    for name, (half, high, top) in shares.items():
        result["series"][name]["model"].update(pinball=1.0, by_level=_levels({"0.5": half, "0.9": high, "0.95": top}))
        result["series"][name]["mean"].update(pinball=1.1, by_level=_levels({"0.5": 0.6, "0.9": 1.0, "0.95": 1.0}))
    text = series_text(result)
    lines = text.splitlines()
    assert lines[0].endswith("≤qL: the share of its values at or below its quantile at level L, a fraction)")
    assert lines[1].split()[-4:] == ["pinball", "≤q0.5", "≤q0.9", "≤q0.95"]
    assert "0.8540  0.9250" in text and "1.0000  1.0000" in text  # the model's and the baseline's beside it
    assert lines[-1] == ("furthest from their levels: 0.9 in series 'store0002', 85.4% of its values at or below it (1 "
                         "of 3 series far from 90%); 0.95 in series 'store0003', 99.0% of its values at or below it (2 "
                         "of 3 series far from 95%) (far: by the binomial per-step test of the misses, Holm-corrected "
                         "p < 0.01, ties counted as a range)")
    frame = series_frame(result).set_index("series")
    assert frame.loc["store0002", "model_below_0.9"] == pytest.approx(0.854)
    assert frame.loc["store0002", "mean_below_0.95"] == 1.0 and "repeat_below_0.9" not in frame
    paired = _result(3)  # 0.1 and 0.9 make the 80% interval: its coverage column as before, 0.5's share beside it
    for name in paired["series"]:
        paired["series"][name]["model"].update(pinball=1.0, coverage_80=0.8,
                                               by_level=_levels({"0.1": 0.1, "0.5": 0.5, "0.9": 0.9}))
    head = series_text(paired).splitlines()[1].split()
    assert head[-4:] == ["pinball", "80%", "covers", "≤q0.5"] and "model_below_0.5" in series_frame(paired)
    assert "model_below_0.9" not in series_frame(paired)


def test_several_targets_heading_says_each_score_is_the_targets_mean():
    """A tester's finding: with targets y and z the table was headed "its original units" though each row is the mean
    of the two targets' scores (and R² that of the targets whose values vary in the series)."""
    result = {**_result(3), "targets": 2}
    head = series_text(result).splitlines()[0]
    assert head.startswith("each series (its original units, each score the mean of its 2 targets' and R² that of the "
                           "targets whose values vary in it (each target's own: a row each in --by-series-csv, "
                           "by_target in --json); ")
    assert series_text(_result(3)).startswith("each series (its original units; ")


def test_several_targets_file_has_a_row_per_series_and_target_each_in_its_own_units():
    """A tester's finding (t30t10): --by-series-csv of sales and visits wrote a row per store, no target column, its
    model_mse the mean of sales² and visits²."""
    result = {**_result(2), "targets": 2}
    for key, scores in result["series"].items():
        scores["by_target"] = {name: {name_: {**block, "mse": block["mse"] * k} for name_, block in scores.items()
                                      if isinstance(block, dict)} for name, k in (("sales", 4.0), ("visits", 0.25))}
    frame = series_frame(result, "store")
    assert list(frame.columns[:4]) == ["store", "target", "windows", "best_baseline"]
    assert len(frame) == 4 and list(frame["target"]) == ["sales", "visits"] * 2
    first = result["series"][frame["store"][0]]
    assert frame["model_mse"][0] == pytest.approx(first["by_target"]["sales"]["model"]["mse"], rel=1e-5)
    assert "by_target_mse" not in frame and best_baseline(first) is not None  # the per-target block is no forecaster
    assert series_frame(_result(2)).columns[1] == "windows"  # one target: a row per series, as before


def test_by_series_csv_begins_with_the_byte_order_mark_of_the_data_file(run, capsys):
    """A Korean analyst's data in Excel's "CSV UTF-8": predict's forecasts kept its byte-order mark, evaluate's
    --by-series-csv dropped it, so Excel read that table's names as its code page; now it is kept, and such a file is
    still replaced with --overwrite as evaluate's own."""
    marked = run / "d_bom.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + (run / "d.csv").read_bytes())
    out, plain = run / "each_bom.csv", run / "each_plain.csv"
    args = ["evaluate", str(run / "model"), str(marked), "--by-series-csv", str(out)]
    assert main(args) == 0 and out.read_bytes().startswith(b"\xef\xbb\xbfunique_id,windows,")
    assert main(args + ["--overwrite"]) == 0 and out.read_bytes().startswith(b"\xef\xbb\xbfunique_id,")
    assert main(["evaluate", str(run / "model"), str(run / "d.csv"), "--by-series-csv", str(plain)]) == 0
    assert plain.read_bytes().startswith(b"unique_id,windows,")  # no mark where the data has none
    capsys.readouterr()


def test_by_series_csv_is_written_as_the_data_file_is_with_its_id_column_and_readable_scores(run, capsys):
    """A tester's German Excel panel (';' and decimal commas): predict and backtest wrote their files so, evaluate's
    --by-series-csv with ',' and '.', every score to 17 digits, its ids headed 'series', not the data's 'store', and
    sMAPE in percent beside coverage as a fraction with nothing saying which; now it is written as the data is, its
    ids under the data's column, six significant digits, percent columns ending in _pct (decision 653)."""
    frame = pd.read_csv(run / "d.csv")
    german = run / "d_eu.csv"
    frame.to_csv(german, sep=";", decimal=",", index=False)
    out = run / "each_eu.csv"
    args = ["evaluate", str(run / "model"), str(german), "--by-series-csv", str(out)]
    assert main(args) == 0
    text = out.read_text()
    assert text.startswith("unique_id;windows;best_baseline;model_mse;") and "," in text.splitlines()[1]
    table = pd.read_csv(out, sep=";", decimal=",")
    assert "model_smape_pct" in table.columns and "model_smape" not in table.columns
    for value in table.select_dtypes("float").to_numpy().ravel():
        assert value == float(f"{value:.6g}")
    assert main(args + ["--overwrite"]) == 0  # its own file, recognised under the data's id column and separator
    capsys.readouterr()


def test_a_run_and_its_by_series_file_name_each_score_alike_and_an_older_run_still_loads(run, tmp_path, capsys):
    """A tester's find: a run's metrics.json named sMAPE 'smape' and evaluate's by-series file the same score
    'model_smape_pct' (and --json 'smape'): each output now names a score as ``metrics.score`` does, percent scores
    with their unit (decision 669). A run written before, its metrics.json holding 'smape', still predicts and
    evaluates: nothing reads the scores back."""
    fit = tmp_path / "fit"
    assert main(["fit", str(run / "d.csv"), "--target", "y", "--id-col", "unique_id", "--lookback", "12", "--horizon",
                 "3", "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "--out", str(fit)]) == 0
    capsys.readouterr()
    held = json.loads((fit / "metrics.json").read_text())
    model = held["test"]["original"]["model"]
    assert {"smape_pct", "mape_pct"} <= set(model) and not {"smape", "mape"} & set(model)
    out = tmp_path / "each.csv"
    assert main(["evaluate", str(fit), str(run / "d.csv"), "--by-series-csv", str(out), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    columns = [c.removeprefix("model_") for c in pd.read_csv(out).columns if c.startswith("model_")]
    assert set(columns) == set(model) == set(printed["original"]["model"])
    for block in held["test"]["scaled"].values():  # z-scored values have no percentage error: left out, not renamed
        assert not {"smape", "mape", "smape_pct", "mape_pct"} & set(block)
    for part in ("val", "test"):  # as rnncast wrote it before decision 669
        for units in ("original", "scaled"):
            for block in held[part][units].values():
                for new, old in (("smape_pct", "smape"), ("mape_pct", "mape")):
                    if new in block:
                        block[old] = block.pop(new)
    (fit / "metrics.json").write_text(json.dumps(held))
    assert main(["predict", str(fit), str(run / "d.csv"), "--out", str(tmp_path / "p.csv")]) == 0
    assert main(["evaluate", str(fit), str(run / "d.csv")]) == 0
    assert main(["fit", "--resume", str(fit)]) == 2  # finished: refused as before, its metrics.json read as whole
    assert "nothing to resume" in capsys.readouterr().err


def test_by_series_csv_holds_a_row_for_each_series_fit_left_out_saying_why(tmp_path, capsys):
    """A retail tester's store too short to train was left out of --by-series-csv, named only on the terminal: the
    README promises every series, one row each, and the file is what is handed on."""
    frame = make_panel(3, lengths=(90, 110), seed=4)
    frame = frame[(frame["unique_id"] != frame["unique_id"].iloc[0]) | (frame.groupby("unique_id").cumcount() < 12)]
    Forecaster(**TINY).fit(frame).save(tmp_path / "model")
    frame.to_csv(tmp_path / "d.csv", index=False)
    out = tmp_path / "each.csv"
    assert main(["evaluate", str(tmp_path / "model"), str(tmp_path / "d.csv"), "--by-series-csv", str(out)]) == 0
    short = frame["unique_id"].iloc[0]
    assert capsys.readouterr().out.rstrip().endswith(
        f"wrote the scores of 2 series and 1 not scored (fit left it out) to {out}")
    table = pd.read_csv(out)
    assert len(table) == 3 and table.columns[-1] == "not_scored"
    row = table[table["unique_id"] == short].iloc[0]
    assert row["windows"] == 0 and math.isnan(row["model_mse"])
    assert row["not_scored"].startswith("too short to train (12 rows at fit; needs ") and row["not_scored"].endswith(" rows)")
    assert table["not_scored"].isna().sum() == 2


def test_a_backtests_left_out_series_are_rows_saying_its_own_reason():
    """A backtest's records (metrics.json's skipped_series) are each a row of the file as fit's are, in the
    backtest's words: its rows in the data, not "at fit" (decision 1704)."""
    scores = {"windows": 2, "model": {"mse": 1.0, "mae": 1.0, "mase": 1.0}, "repeat": {"mse": 2.0, "mae": 1.5, "mase": 1.5}}
    records = [{"id": "short", "rows": 30, "needed": 177}, {"id": "held", "rows": 40, "needed": None,
                                                           "reason": "left out by the fit, no static covariates held"}]
    frame = series_frame({"series": {"a": scores}, "skipped_series": records})
    assert list(frame["series"]) == ["a", "short", "held"] and list(frame["windows"]) == [2, 0, 0]
    assert list(frame["not_scored"])[1:] == ["too short for this backtest (30 rows; needs 177 rows)",
                                             "left out by the fit, no static covariates held (40 rows)"]
    assert not_scored({"id": "s", "rows": 12, "needed": 85}) == "too short to train (12 rows at fit; needs 85 rows)"


def test_a_series_with_a_window_left_out_whole_counts_it_forecast_and_not_scored(tmp_path):
    """A retail tester: `--by-series-csv` gave S12 8 windows though one was left out whole (fill read a later row),
    while the page said 207 scored of 208: the file and the table now say both counts, by name."""
    from rnncast.cli.byseries import series_refusal

    result = _result(3)
    result["windows_scored"] = 11
    for key in result["series"]:
        result["series"][key]["windows_scored"] = 4
    result["series"]["store0002"]["windows_scored"] = 3
    frame = series_frame(result, "store")
    assert list(frame.columns[:4]) == ["store", "windows", "windows_scored", "best_baseline"]
    assert frame.set_index("store").loc["store0002", ["windows", "windows_scored"]].tolist() == [4, 3]
    assert "3 scored of 4" in series_text(result)
    path = tmp_path / "each.csv"
    frame.to_csv(path, index=False)
    assert series_refusal(path) is None  # a file of ours with the column is still ours to overwrite


def test_a_by_series_csv_another_evaluate_wrote_since_the_check_stays(run, capsys, monkeypatch):
    """As predict's --out (decision 861): the new file is published only as a new one."""
    import rnncast.cli.byseries as byseries

    out, checked = run / "raced.csv", byseries.check_output_file

    def another_writes_meanwhile(path, *args, **kwargs):
        found = checked(path, *args, **kwargs)
        out.write_text("the other's\n")
        return found
    monkeypatch.setattr(byseries, "check_output_file", another_writes_meanwhile)
    assert main(["evaluate", str(run / "model"), str(run / "d.csv"), "--by-series-csv", str(out)]) == 2
    assert f"--by-series-csv {out} exists; pass --overwrite to replace it" in capsys.readouterr().err
    assert out.read_text() == "the other's\n"
    out.unlink()


def test_a_series_without_a_mase_says_why_in_the_file_too():
    """A tester's finding: evaluate --by-series-csv gave the all-zero series of an intermittent panel an empty
    model_mase and an empty not_scored, where the terminal and the page say why (training rows never change)."""
    frame = make_panel(3, seed=4)
    frame.loc[frame["unique_id"] == "s001", "y"] = 0.0
    result = Forecaster(**TINY).fit(frame).evaluate(frame, by_series=True)
    rows = series_frame(result).set_index("series")
    assert rows.loc["s001", "not_scored"] == "MASE undefined: rows before the cutoff never change (a zero in-sample naive error)"
    assert rows["not_scored"].drop("s001").isna().all()
    del result["mase_excluded"]["causes"]  # a result written before the causes were kept: the file's copy of the
    rows = series_frame(result).set_index("series")  # run note's line raised KeyError; it says what the note says
    assert rows.loc["s001", "not_scored"] == ("MASE undefined: rows before the cutoff equal the rows one row before them "
                                              "wherever both were observed (a zero in-sample naive error)")


def test_the_pinball_column_is_written_in_one_notation_down_the_column():
    """It mixed notations: 2.31, 0.8567, 127.6, 7.489e-05 and 0 (t30t8), against the rule every other column keeps."""
    result = _result(4)
    for name, loss in (("store0001", 2.31), ("store0002", 127.6), ("store0003", 7.489e-05), ("store0004", 0.0)):
        result["series"][name]["model"].update(pinball=loss, coverage_80=0.8)
        result["series"][name]["mean"].update(pinball=0.8567, coverage_80=0.8)
    cells = [line.split()[-2] for line in series_text(result).splitlines()[3:] if line.split()[-2] != "-"]
    assert len(cells) == 6 and not any("e" in c for c in cells)  # one notation: fixed, as many decimals each
    assert len({len(c.split(".")[1]) for c in cells}) == 1 and "127.6000000" in cells and "0.0000749" in cells


def test_by_series_csv_is_written_in_pieces_with_the_bytes_of_one_text(run, capsys, monkeypatch):
    """--by-series-csv built its table as one text (every series'); it is written in pieces now, as test_forecasts.csv
    is (decision 1601): pieces of one row have the MD5 of the one text csv_text makes, that before the change was
    written, with the data's byte-order mark."""
    import hashlib

    from rnncast.csvtext import csv_text

    marked = run / "d_bom_pieces.csv"
    marked.write_bytes(b"\xef\xbb\xbf" + (run / "d.csv").read_bytes())
    result = Forecaster.load(run / "model").evaluate(str(marked), by_series=True)
    frame = series_frame(result, "unique_id")
    frame.attrs = {"csv_dialect": Forecaster.load(run / "model").part_forecasts(str(marked)).dialect}
    whole = csv_text(frame, file=True, what="the scores of each series").encode("utf-8")
    monkeypatch.setattr("rnncast.csvtext.CHUNK_ROWS", 1)
    pieces = []
    monkeypatch.setattr("rnncast.files.write_pieces", lambda path, made, new=None: pieces.extend(made))
    assert main(["evaluate", str(run / "model"), str(marked), "--by-series-csv", str(run / "pieces.csv")]) == 0
    assert len(pieces) == 3 and whole.startswith(b"\xef\xbb\xbfunique_id,windows,")  # a series a piece
    assert hashlib.md5(b"".join(pieces)).hexdigest() == hashlib.md5(whole).hexdigest()
    capsys.readouterr()


def test_a_baseline_without_intervals_reads_a_dash_in_the_one_notation_of_fits_table():
    """by-series wrote coverage as 84.1% and fit's table as 0.8406, and each held its own "-" rule (decision 1854)."""
    result = _result(1)
    block = result["series"]["store0001"]
    block["model"].update(pinball=1.5, coverage_80=0.8406)
    rows = [line.split() for line in series_text(result).splitlines()[3:5]]
    assert rows[0][-2:] == ["1.5000", "0.8406"] and rows[1][-2:] == ["-", "-"]


def test_a_series_whose_every_window_was_left_out_for_the_season_is_a_row_saying_so(tmp_path):
    """evaluate --by-series-csv gave series 'D' (40 weekly rows, season 52, lookback 8) no row, while the backtest's
    file has one for a series it leaves out (t35t7 M7, decision 1858)."""
    result = {"series": {"a": {"windows": 2, "model": {"mse": 1.0, "mae": 1.0, "mase": 1.0},
                               "repeat": {"mse": 2.0, "mae": 1.5, "mase": 1.5}}},
              "scored": {"season_left_out": {"windows": 5, "of": 7, "series": 1, "season": 52, "series_ids": ["D"],
                                             "emptied": [{"id": "D", "rows": 40}], "text": "..."}}}
    frame = series_frame(result)
    assert list(frame["series"]) == ["a", "D"] and list(frame["windows"]) == [2, 0]
    assert frame["not_scored"].iloc[1] == ("no window with a season (52 calendar steps) of its series before its first target, "
                                           "which the seasonal naive baseline reads (40 rows)")
    line = write_file(str(tmp_path / "s.csv"), result)
    assert line == f"wrote the scores of 1 series and 1 not scored (no window with a season of steps before it) to " \
                   f"{tmp_path / 's.csv'}"


def test_a_series_whose_baseline_has_no_interval_says_so_in_not_scored():
    """r36r1 5 (decision 1911): series C's seasonal naive had no interval (too few training windows), its
    seasonal_pinball empty and not_scored naming only MASE; a series whose baseline had one at some values only got a
    pinball of fewer values than model_pinball, unflagged. ``intervals_left_out`` is no column: not_scored says it."""
    result = _result(3)
    left = {"values": 20, "of": 20, "windows": 5, "of_windows": 5, "series": 1, "of_series": 1, "fewest": 9}
    result["series"]["store0001"]["mean"].update(pinball=float("nan"), intervals_left_out=left)
    result["series"]["store0002"]["mean"].update(pinball=0.5, intervals_left_out={**left, "values": 4})
    rows = series_frame(result).set_index("series")
    assert rows.loc["store0001", "not_scored"] == ("'training mean' has no interval (its errors on fewer than 9 "
                                                   "training windows)")
    assert rows.loc["store0002", "not_scored"] == ("'training mean' has no interval at 4 of the 20 values (its errors "
                                                   "on fewer than 9 training windows): its pinball and coverage are "
                                                   "the other 16's")
    assert pd.isna(rows.loc["store0003", "not_scored"]) and "mean_intervals_left_out" not in rows.columns

    # t36t7 1 (decision 1932): evaluated on data without the fit's training rows, the cause is that, not the windows
    result["series"]["store0001"]["mean"]["intervals_left_out"] = {**left, "unlearned": 20, "unlearned_series": 1}
    assert series_frame(result).set_index("series").loc["store0001", "not_scored"] == (
        "'training mean' has no interval (these data lack the fit's training rows it is learned from)")

    # decision 1966: the seasonal naive has no forecast where the step a season back is missing, so no interval
    result["series"]["store0002"]["mean"]["intervals_left_out"] = {**left, "values": 4, "unforecast": 4}
    assert series_frame(result).set_index("series").loc["store0002", "not_scored"] == (
        "'training mean' has no interval at 4 of the 20 values (no forecast: the step a season back is missing): its "
        "pinball and coverage are the other 16's")


def test_a_long_id_is_cut_in_the_terminal_table_and_whole_in_the_file():
    """t36t1 L5: a 3,000-character id pushed every row's scores 3,000 columns right; cut with an ellipsis (decision 1924)."""
    result = _result(2)
    result["series"] = {"A" * 3000 if k == "store0002" else k: v for k, v in result["series"].items()}
    text = series_text(result)
    assert max(len(line) for line in text.splitlines()) < 200 and "A" * 39 + "…" in text
    assert series_frame(result)["series"].str.len().max() == 3000



def test_a_series_whose_seasonal_naive_lacks_forecasts_names_the_point_scores_and_every_cause():
    """r37r1 9 (decisions 1994, 1996): series a's not_scored named the intervals only, while its seasonal_mse rested on 540 of
    552 values, and where both no forecast and no training rows applied it named one cause."""
    result = _result(2)
    result["series"]["store0002"]["seasonal"] = {
        "mse": 1.5, "mae": 1.0, "rmse": 1.2, "r2": 0.1, "mase": 1.0,
        "values_left_out": {"values": 12, "of": 552, "model": {"mse": 1.1}},
        "intervals_left_out": {"values": 20, "of": 552, "windows": 0, "of_windows": 92, "series": 0, "of_series": 1,
                               "fewest": 9, "unforecast": 12, "unlearned": 8, "unlearned_series": 1}}
    assert series_frame(result).set_index("series").loc["store0002", "not_scored"] == (
        "'seasonal naive' has no forecast at 12 of the 552 values (the step a season back is missing): its MSE, MAE "
        "and MASE are the other 540's, set against the model's on those (model_mse_on_seasonal ...); 'seasonal naive' "
        "has no interval at 20 of the 552 values (at 12, no forecast: the step a season back is missing; at 8, these data lack the fit's training "
        "rows it is learned from): its pinball and coverage are the other 532's")


def test_the_seasonal_naive_with_values_left_out_is_paired_with_the_model_on_its_values_and_ranked_by_the_pair():
    """t37t6 7: a point model's by-series row set seasonal_mse on 2,526 of 2,705 values beside model_mse on all, and
    best_baseline was chosen on those unequal sets (decision 2010): the file gives the model's scores on the seasonal
    naive's values (``model_mse_on_seasonal`` ...), the table a row of them under it, and the best baseline is the
    one lowest against the model's on its own values, as the verdict ranks them."""
    result = _result(2)
    scores = result["series"]["store0002"]
    scores["repeat"]["mse"], scores["mean"]["mse"] = scores["model"]["mse"] * 0.5, 5.0  # repeat: half the model's
    scores["seasonal"] = {"mse": scores["model"]["mse"] * 0.45, "mae": 1.0, "rmse": 1.2, "r2": 0.1, "mase": 1.0,
                          "values_left_out": {"values": 12, "of": 552, "model": {"mse": scores["model"]["mse"] * 0.8,
                                                                                  "mae": 0.5}}}
    assert best_baseline(scores) == "repeat"  # 0.45 / 0.8 is the worse pair, though 0.45 is the lower MSE
    scores["seasonal"]["values_left_out"]["model"]["mse"] = scores["model"]["mse"]
    assert best_baseline(scores) == "seasonal"
    row = series_frame(result).set_index("series").loc["store0002"]
    assert row["model_mse_on_seasonal"] == float(f"{scores['model']['mse']:.6g}") and row["model_mae_on_seasonal"] == 0.5
    text = series_text(result)
    assert "model on those 540 values" in text and "the model's scores on the others below it" in text


def test_fit_points_a_panel_to_evaluate_by_series():
    """A tester's finding: fit's tables and page pool a panel's series, and nothing said where each series' scores
    are; fit's last hint now gives the command (decision 2258), for a panel alone."""
    from types import SimpleNamespace
    from rnncast.cli.byseries import pointer
    panel = SimpleNamespace(state_=SimpleNamespace(ids=["H1", "H2"]))
    assert pointer(panel, "runs/h", "my hotels.csv") == [
        "hint: the scores above pool the 2 series; each series' own, beside the baselines': rnncast evaluate runs/h "
        "'my hotels.csv' --by-series"]
    assert pointer(panel, "r", "d.csv", "s.csv")[0].endswith("rnncast evaluate r d.csv --static s.csv --by-series")
    assert pointer(SimpleNamespace(state_=SimpleNamespace(ids=["y"])), "r", "d.csv") == []
    assert pointer(panel, "r", None) == []
