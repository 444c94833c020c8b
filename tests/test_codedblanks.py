"""The numbers of ``missing_values`` read as blank where the data is loaded (``codedblanks.py``): cells read so kept in
``Rows.coded``, said at fit, refused by place without a fill; a target read so told from one the table leaves blank."""

from __future__ import annotations

import numpy as np
import pytest

from rnncast import RnncastError
from rnncast.codedblanks import blank, coded_targets, say
from rnncast.layouts import Rows
from rnncast.settingvalues import missing_text


def _rows(values) -> Rows:
    values = np.asarray(values, dtype=float)
    return Rows(codes=np.zeros(len(values), dtype=np.int64), ids=[None], time=None, values=values,
                positions=np.arange(len(values)), columns=["y", "x"], n_targets=1, n_past=1, time_col=None, how=None,
                id_col=None)


def test_codes_read_as_blank_are_kept_apart_and_said(caplog):
    rows = _rows([[1.0, 2.0], [-999.0, 3.0], [4.0, -999.0]])
    with caplog.at_level("INFO", logger="rnncast"):
        blank(rows, "-999,9999", True, "ffill")
    assert np.isnan(rows.values[1, 0]) and np.isnan(rows.values[2, 1]) and rows.values[0, 0] == 1.0
    assert rows.coded[1, 0] == -999.0 and np.isnan(rows.coded[0, 0])
    assert "-999 read as missing: 2 cells (1 in 'y', 1 in 'x'); 9999 matched no value" in caplog.text


def test_codes_matching_nothing_are_said_at_fit(caplog):
    rows = _rows([[1.0, 2.0]])
    with caplog.at_level("WARNING", logger="rnncast"):
        unmatched = blank(rows, "-999", True, "ffill")
        assert not caplog.text  # said once the static covariates are read (say), none refused for the code (1262)
        say(unmatched)
    assert "matched no value of the target or covariate columns ('y', 'x')" in caplog.text
    assert rows.coded is None


def test_without_a_fill_a_code_is_refused_by_its_place():
    with pytest.raises(RnncastError, match=r"column 'y' holds -999 at .*\(1 cell of -999 in all\).*missing_values"):
        blank(_rows([[1.0, 2.0], [-999.0, 3.0]]), "-999", False)


def test_a_target_read_from_a_code_is_told_from_one_left_blank():
    rows = _rows([[np.nan, 2.0], [-999.0, 3.0]])
    assert not coded_targets(rows, np.array([0, 1]), np.array([0, 0])).any()  # no codes given: none read so
    blank(rows, "-999", False, "ffill")
    assert coded_targets(rows, np.array([0, 1, -1]), np.array([0, 0, 0])).tolist() == [False, True, False]


def test_a_static_covariate_holding_a_code_is_refused_by_series_at_fit_and_predict(caplog):
    """s28h7: with missing_values=-999 a static 'elev' of -999 was read as an elevation, while fit said the code "matched
    no value" (decision 1224; no longer said before the refusal, 1262); a static table's or the data's columns alike,
    and at predict."""
    import pandas as pd

    from conftest import TINY, make_panel
    from rnncast import Forecaster

    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    table = pd.DataFrame({"unique_id": ids, "elev": [10.0, -999.0, 800.0], "kind": ["a", "b", "a"]})
    said = (rf"^static covariate 'elev' holds -999 for series '{ids[1]}' \(1 of 3 series\), which missing_values "
            r"\(--missing-values\) reads as missing; a static covariate needs a value for every series")
    settings = {**TINY, "epochs": 1, "missing_values": -999, "fill": "ffill"}
    for given in (dict(static_covariates=table), dict(static_covariates=["elev"], data=frame.merge(table, on="unique_id"))):
        with caplog.at_level("WARNING", logger="rnncast"), pytest.raises(RnncastError, match=said):
            Forecaster(**settings).fit(given.pop("data", frame), **given)
        assert "matched no value" not in caplog.text  # 1262: not said, then refused as missing
    model = Forecaster(**settings).fit(frame, static_covariates=table.assign(elev=[10.0, 300.0, 800.0]))
    assert "matched no value of the target or covariate columns" in caplog.text  # said where nothing holds it
    with pytest.raises(RnncastError, match=said):
        model.predict(frame, static_covariates=table)
    assert Forecaster(**{**TINY, "epochs": 1}).fit(frame, static_covariates=table).static_encoder_.numeric_names == ["elev"]


