"""Values written as a missing-value code (-999, 9999) far from their column (``missingcodes.py``): named at fit, and
read as blank with ``missing_values``."""

from __future__ import annotations

import json
import logging

import numpy as np
import pandas as pd
import pytest

from conftest import TINY
from rnncast import Forecaster, RnncastError
from rnncast.cli import main
from rnncast.missingcodes import code_like, far_codes, proposed
from rnncast.settingvalues import missing_text

RNG = np.random.default_rng(0)
N = 1500


def _temps() -> np.ndarray:
    """Hourly temperatures near 12 with a daily cycle, to one decimal, as a weather station writes them."""
    hours = np.arange(N)
    return np.round(12 + 4 * np.sin(2 * np.pi * hours / 24) + RNG.normal(0, 1, N), 1)


def _frame(y: np.ndarray, **columns) -> pd.DataFrame:
    return pd.DataFrame({"time": pd.date_range("2023-01-01", periods=len(y), freq="h"), "y": y, **columns})


def test_codes_are_nines_signed_or_not_whole_or_with_a_decimal_nine():
    values = np.array([99, -999, 9999, -99999, 99.9, -999.9, 9, 9.99, 98, 100, 999.99, 999.5, 1e6, 0, np.nan, np.inf])
    assert code_like(values).tolist() == [True] * 6 + [False] * 10
    assert code_like(np.float32([99.9, -999, 12.5])).tolist() == [True, True, False]  # the panel's float32


def test_two_codes_among_temperatures_are_found_with_their_test_rows():
    """A reliability tester's two -999 among hourly temperatures: too few to set the scale (outliers.py), the test
    MSE 2.6 times that of the same fit without them, unsaid."""
    y = _temps()
    y[[300, 1400]] = -999
    rows, near, sds = far_codes(y, train_end=1000)
    assert rows.tolist() == [300, 1400] and abs(near - 12) < 0.5 and sds > 100


@pytest.mark.parametrize("name, column", [
    ("prices near 1000, one at 999", np.r_[999.0, RNG.normal(1000, 30, N - 1)]),
    ("a humidity reaching 99.9", np.clip(RNG.normal(70, 15, N), 0, 99.9).round(1)),
    ("temperatures in Fahrenheit reaching 99", np.clip(RNG.normal(70, 12, N), 0, 99).round(0)),
    ("a flag never raised but once, as 99", np.r_[np.zeros(N - 1), 99.0]),
    ("no code at all", _temps()),
    ("a counter reaching 9999 by steps", np.arange(N, dtype=float) * 9999 / (N - 1)),
])
def test_ordinary_columns_are_not_named(name, column):
    assert far_codes(column, train_end=1000) is None, name


def test_fit_names_the_code_and_the_setting_that_reads_it_as_missing(caplog):
    y = _temps()
    y[[300, 1400]] = -999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(_frame(y), target="y")
    [said] = [r.getMessage() for r in caplog.records if "missing value" in r.getMessage()]
    assert said.startswith("column 'y' holds -999 in 2 rows (first at 2023-01-13 12:00:00), the way files write a "
                           "missing value, ")
    assert "1 test row scored against it" in said and "missing_values=-999, --missing-values -999" in said


def test_the_advice_keeps_the_codes_already_given_with_the_new_one(caplog):
    """Was: given -999, fit advised "missing_values=9999, --missing-values 9999", and following it warned of -999
    again; the advice is now every code, those given first."""
    y = _temps()
    y[[300, 1400]] = -999
    y[700] = 9999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY, missing_values=-999, fill="interpolate").fit(_frame(y), target="y")
    [said] = [r.getMessage() for r in caplog.records if "the way files write" in r.getMessage()]
    assert said.startswith("column 'y' holds 9999 in 1 row") and "missing_values='-999, 9999', --missing-values " \
        "'-999, 9999' to read" in said
    y[700] = 20.0
    model = Forecaster(**TINY, missing_values=-999, fill="interpolate").fit(_frame(y), target="y")
    later = _frame(_temps())
    later.loc[1450, "y"] = -99.9  # at evaluate: "fit again with" the code the model reads and this one
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(later)
    assert "fit again with missing_values='-999, -99.9', --missing-values '-999, -99.9'" in caplog.text
    assert proposed([9999.0], "-999,9999") == "-999, 9999" and proposed([-999.0], None) == -999


