"""Every series of a panel cut by time for training: its chronological split (the same fractions
for each, or given row borders for one series), the series too short for one named and left out,
and the warning when the training rows hold few windows. ``fitting`` cuts a fit's data so;
``backtest`` names its own too-short series and counts its windows with the same words.
"""

from __future__ import annotations

import logging

import numpy as np

from rnncast import cutoffadvice, cutoffs, leftkeeps, leftout
from rnncast.config import DataSettings
from rnncast.errors import RnncastError
from rnncast.noticed import first_in_block
from rnncast.panel import Panel
from rnncast.othernames import SHUFFLING, by_time, keyword
from rnncast.settingsearch import SHARES, longest, settings_that_fit
from rnncast.settingvalues import given
from rnncast.spelling import some, spelled
from rnncast.windows import (FEW_VAL_WINDOWS, FEW_WINDOWS, Split, chronological_split, rows_needed, train_windows,
                             window_starts)

log = logging.getLogger(__name__)


def cut(panel: Panel, split, data_s: DataSettings) -> tuple[Panel, list[Split], list[dict]]:
    """Each series' chronological split (``split``: the row borders of a single series instead of
    the fractions; the settings' ``cutoff``: every series cut at that time, ``cutoffs.cut``). Series too short for one
    are left out, named in a warning, and returned as ``{"id", "rows", "needed"}``; every series too short is an error."""
    if data_s.cutoff is not None:
        if split is not None:
            raise RnncastError(f"split= gives the row borders of one series, and cutoff={data_s.cutoff!r} cuts every "
                               "series at one time; give split= or cutoff, not both")
        splits = cutoffs.cut(panel, data_s.cutoff, data_s)
        needed, why, cut = cutoffs.needed(data_s.cutoff, panel, data_s)
        # only where nothing trains; ``why`` says the horizon after it once (decision 1659: "7 after it" was said twice)
        remedy = lambda: cutoffadvice.remedy(panel, data_s, cut)  # noqa: E731
        return _kept(panel, splits, report_short(panel, splits, needed, why, remedy, cut=cut, settings=data_s))
    if split is not None:
        split = split if isinstance(split, Split) else Split(*_borders(split))
        fractions = [f"{name}={getattr(data_s, name)!r}" for name in ("val_frac", "test_frac")
                     if getattr(data_s, name) != getattr(DataSettings, name)]
        if fractions:  # the row borders decide the parts; the fractions would be passed over without a word
            raise RnncastError(f"split= gives the row borders of the parts, and {' and '.join(fractions)} would cut "
                               "them by fractions, which split= leaves unused; give split= or the fractions, not both")
        if panel.n_series > 1:
            raise RnncastError("split= gives the row borders of one series; many series are split by val_frac/test_frac")
        return panel, [_given_split(split, len(panel.values), data_s)], []
    part = lambda n, remedy=None: chronological_split(  # noqa: E731
        int(n), data_s.lookback, data_s.horizon, data_s.val_frac, data_s.test_frac, remedy)
    s = int(np.argmax(panel.lengths))
    now = {"lookback": data_s.lookback, "horizon": data_s.horizon, "val_frac": data_s.val_frac,
           **({"test_frac": data_s.test_frac} if data_s.test_frac > 0 else {})}
    remedy = lambda: settings_that_fit(int(panel.lengths[s]), lambda test_frac=data_s.test_frac, **kw: rows_needed(  # noqa: E731
        test_frac=test_frac, **kw), now, longest(panel, s), _windows(panel.lengths, data_s)) + (  # only where nothing
        leftkeeps.more_kept(panel, data_s) if panel.n_series > 1 else "")  # trains; a panel's most kept (decision 2118)
    if panel.id_col is None:  # one series: its too-short message is the error, naming the settings that fit it
        return panel, [part(len(panel.values), remedy)], []
    splits = []
    for n in panel.lengths:
        try:
            splits.append(part(n))
        except RnncastError:
            splits.append(None)
    needed = rows_needed(data_s.lookback, data_s.horizon, data_s.val_frac, data_s.test_frac)
    skipped = report_short(panel, splits, needed, needs_text(data_s), remedy, settings=data_s)
    return _kept(panel, splits, skipped)


def needs_text(data_s: DataSettings) -> str:
    """What a series cut by the fractions must hold: "lookback 6 + horizon 6 in the training rows and a horizon in the
    validation (10%) and test (20%) rows"; a part whose share is 0 has no rows to hold a horizon, and is not said
    (decision 2119)."""
    parts = [f"{name} ({frac * 100:.3g}%)" for name, frac in (("validation", data_s.val_frac), ("test", data_s.test_frac))
             if frac > 0]
    held = f" and a horizon in the {' and '.join(parts)} rows" if parts else ""
    return f"lookback {data_s.lookback} + horizon {data_s.horizon} in the training rows{held}"


