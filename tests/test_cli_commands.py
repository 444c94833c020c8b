"""What each command but fit, tune and demo does (``cli/commands.py``): ``rnncast backtest`` writes its
folder and prints the overall scores and its verdict, ``rnncast evaluate`` prints each target's intervals. fit is in
test_cli_fitting.py, demo in test_cli_demoing.py, the rest of backtest's in test_cli_backtesting.py; the whole
fit → predict → evaluate flow is in scenarios/test_cli_fit_predict.py."""

from __future__ import annotations

import contextlib
import io
import json
import re

import numpy as np
import pandas as pd
import pytest
import torch

from conftest import PNG_SIGNATURE, TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.cli.parser import build_parser

L, H = TINY["lookback"], TINY["horizon"]


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """Three series in long format, of 100-140 hourly rows (the panel of test_backtest.py)."""
    return make_panel(3, lengths=(100, 140), scales=(0.1, 100.0), seed=4)


def test_backtest_on_the_command_line_writes_its_folder(tmp_path, frame):
    frame.to_csv(tmp_path / "long.csv", index=False)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["backtest", str(tmp_path / "long.csv"), "--n-windows", "2", "--lookback", str(L), "--horizon", str(H),
                     "--hidden-size", "8", "--epochs", "2", "--device", "cpu", "--quantiles", "0.1,0.5,0.9",
                     "--out", str(tmp_path / "bt")])
    assert code == 0, err.getvalue()
    assert {p.name for p in (tmp_path / "bt").iterdir()} == {"forecasts.csv", "config.json", "metrics.json", "backtest.png",
                                                            "report.html", "by_step.csv"}  # decision 2002
    metrics = json.loads((tmp_path / "bt" / "metrics.json").read_text())
    assert len(metrics["windows"]) == 2 and metrics["settings"]["quantiles"] == [0.1, 0.5, 0.9]
    # the wall times (and the command line, which names --out) are config.json's: two repeats' metrics.json compare
    # equal (t33t5 L6, decision 1627)
    config = json.loads((tmp_path / "bt" / "config.json").read_text())
    assert "seconds" not in metrics and "command_line" not in metrics["environment"]
    assert set(config["seconds"]) == {"fit", "train", "predict"} and config["environment"]["command_line"].startswith("rnncast backtest ")
    assert re.search(r"\noverall +model ", out.getvalue()) and "baseline: repeat the last value" in out.getvalue()
    assert re.search(r"\n0 \(\d{4}-\d\d-\d\d[ \d:]*( to [\d :-]+)?\) +model ", out.getvalue())  # dated windows
    forecasts = pd.read_csv(tmp_path / "bt" / "forecasts.csv")
    assert len(forecasts) == 3 * 2 * H
    verdict = re.search(r"\nThe model(?: beats every baseline| does NOT beat the baselines|'s MSE \(each series in its "
                        r"own scaled units\) is lower than (?:every baseline's|that of every baseline computed \([^)]+\))) on the backtest windows: (?:MSE "
                        r"\(each series in its own scaled units\) )?[^\n]+ The Diebold–Mariano test runs over the 6 "
                        r"cutoffs \(the 3 series end on 3 different dates: 6 cutoff dates in all\), each date's loss "
                        r"differences summed over the series cut off at it[^\n]+\n", out.getvalue())
    assert verdict, out.getvalue()  # a backtest is judged as evaluate judges, beyond chance
    page = (tmp_path / "bt" / "report.html").read_text()
    assert "MSE (each series in its own scaled units)" in page and "on the backtest windows" in page
    assert "80% interval covers" in out.getvalue() and "of the backtest values" in page
    lines = out.getvalue().splitlines()  # the result's verdict and notes (Backtest.verdict, ...), the summary last
    said = [n for n, line in enumerate(lines) if line.startswith((
        "The model", "Against each baseline (scaled units) (p: one-sided, that the model is not better): ",
        "Prediction intervals", "3 series x", "hint: "))]
    assert [lines[n][:9] for n in said] == ["The model", "Against e", "Predictio", "3 series "]
    assert said == list(range(said[0], said[0] + 4)) and said[-1] == len(lines) - 1
    assert err.getvalue().splitlines()[-1].startswith("hint: the")  # the advice on stderr, last (decision 1164)
    assert set(metrics["significance"]) == {"repeat", "mean"} and metrics["verdict_units"] == "scaled"
    assert (tmp_path / "bt" / "backtest.png").read_bytes()[:8] == PNG_SIGNATURE
    said = metrics["against_baselines"]  # fit's shape, the verdict printed over every window (decision 1878)
    word = {"beats every": "beats", "does NOT be": "does_not_beat", "'s MSE (eac": "lower_not_beyond_chance"}
    assert said["verdict"] == word[verdict.group(0)[10:21]] and said["verdict_units"] == "scaled"
    assert {k: e["p_value"] for k, e in said["each"].items()} == pytest.approx(
        {k: t["p_value"] for k, t in metrics["significance"].items()})
    assert "model_kept" not in metrics  # a backtest keeps no model
    intervals = metrics["intervals_against_baselines"]  # the quantiles' verdict printed, for a machine (decision 1957)
    assert intervals["verdict"] == _interval_word(out.getvalue()) and intervals["verdict_units"] == "scaled"
    assert {k: e["p_value"] for k, e in intervals["each"].items() if e["weighed"]} == pytest.approx(
        {k: t["p_value"] for k, t in metrics["significance_pinball"].items()})


def _interval_word(printed: str) -> str:
    """The word of the quantiles' sentence printed ("Its quantiles: ..."), as ``verdictfields.intervals`` names it."""
    said = printed.split(" Its quantiles: ", 1)[1].split("\n", 1)[0]
    for phrase, word in (("beat every", "beats"), ("lower (not tested", "lower_not_beyond_chance"),
                         ("lower, but not beyond", "lower_not_beyond_chance"), ("weighed against no", "not_weighed"),
                         ("quantiles are better (one-sided", "baseline_better")):
        if phrase in said:
            return word
    return "does_not_beat"


