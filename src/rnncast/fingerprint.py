"""What a resumed run checks its data against: a fingerprint of the panel a fit trains on.

A run that is resumed must train on, and be scored on, the data it started with: other rows re-split
would put rows the model trained on into its "test" split. ``of`` records the panel as read (columns
by role, series, rows, the range of times (shown as the data's calendar writes them, never compared), a hash
of each column's values (at float32, the network's precision, so a float32 frame and the CSV it writes are the
same data; and at float64, as records written before compared), of the times, the ids and the static covariates,
and which values were missing and filled: a value filled by hand is scored as observed, one ``fill`` made is not)
and, for the library's checkpoints, where each series was cut; ``difference`` says in words what differs between
two records, or None. The content is compared, never the path: the data may have moved. A record is plain JSON
(``config.json``, a checkpoint's metadata).
"""

from __future__ import annotations

import hashlib
import json
import re
import weakref

import numpy as np
import pandas as pd

from rnncast.panel import Panel
from rnncast.timetext import at_midnight, shown
from rnncast.zonenames import one_zone

VERSION = 1


def _digest(*parts: bytes) -> str:
    h = hashlib.blake2b(digest_size=8)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _times(time) -> str | None:
    if time is None:
        return None
    hashed = pd.util.hash_pandas_object(pd.Series(time), index=False).to_numpy()  # one uint64 per row
    return _digest(str(time.dtype).encode(), np.ascontiguousarray(hashed).tobytes())


def _times_zone(time) -> str | None:
    """The times' hash with their zone by the name the zone database resolves it to (``zonenames.one_zone``): data
    read with --tz UTC and with --tz Etc/UTC (a link of one zone) are the same times; None without a zone."""
    tz = getattr(getattr(time, "dtype", None), "tz", None)
    if tz is None:
        return None
    hashed = pd.util.hash_pandas_object(pd.Series(time), index=False).to_numpy()
    dtype = str(time.dtype).replace(str(tz), str(one_zone(str(tz))))
    return _digest(dtype.encode(), np.ascontiguousarray(hashed).tobytes())


def _times_ns(time) -> str | None:
    """The times' hash as rnncast recorded them before reading every time column in one unit (decision
    105): a DataFrame or Parquet file's times came in nanoseconds, so a run started on one recorded
    those; a resume of such a run compares against this one. None where the times are not datetimes
    in another unit, or do not fit nanoseconds."""
    unit = getattr(time, "unit", None)
    if unit is None or unit == "ns":
        return None
    try:
        return _times(time.as_unit("ns"))
    except (OverflowError, ValueError):
        return None


STATIC_DIFFERS = "its static covariates had other values"  # what ``difference`` says when only they changed


def _static(panel: Panel, dtype=np.float64) -> str | None:
    static = panel.static
    if static is None:
        return None
    numeric = np.ascontiguousarray(static.numeric, dtype=dtype).tobytes()
    labels = json.dumps([[str(v) for v in row] for row in static.categorical]).encode()
    return _digest(json.dumps(static.names).encode(), numeric, labels)


def _missing(panel: Panel) -> dict:
    """Per column, how many values were missing from the data as given and filled (``Panel.filled``),
    and a hash of where: a value filled by hand reads the same as one ``fill`` made, but only the
    latter is left out of the scores (decision 84). Rows ``drop`` removed are in ``rows`` already."""
    if panel.filled is None:
        return {name: [0, None] for name in panel.columns}
    made = np.asarray(panel.filled) != 0  # [N, C]
    return {name: [int(made[:, j].sum()), _digest(np.packbits(made[:, j]).tobytes()) if made[:, j].any() else None]
            for j, name in enumerate(panel.columns)}


def _count(n: int) -> str:
    return "none" if n == 0 else f"{n} missing value{'s' if n != 1 else ''}"


