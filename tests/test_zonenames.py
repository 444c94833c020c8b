"""The zone a user names (``zonenames.py``): an unknown one refused in one line saying what is accepted and what was
likely meant (a fixed offset's form, an abbreviation's usual zones, a near name); accepted names that read otherwise
than they look said."""

import logging

import pandas as pd
import pytest

from rnncast.errors import RnncastError
from rnncast.localtimes import in_zone
from rnncast.noticed import one_call
from rnncast.zonenames import compared, defined, in_timestamp, one_zone, unknown

WALL = pd.date_range("2024-01-15", periods=3, freq="h")
ACCEPTED = ("accepted: an IANA zone name (Europe/Berlin, America/New_York, UTC), a fixed UTC offset written +01:00 or "
            "UTC+01:00 (the IANA Etc/GMT-1 is that offset too: the sign of Etc/GMT names is reversed, east of "
            "Greenwich negative), or no zone, with the timestamps written with their UTC offset")


def _row(i):
    return f"line {i + 2} of load.csv"


@pytest.mark.parametrize("tz, written", [("UTC+1", "+01:00"), ("GMT+1", "+01:00"), ("utc-5", "-05:00"),
                                          ("GMT-05:00", "-05:00"), ("UTC+5:30", "+05:30"), ("+1", "+01:00")])
def test_an_offset_written_as_pandas_does_not_read_it_is_refused_with_the_form_it_reads(tz, written):
    """t27t3: --tz UTC+1 leaked pandas' "invalid literal for int() with base 10: '+'"."""
    with pytest.raises(RnncastError) as err:
        in_zone(WALL, tz, "time", _row)
    ahead = "ahead of" if written[0] == "+" else "behind"
    assert str(err.value) == (f"unknown time zone {tz!r} for the timestamps of 'time': a fixed offset {written[1:]} "
                              f"{ahead} UTC is written {written} (or UTC{written}); it keeps no summer time, so for a "
                              f"place's clock give its IANA zone; {ACCEPTED}")
    assert "int()" not in str(err.value)


@pytest.mark.parametrize("tz, zones", [("BST", "Europe/London, Asia/Dhaka"), ("CST", "America/Chicago, Asia/Shanghai"),
                                        ("IST", "Asia/Kolkata, Europe/Dublin, Asia/Jerusalem"), ("PT", "America/Los_Angeles")])
def test_an_abbreviation_is_refused_with_its_usual_zones_and_the_caution_that_it_names_none(tz, zones):
    """--tz MEZ (German for CET) was offered the legacy zone 'MET'; an abbreviation of no one offset (two places', or
    a clock's) is told its zones alone (those of one offset: decision 1796, below)."""
    with pytest.raises(RnncastError) as err:
        in_zone(WALL, tz, "time", _row)
    said = str(err.value)
    assert said.startswith(f"unknown time zone {tz!r} for the timestamps of 'time': {tz} is an abbreviation (")
    assert "which names no one zone; give the IANA zone of the data's place, such as " in said and zones in said
    assert said.endswith(ACCEPTED) and "MET" not in said and "\n" not in said


@pytest.mark.parametrize("tz, offset, zones", [
    ("MEZ", "+01:00", "Europe/Berlin, Europe/Paris, Europe/Vienna"), ("MESZ", "+02:00", "Europe/Berlin"),
    ("CEST", "+02:00", "Europe/Berlin"), ("EDT", "-04:00", "America/New_York, America/Toronto"),
    ("pst", "-08:00", "America/Los_Angeles"), ("PDT", "-07:00", "America/Los_Angeles"), ("ACDT", "+10:30", "Australia/Adelaide")])
def test_an_abbreviation_of_one_offset_is_offered_that_offset_first_then_the_places_zone(tz, offset, zones):
    """Decision 1796 (t35t2 L4): --tz MEZ was told Europe/Berlin first, which moves every summer timestamp an hour from
    what a service writing MEZ all year means; MEZ is UTC+01:00 by definition, MESZ +02:00."""
    with pytest.raises(RnncastError) as err:
        in_zone(WALL, tz, "time", _row)
    said = str(err.value)
    assert said.startswith(f"unknown time zone {tz!r} for the timestamps of 'time': {tz} is ")
    assert f"UTC{offset} by definition" in said and f"all year, as services write them, give the fixed offset {offset}; " \
        "for a place's local clock, which moves to summer time, give its IANA zone, such as " in said and zones in said
    assert said.index(offset) < said.index(zones.split(",")[0]) and said.endswith(ACCEPTED) and "\n" not in said


