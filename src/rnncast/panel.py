"""Many series in one structure: every series' rows back to back in one array.

A ``Panel`` holds the rows of every series back to back in one array [N, C] and the row where
each series starts, so windows stay views over one array; a single series is a panel of one.
Columns are ordered by role: targets, then past covariates (known up to the forecast time), then
future covariates (known over the horizon too). Static covariates are per-series attributes
(``static.Static``). ``loading.load_panel`` is the one path from a table to a panel.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from rnncast.errors import RnncastError
from rnncast.spelling import listed
from rnncast.seriesids import other_form
from rnncast.serieskeys import readable
from rnncast.static import Static
from rnncast.timecalendar import Calendar
from rnncast.timetext import shown

__all__ = ["Panel"]


@dataclass
class Panel:
    """Series of their own lengths and start times, stored back to back.

    Series ``s`` is rows ``offsets[s]:offsets[s + 1]`` of ``values`` and of ``time``. ``ids`` name
    the series as text (``[None]`` for a single series). ``layout``: single, long or wide.
    """

    values: np.ndarray  # [N, C] float64, original units: targets, past covariates, future covariates
    offsets: np.ndarray  # [S + 1] int64
    ids: list
    columns: list[str]
    n_targets: int
    n_past: int = 0
    time: pd.Index | None = None  # [N] DatetimeIndex, PeriodIndex or integer Index; None: rows are numbered
    calendar: Calendar = Calendar()
    id_col: str | None = None
    static: Static | None = None
    layout: str = "single"
    calendars: dict = field(default_factory=dict)  # {series: Calendar} of series that keep their own
    filled: np.ndarray | None = None  # [N, C] int32 of values made by fill: rows to the latest observed value each rests
    # on (negative: earlier, positive: later; 0: observed, fills.fill_missing); None: every value observed
    dropped_tail: dict = field(default_factory=dict)  # {series: (rows, last time)} rows fill 'drop' removed at its end
    zero_tail: dict = field(default_factory=dict)  # {series: steps} fill 'zero' wrote after its last row (zerotail)
    zeroed: np.ndarray | None = None  # [N, T] bool: the targets fill 'zero' wrote 0 for (scored as observed, so not in
    # ``filled``; the forecast tables' <target>_zero_filled); None: no value zero filled
    unused: list = field(default_factory=list)  # the table's columns no role took (layouts.not_used), as read
    series_all: bool = False  # wide: read with series='all', every numeric column a series (FittedState.series_all)
    given: pd.Index | None = None  # [S] the caller's ids (1, not '1') where they were not text; None: ids as given
    dialect: tuple | None = None  # the csvdialect.Dialect of the CSV file read (';' and decimal commas), its forecasts' too
    row_numbers: np.ndarray | None = None  # [N] the table's row of each value where rows are numbered without time and
    # the series share them (a wide table: a row is one step of every series); None: each series numbered from 0
    told_none: bool = False  # read with time_col=False: no time column, by the caller's word (a fit's model keeps it)
    written_offsets: pd.Series | None = None  # [rows of the table] the UTC offset each time was written with, by its
    # wall time, where the time column carried offsets and was read without tz= (writtenzones.by_wall); None otherwise
    target_least: dict | None = None  # {target: the least value the data gave of it, or None: none given} where the
    # target was stood in (featuresonly.stood_in: its values are not the data's); None: the values are the data's own
    key: object = None  # serieskeys.Key: the key columns the ids stand for (id_col=['item_id', 'store_id']); None: one
    blanks_left_out: int = 0  # rows with missing values left out before the rows predict reads (earlyblanks)
    calendar_covariates: str | list | None = None  # the setting whose columns end ``future``, computed from ``time``
    # (``calendarcovariates.add``, decisions 1983, 2024); None: every column is the data's own
    undated: list = field(default_factory=list)  # the model's series of the data given that predict leaves out as no
    # calendar dates their forecast (ids as held, ``reading.known``), for what names series not forecast (decision 2196)

    @property
    def n_series(self) -> int:
        return len(self.offsets) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)  # [S]

    @property
    def targets(self) -> list[str]:
        return self.columns[: self.n_targets]

    @property
    def past(self) -> list[str]:
        return self.columns[self.n_targets : self.n_targets + self.n_past]

    @property
    def future(self) -> list[str]:
        return self.columns[self.n_targets + self.n_past :]

    @property
    def computed(self) -> list[str]:
        """The last future covariates where they are computed from the timestamps (``calendar_covariates``: hour_sin,
        weekend, holiday_DE), whose values exist for any date; [] where none is (decision 2024)."""
        if self.calendar_covariates is None:
            return []
        from rnncast import calendarcovariates  # pandas' calendars and the holidays package: read on use

        made = calendarcovariates.columns(self.calendar_covariates)
        return made if made and self.columns[-len(made):] == made else []

    @property
    def given_future(self) -> list[str]:
        """The future covariates the data gives (``future`` without ``computed``): those a date without a row lacks."""
        return self.future[: len(self.future) - len(self.computed)]

    @property
    def n_given(self) -> int:
        """How many columns are the data's own (its targets and covariates): all but ``computed``, which end them. The
        checks of measured data (stuck, outlying, coded or constant values; values in another unit) weigh these
        alone: a computed column is no measurement (decision 2025)."""
        return len(self.columns) - len(self.computed)

    @property
    def features(self) -> list[str]:
        return self.columns[self.n_targets :]

    @property
    def time_col(self) -> str | None:
        return self.calendar.name if self.time is not None else None

    @property
    def times(self) -> list:
        """The time of every series (empty without time); sliced once per panel, kept while its time index and
        offsets are the same objects (a fit's report forecasts the validation and test parts: 20,000 series, seconds)."""
        if self.time is None:
            return []
        kept = self.__dict__.get("_times")
        if kept is None or kept[0] is not self.time or kept[1] is not self.offsets:
            kept = self.__dict__["_times"] = (self.time, self.offsets, [self.time_of(s) for s in range(self.n_series)])
        return list(kept[2])

    def rows(self, s: int) -> np.ndarray:
        return self.values[self.offsets[s] : self.offsets[s + 1]]  # [T_s, C], a view

    def read_spans(self, starts: np.ndarray, series: np.ndarray, width: int) -> dict[int, tuple[int, int]]:
        """{series: (first row, end row)} inside each series of the rows read by the windows of ``width`` rows from
        the stacked rows ``starts`` [W] of series ``series`` [W]; a series with no window is absent. Found once and
        handed to each check of the rows read (``missingcodes.units_read``, ``seriesscalers.say_unlearned``)."""
        local = np.asarray(starts, dtype=np.int64) - self.offsets[series]
        first, last = np.full(self.n_series, len(self.values), dtype=np.int64), np.zeros(self.n_series, dtype=np.int64)
        np.minimum.at(first, series, local)
        np.maximum.at(last, series, np.minimum(local + width, self.lengths[series]))  # a window past its end: enddates
        return {s: (int(first[s]), int(last[s])) for s in np.unique(series).tolist()}

    def time_of(self, s: int) -> pd.Index | None:
        return self.time[self.offsets[s] : self.offsets[s + 1]] if self.time is not None else None

    def when(self, s: int, i: int) -> str:
        """Where row ``i`` of series ``s`` is, as its user would find it: its time as the data writes it, else
        its row number (``numbered``)."""
        time = self.time_of(s)
        return shown(time[i], self.time, self.calendar.text_format) if time is not None else f"row {self.numbered(s)[i]}"

    def given_id(self, s: int):
        """Series ``s``'s id as the caller gave it (101, not '101'; text where it was text)."""
        return self.ids[s] if self.given is None else self.given[s : s + 1].tolist()[0]  # a Python value, not np.int64

    @property
    def given_ids(self) -> list:
        """Every series' id as the caller gave it (``given_id``), as Python values."""
        return list(self.ids) if self.given is None else self.given.tolist()

    @property
    def given_by_text(self) -> dict | None:
        """``{text: id}``: each series' id as the model keeps it (text) to the caller's (101), where the caller's
        were not text; None where they were (``FittedState.given_ids``, ``seriesids.skipped_as_given``)."""
        return dict(zip(self.ids, self.given_ids)) if self.given is not None else None

    def label(self, s: int) -> str:
        return "the series" if self.id_col is None else f"series {self.given_id(s)!r}"

    def named_columns(self, s: int) -> list:
        """Series ``s``'s columns as its table names them: a wide table's target is the series' own column (the
        model's 'y', the value column of long rows), its covariates shared; else ``columns``."""
        return [self.given_id(s)] + self.features if self.layout == "wide" else self.columns

    def calendar_of(self, s: int) -> Calendar:
        return self.calendars.get(s, self.calendar)

    def numbered(self, s: int) -> np.ndarray:
        """The numbers of series ``s``'s rows without time [T_s]: the table's rows where its series share them (a wide
        table's column that starts on row 40 is numbered from 40, as the rows of the others beside it), else 0, 1, ..."""
        if self.row_numbers is not None:
            return self.row_numbers[self.offsets[s] : self.offsets[s + 1]]
        return np.arange(self.lengths[s])

    def next_times(self, s: int, horizon: int) -> pd.Index:
        """The ``horizon`` time steps after series ``s`` ends (row numbers without time: ``numbered``'s, on from its
        last row)."""
        if self.time is None:
            first = int(self.numbered(s)[-1]) + 1 if self.lengths[s] else 0
            return pd.RangeIndex(first, first + horizon, name="row")
        return self.calendar_of(s).next(self.time[self.offsets[s + 1] - 1], horizon)

    def only(self, series) -> "Panel":
        """The panel of the one series whose id is ``series``, as the caller gave it (101) or as text ('101');
        ``RnncastError`` when it holds none such, when ``series`` is a list (or another collection) of ids, or when it
        is one series without ids (a model fitted on one reads so). A key of several columns: its values as a tuple
        (``('A', 1)``, as evaluate's ``series`` keys them) or its readable id (``'item_id=A, store_id=1'``)."""
        if self.key is not None and isinstance(series, tuple) and len(series) == len(self.key.parts):
            series = readable(self.key.parts, series)
        if isinstance(series, (list, tuple, set, frozenset, dict, np.ndarray, pd.Series, pd.Index)):
            ids = list(series)  # [True]: 'give series=True' was refused in turn; one in the data is advised alone
            held = len(ids) == 1 and any(_position(ids_, ids[0]) is not None for ids_ in (self.given_ids, self.ids)) \
                and not (_is_bool(ids[0]) and not any(map(_is_bool, self.given_ids)))
            how = (f"give series={ids[0]!r}" if held else f"give one id of those the data holds ({listed(self.given_ids)})"
                   if len(ids) == 1 else "call once per id, or leave series unset for every series")
            raise RnncastError(f"series= takes one series' id, not a list ({series!r}); {how}")
        given = self.given_ids
        if self.id_col is None and self.layout == "single":
            raise RnncastError(f"series={series!r} picks one series of a panel, but the model was fitted on one series "
                               "without ids, and reads the data so; leave series unset")
        at = next((i for i in (_position(given, series), _position(self.ids, series)) if i is not None), None)
        if at is None and _is_bool(series) and not any(map(_is_bool, given)):  # True is 1 to Python, not store 1
            raise RnncastError(f"series={bool(series)!r} is a bool, and the data's ids are not ({listed(given)}); give the "
                               "id of one series as the data writes it")
        if at is None:
            other_form([series], self.ids, "the series given", "the data")  # '부산' decomposed (NFD) in the file
            raise RnncastError(f"series {series!r} is not in the data; it holds {listed(given)}")
        return self.subset([at])

    def subset(self, keep) -> "Panel":
        """The panel of the series ``keep`` (positions), in that order; their rows are copied once."""
        keep = np.asarray(keep, dtype=np.int64)
        lengths = self.lengths[keep]
        rows = np.concatenate([np.arange(self.offsets[s], self.offsets[s + 1]) for s in keep]) if len(keep) else \
            np.zeros(0, dtype=np.int64)
        return Panel(self.values[rows], np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
                     [self.ids[s] for s in keep], self.columns, self.n_targets, self.n_past,
                     self.time[rows] if self.time is not None else None, self.calendar, self.id_col,
                     self.static.take(keep) if self.static is not None else None, self.layout,
                     {k: self.calendars[s] for k, s in enumerate(keep) if s in self.calendars},
                     self.filled[rows] if self.filled is not None else None,
                     {k: self.dropped_tail[s] for k, s in enumerate(keep) if s in self.dropped_tail}, self.unused,
                     given=self.given.take(keep) if self.given is not None else None, dialect=self.dialect,
                     row_numbers=self.row_numbers[rows] if self.row_numbers is not None else None,
                     written_offsets=self.written_offsets, key=self.key,
                     target_least=self.target_least, zeroed=self.zeroed[rows] if self.zeroed is not None else None,
                     blanks_left_out=self.blanks_left_out, calendar_covariates=self.calendar_covariates,
                     undated=self.undated)


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _position(ids: list, series) -> int | None:
    """Where ``series`` is among ``ids``: equal and both bools or neither (True == 1 to Python, not the same id)."""
    for i, v in enumerate(ids):
        try:
            if _is_bool(v) == _is_bool(series) and (v is series or bool(v == series)):
                return i
        except (TypeError, ValueError):  # pd.NA's ambiguous truth: no match
            continue
    return None


def series_owner(panel, s: int) -> str | None:
    """The series a message names after a column of series ``s`` of ``panel`` (``Panel.label``: "series 'a'"), or
    None where the column alone names it: one series, or a wide table, whose columns are the series' own and the
    covariates they share (decision 346: never "column 'a' of series 'a'", decision 1794)."""
    return None if panel.id_col is None or panel.layout == "wide" else panel.label(s)


def of_series(panel, s: int) -> str:
    """" of series 'a'" after a column of series ``s`` in a message, "" where the column alone names it
    (``series_owner``)."""
    return "" if (owner := series_owner(panel, s)) is None else f" of {owner}"
