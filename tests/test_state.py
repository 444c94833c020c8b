"""What fit learns besides the weights (``state.py``): ``FittedState.meta()`` is model.json's schema
and ``FittedState.read`` reads it back, also from older folders (format version 1, models saved
before the highway), or refuses them by name when the description does not fit the network."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from pandas.tseries.frequencies import to_offset

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.state import FittedState
from test_future import _future_frame
from test_models import _sine
from test_timeaxis import _fit

L, H = TINY["lookback"], TINY["horizon"]


# ---- the state as JSON and back ------------------------------------------------------------------

def test_meta_is_plain_json_that_reads_back_to_the_same_state(fitted):
    state = fitted.state_
    back = FittedState.read(json.loads(json.dumps(state.meta())), fitted.net_.spec, "here")
    assert (back.params, back.layout, back.ids, back.targets) == (state.params, "single", [None], ["y"])
    assert (back.past_covariates, back.future_covariates, back.time_col) == (["x"], [], "date")
    assert back.calendar == state.calendar and back.splits == state.splits
    assert np.array_equal(back.scalers[0].offset, state.scalers[0].offset)
    assert np.array_equal(back.train_means, state.train_means) and np.array_equal(back.mase_scales, state.mase_scales)


def test_a_version_1_description_is_read_with_its_fixed_step_as_the_calendar(fitted):
    meta = fitted.state_.meta()
    old = {k: v for k, v in meta.items() if k not in ("calendar", "calendars", "ids", "layout", "scalers", "splits",
                                                      "train_means", "mase_scales", "past_covariates",
                                                      "future_covariates", "static", "skipped_series")}
    old.update(format_version=1, step="0 days 01:00:00")  # version 1: one series, its time step as text
    state = FittedState.read(old, fitted.net_.spec, "an old folder")
    assert state.layout == "single" and state.ids == [None] and state.past_covariates == ["x"]
    assert state.calendar.kind == "datetime" and state.calendar.freq == to_offset("h") and state.calendar.name == "date"
    assert state.splits == fitted.state_.splits and np.array_equal(state.scalers[0].scale, fitted.state_.scalers[0].scale)
    assert np.isnan(state.mase_scales).all()  # version 1 kept no MASE scale


def test_a_version_2_description_reads_as_today_s_version_4(fitted):
    """Version 3 marks values a version-2 reader does not know (fill 'zero'...), version 4 keys a version-3 reader does
    not know (cutoffs, test_scores: decision 1584), so those readers refuse it by its version; today's reads all, the
    same."""
    meta = fitted.state_.meta()
    assert meta["format_version"] == 4
    for older in (2, 3):
        state = FittedState.read({**meta, "format_version": older}, fitted.net_.spec, "a folder of this morning")
        assert state.meta() == meta


def test_a_description_of_another_version_or_with_a_key_missing_is_refused_by_name(fitted):
    with pytest.raises(RnncastError, match=r"the folder uses model format version 5; .* reads version 1, 2, 3 and 4: it "
                                           r"was written by a newer rnncast: upgrade rnncast to read it$"):
        FittedState.read({**fitted.state_.meta(), "format_version": 5}, fitted.net_.spec, "the folder")
    with pytest.raises(RnncastError, match=r"uses model format version 0; .* reads version 1, 2, 3 and 4: format versions start at 1; .*"):  # not newer
        FittedState.read({**fitted.state_.meta(), "format_version": 0}, fitted.net_.spec, "the folder")
    meta = fitted.state_.meta()
    del meta["targets"]
    with pytest.raises(RnncastError) as refused:  # said "(KeyError('targets'))": the key is named in words
        FittedState.read(meta, fitted.net_.spec, "the folder")
    assert str(refused.value) == ("the model description in the folder is incomplete or hand-edited: it has no "
                                  "'targets' entry, which every model.json rnncast writes holds")


# ---- through the model folder ----------------------------------------------------------------------

def test_save_then_load_a_panel_model_with_every_covariate_role(tmp_path):
    frame = make_panel(3, seed=2)
    frame["hour"] = frame["ds"].dt.hour.astype(float)
    frame["temp"] = np.cos(np.arange(len(frame)) / 7.0)
    frame["kind"] = frame["unique_id"].map({"s000": "a", "s001": "b", "s002": "a"})
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    roles = dict(past_covariates=["temp"], future_covariates=["hour"], static_covariates=["kind", "size"])
    f = Forecaster(**{**TINY, "quantiles": (0.1, 0.5, 0.9)}).fit(frame, **roles)
    assert f.net_.spec.n_static == 1 and f.net_.spec.static_cardinalities == (2,)
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    future = _future_frame(frame, H, hour=1.0)
    a, b = f.predict(frame, future=future), g.predict(frame, future=future)
    pd.testing.assert_frame_equal(a, b)
    assert list(a.columns) == ["unique_id", "ds", "cutoff", "step_ahead", "y_hat", "y_q0.1", "y_q0.5", "y_q0.9"]
    assert f.evaluate(frame) == g.evaluate(frame)


@pytest.mark.parametrize("kind", ["int64", "float64"])
def test_skipped_series_keep_the_ids_as_given_through_save_and_load(tmp_path, kind):
    """Fitted: [{'id': 404, ...}]; loaded: [{'id': '404', ...}], against its docstring's "as given" (decision 774)."""
    rng = np.random.default_rng(0)
    lengths = {101: 120, 202: 120, 303: 120, 404: 5}
    frame = pd.DataFrame({"unique_id": np.repeat(list(lengths), list(lengths.values())).astype(kind),
                          "ds": np.concatenate([np.arange(n) for n in lengths.values()]),
                          "y": rng.normal(size=sum(lengths.values()))})
    f = Forecaster(**{**TINY, "epochs": 1}).fit(frame)
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert g.skipped_series_ == f.skipped_series_ and type(g.skipped_series_[0]["id"]) is type(f.skipped_series_[0]["id"])
    assert g.skipped_series_[0]["id"] == 404 and g.ids_ == f.ids_ == ["101", "202", "303"]  # the model's own: text
    pd.testing.assert_frame_equal(g.predict(frame), f.predict(frame))
    text = Forecaster(**{**TINY, "epochs": 1}).fit(frame.astype({"unique_id": str}))
    text.save(tmp_path / "t")
    assert Forecaster.load(tmp_path / "t").skipped_series_ == text.skipped_series_  # ids given as text stay text
    assert text.skipped_series_[0]["id"] == str(frame["unique_id"].iloc[-1])  # '404' or '404.0', as written


