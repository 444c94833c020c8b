"""The caller's series ids (``seriesids.py``): the text the model keeps, given back as given, ids written alike
refused, whole-number text in number order. The end-to-end cases (a float id column, a file's stores 0-11) are in
tests/test_labels.py, beside the columns' labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError, seriesids


def test_an_id_is_kept_as_its_text_a_whole_float_as_its_integer():
    assert seriesids.id_text(101.0) == "101" and seriesids.id_text(2.5) == "2.5" and seriesids.id_text("101.0") == "101.0"
    assert seriesids.id_text(np.int64(7)) == "7" and seriesids.plain(np.int64(7)) == 7
    assert seriesids.id_texts(pd.Series([1.0, 2.5])).tolist() == ["1", "2.5"]


def test_whole_number_text_ids_sort_by_number_and_other_text_as_text():
    assert seriesids.number_order(pd.Index(["01", "1", "10", "2"], dtype=object)).tolist() == [0, 1, 3, 2]  # ties: text
    assert seriesids.number_order(pd.Index(["S1", "S10", "S2"], dtype=object)) is None  # other text sorts as text
    assert seriesids.number_order(pd.Index(["1", "2", "3"], dtype=object)) is None  # already in order


def test_ids_written_alike_are_refused_and_ids_given_as_numbers_are_given_back():
    with pytest.raises(RnncastError, match=r"^id column 'store' holds ids 1 and '1': different values written alike"):
        seriesids.check_ids([1, "1"], "store")
    frame = pd.DataFrame({"unique_id": [101, 101, 102], "y": [1.0, 2.0, 3.0]})
    assert seriesids.given_ids("long", None, frame) == {"101": 101, "102": 102}
    assert seriesids.given_ids("long", None, frame.astype({"unique_id": str})) is None  # text: as it is
    assert seriesids.given_index("long", None, frame, ["102", "101"]).tolist() == [102, 101]
    assert seriesids.skipped_as_given([{"id": "101", "rows": 3, "needed": 9}], {"101": 101}) == [
        {"id": 101, "rows": 3, "needed": 9}]


NFC, NFD = "Café Süd", __import__("unicodedata").normalize("NFD", "Café Süd")


def test_ids_one_name_in_two_unicode_forms_are_refused_naming_the_forms():
    with pytest.raises(RnncastError, match=r"^id column 'store' holds series 'Café Süd' in two Unicode forms, composed "
                                           r"form \(NFC\) and decomposed form \(NFD, as macOS writes names\)"):
        seriesids.one_form(["A", NFC, NFD], "id column 'store'")
    seriesids.one_form(["A", NFC, "café süd"], "id column 'store'")  # other names: as they are
    with pytest.raises(RnncastError, match=r"^series .+ is in decomposed form .+ in the static covariate table, in "
                                           r"composed form \(NFC\) in the data: they look the same"):
        seriesids.other_form(["A", NFD], ["A", NFC], "the static covariate table", "the data")
    seriesids.other_form(["B"], ["A", NFC], "the static covariate table", "the data")  # no such name: left to the caller


def test_a_model_folder_keeps_integer_or_float_ids_as_their_dtype_and_gives_them_back():
    """skipped_series_ said 404 when fitted and '404' when loaded (decision 774): model.json keeps the ids' dtype."""
    assert seriesids.saved_dtype({"101": 101, "404": 404}) == "int64"
    assert seriesids.saved_dtype({"2.5": 2.5, "1": 1.0}) == "float64"
    for ids in (None, {}, {"1": 1, "a": "a"}, {"1": 1, "2.5": 2.5}, {"True": True}, {"a": "a"}):
        assert seriesids.saved_dtype(ids) is None  # text, mixed or booleans: named by their text after load
    back = seriesids.given_back(["101", "404", None], "int64")
    assert back == {"101": 101, "404": 404} and all(type(v) is int for v in back.values())
    assert seriesids.given_back(["2.5", "1"], "float64") == {"2.5": 2.5, "1": 1.0}
    assert seriesids.given_back(["101"], None) is None
    with pytest.raises(ValueError, match="ids of dtype 'category'; known: int64, float64"):
        seriesids.given_back(["101"], "category")



