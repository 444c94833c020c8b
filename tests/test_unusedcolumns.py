"""Columns no role can take as they are: text and one-value columns said apart in the "not used" line, and the
"not numeric" refusal saying how to encode text (unusedcolumns.py)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel
from rnncast.settingvalues import missing_text
from rnncast.unusedcolumns import encode_hint, holds_text, sort_out


def _said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("not used")]


def test_text_and_one_value_columns_are_not_offered_covariate_roles(caplog):
    """`fit aq_messy.csv --features temp` offered past_covariates= to 'station' (text, then refused as not numeric)
    and to 'const' (one value: nothing to learn)."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=40, freq="h"), "y": np.arange(40.0),
                          "temp": np.sin(np.arange(40.0)), "station": "Seoul", "const": 5.0,
                          "spare": np.arange(40.0) % 3})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "y", features=["temp"])
    assert _said(caplog) == [
        "not used: spare (to train on them, name them with past_covariates= or future_covariates= (--past-covariates, "
        "--future-covariates), or features='all' (--features all)); 'station' holds text (to use it as a covariate, "
        "encode it as numbers, e.g. pd.get_dummies(df, columns=['station'])); 'const' holds one value in every row "
        "(nothing to learn)"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # nothing a role could take: no role offered
        load_panel(frame.drop(columns="spare"), "y", features=["temp"])
    assert _said(caplog) == [
        "not used: 'station' holds text (to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, "
        "columns=['station'])); 'const' holds one value in every row (nothing to learn)"]


def test_text_fixed_in_each_series_of_a_long_table_is_offered_as_a_static_covariate(caplog):
    frame = pd.DataFrame({"store": ["a"] * 8 + ["b"] * 8, "t": list(pd.date_range("2024-01-01", periods=8)) * 2,
                          "y": np.arange(16.0), "region": ["north"] * 8 + ["south"] * 8,
                          "weather": ["sun", "rain"] * 8})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "y", id_col="store")
    line = _said(caplog)[0]
    assert ("'region' holds text (to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, "
            "columns=['region']), or, as it is fixed in each series, name it with static_covariates= "
            "(--static-covariates))") in line
    assert "'weather' holds text (to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, " \
           "columns=['weather']))" in line  # varies within a series: no static covariate


@pytest.mark.parametrize("values, text", [(["a", "b", None], True), (["1", "2", "x"], False), (["A-", "2020-01-"], False), ([1.0, 2.0, 3.0], False),
                                          (pd.Categorical(["a", "b", "a"]), True), ([None, "", " "], False)])
def test_holds_text_only_where_no_value_reads_as_a_number(values, text):
    assert holds_text(pd.Series(values)) is text


def test_a_column_of_numbers_but_a_stray_cell_stays_offered_a_role():
    frame = pd.DataFrame({"a": ["1", "2", "n/a"], "b": [None, None, None], "c": [1.0, 1.0, np.nan]})
    assert sort_out(frame, ["a", "b", "c"]) == (["a", "b"], [], ["c"])


def test_a_text_covariate_is_refused_with_how_to_encode_it():
    """`--features weather` (seattle-weather.csv) said only that the column must be numbers."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0),
                          "weather": ["drizzle", "rain"] * 10})
    with pytest.raises(RnncastError, match=r"^column 'weather' is not numeric: .*must be numbers; to use it as a "
                                           r"covariate, encode it as numbers, e\.g\. pd\.get_dummies\(df, "
                                           r"columns=\['weather'\]\)$"):
        load_panel(frame, "y", past_covariates=["weather"])
    with pytest.raises(RnncastError, match=r"thousands|decimal|comma") as caught:  # a number misread: its own hint
        load_panel(frame.assign(weather=["1,234.5", "2.5"] * 10), "y", past_covariates=["weather"])
    assert "get_dummies" not in str(caught.value)


def test_features_all_says_how_to_encode_the_text_it_leaves_out_and_not_for_codes_written_with_digits(caplog):
    """`--features all` on seattle-weather.csv said "left out, not numeric: ['weather']" and no more."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0), "x": np.arange(20.0) % 3,
                          "weather": ["sun", "rain"] * 10, "sky": ["clear", "grey"] * 10, "code": ["001", "A02"] * 10})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "y", features="all")
    assert ("left out, not numeric: ['weather', 'sky', 'code'] (to use them as covariates, encode them as numbers, e.g. "
            "pd.get_dummies(df, columns=['weather', 'sky']))") in caplog.text
    assert encode_hint("a") == "to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, columns=['a'])"


