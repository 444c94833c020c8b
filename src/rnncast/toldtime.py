"""A model fitted with ``time_col=False`` (``--no-time-col``): the caller's word kept in ``model.json`` as
``"no_time_col": true`` and read back, so that predict, evaluate, a backtest of the run and compare read a table
as fit did: its rows numbered, a column that looks like time (real dates the caller told fit to pass over) one no
role takes. A model saved before it was kept has no key: its data is read as before (time found by name, type or
values; decision 708).
"""

from __future__ import annotations

from rnncast.errors import short

KEY = "no_time_col"  # model.json's key, written only where fit was told the table has no time column


def saved(meta: dict) -> bool:
    """Whether ``meta`` (a ``model.json``) says fit was told the table has no time column: absent (every model
    saved before it was kept, and one fitted without the word) is False. Raises ``ValueError`` for a value fit
    never writes (``"yes"``, ``false``) or one beside a time column (a hand edit), which ``FittedState.read`` names."""
    if KEY not in meta:
        return False
    value = meta[KEY]
    if value is not True:
        raise ValueError(f"{KEY} must be true or absent, got {short(value)}")
    if meta.get("time_col") is not None:
        raise ValueError(f"{KEY} is true (fit was told the table has no time column), but time_col is "
                         f"{short(meta['time_col'])}")
    return True


def written(told_none: bool) -> dict:
    """``model.json``'s entry of it: ``{"no_time_col": True}`` where fit was told so, else none (as before)."""
    return {KEY: True} if told_none else {}


def time_col(state):
    """What a fitted model reads new data's time with (``load_panel``'s ``time_col``): ``False`` where fit was
    told the table has none, else the fit's time column (None: found as fit found none, and a table that has one
    is refused by name, ``modeltimes``)."""
    return False if state.no_time_col else state.time_col


def no_time(state) -> str:
    """How predict's line on numbered rows begins: why the data is read without time."""
    return ("the data is read without a time column, as fit was told (time_col=False, --no-time-col)"
            if state.no_time_col else "the data has no time column")


def page_text(time_col, told: bool) -> str:
    """The pages' "time column" of a run or a backtest: its name, else that the rows were numbered, by the user's word
    (``told``: time_col=False) or for want of a time column (decision 714)."""
    if time_col is not None and time_col is not False:  # a column named 0 is a name
        return str(time_col)
    return "(none, as told: time_col=False; rows numbered)" if told else "(none: rows numbered)"
