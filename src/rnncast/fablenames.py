"""R's, fable's and tsibble's names for rnncast's settings, methods and commands (decision 2182), as ``prophetnames``
holds Prophet's: ``frequency`` (R's ``ts(x, frequency = 12)``), FPP's ``m`` and sktime's ``sp`` are ``season`` (the
seasonal period); ``period`` is ``season`` in R and fable (``season(period = 12)``) but the backtest's ``step`` in
Prophet, so its answer names both; tsibble's ``key`` and ``index`` are ``id_col`` and ``time_col``; fable's
``accuracy()`` is ``evaluate``. ``othernames`` and ``commandnames`` merge these tables into their own (after
Prophet's, so ``period`` is this table's), so a keyword, a flag (``--frequency``), a config key, a method and a command
are answered alike. Nothing here imports the rest of the package, so ``othernames`` stays free of it too."""

from __future__ import annotations

_SEASON = "the seasonal period, in steps: 12 on monthly rows, 4 on quarterly, 52 on weekly"

# another name -> (rnncast's setting, what it is, what it holds), as othernames.OTHER_NAMES; {step}, {freq}: those
# settings spelled as the reader spells its own
FABLE_NAMES: dict[str, tuple[str, str, str]] = {
    "frequency": ("season", "R's frequency (ts(x, frequency = 12))",
                  f"{_SEASON}; a calendar such as 'MS', pandas' frequency, is {{freq}}"),
    "m": ("season", "FPP's m", _SEASON),
    "sp": ("season", "sktime's sp", _SEASON),
    # R's and fable's season(period = 12), gg_season(period = "year"); Prophet's cross_validation(period='30 days')
    "period": ("season", "R's and fable's period (season(period = 12))",
               f"{_SEASON}; Prophet's period is backtest's {{step}} instead: the spacing of the backtest's cutoffs, a "
               "number of steps or a span such as '30D' (period='30 days' is step '30D')"),
    "key": ("id_col", "tsibble's key", "long format: the column, or the columns that name a series together (key = "
            "c(State, Industry) is State,Industry)"),
    "index": ("time_col", "tsibble's index", "its name: timestamps, periods (2020 Jan, 2020 Q1, 2020 W01) or integer "
              "steps"),
}

# fable's functions asked of a Forecaster -> (whose, what rnncast calls it), as othernames.METHODS
FABLE_METHODS = {
    "accuracy": ("fable's", "evaluate(data) (MAE, RMSE, MASE ... of the model beside the baselines'; a backtest's "
                            "windows: backtest(data))"),
}

# fable's words given as a command -> (rnncast's command, what it does there), as commandnames.OTHER_COMMANDS
FABLE_COMMANDS = {
    "accuracy": ("evaluate", "scores a trained run on data (MAE, RMSE, MASE ...), beside the baselines"),
}