def test_a_model_keeps_its_calendar_through_save_and_load(tmp_path):
    frame = pd.DataFrame({"date": pd.bdate_range("2024-01-01", periods=120), "y": np.arange(120.0)})
    f = _fit(frame, target="y")
    f.save(tmp_path / "m")
    g = Forecaster.load(tmp_path / "m")
    assert g.calendar_ == f.calendar_ and g.predict(frame).index.equals(f.predict(frame).index)


@pytest.mark.parametrize("given", [None, "QS-APR"])
def test_a_quarterly_calendar_recorded_by_its_first_month_before_1044_is_read_as_data_read_now_names_it(tmp_path, given):
    """Runs before decision 1044 recorded quarterly data from 2015Q2 as 'QS-APR', where data read now says 'QS-JAN':
    the run's own hints and its forecasts named another calendar than a new read of its data. A calendar the run
    found is read under today's name, the dates unchanged; one the user gave (fiscal quarters from April) is kept."""
    frame = pd.DataFrame({"date": pd.date_range("2015-04-01", periods=48, freq="QS"), "y": np.sin(np.arange(48.0))})
    f = Forecaster(**{**TINY, "lookback": 6, "horizon": 4}, freq=given).fit(frame, target="y")
    before = f.predict(frame).index
    f.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    assert meta["calendar"]["freq"] == (given or "QS-JAN")
    meta["calendar"]["freq"] = "QS-APR"  # as a run before 1044 recorded it
    del meta["description_sha256"]
    path.write_text(json.dumps(meta))
    g = Forecaster.load(tmp_path / "m")
    assert g.calendar_.shown == repr(given or "QS-JAN")
    assert g.predict(frame).index.equals(before) and before[0] == pd.Timestamp("2027-04-01")


def _saved_before_the_highway(tmp_path):
    """A model folder as rnncast wrote it before the highway existed: no highway in it anywhere."""
    import json

    y = _sine(200)
    Forecaster(**TINY, highway=False).fit(y).save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    del meta["params"]["highway"], meta["network"]["highway"], meta["network"]["lookback"]
    del meta["description_sha256"]  # recorded only since decision 679
    return y, path, meta


def test_a_model_saved_before_the_highway_loads_and_keeps_none(tmp_path):
    import json

    y, path, meta = _saved_before_the_highway(tmp_path)
    path.write_text(json.dumps(meta))
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["highway"] is False and loaded.net_.highway is None
    assert np.isfinite(loaded.predict(y).to_numpy(dtype=float)).all()


def test_a_model_whose_settings_claim_a_highway_its_network_lacks_is_refused(tmp_path):
    import json

    _, path, meta = _saved_before_the_highway(tmp_path)
    meta["params"]["highway"] = True
    path.write_text(json.dumps(meta))
    with pytest.raises(RnncastError, match="highway"):
        Forecaster.load(tmp_path / "m")


def test_a_point_model_saved_with_an_empty_list_of_quantiles_still_loads(fitted):
    """A model whose params kept ``quantiles: []`` (Forecaster(quantiles=()) before an empty list was refused) is read
    as the point model it is, not refused as the empty list a new Forecaster is."""
    meta = json.loads(json.dumps(fitted.state_.meta()))
    meta["params"]["quantiles"] = []
    back = FittedState.read(meta, fitted.net_.spec, "here")
    assert back.params["quantiles"] is None and back.settings.model.quantiles == ()


