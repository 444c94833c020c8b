"""Static covariates (``static.py``): per-series attributes, numeric or categorical, from the columns
of a long table (one value per series) or from a table of their own matched by id (staticids); every
check names the series and the attribute at fault."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import TINY, make_panel
from rnncast import Forecaster, RnncastError
from rnncast.static import from_columns, from_frame

# ---- read from a table of their own, or from the long table's columns ------------------------------

def test_a_static_table_is_matched_by_id_as_text_and_split_into_numeric_and_categorical():
    table = pd.DataFrame({"unique_id": [2, 1], "size": [5.0, 1.0], "kind": ["b", "a"], "open": [True, False]})
    static = from_frame(table, ["1", "2"], "unique_id")
    assert static.numeric_names == ["size"] and static.categorical_names == ["kind", "open"]  # booleans are categories
    assert static.numeric.tolist() == [[1.0], [5.0]] and static.categorical.tolist() == [["a", "False"], ["b", "True"]]
    assert from_frame(table.set_index("unique_id"), ["1", "2"], "unique_id").names == static.names  # the id as index
    assert static.take(np.array([1])).numeric.tolist() == [[5.0]]


@pytest.mark.parametrize("table, words", [
    (pd.DataFrame({"store": ["a"], "size": [1.0]}), "needs the id column 'unique_id'; it has store, size"),
    (pd.DataFrame({"unique_id": ["a", "a"], "size": [1.0, 2.0]}), "lists series 'a' twice"),
    (pd.DataFrame({"unique_id": ["a", "b"], "size": [1.0, np.nan]}), r"static covariate 'size' is missing for series 'b' "
     r"in the static covariate table; a static covariate needs a value for every series: fill it in, or drop the "
     r"column 'size' from the table$"),
])
def test_a_bad_static_table_is_refused_naming_the_series_or_the_column(table, words):
    with pytest.raises(RnncastError, match=words):
        from_frame(table, ["a", "b"], "unique_id")


def test_static_columns_of_a_long_table_hold_one_value_per_series():
    frame = pd.DataFrame({"kind": ["x", "x", "y", "y"], "size": [1.0, 1.0, np.nan, np.nan]})
    codes = np.array([0, 0, 1, 1])  # the series of each row
    assert from_columns(frame, codes, ["kind"], ["a", "b"]).categorical.tolist() == [["x"], ["y"]]
    with pytest.raises(RnncastError, match=r"^static covariate 'size' is missing for series 'b' \(blank in every row\); "
                                           r"a static covariate needs a value for every series: give it in the rows of "
                                           r"each, or leave 'size' out of the static covariates \(static_covariates=, "
                                           r"--static-covariates\)$"):  # what is accepted, said (a retail tester)
        from_columns(frame, codes, ["size"], ["a", "b"])
    many = pd.DataFrame({"size": [np.nan] * 7 + [1.0]})
    with pytest.raises(RnncastError, match=r"series 'a', 'b', 'c', 'd', 'e' and 2 more \(blank"):
        from_columns(many, np.arange(8), ["size"], list("abcdefgh"))


def test_a_static_value_left_blank_in_one_row_is_said_missing_there_not_changing(tmp_path):
    """One blank 'region' in a store's rows was refused as "changes within series '002' ('south', then nan)", a
    change of role for what is a missing value (decision 592)."""
    frame = pd.DataFrame({"store": np.repeat(["001", "002"], 30), "date": np.tile(pd.date_range("2024-01-01", periods=30), 2),
                          "y": np.arange(60.0) % 7, "region": ["north"] * 30 + ["south"] * 30})
    frame.loc[45, "region"] = np.nan
    frame.to_csv(tmp_path / "stores.csv", index=False)
    with pytest.raises(RnncastError, match=r"static covariate 'region' is missing at line 47 of stores.csv \(series '002', "
                                           r"which holds 'south' in its other rows\)"):
        Forecaster(**TINY).fit(tmp_path / "stores.csv", id_col="store", static_covariates=["region"])
    with pytest.raises(RnncastError, match=r"is missing at row 45 \(series '002'"):
        Forecaster(**TINY).fit(frame, id_col="store", static_covariates=["region"])


def test_a_static_covariate_that_changes_within_a_series_is_refused(panel_frame):
    frame = panel_frame.assign(kind="a")
    frame.loc[frame.index[frame.unique_id == "s001"][3], "kind"] = "b"
    with pytest.raises(RnncastError, match=r"static covariate 'kind' changes within series 's001'"):
        Forecaster(**TINY).fit(frame, static_covariates=["kind"])


def test_a_static_table_missing_a_series_is_refused(panel_frame):
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["a", "b"]})
    with pytest.raises(RnncastError, match=r"no row for series \['s002', 's003'\]"):
        Forecaster(**TINY).fit(panel_frame, static_covariates=table)


# ---- what they do to the forecast ----------------------------------------------------------------

def test_static_covariates_change_the_forecast():
    frame = make_panel(3, seed=3)
    frame["size"] = frame["unique_id"].map({"s000": 1.0, "s001": 5.0, "s002": 2.0})
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002"], "kind": ["x", "y", "x"]})
    f = Forecaster(**TINY).fit(frame, static_covariates=table)
    assert f.static_encoder_.vocab == [["x", "y"]]
    before = f.predict(frame)
    f.static_codes_ = 1 - f.static_codes_  # swap every series' category
    assert not np.array_equal(before["y_hat"].to_numpy(), f.predict(frame)["y_hat"].to_numpy())


def test_a_static_covariate_that_changes_within_a_series_names_its_id_as_given():
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 20), "ds": np.tile(np.arange(20), 2),
                          "y": np.arange(40.0), "kind": ["a"] * 25 + ["b"] * 15})
    with pytest.raises(RnncastError, match=r"static covariate 'kind' changes within series 102 \('a', then 'b'\)"):
        Forecaster(**TINY).fit(frame, static_covariates=["kind"])


def test_a_static_table_missing_a_series_names_it_as_given():
    frame = pd.DataFrame({"unique_id": np.repeat([101, 102], 20), "ds": np.tile(np.arange(20), 2), "y": np.arange(40.0)})
    with pytest.raises(RnncastError, match=r"no row for series \[102\] \(1 in all\)"):
        Forecaster(**TINY).fit(frame, static_covariates=pd.DataFrame({"unique_id": [101], "size": [1.0]}))
    with pytest.raises(RnncastError, match=r"lists series 101 twice"):
        Forecaster(**TINY).fit(frame, static_covariates=pd.DataFrame({"unique_id": [101, 101], "size": [1.0, 2.0]}))


def test_a_static_table_written_with_its_index_leaves_the_row_numbers_out_not_an_attribute(caplog):
    """A `--static` file written by ``to_csv`` with its index: its row numbers ('Unnamed: 0') became a numeric
    attribute, silently; they are left out, said in one warning (rowindex.py), as the data file's are."""
    table = pd.DataFrame({"unique_id": ["a", "b"], "size": [5.0, 1.0]}).reset_index(names="Unnamed: 0")
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, ["a", "b"], "unique_id")
        quiet = from_frame(table, ["a", "b"], "unique_id", announce=False)  # predict's reload
    assert static.numeric_names == quiet.numeric_names == ["size"] and static.numeric.tolist() == [[5.0], [1.0]]
    assert [r.getMessage()[:56] for r in caplog.records] == ["left out: the first column of the static covariate table"]
    by_number = from_frame(table, ["0", "1"], "Unnamed: 0")  # the id column named so: the ids, kept
    assert by_number.numeric_names == ["size"] and by_number.categorical_names == ["unique_id"]


