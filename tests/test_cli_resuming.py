"""``fit --resume``'s request (``cli/resuming.py``): the run's config.json, or that of the new run begun in the
folder to replace the run there (``replacing``), which is the one continued. The resumes themselves, interrupted
and killed, are in scenarios/test_run_safety.py and scenarios/test_interrupted_fit.py."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from rnncast import replacing
from rnncast.cli.resuming import MoveFinished, resume_request
from rnncast.errors import RnncastError


def _config(folder, data, **settings) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps({
        "settings": {"lookback": 12, "horizon": 3, **settings}, "data": {"source": str(data), "target": ["y"]},
        "paths": {}, "fingerprint": None}))


def _args(run) -> argparse.Namespace:
    return argparse.Namespace(resume=str(run), config=None, data=None, device="cpu", threads=1)


def test_resume_continues_the_new_run_begun_to_replace_a_finished_one(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run, data, hidden_size=8)
    (run / "report.html").write_text("")  # finished: resumed alone, it is refused (decision 324)
    with pytest.raises(RnncastError, match="finished training"):
        resume_request(_args(run))
    _config(replacing.staged(run), data, hidden_size=4)  # a new run, cut short, beside it
    out, settings, request, _ = resume_request(_args(run))
    assert out == run and settings["hidden_size"] == 4 and request["source"] == str(data)


def test_a_replacing_move_a_kill_cut_short_is_finished_before_the_run_is_read(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run / replacing.DONE, data, hidden_size=4)
    (run / replacing.DONE / "report.html").write_text("")  # the new run, complete, was being moved into place
    with pytest.raises(MoveFinished, match="finished moving the new run into"):  # a success: fit says it, exit 0
        resume_request(_args(run))  # (it said "finished training at epoch 2; nothing to resume", exit 2)
    assert json.loads((run / "config.json").read_text())["settings"]["hidden_size"] == 4
    assert not (run / replacing.DONE).exists()


def test_fit_config_run_on_its_data_changed_since_says_it_does_not_repeat_the_run(tmp_path, capsys, caplog):
    """`fit --config RUN --out NEW` repeats a run on its data; the data file changed since (rows appended, values
    changed) was trained on without a word, though config.json keeps its fingerprint. The fit goes on (the run's settings
    on the data as it is now) and warns once, naming the file, the run and what differs; metrics.json keeps it."""
    from conftest import make_frame
    from test_cli import cli, fit_args

    def warned():
        said = [r.getMessage() for r in caplog.records if r.name == "rnncast.cli.resuming"]
        caplog.clear()
        return said

    data, run = tmp_path / "d.csv", tmp_path / "run"
    frame = make_frame(200)
    frame.to_csv(data, index=False)
    assert cli(capsys, *fit_args(data, run, "--epochs", "1", "--lookback", "12", "--horizon", "3"))[0] == 0
    code, _, err = cli(capsys, "fit", "--config", run, "--out", tmp_path / "same")
    assert code == 0 and not warned()  # the same data: a repeat, nothing to say
    make_frame(210).to_csv(data, index=False)  # ten rows appended
    code, _, err = cli(capsys, "fit", "--config", run, "--out", tmp_path / "more")
    said = (f"the data in {data} differs from what the run {run} trained on (it had 200 rows, 2024-01-01 00:00:00 to "
            "2024-01-09 07:00:00; this data has 210 rows, 2024-01-01 00:00:00 to 2024-01-09 17:00:00), so this fit does "
            "not repeat that run: it trains that run's settings on the data as it is now")
    assert code == 0 and warned() == [said]
    assert {"level": "warning", "text": said} in json.loads((tmp_path / "more" / "metrics.json").read_text())["notes"]
    frame.assign(y=frame["y"] + 1).to_csv(data, index=False)  # the same rows, other values; given again as DATA
    code, _, err = cli(capsys, "fit", "--config", run, data, "--out", tmp_path / "changed")
    assert code == 0 and "it had the same 200 rows, 2024-01-01 00:00:00 to 2024-01-09 07:00:00, but other values in " \
                         "column 'y'), so this fit does not repeat that run" in warned()[0]
    frame.head(150).to_csv(tmp_path / "other.csv", index=False)
    code, _, err = cli(capsys, "fit", "--config", run, tmp_path / "other.csv", "--out", tmp_path / "other")
    assert code == 0 and not warned()  # other data given: no repeat was asked for


def test_resume_takes_epochs_as_the_settings_check_allows(tmp_path):
    """``fit --resume RUN --epochs 31`` was refused ("only DATA, --device and --threads") while the settings check's
    refusal said epochs may change: --epochs is now taken, as a hand-edited config.json's epochs was."""
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run, data, epochs=6)
    _, settings, _, _ = resume_request(argparse.Namespace(**vars(_args(run)), epochs=31))
    assert settings["epochs"] == 31 and settings["device"] == "cpu"
    with pytest.raises(RnncastError, match=r"only DATA, --epochs, --device and --threads may be given with it, not --lr"):
        resume_request(argparse.Namespace(**vars(_args(run)), epochs=31, lr=0.1))


