"""The checked request of ``rnncast bench ett`` (rnncast.bench.plan): argument errors name the value,
and ``--set`` reaches the plan (its reading alone: test_bench_settings.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnncast.bench import plan, settings
from rnncast.errors import RnncastError
from test_bench_cli import etth1, parse


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--mode", "X"], "unknown mode 'X': accepted are S, M, MS"),
        (["--horizons", "96,abc"], "bad horizon 'abc'"),
        (["--horizons", "5000"], "bad horizon '5000'"),
        (["--models", "lstm,transformer"], "unknown model 'transformer'"),
        (["--set", "lookback=12"], "bad --set 'lookback=12'"),
        (["--set", "epochs=many"], "epochs must be a whole number"),
        (["--set", "cnn:lr=0.1"], "bad --set .cnn:lr=0.1."),
        (["--models", ""], "--models '' names no model"),  # empty is not 'all of them'
        (["--models", "lstm,,gru"], "--models 'lstm,,gru' has an empty item .item 2 of 3."),  # ran lstm,gru silently
        (["--models", "lstm,"], "--models 'lstm,' has an empty item .item 2 of 2."),
        (["--horizons", ""], "bad horizon '' in --horizons ''"),  # nor the default horizons
        (["--seed", "-1"], "--seed -1 is out of range: accepted are whole numbers from 0 to 2**63 - 1"),
        (["--seed", str(2 ** 64)], "is out of range"),  # torch would stop with a traceback after Repeat
        (["--set", "seed=5"], "the seed is --seed N"),  # results.csv would say 2021 beside a model seeded 5
        # trained with 2 while results.csv's threads column said --threads' 1
        (["--threads", "1", "--set", "threads=2"], "bad --set 'threads=2': the thread count is --threads N"),
        # accepted, then refused by load_panel after Repeat had written its row
        (["--set", "time_unit=s"], "time_unit is fixed by the ETT protocol .bench reads the table by it., not set per "
                                   "model; accepted keys are batch_size"),
        (["--set", "time_col=date"], "time_col is fixed by the ETT protocol .bench reads the table by it."),
        (["--set", "lstm:fill=ffill"], "fill is fixed by the ETT protocol"),
        (["--models", "repeat,nlinear", "--set", "epochs=1"], "--models repeat,nlinear runs none"),
        (["--models", "nlinear,gru", "--set", "lstm:lr=0.1"], "lstm is not among --models nlinear,gru"),
        # ran once without a word; a seed that reached no model was written in results.csv as if it had
        (["--models", "repeat,lstm,repeat"], "--models 'repeat,lstm,repeat' names repeat more than once; name each "
                                             "model once"),
        (["--horizons", "24,24"], "--horizons '24,24' names 24 more than once; name each horizon once"),  # ran once
        (["--models", "repeat", "--seed", "3"], "--seed 3: --models repeat trains no model, so nothing is seeded; leave "
                                                "--seed out, or add a trained model"),
    ],
)
def test_bad_arguments_name_the_value(argv, message):
    args = parse("--data", str(etth1()), *argv)
    with pytest.raises(RnncastError, match=message.replace("(", r"\(").replace("*", r"\*")):
        plan.make_plan(args)


def test_missing_file_and_bad_name(tmp_path):
    with pytest.raises(RnncastError, match="does not exist"):
        plan.make_plan(parse("--data", str(tmp_path / "ETTh1.csv")))
    other = tmp_path / "weather.csv"
    other.write_text("date,OT\n" + "".join(f"2020-01-{d:02d},{d}\n" for d in range(1, 11)))  # read first, then refused
    with pytest.raises(RnncastError, match="weather cannot run under the ETT protocol: .* its time column 'date' steps "
                                           "by 1 day"):
        plan.make_plan(parse("--data", str(other)))
    with pytest.raises(RnncastError, match="no data file"):
        plan.make_plan(parse())


def test_set_reads_model_names_in_any_case_as_models_does():
    """--models repeat,GRU was accepted while --set GRU:epochs=1 was refused 'bad --set'."""
    assert settings.parse_settings(["GRU:epochs=1", " Lstm :lr=0.1"])[1] == {"gru": {"epochs": 1}, "lstm": {"lr": 0.1}}
    made = plan.make_plan(parse("--data", str(etth1()), "--models", "repeat,GRU", "--set", "GRU:epochs=1"))
    assert made.per_cell == {"gru": {"epochs": 1}}


def _flat_table(tmp_path, flat: str):
    """100 days: 'a' varies, column ``flat`` stands at 3.0 on the first 70 (the training rows), 'OT' varies."""
    rows = "".join(f"2020-{1 + i // 28:02d}-{1 + i % 28:02d},{i % 7},{3.0 if i < 70 and flat == 'b' else i},"
                   f"{3.0 if i < 70 and flat == 'OT' else i % 5}\n" for i in range(100))
    path = tmp_path / "flat.csv"
    path.write_text("date,a,b,OT\n" + rows)
    return path


@pytest.mark.parametrize("mode", ["S", "MS"])
def test_a_target_constant_on_the_training_rows_is_refused_before_anything_trains(tmp_path, mode):
    """A Forecaster's fit refuses a constant target; bench centred it and scored every model at 0 beside
    Repeat. Refused by name with the targets that would do, the folder left unmade."""
    args = parse("--data", str(_flat_table(tmp_path, "OT")), "--mode", mode, "--horizons", "4",
                 "--out", str(tmp_path / "out"), benchmark="ltsf")
    with pytest.raises(RnncastError, match=f"the target 'OT' is constant on the training rows 0-69 .always 3., so no "
                       f"model has anything to learn in {mode} mode; choose another target .bench ltsf --target: a, b. "
                       "or --mode M"):
        plan.make_plan(args)
    assert not (tmp_path / "out").exists()


def test_in_m_mode_a_constant_column_is_one_series_of_many_and_said(tmp_path):
    """M forecasts every column: a constant one is centred as the published StandardScaler did (refusing it
    would refuse tables the published code runs), and the plan names it for the command to say."""
    for flat in ("OT", "b"):
        made = plan.make_plan(parse("--data", str(_flat_table(tmp_path, flat)), "--mode", "M", "--horizons", "4",
                                    "--out", str(tmp_path / flat), benchmark="ltsf"))
        assert made.constant == (flat,)
    s = plan.make_plan(parse("--data", str(_flat_table(tmp_path, "b")), "--mode", "S", "--horizons", "4",
                             "--out", str(tmp_path / "s"), benchmark="ltsf"))
    assert s.constant == ()  # S reads the target alone
    ms = plan.make_plan(parse("--data", str(_flat_table(tmp_path, "b")), "--mode", "MS", "--horizons", "4",
                              "--out", str(tmp_path / "ms"), benchmark="ltsf"))
    assert ms.constant == ("b",)



def _table(tmp_path, rows: int, name: str = "own", first: str = "date"):
    """``rows`` days of two random columns a and OT after a first column: dates, or numbers for ``first='x'``."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=rows), "OT": rng.normal(size=rows)})
    frame.insert(0, first, pd.date_range("2000-01-02", periods=rows, freq="W").strftime("%Y-%m-%d")
                 if first == "date" else rng.normal(size=rows))
    path = tmp_path / f"{name}.csv"
    frame.to_csv(path, index=False)
    return path


