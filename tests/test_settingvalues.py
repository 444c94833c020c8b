"""One setting's value (``settingvalues.py``): NumPy scalars taken where Python numbers are and made into them, while
booleans and text are not numbers (quantile levels as settings take them; their reading: test_quantilelevels.py)."""

from __future__ import annotations

import re
import numpy as np
import pandas as pd
import pytest

from rnncast import Forecaster, RnncastError
from rnncast.config import Settings
from rnncast.quantilelevels import parse_quantiles
from rnncast.settingvalues import missing_text
from rnncast.spelling import named


@pytest.mark.parametrize("value", [["0.1", "0.5", "0.9"], (0.25, "0.75"), np.array(["0.1", "0.5"])])
def test_text_levels_in_a_list_are_refused_as_lr_as_text_is(value):
    """``Forecaster(quantiles=["0.1", "0.5", "0.9"])`` trained, and get_params handed back the strings, while
    ``lr="0.01"`` is refused: a list's levels are numbers (comma-separated text stays the flag's form)."""
    with pytest.raises(RnncastError, match=r"^quantiles must be numbers such as \[0.1, 0.5, 0.9\], got .*; write the "
                                           r"levels without quotes, or as one text \"0.1,0.5,0.9\"$"):
        Settings.from_flat({"quantiles": value})


@pytest.mark.parametrize("value", ["none", " none", "None", "NONE"])  # Python's spelling too (t28t8)
def test_none_as_text_is_the_point_forecast_in_python_as_in_a_file(tmp_path, value):
    """``Forecaster(quantiles="none")`` was refused ("must be numbers") while ``quantiles = "none"`` in a TOML file
    (and --set) gave a point model; the help's default reads "none: one point forecast"."""
    from rnncast.configfile import read_config
    from rnncast.settingtext import parse_setting

    assert parse_quantiles(value) == () and Settings.from_flat({"quantiles": value}).model.quantiles == ()
    assert parse_setting("quantiles", value, typed=True) is None
    (tmp_path / "c.toml").write_text(f'quantiles = "{value}"\n')
    assert read_config(tmp_path / "c.toml")[0]["quantiles"] is None


@pytest.mark.parametrize("value", ["none", " none", "None", "NONE"])
def test_none_as_text_is_no_missing_values_in_any_case_as_for_quantiles(tmp_path, value):
    """``--missing-values None`` and ``missing_values = "NONE"`` were refused ("'None' is no number") where "none" is
    unset: the same word in any case, as every other setting's "none" (decision 1450)."""
    from rnncast.cli.parser import build_parser
    from rnncast.configfile import read_config
    from rnncast.settingtext import parse_setting

    assert missing_text(value) is None and Settings.from_flat({"missing_values": value}).data.missing_values is None
    assert parse_setting("missing_values", value, typed=True) is None
    (tmp_path / "c.toml").write_text(f'missing_values = "{value}"\n')
    assert read_config(tmp_path / "c.toml")[0]["missing_values"] is None
    flags = build_parser().parse_args(["fit", "d.csv", "--missing-values", value])
    assert missing_text(flags.missing_values) is None


# ---- NumPy scalars are numbers ----------------------------------------------------------------

def test_numpy_scalars_are_taken_where_python_numbers_are_and_become_them():
    given = {"lookback": np.int64(8), "horizon": np.int32(2), "hidden_size": np.int64(8), "epochs": np.uint8(1),
             "lr": np.float32(0.01), "dropout": np.float64(0.0), "val_frac": np.float32(0.1), "seed": np.int64(3),
             "batch_size": np.int16(16), "max_batches": np.int64(0), "ema": np.float32(0), "highway": np.bool_(False),
             "quantiles": [np.float32(0.1), np.float64(0.5), 0.9]}
    flat = Settings.from_flat(given).flat()
    for name in given:
        assert type(flat[name]) in (int, float, bool, tuple), name
    assert flat["lookback"] == 8 and flat["highway"] is False and flat["quantiles"] == pytest.approx((0.1, 0.5, 0.9))


