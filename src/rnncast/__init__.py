"""rnncast: recurrent networks that forecast time series, evaluated honestly against baselines."""

__version__ = "0.1.0"

from rnncast.errors import RnncastError, TrainingDiverged  # noqa: E402
from rnncast.forecaster import Forecaster  # noqa: E402

__all__ = ["Forecaster", "RnncastError", "TrainingDiverged", "__version__"]