def of(panel: Panel, splits=None) -> dict:
    """The record of ``panel`` (as read, before series too short are left out); ``splits``: ``(id,
    windows.Split)`` of every series trained, or None to leave the cut out.

    A panel's content is hashed once: the command line records it for config.json before the fit,
    and the fit records it again with the cut for its checkpoint; the second call of the same panel
    object (alive, and not changed in place: a panel is never changed once read) reuses the first."""
    held = _TAKEN.get(id(panel))
    if held is None or held[0]() is not panel:
        held = (weakref.ref(panel), _content(panel))
        _TAKEN[id(panel)] = held
        weakref.finalize(panel, _TAKEN.pop, id(panel), None)  # the id may be reused once the panel is gone
    record = dict(held[1])
    if splits is not None:
        record["splits"] = [[None if i is None else str(i), int(sp.train_end), int(sp.val_end), int(sp.end)]
                            for i, sp in splits]
    return record


_TAKEN: dict = {}  # id(panel): (a weak reference to it, its record without the cut), of the panels alive


def _content(panel: Panel) -> dict:
    """``of``'s record of ``panel`` without the cut."""
    values = np.asarray(panel.values, dtype=np.float64)
    with np.errstate(over="ignore"):  # values beyond float32 (1e300) are inf there; the scaler refuses them by name
        values32 = values.astype(np.float32)  # the network's precision, as fitrows compares (decision 707)
    time = panel.time
    dated = time is not None and len(time) > 0 and pd.api.types.is_datetime64_any_dtype(time)
    return {
        "version": VERSION,
        "columns": list(panel.columns),
        "targets": list(panel.targets), "past": list(panel.past), "future": list(panel.future),
        "series": panel.n_series,
        "rows": int(len(values)),
        "first": str(time.min()) if time is not None and len(time) else None,
        "last": str(time.max()) if time is not None and len(time) else None,
        "midnight": bool(dated and at_midnight(time)),  # only shown: the first and last as dates (timetext.shown)
        "values": {name: _digest(np.ascontiguousarray(values[:, j]).tobytes()) for j, name in enumerate(panel.columns)},
        "values32": {name: _digest(np.ascontiguousarray(values32[:, j]).tobytes()) for j, name in enumerate(panel.columns)},
        "times": _times(time),
        "times_ns": _times_ns(time),
        "times_zone": _times_zone(time),
        "ids": _digest(json.dumps([None if i is None else str(i) for i in panel.ids]).encode()),
        "lengths": _digest(np.asarray(panel.lengths, dtype=np.int64).tobytes()),
        "static": _static(panel),
        "static32": _static(panel, np.float32),
        "missing": _missing(panel),
    }


STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")  # str() of a timestamp, as "first" and "last" keep it


def _time(text: str, midnight: bool) -> str:
    """A record's first or last time as messages show them (``timetext.shown``): ``2008-01-01`` where
    the data's times are all at midnight, not ``2008-01-01 00:00:00`` as the record keeps it."""
    if not STAMP.match(text):
        return text  # integer steps
    try:
        return shown(pd.Timestamp(text), bool(midnight))
    except ValueError:
        return text


def _rows(record: dict, midnight: bool | None = None) -> str:
    """Rows, series and span of a record; ``midnight``: whether its times are all at midnight, for a
    record written before it kept that (the other record's word)."""
    midnight = record.get("midnight", midnight)
    span = (f", {_time(str(record['first']), midnight)} to {_time(str(record['last']), midnight)}"
            if record.get("first") is not None else "")
    many = f" in {record['series']} series" if (record.get("series") or 1) > 1 else ""
    return f"{record.get('rows')} rows{many}{span}"


def _roles(record: dict) -> str:
    return (f"targets {record.get('targets')}" + (f", past covariates {record.get('past')}" if record.get("past") else "")
            + (f", future covariates {record.get('future')}" if record.get("future") else ""))


def _cut(entry: list) -> str:
    who = f"series {entry[0]!r}: " if entry[0] is not None else ""
    return f"{who}training rows to {entry[1]}, validation to {entry[2]}, test to {entry[3]}"


def unreadable(recorded) -> str | None:
    """Why a record cannot be compared with data (not a dict, or of a version other than ``VERSION``: written by
    another rnncast, or edited), in words ("its version is 2, where this rnncast reads 1"); None for one it reads.
    A caller whose refusal says "other data" asks this first: such a record tells nothing of the data (decision 1781)."""
    if not isinstance(recorded, dict):
        return f"it is {type(recorded).__name__}, not a record"
    version = recorded.get("version")
    if type(version) is not int or version != VERSION:  # true and 1.0 equal 1 in Python: not this record's 1 (decision 1843)
        found = f"its version is {json.dumps(recorded['version'], default=str)}" if "version" in recorded else "it has no version"
        return f"{found}, where this rnncast reads {VERSION}"
    return None


