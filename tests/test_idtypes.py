"""idtypes: new data's ids read as the fitted model's kind ('1.00' is store 1.0 of a model of float stores; '007' is
not 7 of a model of text codes), and the refusal that says where the kinds differ."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.idtypes import as_fitted, as_held, kinds_note

SMALL = dict(lookback=6, horizon=2, epochs=1, hidden_size=4, seed=0)


def _stores(stores, key: bool = False) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=24)
    frame = pd.DataFrame({"date": np.tile(days, len(stores)), "store": np.repeat(stores, len(days)),
                          "y": np.sin(np.arange(len(days) * len(stores)) / 3.0)})
    return frame.assign(item="A") if key else frame


def test_text_writing_a_fitted_number_is_that_number_and_ids_matching_as_given_stay_as_given():
    dtypes = {"store": ("float64", {"1", "2"})}
    read = as_fitted(pd.DataFrame({"store": ["1.00", "2", " 2.0"]}), dtypes)
    assert read["store"].dtype == "float64" and read["store"].tolist() == [1.0, 2.0, 2.0]
    same = pd.DataFrame({"store": ["1", "2"]})  # text '1' names store 1.0 as it is: given back as given
    assert as_fitted(same, dtypes) is same
    ints = as_fitted(pd.DataFrame({"store": [1, 2]}), dtypes)  # numbers of another kind: the model's own (1.0)
    assert ints["store"].dtype == "float64" and ints["store"].tolist() == [1.0, 2.0]
    floats = pd.DataFrame({"store": [1.5, 2.0]})  # 1.5 names no store: kept as given, to be refused by name
    assert as_fitted(floats, dtypes) is floats
    mixed = as_fitted(pd.DataFrame({"store": ["1.00", "X"]}), dtypes)  # X stays, to be refused by name
    assert mixed["store"].tolist() == [1.0, "X"]
    assert as_fitted(pd.DataFrame({"store": ["007"]}), {})["store"].tolist() == ["007"]  # text ids: as written
    assert as_fitted(pd.DataFrame({"store": [True]}), dtypes)["store"].tolist() == [True]  # a bool is no number


def test_the_refusal_says_the_kinds_differ_and_how_the_model_writes_its_ids():
    text = SimpleNamespace(layout="long", id_col="store", ids=["007", "008"], given_ids=None)
    assert "the model's ids are text, written '007', '008', and these are numbers" in kinds_note(text, [7, 8])
    assert kinds_note(text, ["009"]) == ""  # the same kind: the ids differ, nothing more to say
    floats = SimpleNamespace(layout="long", id_col="store", ids=["1", "2"], given_ids={"1": 1.0, "2": 2.0})
    assert "the model's ids are numbers (float64: 1.0, 2.0), and these are text that writes no number" in \
        kinds_note(floats, ["A"])
    assert kinds_note(floats, [3.0]) == "" and kinds_note(floats, [True]) == ""
    assert kinds_note(SimpleNamespace(layout="long", id_col="item,store", ids=["item=A, store=1"], given_ids=None),
                      [7]) == ""  # a key's series are named by text: its columns told with the data's key alone


def test_a_model_of_float_ids_forecasts_a_files_ids_written_otherwise_and_refuses_codes_by_kind(tmp_path):
    """Before: a model fitted on float stores 1.0, 2.0 (read from a file) said of a file writing '1.00' "series
    ['1.00', '2.00'] ... were not in the data the model was fitted on", of '1' and '2.0' "series ['2.0'] ..."."""
    from rnncast.forecaster import Forecaster

    _stores([1.0, 2.0]).to_csv(tmp_path / "f.csv", index=False)
    model = Forecaster(**SMALL).fit(str(tmp_path / "f.csv"), target="y", time_col="date", id_col="store")
    for written in (["1.00", "2.00"], ["1", "2.0"]):
        _stores([1.0, 2.0]).assign(store=np.repeat(written, 24)).to_csv(tmp_path / "p.csv", index=False)
        assert sorted(model.predict(str(tmp_path / "p.csv"))["store"].unique()) == [1.0, 2.0]
    model.save(tmp_path / "m")
    assert sorted(Forecaster.load(tmp_path / "m").predict(str(tmp_path / "p.csv"))["store"].unique()) == [1.0, 2.0]
    _stores(["007", "008"]).to_csv(tmp_path / "c.csv", index=False)
    codes = Forecaster(**SMALL).fit(str(tmp_path / "c.csv"), target="y", time_col="date", id_col="store")
    with pytest.raises(RnncastError, match=r"series \[7, 8\] .*the model's ids are text, written '007', '008', and "
                                           r"these are numbers: text ids match only as written"):
        codes.predict(_stores([7, 8]))


