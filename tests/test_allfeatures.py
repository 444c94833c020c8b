"""``features='all'`` (``allfeatures.py``): the numeric columns no other role took; matching none is refused
naming why (text, or covariates named by their role that already hold every other column)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=60, freq="D"), "y": np.sin(np.arange(60) / 3),
                         "x": np.cos(np.arange(60) / 5)})


def test_all_takes_the_numeric_columns_no_role_took_beside_the_covariates_named():
    panel = load_panel(_frame().assign(z=1.0 + np.arange(60)), target="y", features="all", past_covariates=["x"])
    assert panel.columns == ["y", "x", "z"] and panel.n_past == 2
    panel = load_panel(_frame().assign(z=1.0 + np.arange(60)), target="y", features="all", future_covariates=["x"])
    assert panel.columns == ["y", "z", "x"] and panel.n_past == 1


@pytest.mark.parametrize("role, kind", [("past_covariates", "past"), ("future_covariates", "future")])
def test_all_matching_none_because_the_covariates_named_hold_the_rest_says_so(role, kind):
    """--features all --past-covariates x was refused "...: the table has no other column", though it has x."""
    with pytest.raises(RnncastError, match=rf"^features='all' \(--features all\) matched no numeric column besides the "
                                           rf"target\(s\), the time and the covariates named: 'x' is already a {kind} "
                                           r"covariate; leave features='all' out to train on the covariates named$"):
        load_panel(_frame(), target="y", features="all", **{role: ["x"]})
    with pytest.raises(RnncastError, match=r": the table has no other column; name the features"):  # none named
        load_panel(_frame().drop(columns="x"), target="y", features="all")


def test_all_with_a_column_named_all_is_refused_saying_both_ways_and_a_list_takes_the_column():
    """A tester's table (date, sales, temp, all, other): --features all took every numeric column, where the user
    may have meant the one named 'all' (Python's ['all'] takes that one)."""
    frame = _frame().assign(all=np.arange(60.0), z=1.0 + np.arange(60))
    with pytest.raises(RnncastError, match=r"^features='all' \(--features all\) is ambiguous: the table has a column "
                                           r"named 'all'; to take that column alone, name it in a list \(features="
                                           r"\['all'\]; on the command line --past-covariates all, or --features "
                                           r"'\"all\"'\), or name every column to take \(features=\['x', 'all', 'z'\]; "
                                           r"--past-covariates x,all,z\)$"):
        load_panel(frame, target="y", features="all")
    assert load_panel(frame, target="y", features=["all"]).columns == ["y", "all"]
    assert load_panel(frame, target="y", features="all", past_covariates=["all"]).columns == ["y", "all", "x", "z"]
    assert load_panel(frame.rename(columns={"y": "all", "all": "y"}), target="all", features="all").n_past == 3


def test_wide_series_all_with_a_column_named_all_is_refused_and_a_list_takes_the_column():
    frame = _frame().rename(columns={"y": "all"})
    with pytest.raises(RnncastError, match=r"^series='all' \(--series all\) is ambiguous: the table has a column named "
                                           r"'all'; to take that column alone, name it in a list \(series=\['all'\]; "
                                           r"on the command line --series '\"all\"'\), or name the series columns$"):
        load_panel(frame, series="all")
    assert load_panel(frame, series=["all"], past_covariates=["x"]).n_series == 1
    assert load_panel(frame.rename(columns={"all": "a"}), series="all").n_series == 2


def test_all_takes_a_column_of_python_decimals_as_it_trains_when_named_but_not_text_or_booleans():
    """A tester's Parquet file: a decimal column (read as decimal.Decimal objects) trained when named, but 'all' left it
    out "not numeric" beside the categorical one."""
    from decimal import Decimal

    frame = _frame().assign(dec=[Decimal(f"{v:.2f}") for v in np.arange(60) / 7], mixed=[1, 2.5] * 30,
                            cat=pd.Categorical(["a", "b"] * 30), yes=pd.Series([True, None] * 30, dtype=object))
    panel = load_panel(frame, target="y", features="all")
    assert panel.columns == ["y", "x", "dec", "mixed"]
    assert np.allclose(load_panel(frame, target="y", features=["dec"]).values[:, 1], np.round(np.arange(60) / 7, 2))


def test_all_leaves_out_a_column_of_one_value_and_names_it_as_it_names_text(caplog):
    """--features all took a column of one value (7.0 in every row) and fit then refused it as constant; in a panel it
    trained on it with a warning that it carries nothing. It is left out and named, beside the text columns."""
    frame = _frame().assign(const=7.0, station="Seoul", gappy=np.where(np.arange(60) % 9, 2.0, np.nan))
    with caplog.at_level("WARNING", logger="rnncast"):
        panel = load_panel(frame, target="y", features="all", fill="ffill")
    assert panel.features == ["x"] and panel.unused == ["const", "station", "gappy"]
    assert ("features 'all': ['x']; left out, not numeric: ['station'] (to use it as a covariate, encode it as numbers, "
            "e.g. pd.get_dummies(df, columns=['station'])); left out, one value in every row (nothing to "
            "learn): ['const', 'gappy']") in caplog.text
    with pytest.raises(RnncastError, match=r"^features='all' \(--features all\) matched no numeric column besides the "
                                           r"target\(s\) and the time: 'const' holds one value in every row "):
        load_panel(frame[["date", "y", "const"]], target="y", features="all")
    panel = load_panel(frame.assign(const=np.repeat([1.0, 2.0], 30), unique_id=np.repeat(["a", "b"], 30),
                                    date=np.tile(np.arange(30), 2)), target="y", features="all", fill="ffill")
    assert "const" in panel.features  # one value per series, not one in every row: a static covariate's case


def test_advice_round_trips_every_column_to_take_is_written_as_the_flag_reads_them():
    """'name every column to take (...; --past-covariates x,vent, km/h,all)' read back as four names."""
    from test_spelling import read_back
    frame = _frame().assign(**{"vent, km/h": np.arange(60.0) % 7, "all": np.arange(60.0)})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="y", features="all")
    assert read_back(str(err.value).rsplit("; ", 1)[1], "--past-covariates") == ["x", "vent, km/h", "all"]