def unreadable_refusal(recorded, where: str, data: str, of: str, why: str, way_out: str) -> str | None:
    """The one refusal of every check that compares a run's data record with the data given (a run's config.json,
    a checkpoint, a tune study) where the record cannot be read (``unreadable``), so nothing is known of the data:
    "``where`` holds a data record (fingerprint) this rnncast cannot read (its version is 2, ...), so whether ``data``
    is the data ``of`` cannot be checked (``why``); ``way_out``"; None for a record this rnncast reads. Such a record
    is never called other data, which would ask for the data just given (decisions 1781, 1816)."""
    unread = unreadable(recorded)
    if unread is None:
        return None
    return (f"{where} holds a data record (fingerprint) this rnncast cannot read ({unread}: written by another rnncast "
            f"version, or edited), so whether {data} is the data {of} cannot be checked ({why}); {way_out}")


def difference(recorded: dict, found: dict) -> str | None:
    """What differs between the data a run started with (``recorded``) and the data given now
    (``found``), in words ("it had 2000 rows, ...; this data has 1500 rows, ..."); None when nothing does.
    A record of an unknown version is said to be unreadable rather than compared: its callers refuse it first, in
    ``unreadable_refusal``'s words."""
    if unreadable(recorded):
        return "its data record is of another rnncast version or damaged, so it cannot be compared"
    if any(recorded.get(k) != found[k] for k in ("columns", "targets", "past", "future")):
        return f"it had the columns {_roles(recorded)}; this data has {_roles(found)}"
    if recorded.get("series") != found["series"]:
        return f"it had {recorded.get('series')} series, this data has {found['series']}"
    if recorded.get("ids") != found["ids"]:
        return f"its {found['series']} series had other ids"
    for key, what in (("rows", ""), ("lengths", " (as many rows, spread otherwise over the series)"),
                      ("times", " (as many rows, at other times)")):
        if key == "times" and found.get("times_ns") is not None and recorded.get(key) == found["times_ns"]:
            continue  # recorded in nanoseconds, before decision 105: the same times
        if key == "times" and found.get("times_zone") is not None and recorded.get("times_zone") == found["times_zone"]:
            continue  # one zone by two names the zone database links (UTC, Etc/UTC): the same times
        if recorded.get(key) != found[key]:
            return f"it had {_rows(recorded, found.get('midnight'))}; this data has {_rows(found)}{what}"
    if isinstance(recorded.get("missing"), dict):  # a record written before the fill mask was kept: not checked
        for name in found["columns"]:
            old, new = recorded["missing"].get(name), found["missing"][name]
            if old != new:
                if old is None or old[0] == new[0]:
                    return (f"the run started with {_count(old[0] if old else 0)} in {name!r} (filled by fill=) and "
                            f"this data has as many, at other rows")
                return f"the run started with {_count(old[0])} in {name!r} (filled by fill=); this data has {_count(new[0])}"
    exact = "values32" not in recorded  # a record written before decision 707 kept float64 hashes only
    key = "values" if exact else "values32"
    changed = [name for name in found["columns"] if (recorded.get(key) or {}).get(name) != found[key][name]]
    if changed:
        names = ", ".join(repr(c) for c in changed)
        return f"it had the same {_rows(found)}, but other values in column{'s' if len(changed) > 1 else ''} {names}"
    if recorded.get("static" if exact else "static32") != found["static" if exact else "static32"]:
        return STATIC_DIFFERS
    old, new = recorded.get("splits"), found.get("splits")
    if old is not None and new is not None and old != new:
        if len(old) != len(new):
            return f"the same data, but {len(old)} series were trained then and {len(new)} would be now"
        a, b = next((a, b) for a, b in zip(old, new) if a != b)
        return (f"the same data, but cut elsewhere: it had {_cut(a)}; this fit has {_cut(b)} "
                "(val_frac, test_frac or split= differ)")
    return None
