"""The series of new data among those a fitted model knows (``modelseries.py``, moved from reading.py): each one's
position among the model's series, and a series it has no scaler for refused by name; how predict and evaluate
reach these is tested in test_reading.py and test_nothing_dropped.py."""

from __future__ import annotations

import logging

import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.modelseries import series_index, unseen_series


def test_each_series_is_placed_at_its_scalers_position_among_the_models(panel_fitted, panel_frame):
    panel = load_panel(panel_frame[panel_frame.unique_id.isin(["s003", "s001"])])
    assert list(series_index(panel_fitted.state_, panel)) == [1, 3]  # their scalers among the four the model knows


def test_an_unseen_series_is_refused_naming_it_and_the_ids_the_model_knows(panel_fitted, panel_frame):
    panel = load_panel(panel_frame.assign(unique_id=panel_frame.unique_id.str.replace("s000", "new")))
    with pytest.raises(RnncastError, match=r"^series \['new'\] \(1 in all\) were not in the data the model was fitted "
                                           r"on, so it has no scaler for them; it knows 4 series, e\.g\. \['s000', "
                                           r"'s001', 's002', 's003'\]; leave those series out to score the others"):
        series_index(panel_fitted.state_, panel, "scored")
    assert "to forecast the others" in unseen_series(panel_fitted.state_, ["new"])


def test_predict_forecasts_the_known_series_and_names_a_new_one_in_a_warning(panel_fitted, panel_frame, caplog):
    """t39t3 L4: a site opened since fit (S40) refused the whole monthly forecast of the 29 the model knows. Predict
    now leaves it out by name in one WARNING line and forecasts the others; evaluate still refuses (it would score
    fewer series than asked), and data of no series the model knows is refused as before (decision 2123)."""
    other = panel_frame.assign(unique_id=panel_frame.unique_id.str.replace("s000", "new"))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = panel_fitted.predict(other)
    assert sorted(forecast["unique_id"].unique()) == ["s001", "s002", "s003"]
    [said] = [r.getMessage() for r in caplog.records if "not in the data the model was fitted on" in r.getMessage()]
    assert said == ("series 'new' was not in the data the model was fitted on, so it has no scaler for it, and is not "
                    "forecast; the other 3 series are; to forecast it, fit a model on data that holds it")
    with pytest.raises(RnncastError, match=r"^series \['new'\] .*to score the others"):
        panel_fitted.evaluate(other)
    with pytest.raises(RnncastError, match=r"^series \['new'\] .*to forecast the others"):
        panel_fitted.predict(other[other.unique_id == "new"])


def test_predict_names_the_models_series_without_rows_and_an_id_in_another_case(panel_fitted, panel_frame, caplog):
    """t40t1 M5: a store dropped from the monthly file got no forecast unsaid, and 's06' for 'S06' was not offered as
    the model's id: one WARNING names the model's series given no rows, the other the id's case (decision 2171)."""
    other = panel_frame[panel_frame.unique_id != "s000"].assign(
        unique_id=lambda f: f.unique_id.replace({"s001": " S001"}))
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        forecast = panel_fitted.predict(other)
    assert sorted(forecast["unique_id"].unique()) == ["s002", "s003"]
    said = [r.getMessage() for r in caplog.records]
    assert ("2 of the model's 4 series have no rows in the data and are not forecast: 's000' (it ended at 2024-01-18 "
            "04:00:00, the latest at 2024-01-25 04:00:00, in the data fitted), 's001' (written ' S001' there) (it ended "
            "at 2024-01-18 19:00:00, the latest at 2024-01-25 04:00:00, in the data fitted); a series that ended is not "
            "forecast unless its rows are given") in said  # ended before the latest: said so (decision 2273)
    assert any(m.endswith("; ' S001' is the model's 's001' written in another case or spacing (ids are matched as "
                          "written: write it as the model holds it)") for m in said), said
    assert forecast.attrs["not_forecast"] == [  # the frame's list names them too (decision 2197)
        {"id": " S001", "reason": "not in the data the model was fitted on (no scaler for it); the model's 's001' "
                                  "written in another case or spacing"},
        {"id": "s000", "reason": "no rows in the data"},
        {"id": "s001", "reason": "no rows in the data (written ' S001' there)"}]
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel_fitted.predict(panel_frame)
    assert not any("no rows in the data" in r.getMessage() for r in caplog.records)  # every series there
    with pytest.raises(RnncastError, match=r"; 'S002' is the model's 's002' written in another case"):
        panel_fitted.predict(panel_frame[panel_frame.unique_id == "s002"].assign(unique_id="S002"))


def test_one_other_series_forecast_is_said_as_one(panel_fitted, panel_frame, caplog):
    """r40-1: "the other 1 series are" (decision 2197)."""
    other = panel_frame[panel_frame.unique_id.isin(["s000", "s001"])].assign(
        unique_id=lambda f: f.unique_id.replace({"s000": "new"}))
    with caplog.at_level(logging.WARNING, logger="rnncast.modelseries"):
        forecast = panel_fitted.predict(other)
    assert sorted(forecast["unique_id"].unique()) == ["s001"]
    assert any("is not forecast; the other series is; to forecast it" in r.getMessage() for r in caplog.records)
    assert [d["id"] for d in forecast.attrs["not_forecast"]] == ["new", "s000", "s002", "s003"]