def test_mez_and_mesz_say_each_others_offset_and_one_without_summer_time_its_zone_beside():
    assert unknown("MEZ", "t").split("; accepted")[0] == (
        "unknown time zone 'MEZ' for the timestamps of 't': MEZ is Central European Time at UTC+01:00 by definition, "
        "all year (its summer time is written MESZ, UTC+02:00): for timestamps that keep MEZ all year, as services write "
        "them, give the fixed offset +01:00; for a place's local clock, which moves to summer time, give its IANA zone, "
        "such as Europe/Berlin, Europe/Paris, Europe/Vienna")
    assert "MESZ is Central European Time's summer time, UTC+02:00 by definition (its winter time is written MEZ, " \
        "UTC+01:00)" in unknown("MESZ", "t")
    assert "JST is Japan Time, UTC+09:00 (no summer time): for timestamps that keep JST all year, as services write " \
        "them, give the fixed offset +09:00 (or the IANA zone Asia/Tokyo); accepted" in unknown("JST", "t")
    assert defined("CST") is None and defined("IST") is None and defined("XYZ") is None
    assert defined("oesz") == ("+03:00", "Eastern European Time's summer time, UTC+03:00 by definition (its winter "
                               "time is written OEZ, UTC+02:00)", True)


def test_a_timestamp_ending_in_a_zone_abbreviation_is_told_what_it_stands_for():
    """Decision 1795 (t35t2 M2): '2018-10-01 07:00 MEZ' was quoted '... 07:00 ME' (its Z read as UTC's) with no word
    of what MEZ is."""
    col = pd.Series(["2018-10-01 07:00 MEZ", "2018-10-02 07:00 MEZ"])
    assert in_timestamp(col, 0, "date") == (
        ", which ends in 'MEZ', a time-zone abbreviation rnncast does not read in a timestamp: MEZ is Central European "
        "Time at UTC+01:00 by definition, all year (its summer time is written MESZ, UTC+02:00); remove it from the "
        "timestamps and give tz='+01:00', --tz +01:00, the offset it stands for (or, where the times are a place's "
        "local clock, which moves to summer time, its zone, such as Europe/Berlin)")
    both = pd.Series(["2018-10-01 07:00 MESZ", "2018-11-01 07:00 MEZ"])
    assert in_timestamp(both, 0, "date").endswith(
        "the column writes MESZ and MEZ: write each as its UTC offset, e.g. with pandas: df['date'] = df['date']"
        ".str.replace(' MESZ', '+02:00').str.replace(' MEZ', '+01:00'), and give the zone whose clock they follow, "
        "such as tz='Europe/Berlin', --tz Europe/Berlin")
    assert "of no one UTC offset; remove it from the timestamps and give the zone it stands for, tz=, --tz, such as " \
        "Asia/Kolkata" in in_timestamp(pd.Series(["2018-10-01 07:00 IST"]), 0, "d")
    for other in ("2018-10-01 07:00 XYZ", "no date MEZ", "2018-10-01 07:00"):
        assert in_timestamp(pd.Series([other]), 0, "d") is None


def test_a_name_near_a_zone_is_offered_it_and_other_names_only_what_is_accepted():
    with pytest.raises(RnncastError, match=r"^unknown time zone 'Europe/Berln' for the timestamps of 'time' \(did you "
                                           r"mean 'Europe/Berlin'\?\); accepted: an IANA zone name"):
        in_zone(WALL, "Europe/Berln", "time", _row)
    assert unknown("+25:00", "time").startswith("unknown time zone '+25:00' for the timestamps of 'time'; accepted")
    with pytest.raises(RnncastError, match=r"^unknown time zone 'UTC\+25' for the timestamps of 'time'; accepted"):
        in_zone(WALL.tz_localize("UTC"), "UTC+25", "time", _row)  # zoned times too


