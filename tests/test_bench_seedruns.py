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
    assert "**0.5000 ± 0.1414/0.4000 ± 0.0000 (n=2)**" in out  # gru's two seeds, their mean below Repeat's 0.9
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


def _summary(folder: Path, script: str = "benchmarks/ltsf/summary.py", *args: str) -> str:
    return subprocess.run([sys.executable, str(ROOT / script), str(folder), *args], capture_output=True, text=True,
                          check=True).stdout


def _ett(**changes) -> dict:
    """A row of ETTh1 S under the ETT protocol, on the drop-last-recipe windows."""
    return _row(**{"dataset": "ETTh1", "protocol": "ett", "L": 96, "H": 96, "test_windows": "drop-last-recipe",
                   "windows": 2784, "windows_all": 2785, "known_table": "yes", **changes})


def test_the_section_of_a_row_and_the_published_rows_beside_it():
    """results.md and the summary scripts ask one rule: protocol, target (not in M) and window set part rows, and
    published rows stand only beside the dataset's own protocol on OT of the known table."""
    assert seedruns.section_of(_ett()) == ("ETTh1", "ett", "OT", "S", 96, "drop-last-recipe")
    assert seedruns.section_of(_ett(mode="M", target="HUFL"))[2] == "OT"  # M scores every column
    assert seedruns.section_of(_ett(protocol="", target=""))[1:3] == ("ett", "OT")  # rows of earlier versions
    key = seedruns.section_of(_ett())
    assert seedruns.published_beside(key, {"yes"}) and seedruns.published_beside(key, {""})
    assert not seedruns.published_beside(seedruns.section_of(_ett(target="HUFL")), {"yes"})
    assert not seedruns.published_beside(seedruns.section_of(_ett(protocol="custom")), {"yes"})
    assert not seedruns.published_beside(key, {"no"})  # a file only named ETTh1
    assert seedruns.section_title(seedruns.section_of(_ett(target="HUFL"))) == (
        "ETTh1, S (target HUFL), L=96, drop-last-recipe test windows, ett protocol")


def test_the_summary_keeps_two_targets_apart(tmp_path):
    """(a) summary.py averaged OT's lstm (0.0553) and HUFL's (1.0351) into a bold 0.5452 under the published OT rows."""
    for row in (_ett(model="repeat", seed="", mse=0.0693, repeat_mse=0.0693, beats_repeat="no"),
                _ett(model="lstm", mse=0.0553, repeat_mse=0.0693)):
        results.append_csv(tmp_path / "ot" / "results.csv", row)
    for row in (_ett(target="HUFL", model="repeat", seed="", mse=3.1103, repeat_mse=3.1103, beats_repeat="no"),
                _ett(target="HUFL", model="lstm", seed=5, mse=1.0351, repeat_mse=3.1103)):
        results.append_csv(tmp_path / "hufl" / "results.csv", row)
    out = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "lstm")
    assert "0.5452" not in out and "**0.0553/0.4000 (n=1)**" in out and "**1.0351/0.4000 (n=1)**" in out
    ot, hufl = out.split("### ETTh1, S, L=96")[1], out.split("### ETTh1, S (target HUFL)")[1].split("###")[0]
    assert "*DLinear L=336*" in ot and "DLinear" not in hufl and "these runs forecast HUFL" in hufl
    assert "- lstm: beats Repeat (mean over seeds): 2 of 2 settings" in out


def test_the_summary_keeps_the_custom_protocol_apart_and_away_from_published_rows(tmp_path):
    """(b) the ETT split's and the custom split's runs of ETTh1 shared a cell (lstm 0.0821), Repeat was the custom
    split's, NLinear the ETT split's, and all stood beside the published ETT rows; ett/summary.py mixed them too."""
    for row in (_ett(model="repeat", seed="", mse=0.0693, repeat_mse=0.0693, beats_repeat="no"),
                _ett(model="nlinear", seed="", mse=0.0551, repeat_mse=0.0693),
                _ett(model="lstm", mse=0.0553, repeat_mse=0.0693)):
        results.append_csv(tmp_path / "a" / "results.csv", row)
    custom = dict(protocol="custom", test_windows="all", windows=2881, windows_all=2881, known_table="yes")
    for row in (_ett(**custom, model="repeat", seed="", mse=0.1318, repeat_mse=0.1318, beats_repeat="no"),
                _ett(**custom, model="lstm", seed=7, mse=0.1090, repeat_mse=0.1318)):
        results.append_csv(tmp_path / "b" / "results.csv", row)
    out = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "lstm")
    assert "0.0821" not in out
    mine = out.split("### ETTh1, S, L=96, all test windows, custom protocol")[1].split("###")[0]
    assert "| 96 | 0.1318/0.4000 (n=1) | **0.1090/0.4000 (n=1)** |" in mine and "*" + "NLinear" not in mine
    assert "these runs used the custom protocol" in mine
    lines = _summary(tmp_path, "benchmarks/ett/summary.py").splitlines()  # the */results.csv of a folder
    assert any("| ett | OT | S | 96 | drop-last-recipe | latest | 96 | 0.0693/0.4000 (n=1) | 0.0551/0.4000 (n=1) |" in x
               for x in lines)
    assert any("| custom | OT | S | 96 | all | latest | 96 | 0.1318/0.4000 (n=1) | — | 0.1090/0.4000 (n=1) |" in x
               for x in lines)
    assert not any("0.1090" in x and "0.0551" in x for x in lines)


