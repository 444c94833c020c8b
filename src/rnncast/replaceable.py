"""What an existing file at predict's ``--out`` or export's ``--onnx`` is, since ``--overwrite`` replaces only an
output of the same command (``outputs.check_output_file`` asks here): a forecast as predict writes it, or an ONNX
model rnncast exported; anything else is said in a few words, for the refusal.

A forecast is told by its columns (a CSV or TSV file's header, a Parquet file's schema): a panel's forecast
(id, time, ``<target>_hat`` and its quantile columns) and a quantile model's (time, targets, ``<target>_q<level>``)
are headed as no data file is, with ``cutoff`` and ``step_ahead`` after the time (``ORIGIN``) or, as an rnncast before
decision 2144 wrote them, without, whichever model wrote them (below Excel's ``sep=;`` line where the data had one); a
point forecast of one series (time, targets) is headed as that series' data can be, so it must hold this model's targets and exactly its horizon's rows (a data
file that trained a model holds more); another's, or data, headed so is refused as either (``outputs.Held``: not "no
forecast"). A Parquet forecast carries predict's mark in its schema (``MARK``), which
any model's predict accepts. An ONNX model is rnncast's when its metadata holds ``rnncast_version`` (export
writes it). An empty file holds nothing to lose and is replaced. Each check reads a header or a footer, and counts
the lines of a file of at most 64 MiB whose header is no panel's or quantile model's forecast (a point forecast's
horizon, or the rows a refusal names)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rnncast import formatversions, idkeys, onnxpackages, parquettimes, serieskeys
from rnncast.outputs import Held
from rnncast.sheetcsv import EXCEL_SEP

MARK = b"rnncast"  # the key of predict's mark in a Parquet forecast's schema metadata: {"kind": "forecast"}
HEAD = 1 << 16  # the bytes read for a header
SEPARATORS = (",", ";", "\t")  # those predict writes: the data's dialect, or a .tsv file's tab
HISTORY = ("epoch", "train_loss", "val_loss")  # a run's history.csv begins so (EpochRecord's fields)
BY_SERIES = ("series", "windows", "best_baseline")  # the header of evaluate's, backtest's --by-series-csv (cli/byseries.py)
ORIGIN = ["cutoff", "step_ahead"]  # after the time in predict's forecast (decision 2144), as in forecasts.csv
COUNTED = 1 << 26  # the bytes whose lines are counted at most (64 MiB): a longer file is no forecast of one series


def forecast_parquet(table, types: dict | None = None) -> bytes:
    """``table`` (a forecast frame, no index) as pandas writes it to Parquet, with predict's mark in its schema (the
    schema pandas' own writer infers, with the mark as its metadata), each column of ``types`` (``{name: pyarrow
    type}``: the data's time column's, ``parquettimes.source_types``) in that type where it holds every value."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = parquettimes.cast_back(pa.Table.from_pandas(table, preserve_index=False), types or {})
    buffer = io.BytesIO()
    mark = {MARK: json.dumps({"kind": "forecast"})}  # beside pandas' own (dtypes, attrs), as pandas' writer keeps it
    pq.write_table(arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **mark}), buffer)
    return buffer.getvalue()


def forecast_refusal(path, state) -> str | None:
    """None where the file at ``path`` is a forecast as predict writes them (see the module): of any model, or of
    the model whose ``state.FittedState`` is ``state`` where its header is a point forecast's of one series; else
    what the file appears to be ("a table of 400 rows headed date, sales; this model's forecast is 1 row ...")."""
    path = Path(path)
    try:
        if path.stat().st_size == 0:
            return None
        if path.suffix.lower() == ".parquet":
            return _parquet(path, state)
        return _text(path, state)
    except OSError as err:
        return f"it cannot be read: {err.strerror or err}"


def forecast_header(state) -> list[str]:
    """The columns predict writes for the model of ``state`` (``forecasting.next_horizon``; a point forecast
    of one series is headed by its time as the data names it, ``row`` where it has none)."""
    from rnncast.data import ID_COLUMN

    levels = [f"{q:g}" for q in state.settings.model.quantiles]
    if state.layout == "single":
        return [state.time_col or "row", *ORIGIN, *state.targets, *(f"{t}_q{q}" for q in levels for t in state.targets)]
    return [state.id_col or ID_COLUMN, state.time_col or "ds", *ORIGIN,
            *(name for t in state.targets for name in (f"{t}_hat", *(f"{t}_q{q}" for q in levels)))]


def _bare(names: list) -> list:
    """``names`` without predict's ``ORIGIN`` columns where they follow the time (one series': its first column; a
    panel's: its second) and precede the forecasts (``<target>_hat``, or a point forecast of one series' targets, no
    ``_hat``: a run's test_forecasts.csv has the actual value first), so that a forecast is told as one of an rnncast
    before decision 2144 is; else as they are."""
    for at in (1, 2):
        after = str(names[at + 2]) if len(names) > at + 2 else ""
        if names[at:at + 2] == ORIGIN and (after.endswith("_hat") or not any(str(n).endswith("_hat") for n in names)):
            return names[:at] + names[at + 2:]
    return names