@pytest.mark.parametrize("name, value", [("lookback", True), ("dropout", False), ("lr", True), ("seed", 1.5),
                                         ("val_frac", "0.1"), ("segment", 2.0)])
def test_booleans_and_text_are_not_numbers(name, value):
    with pytest.raises(RnncastError, match=f"^{re.escape(named(name))} must be"):
        Settings.from_flat({name: value})


def test_a_misspelt_setting_is_answered_with_the_one_meant():
    """`epoch = 3` in a config got a line of 50 accepted keys and no pointer to `epochs`."""
    from rnncast import Forecaster
    from rnncast.spelling import did_you_mean  # the one every refusal uses (it was settingvalues' own copy)

    assert did_you_mean("epoch", ["epochs", "lr"]) == " (did you mean 'epochs'?)" and did_you_mean("zzz", ["lr"]) == ""
    assert did_you_mean("Epochs", ["epochs", "lr"]) == " (did you mean 'epochs'?)"  # the case alone differs
    with pytest.raises(RnncastError, match=r"unknown parameter 'epoch' for Forecaster \(did you mean 'epochs'\?\)"):
        Forecaster().set_params(epoch=3)
    with pytest.raises(RnncastError, match=r"unknown setting\(s\) \['hiden_size'\] \(did you mean 'hidden_size'\?\)"):
        Settings.from_flat({"hiden_size": 8})


@pytest.mark.parametrize("setting, value, message", [
    ("lr", float("inf"), "lr (--lr) must be a positive finite number, got inf"),
    ("lr", float("nan"), "lr (--lr) must be a positive finite number, got nan"),
    ("grad_clip", float("inf"), "grad_clip (--grad-clip) must be a finite number >= 0 (0: no clipping), got inf"),
    ("grad_clip", float("nan"), "grad_clip (--grad-clip) must be a finite number >= 0 (0: no clipping), got nan"),
    ("dropout", float("nan"), "dropout (--dropout) must be a number in [0, 1), got nan"),
])
def test_a_non_finite_number_is_refused_by_name(setting, value, message):
    """--lr inf was accepted, trained, then reported as diverged; grad_clip nan was accepted."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    with pytest.raises(RnncastError, match=re.escape(message)):
        Forecaster(**{**TINY, setting: value}).fit(make_frame(100), target="y")


def test_an_on_epoch_that_is_no_function_is_refused_before_anything_trains(monkeypatch):
    import pandas as pd

    from rnncast import Forecaster, fitting

    frame = pd.DataFrame({"date": pd.date_range("2020-01-01", periods=80), "y": np.sin(np.arange(80) / 5)})
    monkeypatch.setattr(fitting, "prepare_data", lambda *a, **k: pytest.fail("the data was read before the refusal"))
    with pytest.raises(RnncastError, match=r"^on_epoch must be a function called with each epoch's record \(or None\), "
                                           r"got int 5$"):
        Forecaster(epochs=1).fit(frame, target="y", on_epoch=5)
    with pytest.raises(RnncastError, match=r"^on_epoch must be a function .*, got str 'print'$"):
        Forecaster(epochs=1, lookback=8, horizon=2).backtest(frame, target="y", on_epoch="print")


def test_another_librarys_keyword_is_answered_with_rnncasts_setting():
    """Forecaster(test_size=0.2) answered "did you mean 'batch_size'?"; the test part is test_frac."""
    from rnncast import Forecaster

    with pytest.raises(RnncastError, match=r"^test_size is not a setting of rnncast: the test part is test_frac \(the "
                                           r"last fraction of each series' rows\)$"):
        Forecaster(test_size=0.2)
    with pytest.raises(RnncastError, match=r"^shuffle is not a setting of rnncast: rnncast splits every series by time"):
        Forecaster().set_params(shuffle=True)


@pytest.mark.parametrize("value", [[], (), np.array([])])
def test_an_empty_list_of_quantiles_is_refused_not_taken_for_a_point_forecast(value):
    """``Forecaster(quantiles=[])`` trained a point model without a word; None is the point forecast's spelling."""
    with pytest.raises(RnncastError, match=r"^quantiles .* is an empty list: leave quantiles unset \(None\) for a point "
                                           r"forecast, or give levels such as \[0.1, 0.5, 0.9\]$"):
        Settings.from_flat({"quantiles": value})
    assert Settings.from_flat({"quantiles": None}).model.quantiles == ()  # the settings' own "no levels"


