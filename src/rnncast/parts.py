"""Which windows a fitted model is scored on: the parts of the fit's split, found again in any data.

A fit cuts each series by time into training rows (the weights learn from them), validation rows
(early stopping chooses the epoch on them) and test rows (never seen). The model remembers the
time at each border (``borders``: the first validation time, the first test time, the last time
given to fit), so new data is cut the same way by its timestamps, wherever it starts and ends:

* ``train`` / ``val``: windows whose targets all lie in the fit's training / validation rows;
* ``test``: windows whose targets all come after the rows the model was fitted and validated on:
  the fit's test rows and every later row (new data is scored as such);
* ``all``: every window, with a count of those whose targets the model was fitted on.

Without time (rows numbered), or for a model saved before borders were kept, a row of the data is
taken as the fit's row of the same number, and the description says so. A panel's series that hold no
window of the part (too short for one, or none in the part) are named and left out, the others scored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from rnncast import (bordertimes, calendarlags, climatology, closedzeros, enddates, gapwindows, seasonrows, shiftedwindows,
                     stepactuals)
from rnncast.baselines import baseline_name
from rnncast.errors import NothingLeft, RnncastError
from rnncast.panel import Panel
from rnncast.spelling import counted, hint, rows_span, some, spelled
from rnncast.timetext import shown
from rnncast.windows import Split, every_window_start, panel_window_starts, parts_holding, train_windows

log = logging.getLogger(__name__)

PARTS = ("train", "val", "test", "all")
PART_NAMES = {"train": "whose targets lie in the fit's training rows",
              "val": "whose targets lie in the fit's validation rows",
              "test": "whose targets come after the rows the model was fitted and validated on",
              "all": "of the data"}


def borders(panel: Panel, splits: list[Split]) -> list[list] | None:
    """Each series' border times as JSON values [S, 4]: the first validation time, the first test
    time, the last and the first time given to fit (None where a part is empty); None without time."""
    if panel.time is None:
        return None
    rows = np.array([[sp.train_end, sp.val_end, sp.end - 1, 0] for sp in splits], dtype=np.int64).reshape(-1, 4)
    inside = rows < panel.lengths[: len(splits), None]  # a row past the series' end: an empty part
    picked = panel.time[(panel.offsets[: len(splits), None] + rows)[inside]]  # one lookup of the whole time index
    values = iter(picked)
    return [[bordertimes.as_json(next(values)) if ok else None for ok in row] for row in inside.tolist()]


@dataclass
class Located:
    """The fit's borders in each series of new data, as row positions: ``splits`` [S] with
    ``Split(train_end, val_end, end)`` where ``end`` is the series' length; ``fit_ends`` [S] the row
    after the last one given to fit; ``fit_starts`` [S] the row of the first one (0 where the data starts no earlier,
    has no time, or the model did not keep it); ``by_time``: found by timestamps (False: by row numbers)."""

    splits: list[Split]
    fit_ends: np.ndarray
    by_time: bool
    fit_starts: np.ndarray | None = None


def locate(state, panel: Panel, index: np.ndarray) -> Located:
    """Where the fit's borders fall in each series of ``panel`` (``index``: each series' position
    among the series the model knows)."""
    saved = getattr(state, "borders", None)
    by_time = saved is not None and panel.time is not None
    search = bordertimes.searcher(panel.time) if by_time else None
    offsets = panel.offsets.tolist()
    splits, ends, starts = [], [], []
    for s, k in enumerate(index):
        length = offsets[s + 1] - offsets[s]
        if by_time:
            first_val, first_test, last = saved[k][:3]
            fit_end = search(offsets[s], length, last, "right")  # a part fit had no rows of (None: test_frac 0) starts
            train_end, val_end = (fit_end if v is None else search(offsets[s], length, v, "left")  # after its last row
                                  for v in (first_val, first_test))  # (decision 2117)
            starts.append(search(offsets[s], length, saved[k][3], "left") if len(saved[k]) > 3 else 0)
        else:
            fit = state.splits[k]
            train_end, val_end, fit_end = fit.train_end, fit.val_end, fit.end
        train_end, val_end = min(train_end, length), min(val_end, length)
        splits.append(Split(train_end, max(val_end, train_end), length))
        ends.append(min(fit_end, length))
    return Located(splits, np.asarray(ends, dtype=np.int64), by_time,
                   np.minimum(np.asarray(starts, dtype=np.int64), [sp.end for sp in splits]) if starts else None)


def select(state, panel: Panel, index: np.ndarray, part: str, method: str = "evaluate", located: Located | None = None,
           baselines: bool = True, compared: bool = False) -> tuple[np.ndarray, np.ndarray, dict]:
    """The windows of ``part`` in every series: stacked-array start rows [W], series [W], and a
    description of what was scored (``describe``, with ``trained_on``: how many windows the model was
    trained on, also said at the end of its text; ``series_left_out``: the series of a panel that hold no
    window of ``part``, named (``left_out``); ``across_gaps``: the windows that span calendar steps missing
    from the data, counted (``gapwindows.across``); ``future_left_out``: the windows of a model reading future
    covariates that forecast a date without a row, left out (``stepactuals.future_kept``); ``season_left_out``: the
    windows with fewer than a season of their series' calendar steps before them, which the seasonal naive baseline
    reads, left out (``seasonrows.kept``, decision 2028: counted, its series with none left named); each warned of and said in the text). Raises ``RnncastError`` for an unknown part, or when no window of ``part`` exists (naming the border and
    the part that would score, and the series too short for any window) or none is left. ``method``: the method called, which the
    refusals and warnings name ("predict_windows" scores nothing: its warnings speak of windows left out). ``located``:
    ``locate``'s borders where the caller found them (forecasting, which learns the baselines' intervals by them);
    ``baselines`` False: the model scored alone (tune), no window left out for a baseline's sake (decision 1829)."""
    if part not in PARTS:
        raise RnncastError(f"unknown part {part!r}; choose one of: {', '.join(PARTS)} (test: the rows after those the "
                           "model was fitted on, new data included)")
    lookback, horizon = state.settings.data.lookback, state.settings.data.horizon
    located = locate(state, panel, index) if located is None else located
    scores = method != "predict_windows"  # predict_windows forecasts the windows and scores none
    short = np.flatnonzero(panel.lengths < lookback + horizon)  # series that hold no window, whatever the part
    if len(short) == panel.n_series:
        raise RnncastError(too_short(panel, short, lookback, horizon, method))
    if part == "all":
        starts, series = every_window_start(panel.lengths, panel.offsets, lookback, horizon)
    else:
        starts, series = panel_window_starts(located.splits, panel.offsets, part, lookback, horizon)
        if located.fit_starts is not None:  # data from before the fit's: those windows are none the model saw
            keep = starts - panel.offsets[series] >= located.fit_starts[series]
            starts, series = starts[keep], series[keep]
    starts, series = enddates.kept(panel, located.splits, part, starts, series, lookback, horizon)  # by their dates
    if not len(starts):
        also = f"; {too_short(panel, short, lookback, horizon, method)}" if len(short) else ""
        raise RnncastError(_nothing(state, panel, located, part, "score" if scores else "forecast") + also)
    kept, unread = stepactuals.future_kept(panel, starts, series, lookback, horizon)  # a date without its covariates
    if not kept.any():
        raise NothingLeft(f"no window of part {part!r} is left to {'score' if scores else 'forecast'}: {unread['text']}")
    starts, series = starts[kept], series[kept]
    held = series  # the series holding a window of the part, before those without a season before them
    season = state.settings.data.season  # counted in calendar steps, as the seasonal naive reads (decision 2028)
    placed = calendarlags.placed(panel) if baselines and season > max(lookback, 1) else {}
    starts, series, seasonless = seasonrows.kept(panel.offsets, starts, series, lookback, season, part,
                                                 scores or compared, panel.given_id, placed) \
        if baselines else (starts, series, None)  # compare scores its baselines: none blank (decision 1873)
    climate = climatology.unfit(getattr(state, "climatology", None), index)  # a scored series' own, if any (decision 1745)
    scored = describe(panel, located, starts, series, part, lookback, horizon,
                      climate is not None and bool(np.isfinite(climate[np.unique(series)]).any()))
    if unread:  # evaluate's notes say it (runnotes.unscored_note); predict_windows' warning
        if not scores:
            log.warning("%s", unread["text"])
        scored["future_left_out"] = unread
        scored["text"] += f"; {unread['text']}"
    if seasonless:  # evaluate's notes say it (runnotes.unscored_note); predict_windows' warning (seasonrows)
        scored["season_left_out"] = seasonless
        scored["text"] += f"; {seasonless['text']}"
    if out := left_out(panel, held, short, part, lookback, horizon, method):  # the season's said in its own words
        scored["series_left_out"] = out
        scored["text"] += f"; {out['text']}"
    inputs = lookback + stepactuals.through(panel, horizon)  # the rows read by row: the steps dated (stepactuals)
    if gaps := gapwindows.across(state, panel, starts, series, scored=scores, span=inputs):
        scored["across_gaps"] = gaps
        scored["text"] += f"; {gaps['text']}"
    if shifted := shiftedwindows.across(panel, starts, series, lookback, horizon, season, scored=scores):
        scored["seasonal_shifted"] = shifted
        scored["text"] += f"; {shifted['text']}"
    if closed := closedzeros.across(panel, located.splits, starts, series, lookback, horizon, scored=scores):
        scored["closed_zeros"] = closed  # a call centre's closed hours written as 0: warned of where scored (decision 1792)
    scored["trained_on"] = trained = train_windows(state.splits, lookback, horizon)  # the fit's, not this data's
    scored["text"] += f"; the model was trained on {trained} window{'s' if trained != 1 else ''}"
    return starts, series, scored


