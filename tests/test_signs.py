"""Negative numbers written otherwise than with ``-`` (``signs.py``): the Unicode minus sign U+2212 read as ``-``
without a word, accounting parentheses ``(1,234.50)`` read as negative numbers with one warning, other dashes
named in the refusal; a refusal's count of non-numeric values counts only the values the column's reading refuses."""

from __future__ import annotations

import logging
import re

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError, signs
from rnncast.cli import main
from rnncast.data import read_table
from rnncast.loading import load_panel


def _write(path, values, sep=",", extra=None):
    """A daily file of ``date`` and ``y`` (and ``x``: ``extra``) written as given, one row per value."""
    x = f"{sep}x" if extra is not None else ""
    rows = pd.date_range("2021-01-01", periods=len(values)).strftime("%Y-%m-%d")
    path.write_text(f"date{sep}y{x}\n" + "".join(
        f"{d}{sep}{v}" + (f"{sep}{extra[k]}" if extra is not None else "") + "\n" for k, (d, v) in enumerate(zip(rows, values))))
    return path


@pytest.mark.parametrize("values, sep, numbers", [
    (["\u221250.00", "152.33", "7"], ",", [-50.0, 152.33, 7.0]),
    (["\u221212,5", "1,5", "3"], ";", [-12.5, 1.5, 3.0]),  # beside decimal commas
    (['"\u22121,234.50"', '"2,000.00"', "2.5"], ",", [-1234.5, 2000.0, 2.5]),  # beside thousands commas
    (["\u22121.234,50", "2.000,00", "2,5"], ";", [-1234.5, 2000.0, 2.5]),  # thousands points, decimal commas
    (["\u22121 234,50", "999"], ";", [-1234.5, 999.0]),  # Nordic space thousands
])
def test_the_unicode_minus_is_read_as_a_minus_without_a_word(tmp_path, caplog, values, sep, numbers):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "m.csv", values, sep))
    assert frame["y"].tolist() == numbers
    assert "rnncast.signs" not in caplog.text and signs.ACCOUNTING not in frame.attrs


@pytest.mark.parametrize("values, sep, numbers, said", [
    (['"(1,234.50)"', '"2,000.00"', "2.50", "(500.00)"], ",", [-1234.5, 2000.0, 2.5, -500.0], "'(1,234.50)' as -1234.5"),
    (["(500)", "1", "2"], ",", [-500.0, 1.0, 2.0], "'(500)' as -500"),
    (["(12,5)", "1,5", "2"], ";", [-12.5, 1.5, 2.0], "'(12,5)' as -12.5"),
    (["(1.234,50)", "2.000,00", "2,5"], ";", [-1234.5, 2000.0, 2.5], "'(1.234,50)' as -1234.5"),
])
def test_accounting_negatives_are_read_with_one_warning_naming_the_column_and_a_value(tmp_path, caplog, values, sep,
                                                                                      numbers, said):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "a.csv", values, sep))
    assert frame["y"].tolist() == numbers and frame.attrs[signs.ACCOUNTING] == ["y"]
    assert caplog.text.count("a.csv: column(s) ['y'] write negative numbers in parentheses (accounting format) and are "
                             f"read as negative numbers ({said}); forecasts are written with '-'") == 1
    assert "'-1" not in caplog.text  # the thousands warning's example is a value as the file writes it


@pytest.mark.parametrize("values, named", [
    (["(see note)", "1", "2"], "'(see note)'"),  # text in parentheses
    (["(030)", "1", "2"], "'(030)'"),  # an area code: no amount is written with a leading zero
    (["\u22125 kg", "1", "2"], "'\u22125 kg'"),
])
def test_parentheses_or_a_minus_around_text_keep_the_column_refused_by_name(tmp_path, values, named):
    path = _write(tmp_path / "t.csv", values)
    assert read_table(path)["y"].tolist()[0] == values[0]  # as the file writes it
    with pytest.raises(RnncastError, match=rf"column 'y' is not numeric: line 2 of t\.csv holds {re.escape(named)} "
                                           r"\(1 non-numeric value\(s\) in all\)"):
        load_panel(path, target="y")


def test_a_column_refused_for_another_value_is_named_as_the_file_writes_it(tmp_path):
    path = _write(tmp_path / "t.csv", ["(500)", "\u22121.5", "n/a ", "2"])
    assert read_table(path)["y"].tolist()[:2] == ["(500)", "\u22121.5"]
    with pytest.raises(RnncastError, match=r"line 4 of t\.csv holds 'n/a ' \(1 non-numeric value\(s\) in all\)"):
        load_panel(path, target="y")


