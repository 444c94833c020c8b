"""rnncast: recurrent networks that forecast time series, evaluated honestly against baselines.

``Forecaster``, ``compare`` (fitted models against each other) and ``tune`` are loaded when first used (PEP 562), so ``rnncast --help`` and the
command line's parser start without importing torch; so is a submodule named as an attribute (``rnncast.datasets``,
``rnncast.metrics``), and ``dir(rnncast)`` offers the public names and the modules the README uses (decision 771):
``rnncast.export`` among them, whose ``export_onnx`` (the function behind ``Forecaster.export_onnx``) and ``Exported``
(what it returns) are reached there, as compare's and backtest's result types are by their modules; ``__all__`` holds
the entry points and errors (decision 1880).
"""

import importlib
import importlib.util

from rnncast.errors import NotFitted, RnncastError, TrainingDiverged
from rnncast.version import __version__

__all__ = ["Forecaster", "NotFitted", "RnncastError", "TrainingDiverged", "__version__", "compare", "tune"]

_LAZY = {"Forecaster": "rnncast.forecaster", "compare": "rnncast.comparemodels", "tune": "rnncast.tuning"}
_OFFERED = ("config", "datasets", "export", "metrics")  # the modules the README uses from Python, offered by dir()


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")  # sets the attribute: asked once
    raise AttributeError(f"module 'rnncast' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names and the offered modules, not every module some import has loaded by now (``loading``, ...)."""
    return sorted({name for name in globals() if name.startswith("__")} | set(__all__) | set(_OFFERED))