def test_the_default_lookback_follows_the_horizons_whichever_way_they_were_chosen(tmp_path):
    """On ILI's 966 rows no --horizons gave L=36, --horizons 24,36,48,60 (the same horizons) L=96 and another
    folder; a weekly table of 350 training rows with --horizons 24 got L=96, against --help's rule."""
    path = _table(tmp_path, 966)
    chosen = plan.make_plan(parse("--data", str(path), benchmark="ltsf"))
    given = plan.make_plan(parse("--data", str(path), "--horizons", "24,36,48,60", benchmark="ltsf"))
    assert (chosen.horizons, chosen.lookback, chosen.out) == (given.horizons, given.lookback, given.out)
    assert given.lookback == 36 and str(given.out).endswith("own-S-L36")
    assert chosen.why.startswith("966 rows: only 96 of the long horizons 96-720 fits")
    weekly = plan.make_plan(parse("--data", str(_table(tmp_path, 500, "weekly")), "--horizons", "24", benchmark="ltsf"))
    assert weekly.lookback == 36
    assert plan.make_plan(parse("--data", str(path), "--horizons", "96", benchmark="ltsf")).lookback == 96


def test_quick_on_a_short_table_runs_the_first_horizon_that_fits(tmp_path):
    """--quick stopped at H=96 on a table too short for it; it runs the table's first horizon, saying why."""
    made = plan.make_plan(parse("--quick", "--data", str(_table(tmp_path, 300)), benchmark="ltsf"))
    assert (made.horizons, made.lookback) == ((24,), 36)
    assert made.why == ("--quick: H=96 does not fit this table (the validation part holds 30 rows, fewer than H=96), "
                        "so the first of its horizons, H=24, with L=36")