def test_missing_values_reads_the_codes_as_blank_as_a_blank_file_would_be(caplog):
    y = _temps()
    y[[300, 1400]] = -999
    coded = _frame(y)
    blank = _frame(np.where(y == -999, np.nan, y))
    with pytest.raises(RnncastError, match=r"column 'y' holds -999 at row 300 dated 2023-01-13 12:00:00 \(2 cells of "
                                           r"-999 in all\), which missing_values \(--missing-values\) reads as "
                                           r"missing; fill them with --fill"):  # not "a missing value (NaN)"
        Forecaster(**TINY, missing_values=-999).fit(coded, target="y")
    with caplog.at_level(logging.INFO, logger="rnncast"):
        read = Forecaster(**TINY, missing_values=[-999], fill="interpolate").fit(coded, target="y")
    assert "-999 read as missing: 2 cells (2 in 'y')" in caplog.text
    assert not any("the way files write" in r.getMessage() for r in caplog.records)
    assert (coded["y"] == -999).sum() == 2  # the caller's frame as given
    blanked = Forecaster(**TINY, fill="interpolate").fit(blank, target="y")
    pd.testing.assert_frame_equal(read.predict(coded), blanked.predict(blank))
    assert read.evaluate(coded)["original"] == blanked.evaluate(blank)["original"]


def test_a_code_that_matches_nothing_is_said(caplog):
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY, missing_values="-9999,9999").fit(_frame(_temps()), target="y")
    assert "missing_values (--missing-values) -9999,9999 matched no value of the target or covariate columns ('y')" \
        in caplog.text


@pytest.mark.parametrize("given, text", [(-999, "-999"), ([-999, 9999.0], "-999, 9999"), ("-99.9, -999", "-99.9, -999"),
                                         ("-99.9,-999", "-99.9,-999"), ("-999,9999", "-999,9999"),
                                         ("-999,9; 9999", "-999.9, 9999"), ("-999;9", "-999, 9"),
                                         (np.array([-9999]), "-9999"), ("none", None), (None, None)])
def test_missing_values_are_one_text_of_numbers(given, text):
    assert missing_text(given) == text
    assert Forecaster(missing_values=given).get_params()["missing_values"] is given  # kept as given, sklearn's way


@pytest.mark.parametrize("given, says", [(True, "must be numbers such as -999"), ("NULL", "'NULL' is read as a missing value already"),
                                         (float("nan"), "NaN is read as missing already"), ([], "is an empty list"),
                                         ("", "'' is empty, and blank cells are read as missing without it; give "
                                          "numbers such as -999"), ("  ", "'  ' is blank, and blank cells")])
def test_what_is_no_code_is_refused_by_name(given, says):
    with pytest.raises(RnncastError, match="missing_values") as err:
        Forecaster(**TINY, missing_values=given).fit(_frame(_temps()), target="y")
    assert says in str(err.value)