def _kept(panel: Panel, splits: list, skipped: list[dict]) -> tuple[Panel, list[Split], list[dict]]:
    """The panel of the series that have a split, their splits, and those left out."""
    if skipped:
        kept = [s for s, split in enumerate(splits) if split is not None]
        panel, splits = panel.subset(kept), [splits[s] for s in kept]
    return panel, splits, skipped


def _borders(split) -> list[int]:
    """``split=``'s three row borders as whole numbers (a whole float such as 60.0 is taken); two borders, a
    border of 60.5, or fractions such as (0.6, 0.8, 1.0) are refused by name, fractions with the keywords that
    cut by shares of the rows."""
    got = f"got {given(split)}"
    if isinstance(split, str) and keyword(split) in SHUFFLING:  # split='random', as train_test_split shuffles
        raise RnncastError(f"split={split!r}: " + by_time(lambda setting: setting + "="))
    if isinstance(split, (str, bytes)) or not isinstance(split, (list, tuple)) or len(split) != 3:
        raise RnncastError("split= takes three row borders (train_end, val_end, end), as (140, 160, 200); " + got)
    if not all(isinstance(b, (int, float, np.integer, np.floating)) and not isinstance(b, (bool, np.bool_))
               and np.isfinite(b) for b in split):
        raise RnncastError(f"split= takes three row numbers (train_end, val_end, end); {got}")
    if all(0 <= b <= 1 for b in split) and any(b != int(b) for b in split):
        raise RnncastError(f"split= takes row numbers, not fractions ({got}); to cut by shares of the rows give "
                           "val_frac= and test_frac= (--val-frac, --test-frac) instead")
    if any(b != int(b) for b in split):
        raise RnncastError(f"split= takes whole row numbers (train_end, val_end, end); {got}")
    return [int(b) for b in split]


def _given_split(split: Split, n_rows: int, data_s: DataSettings) -> Split:
    if not (data_s.lookback + data_s.horizon <= split.train_end <= split.val_end <= split.end <= n_rows):
        raise RnncastError(
            f"split {split} does not fit {n_rows} rows; need lookback + horizon <= train_end <= val_end <= end <= rows"
        )
    if split.end < n_rows:  # rows given and passed over: said (evaluate reads them as after the fit's last row)
        log.warning("split= ends at row %d of the %d rows given: rows %d to %d are not used by fit; evaluate reads "
                    "them as rows after the fit's last", split.end, n_rows, split.end, n_rows - 1)
    return split


def report_short(panel: Panel, splits: list, needed: int | None, why: str, remedy="",
                 cut: list[dict] | None = None, short_for: str = "too short to train",
                 settings: DataSettings | None = None) -> list[dict]:
    """Series without a split are too short to train: an error when every one is, else a warning
    that names them (as the caller gave their ids, ``Panel.given_id``); returns them as ``{"id", "rows", "needed"}``
    with the ids as text, as a fitted state keeps them. ``remedy``: what else would do (text, or a function giving
    it, called only then), said where nothing trains.
    ``cut``: [S] each series' rows as a cutoff counts them (``cutoffs.counts``: ``cutoff_rows``, and ``cutoff_needs``
    at fit), which its record adds and its name says (``leftout.rows``), ``why`` then the whole need
    (``cutoffs.backtest_needed``), not a length that a series longer than it would seem to hold. ``short_for``: what
    they are too short for ("too short for this backtest": rows up to a cutoff to train on, and windows after it).
    ``settings``: fit's, whose val_frac or horizon that keeps the most of them the warning offers (``leftkeeps.keeps``,
    decision 1889) where some series train."""
    short = [s for s, split in enumerate(splits) if split is None]
    if not short:
        return []
    rows = [leftout.rows(c, "it") for c in cut] if cut else None
    listed = some([f"{panel.given_id(s)!r} ({rows[s] if rows else f'{panel.lengths[s]} rows'})" for s in short[:10]],
                  10, total=len(short))
    need = why if rows else (f"at least {needed} rows" if needed else "more rows") + f" ({why})"
    if panel.ids == [None] or len(short) == panel.n_series:
        remedy = remedy() if callable(remedy) else remedy
    if panel.ids == [None]:  # one series: no id to name
        raise RnncastError(f"the series is {short_for}: {panel.lengths[0]} rows; it needs {need}{remedy}" if not
                           rows else f"the series lacks the rows the cutoff needs: {rows[0]}; it needs {need}{remedy}")
    if len(short) == panel.n_series:
        raise RnncastError(f"every series {'lacks the rows the cutoff needs' if rows else 'is ' + short_for}: "
                           f"{listed}; each needs {need}{remedy}")
    one = len(short) == 1
    lacks = ("lacks" if one else "lack") + " the rows the cutoff needs" if rows else f"{'is' if one else 'are'} {short_for}"
    records = [{"id": panel.ids[s], "rows": int(panel.lengths[s]), "needed": needed, **(cut[s] if cut else {})}
               for s in short]
    keeps = "" if settings is None else leftkeeps.keeps(records, settings.lookback, settings.horizon, settings.val_frac,
                                                        settings.test_frac)
    if first_in_block("left out", listed, need):  # a tune's trials leave out what it said before them (said_once)
        log.warning("%d of %d series %s and %s left out: %s; %s needs %s%s", len(short), panel.n_series, lacks,
                    "is" if one else "are", listed, "it" if one else "each", need, keeps)
    return records


