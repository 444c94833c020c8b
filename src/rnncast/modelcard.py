"""What a model folder (``model.json``) and its ONNX file say of the fit that made the model, for whoever deploys it:
the cutoff dates (``cutoffs``: when its data began, and the last time of its training rows, of its validation rows and
of all it was given, as the data writes its times) and the headline test scores with the verdict (``test_scores``:
the test split's MSE, MAE and MASE in original units and whether it beats every baseline, where the fit scored one:
``rnncast fit``'s run, not ``Forecaster.fit`` alone). So a job holding the model folder or the .onnx file alone can
tell how stale the model is and how good it was when trained (decision 1530). A model of several targets keeps each
target's scores too (``target_scores``, each in its own units: the headline's pooled MSE averages units that differ,
decision 1900). Both are absent from a model saved
before them (``None``: ``read_cutoffs``, ``read_scores``); the row borders stay ``splits``' and ``borders``', from
which such a model's cutoffs are rebuilt (``from_borders``: decision 1599).
"""

from __future__ import annotations

import json
import math

import pandas as pd

from rnncast.timetext import at_midnight, shown

CUTOFFS = ("data_start", "train_end", "val_end", "data_end")  # a series' cutoff dates, in this order
ONNX = (*CUTOFFS, "test_windows", "test_mse", "test_mae", "test_mase", "test_by_target", "beats_baselines",
        "verdict_units")  # onnx_keys' keys
SCORES = ("windows", "mse", "mae", "mase", "beats_baselines", "baseline", "verdict_units")  # test_scores' keys
EACH = ("mse", "mae", "mase")  # target_scores' keys: each target's own, in its original units


def cutoffs(panel, splits) -> list[dict] | None:
    """Each series' cutoff dates [S] as text written as the data writes its times (``timetext.shown`` in the
    calendar's text form, a date alone where every time is at midnight): ``data_start`` the first time fit read,
    ``train_end`` the last training row's, ``val_end`` the last validation row's (None without validation rows),
    ``data_end`` the last row's given to fit (the test split's last). None where rows are numbered (no time)."""
    if panel.time is None:
        return None
    fmt, midnight, said = panel.calendar.text_format, at_midnight(panel.time), {}

    def shown_at(s: int, row: int) -> str:  # each time written once: a panel's series mostly share their cutoffs
        time = panel.time[int(panel.offsets[s]) + row]
        if time not in said:
            said[time] = shown(time, midnight, fmt)
        return said[time]

    return [{"data_start": shown_at(s, 0), "train_end": shown_at(s, sp.train_end - 1),
             "val_end": shown_at(s, sp.val_end - 1) if sp.val_end > sp.train_end else None,
             "data_end": shown_at(s, sp.end - 1)} for s, sp in enumerate(splits)]


def test_scores(metrics: dict, layout: str, targets: int) -> dict | None:
    """The headline of a run's test scores (``report.run_metrics``' ``test``): ``windows`` scored, the model's ``mse``,
    ``mae`` and ``mase`` in original units (pooled over the series; several targets' the mean of theirs, each in its
    own units, whose own ``target_scores`` keeps; None where not a finite number),
    ``beats_baselines`` (the run's verdict: a lower test MSE than every baseline, beyond chance, the climatology scored
    apart included: decision 1914; the test part's ``against_baselines``, ``verdictfields.fields``, where it holds one,
    so that a model far behind a linear fit of its own inputs is not said to beat them either: decision 1956) in
    ``verdict_units`` (original, or scaled for many series or targets), ``baseline`` the one it names (the best
    beaten, or the best unbeaten). None without a test split."""
    from rnncast.verdicts import kind, outcome, units_for

    test = (metrics or {}).get("test")
    if not test:
        return None
    units = units_for(layout, targets)
    good, baseline, mse, rival, how, _ = outcome(test, units)
    said = test.get("against_baselines")  # the sentence's fields where given: the linear fit's caveat too (decision 1956)
    beats = said["beats_baselines"] if isinstance(said, dict) else kind(good, mse, rival, how,
                                                                           test.get("climatology_series")) == "beats"
    model = test["original"]["model"]
    return {"windows": int(test["windows"]), **{k: _finite(model.get(k)) for k in ("mse", "mae", "mase")},
            "beats_baselines": bool(beats), "baseline": str(baseline), "verdict_units": units}