def test_a_future_covariate_holding_a_code_is_refused_at_predict_with_no_warning_that_it_is_read_as_a_value(caplog):
    """t28t7: a WARNING said the -999 "the model reads as the covariate's value; give the value it stands for", then
    the refusal said the model reads it as missing: a declared code is refused alone (decision 1222)."""
    y = _temps()
    price = RNG.normal(5, 1, N).round(2)
    data = _frame(y, price=price)
    model = Forecaster(**TINY, missing_values=-999).fit(data, target="y", future_covariates=["price"])
    future = pd.DataFrame({"time": pd.date_range(data["time"].iloc[-1], periods=4, freq="h")[1:],
                           "price": [5.0, -999.0, 5.5]})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"), pytest.raises(
            RnncastError, match=r"the future values hold -999, which the model reads as missing "
                                r"\(missing_values \(--missing-values\)\), in 'price' \(1 step\)"):
        model.predict(data, future=future)
    assert not [r for r in caplog.records if "-999" in r.getMessage() or "far beyond" in r.getMessage()]


def test_the_flag_and_a_config_file_give_it_as_the_keyword_does(tmp_path, capsys):
    y = _temps()
    y[[300, 1400]] = -999
    _frame(y).to_csv(tmp_path / "temps.csv", index=False)
    (tmp_path / "c.toml").write_text("missing_values = [-999, 9999]\nfill = \"interpolate\"\n", encoding="utf-8")
    small = ["--lookback", "12", "--horizon", "3", "--hidden-size", "8", "--epochs", "1"]
    assert main(["fit", str(tmp_path / "temps.csv"), "--target", "y", "--config", str(tmp_path / "c.toml"), *small,
                 "--out", str(tmp_path / "run")]) == 0
    config = json.loads((tmp_path / "run" / "config.json").read_text(encoding="utf-8"))
    assert config["settings"]["missing_values"] == "-999, 9999"  # a TOML array: never one decimal-comma number
    capsys.readouterr()
    with pytest.raises(SystemExit) as refused:
        main(["fit", str(tmp_path / "temps.csv"), "--target", "y", "--missing-values", "-999,NA", "--out",
              str(tmp_path / "other")])
    assert refused.value.code == 2 and not (tmp_path / "other").exists()
    assert "'NA' is read as a missing value already; leave it out" in capsys.readouterr().err  # 'x' is a code: decision 1646


@pytest.mark.parametrize("name, column", [
    ("a counter growing past 9999, one row exactly 9999",
     np.where(np.arange(400) == 330, 9999.0, np.round(np.exp(np.linspace(0, 10, 400))))),
    ("an availability of 99 between 98 and 100", np.r_[np.full(600, 100.0), 98.0, np.full(300, 100.0), 99.0,
                                                        np.full(97, 100.0), 99.0]),
    ("a shelf price of 99 on half the rows, then 119", np.r_[np.full(150, 99.0), np.full(250, 119.0)] +
     np.isin(np.arange(400), [200, 250]) * -8.0),
])
def test_a_code_like_value_among_the_columns_own_values_is_not_named(name, column):
    """A newcomer's checks of decision 761: each of these was named, the shelf price told missing_values=99, which would
    blank half its column."""
    assert far_codes(column, train_end=int(0.7 * len(column))) is None, name


def test_a_covariate_code_is_not_said_to_be_scored_against(caplog):
    y = _temps()
    x = RNG.normal(20, 2, N).round(1)
    x[1400] = -999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        Forecaster(**TINY).fit(_frame(y, x=x), target="y", past_covariates=["x"])
    [said] = [r.getMessage() for r in caplog.records if "the way files write" in r.getMessage()]
    assert said.startswith("column 'x' holds -999 in 1 row") and "scored" not in said


def _later_said(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if "of the data given to the model" in r.getMessage()]


@pytest.fixture(scope="module")
def clean_model():
    """A model fitted on temperatures and a humidity with no code among them."""
    data = _frame(_temps(), hum=np.round(50 + RNG.normal(0, 5, N), 1))
    return data, Forecaster(**TINY).fit(data, target="y", features=["hum"])