def few_windows(splits: list[Split], data_s: DataSettings) -> None:
    """A warning that says how many windows the training rows hold, when they are fewer than ``FEW_WINDOWS``."""
    count = train_windows(splits, data_s.lookback, data_s.horizon)
    if count < FEW_WINDOWS:
        rows = sum(split.train_end for split in splits)
        where = f"{rows} training rows" if len(splits) == 1 else f"the training rows of {len(splits)} series ({rows} in all)"
        log.warning("the model trains on only %d window%s (lookback %d + horizon %d in %s), too few to learn much "
                    "from; a shorter lookback (%s) or more rows give it more", count, "" if count == 1 else "s",
                    data_s.lookback, data_s.horizon, where, spelled("lookback"))


def val_windows(splits: list[Split], lookback: int, horizon: int) -> int:
    """How many windows the validation rows of ``splits`` hold, over every series (``window_starts``' "val")."""
    return int(sum(len(window_starts(split, "val", lookback, horizon)) for split in splits))


def few_val_windows(splits: list[Split], data_s: DataSettings, fractions: bool = True) -> str | None:
    """Where the validation rows hold fewer than ``FEW_VAL_WINDOWS`` windows (none: no validation, nothing said), a
    warning saying so, that the kept epoch and early stopping rest on them, and a val_frac that gives
    ``FEW_VAL_WINDOWS`` with the training windows it leaves (``fractions``: the splits are cut by the fractions, so
    one can be named); returns the clause naming them for the advice on an untrained model, else None (decision 1810)."""
    count = val_windows(splits, data_s.lookback, data_s.horizon)
    if not 0 < count < FEW_VAL_WINDOWS:
        return None
    rows = sum(split.val_end - split.train_end for split in splits)
    held = f"{count} window{'s' * (count != 1)} ({rows} rows)"
    way = f"a larger val_frac ({spelled('val_frac')}, now {data_s.val_frac:g}) or more rows give more"
    for x in (x for x in SHARES if x > data_s.val_frac and x + data_s.test_frac < 1) if fractions else ():
        try:
            wider = [chronological_split(s.end, data_s.lookback, data_s.horizon, x, data_s.test_frac) for s in splits]
        except RnncastError:  # the training rows hold no window at this share: none larger does
            break
        if (more := val_windows(wider, data_s.lookback, data_s.horizon)) >= FEW_VAL_WINDOWS:
            left = train_windows(wider, data_s.lookback, data_s.horizon)
            way = (f"val_frac {x:g} ({spelled('val_frac', x)}) gives it {more}, leaving the model "
                   f"{left} training window{'s' * (left != 1)}")
            break
    if first_in_block("few_val", held):  # a tune's trials: said by the first
        log.warning("the validation split holds only %s: the epoch kept and early stopping (in tune, the ranking of "
                    "trials too) rest on so few values; %s", held, way)
    return f"the validation split holds only {held}, too few to tell the epochs apart: {way}"


def cutoff_rows(lengths: np.ndarray, horizon: int, n_windows: int, step: int) -> np.ndarray | None:
    """[S, K] the first target row of each of a backtest's ``n_windows`` cutoffs ``step`` rows apart, the last a
    ``horizon`` before each series' end (inside the series); None where no series holds them: the reach is
    counted in Python's whole numbers first, so that ``n_windows`` or ``step`` near 2**63 is not wrapped by
    NumPy's int64 into rows that look valid, nor asks for an array of every cutoff."""
    if horizon + (n_windows - 1) * step > int(lengths.max(initial=0)):
        return None
    k = np.arange(n_windows)
    return lengths[:, None] - horizon - (n_windows - 1 - k)[None, :] * step


