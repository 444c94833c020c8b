"""The rows of a run page's settings table that say how its series were split: one series' row borders and dates, a
panel's series (cut by the same fractions, or at one ``cutoff`` time) and their dates (decision 2126).

``reportpage`` places them. A panel cut at ``--cutoff`` was said to be "each split by the same fractions", and its
page had no dates row, which one series' page has (t39t2 6); ``settingrows.notes`` says ``test_frac`` is not used there.
"""

from __future__ import annotations

import pandas as pd

from rnncast import timetext

DATES = "dates: validation from / test from / last"


def single_rows(forecaster) -> list[list[str]]:
    """One series' ``[name, value]`` rows: its row borders ("[0, 140) / [140, 160) / [160, 200)") and, where the fit
    kept their times (``FittedState.borders``), the first validation and test times and the last (``DATES``, "-"
    for no validation rows), as the data writes its times."""
    split = forecaster.split_
    rows = [["rows: train / validation / test",
             f"[0, {split.train_end}) / [{split.train_end}, {split.val_end}) / [{split.val_end}, {split.end})"]]
    borders = forecaster.state_.borders
    if borders and all(b is not None for b in borders[0][:3]):
        first_val, first_test, last = texts(borders[0][:3], forecaster.calendar_)
        first_val = first_val if split.val_end > split.train_end else "-"  # val_frac 0: no validation rows, no date
        rows.append([DATES, f"{first_val} / {first_test} / {last}"])
    return rows


def panel_rows(forecaster) -> list[list[str]]:
    """A panel's ``[name, value]`` rows: how its series were split ("30 trained, each cut at the cutoff 2015-12-10
    (...)", or "each split by the same fractions") and ``DATES``: each border's time where every series shares it,
    else the earliest to the latest ("2015-10-01 to 2015-11-07"), "-" where no series has validation rows; no dates
    row where the fit kept no times (``FittedState.borders``)."""
    data_s, count = forecaster.settings_.data, len(forecaster.ids_)
    if data_s.cutoff is not None:
        validation = (f"the last {100 * data_s.val_frac:g}% of the rows up to it for validation" if data_s.val_frac
                      else "no validation rows")
        how = f"each cut at the cutoff {data_s.cutoff} (its test rows those after it; {validation})"
    else:
        how = "each split by the same fractions"
    rows = [["series", f"{count} trained, {how} and scaled on its own training rows"]]
    kept = [(b[:3], split) for b, split in zip(forecaster.state_.borders or [], forecaster.splits_ or [])
            if all(t is not None for t in b[:3])]
    if not kept:
        return rows
    shown, said = [texts(b, forecaster.calendar_) for b, _ in kept], []
    for k in range(3):  # the first validation time: of the series that have validation rows
        have = [i for i, (_, split) in enumerate(kept) if k or split.val_end > split.train_end]
        said.append(spanned([shown[i][k] for i in have], [kept[i][0][k] for i in have], forecaster.calendar_))
    return rows + [[DATES, " / ".join(said)]]


def spanned(texts_: list[str], values: list, calendar) -> str:
    """One border's text over the series: the one text they share, else "earliest to latest" (ordered by their
    times, ``values``), "-" where no series has it (no validation rows)."""
    if not texts_:
        return "-"
    if len(set(texts_)) == 1:
        return texts_[0]
    order = sorted(range(len(values)), key=lambda i: pd.Timestamp(values[i]) if calendar.kind == "datetime" else values[i])
    return f"{texts_[order[0]]} to {texts_[order[-1]]}"


def texts(borders, calendar) -> list[str]:
    """The split borders as the data writes its times: a datetime calendar's (ISO text in the state) in its own text
    form where it reads back, else dates alone for a calendar of days or coarser, else the timestamp with a space, as
    every other message shows one (``timetext.shown``); other calendars' as ``str`` writes them."""
    if calendar.kind != "datetime":
        return [str(b) for b in borders]
    stamps = [pd.Timestamp(b) for b in borders]
    return [timetext.shown(s, timetext.at_midnight(stamps), calendar.text_format) for s in stamps]