def test_rows_given_to_a_fitted_model_holding_a_code_are_named_at_evaluate_and_predict(clean_model, caplog):
    """Fit names a -999 among temperatures, but the same -999 handed to the fitted model was scored silently: the
    evaluate measured MSE 11,333 against 1.42 for the same rows without the two codes, unsaid."""
    data, model = clean_model
    bad = data.copy()
    bad.loc[[1400, 1450], "y"] = -999
    bad.loc[1460, "hum"] = 9999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(bad)
    said = _later_said(caplog)
    assert len(said) == 2 and said[0].startswith(
        "column 'y' holds -999 in 2 rows of the data given to the model (2023-02-28 08:00:00, 2023-03-02 10:00:00), the "
        "way files write a missing value, far outside the values the model was fitted on, any code-like ones left "
        "aside (")
    assert "evaluate scores its forecasts against it" in said[0] and "missing_values=-999, --missing-values -999" in said[0]
    assert said[1].startswith("column 'hum' holds 9999 in 1 row") and "scores" not in said[1]  # a covariate's
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(bad)  # the same table again: said once per model
        model.predict(data.iloc[-100:])  # no code: nothing said
    assert not _later_said(caplog)
    last = data.iloc[-100:].copy()
    last.loc[last.index[-2], "y"] = -999.9
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(last)
    assert any(m.startswith("column 'y' holds -999.9 in 1 row") for m in _later_said(caplog))


def test_a_code_like_value_inside_what_the_model_read_is_not_named(caplog):
    data = _frame(np.round(RNG.normal(1000, 5, N), 1))
    model = Forecaster(**TINY).fit(data, target="y")
    data.loc[1400, "y"] = 999  # a real price near 1000
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.evaluate(data)
    assert not _later_said(caplog)


def test_a_model_saved_before_it_kept_its_values_weighs_the_rows_given(clean_model, tmp_path, caplog):
    data, model = clean_model
    model.save(tmp_path / "m")
    path = tmp_path / "m" / "model.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    assert len(meta["value_ranges"][0]) == 2  # [series][column]
    del meta["value_ranges"]
    meta.pop("description_sha256", None)
    path.write_text(json.dumps(meta), encoding="utf-8")
    old = Forecaster.load(tmp_path / "m")
    assert old.state_.value_ranges is None
    bad = data.copy()
    bad.loc[1400, "y"] = -999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        old.evaluate(bad)
    assert any("far from the other values given" in m for m in _later_said(caplog))


def test_the_command_line_names_the_code_at_evaluate_and_predict(clean_model, tmp_path, caplog):
    data, model = clean_model
    model.save(tmp_path / "m")
    bad = data.copy()
    bad.loc[1450, "y"] = -999
    bad.to_csv(tmp_path / "bad.csv", index=False)
    for command in (["evaluate"], ["predict", "--out", str(tmp_path / "f.csv")]):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            assert main([command[0], str(tmp_path / "m"), str(tmp_path / "bad.csv"), *command[1:]]) == 0
        said = _later_said(caplog)
        assert said and said[0].startswith("column 'y' holds -999 in 1 row of the data given to the model "
                                           "(2023-03-02 10:00:00)") and "--missing-values -999" in said[0]


def test_a_future_covariate_holding_a_far_code_is_named_at_predict(caplog):
    data = _frame(_temps(), price=RNG.normal(5, 1, N).round(2))
    model = Forecaster(**TINY).fit(data, target="y", future_covariates=["price"])
    future = pd.DataFrame({"time": pd.date_range(data["time"].iloc[-1], periods=4, freq="h")[1:],
                           "price": [5.0, -999.0, 5.5]})
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(data, future=future)
    assert any(r.getMessage().startswith("the future values of 'price' hold -999 at 1 of the 3 forecast steps, the way "
                                         "files write a missing value, far outside the values the model was fitted "
                                         "on, any code-like ones left aside (") for r in caplog.records)