def backtest_remedy(lookback: int, horizon: int, val_frac: float, n_windows: int, panel: Panel | None = None,
                    step: int | None = None) -> str:
    """What lowers the rows a backtest needs (``lookback``, ``horizon`` and ``val_frac`` up to its first cutoff,
    ``n_windows`` cutoffs ``step`` apart, the horizon where None): given the ``panel``, the settings its longest
    series would fit (``settings_that_fit``, as fit's refusal names them); else, or where no one setting fits, only
    what lowers the need, found by ``rows_needed``. Where the validation rows must grow to hold a
    horizon, that binds: a larger share helps and a shorter lookback does not; where the training rows must hold
    lookback + horizon, a shorter lookback helps, and a smaller validation share where one still holds a horizon."""
    if panel is not None:
        default = step is None  # left to its default, the horizon: a smaller step offered too (decision 2253)

        def need(lookback, horizon, val_frac, n_windows, step=None):
            up = rows_needed(lookback, horizon, val_frac, 0.0)  # a default step follows a horizon offered below it
            return None if up is None else up + horizon + (n_windows - 1) * (
                horizon if step is None else min(step, horizon) if default else step)

        s = int(np.argmax(panel.lengths))
        now = {"lookback": lookback, "horizon": horizon, "val_frac": val_frac, "n_windows": n_windows,
               **({"step": horizon if default else step} if n_windows > 1 and not (default and horizon < 2) else {})}
        def windows(lookback, val_frac=val_frac):  # the training windows up to the first cutoff (decision 2253)
            up = int(panel.lengths[s]) - horizon - (n_windows - 1) * now.get("step", horizon)
            return _windows(np.array([up]), DataSettings(lookback=1, horizon=horizon, val_frac=val_frac, test_frac=0.0))(lookback)

        if said := settings_that_fit(int(panel.lengths[s]), need, now, longest(panel, s), windows):
            return said
    base = rows_needed(lookback, horizon, val_frac, 0.0)

    def fewer(lookback=lookback, horizon=horizon, val_frac=val_frac) -> bool:
        n = rows_needed(lookback, horizon, val_frac, 0.0)
        return n is not None and (base is None or n < base)

    shorter = ["step"] * (n_windows > 1) + ["lookback"] * (lookback > 1 and fewer(lookback=lookback - 1)) + ["horizon"]
    helps = [f"fewer cutoffs ({spelled('n_windows')})"] * (n_windows > 1) + [f"a shorter {_either(shorter)}"]
    if any(fewer(val_frac=x) for x in SHARES if x > val_frac):
        helps.append(f"a larger validation share ({spelled('val_frac')}: its rows must hold a horizon)")
    elif any(fewer(val_frac=x) for x in SHARES if x < val_frac):
        helps.append(f"a smaller validation share ({spelled('val_frac')}: the rows it leaves for training must hold "
                     "lookback + horizon)")
    return f"; {_either(helps, comma=len(helps) > 2)} need fewer"


def _windows(lengths: np.ndarray, data_s: DataSettings):
    """How many training windows a lookback leaves series of ``lengths`` split by ``data_s``'s fractions and horizon
    (their training rows do not depend on the lookback; a series whose other parts hold no horizon, none): a function
    of the lookback and of a val_frac or test_frac offered in place of ``data_s``'s (``settingsearch.offers``)."""
    def ends(n: int, fracs: dict) -> int:
        try:
            return chronological_split(int(n), 1, data_s.horizon, fracs["val_frac"], fracs["test_frac"]).train_end
        except RnncastError:
            return 0

    def count(lookback: int, **shares) -> int:
        fracs = {"val_frac": data_s.val_frac, "test_frac": data_s.test_frac, **shares}
        splits = [Split(t, t, t) for t in (ends(n, fracs) for n in lengths)]  # the training rows alone count
        return train_windows(splits, lookback, data_s.horizon)
    return count


def _either(words: list[str], comma: bool = False) -> str:
    """``a, b or c`` (``a, b, or c`` with ``comma``: items that hold commas of their own)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])}{',' * comma} or {words[-1]}"


def lone_step(step, n_windows: int, horizon: int | None) -> None:
    """Refuse a ``step`` with one window (the distance between cutoffs, of which one has none) other than its
    default, the ``horizon``: one written out as the default is the default, which a single window runs with alike.
    (A Forecaster's own test_frac, as fit's settings, is a fit's and passed over; the command has no --test-frac.)"""
    if step is not None and n_windows == 1 and step != horizon:
        raise RnncastError(f"step={step} (--step) has no effect with a single window (n_windows=1, --n-windows 1): step "
                           f"is the distance between cutoffs; leave it out (its default is the horizon, {horizon}), or "
                           "give more windows")
