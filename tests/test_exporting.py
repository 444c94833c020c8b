"""exporting: Forecaster.export_onnx, a base of Forecaster's, the method the README names: it writes what
``export.export_onnx`` writes, raises NotFitted before fit, and refuses a setting handed to it as fixed at fit."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.errors import NotFitted
from rnncast.exporting import Exports


def test_forecasters_export_onnx_is_this_bases_and_needs_a_fitted_model(tmp_path):
    """t35t5 3: the README listed `export_onnx` among Forecaster's methods; `f.export_onnx('zz.onnx')` was an
    AttributeError (decision 1782)."""
    from rnncast import export

    assert issubclass(Forecaster, Exports) and "export_onnx" not in vars(Forecaster)
    assert inspect.signature(Forecaster.export_onnx).parameters["opset"].default == export.OPSET
    with pytest.raises(NotFitted, match="not fitted yet"):
        Forecaster(**TINY).export_onnx(tmp_path / "m.onnx")
    with pytest.raises(RnncastError, match="export_onnx takes no horizon=: it is a setting of Forecaster"):
        Forecaster(**TINY).export_onnx(tmp_path / "m.onnx", horizon=5)
    assert not (tmp_path / "m.onnx").exists()


def test_the_default_opset_has_one_source_which_importing_the_method_loads_no_exporter_for():
    """r35r1 9: the method wrote 17 again beside ``export.OPSET``, so raising one would leave the other. Both now take
    ``formatversions.OPSET``, a light module, and importing the method still loads neither export nor torch.onnx
    (decision 1818)."""
    import subprocess
    import sys

    from rnncast import export, formatversions

    assert export.OPSET == formatversions.OPSET == inspect.signature(Exports.export_onnx).parameters["opset"].default
    code = ("import sys, rnncast.exporting\n"
            "heavy = [m for m in ('rnncast.export', 'torch.onnx', 'onnx') if m in sys.modules]\n"
            "sys.stderr.write(' '.join(heavy))\n"
            "sys.exit(1 if heavy else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, f"import rnncast.exporting loaded {done.stderr}"


def test_the_method_writes_what_the_function_writes(tmp_path):
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from rnncast.export import export_onnx, run_onnx

    frame = make_frame(200)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, target="y", features=["x"])
    done = model.export_onnx(str(tmp_path / "m.onnx"))
    assert done.path == tmp_path / "m.onnx" and done.inputs == {"x": ["batch", TINY["lookback"], 2]}
    assert done.checked_windows == 64 and done.max_abs_diff < 1e-5
    with pytest.raises(RnncastError, match="m.onnx exists; pass overwrite=True to replace it"):
        model.export_onnx(tmp_path / "m.onnx")  # nothing replaced unasked
    again = export_onnx(model, tmp_path / "f.onnx", check=False)
    windows = np.stack([frame[["y", "x"]].to_numpy(np.float64)[i : i + TINY["lookback"]] for i in range(5)])
    assert np.array_equal(run_onnx(done.path, windows), run_onnx(again.path, windows))
    assert model.export_onnx(tmp_path / "m.onnx", opset=13, overwrite=True).path == tmp_path / "m.onnx"
