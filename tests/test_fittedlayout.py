"""New data held against the fit's layout (``fittedlayout.py``): a table in another layout than the fit's refused,
naming both (a long model's without its id column, a wide model's long rows without 'y' or of none of its series,
a wide series' header in another Unicode form)."""

from __future__ import annotations

import pytest

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError


def test_a_panel_model_refuses_data_in_another_layout_naming_the_fit_s(panel_fitted, panel_frame):
    single = panel_frame[panel_frame.unique_id == "s000"].drop(columns="unique_id")
    with pytest.raises(RnncastError, match=r"fitted on a long panel of 4 series \(their ids in column 'unique_id'\); "
                                           "the data has no column 'unique_id'"):
        panel_fitted.evaluate(single)
    wide_frame = make_frame(200, feature=False).assign(b=lambda f: f.y * 2).rename(columns={"y": "a"})
    wide = Forecaster(**TINY).fit(wide_frame, series=["a", "b"])
    long = wide_frame.melt("date", var_name="unique_id", value_name="sales")
    with pytest.raises(RnncastError, match=r"fitted on a wide table of 2 series \(one column each: a, b\); the data is "
                                           "a long table .* without the column 'y' that holds the values of such rows"):
        wide.predict(long)
    with pytest.raises(RnncastError, match=r"wide table of 2 series .*; the data holds none of them \(its columns: date, "
                                           r"sales\)"):
        wide.predict_windows(long[long.unique_id == "a"].drop(columns="unique_id"))
    assert len(wide.predict(long.rename(columns={"sales": "y"}))) == 6  # long rows of y: as before


def test_a_wide_table_whose_series_header_is_in_another_unicode_form_is_named_so():
    """A wide model's series '매출', its header saved decomposed (NFD) at predict, was "not in the data" (a warning)
    and its column "not used", the two names alike: refused, naming the form."""
    import unicodedata
    frame = make_frame(120, feature=False).assign(b=lambda f: f.y * 2).rename(columns={"y": "매출"})
    model = Forecaster(**TINY).fit(frame, series=["매출", "b"])
    with pytest.raises(RnncastError, match=r"^series column '매출' not found: the header writes '.+' in decomposed "
                                           r"Unicode \(NFD, as macOS writes names\), the model's column"):
        model.predict(frame.rename(columns={"매출": unicodedata.normalize("NFD", "매출")}))
    both = frame.rename(columns={"b": "점포"})  # every series' header decomposed: not "the data holds none of them"
    model = Forecaster(**TINY).fit(both, series=["매출", "점포"])
    with pytest.raises(RnncastError, match=r"^series column '매출' not found: the header writes '.+' in decomposed"):
        model.predict(both.rename(columns=lambda c: unicodedata.normalize("NFD", c)))
