"""The settings table of a run's page and a backtest's alike (``reportpage``, ``backtestpage``): one owner of how a
setting's value is written there (plain values, a list as a list: ``[0.1, 0.5, 0.9]``, never a Python tuple's
``(0.1, 0.5, 0.9)``), of the notes that say where the page's forecasts are of a setting otherwise than its name says
(``nonnegative``: every forecast written and scored clipped at 0), and of the id column's text (a key's columns as
``item_id,store_id``, as ``--id-col`` takes them)."""

from __future__ import annotations

from rnncast.serieskeys import text as key_text
from rnncast.settingvalues import plain_values


def notes(settings: dict, future_covariates=(), found_holidays=None) -> dict:
    """``{setting: note}`` of the ``settings`` (a Forecaster's params, or config.json's) that the run or backtest did
    not use as their name suggests, or whose effect the page's forecasts carry: ``loss`` beside quantiles,
    ``test_frac`` beside a ``cutoff``, ``future_known`` beside named ``future_covariates``, ``nonnegative``'s clip,
    ``holidays`` found from the data (``found_holidays``: the calendar's set where none was given)."""
    said = {}
    if settings.get("quantiles"):
        said["loss"] = "not used: a quantile head trains on the pinball loss"
    if settings.get("cutoff") is not None:  # the test rows are those after it (decision 2126)
        said["test_frac"] = "not used: the cutoff sets each series' test rows"
    if future_covariates and not settings.get("future_known"):
        said["future_known"] = "the future-known covariates were named by future_covariates instead"
    if settings.get("nonnegative"):  # what the forecasts and scores on this page are of
        said["nonnegative"] = "every forecast written and scored clipped at 0"
    if settings.get("upper") is not None:  # decision 2257
        said["upper"] = f"every forecast written and scored clipped at {settings['upper']:g}"
    if settings.get("holidays") is None and found_holidays:  # found: decision 115
        said["holidays"] = f"{found_holidays} found from the data"
    return said


def rows(settings: dict, said: dict, leave=()) -> list[list[str]]:
    """``[name, value]`` of every setting but those of ``leave``, the value as plain data (``plain_values``; a tuple
    as a list) with its note of ``said`` (``notes``) in brackets."""
    def shown(value):
        return repr(list(value) if isinstance(value, tuple) else value)
    return [[k, shown(v) + (f" ({said[k]})" if k in said else "")]
            for k, v in plain_values(settings).items() if k not in leave]


def id_column(id_col) -> str:
    """The id column as the settings table writes it: its name, or a key's columns as one text (``item_id,store_id``)."""
    return key_text(id_col) if isinstance(id_col, (list, tuple)) else str(id_col)