@pytest.mark.parametrize("value", ["0.1,,0.5,0.9", ",0.1,0.5,0.9,"])
def test_the_command_line_refuses_an_empty_quantile_item_in_one_line(tmp_path, capsys, value):
    from rnncast.cli import main

    (tmp_path / "d.csv").write_text("y\n" + "\n".join(str(i % 7) for i in range(40)) + "\n")
    with pytest.raises(SystemExit) as exit_:
        main(["fit", str(tmp_path / "d.csv"), "--target", "y", "--quantiles", value, "--out", str(tmp_path / "run")])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and len(err.strip().splitlines()) == 1 and "has an empty item" in err, err
    assert not (tmp_path / "run").exists()


def test_a_study_space_over_the_settings_of_a_point_model_checks_without_refusing_its_no_levels():
    """The settings keep a point model's levels as (); handed back as a keyword (search's check_space) they are None,
    not the empty list a caller is refused."""
    from rnncast.searchspace import check_space

    check_space({"hidden_size": (8, 16)}, {}, Settings.from_flat({"lookback": 24}))


def test_whole_numbers_are_checked_against_one_range_named_in_the_refusal():
    from rnncast.settingvalues import MAX_SAMPLER_SEED, MAX_WHOLE, in_range, positive_int, power_text, seed

    assert (power_text(MAX_WHOLE), power_text(MAX_SAMPLER_SEED), power_text(64)) == ("2**63 - 1", "2**32 - 1", "64")
    positive_int("epochs", MAX_WHOLE)
    positive_int("epochs", np.int64(3))
    with pytest.raises(RnncastError, match=r"^epochs \(--epochs\) 9223372036854775808 is out of range: accepted are whole numbers "
                                           r"from 1 to 2\*\*63 - 1$"):
        positive_int("epochs", 2 ** 63)
    with pytest.raises(RnncastError, match=r"^epochs \(--epochs\) must be a positive integer, got 0$"):
        positive_int("epochs", 0)
    with pytest.raises(RnncastError, match=r"^segment \(--segment\) -2 is out of range: accepted are whole numbers from 0 to 2\*\*63 - 1"):
        in_range("segment", -2, 0)
    seed("seed", 0)
    seed("seed", MAX_WHOLE)
    for value in (-1, 2 ** 63, 2 ** 64, 2 ** 70):  # -1 seeded as 2**64 - 1, 2**63 as 0: read as other seeds
        with pytest.raises(RnncastError, match=rf"^seed \(--seed\) {value} is out of range: accepted are whole numbers from 0 to "
                                               r"2\*\*63 - 1 \(a seed outside them would be read as another seed"):
            seed("seed", value)
    with pytest.raises(RnncastError, match=r"^sampler_seed \(--sampler-seed\) 4294967296 is out of range: .* from 0 to 2\*\*32 - 1, the"):
        seed("sampler_seed", 2 ** 32, MAX_SAMPLER_SEED, ", the seeds Optuna's TPE sampler takes")
    with pytest.raises(RnncastError, match=r"^seed \(--seed\) must be an integer, got 1.5$"):
        seed("seed", 1.5)


def test_a_cutoff_of_a_whole_number_written_as_a_float_is_held_as_that_number():
    """1960.0 and '1960.0' (--cutoff 1960.0) were held, saved and shown so: the year 1960 they are read as is held."""
    from rnncast.settingvalues import cutoff_text
    assert cutoff_text(1960.0) == "1960" and cutoff_text(" 1960.0 ") == "1960" and cutoff_text("-3.00") == "-3"
    assert [cutoff_text(v) for v in (1960.5, "1960.5", "2024-06-30", "1960", 1960)] == [1960.5, "1960.5", "2024-06-30",
                                                                                        "1960", "1960"]