def _parquet(path: Path, state) -> str | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        held = pq.ParquetFile(path)  # the footer alone: schema, metadata, row counts
    except (pa.ArrowException, ValueError):
        return "its content is not Parquet"
    try:
        mark = json.loads((held.schema_arrow.metadata or {}).get(MARK, b"null"))
    except ValueError:
        mark = None
    if isinstance(mark, dict) and mark.get("kind") == "forecast":
        return None
    names, count = held.schema_arrow.names, held.metadata.num_rows
    judged = _judged(names, lambda: count, state, "a Parquet table")  # an earlier rnncast's, unmarked: by its columns
    if judged is None:
        return None
    unmarked = "its schema carries no rnncast forecast mark, which predict writes into every Parquet forecast"
    if not isinstance(judged, Held):
        return f"{judged}; {unmarked}"
    held_text = judged if judged.startswith("data") else f"a Parquet table of {_many(count, 'row')} headed {_listed(names)}"
    return Held(f"{held_text}, and {unmarked}", f"a Parquet file only where its schema carries that mark (one without "
                f"it, written by an rnncast before the mark, as a CSV forecast is told: {judged.replaced})")


def _text(path: Path, state) -> str | None:
    with open(path, "rb") as f:
        head = f.read(HEAD)
    try:
        text = head.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return "its content is not UTF-8 text"
    line, _, rest = text.partition("\n")
    sep_line = EXCEL_SEP.match(line.rstrip("\r")) is not None  # Excel's sep=; above the header: predict writes it too
    text = rest if sep_line else text
    headers = [next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), []) for sep in SEPARATORS]
    names = next((h for h in headers if _shape(h)), max(headers, key=len))  # a forecast's, or the most columns
    return _judged(names, lambda: (n - sep_line) if (n := _rows(path)) is not None else None, state, "a table")


def _judged(names: list, rows, state, what: str) -> str | None:
    """None where ``names`` head a forecast (``_shape``), or the point forecast of one series of the model of
    ``state`` with ``rows()`` its horizon; a ``Held`` where the file is headed as such a forecast of another model is,
    or data (time, then value columns: they cannot be told apart); else what the file appears to be."""
    given, names = names, serieskeys.collapsed(names, state.id_col)  # item_id, store_id: one id as _shape reads it
    bare = _bare(names)  # predict's cutoff and step_ahead set aside (decision 2144)
    if _shape(bare):
        return None
    horizon, single = state.settings.data.horizon, state.layout == "single"
    count = rows()
    if single and bare[1:] == list(state.targets) and count == horizon:
        return None
    held = f"{what} of {_many(count, 'row')}" if count is not None else what
    if names[:3] == list(HISTORY):  # a run's history.csv: epochs, not a forecast
        return f"a run's training history (history.csv), not a forecast: {held} headed {_listed(given)}"
    run = names[names.index("cutoff") + 1:][:2] if "cutoff" in names else []  # after the key's columns and time
    if run == ["window", "step_ahead"]:  # a backtest's forecasts.csv, keyed by any number of columns (decision 1768)
        return f"a backtest's forecasts (forecasts.csv), not predict's forecast: {held} headed {_listed(given)}"
    if run[:1] == ["step_ahead"] and any(str(n).endswith("_hat") for n in names):  # a run's test_forecasts.csv
        return f"a run's test forecasts (test_forecasts.csv), not predict's forecast: {held} headed {_listed(given)}"
    if names[1:3] == list(BY_SERIES[1:3]):  # its first column is the data's id column's name, or "series"
        return f"scores by series (rnncast evaluate or backtest --by-series-csv), not a forecast: {held} headed {_listed(given)}"
    if (single and state.time_col and names[:1] == [state.time_col] and set(state.targets) < set(names[1:])
            and count is not None and count > horizon):  # more rows and columns than a forecast of its targets
        return (f"data, not a forecast: {held} headed {_listed(given)}, this model's time column and "
                f"{'target' if len(state.targets) == 1 else 'targets'} among other columns")
    steps = horizon * (1 if single else len(state.ids))
    ours = f"{_many(steps, 'row')} headed {_listed(forecast_header(state))}"
    if count and len(bare) >= 2 and all(names):  # headed as a point forecast of one series is: time, then targets
        if state.layout != "single" and state.id_col in names:  # the panel model's own id column: its data, not a forecast
            return Held(f"data, not a forecast ({held} headed {_listed(given)}: the model's "
                        f"id column{'s' * bool(serieskeys.of_model(state.id_col, state.ids))} "
                        f"{idkeys.names_of(state.id_col, state.ids)} among them)", f"only forecasts headed as no data is, as this model's is ({ours})")
        told = (f"a forecast of one series only where it holds this model's targets and horizon ({_listed(state.targets)}, "
                f"{_many(horizon, 'row')}), which tell it from data" if single else
                f"only forecasts headed as no data is, as this model's is ({ours})")
        return Held(f"another model's forecast of one series (targets {_listed(bare[1:])}, {_many(count, 'row')}), or data "
                    f"headed as one ({what} headed {_listed(given)})", told)
    return f"{held} headed {_listed(given) or 'nothing'}; this model's forecast is {ours}"


