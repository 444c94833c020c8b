"""The memory demo (``memorydemo.py``): RNN, LSTM and GRU on a delayed echo at each of its lags, a run folder per
model, a loss figure per lag and the page with its own table (each cell at each lag: the epoch it learned the echo,
its test R²); seeded, so a second run from the same seed writes the same table. ``tiny_memory`` serves
test_cli_demoing.py too; the tests assert what is written, not the lesson's numbers (those take the full demo)."""

from __future__ import annotations

import html
import json

import pytest

from rnncast import Forecaster, memorydemo
from rnncast.demofolders import CELLS, MEMORY_LAGS, memory_folder


def shrink(monkeypatch) -> None:
    """The memory demo small enough for a test (its own takes a few minutes)."""
    monkeypatch.setattr(memorydemo, "MEMORY_SETTINGS", {**memorydemo.MEMORY_SETTINGS, "lookback": 6, "hidden_size": 2,
                                                        "epochs": 2, "patience": 2})
    monkeypatch.setattr(memorydemo, "MEMORY_ROWS", 120)


@pytest.fixture
def tiny_memory(monkeypatch):
    shrink(monkeypatch)


@pytest.fixture(scope="module")
def memory_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("memory")
    with pytest.MonkeyPatch.context() as monkeypatch:
        shrink(monkeypatch)
        return memorydemo.memory(out, device="cpu", threads=1), out


def _without_timings(result) -> list:
    return [{k: v for k, v in row.__dict__.items() if k != "seconds_per_epoch"} for row in result.rows]


def test_the_memory_demo_trains_each_cell_at_each_lag_and_writes_a_run_each(memory_run):
    result, out = memory_run
    folders = [memory_folder(cell, lag) for lag in MEMORY_LAGS for cell in CELLS]
    assert {p.name for p in out.iterdir()} == set(folders) | {f"loss-lag{lag}.png" for lag in MEMORY_LAGS} | {
        "summary.json", "report.html"}
    assert [(r.group, r.name) for r in result.rows] == [(f"lag {lag}", c.upper()) for lag in MEMORY_LAGS for c in CELLS]
    for row, folder in zip(result.rows, folders):
        test = json.loads((out / folder / "metrics.json").read_text())["test"]["original"]
        params = Forecaster.load(out / folder).get_params()
        assert row.mse == pytest.approx(test["model"]["mse"]) and params["cell"] == folder.split("-")[0]
        assert (params["target_input"], params["highway"], params["lookback"]) == (False, False, 6)
    assert json.loads((out / folder / "config.json").read_text())["data"]["source"].startswith("built-in delayed echo of lag")


def test_its_own_table_has_every_cell_at_every_lag_on_the_page_and_in_summary_json(memory_run):
    result, out = memory_run
    heading, (head, *rows) = result.table
    assert head[:4] == ["lag", "model", "learned at epoch", "test R²"]
    assert [row[:2] for row in rows] == [[str(lag), c.upper()] for lag in MEMORY_LAGS for c in CELLS]
    assert all(row[2] == "not in 2" or row[2] in ("1", "2") for row in rows)  # tiny: an epoch, or none of its 2
    page = html.unescape((out / "report.html").read_text())
    assert heading in page and "What the lags show." in page and "y_t = x_(t−K) + noise" in page
    assert page.index(heading) < page.index("Summary (test split, original units)")  # the demo's table first
    assert json.loads((out / "summary.json").read_text())["table"] == result.table[1]


def test_a_second_memory_demo_from_the_same_seed_writes_the_same_numbers(memory_run, tmp_path, monkeypatch):
    shrink(monkeypatch)
    again = memorydemo.memory(tmp_path / "again", device="cpu", threads=1)
    assert _without_timings(again) == _without_timings(memory_run[0])
    assert again.table == memory_run[0].table and again.lesson == memory_run[0].lesson


def test_a_network_learned_at_the_first_epoch_under_half_the_training_means_validation_loss():
    history = [{"epoch": e, "val_loss": v} for e, v in enumerate([0.9, 0.6, 0.44, 0.1], start=1)]
    assert memorydemo.learned_at(history, 0.9) == 3  # 0.44 < 0.45; 0.6 is not
    assert memorydemo.learned_at(history[:2], 0.9) is None
    assert memorydemo.mean_val_loss({"val": {"scaled": {"mean": {"mse": 0.93}}}}) == 0.93
