"""pandas 2's calendar aliases (``oldaliases.py``): the name pandas gives each now, and, with the data at hand, the
calendar its timestamps keep named the first time: --freq Q-JUN on quarters' first days named 'QE-JUN', which the data
then refused naming 'QS-JAN' (decision 776)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast.calendars import _offset
from rnncast.errors import RnncastError
from rnncast.loading import load_panel
from rnncast.oldaliases import start_of

OLD = f"is pandas 2's name of 'QE-JUN', which pandas {pd.__version__} no longer reads"


@pytest.mark.parametrize("old, new", [("M", "ME"), ("H", "h"), ("1H", "1h"), ("A", "YE"), ("Y", "YE"), ("60T", "60min"),
                                      ("S", "s"), ("L", "ms"), ("U", "us"), ("BM", "BME"), ("BA", "BYE"), ("Q", "QE"),
                                      ("Q-DEC", "QE-DEC"), ("A-JUN", "YE-JUN"), ("AS", "YS"), ("2M", "2ME")])
def test_a_calendar_in_pandas_2s_alias_is_refused_naming_its_name_now(old, new):
    """--freq M, H, 60T, BA ... said only "freq='M' is not a calendar", where pandas 3 calls it ME, h, 60min, BYE."""
    with pytest.raises(RnncastError) as err:  # no data at hand: the name now, and its first days unanchored
        _offset(old)
    start = {"ME": "MS", "YE": "YS", "BME": "BMS", "BYE": "BYS", "QE": "QS", "2ME": "2MS", "QE-DEC": "QS-JAN",
             "YE-JUN": "YS-JUL"}.get(new)  # its periods' first days: the anchor moved to the same periods
    also = f" (freq={start!r}, --freq {start} where the dates are each period's first day)" if start else ""
    assert str(err.value) == (f"freq={old!r} is pandas 2's name of {new!r}, which pandas {pd.__version__} no longer reads; "
                              f"give freq={new!r}, --freq {new}{also}")


@pytest.mark.parametrize("new, start", [("ME", "MS"), ("QE-JUN", "QS-JUL"), ("QE-DEC", "QS-JAN"), ("YE-JUN", "YS-JUL"),
                                        ("2BQE-NOV", "2BQS-DEC"), ("h", None), ("YS", None)])
def test_a_period_end_calendar_has_the_same_periods_first_days(new, start):
    assert start_of(new) == start


def quarters(first: str, freq: str, periods: int = 16) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"date": pd.date_range(first, periods=periods, freq=freq).strftime("%Y-%m-%d"),
                         "revenue": rng.normal(100, 5, periods).round(2)})


def test_q_jun_on_quarters_first_days_names_their_calendar_the_first_time_and_it_is_read(tmp_path):
    quarters("2010-07-01", "QS-JUL").to_csv(tmp_path / "q.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "q.csv", target="revenue", freq="Q-JUN")
    assert str(err.value) == (f"freq='Q-JUN' {OLD}; 'QE-JUN' dates each period's last day, and the timestamps are the "
                              "first days of its periods: give freq='QS-JUL', --freq QS-JUL")
    assert load_panel(tmp_path / "q.csv", target="revenue", freq="QS-JUL").calendar.freq_text == "QS-JUL"


def test_q_jun_on_quarter_ends_names_qe_jun_which_is_read_as_qe_dec_is(tmp_path):
    quarters("2010-09-30", "QE-DEC").to_csv(tmp_path / "q_fiscal_label.csv", index=False)  # Sep, Dec, Mar, Jun
    with pytest.raises(RnncastError) as err:
        load_panel(tmp_path / "q_fiscal_label.csv", target="revenue", freq="Q-JUN")
    assert str(err.value) == f"freq='Q-JUN' {OLD}; give freq='QE-JUN', --freq QE-JUN"
    for freq in ("QE-JUN", "QE-DEC"):
        assert load_panel(tmp_path / "q_fiscal_label.csv", target="revenue", freq=freq).calendar.freq_text == freq


def test_an_old_name_the_data_does_not_keep_names_the_calendar_it_does(tmp_path):
    quarters("2010-09-30", "QE-DEC").to_csv(tmp_path / "q.csv", index=False)  # month ends, two months apart: not 'ME'
    with pytest.raises(RnncastError, match=r"^freq='M' is pandas 2's name of 'ME', which pandas .* no longer reads, and "
                                           r"it is not the calendar the timestamps keep; the timestamps follow the "
                                           r"calendar 'QE-DEC': give freq='QE-DEC'"):  # calendar quarters (decision 1044)
        load_panel(tmp_path / "q.csv", target="revenue", freq="M")

