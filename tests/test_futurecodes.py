"""Tests of futurecodes: a forecast step's missing-value code in the future values, refused by its line (decision
1823)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.futurecodes import refuse
from rnncast.numbertext import MISSING


def test_a_numeric_code_at_a_step_is_refused_with_its_first_line_as_a_text_code_is():
    """t35t1 L1: -9999 in a --future file was refused as "in 'price' (1 step)", where 'M' got "(1 step, first at line
    6 of f1.csv)"."""
    table = pd.DataFrame({"price": [0.1, 0.2, -9999.0, 0.5, -9999.0], "load": [1.0, 2.0, 3.0, 4.0, 5.0],
                          "_row": [0, 1, 4, 5, 7]})
    with pytest.raises(RnncastError) as err:
        refuse(table, ["price", "load"], {MISSING: "-9999,M"})
    assert str(err.value).startswith("the future values hold -9999, which the model reads as missing")
    assert "), in 'price' (2 steps, first at row 4): predict needs a value of every future covariate" in str(err.value)


def test_a_step_the_datas_own_row_gave_and_a_model_without_number_codes_are_not_refused():
    table = pd.DataFrame({"price": [0.1, -9999.0], "_row": [0, np.nan]})  # the data's own row: no line of the table
    refuse(table, ["price"], {MISSING: "-9999"})
    refuse(pd.DataFrame({"price": [-9999.0], "_row": [0]}), ["price"], {MISSING: "M"})
    refuse(pd.DataFrame({"price": [-9999.0], "_row": [0]}), ["price"], {})


def test_two_codes_in_a_column_are_each_named_with_the_first_line_over_both():
    """t41-t4 L1 (decision 2238): -999 at line 7 and 'NoData' at line 8 of temp_fc were refused as "'NoData' ... (1 step,
    first at line 8)": the text code was refused before the numbers were looked at."""
    from rnncast import codedblanks

    table = pd.DataFrame({"temp": [6.0, -999.0, np.nan, 6.7], "_row": [4, 5, 6, 7]})
    attrs = {MISSING: "-999,NoData", codedblanks.WORDED: ({"temp"}, {"temp": np.array([0, 0, 0, 0, 0, 0, 1, 0])})}
    with pytest.raises(RnncastError) as err:
        refuse(table, ["temp"], attrs)
    assert str(err.value).startswith("the future values hold -999 and 'NoData', which the model reads as missing")
    assert "in 'temp' (2 steps, first at row 5)" in str(err.value)
