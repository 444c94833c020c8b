"""staticids: a static covariate table's rows matched to the data's series by the data's own rule (ids that are
numbers by value: '1.00', 1 and 1.0 are store 1.0; text as written), two rows of one series and series without a
row refused by name, rows of no series said."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnncast import RnncastError
from rnncast.loading import load_panel

SMALL = dict(lookback=6, horizon=2, epochs=1, hidden_size=4, seed=0)


def _stores(stores) -> pd.DataFrame:
    days = pd.date_range("2024-01-01", periods=24)
    return pd.DataFrame({"date": np.tile(days, len(stores)), "store": np.repeat(stores, len(days)),
                         "y": np.sin(np.arange(len(days) * len(stores)) / 3.0)})


def _sizes(frame, ids, tmp_path=None):
    table = pd.DataFrame({"store": ids, "size": [5.0, 15.0][: len(ids)] + [25.0] * (len(ids) - 2)})
    if tmp_path is None:
        return table
    table.to_csv(tmp_path / "s.csv", index=False)  # a file's ids are read as text, as written
    return Path(tmp_path / "s.csv")


@pytest.mark.parametrize("ids", [["1.00", "2.00"], ["1.0", "2.0"], ["1", "2"], [1, 2], [1.0, 2.0], ["01", " 2"]])
@pytest.mark.parametrize("as_file", [False, True])
def test_a_static_tables_ids_writing_the_data_float_ids_otherwise_are_those_series(ids, as_file, tmp_path):
    """Before: '1.00', '1.0' and '01' for stores 1.0, 2.0 were "no row for series [1.0, 2.0]" (matched as text)."""
    frame = _stores([1.0, 2.0])
    table = _sizes(frame, ids, tmp_path if as_file else None)
    panel = load_panel(frame, "y", None, "date", id_col="store", static_covariates=table)
    assert panel.static.numeric.ravel().tolist() == [5.0, 15.0]


def test_text_ids_match_as_written_and_the_rows_matching_nothing_are_named():
    frame = _stores(["007", "008"])
    with pytest.raises(RnncastError, match=r"no row for series \['007', '008'\] \(2 in all\); its ids 7, 8 match no "
                                           r"series of the data .*'007' is not 7"):
        load_panel(frame, "y", None, "date", id_col="store", static_covariates=_sizes(frame, [7, 8]))


def test_two_rows_of_one_series_by_value_are_refused_naming_both_as_written():
    frame = _stores([1.0, 2.0])
    table = pd.DataFrame({"store": ["1", "1.00", "2"], "size": [1.0, 2.0, 3.0]})
    with pytest.raises(RnncastError, match=r"lists series 1\.0 as '1' and '1\.00' \(rows 0, 1, each the same number"):
        load_panel(frame, "y", None, "date", id_col="store", static_covariates=table)
    with pytest.raises(RnncastError, match=r"lists series 'A' twice \(rows 0, 2\); give one row per series"):
        load_panel(_stores(["A", "B"]), "y", None, "date", id_col="store",
                   static_covariates=pd.DataFrame({"store": ["A", "B", "A"], "size": [1.0, 2.0, 3.0]}))


def test_rows_of_no_series_are_said_once_by_value_at_fit_and_predict(tmp_path, caplog):
    """A row '2.00' of store 2.0 is that series, not "not in the data"; a row '3.00' is said as the model holds ids
    (3.0, as every message names them: idtypes.as_held)."""
    from rnncast.forecaster import Forecaster

    frame = _stores([1.0, 2.0])
    table = pd.DataFrame({"store": ["1.00", "2.00", "3.00"], "size": [5.0, 15.0, 25.0]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**SMALL).fit(frame, target="y", time_col="date", id_col="store", static_covariates=table)
        fit_said = [r.getMessage() for r in caplog.records if "static covariate table holds" in r.getMessage()]
        caplog.clear()
        got = model.predict(frame, static_covariates=table)
        predict_said = [r.getMessage() for r in caplog.records if "static covariate table holds" in r.getMessage()]
    assert fit_said == predict_said == ["the static covariate table holds a row of series [3.0], which is not in the "
                                        "data; it is not used"]
    same = model.predict(frame, static_covariates=table.assign(store=[1.0, 2.0, 3.0]))
    pd.testing.assert_frame_equal(got, same)


def test_zero_padded_text_ids_beside_a_table_of_numbers_are_refused_with_the_zfill_that_matches_them():
    """A planner's till export wrote stores '001', '002' and the store master 1, 2: refused "no row for series
    ['001', ...]" with no way out named (text ids match only as written); the refusal now gives the zfill line."""
    frame = _stores(["001", "002"])
    table = pd.DataFrame({"store": [1, 2], "size": [5.0, 15.0]})
    with pytest.raises(RnncastError, match=r"no row for series \['001', '002'\] .*; the data writes its ids zero-padded "
                                           r"\('001'\): write the table's so, e.g. with pandas: static\['store'\] = "
                                           r"static\['store'\]\.astype\(str\)\.str\.zfill\(3\)$"):
        load_panel(frame, "y", None, "date", id_col="store", static_covariates=table)
    fixed = table.assign(store=table["store"].astype(str).str.zfill(3))
    assert load_panel(frame, "y", None, "date", id_col="store", static_covariates=fixed).static is not None
    with pytest.raises(RnncastError) as other:  # ids of other numbers: no zfill offered
        load_panel(frame, "y", None, "date", id_col="store", static_covariates=table.assign(store=[7, 8]))
    assert "zfill" not in str(other.value)
    with pytest.raises(RnncastError, match=r"zero-padded \('001'\): .*zfill\(3\)$"):  # a file's ids, text as written
        load_panel(frame, "y", None, "date", id_col="store", static_covariates=table.assign(store=["1", "2"]))
    for ids in ([1.0, 2.0], ["0001", "0002"], ["1.0", "2.0"]):  # no hint before (t30t5): the line fixes each
        with pytest.raises(RnncastError, match=r"zero-padded \('001'\): write the table's so, e.g. with pandas: "
                                               r"static\['store'\] = pd\.to_numeric\(static\['store'\]\)\.astype\(int\)"
                                               r"\.astype\(str\)\.str\.zfill\(3\)$"):
            load_panel(frame, "y", None, "date", id_col="store", static_covariates=table.assign(store=ids))
        fixed = table.assign(store=pd.to_numeric(pd.Series(ids)).astype(int).astype(str).str.zfill(3))
        assert load_panel(frame, "y", None, "date", id_col="store", static_covariates=fixed).static is not None


