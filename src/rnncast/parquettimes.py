"""The Parquet type of a data file's time column (``date32``, ``timestamp[ns, tz=UTC]``), for predict's Parquet
forecast to write its time and ``cutoff`` columns back in it (decision 2187): rnncast reads every time as
microseconds (decision 105), and a forecast written so would not join the data it came from (Polars refuses a
``date`` beside a ``datetime[μs]``). A CSV data file has no such type: its forecast is written as before. The same
cast gives a Polars forecast frame (``outputframes``) its data's time and id types, a Polars Enum's too (its field's
metadata): ``given_fields`` reads them from a table as given (decision 2229)."""

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


def given_fields(data, columns) -> dict:
    """``{column: pyarrow field}`` of each of ``columns`` that the table ``data`` holds, as it was given: a table
    with ``__arrow_c_stream__`` (Polars, pyarrow: its schema), a pandas DataFrame (its columns and named index, as
    pyarrow types them), a Parquet file's or dataset folder's path (its schema); ``{}`` for anything else (a CSV
    file, an array) or a schema that does not read."""
    import pandas as pd
    import pyarrow as pa

    try:
        if isinstance(data, pd.DataFrame):
            head = data.iloc[:0]
            schema = pa.Schema.from_pandas(head.reset_index() if head.index.name is not None else head, preserve_index=False)
        elif hasattr(data, "__arrow_c_stream__") and not isinstance(data, pa.RecordBatchReader):  # a reader: read once
            schema = pa.table(data).schema
        elif isinstance(data, (str, Path)) and (datasetfolder.is_dataset(Path(data)) or
                                                Path(data).suffix.lower() in (".parquet", ".pq")):
            schema = datasetfolder.schema(Path(data))
        else:
            return {}
    except (OSError, TypeError, ValueError, pa.ArrowException):  # read already: its refusal was said there
        return {}
    return {str(name): schema.field(name) for name in columns if name is not None and name in schema.names}


def _decoded(column):
    import pyarrow as pa

    return column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column


def _key(kind) -> bool:  # a series id's type: text, categories (a dictionary), integers
    import pyarrow as pa

    return (pa.types.is_dictionary(kind) or pa.types.is_integer(kind) or pa.types.is_string(kind)
            or pa.types.is_large_string(kind) or getattr(pa.types, "is_string_view", bool)(kind))  # pyarrow 16+


def cast_back(table, types: dict):
    """The pyarrow ``table`` with each column of ``types`` cast to its type (a ``pa.Field``: its type, and its
    metadata kept on the column: a Polars Enum's categories), where the cast keeps every value (a cast back gives the
    same times: a date holds midnight alone, seconds no fraction; the same ids) and a timestamp keeps its time zone;
    a timestamp column to a time type, an id's (text, categories, integers) to an id's; else that column as it is."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for name, kind in types.items():
        if name not in table.column_names:
            continue
        field = kind if isinstance(kind, pa.Field) else None
        kind = field.type if field is not None else kind
        at = table.column_names.index(name)
        column = table.column(at)
        if kind == column.type and (field is None or not field.metadata):
            continue
        if pa.types.is_timestamp(column.type):
            if not (pa.types.is_timestamp(kind) or pa.types.is_date(kind)) or getattr(kind, "tz", column.type.tz) != column.type.tz:
                continue  # no time type (text), or another zone's clock: not this column's times
        elif not (_key(column.type) and _key(kind)):
            continue
        try:
            cast = column.cast(kind)
            same = pc.all(pc.equal(_decoded(cast.cast(column.type)), _decoded(column))).as_py() in (True, None)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):  # None above: every value null
            continue
        if same:
            kept = field.metadata if field is not None else None
            table = table.set_column(at, pa.field(name, kind, table.schema.field(at).nullable, kept), cast)
    return table
