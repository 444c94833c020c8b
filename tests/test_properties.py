"""Property-based tests: for random lengths, shapes, values and NaN patterns, the loader, windows,
splits and scalers give the result of a plain reference implementation, or a clear RnncastError."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from rnncast import RnncastError
from rnncast.panel import load_panel
from rnncast.scaling import Scaler
from rnncast.windows import chronological_split, sliding_windows, window_starts

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False, width=32)


@st.composite
def frames_with_gaps(draw):
    n = draw(st.integers(1, 40))
    k = draw(st.integers(1, 4))
    values = draw(arrays(np.float64, (n, k), elements=finite))
    with_gaps = draw(st.booleans())  # half the frames have none
    gaps = draw(arrays(np.bool_, (n, k), elements=st.booleans() if with_gaps else st.just(False)))
    values[gaps] = np.nan
    return pd.DataFrame(values, columns=[f"c{j}" for j in range(k)])


@SETTINGS
@given(frames_with_gaps())
def test_loader_returns_the_values_or_names_the_first_gap(frame):
    columns = list(frame.columns)
    try:
        series = load_panel(frame, target=columns[0], features=columns[1:] or None)
    except RnncastError as err:
        message = str(err)
        missing = frame.isna()
        all_missing = [c for c in columns if missing[c].all()]
        if all_missing:
            assert f"column {all_missing[0]!r} has no values" in message
        else:
            first_col = next(c for c in columns if missing[c].any())
            first_row = int(np.flatnonzero(missing[first_col].to_numpy())[0])
            assert f"column {first_col!r} has a missing value (NaN) at row {first_row}" in message
            assert "--fill" in message
        return
    assert not frame.isna().to_numpy().any()
    assert np.array_equal(series.values, frame.to_numpy(dtype=np.float64))


@SETTINGS
@given(frames_with_gaps(), st.sampled_from(["ffill", "interpolate", "drop"]))
def test_filling_matches_pandas(frame, fill):
    columns = list(frame.columns)
    if frame.isna().all().any():
        return  # an all-missing column is refused (tested above)
    series = load_panel(frame, target=columns[0], features=columns[1:] or None, fill=fill)
    reference = {
        "ffill": lambda f: f.ffill().bfill(),
        "interpolate": lambda f: f.interpolate(method="linear", limit_direction="both"),
        "drop": lambda f: f.dropna(),
    }[fill](frame)
    assert np.array_equal(series.values, reference.to_numpy(dtype=np.float64))
    assert np.isfinite(series.values).all()


@SETTINGS
@given(st.integers(1, 50), st.integers(1, 4), st.data())
def test_windows_are_the_slices_they_claim(n, k, data):
    values = np.arange(n * k, dtype=np.float32).reshape(n, k)
    length = data.draw(st.integers(1, n))
    windows = sliding_windows(values, length)
    assert windows.shape == (n - length + 1, length, k)
    assert np.shares_memory(windows, values)
    for i in range(len(windows)):
        assert np.array_equal(windows[i], values[i : i + length])


@SETTINGS
@given(st.integers(1, 400), st.integers(1, 40), st.integers(1, 12),
       st.floats(0.0, 0.4), st.floats(0.01, 0.4))
def test_splits_keep_every_target_in_its_part_or_refuse(n, lookback, horizon, val_frac, test_frac):
    try:
        split = chronological_split(n, lookback, horizon, val_frac, test_frac)
    except RnncastError as err:
        assert "series too short" in str(err) and f"{n} rows" in str(err)
        return
    assert 0 < split.train_end <= split.val_end < split.end == n
    seen_targets = set()
    for part in ("train", "val", "test"):
        lo, hi = split.rows(part)
        starts = window_starts(split, part, lookback, horizon)
        # the reference: every start whose targets all lie in [lo, hi), inputs inside the series
        expected = [s for s in range(n) if s + lookback >= lo and s + lookback + horizon <= hi]
        assert list(starts) == expected
        for s in starts:
            targets = set(range(s + lookback, s + lookback + horizon))
            assert all(lo <= t < hi for t in targets)
            seen_targets |= targets
    assert len(window_starts(split, "train", lookback, horizon)) >= 1
    assert len(window_starts(split, "test", lookback, horizon)) >= 1


@SETTINGS
@given(st.integers(2, 30), st.integers(1, 4), st.sampled_from(["standard", "minmax", "none"]), st.data())
def test_scalers_match_the_reference_or_refuse_constant_columns(n, k, kind, data):
    train = data.draw(arrays(np.float64, (n, k), elements=st.floats(-1e3, 1e3, allow_nan=False)))
    later = data.draw(arrays(np.float64, (5, k), elements=st.floats(-1e3, 1e3, allow_nan=False)))
    columns = [f"c{j}" for j in range(k)]
    spread = train.max(axis=0) - train.min(axis=0)
    try:
        scaler = Scaler.fit(kind, train, columns)
    except RnncastError as err:
        assert kind != "none" and (spread <= 1e-12 * np.maximum(1.0, np.abs(train).max(axis=0))).any()
        assert "constant on the training rows" in str(err)
        return
    if kind == "standard":
        reference = (later - train.mean(axis=0)) / train.std(axis=0, ddof=0)
    elif kind == "minmax":
        reference = (later - train.min(axis=0)) / spread
    else:
        reference = later
    if kind == "standard" and (train.std(axis=0) < 1e-3).any():
        return  # float32 output cannot hold a near-singular scale exactly; not a wrong answer
    assert np.allclose(scaler.transform(later), reference.astype(np.float32), rtol=1e-5, atol=1e-4)
    assert np.allclose(scaler.inverse(scaler.transform(later)), later, rtol=1e-4, atol=1e-2)