def test_evaluate_json_has_fits_verdict_fields_with_the_same_values_for_the_fits_test_split(tmp_path, capsys):
    """fit's metrics.json had model_kept and each part's against_baselines (decisions 1861, 1862), evaluate --json
    neither: a script reading both for one run now finds the same fields, equal, on the fit's own test split, built by
    one function (verdictfields, decision 1878); as fit says it, a model kept untrained is "untrained"."""
    from conftest import make_frame

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    for run, lr in (("run", "0.01"), ("flat", "1e-12")):
        assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", str(L), "--horizon", str(H),
                     "--hidden-size", "8", "--epochs", "2", "--lr", lr, "--device", "cpu", "-q",
                     "--out", str(tmp_path / run)]) == 0
        metrics = json.loads((tmp_path / run / "metrics.json").read_text())
        capsys.readouterr()
        assert main(["evaluate", str(tmp_path / run), str(tmp_path / "d.csv"), "--json", "-q"]) == 0
        evaluated = json.loads(capsys.readouterr().out)
        assert next(iter(evaluated)) == "format_version" and evaluated["format_version"] == metrics["format_version"] == 1
        fit, said = metrics["test"]["against_baselines"], evaluated["against_baselines"]
        assert said["verdict"] == fit["verdict"] and said["each"].keys() == fit["each"].keys()
        assert {k: v for k, v in said.items() if k != "each"} == {k: v for k, v in fit.items() if k != "each"}
        for name, each in fit["each"].items():
            assert said["each"][name] == (each if each["p_value"] is None else {**each, "p_value": pytest.approx(
                each["p_value"])})
        assert evaluated["model_kept"] == metrics["model_kept"] == ("untrained" if run == "flat" else "trained")
        assert evaluated["intervals_against_baselines"] is metrics["test"]["intervals_against_baselines"] is None


def test_a_quantile_models_intervals_verdict_is_the_same_in_fits_metrics_and_evaluate_json(tmp_path, capsys):
    """r36r2 8: the quantiles' verdict printed ("Its quantiles: ...") had no field; fit's metrics.json and evaluate
    --json now carry ``intervals_against_baselines``, the printed verdict's word, equal for the fit's test split
    (decision 1957)."""
    from conftest import make_frame

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", str(L), "--horizon", str(H),
                 "--hidden-size", "8", "--epochs", "2", "--quantiles", "0.1,0.5,0.9", "--device", "cpu", "-q",
                 "--out", str(tmp_path / "run")]) == 0
    printed = capsys.readouterr().out
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "d.csv"), "--json", "-q"]) == 0
    evaluated = json.loads(capsys.readouterr().out)
    fit, said = metrics["test"]["intervals_against_baselines"], evaluated["intervals_against_baselines"]
    assert fit["verdict"] == _interval_word(printed) == said["verdict"] and fit["baseline"] == said["baseline"]
    assert fit["each"].keys() == said["each"].keys() and "intervals_against_baselines" in metrics["val"]
    for name, each in fit["each"].items():
        assert said["each"][name] == {k: v if v is None or isinstance(v, (bool, str)) else pytest.approx(v)
                                      for k, v in each.items()}


def test_evaluate_of_several_targets_prints_each_targets_intervals_beside_the_pooled_ones(tmp_path, capsys):
    """A pooled coverage of 0.80 hid targets at 0.49 and 0.97: fit, its page and evaluate name each."""
    from conftest import make_frame

    make_frame(200).assign(z=lambda f: 5 * f["x"] + f["y"]).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y,z", "--channel-independent", "--lookback", str(L),
                 "--horizon", str(H), "--hidden-size", "8", "--epochs", "1", "--quantiles", "0.1,0.5,0.9",
                 "--device", "cpu", "--out", str(tmp_path / "run")]) == 0
    fit = capsys.readouterr().out
    assert main(["evaluate", str(tmp_path / "run"), str(tmp_path / "d.csv")]) == 0
    evaluated = capsys.readouterr().out
    page = (tmp_path / "run" / "report.html").read_text()
    for text, where in ((fit, "the test values"), (page, "the test values"), (evaluated, "these values")):
        assert re.search(rf"pooled over the 2 targets: 80% interval covers [\d.]+% of {where}; mean pinball loss "
                         r"[\d.e-]+ \(original units\)\.( Far from [^:]+: .+? over every value scored\)\.)?"
                         r"( Not tested, for want of independent values: .+? to test it\.)? Each target, in its own units: "
                         r"y: 80% interval covers [\d.]+%, mean pinball loss [\d.e-]+; "
                         r"z: 80% interval covers [\d.]+%", text)


def _monthly_csv(path, n=60, ids=("a",)):
    """A monthly sales CSV written as people write months (2012-01), with prices to the cent."""
    rows = [(i, f"{2012 + k // 12}-{k % 12 + 1:02d}", round(50 + 10 * np.sin(k / 2) + j * 40 + 0.37 * (k % 5), 2))
            for j, i in enumerate(ids) for k in range(n)]
    frame = pd.DataFrame(rows, columns=["unique_id", "month", "sales"])
    (frame if len(ids) > 1 else frame.drop(columns="unique_id")).to_csv(path, index=False)
    return path


def _no_float32_noise(values) -> bool:
    """No value carries float64's 16 or 17 digits: the shortest decimal of the network's float32 (scaled
    units) has at most 10 here (a scaled value near 0 pins down more digits than the float32 of 50.8)."""
    return all(len(str(v).replace("-", "").replace(".", "").lstrip("0")) <= 10 for v in values)


def test_predict_writes_the_months_as_the_data_wrote_them_and_no_float32_noise_digits(tmp_path, capsys):
    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(data)]) == 0
    stdout = capsys.readouterr().out
    lines = stdout.splitlines()
    assert lines[0] == "month,cutoff,step_ahead,sales" and [line.split(",")[0] for line in lines[1:]] == ["2017-01", "2017-02", "2017-03"]
    assert [line.split(",")[1:3] for line in lines[1:]] == [["2016-12", "1"], ["2016-12", "2"], ["2016-12", "3"]]  # decision 2144
    assert _no_float32_noise(line.split(",")[1] for line in lines[1:])
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    assert (tmp_path / "f.csv").read_text() == stdout


