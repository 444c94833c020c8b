"""``rnncast compare RUN RUN [RUN ...] --data DATA`` (``cli/comparing.py``): the table of each model's MSE, MAE and
windows with the sentence, ``--json``, the names taken from the folders, and bad input as one line and exit 2."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

import rnncast
from rnncast import Forecaster, datasets
from rnncast.cli import main
from rnncast.cli.comparing import run_names
from rnncast.models import count_parameters

SMALL = dict(horizon=2, hidden_size=8, epochs=2, batch_size=64, lr=1e-2, device="cpu", seed=0, threads=1)


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """A CSV of a sine and three saved models of it: lstm and gru (lookback 12), rnn (lookback 20)."""
    root = tmp_path_factory.mktemp("compare")
    frame = datasets.sine_wave(n=400)
    frame.to_csv(root / "sine.csv", index=False)
    for cell, lookback in (("lstm", 12), ("gru", 12), ("rnn", 20)):
        Forecaster(**SMALL, cell=cell, lookback=lookback).fit(frame, target="y", time_col="t").save(root / cell)
    return root


def run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["compare", *args])
    return code, out.getvalue(), err.getvalue()


def test_compare_prints_the_table_and_the_sentence(folders):
    code, out, err = run([str(folders / "lstm"), str(folders / "gru"), "--data", str(folders / "sine.csv"),
                          "--threads", "1"])
    from rnncast.scoretext import score_texts

    assert code == 0, err
    lines = out.splitlines()
    # one series: the head says the scores' units and rows, as fit's table does (a tester's find)
    assert lines[0].split() == ["model", "(test", "windows,", "original", "units)", "MSE", "MAE", "windows", "params"]
    assert set(lines[1]) <= {"-", " "} and [line.split()[0] for line in lines[2:4]] == ["lstm", "gru"]
    expected = rnncast.compare({"lstm": Forecaster.load(folders / "lstm"), "gru": Forecaster.load(folders / "gru")},
                               str(folders / "sine.csv"))
    blocks = [expected.scores[n] for n in ("lstm", "gru")] + list(expected.baselines.values())
    mse, mae = (score_texts(m, [block[m] for block in blocks]) for m in ("mse", "mae"))
    size = f"{count_parameters(Forecaster.load(folders / 'lstm').net_):,}"  # each model's size (decision 1700)
    assert lines[2].split() == ["lstm", mse[0], mae[0], str(expected.windows), size]  # each column in one notation
    # then the baselines on the same windows, and the note that says which a model does not beat
    assert lines[4].split() == ["baseline:", "repeat", "the", "last", "value", mse[2], mae[2], str(expected.windows), "-"]
    assert lines[5].split()[:3] == ["baseline:", "training", "mean"] and lines[-2] == expected.notes[-1]
    assert lines[-1] == expected.sentence and lines[-1].startswith(f"With the {expected.windows} test windows")


def test_json_is_the_result(folders):
    code, out, err = run([str(folders / "lstm"), str(folders / "rnn"), "--data", str(folders / "sine.csv"),
                          "--part", "all", "--json"])
    assert code == 0, err
    result = json.loads(out)
    assert next(iter(result)) == "format_version" and result["format_version"] == 1  # as metrics.json (decision 2214)
    assert result["names"] == ["lstm", "rnn"] and result["part"] == "all"
    assert result["left_out"] == {"lstm": 8, "rnn": 0} and result["windows"] == result["own_windows"]["rnn"]
    assert result["pairs"][0]["a"] == "lstm" and isinstance(result["pairs"][0]["differs"], bool)
    assert result["parameters"] == {name: count_parameters(Forecaster.load(folders / name).net_) for name in ("lstm", "rnn")}


def test_a_model_given_twice_is_refused_as_a_repeat_by_any_path(folders, tmp_path):
    """`compare runs/a runs/a` compared a model with itself (a tie by construction, "gru (1)", "gru (2)") without a
    word; so did a link to it. Each is refused as the same model given twice, 'runs/a' and 'runs/a/' naming both
    spellings (decision 1538)."""
    (tmp_path / "link").symlink_to(folders / "gru")
    for second, twice in ((folders / "gru", f"{folders / 'gru'} is given twice"),
                          (f"{folders / 'gru'}/", f"{folders / 'gru'} and {folders / 'gru'}/ are one RUN, given twice"),
                          (tmp_path / "link", f"{folders / 'gru'} and {tmp_path / 'link'} are one model (both "
                                              f"{(folders / 'gru').resolve()})")):
        code, out, err = run([str(folders / "gru"), str(second), "--data", str(folders / "sine.csv")])
        assert code == 2 and out == "" and err == (
            f"rnncast: error: {twice}: compare weighs models against each other, and a model against itself ties by "
            "construction; give each RUN once, two or more different ones\n"), err


def test_a_run_and_its_model_folder_are_one_model(tmp_path):
    from rnncast.cli.comparing import model_of

    (tmp_path / "run" / "model").mkdir(parents=True)
    (tmp_path / "run" / "config.json").write_text("{}")
    assert model_of(tmp_path / "run" / "model") == model_of(tmp_path / "run") == (tmp_path / "run").resolve()
    (tmp_path / "saved" / "model").mkdir(parents=True)  # a model folder named model, of no run: itself
    assert model_of(tmp_path / "saved" / "model") == (tmp_path / "saved" / "model").resolve()


def test_names_are_the_folders_a_model_folder_by_its_run(tmp_path):
    for run_dir in ("a/lstm", "b/lstm"):
        (tmp_path / run_dir / "model").mkdir(parents=True)
        (tmp_path / run_dir / "config.json").write_text("{}")
    (tmp_path / "plain" / "model").mkdir(parents=True)  # no run around it: its own name
    assert run_names([str(tmp_path / "a/lstm"), str(tmp_path / "b/lstm/model"), str(tmp_path / "plain/model")]) == [
        "lstm (1)", "lstm (2)", "model"]


@pytest.mark.parametrize("args, message", [
    (lambda f: [str(f / "lstm"), "--data", str(f / "sine.csv")],
     "rnncast: error: compare needs two or more RUNs to compare, got 1: rnncast compare RUN RUN [RUN ...] --data DATA"),
    (lambda f: [str(f / "lstm"), str(f / "nothere"), "--data", str(f / "sine.csv")], "rnncast: error: "),
    (lambda f: [str(f / "lstm"), str(f / "gru"), "--data", str(f / "missing.csv")],
     "rnncast: error: file not found: "),  # the data's refusal, not the first model's
    (lambda f: [str(f / "lstm"), str(f / "sine.csv"), "--data", str(f / "sine.csv")],
     "rnncast: error: "),  # a data file among the RUNs (checked below)
    (lambda f: [str(f / "lstm"), str(f / "gru"), "--data", str(f / "sine.csv"), "--part", "future"],
     "rnncast compare: error: argument --part: invalid choice: 'future'"),
])
def test_bad_input_is_one_line_and_exit_2(folders, args, message):
    code, out, err = run(args(folders)) if "--part" not in args(folders) else _exit(args(folders))
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1 and "Traceback" not in err, err


def _exit(args):
    """argparse's refusals exit (SystemExit 2) rather than return."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), pytest.raises(SystemExit) as stopped:
        main(["compare", *args])
    lines = [line for line in err.getvalue().splitlines() if not line.startswith("usage:")]
    return stopped.value.code, out.getvalue(), "\n".join(lines) + "\n"


