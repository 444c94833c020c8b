"""Static attributes read from a file as written (``statictext.py``, decision 359): codes with leading zeros ('001')
stay the text the file writes, a category, at fit and predict, from a static table file or the data file's
columns, in Python and on the command line; plain numbers stay numbers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster
from rnncast.cli import main
from rnncast.statictext import is_code, read_file

SMALL = dict(lookback=8, horizon=3, hidden_size=8, epochs=1, threads=1, max_batches=5, device="cpu", seed=0)
CODES = {"a": "001", "b": "002", "c": "010"}


@pytest.fixture
def files(tmp_path):
    t = pd.date_range("2020-01-01", periods=80)
    df = pd.concat([pd.DataFrame({"unique_id": i, "ds": t, "y": np.sin(np.arange(80) / 5 + k)})
                    for k, i in enumerate(CODES)], ignore_index=True)
    df["code"] = df.unique_id.map(CODES)
    df.to_csv(tmp_path / "panel_code.csv", index=False)
    df.drop(columns="code").to_csv(tmp_path / "panel.csv", index=False)
    pd.DataFrame({"unique_id": list(CODES), "code": list(CODES.values())}).to_csv(tmp_path / "st.csv", index=False)
    return tmp_path, df


@pytest.mark.parametrize("values, code", [(["001", "2"], True), (["02134"], True), (["-01"], True),
                                          (["0", "0.5", "-0.5", "10"], False), (["1500", "2.5"], False)])
def test_a_leading_zero_before_a_digit_makes_a_code(values, code):
    assert is_code(pd.Series(values, dtype=object)) is code


def test_a_file_column_of_codes_is_read_as_written_and_plain_numbers_as_numbers(tmp_path):
    path = tmp_path / "st.csv"
    path.write_text("unique_id,code,size,zero\na,001,1500,0\nb,,2.5,0.5\n")
    frame = read_file(path, ["unique_id"])
    assert frame["code"].iloc[0] == "001" and pd.isna(frame["code"].iloc[1])  # '' stays missing
    assert frame["size"].tolist() == [1500.0, 2.5] and frame["zero"].tolist() == [0.0, 0.5]
    assert read_file(path, ["unique_id"], text=["size"])["size"].tolist() == ["1500", "2.5"]  # a model's category
    assert read_file(path, ["unique_id"], decide=[])["code"].tolist()[0] == 1  # not asked: as pandas reads it


def test_a_model_fitted_on_text_codes_takes_them_from_every_file_route(files):
    tmp, df = files
    f = Forecaster(**SMALL).fit(df, target="y", time_col="ds", static_covariates=["code"])
    table = pd.DataFrame({"unique_id": list(CODES), "code": list(CODES.values())})
    expected = f.predict(df.drop(columns="code"), static_covariates=table)
    for got in (f.predict(str(tmp / "panel.csv"), static_covariates=str(tmp / "st.csv")),
                f.predict(tmp / "panel.csv", static_covariates=tmp / "st.csv"),
                f.predict(str(tmp / "panel_code.csv"))):
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    assert len(f.evaluate(str(tmp / "panel.csv"), static_covariates=str(tmp / "st.csv")))
    windows = f.predict_windows(str(tmp / "panel.csv"), static_covariates=str(tmp / "st.csv"))
    assert np.array_equal(windows.y_pred, f.predict_windows(df.drop(columns="code"), static_covariates=table).y_pred)
    f.save(tmp / "m_code")
    for argv in (["--static", str(tmp / "st.csv")], []):
        out = tmp / f"f{len(argv)}.csv"
        data = tmp / ("panel.csv" if argv else "panel_code.csv")
        assert main(["predict", str(tmp / "m_code"), str(data), *argv, "--out", str(out)]) == 0
        assert np.allclose(pd.read_csv(out).select_dtypes("number").to_numpy(),
                           expected.select_dtypes("number").to_numpy(), atol=1e-6)


def test_a_model_fitted_on_numbers_keeps_reading_a_file_s_codes_as_numbers(files):
    tmp, df = files
    f = Forecaster(**SMALL).fit(df.assign(code=df.code.astype(int)), target="y", time_col="ds", static_covariates=["code"])
    expected = f.predict(df.assign(code=df.code.astype(int)))
    pd.testing.assert_frame_equal(f.predict(str(tmp / "panel.csv"), static_covariates=str(tmp / "st.csv")), expected)


@pytest.mark.parametrize("argv", [["panel.csv", "--static", "st.csv"], ["panel_code.csv", "--static-covariates", "code"]])
def test_a_cli_fit_on_codes_makes_a_categorical_attribute_and_says_so(files, argv, caplog):
    tmp, _ = files
    args = [str(tmp / a) if a.endswith(".csv") else a for a in argv]
    with caplog.at_level("WARNING", logger="rnncast"):
        assert main(["fit", *args, "--lookback", "8", "--horizon", "3", "--hidden-size", "8", "--epochs", "1",
                     "--max-batches", "5", "--device", "cpu", "--out", str(tmp / "run")]) == 0
    encoder = json.loads(Path(tmp / "run" / "model" / "model.json").read_text())["static"]["encoder"]
    assert encoder["numeric_names"] == [] and encoder["categorical_names"] == ["code"]
    assert encoder["vocab"] == [["001", "002", "010"]]
    assert any("holds numbers written as text ('001'), taken as categories" in r.getMessage() for r in caplog.records)


def test_a_static_file_of_plain_numbers_stays_numeric(files):
    tmp, _ = files
    pd.DataFrame({"unique_id": list(CODES), "size": [1500, 2.5, 0]}).to_csv(tmp / "num.csv", index=False)
    f = Forecaster(**SMALL).fit(str(tmp / "panel.csv"), target="y", time_col="ds", static_covariates=tmp / "num.csv")
    assert f.state_.static_encoder.numeric_names == ["size"]
    assert len(f.predict(str(tmp / "panel.csv"), static_covariates=str(tmp / "num.csv")))


def test_a_file_read_again_for_its_static_columns_says_what_its_reading_found_once(tmp_path, caplog):
    """A German Excel export (';', decimal commas) with a static column said "separated by ';'" and the decimal-comma
    warning twice: the file is read a second time for its static columns as written (decision 715)."""
    import logging

    from rnncast.loading import load_panel

    rows = [f"{s};2024-01-{d:02d};{d},5;{cap}" for s, cap in (("A", 100), ("B", 60)) for d in range(1, 29)]
    (tmp_path / "de.csv").write_text("site;date;load;capacity\n" + "\n".join(rows) + "\n")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        panel = load_panel(tmp_path / "de.csv", "load", id_col="site", static_covariates=["capacity"])
    said = [r.getMessage() for r in caplog.records]
    assert sum("decimal commas" in s for s in said) == 1 and sum(s.endswith("is separated by ';', not commas") for s in said) == 1, said
    assert panel.static.names == ["capacity"] and float(panel.values[0, 0]) == 1.5