@pytest.mark.parametrize("value, dash, name", [("\u201350.00", "\u2013", "en dash, U+2013"),
                                               ("\u201012,5", "\u2010", "hyphen, U+2010"),
                                               ("\u2014 3", None, None)])  # a dash and a space: no number
def test_another_dash_before_a_number_is_named_and_a_minus_asked_for(tmp_path, value, dash, name):
    path = _write(tmp_path / "d.csv", [value, "1,5" if "," in value else "1.5", "2"], ";" if "," in value else ",")
    with pytest.raises(RnncastError, match=r"line 2 of d\.csv holds .* \(1 non-numeric value\(s\) in all\)") as err:
        load_panel(path, target="y")
    if dash:
        assert str(err.value).endswith(f"; {value!r} writes {dash!r} ({name}) before the number, which is no minus "
                                       f"sign: write '-' ({'-' + value[1:]})")
    else:
        assert "minus" not in str(err.value)


def test_a_table_in_memory_reads_text_numbers_with_either_sign_and_refuses_thousands(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = load_panel(pd.DataFrame({"y": ["\u221250.00", "(500.00)", "1.5", "2"]}), target="y")
    assert frame.values[:, 0].tolist() == [-50.0, -500.0, 1.5, 2.0]
    assert "column 'y' writes negative numbers in parentheses (accounting format), read as negative numbers " \
           "('(500.00)' as -500)" in caplog.text
    with pytest.raises(RnncastError, match=r"row 0 holds '\(1,234\.50\)' \(1 non-numeric value\(s\) in all\); .*"
                                           r"thousands separators \(-1234\.50\), which are not read in a table given in "
                                           r"memory"):
        load_panel(pd.DataFrame({"y": ["(1,234.50)", "1.5"]}), target="y")
    with pytest.raises(RnncastError, match=r"'\u20135' writes '\u2013' \(en dash, U\+2013\)"):
        load_panel(pd.DataFrame({"y": ["\u20135", "1"]}), target="y")


def test_integers_in_thousands_dots_with_either_sign_are_refused_as_with_a_hyphen(tmp_path):
    """'−1.005' beside 999 in a ';' file is 1005 or 1.005 as '-1.005' is (decision 235): refused, not read."""
    for first in ("-1.005", "\u22121.005", "(1.005)"):
        with pytest.raises(RnncastError, match=r"a thousands separator \(-1005\) or a decimal point \(-1\.005\)"):
            read_table(_write(tmp_path / "d.csv", [first, "999", "3"], ";"))


def test_features_all_uses_an_accounting_column_read_with_thousands(tmp_path, caplog):
    """Decision 261 leaves out of 'all' columns numbers only by thousands reading (phone numbers read so): a column
    whose negatives are in parentheses is an amount, and 'all' uses it."""
    n = 40
    x = [f'"({k:,}.50)"' if k % 3 else f'"{k * 100:,}.00"' for k in range(1000, 1000 + n)]
    path = _write(tmp_path / "f.csv", [str(k % 7) for k in range(n)], extra=x)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        panel = load_panel(path, target="y", features="all")
    assert panel.features == ["x"] and "leaves out" not in caplog.text


def _profit(path, n=60):
    """A daily profit in accounting format, as Excel writes it into a CSV: '(1,234.50)' for -1234.5."""
    values = np.round(np.sin(np.arange(n) / 4) * 1500, 2)
    text = [f'"({-v:,.2f})"' if v < 0 else f'"{v:,.2f}"' for v in values]
    _write(path, text)
    return values


def test_an_accounting_file_fits_and_its_forecasts_are_written_with_a_minus(tmp_path):
    values = _profit(tmp_path / "p.csv")
    assert read_table(tmp_path / "p.csv")["y"].tolist() == values.tolist()
    Forecaster(**TINY).fit(str(tmp_path / "p.csv"), target="y").save(tmp_path / "model")
    assert main(["predict", str(tmp_path / "model"), str(tmp_path / "p.csv"), "--out", str(tmp_path / "f.csv")]) == 0
    lines = (tmp_path / "f.csv").read_text().splitlines()
    assert lines[0] == "date,cutoff,step_ahead,y" and all(re.fullmatch(r"[\d-]+,[\d-]+,\d+,-?\d+(\.\d+)?", line)
                                                        for line in lines[1:]), lines


def test_the_cli_fits_a_unicode_minus_file_and_refuses_an_en_dash_in_one_line(tmp_path, capsys):
    values = np.round(np.sin(np.arange(60) / 4) * 50, 2)
    path = _write(tmp_path / "m.csv", [f"\u2212{-v:.2f}" if v < 0 else f"{v:.2f}" for v in values])
    assert main(["fit", str(path), "--target", "y", "--epochs", "1", "--lookback", "8", "--horizon", "2",
                 "--out", str(tmp_path / "r")]) == 0
    path.write_text(path.read_text().replace("\u2212", "\u2013"))
    capsys.readouterr()
    assert main(["fit", str(path), "--target", "y", "--epochs", "1", "--out", str(tmp_path / "r2")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert f"({int((values < 0).sum())} non-numeric value(s) in all)" in err and "(en dash, U+2013)" in err


@pytest.mark.parametrize("values, sep, numbers", [
    (["+1.5", "\u22122.5", "3"], ",", [1.5, -2.5, 3.0]),  # a plus sign beside the Unicode minus
    (["+1,5", "\u22122,5", "3"], ";", [1.5, -2.5, 3.0]),  # ... with decimal commas
    (["+1.5", "(2.50)", "3"], ",", [1.5, -2.5, 3.0]),  # ... beside parentheses
    (["1.5e\u22121", "2.5E+1", "\u22121.5e-2"], ",", [0.15, 25.0, -0.015]),  # exponent signs, the minus too
])
def test_every_sign_pandas_reads_is_read_beside_a_unicode_minus_or_parentheses(tmp_path, caplog, values, sep, numbers):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "s.csv", values, sep))
        panel = load_panel(tmp_path / "s.csv", target="y")
    assert frame["y"].tolist() == pytest.approx(numbers) and frame["y"].dtype == "float64"
    assert panel.values[:, 0].tolist() == pytest.approx(numbers)
    assert "written as text" not in caplog.text


@pytest.mark.parametrize("value", ["1.5e\u2212\u22123", "1\u22125", "+\u22125", "\u2212+5", "(+5)", "\u2212-5"])
def test_a_minus_anywhere_but_before_the_number_or_its_exponent_stays_text(tmp_path, value):
    assert read_table(_write(tmp_path / "t.csv", [value, "1", "2"]))["y"].tolist()[0] == value


@pytest.mark.parametrize("x", [
    [f"({2000 + k % 20})" for k in range(30)],  # years
    ["(212)", "(718)", "(1)"] * 10,  # area codes, footnotes
])
def test_integers_all_in_parentheses_are_codes_not_amounts(tmp_path, caplog, x):
    """Decision 281 reads an accounting column as amounts; a column of bare integers, every one in parentheses,
    is codes, years or footnotes: it stays text, left out of 'all' and refused by name."""
    path = _write(tmp_path / "c.csv", [str(k % 7) for k in range(len(x))], extra=x)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(path)
        with pytest.raises(RnncastError, match=r"the other column\(s\) \['x'\] hold text"):
            load_panel(path, target="y", features="all")
    assert frame["x"].tolist() == x and signs.ACCOUNTING not in frame.attrs and "accounting" not in caplog.text
    with pytest.raises(RnncastError, match=rf"'x'.*{re.escape(repr(x[0]))}"):
        load_panel(path, target="y", features=["x"])


@pytest.mark.parametrize("x, numbers", [
    (["(500)", "120", "(3)"], [-500.0, 120.0, -3.0]),  # numbers without parentheses beside them
    (["(500.00)", "(120.00)", "(3.00)"], [-500.0, -120.0, -3.0]),  # decimals
    (['"(1,234,567)"', '"(120)"', '"(3)"'], [-1234567.0, -120.0, -3.0]),  # thousands marks
])
def test_parentheses_are_amounts_beside_plain_numbers_or_written_with_marks(tmp_path, x, numbers):
    frame = read_table(_write(tmp_path / "a.csv", x))
    assert frame["y"].tolist() == numbers and frame.attrs[signs.ACCOUNTING] == ["y"]


@pytest.mark.parametrize("values, sep, numbers, said", [
    (["50.00-", "152.33", "7.10"], ",", [-50.0, 152.33, 7.1], "'50.00-' as -50"),  # SAP's export
    (["1.234,50-", "2.000,00", "12,5-", "3"], ";", [-1234.5, 2000.0, -12.5, 3.0], "'1.234,50-' as -1234.5"),
    (['"1,234.50-"', "2.5", "19-"], ",", [-1234.5, 2.5, -19.0], "'1,234.50-' as -1234.5"),  # an integer among amounts
])
def test_a_trailing_minus_on_amounts_is_read_as_negative_with_one_warning(tmp_path, caplog, values, sep, numbers,
                                                                          said):
    """SAP writes negative amounts as '50.00-'; they were refused as "not numeric" without a hint."""
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(_write(tmp_path / "s.csv", values, sep))
    assert frame["y"].tolist() == numbers and frame.attrs[signs.ACCOUNTING] == ["y"]
    assert caplog.text.count("s.csv: column(s) ['y'] write negative numbers with the minus after them (as SAP exports "
                             f"them) and are read as negative numbers ({said}); forecasts are written with '-'") == 1
    with caplog.at_level(logging.WARNING, logger="rnncast"):  # a table in memory: the same reading, said so
        panel = load_panel(pd.DataFrame({"y": ["50.00-", "1.5", "2"]}), target="y")
    assert panel.values[:, 0].tolist() == [-50.0, 1.5, 2.0]
    assert "column 'y' writes negative numbers with the minus after them (as SAP exports them), read as negative " \
           "numbers ('50.00-' as -50)" in caplog.text


@pytest.mark.parametrize("x, ends", [
    (["19-", "32", "7-"], "; '19-' writes its minus after the number, which rnncast reads only in a column where "
                          "some value written so has a decimal mark ('50.00-', amounts as SAP exports them); none of "
                          "this column's does ('19-', '7-'): write the minus first (-19)"),
    (["5-", "10.00", "20.50"], "none of this column's does ('5-'): write the minus first (-5)"),  # decimals elsewhere:
    # the reason is the values written with the minus after them, not the column ("written with decimals" it is)
    (["05.00-", "10.00", "20.50"], "; '05.00-' writes its minus after a number with a leading zero, which rnncast "
                                   "does not read as an amount (a code?): write the minus first (-05.00)"),
    (["2020-", "2021-", "2019"], "or give what it means as numbers (e.g. days since it)"),  # years: rnncast's dates
    (["-5.00-", "1.5", "2"], "the target and covariates must be numbers"),  # a minus either side: no number
])
def test_integers_with_a_trailing_minus_are_refused_asking_for_the_minus_first(tmp_path, caplog, x, ends):
    """No decimal mark among them: a code or an open range ('2020-') as much as an amount, so not read; the
    refusal names the value and, for an integer, how to write it."""
    path = _write(tmp_path / "i.csv", x)
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert read_table(path)["y"].tolist() == x and "SAP" not in caplog.text
    with pytest.raises(RnncastError, match=rf"line 2 of i\.csv holds {re.escape(repr(x[0]))}") as err:
        load_panel(path, target="y")
    assert str(err.value).endswith(ends)


def test_text_ending_in_a_minus_is_text(tmp_path, caplog):
    """Grades and dates cut short ('A-', '2020-01-') are no numbers written with a trailing minus."""
    path = _write(tmp_path / "g.csv", ["1.5", "2.5", "3.5", "4.5"], extra=["A-", "B+", "2020-01-", "C-"])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        frame = read_table(path)
    assert frame["x"].tolist() == ["A-", "B+", "2020-01-", "C-"] and signs.ACCOUNTING not in frame.attrs
    with pytest.raises(RnncastError, match=r"line 2 of g\.csv holds 'A-' \(4 non-numeric value\(s\) in all\); the "
                                           r"target and covariates must be numbers$"):
        load_panel(path, target="y", features=["x"])


def test_plain_columns_gives_each_column_as_plain_does():
    """One pass over a table's columns finds those with a sign to read; every column comes back as ``plain`` gives
    it, those with nothing to read included (as object, values as written)."""
    values = ["1.5", "-2.5", " 3 ", "\u221250.00", "(1,234.50)", "(500)", "50.00-", "19-", "1e-3", "2020-01-", None,
              "(see note)", "-inf", "5-\xa0", "12", "0.5"]
    rng = np.random.default_rng(2)
    table = pd.DataFrame({f"c{k}": rng.choice(np.array(values, dtype=object), 40) for k in range(30)})
    table["plain"] = ["1.25"] * 40
    table["digits"] = ["(2019)"] * 40
    got = signs.plain_columns(table)
    assert list(got) == list(table.columns)
    for name, column in table.items():
        expected = signs.plain(column)
        assert got[name].equals(expected) and got[name].dtype == expected.dtype, name
    assert signs.plain_columns(table.iloc[:0]).keys() == set(table.columns)