def test_a_cutoff_given_as_a_number_or_as_text_is_one_setting():
    """A tester's finding: cutoff=1985 (Python) was held as 1985 and --cutoff 1985 (or '1985', a config file) as
    '1985': both read the same rows, but a checkpoint begun with one was refused resuming with the other ("cutoff 1985
    then, '1985' now"). Every whole number is held as its text."""
    from rnncast.config import Settings
    from rnncast.settingtext import parse_setting
    given = (1985, np.int64(1985), np.int32(1985), 1985.0, np.float64(1985.0), "1985", " 1985 ", "+1985", "1985.00")
    assert {Settings.from_flat({"cutoff": v}).data.cutoff for v in given} == {"1985"}
    assert parse_setting("cutoff", "1985") == parse_setting("cutoff", 1985, typed=True) == "1985"
    assert Settings.from_flat({"cutoff": -3}).data.cutoff == "-3"  # integer steps below zero
    for odd in (True, np.bool_(True), 1985.5):  # refused by name, not read as '1' or '1985'
        with pytest.raises(RnncastError, match=r"cutoff"):
            Settings.from_flat({"cutoff": odd})


def test_a_cell_is_read_in_any_case_and_anything_else_kept_for_its_check():
    from rnncast.settingvalues import cell_name, plain_values
    assert [cell_name(v) for v in ("LSTM", " Gru ", "rnn", "LSTMx", None, 3)] == ["lstm", "gru", "rnn", "LSTMx", None, 3]
    assert plain_values({"cell": "GRU", "lookback": np.int64(8)}) == {"cell": "gru", "lookback": 8}


def test_a_value_shown_in_a_refusal_is_one_short_line():
    from rnncast.settingvalues import given

    assert given((140, 160)) == "(140, 160)" and given("random") == "'random'"
    assert given(np.random.default_rng(0).permutation(1000)) == "an array of 1000 values"
    assert given(np.zeros((10, 30))) == "an array of shape (10, 30)"
    assert given(list(range(500))) == "a list of 500 items"
    long = given("x" * 300)
    assert len(long) == 100 and long.endswith("...")


@pytest.mark.parametrize("settings", [dict(seed=list(range(300))), dict(lr=np.ones(200)), dict(lookback=np.arange(50)),
                                      dict(quantiles=np.linspace(0.01, 0.49, 300)), dict(cell="x" * 300)])
def test_a_long_value_handed_to_a_setting_is_refused_in_one_short_line(settings):
    with pytest.raises(RnncastError) as err:
        Forecaster(epochs=1, **settings).fit(pd.DataFrame({"y": np.arange(100.0)}), target="y")
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_a_split_of_a_permutation_is_named_as_an_array_not_printed():
    frame = pd.DataFrame({"x": np.arange(1000.0), "y": np.random.default_rng(0).random(1000)})
    with pytest.raises(RnncastError, match=r"got an array of 1000 values$"):
        Forecaster(lookback=10, epochs=1).fit(frame, target="y", split=np.random.default_rng(0).permutation(1000))


def test_a_whole_cutoff_of_any_numeric_type_or_plain_number_text_is_held_as_its_integer_text(tmp_path):
    """t26t6: np.float32(140) was held as np.float32 and saved as 140.0; '0140' and '1.4e2' cut the rows 140 does but
    were held as written; Fraction(140) fitted, then save() raised TypeError (not JSON serializable). One normaliser
    holds each as '140'; what is no whole number is refused at fit by name."""
    import decimal
    import json
    from fractions import Fraction
    given = (np.float32(140), np.float16(140), "0140", "1.4e2", " 14e1 ", Fraction(140), decimal.Decimal("140.00"),
             decimal.Decimal("1.4E2"), np.uint8(140))
    assert {Settings.from_flat({"cutoff": v}).data.cutoff for v in given} == {"140"}
    assert Settings.from_flat({"cutoff": "12345678901234567890"}).data.cutoff == "12345678901234567890"  # exact
    for kept in ("1e400", "2024-06-30", "20240630", "2017Q3"):
        assert Settings.from_flat({"cutoff": kept}).data.cutoff == kept
    for odd in (Fraction(281, 2), np.float32(140.5), decimal.Decimal("140.5"), decimal.Decimal("NaN"), complex(140)):
        with pytest.raises(RnncastError, match=r"cutoff"):
            Settings.from_flat({"cutoff": odd})
    frame = pd.DataFrame({"step": range(200), "y": np.sin(np.arange(200) / 5.0)})
    model = Forecaster(lookback=8, horizon=2, epochs=1, hidden_size=4, cutoff=Fraction(140)).fit(frame, time_col="step")
    model.save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["params"]["cutoff"] == "140"