def test_a_hand_edited_model_json_with_an_unknown_key_or_a_name_for_a_list_is_refused_by_name(tmp_path, fitted):
    """"targets": "sales" was read as its letters ("6 columns named, 5 targets"; "y" passed as ["y"]) and an unknown
    top-level key was passed over unread, where one under "network" is refused: each is now refused by key and file."""
    import json
    import re

    from rnncast import Forecaster, RnncastError

    fitted.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    for change, said in [({"targets": "sales"}, r"its 'targets' is 'sales', not a list of column names"),
                         ({"targets": "y"}, r"its 'targets' is 'y', not a list of column names"),
                         ({"colour": 1}, r"it holds 'colour', which no model.json rnncast writes holds; remove it")]:
        path.write_text(json.dumps({**meta, **change}))
        with pytest.raises(RnncastError, match=rf"^the model description in {re.escape(str(path))} is hand-edited: {said}"):
            Forecaster.load(tmp_path / "m")
    path.write_text(json.dumps(meta))
    Forecaster.load(tmp_path / "m")


@pytest.mark.parametrize("cell", ["LSTM", "Lstm", " gru ", "GRU", "RNN", "rnn", "lstm"])
def test_a_model_fit_with_the_cell_in_any_accepted_spelling_saves_and_loads(tmp_path, cell):
    """Forecaster(cell="LSTM").fit(...).save(m) wrote "cell": "LSTM" beside a network built as 'lstm', and
    Forecaster.load(m) refused its own model as hand-edited; now the cell is saved and compared as fit reads it."""
    y = _sine(120)
    f = Forecaster(**{**TINY, "epochs": 1}, cell=cell).fit(y)
    f.save(tmp_path / "m")
    meta = json.loads((tmp_path / "m" / "model.json").read_text())
    assert meta["params"]["cell"] == cell.strip().lower() == meta["network"]["cell"]
    g = Forecaster.load(tmp_path / "m")
    assert g.get_params()["cell"] == cell.strip().lower()
    assert np.allclose(g.predict(y).to_numpy(dtype=float), f.predict(y).to_numpy(dtype=float))


def test_a_model_saved_with_the_cell_in_capitals_before_the_fix_loads(tmp_path):
    """Models saved on 2026-12-06 hold "cell": "LSTM" in model.json's params (without a description checksum, as a
    folder rnncast wrote before decision 679): they load as the lstm their network was built as."""
    y = _sine(120)
    Forecaster(**{**TINY, "epochs": 1}).fit(y).save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    meta["params"]["cell"] = "LSTM"
    del meta["description_sha256"]
    path.write_text(json.dumps(meta))
    assert Forecaster.load(tmp_path / "m").get_params()["cell"] == "lstm"
    meta["params"]["cell"] = "GRU"  # another cell than the network's is still refused
    path.write_text(json.dumps(meta))
    with pytest.raises(RnncastError, match="setting cell is 'GRU' but the network was built with 'lstm'"):
        Forecaster.load(tmp_path / "m")


def test_the_climatology_is_kept_with_the_model_and_an_old_model_has_none(tmp_path):
    """Decision 1663: fit keeps the climatology of its training rows (daily: 366 positions) in model.json, as it keeps
    the training means, and evaluate reads it whatever rows the file holds before; a model saved before it was kept
    reads back without one, and its evaluate scores no climatology (no error)."""
    time = pd.date_range("2015-01-01", periods=4 * 365, freq="D")
    frame = pd.DataFrame({"date": time, "temp": 10 + 10 * np.sin(2 * np.pi * time.day_of_year / 365.25)
                          + np.random.default_rng(0).normal(0, 1, len(time))})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="temp")
    assert model.state_.climatology.shape == (1, 366, 1)
    scores = model.evaluate(frame)["original"]
    late = model.evaluate(frame[frame.date >= "2017-06-01"])["original"]  # under two years of early rows: kept
    assert scores["climatology"]["mse"] == pytest.approx(late["climatology"]["mse"])
    model.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert np.array_equal(back.state_.climatology, model.state_.climatology)
    meta = {k: v for k, v in model.state_.meta().items() if k != "climatology"}
    assert FittedState.read(json.loads(json.dumps(meta)), model.net_.spec, "an old folder").climatology is None
    model.state_.climatology = None
    assert "climatology" not in model.evaluate(frame)["original"]


def test_a_model_fitted_with_quantiles_out_of_order_saves_and_loads(tmp_path):
    """quantiles=[0.9, 0.1, 0.5] is taken in any order (decision 1662) and kept as given in the params (scikit-learn's
    get_params), while the network holds them sorted: reading the folder back compared the two unsorted and refused
    the model as "hand-edited" (decision 1684), so predict, evaluate and export of such a run all failed."""
    frame = make_panel(1, seed=4)
    f = Forecaster(**{**TINY, "epochs": 1, "quantiles": [0.9, 0.1, 0.5]}).fit(frame)
    f.save(tmp_path / "m")
    back = Forecaster.load(tmp_path / "m")
    assert back.get_params()["quantiles"] == [0.9, 0.1, 0.5] and back.settings_.model.quantiles == (0.1, 0.5, 0.9)
    assert back.predict(frame).equals(f.predict(frame))