def test_the_summary_keeps_window_sets_apart(tmp_path):
    """(c) all windows (lstm 0.1819, seed 1) and drop-last 32 (0.1245, seed 2) made one bold 0.1532 beside the
    drop-last Repeat (0.1301), above it."""
    mine = dict(dataset="mine15", target="load", L=24, H=12, model="lstm")
    for row in (_row(**mine, seed=1, mse=0.1819, repeat_mse=0.1910),
                _row(**mine, seed=2, mse=0.1245, repeat_mse=0.1301, test_windows="drop-last-32", windows=64,
                     windows_all=89)):
        results.append_csv(tmp_path / "results.csv", row)
    out = _summary(tmp_path)
    assert "0.1532" not in out and "0.1819/0.4000 (n=1)" in out and "0.1245/0.4000 (n=1)" in out
    assert "all test windows, custom protocol" in out and "drop-last-32 test windows, custom protocol" in out


def test_the_summary_shows_the_latest_setting_and_then_the_earlier_one(tmp_path):
    """(d) hidden 8 (seeds 2021, 7) and hidden 16 (seed 8) were one cell over three seeds, with no n; then the
    earlier setting was dropped as "Earlier runs of another setting": a summary shows each in a section of its own."""
    for seed, hidden, mse in ((2021, 8, 0.1818), (7, 8, 0.1819), (8, 16, 0.1700)):
        results.append_csv(tmp_path / "results.csv", _row(
            seed=seed, mse=mse, settings=f'{{"epochs": 1, "hidden_size": {hidden}, "seed": {seed}}}'))
    out = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "gru")
    latest, earlier = out.split("(setting 1 before the latest)")
    assert "| 24 | **0.1700/0.4000 (n=1)** |" in latest and "0.1818" not in latest
    assert "| 24 | **0.1819 ± 0.0000707/0.4000 ± 0.0000 (n=2)** |" in earlier and "Earlier runs" not in out
    assert "Another setting, run before the latest shown above: hidden_size 8 (latest 16)" in earlier
    assert "3 of the 3 rows" in out and "beats Repeat (mean over seeds): 2 of 2 settings" in out


def test_rows_are_read_in_the_order_they_finished_and_every_setting_kept(tmp_path):
    """rows_under read files in path order, so "-channel-mixing" (finished first) was the latest setting only because
    its name sorts after; and the summaries dropped the other, a variant the folder recorded on purpose."""
    mixing = '{"channel_independent": false, "epochs": 8, "seed": 2021}'
    results.append_csv(tmp_path / "b-mixing" / "results.csv",
                       _ett(finished_utc="2026-11-22T07:23:38Z", settings=mixing))
    for t, model, extra in (("07:07:47", "repeat", dict(seed="", settings="{}")), ("07:30:00", "gru", {}),
                            ("07:31:00", "gru", {"mse": 0.45})):
        results.append_csv(tmp_path / "a" / "results.csv",
                           _ett(finished_utc=f"2026-11-22T{t}Z", model=model, **extra))
    rows = seedruns.rows_under(tmp_path)
    assert [r["finished_utc"][11:19] for r in rows] == ["07:07:47", "07:23:38", "07:30:00", "07:31:00"]
    variants = seedruns.every_setting(rows, seedruns.section_of)[seedruns.section_of(rows[0])]
    assert [r["_file"].endswith("a/results.csv") for r in variants[0][(96, "gru")]] == [True]  # the later, its rerun
    assert variants[0][(96, "gru")][0]["mse"] == "0.450000" and list(variants[1]) == [(96, "gru")]
    assert seedruns.setting_change(variants[1][(96, "gru")][0], variants[0][(96, "gru")][0]) == (
        "epochs 8 (latest 1), channel_independent recorded by one of them only")
    lines = _summary(tmp_path, "benchmarks/ett/summary.py").splitlines()
    assert any("| latest | 96 | 0.5000/0.4000 (n=1) | 0.4500/0.4000 (n=1) |" in x for x in lines)
    assert any("| 1 before the latest | 96 | — | 0.5000/0.4000 (n=1) |" in x for x in lines)
    assert any("1 before the latest: epochs 8 (latest 1)" in x and "b-mixing/results.csv" in x for x in lines)