def test_every_choice_is_read_in_any_case_and_anything_else_kept_for_its_check():
    """scaler="MinMax" was taken by Forecaster(...) and refused at fit while cell="LSTM" fitted an lstm."""
    from rnncast.settingvalues import CHOICES, choice_name, plain_values
    for name, choices in CHOICES.items():
        assert [choice_name(name, f" {c.upper()} ") for c in choices] == list(choices)
        assert choice_name(name, "Bogus") == "Bogus" and choice_name(name, None) is None
    assert plain_values({"scaler": "MinMax", "window_norm": "LAST", "fill": None}) == {
        "scaler": "minmax", "window_norm": "last", "fill": None}


def test_a_pointed_cutoff_that_is_no_years_number_is_said_as_the_number_alone(caplog):
    """t31t5 (decision 1464): --cutoff 200.0 on steps 0..299 was said "on dated data the year 200 to its end"."""
    import logging

    from rnncast.settingvalues import cutoff_text
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert cutoff_text("200.0") == "200"
    said = [r.getMessage() for r in caplog.records if "read as 200" in r.getMessage()]
    assert said == ["cutoff (--cutoff) '200.0' read as 200, a whole number, as 200 reads"]


def test_a_cutoff_written_with_a_point_and_no_fraction_is_said_as_the_whole_number_it_is_read_as(caplog):
    """t30t9: --cutoff 2023.0 and 2023. were read as the year 2023 without a word, while 2023.5 is refused."""
    import logging

    from rnncast.settingvalues import cutoff_text
    with caplog.at_level(logging.INFO, logger="rnncast"):
        assert cutoff_text("2023.0") == "2023" and cutoff_text("2023.") == "2023"
        assert cutoff_text("2023") == "2023" and cutoff_text(2023.0) == "2023"
    said = [r.getMessage() for r in caplog.records if "read as 2023" in r.getMessage()]
    assert len(said) == 2 and said[0].startswith("cutoff (--cutoff) '2023.0' read as 2023, a whole number: on dated "
                                                 "data the year 2023 to its end")


@pytest.mark.parametrize("given, text, numbers, words", [
    ("-9999,M", "-9999,M", (-9999.0,), ("M",)), ("-9999; M", "-9999, M", (-9999.0,), ("M",)),
    ([" M ", -9999], "M, -9999", (-9999.0,), ("M",)), ("-999,9; ---", "-999.9, ---", (-999.9,), ("---",)),
    (-999, "-999", (-999.0,), ())])
def test_missing_values_take_text_codes_beside_numbers(given, text, numbers, words):
    """NOAA GHCN writes 'M' for a missing value: missing_values took numbers only (decision 1646)."""
    from rnncast.settingvalues import missing_numbers, missing_words

    assert missing_text(given) == text and missing_numbers(text) == numbers and missing_words(text) == words
    assert Settings.from_flat({"missing_values": given}).data.missing_values == text  # settingchecks takes it


@pytest.mark.parametrize("given, says", [("-9999,NA", "'NA' is read as a missing value already; leave it out"),
                                         ("M;a,b", "'a,b' is no number and no text code")])
def test_a_text_code_read_as_missing_already_or_holding_a_separator_is_refused(given, says):
    with pytest.raises(RnncastError, match=re.escape(says)):
        missing_text(given)


