"""``rnncast bench ett``: the ``--quick`` smoke test end to end, and the argument errors.

The end-to-end test needs ETTh1.csv and skips without it (same lookup as test_ett.py:
``$RNNCAST_ETT_DIR`` or ``shared/data/ETT`` beside the repository). It trains NLinear and an LSTM
for one epoch each at L=48 (about 10 s of CPU on one thread).
"""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

import pytest

from rnncast import bench
from rnncast.errors import RnncastError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def ett_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT"


def etth1() -> Path:
    path = ett_dir() / "ETTh1.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (set RNNCAST_ETT_DIR to the folder with ETTh1.csv)")
    return path


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rnncast")
    bench.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["bench", "ett", *argv])
    args.command_line = "rnncast bench ett " + " ".join(argv)
    return args


def test_quick_runs_end_to_end(tmp_path, capsys):
    data = etth1()
    out = tmp_path / "quick"
    # --quick's models, dataset, mode and horizon; L=48 and one epoch keep the test short (Repeat's
    # scores and the number of test windows do not depend on L)
    args = parse("--quick", "--data", str(data), "--lookback", "48", "--set", "epochs=1",
                 "--out", str(out))
    assert bench.run_ett(args) == 0

    with (out / "results.csv").open(newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == bench.CSV_COLUMNS
        rows = list(reader)
    for column in ("dataset", "mode", "L", "H", "model", "mse", "mae", "windows", "seconds",
                   "settings", "seed", "epochs_run", "device", "rnncast_version", "torch_version"):
        assert column in bench.CSV_COLUMNS
    assert [r["model"] for r in rows] == ["repeat", "nlinear", "lstm"]
    assert {(r["dataset"], r["mode"], r["H"], r["L"], r["windows"]) for r in rows} == {
        ("ETTh1", "S", "96", "48", str(2881 - 96))}
    repeat = rows[0]
    # ETT.md: Repeat, S, H=96, all windows = 0.069/0.203 (Repeat does not depend on L)
    assert round(float(repeat["mse"]), 3) == 0.069
    assert round(float(repeat["mae"]), 3) == 0.203
    for row in rows[1:]:
        assert float(row["repeat_mse"]) == pytest.approx(float(repeat["mse"]))
        assert row["beats_repeat"] in ("yes", "no")
        assert float(row["mse"]) < 1.0  # trained on z-scored values, one epoch is enough for that
    assert rows[2]["epochs_run"] == "1" and rows[2]["device"] in ("cpu", "cuda", "cuda:0")
    assert '"scaler": "none"' in rows[2]["settings"] and '"window_norm": "last"' in rows[2]["settings"]

    md = (out / "results.md").read_text()
    assert "## ETTh1, S, L=48, all test windows" in md
    assert "| H | repeat | nlinear | lstm |" in md
    assert "| 96 | 0.069/0.203 |" in md
    assert "*0.053/0.177*" in md  # the published NLinear row sits beside the measured ones

    for model in ("repeat", "nlinear", "lstm"):
        assert (out / f"forecast_{model}_H96.png").read_bytes()[:8] == PNG_SIGNATURE
    printed = capsys.readouterr().out
    assert "beats Repeat" in printed and "lstm" in printed

    # append-safe: a second run adds rows, keeps the old ones
    args = parse("--data", str(data), "--horizons", "96", "--models", "repeat", "--no-plots",
                 "--out", str(out))
    assert bench.run_ett(args) == 0
    with (out / "results.csv").open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 4


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--mode", "X"], "unknown mode 'X': accepted are S, M, MS"),
        (["--horizons", "96,abc"], "bad horizon 'abc'"),
        (["--horizons", "5000"], "bad horizon '5000'"),
        (["--models", "lstm,transformer"], "unknown model 'transformer'"),
        (["--set", "lookback=12"], "bad --set 'lookback=12'"),
        (["--set", "epochs=many"], "epochs takes int"),
        (["--set", "cnn:lr=0.1"], "bad --set .cnn:lr=0.1."),
    ],
)
def test_bad_arguments_name_the_value(argv, message):
    args = parse("--data", str(etth1()), *argv)
    with pytest.raises(RnncastError, match=message.replace("(", r"\(").replace("*", r"\*")):
        bench.make_plan(args)


def test_missing_file_and_bad_name(tmp_path):
    with pytest.raises(RnncastError, match="does not exist"):
        bench.make_plan(parse("--data", str(tmp_path / "ETTh1.csv")))
    other = tmp_path / "weather.csv"
    other.write_text("date,OT\n")
    with pytest.raises(RnncastError, match="cannot tell the ETT variant"):
        bench.make_plan(parse("--data", str(other)))
    with pytest.raises(RnncastError, match="no data file"):
        bench.make_plan(parse())


def test_recurrent_runners_are_registered():
    from rnncast import ett

    assert {"rnn", "lstm", "gru"} <= set(ett.RUNNERS)


def test_published_rows_cover_the_four_horizons():
    for (dataset, mode), rows in bench.PUBLISHED.items():
        assert rows[0].label.startswith("Repeat")
        for row in rows:
            assert set(row.scores) <= {96, 192, 336, 720}


@pytest.mark.parametrize("model", ["gru", "segrnn"])
@pytest.mark.parametrize("mode", ["S", "M", "MS"])
def test_recurrent_runner_on_synthetic_rows(mode, model):
    """The runner under the harness without the ETT files: shapes, column order, test rows unseen."""
    import numpy as np

    from rnncast import ett, ett_recurrent

    rng = np.random.default_rng(0)
    values = np.cumsum(rng.standard_normal((320, 7)), axis=0) * 0.1  # [T, 7]
    columns = list(ett.COLUMNS)
    inputs, target_idx = ett.select_mode(values, columns, mode)
    borders = ett.Borders(200, 260, 320)
    seen = []
    overrides = {"epochs": 1, "hidden_size": 4, "device": "cpu", **({"segment": 4} if model == "segrnn" else {})}
    config = ett.TrainConfig(seed=1, options={"forecaster": overrides, "on_fit": seen.append})
    pred = ett.run_setting(inputs, target_idx, borders, 12, 6, model, config)
    assert pred.shape == (320 - 260 - 6 + 1, 6, len(target_idx))
    params = seen[0]["forecaster"]
    assert params["scaler"] == "none" and params["lookback"] == 12 and params["horizon"] == 6
    # the plain cells mix channels (the library default); the SegRNN preset trains each column as a
    # series of its own, except in MS, where the features are inputs and not series to forecast
    assert params["channel_independent"] is (model == "segrnn" and mode != "MS")
    task = ett.Task(inputs[:260], target_idx, borders, 12, 6)
    order = ett_recurrent._column_order(task)
    assert order[: len(target_idx)] == list(target_idx) and sorted(order) == list(range(inputs.shape[1]))


def test_set_applies_to_all_cells_or_one():
    common, per_cell = bench.parse_settings(["epochs=8", "rnn:lr=0.0003", "batch_size=full"])
    assert common == {"epochs": 8, "batch_size": None} and per_cell == {"rnn": {"lr": 0.0003}}
