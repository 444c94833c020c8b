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