def test_predict_counts_one_forecast_step_in_the_singular(tmp_path, capsys):
    """"wrote 1 forecast steps": the count is spelled with its noun (spelling.counted)."""
    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**{**TINY, "horizon": 1}).fit(str(data), target="sales").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    assert capsys.readouterr().out == f"wrote 1 forecast step to {tmp_path / 'f.csv'}\n"


def test_backtest_forecasts_csv_dates_its_windows_as_the_data_and_writes_short_forecasts(tmp_path, capsys):
    data = _monthly_csv(tmp_path / "long.csv", ids=("a", "b"))
    assert main(["backtest", str(data), "--target", "sales", "--n-windows", "2", "--lookback", str(L),
                 "--horizon", str(H), "--hidden-size", "8", "--epochs", "2", "--device", "cpu",
                 "--quantiles", "0.1,0.5,0.9", "--out", str(tmp_path / "bt")]) == 0, capsys.readouterr().err
    assert "\n0 (2016-07)  " in capsys.readouterr().out  # the windows are named by their months too
    forecasts = pd.read_csv(tmp_path / "bt" / "forecasts.csv", dtype=str)
    assert list(forecasts["month"][:H]) == ["2016-07", "2016-08", "2016-09"] and set(forecasts["cutoff"][:H]) == {"2016-06"}
    for column in ("sales_hat", "sales_q0.1", "sales_q0.9"):
        assert _no_float32_noise(forecasts[column]), list(forecasts[column][:3])
    assert list(forecasts["sales"][:H]) == [str(v) for v in pd.read_csv(data)["sales"][54:57]]  # actuals as given


def test_predict_overwrite_through_a_link_writes_its_target_and_keeps_the_link(tmp_path, capsys):
    """As `rnncast predict ... > latest.csv` would: the link stays, the file it leads to is replaced."""
    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    (tmp_path / "archive").mkdir()
    target = tmp_path / "archive" / "2017.csv"
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(target)]) == 0  # an earlier forecast
    old = target.read_text()
    link = tmp_path / "latest.csv"
    link.symlink_to("archive/2017.csv")
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(link)]) == 2
    assert "(a link to " in capsys.readouterr().err and target.read_text() == old  # asked first, as for a file
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(link), "--overwrite"]) == 0
    assert link.is_symlink() and link.readlink().as_posix() == "archive/2017.csv"
    assert target.read_text().startswith("month,cutoff,step_ahead,sales\n2017-01,")


def test_a_panels_score_tables_and_page_say_its_r2_is_a_mean_over_series():
    from rnncast.cli.commands import score_tables
    from rnncast.reportpage import metric_rows

    frame = make_panel(3, scales=(1.0, 1000.0), seed=5)
    model = Forecaster(**TINY).fit(frame)
    result = model.evaluate(frame)
    assert result["r2_by_series"]["of"] == 3
    text = score_tables(result, 1)
    assert text.count("R² (series mean)") == 2  # both blocks
    assert "R² (series mean)" in metric_rows({"test": result}, "original")[0]
    one = Forecaster(**TINY).fit(frame[frame["unique_id"] == frame["unique_id"].iloc[0]].drop(columns="unique_id"), target="y")
    assert "R² (series mean)" not in score_tables(one.evaluate(
        frame[frame["unique_id"] == frame["unique_id"].iloc[0]].drop(columns="unique_id")), 1)


def test_fits_terminal_table_and_the_run_page_write_each_column_in_one_notation():
    """The run's original-units table read 66603, 97227, 1.1171e+05, 1.2919e+05 in its MSE column and -0.0000 as the
    training mean's R², on the terminal and on the page alike."""
    from rnncast.cli.commands import score_tables
    from rnncast.reportpage import metric_rows

    scores = {name: {"mse": mse, "mae": 100.0, "rmse": mse ** 0.5, "r2": r2, "mase": 1.0}
              for name, mse, r2 in (("model", 66603.2, 0.31), ("repeat", 97226.9, -0.2), ("mean", 111710.4, -0.00001),
                                    ("seasonal", 129190.0, -0.5))}
    result = {"windows": 3, "original": scores, "scaled": scores}
    terminal = score_tables(result, 52).splitlines()[2:6]
    assert [line.split()[-5] for line in terminal] == ["66603", "97227", "111710", "129190"]
    assert terminal[2].split()[-2] == "0.0000"  # the training mean's R²
    page = metric_rows({"test": result}, "original", 52)
    assert [row[3] for row in page[1:]] == ["66603", "97227", "111710", "129190"] and page[3][6] == "0.0000"


def test_a_baseline_without_intervals_keeps_the_quantile_models_columns_with_a_dash():
    """fit C.csv --quantiles 0.1,0.5,0.9,0.99 on a daily station with two years got a climatology row, which has no
    intervals, and the terminal table dropped the pinball and coverage columns of every row (t35t2 M6); decision 1238
    adds them to every row: '-' where a row has none (decision 1814), as compare and --by-series write it."""
    from rnncast.cli.commands import score_tables
    from rnncast.reportpage import metric_rows

    point = {"mse": 17.3, "mae": 2.3, "rmse": 4.16, "r2": 0.21, "mase": 1.1}
    banded = {**point, "pinball": 0.612, "coverage_80": 0.756}
    scores = {"model": banded, "naive": {**banded, "pinball": 0.9}, "climatology": point}
    lines = score_tables({"windows": 3, "original": scores, "scaled": scores}, 7, units="original").splitlines()
    assert lines[0].split()[-3:] == ["pinball", "coverage", "80%"]
    assert lines[2].split()[-2:] == ["0.61200", "0.7560"] and lines[4].split()[-2:] == ["-", "-"]
    page = metric_rows({"test": {"windows": 3, "original": scores}}, "original", 7)
    assert page[0][-2:] == ["pinball", "coverage 80%"] and page[3][-2:] == ["-", "-"]