def test_a_static_table_row_of_a_series_not_in_the_data_is_said_as_future_rows_are(caplog):
    """A --static row of a series not in the data was dropped silently; --future rows of one are warned of."""
    table = pd.DataFrame({"unique_id": [2, 1, 7, 9], "size": [5.0, 1.0, 3.0, 4.0]})
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, ["1", "2"], "unique_id")
    assert static.numeric.tolist() == [[1.0], [5.0]]
    assert [r.getMessage() for r in caplog.records] == [
        "the static covariate table holds 2 rows of series [7, 9], which are not in the data; they are not used"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        from_frame(table.head(3), ["1", "2"], "unique_id")
    assert [r.getMessage() for r in caplog.records] == [
        "the static covariate table holds a row of series [7], which is not in the data; it is not used"]
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):  # a file's text ids, of series the data gives as numbers
        from_frame(table.astype({"unique_id": str}), ["1", "2"], "unique_id", given_ids=[1, 2])
    assert [r.getMessage() for r in caplog.records] == [  # as the model holds them: not ['7', '9']
        "the static covariate table holds 2 rows of series [7, 9], which are not in the data; they are not used"]


def test_a_static_column_in_the_data_and_in_the_static_table_at_predict_is_refused_by_name(tmp_path):
    """predict DATA --static FILE, both holding 'kind': the file's won and the warning called the data's
    'kind' "not used", though it was (from the file)."""
    frame = make_panel(2, seed=3)
    frame["kind"] = frame["unique_id"].map({"s000": "x", "s001": "y"})
    f = Forecaster(**TINY).fit(frame, static_covariates=["kind"])
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["y", "x"]})
    with pytest.raises(RnncastError, match=r"^static covariate\(s\) 'kind' given twice: as column\(s\) of the data and "
                                           r"in the static_covariates= table \(--static FILE\); give them in one place"):
        f.predict(frame, static_covariates=table)
    f.predict(frame.drop(columns=["kind"]), static_covariates=table)  # the table alone
    f.predict(frame)  # the data's alone


