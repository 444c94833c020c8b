"""Half-years (``halfyears.py``): 2000H1, 2000-S2, H1 2000 read as each half's first day on the '2QS-JAN' calendar,
forecasts written back in the column's form, and a value written otherwise or naming no half refused by its place."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, halfyears, timetext
from rnncast.csvtext import csv_text
from rnncast.loading import load_panel


@pytest.mark.parametrize("texts, fmt", [
    (["2000H1", "2000H2", "2001H1"], "%YH%!h"),
    (["2000-H1", "2000-H2", "2001-H1"], "%Y-H%!h"),
    (["2000S1", "2000S2", "2001S1"], "%YS%!h"),  # Eurostat's semesters
    (["2000-S1", "2000-S2", "2001-S1"], "%Y-S%!h"),
    (["H1 2000", "H2 2000", "H1 2001"], "H%!h %Y"),
    (["2000년 상반기", "2000년 하반기", "2001년 상반기"], "%Y년 %!k반기"),  # KOSIS' (decision 693)
    (["2000 상반기", "2000 하반기", "2001 상반기"], "%Y %!k반기"),
    (["2000년상반기", "2000년하반기", "2001년상반기"], "%Y년%!k반기"),
])
def test_half_years_are_read_as_their_first_days_and_written_back(texts, fmt):
    column = pd.Series(texts)
    assert halfyears.format_of(column) == fmt and halfyears.first_form(column) == fmt
    times = timetext.read(column, fmt)
    assert list(times.strftime("%Y-%m-%d")) == ["2000-01-01", "2000-07-01", "2001-01-01"]
    assert list(timetext.write(times, fmt)) == texts
    assert timetext.reads_back(times, fmt) and not timetext.reads_back(pd.DatetimeIndex(["2000-04-01"]), fmt)


def test_a_value_written_otherwise_or_naming_no_half_is_refused_by_its_place():
    assert halfyears.format_of(pd.Series(["2000H1", "2000H3"])) is None and halfyears.format_of(pd.Series([1, 2])) is None
    with pytest.raises(RnncastError, match=r"'p' holds '2000H3' at row 1, which names no half-year \(halves run 1 \.\. 2\)"):
        halfyears.read(pd.Series(["2000H2", "2000H3"]), "%YH%!h", "p", lambda i: f"row {i}")
    with pytest.raises(RnncastError, match=r"written as half-years \('2000H1'\), but holds '2000S2' at row 1"):
        halfyears.read(pd.Series(["2000H1", "2000S2"]), "%YH%!h", "p", lambda i: f"row {i}")
    assert halfyears.clause("2001Q1") == "" and "'2000H2' is a half-year" in halfyears.clause("2000H2")
    assert "(2000년 하반기 as 2000-07-01)" in halfyears.clause("2005년 하반기")
    with pytest.raises(RnncastError, match=r"written as half-years \('2000년 상반기'\), but holds '2000 하반기' at row 1"):
        halfyears.read(pd.Series(["2000년 상반기", "2000 하반기"]), "%Y년 %!k반기", "p", lambda i: f"row {i}")
    assert halfyears.format_of(pd.Series(["2000년 상반기", "2000년 중반기"])) is None


@pytest.mark.parametrize("column, form", [("period", "{y}H{h}"), ("date", "{y}-S{h}"), ("TIME_PERIOD", "H{h} {y}"),
                                          ("기간", "{y}년 {k}반기"), ("시점", "{y} {k}반기")])
def test_a_file_of_half_years_is_forecast_in_its_form(tmp_path, column, form):
    """Eurostat's 1960H1, 1960H2 under 'period' were passed over with a warning and the rows numbered; under 'date'
    they were refused as no timestamp. KOSIS' 1960년 상반기 .. were refused as text not read as time (decision 693)."""
    n = 60
    halves = [form.format(y=1960 + k // 2, h=k % 2 + 1, k="상하"[k % 2]) for k in range(n)]
    path = tmp_path / "half.csv"
    pd.DataFrame({column: halves, "y": np.round(10 + np.sin(np.arange(n)), 3)}).to_csv(path, index=False)
    panel = load_panel(path, "y")
    assert panel.calendar.freq_text == "2QS-JAN" and str(panel.time[0].date()) == "1960-01-01"
    model = Forecaster(**TINY).fit(pd.read_csv(path), target="y")
    lines = csv_text(model.predict(pd.read_csv(path)), index=True).splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == [form.format(y=1990, h=1, k="상"), form.format(y=1990, h=2, k="하"),
                                                        form.format(y=1991, h=1, k="상")]


def test_a_half_year_among_dates_is_refused_saying_a_column_of_them_is_read(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text("date,y\n2000-07-01,0\n" + "".join(f"{2001 + k // 2}H{k % 2 + 1},{k}\n" for k in range(12)))
    with pytest.raises(RnncastError, match=r"'2001H1' at line 3 of mixed\.csv, which is not a .*; '2001H1' is a "
                                           r"half-year: a column of half-years alone, .* \(2000H2 as 2000-07-01\)"):
        load_panel(path, "y")
