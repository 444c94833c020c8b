"""demofolders: the names a demo writes, and a demo's folder cut short told from other folders."""

from __future__ import annotations

from rnncast.demofolders import OUTPUT_NAMES, RUN_FOLDERS, interrupted, sine_folder


def test_the_run_folders_are_each_model_with_and_without_the_highway_and_the_regression_runs():
    assert sine_folder("gru", {"highway": True}) == "gru" and sine_folder("gru", {"highway": False}) == "gru-alone"
    assert {"rnn", "lstm-alone", "past-only", "future-known"} <= RUN_FOLDERS <= OUTPUT_NAMES
    assert {"summary.json", "report.html"} <= OUTPUT_NAMES


def test_a_folder_is_a_demos_cut_short_only_with_a_started_run_and_nothing_else(tmp_path):
    folder = tmp_path / "d"
    (folder / "rnn").mkdir(parents=True)
    assert not interrupted(folder)  # a run folder with nothing written yet: nothing says it is a demo's
    (folder / "rnn" / "config.json").write_text("{}")
    assert interrupted(folder)
    (folder / "notes.txt").write_text("mine")
    assert not interrupted(folder)  # a name no demo writes: the user's folder
    (folder / "notes.txt").unlink()
    (folder / "summary.json").write_text("{}")
    assert not interrupted(folder)  # finished
    assert not interrupted(tmp_path / "absent")


def test_the_regression_run_without_x_at_its_step_is_named_for_what_it_reads():
    """It was "past only (as the tutorial)", though the tutorial fed x's past alone and this run reads y's too."""
    from rnncast.demofolders import PAST_ONLY, REGRESSION_RUNS
    assert REGRESSION_RUNS[PAST_ONLY] == ("past-only", False) and PAST_ONLY == "x's past (the tutorial's input)"


def test_the_memory_demos_runs_are_each_cell_at_each_lag_and_an_overwrite_may_remove_them():
    from rnncast.demofolders import MEMORY_LAGS, memory_folder
    assert memory_folder("gru", 25) == "gru-lag25"
    assert {memory_folder(c, lag) for c in ("rnn", "lstm", "gru") for lag in MEMORY_LAGS} <= RUN_FOLDERS
    assert {f"loss-lag{lag}.png" for lag in MEMORY_LAGS} <= OUTPUT_NAMES