def test_a_static_covariates_code_is_refused_without_the_matched_nothing_line_first(caplog):
    """Before (decision 1224's leftover): fit warned "missing_values -999 matched no value of the target or covariate
    columns" and then refused the static 'elev' of -999; only the refusal is said now, and the line still comes where
    nothing is refused."""
    import logging

    import pandas as pd

    from conftest import TINY, make_panel
    from rnncast import Forecaster

    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    table = pd.DataFrame({"unique_id": ids, "elev": [10.0, -999.0, 800.0]})
    settings = {**TINY, "epochs": 1, "missing_values": -999, "fill": "ffill"}
    with caplog.at_level(logging.WARNING), pytest.raises(RnncastError, match="static covariate 'elev' holds -999"):
        Forecaster(**settings).fit(frame, static_covariates=table)
    assert "matched no value" not in caplog.text
    Forecaster(**settings).fit(frame, static_covariates=table.assign(elev=[10.0, 300.0, 800.0]))
    assert "matched no value" in caplog.text


def test_a_categorical_static_label_of_a_code_or_inf_is_refused_by_name():
    """Before: static_categorical=['grade'] read -999 (missing_values) and inf as category labels at fit; 'nan' and
    'None' (text pandas reads as missing) were still categories."""
    import pandas as pd

    from conftest import TINY, make_panel
    from rnncast import Forecaster

    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    settings = {**TINY, "epochs": 1, "missing_values": -999, "fill": "ffill"}
    for bad, why in ((-999, "reads as missing"), (np.inf, "is no value"), ("nan", "pandas reads as missing"),
                     ("NaN", "pandas reads as missing"), ("None", "pandas reads as missing"),
                     ("NAN", r"is no value \(nan\)"),
                     ("INF", r"is no value \(inf\)"), ("-Infinity", r"is no value \(-inf\)")):  # nan kept as a category
        table = pd.DataFrame({"unique_id": ids, "grade": [1, bad, 2]})
        with pytest.raises(RnncastError, match=rf"static covariate 'grade' holds .* for series '{ids[1]}', which .*{why}"):
            Forecaster(**settings).fit(frame, static_covariates=table, static_categorical=["grade"])
    Forecaster(**settings).fit(frame, static_covariates=pd.DataFrame({"unique_id": ids, "grade": [1, 3, 2]}),
                               static_categorical=["grade"])


def test_a_packed_code_is_refused_by_name_for_a_file_writing_decimal_commas():
    """t30t6: '-999,9' on a ';' file of '9,0' values was split into -999 and 9: its 22 real nines read as missing and
    interpolated, said as "-999,9 read as missing: 22 cells". A decimal comma file: neither reading is guessed."""
    rows = _rows([[9.0, 1.0], [-999.9, 9.0], [4.0, 2.0]])
    with pytest.raises(RnncastError, match=r"missing_values \(--missing-values\) '-999,9' is ambiguous for a.csv, which "
                                           r"writes decimals with a comma: it reads as the numbers -999, 9, or as "
                                           r"-999.9 \(a comma being a decimal one\); write each number with a point"):
        blank(rows, "-999,9", True, "ffill", {"decimal": ",", "source": "a.csv"})
    assert rows.values[0, 0] == 9.0  # nothing read as missing
    for text in ("-999.9", "-999, 9", "-999"):  # a point, a list (', '), one number: not packed
        blank(_rows([[9.0, 1.0], [-999.9, 9.0]]), text, False, "ffill", {"decimal": ","})
    blank(_rows([[9.0, 1.0], [-999.0, 9.0]]), "-999,9", False, "ffill", {"decimal": "."})  # a point file: two numbers
    with pytest.raises(RnncastError, match="'-999,5' is ambiguous for b.csv, which is separated by ';', as files"):
        blank(_rows([[5.0, 1.0], [-999.0, 5.0]]), "-999,5", False, "ffill", {"separator": ";", "source": "b.csv"})