def _shape(names: list) -> bool:
    """Whether ``names`` head a forecast no data file is headed as: a panel's (id, time, then ``<target>_hat``
    each followed by its ``<target>_q<level>`` columns, the same levels for every target) or a quantile model's of
    one series (time, the targets, then ``<target>_q<level>`` for every level and target, level by level)."""
    values = names[2:]
    if values and all(values) and values[0].endswith("_hat"):
        groups, levels = [], None
        for name in values:
            if name.endswith("_hat"):
                groups.append((name[:-4], []))
            elif (level := _level(name, groups[-1][0])) is not None:
                groups[-1][1].append(level)
            else:
                break
        else:
            if all(g[1] == groups[0][1] for g in groups):
                return True
    values = names[1:]
    for k in range(1, len(values)):
        first = _level(values[k], values[0])
        if first is None:
            continue
        rest, levels = values[k:], []
        if len(rest) % k == 0:
            levels = [_level(rest[j], values[0]) for j in range(0, len(rest), k)]
        return bool(levels) and None not in levels and rest == [f"{t}_q{q}" for q in levels for t in values[:k]]
    return False


def _level(name: str, target: str) -> str | None:
    """The level text of ``<target>_q<level>`` (``0.1``: a number between 0 and 1), else None."""
    if not name.startswith(f"{target}_q"):
        return None
    text = name[len(target) + 2:]
    try:
        return text if 0 < float(text) < 1 else None
    except ValueError:
        return None


def _rows(path: Path) -> int | None:
    """The rows below the header: the lines of a file of at most ``COUNTED`` bytes (CR LF, LF or CR ends), else None."""
    if path.stat().st_size > COUNTED:
        return None
    data = path.read_bytes()
    end = b"\n" if b"\n" in data else b"\r"
    return max(data.count(end) + (not data.endswith(end)) - 1, 0)


def _many(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _listed(names: list) -> str:
    shown = ", ".join(repr(n) if not n or "," in n else n for n in names[:8])
    return shown + (f" and {len(names) - 8} more columns" if len(names) > 8 else "")


def onnx_refusal(path) -> str | None:
    """None where ``path`` is an ONNX model rnncast exported (its metadata holds ``rnncast_version``), or empty;
    else what the file appears to be. Without the onnx package, None: export refuses before it writes anything; a
    module of that name that is not the package (a user's onnx.py) is a ``RnncastError`` naming it (onnxpackages)."""
    return judged_onnx(path)[0]


def newer_export(path) -> str | None:
    """Where the file at ``path`` is an ONNX model a newer rnncast exported (its metadata's ``format_version`` above
    the one this rnncast writes, ``formatversions.ONNX``), what it is in words ("an export of a newer rnncast (ONNX
    metadata format version 2, rnncast 0.2.0)"), for the one line ``export --overwrite`` says on replacing it
    (decision 1531); else None (another file, or one this rnncast cannot read: replaced or refused as before)."""
    return judged_onnx(path)[1]


_JUDGED: dict = {}  # the last file judged, by its path and stat: {key: answer} (judged_onnx)


def judged_onnx(path) -> tuple[str | None, str | None]:
    """``(onnx_refusal(path), newer_export(path))`` from one parse of the file: ``export --overwrite`` asks both, and
    the command line asks once before loading the model and ``export_onnx`` again: the last file's answer is kept while
    its path, inode, size and modification time stay the same (decision 1600), so it is parsed once; a file rewritten
    since is parsed again."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return _onnx_read(path)
    key = (str(path.resolve()), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key not in _JUDGED:
        answer = _onnx_read(path)
        _JUDGED.clear()
        _JUDGED[key] = answer
    return _JUDGED[key]


def _onnx_read(path: Path) -> tuple[str | None, str | None]:
    """``judged_onnx``'s answer, from the file read now."""
    try:
        with open(path, "rb") as f:
            first = f.read(1)
        if not first:
            return None, None
        onnx = onnxpackages.imported("onnx")  # a user's own onnx.py: RnncastError naming it, never "not ONNX"
    except ImportError:
        return None, None
    except OSError as err:
        return f"it cannot be read: {err.strerror or err}", None
    if first != b"\x08":  # a ModelProto begins with its ir_version (field 1, a varint), as every exporter writes it
        return "its content is not ONNX", None
    try:
        model = onnx.load(str(path), load_external_data=False)
    except Exception:  # noqa: BLE001  protobuf's DecodeError, onnx's own
        return "its content is not ONNX", None
    props = {entry.key: entry.value for entry in model.metadata_props}
    if "rnncast_version" not in props:
        made = " ".join(filter(None, (model.producer_name, model.producer_version))) or "an unnamed producer"
        return f"an ONNX model made by {made}, without the metadata rnncast's export writes", None
    version = formatversions.number(props.get("format_version"))
    if not (isinstance(version, int) and not isinstance(version, bool)) or version <= formatversions.ONNX:
        return None, None
    return None, (f"an export of a newer rnncast (ONNX metadata format version {version}, rnncast "
                  f"{props['rnncast_version']}; this one writes version {formatversions.ONNX})")