def test_a_refused_missing_values_says_a_text_code_matches_whole_cells_in_their_case():
    """Decision 1687: how a text code is matched is said where missing_values is refused, and in --help."""
    from rnncast.config import DataSettings

    with pytest.raises(RnncastError, match=re.escape("or text codes such as M (whole cells, in their case)")):
        missing_text([True])
    assert "which matches a whole cell, spaces around it aside, in its case: 'm' is no 'M'" in \
        DataSettings.__dataclass_fields__["missing_values"].metadata["help"]


def test_case_note_names_a_word_that_is_a_code_in_another_case():
    """Decision 1758 (shared with decision 1687's refusals): 'm' beside the code 'M' is told so; no note otherwise."""
    from rnncast.settingvalues import case_note

    assert case_note(["m"], "-9999,M") == ("'m' is not 'M', a text code of missing_values= (-9999,M): a code matches a "
                                           "whole cell, spaces around it aside, in its case")
    assert case_note(["T"], "-9999,M") == "" and case_note(["m"], None) == "" and case_note(["m"], "-9999") == ""


def test_a_frame_given_where_a_name_is_taken_is_named_by_its_size_not_printed():
    """A DataFrame's repr is many lines; a choice raised pandas' "truth value is ambiguous" (decision 2000)."""
    from rnncast.settingvalues import choice, given

    frame = pd.DataFrame({"holiday": ["a"] * 12, "ds": pd.date_range("2023-01-01", periods=12)})
    assert given(frame) == "a DataFrame of 12 rows and 2 columns (holiday, ds)"
    with pytest.raises(RnncastError, match=r"^unknown cell a DataFrame of 12 rows .*; choose one of: rnn, lstm, gru$"):
        choice("cell", frame, ("rnn", "lstm", "gru"))
    with pytest.raises(RnncastError, match=r"got a DataFrame of 12 rows and 2 columns \(holiday, ds\) \(a DataFrame"):
        Forecaster(missing_values=frame, epochs=1).fit(pd.DataFrame({"y": np.arange(60.0)}))


def test_a_cutoff_given_as_a_quarter_or_year_period_is_held_as_its_days_whatever_its_anchor():
    """str(pd.Period('2016Q3', 'Q-MAR')) is '2016Q3', read on other quarters as July to September 2016: a tester's
    fiscal cutoff cut three quarters late (decision 2032). Its days are held; a month or week as pandas writes it."""
    from rnncast.settingvalues import cutoff_text
    assert cutoff_text(pd.Period("2016Q3", "Q-MAR")) == "2015-10-01/2015-12-31"
    assert cutoff_text(pd.Period("2016", "Y-MAR")) == "2015-04-01/2016-03-31"
    assert cutoff_text(pd.Period("2021-07", "M")) == "2021-07"

@pytest.mark.parametrize("value, says", [([1, 3, 6], "give horizon=6 (--horizon 6) and read steps 1, 3, 6 in by_step (fit's by_step.csv, evaluate's and a backtest's by_step)"),
                                         (range(1, 4), "give horizon=3 (--horizon 3)"),
                                         (np.arange(1, 4), "give horizon=3 (--horizon 3)"),
                                         ("1,3,6", "read steps 1, 3, 6 in by_step (fit's by_step.csv, evaluate's and a backtest's by_step)")])
def test_a_horizon_given_as_sktimes_fh_steps_says_what_horizon_is_and_which_to_give(value, says):
    """``Forecaster(horizon=[1, 3, 6])`` (sktime's fh) was refused as "must be a positive integer" alone: the refusal
    now says horizon is the number of steps and the one that forecasts those steps, in one line (decision 2035)."""
    with pytest.raises(RnncastError) as caught:
        Settings.from_flat({"horizon": value})
    text = str(caught.value)
    assert text.startswith("horizon (--horizon) must be a positive integer, got ") and "\n" not in text
    assert "horizon is the number of steps ahead (sktime's fh=[1, 2, 3] is horizon=3)" in text and text.endswith(says)


@pytest.mark.parametrize("value", [3.0, [0, 1], "abc", [1.5, 2]])
def test_a_horizon_that_is_no_list_of_steps_keeps_its_refusal(value):
    with pytest.raises(RnncastError, match=r"must be a positive integer, got [^:]*$"):
        Settings.from_flat({"horizon": value})