def test_only_a_text_with_two_readings_is_ambiguous_and_every_text_advised_is_accepted():
    """t30t9: '-999.9,9999' (its comma no decimal one: -999.9 has a point) was refused as ambiguous, and
    '-999,9,9999' advised "-999.9,9999", itself refused. Now the first is read; the second names its readings, each
    written with points and ';', and each of those is accepted."""
    attrs = {"decimal": ",", "source": "a.csv"}
    rows = _rows([[9.0, 1.0], [-999.9, 9999.0]])
    blank(rows, "-999.9,9999", False, "ffill", attrs)
    assert np.isnan(rows.values[1]).all()
    with pytest.raises(RnncastError) as refused:
        blank(_rows([[9.0, 1.0]]), "-999,9,9999", False, "ffill", attrs)
    said = str(refused.value)
    assert "or as -999.9; 9999 or as -999; 9.9999" in said and "-999.9,9999" not in said
    for advised in ("-999; 9; 9999", "-999.9; 9999", "-999; 9.9999"):
        blank(_rows([[9.0, 1.0]]), missing_text(advised), False, "ffill", attrs)
    with pytest.raises(RnncastError, match=r"'1.5,2,5' is ambiguous .* or as 1.5; 2.5 \(a comma"):
        blank(_rows([[9.0, 1.0]]), "1.5,2,5", False, "ffill", attrs)


def test_the_info_line_names_the_codes_that_matched(caplog):
    rows = _rows([[1.0, 2.0], [9.0, 3.0]])
    with caplog.at_level("INFO", logger="rnncast"):
        blank(rows, "-999, 9", True, "ffill")
    assert "9 read as missing: 1 cell (1 in 'y'); -999 matched no value" in caplog.text
    assert "-999, 9 read as missing" not in caplog.text


def test_the_api_refuses_a_packed_code_for_a_decimal_comma_file_and_reads_a_list(tmp_path):
    from conftest import TINY
    from rnncast import Forecaster

    values = [f"{9 + (i % 5)},0" for i in range(60)]
    values[30] = "-999,9"
    path = tmp_path / "code9.csv"
    path.write_text("Datum;Wert\n" + "".join(f"{d:%d.%m.%Y};{v}\n" for d, v in zip(
        __import__("pandas").date_range("2022-01-01", periods=60), values)), encoding="utf-8")
    with pytest.raises(RnncastError, match="'-999,9' is ambiguous for code9.csv"):
        Forecaster(**TINY, missing_values="-999,9", fill="interpolate").fit(str(path), target="Wert")
    for given in ([-999.9], "-999,9; 9999", "-999.9"):  # a list, a ';' text (its comma a decimal one), a point
        Forecaster(**TINY, missing_values=given, fill="interpolate").fit(str(path), target="Wert")


def test_every_line_on_a_code_advises_in_one_wording():
    """Decision 1607: the advice the line on codes gives, and the values it named for the other lines to point to."""
    from rnncast.codedblanks import if_missing, named_codes

    assert if_missing([-9999.0]) == ("if it means missing, give missing_values=-9999, --missing-values -9999 to read "
                                     "those cells as blank (then filled as fill=, --fill says, or refused)")
    assert "'-999, 9999'" in if_missing([9999.0], "-999")  # the codes given kept, first
    assert named_codes([{"series": None, "column": "t", "codes": [-9999.0, 9999.0]}]) == {(None, "t", -9999.0),
                                                                                       (None, "t", 9999.0)}


def _noaa(path, letters=("M", "T")):
    """A NOAA GHCN daily file: 'M' for a missing reading, -9999 too, 'T' for a trace of rain."""
    import pandas as pd

    rng = np.random.default_rng(0)
    tmax, prcp = [f"{v:.1f}" for v in rng.normal(20, 5, 80)], [f"{v:.2f}" for v in rng.gamma(1, 2, 80)]
    tmax[10], tmax[30], prcp[5], prcp[40] = letters[0], "-9999", letters[1], letters[1]
    pd.DataFrame({"DATE": pd.date_range("2024-01-01", periods=80).strftime("%Y-%m-%d"), "TMAX": tmax,
                  "PRCP": prcp}).to_csv(path, index=False)
    return path


def test_a_text_code_is_read_as_missing_counted_and_refused_by_place_as_a_number_is(tmp_path, caplog):
    """NOAA GHCN writes 'M' for missing: --missing-values took numbers only, and 'M' was refused as not numeric. A text
    code is read as missing beside the numbers now, said in the one count, refused by its place without a fill, and
    a target read so is told from a blank one (decision 1646)."""
    from rnncast.loading import load_panel

    path = _noaa(tmp_path / "noaa.csv")
    with pytest.raises(RnncastError, match=r"column 'TMAX' holds 'M' at line 12 of noaa\.csv dated 2024-01-11 \(2 cells "
                                           r"of -9999,M in all\), which missing_values \(--missing-values\) reads as"):
        load_panel(path, target="TMAX", missing_values="-9999,M")
    with caplog.at_level("INFO", logger="rnncast"):
        panel = load_panel(path, target="TMAX", missing_values=missing_text("-9999,M"), fill="interpolate",
                           announce=True)
    assert "-9999, M read as missing: 2 cells (2 in 'TMAX')" in caplog.text
    assert "written as text" not in caplog.text  # the column's other cells are its numbers
    assert np.isfinite(panel.values).all() and len(panel.values) == 80


