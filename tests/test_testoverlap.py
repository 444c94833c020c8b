"""The overlap of per-series splits (``testoverlap.py``): test rows on dates other series were fitted on,
measured and said; none for series on the same dates, one series, or rows without time."""

from __future__ import annotations

from conftest import staggered_frame
from rnncast.config import DataSettings
from rnncast.cutting import cut as cut_panel
from rnncast.loading import load_panel
from rnncast.testoverlap import overlap

DATA = DataSettings(lookback=12, horizon=3)

STAGGERED = {"a": "2024-01-01", "b": "2024-02-15", "c": "2024-01-01"}  # b's training rows reach past a's test start


def test_per_series_splits_whose_test_rows_fall_on_other_series_fitted_dates_are_measured():
    panel = load_panel(staggered_frame(STAGGERED))
    kept, splits, _ = cut_panel(panel, None, DATA)
    said = overlap(kept, splits)
    # a and c: test rows from row 80 (2024-03-21), b fitted up to its row 79 (2024-05-04)
    assert said["series"] == 2 and said["of"] == 3 and said["from"] == "2024-03-21" and said["to"] == "2024-05-04"
    assert "test rows of 2 of the 3 series (from 2024-03-21)" in said["text"] and "--cutoff" in said["text"]


def test_series_on_the_same_dates_one_series_or_rows_without_time_have_no_overlap():
    aligned = load_panel(staggered_frame({"a": "2024-01-01", "b": "2024-01-01"}))
    assert overlap(*cut_panel(aligned, None, DATA)[:2]) is None
    one = load_panel(staggered_frame({"a": "2024-01-01"}).drop(columns="unique_id"))
    assert overlap(*cut_panel(one, None, DATA)[:2]) is None
    numbered = load_panel(staggered_frame(STAGGERED).drop(columns="ds"))
    assert overlap(*cut_panel(numbered, None, DATA)[:2]) is None


def test_the_kept_line_is_respelled_as_the_data_read_now_writes_its_dates():
    """A run fit on day-first dates kept "(from 30/04/2026)"; evaluate of ISO data printed it beside ISO dates
    (t36t2, decision 1897)."""
    from rnncast.testoverlap import respelled
    panel = load_panel(staggered_frame(STAGGERED))
    said = overlap(*cut_panel(panel, None, DATA)[:2])
    kept = respelled(said, None, "%d/%m/%Y")  # a model fitted on ISO text: none to read back, kept
    assert kept is said
    dayfirst = {**said, "from": "21/03/2024", "to": "04/05/2024", "text": said["text"].replace("2024-03-21", "21/03/2024")}
    iso = respelled(dayfirst, "%d/%m/%Y", "%Y-%m-%d")
    assert iso["from"] == "2024-03-21" and iso["to"] == "2024-05-04" and iso["text"] == said["text"]
    assert respelled({**dayfirst, "from": "FY24"}, "%d/%m/%Y", "%Y-%m-%d")["from"] == "FY24"  # unread: as kept


def test_an_overlap_of_one_time_is_said_as_one_time():
    """"(from 2026-10-21T00:00:00Z) ... (up to 2026-10-21T00:00:00Z)" read as a span (t41c L3, decision 2244)."""
    from rnncast.testoverlap import respelled
    said = overlap(*cut_panel(load_panel(staggered_frame(STAGGERED)), None, DATA)[:2])
    one = respelled({**said, "from": "21/03/2024", "to": "21/03/2024"}, "%d/%m/%Y", "%Y-%m-%d")
    assert "test rows of 2 of the 3 series share one time, 2024-03-21, with the rows other series were trained" \
        in one["text"] and "up to" not in one["text"]