def test_the_run_says_what_m_mode_forecasts_what_target_does_there_and_why_no_published_rows(tmp_path):
    """A numeric first column that is no time became a series, said only as "no time column, 3 value columns";
    --target in M mode changed the plot and the folder without a word; an ETT file under the custom protocol got
    "No published rows for ETTh1 S" though they exist under the ETT protocol."""
    made = plan.make_plan(parse("--data", str(_table(tmp_path, 300, first="x")), "--mode", "M", "--target", "a",
                                "--horizons", "24", benchmark="ltsf"))
    assert made.notes[1:] == (
        "M mode forecasts and scores every value column: x, a, OT",
        "--target a: M mode forecasts and scores every column; the target names only the column the forecast plots "
        "draw (S and MS forecast it alone)")
    assert plan.make_plan(parse("--data", str(_table(tmp_path, 300)), "--mode", "M", "--horizons", "24",
                                benchmark="ltsf")).notes == ()
    named = plan.make_plan(parse("--data", str(_table(tmp_path, 300, name="ETTh1")), "--protocol", "custom",
                                 "--horizons", "24", benchmark="ltsf"))
    assert named.notes == ()  # not ETTh1, whose published rows --protocol ett would not show either (identity.note)
    released = Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT" / "ETTh1.csv"
    if not released.is_file():
        pytest.skip(f"{released} is absent")
    (tmp_path / "copy.csv").symlink_to(released)
    ett = plan.make_plan(parse("--data", str(tmp_path / "copy.csv"), "--protocol", "custom", "--horizons", "24",
                               benchmark="ltsf"))
    assert ett.notes == ("ETTh1 runs under the custom protocol: the published ETTh1 S rows were made under the ett "
                         "protocol's split, so results.md shows none beside these; --protocol ett compares with them",)


def test_a_bad_horizon_is_answered_with_an_example_that_fits() -> None:
    """"from 1 to 97 (the shortest split), e.g. 96,192,336,720" offered horizons that did not fit."""
    from rnncast.bench.plan import _example

    assert (_example(97), _example(1517), _example(30), _example(1)) == ("24,36,48,60", "96,192,336,720", "24", "1")


def test_a_drop_last_batch_larger_than_the_test_part_is_refused_before_anything_runs(tmp_path):
    """300 weekly rows: 60 test rows, 57 windows at H=4; a batch of 100 would score none. The refusal is the plan's
    alone (measure.check_settings no longer repeats it); a table of one's own takes ETTh1's recipe batch, 32."""
    path = _table(tmp_path, 300)
    args = parse("--data", str(path), "--horizons", "4", "--lookback", "8", "--drop-last", "100", benchmark="ltsf")
    with pytest.raises(RnncastError, match="--drop-last 100: the test part holds 57 windows at horizon 4, fewer than "
                                           "one batch of 100"):
        plan.make_plan(args)
    made = plan.make_plan(parse("--data", str(path), "--horizons", "4", "--lookback", "8", "--drop-last", "recipe",
                                benchmark="ltsf"))
    assert made.drop_last == "recipe" and made.found.known is None


def test_the_seed_defaults_to_2021_and_is_taken_with_a_trained_model():
    assert plan.make_plan(parse("--data", str(etth1()), "--models", "repeat")).seed == 2021
    assert plan.make_plan(parse("--data", str(etth1()), "--models", "repeat,nlinear", "--seed", "3")).seed == 3


def test_the_default_folder_names_the_target_where_it_is_what_is_scored(tmp_path):
    """--help and docs/cli.md said runs/bench-<protocol>/<dataset>-<mode>-L<L>, but a target other than OT went into
    the name in M too, where every column is scored whatever the target: only S and MS name it now, and the help
    says so."""
    path = _table(tmp_path, 300)
    out = {mode: plan.make_plan(parse("--data", str(path), "--mode", mode, "--target", "a", "--horizons", "24",
                                      benchmark="ltsf")).out for mode in ("S", "MS", "M")}
    assert out == {"S": Path("runs/bench-custom/own-S-a-L36"), "MS": Path("runs/bench-custom/own-MS-a-L36"),
                   "M": Path("runs/bench-custom/own-M-L36")}
    assert plan.make_plan(parse("--data", str(path), "--horizons", "24", benchmark="ltsf")).out == Path(
        "runs/bench-custom/own-S-L36")


def test_missing_values_is_the_files_reading_for_every_model_not_a_recurrent_setting(tmp_path):
    """--set missing_values reached the Forecaster, which saw z-scored values and blanked nothing; it is the file's
    reading now: taken out of the models' settings, refused for one model, and taken with linear models alone."""
    table = _flat_table(tmp_path, "b")
    made = plan.make_plan(parse("--data", str(table), "--mode", "M", "--horizons", "4", "--models", "repeat,nlinear",
                                "--set", "missing_values=-999", "--out", str(tmp_path / "out"), benchmark="ltsf"))
    assert made.forecaster == {} and made.notes[0].startswith("--set missing_values=-999 matched no value")
    with pytest.raises(RnncastError, match="missing_values is the file's, read once for every model; give --set "
                                           "missing_values=-999"):
        settings.parse_settings(["rnn:missing_values=-999"])