def left_out(panel: Panel, series: np.ndarray, short: np.ndarray, part: str, lookback: int, horizon: int,
             method: str = "evaluate") -> dict | None:
    """The series of a panel that hold no window of ``part`` (``series`` [W]: those of the windows), warned of:
    ``{"count", "too_short" (the ids of those shorter than ``lookback + horizon``, ``short``), "no_window" (the
    ids of the others: no window of the part), each the first ten as given, "text"}``; None when every series
    holds one. The others are scored: one short series does not keep a panel from its score (``method``
    "predict_windows": forecast, the series said to be left out, not unscored)."""
    out = np.setdiff1d(np.arange(panel.n_series), series)
    if not len(out):
        return None
    brief = np.intersect1d(out, short)
    other = np.setdiff1d(out, short)
    said = []
    if len(brief):
        said.append(f"{_named(panel, brief, rows=True)} {'is' if len(brief) == 1 else 'are'} shorter than lookback "
                    f"{lookback} + horizon {horizon} = {lookback + horizon} rows (one window)")
    if len(other):
        said.append(f"{_named(panel, other)} {'holds' if len(other) == 1 else 'hold'} no window {PART_NAMES[part]}")
    scores = method != "predict_windows"
    text = (f"{len(out)} of the {panel.n_series} series {'is' if len(out) == 1 else 'are'} "
            f"{'not scored' if scores else 'left out'}: " + "; ".join(said))
    log.warning("%s; %s", text, "the scores are those of the other series" if scores else
                f"{hint(method, method)} forecasts the windows of the other series")
    return {"count": int(len(out)), "too_short": [panel.given_id(s) for s in brief[:10]],
            "no_window": [panel.given_id(s) for s in other[:10]], "text": text}


