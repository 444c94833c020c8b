"""What settings accept (``settingchecks.py``): each group's fields, their choices the fields' own,
and the checks across setting groups, called directly and through ``Settings.from_flat`` (what
``Forecaster.fit`` and the CLI use)."""

from __future__ import annotations

import pytest

from rnncast.config import CELLS, DataSettings, ModelSettings, Settings, TrainSettings
from rnncast.settingvalues import CHOICES
from rnncast.errors import RnncastError
from rnncast.settingchecks import check_combinations, check_data, check_effects, check_model, check_ranges, check_train, choices


def test_the_defaults_go_together():
    check_combinations(DataSettings(), ModelSettings(), TrainSettings())


def test_each_group_checks_its_fields_against_the_choices_the_fields_offer():
    assert choices(ModelSettings(), "cell") == CELLS and choices(DataSettings(), "fill") == CHOICES["fill"]
    assert choices(TrainSettings(), "device") == CHOICES["device"]
    for check, group in ((check_data, DataSettings()), (check_model, ModelSettings(quantiles=())), (check_train, TrainSettings())):
        check(group)  # the defaults pass (quantiles: () as from_flat makes None)
    with pytest.raises(RnncastError, match="unknown cell 'tcn'; choose one of: rnn, lstm, gru"):
        check_model(ModelSettings(cell="tcn", quantiles=()))
    with pytest.raises(RnncastError, match="unknown fill 'mean'; choose one of: ffill, interpolate, zero, drop"):
        check_data(DataSettings(fill="mean"))
    with pytest.raises(RnncastError, match=r"num_layers \(--num-layers\) 65 is more than 64"):
        check_model(ModelSettings(num_layers=65, quantiles=()))


@pytest.mark.parametrize("params, refusal", [
    (dict(segment=5, lookback=24), "lookback 24 is not a whole number of segments of 5 steps"),
    (dict(quantiles=(0.1, 0.5, 0.9), loss="mae"), "a quantile head trains on the pinball loss"),
    (dict(window_norm="season"), "give the period in steps"),
    (dict(season=48, lookback=24, window_norm="season"), "lookback 24: window_norm 'season' starts the forecast at the "
                                                         "last season"),  # bench has no seasonal-naive baseline
    (dict(scheme="sequence", window_scale=True), "scheme 'sequence' does not take window_scale"),
    (dict(highway=False, highway_start="least_squares"), "this model has none"),
])
def test_settings_that_cannot_go_together_are_refused_by_name(params, refusal):
    with pytest.raises(RnncastError, match=refusal):
        Settings.from_flat(params)


@pytest.mark.parametrize("params, refusal", [
    (dict(seed=-1), r"seed \(--seed\) -1 is out of range: accepted are whole numbers from 0 to 2\*\*63 - 1"),
    (dict(seed=2 ** 63), r"seed \(--seed\) 9223372036854775808 is out of range: accepted are whole numbers from 0 to 2\*\*63 - 1"),
    (dict(seed=2 ** 70), r"seed \(--seed\) 1180591620717411303424 is out of range"),
    (dict(hidden_size=10 ** 23 - 1), r"hidden_size \(--hidden-size\) 99999999999999999999999 is out of range: accepted are whole numbers from "
                                 r"1 to 1048576 \(a layer of more units would need terabytes of memory\)"),
    (dict(hidden_size=10 ** 9), r"hidden_size \(--hidden-size\) 1000000000 is out of range"),  # torch: "Storage size calculation overflowed"
    (dict(num_layers=10 ** 23 - 1), r"num_layers \(--num-layers\) 99999999999999999999999 is more than 64"),  # the cap's own words, not int64's
    (dict(lookback=2 ** 63), r"lookback \(--lookback\) 9223372036854775808 is out of range: accepted are whole numbers from 1 to 2\*\*63 - 1"),
    (dict(horizon=10 ** 23 - 1), r"horizon \(--horizon\) 99999999999999999999999 is out of range"),
    (dict(season=2 ** 64), r"season \(--season\) 18446744073709551616 is out of range"),
    (dict(epochs=2 ** 63), r"epochs \(--epochs\) 9223372036854775808 is out of range"),
    (dict(batch_size=2 ** 63), r"batch_size \(--batch-size\) 9223372036854775808 is out of range"),
    (dict(patience=2 ** 63), r"patience \(--patience\) 9223372036854775808 is out of range"),
    (dict(segment=2 ** 63), r"segment \(--segment\) 9223372036854775808 is out of range: accepted are whole numbers from 0"),
    (dict(max_batches=2 ** 63), r"max_batches \(--max-batches\) 9223372036854775808 is out of range: accepted are whole numbers from 0"),
    (dict(scheme="sequence", chunk=2 ** 63), r"chunk \(--chunk\) 9223372036854775808 is out of range"),
])
def test_every_whole_number_setting_past_its_range_is_refused_naming_the_range(params, refusal):
    """A number past int64 failed deep in torch or NumPy (a seed of 2**70: "Overflow when unpacking long long"), and
    a seed of -1 or 2**63 trained as the seeds 2**64 - 1 and 0: each is refused, the data's and the network's by
    ``Settings.from_flat``, training's counts and the seed where a fit starts (``check_ranges``, by ``check_effects``)."""
    with pytest.raises(RnncastError, match="^" + refusal):
        check_effects(Settings.from_flat(params).train)


