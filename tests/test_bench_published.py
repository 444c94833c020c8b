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
