"""The climatology baseline (decision 1605) and the verdict's word on the 'training mean' baseline where the data
has a yearly cycle of days (decision 1577).

For daily weather data the reference forecast is climatology, the training rows' mean for each day of the year;
rnncast's 'training mean' is one level over the whole year, so "beats every baseline" on a daily temperature with a
yearly season overstated the skill a climate user reads into it (a tester's 30 stations over 10 years: climatology's
MSE was 36% below the model's). ``table`` makes it at fit (key ``"climatology"``; ``climatologyfit.kept`` says why none is kept) where it applies: timestamps on a
calendar of a day's to an hour's step (days, hours; no series keeping a calendar of its own) and every series with
training rows that span two whole years or more (a series with fewer has none, named: decision 1693); the state keeps it as it keeps the training means, and
``forecasts`` reads it for any file's windows (decision 1663: rebuilt from the file evaluate was given, a file
starting later dropped it and flipped the verdict). Each series' own training values
(none that fill made) are averaged per day of the year, counted by month and day on a leap year's 366 positions, and,
on a calendar finer than a day, per time of day too; Feb 29 takes its own mean where the training rows hold one, else
the mean of Feb 28's and Mar 1's; a position the training rows lack takes the series' training mean. Each forecast
step takes the position of its own date (the window's last input time plus the steps, on the calendar).
``reference`` gives the one sentence the verdict then ends with: the climatology's score beside the model's where
it was scored, else, where the training mean was scored, the calendar's step is a day or shorter, the season spans
a year or more and, where known, the data spans two years or more, that the training mean is no climatology.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.tseries.frequencies import to_offset
from pandas.tseries.offsets import Day, Tick

from rnncast.baselines import named
from rnncast.spelling import some

DAY, YEAR, YEARS = pd.Timedelta(days=1), pd.Timedelta(days=365), pd.Timedelta(days=730)
SAID = (" The 'training mean' baseline is one level over the whole year, not a climatology (the training mean of "
        "each day of the year), which rnncast scores for the series whose training rows span two whole years of a "
        "calendar of a day to an hour: a model that beats the training mean need not beat climatology.")
MONTHS = np.cumsum([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30])  # each month's first position in a leap year
LEAP = 366  # positions: each month and day of a leap year
FEB29 = 59  # Feb 29's position (Jan 1 is 0)
PER_DAY = 24  # the most steps a day a kept climatology has: hourly (decision 1663)
MOST = 1_000_000  # the most numbers a kept climatology holds, all series and targets together (decision 1663)


def yearly(freq, season: int | None) -> bool:
    """Whether ``season`` steps of ``freq`` (a pandas offset or its text, as metrics.json records it) span a year
    or more on a calendar of a day or finer step (days, hours, minutes); False for other steps (business days,
    weeks, months) and a text that names no offset."""
    try:
        step = to_offset(freq) if isinstance(freq, str) else freq
    except ValueError:
        return False
    size = step_size(step)
    return size is not None and bool(season) and season >= 2 and season * size >= YEAR


def reference(scored, freq, season: int | None, first=None, last=None, measured: str = "MSE", quote=None,
              told: str | None = None) -> str:
    """Where the baselines ``scored`` (``{name: {"mse": ...}}``, 'model' among them, in the verdict's units) hold the
    climatology baseline, what it is, with its MSE beside the model's named ``measured`` (the verdict's "MSE (each
    series in its own scaled units)") and written by ``quote`` (the verdict's: ``verdicts.quoted``; default 4
    significant digits), unless ``told``, the baseline the verdict quotes, is the climatology (decision 1664: its score
    is said there once, in the table's notation); else ``SAID`` where they include the training mean and ``yearly``
    holds, and the data's ``first`` and ``last`` times (text or timestamps; None: not known) lie two years or more
    apart; "" otherwise."""
    if "climatology" in scored:
        mse = {k: (scored.get(k) or {}).get("mse") for k in ("climatology", "model")}
        quote = quote or (lambda value: f"{value:.4g}")
        of = (f": {measured} {quote(mse['climatology'])} against the model's {quote(mse['model'])}"
              if told != "climatology" and all(isinstance(v, (int, float)) and np.isfinite(v) for v in mse.values())
              else "")
        return (f" The 'training mean' baseline is one level over the whole year; {named('climatology')} is a "
                f"forecast of the yearly cycle{of}.")
    if "mean" not in scored or not yearly(freq, season):
        return ""
    if first is not None and last is not None:
        first, last = (pd.to_datetime(pd.Series([t], dtype=object), utc=True, errors="coerce", format="mixed").iloc[0]
                       for t in (first, last))
        if pd.notna(first) and pd.notna(last) and last - first < YEARS:
            return ""
    return SAID


def fitted_span(cutoffs: list | None) -> tuple:
    """``(first, last)``: the earliest ``data_start`` and latest ``data_end`` of a model's ``cutoffs`` (its
    ``FittedState.cutoffs``, times as the data writes them), as timestamps; ``(None, None)`` where none were kept."""
    if not cutoffs:
        return None, None
    read = {key: pd.to_datetime(pd.Series([c.get(key) for c in cutoffs], dtype=object), utc=True, errors="coerce",
                                format="mixed") for key in ("data_start", "data_end")}
    first, last = read["data_start"].min(), read["data_end"].max()
    return (first, last) if pd.notna(first) and pd.notna(last) else (None, None)


def two_years(time: pd.DatetimeIndex, step: pd.Timedelta = DAY) -> bool:
    """Whether ``time`` (one series' training times, in order) spans two whole years or more, its last row counted
    for its ``step``: the rule of the climatology and of the 365 season hint alike (``yearlyseason``), in one place."""
    return len(time) >= 2 and time[-1] - time[0] + step >= YEARS


def training_values(panel, s: int, end: int, n_t: int) -> np.ndarray:
    """Series ``s``' first ``end`` rows of ``panel``'s first ``n_t`` columns (its training rows' targets) [end, n_t]
    float64, a value fill made NaN: the values the climatology and the 365 season hint average, never a made one."""
    lo = int(panel.offsets[s])
    values = panel.values[lo:lo + end, :n_t].astype(np.float64)
    if panel.filled is not None:
        values = np.where(panel.filled[lo:lo + end, :n_t] != 0, np.nan, values)
    return values


def step_size(freq) -> pd.Timedelta | None:
    """The step of a calendar of days or a shorter fixed step, as a Timedelta; None for other calendars (pandas 3: a
    Day is no Tick)."""
    if not isinstance(freq, (Tick, Day)):
        return None
    size = freq.n * DAY if isinstance(freq, Day) else pd.Timedelta(freq.nanos, unit="ns")
    return size if size <= DAY else None


def positions(times: pd.DatetimeIndex, per_day: int = 1) -> np.ndarray:
    """Each time's climatology position [N] int64: its month and day among a leap year's 366 (Jan 1: 0, Feb 29:
    ``FEB29``, Dec 31: 365), times ``per_day`` plus its step of the day where a day holds ``per_day`` steps (a
    calendar under a day: hourly 24, the hour)."""
    day = MONTHS[np.asarray(times.month, dtype=np.int64) - 1] + np.asarray(times.day, dtype=np.int64) - 1
    if per_day == 1:
        return day
    seconds = np.asarray(times.hour, dtype=np.int64) * 3600 + np.asarray(times.minute) * 60 + np.asarray(times.second)
    return day * per_day + seconds * per_day // 86_400


def table(panel, splits, n_t: int, means: np.ndarray) -> tuple[np.ndarray | None, str]:
    """At fit: the climatology of each series [S, P, T] in original units, float64 (P: ``LEAP`` positions times the
    steps of a day, 1 daily, 24 hourly), from the training rows of ``splits`` (``means`` [S, T]: each series' training
    mean, for a position its training rows lack), kept in the fitted state as the training means are (decision 1663);
    and, where none is made, why in one clause ("" where the calendar is not of days or shorter, or has no time: the
    baseline does not apply there). Not offered on a calendar of more than ``PER_DAY`` steps a day (minutes: a table of
    tens of thousands of positions a series), above ``MOST`` numbers in all, or where every series' training rows span
    under two whole years; a series whose own span under two years gets NaN throughout, and the clause names it with
    its span (decision 1693: the others keep theirs)."""
    time, size = panel.time, step_size(getattr(panel.calendar, "freq", None))
    if not isinstance(time, pd.DatetimeIndex) or size is None or panel.calendars:
        return None, ""
    per_day = -(-DAY // size)  # the steps of a day: 1 daily, 24 hourly
    if per_day > PER_DAY:
        return None, (f"the calendar has {per_day} steps a day; rnncast keeps a climatology of at most {PER_DAY} (hourly "
                      "or coarser)")
    width = LEAP * per_day
    if panel.n_series * width * n_t > MOST:
        return None, (f"its table would hold {panel.n_series * width * n_t:,} numbers ({panel.n_series} series x "
                      f"{n_t} target(s) x {width} positions), over the {MOST:,} rnncast keeps in a model")
    spans = [(int(panel.offsets[s]), int(panel.offsets[s] + sp.train_end)) for s, sp in enumerate(splits)]
    short = [(s, lo, hi) for s, (lo, hi) in enumerate(spans) if not two_years(time[lo:hi], size)]
    why = ""
    if short:
        def span(lo, hi):
            days = (time[hi - 1] - time[lo] + size) / DAY if hi > lo else 0
            return f"{days:.0f} days"
        named = some([f"{'the series' if panel.ids[s] is None else repr(panel.given_id(s))} ({span(lo, hi)})"
                      for s, lo, hi in short[:5]], total=len(short))
        why = f"the training rows of {named} span under two whole years (730 days)"
        if len(short) == panel.n_series:
            return None, why
    kept = np.full((panel.n_series, width, n_t), np.nan)  # a series under two years: none (NaN), decision 1693
    lacking = {s for s, _, _ in short}
    for s, (lo, hi) in enumerate(spans):
        if s in lacking:
            continue
        values = training_values(panel, s, hi - lo, n_t)
        at = positions(time[lo:hi], per_day)
        for t in range(n_t):
            ok = np.isfinite(values[:, t])
            count = np.bincount(at[ok], minlength=width)
            total = np.bincount(at[ok], weights=values[ok, t], minlength=width)
            with np.errstate(invalid="ignore", divide="ignore"):
                mean = total / count
            mean = mean.reshape(LEAP, per_day)
            leap = ~np.isfinite(mean[FEB29])  # Feb 29 not in the training rows: between Feb 28 and Mar 1
            mean[FEB29] = np.where(leap, (mean[FEB29 - 1] + mean[FEB29 + 1]) / 2, mean[FEB29])
            mean = mean.reshape(-1)
            kept[s, :, t] = np.where(np.isfinite(mean), mean, means[s, t])
    return kept, why


def forecasts(kept: np.ndarray | None, panel, target_rows: np.ndarray, series: np.ndarray, horizon: int
              ) -> np.ndarray | None:
    """The climatology baseline's forecasts [W, H, T] in original units of the windows whose first target is stacked
    row ``target_rows`` [W] of ``panel``, each of series ``series`` [W], read off the fit's table ``kept`` [S, P, T]
    (``table``, rows in the order of ``panel``'s series), whatever rows the panel holds before them (decision 1663).
    None where the model keeps none (a model saved before it was kept, or ``table`` made none), none of the windows'
    series has one, or the panel's times do not fit it; NaN for the windows of a series without one (decision 1693)."""
    time, size = panel.time, step_size(getattr(panel.calendar, "freq", None))
    if (kept is None or not isinstance(time, pd.DatetimeIndex) or size is None or panel.calendars
            or not len(target_rows) or kept.shape[1] != LEAP * -(-DAY // size)):
        return None
    per_day = kept.shape[1] // LEAP
    if np.isnan(kept[np.asarray(series), 0, 0]).all():  # only series under two years of training rows: none
        return None
    cut = time[np.asarray(target_rows) - 1]  # each window's last input time; its steps on the calendar
    return kept[np.asarray(series)[:, None], _steps(cut, panel.calendar.freq, horizon, per_day)]


def older(state) -> str | None:
    """Where a model (``FittedState``) keeps no climatology though a fit now would keep one, a model saved before
    it was kept (decision 1663; 1703), the line evaluate says: a day's to an hour's calendar, no series' own, a table
    within ``MOST``, and a series whose training rows (``cutoffs``: ``data_start`` to ``train_end``) span two years.
    None otherwise, and where the cutoffs are not known (its evaluate said "beats every baseline computed" unsaid)."""
    size, cutoffs = step_size(getattr(state.calendar, "freq", None)), state.cutoffs or []
    if state.climatology is not None or size is None or state.calendars or -(-DAY // size) > PER_DAY or \
            len(cutoffs) * LEAP * -(-DAY // size) * len(state.targets) > MOST:
        return None
    spans = [pd.to_datetime(pd.Series([c.get(k) for k in ("data_start", "train_end")], dtype=object), utc=True,
                            errors="coerce", format="mixed") for c in cutoffs]
    if not any(two_years(pd.DatetimeIndex(times), size) for times in spans if times.notna().all()):
        return None
    return (f"{named('climatology')} is not scored: this model was saved before rnncast kept the climatology in the "
            "model (its model.json has no \"climatology\"); fit it again to score it")


def unfit(kept: np.ndarray | None, index: np.ndarray, differ=()) -> np.ndarray | None:
    """The fit's table ``kept`` [S, P, T] of the data's series (``index``: each one's position among the model's), NaN
    for those at the positions ``differ`` (their training rows differ from those fit read: revised data, another
    unit), which the fit's climatology does not forecast (decision 1694); None where the model keeps none."""
    if kept is None:
        return None
    kept = kept[np.asarray(index)]  # a copy (advanced indexing)
    kept[list(differ)] = np.nan
    return kept


def saved(kept: np.ndarray | None):
    """``table``'s as model.json keeps it: [S][T] texts of the P numbers each, space-separated as Python writes them
    (read back exactly; one line each in the indented model.json, not one a number), or None."""
    return None if kept is None else [[" ".join(map(repr, column.tolist())) for column in series.T] for series in kept]


def read(saved_table, n: int, n_t: int) -> np.ndarray | None:
    """model.json's ``climatology`` back as [S, P, T] float64 (None: absent, a model saved before it was kept).
    Raises ``ValueError`` where it is not ``n`` series of 366 or 366 x 24 positions (or a step between) of ``n_t``
    finite numbers, or of nan alone for a series without one (decision 1693; a hand edit, which ``FittedState.read``
    names)."""
    if saved_table is None:
        return None
    if not isinstance(saved_table, list) or not all(isinstance(s, list) and all(isinstance(c, str) for c in s)
                                                    for s in saved_table):
        raise ValueError("climatology must be a list of lists of texts of numbers, one per series and target")
    kept = np.asarray([[np.array(c.split(), dtype=np.float64) for c in s] for s in saved_table]).transpose(0, 2, 1)
    if (kept.ndim != 3 or kept.shape[0] != n or kept.shape[2] != n_t or kept.shape[1] % LEAP
            or not 1 <= kept.shape[1] // LEAP <= PER_DAY or np.isnan(kept).all()
            or not (np.isfinite(kept).all(axis=(1, 2)) | np.isnan(kept).all(axis=(1, 2))).all()):
        raise ValueError(f"climatology must be {n} x 366 x {n_t} finite numbers (or 366 x 24 positions; a series "
                         f"without one all nan), got shape {kept.shape}")
    return kept


def _steps(cut: pd.DatetimeIndex, step, horizon: int, per_day: int) -> np.ndarray:
    """The positions [W, H] of the ``horizon`` steps of ``step`` after each time of ``cut`` [W]: read off one grid of
    the calendar from the first window's first step to the last window's last, dated once (decision 1640: a
    DatetimeIndex pass per step took 2-5 s at 13,000 windows of 720 steps), else step by step where a time of
    ``cut`` is off that grid."""
    grid = pd.date_range(cut.min() + step, cut.max() + step * horizon, freq=step)
    first = grid.get_indexer(cut + step)
    if len(grid) and (first >= 0).all():
        at = first[:, None] + np.arange(horizon)
        if at.max() < len(grid) and (grid[at[:, -1]] == cut + step * horizon).all():
            return positions(grid, per_day)[at]
    return np.stack([positions(cut + step * (h + 1), per_day) for h in range(horizon)], axis=1)


def scaled(forecast: np.ndarray | None, offset: np.ndarray, scale: np.ndarray, series: np.ndarray):
    """``forecasts``' [W, H, T] in scaled float32 by each window's series' ``offset`` and ``scale`` [S, C]; None
    where none was made."""
    if forecast is None:
        return None
    n_t = forecast.shape[-1]
    return ((forecast - offset[series, None, :n_t]) / scale[series, None, :n_t]).astype(np.float32)
