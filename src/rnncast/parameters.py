"""scikit-learn's parameter contract, as its ``BaseEstimator`` keeps it: an estimator's parameters are the keywords
of its constructor, read from its signature (``get_params``), stored as given and checked only at the next fit
(``set_params``: an unknown name refused with the closest one), and its repr names those that differ from their
defaults. ``Forecaster`` takes them from :class:`Parameters`; its own module writes the keywords out.
"""

from __future__ import annotations

import inspect

from rnncast.checkedcalls import checked_methods
from rnncast.settingvalues import same_value, unknown_parameter


@checked_methods()  # get_params(deep=True, bogus=1): the keyword refused by name, as Forecaster's own methods refuse one
class Parameters:
    """The parameters of an estimator whose ``__init__`` takes them by keyword and stores each as given."""

    @classmethod
    def _param_names(cls) -> list[str]:
        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def get_params(self, deep: bool = True) -> dict:
        """Every constructor keyword and its value as stored (``deep`` is scikit-learn's; there are no nested
        estimators). After fit these may differ from the fitted model's (``changed_since_fit``)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params) -> "Parameters":
        """Store ``params`` (keywords of the constructor) as given and return ``self``; values are checked at the next
        fit, where they take effect: a fitted model predicts, evaluates and saves as fitted (warned once per set of
        changes). An unknown name raises ``RnncastError`` (also a ``TypeError``) naming the closest one."""
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise unknown_parameter(name, valid)  # an RnncastError, and a TypeError as Forecaster(epoch=3)'s
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = type(self)().get_params()
        changed = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if not same_value(v, defaults[k]))
        return f"{type(self).__name__}({changed})"
