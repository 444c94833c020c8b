"""Prophet's names for rnncast's settings, methods and commands (decision 2001), as ``othernames`` holds NeuralForecast's
and Darts': ``interval_width=0.8`` is ``quantiles`` 0.1,0.5,0.9 (computed from the width given: ``widths``), ``initial``
is ``cutoff`` (a time, where Prophet's is a span from the data's start), ``period`` (backtest's ``step``) is answered
with R's meaning too by ``fablenames`` (decision 2182), ``performance_metrics`` is backtest's scores by step ahead
(``Backtest.by_step``, ``by_step.csv``), ``yhat_lower``/``yhat_upper`` are the ``y_q0.1``/``y_q0.9`` columns.
``othernames`` merges these tables into its own, so a keyword, a flag (``--interval-width``), a config key, a method and
a command are answered alike. Nothing here imports the rest of the package, so ``othernames`` stays free of it too."""

from __future__ import annotations

# Prophet's setting -> (rnncast's setting, what it is, what it holds), as othernames.OTHER_NAMES; {width} and
# {width_quantiles}: ``widths`` of the value given
PROPHET_NAMES: dict[str, tuple[str, str, str]] = {
    "interval_width": ("quantiles", "Prophet's interval width",
                       "quantile levels in (0, 1): interval_width {width} is {quantiles} {width_quantiles} (the "
                       "interval's two ends and the median; Prophet's yhat_lower and yhat_upper are the columns "
                       "y_q{width_low} and y_q{width_high})"),
    "initial": ("cutoff", "Prophet's initial training span",
                "a time, not a span: the last time of the first window's training and validation rows, which is the "
                "data's first time + initial less one step (initial='730 days' on daily data from 2023-01-01 is "
                "{cutoff} 2024-12-31; in pandas: str(df.ds.min() + pd.Timedelta('730 days') - pd.Timedelta('1D')))"),
    **dict.fromkeys(("yhat_lower", "yhat_upper"), (
        "quantiles", "Prophet's interval ends", "quantile levels in (0, 1): an 80% interval is {quantiles} 0.1,0.5,0.9, "
        "its ends the columns y_q0.1 (yhat_lower) and y_q0.9 (yhat_upper)")),
}

# Prophet's functions (prophet.diagnostics) asked of a Forecaster -> (whose, what rnncast calls it), as
# othernames.METHODS
PROPHET_METHODS = {
    "performance_metrics": ("Prophet's", "backtest(...).by_step (the scores by step ahead, also by_step.csv in the "
                                         "backtest's folder)"),
    "plot_cross_validation_metric": ("Prophet's", "backtest(...).by_step (the scores by step ahead, also shown on "
                                                  "the backtest's report page)"),
    "make_future_dataframe": ("Prophet's", "predict(data): the horizon's steps after the data's end, whose times it "
                                           "computes (future covariates: predict(data, future=frame))"),
}

# Prophet's words given as a command -> (rnncast's command, what it does there), as commandnames.OTHER_COMMANDS
PROPHET_COMMANDS = {
    "performance_metrics": ("backtest", "scores forecasts from rolling cutoffs, by step ahead too (by_step.csv)"),
    "performance-metrics": ("backtest", "scores forecasts from rolling cutoffs, by step ahead too (by_step.csv)"),
}


def widths(value) -> dict[str, str]:
    """``{width}``, ``{width_quantiles}``, ``{width_low}``, ``{width_high}`` of ``interval_width``'s advice from
    ``value`` as given (``0.8``, ``'0.8'``, ``['0.8']`` from the command line): ``0.8``, ``0.1,0.5,0.9``, ``0.1``,
    ``0.9``; where it is no width in (0, 1), Prophet's default 0.8."""
    parts = [value] if isinstance(value, (str, int, float)) else list(value) if isinstance(value, (list, tuple)) else []
    try:
        width = float(str(parts[0]).strip()) if len(parts) == 1 else None
    except ValueError:
        width = None
    if isinstance(value, bool) or width is None or not 0 < width < 1:
        width = 0.8
    low = round((1 - width) / 2, 12)
    high = round(1 - low, 12)
    return {"width": f"{width:g}", "width_quantiles": f"{low:g},0.5,{high:g}", "width_low": f"{low:g}",
            "width_high": f"{high:g}"}