def test_fit_and_predict_date_excel_dates_without_leading_zeros_as_the_data_does(tmp_path, capsys, caplog):
    """Excel's US export writes 1/15/2020: it was read right, but fit warned 'no one date format writes back' and
    predict wrote 2020-04-30; the forecasts, the run page and the fit's words now keep M/D/YYYY."""
    days = pd.date_range("2020-01-01", periods=120, freq="D")
    data = tmp_path / "mdy.csv"
    pd.DataFrame({"date": [f"{d.month}/{d.day}/{d.year}" for d in days],
                  "y": np.round(np.sin(np.arange(120) / 3), 4)}).to_csv(data, index=False)
    with caplog.at_level("WARNING"):
        assert main(["fit", str(data), "--epochs", "1", "--lookback", "8", "--horizon", "3", "--hidden-size", "8",
                     "--device", "cpu", "--out", str(tmp_path / "r")]) == 0, capsys.readouterr().err
    assert "ISO dates" not in caplog.text and "4/29/2020" in (tmp_path / "r" / "report.html").read_text()
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "r"), str(data)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in lines] == ["date", "4/30/2020", "5/1/2020", "5/2/2020"]


def _european_csv(path, ids=None):
    """Daily sales written as a European Excel writes them: ';' between values, decimal commas, dd.mm.yyyy."""
    rng = np.random.default_rng(0)
    n = 60
    rows = []
    for i in ids or [None]:
        sales = np.round(10 + np.sin(np.arange(n) / 3) + rng.normal(0, 0.1, n), 2)
        rows += [([i] if i else []) + [f"{d:%d.%m.%Y}", f"{v:.2f}".replace(".", ",")]
                 for d, v in zip(pd.date_range("2021-01-01", periods=n), sales)]
    header = (["unique_id"] if ids else []) + ["date", "sales"]
    path.write_text("\n".join(";".join(r) for r in [header] + rows) + "\n")
    return path


def test_forecasts_of_a_file_of_semicolons_and_decimal_commas_are_written_so(tmp_path, capsys, caplog):
    data = _european_csv(tmp_path / "sales.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    with caplog.at_level("INFO", logger="rnncast.csvtext"):
        assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    assert caplog.messages.count("forecasts are written as sales.csv is: separated by ';', with decimal commas (0,5)") == 1
    capsys.readouterr()
    lines = (tmp_path / "f.csv").read_text().splitlines()
    assert lines[0] == "date;cutoff;step_ahead;sales" and lines[1].startswith("02.03.2021;01.03.2021;1;")  # as it writes dates
    assert all(re.fullmatch(r"\d\d\.\d\d\.2021;01\.03\.2021;\d;-?\d+,\d+", line) for line in lines[1:]), lines
    assert Forecaster.load(tmp_path / "model").predict(str(data))["sales"].dtype == np.float64  # the API: numbers
    assert main(["predict", str(tmp_path / "model"), str(data)]) == 0
    assert capsys.readouterr().out.splitlines() == lines  # standard output alike


def test_a_forecast_of_a_file_headed_by_excels_sep_line_keeps_it_and_is_replaced_by_overwrite(tmp_path, capsys):
    """predict --out wrote a 'sep=;' file's forecast without that line; Excel's ',' locales opened it as one column."""
    plain = _european_csv(tmp_path / "plain.csv")
    data = tmp_path / "sales.csv"
    data.write_text("sep=;\n" + plain.read_text())
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    out = tmp_path / "f.csv"
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[:2] == ["sep=;", "date;cutoff;step_ahead;sales"] and lines[2].startswith("02.03.2021;")
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(out), "--overwrite"]) == 0
    assert out.read_text().splitlines() == lines
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "model"), str(data)]) == 0
    assert capsys.readouterr().out.splitlines() == lines[1:]  # standard output: no file for Excel to open


def test_predict_keeps_the_files_byte_order_mark_and_crlf_and_writes_a_tsv_tab_separated(tmp_path, capsys, caplog):
    """Excel reads a CSV without the UTF-8 mark in its code page (Köln Süd garbled): the mark and CR LF stay;
    standard output is no file and gets no mark. A .tsv output was refused; it is written with tabs."""
    data = _european_csv(tmp_path / "sales.csv")
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes().replace(b"\n", b"\r\n"))
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    written = (tmp_path / "f.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbfdate;cutoff;step_ahead;sales\r\n") and written.count(b"\n") == written.count(b"\r\n") == 1 + H
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "model"), str(data)]) == 0
    assert capsys.readouterr().out.encode() == written[3:]
    with caplog.at_level("INFO", logger="rnncast.csvtext"):
        assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.tsv")]) == 0
    assert (tmp_path / "f.tsv").read_bytes() == written.replace(b";", b"\t")
    assert "forecasts are written separated by '\\t', with decimal commas (0,5)" in caplog.text


def test_a_backtests_forecasts_csv_of_such_a_file_is_written_so(tmp_path, capsys):
    data = _european_csv(tmp_path / "long.csv", ids=["a", "b"])
    tenths = re.sub(r"(\d,\d)\d$", r"\g<1>0", data.read_text(), flags=re.M)  # 9,10: written so, not 9,1
    data.write_bytes(b"\xef\xbb\xbf" + tenths.encode().replace(b"\n", b"\r\n"))  # Excel's "CSV UTF-8": kept
    assert main(["backtest", str(data), "--target", "sales", "--n-windows", "2", "--lookback", str(L),
                 "--horizon", str(H), "--hidden-size", "8", "--epochs", "1", "--device", "cpu",
                 "--out", str(tmp_path / "bt")]) == 0, capsys.readouterr().err
    forecasts = pd.read_csv(tmp_path / "bt" / "forecasts.csv", sep=";", decimal=",",
                            dtype={"sales": str, "sales_repeat": str})
    assert forecasts["sales"].str.fullmatch(r"\d+,\d\d").all()  # as the file writes them: 10,50, not 10,5
    assert forecasts["sales_repeat"].str.fullmatch(r"\d+,\d\d").all()
    assert forecasts.columns[:4].tolist() == ["unique_id", "date", "cutoff", "window"]
    assert forecasts["sales_hat"].dtype == np.float64 and forecasts["sales"][0].count(",") == 1
    assert (tmp_path / "bt" / "forecasts.csv").read_bytes().startswith(b"\xef\xbb\xbfunique_id;date;cutoff;window;")
    assert b"\r\n" in (tmp_path / "bt" / "forecasts.csv").read_bytes()
    assert json.loads((tmp_path / "bt" / "metrics.json").read_text())["n_windows"] == 2  # JSON stays JSON


