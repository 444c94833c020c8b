"""Scalers (``scaling.py``): standard, min-max and none, each fitted on the training rows alone,
with a state that is plain data; their inverse gives forecasts back in original units, in float64."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.scaling import Scaler, constant_columns

KINDS = ("standard", "minmax", "none")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rows(seed: int = 0, n: int = 50) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.normal(3.0, 2.0, n), rng.uniform(-5.0, 1.0, n)]).astype(np.float32)


# ---- Scaler on its own ------------------------------------------------------------------------

def test_standard_scaler_uses_mean_and_population_std():
    values = rows()
    scaler = Scaler.fit("standard", values, ["a", "b"])
    as64 = values.astype(np.float64)
    np.testing.assert_allclose(scaler.offset, as64.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(scaler.scale, as64.std(axis=0, ddof=0), rtol=1e-12)
    assert not np.allclose(scaler.scale, as64.std(axis=0, ddof=1), rtol=1e-6)  # not the sample std


def test_minmax_scaler_uses_min_and_range():
    values = rows()
    scaler = Scaler.fit("minmax", values, ["a", "b"])
    np.testing.assert_allclose(scaler.offset, values.min(axis=0), rtol=1e-12)
    np.testing.assert_allclose(scaler.scale, values.max(axis=0).astype(np.float64) - values.min(axis=0), rtol=1e-12)
    scaled = scaler.transform(values)
    np.testing.assert_allclose(scaled.min(axis=0), 0.0, atol=1e-6)
    np.testing.assert_allclose(scaled.max(axis=0), 1.0, atol=1e-6)


def test_none_scaler_is_identity():
    values = rows()
    scaler = Scaler.fit("none", values, ["a", "b"])
    assert np.array_equal(scaler.offset, [0.0, 0.0]) and np.array_equal(scaler.scale, [1.0, 1.0])
    assert np.array_equal(scaler.transform(values), values)


@pytest.mark.parametrize("kind", KINDS)
def test_inverse_undoes_transform(kind):
    values = rows()
    scaler = Scaler.fit(kind, values, ["a", "b"])
    np.testing.assert_allclose(scaler.inverse(scaler.transform(values)), values, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", KINDS)
def test_state_round_trips_through_json(kind):
    scaler = Scaler.fit(kind, rows(), ["a", "b"])
    back = Scaler.from_state(json.loads(json.dumps(scaler.state())))
    assert back.kind == kind
    assert np.array_equal(back.offset, scaler.offset) and np.array_equal(back.scale, scaler.scale)


@pytest.mark.parametrize("kind", ["standard", "minmax"])
def test_constant_column_is_refused_naming_it(kind):
    values = rows()
    values[:, 1] = 7.0
    with pytest.raises(RnncastError, match=r"'b'.*constant"):
        Scaler.fit(kind, values, ["a", "b"])


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
        assert kind != "none" and ((spread <= 1e-12 * np.abs(train).max(axis=0)) | (spread < 2.3e-308)).any()
        assert any(said in str(err) for said in ("constant on the training rows", "by less than float64 resolves",
                                                 "spread underflows in float64 arithmetic"))  # subnormal values
        return
    if kind == "standard":
        reference = (later - train.mean(axis=0)) / train.std(axis=0, ddof=0)
    elif kind == "minmax":
        reference = (later - train.min(axis=0)) / spread
    else:
        reference = later
    if kind == "standard" and (train.std(axis=0) < 1e-3).any():
        return  # float32 output cannot hold a near-singular scale exactly; not a wrong answer
    if not np.isfinite(reference.astype(np.float32)).all():
        return  # later values beyond float32 on the training rows' scale (1.0 over a spread of 2.8e-86): data the
        # network cannot read, refused by name before any scaler is fitted (resolution.named)
    assert np.allclose(scaler.transform(later), reference.astype(np.float32), rtol=1e-5, atol=1e-4)
    assert np.allclose(scaler.inverse(scaler.transform(later)), later, rtol=1e-4, atol=1e-2)


def test_forecasts_in_original_units_keep_float64_digits():
    t = np.arange(400)
    frame = pd.DataFrame({"ds": pd.date_range("2023-01-01", periods=400, freq="D"), "y": 1e9 + 100 * np.sin(2 * np.pi * t / 7)})
    forecast = Forecaster(**{**TINY, "lookback": 14, "horizon": 7}).fit(frame, target="y").predict(frame)["y"]
    assert forecast.dtype == np.float64 and len(np.unique(np.round(forecast.to_numpy() - 1e9))) > 3


# ---- through Forecaster.fit: only rows before split_.train_end count --------------------------

def _fit(frame, kind):
    params = {**TINY, "epochs": 1}
    return Forecaster(scaler=kind, **params).fit(frame, target="y", features=["x"])


@pytest.mark.parametrize("kind", KINDS)
def test_fitted_scaler_ignores_rows_after_train_end(kind):
    frame = make_frame(160)
    first = _fit(frame, kind)
    train_end = first.split_.train_end
    assert 0 < train_end < len(frame)
    changed = frame.copy()
    changed.loc[train_end:, ["y", "x"]] = changed.loc[train_end:, ["y", "x"]] * 50.0 + 1000.0
    second = _fit(changed, kind)
    assert second.split_ == first.split_
    assert np.array_equal(second.scaler_.offset, first.scaler_.offset)
    assert np.array_equal(second.scaler_.scale, first.scaler_.scale)


@pytest.mark.parametrize("kind", ["standard", "minmax"])
def test_fitted_scaler_follows_a_changed_training_row(kind):
    frame = make_frame(160)
    first = _fit(frame, kind)
    changed = frame.copy()
    changed.loc[3, ["y", "x"]] = [-25.0, -25.0]  # a new minimum inside the training rows
    second = _fit(changed, kind)
    assert np.all(second.scaler_.offset != first.scaler_.offset)
    assert np.all(second.scaler_.scale != first.scaler_.scale)


def test_none_scaler_stays_identity_whatever_the_training_rows():
    frame = make_frame(160)
    changed = frame.copy()
    changed.loc[3, ["y", "x"]] = [25.0, -25.0]
    for data in (frame, changed):
        scaler = _fit(data, "none").scaler_
        assert np.array_equal(scaler.offset, [0.0, 0.0]) and np.array_equal(scaler.scale, [1.0, 1.0])


@pytest.mark.parametrize("kind", ["standard", "minmax"])
def test_forecaster_scaler_matches_statistics_of_training_rows(kind):
    frame = make_frame(160)
    f = _fit(frame, kind)
    train = frame[["y", "x"]].to_numpy(np.float32)[: f.split_.train_end].astype(np.float64)
    if kind == "standard":
        expected_offset, expected_scale = train.mean(axis=0), train.std(axis=0, ddof=0)
    else:
        expected_offset, expected_scale = train.min(axis=0), train.max(axis=0) - train.min(axis=0)
    np.testing.assert_allclose(f.scaler_.offset, expected_offset, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(f.scaler_.scale, expected_scale, rtol=1e-12)
    if kind == "standard":  # and the whole series would have given something else
        assert not np.allclose(f.scaler_.offset, frame[["y", "x"]].to_numpy(np.float64).mean(axis=0), rtol=1e-9)


def test_forecaster_scaler_respects_an_explicit_split():
    frame = make_frame(160)
    f = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", features=["x"], split=(100, 120, 160))
    train = frame[["y", "x"]].to_numpy(np.float32)[:100].astype(np.float64)
    np.testing.assert_allclose(f.scaler_.offset, train.mean(axis=0), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(f.scaler_.scale, train.std(axis=0), rtol=1e-12)


# ---- a saved state no fit gives is named (model folders read back, issue 18) ----------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_fitted_scaler_has_no_problem_and_a_damaged_state_names_its_column(kind):
    scaler = Scaler.fit(kind, rows(), ["a", "b"])
    assert scaler.problem(["a", "b"]) is None
    cases = {(np.nan, 1.0): "offset nan for column 'b'", (0.0, 0.0): "scale 0.0 for column 'b'",
             (0.0, -1.0): "scale -1.0 for column 'b'", (0.0, np.inf): "scale inf for column 'b'"}
    for (offset, scale), problem in cases.items():
        state = scaler.state()
        state["offset"][1], state["scale"][1] = offset, scale
        assert problem in Scaler.from_state(state).problem(["a", "b"])
    assert "2 offsets and 2 scales for 3 columns" in scaler.problem(["a", "b", "c"])
    assert "kind 'robust'" in Scaler("robust", scaler.offset, scaler.scale).problem(["a", "b"])


def test_values_too_large_to_scale_are_refused_by_column():
    import numpy as np
    import pytest

    from rnncast.errors import RnncastError
    from rnncast.scaling import Scaler

    rows = np.array([[1.0, 1e300], [2.0, -1e300], [3.0, 1e300]])
    with pytest.raises(RnncastError, match="column 'b' holds values too large to scale"):
        Scaler.fit("standard", rows, ["a", "b"])


def test_constant_columns_are_those_a_standard_scaler_refuses():
    values = rows()
    values[:, 1] = 7.0
    assert constant_columns(values).tolist() == [False, True]
    values[:, 1] += np.arange(len(values)) * 1e-15  # rounding noise float32 cannot hold: still constant
    assert constant_columns(values).tolist() == [False, True]
    with pytest.raises(RnncastError, match=r"'b'.*constant"):
        Scaler.fit("standard", values, ["a", "b"])
    values[:, 1] = np.arange(len(values))
    assert not constant_columns(values).any()


@pytest.mark.parametrize("kind", ["standard", "minmax"])
def test_tiny_values_that_vary_are_scaled_and_a_tiny_constant_is_refused(kind):
    t = np.arange(200, dtype=np.float64)
    values = np.stack([1e-12 * (5 + np.sin(t)), np.full(200, 3e-12)], axis=1)  # 4e-12 .. 6e-12
    assert constant_columns(values).tolist() == [False, True]
    scaler = Scaler.fit(kind, values[:, :1], ["a"])
    scaled = scaler.transform(values[:, :1])
    assert np.isfinite(scaled).all() and 0.1 < float(np.ptp(scaled)) < 10  # of size 1 in float32
    np.testing.assert_allclose(scaler.inverse(scaled), values[:, :1], rtol=1e-5)
    with pytest.raises(RnncastError, match=r"'b'.*constant"):
        Scaler.fit(kind, values, ["a", "b"])
    noisy = np.full((50, 1), 1e-12) * (1 + np.arange(50)[:, None] * 1e-15)  # float64 rounding noise
    assert constant_columns(noisy).tolist() == [True]


def test_an_unseen_static_category_names_its_series_by_its_id_as_given():
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 40), "ds": np.tile(np.arange(40), 2),
                          "y": np.sin(np.arange(80) / 3), "kind": np.repeat(["a", "b"], 40)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=["kind"])
    with pytest.raises(RnncastError, match=r"'kind' of series 102 is 'zebra', a category the model never saw"):
        model.predict(frame.assign(kind=np.repeat(["a", "zebra"], 40)))


def test_a_spread_float64_resolves_is_scaled_however_large_the_level_and_rounding_noise_is_not_called_always():
    t = np.arange(150, dtype=np.float64)
    level = (1e12 + np.sin(t / 5))[:, None]  # a spread of 0.7 where a float64 step is 1.2e-4: was "always 1e+12"
    scaler = Scaler.fit("standard", level, ["y"])
    scaled = scaler.transform(level)
    assert scaled.dtype == np.float32 and 0.5 < float(scaled.std()) < 2  # of size 1 in float32
    np.testing.assert_allclose(scaler.inverse(scaled), level, rtol=0, atol=1e-5 * 1e6)
    assert not constant_columns(level).any() and not Scaler.fit("minmax", level, ["y"]).scale[0] == 1
    noise = (1e12 + 1e-4 * (t % 2))[:, None]  # one float64 step apart: not a constant, but nothing to scale
    with pytest.raises(RnncastError, match=r"^column 'y' varies on the training rows by less than float64 resolves at "
                                           r"that size \(1000000000000\.0 to 1000000000000\.0001\), so standard "
                                           r"scaling would divide by rounding noise"):
        Scaler.fit("standard", noise, ["y"])
    with pytest.raises(RnncastError, match=r"is constant on the training rows \(always 7\), so minmax scaling would "
                                           r"divide by zero"):
        Scaler.fit("minmax", np.full((10, 1), 7.0), ["y"])


def test_values_whose_spread_underflows_are_said_to_underflow_with_a_power_of_ten_to_rescale_them():
    """A column of size 1e-300 was said to vary "by less than float64 resolves at that size", though its values
    differ by their own size: the squares of its deviations underflow, and multiplying it by 1e300 mends that."""
    tiny = (1e-300 * np.cos(np.arange(100) / 5))[:, None]
    with pytest.raises(RnncastError, match=r"^column 'x' holds values so small \(-9\.99\d*e-301 to 1e-300\) that their "
                                           r"spread underflows in float64 arithmetic \(rescale the column: multiply it by "
                                           r"a power of ten, such as 1e300\), so standard scaling would divide by zero; "):
        Scaler.fit("standard", tiny, ["x"])
    assert Scaler.fit("standard", tiny * 1e300, ["x"]).scale[0] > 0.5


def test_a_panel_series_that_varies_by_rounding_only_is_said_to_be_only_shifted_to_0(caplog):
    t = np.arange(120)
    frame = pd.DataFrame({"unique_id": np.repeat(["a", "b"], 120), "ds": np.tile(pd.date_range("2020-01-01", periods=120), 2),
                          "y": np.concatenate([np.sin(t / 5), 1e12 + 1e-4 * (t % 2)])})
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    assert model.scalers_[1].scale[0] == 1.0
    assert ("column 'y' cannot be scaled (constant, or varying by rounding only) on the training rows of 1 of 2 series "
            "(series 'b' varies on the training rows by less than float64 resolves at that size (1000000000000.0 to "
            "1000000000000.0001)), so it is only shifted to 0 (scale 1) there") in caplog.text  # decision 1785


@pytest.mark.parametrize("kind", ["standard", "minmax"])
@pytest.mark.parametrize("columns", [1, 3])
def test_series_stats_are_each_series_scalers_bit_for_bit(kind, columns):
    """``series_stats`` reduces all series of one training length at once; each row is ``Scaler.fit``'s on that
    series' rows alone (uneven lengths, pairwise sums past 8 and 128 rows), and a constant column marks its series."""
    from rnncast.scaling import series_stats

    rng = np.random.default_rng(1)
    lengths = np.array([9, 300, 129, 9, 1, 128, 1000, 300])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    values = rng.normal(size=(lengths.sum(), columns)) * rng.choice([1e-7, 1.0, 1e5], size=(lengths.sum(), 1)) + 50.0
    values[starts[3] : starts[3] + 9, 0] = 2.0
    ends = starts + lengths - rng.integers(0, 2, size=len(lengths))
    offset, scale, plain = series_stats(kind, values, starts, ends)
    for s in range(len(lengths)):
        rows = values[starts[s] : ends[s]]
        if plain[s]:
            one = Scaler.fit(kind, rows, [f"c{j}" for j in range(columns)])
            assert offset[s].tobytes() == one.offset.tobytes() and scale[s].tobytes() == one.scale.tobytes()
    assert plain.tolist() == [True, True, True, False, False, True, True, True]


