"""Scores as tables write them (``scoretext.py``): a column in one notation, plain below 1e7 with the same decimals
down it, scientific all of it where it must be, never a negative zero. That fit's terminal table and the run page
write them so is test_cli_commands.py."""

from __future__ import annotations

import math

import pytest

from rnncast.scoretext import cell_text, id_cell, score_texts, table


def test_a_column_of_errors_is_in_one_notation_with_the_same_decimals_down_it():
    # T4's original-units MSE column: 66603, 97227, 1.1171e+05, 1.2919e+05 (scientific beside plain)
    assert score_texts("mse", [66603.2, 97226.9, 111710.4, 129190.0]) == ["66603", "97227", "111710", "129190"]
    assert score_texts("mse", [11.87, 11.787, 191.09]) == ["11.87", "11.79", "191.09"]  # five digits of the largest
    assert score_texts("mse", [0.086649, 0.086047, 1.3949]) == ["0.0866", "0.0860", "1.3949"]
    assert score_texts("mae", [150000.0, 0.002]) == ["150000.00000", "0.00200"]  # three digits of the smallest
    assert score_texts("rmse", [9999999.0, 12.0]) == ["9999999.0", "12.0"]  # plain below 1e7


def test_a_column_that_reaches_1e7_or_needs_too_many_decimals_is_scientific_all_of_it():
    assert score_texts("mse", [1.0164e12, 5.0]) == ["1.0164e+12", "5.0000e+00"]
    assert score_texts("mse", [8.0549e-05, 2.0e-05]) == ["8.0549e-05", "2.0000e-05"]
    assert score_texts("mae", [24653147138.2618]) == ["2.4653e+10"]


def test_ratios_have_four_decimals_and_nothing_is_a_negative_zero():
    assert score_texts("r2", [0.8073, -0.00001, -2.10264]) == ["0.8073", "0.0000", "-2.1026"]  # not -0.0000
    assert score_texts("coverage_80", [0.93619]) == ["0.9362"] and score_texts("smape_pct", [12.345678]) == ["12.3457"]
    assert score_texts("mse", [1e-12, 4.0]) == ["1.0000e-12", "4.0000e+00"]  # a perfect forecast is not "0.0000"
    assert score_texts("pinball", [None, 0.25]) == ["", "0.25000"]  # a baseline has no pinball loss
    assert score_texts("mase", [math.nan, 0.5]) == ["nan", "0.5000"] and score_texts("mse", [0.0, 0.0]) == ["0", "0"]


def test_a_table_pads_each_column_to_its_widest_cell_under_a_rule():
    text = table(["model", "mse"], [["lstm", 0.5], ["repeat", 12.25]])
    assert text.splitlines() == ["model   mse", "------  -----", "lstm    0.5", "repeat  12.25"]


def test_a_table_pads_hangul_ids_by_the_two_columns_each_syllable_takes_on_a_terminal():
    """A Korean analyst's evaluate --by-series: '부산점' takes six columns on screen but was padded as three, so the
    columns after it slid right of the head's; every row's second column now starts under the head's."""
    import unicodedata

    from rnncast.scoretext import width

    decomposed = unicodedata.normalize("NFD", "서울점")  # as macOS writes a name: 9 jamo, 6 columns
    lines = table(["series", "windows"], [["부산점", 24], [decomposed, 24], ["Seoul", 3], ["東京", 1]]).splitlines()
    assert lines == ["series  windows", "------  -------", "부산점  24", f"{decomposed}  24", "Seoul   3", "東京    1"]
    assert width("부산점") == 6 and width(decomposed) == 6 and width("Seoul") == 5 and width("é") == 1


def test_an_r2_far_below_zero_is_written_in_scientific_notation_not_in_38_digits():
    """An attacker's model off by 1e19 printed its R² as -31891533978087036673395820871838334976.0000."""
    assert score_texts("r2", [-3.1891533978087037e37, 0.5, None]) == ["-3.1892e+37", "5.0000e-01", ""]
    assert score_texts("r2", [-2534.1611, 0.5]) == ["-2534.1611", "0.5000"]  # as before below 1e7