def test_a_setting_or_column_given_with_resume_is_refused_with_the_value_given_and_the_runs(tmp_path):
    """``fit --resume RUN --holidays US`` was refused naming --holidays alone: neither what was given nor what the run
    keeps, which a new run (``--config RUN --out NEW``) would change."""
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    run = tmp_path / "run"
    _config(run, data, holidays=None, tz="UTC")
    given = argparse.Namespace(**vars(_args(run)), holidays="US", tz="Europe/Berlin", target=["z", "w"])
    with pytest.raises(RnncastError, match=r"may be given with it, not --target z,w \(the run's: y\), --holidays US \(the "
                                           r"run's: none\), --tz Europe/Berlin \(the run's: UTC\) \(to change them, start "
                                           r"a new run: rnncast fit --config "):
        resume_request(given)
    with pytest.raises(RnncastError, match=r"not --holidays US \(to change them"):  # no run there: the flags alone
        resume_request(argparse.Namespace(**vars(_args(tmp_path / "none")), holidays="US"))


def test_a_flag_that_repeats_the_runs_own_value_is_taken_and_one_that_changes_it_says_the_runs_as_it_began(tmp_path):
    """``--lookback 14`` on a run of lookback 14 was refused with "to change them ..." though nothing changed, and
    "(the run's: B)" named config.json's edited freq, not the none the checkpoint began with, nor the calendar the
    run found. The run's values are now its checkpoint's; a flag that only repeats one is taken (``--target y`` puts
    back a target removed from config.json)."""
    from conftest import TINY, make_frame
    from rnncast import Forecaster

    data = tmp_path / "d.csv"
    make_frame(200).to_csv(data, index=False)
    run = tmp_path / "run"
    run.mkdir()
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=run / "checkpoint.safetensors")
    _config(run, data, freq="B")  # edited: the checkpoint began with none
    config = json.loads((run / "config.json").read_text())
    config["data"]["target"], config["run"] = None, {"calendar": {"freq": "h"}}
    (run / "config.json").write_text(json.dumps(config))
    _, settings, request, _ = resume_request(argparse.Namespace(**vars(_args(run)), lookback=12, target=["y"]))
    assert settings["lookback"] == 12 and request["target"] == ["y"]
    with pytest.raises(RnncastError, match=r"not --target x \(the run's: y\), --freq D \(the run's: none; the "
                                           r"calendar it found in its data: h\) \(to change them"):
        resume_request(argparse.Namespace(**vars(_args(run)), lookback=12, freq="D", target=["x"]))


def test_resume_of_a_run_of_a_newer_config_format_is_refused_as_newer_not_called_finished(tmp_path):
    """A tester's finding: `fit --resume RUN` of a finished run whose config.json has format_version 2 answered
    "finished training ...; fit again with --config RUN", which is then refused as newer. The version is checked
    first, finished run or unfinished, as --config checks it."""
    data = tmp_path / "d.csv"
    data.write_text("t,y\n")
    for finished in (True, False):
        run = tmp_path / f"run{finished}"
        _config(run, data, hidden_size=8)
        config = json.loads((run / "config.json").read_text())
        (run / "config.json").write_text(json.dumps({"format_version": 2, **config}))
        if finished:
            (run / "report.html").write_text("")
        with pytest.raises(RnncastError, match=r"^config .*config.json uses config format version 2; this rnncast "
                                               r"\(.+\) reads version 1: it was written by a newer rnncast: upgrade"):
            resume_request(_args(run))


