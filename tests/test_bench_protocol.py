"""The long-horizon protocol's scaling, modes and windows (rnncast.bench.protocol) follow
shared/benchmarks/ETT.md; the files and splits are test_bench_tables.py.

Window counts, part membership and the train-only scaler are checked directly. Tests that need the
data files skip when ``shared/data/ETT`` (or ``$RNNCAST_ETT_DIR``) is absent; ``ett_file`` and
``prepared`` serve the other ``test_bench_*`` files too.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from rnncast.bench import protocol, tablefile, tables
from rnncast.errors import RnncastError

LOOKBACK = 336
ETT_COLUMNS = ["HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"]


def ett_dir() -> Path:
    env = os.environ.get("RNNCAST_ETT_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "ETT"


def ett_file(name: str) -> Path:
    path = ett_dir() / f"{name}.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent (set RNNCAST_ETT_DIR to the folder with {name}.csv)")
    return path


_PREPARED: dict[tuple[str, str], tables.BenchData] = {}


def prepared(name: str, mode: str) -> tables.BenchData:
    """Load each file once per session."""
    key = (name, mode)
    if key not in _PREPARED:
        _PREPARED[key] = tables.prepare_table(ett_file(name), mode)
    return _PREPARED[key]


# --------------------------------------------------------------------------------------------
# (b) window counts, (c) part membership
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ETTh", "ETTm"])
@pytest.mark.parametrize("horizon", tables.LONG_HORIZONS)
@pytest.mark.parametrize("lookback", [96, 336, 720])
def test_test_window_count_is_independent_of_lookback(
    kind: str, horizon: int, lookback: int
) -> None:
    expected = {"ETTh": 2881 - horizon, "ETTm": 11521 - horizon}[kind]
    split = tables.ett_split(kind)
    assert len(protocol.target_rows(split, "test", lookback, horizon)) == expected
    assert len(protocol.target_rows(split, "val", lookback, horizon)) == expected
    assert len(protocol.target_rows(split, "train", lookback, horizon)) == (
        split.train_end - lookback - horizon + 1
    )


@pytest.mark.parametrize("kind", ["ETTh", "ETTm"])
@pytest.mark.parametrize("horizon", [96, 720])
def test_windows_stay_inside_their_part(kind: str, horizon: int) -> None:
    b = tables.ett_split(kind)
    part_rows = {"train": (0, b.train_end), "val": (b.train_end, b.val_end),
                 "test": (b.val_end, b.end)}
    for part, (low, high) in part_rows.items():
        rows = protocol.target_rows(b, part, LOOKBACK, horizon)
        first_target, last_target = rows[0], rows[-1] + horizon - 1
        assert low <= first_target and last_target < high, part
        assert rows[0] - LOOKBACK >= 0  # inputs never reach before row 0
    test = protocol.target_rows(b, "test", LOOKBACK, horizon)
    assert test[0] == b.val_end and test[-1] + horizon == b.end  # the part is used fully


def test_window_contents_are_the_right_rows() -> None:
    values = np.arange(20 * 3, dtype=np.float64).reshape(20, 3)  # row r holds 3r, 3r+1, 3r+2
    rows = range(5, 9)
    inputs = protocol.input_windows(values, rows, lookback=4)
    targets = protocol.target_windows(values, rows, horizon=3, target_idx=(2,))
    assert inputs.shape == (4, 4, 3) and targets.shape == (4, 3, 1)
    for i, t in enumerate(rows):
        np.testing.assert_array_equal(inputs[i], values[t - 4 : t])
        np.testing.assert_array_equal(targets[i, :, 0], values[t : t + 3, 2])


# --------------------------------------------------------------------------------------------
# (d) the scaler uses train rows only
# --------------------------------------------------------------------------------------------


def test_scaler_uses_train_rows_only() -> None:
    values = np.random.default_rng(1).normal(3.0, 2.0, size=(100, 7))
    scaler = protocol.fit_scaler(values, train_end=60)
    changed = values.copy()
    changed[60:] = 1e6  # every row from train_end on
    scaler_after = protocol.fit_scaler(changed, train_end=60)
    np.testing.assert_array_equal(scaler.offset, scaler_after.offset)
    np.testing.assert_array_equal(scaler.scale, scaler_after.scale)
    np.testing.assert_allclose(scaler.scale, values[:60].std(axis=0, ddof=0))  # population std
    scaled, _ = protocol.standardize(values, train_end=60)
    np.testing.assert_allclose(scaled[:60].mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(scaled[:60].std(axis=0), 1.0)


def test_scaler_on_ett_file_ignores_rows_after_train_end() -> None:
    table = tablefile.read_table(ett_file("ETTh1"))
    raw, columns = table.values, table.columns
    train_end = tables.ett_split(table.name).train_end
    changed = raw.copy()
    changed[train_end] += 1000.0
    before, after = protocol.fit_scaler(raw, train_end, columns), protocol.fit_scaler(changed, train_end, columns)
    np.testing.assert_array_equal(before.offset, after.offset)
    np.testing.assert_array_equal(before.scale, after.scale)


# --------------------------------------------------------------------------------------------
# Modes and errors
# --------------------------------------------------------------------------------------------


def test_select_mode() -> None:
    values = np.arange(14, dtype=float).reshape(2, 7)
    columns = ETT_COLUMNS
    s_in, s_targets = protocol.select_mode(values, columns, "S")
    np.testing.assert_array_equal(s_in, values[:, [6]])
    assert s_targets == (0,)
    m_in, m_targets = protocol.select_mode(values, columns, "M")
    assert m_in.shape == (2, 7) and m_targets == tuple(range(7))
    ms_in, ms_targets = protocol.select_mode(values, columns, "MS")
    assert ms_in.shape == (2, 7) and ms_targets == (6,)
    with pytest.raises(ValueError, match="'S', 'M', 'MS'"):
        protocol.select_mode(values, columns, "SM")


def test_a_column_that_scales_beyond_float32s_reach_is_refused_by_name():
    """Constant on its training rows (centred only) and 1e200 after: its float32 squares would be inf
    and every score NaN, with exit 0; refused before anything trains."""
    values = np.zeros((300, 2))
    values[:, 1] = np.sin(np.arange(300) / 5.0)
    values[210:, 0] = 1e200
    with pytest.raises(RnncastError, match=r"column 'c1' reaches 1e\+200 once scaled by its training rows"):
        protocol.standardize(values, 200, ["c1", "OT"])


def test_constant_columns_are_named_on_the_training_rows_only() -> None:
    values = np.column_stack([np.arange(10.0), np.r_[np.full(6, 2.0), np.arange(4.0)], np.full(10, 1.0)])
    assert protocol.constant_columns(values, 6, ["a", "b", "c"]) == ["b", "c"]
    assert protocol.constant_columns(values, 10, ["a", "b", "c"]) == ["c"]


def test_a_target_the_columns_write_in_another_unicode_form_is_named_so() -> None:
    import unicodedata
    with pytest.raises(RnncastError, match=r"target '매출' is not among the columns \['.+'\]: the header writes '.+' in "
                                           r"decomposed Unicode \(NFD"):
        protocol.select_mode(np.zeros((2, 1)), [unicodedata.normalize("NFD", "매출")], "S", target="매출")