def test_series_without_a_row_name_the_file_and_how_to_mend_it_at_any_count(tmp_path):
    """A retail tester's table lacked 200 of 2,000 SKUs: the refusal named neither the file nor what it would take;
    finding them rebuilt the table's ids once per series (8,000 series: 129 s)."""
    ids = [f"SKU-{i:04d}" for i in range(3000)]
    frame = pd.DataFrame({"date": np.tile(pd.date_range("2024-01-01", periods=3), len(ids)),
                          "sku": np.repeat(ids, 3), "y": 1.0})
    pd.DataFrame({"sku": ids[200:], "size": 1.0}).to_csv(tmp_path / "attrs.csv", index=False)
    with pytest.raises(RnncastError) as err:
        load_panel(frame, target="y", id_col="sku", static_covariates=tmp_path / "attrs.csv")
    assert str(err.value) == (
        "the static covariate table attrs.csv has no row for series ['SKU-0000', 'SKU-0001', 'SKU-0002', 'SKU-0003', "
        "'SKU-0004'] (200 in all); each series needs a row: add one for each (its 'sku' and attributes), or leave "
        "those series out of the data, e.g. with pandas: data = data[data['sku'].isin(static['sku'])] (a wide table: "
        "data.drop(columns=[...]))")


def _stations(tmp_path) -> Path:
    rng = np.random.default_rng(35)
    frame = pd.DataFrame({"date": pd.date_range("2019-01-01", periods=60).strftime("%Y-%m-%d"),
                          "A_Rhein": rng.gamma(5, 20, 60).round(2), "C_Bach": rng.gamma(2, 1, 60).round(3)})
    frame.to_csv(tmp_path / "wide.csv", index=False)
    return tmp_path / "wide.csv"


def test_a_wide_tables_static_file_is_keyed_by_its_one_column_naming_the_series(tmp_path, caplog):
    """Decision 1798 (t35t2 M4): a wide table has no id column, so its static file keyed by 'station' was refused as
    lacking 'unique_id', a name the user could not know, and --id-col is refused beside --series."""
    static = pd.DataFrame({"station": ["A_Rhein", "B_Mosel", "C_Bach"], "area_km2": [5000.0, 1800.0, 45.0]})
    static.to_csv(tmp_path / "static.csv", index=False)
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(_stations(tmp_path), series=["A_Rhein", "C_Bach"], static_covariates=tmp_path / "static.csv")
    assert panel.static.numeric[:, 0].tolist() == [5000.0, 45.0]
    assert "static covariate table: column 'station' names the series (the wide table's columns 'A_Rhein', " \
        "'C_Bach'), read as their key" in [r.getMessage() for r in caplog.records]
    same = load_panel(_stations(tmp_path), series=["A_Rhein", "C_Bach"], announce=False,
                      static_covariates=static.rename(columns={"station": "unique_id"}))  # the inner name: as before
    assert same.static.numeric[:, 0].tolist() == [5000.0, 45.0]


def test_a_wide_tables_static_file_with_two_or_no_columns_naming_the_series_is_refused_saying_which(tmp_path):
    two = pd.DataFrame({"station": ["A_Rhein", "C_Bach"], "name": ["A_Rhein", "C_Bach"], "area_km2": [5000.0, 45.0]})
    with pytest.raises(RnncastError) as err:
        load_panel(_stations(tmp_path), series=["A_Rhein", "C_Bach"], static_covariates=two)
    assert str(err.value) == (
        "the static covariate table of a wide table (one column per series: 'A_Rhein', 'C_Bach') is keyed by the column "
        "that names the series, and 'station', 'name' each name some: name the key 'unique_id', e.g. with pandas: "
        "table = table.rename(columns={'station': 'unique_id'})")
    with pytest.raises(RnncastError) as err:
        load_panel(_stations(tmp_path), series=["A_Rhein", "C_Bach"], static_covariates=two.drop(columns=["station", "name"]))
    assert str(err.value) == (
        "the static covariate table of a wide table (one column per series: 'A_Rhein', 'C_Bach') needs a column naming "
        "the series, one row each, which becomes their key; it has area_km2, and no column holds a series' name")
