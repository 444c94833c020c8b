"""Which runs each cell of results.md shows and how (rnncast.bench.seedruns): the latest setting, a row per seed,
their mean ± sd; and benchmarks/ltsf/summary.py, which tables every results.csv under a folder over seeds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rnncast.bench import results, seedruns

ROOT = Path(__file__).resolve().parents[1]


def _row(**changes) -> dict:
    row = {column: "" for column in results.CSV_COLUMNS}
    row.update(dataset="national_illness", protocol="custom", target="OT", mode="S", L=36, H=24, model="gru",
               mse=0.5, mae=0.4, test_windows="all", windows=170, windows_all=170, repeat_mse=0.9, repeat_mae=0.6,
               beats_repeat="yes", seconds=1.0, quick="no", seed=2021, settings='{"epochs": 1, "seed": 2021}',
               command="rnncast bench ltsf")
    return {**row, **changes}


def _key(row: dict) -> tuple:
    return (row["dataset"], row["mode"])


def test_a_row_per_seed_of_the_latest_setting():
    """A rerun of a seed replaces its row; another seed joins it; a run of another setting (epochs) starts the cell
    again and is said; seed, device and threads are how a run ran, not its setting."""
    rows = [_row(seed=1, mse=0.9), _row(seed=2, threads=2, settings='{"epochs": 1, "seed": 2, "threads": 2}'),
            _row(seed=1, mse=0.7)]
    groups, unshown, replaced = seedruns.gather(rows, _key)
    cell = groups[("national_illness", "S")][(24, "gru")]
    assert [(r["seed"], r["mse"]) for r in cell] == [(2, 0.5), (1, 0.7)] and not unshown and not replaced
    groups, _, replaced = seedruns.gather([*rows, _row(seed=3, settings='{"epochs": 20, "seed": 3}')], _key)
    assert [r["seed"] for r in groups[("national_illness", "S")][(24, "gru")]] == [3]
    assert replaced == {("national_illness", "S"): {(24, "gru"): None}}
    older = _row(seed=4, settings='{"epochs": 1, "seed": 4, "device": "auto", "threads": 0, "val_frac": 0.1}')
    groups, _, replaced = seedruns.gather([older, _row()], _key)  # recorded before 1156: the same setting
    assert [r["seed"] for r in groups[("national_illness", "S")][(24, "gru")]] == [4, 2021] and not replaced
    groups, unshown, _ = seedruns.gather([_row(), _row(seed=5, quick="yes")], _key)  # quick never replaces full
    assert [r["seed"] for r in groups[("national_illness", "S")][(24, "gru")]] == [2021] and unshown


def test_a_cell_of_several_seeds_is_their_mean_and_sd_and_bold_below_repeat():
    assert seedruns.cell_text([(0.5, 0.4)], 0.9, "yes") == ("0.5000/0.4000", True)
    assert seedruns.cell_text([(0.5, 0.4), (0.7, 0.6)], 0.9) == ("0.6000 ± 0.1414/0.5000 ± 0.1414 (n=2)", True)
    assert seedruns.cell_text([(0.5, 0.4), (1.5, 0.6)], 0.9)[1] is False  # the mean, 1.0, is above Repeat's


def test_the_seeds_line_says_each_cells_seeds():
    one = {(24, "gru"): [_row()], (24, "repeat"): [_row(model="repeat", seed="")]}
    assert seedruns.seeds_line(one, ["repeat", "gru"].index) == "Seed 2021 for every run shown."
    several = {(36, "gru"): [_row(H=36)], (24, "gru"): [_row(seed=7), _row()]}
    assert seedruns.seeds_line(several, ["gru"].index) == (
        "Seeds of each model and horizon (a cell of several shows their mean ± sd, n the seeds): gru H=24 7, 2021; "
        "gru H=36 2021.")
    assert seedruns.seeds_line({(24, "repeat"): [_row(model="repeat", seed="")]}, ["repeat"].index) == ""


def test_the_summary_averages_seeds_and_says_a_judged_model_without_runs(tmp_path):
    """summary.py printed an empty "- lstm:" line for each judged model that had no runs."""
    for row in (_row(model="repeat", seed="", beats_repeat=""), _row(seed=1, mse=0.4), _row(seed=2, mse=0.6)):
        results.append_csv(tmp_path / "results.csv", row)
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks/ltsf/summary.py"), str(tmp_path), "--models",
                          "gru,lstm"], capture_output=True, text=True, check=True).stdout
    assert "**0.5000 ± 0.1414**" in out  # gru's two seeds, every one below Repeat's 0.9
    assert f"- lstm: no runs in {tmp_path}" in out and "- lstm: \n" not in out
    assert "- gru: beats Repeat (mean over seeds): 1 of 1 settings" in out


def test_chunk_sets_a_sequence_runs_setting_and_no_other_schemes():
    """seedruns dropped chunk from every row where the recurrent runner keeps it under scheme=sequence (which reads
    it): sequence runs differing only in chunk were averaged as seeds of one setting. Both read one rule now."""
    from rnncast.bench import protocol

    def runs(scheme: str) -> list:
        return [r["seed"] for r in seedruns.gather([
            _row(seed=1, settings=f'{{"scheme": "{scheme}", "chunk": 256, "seed": 1}}'),
            _row(seed=2, settings=f'{{"scheme": "{scheme}", "chunk": 64, "seed": 2, "val_frac": 0.1}}')],
            _key)[0][("national_illness", "S")][(24, "gru")]]

    assert runs("sequence") == [2] and runs("window") == [1, 2]
    assert "chunk" not in protocol.unread_keys({"scheme": "sequence"}) and "chunk" in protocol.unread_keys({})