def test_fit_config_run_whose_static_table_alone_changed_names_that_table(tmp_path, caplog, monkeypatch):
    """The warning named only the data file ("the data in panel.csv differs ...: its static covariates had other
    values") where the --static table alone had changed."""
    import logging

    from rnncast import fingerprint
    from rnncast.cli.resuming import warn_other_data

    run = tmp_path / "run"
    run.mkdir()
    (run / "config.json").write_text(json.dumps({"data": {"source": "panel.csv"}, "fingerprint": {"version": 1}}))
    monkeypatch.setattr(fingerprint, "difference", lambda recorded, found: fingerprint.STATIC_DIFFERS)
    with caplog.at_level(logging.WARNING):
        warn_other_data(run, None, "panel.csv", {"rows": 1}, "static.csv")
    assert caplog.messages == [f"the static covariates in static.csv differ from what the run {run} trained on (the data "
                               "in panel.csv is the same), so this fit does not repeat that run: it trains that run's "
                               "settings on the table as it is now"]


@pytest.mark.parametrize("version, said", [(2, "its version is 2"), ("one", 'its version is "one"'),
                                           (None, "its version is null"), (True, "its version is true"),
                                           (1.0, "its version is 1.0")])  # true, 1.0: not 1 (decision 1843)
def test_a_run_whose_data_record_cannot_be_read_is_not_said_to_be_of_other_data(tmp_path, caplog, version, said):
    """t35t5 2: config.json's fingerprint.version edited to 2 made `fit --resume RUN` say the run "was started on other
    data than one.csv" and then ask for one.csv, and `fit --config RUN` warn that the data "differs": the record is
    unreadable, so nothing is known of the data (decision 1781). The refusal and the warning say so, and what to do."""
    import logging

    from rnncast.cli.resuming import check_resumed_data, warn_other_data

    data, run = tmp_path / "one.csv", tmp_path / "run"
    data.write_text("t,y\n")
    run.mkdir()
    config = run / "config.json"
    config.write_text(json.dumps({"data": {"source": str(data)}, "fingerprint": {"version": version, "rows": 1}}))
    with pytest.raises(RnncastError) as err:
        check_resumed_data(run, str(data), {"version": 1, "rows": 1}, config)
    assert str(err.value) == (
        f"{config} holds a data record (fingerprint) this rnncast cannot read ({said}, where this rnncast reads 1: "
        f"written by another rnncast version, or edited), so whether {data} is the data the run started with cannot be "
        f"checked (a resumed run must train on that data); restore config.json from a copy (or resume with the rnncast "
        f"version that started the run), or start a new run on this data: rnncast fit --config {run} {data} --out NEW")
    assert "other data" not in str(err.value)
    with caplog.at_level(logging.WARNING):
        warn_other_data(run, None, str(data), {"version": 1, "rows": 1})
    assert caplog.messages == [f"whether the data in {data} is what the run {run} trained on cannot be checked: its "
                               f"config.json's data record (fingerprint) cannot be read ({said}, where this rnncast "
                               "reads 1: written by another rnncast version, or edited); this fit trains that run's "
                               "settings on the data as it is"]


@pytest.mark.parametrize("record, kind", [([1, 2], "list"), ("damaged", "str")])
def test_a_data_record_that_is_no_json_object_is_unreadable_not_a_run_before_fingerprints(tmp_path, caplog, record,
                                                                                            kind):
    """t35t7 L4: config.json's ``"fingerprint": [1, 2]`` (or "damaged") was read as a run started before fingerprints
    were kept: the resume went on unchecked, and only the checkpoint's own check caught other data. It is the
    unreadable record of decision 1781 now, refused and warned of in its words (decision 1843)."""
    import logging

    from rnncast.cli.resuming import check_resumed_data, warn_other_data

    data, run = tmp_path / "one.csv", tmp_path / "run"
    data.write_text("t,y\n")
    run.mkdir()
    config = run / "config.json"
    config.write_text(json.dumps({"data": {"source": str(data)}, "fingerprint": record}))
    with pytest.raises(RnncastError, match=rf"^{re.escape(str(config))} holds a data record \(fingerprint\) this rnncast "
                                           rf"cannot read \(it is {kind}, not a record: written by another rnncast"):
        check_resumed_data(run, str(data), {"version": 1, "rows": 1}, config)
    with caplog.at_level(logging.WARNING):
        warn_other_data(run, None, str(data), {"version": 1, "rows": 1})
    assert len(caplog.messages) == 1 and f"cannot be read (it is {kind}, not a record:" in caplog.messages[0]
    config.write_text(json.dumps({"data": {"source": str(data)}, "fingerprint": None}))  # started before: not checked
    check_resumed_data(run, str(data), {"version": 1, "rows": 1}, config)