def test_features_all_and_the_not_used_line_name_columns_of_one_value_alike(caplog):
    """One finder (``one_value``) and one clause (``one_value_clause``) for the "not used" line and features='all'
    (which refused "['const'] holds ..." where the line says "'const' holds ..."): missing cells aside, one value."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0), "const": 5.0,
                          "gappy": np.where(np.arange(20) % 4, 2.0, np.nan)})
    clause = "'const', 'gappy' hold one value in every row (nothing to learn)"
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "y")
    assert _said(caplog) == [f"not used: {clause}"]
    with pytest.raises(RnncastError, match=re.escape(f"besides the target(s) and the time: {clause}; name")):
        load_panel(frame, "y", features="all")


@pytest.mark.parametrize("values, text", [(["Station 1", "Station 12", None], True), (["S1", "Store 2"], True),
                                          (["Filiale 3", "Größe 2"], True), (["001", "S2"], False),
                                          (["USD 12.50", "USD 3"], False), (["12 kg", "3 kg"], False),
                                          (["$12", "$3"], False)])
def test_labels_that_number_things_hold_text_and_numbers_written_with_words_do_not(values, text):
    assert holds_text(pd.Series(values, dtype=object)) is text


def test_a_column_of_numbered_labels_gets_the_encoding_advice_other_text_gets(caplog):
    """'station' of "Station 1", "Station 2" was "not used ... to train on them, name them with past_covariates=",
    which then refused it as not numeric with no advice, while 'weather' beside it was told how to encode it."""
    frame = pd.DataFrame({"t": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0),
                          "station": [f"Station {i % 3 + 1}" for i in range(20)], "weather": ["sun", "rain"] * 10})
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, "y")
    assert "'station' holds text (to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, " \
           "columns=['station']))" in caplog.text
    with pytest.raises(RnncastError, match=r"^column 'station' is not numeric: .*pd\.get_dummies\(df, "
                                           r"columns=\['station'\]\)$"):
        load_panel(frame, "y", past_covariates=["station"])
    with pytest.raises(RnncastError, match=r"hold text \(to use them as covariates, encode them as numbers, e\.g\. "
                                           r"pd\.get_dummies\(df, columns=\['station', 'weather'\]\)\)"):
        load_panel(frame, "y", features="all")


def test_numbers_written_with_a_currency_or_unit_are_told_what_naming_them_is_told(caplog, tmp_path):
    """units.csv's price "USD 22" was told to be encoded with pd.get_dummies, and price2 "24 kg" to be named as a
    covariate, which then refused it; naming either said "write the number alone". The warning now says so too."""
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=20).strftime("%Y-%m-%d"), "y": np.arange(20.0),
                          "price": [f"USD {20 + i % 7}" for i in range(20)],
                          "weight": [f"{15 + i % 9} kg" for i in range(20)], "weather": ["sun", "rain"] * 10})
    frame.to_csv(tmp_path / "units.csv", index=False)
    for given in (frame, pd.read_csv(tmp_path / "units.csv")):
        caplog.clear()
        with caplog.at_level("WARNING", logger="rnncast"):
            load_panel(given, "y")
        assert _said(caplog) == [
            "not used: 'price' is not numeric as written ('USD 20' has a currency code 'USD'; write the number alone "
            "(20); then name it as a covariate); 'weight' is not numeric as written ('15 kg' has a unit 'kg'; write the "
            "number alone (15); then name it as a covariate); 'weather' holds text (to use it as a covariate, encode it "
            "as numbers, e.g. pd.get_dummies(df, columns=['weather']))"]
    for name, said in (("price", "has a currency code 'USD'; write the number alone (20)"),
                       ("weight", "has a unit 'kg'; write the number alone (15)")):
        with pytest.raises(RnncastError, match=re.escape(said)):
            load_panel(frame, "y", past_covariates=[name])
    stray = frame.assign(weight=["15"] * 19 + ["16 kg"])  # numbers but one cell: still offered a role
    assert sort_out(stray, ["weight"]) == (["weight"], [], [])


def test_a_parquet_files_index_is_named_as_the_files_index_in_the_not_used_list_and_the_encoding_line(tmp_path, caplog):
    """A Parquet file written from df.set_index('station') (numbers) or set_index('region') (text): the "not used" list
    said "station" and the encoding hint "pd.get_dummies(df, columns=['region'])", which fails on the frame
    pd.read_parquet gives back (region is its index); both name the file's index now (decision 1642)."""
    n = 40
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
                          "y": np.sin(np.arange(n) / 3.0), "region": ["north", "south"] * (n // 2),
                          "station": np.arange(n) % 7 * 1.5})
    frame.set_index("station").to_parquet(tmp_path / "a.parquet")
    frame.set_index("region").to_parquet(tmp_path / "b.parquet")
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(tmp_path / "a.parquet", target="y", announce=True)
        load_panel(tmp_path / "b.parquet", target="y", announce=True)
    first, second = _said(caplog)
    assert first.startswith("not used: the file's index 'station' (to train on them"), first
    assert "'region' holds text (to use it as a covariate, encode it as numbers, e.g. pd.get_dummies(df, " in first
    assert second.startswith("not used: station (to train on them"), second
    line = "pd.get_dummies(df.reset_index(), columns=['region'])"
    assert f"the file's index 'region' holds text (to use it as a covariate, encode it as numbers, e.g. {line})" in second
    df = pd.read_parquet(tmp_path / "b.parquet")  # the line runs on the frame pandas reads back
    assert "region_north" in eval(line, {"pd": pd, "df": df}).columns


