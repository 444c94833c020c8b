"""The Parquet type of a data file's time column (``date32``, ``timestamp[ns, tz=UTC]``), for predict's Parquet
forecast to write its time and ``cutoff`` columns back in it (decision 2187): rnncast reads every time as
microseconds (decision 105), and a forecast written so would not join the data it came from (Polars refuses a
``date`` beside a ``datetime[μs]``). A CSV data file has no such type: its forecast is written as before."""

from __future__ import annotations

from pathlib import Path

from rnncast import datasetfolder


def source_types(path, columns) -> dict:
    """``{column: pyarrow type}`` for each of ``columns`` the Parquet data at ``path`` (a file, or a dataset folder:
    ``datasetfolder``) holds as a date or timestamp; ``{}`` for a CSV file, a zip archive or a file whose schema does
    not read (it was read already: its refusal was said there)."""
    import pyarrow as pa

    path = Path(path)
    if not (datasetfolder.is_dataset(path) or path.suffix.lower() in (".parquet", ".pq")):
        return {}
    try:
        schema = datasetfolder.schema(path)
    except (OSError, pa.ArrowException):
        return {}
    return {name: schema.field(name).type for name in columns if name is not None and name in schema.names and
            (pa.types.is_date(schema.field(name).type) or pa.types.is_timestamp(schema.field(name).type))}


def cast_back(table, types: dict):
    """The pyarrow ``table`` with each column of ``types`` cast to its type, where the cast keeps every value (a
    cast back gives the same times: a date holds midnight alone, seconds no fraction) and a timestamp keeps its time
    zone; else that column as it is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for name, kind in types.items():
        if name not in table.column_names:
            continue
        at = table.column_names.index(name)
        column = table.column(at)
        if not pa.types.is_timestamp(column.type) or kind == column.type:
            continue
        if pa.types.is_timestamp(kind) and kind.tz != column.type.tz:
            continue  # another zone's clock: not this column's times
        try:
            cast = column.cast(kind)
            same = pc.all(pc.equal(cast.cast(column.type), column)).as_py() in (True, None)  # None: every value null
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            continue
        if same:
            table = table.set_column(at, pa.field(name, kind, table.schema.field(at).nullable), cast)
    return table