def test_a_data_file_given_as_a_run_is_named_with_the_command_s_form(folders):
    code, out, err = run([str(folders / "lstm"), str(folders / "sine.csv"), "--data", str(folders / "sine.csv")])
    assert code == 2 and err == (f"rnncast: error: {folders / 'sine.csv'} is a file, not a run or model folder; compare "
                                 "takes RUN folders and the data with --data: rnncast compare RUN RUN [RUN ...] --data "
                                 "DATA\n")


def test_each_models_warnings_name_the_model(folders, tmp_path, caplog):
    """Each model warned of the data's missing steps in the same words, naming none: the lines now begin with the
    model, as its refusals do; alike, they are one line naming both (decision 710)."""
    import pandas as pd

    pd.read_csv(folders / "sine.csv").drop(index=[330, 331]).to_csv(tmp_path / "gap.csv", index=False)
    code, out, err = run([str(folders / "lstm"), str(folders / "gru"), "--data", str(tmp_path / "gap.csv"),
                          "--threads", "1"])
    warned = [line for line in caplog.text.splitlines() if "missing from the data" in line]  # the handlers' lines
    assert code == 0 and len(warned) == 1
    assert " model 'lstm' and model 'gru': 11 of the 77 windows" in warned[0]  # counted by their inputs, as evaluate counts (1209)