def _named(panel: Panel, which: np.ndarray, rows: bool = False) -> str:
    """"series 'a' (9 rows), 'b' (7 rows)": the first ten of the series ``which``, with their rows if ``rows``."""
    return "series " + _listed(panel, which, rows)


def _listed(panel: Panel, which: np.ndarray, rows: bool = False) -> str:
    """"'a' (9 rows), 'b' (7 rows) and 3 more": the first ten of the series ``which``, with their rows if ``rows``."""
    each = [f"{panel.given_id(s)!r}" + (f" ({counted(int(panel.lengths[s]), 'row')})" if rows else "") for s in which[:10]]
    return some(each, 10, total=len(which))


def describe(panel: Panel, located: Located, starts: np.ndarray, series: np.ndarray, part: str, lookback: int,
             horizon: int = 1, climate: bool = False) -> dict:
    """What a score rests on: the part, its windows, and how many windows have targets on rows the
    model was trained on, validated on, held out as its test split, or never given (new data); ``climate``: the model
    keeps a climatology of a series scored, named among the baselines fitted on the training rows (decisions 1663,
    1745)."""
    first = starts - panel.offsets[series] + lookback  # [W] first target row inside each window's series
    train_end = np.array([sp.train_end for sp in located.splits])[series]
    val_end = np.array([sp.val_end for sp in located.splits])[series]
    fit_end = located.fit_ends[series]
    fitted = first - lookback >= (located.fit_starts[series] if located.fit_starts is not None else 0)  # [W]
    counts = {"training": int(((first < train_end) & fitted).sum()),  # a window counts by the row of its first target
              "validation": int(((first >= train_end) & (first < val_end) & fitted).sum()),
              "test": int(((first >= val_end) & (first < fit_end) & fitted).sum()),
              "new": int((first >= fit_end).sum()),
              "before": int((~fitted & (first < fit_end)).sum())}  # inputs from before the data given to fit
    scored_series = np.unique(series)
    crossing = 0  # test windows whose targets run past the fit's last row (modelcard.fit_test_split)
    text = f"scored {'all ' if part == 'all' else ''}{counted(len(starts), 'window')} {PART_NAMES[part]}"
    if panel.n_series > 1:
        text += f" in {len(scored_series)} of {panel.n_series} series"
    if part in ("test", "all"):
        last = first + np.minimum(horizon, panel.lengths[series] - first)  # after each window's last row (enddates)
        crossing = int(((first >= val_end) & (first < fit_end) & (last > fit_end)).sum())
        # counted as --part train and --part val count (targets wholly inside), the windows between them said apart
        inside = {"training": int(((first + horizon <= train_end) & fitted).sum()),
                  "validation": int(((first >= train_end) & (first + horizon <= val_end) & fitted).sum())}
        across = counts["training"] + counts["validation"] - inside["training"] - inside["validation"]
        text += (f" ({counts['test']} in the fit's test split"
                 + (f" ({crossing} of them reaching past the fit's last row)" if crossing else "")
                 + f", {counts['new']} after the fit's last row"
                 + (f", {counts['before']} reading rows from before it, which the model never saw"
                    if counts["before"] else "")
                 + (f", {inside['training']} with targets on training rows and {inside['validation']} on validation "
                    "rows, which flatter the model" if part == "all" else "")
                 + (f", and {across} whose targets run from one of those splits into the next"
                    if part == "all" and across else "") + ")")
    if part == "train" or part == "all" and counts["training"]:  # the baselines learn from them as the model does
        fitted = " and ".join(f"'{baseline_name(k)}'" for k in ("mean", "climatology")[:1 + climate])
        text += (f"; the baselines fitted on the training rows ({'these same rows' if part == 'train' else 'some of these'}"
                 f"), {fitted}, and, beside a quantile model, the baselines' intervals, are scored in-sample there")
    elif part == "val":  # the mean baseline reads the validation rows too (decision 2174)
        text += f"; the '{baseline_name('mean')}' baseline, the mean of every row before the cutoff, these too, is scored in-sample there"
    if panel.time is not None and len(scored_series):  # each series' earliest and latest first target, then theirs
        lows, highs = np.full(panel.n_series, np.iinfo(np.int64).max), np.full(panel.n_series, -1)
        np.minimum.at(lows, series, first), np.maximum.at(highs, series, first)
        earliest = panel.offsets[scored_series] + lows[scored_series]  # [S'] rows of panel.time
        latest = panel.offsets[scored_series] + highs[scored_series]
        lo, hi = panel.time[earliest[panel.time[earliest].argmin()]], panel.time[latest[panel.time[latest].argmax()]]
        text += f"; first targets from {_show(lo, panel)} to {_show(hi, panel)}"
    if not located.by_time:
        text += "; rows are matched to the fit's by their number (no timestamps), so give data that starts where the fit's did"
    return {"part": part, "windows": int(len(starts)), "series": int(len(scored_series)), "targets_on": counts,
            "past_fit_end": crossing, "by_time": located.by_time, "text": text}