def test_a_static_column_in_the_data_and_in_the_static_table_at_fit_is_refused_by_name():
    """fit DATA --static FILE, both holding 'kind': fit trained on the table's and called the data's "not used"
    (advising --static-covariates, which beside --static is refused); predict then read the data's."""
    frame = make_panel(2, seed=3)
    frame["kind"] = frame["unique_id"].map({"s000": "x", "s001": "y"})
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["y", "x"]})
    with pytest.raises(RnncastError, match=r"^static covariate\(s\) 'kind' given twice: as column\(s\) of the data and "
                                           r"in the static_covariates= table \(--static FILE\); give them in one place: "
                                           r"leave the table out and name them with static_covariates="):
        Forecaster(**TINY).fit(frame, static_covariates=table)


def test_predict_does_not_read_a_data_column_in_place_of_the_static_table_the_model_was_fitted_with(tmp_path):
    frame = make_panel(2, seed=3)
    table = pd.DataFrame({"unique_id": ["s000", "s001"], "kind": ["y", "x"]})
    f = Forecaster(**TINY).fit(frame, static_covariates=table)
    f.save(tmp_path / "m")
    with_column = frame.assign(kind=frame["unique_id"].map({"s000": "x", "s001": "y"}))
    for model in (f, Forecaster.load(tmp_path / "m")):
        with pytest.raises(RnncastError, match=r"^the model was fitted with static covariate\(s\) 'kind' in a table of "
                                               r"their own \(--static FILE at fit\).*give the table with --static FILE"):
            model.predict(with_column)
        model.predict(frame)  # the values seen at fit
        model.predict(frame, static_covariates=table)
    fitted = Forecaster(**TINY).fit(with_column, static_covariates=["kind"])
    assert not fitted.state_.static_table
    fitted.predict(with_column)  # fitted on the data's columns: read as before


def test_a_complex_static_attribute_is_refused_naming_its_series_and_complex_text_is_a_category():
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    sized = frame.assign(size=np.where(frame.unique_id == ids[1], 1 + 1j, 5))
    with pytest.raises(RnncastError, match=rf"^static covariate 'size' of series '{ids[0]}' is \(5\+0j\), a complex number"):
        Forecaster(**{**TINY, "epochs": 1}).fit(sized, static_covariates=["size"])
    table = pd.DataFrame({"unique_id": ids, "size": pd.Series([5, 2j], dtype=object)})
    with pytest.raises(RnncastError, match=rf"'size' of series '{ids[1]}' is 2j, a complex number"):
        from_frame(table, ids, "unique_id")
    with pytest.raises(RnncastError, match=r"'size' holds numbers but for '2j'"):  # a number but for a text (1261)
        from_frame(table.assign(size=["5", "2j"]), ids, "unique_id")
    assert from_frame(table.assign(size=["5", "2j"]), ids, "unique_id", as_categories=["size"]).categorical_names == ["size"]