def test_unknown_names_the_ids_a_model_never_saw_as_given_in_order_of_first_row():
    from rnncast.seriesids import unknown

    assert unknown(pd.Series([7203.0, 101.0, np.nan, 7203.0, 6758.0]), ["101"]) == [7203, 6758]  # made float by a NaN
    assert unknown(pd.Series(["A", "B", "A"]), ["A", "B"]) == []
    assert unknown(pd.Series(["A", "", None, np.nan]), ["A"]) == []  # blanks: no series, refused by line elsewhere
    with pytest.raises(RnncastError, match="in two Unicode forms|in another|look the same"):
        unknown(pd.Series(["Cafe\u0301"]), ["Caf\u00e9"])  # decomposed: that series in another form, not a new one


def test_an_id_column_of_series_too_short_for_a_calendar_is_refused_naming_why():
    """Decision 852: a float column named as the ids (every value 1 or 2 rows) crashed the calendar's search with an
    IndexError; it is refused in one line, as are ids unique per row, before any calendar is read."""
    from rnncast.loading import load_panel
    days = pd.date_range("2023-01-01", periods=40, freq="D")
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"date": days, "sales": rng.normal(100, 5, 40), "temp": 15 + np.arange(40) * 0.37})
    with pytest.raises(RnncastError, match=r"id column 'temp' cannot name the series: each of its 40 ids names 1 row of "
                                           r"the 40 \(its values look continuous.*a series needs 3 rows or more"):
        load_panel(frame, target="sales", id_col="temp")
    frame["temp"] = frame["temp"].astype(str)  # as a file's text
    with pytest.raises(RnncastError, match="look continuous"):
        load_panel(frame, target="sales", id_col="temp")
    frame["n"] = np.arange(40) // 2  # two rows each, whole numbers
    with pytest.raises(RnncastError, match=r"names 1 or 2 rows of the 40 \(ids such as 0, 1, 2 name no longer series"):
        load_panel(frame, target="sales", id_col="n")
    frame["row"] = [f"r{i}" for i in range(40)]
    with pytest.raises(RnncastError, match=r"every row has an id of its own"):
        load_panel(frame, target="sales", id_col="row")
    frame["store"] = np.arange(40) // 3  # series of 3 rows: read (too short to train is fit's to say)
    assert len(load_panel(frame, target="sales", id_col="store", announce=False).ids) == 14


def test_a_text_column_of_few_values_each_once_a_time_is_shaped_as_ids_whatever_its_name():
    """stocks.csv (symbol, date, price; 5 tickers) was told "its other column (symbol) holds text" and not of id_col:
    a column whose few values each repeat over many rows, at most once a time, is shaped as ids; a label on every
    row, a column of one value, or one without a repeated time is not."""
    days = np.tile(pd.date_range("2020-01-01", periods=30).to_numpy(), 3)
    frame = pd.DataFrame({"when": days, "tag": np.repeat(["q", "r", "s"], 30), "note": ["x"] * 90,
                          "row": [f"r{i}" for i in range(90)], "half": np.tile(np.repeat(["a", "b"], 15), 3)})
    assert seriesids.id_like(frame, ["note", "row", "half", "tag"], "when") == "tag"  # 'half' repeats within a time
    assert seriesids.id_like(frame.iloc[:30], ["half"], "when") is None  # no time repeats: one series
    assert seriesids.id_like(frame, ["tag"], None) is None
    assert seriesids.id_clause(frame, ["tag"], "when", True, repr).endswith(
        "'tag' looks like series ids (3 values, each at most once a time): if the rows hold several series, name it "
        "with id_col='tag' (--id-col)")
    assert seriesids.id_clause(frame, ["tag"], "when", False, str).endswith("name it with --id-col tag (id_col= in "
                                                                             "Python)")