def test_a_text_code_of_a_wide_tables_series_is_kept_apart_in_its_target_column():
    import pandas as pd

    from rnncast.codedblanks import words
    from rnncast.data import ID_COLUMN
    from rnncast.layouts import TARGET_COLUMN

    frame = pd.DataFrame({"a": ["1", "M", "3"], "b": ["M", "5", "6"], "id": ["M", "M", "M"]})
    read = words(frame, "M", keep=["id"])
    assert read["a"].isna().tolist() == [False, True, False] and read["a"].dtype.kind == "O"  # a frame's text: as given
    assert frame["a"].tolist() == ["1", "M", "3"] and read["id"].tolist() == ["M", "M", "M"]  # given; the ids kept
    wide = Rows(codes=np.array([0, 0, 1, 1, 1]), ids=["a", "b"], time=None, values=np.array([[1.0], [3.0], [np.nan],
                [5.0], [6.0]]), positions=np.array([0, 2, 0, 1, 2]), columns=[TARGET_COLUMN], n_targets=1, n_past=0,
                time_col=None, how=None, id_col=ID_COLUMN)
    assert blank(wide, "M", False, "ffill", read.attrs) is None
    assert wide.worded[:, 0].tolist() == [False, False, True, False, False] and wide.coded is None
    assert coded_targets(wide, np.array([0, 1, 0]), np.array([1, 0, 0])).tolist() == [True, False, False]


def test_the_advice_to_add_a_code_keeps_the_text_codes_given():
    """Following "give missing_values=-9999, 9999" where 'M' was given would read 'M' no more (decision 1646)."""
    from rnncast.codedblanks import proposed

    assert proposed([9999.0], "-9999,M") == "-9999, 9999, M" and proposed([-999.0]) == -999


def test_a_found_unique_id_column_keeps_an_id_equal_to_a_text_code(tmp_path):
    """Decision 1669 (r33r2 2): with no id_col, a 'unique_id' column is the ids; its id 'M' was blanked by
    missing_values='-9999,M' and refused as "id column 'unique_id' is empty at line 2"."""
    import pandas as pd

    from rnncast.loading import load_panel

    n = 30
    frame = pd.DataFrame({"unique_id": ["M"] * n + ["F"] * n, "ds": list(pd.date_range("2020-01-01", periods=n)) * 2,
                          "y": [str(v) for v in range(2 * n)]})
    frame.loc[5, "y"] = "M"
    frame.to_csv(tmp_path / "ids.csv", index=False)
    panel = load_panel(tmp_path / "ids.csv", target="y", missing_values="-9999,M", fill="ffill")
    assert sorted(panel.ids) == ["F", "M"] and panel.n_series == 2


def test_a_wide_tables_text_codes_are_found_in_one_pass_with_the_same_cells():
    """rf33r2 1 (decision 1685): ``_worded`` compared every stacked row once per series column holding 'M' (O(S·N));
    one gather gives the same cells, each series' codes at its own rows, whatever the rows' order and gaps."""
    import pandas as pd

    from rnncast.codedblanks import words
    from rnncast.data import ID_COLUMN
    from rnncast.layouts import TARGET_COLUMN

    rng = np.random.default_rng(5)
    n, ids = 25, [f"s{k}" for k in range(40)]
    cells = rng.random((n, len(ids))) < 0.05
    cells[:, ::3] = False  # a third of the series hold no code
    frame = pd.DataFrame(np.where(cells, "M", rng.integers(0, 9, (n, len(ids))).astype(str)), columns=ids)
    read = words(frame, "-9999,M")
    kept = [rng.permutation(n)[: n - 3] for _ in ids]  # each series' rows, some left out (a gap), out of order
    codes = np.concatenate([np.full(len(k), s) for s, k in enumerate(kept)])
    positions = np.concatenate(kept)
    rows = Rows(codes=codes, ids=ids, time=None, values=np.zeros((len(codes), 1)), positions=positions,
                columns=[TARGET_COLUMN], n_targets=1, n_past=0, time_col=None, how=None, id_col=ID_COLUMN)
    blank(rows, "-9999,M", False, "ffill", read.attrs)
    expected = [frame[ids[s]].iloc[p] == "M" for s, p in zip(codes, positions)]
    assert rows.worded[:, 0].tolist() == expected and any(expected)


