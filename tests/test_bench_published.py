"""The published rows and LTSF-Linear's recipes (rnncast.bench.published)."""

from __future__ import annotations

from rnncast.bench import published


def test_published_rows_cover_the_datasets_horizons_and_name_their_source():
    for (dataset, mode), rows in published.PUBLISHED.items():
        assert rows[0].label.startswith("Repeat")
        horizons = {24, 36, 48, 60} if dataset == "national_illness" else {96, 192, 336, 720}
        for row in rows:
            assert row.scores and set(row.scores) <= horizons and row.source
            assert all(0 < mse and 0 < mae for mse, mae in row.scores.values())


def test_linear_recipe_follows_ltsf_linears_scripts():
    assert published.linear_recipe("ETTh1", 96) == (32, 0.005)
    assert published.linear_recipe("exchange_rate", 192) == (8, 0.0005)
    assert published.linear_recipe("exchange_rate", 336) == (32, 0.0005)
    assert published.linear_recipe("national_illness", 24) == (32, 0.01)
    assert published.linear_recipe("my_own_table", 96) == published.DEFAULT_LINEAR_RECIPE


def test_dlinear_takes_the_scripts_of_the_code_behind_its_published_rows():
    """The June-2022 DLinear script differs at Exchange H=720 (lr 0.005); the batch sizes, and so the
    drop-last test batch, are NLinear's; elsewhere (ILI included) DLinear's recipe is NLinear's."""
    assert published.linear_recipe("exchange_rate", 720, "dlinear") == (32, 0.005)
    assert published.linear_recipe("exchange_rate", 720) == (32, 0.0005)
    assert published.linear_recipe("national_illness", 36, "dlinear") == (32, 0.01)
    assert published.linear_recipe("exchange_rate", 96, "dlinear") == published.linear_recipe("exchange_rate", 96)
    assert published.linear_recipe("ETTh1", 96, "dlinear") == (32, 0.005)
    assert published.linear_recipe("my_own_table", 96, "dlinear") == published.DEFAULT_LINEAR_RECIPE


def test_weather_electricity_and_traffic_take_their_scripts_and_other_tables_say_whose_they_take():
    """LTSF-Linear@7f7a25b scripts/EXP-LongForecasting/Linear: weather.sh batch 16 with run_longExp.py's
    default lr 0.0001, electricity.sh 16 and 0.001, traffic.sh 16 and 0.05; a table without a script takes
    ETTh1's, and has_recipe says so."""
    assert published.linear_recipe("weather", 720) == (16, 0.0001)
    assert published.linear_recipe("electricity", 96, "dlinear") == (16, 0.001)
    assert published.linear_recipe("traffic", 336) == (16, 0.05)
    assert published.has_recipe("traffic") and not published.has_recipe(None) and not published.has_recipe("sales")
    assert published.linear_recipe(None, 96) == published.DEFAULT_LINEAR_RECIPE == published.linear_recipe("ETTh1", 96)


def test_every_table_with_published_rows_or_a_recipe_has_a_signature():
    """A table is recognised by what it holds (rnncast.bench.identity): each one the results compare or train
    by name has its columns and rows recorded, and its first and last rows where the file is at hand."""
    for dataset in {d for d, _ in published.PUBLISHED} | set(published.LINEAR_RECIPES):
        signature = published.SIGNATURES[dataset]
        assert signature.protocol == ("ett" if dataset.startswith("ETT") else "custom")
        if signature.first is not None:
            assert len(signature.first) == len(signature.last) == len(signature.columns) and signature.columns[-1] == "OT"
        assert (signature.first is None) == (signature.digest is None)  # every value recorded where the file is at hand
    assert {d for d, _ in published.PUBLISHED} <= {d for d, s in published.SIGNATURES.items() if s.first}


def test_etth2_and_ettm2_take_their_scripts():
    """cure-lab/LTSF-Linear scripts/EXP-LongForecasting/Linear: etth2.sh batch 32, lr 0.05 (univariate/etth2.sh:
    0.005, S mode only); ettm2.sh (since 2022-08-22) and univariate/ettm2.sh batch 32, lr 0.001 at H=96 and 192,
    0.01 at 336 and 720."""
    assert published.linear_recipe("ETTh2", 720) == published.linear_recipe("ETTh2", 96, "dlinear") == (32, 0.05)
    assert published.linear_recipe("ETTh2", 96, mode="S") == (32, 0.005)
    assert published.linear_recipe("ETTh2", 96, mode="MS") == (32, 0.05)
    for mode in ("M", "S"):
        assert [published.linear_recipe("ETTm2", h, mode=mode)[1] for h in (96, 192, 336, 720)] == [0.001, 0.001, 0.01, 0.01]
    assert published.has_recipe("ETTh2") and published.has_recipe("ETTm2")
    assert published.linear_recipe("ETTh1", 96, mode="S") == (32, 0.005)  # no univariate difference elsewhere