def test_ids_set_apart_all_but_a_tenth_of_the_repeated_times_for_both_of_their_readers():
    """One rule (``sets_apart``, ``APART``) for a column shaped as ids (``id_like``) and a forgotten id_col proposed
    in a refusal of a repeated time (``repeatedrows.could_be_ids``): 20 times given twice, by stores 'a' and 'b';
    2 of them given twice in one store too (a tenth) still pass, 3 do not."""
    from rnncast.layouts import Rows
    from rnncast.repeatedrows import could_be_ids

    times = np.append(np.tile(np.arange(20), 2), 20)  # b alone at time 20: no kind's times within another's
    for twice, held in ((2, True), (3, False)):
        store = np.repeat(np.array(["a", "b", "b"], dtype=object), [20, 20, 1])
        store[20:20 + twice] = "a"  # store a holds these times twice
        assert seriesids.sets_apart(times, store) is held
        frame = pd.DataFrame({"when": times, "store": store})
        assert (seriesids.id_like(frame, ["store"], "when") == "store") is held
        rows = Rows(codes=np.zeros(41, dtype=int), ids=["0"], time=pd.Index(times), values=np.zeros((41, 1)),
                    positions=np.arange(41), columns=["y"], n_targets=1, n_past=0, time_col="when", how=None,
                    id_col=None)
        assert could_be_ids(frame["store"], rows) is held


def test_a_keys_numeric_columns_are_kept_as_dtypes_and_give_its_values_back_typed():
    """model.json's key_dtypes (the ONNX metadata's series after load): a key's integer column comes back as 2, not
    '2'; text stays text; a hand-edited dtype is refused."""
    import pandas as pd
    import pytest
    from rnncast.serieskeys import Key
    from rnncast.seriesids import checked_key_dtypes, key_dtypes, typed_key
    key = Key(["item_id", "store_id"], pd.DataFrame({"item_id": ["A", "B"], "store_id": [2, 10]}))
    assert key_dtypes(key) == {"store_id": "int64"} and key_dtypes(None) is None
    assert typed_key(("A", "2"), ["item_id", "store_id"], {"store_id": "int64"}) == ("A", 2)
    assert typed_key(("A", "2"), ["item_id", "store_id"], None) == ("A", "2")
    assert checked_key_dtypes({"store_id": "float64"}) == {"store_id": "float64"}
    with pytest.raises(ValueError, match="key_dtypes"):
        checked_key_dtypes({"store_id": "object"})


def test_a_files_whole_number_ids_are_read_as_integers_and_codes_stay_text():
    """Decision 1135: a file's id columns, read as text, come back as pandas reads whole numbers (store 2 is 2), where
    every value writes one as pandas writes it; a code ('007'), a sign, other text or a blank keeps the column text."""
    from rnncast.seriesids import as_read

    frame = pd.DataFrame({"store": ["1", "2", "10", "-3"], "code": ["007", "1", "2", "3"], "plus": ["+1", "2", "3", "4"],
                          "item": ["A", "B", "A", "B"], "blank": ["1", None, "2", "3"], "y": ["1", "2", "3", "4"]})
    frame.attrs["where"] = "kept"
    read = as_read(frame, ["store", "code", "plus", "item", "blank", "absent", "store"])
    assert read["store"].tolist() == [1, 2, 10, -3] and read["store"].dtype == "int64"
    assert all(read[c].tolist() == frame[c].tolist() for c in ("code", "plus", "item", "blank", "y"))  # y: no id column
    assert read.attrs == {"where": "kept"} and frame["store"].tolist() == ["1", "2", "10", "-3"]  # the given one as it was
    assert as_read(frame, ["item"]) is frame