def too_short(panel: Panel, short: np.ndarray, lookback: int, horizon: int, method: str = "evaluate") -> str:
    """That the series ``short`` (positions in ``panel``) hold no window of ``lookback + horizon`` rows, with
    the rows each has: "evaluate needs at least lookback 12 + horizon 3 = 15 rows (one window), got 14", or
    for many series "... rows of a series (one window); too short: 'a' (14 rows), 'b' (9 rows)" (ten named). A caller
    names ``method`` in its own words (``spelling.hints(predict_windows="compare")``: compare's, not a method's)."""
    need = f"{hint(method, method)} needs at least lookback {lookback} + horizon {horizon} = {lookback + horizon} rows"
    if panel.n_series == 1:
        return f"{need} (one window), got {len(panel.values)}"
    every = ("every series is" if len(short) == panel.n_series else
             f"{len(short)} series {'is' if len(short) == 1 else 'are'}")
    return f"{need} of a series (one window); {every} too short: {_listed(panel, short, rows=True)}"


def _nothing(state, panel: Panel, located: Located, part: str, verb: str = "score") -> str:
    lookback, horizon = state.settings.data.lookback, state.settings.data.horizon
    held = [f"'{p}'" for p in parts_holding(located.splits, panel.offsets, lookback, horizon) if p != part]  # 'all' at least
    offer = "part " + " or ".join([", ".join(held[:-1]), held[-1]] if len(held) > 1 else held) + f" ({spelled('part')})"
    if part == "test":
        ends = [b[1] for b in state.borders if b[1] is not None] if located.by_time and state.borders else []
        where = f" (its validation rows end before {_show(pd.Timestamp(min(ends)), panel)})" if ends \
            and isinstance(panel.time, pd.DatetimeIndex) else (f" (its validation rows end before {min(ends)})" if ends else "")
        where = where or (" (a final fit on every row it was given: test_frac 0)" * (state.settings.data.test_frac == 0))
        said = (f"the data holds no window (lookback {lookback} + horizon {horizon}) whose targets come after the rows "
                f"the model was fitted and validated on{where}")
        todo = f"give data that goes on after them{hint('part', f', or {offer} to {verb} rows the model was fitted or validated on')}"
    elif part == "val" and state.splits and all(split.val_end == split.train_end for split in state.splits):
        why = "val_frac 0" if state.settings.data.val_frac == 0 else "its split gave none"
        return f"the model was fitted without validation rows ({why}), so part 'val' has nothing to {verb}; give {offer}"
    else:
        said = (f"the data holds no window (lookback {lookback} + horizon {horizon}) whose targets all lie in the fit's "
                f"{'training' if part == 'train' else 'validation'} rows")
        todo = f"give the data the model was fitted on{hint('part', f', or {offer}')}"
    return f"{said}; {todo}" if located.by_time else f"{said}{_by_number(state, panel, verb)}"