def test_a_zone_name_is_read_case_insensitively_as_its_iana_name_and_z_is_advised_utc():
    """Decision 1206: --tz utc was kept as 'utc' while asia/seoul was refused for its case; --tz Z was offered 'NZ'."""
    from rnncast.settingtext import parse_setting
    from rnncast.zonenames import canonical

    for given, name in [("utc", "UTC"), ("asia/seoul", "Asia/Seoul"), ("EUROPE/BERLIN", "Europe/Berlin"),
                        (" Europe/Berlin ", "Europe/Berlin"), ("+01:00", "+01:00"), ("Europe/Berln", "Europe/Berln")]:
        assert canonical(given) == name and parse_setting("tz", given) == name
    assert str(in_zone(WALL, "asia/seoul", "time", _row).tz) == "Asia/Seoul"  # the Python API's tz= too
    assert parse_setting("tz", "none") is None
    with pytest.raises(RnncastError, match=r"^unknown time zone 'Z' for the timestamps of 'time': Z is ISO 8601's mark "
                                           r"of UTC, not a zone name; give UTC; accepted"):
        in_zone(WALL, "Z", "time", _row)


@pytest.mark.parametrize("tz, offset", [("+01:00", "+01:00"), ("UTC+01:00", "+01:00"), ("Etc/GMT-1", "+01:00"),
                                         ("-0500", "-05:00"), ("Europe/Berlin", "+01:00"), ("CET", "+01:00")])
def test_the_accepted_forms_place_the_times_at_their_offset(tz, offset):
    assert unknown(tz, "time") is None
    assert in_zone(WALL, tz, "time", _row)[0].isoformat() == f"2024-01-15T00:00:00{offset}"


def test_an_accepted_name_that_reads_otherwise_than_it_looks_is_said_once_per_call(caplog):
    """Said once per call (a fit, a backtest, a command: noticed.one_call), not once per process: a second call in
    a notebook says it again."""
    with caplog.at_level(logging.INFO, logger="rnncast"), one_call():
        assert in_zone(WALL, "Etc/GMT+1", "time", _row)[0].isoformat() == "2024-01-15T00:00:00-01:00"
        in_zone(WALL, "Etc/GMT+1", "time", _row)
        in_zone(WALL, "EST", "time", _row)
        in_zone(WALL, "Etc/GMT-1", "time", _row)
    assert [r.getMessage() for r in caplog.records] == [
        "time zone 'Etc/GMT+1' is UTC-01:00: the sign of Etc/GMT names is reversed (east of Greenwich negative)",
        "time zone 'EST' is tzdata's legacy zone at UTC-05:00 all year, without summer time; for the clocks of New "
        "York, which move in summer, give America/New_York",
        "time zone 'Etc/GMT-1' is UTC+01:00: the sign of Etc/GMT names is reversed (east of Greenwich negative)"]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"), one_call():
        in_zone(WALL, "EST", "time", _row)
    assert len(caplog.records) == 1 and "legacy zone" in caplog.records[0].getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rnncast"):  # outside a call (a module's own function): each time
        in_zone(WALL, "EST", "time", _row)
        in_zone(WALL, "EST", "time", _row)
    assert len(caplog.records) == 2


ROUND = dict(lookback=12, horizon=3, epochs=1, hidden_size=8, batch_size=64, device="cpu", seed=0)


def _hours():
    import numpy as np

    t = np.arange(120)
    return pd.DataFrame({"date": pd.date_range("2024-01-10", periods=120, freq="h"), "y": np.sin(t / 4) + 0.01 * t})


@pytest.mark.parametrize("given, name", [("utc", "UTC"), ("Europe/berlin", "Europe/Berlin"), ("asia/seoul", "Asia/Seoul"),
                                         ("Asia/Seoul", "Asia/Seoul")])