def test_a_parquet_forecast_of_such_a_file_keeps_no_csv_separators(tmp_path):
    """to_parquet keeps a frame's attrs: the forecast of a ';' file carried its CSV dialect into the Parquet file,
    where a later read would take it for the file's own (decision 211 is about CSV text only)."""
    data = _european_csv(tmp_path / "sales.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.parquet")]) == 0
    from rnncast.csvtext import DIALECT

    assert DIALECT not in pd.read_parquet(tmp_path / "f.parquet").attrs


def test_evaluate_names_a_panels_series_it_does_not_score(tmp_path, capsys):
    frame = make_panel(2, lengths=(90, 90), seed=4)
    a, b = sorted(frame["unique_id"].unique())
    Forecaster(**TINY).fit(frame).save(tmp_path / "model")
    pd.concat([frame[frame["unique_id"] == a], frame[frame["unique_id"] == b].tail(L + H - 1)]).to_csv(
        tmp_path / "short.csv", index=False)
    assert main(["evaluate", str(tmp_path / "model"), str(tmp_path / "short.csv")]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"1 of the 2 series is not scored: series '{b}' ({L + H - 1} rows) is shorter than lookback" in first


def test_predict_evaluate_and_export_take_fits_threads_and_print_the_same(tmp_path, capsys):
    """--threads, fit's setting, also sets torch's CPU threads while predict, evaluate and export run the model;
    what they print is what they print without it, and torch's count is left as it was."""
    frame = make_panel(2, lengths=(90, 90), seed=4)
    Forecaster(**TINY).fit(frame).save(tmp_path / "model")
    frame.to_csv(tmp_path / "d.csv", index=False)
    before = torch.get_num_threads()
    for command in (["evaluate"], ["predict"]):
        args = command + [str(tmp_path / "model"), str(tmp_path / "d.csv")]
        assert main(args) == 0
        plain = capsys.readouterr().out
        assert main(args + ["--threads", "1"]) == 0
        assert capsys.readouterr().out == plain and torch.get_num_threads() == before
    parser = build_parser()
    assert parser.parse_args(["export", str(tmp_path / "model"), "--onnx", "m.onnx", "--threads", "1"]).threads == 1


def test_static_given_to_a_one_series_model_names_the_flag_on_the_command_line(tmp_path, capsys):
    """predict and evaluate said "static_covariates= cannot apply", the Python keyword, to a command line user."""
    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    pd.DataFrame({"unique_id": ["a"], "size": [1.0]}).to_csv(tmp_path / "stat.csv", index=False)
    for command in ("predict", "evaluate"):
        assert main([command, str(tmp_path / "model"), str(data), "--static", str(tmp_path / "stat.csv")]) == 2
        err = capsys.readouterr().err
        assert err == ("rnncast: error: --static cannot apply: the model was fitted on one series, which has no "
                       "per-series attributes; leave it out (static covariates apply to a model fitted on many series "
                       "with them)\n"), err
    with pytest.raises(RnncastError, match=r"^static_covariates= cannot apply: the model was fitted on one series"):
        Forecaster.load(tmp_path / "model").predict(str(data), static_covariates=tmp_path / "stat.csv")


def test_evaluate_and_predict_read_the_file_fit_read_though_most_of_its_days_are_missing(tmp_path, capsys):
    """The tester's file (150 of 400 days): fit read it on 'D' and wrote a run; evaluate and predict exited 2 on it,
    calling it coarser than 'D'. evaluate now prints the test scores fit printed, and predict dates the next days."""
    rng = np.random.default_rng(1)
    days = np.sort(rng.choice(np.arange(400), 150, replace=False))
    pd.DataFrame({"date": (pd.Timestamp("2020-01-01") + pd.to_timedelta(days, "D")).strftime("%Y-%m-%d"),
                  "v": np.round(np.sin(days / 9) + rng.normal(0, 0.1, 150), 3)}).to_csv(tmp_path / "irr.csv", index=False)
    run, data = str(tmp_path / "run"), str(tmp_path / "irr.csv")
    assert main(["fit", data, "--target", "v", "--lookback", "10", "--horizon", "2", "--epochs", "1", "--hidden-size",
                 "8", "--out", run]) == 0
    fitted = [line for line in capsys.readouterr().out.splitlines() if line.startswith("model ")]
    assert main(["evaluate", run, data]) == 0
    scored = [line for line in capsys.readouterr().out.splitlines() if line.startswith("model ")]
    assert scored and scored == fitted[-len(scored):]  # original and scaled units, as fit's test tables
    assert main(["predict", run, data]) == 0
    assert [line.split(",")[0] for line in capsys.readouterr().out.splitlines()] == ["date", "2021-02-03", "2021-02-04"]


def test_predict_overwrite_replaces_a_forecast_and_never_a_data_file(tmp_path, capsys):
    """`predict runs/daily daily.csv --out monthly.csv --overwrite` replaced monthly.csv, another run's data: --overwrite
    replaces only a forecast as predict writes them, this model's or another's (told by its header, a Parquet file by
    predict's mark), and refuses any other file in one line that says what it holds."""
    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "point")
    Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(str(data), target="sales").save(tmp_path / "bands")
    other = _monthly_csv(tmp_path / "other.csv", n=48)  # another run's data, headed as a forecast of one series is
    parquet = tmp_path / "other.parquet"
    pd.read_csv(other).to_parquet(parquet)
    before = {p: p.read_bytes() for p in (other, parquet)}
    rule = "a forecast of one series only where it holds this model's targets and horizon (sales, 3 rows), which tell it from data"
    for path in (other, parquet):  # data, or another model's forecast: either; a Parquet file lacks predict's mark
        for overwrite in ([], ["--overwrite"]):
            assert main(["predict", str(tmp_path / "point"), str(data), "--out", str(path), *overwrite]) == 2
            assert capsys.readouterr().err == (
                f"rnncast: error: --out {path} holds another model's forecast of one series (targets sales, 48 rows), or "
                f"data headed as one (a table headed month, sales); --overwrite replaces {rule}: give another --out, or "
                "remove the file first\n" if path == other else
                f"rnncast: error: --out {path} holds a Parquet table of 48 rows headed month, sales, and its schema "
                "carries no rnncast forecast mark, which predict writes into every Parquet forecast; --overwrite "
                "replaces a Parquet file only where its schema carries that mark (one without it, written by an rnncast "
                f"before the mark, as a CSV forecast is told: {rule}): give another --out, or remove the file first\n")
    assert {p: p.read_bytes() for p in before} == before
    for name in ("f.csv", "f.tsv", "f.parquet"):  # another model's forecast, then this one's, each replaced
        out = tmp_path / name
        out.touch()  # an empty file holds nothing to lose
        for model in ("bands", "point", "point", "bands"):
            assert main(["predict", str(tmp_path / model), str(data), "--out", str(out), "--overwrite"]) == 0, \
                capsys.readouterr().err
        assert "sales_q0.9" in (out.read_text() if name != "f.parquet" else pd.read_parquet(out).columns)
    panel = _monthly_csv(tmp_path / "panel.csv", ids=("a", "b"))
    Forecaster(**TINY).fit(str(panel), target="sales").save(tmp_path / "many")
    assert main(["predict", str(tmp_path / "many"), str(panel), "--out", str(tmp_path / "f.csv"), "--overwrite"]) == 0
    assert main(["predict", str(tmp_path / "point"), str(data), "--out", str(tmp_path / "f.csv"), "--overwrite"]) == 0


