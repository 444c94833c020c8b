"""What ``rnncast.tune`` returns (``TuneResult``): the Optuna study, the best trial's settings and validation score,
the best.toml written, and the data roles tune was given; its repr is one line, as a backtest's and a comparison's
are (decision 137): the score and the settings apart from the defaults, not the study object and all 44 settings."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field
from pathlib import Path

from rnncast.forecaster import Forecaster
from rnncast.settingvalues import same_value


@dataclass(repr=False)
class TuneResult:
    """The result of ``rnncast.tune``: its best trial, and the study it was found in.

    Fields:
        study: the ``optuna.Study`` (every trial, its settings, validation score and state; ``study.trials_dataframe()``
            tabulates them).
        settings: the best trial's settings as ``Forecaster``'s keywords, every one: the defaults, the settings given
            fixed (``settings=``) and the values the search drew.
        value: the best trial's validation score, in scaled units (the training scaler's: comparable across series),
            lower is better: the MSE of a point model, the pinball loss averaged over the levels of a quantile model.
        config: the best.toml tune wrote (``rnncast fit --config`` trains it), or None when the study has no folder
            (no ``out``).
        ranked_by: what ``value`` is, in words ("validation MSE (scaled units)").
        roles: every data role tune was given (target, features, time_col, id_col, series, past, future and static
            covariates): ``result.forecaster().fit(data, **result.roles)`` reads the data as tune read it.
    """

    study: object  # optuna.Study: every trial, its settings, value and state
    settings: dict  # the best trial's settings, as Forecaster's keywords
    value: float  # its validation score, scaled units: the pinball loss of a quantile model, else the MSE
    config: Path | None  # best.toml, when the study has a directory
    ranked_by: str = "validation MSE (scaled units)"  # what value is, in words (studies.ranking)
    roles: dict = field(default_factory=dict)  # every data role tune was given (target, features, time_col, id_col,
    # series, past, future and static covariates): fit(data, **roles) reads the data as tune read it

    def forecaster(self) -> Forecaster:
        """An unfitted ``Forecaster`` with the best settings: ``.fit(data, **result.roles)`` trains on the data tuned,
        read with the roles tune was given (target, features, time_col, id_col, series, covariates)."""
        return Forecaster(**self.settings)

    def __repr__(self) -> str:
        """One line: the best score, what it is, the settings that differ from the defaults and best.toml's path
        (``TuneResult(validation MSE (scaled units) 0.01234 at hidden_size=32, lr=0.00312; config='best.toml')``)."""
        defaults = Forecaster().get_params()
        apart = [f"{name}={_short(value)}" for name, value in self.settings.items()
                 if name not in defaults or not same_value(value, defaults[name])]
        where = f"; config={str(self.config)!r}" if self.config is not None else ""
        return (f"TuneResult({self.ranked_by} {_short(self.value)} at "
                f"{', '.join(apart) if apart else 'the defaults'}{where})")


def _short(value) -> str:
    """A drawn float in 4 significant digits (lr=0.00312, not 0.0031234567891), anything else as its repr."""
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        return f"{float(value):.4g}"
    return repr(value)