def test_a_column_of_numbers_and_a_letter_is_told_to_name_it_as_missing_or_replace_it(tmp_path):
    """NOAA's PRCP holds 'T' for a trace of rain: its refusal said "the target and covariates must be numbers" alone; it
    says the letter can be read as missing with --missing-values or replaced by the number it stands for (decision 1646)."""
    n = 60
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
                          "y": np.arange(n, dtype=float), "PRCP": ["0.5"] * n})
    frame.loc[[5, 9], "PRCP"] = "T"
    frame.to_csv(tmp_path / "noaa.csv", index=False)
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "noaa.csv", target="y", past_covariates="PRCP")
    assert str(refused.value).endswith(
        "the target and covariates must be numbers; if 'T' marks a missing value, name it in missing_values= "
        "(--missing-values T, beside any number codes such as -9999) to read those cells as missing; if it stands for "
        "a value (a trace of rain), replace it with that number first, e.g. df['PRCP'] = df['PRCP'].replace('T', 0)")
    load_panel(tmp_path / "noaa.csv", target="y", past_covariates="PRCP", missing_values="T", fill="ffill")


def test_a_cell_of_a_text_code_in_another_case_is_told_that_codes_match_in_their_case(tmp_path):
    """Decision 1687: with --missing-values -9999,M a cell ' M ' is read as missing (spaces around it aside), 'm' is
    not: its refusal said "name it in missing_values= (--missing-values m, beside any number codes ...)", as though
    no code were given; it says now that a code matches a whole cell in its case, and gives the codes given with it."""
    n = 40
    frame = pd.DataFrame({"ds": pd.date_range("2020-01-01", periods=n).strftime("%Y-%m-%d"),
                          "y": [str(v) for v in range(n)]})
    frame.loc[7, "y"] = " M "
    frame.to_csv(tmp_path / "spaced.csv", index=False)
    assert np.isfinite(load_panel(tmp_path / "spaced.csv", target="y", missing_values="-9999,M", fill="ffill").values).all()
    frame.loc[5, "y"] = "m"
    frame.to_csv(tmp_path / "cased.csv", index=False)
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "cased.csv", target="y", missing_values="-9999,M", fill="ffill")
    assert str(refused.value).endswith(
        "holds 'm' (1 non-numeric value(s) in all); the target and covariates must be numbers; 'm' is not 'M', a text "
        "code of missing_values= (-9999,M): a code matches a whole cell, spaces around it aside, in its case; if 'm' "
        "marks a missing value too, name it there (--missing-values -9999,M,m)")
    frame.loc[5, "y"] = "T"
    frame.to_csv(tmp_path / "trace.csv", index=False)
    with pytest.raises(RnncastError, match=r"name it in missing_values= \(--missing-values '-999, 9999, M, T'\) to read"):
        load_panel(tmp_path / "trace.csv", target="y", missing_values=missing_text([-999, 9999, "M"]),
                   fill="ffill")  # never -999,9999, one number in a file of decimal commas