def test_predict_over_another_models_forecast_says_it_may_be_one(tmp_path, capsys):
    """`predict --out p1.csv --overwrite` where p1.csv held another model's forecast (target OT, 24 rows) was refused as
    "does not read as a forecast rnncast predict wrote": it is refused still (a forecast of one series is headed as data
    is), in words that say it may be another model's forecast; a file that is none is said to be none (decision 680)."""
    data = tmp_path / "d.csv"
    frame = _monthly_csv(data, n=60)
    pd.read_csv(frame).assign(price=lambda d: d["sales"] / 2).to_csv(data, index=False)
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "sales")
    Forecaster(**{**TINY, "horizon": 4}).fit(str(data), target="price").save(tmp_path / "price")
    out = tmp_path / "p1.csv"
    assert main(["predict", str(tmp_path / "sales"), str(data), "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["predict", str(tmp_path / "price"), str(data), "--out", str(out), "--overwrite"]) == 2
    assert capsys.readouterr().err == (
        f"rnncast: error: --out {out} holds another model's forecast of one series (targets sales, 3 rows), or data "
        "headed as one (a table headed month, cutoff, step_ahead, sales); --overwrite replaces a forecast of one series only where it holds "
        "this model's targets and horizon (price, 4 rows), which tell it from data: give another --out, or remove the "
        "file first\n")
    out.write_text("my notes\n")
    assert main(["predict", str(tmp_path / "price"), str(data), "--out", str(out), "--overwrite"]) == 2
    assert "exists and does not read as a forecast rnncast predict wrote (a table of 0 rows" in capsys.readouterr().err


def test_with_several_targets_the_score_tables_say_their_rmse_is_the_mean_of_the_targets_rmses():
    """fit two.csv --target a,b printed MSE 4972.7 beside RMSE 51.42, not √MSE = 70.5: each is the mean over the
    targets of their own (as scikit-learn's multioutput='uniform_average'), said nowhere (a tester's find)."""
    from rnncast.cli.commands import score_tables
    from rnncast.metrics import RMSE_NOTE

    rng = np.random.default_rng(2)
    frame = pd.DataFrame({"a": 20 + np.cumsum(rng.normal(0, 1, 160)), "b": 1000 + np.cumsum(rng.normal(0, 50, 160))})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target=["a", "b"])
    result = model.evaluate(frame)
    scores = result["original"]["model"]
    assert scores["rmse"] != pytest.approx(np.sqrt(scores["mse"]), rel=1e-3)  # the tables' two columns, apart
    text = score_tables(result, 1).split("\nMetrics by step ahead (")[0]  # the tables' notes, before it (decision 2030)
    assert text.splitlines()[-1] == RMSE_NOTE == "RMSE: the mean of the targets' RMSEs (MSE: of their MSEs), so not √MSE."
    one = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="a")
    assert "RMSE:" not in score_tables(one.evaluate(frame), 1)


@pytest.mark.parametrize("ids, tables", [(("a",), 1), (("a", "b"), 2)])
def test_one_series_scores_are_printed_once_and_a_panels_in_both_units(tmp_path, capsys, ids, tables):
    """fit and evaluate of one series printed its scores twice, the second table the first's errors divided by one
    number with the same R² and MASE: one table now, and a line saying where the scaled scores are. A panel keeps
    both (each series in its own scale is what its verdict weighs)."""
    data = _monthly_csv(tmp_path / "monthly.csv", ids=ids)
    run = str(tmp_path / "run")
    flags = ["--lookback", "12", "--horizon", "3", "--epochs", "1", "--hidden-size", "8", "--out", run]
    assert main(["fit", str(data), "--target", "sales", *flags]) == 0
    fitted = capsys.readouterr().out
    assert main(["evaluate", run, str(data)]) == 0
    scored = capsys.readouterr().out
    for out, where in ((fitted, "metrics.json"), (scored, "--json's output")):
        assert len([line for line in out.splitlines() if line.startswith("model ")]) == tables, out
        assert ("The same scores in scaled units (the loss curve's) are in " + where in out) == (tables == 1), out


