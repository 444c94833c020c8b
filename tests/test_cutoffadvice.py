"""What a refused cutoff offers (``cutoffadvice.py``): every offer is followed here, and the cut then holds."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, cutoffadvice
from rnncast.config import DataSettings
from rnncast.cutting import cut
from rnncast.loading import load_panel

# (name=value, --flag value) groups, "; " between the settings of a pair; "with a cutoff from A to B" before a group
# joins the cutoff to the offer before it
OFFER = re.compile(r"(with (?:a|the) cutoff [^()]*)?\(((?:\w+=[^,;()]+, --[\w-]+ [^;()]+(?:; )?)+)\)")


def _offers(said: str, now: dict) -> list[dict]:
    advice = said.split(" after it (a horizon of test rows)", 1)[1]  # the offers, after the need
    offers = []
    for joined, group in ((m.group(1), m.group(2)) for m in OFFER.finditer(advice)):
        settings = dict(part.split(", --")[0].split("=", 1) for part in group.split("; "))
        settings = {k: v.strip("'") if k == "cutoff" else (float(v) if "." in v else int(v)) for k, v in settings.items()}
        if joined:
            offers[-1].update(settings)
        else:
            offers.append(settings)
    return [{**now, **o} for o in offers]


def _series(n: int, start: str = "2016-07-01", key: str | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"date": pd.date_range(start, periods=n, freq="15min"), "y": np.sin(np.arange(n) / 9.0)})
    return frame if key is None else frame.assign(unit=key)


def _follow(panel, now: dict) -> tuple[str, list[dict]]:
    with pytest.raises(RnncastError) as refused:
        cut(panel, None, DataSettings(**now))
    said = str(refused.value)
    offers = _offers(said, now)
    assert offers, said
    for offer in offers:  # each offer followed: the series it names is cut, none refused
        _, splits, short = cut(panel, None, DataSettings(**offer))
        assert splits, offer
        settings_given = all(offer[k] == now[k] for k in ("lookback", "horizon", "val_frac"))
        if settings_given and "leaves out" not in said:  # a cutoff for the settings given keeps every series
            assert not short, (offer, short)
    return said, offers


@pytest.mark.parametrize("cutoff", ["2016-08-05", "2016-08-04 03:45:00", "2016-07-20", "2016-09-01"])
def test_the_testers_ettm1_cutoff_is_offered_only_what_fits(cutoff):
    """s29: ETTm1's first 4000 rows at lookback 96, horizon 720, cutoff 2016-08-05 were told "give a cutoff on or
    before 2016-08-04 03:45:00", which was refused again (7195 rows needed up to any cutoff, 3280 there): no cutoff
    fits 10% validation of a horizon of 720 in 4000 rows. Now that is said, the 7195 in its parts, and each offer holds."""
    panel = load_panel(_series(4000), target="y", announce=False)
    now = {"lookback": 96, "horizon": 720, "val_frac": 0.1, "cutoff": cutoff}
    said, offers = _follow(panel, now)
    assert "7195 rows up to the cutoff" in said and "the last 10% of them, 720, for validation, which must hold a " \
        "horizon of 720, and the 6475 before them for training, which must hold lookback 96 + horizon 720 = 816" in said
    assert "; no cutoff leaves the rows these settings need (7195 up to the cutoff + 720 after it) in the series " \
        "(4000 rows): it fits " in said
    assert not any(all(o[k] == now[k] for k in ("lookback", "horizon", "val_frac")) for o in offers)  # no cutoff alone
    assert "val_frac 0.22 (val_frac=0.22, --val-frac 0.22) with a cutoff from 2016-08-04 01:30:00 to 2016-08-04 " \
        "03:45:00 (cutoff='2016-08-04 03:45:00', --cutoff '2016-08-04 03:45:00')" in said  # a share with its cutoffs


@pytest.mark.parametrize("now", [
    {"lookback": 48, "horizon": 24, "val_frac": 0.1, "cutoff": "2016-07-01 10:00:00"},  # too few rows up to it
    {"lookback": 48, "horizon": 24, "val_frac": 0.1, "cutoff": "2016-07-05 23:00:00"},  # too few after it
    {"lookback": 48, "horizon": 24, "val_frac": 0.1, "cutoff": "2030-01-01"},  # after the data's end
    {"lookback": 300, "horizon": 40, "val_frac": 0.05, "cutoff": "2016-07-04"},  # a share and a size bind
    {"lookback": 8, "horizon": 60, "val_frac": 0.3, "cutoff": "2016-07-02"},
])
@pytest.mark.parametrize("keys", [None, ("a", "b")])
def test_every_offer_of_a_cutoff_refusal_is_followed_and_fits(now, keys):
    """Each setting at the cutoff, each cutoff for the settings, each setting with its cutoffs: one series and a panel
    (its second series shorter, starting later)."""
    frame = _series(480) if keys is None else pd.concat(
        [_series(480, key=keys[0]), _series(300, "2016-07-02", key=keys[1])])
    panel = load_panel(frame, target="y", id_col=None if keys is None else "unit", announce=False)
    said, offers = _follow(panel, now)
    assert len(offers) >= 1, said


def test_a_backtest_cutoff_near_the_end_offers_windows_and_cutoffs_that_each_run():
    """A backtest's "give a cutoff on or before X" counted only the rows after X: with too few rows up to it, X was
    refused too. Each offer is followed (the backtest runs); where no cutoff holds both, that is said."""
    from conftest import TINY
    from rnncast import Forecaster

    frame = pd.DataFrame({"date": pd.date_range("2023-01-01", periods=60, freq="D"), "y": np.sin(np.arange(60) / 4.0)})
    settings = {**TINY, "lookback": 14, "horizon": 3}
    with pytest.raises(RnncastError) as refused:
        Forecaster(**settings, cutoff="2023-02-24").backtest(frame, n_windows=5, step=3)
    said = str(refused.value)
    assert said.endswith("1 window fit there (n_windows=1, --n-windows 1), or give a cutoff from 2023-01-26 to "
                         "2023-02-14 (cutoff='2023-02-14', --cutoff 2023-02-14)")
    Forecaster(**settings, cutoff="2023-02-24").backtest(frame, n_windows=1, step=3)
    Forecaster(**settings, cutoff="2023-02-14").backtest(frame, n_windows=5, step=3)
    with pytest.raises(RnncastError, match=r"; give a cutoff from 2023-01-26 to 2023-02-14 \(cutoff=.*\)$"):
        Forecaster(**settings, cutoff="2023-01-25").backtest(frame, n_windows=5, step=3)  # one row short up to it
    with pytest.raises(RnncastError) as refused:
        Forecaster(**settings, cutoff="2023-02-05").backtest(frame.iloc[:40], n_windows=5, step=3)
    assert str(refused.value).endswith("no cutoff holds 26 rows up to it and 15 after it in any series: fewer cutoffs "
                                       "(n_windows=, --n-windows) or a shorter horizon or step")


def test_a_panels_backtest_cutoffs_offered_keep_every_series(caplog):
    """A panel's A (90 days) and B (60, from 30 days later) were offered A's cutoffs ("from 2023-01-26"), and following
    the earliest left B out (0 rows up to it). The cutoffs offered hold every series; the earliest and latest run with
    none left out. Where none keeps every series, the range names the series it leaves out."""
    from conftest import TINY
    from rnncast import Forecaster

    frame = pd.concat([pd.DataFrame({"id": key, "date": pd.date_range(start, periods=n, freq="D"),
                                     "y": np.sin(np.arange(n) / 4.0)})
                       for key, start, n in (("A", "2023-01-01", 90), ("B", "2023-01-31", 60))])
    settings = {**TINY, "lookback": 14, "horizon": 3}
    with pytest.raises(RnncastError) as refused:
        Forecaster(**settings, cutoff="2023-03-25").backtest(frame, n_windows=5, step=3, id_col="id")
    assert str(refused.value).endswith("or give a cutoff from 2023-02-25 to 2023-03-16 (cutoff='2023-03-16', "
                                       "--cutoff 2023-03-16)")
    for cutoff in ("2023-02-25", "2023-03-16"):
        caplog.clear()
        Forecaster(**settings, cutoff=cutoff).backtest(frame, n_windows=5, step=3, id_col="id")
        assert "left out" not in caplog.text, (cutoff, caplog.text)
    short = pd.concat([frame[frame.id == "A"], frame[frame.id == "B"].iloc[:20]])  # B holds 20 rows: never 26 + 15
    with pytest.raises(RnncastError) as refused:
        Forecaster(**settings, cutoff="2023-03-29").backtest(short, n_windows=5, step=3, id_col="id")
    assert str(refused.value).endswith("most: give a cutoff from 2023-01-26 to 2023-03-16 (cutoff='2023-03-16', "
                                       "--cutoff 2023-03-16), which leaves out 'B' (no single cutoff keeps every "
                                       "series)"), str(refused.value)


def test_a_setting_tried_is_checked_by_its_rows_and_only_those_offered_are_given_their_cutoffs(monkeypatch):
    """Each lookback, horizon and share the search tried drew the cutoffs that keep the most series (``span``, which
    pairs every series' cutoffs with every other's) only to ask whether there were any: 1600 series took 2.5 s. A
    setting tried is checked by its series' rows; span draws the cutoffs of the settings given and of each offered."""
    panel = load_panel(pd.concat([_series(120 + s % 50, key=f"u{s}") for s in range(40)]), target="y", id_col="unit",
                       announce=False)
    now = {"lookback": 110, "horizon": 24, "val_frac": 0.3, "cutoff": "2016-07-02"}
    drawn = []
    monkeypatch.setattr(cutoffadvice, "span", lambda *args, span=cutoffadvice.span: drawn.append(args) or span(*args))
    with pytest.raises(RnncastError) as refused:
        cut(panel, None, DataSettings(**now))
    said = str(refused.value)
    offered = said.count(") with the cutoff ") + said.count(") with a cutoff ")
    assert offered >= 2 and len(drawn) == 1 + offered, said  # the settings given, then each setting offered