def test_a_sentence_quotes_a_score_as_the_tables_column_writes_it():
    """A tester's page (1230): the verdict said 35.81 beside the table's 35.8 (a column of 114.1 and 1147.8)."""
    from rnncast.scoretext import quoter

    column = [114.1, 114.1, 1147.8, 35.81]
    q = quoter("mse", column)
    assert (q(114.1), q(35.81)) == ("114.1", "35.8") == (score_texts("mse", column)[0], score_texts("mse", column)[3])
    assert quoter("mse", [None, float("nan")])(0.12345678) == "0.12346"  # a column without numbers: the value's own
    assert quoter("pinball", [])(float("inf")) == "inf"


def test_numbers_one_sentence_compares_get_digits_enough_to_differ():
    from rnncast.scoretext import apart
    assert apart([0.99012, 0.98987]) == ["0.9901", "0.9899"]  # was "0.990" twice beside "more than"
    assert apart([0.5, 0.25]) == ["0.500", "0.250"] and apart([0.9, 0.9]) == ["0.900", "0.900"]  # equal: alike
    assert apart([0.012651, 0.012649], 4, "g") == ["0.012651", "0.012649"]
    assert apart([1.0, 1.0 + 1e-12]) == ["1.000000000", "1.000000000"]  # alike at the most digits: as they are


def test_a_share_reads_with_one_decimal_and_never_as_100_percent_unless_all():
    from rnncast.scoretext import percent
    assert percent(0.421) == "42.1%" and percent(0.99996) == ">99.9%" and percent(0.9994) == "99.9%"
    assert percent(0.0) == "0.0%"


def test_a_cell_holding_control_characters_is_quoted_and_escaped_as_standard_error_names_it():
    """t35t4 M2: evaluate --by-series printed a series id raw: ESC ] 0 ; ... BEL retitled the terminal, ESC [31m turned
    the output red, and a newline forged a line of "rnncast: ERROR: ..." (decision 1802)."""
    text = table(["series", "MSE"], [["ok", "1.0"], ["evil\nrnncast: ERROR: forged", "2.0"],
                                     ["esc\x1b]0;PWNED\x07\x1b[31mRED", "3.0"], ["Müller, 판매", "4.0"]])
    assert "\x1b" not in text and "\x07" not in text and len(text.splitlines()) == 6
    assert "'evil\\nrnncast: ERROR: forged'" in text and "'esc\\x1b]0;PWNED\\x07\\x1b[31mRED'" in text
    assert cell_text("Müller, 판매") == "Müller, 판매" and cell_text(3) == "3"  # printable text as written


@pytest.mark.parametrize("text", ["Store\xa01", "東京\u3000本店", "👩\u200d💻 team", "❤\ufe0f shop"])
def test_a_space_that_is_not_ascii_and_an_emojis_joiners_are_shown_as_written(text):
    """Excel's NBSP, U+3000 and emoji ZWJ sequences were printed quoted and escaped, as a control is (decision 1855)."""
    assert cell_text(text) == text


@pytest.mark.parametrize("text", ["a\u202eevil", "a\u2028b", "a\x85b", "a\x1bb"])
def test_a_bidi_override_a_line_separator_and_a_control_stay_escaped(text):
    assert cell_text(text) == repr(text)

