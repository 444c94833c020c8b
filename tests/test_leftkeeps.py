"""Why fit left each series out, and the setting that keeps them (``leftkeeps.py``, decision 1889)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster
from rnncast.config import DataSettings
from rnncast.leftkeeps import keeps, kept, said
from rnncast.leftout import needs, reason

# A tester's weekly panel at cutoff: lookback 13, horizon 13, val_frac 0.1 need 126 rows up to the cutoff
TWO_YEARS = [{"id": f"P{i}", "rows": n + 13, "needed": 139, "cutoff_rows": [n, 13], "cutoff_needs": [126, 13]}
             for i, n in enumerate((103, 98, 96, 105))]
NEW = {"id": "new", "rows": 30, "needed": 139, "cutoff_rows": [17, 13], "cutoff_needs": [126, 13]}
GONE = {"id": "gone", "rows": 167, "needed": 139, "cutoff_rows": [167, 0], "cutoff_needs": [126, 13]}
WEEKLY = (13, 13, 0.1, 0.0)


def test_kept_splits_the_rows_as_fit_does():
    assert not kept(TWO_YEARS, *WEEKLY).any()
    assert kept(TWO_YEARS, 13, 13, 0.14, 0.0).all()  # 96 rows: 13 for validation, 83 for training
    assert kept([GONE], 13, 13, 0.5, 0.0).tolist() == [False]  # no rows after the cutoff: no share keeps it
    assert kept([{"id": "a", "rows": 40, "needed": 85}], 4, 3, 0.1, 0.1).tolist() == [True]  # no cutoff: shares
    assert kept([{"id": "a", "rows": 20, "needed": 85}], 4, 3, 0.1, 0.1).tolist() == [False]  # 2 test rows < 3


def test_the_share_that_keeps_them_is_offered_not_only_a_shorter_horizon():
    """The validation share, 10 rows of two years of weeks, could not hold a horizon of 13: 0.14 keeps them."""
    assert keeps(TWO_YEARS, *WEEKLY).startswith(
        "; fit again with val_frac 0.14 (val_frac=0.14, --val-frac 0.14) to keep all of them")
    said_of = keeps(TWO_YEARS + [NEW, GONE], *WEEKLY)
    assert said_of.startswith("; fit again with val_frac 0.14 (val_frac=0.14, --val-frac 0.14) to keep 4 of them")
    assert "or with horizon " in said_of
    assert keeps([GONE], *WEEKLY) == ""  # nothing keeps a series that ended before the cutoff
    assert keeps([], *WEEKLY) == ""


def test_each_reason_is_its_own_and_the_need_says_the_validation_share_binds():
    """One reason and one need, leftout's, for the warning, the records and the page (decision 1952)."""
    assert reason(TWO_YEARS) == "had too few rows up to the fit's cutoff"
    assert reason([GONE]) == "had too few rows after the fit's cutoff"
    assert reason(TWO_YEARS + [GONE]) == "had too few rows up to the fit's cutoff or after it (4 series short up to it, 1 after it)"
    assert reason([{"id": "a", "rows": 5, "needed": 9}], one=True) == "was too short to train"
    data = DataSettings(lookback=13, horizon=13, val_frac=0.1, cutoff="2026-08-30")
    assert needs(TWO_YEARS, data) == ("126 rows up to the cutoff 2026-08-30, of which the 10% for validation must hold "
                                      "a horizon of 13, and 13 after it")
    assert needs([{"id": "a", "rows": 5, "needed": 59}], DataSettings(lookback=50, horizon=3)) == "59 rows"


def test_a_lookback_that_keeps_them_is_offered_where_the_training_rows_bind():
    """100 rows at lookback 96 and horizon 12 hold 70 training rows: no share or horizon keeps them, lookback 58
    does; it was offered nothing (decision 1953)."""
    records = [{"id": f"T{i}", "rows": 100 + i, "needed": 180} for i in range(3)]
    assert keeps(records, 96, 12, 0.15, 0.15) == "; fit again with lookback 58 (lookback=58, --lookback 58) to keep all of them"


def test_predict_names_where_every_series_left_out_is_listed_its_reason_and_the_remedy():
    records = [{**TWO_YEARS[i % 4], "id": f"P{i:02d}"} for i in range(12)] + [GONE]
    data = DataSettings(lookback=13, horizon=13, val_frac=0.1, cutoff="2026-08-30")
    text = said([repr(d["id"]) for d in records], records, data, "forecast", [d["id"] for d in records] + ["other"])
    assert text.startswith("series 'P00', 'P01', ")
    assert ("'P09' and 3 more had too few rows up to the fit's cutoff or after it (12 series short up to it, 1 after it) and are "
            "not forecast (all 13, each with its rows and reason, are in the fit run's metrics.json skipped_series, or a "
            "Python fit's skipped_series_); "
            "each needs 126 rows up to the cutoff 2026-08-30, of which the 10% for validation must hold a horizon of "
            "13, and 13 after it; fit again with val_frac 0.14") in text
    one = said(["'P00'"], records, data, "scored", ["P00"])  # only the data's series are said
    assert one.startswith("series 'P00' had too few rows up to the fit's cutoff and is not scored; each needs 126")
    assert "all 1" not in one