def test_a_model_fitted_on_the_code_is_not_said_to_have_been_fitted_without_it(caplog):
    """t26t8: fit warned that it trains on two -999 rows, then predict said they were "far outside the values the
    model was fitted on (93.2 to 165.6)": the range fit keeps leaves code-like values out, which is said now."""
    y = _temps()
    y[[300, 310]] = -999.0  # training rows: fit warns and trains on them
    data = _frame(y)
    model = Forecaster(**{**TINY, "epochs": 1}).fit(data, target="y")
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(data)
    said = _later_said(caplog)
    assert said and "far outside the values the model was fitted on, any code-like ones left aside (" in said[0]


def test_a_last_target_written_as_the_code_is_a_missing_reading_not_a_row_appended(caplog):
    """A last row whose target was -999 (missing_values) was refused as "rows appended to the history with the target
    blank are not read as history": the table holds a reading written as missing there, not the future's row."""
    data = _frame(_temps(), hum=np.round(50 + RNG.normal(0, 5, N), 1))
    data.loc[N - 1, "y"] = -999
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model = Forecaster(**TINY, missing_values=-999, fill="ffill").fit(data, target="y", features=["hum"])
    assert "filling 1 missing value with ffill" in caplog.text
    with pytest.raises(RnncastError, match=r"^column 'y' holds -999 at row 1499 dated 2023-03-04 11:00:00 \(1 cell of "
                                           r"-999 in all\), which missing_values \(--missing-values\) reads as missing"):
        Forecaster(**TINY, missing_values=-999).fit(data, target="y", features=["hum"])
    assert len(model.predict(data.iloc[-50:])) == TINY["horizon"]
    blank = data.copy()
    blank.loc[N - 1, "y"] = np.nan  # a blank target, Prophet's future row: refused as before
    with pytest.raises(RnncastError, match="rows appended to the history with the target blank"):
        Forecaster(**TINY, missing_values=-999, fill="ffill").fit(blank, target="y", features=["hum"])


def test_a_code_like_value_among_the_values_given_now_is_not_named(caplog):
    """Counts that grew since fit (Poisson(30) at fit, Poisson(100) later) hold 99 between 92 and 116: it was named
    as a code "far outside the values the model was fitted on (16 to 53)", and missing_values=99 advised, which would
    blank real counts. A value inside the range of the other values given is one of them; a -999 among them is not."""
    rng = np.random.default_rng(5)
    old = pd.DataFrame({"time": pd.date_range("2022-01-01", periods=400), "y": rng.poisson(30, 400).astype(float)})
    model = Forecaster(**{**TINY, "epochs": 1}).fit(old, target="y")
    new = pd.DataFrame({"time": pd.date_range("2024-01-01", periods=60), "y": rng.poisson(100, 60).astype(float)})
    new.loc[[20, 40], "y"] = 99.0
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(new)
    assert not _later_said(caplog)
    new.loc[50, "y"] = -999.0  # below every value given: a code still
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(new)
    assert [m[:36] for m in _later_said(caplog)] == ["column 'y' holds -999 in 1 row of th"]
    short = new.tail(14).copy()
    short.loc[short.index[-3:], "y"] = -999.0  # a lookback's rows, a fifth of them the code: named
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        model.predict(short)
    assert any("holds -999 in 4 rows" in m for m in _later_said(caplog))


def test_a_code_named_at_predict_is_named_again_at_evaluate_of_the_same_rows(clean_model, caplog):
    """The warning was said once per model for the same rows: evaluate after predict scored them against -999 unsaid
    (t22t6). Each reader says it once; a loop of one reader hears it once."""
    data, model = clean_model
    bad = data.copy()
    bad.loc[1450, "y"] = -999
    for call, times in ((model.predict, 1), (model.predict, 0), (model.evaluate, 1), (model.evaluate, 0)):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="rnncast"):
            call(bad)
        assert len(_later_said(caplog)) == times, call.__name__


