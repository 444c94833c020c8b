"""What a model folder and its ONNX file say of the fit that made the model (``modelcard.py``): the cutoff dates, as the
data writes its times, and a run's headline test scores with its verdict (decision 1530)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError, modelcard
from rnncast.cli import main


def test_a_fit_keeps_its_cutoff_dates_as_the_data_writes_its_times_and_a_load_gives_them_back(tmp_path):
    # t32t3: model.json's `borders` was an unnamed list and split_ held row numbers (420, 480, 600): a job holding
    # the model folder alone could not tell how stale the model was
    days = make_frame(200, freq="D").assign(date=lambda f: f["date"].dt.strftime("%d.%m.%Y"))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(days, target="y")
    split = model.split_
    assert model.cutoffs_ == [{"data_start": "01.01.2024", "train_end": days["date"][split.train_end - 1],
                               "val_end": days["date"][split.val_end - 1], "data_end": days["date"][199]}]
    assert model.test_scores_ is None  # Forecaster.fit scores no test split
    model.save(tmp_path / "m")
    written = json.loads((tmp_path / "m" / "model.json").read_text())
    assert written["cutoffs"] == model.cutoffs_ and "test_scores" not in written
    assert Forecaster.load(tmp_path / "m").cutoffs_ == model.cutoffs_
    numbered = Forecaster(**{**TINY, "epochs": 1}).fit(np.sin(0.1 * np.arange(200)))  # rows numbered: no dates
    assert numbered.cutoffs_ is None


def test_a_runs_model_keeps_its_test_scores_and_verdict(tmp_path):
    make_frame(200).to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--lookback", "12", "--horizon", "3", "--epochs", "1",
                 "--hidden-size", "8", "--device", "cpu", "--out", str(tmp_path / "run"), "-q"]) == 0
    metrics = json.loads((tmp_path / "run" / "metrics.json").read_text())["test"]
    scores = Forecaster.load(tmp_path / "run").test_scores_
    assert {k: scores[k] for k in ("windows", "mse", "mae", "mase")} == {
        "windows": metrics["windows"], **{k: metrics["original"]["model"][k] for k in ("mse", "mae", "mase")}}
    assert isinstance(scores["beats_baselines"], bool) and scores["verdict_units"] == "original"
    assert scores["baseline"] in metrics["original"]


def test_test_scores_say_the_verdict_and_leave_a_score_that_is_no_number_out():
    test = {"windows": 10, "original": {"model": {"mse": 1.0, "mae": 0.5, "mase": float("nan")},
                                        "repeat": {"mse": 4.0}, "mean": {"mse": 9.0}},
            "significance": {"repeat": {"p_value": 0.01}, "mean": {"p_value": 0.001}}}
    assert modelcard.test_scores({"test": test}, "single", 1) == {
        "windows": 10, "mse": 1.0, "mae": 0.5, "mase": None, "beats_baselines": True, "baseline": "repeat",
        "verdict_units": "original"}
    test["significance"]["repeat"]["p_value"] = 0.2  # lower, not beyond chance: no verdict of beating it
    assert modelcard.test_scores({"test": test}, "single", 1)["beats_baselines"] is False
    assert modelcard.test_scores({"val": test}, "single", 1) is None and modelcard.scored({}, None) == {}
    test["significance"]["repeat"]["p_value"] = 0.01  # beats the pooled ones, but not the climatology apart (decision 1914)
    test["climatology_series"] = {"series": ["A"], "lacking": ["B"], "significance": {"p_value": 0.99},
                                  "scaled": {"model": {"mse": 2.0}, "climatology": {"mse": 1.0}}}
    assert modelcard.test_scores({"test": test}, "single", 1)["beats_baselines"] is False


def test_a_model_folder_saved_before_the_cutoffs_and_scores_loads_and_a_damaged_one_is_refused(tmp_path):
    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y")
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text())
    for key in ("cutoffs", "description_sha256"):  # an older folder: neither key (nor its own checksum)
        meta.pop(key)
    meta["format_version"] = 3  # the model format before them (decision 1584)
    path.write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    assert old.cutoffs_ == model.cutoffs_ and old.test_scores_ is None and old.format_version_ == 3  # decision 1599
    path.write_text(json.dumps({k: v for k, v in meta.items() if k != "borders"}))  # older still: nothing to rebuild
    assert Forecaster.load(tmp_path / "m").cutoffs_ is None
    path.write_text(json.dumps(meta))
    old = Forecaster.load(tmp_path / "m")
    assert old.predict(make_frame(200)).shape[0] == TINY["horizon"]  # and it forecasts as before
    path.write_text(json.dumps({**meta, "cutoffs": [{"train_end": 5}]}))
    with pytest.raises(RnncastError, match="hand-edited: .*cutoffs must be 1 objects of data_start, train_end"):
        Forecaster.load(tmp_path / "m")
    with pytest.raises(ValueError, match="test_scores must be null or an object of windows"):
        modelcard.read_scores({"mse": 1.0})


def test_the_onnx_keys_are_text_and_empty_where_not_known():
    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y")
    keys = modelcard.onnx_keys(model.state_)
    assert set(keys) == set(modelcard.ONNX) and keys["train_end"] == model.cutoffs_[0]["train_end"]
    assert (keys["test_mse"], keys["beats_baselines"]) == ("", "")
    model.state_.test_scores = {"windows": 9, "mse": 2.5, "mae": 1.0, "mase": None, "beats_baselines": False,
                                "baseline": "mean", "verdict_units": "original"}
    keys = modelcard.onnx_keys(model.state_)
    assert (keys["test_windows"], keys["test_mse"], keys["test_mase"], keys["beats_baselines"]) == ("9", "2.5", "", "false")


def _dated(values):
    import pandas as pd

    return pd.DataFrame({"date": values, "y": np.sin(np.arange(len(values)) / 4.0)})


@pytest.mark.parametrize("case", ["text dates", "business days", "years", "monthly periods", "zoned hours"])
def test_an_old_folders_cutoffs_are_rebuilt_from_its_borders_as_the_fit_wrote_them(tmp_path, case):
    """A folder saved before cutoffs were kept loaded with cutoffs_ None though its borders held the times (decision
    1599): rebuilt on the model's calendar, written as the data writes its times."""
    import pandas as pd

    frame = {"text dates": lambda: _dated(pd.date_range("2024-01-01", periods=120).strftime("%d.%m.%Y")),
             "business days": lambda: _dated(pd.bdate_range("2024-01-01", periods=120)),
             "years": lambda: _dated(np.arange(1900, 2020)),
             "monthly periods": lambda: _dated(pd.period_range("2000-01", periods=120, freq="M")),
             "zoned hours": lambda: _dated(pd.date_range("2024-03-30", periods=120, freq="h", tz="Europe/Berlin"))}[case]()
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", time_col="date")
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = {k: v for k, v in json.loads(path.read_text()).items() if k not in ("cutoffs", "description_sha256")}
    path.write_text(json.dumps({**meta, "format_version": 3}))
    assert Forecaster.load(tmp_path / "m").cutoffs_ == model.cutoffs_