def test_a_data_file_given_where_compare_takes_runs_is_named_before_the_missing_data_flag(tmp_path, capsys):
    """`rnncast compare r1 r2 data.csv` said only "the following arguments are required: --data": the file among the
    RUNs is named now, with the form compare takes; without any file, the missing --data is said with that form."""
    from rnncast.cli import main

    (tmp_path / "data.csv").write_text("y\n1\n2\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), str(tmp_path / "data.csv")]) == 2
    assert capsys.readouterr().err == (f"rnncast: error: {tmp_path / 'data.csv'} is a file, not a run or model folder; "
                                       "compare takes RUN folders and the data with --data: rnncast compare RUN RUN "
                                       "[RUN ...] --data DATA\n")
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert capsys.readouterr().err == ("rnncast: error: compare needs --data DATA, the table to forecast with every "
                                       "model: rnncast compare RUN RUN [RUN ...] --data DATA\n")


def test_the_usage_line_names_every_flag_compare_takes_with_its_choices(capsys):
    """It showed `[--part test]` as if test were the only part, and no --threads (a tester's finding, decision 561)."""
    import re

    from rnncast.cli.parser import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["compare", "--help"])
    text = capsys.readouterr().out
    usage = text[: text.index("\n\n")]
    listed = set(re.findall(r"^  (--[a-z-]+)", text, flags=re.MULTILINE)) - {"--help"}
    assert listed and all(flag in usage for flag in listed), (listed, usage)
    assert "--part {test,val,train,all}" in usage


def test_the_notes_before_the_sentence_say_what_it_rests_on(folders):
    """A tester's find: of runs of lookback 50 and 10, compare printed "lstm wins" without saying that the lookbacks
    differ, nor that each fit had warned that it may be undertrained."""
    code, out, err = run([str(folders / "lstm"), str(folders / "rnn"), "--data", str(folders / "sine.csv"),
                          "--threads", "1"])
    assert code == 0, err
    lines = out.splitlines()
    expected = rnncast.compare({"lstm": Forecaster.load(folders / "lstm"), "rnn": Forecaster.load(folders / "rnn")},
                               str(folders / "sine.csv"))
    assert lines[-1 - len(expected.notes):] == expected.notes + [expected.sentence]
    assert "the models differ in 2 settings: cell (lstm vs rnn), lookback (12 vs 20)." in lines
    assert any(line.startswith("lstm") and " may be undertrained: " in line for line in lines)