def test_a_text_code_in_the_future_values_or_a_numeric_static_covariate_is_refused_as_its_numbers_are(tmp_path):
    """Decision 1688: with missing_values='-999,M' a future covariate's 'M' at a forecast step was refused as "column
    'price' is not numeric ... name it in missing_values= (--missing-values M ...)", which it was, and a numeric static
    'elev' of 'M' as "holds numbers but for 'M' ... would make it categories"; both are refused now as their -999 is,
    the same words, and a column of labels keeps its 'M' as a label."""
    import pandas as pd

    from conftest import TINY, make_panel
    from rnncast import Forecaster

    frame = make_panel(3, seed=3)
    ids = sorted(frame.unique_id.unique())
    rng = np.random.default_rng(1)
    frame["price"] = rng.normal(5, 1, len(frame)).round(2)
    settings = {**TINY, "epochs": 1, "missing_values": "-999,M", "fill": "ffill"}
    model = Forecaster(**settings).fit(frame, future_covariates=["price"])
    last = frame.groupby("unique_id")["ds"].max()
    future = pd.DataFrame([{"unique_id": i, "ds": last[i] + pd.Timedelta(hours=k), "price": 5.0}
                           for i in ids for k in (1, 2, 3)]).astype({"price": object})
    future.loc[[4, 5], "price"] = [" M ", "M"]
    said = (r"^the future values hold 'M', which the model reads as missing \(missing_values \(--missing-values\)\), in "
            r"'price' \(2 steps, first at {}\): predict needs a value of every future covariate at every forecast step")
    with pytest.raises(RnncastError, match=said.format("row 4")):
        model.predict(frame, future=future)
    future.to_csv(tmp_path / "future.csv", index=False)
    with pytest.raises(RnncastError, match=said.format(r"line 6 of future\.csv")):
        model.predict(frame, future=str(tmp_path / "future.csv"))
    with pytest.raises(RnncastError, match=r"^the future values hold -999, which the model reads as missing"):
        model.predict(frame, future=future.assign(price=5.0).assign(price=lambda f: f.price.where(f.index != 4, -999.0)))
    assert len(model.predict(frame, future=future.assign(price=5.0))) == 9
    for elev in ([10.0, "M", 800.0], ["10", " M ", "800"]):
        table = pd.DataFrame({"unique_id": ids, "elev": elev})
        for given in (dict(static_covariates=table), dict(static_covariates=["elev"], data=frame.merge(table))):
            with pytest.raises(RnncastError, match=rf"^static covariate 'elev' holds 'M' for series '{ids[1]}' \(1 of 3 "
                                                   r"series\), which missing_values \(--missing-values\) reads as missing"):
                Forecaster(**settings).fit(given.pop("data", frame), **given)
    labels = pd.DataFrame({"unique_id": ids, "sex": ["M", "F", "M"]})  # labels: 'M' is one, not a missing value
    assert Forecaster(**settings).fit(frame, static_covariates=labels).static_encoder_.categorical_names == ["sex"]


def test_a_text_code_in_a_found_time_column_is_named_as_no_date_not_a_missing_timestamp(tmp_path):
    """t34t5 MED 5: 'M' in a 'date' column found by its name was blanked by missing_values='M' and refused as "time
    column 'date' is missing a timestamp at line 102"; only a time column given was spared (decision 1722). One
    found by its dates under another name is spared too; a column of numbers named 'time' beside dates is a value."""
    import pandas as pd

    from rnncast.codedblanks import words
    from rnncast.loading import load_panel

    dates = pd.date_range("2020-01-01", periods=40).strftime("%Y-%m-%d").tolist()
    values = [str(v) for v in range(40)]
    for name in ("date", "Datum"):
        frame = pd.DataFrame({name: dates, "y": values})
        frame.loc[10, name] = "M"
        frame.to_csv(tmp_path / "m.csv", index=False)
        with pytest.raises(RnncastError, match=rf"^time column '{name}' holds 'M' at line 12 of m.csv, which is not a "
                                               "date written as its other 39 values are"):
            load_panel(tmp_path / "m.csv", target="y", missing_values="M", fill="ffill")
        assert words(frame, "M").loc[10, name] == "M"
    frame = pd.DataFrame({"date": dates, "time": values, "y": values})
    frame.loc[10, "time"] = "M"
    read = words(frame, "M")
    assert read["time"].isna().tolist() == [i == 10 for i in range(40)]  # a value's 'M': blank, as before