def test_a_saved_models_seed_or_count_past_the_range_is_read_back_as_it_was_fitted():
    """Models fitted with seed=-1 or epochs=10**23 before the ranges were checked still load (``FittedState.read``
    builds their settings); only a new fit refuses them."""
    settings = Settings.from_flat(dict(seed=-1, epochs=10 ** 23, patience=2 ** 63, batch_size=2 ** 63, max_batches=2 ** 70))
    assert (settings.train.seed, settings.train.epochs) == (-1, 10 ** 23)
    with pytest.raises(RnncastError, match=r"^epochs \(--epochs\) 100000000000000000000000 is out of range"):
        check_ranges(settings.train)
    with pytest.raises(RnncastError, match=r"^seed \(--seed\) must be an integer, got 1.5$"):  # the type still refused at once
        Settings.from_flat(dict(seed=1.5))


def test_the_largest_seed_and_hidden_size_are_taken():
    assert Settings.from_flat(dict(seed=2 ** 63 - 1, hidden_size=2 ** 20)).train.seed == 2 ** 63 - 1


def test_the_thread_count_is_checked_by_one_rule_for_fit_and_the_commands_that_run_a_model():
    from rnncast.settingchecks import check_threads

    check_threads(0)
    check_threads(1024)
    for threads in (1025, 10 ** 23, -1, 1.0, True):
        with pytest.raises(RnncastError, match=r"^threads \(--threads\) must be an integer from 0 to 1024"):
            check_threads(threads)


def test_each_split_fraction_names_the_range_it_takes():
    """--test-frac 1.5 was told "[0, 1)", and then 0 was refused (decision 554); 0 is now a final fit on every row
    (decision 2117), so both fractions take [0, 1)."""
    with pytest.raises(RnncastError, match=r"^test_frac \(--test-frac\) must be a number in \[0, 1\), got 1\.5$"):
        Settings.from_flat({"test_frac": 1.5})
    assert Settings.from_flat({"test_frac": 0, "val_frac": 0}).data.test_frac == 0
    with pytest.raises(RnncastError, match=r"^val_frac \(--val-frac\) must be a number in \[0, 1\), got 1\.5$"):
        Settings.from_flat({"val_frac": 1.5})


def test_a_cutoff_is_text_or_a_whole_number_and_takes_the_place_of_test_frac():
    """cutoff makes every row after it a test row: a test_frac beside it would be passed over, so it is refused; a
    Timestamp (which model.json cannot keep as given) is refused with its text."""
    import pandas as pd

    check_data(DataSettings(cutoff="2024-06-30"))
    check_data(DataSettings(cutoff=2050))
    with pytest.raises(RnncastError, match=r"^cutoff='2024-06-30' makes every row after it a test row, and "
                                           r"test_frac=0.3 would cut .*; give cutoff or test_frac, not both$"):
        check_data(DataSettings(cutoff="2024-06-30", test_frac=0.3))
    with pytest.raises(RnncastError, match=r"^test_frac \(--test-frac\) 0 trains on every row, and cutoff \(--cutoff\) "
                                           r"'2024-06-30' makes the rows after it test rows; give the cutoff"):
        check_data(DataSettings(cutoff="2024-06-30", test_frac=0))  # a final fit (decision 2117) has no test rows
    assert Settings.from_flat({"cutoff": pd.Timestamp("2024-06-30")}).data.cutoff == "2024-06-30T00:00:00"  # its text
    with pytest.raises(RnncastError, match=r"got ' '$"):
        check_data(DataSettings(cutoff=" "))
    check_data(DataSettings(cutoff=1960.0))  # a whole number written as a float, as years written 1871.0 are read
    for part in (1960.5, float("nan")):
        with pytest.raises(RnncastError, match=r"^cutoff \(--cutoff\) .* is not a whole number: give a time as text"):
            check_data(DataSettings(cutoff=part))


