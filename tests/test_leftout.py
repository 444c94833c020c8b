"""How the series fit left out are named after it (``leftout.py``): too short, or lacking a cutoff's rows."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from conftest import TINY
from rnncast import Forecaster, leftout

SHORT = [{"id": "tiny", "rows": 20, "needed": 29}]
CUT = [{"id": "S06", "rows": 131, "needed": 83, "cutoff_rows": [131, 0], "cutoff_needs": [75, 8]}]


def test_a_series_left_out_by_a_cutoff_is_named_by_its_rows_up_to_it_and_after_it_not_as_too_short():
    assert leftout.reason(SHORT) == "were too short to train" and leftout.listed(SHORT) == "'tiny' (20 rows at fit)"
    assert leftout.needs(SHORT) == "29 rows"
    assert leftout.reason(CUT) == "had too few rows after the fit's cutoff"  # its own lack (decision 1952)
    assert leftout.listed(CUT) == "'S06' (131 up to the cutoff, 0 after)"
    assert leftout.needs(CUT) == "75 rows up to the cutoff and 8 after it"
    assert leftout.listed(SHORT * 12).endswith(" and 2 more")


def test_evaluate_of_a_fit_cut_at_a_cutoff_says_a_store_that_closed_before_it_was_not_too_short(caplog):
    """A retail tester's stores that closed before the fit's cutoff, with years of rows, were called too short."""
    rng = np.random.default_rng(0)
    frames = []
    for sid, end in (("a", "2024-06-30"), ("b", "2024-06-30"), ("closed", "2024-03-31")):
        days = pd.date_range("2024-01-01", end, freq="D")
        frames.append(pd.DataFrame({"unique_id": sid, "ds": days, "y": rng.normal(size=len(days)).cumsum()}))
    frame = pd.concat(frames, ignore_index=True)
    model = Forecaster(**TINY, cutoff="2024-05-31").fit(frame)
    assert model.skipped_series_[0]["cutoff_rows"] == [91, 0]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        result = model.evaluate(frame)
    assert "series 'closed' had too few rows after the fit's cutoff and is not scored" in caplog.text  # decision 1889
    assert "'closed' (91 up to the cutoff, 0 after) had too few rows" in result["scored"]["text"]
    assert "too short" not in caplog.text


def test_one_series_left_out_is_said_in_the_singular():
    """t31t1: "series 'dev3' were too short to train and are not scored/forecast" named one series; the verb agrees
    with the count now (decision 1502), the reason's plural kept for the callers that strip it."""
    assert leftout.reason(SHORT, one=True) == "was too short to train"
    assert leftout.reason(SHORT) == "were too short to train"
    assert (leftout.are(1), leftout.are(2)) == ("is", "are")


def test_each_record_written_out_says_its_reason():
    """Decision 1524: metrics.json's ``skipped_series`` says why each series was left out."""
    from rnncast.leftout import CUT, SHORT, reasoned
    records = [{"id": "a", "rows": 5, "needed": 9}, {"id": "b", "rows": 9, "needed": None, "cutoff_rows": [9, 0]},
               {"id": "c", "rows": 20, "needed": None, "reason": "kept"}]
    assert [d["reason"] for d in reasoned(records)] == [SHORT, CUT, "kept"]  # b: saved without its needs


def test_a_cutoffs_record_says_its_own_lack_as_fits_warning_does():
    """t36t7 5 (decision 1933): fit warned that series A, B and C "had too few rows up to the fit's cutoff" (22 rows
    after it, 20 needed), while metrics.json's skipped_series said "too few rows up to the cutoff or after it", wrong
    for "after it"."""
    from rnncast.leftout import CUT, lacked, reasoned

    def record(up, after, needs=(75, 20)):
        return {"id": "A", "rows": up + after, "needed": None, "cutoff_rows": [up, after], "cutoff_needs": list(needs)}

    assert [d["reason"] for d in reasoned([record(60, 22), record(80, 5), record(60, 5), record(60, 22, (None, 20))])
            ] == ["too few rows up to the cutoff", "too few rows after the cutoff",
                  "too few rows up to the cutoff and after it", "too few rows up to the cutoff"]
    assert lacked({"cutoff_rows": [9, 0]}) == CUT  # a model saved before the needs were kept: the words it had
    assert all(reason in leftout.CUTS for reason in map(lacked, [record(60, 22), record(80, 5), record(60, 5)]))


def test_each_cutoff_record_says_its_own_lack_where_the_warning_and_page_do():
    """The warning split the series "(16 up to it, 1 after it)" and sent the reader to metrics.json's
    skipped_series, which gave every one "too few rows up to the cutoff or after it" (reviewer r36r3); each record
    now says its own lack, from the one place the warning and the page take it (decision 1952)."""
    from rnncast.leftout import CUT_AFTER, CUT_BOTH, CUT_UP, reason, reasoned
    needs = {"cutoff_needs": [126, 13]}
    records = [{"id": "a", "rows": 109, "cutoff_rows": [96, 13], **needs},
               {"id": "b", "rows": 150, "cutoff_rows": [150, 0], **needs},
               {"id": "c", "rows": 50, "cutoff_rows": [50, 0], **needs}]
    assert [d["reason"] for d in reasoned(records)] == [CUT_UP, CUT_AFTER, CUT_BOTH]
    assert reason(records) == ("had too few rows up to the fit's cutoff or after it (1 series short up to it, 1 after "
                               "it, 1 on both sides)")


def test_the_split_counts_series_not_rows():
    """t39t3 L1: "(5 up to it, 6 after it)" beside "each needs 12 rows up to the cutoff ..., and 6 after it" read as
    rows; it counts series, and says so in its first count, whichever that is (decision 2120)."""
    from rnncast.leftout import reason
    needs = {"cutoff_needs": [12, 6]}
    after = [{"id": f"s{i}", "rows": 20, "cutoff_rows": [20, 2], **needs} for i in range(6)]
    both = [{"id": "t", "rows": 7, "cutoff_rows": [5, 2], **needs}]
    up = [{"id": f"u{i}", "rows": 20, "cutoff_rows": [5, 15], **needs} for i in range(5)]
    assert reason(up + after).endswith("(5 series short up to it, 6 after it)")
    assert reason(after + both).endswith("(6 series short after it, 1 on both sides)")


def test_a_record_that_meets_both_needs_is_read_as_lacked_reads_it():
    """r36r5 4: a cutoff's record whose rows meet both needs (left out by another rule) made ``reason`` say
    "... or after it ()" with empty brackets, while ``reasoned`` said the general words; both read it alike now."""
    from rnncast.leftout import CUT, lacked, reason
    record = {"id": "a", "rows": 100, "needed": 50, "cutoff_rows": [60, 10], "cutoff_needs": [50, 8]}
    assert lacked(record) == CUT
    assert reason([record]) == "had too few rows up to the fit's cutoff or after it"