def test_a_score_the_model_beside_a_row_has_is_a_dash_where_the_row_lacks_it():
    """A climatology row has no pinball loss beside a quantile model's (decision 1814): '-'; a score no model beside
    it has (a backtest's windows, scored without pinball) and a left-out window's row (no scores) stay blank."""
    from rnncast.scoretext import scored_column, with_columns
    model = {"pinball": 0.5}
    rows, models = [model, {"mse": 1.0}, {}, {"mse": 1.0}], [model, model, {}, {"mse": 2.0}]
    assert scored_column("pinball", rows, models) == ["0.50000", "-", "", ""]
    assert scored_column("pinball", rows) == ["0.50000", "", "", ""]
    assert with_columns([["a"], ["b"], ["c"], ["d"]], rows, ["pinball"], models) == [["a", "0.50000"], ["b", "-"],
                                                                                   ["c", ""], ["d", ""]]


def test_a_baselines_interval_score_that_is_nan_is_a_dash_beside_the_models():
    """A tester's finding (t36t4): evaluate on data without the fit's training rows wrote the baselines' pinball and
    coverage as 'nan' (their intervals not learned); a row without intervals shows '-' (decision 1884). A NaN point
    score stays as it is."""
    from rnncast.scoretext import scored_column
    model = {"mse": 1.0, "pinball": 0.5, "coverage_80": 0.8}
    rows = [model, {"mse": float("nan"), "pinball": float("nan"), "coverage_80": float("nan")}]
    assert scored_column("pinball", rows, [model, model])[1] == "-"
    assert scored_column("coverage_80", rows, [model, model])[1] == "-"
    assert scored_column("mse", rows, [model, model])[1] == "nan"

def test_a_long_id_is_cut_with_an_ellipsis_a_short_one_kept_and_an_escaped_one_still_escaped():
    """t36t1 L5: a 3,000-character id padded every row of evaluate --by-series to 3,075 columns (decision 1924)."""
    assert id_cell("A" * 3000) == "A" * 39 + "…" and id_cell("store 7") == "store 7"
    assert id_cell("b\tx\x1b[31mred") == repr("b\tx\x1b[31mred")  # escaped first (decision 1802), short enough
    assert id_cell("店" * 30, 10) == "店" * 4 + "…"  # cut by terminal columns: two a character


def test_a_seasonal_naive_with_no_forecast_at_any_value_is_a_dash_in_each_score_not_nan():
    """Decision 2029: its scores are NaN (null in JSON): each cell it has is "-", the column's notation the others'."""
    from rnncast.scoretext import scored_column

    gone = {"mse": math.nan, "mae": math.nan, "values_left_out": {"values": 12, "of": 12, "model": {}}}
    assert scored_column("mse", [{"mse": 1.5}, gone, {"mse": 0.25}]) == ["1.5000", "-", "0.2500"]
    assert scored_column("pinball", [{"mse": 1.5}, gone]) == ["", ""]  # a score it never had stays blank

def test_a_quantile_models_interval_scores_are_ordered_and_headed_alike_in_every_table():
    """Decision 2036: pinball, wQL, the coverages, then each interval's MSIS, whatever the block's order."""
    from rnncast.scoretext import column_head, interval_keys

    block = {"mse": 1.0, "msis_80": 3.0, "coverage_80": 0.8, "by_level": {}, "wql": 0.1, "pinball": 0.2,
             "coverage_50": 0.5, "msis_50": 2.0}
    assert interval_keys(block) == ["pinball", "wql", "coverage_80", "coverage_50", "msis_80", "msis_50"]
    narrow_first = {"msis_50": 2.0, "coverage_50": 0.5, "coverage_99.8": 1.0, "coverage_80": 0.8, "msis_80": 3.0}
    assert interval_keys(narrow_first) == ["coverage_99.8", "coverage_80", "coverage_50", "msis_80", "msis_50"]  # decision 2068
    assert interval_keys({"mse": 1.0}) == []
    assert [column_head(k) for k in ("wql", "msis_80", "msis_99.8", "coverage_80")] == ["wQL", "MSIS 80%", "MSIS 99.8%",
                                                                                       "coverage 80%"]
    assert score_texts("msis_80", [12.345678, 3.0]) == ["12.3457", "3.0000"]  # four decimals, as MASE