def target_scores(metrics: dict, targets: list) -> list[dict] | None:
    """Each target's test ``mse``, ``mae`` and ``mase`` [T] in its own original units (None where not a finite number),
    in ``targets`` order, from the run's metrics' ``test`` ``by_target``: the headline of several targets (``test_scores``)
    is the mean of the targets' MSEs, each in its own units, which no one target's error is (decision 1900). None for one
    target (its headline is its own) or without a test split."""
    by = ((metrics or {}).get("test") or {}).get("by_target")
    if len(targets) < 2 or not by or len(by) != len(targets):
        return None
    return [{k: _finite(each["model"].get(k)) for k in EACH} for each in by.values()]  # evaluate's, in targets order


def fit_test_split(scored: dict, n_series: int) -> bool:
    """Whether evaluate's windows (``scored``: ``parts.select``'s description) are the fit's own test split, whose
    headline is the model's ``test_scores``: no window with targets after the fit's last row (``targets_on``' new,
    nor a test-split window running past that row: ``past_fit_end``, decision 1668) or reading rows from before its
    first, or on training or validation rows, and each of the model's ``n_series`` series scored, none left out. A
    monitoring evaluate of newer rows, or of one series of a panel, is not (decision 1638)."""
    on = scored.get("targets_on") or {}
    return not any(on.get(k) for k in ("new", "before", "training", "validation")) and \
        not scored.get("past_fit_end") and scored.get("series") == n_series and not scored.get("series_left_out")


def scored(meta: dict, metrics: dict | None) -> dict:
    """``{"test_scores": ...}`` for the model.json ``meta`` (``FittedState.meta``) of a run scored as ``metrics``, with
    ``"target_scores"`` for several targets (``target_scores``), or nothing where there is no test split (or no
    metrics: ``Forecaster.save``)."""
    scores = test_scores(metrics, meta.get("layout", "single"), len(meta.get("targets") or [])) if metrics else None
    each = target_scores(metrics, list(meta.get("targets") or [])) if scores is not None else None
    return {} if scores is None else {"test_scores": scores, **({"target_scores": each} if each is not None else {})}


def _finite(value) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None


def from_borders(borders, calendar, own: dict, ids: list) -> list[dict] | None:
    """The cutoff dates [S] of a model saved before they were kept (decision 1599), rebuilt from model.json's
    ``borders`` [S, 4] (``parts.borders``: the first time after training, the first test time, the last and the first
    time, None past the end) on each series' calendar (``own`` {id: Calendar}, else ``calendar``): ``data_start`` and
    ``data_end`` as kept, ``train_end`` and ``val_end`` the calendar's step before the next part's first time (where
    the data lacked a row just there, that step's time). None without borders of four times, or on a calendar with no
    step back (no freq, sessions), where the times are not known."""
    if not borders or any(len(b) != 4 or b[3] is None for b in borders):
        return None
    try:
        return _rebuilt(borders, calendar, own, ids)
    except (TypeError, ValueError, OverflowError):  # a border the calendar cannot read: not known, as before
        return None