def test_a_keys_float_column_matches_its_values_written_otherwise(tmp_path):
    from rnncast.forecaster import Forecaster

    _stores([1.0, 2.0], key=True).to_csv(tmp_path / "k.csv", index=False)
    model = Forecaster(**SMALL).fit(str(tmp_path / "k.csv"), target="y", time_col="date", id_col=["item", "store"])
    _stores(["1.00", "2.00"], key=True).to_csv(tmp_path / "p.csv", index=False)
    forecast = model.predict(str(tmp_path / "p.csv"))
    assert forecast["store"].dtype == "float64" and sorted(forecast["store"].unique()) == [1.0, 2.0]


def test_a_keys_column_of_another_kind_is_named_in_the_refusal(tmp_path):
    from rnncast.forecaster import Forecaster

    _stores(["007", "008"], key=True).to_csv(tmp_path / "k.csv", index=False)
    codes = Forecaster(**SMALL).fit(str(tmp_path / "k.csv"), target="y", time_col="date", id_col=["item", "store"])
    _stores(["7", "8"], key=True).to_csv(tmp_path / "p.csv", index=False)
    with pytest.raises(RnncastError, match="the key column 'store' held text, written '007', '008', and holds numbers "
                                           "here: text ids match only as written"):
        codes.predict(str(tmp_path / "p.csv"))
    _stores([1.0, 2.0], key=True).to_csv(tmp_path / "f.csv", index=False)
    floats = Forecaster(**SMALL).fit(str(tmp_path / "f.csv"), target="y", time_col="date", id_col=["item", "store"])
    floats.save(tmp_path / "m")
    with pytest.raises(RnncastError, match=r"the key column 'store' held numbers \(float64: 1.0, 2.0\), and holds "
                                           "text here that writes no number"):
        Forecaster.load(tmp_path / "m").predict(_stores(["X", "Y"], key=True))


def test_series_written_otherwise_picks_the_model_of_float_ids_series_by_value(tmp_path):
    """Before: predict_windows(series='1.00') of a model of float stores 1.0, 2.0 found no such series; the pick is
    now read as the data's ids are (idtypes.one_id)."""
    from rnncast.forecaster import Forecaster

    _stores([1.0, 2.0]).to_csv(tmp_path / "f.csv", index=False)
    model = Forecaster(**SMALL).fit(str(tmp_path / "f.csv"), target="y", time_col="date", id_col="store")
    for written in ("1.00", " 1", 1.0, 1):
        picked = model.predict_windows(str(tmp_path / "f.csv"), series=written)
        assert picked is not None
    with pytest.raises(RnncastError):
        model.predict_windows(str(tmp_path / "f.csv"), series="1.5")


def test_a_future_file_writing_a_float_id_otherwise_is_read_by_value(tmp_path):
    """Before: a future file writing '1.00', '2.00' for a model of float stores 1.0, 2.0 was matched by text, so no
    row fed any series (future.py's _series_of now reads by value: idtypes.texts_by_value)."""
    from rnncast.forecaster import Forecaster

    frame = _stores([1.0, 2.0]).assign(promo=np.tile(np.arange(24) % 2, 2))
    frame.to_csv(tmp_path / "f.csv", index=False)
    model = Forecaster(**SMALL).fit(str(tmp_path / "f.csv"), target="y", time_col="date", id_col="store",
                                    future_covariates=["promo"])
    days = pd.date_range("2024-01-25", periods=2)
    future = pd.DataFrame({"store": ["1.00", "1.00", "2.00", "2.00"], "date": np.tile(days, 2), "promo": [1, 0, 0, 1]})
    future.to_csv(tmp_path / "fut.csv", index=False)
    got = model.predict(str(tmp_path / "f.csv"), future=str(tmp_path / "fut.csv"))
    same = model.predict(str(tmp_path / "f.csv"), future=future.assign(store=np.repeat([1.0, 2.0], 2)))
    pd.testing.assert_frame_equal(got, same)
    from rnncast.idtypes import texts_by_value
    assert texts_by_value(pd.Series(["007"]), ["7"], ["7"]).tolist() == ["007"]  # a model of text ids: as written


