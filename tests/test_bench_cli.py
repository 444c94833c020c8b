"""``rnncast bench ett`` (rnncast.bench.cli): the ``--quick`` smoke test end to end, and flags that
are declared without importing torch.

It needs ETTh1.csv and skips without it (same lookup as test_bench_protocol.py:
``$RNNCAST_ETT_DIR`` or ``shared/data/ETT`` beside the repository). It trains NLinear and an LSTM
for one epoch each at L=48 (about 10 s of CPU on one thread). ``parse`` and ``etth1`` serve
test_bench_plan.py too.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest

from rnncast.bench import cli, results
from test_bench_protocol import ett_dir

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def etth1() -> Path:
    path = ett_dir() / "ETTh1.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (set RNNCAST_ETT_DIR to the folder with ETTh1.csv)")
    return path


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="rnncast")
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
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
    assert cli.run_ett(args) == 0

    with (out / "results.csv").open(newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames) == results.CSV_COLUMNS
        rows = list(reader)
    for column in ("dataset", "mode", "L", "H", "model", "mse", "mae", "windows", "seconds",
                   "settings", "seed", "epochs_run", "device", "rnncast_version", "torch_version"):
        assert column in results.CSV_COLUMNS
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
    assert cli.run_ett(args) == 0
    with (out / "results.csv").open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 4


def test_the_flags_need_no_torch_and_name_the_runners_defaults():
    """`bench ett --help` imports neither torch nor the benchmark's modules; the defaults its flags
    show are those of plan.py and runners.py."""
    import subprocess
    import sys

    from rnncast.bench import plan, runners

    assert cli.DEFAULT_LOOKBACK == plan.DEFAULT_LOOKBACK
    assert cli.DEFAULT_MODELS == runners.DEFAULT_MODELS
    code = ("import sys\n"
            "from rnncast.bench import cli\n"
            "try:\n"
            "    cli.main(['ett', '--help'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "heavy = [m for m in ('torch', 'rnncast.bench.runners', 'rnncast.bench.protocol') if m in sys.modules]\n"
            "sys.stderr.write(' '.join(heavy))\n"
            "sys.exit(1 if heavy else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, f"bench ett --help imported {done.stderr}"
    assert ",".join(runners.DEFAULT_MODELS) in done.stdout.replace("\n", "").replace(" ", "")
