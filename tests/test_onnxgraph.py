"""The module an ONNX export writes (``onnxgraph.py``): a model of many series, each scaled on its own, or one with
static covariates is refused by what the graph lacks, and nothing is written."""

from __future__ import annotations

import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.export import export_onnx

pytest.importorskip("onnx")
pytest.importorskip("onnxruntime")


def test_a_model_of_many_series_is_refused(tmp_path):
    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_panel(2, lengths=(120, 140), seed=1))
    with pytest.raises(RnncastError, match=r"^ONNX export takes a model of one series \(one scaler goes into the graph\); this "
                                           r"one was trained on 2 series, each scaled on its own"):
        export_onnx(model, tmp_path / "m.onnx")


def test_a_model_with_static_covariates_is_refused_for_them(tmp_path):
    """A one-series model with a static covariate was refused as "takes a model of one series ...; this one was
    trained on 1 series with static covariates": it is one series; what the graph lacks is the static input."""
    data = make_panel(1, seed=3).assign(kind="a", size=3.0)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(data, static_covariates=["kind", "size"])
    with pytest.raises(RnncastError, match=r"^ONNX export does not carry static covariates \(the graph's inputs are x "
                                           r"and future\); this model was trained with \['size', 'kind'\]: forecast "
                                           r"with rnncast predict, or refit without static covariates"):
        export_onnx(model, tmp_path / "m.onnx")
    assert not (tmp_path / "m.onnx").exists()


def test_a_model_of_many_series_with_static_covariates_is_refused_for_both_in_one_line(tmp_path):
    """t38t4 LOW 3 (decision 2050): the refusal named the many series alone, and a refit on one series with its static
    column was refused again, for the static covariates."""
    data = make_panel(2, lengths=(120, 140), seed=1)
    data["size"] = data["unique_id"].map({u: float(i) for i, u in enumerate(data["unique_id"].unique())})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(data, static_covariates=["size"])
    with pytest.raises(RnncastError, match=r"^ONNX export takes a model of one series \(one scaler goes into the graph\); "
                                           r"this one was trained on 2 series, each scaled on its own, and it does not "
                                           r"carry static covariates \(.*\); this model was trained with \['size'\]: "
                                           r"forecast with rnncast predict, or refit on one series without static "
                                           r"covariates \(.*\) to export$"):
        export_onnx(model, tmp_path / "m.onnx")