def test_a_files_ids_become_numbers_only_where_each_text_is_one_number():
    """'0' and '-0' were both read as 0, and their series as one (negzero.csv refused as a duplicated timestamp): a
    column becomes int64 only where no two texts write one number; '1.0' (df.to_csv's float ids) becomes float64."""
    from rnncast.seriesids import as_read, read_number

    frame = pd.DataFrame({"neg": ["0", "-0", "3"], "float": ["1.0", "10.0", "2.5"], "pad": ["1.0", "1.00", "2.0"],
                          "mixed": ["1", "2.5", "3"], "lead": ["01", "1", "2"], "inf": ["inf", "1.0", "2.0"]})
    read = as_read(frame, list(frame.columns))
    assert read["neg"].tolist() == ["0", "-0", "3"]
    assert read["float"].dtype == "float64" and read["float"].tolist() == [1.0, 10.0, 2.5]
    assert all(read[c].tolist() == frame[c].tolist() for c in ("pad", "mixed", "lead", "inf"))
    assert as_read(pd.DataFrame({"s": ["-1", "0", "7"]}), ["s"])["s"].tolist() == [-1, 0, 7]
    assert [read_number(t) for t in ("2", "-0", "+1", "007", "1.0", "1.00", "A")] == [2, None, None, None, 1.0, None, None]


def test_a_typed_files_text_ids_stay_text(tmp_path):
    """A Parquet file's store stored as text ('1', '2') came back int64: the rule is for text files, whose types are
    not written; a Parquet file's are."""
    from rnncast.data import read_table
    from rnncast.seriesids import as_read

    frame = pd.DataFrame({"store": ["1", "2"], "n": [1, 2]})
    frame.to_parquet(tmp_path / "s.parquet")
    frame.to_csv(tmp_path / "s.csv", index=False)
    assert as_read(read_table(tmp_path / "s.parquet", ["store"]), ["store"])["store"].tolist() == ["1", "2"]
    assert as_read(read_table(tmp_path / "s.csv", ["store"]), ["store"])["store"].tolist() == [1, 2]


def _floats(stores) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=24)
    return pd.DataFrame({"date": np.tile(days, len(stores)), "store": np.repeat(stores, len(days)),
                         "y": np.sin(np.arange(len(days) * len(stores)) / 3.0)})


def test_float_ids_round_trip_between_a_frame_and_the_csv_it_writes(tmp_path):
    """Fit on a frame of float stores (1.0, 2.0, 10.0), predict the CSV df.to_csv wrote: "series ['1.0', '10.0',
    '2.0'] ... were not in the data ...; it knows 3 series, e.g. [1.0, 2.0, 10.0]". Both ways, and '0' beside '-0'
    (negzero.csv) fitted as two series."""
    from rnncast.forecaster import Forecaster

    small = dict(lookback=6, horizon=2, epochs=1, hidden_size=4, seed=0)
    frame = _floats([1.0, 2.0, 10.0])
    frame.to_csv(tmp_path / "f.csv", index=False)
    model = Forecaster(**small).fit(frame, target="y", time_col="date", id_col="store")
    forecast = model.predict(str(tmp_path / "f.csv"))
    assert forecast["store"].dtype == "float64" and sorted(forecast["store"].unique()) == [1.0, 2.0, 10.0]
    model = Forecaster(**small).fit(str(tmp_path / "f.csv"), target="y", time_col="date", id_col="store")
    assert sorted(model.predict(frame)["store"].unique()) == [1.0, 2.0, 10.0]
    signed = _floats([0, 0, 3]).assign(store=np.repeat(["0", "-0", "3"], 24))
    signed.to_csv(tmp_path / "z.csv", index=False)
    model = Forecaster(**small).fit(str(tmp_path / "z.csv"), target="y", time_col="date", id_col="store")
    assert sorted(map(str, model.predict(str(tmp_path / "z.csv"))["store"].unique())) == ["-0", "0", "3"]