def test_names_in_hangul_are_padded_by_the_columns_a_terminal_gives_them(folders, tmp_path):
    """A tester's find: runs named r/판매량_lstm and r/판매량_gru printed rows 3 columns wider than the head, as padding
    by characters did before decision 642; compare's tables pad by ``scoretext.width`` (a Hangul syllable: 2 columns)."""
    import re
    import shutil

    from rnncast.scoretext import width

    for cell in ("lstm", "gru"):
        shutil.copytree(folders / cell, tmp_path / f"판매량_{cell}")
    code, out, err = run([str(tmp_path / "판매량_lstm"), str(tmp_path / "판매량_gru"), "--data",
                          str(folders / "sine.csv"), "--threads", "1"])
    assert code == 0, err
    head, rule, *rows = out.splitlines()[:6]
    assert [row.split()[0] for row in rows[:2]] == ["판매량_lstm", "판매량_gru"]
    second = {width(line[: re.search(r"\s{2,}(?=\S)", line).end()]) for line in [head, rule, *rows]}
    assert second == {head.index("MSE")}  # the MSE column starts where its head does, whatever the names


def test_data_whose_fitted_rows_differ_is_named_and_its_training_mean_is_the_data_s(folders, tmp_path, caplog):
    """A file with every value doubled (another unit) was compared silently, its training-mean baseline the fit's
    beside naive baselines of the file (decision 704)."""
    import pandas as pd

    frame = pd.read_csv(folders / "sine.csv")
    frame.assign(y=frame["y"] * 2).to_csv(tmp_path / "double.csv", index=False)
    models = [str(folders / "lstm"), str(folders / "gru"), "--threads", "1", "--json", "--data"]
    code, out, _ = run([*models, str(folders / "sine.csv")])
    real = json.loads(out)["baselines"]["mean"]["mse"]
    assert code == 0 and "differ from those fit read" not in caplog.text
    code, out, _ = run([*models, str(tmp_path / "double.csv")])
    warned = [line for line in caplog.text.splitlines() if "differ from those fit read" in line]
    assert code == 0 and len(warned) == 1 and "model 'lstm' and model 'gru': the 280 rows" in warned[0]  # decision 710
    assert json.loads(out)["baselines"]["mean"]["mse"] == pytest.approx(4 * real, rel=1e-9)


def test_quantile_models_show_pinball_and_coverage_beside_mse(tmp_path):
    """compare printed MSE and MAE alone for quantile models and named a winner by the median's MSE (t28t8)."""
    frame = datasets.sine_wave(n=400)
    frame.to_csv(tmp_path / "sine.csv", index=False)
    for name, levels in (("q", "0.1,0.5,0.9"), ("qq", "0.25,0.5,0.75")):
        Forecaster(**SMALL, lookback=12, quantiles=levels).fit(frame, target="y", time_col="t").save(tmp_path / name)
    code, out, err = run([str(tmp_path / "q"), str(tmp_path / "qq"), "--data", str(tmp_path / "sine.csv"),
                          "--threads", "1"])
    assert code == 0 and not err
    assert out.splitlines()[0].split()[-8:] == ["pinball", "wQL", "80%", "covers", "50%", "covers", "windows", "params"]
    assert "MSIS" not in out  # compare has no MASE scale to put it on (decision 2096)
    assert "80% covers" in out and "50% covers" in out and "the intervals were not compared" in out
    code, out, _ = run([str(tmp_path / "q"), str(tmp_path / "qq"), "--data", str(tmp_path / "sine.csv"), "--json"])
    back = json.loads(out)
    assert back["ranked_by"] == "MSE" and set(back["quantile_scores"]["q"]) >= {"pinball", "coverage_80", "by_level"}


