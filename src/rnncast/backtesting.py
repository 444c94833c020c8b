"""``Backtests``, a base of ``Forecaster``: its ``backtest`` method, the estimator's face over ``backtest.run``
(models with the Forecaster's settings trained at rolling cutoffs, never the Forecaster itself), with its times
written back in the data's own form (``datatimes``). Checked as the Forecaster's own methods are (``checkedcalls``:
a setting given to it is said to be given before, ``BEFORE``).
"""

from __future__ import annotations

from rnncast import backtest as backtesting, datatimes
from rnncast.checkedcalls import BEFORE, checked_methods
from rnncast.fittedroles import ROLES
from rnncast.settingvalues import flag


@checked_methods(backtest=BEFORE)  # backtest(df, epochs=1): a setting of Forecaster, given before
class Backtests:
    """``Forecaster.backtest``; the class using it gives ``get_params`` (``parameters.Parameters``) and, once fitted,
    ``state_`` (``learned.Learned``)."""

    def backtest(self, data, n_windows: int = 3, step: int | str | None = None, refit: bool = False, target=None,
                 features=None, time_col=None, *, id_col=None, series=None, past_covariates=None,
                 future_covariates=None, static_covariates=None, static_categorical=None, on_epoch=None):
        """Forecasts from the last ``n_windows`` cutoffs of every series, ``step`` rows apart (default: the horizon;
        '1D', '7D', '6h': calendar time on the series' clock, ``calendarsteps``; the ``cutoff`` setting: the first), with metrics per window and overall beside the baselines. Models with this
        Forecaster's settings (``get_params``) are trained, never ``self``: without ``refit`` one model learns
        from the rows up to each series' first cutoff and forecasts every window in one batched pass; with
        ``refit`` a fresh model (and scaler) is trained on the rows up to each cutoff. A fitted Forecaster
        reads ``data`` with its fit's roles (target, covariates, id, time, static), each role given overriding
        the fit's (``fittedroles.merged``). Returns a ``backtestresult.Backtest`` (with the Diebold–Mariano tests): its
        ``forecasts`` one row per series, window and step with the id, time, ``cutoff``, ``window``, the actual value,
        ``<target>_hat``, quantiles and baselines in original units (the help of ``rnncast.backtestresult.Backtest`` lists
        every column), its ``metrics`` the scores per window and overall."""
        flag("refit", refit)
        given = locals()
        result = backtesting.run(self.get_params(), data, n_windows, step, refit, {role: given[role] for role in ROLES},
                                 on_epoch=on_epoch, fitted=getattr(self, "state_", None))
        return datatimes.in_backtest(result, result.panel.calendar.text_format)  # 1710979200, 202328: as the data's