def _by_number(state, panel: Panel, verb: str = "score") -> str:
    """How rows without timestamps were matched to the fit's (by number, from 0 in the data given), and
    what gives a match: the data from the fit's first row on."""
    why = "the data has no time column" if panel.time is None else "the model was saved before it kept its split's dates"
    said = f": {why}, so its rows are matched to the fit's by number, counted from 0 in the data given"
    if state.layout == "single":
        split, rows = state.splits[0], len(panel.values)
        said += (f"; its {counted(rows, 'row')} stand{'s' if rows == 1 else ''} for the fit's {rows_span(0, rows - 1)} "
                 f"(the fit trained on {rows_span(0, split.train_end - 1)}, validated on "
                 f"{rows_span(split.train_end, split.val_end - 1, '')}, tested on {rows_span(split.val_end, split.end - 1, '')})")
    else:
        said += " (in each series)"
    every = hint("part", f", or part 'all' (--part all) to {verb} every window of these rows")  # forecast_figure: none
    return said + ("; give the rows from the fit's first row on, so that the numbers match (its data, with any newer "
                   f"rows after it){every}")


def _show(value, panel: Panel) -> str:
    """A time value as a person reads it: as the panel's data writes its times (``timetext.shown``), in the zone it
    is read in (the fit's end, at +02:00, for data read in UTC: on the clock of the command's other lines)."""
    zone = getattr(panel.time, "tz", None)
    if isinstance(value, pd.Timestamp) and value.tz is not None and zone is not None:
        value = value.tz_convert(zone)
    return shown(value, panel.time if panel.time is not None else None, panel.calendar.text_format)