def test_a_static_attribute_of_another_kind_at_predict_is_named_with_the_kind_it_had_at_fit():
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    sized = frame.assign(size=np.where(frame.unique_id == ids[0], 1, 5))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(sized, static_covariates=["size"])
    assert len(model.predict(sized.assign(size=sized["size"].astype(str)))) == 2 * TINY["horizon"]  # '1': read as 1
    with pytest.raises(RnncastError, match=rf"^static covariate 'size' was numeric at fit and is text here \('small' for "
                                           rf"series '{ids[1]}'\); give its numbers, as at fit$"):
        model.predict(sized.assign(size=np.where(sized.unique_id == ids[0], "5", "small")))
    kinds = sized.assign(size=np.where(sized.unique_id == ids[0], "small", "big"))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(kinds, static_covariates=["size"])
    with pytest.raises(RnncastError, match=r"^static covariate 'size' was text \(categories: big, small\) at fit and is "
                                           r"numeric here; give its categories as text, as at fit$"):
        model.predict(sized)


def test_numbers_written_as_text_are_categories_at_fit_said_so_and_numbers_where_fit_took_them_as_numbers(caplog):
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    text = frame.assign(size=np.where(frame.unique_id == ids[0], "001", "5"))  # codes, as a store number is written
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1}).fit(text, static_covariates=["size"])
    assert model.static_encoder_.categorical_names == ["size"] and model.static_encoder_.vocab == [["001", "5"]]
    assert "static covariate 'size' holds numbers written as text ('001'), taken as categories" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        assert len(model.predict(text)) == 2 * TINY["horizon"]
    assert "numbers written as text" not in caplog.text  # said once, at fit
    with pytest.raises(RnncastError, match=r"'size' holds numbers but for 'tbd'"):  # a code, not a category (1261)
        from_frame(pd.DataFrame({"unique_id": ids, "size": ["1", "tbd"]}), ids, "unique_id")
    with pytest.raises(RnncastError, match=r"'size' holds 'n/a' for series .*, which pandas reads as missing"):
        from_frame(pd.DataFrame({"unique_id": ids, "size": ["1", "n/a"]}), ids, "unique_id")  # no value: decision 1314
    assert from_frame(pd.DataFrame({"unique_id": ids, "size": ["1", "tbd"]}), ids, "unique_id",
                      as_categories=["size"]).categorical_names == ["size"]  # asked for
    numbers = text.assign(size=pd.to_numeric(text["size"]))  # the way to make them numbers
    model = Forecaster(**{**TINY, "epochs": 1}).fit(numbers, static_covariates=["size"])
    assert model.static_encoder_.numeric_names == ["size"]
    assert model.predict(text).equals(model.predict(numbers))  # text given for a numeric attribute: the numbers it writes


def test_a_static_table_may_be_a_dict_of_columns_or_a_file_at_fit_and_at_predict(tmp_path):
    from pathlib import Path

    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    columns = {"unique_id": ids, "region": ["n", "s"]}
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame.assign(region=np.where(frame.unique_id == ids[0], "n", "s")),
                                                   static_covariates=["region"])
    expected = model.predict(frame)
    assert model.predict(frame, static_covariates=columns).equals(expected)  # was: "a dict, which has no order"
    pd.DataFrame(columns).to_csv(tmp_path / "static.csv", index=False)
    assert model.predict(frame, static_covariates=str(tmp_path / "static.csv")).equals(expected)
    assert model.predict(frame, static_covariates=tmp_path / "static.csv").equals(expected)
    with pytest.raises(RnncastError, match=r"^static_covariates= of a fitted model takes a table, not names \(\['region', "
                                           r"'unique_id'\]\): a DataFrame or a dict of columns with 'unique_id'"):
        model.predict(frame, static_covariates=["region", "unique_id"])  # the dict's names, as the old advice said
    with pytest.raises(RnncastError, match=r"^static_covariates= is a dict that is no table \(.*\); give a table"):
        model.predict(frame, static_covariates={"region": "n"})
    fitted = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=columns)
    assert fitted.static_covariates_ == ["region"] and fitted.static_encoder_.vocab == [["n", "s"]]
    assert Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=Path(tmp_path / "static.csv")
                                                  ).static_covariates_ == ["region"]


def test_a_text_that_is_no_file_at_predict_is_refused_as_no_file_of_static_covariates():
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    frame = frame.assign(code=np.where(frame.unique_id == ids[0], "n", "s"))
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=["code"])
    with pytest.raises(RnncastError) as err:
        model.predict(frame, static_covariates="code")  # fit's name, which at predict would be a file's path
    text = str(err.value)
    assert text.startswith("static_covariates= (--static FILE) of a fitted model takes a table or a file's path, and "
                           "'code' is no file: give a DataFrame or a dict of columns with 'unique_id'")
    assert "trained on" not in text and "\n" not in text