def test_many_windows_are_said_once_before_the_models_forecast_them(folders, tmp_path, caplog, monkeypatch):
    """compare said nothing while each model forecast every window (minutes at horizon 720; fit says it, decision
    1562): it says fit's line once, the first model's windows by each model, before the lines held back until every
    model has forecast (decision 1602)."""
    import pandas as pd

    monkeypatch.setattr("rnncast.scoringsaid.SAID_STEPS", 1)
    pd.read_csv(folders / "sine.csv").drop(index=[330, 331]).to_csv(tmp_path / "gap.csv", index=False)
    with caplog.at_level("INFO", logger="rnncast"):
        code, out, err = run([str(folders / "lstm"), str(folders / "gru"), "--data", str(tmp_path / "gap.csv"),
                              "--threads", "1"])
    lines = [r.getMessage() for r in caplog.records]
    scoring = [i for i, line in enumerate(lines) if line.startswith("scoring ")]
    warned = next(i for i, line in enumerate(lines) if "missing from the data" in line)
    assert code == 0 and len(scoring) == 1 and scoring[0] < warned
    assert lines[scoring[0]] == "scoring 77 test windows of 2 steps, by each of 2 models"
    monkeypatch.setattr("rnncast.scoringsaid.SAID_STEPS", 1000)  # 77 x 2 x 2 steps: unsaid
    caplog.clear()
    with caplog.at_level("INFO", logger="rnncast"):
        assert run([str(folders / "lstm"), str(folders / "gru"), "--data", str(tmp_path / "gap.csv")])[0] == 0
    assert not any(r.getMessage().startswith("scoring ") for r in caplog.records)


def test_the_seasonal_naive_row_names_its_season_the_first_run_s_that_has_one(folders, tmp_path):
    """The row read "baseline: seasonal naive" whatever its season, taken from whichever RUN came first with one (a
    newcomer's find, decision 1655): it names the season, and a note says where the RUNs' seasons differ."""
    from rnncast.cli.parser import build_parser

    frame = datasets.sine_wave(n=400)
    for season in (5, 10):
        Forecaster(**SMALL, lookback=12, season=season).fit(frame, target="y", time_col="t").save(tmp_path / f"s{season}")
    code, out, err = run([str(folders / "lstm"), str(tmp_path / "s10"), str(tmp_path / "s5"), "--data",
                          str(folders / "sine.csv"), "--threads", "1"])
    assert code == 0, err
    rows = [line for line in out.splitlines() if line.startswith("baseline: seasonal naive")]
    assert len(rows) == 1 and rows[0].startswith("baseline: seasonal naive (season 10) ")  # lstm has none: s10's
    assert "The models' seasons differ (s10: 10, s5: 5): the 'seasonal naive' row is s10's, season 10" in out
    helped = " ".join(build_parser()._subparsers._group_actions[0].choices["compare"].description.split())
    assert "the seasonal naive forecast the first RUN's that has a season" in helped


def test_the_quantile_columns_are_written_in_fits_notation_with_a_dash_where_a_forecaster_has_none():
    """compare wrote coverage as 84.1% beside fit's 0.8406, with its own "-" rule (decision 1854)."""
    from rnncast.cli.comparing import quantile_columns
    heads, cells = quantile_columns({"a": {"pinball": 0.5, "coverage_80": 0.8406}, "b": None}, 4,
                                    [None, {"pinball": 0.75}])
    assert heads == ["pinball", "80% covers"]
    assert cells == [["0.50000", "0.8406"], ["-", "-"], ["-", "-"], ["0.75000", "-"]]


def test_the_quantile_columns_show_wql_after_pinball_and_the_coverages_widest_first():
    """compare's table showed pinball and coverage but not the wQL fit's and evaluate's tables show (decision 2096);
    the MSIS a block may hold is left out: compare has no MASE scale, so no MSIS column."""
    from rnncast.cli.comparing import quantile_columns
    heads, cells = quantile_columns({"a": {"coverage_80": 0.8, "wql": 0.04, "pinball": 0.5, "coverage_90": 0.9,
                                           "msis_90": 3.0}}, 2, [{"pinball": 0.75, "wql": 0.06, "coverage_80": 0.7,
                                                                  "coverage_90": 0.85}])
    assert heads == ["pinball", "wQL", "90% covers", "80% covers"]
    assert cells == [["0.50000", "0.040000", "0.9000", "0.8000"], ["0.75000", "0.060000", "0.8500", "0.7000"]]