def test_only_the_fit_s_own_test_split_is_its_test_headline():
    """Decision 1638: an evaluate of newer rows, or of one series of a panel, is no fit's test headline."""
    from rnncast.modelcard import fit_test_split

    own = {"series": 3, "targets_on": {"training": 0, "validation": 0, "test": 12, "new": 0, "before": 0}}
    assert fit_test_split(own, 3)
    assert not fit_test_split({**own, "targets_on": {**own["targets_on"], "new": 4}}, 3)
    assert not fit_test_split({**own, "series": 1}, 3)
    assert not fit_test_split({**own, "series_left_out": {"text": "..."}}, 3)
    assert not fit_test_split({**own, "past_fit_end": 5}, 3)  # decision 1668: test windows running past the fit's end


def test_several_targets_keep_each_targets_scores_beside_the_pooled_headline(tmp_path):
    """t36t5 1 (decision 1900): a model of sales and sales2 said test_mse 133.3 "original units", the mean of 213.3
    and 53.3, each in its own units. model.json keeps each target's own beside it (target_scores, in targets order), a
    loaded model gives them back, and the ONNX keys say them and the verdict's units."""
    frame = make_frame(200).assign(y2=lambda f: 0.5 * f["y"] * 100 + 3)
    frame.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "--target", "y,y2", "--lookback", "12", "--horizon", "3", "--epochs",
                 "1", "--hidden-size", "8", "--device", "cpu", "--out", str(tmp_path / "run"), "-q"]) == 0
    by = json.loads((tmp_path / "run" / "metrics.json").read_text())["test"]["by_target"]
    model = Forecaster.load(tmp_path / "run")
    assert model.target_scores_ == [{k: by[t]["model"][k] for k in ("mse", "mae", "mase")} for t in ("y", "y2")]
    assert model.target_scores_[1]["mse"] > 100 * model.target_scores_[0]["mse"]  # units that differ: no one headline
    assert model.test_scores_["verdict_units"] == "scaled"
    keys = modelcard.onnx_keys(model.state_)
    assert json.loads(keys["test_by_target"]) == model.target_scores_ and keys["verdict_units"] == "scaled"
    model.save(tmp_path / "m")  # save writes them again, and a load reads them back
    assert Forecaster.load(tmp_path / "m").target_scores_ == model.target_scores_


def test_target_scores_are_none_for_one_target_and_a_damaged_list_is_refused():
    test = {"by_target": {"a": {"model": {"mse": 1.0, "mae": 0.5, "mase": float("nan")}},
                          "b": {"model": {"mse": 4.0, "mae": 2.0, "mase": 1.5}}}}
    assert modelcard.target_scores({"test": test}, ["a", "b"]) == [{"mse": 1.0, "mae": 0.5, "mase": None},
                                                                     {"mse": 4.0, "mae": 2.0, "mase": 1.5}]
    assert modelcard.target_scores({"test": test}, ["a"]) is None and modelcard.target_scores({}, ["a", "b"]) is None
    assert modelcard.read_target_scores(None, 2) is None
    with pytest.raises(ValueError, match="target_scores must be 2 objects of mse, mae, mase"):
        modelcard.read_target_scores([{"mse": 1.0, "mae": 0.5, "mase": None}], 2)
    with pytest.raises(ValueError, match="target_scores must be 1 objects"):
        modelcard.read_target_scores([{"mse": True, "mae": 0.5, "mase": None}], 1)


def test_one_targets_onnx_scores_are_its_headline_and_its_verdict_units_original():
    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y")
    assert (modelcard.onnx_keys(model.state_)["test_by_target"], modelcard.onnx_keys(model.state_)["verdict_units"]) == ("", "")
    model.state_.test_scores = {"windows": 9, "mse": 2.5, "mae": 1.0, "mase": None, "beats_baselines": False,
                                "baseline": "mean", "verdict_units": "original"}
    keys = modelcard.onnx_keys(model.state_)
    assert json.loads(keys["test_by_target"]) == [{"mse": 2.5, "mae": 1.0, "mase": None}]
    assert keys["verdict_units"] == "original"
