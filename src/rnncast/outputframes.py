"""The library predict's forecast frame comes back in: pandas (the default), or Polars where asked with
scikit-learn's ``set_output(transform="polars")`` (decision 2229). A Polars frame keeps the data's types where every
value holds in them: its time and ``cutoff`` columns in the time column's type (a ``Date`` stays ``Date``, ``ns``
stays ``ns``, a zone is kept), its ids in the id column's (an ``Enum`` stays that ``Enum``, ``UInt32`` stays
``UInt32``), by the cast decision 2187 made for predict's Parquet forecast (``parquettimes.cast_back``); one series'
time, the pandas frame's index, is its first column (Polars has no index); a pandas Period its start time (Polars
has no periods)."""

from __future__ import annotations

import importlib.util

from rnncast.checkedcalls import checked_methods
from rnncast.errors import RnncastError

TRANSFORMS = ("default", "pandas", "polars")  # scikit-learn's set_output values; "default": rnncast's, pandas


@checked_methods()  # set_output(transfrom="polars"): the nearest keyword named, not Python's TypeError
class Outputs:
    """``set_output``: the library a Forecaster gives predict's forecast in (a base of ``Forecaster``)."""

    def set_output(self, *, transform=None):
        """Give ``predict``'s forecast as a pandas DataFrame (``"default"``, ``"pandas"``) or a Polars DataFrame
        (``"polars"``), as scikit-learn's ``set_output`` (None: unchanged). Returns ``self``. Kept by
        ``sklearn.base.clone`` (its ``_sklearn_output_config``), not by ``save``: a loaded model gives pandas.
        Polars: the time and ``cutoff`` columns in the data's time type and the ids in the data's id type where
        they hold every value, one series' time as its first column (the pandas frame's index), the attrs dropped
        (``not_forecast``: read it from ``set_output(transform="pandas")``'s frame). Raises ``RnncastError`` for
        another value, or ``"polars"`` where Polars is not installed. Other outputs (``backtest``'s ``forecasts``,
        ``predict_windows``' ``to_frame``) stay pandas: ``pl.from_pandas(frame.reset_index())``."""
        if transform is None:
            return self
        if not isinstance(transform, str) or transform not in TRANSFORMS:
            raise RnncastError(f"set_output(transform=...) takes {', '.join(map(repr, TRANSFORMS))} or None, "
                               f"got {transform!r}")
        if transform == "polars" and importlib.util.find_spec("polars") is None:
            raise RnncastError("set_output(transform='polars') needs Polars, which is not installed: pip install polars")
        self._sklearn_output_config = {"transform": transform}
        return self

    def _output(self, frame, data):
        """``frame`` (predict's pandas forecast of ``data``) in the library ``set_output`` chose."""
        if getattr(self, "_sklearn_output_config", {}).get("transform") != "polars":
            return frame
        return as_polars(frame, data, self.state_)


def as_polars(frame, data, state):
    """``frame``, a pandas forecast of ``data`` by the model of ``state`` (``state.FittedState``), as a Polars
    DataFrame: its index (one series' time) a column, the time, ``cutoff`` and id columns cast to ``data``'s types
    where they hold every value (``parquettimes``)."""
    import polars as pl
    import pyarrow as pa

    from rnncast import parquettimes

    import pandas as pd

    table = frame.reset_index() if frame.index.name is not None else frame.copy()
    for name in table.columns:  # Polars has no periods: a pandas Period its start time (to_timestamp)
        if isinstance(table[name].dtype, pd.PeriodDtype):
            table[name] = table[name].dt.to_timestamp()
    ids = state.id_col if isinstance(state.id_col, (list, tuple)) else [state.id_col]
    fields = parquettimes.given_fields(data, [state.time_col, *ids])
    types = {name: fields[name] for name in ids if name in fields}
    if state.time_col in fields:
        types.update({state.time_col: fields[state.time_col], "cutoff": fields[state.time_col].type})
    arrow = pa.Table.from_pandas(table, preserve_index=False)
    arrow = parquettimes.cast_back(arrow.replace_schema_metadata(None), types)  # pandas' metadata: not Polars'
    return pl.from_arrow(arrow)