def test_an_empty_static_table_is_said_to_have_no_columns():
    """static_covariates={} was refused as "... needs the id column 'unique_id'; it has " and nothing after."""
    with pytest.raises(RnncastError, match=r"^the static covariate table needs the id column 'unique_id'; it has no "
                                           r"columns$"):
        from_frame(pd.DataFrame({}), ["a", "b"], "unique_id")


# ---- what each layout takes ---------------------------------------------------------------------------------------

def _wide(rows: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame({"date": pd.date_range("2020-01-01", periods=rows, freq="D"), "a": rng.normal(size=rows),
                         "b": rng.normal(size=rows), "c": rng.normal(size=rows)})


@pytest.mark.parametrize("named", [["c"], "c", ("c",)])
def test_static_columns_named_with_wide_data_are_refused_naming_the_table_wide_data_takes(named):
    """fit(wide, series=['a', 'b'], static_covariates=['c']) failed in pandas (groupby without a key: a TypeError
    traceback); a wide table has no rows per series to hold one value each, and takes a table of its own."""
    with pytest.raises(RnncastError, match=r"^static covariates named as columns \(static_covariates=\['c'\], "
                                           r"--static-covariates c\) are read from long-format data with an id column") as err:
        Forecaster(**TINY).fit(_wide(), series=["a", "b"], static_covariates=named)
    assert "a column 'unique_id' holding the series' column names ('a', 'b')" in str(err.value)
    assert "--static FILE" in str(err.value) and "static_covariates=a DataFrame" in str(err.value)


def test_wide_data_takes_its_static_covariates_as_the_table_the_refusal_describes(tmp_path):
    table = pd.DataFrame({"unique_id": ["a", "b"], "size": [1.0, 3.0]})
    f = Forecaster(**dict(TINY, epochs=1)).fit(_wide().drop(columns="c"), series=["a", "b"], static_covariates=table)
    assert f.static_covariates_ == ["size"]
    with pytest.raises(RnncastError, match=r"given twice: .* give them in one place: rename them in the table \(wide "
                                           r"data takes static covariates from a table only\)"):  # not: name them instead
        Forecaster(**TINY).fit(_wide(), series=["a", "b"], static_covariates=table.rename(columns={"size": "c"}))


def test_static_covariates_of_a_single_series_are_refused_with_the_forms_each_layout_takes():
    frame = _wide()[["date", "a"]].rename(columns={"a": "y"}).assign(k=1.0)
    with pytest.raises(RnncastError, match=r"^static covariates describe each of many series, and this data holds one; "
                                           r"name their columns \(static_covariates=\['k'\]\) in long-format data"):
        Forecaster(**TINY).fit(frame, static_covariates=["k"])
    with pytest.raises(RnncastError, match=r"holds one; give long-format data with an id column"):
        Forecaster(**TINY).fit(frame, static_covariates=pd.DataFrame({"unique_id": ["x"], "k": [1.0]}))
    Forecaster(**dict(TINY, epochs=1)).fit(frame.drop(columns="k"), static_covariates=[])  # [] is none


def test_a_static_attribute_of_whole_numbers_is_said_read_as_numbers_and_how_to_have_it_read_as_categories(caplog):
    """Codes given as integers (store type 1/2/3, region 101/205/310) were scaled and read as amounts, unsaid: fit
    now says so, naming the column and how to give it as categories; a 'category' or text column is read as one."""
    table = pd.DataFrame({"unique_id": ["a", "b", "c"], "region": [101, 205, 310], "size": [1.5, 2.0, 0.5]})
    with caplog.at_level("WARNING", logger="rnncast"):
        static = from_frame(table, ["a", "b", "c"], "unique_id")
        from_frame(table, ["a", "b", "c"], "unique_id", announce=False)  # predict's reload says nothing
    assert static.numeric_names == ["region", "size"]  # as ever: a number is a number
    assert [r.getMessage()[:70] for r in caplog.records] == [
        "static covariate 'region' holds whole numbers (101, 205, 310), read as"]
    assert caplog.records[0].getMessage().endswith("name it in static_categorical= (--static-categorical region)")
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        coded = from_frame(table.astype({"region": "category"}), ["a", "b", "c"], "unique_id")
    assert coded.categorical_names == ["region"] and coded.categorical.ravel().tolist() == ["101", "205", "310"]
    assert caplog.records == []


def test_static_categorical_reads_integer_codes_as_categories_at_fit_predict_and_backtest(tmp_path, caplog):
    """A CLI user could not have integer codes (region 101/205) read as categories without rewriting the file as text;
    static_categorical= (--static-categorical) names them: each distinct value a category, as written, kept by predict
    (numbers or text given), by a saved model and by the fitted model's backtest; a name that is no static covariate,
    or one given without static covariates, is refused by name."""
    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    coded = frame.assign(region=frame.unique_id.map(dict(zip(ids, [101, 205, 101]))), size=frame.unique_id.map(
        dict(zip(ids, [1.5, 2.0, 0.5]))))
    with caplog.at_level("WARNING", logger="rnncast"):
        model = Forecaster(**{**TINY, "epochs": 1}).fit(coded, static_covariates=["region", "size"],
                                                       static_categorical=["region"])
    assert model.static_encoder_.categorical_names == ["region"] and model.static_encoder_.vocab == [["101", "205"]]
    assert model.static_encoder_.numeric_names == ["size"] and "whole numbers" not in caplog.text
    expected = model.predict(coded)
    assert model.predict(coded.assign(region=coded.region.astype(str))).equals(expected)  # '101' as text: the same
    table = coded.groupby("unique_id")[["region", "size"]].first().reset_index()
    assert model.predict(coded.drop(columns=["region", "size"]), static_covariates=table).equals(expected)  # numbers
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").predict(coded).equals(expected)
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        model.backtest(coded, n_windows=1)  # the fit's roles, codes read as the fit read them
    assert "whole numbers" not in caplog.text and "backtest reads" not in caplog.text
    with pytest.raises(RnncastError, match=r"^static_categorical=, --static-categorical names 'regio', which is not a "
                                           r"static covariate; the static covariates are 'region', 'size': name those "
                                           r"of them to read as categories \(did you mean 'region'\?\)$"):
        Forecaster(**TINY).fit(coded, static_covariates=["region", "size"], static_categorical="regio")
    with pytest.raises(RnncastError, match=r"^static_categorical=, --static-categorical names static covariates to read "
                                           r"as categories \('region'\), and none were given"):
        Forecaster(**TINY).fit(coded, static_categorical=["region"])


def test_static_categorical_keeps_a_files_codes_as_written_from_the_command_line(tmp_path, capsys, caplog):
    """--static FILE with --static-categorical store: codes written '001', '002' stay those categories (pandas would
    read 1 and 2), and predict, given the same file, reads them so."""
    from rnncast.cli import main

    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    frame.to_csv(tmp_path / "data.csv", index=False)
    (tmp_path / "static.csv").write_text(f"unique_id,store\n{ids[0]},001\n{ids[1]},010\n")
    run = str(tmp_path / "run")
    flags = ["--lookback", "12", "--horizon", "3", "--epochs", "1", "--hidden-size", "8"]
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(["fit", str(tmp_path / "data.csv"), "--static", str(tmp_path / "static.csv"), *flags, "--out",
                     str(tmp_path / "unnamed")]) == 0
    assert "static covariate 'store' holds numbers written as text ('001'), taken as categories" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(["fit", str(tmp_path / "data.csv"), "--static", str(tmp_path / "static.csv"), "--static-categorical",
                     "store", *flags, "--out", run]) == 0
    assert "numbers written as text" not in caplog.text  # named: nothing to warn of
    capsys.readouterr()
    assert Forecaster.load(run).static_encoder_.vocab == [["001", "010"]]
    assert "store (categories)" in (tmp_path / "run" / "report.html").read_text()  # the page says how it was read
    assert main(["predict", run, str(tmp_path / "data.csv"), "--static", str(tmp_path / "static.csv")]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1 + 2 * 3


def test_a_static_covariate_of_one_value_for_every_series_is_said_to_tell_none_apart(caplog):
    """A region 'north' and a size 3.0 on every series were listed as used with no word, though they carry nothing
    (a constant past covariate is warned of): fit now says so, naming each; predict's reload says nothing."""
    table = pd.DataFrame({"unique_id": ["a", "b", "c"], "region": ["north"] * 3, "size": [3.0] * 3, "k": [1.0, 2.0, 1.0]})
    with caplog.at_level("WARNING", logger="rnncast"):
        from_frame(table, ["a", "b", "c"], "unique_id")
        from_frame(table, ["a", "b", "c"], "unique_id", announce=False)
    said = [r.getMessage() for r in caplog.records]
    assert said == [f"static covariate {name!r} holds one value for every series ({value!r}), so it tells no series "
                    "apart and the network learns nothing from it; leave it out, or give the values that differ"
                    for name, value in (("region", "north"), ("size", 3.0))]



def test_a_static_table_writing_an_id_in_another_unicode_form_is_refused_naming_the_form(panel_frame):
    import unicodedata
    frame = panel_frame.assign(unique_id=panel_frame.unique_id.replace({"s000": "부산"}))
    table = pd.DataFrame({"unique_id": [unicodedata.normalize("NFD", "부산"), "s001", "s002", "s003"], "kind": list("abab")})
    with pytest.raises(RnncastError, match=r"^series '.+' is in decomposed form \(NFD, as macOS writes names\) "
                                           r"in the static covariate table, in composed form \(NFC\) in the data"):
        Forecaster(**TINY).fit(frame, static_covariates=table)


def test_a_static_table_whose_id_header_is_in_another_unicode_form_is_named_so(panel_frame):
    """'unique_id' is ASCII; a Korean id column '지점' written decomposed (NFD) in the static table was refused
    "needs the id column '지점'; it has 지점, kind", the two alike."""
    import unicodedata
    frame = panel_frame.rename(columns={"unique_id": "지점"})
    table = pd.DataFrame({unicodedata.normalize("NFD", "지점"): ["s000", "s001", "s002", "s003"], "kind": list("abab")})
    with pytest.raises(RnncastError, match=r"needs the id column '지점'; it has .+, kind: the header writes '.+' in "
                                           r"decomposed Unicode \(NFD, as macOS writes names\), the data's id column in "
                                           r"composed form \(NFC\)"):
        Forecaster(**TINY).fit(frame, id_col="지점", static_covariates=table)


def test_a_categorical_name_a_static_header_writes_in_another_unicode_form_is_named_so(panel_frame):
    import unicodedata
    table = pd.DataFrame({"unique_id": ["s000", "s001", "s002", "s003"], unicodedata.normalize("NFD", "지역"): list("abab")})
    with pytest.raises(RnncastError, match=r"names '지역', which is not a static covariate; .+ to read as categories: "
                                           r"the header writes '.+' in decomposed Unicode \(NFD"):
        Forecaster(**TINY).fit(panel_frame, static_covariates=table, static_categorical=["지역"])


def test_a_static_table_at_predict_with_other_columns_names_each_one_extra_or_lacking():
    frame = make_panel(2, seed=3)
    ids = sorted(frame.unique_id.unique())
    table = pd.DataFrame({"unique_id": ids, "size": [1.5, 3.0], "region": ["n", "s"]})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=table)
    with pytest.raises(RnncastError, match=r"^the static covariate table holds 'extra', which the model was not trained "
                                           r"with: leave it out \(the model's static covariates: 'size', 'region'\)$"):
        model.predict(frame, static_covariates=table.assign(extra=[1, 2]))
    with pytest.raises(RnncastError, match=r"^the static covariate table holds 'x', 'z', which the model was not trained "
                                           r"with: leave them out; lacks 'region', which the model was trained with"):
        model.predict(frame, static_covariates=table[["unique_id", "size"]].assign(x=1, z=2))


def test_advice_round_trips_the_static_columns_named_are_written_as_the_flag_reads_them():
    """--static-covariates was written ','.join(names): 'size, m2' and 'store type' read back as three names, the
    second not even one shell word."""
    from test_spelling import read_back
    named = ["store type", "size, m2"]
    with pytest.raises(RnncastError) as err:
        Forecaster(**TINY).fit(_wide().rename(columns={"c": "store type"}).assign(**{"size, m2": 1.0}),
                               series=["a", "b"], static_covariates=named)
    assert read_back(str(err.value), "--static-covariates") == named


def test_advice_round_trips_a_static_table_keyed_by_a_data_column_names_its_columns_as_the_flag_reads_them():
    """The join advice for a table keyed by store_id wrote --static-covariates ','.join(names): 'size, m2' and
    'store type' read back as three names, the second not even one shell word."""
    from test_spelling import read_back
    from rnncast.loading import load_panel

    dates = pd.date_range("2023-01-07", periods=12, freq="W-SAT")
    frame = pd.concat([pd.DataFrame({"store_id": s, "date": dates, "sales": np.arange(12.0), "uid": f"F1_{s}"})
                       for s in ("CA_1", "CA_2")], ignore_index=True)
    stores = pd.DataFrame({"store_id": ["CA_1", "CA_2"], "store type": ["a", "b"], "size, m2": [1200, 800]})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="sales", id_col="uid", static_covariates=stores)
    assert "static_covariates=['store type', 'size, m2']" in str(err.value)
    assert read_back(str(err.value), "--static-covariates") == ["store type", "size, m2"]