def _ragged(lengths=(12, 14, 16, 18, 20, 22, 24, 28, 32, 36)) -> pd.DataFrame:
    """Month-end sites that open on different dates and all run to 2026-10-31, of ``lengths`` rows (t39t3's kind)."""
    end = pd.Timestamp("2026-10-31")
    return pd.concat([pd.DataFrame({"site": f"S{i:02d}", "date": pd.date_range(end=end, periods=n, freq="ME"),
                                    "y": np.arange(n, dtype=float) % 5 + i}) for i, n in enumerate(lengths)])


def test_most_kept_names_the_latest_cutoff_that_keeps_the_most_series_and_counts_them_as_the_cut_does():
    """Decision 2118: the count is the cut's own at the cutoff named (rows up to it split as cutoffs.cut splits them,
    a horizon after it)."""
    panel = load_panel(_ragged(), target="y", id_col="site", time_col="date")
    settings = DataSettings(lookback=6, horizon=6, val_frac=0.0)
    n, at = cutoffadvice.most_kept(panel, settings, 0.0)
    assert at == "the cutoff 2026-04-30 (cutoff='2026-04-30', --cutoff 2026-04-30)"
    splits = cut(panel, None, DataSettings(lookback=6, horizon=6, val_frac=0.0, cutoff="2026-04-30"))[1]
    assert n == len(splits) == 7  # the sites of 18 rows or more: 12 up to the cutoff and 6 after it
    assert cutoffadvice.most_kept(panel, DataSettings(lookback=30, horizon=6), 0.0) == (0, None)  # none holds them