def test_backtest_from_run_trains_with_the_runs_settings_and_columns(tmp_path, capsys, caplog):
    """A user who fitted a run and typed `rnncast backtest RUN DATA` was told only "unrecognized arguments": backtest
    now takes --from-run RUN (the fit's settings and roles, as fitted.backtest does in Python; flags given override),
    says so where a second file is given, records the roles it read with, and reads a fit's --static table's values
    from the model."""
    data = _monthly_csv(tmp_path / "monthly.csv", ids=("a", "b"))
    run = str(tmp_path / "run")
    assert main(["fit", str(data), "--target", "sales", "--lookback", "6", "--horizon", "2", "--epochs", "1",
                 "--hidden-size", "8", "--out", run]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["backtest", run, str(data)])
    assert "backtest takes one DATA; to backtest a fitted run's settings and columns on it: rnncast backtest DATA " \
           "--from-run RUN" in capsys.readouterr().err
    out = tmp_path / "bt"
    assert main(["backtest", str(data), "--from-run", run, "--n-windows", "2", "--hidden-size", "4", "--out", str(out)]) == 0
    assert "2 series x 2 windows" in capsys.readouterr().out  # the fit's target and id column, unnamed here
    config = json.loads((out / "config.json").read_text())
    assert config["data"]["target"] == ["sales"] and config["data"]["id_col"] == "unique_id"
    assert config["data"]["from_run"] == run
    assert config["settings"]["lookback"] == 6 and config["settings"]["hidden_size"] == 4  # the run's, a flag's
    static = tmp_path / "static.csv"
    static.write_text("unique_id,region\na,n\nb,s\n")
    assert main(["fit", str(data), "--target", "sales", "--static", str(static), "--lookback", "6", "--horizon", "2",
                 "--epochs", "1", "--hidden-size", "8", "--out", run, "--overwrite"]) == 0
    capsys.readouterr()
    # the fit's --static table: the values the model holds, as Python's backtest reads them (decision 597), not a
    # refusal asking for the file again; the same scores as a backtest given the table again
    A = ["--n-windows", "2", "--epochs", "1"]
    assert main(["backtest", str(data), "--from-run", run, *A, "--out", str(tmp_path / "bt2")]) == 0
    assert "reads the model's static covariates ['region'] from the values the model holds" in caplog.text
    config = json.loads((tmp_path / "bt2" / "config.json").read_text())["data"]
    assert config["static_held"] is True and config["static_covariates"] == ["region"] and config["static"] is None
    assert main(["backtest", str(data), "--from-run", run, *A, "--static", str(static), "--out", str(tmp_path / "bt3")]) == 0
    assert "static_held" not in json.loads((tmp_path / "bt3" / "config.json").read_text())["data"]
    held, again = (pd.read_csv(tmp_path / name / "forecasts.csv") for name in ("bt2", "bt3"))
    pd.testing.assert_frame_equal(held, again)
    assert json.loads((tmp_path / "bt2" / "metrics.json").read_text())["overall"] == \
        json.loads((tmp_path / "bt3" / "metrics.json").read_text())["overall"]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_forecast_another_predict_wrote_to_the_new_out_since_the_check_stays(tmp_path, capsys, monkeypatch, suffix):
    """Two predicts to one new --out at once both said "wrote" and one forecast was silently lost (decision 861):
    the file is published only as a new one, and the one that finds another's there is refused as an existing file is."""
    import rnncast.cli.commands as commands

    data = _monthly_csv(tmp_path / "monthly.csv")
    Forecaster(**TINY).fit(str(data), target="sales").save(tmp_path / "model")
    out, checked = tmp_path / f"f{suffix}", commands.check_output_file

    def another_writes_meanwhile(path, *args, **kwargs):
        found = checked(path, *args, **kwargs)  # no file yet: passes
        out.write_bytes(b"the other predict's forecast")
        return found
    monkeypatch.setattr(commands, "check_output_file", another_writes_meanwhile)
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: --out {out} exists; pass --overwrite to replace it, or give "
                                       "another file name\n")
    assert out.read_bytes() == b"the other predict's forecast" and sorted(p.name for p in tmp_path.iterdir()) == [
        f"f{suffix}", "model", "monthly.csv"]  # no temporary file left


def test_predict_out_is_written_in_pieces_with_the_bytes_of_one_text(tmp_path, capsys, monkeypatch):
    """predict --out built its file as one text (a panel's horizon of rows); it is written in pieces now, as
    test_forecasts.csv is (decision 1601): pieces of 2 rows, with a BOM, ';' and decimal commas, have the MD5 of
    the one text csv_text makes, that before the change was written."""
    import hashlib

    from rnncast.csvtext import csv_text

    data = _european_csv(tmp_path / "sales.csv", ids=["a", "b"])
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    model = Forecaster(**TINY).fit(str(data), target="sales", id_col="unique_id")
    model.save(tmp_path / "model")
    whole = csv_text(model.predict(str(data)), file=True).encode("utf-8")
    monkeypatch.setattr("rnncast.csvtext.CHUNK_ROWS", 2)
    pieces = []
    monkeypatch.setattr("rnncast.files.write_pieces", lambda path, made, new=None: pieces.extend(made))
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    assert len(pieces) == H  # 2 series x H steps, 2 rows a piece
    assert hashlib.md5(b"".join(pieces)).hexdigest() == hashlib.md5(whole).hexdigest()
    monkeypatch.undo()
    assert main(["predict", str(tmp_path / "model"), str(data), "--out", str(tmp_path / "f.csv")]) == 0
    assert (tmp_path / "f.csv").read_bytes() == whole and whole.startswith(b"\xef\xbb\xbfunique_id;date;cutoff;step_ahead;sales_hat\n")
    capsys.readouterr()


def test_evaluate_says_many_windows_once_before_it_scores_them(tmp_path, capsys, caplog, monkeypatch):
    """evaluate said nothing while it forecast and scored 13,217 windows of 720 steps (fit says it, decision 1562):
    it says fit's line once where fit would (decision 1602); -q and the API say nothing."""
    data = tmp_path / "d.csv"
    make_panel(2, lengths=(100, 120), seed=1).to_csv(data, index=False)
    model = Forecaster(**TINY).fit(str(data))
    model.save(tmp_path / "model")
    monkeypatch.setattr("rnncast.scoringsaid.SAID_STEPS", 1)
    windows = model.evaluate(str(data))["scored"]["windows"]
    with caplog.at_level("INFO", logger="rnncast"):
        assert not any(r.getMessage().startswith("scoring ") for r in caplog.records)  # the API: unsaid
        assert main(["evaluate", str(tmp_path / "model"), str(data), "--part", "val"]) == 0
        assert main(["evaluate", str(tmp_path / "model"), str(data)]) == 0
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("scoring ")]
    assert len(said) == 2 and said[0].endswith(f" validation windows of {H} steps")
    assert said[1] == f"scoring {windows} test windows of {H} steps"
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        assert main(["evaluate", str(tmp_path / "model"), str(data), "-q"]) == 0
    assert not any(r.getMessage().startswith("scoring ") for r in caplog.records)
    capsys.readouterr()


