"""The published ETT rows (rnncast.bench.published)."""

from __future__ import annotations

from rnncast.bench import published


def test_published_rows_cover_the_four_horizons():
    for (dataset, mode), rows in published.PUBLISHED.items():
        assert rows[0].label.startswith("Repeat")
        for row in rows:
            assert set(row.scores) <= {96, 192, 336, 720}
