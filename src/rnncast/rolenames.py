"""The columns a caller's keywords (and their flags) name, refused in words where they cannot be meant as given: a
column named by two keywords (``features`` and ``past_covariates``), said by both keywords and flags, not as a Python
list; and a name holding commas whose parts are the file's columns (``a,b`` from ``--features a,b --features c``: a
flag given more than once takes each value whole), said in the flag's words beside Python's (decision 739). Names
handed over as a ``pd.Index`` (``df.columns[:2]``) or a 1-D array of text are the list they hold (``as_list``); a
column of a series key of several named by a role too is refused as an id column is (``key_part``). A fitted model's
roles are said in the words they are given by (``trained_on``), and 'all' given to a role that takes none
(``not_all``) says what takes every other column instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import config_named, hint, listing, shell_names


def flagged(keyword: str) -> str:
    """``features= (--features)``: a keyword and the flag that gives it; ``features (in config c.toml)`` where a config
    file gave it (``spelling.in_config``), not a flag the user never gave."""
    return config_named(keyword) or f"{keyword}= (--{keyword.replace('_', '-')})"


def as_list(value):
    """``value`` as a list where it is names in a form that holds a list of them: a ``pd.Index`` (``df.columns[:2]``,
    not a MultiIndex, whose labels are tuples) or a 1-D NumPy array of text (``np.array(['item_id', 'store_id'])``);
    else as given (an array of numbers or of several dimensions is data, refused as such where a name is needed)."""
    if isinstance(value, pd.Index) and not isinstance(value, pd.MultiIndex):
        return value.tolist()
    if isinstance(value, np.ndarray) and value.ndim == 1 and all(isinstance(v, str) for v in value.tolist()):
        return value.tolist()
    return value


def one_role(**named) -> None:
    """Refuse the first column that two of the keywords ``named`` (keyword -> its column names) name, saying which:
    ``column 'x' is named by features= (--features) and past_covariates= (--past-covariates)``."""
    every = [c for value in named.values() for c in value]
    twice = next((c for i, c in enumerate(every) if c in every[:i]), None)
    if twice is not None:
        held = [flagged(k) for k, value in named.items() if twice in value]
        raise RnncastError(f"column {twice!r} is named by {' and '.join(held)}; give each column one role")


def comma_name(keyword: str, label, columns) -> None:
    """Refuse ``label``, given to ``keyword`` and none of a file's ``columns``, where it holds commas and each of its
    parts is one of them: a flag given more than once (``--features a,b --features c``) took it whole, as Python takes a
    text. Said in the flag's words and Python's; a model's reader (``hints(column=...)``) names the model's columns,
    which are as they are, and is left to ``data.require_column``, as a table handed over in Python is."""
    parts = [p.strip() for p in str(label).split(",")]
    if len(parts) < 2 or not all(p in columns for p in parts) or hint("column", ""):
        return
    flag = "--" + keyword.replace("_", "-")
    raise RnncastError(f"column {str(label)!r} not found: {flagged(keyword)} took {str(label)!r} as one name, as a flag "
                       f"given more than once takes each of its values whole (and Python a text); to name "
                       f"{listing(parts)}, give {flag} {shell_names(*parts)}, or {flag} once per name ({keyword}={parts!r} "
                       "in Python)")


ROLE_WORDS = {"target": "the target", "features": "a covariate", "past_covariates": "a past covariate", "future_covariates":
              "a future covariate", "static_covariates": "a static covariate", "time_col": "the time column"}


def key_part(parts: list[str], roles: dict) -> None:
    """Refuse a column of the series key ``parts`` that a role of ``roles`` (keyword -> its names, a table or None)
    names too, as one id column named so is refused: it is part of the key and cannot be a value as well."""
    for keyword, value in roles.items():
        given = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
        if keyword == "features" and value == "all":
            continue
        if (both := next((p for p in parts if p in map(str, given)), None)) is not None:
            raise RnncastError(f"column {both!r} is part of the series key (id_col={parts!r}, --id-col "
                               f"{','.join(parts)}) and is named as {ROLE_WORDS.get(keyword, keyword)} ({keyword}=, "
                               f"--{keyword.replace('_', '-')}) too; give each column one role")


def trained_on(state) -> str:
    """The roles a fitted model (``state``: a ``FittedState``) read its data with, by the roles' own words: "target
    ['OT'], past covariates ['HUFL'] and future covariates ['hour', 'temp_fc']" (a wide model's "series [...]" first;
    static covariates read from the data's columns last; roles left empty unsaid), not "features" for covariates
    given by role (decision 1223)."""
    lead = f"series {state.ids}" if state.layout == "wide" else f"target {state.targets}"
    enc = state.static_encoder
    static = [] if enc is None or state.static_table else [*enc.numeric_names, *enc.categorical_names]
    parts = [lead] + [f"{word} {list(given)}" for word, given in (("past covariates", state.past_covariates), (
        "future covariates", state.future_covariates), ("static covariates", static)) if given]
    return f"{lead} and no covariates" if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


INSTEAD_OF_ALL = {  # what takes every other column where a role is given 'all'
    "target": "name the target column(s)",
    "past_covariates": "features='all' (--features all) takes every other numeric column as a past covariate",
    "future_covariates": "features='all' with future_known=True (--features all --future-known) takes every other "
                         "numeric column as a future covariate",
    "static_covariates": "name the static covariate columns, or give them as a table of their own (static_covariates=a "
                         "DataFrame, --static FILE)"}


def not_all(keyword: str, value, columns) -> None:
    """Refuse 'all' given to ``keyword``, a role that takes no 'all' (past_covariates='all', --future-covariates all),
    where the table's ``columns`` hold none of that name (a column 'all' is named so), saying what takes every other
    column instead: only features= and a wide table's series= take 'all' (decision 1223). A model's reader (its roles
    are the model's: a covariate it was fitted on named 'all') leaves it to ``data.require_column``."""
    if hint("column", ""):
        return
    given = [value] if isinstance(value, str) else list(value) if isinstance(value, (list, tuple)) else []
    if keyword in INSTEAD_OF_ALL and "all" in given and "all" not in {str(c) for c in columns}:
        raise RnncastError(f"{flagged(keyword)} does not take 'all' (features= and a wide table's series= do), and the "
                           f"table has no column 'all'; {INSTEAD_OF_ALL[keyword]}")