def test_a_quantile_models_column_says_its_median_is_scored():
    """A model trained on pinball loss (quantiles) has its median scored by MSE; results.md said so only in the
    command line."""
    q = '{"epochs": 1, "quantiles": [0.1, 0.5, 0.9], "seed": 2021}'
    assert seedruns.column_label("gru", {(24, "gru"): [_row(settings=q)]}) == "gru (quantiles 0.1/0.5/0.9, median scored)"
    assert seedruns.column_label("gru", {(24, "gru"): [_row()], (24, "repeat"): [_row(settings=q)]}) == "gru"
    assert "at some horizons" in seedruns.column_label("gru", {(24, "gru"): [_row(settings=q)], (36, "gru"): [_row()]})


def test_both_summaries_leave_quick_smoke_tests_out(tmp_path):
    """ett/summary.py showed a quick smoke test's row (2 epochs) as an ordinary cell and counted it in "N of M fitted
    cells beat Repeat" where no full run of the cell existed; ltsf/summary.py left it out. One helper for both."""
    for row in (_ett(model="repeat", seed="", mse=0.0693, repeat_mse=0.0693, beats_repeat="no"),
                _ett(model="lstm", mse=0.0553, repeat_mse=0.0693), _ett(model="gru", mse=0.0512, quick="yes")):
        results.append_csv(tmp_path / "a" / "results.csv", row)
    assert [r["model"] for r in seedruns.rows_under(tmp_path, full_only=True)] == ["repeat", "lstm"]
    assert len(seedruns.rows_under(tmp_path)) == 3
    ett = _summary(tmp_path, "benchmarks/ett/summary.py")
    assert "0.0512" not in ett and "gru" not in ett and "1 of 1 fitted cells beat Repeat" in ett
    ltsf = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "lstm")
    assert "0.0512" not in ltsf and "of the 2 rows (quick smoke tests left out)" in ltsf


def test_the_ltsf_summary_bolds_a_cell_as_results_md_does(tmp_path):
    """ltsf/summary.py bolded a cell only where every seed beat Repeat, results.md where the mean does: three seeds
    (0.5, 0.6, 1.0 against Repeat 0.9, mean 0.7) were bold there, plain in the summary and counted as beating."""
    for seed, mse in ((1, 0.5), (2, 0.6), (3, 1.0)):
        results.append_csv(tmp_path / "results.csv", _row(seed=seed, mse=mse))
    out = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "gru")
    assert "| 24 | **0.7000 ± 0.2646/0.4000 ± 0.0000 (n=3)** |" in out
    assert seedruns.cell_text([(0.5, 0.4), (0.6, 0.4), (1.0, 0.4)], 0.9) == (
        "0.7000 ± 0.2646/0.4000 ± 0.0000 (n=3)", True)  # results.md's cell
    assert "beats Repeat (mean over seeds): 1 of 1" in out and "beats Repeat in every seed: 0 of 1" in out


def test_the_ltsf_summary_shows_the_published_repeat_row_on_the_sections_windows(tmp_path):
    """An ETTm1 M run with --drop-last 32 showed neither the published "Repeat (drop-last 32)" row (decision 1732),
    scored on its windows, nor a reason: every published Repeat row was left out of the headline table."""
    drop = dict(dataset="ETTm1", mode="M", H=96, test_windows="drop-last-32", windows=11424, windows_all=11425)
    results.append_csv(tmp_path / "results.csv", _ett(**drop, model="repeat", seed="", mse=1.2140, mae=0.6648,
                                                      repeat_mse=1.2140, beats_repeat="no"))
    out = _summary(tmp_path, "benchmarks/ltsf/summary.py", "--models", "lstm")
    head = next(x for x in out.splitlines() if x.startswith("| H |"))
    assert "*Repeat (drop-last 32)*" in head and "*Repeat (all windows)*" not in head
    assert "| 96 | 1.2140/0.6648 (n=1) | *1.214/0.665* |" in out