def test_fit_and_predict_offer_the_val_frac_that_keeps_the_series_left_out(caplog):
    """A daily panel's series of 40 rows is left out with val_frac 0.1 (4 rows) and horizon 5: fit's warning and
    predict's offer val_frac 0.12, which keeps it (its test share, 20%, holds a horizon)."""
    rng = np.random.default_rng(0)
    frame = pd.concat([pd.DataFrame({"unique_id": sid, "ds": pd.date_range("2024-01-01", periods=n, freq="D"),
                                     "y": rng.normal(size=n).cumsum()}) for sid, n in (("long", 120), ("short", 40))],
                      ignore_index=True)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**{**TINY, "lookback": 4, "horizon": 5, "val_frac": 0.1, "test_frac": 0.2}).fit(frame)
        fit_said = caplog.text
        caplog.clear()
        model.predict(frame)
    assert "1 of 2 series is too short to train and is left out: 'short' (40 rows)" in fit_said
    assert "fit again with val_frac 0.12 (val_frac=0.12, --val-frac 0.12) to keep all of them" in fit_said
    assert "series 'short' was too short to train and is not forecast; each needs" in caplog.text
    assert "fit again with val_frac 0.12 (val_frac=0.12, --val-frac 0.12) to keep all of them" in caplog.text


def test_a_backtests_words_say_backtest_again_and_keep_it():
    """A backtest's refusal (decision 2004): "backtest again ... to keep it", each offer keeping its one series."""
    one = [{"cutoff_rows": [100, 60]}]
    said = keeps(one, 5, 20, 0.1, 0.0, "backtest again", "it")
    assert said.startswith("; backtest again with val_frac 0.2 (val_frac=0.2, --val-frac 0.2) to keep it")
    assert said.endswith("to keep it") and " to keep 1" not in said


def test_a_panel_too_short_for_its_fractions_is_offered_what_keeps_most_of_it():
    """t39t3: 40 ragged sites of 12-36 months, each too short for lookback 6 + horizon 6 at val_frac 0.1 and test_frac
    0.2, were offered only what fits the longest (horizon 4, val_frac 0.16), which keeps it alone; val_frac 0 and a
    cutoff keep more, each said with its count (decision 2118). Beside test_frac 0 (a final fit) no cutoff is offered."""
    from rnncast.leftkeeps import more_kept
    from rnncast.loading import load_panel
    from test_cutoffadvice import _ragged

    panel = load_panel(_ragged(), target="y", id_col="site", time_col="date")
    said = more_kept(panel, DataSettings(lookback=6, horizon=6, val_frac=0.1, test_frac=0.2))
    assert said == ("; of the 10 series, val_frac 0 (val_frac=0, --val-frac 0) keeps 3, the cutoff 2026-04-30 "
                    "(cutoff='2026-04-30', --cutoff 2026-04-30) with val_frac 0 (val_frac=0, --val-frac 0) keeps 7 or "
                    "horizon 1 (horizon=1, --horizon 1) keeps 10")
    final = more_kept(panel, DataSettings(lookback=6, horizon=6, val_frac=0.1, test_frac=0.0))
    assert "cutoff" not in final and "val_frac 0 (val_frac=0, --val-frac 0) keeps 10" in final


def test_a_final_fit_is_offered_val_frac_0_where_it_keeps_more_than_any_share():
    """t40-t5 7 (decision 2164): a final fit (test_frac 0) kept 7 stores at --val-frac 0, its hint offered val_frac
    0.17 and horizon 5 (6 each); a fit with a test split or a cutoff is offered the shares as before."""
    records = [{"id": f"N{i}", "rows": 40 + i, "needed": 60} for i in range(3)]  # 40 rows: 32 train, 8 val at 0.2
    final = keeps(records, 26, 8, 0.1, 0.0)
    assert final.startswith("; fit again with val_frac 0 (val_frac=0, --val-frac 0) to keep all of them"), final
    scored = keeps(records, 26, 8, 0.1, 0.2)  # a test split where no share keeps them all (decision 2272):
    assert ("val_frac 0 (--val-frac 0, still scored on the test rows) and lookback 24 (--lookback 24) to keep 3 or "
            "with test_frac 0 and val_frac 0 (a final fit, unscored: --test-frac 0 --val-frac 0) to keep 3") in scored


def test_a_new_series_too_short_for_a_scored_fit_is_offered_a_shorter_lookback_and_a_final_fit():
    """t41-t8 6 (decision 2272): a new line of 30 monthly rows, lookback 24, horizon 6, val 0.1, test 0.2: no share,
    horizon or lookback kept it, and nothing was said; val_frac 0 with lookback 18 keeps it scored, a final fit at
    lookback 24."""
    said = keeps([{"id": "CYBER", "rows": 30, "needed": 55}], 24, 6, 0.1, 0.2)
    assert said == ("; fit again with val_frac 0 (--val-frac 0, still scored on the test rows) and lookback 18 "
                    "(--lookback 18) to keep all of them or with test_frac 0 and val_frac 0 (a final fit, unscored: "
                    "--test-frac 0 --val-frac 0) to keep all of them")
    assert "val_frac 0 " not in keeps(TWO_YEARS, *WEEKLY)  # a cutoff's records: as before