def test_numbers_written_with_a_currency_or_unit_left_out_are_told_to_be_written_alone(caplog):
    """features='all' on units.csv (price "USD 22", price2 "24 kg") was refused "['price', 'price2'] hold text (...
    pd.get_dummies(df, columns=['price']))": one-hot codes for prices, and nothing said of price2. They get the
    advice naming them gets, words beside them the encoding."""
    frame = pd.DataFrame({"date": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0) % 5,
                          "price": [f"USD {20 + i % 7}" for i in range(20)],
                          "weight": [f"{15 + i % 9} kg" for i in range(20)]})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, "y", features="all")
    assert ("hold text ('price' is not numeric as written ('USD 20' has a currency code 'USD'; write the number alone "
            "(20); then name it as a covariate); 'weight' is not numeric as written ('15 kg' has a unit 'kg'; write "
            "the number alone (15); then name it as a covariate))") in str(err.value)
    assert "get_dummies" not in str(err.value)
    with caplog.at_level("WARNING", logger="rnncast"):
        load_panel(frame.assign(x=np.sin(np.arange(20.0)), weather=["sun", "rain"] * 10), "y", features="all")
    assert ("left out, not numeric: ['price', 'weight', 'weather'] (to use it as a covariate, encode it as numbers, "
            "e.g. pd.get_dummies(df, columns=['weather']); 'price' is not numeric as written") in caplog.text


def test_wide_series_all_lists_the_columns_it_took_and_leaves_the_covariates_named_out(caplog):
    """A joined Darts table (stores, price, holiday) read with series='all' took price and holiday as series 4 and 5,
    scored with the stores, without a word: one INFO line now names every series taken, and the covariates left out."""
    days = pd.date_range("2021-01-01", periods=30, freq="D")
    joined = pd.DataFrame({"time": days, "store_A": np.arange(30.0), "store_B": np.arange(30.0) * 2,
                           "price": 10 + np.arange(30) % 3.0, "holiday": (days.day_of_week >= 5).astype(int)})
    with caplog.at_level(logging.INFO, logger="rnncast"):
        every = load_panel(joined, series="all")
    assert every.ids == ["store_A", "store_B", "price", "holiday"]
    assert ("series 'all' takes 4 columns as series: store_A, store_B, price, holiday; a column among them that is a "
            "covariate, not a series to forecast, is named by its role (past_covariates=, future_covariates=; "
            "--past-covariates, --future-covariates), which 'all' leaves out") in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        stores = load_panel(joined, series="all", future_covariates=["price"], past_covariates=["holiday"])
    assert stores.ids == ["store_A", "store_B"]
    assert "series 'all' takes 2 columns as series: store_A, store_B; not the covariates holiday, price;" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):
        load_panel(joined, series=["store_A", "store_B"], future_covariates=["price"])
        load_panel(joined, series="all", announce=False)  # a model's data read again: said at fit only
    assert "series 'all'" not in caplog.text


def test_features_all_says_elapsed_times_are_timedeltas_not_text():
    """Decision 1865: features='all' beside a timedelta column alone said it "holds text"."""
    frame = pd.DataFrame({"elapsed": pd.timedelta_range(0, periods=20, freq="15min"),
                          "date": pd.date_range("2024-01-01", periods=20), "y": np.arange(20.0)})
    with pytest.raises(RnncastError, match=r": \['elapsed'\] hold elapsed times \(timedeltas\), which no role takes: "
                                           r"to forecast along them, make them timestamps"):
        load_panel(frame, target="y", features="all")