def test_evaluate_prints_what_a_baselines_interval_scores_leave_out(tmp_path, capsys):
    """r36r1 3 (decision 1910): evaluate's table gave the seasonal naive's pinball of fewer values (or none) and its
    terminal never said so: the note sat in ``unscored``, which evaluate skips; now it prints after the intervals."""
    rng = np.random.default_rng(0)
    data = tmp_path / "w80.csv"
    pd.DataFrame({"date": pd.date_range("2020-01-05", periods=80, freq="W-SUN").strftime("%Y-%m-%d"),
                  "y": 10 + 3 * np.sin(2 * np.pi * np.arange(80) / 52) + rng.normal(0, 0.5, 80)}).to_csv(data, index=False)
    Forecaster(**{**TINY, "lookback": 8, "horizon": 4, "season": 52, "quantiles": (0.1, 0.5, 0.9), "epochs": 1}).fit(
        str(data), target="y").save(tmp_path / "run")
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "run"), str(data)]) == 0
    out = capsys.readouterr().out
    assert "The 'seasonal naive' baseline has no interval at " in out
    assert out.index("Prediction intervals") < out.index("The 'seasonal naive' baseline has no interval")
    assert "'seasonal naive' has no interval at any value scored and is not weighed" in out  # the verdict's


def test_the_score_tables_write_a_seasonal_naive_without_any_forecast_as_a_dash_and_say_why():
    """Decision 2029: after a season-long outage evaluate's table showed "baseline: seasonal naive  nan  nan ...";
    now "-" in each cell, and a line under the tables says what it means."""
    from rnncast.cli.commands import score_tables

    scores = {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.5, "mase": 1.2}
    gone = {**dict.fromkeys(scores, float("nan")), "values_left_out": {"values": 12, "of": 12, "model": {}}}
    block = {"model": scores, "repeat": scores, "seasonal": gone}
    text = score_tables({"original": block, "scaled": block}, 7, units="original", where="--json's output")
    [row] = [line for line in text.splitlines() if line.startswith("baseline: seasonal naive")]
    assert row.split()[3:] == ["-"] * 5 and "nan" not in text
    assert ("\"-\" in the 'seasonal naive' row: it has no forecast at any of the 12 values scored (every value's "
            "step a season (7 calendar steps) back is missing from the data), so it has no scores (null in --json's "
            "output) and no verdict weighs it.") in text

def test_fit_and_evaluate_print_the_test_scores_by_step_ahead_under_the_tables(tmp_path, capsys):
    """decision 2030: fit's and evaluate's terminal had the pooled tables alone; both now end them with a backtest's
    "Metrics by step ahead" (``score_tables``), fit naming by_step.csv, evaluate --json's by_step, which holds each
    step's scores; at a horizon of 1 neither prints one (its one step is the table above)."""
    from conftest import make_frame

    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    for horizon in (H, 1):
        run = tmp_path / f"h{horizon}"
        assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", str(L), "--horizon", str(horizon),
                     "--hidden-size", "8", "--epochs", "1", "--device", "cpu", "-q", "--out", str(run)]) == 0
        fit = capsys.readouterr().out.splitlines()
        assert main(["evaluate", str(run), str(tmp_path / "d.csv"), "-q"]) == 0
        evaluate = capsys.readouterr().out.splitlines()
        if horizon == 1:
            assert not any(line.startswith("Metrics by step ahead") for line in fit + evaluate)
            continue
        at = next(i for i, line in enumerate(fit) if line.startswith("Metrics by step ahead, test split (each step "))
        assert fit[at].endswith("by_step.csv holds each step's own):") and fit[at + 3].split()[:2] == ["1", "model"]
        assert (run / "by_step.csv").is_file()
        to = next(i for i, line in enumerate(evaluate) if line.startswith("Metrics by step ahead (each step ahead"))
        assert evaluate[to].endswith("--json's by_step holds each step's own):")
        assert evaluate[to + 1 : to + 3 + 3 * H] == fit[at + 1 : at + 3 + 3 * H]  # the same rows: the model, 2 baselines
        assert main(["evaluate", str(run), str(tmp_path / "d.csv"), "--json", "-q"]) == 0
        steps = json.loads(capsys.readouterr().out)["by_step"]
        assert [s["step"] for s in steps] == list(range(1, H + 1)) and set(steps[0]) == {"step", "model", "repeat", "mean"}


def test_fits_overall_table_is_followed_by_the_baselines_interval_counts():
    """t39t3 M4 (decision 2139): the console's overall table showed seasonal naive's coverage 0.2333 from 30 of the
    774 values beside the model's from all 774, its count only in a paragraph far below: a line under the tables."""
    from rnncast.cli.commands import score_tables

    scores = {name: {"mse": 1.0, "mae": 1.0, "rmse": 1.0, "r2": 0.0, "mase": 1.0, "pinball": 1.0, "coverage_80": cover}
              for name, cover in (("model", 0.7), ("repeat", 0.72), ("seasonal", 0.2333))}
    scores["seasonal"]["intervals_left_out"] = {"values": 744, "of": 774}
    text = score_tables({"windows": 3, "original": scores, "scaled": scores}, 1, units="scaled")
    line = ("The baseline's interval scores (pinball, wQL, coverage, MSIS) rest on the values it has an interval for, "
            "fewer than the model's 774 values: 'seasonal naive' 30.")
    lines = text.splitlines()
    assert lines.count(line) == 1 and lines[lines.index(line) - 1].startswith("baseline: seasonal naive")
    scores["seasonal"].pop("intervals_left_out")
    assert "interval scores" not in score_tables({"windows": 3, "original": scores, "scaled": scores}, 1)