def test_a_static_table_keyed_by_part_of_the_series_key_is_refused_for_its_missing_id_first_with_how_to_join_it():
    """stores.csv (store_id, store_size) with id_col='uid' was refused as "static covariate(s) 'store_id' given
    twice"; the missing id column showed only once store_id was dropped from the data."""
    from rnncast.loading import load_panel

    dates = pd.date_range("2023-01-07", periods=12, freq="W-SAT")
    frame = pd.concat([pd.DataFrame({"store_id": s, "date": dates, "sales": np.arange(12.0), "uid": f"F1_{s}"})
                       for s in ("CA_1", "CA_2")], ignore_index=True)
    stores = pd.DataFrame({"store_id": ["CA_1", "CA_2"], "store_size": [1200, 800]})
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="sales", id_col="uid", static_covariates=stores)
    assert str(err.value) == (
        "the static covariate table needs the id column 'uid'; it has store_id, store_size; it is keyed by 'store_id', "
        "a column of the data, not by the series id: join it onto the data first, e.g. with pandas: df = df.merge("
        "table, on='store_id', how='left'), and name its columns with static_covariates=['store_size'] "
        "(--static-covariates store_size)")
    joined = frame.merge(stores, on="store_id", how="left")  # the advice followed: read
    panel = load_panel(joined, target="sales", id_col="uid", static_covariates=["store_size"])
    assert panel.static.numeric_names == ["store_size"]
    with pytest.raises(RnncastError, match=r"needs the id column 'uid'; it has store_id, store_size$"):
        load_panel(frame.drop(columns="store_id"), target="sales", id_col="uid", static_covariates=stores)


