"""A flag that names columns (``--features``, ``--past-covariates``): one value is CSV text (``temp,"vent, km/h"``:
quotes keep a comma inside a name), a repeated flag gives one whole name per value (``column_names``); ``ColumnNames``
is its argparse action, its names parsed after every occurrence. It imports nothing of rnncast, so the command line's
parser is built without torch or pandas.
"""

from __future__ import annotations

import argparse
import csv


def column_names(given: list[str], all_ok: bool = False) -> list[str] | str:
    """The column names of a flag given ``given`` (its values, in order): one value is CSV text
    (``temp,"vent, km/h"``: quotes keep a comma inside a name), a repeated flag gives one whole name
    per value. ``'all'`` alone is kept as ``"all"`` where ``all_ok`` (quoted, ``'"all"'``, it is the column of that name,
``["all"]``). Raises ``ValueError`` naming a
    blank name or broken quoting; a name given twice is refused where the API and config files refuse it too
    (``namelists.check_lists``)."""
    if len(given) == 1:
        text = given[0]
        try:
            rows = list(csv.reader([text], skipinitialspace=True, strict=True))
        except csv.Error as err:
            raise ValueError(f"cannot read {text!r} as comma-separated names ({err}); put a name that holds a comma "
                             "in double quotes, e.g. 'temp,\"vent, km/h\"'") from None
        names = rows[0] if len(rows) == 1 else []
        if len(rows) > 1:
            raise ValueError(f"{text!r} spans more than one line; give column names on one line")
        if not names or any(not name.strip() for name in names):
            raise ValueError(f"a blank column name in {text!r}; name every column, comma-separated")
    else:
        names = list(given)
        blank = [i + 1 for i, name in enumerate(names) if not name.strip()]
        if blank:
            raise ValueError(f"a blank column name (the flag's value number {blank[0]} of {len(names)}); name every column")
    if all_ok and names == ["all"] and len(given) == 1 and given[0].strip().startswith('"'):
        return names  # '"all"' quoted: the column named so, never the keyword
    if all_ok and "all" in names:
        if len(names) > 1:
            raise ValueError(f"'all' (every numeric column) stands alone, not among names (given: {', '.join(names)}): "
                             "give all by itself, or name the columns without it (a column named 'all' among them: name them with "
                             "--past-covariates or --future-covariates)")
        return "all"
    return names


class ColumnNames(argparse.Action):
    """A flag that names columns: its parsed names (``column_names``) after every occurrence."""

    def __init__(self, option_strings, dest, all_ok: bool = False, **kwargs):
        self.all_ok = all_ok
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        given = [*getattr(namespace, "_given_" + self.dest, ()), values]
        setattr(namespace, "_given_" + self.dest, given)
        try:
            setattr(namespace, self.dest, column_names(given, self.all_ok))
        except ValueError as err:
            raise argparse.ArgumentError(self, str(err)) from None
