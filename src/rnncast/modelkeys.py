"""What a ``model.json`` must be before its fields are read (``FittedState.read``, ``checkpoint``): of a format
version this rnncast reads, holding only the keys rnncast writes, its column lists lists of names.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from rnncast import formatversions
from rnncast.errors import RnncastError


def check_version(meta: dict, where) -> int:
    """The format version of a ``model.json`` (one of ``MODEL_READS``); one this rnncast does not read is refused,
    naming ``where``."""
    return formatversions.check(meta.get("format_version"), formatversions.MODEL_READS, "model", where)


# model.json's keys: those ``FittedState.meta`` writes, checkpoint.write_model's beside them (format, version, network,
# checksum), Forecaster.save's history, and those of models written before many series (step, scaler, split, train_mean)
KEYS = frozenset({"format", "rnncast_version", "network", "weights_sha256", "description_sha256",
                   "history", "format_version", "params",
                   "layout", "ids", "id_col", "targets", "features", "past_covariates", "future_covariates", "time_col",
                   "calendar", "calendars", "scalers", "splits", "train_means", "mase_scales", "train_spreads", "static",
                   "skipped_series", "train_seconds", "borders", "highway_start", "unused", "series_all", "epoch_draw",
                   "untrained_loss", "diverged_epoch", "tuple_params",
                   "same_step", "later_rows", "yearly_season", "squeezed", "value_ranges", "fit_rows", "test_overlap", "across_gaps", "scale_by", "no_time_col", "mase_zero", "mase_pairs", "scale_rows", "cutoffs", "test_scores", "target_scores", "climatology", "id_dtype", "key_dtypes", "scaler", "split", "train_mean", "step"})
DESCRIBED = "description_sha256"  # model.json's checksum of its own data (checkpoint writes it)
NAMES = ("targets", "features", "past_covariates", "future_covariates")  # lists of column names


def sealed(meta: dict) -> bool:
    """Whether ``meta`` carries its own checksum (``DESCRIBED``) and it holds: as the rnncast that wrote it wrote it."""
    from rnncast.weightfile import description_sha256
    return isinstance(meta.get(DESCRIBED), str) and meta[DESCRIBED].lower() == description_sha256(meta, DESCRIBED)  # as weightfile reads it


def check_keys(meta: dict, where) -> None:
    """Refuse, naming ``where`` and the key, a key no model.json holds (a hand edit: it would be passed over unread;
    where the description's own checksum holds, a newer rnncast's key: said to upgrade)
    and a column list written as one name ("targets": "sales", read as its letters)."""
    unknown = sorted(str(key) for key in meta if key not in KEYS)
    if unknown and sealed(meta):  # its own checksum holds: keys a newer rnncast wrote, not an edit (decision 1590)
        raise RnncastError(f"the model description in {where} holds {', '.join(map(repr, unknown[:3]))}"
                           f"{', ...' if len(unknown) > 3 else ''}, which this rnncast does not know: it was written by "
                           f"a newer rnncast ({meta.get('rnncast_version')}): upgrade rnncast to read it")
    if unknown:
        raise RnncastError(f"the model description in {where} is hand-edited: it holds {', '.join(map(repr, unknown[:3]))}"
                           f"{', ...' if len(unknown) > 3 else ''}, which no model.json rnncast writes holds; remove it")
    for key in NAMES:
        value = meta.get(key, [])
        if not isinstance(value, list) or not all(isinstance(name, (str, int)) and not isinstance(name, bool)
                                                  for name in value):  # an array's columns: their positions
            raise RnncastError(f"the model description in {where} is hand-edited: its {key!r} is {str(value)[:80]!r}, "
                               f"not a list of column names (such as [\"y\"])")


class Noted(dict):
    """A ``model.json``'s entries that remember the last key read (``last``; None before any, or where no one entry
    can be told): the one ``FittedState.read`` names where a value is not of the kind rnncast writes (decision 1653),
    not the inner exception's text ("Split.__init__() missing 2 required positional arguments"). An entry that is a
    mapping is given as one that names its key again where its own items are read, so a value read early and used
    later (``static``'s inputs reshaped after ``train_spreads`` is read) is still named as itself (decision 1670)."""

    last = None

    def __getitem__(self, key):
        self.last = key
        return self._entry(key, super().__getitem__(key))

    def get(self, key, default=None):
        self.last = key
        return self._entry(key, super().get(key, default))

    def _entry(self, key, value):
        return _Entry(self, key, value) if type(value) is dict else value


class _Entry(dict):
    """An entry of ``Noted`` that is a mapping: reading its items names its key in the whole (``Noted.last``)."""

    def __init__(self, whole: Noted, key, value: dict):
        super().__init__(value)
        self.whole, self.key = whole, key

    def __getitem__(self, key):
        self.whole.last = self.key
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.whole.last = self.key
        return super().get(key, default)


def not_of_kind(err: Exception, last) -> str:
    """Why ``FittedState.read`` refuses a value of a ``model.json`` (``err``, raised reading its entry ``last``):
    ``err``'s words where a reader of rnncast's raised it (its own refusal: "later_rows must be null or ..."), else
    the entry named ("its 'splits' entry is not of the kind rnncast writes") with what to do, not the words of pandas
    or of a call (``Invalid frequency: ZZ. Failed to parse with error message: ValueError(...)``: decision 1653)."""
    inner = Path(traceback.extract_tb(err.__traceback__)[-1].filename)
    if last is None or (inner.parent == Path(__file__).parent and inner.name != "state.py"):
        return f"a value is not of the kind rnncast writes ({str(err)[:300] or type(err).__name__})"
    return (f"its {str(last)[:80]!r} entry is not of the kind rnncast writes; restore model.json from a copy, or train "
            "the model again")