def test_the_drop_last_batch_is_b_given_else_the_recipe_of_the_table_held():
    """One rule for plan, measure and results: B of --drop-last B; else ('recipe', or none: results.csv's drop-last
    columns) LTSF-Linear's batch for the known table held at that horizon, ETTh1's 32 for any other table."""
    assert published.drop_last_batch(4, "ETTm1", 96) == 4
    assert [published.drop_last_batch(d, "ETTm1", 96) for d in ("recipe", None)] == [8, 8]
    assert published.drop_last_batch("recipe", None, 96) == published.DEFAULT_LINEAR_RECIPE[0] == 32


def test_each_published_row_says_which_test_windows_it_was_scored_on():
    """A published row is comparable only on the windows its code scored: LTSF-Linear's loader dropped its last
    incomplete batch (its script's batch), PatchTST's too (16 on ILI, 128 on ETT), SegRNN's kept every window."""
    for rows in published.PUBLISHED.values():
        for row in rows:
            assert row.test_batch is None or row.test_batch == "recipe" or row.test_batch > 0
            assert row.windows_source
    ili = {p.label: p for p in published.PUBLISHED[("national_illness", "M")]}
    counts = {label: published.published_windows(ili[label], "national_illness", 36, 158)
              for label in ("Repeat", "NLinear L=104", "PatchTST/42 L=104", "FEDformer L=36")}
    assert counts == {"Repeat": 128, "NLinear L=104": 128, "PatchTST/42 L=104": 144, "FEDformer L=36": 128}
    assert published.published_windows(ili["PatchTST/42 L=104"], "national_illness", 24, 170) == 160
    ett = {p.label: p for p in published.PUBLISHED[("ETTh1", "M")]}
    assert published.published_windows(ett["SegRNN L=720"], "ETTh1", 96, 2785) == 2785
    assert published.published_windows(ett["PatchTST/42 L=336"], "ETTh1", 96, 2785) == 2688
    assert published.published_windows(ett["DLinear L=336"], "ETTh1", 96, 2785) == 2784


def test_ett_m_tables_carry_the_published_repeat_row_on_its_drop_last_windows(tmp_path):
    """ETT.md gives the DLinear paper's Repeat on the batch-32 drop-last windows (ETTm1 M: 1.214/0.665 at H=96,
    1.319/0.729 at H=720); an ETT table with --drop-last 32 showed no published Repeat beside its own, so a reader
    could not see that the harness reproduces it."""
    from rnncast.bench import markdown, results

    for dataset in ("ETTh1", "ETTm1"):
        rows = {p.label: p for p in published.PUBLISHED[(dataset, "M")]}
        assert rows["Repeat (drop-last 32)"].test_batch == 32 and "ETT.md" in rows["Repeat (drop-last 32)"].source
    ettm1 = {p.label: p for p in published.PUBLISHED[("ETTm1", "M")]}["Repeat (drop-last 32)"]
    assert (ettm1.scores[96], ettm1.scores[720]) == ((1.214, 0.665), (1.319, 0.729))
    row = {c: "" for c in results.CSV_COLUMNS}
    row.update(dataset="ETTm1", protocol="ett", target="OT", mode="M", L=96, H=96, model="repeat", mse=1.214,
               mae=0.6648, windows=11424, windows_all=11425, test_windows="drop-last-32", repeat_mse=1.214,
               repeat_mae=0.6648, seconds=0.1, quick="no", known_table="yes", command="rnncast bench ett")
    results.append_csv(tmp_path / "results.csv", row)
    md = markdown.write_markdown(tmp_path, ["repeat"]).read_text()
    headline = md.split("\nOn ")[0]  # the table of the run's own windows
    assert "| H | repeat | *Repeat (drop-last 32)* |" in headline and "| 96 | 1.2140/0.6648 | *1.214/0.665* |" in headline