def test_a_dict_that_is_no_table_names_a_key_of_two_columns_by_its_columns():
    from rnncast.loading import load_panel
    from rnncast.static import table_of
    frame = pd.DataFrame({"sku": "A", "store": np.repeat(["S1", "S2"], 20), "y": np.arange(40.0),
                          "ds": np.tile(pd.date_range("2024-01-01", periods=20, freq="D"), 2)})
    with pytest.raises(RnncastError, match=r"with 'sku', 'store' and one column per attribute"):
        load_panel(frame, "y", id_col=["sku", "store"], static_covariates={"size": 1})
    with pytest.raises(RnncastError, match=r"with 'store' and one column per attribute"):
        table_of({"size": 1}, "store")


def test_a_static_word_in_another_case_than_a_code_is_told_that_codes_match_in_their_case():
    """Decision 1758: with missing_values='-999,M' a static 'elev' of 10, 'm', 800 was refused as "holds numbers but
    for 'm' ... which would make it categories" without decision 1687's case note the future and target refusals
    give; both ways of giving it (columns of the long table, a table of its own) say it now."""
    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    table = pd.DataFrame({"unique_id": ids, "elev": ["10", "m", "800"]})
    settings = {**TINY, "epochs": 1, "missing_values": "-999,M"}
    note = (f"holds numbers but for 'm' (series '{ids[1]}'), which would make it categories, each value one; 'm' is "
            "not 'M', a text code of missing_values= (-999,M): a code matches a whole cell, spaces around it aside, in "
            "its case; give its value as a number")
    for given in (dict(static_covariates=table), dict(static_covariates=["elev"], data=frame.merge(table))):
        with pytest.raises(RnncastError) as refused:
            Forecaster(**settings).fit(given.pop("data", frame), **given)
        assert note in str(refused.value)
    with pytest.raises(RnncastError) as refused:  # no code given in another case: no note
        Forecaster(**{**settings, "missing_values": "-999"}).fit(frame, static_covariates=table)
    assert "each value one; give its value as a number" in str(refused.value)
