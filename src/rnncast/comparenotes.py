"""What compare leaves out, in words: the windows not every model forecasts, with their causes (a season longer
than a model's lookback named only where it left windows out, decision 1845), the values no model scores, and a part
of windows the models trained on."""

from __future__ import annotations

import numpy as np

from rnncast.filledwindows import BLANK
from rnncast.spelling import counted
from rnncast.windowforecasts import WindowForecasts


def notes(left: dict, own: dict, keep, part: str, chosen: dict, named: dict, said: dict | None = None) -> list[str]:
    """What the comparison left out, in words: the windows some model does not forecast (``left``, of each model's
    ``own``), the values no model scores (``keep`` [W, H, T] of the ``chosen`` windows) and a part of trained-on
    windows. ``said``: each model's description of its windows (``parts.select``); one whose season left windows out
    (``season_left_out``) is named among the causes where another model's windows are left out (decision 1845), and
    says those windows in evaluate's words, whether or not every model left out the same (decision 1916)."""
    notes = [f"model {n!r}: {said[n]['season_left_out']['text']}." for n in named
             if seasonless((said or {}).get(n))]
    if any(left.values()):
        which = "windows" if part == "all" else f"{part} windows"
        notes.append("left out as not forecast by every model (another lookback, another fit's split, "
                     + _seasons(left, named, said or {}) + "or a date without a row whose future covariates one model "
                     "reads): " + ", ".join(f"{left[n]} of {n}'s {own[n]} {which}" for n in left if left[n]) + ".")
    if keep is not None and not keep.all():
        notes.append(unscored(chosen, keep, any(m.settings_.data.fill for m in named.values())))
    if part in ("train", "all"):  # many overlapping windows the models learned from: "beyond chance" comes easily
        notes.append(f"part={part!r} scores windows whose targets the models were trained on: it says how closely each "
                     "fits its training rows, not how well it forecasts; part='test' says that.")
    return notes


def unscored(chosen: dict[str, WindowForecasts], keep: np.ndarray, fill: bool) -> str:
    """The values no model scores, counted by kind as evaluate says them, each once: steps on dates the data has no
    row for (a blank actual, ``stepactuals``), values of windows reading values filled from later rows, and targets
    fill made (``fill``: some model fills) or labels left blank (a model of the features alone, ``blanklabels``)."""
    out = ~keep
    blank = out & np.logical_or.reduce([np.isnan(wf.y_true) for wf in chosen.values()])
    later = out & ~blank & np.logical_or.reduce([wf.reads_later[:, None, None] if wf.reads_later is not None else
                                                 np.zeros(keep.shape[:1] + (1, 1), dtype=bool)
                                                 for wf in chosen.values()])
    made = out & ~blank & ~later
    kinds = [f"{counted(int(blank.sum()), 'forecast step')} on dates the data has no row for (forecast, with a blank "
             "actual)" if blank.any() else "",
             f"{counted(int(made.sum()), 'target')} {'fill made' if fill else BLANK}" if made.any() else "",
             f"{counted(int(later.sum()), 'value')} of windows reading values filled from later rows" if later.any()
             else ""]
    return (f"{counted(int(out.sum()), 'value')} left out where a model scores none: "
            + "; ".join(k for k in kinds if k) + ".")


def seasonless(said: dict | None) -> int:
    """How many windows a model's ``parts.select`` description (``said``) left out for their series' holding fewer
    than a season of calendar steps before them (``season_left_out``, decisions 1778, 2028); 0 where none."""
    return int(((said or {}).get("season_left_out") or {}).get("windows", 0))


def _seasons(left: dict, named: dict, said: dict) -> str:
    """"a season longer than another model's lookback (w1: season 52, lookback 8), " where a model left windows out for
    its season (decision 1778) and another model's windows are left out; "" otherwise (t35t7 L1)."""
    short = [n for n in named if (said.get(n) or {}).get("season_left_out")]
    if not short or not any(left[n] for n in left if n not in short or len(short) > 1):
        return ""
    each = "; ".join(f"{n}: season {named[n].settings_.data.season}, lookback {named[n].settings_.data.lookback}"
                     for n in short)
    return f"a season longer than another model's lookback ({each}), "