def test_a_future_code_far_outside_the_fit_names_its_series_as_given(caplog):
    """futureinputs handed the ids as text: "the future values of 'price' of series '102' hold -999"."""
    from types import SimpleNamespace

    from rnncast.missingcodes import refuse_future

    state = SimpleNamespace(layout="long", ids=["102"], value_ranges=[[[0.0, 1.0, -2.0, 2.0], [5.0, 1.0, 3.0, 7.0]]],
                            targets=["y"], past_covariates=[], said=set())
    values = np.array([[[5.0], [-999.0], [5.5]]])
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        refuse_future(values, ["price"], None, state, ["102"], [102])
    assert "the future values of 'price' of series 102 hold -999" in caplog.text


@pytest.mark.parametrize("value", ['""', '" "'])
def test_an_empty_missing_values_is_refused_alike_in_a_flag_and_a_config_file(tmp_path, value):
    """Was: --missing-values "", missing_values = "" in TOML and "" in Python were read as no codes without a word,
    where the writer may have meant blank cells (always missing) or meant nothing."""
    from rnncast.cli.parser import build_parser
    from rnncast.configfile import read_config
    config = tmp_path / "c.toml"
    config.write_text(f"missing_values = {value}\n")
    with pytest.raises(RnncastError, match=r"^missing_values \(--missing-values\) '\s*' is (empty|blank), and blank "):
        read_config(config)
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["fit", "d.csv", "--missing-values", value.strip('"')])
    assert exit_.value.code == 2


def test_a_wide_tables_code_like_values_are_named_by_its_own_column_once(caplog):
    """Decision 1794 (t35t2 L2): "column 'A_Rhein' of series 'A_Rhein' holds -999" in a wide table, and its shared
    covariate, every series', was found once per series."""
    from rnncast.loading import load_panel
    from rnncast.missingcodes import find, warn
    from rnncast.windows import Split

    rng = np.random.default_rng(35)
    frame = pd.DataFrame({"date": pd.date_range("2019-01-01", periods=200), "A_Rhein": rng.gamma(5, 20, 200),
                          "C_Bach": rng.gamma(2, 1, 200), "rain": rng.gamma(1, 2, 200)})
    frame.loc[20, "A_Rhein"], frame.loc[30, "rain"] = -999, -999
    panel = load_panel(frame, series=["A_Rhein", "C_Bach"], past_covariates=["rain"], announce=False)
    found = find(panel, [Split(train_end=160, val_end=180, end=200)] * 2)
    assert [(f["series"], f["column"]) for f in found] == [(None, "A_Rhein"), (None, "rain")]
    with caplog.at_level(logging.WARNING, logger="rnncast"):
        warn(found)
    [said] = [r.getMessage() for r in caplog.records]
    assert said.startswith("column 'A_Rhein' holds -999 in 1 row (first at 2019-01-21), ") and "of series" not in said
    assert "; so do 1 other column (of this or other series);" in said


def test_december_s_calendar_values_after_a_winter_fit_are_no_other_unit(caplog):
    """Decision 2025: a model fitted on January to March with calendar_covariates='weekend,day_of_year,month' read
    June's rows as "values far beyond those the model was fitted on ... another unit or a shifted scale (°F for °C)?"
    for month_cos and day_of_year_cos; computed from the dates, they are no unit of the data's."""
    time = pd.date_range("2026-01-01", periods=400, freq="D")
    frame = pd.DataFrame({"ds": time, "y": 10 + (time.day_of_week >= 5) + np.random.default_rng(0).normal(0, 0.1, 400)})
    model = Forecaster(**{**TINY, "lookback": 14, "horizon": 7, "epochs": 1, "val_frac": 0.15, "test_frac": 0.1},
                       calendar_covariates="weekend,day_of_year,month").fit(frame.iloc[:80], target="y", time_col="ds")
    with caplog.at_level(logging.WARNING):
        model.evaluate(frame.iloc[150:260])
        model.predict(frame.iloc[150:260])
    assert "beyond those the model was fitted on" not in caplog.text and "month_cos" not in caplog.text