def _rebuilt(borders, calendar, own: dict, ids: list) -> list[dict] | None:
    rebuilt, kept = [], []
    for i, (after_train, first_test, last, first) in zip(ids, borders):
        cal = own.get(i, calendar)
        if cal.freq is None or getattr(cal, "session", None) is not None or cal.kind not in ("datetime", "period", "integer"):
            return None
        read = (lambda v, c=cal: pd.Period(v, freq=c.freq) if c.kind == "period" else int(v)) if cal.kind != "datetime" \
            else (lambda v, c=cal: pd.Timestamp(v).tz_convert(c.tz) if c.tz is not None and pd.Timestamp(v).tz is not None
                  else pd.Timestamp(v))
        back = (lambda v, c=cal: read(v) - (c.freq if c.kind == "datetime" else 1 if c.kind == "period" else int(c.freq)))
        times = {"data_start": read(first), "train_end": back(after_train) if after_train is not None else read(last),
                 "val_end": None if after_train is None or after_train == first_test else
                 back(first_test) if first_test is not None else read(last), "data_end": read(last)}
        rebuilt.append((cal, times))
        kept += [t for t in times.values() if isinstance(t, pd.Timestamp)]
    midnight = at_midnight(pd.DatetimeIndex(kept)) if kept else False
    return [{k: None if t is None else shown(t, midnight, cal.text_format) for k, t in times.items()}
            for cal, times in rebuilt]


def read_cutoffs(value, n: int) -> list[dict] | None:
    """model.json's ``cutoffs`` checked: None (a model saved before them, or without time) or [n] dicts of
    ``CUTOFFS``' keys, each text or None; ``ValueError`` otherwise (``FittedState.read``: hand-edited)."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == n and all(isinstance(c, dict) and set(c) == set(CUTOFFS) and all(
            t is None or isinstance(t, str) for t in c.values()) for c in value)):
        raise ValueError(f"cutoffs must be {n} objects of {', '.join(CUTOFFS)} (text or null)")
    return [{k: c[k] for k in CUTOFFS} for c in value]


def read_scores(value) -> dict | None:
    """model.json's ``test_scores`` checked: None (not scored, or saved before them) or a dict of ``SCORES``' keys;
    ``ValueError`` otherwise."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != set(SCORES) or not isinstance(value["beats_baselines"], bool):
        raise ValueError(f"test_scores must be null or an object of {', '.join(SCORES)}")
    for key in ("mse", "mae", "mase"):
        if value[key] is not None and (isinstance(value[key], bool) or not isinstance(value[key], (int, float))):
            raise ValueError(f"test_scores' {key} must be a number or null, got {value[key]!r}")
    return {k: value[k] for k in SCORES}


def read_target_scores(value, n: int) -> list[dict] | None:
    """model.json's ``target_scores`` checked: None (one target, not scored, or saved before them) or [n] objects of
    ``EACH``' keys, each a number or null; ``ValueError`` otherwise."""
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == n and all(isinstance(s, dict) and set(s) == set(EACH) and all(
            v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)) for v in s.values()) for s in value)):
        raise ValueError(f"target_scores must be {n} objects of {', '.join(EACH)} (a number or null)")
    return [{k: s[k] for k in EACH} for s in value]


def onnx_keys(state) -> dict:
    """The ONNX metadata's cutoff and score keys (text; '' where not known) of the fitted ``state`` of one series:
    ``CUTOFFS``' dates, ``test_windows``, ``test_mse``, ``test_mae``, ``test_mase`` (``repr`` of the float: every
    digit; several targets' the mean of theirs), ``test_by_target`` (JSON: each target's mse, mae and mase in its own
    units, in targets order; one target's its headline's), ``beats_baselines`` ('true', 'false') and the
    ``verdict_units`` it was judged in (original; scaled for several targets or series: decision 1900)."""
    dates = (state.cutoffs or [{}])[0]
    scores = state.test_scores or {}
    number = lambda key: "" if scores.get(key) is None else repr(float(scores[key]))  # noqa: E731
    each = state.target_scores or ([{k: scores.get(k) for k in EACH}] if scores and len(state.targets) == 1 else None)
    return {**{k: dates.get(k) or "" for k in CUTOFFS}, "test_windows": str(scores.get("windows", "")),
            **{f"test_{k}": number(k) for k in EACH}, "test_by_target": "" if each is None else json.dumps(each),
            "beats_baselines": "" if not scores else str(scores["beats_baselines"]).lower(),
            "verdict_units": str(scores.get("verdict_units") or "")}