def test_a_zone_given_in_another_case_round_trips_clone_set_params_save_and_load_to_the_same_forecasts(
        given, name, tmp_path, caplog):
    """Decision 1215: get_params gives back the text given (scikit-learn's contract), while the settings that compare
    and are written hold the IANA name: set_params(tz='UTC') on a model fitted with 'utc' warned "set_params changed tz
    'utc' -> 'UTC' since fit", the same zone. A clone, a set_params of either spelling, save and load (the name
    written) forecast alike, and nothing is said of a change."""
    from rnncast import Forecaster

    data = _hours()
    with caplog.at_level(logging.WARNING):
        model = Forecaster(tz=given, **ROUND).fit(data)
        assert model.get_params()["tz"] == given and model.state_.calendar.tz == name
        forecast = model.predict(data)
        clone = type(model)(**model.get_params(deep=False))  # sklearn.base.clone's way: the text given
        assert clone.get_params()["tz"] == given
        pd.testing.assert_frame_equal(clone.fit(data).predict(data), forecast)
        pd.testing.assert_frame_equal(Forecaster(**ROUND).set_params(tz=name).fit(data).predict(data), forecast)
        model.set_params(tz=name)  # the same zone by its IANA name: no change since fit
        pd.testing.assert_frame_equal(model.predict(data), forecast)
        model.save(tmp_path / "m")
        loaded = Forecaster.load(tmp_path / "m")
        assert loaded.get_params()["tz"] == name  # written by its name, as the calendar and config.json keep it
        pd.testing.assert_frame_equal(loaded.predict(data), forecast)
        zoned = data.assign(date=data.date.dt.tz_localize(name))  # times zoned at fit's zone: read as at fit
        pd.testing.assert_frame_equal(loaded.predict(zoned).reset_index(drop=True), forecast.reset_index(drop=True),
                                      check_index_type=False)
    assert not [r for r in caplog.records if "since fit" in r.getMessage()]


def test_a_resume_and_a_continued_tune_compare_zones_by_their_iana_name_and_z_is_refused_by_name(tmp_path):
    """Decision 1215: a checkpoint begun with tz='utc' refused a resume with tz='UTC' ("was begun with other settings
    than this fit has: tz 'utc' then, 'UTC' now"), as a tune study run with settings={'tz': 'utc'} refused a
    continuation with 'UTC'. Both compare the IANA names now; Z is refused at fit saying UTC."""
    from rnncast import Forecaster, tune

    data = _hours()
    Forecaster(tz="utc", **ROUND).fit(data, checkpoint=tmp_path / "c.pt")
    resumed = Forecaster(tz="UTC", **{**ROUND, "epochs": 2}).fit(data, checkpoint=tmp_path / "c.pt", resume=True)
    assert len(resumed.history_) == 2
    pytest.importorskip("optuna")
    tune(data, target="y", trials=1, settings={**ROUND, "tz": "utc"}, search=("lr",), out=tmp_path / "t")
    again = tune(data, target="y", trials=1, settings={**ROUND, "tz": "UTC"}, search=("lr",), out=tmp_path / "t")
    assert len(again.study.trials) == 2 and 'tz = "UTC"' in (tmp_path / "t" / "best.toml").read_text()
    with pytest.raises(RnncastError, match=r"^unknown time zone 'Z' .*: Z is ISO 8601's mark of UTC, not a zone name; "
                                           r"give UTC"):
        Forecaster(tz="Z", **ROUND).fit(data)
    assert Forecaster(tz="Z").get_params()["tz"] == "Z"  # as given, refused where it is read


def test_a_model_saved_with_a_zone_as_typed_loads_it_by_its_iana_name(tmp_path, monkeypatch):
    """A model saved before 1215 kept tz='utc' in its params: loaded by its IANA name, so compare and set_params see
    the zone its calendar holds."""
    import json

    from rnncast import Forecaster, zonenames

    with monkeypatch.context() as patched:
        patched.setattr(zonenames, "canonical", lambda tz: tz)  # an earlier rnncast: the name kept as typed
        Forecaster(tz="utc", **ROUND).fit(_hours()).save(tmp_path / "m")
    assert json.loads((tmp_path / "m" / "model.json").read_text())["params"]["tz"] == "utc"
    loaded = Forecaster.load(tmp_path / "m")
    assert loaded.get_params()["tz"] == "UTC" and loaded.state_.calendar.tz == "UTC"


@pytest.mark.parametrize("one, other", [("UTC", "Etc/UTC"), ("utc", "Etc/UTC"), ("Asia/Calcutta", "Asia/Kolkata"),
                                        ("US/Eastern", "America/New_York")])
def test_names_the_zone_database_links_are_one_zone_for_comparing(one, other):
    assert one_zone(one) == one_zone(other)
    assert compared({"tz": one, "lr": 0.1}) == {"tz": one_zone(other), "lr": 0.1}


def test_other_zones_and_what_is_no_zone_stay_apart():
    assert one_zone("Europe/Paris") != one_zone("Europe/Berlin") and one_zone("Asia/Seoul") == "Asia/Seoul"
    assert one_zone("+01:00") == "+01:00" and one_zone(None) is None and compared({"lr": 1}) == {"lr": 1}