def test_the_case_note_in_predicts_future_values_advises_giving_the_value_not_a_fit_flag():
    """Decision 1757: in predict's future table (attrs' numbertext.FUTURE) a code is refused as a missing value,
    so a word in another case than a code ('m' beside 'M') is told to give the column's value at that step(s)."""
    from rnncast.numbertext import FUTURE, MISSING
    from rnncast.unusedcolumns import text_clause

    column = pd.Series(["5.0", "m", "m", "4.0"])
    bad = np.array([False, True, True, False])
    said = text_clause(column, "price", bad, {MISSING: "-9999,M", FUTURE: True})
    assert said.endswith("in its case; predict needs a value of every future covariate at every forecast step: give "
                         "the value of 'price' at those steps")
    assert "--missing-values" not in said
    assert said.startswith("; 'm' is not 'M'")
    assert "(--missing-values -9999,M,m)" in text_clause(column, "price", bad, {MISSING: "-9999,M"})


def test_a_column_of_elapsed_times_is_not_called_text_nor_a_role_to_name(caplog):
    """Decision 1865: a timedelta column left over was said "not used ... name them with past_covariates=", which
    fit refuses; it is said to hold elapsed times now, with the recipe that makes them the time."""
    frame = pd.DataFrame({"elapsed": pd.timedelta_range(0, periods=20, freq="15min"),
                          "date": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0)})
    assert sort_out(frame, ["elapsed"])[1] == ["elapsed"]
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame, target="y")
    assert ("not used: 'elapsed' holds elapsed times (timedeltas), which no role takes nor the time axis reads: to "
            "forecast along them, make them timestamps (data[column] += pd.Timestamp('2024-01-01'))") in caplog.text


def test_a_bare_below_detection_code_is_told_half_the_limit_and_that_interpolating_it_biases_it_high(tmp_path):
    """t41-t4 L2 (decision 2239): '<LOD' in PM2.5 was told "replace it with that number first, e.g. ...replace('<LOD',
    0)", while the field substitutes half the detection limit, and reading it as missing then --fill interpolate
    fills it from its neighbours, above the limit."""
    n = 60
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=n).strftime("%Y-%m-%d"),
                          "pm25": [str(v) for v in np.arange(n, dtype=float) + 5]})
    frame.loc[[5, 9], "pm25"] = "<LOD"
    frame.to_csv(tmp_path / "aq.csv", index=False)
    with pytest.raises(RnncastError) as refused:
        load_panel(tmp_path / "aq.csv", target="pm25")
    said = str(refused.value)
    assert "to read those cells as missing (then --fill interpolate fills a below-detection value from its " \
           "neighbours, above the limit, so biased high, and the network trains on it)" in said
    assert said.endswith("write in its place the field's usual substitution, half the limit, e.g. df['pm25'] = "
                         "df['pm25'].replace('<LOD', LOD / 2), LOD your method's limit")
