"""rnncast: recurrent networks that forecast time series, evaluated honestly against baselines."""

__version__ = "0.1.0"

from rnncast.errors import RnncastError, TrainingDiverged  # noqa: E402
from rnncast.forecaster import Forecaster  # noqa: E402
from rnncast.tuning import tune  # noqa: E402  (imports optuna only when called)

__all__ = ["Forecaster", "RnncastError", "TrainingDiverged", "__version__", "tune"]
