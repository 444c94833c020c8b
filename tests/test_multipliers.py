"""multipliers: a number written with a multiplier after it, its whole number and the clause that says what to write;
a number as written times a power of ten, both readings where one mark could be either."""

import pytest

from rnncast import multipliers, thousands


@pytest.mark.parametrize("value, before, number, after, said", [
    ("0.61M", "", "0.61", "M", "; '0.61M' is written with the multiplier 'M' (million); write the whole number (610000)"),
    ("$1.5M", "$", "1.5", "M", "; '$1.5M' has a currency sign '$' and the multiplier 'M' (million); write the whole "
                               "number alone (1500000)"),
    ("5m", "", "5", "m", "; '5m' ends in 'm', a multiplier (million: 5000000) or a unit (metres: 5); write the whole "
                         "number or the number alone, as the column means"),
    ("284.27K", "", "284.27", "K", "; '284.27K' is written with the multiplier 'K' (thousand); write the whole number "
                                   "(284270)"),  # K unspaced: a multiplier, not kelvin (SPACED_ONLY)
])
def test_a_multiplier_is_named_with_its_whole_number_and_a_unit_letter_both_ways(value, before, number, after, said):
    assert multipliers.said(value, value, before, number, after) == said


def test_290_K_spaced_is_kelvin_or_thousands():
    assert "a multiplier (thousand: 290000) or a unit (kelvin: 290)" in multipliers.said("290 K", "290 K", "", "290", "K")


def test_a_number_times_a_power_of_ten_gives_both_readings_where_one_mark_could_be_either():
    assert multipliers.scaled("1,234", 3) == "1234000, or 1234 where its comma is a decimal comma"
    assert multipliers.scaled("1.234", 3, ",") == "1234"  # a comma-separated file's point is a decimal point
    assert multipliers.scaled("1.234", 3, thousands.COMMAS) == "1234000"  # a file of decimal commas: thousands
    assert multipliers.scaled("12,5", -2, ",") == "0.125"
    assert multipliers.scaled("1.003,78", 3) == "1003780"
    assert multipliers.scaled("1,2,3", 3) == "1,2,3 times 1e3"  # marks no one reading takes
