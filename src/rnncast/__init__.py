"""rnncast: recurrent networks that forecast time series, evaluated honestly against baselines.

``Forecaster``, ``compare`` (fitted models against each other) and ``tune`` are loaded when first used (PEP 562), so ``rnncast --help`` and the
command line's parser start without importing torch.
"""

from rnncast.errors import RnncastError, TrainingDiverged
from rnncast.version import __version__

__all__ = ["Forecaster", "RnncastError", "TrainingDiverged", "__version__", "compare", "tune"]


def __getattr__(name: str):
    if name == "Forecaster":
        from rnncast.forecaster import Forecaster

        return Forecaster
    if name == "compare":
        from rnncast.comparemodels import compare

        return compare
    if name == "tune":
        from rnncast.tuning import tune

        return tune
    raise AttributeError(f"module 'rnncast' has no attribute {name!r}")