def test_a_constant_target_names_the_scaler_setting_as_its_reader_sets_it():
    """Python's fit of a constant target said "use --scaler none", a flag: the setting is now named by spelling.py,
    keyword and flag by default, or in a caller's words (bench: --set scaler=none)."""
    from rnncast.spelling import spelling

    frame = pd.DataFrame({"y": np.ones(200)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(frame, target="y")
    assert str(err.value).endswith("to forecast it as it is, use no scaler (scaler='none', --scaler none)")
    with spelling(lambda name, value=None: f"--set {name}={value}"), pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(frame, target="y")
    assert str(err.value).endswith("use no scaler (--set scaler=none)")


def test_a_constant_target_is_not_told_to_drop_the_column_but_what_helps():
    """"drop the column" made no sense for the target: the refusal now says what helps (decision 524); a constant
    covariate keeps "drop the column"."""
    frame = pd.DataFrame({"y": np.ones(200)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(frame, target="y")
    said = str(err.value)
    assert "drop the column" not in said and "the target 'y' has nothing to forecast" in said
    assert said.endswith("or, to forecast it as it is, use no scaler (scaler='none', --scaler none)")
    with pytest.raises(RnncastError, match=r"column 'x' .*drop the column or use no scaler"):  # Scaler.fit alone
        Scaler.fit("standard", np.c_[np.sin(np.arange(20.0)), np.ones(20)], ["y", "x"])


def test_targets_mode_refuses_a_constant_target_and_only_centres_a_constant_covariate():
    """One series' constant covariate was refused with "use no scaler" first (following it, all scaling was off for one
    useless column: a test R² of 0.93 fell to 0.50); ``constant="targets"`` centres it, and a constant target is refused."""
    rows = np.c_[np.sin(np.arange(20.0)), np.full(20, 7.0)]
    scaler = Scaler.fit("standard", rows, ["y", "x"], constant="targets", targets=1)
    assert scaler.scale[1] == 1.0 and scaler.offset[1] == 7.0 and scaler.scale[0] != 1.0
    with pytest.raises(RnncastError, match=r"^column 'y' is constant .*the target 'y' has nothing to forecast"):
        Scaler.fit("standard", rows[:, ::-1], ["y", "x"], constant="targets", targets=1)
