"""Chinese, Japanese and Korean numbers (``cjknumbers.py``): multipliers given as whole numbers, yen/yuan/won amounts
and full-width digits named with the number to write, never the number as written."""

from __future__ import annotations

import pandas as pd
import pytest

from rnncast import cjknumbers, numbertext


@pytest.mark.parametrize("value, says", [
    ("1.2013万", "'1.2013万' is written with the multiplier '万' (ten thousand); write the whole number (12013)"),
    ("1.201200亿", "'1.201200亿' is written with the multiplier '亿' (hundred million); write the whole number "
                   "(120120000)"),
    ("3億", "'3億' is written with the multiplier '億' (hundred million); write the whole number (300000000)"),
    ("1.5만", "'1.5만' is written with the multiplier '만' (ten thousand); write the whole number (15000)"),
    ("2.5千", "'2.5千' is written with the multiplier '千' (thousand); write the whole number (2500)"),
    ("1.2万元", "'1.2万元' has the currency '元' and the multiplier '万' (ten thousand); write the whole number alone "
               "(12000)"),
    ("¥1.2万", "'¥1.2万' has the currency '¥' and the multiplier '万' (ten thousand); write the whole number alone "
               "(12000)"),
    ("1,234百万円", "'1,234百万円' has the currency '円' and the multiplier '百万' (million); write the whole number "
                   "alone (1234000000)"),
    ("¥12,013", "'¥12,013' has the currency '¥' (yen or yuan); write the number alone, without thousands commas "
                "(12013)"),
    ("￥1,004", "'￥1,004' has the currency '￥' (yen or yuan); write the number alone, without thousands commas (1004)"),
    ("1,004円", "'1,004円' has the currency '円' (yen); write the number alone, without thousands commas (1004)"),
    ("₩1,234", "'₩1,234' has the currency '₩' (won); write the number alone, without thousands commas (1234)"),
    ("12.50元", "'12.50元' has the currency '元' (yuan); write the number alone (12.50)"),
    ("1.2万kg", "'1.2万kg' has the unit 'kg' and the multiplier '万' (ten thousand); write the whole number alone (12000)"),
    ("3.5万人", "'3.5万人' has the unit '人' and the multiplier '万' (ten thousand); write the whole number alone (35000)"),
])
def test_a_multiplier_or_a_cjk_currency_is_named_with_the_number_that_is_read(value, says):
    assert numbertext.hint(value, ",", pd.Series([value, "8439"])) == "; " + says


@pytest.mark.parametrize("value", ["12,50元", "1,2,3万", "1.2万%", "$1.2万x"])
def test_what_is_no_such_number_is_left_to_the_other_hints(value):
    assert "ten thousand" not in numbertext.hint(value, ",", pd.Series([value])) and "yuan" not in \
        numbertext.hint(value, ",", pd.Series([value]))


def test_full_width_digits_are_named_with_the_number_nfkc_makes_of_them():
    said = cjknumbers.wide("１２，０１３", "売上")
    assert said == ("; '１２，０１３' is written in full-width characters (，０１２３), which rnncast does not read as a "
                    "number; write it as 12013 (0-9, no thousands commas), e.g. with pandas: "
                    "df['売上'].str.normalize('NFKC').str.replace(',', '')")
    assert cjknumbers.wide("１２．５", "y").startswith("; '１２．５' is written in full-width characters (．１２５)")
    assert "write it as 12.5 " in cjknumbers.wide("１２．５", "y")
    assert cjknumbers.wide("12,013", "y") == "" and cjknumbers.wide("ＡＢＣ", "y") == "" and cjknumbers.wide(3, "y") == ""


def test_full_width_money_is_named_with_the_number_alone_and_a_table_in_memory_gets_no_pandas_line():
    assert cjknumbers.wide("￥１，００４", "売上").endswith("write it as 1004 (0-9, no thousands commas, no '¥'), e.g. "
                                                       "with pandas: df['売上'].str.normalize('NFKC')")
    assert cjknumbers.wide("１２ｋｇ", None).endswith("write it with 0-9 ('12kg' as NFKC makes it)")
    assert cjknumbers.wide("１２，０１３", None).endswith("write it as 12013 (0-9, no thousands commas)")


def test_a_multiplier_after_a_decimal_comma_is_still_no_unit():
    assert numbertext.hint("1,5万", ";", pd.Series(["1,5万"])) == ("; '1,5万' is written with the multiplier '万' (ten "
                                                                 "thousand); write the whole number (15000)")


@pytest.mark.parametrize("text, sign", [("$", True), ("€", True), ("¥", True), ("￦", True), ("US$", True),
                                        ("USD", False), ("円", False), ("kg", False), ("", False)])
def test_a_currency_sign_is_a_character_of_unicodes_category_sc_not_a_code_or_word(text, sign):
    """The one test numbertext and cjknumbers make of a currency sign (it was written three times)."""
    assert cjknumbers.currency_sign(text) is sign


@pytest.mark.parametrize("value, whole, sep", [("1.200万", "12000", ","), ("1.200万", "12000", ";"),
                                               ("3.456亿", "345600000", ","), ("¥1.200万", "12000", None)])
def test_a_point_before_three_digits_and_a_cjk_multiplier_is_a_decimal_point_in_any_file(value, whole, sep):
    """Decision 1532: '1.200万' was told "write the whole number (12000000)", its point read as thousands (1000x);
    Chinese and Japanese never group digits with a point."""
    assert numbertext.hint(value, sep, pd.Series([value])).endswith(f"({whole})")