def test_an_int32_id_column_comes_back_int32_alone_and_in_a_key():
    """t28t1 saw int64: its frame's int32 stores became int64 in its own pd.concat with an int64 row (pandas' upcast),
    before rnncast read them; ids given as int32 come back int32, as README says."""
    from rnncast.forecaster import Forecaster

    frame = _stores(np.array([1, 2], dtype="int32"), key=True)
    assert frame["store"].dtype == "int32"
    for id_col in ("store", ["item", "store"]):
        model = Forecaster(**SMALL).fit(frame, target="y", time_col="date", id_col=id_col)
        assert model.predict(frame)["store"].dtype == "int32"


def test_an_int_id_model_gives_back_its_own_ids_of_data_writing_them_as_floats(tmp_path, caplog):
    """Before: a model of int stores 100, 101 forecast a file writing 100.0, 101.0 (matched by value) with store
    100.0 in predict's rows and evaluate's by-series rows, which join back to none of the model's; now 100, as int64."""
    from rnncast.forecaster import Forecaster

    model = Forecaster(**SMALL).fit(_stores([100, 101]), target="y", time_col="date", id_col="store")
    floats = _stores([100.0, 101.0])
    forecast = model.predict(floats)
    assert forecast["store"].dtype == "int64" and sorted(forecast["store"].unique()) == [100, 101]
    assert sorted(model.evaluate(floats, part="all", by_series=True)["series"]) == [100, 101]
    floats.to_csv(tmp_path / "p.csv", index=False)
    model.save(tmp_path / "m")
    assert Forecaster.load(tmp_path / "m").predict(str(tmp_path / "p.csv"))["store"].tolist()[:2] == [100, 100]
    ints = Forecaster(**SMALL).fit(_stores([1.0, 2.0]), target="y", time_col="date", id_col="store")
    assert ints.predict(_stores([1, 2]))["store"].tolist()[:2] == [1.0, 1.0]  # a float model's: 1.0 (float64)
    with pytest.raises(RnncastError, match=r"series \[999\] \(1 in all\) were not in the data"):
        model.evaluate(_stores([100.0, 999.0]))  # named as the model holds its ids: not 999.0
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        assert model.predict(_stores([100.0, 999.0]))["store"].unique().tolist() == [100]  # the other left out (decision 2123)
    assert "series 999 was not in the data" in caplog.text


def test_ids_are_listed_as_the_model_holds_them():
    assert as_held(["102", "103"], [100, 101]) == [102, 103] and as_held(["102.0"], [1.0]) == [102.0]
    assert as_held([999.0, "A"], [100]) == [999, "A"]  # text that writes no number: as given
    assert as_held(["007"], ["007", "008"]) == ["007"] and as_held([True], [1]) == [True]  # text ids: as written


def test_an_object_column_mixing_numbers_and_text_gives_back_the_models_ids():
    """Before: an int-id model given [100, '101', 102.0] in one object column forecast ids [100, 102.0, '101'], a mix
    joining back to none of the model's; each writes a known number, so each is the model's id (1312), as int64.
    All-text ids named as written stay text; a mixed column with an unknown id stays as given, refused by name."""
    from rnncast.forecaster import Forecaster

    model = Forecaster(**SMALL).fit(_stores([100, 101, 102]), target="y", time_col="date", id_col="store")
    mixed = _stores([100, 101, 102])
    mixed["store"] = mixed["store"].map({100: 100, 101: "101", 102: 102.0}).astype(object)
    forecast = model.predict(mixed)
    assert forecast["store"].dtype == "int64" and forecast["store"].unique().tolist() == [100, 101, 102]
    assert list(model.evaluate(mixed, part="all", by_series=True)["series"]) == [100, 101, 102]
    dtypes = {"store": ("int64", {"100", "101", "102"})}
    assert as_fitted(pd.DataFrame({"store": pd.Series([100, 102.0], dtype=object)}), dtypes)["store"].tolist() \
        == [100, 102]  # numbers alone in an object column: the model's too
    text = pd.DataFrame({"store": ["100", "101"]})
    assert as_fitted(text, dtypes) is text  # text given, text back
    unknown = pd.DataFrame({"store": pd.Series([100, "999"], dtype=object)})
    assert as_fitted(unknown, dtypes) is unknown