@pytest.mark.parametrize("given, says", [
    ("0.5,0.9999999999999", r"\[0.5, 0.9999999999999\] are written as the columns' names to 6 significant digits "
                            r"\(0.5, 1\), and '1' names no level inside \(0, 1\)"),
    ("0.1,0.5,0.50000001", r"\(0.1, 0.5, 0.5\), and '0.5' names two of them; give levels that differ within 6"),
    ("0.5,0.99999999", r"'1' names no level inside")])
def test_quantile_levels_are_refused_as_given_where_their_columns_names_would_clash_or_read_as_an_end(given, says):
    """A tester's 0.9999999999999 was refused as "got [0.5, 1.0]", a level never given; 0.50000001 beside 0.5 was
    told to rename a target; 0.99999999 was accepted and written as a column 'sales_q1', a 100 % quantile."""
    from rnncast import Forecaster

    with pytest.raises(RnncastError, match=says):
        Forecaster(quantiles=given).fit([float(v % 7) for v in range(80)])
    from rnncast.quantilelevels import parse_quantiles

    assert parse_quantiles([1e-20, 0.5]) == (1e-20, 0.5)  # kept as given, not rounded to 0.0
    assert parse_quantiles("0.30000000000000004,0.5") == (0.3, 0.5)  # float noise still rounded away


def test_a_quantile_loss_is_refused_by_one_check_wherever_the_loss_is_given():
    """``check_loss_name``: the flag's text (``parse_setting``) and a settings group (``check_train``) alike."""
    from rnncast.settingchecks import check_loss_name
    from rnncast.settingtext import parse_setting
    said = r"^loss \(--loss\) 'MQLoss' is a quantile loss: rnncast trains on the pinball loss when given quantile levels"
    for call in (lambda: check_loss_name("MQLoss"), lambda: check_train(TrainSettings(loss="MQLoss")),
                 lambda: parse_setting("loss", "MQLoss")):
        with pytest.raises(RnncastError, match=said):
            call()
    check_loss_name("mae")  # any other loss: left to the loss's choices
    assert parse_setting("loss", "mae") == "mae"


def test_levels_are_mirrored_with_the_median_and_intervals_read_as_their_ends():
    from rnncast.settingchecks import interval_quantiles, mirrored
    assert mirrored([0.1, 0.2]) == [0.1, 0.2, 0.5, 0.8, 0.9]
    assert mirrored((0.3, 0.7, 0.5)) == [0.3, 0.5, 0.7]
    assert interval_quantiles([80, 90]) == [0.05, 0.1, 0.5, 0.9, 0.95]
    with pytest.raises(RnncastError, match=r"\[0\.1, 0\.2\] lack 0\.5: the point forecast is the median; give 0\.1,0\.2,0\.5,0\.8,0\.9, the "):
        check_model(ModelSettings(quantiles=(0.1, 0.2)))


def test_a_number_for_tz_is_refused_naming_the_zone_forms_and_the_offset_an_hour_count_means():
    """A tester's tz=5 fitted and then failed at predict in pandas ('+00:00:05': five seconds), tz=3600 read as
    +01:00 without a word, and tz=5.5 was advised a frequency's example ('MS')."""
    for value, offset in ((5, r"; for a fixed offset of 5 hours give '\+05:00'$"), (5.5, r"give '\+05:30'$"),
                          (-3, "give '-03:00'$"), (3600, r"got 3600$"), (True, "got True$")):
        with pytest.raises(RnncastError, match=r"^tz \(--tz\) must be a time zone as text: an IANA name such as "
                                               rf"'Europe/Berlin' or 'UTC', or a fixed offset such as '\+05:30', .*{offset}"):
            check_data(DataSettings(tz=value))
    with pytest.raises(RnncastError, match=r"^freq \(--freq\) must be text such as 'D' or 'MS'"):
        check_data(DataSettings(freq=1.5))
    check_data(DataSettings(tz="+05:00", freq=7))  # text for tz; a whole freq for integer periods


@pytest.mark.parametrize("value, offset", [("5", r"got '5'; for a fixed offset of 5 hours give '\+05:00'$"),
                                           (" 5.5", r"give '\+05:30'$"), ("3600", "got '3600'$")])
def test_text_that_is_a_number_for_tz_is_refused_as_a_number_is_with_the_offset_it_may_mean(value, offset):
    """`--tz 5` was told "unknown time zone '5'" (zonenames), where tz=5 in Python or config.json is told the offset
    an hour count means: one message for all doors."""
    with pytest.raises(RnncastError, match=r"^tz \(--tz\) must be a time zone as text: .*" + offset):
        check_data(DataSettings(tz=value))
    check_data(DataSettings(tz="UTC+5"))  # a zone pandas reads, or refused with its own offset advice (zonenames)
