"""How a CSV file writes its values where not as pandas writes CSV (``;`` between them and decimal commas, a byte-order
mark, CR LF line ends, Excel's ``sep=;`` line): ``Dialect``, and ``dialect_of``, which finds it in the attrs a file was
read with, for ``csvtext.csv_text`` to write the file's forecasts in it.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from rnncast import csvmarks, fixeddecimals, numbertext
from rnncast.sheetcsv import SEP_LINE

PLAIN = (",", ".", None, False, "\n")  # a Dialect's sep, decimal, thousands, bom and line_end as pandas writes CSV


class Dialect(NamedTuple):
    """How a CSV file other than ``,``-separated with ``.`` decimals, LF line ends and no byte-order mark writes
    its values: ``sep`` between them (``;``, a tab, ``|``), ``decimal`` ("," or ".") in numbers, ``source`` the
    file's name; ``thousands``: the mark its numbers were read with (``csvmarks``; forecasts are written
    without), ``bom``: it begins with UTF-8's byte-order mark, ``line_end``: its line terminator."""

    sep: str
    decimal: str
    source: str
    thousands: str | None = None
    bom: bool = False
    line_end: str = "\n"
    decimals: tuple = ()  # ((column, k), ...): columns whose every number the file writes with k decimals (986,00)
    unnamed: tuple = ()  # columns the file's header leaves without a name ('Unnamed: 0'): written so, ',sales'
    sep_line: bool = False  # the file begins with Excel's line naming its separator (sep=;): a forecast file too

    @property
    def said(self) -> str:
        """The dialect in words: ``separated by ';', with decimal commas (0,5)``, and its byte-order mark, CR LF
        line ends and thousands separators (not written) where it has them."""
        mark = "decimal commas (0,5)" if self.decimal == "," else "decimal points (0.5)"
        marks = [w for w, has in (("a UTF-8 byte-order mark", self.bom), ({"\r\n": "CR LF line ends", "\r": "CR line ends"}.get(
            self.line_end), self.line_end != "\n"), (f"Excel's first line 'sep={self.sep}'", self.sep_line)) if has]
        thousands = f", without thousands separators ({self.thousands!r} in the file)" if self.thousands else ""
        return f"separated by {self.sep!r}, with {', '.join([mark, *marks])}{thousands}"


def dialect_of(frame: pd.DataFrame) -> Dialect | None:
    """The ``Dialect`` of the CSV file ``frame`` was read from (``data.read_table``'s attrs), None where it was
    no CSV file or is written with ``,`` and ``.``. Its decimal mark: "," where numbers were read with decimal
    commas (``numbertext.read``); "." where a number read has decimals written with a point; where none has
    decimals, "," after ``;`` (the separator of the locales whose decimal mark is the comma: Excel's there,
    R's ``write.csv2``), else "."."""
    sep = frame.attrs.get("separator")
    if sep is None:
        return None
    decimal = frame.attrs.get(numbertext.DECIMAL)
    if decimal is None:
        points = any(pd.api.types.is_float_dtype(frame[c]) and (_finite(frame[c]) % 1 != 0).any() for c in frame.columns)
        decimal = "," if sep == ";" and not points else "."
    dialect = Dialect(sep, decimal, str(frame.attrs.get("source", "the data")), frame.attrs.get(csvmarks.THOUSANDS),
                      bool(frame.attrs.get(csvmarks.BOM)), frame.attrs.get(csvmarks.LINE_END, "\n"),
                      tuple(frame.attrs.get(fixeddecimals.DECIMALS, {}).items()), tuple(frame.attrs.get(csvmarks.UNNAMED, ())),
                      bool(frame.attrs.get(SEP_LINE)))
    return None if (*dialect[:2], *dialect[3:6]) == PLAIN and not (dialect.decimals or dialect.unnamed or dialect.sep_line) \
        else dialect


def _finite(column: pd.Series) -> np.ndarray:
    values = column.to_numpy(dtype=np.float64, na_value=np.nan)
    return values[np.isfinite(values)]
