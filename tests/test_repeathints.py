"""What a refusal of a time repeated in a series adds (``repeathints``): the time split over two columns, in a long
panel as in one series, and the column that could be a forgotten id only for a table read as one series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _regions(frame: pd.DataFrame, regions=("Auckland", "Otago")) -> pd.DataFrame:
    return pd.concat([frame.assign(region=r) for r in regions], ignore_index=True)


def _fluview() -> pd.DataFrame:
    """FluView's layout: YEAR and WEEK 1 .. 52 of 2019 .. 2020."""
    return pd.DataFrame({"YEAR": np.repeat([2019, 2020], 52), "WEEK": np.tile(np.arange(1, 53), 2),
                         "cases": np.random.default_rng(0).poisson(200, 104).astype(float)})


def test_a_panel_of_years_and_weeks_is_told_to_join_them_as_one_series_is():
    """'duplicated timestamp 2019 in series 'Auckland'' came without the join the one-region file got (a tester's
    finding: the hint ran only for layout 'single')."""
    join = ("the time is split over 'YEAR' (the year) and 'WEEK' (the week of the year): rnncast reads time from one "
            "column, so write them as one time column ('2019-W01', an ISO week, text rnncast reads), e.g. frame['time'] "
            "= frame['YEAR'].astype(str) + '-W' + frame['WEEK'].astype(str).str.zfill(2), and name it with time_col= "
            "(--time-col); 'WEEK' is no series id")
    with pytest.raises(RnncastError, match=r"^duplicated timestamp 2019 in series 'Auckland' at .*; each time step of "
                                           r"a series must appear once; ") as panel:
        load_panel(_regions(_fluview()), target="cases", id_col="region", time_col="YEAR")
    with pytest.raises(RnncastError) as one:
        load_panel(_fluview(), target="cases", time_col="YEAR")
    assert str(panel.value).endswith(join) and str(one.value).endswith(join)


def test_a_panel_of_dates_and_hours_is_told_to_join_them_and_a_store_cycle_to_join_the_ids():
    days = pd.date_range("2024-10-25", periods=3, freq="D").strftime("%Y-%m-%d")
    hourly = pd.DataFrame({"Date": np.repeat(days, 24), "Hour": np.tile(np.arange(24), 3), "kw": np.arange(72.0)})
    with pytest.raises(RnncastError, match=r"in series 'Auckland' .*the time is split over 'Date' \(the date\) and "
                                           r"'Hour' \(the hour of the day\).*'Hour' is no series id$"):
        load_panel(_regions(hourly), target="kw", id_col="region", time_col="Date")
    stores = _regions(hourly.rename(columns={"Hour": "store"}))
    with pytest.raises(RnncastError, match=r"if it tells series apart, join it and 'region' into one id column "
                                           r"\(frame\['id'\] = frame\['region'\]\.astype\(str\) \+ ' ' \+ "
                                           r"frame\['store'\]\.astype\(str\)\) and name that with id_col="):
        load_panel(stores, target="kw", id_col="region", time_col="Date")


def test_a_panel_whose_times_repeat_for_no_reason_a_column_gives_is_offered_no_id():
    frame = _regions(pd.DataFrame({"ds": ["2024-01-01", "2024-01-01", "2024-01-02"], "kind": ["a", "b", "a"],
                                   "y": [1.0, 2.0, 3.0]}))
    with pytest.raises(RnncastError, match=r"each time step of a series must appear once$"):
        load_panel(frame, target="y", id_col="region")
    with pytest.raises(RnncastError, match=r"name the column that tells them apart with id_col= \(--id-col\), e\.g\. "
                                           r"'kind'$"):
        load_panel(frame[frame.region == "Otago"].drop(columns="region"), target="y")
