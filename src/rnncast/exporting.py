"""``Exports``, a base of ``Forecaster``: its ``export_onnx`` method, the estimator's face over ``export.export_onnx``
(decision 1782: the README named the method, scikit-learn style, where only the function existed). ``export``, with
PyTorch's exporter and onnx, is imported when the method is called, never by ``import rnncast``; checked as the
Forecaster's own methods are (``checkedcalls``: a setting given to it is fixed when the model is fitted)."""

from __future__ import annotations

from rnncast.checkedcalls import checked_methods
from rnncast.formatversions import OPSET  # light: export's default opset without importing export (decision 1818)


@checked_methods()  # export_onnx(path, horizon=5): a setting fixed at fit, not Python's TypeError
class Exports:
    """``Forecaster.export_onnx``; the class using it gives ``check_fitted`` and, once fitted, the model
    (``learned.Learned``)."""

    def export_onnx(self, path, opset: int = OPSET, check: bool = True, overwrite: bool = False):
        """Write the fitted model as ONNX to ``path`` (a ``.onnx`` file, text or ``pathlib.Path``), as
        ``rnncast export RUN --onnx path`` does: input ``x`` [batch, lookback, columns] (and ``future`` [batch, horizon,
        future covariates]) float64 in original units, output ``y`` [batch, horizon, targets] (``[..., quantiles]``)
        float64, the scaler inside the graph; the columns, lookback, horizon and how predict reads data in its metadata
        (``onnxmeta``). ``opset``: the ONNX opset (default ``formatversions.OPSET``, 17; 9 to the newest this PyTorch
        writes; a quantile model 11 or later, a nonnegative one 12); ``check``: forecast 64 seeded windows with onnxruntime (where
        installed) and with rnncast, refusing a file that differs beyond float32's rounding; ``overwrite``: replace an ONNX model rnncast exported there.
        Returns ``export.Exported`` (path, input and output shapes, windows checked, largest difference). Raises
        ``NotFitted`` before fit or load, and ``RnncastError`` for a model of many series or with static
        covariates, a path that is not a new ``.onnx`` file (or another's file, even with overwrite), an opset out of
        range, ``check`` or ``overwrite`` not True or False, or onnx missing; nothing is written then (``export.export_onnx``)."""
        self.check_fitted("export_onnx")  # settings set_params changed since fit: said once, as save says them
        from rnncast.export import export_onnx  # torch.onnx and onnx: loaded when an export is asked for

        return export_onnx(self, path, opset=opset, check=check, overwrite=overwrite)
