"""A resume's reading of its checkpoint (``resumedrecord``): verified by its SHA-256 before any of it is trusted, and
the columns config.json names by role against those the run read, each refused before the data is read, touching
nothing in the run's folder."""

from __future__ import annotations

import json

import pytest
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from rnncast.resumedrecord import edited_roles, own_values, verify


def _run(tmp_path, covariates=False):
    """A run folder begun on ``d.csv`` (one epoch of two) and its config.json as ``rnncast fit`` writes it, with
    the run record a finished training adds (x left unused, or a past covariate)."""
    data, run = tmp_path / "d.csv", tmp_path / "run"
    make_frame(200).to_csv(data, index=False)
    run.mkdir()
    past = ["x"] if covariates else None
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", past_covariates=past,
                                            checkpoint=run / "checkpoint.safetensors")
    (run / "config.json").write_text(json.dumps({
        "settings": Forecaster(**{**TINY, "epochs": 1}).get_params(), "fingerprint": None,
        "data": {"source": str(data), "target": ["y"], "features": None, "time_col": None, "id_col": None,
                 "series": None, "past_covariates": past, "future_covariates": None, "static_covariates": None},
        "run": {"target": ["y"], "past_covariates": past or [], "future_covariates": [], "static_covariates": [],
                "not_used": [] if covariates else ["x"], "time_col": "date", "id_col": None, "layout": "single",
                "calendar": {"freq": "h"}}}))
    return run


def _edit(run, **data):
    config = json.loads((run / "config.json").read_text())
    for key, value in data.items():
        if value is KeyError:
            del config["data"][key]
        else:
            config["data"][key] = value
    (run / "config.json").write_text(json.dumps(config))


def _tamper(checkpoint, edit):
    """The checkpoint's loop record edited by hand, its recorded SHA-256 kept: content not as written."""
    with safe_open(str(checkpoint), framework="pt") as f:
        meta = dict(f.metadata())
    loop = json.loads(meta["loop"])
    edit(loop)
    save_file(load_file(checkpoint), checkpoint, metadata={**meta, "loop": json.dumps(loop)})


def _refused(run, capsys, *flags) -> str:
    """``fit --resume RUN`` refused in one line, every file of the run and the folder as they were."""
    from rnncast.cli import main

    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in run.iterdir()}
    folder = run.stat().st_mtime_ns
    assert main(["fit", "--resume", str(run), "--epochs", "2", *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in run.iterdir()} == before
    assert run.stat().st_mtime_ns == folder
    return err


@pytest.mark.parametrize("edit", [lambda loop: loop["settings"].update(holidays="US"),
                                  lambda loop: loop.pop("settings"),
                                  lambda loop: loop["data"].update(targets=["x"])])
def test_a_checkpoint_edited_since_it_was_written_is_refused_as_damaged_before_any_comparison(tmp_path, capsys, edit):
    """holidays edited inside checkpoint.safetensors was blamed on config.json ("holidays 'US' then, None now"); with
    no settings record the SHA-256 mismatch was said only once the data was read, the folder's lock file made."""
    run = _run(tmp_path)
    _edit(run, target="x")  # a comparison that would also refuse: the damage is said first
    _tamper(run / "checkpoint.safetensors", edit)
    err = _refused(run, capsys)
    assert "checkpoint.safetensors is damaged: its content is not what it was written with (its SHA-256" in err
    with pytest.raises(RnncastError, match="is damaged"):
        verify(run / "checkpoint.safetensors")


@pytest.mark.parametrize("data, says", [
    ({"target": None}, "target ['y'] then, none now"),
    ({"target": KeyError}, "target ['y'] then, none now"),
    ({"target": "x"}, "target ['y'] then, ['x'] now"),  # one name, read as TOML's: a list of one
    ({"target": ["y", "x"]}, "target ['y'] then, ['y', 'x'] now"),
    ({"past_covariates": ["x"]}, "past_covariates none then, ['x'] now"),
    ({"future_covariates": "x"}, "future_covariates none then, ['x'] now"),
    ({"static_covariates": ["x"]}, "static_covariates none then, ['x'] now"),
    ({"time_col": "x"}, "time_col 'date' then, 'x' now"),
    ({"id_col": "x"}, "id_col none then, 'x' now"),
])
def test_a_column_role_edited_in_config_json_is_named_before_the_data_is_read(tmp_path, capsys, data, says):
    """A target set to null or deleted was "cannot be read as the run's data", then "none is named the target ...
    --target y", a flag --resume refused; a target as one name ("y2", as TOML gives it) or a covariate added was
    blamed on the data ("started on other data"). Each is now named as the edit, the folder untouched."""
    run = _run(tmp_path)
    _edit(run, **data)
    err = _refused(run, capsys)
    assert f"config.json names other columns than the run read its data with: {says}; a resumed run reads" in err
    assert f"rnncast fit --config {run} --out NEW, or start the run again with --overwrite" in err


def test_a_covariate_removed_is_named_and_the_same_columns_in_other_forms_are_not(tmp_path):
    run = _run(tmp_path, covariates=True)
    loop = verify(run / "checkpoint.safetensors")
    assert edited_roles(run / "config.json", loop) == []
    _edit(run, target="y", past_covariates="x")  # one name, as the reader reads it: the same columns
    assert edited_roles(run / "config.json", loop) == []
    _edit(run, past_covariates=None)
    assert edited_roles(run / "config.json", loop) == [("past_covariates", ["x"], None)]
    _edit(run, past_covariates=None, features=["x"])  # the covariates --features chose: config.json names none
    assert edited_roles(run / "config.json", loop) == []


def test_a_target_the_run_found_alone_or_given_again_is_not_an_edit(tmp_path):
    """A run started without --target on a table of one column keeps target null; a resume given the run's own
    target (``--target y``) reads it so."""
    run = _run(tmp_path)
    loop = verify(run / "checkpoint.safetensors")
    config = json.loads((run / "config.json").read_text())
    config["data"]["target"], config["run"]["not_used"] = None, []
    (run / "config.json").write_text(json.dumps(config))
    assert edited_roles(run / "config.json", loop) == []
    config["run"]["not_used"] = ["x"]
    (run / "config.json").write_text(json.dumps(config))
    assert edited_roles(run / "config.json", loop, {"target": ["y"]}) == []
    assert edited_roles(run / "config.json", loop, {"target": None}) == [("target", ["y"], None)]


def test_the_runs_own_values_are_the_checkpoints_with_the_calendar_it_found(tmp_path):
    run = _run(tmp_path)
    config = json.loads((run / "config.json").read_text())
    config["settings"]["freq"], config["settings"]["lookback"] = "B", 30  # edited: the checkpoint began otherwise
    (run / "config.json").write_text(json.dumps(config))
    own = own_values(run / "config.json", verify(run / "checkpoint.safetensors"))
    assert (own["freq"], own["lookback"], own["target"], own["calendar"]) == (None, 12, ["y"], "h")


@pytest.mark.parametrize("given", [None, "QS-APR"])
def test_a_quarterly_calendar_a_run_found_before_1044_is_named_as_a_read_now_names_it(tmp_path, given):
    """A run before decision 1044 recorded data from 2015Q2 as 'QS-APR': the advice to resume it named "the calendar
    it found in its data: 'QS-APR'", which given as --freq is fiscal quarters from April; now 'QS-JAN'. One the run
    was given is its own and kept."""
    run = _run(tmp_path)
    config = json.loads((run / "config.json").read_text())
    config["settings"]["freq"], config["run"]["calendar"]["freq"] = given, "QS-APR"
    (run / "config.json").write_text(json.dumps(config))
    assert own_values(run / "config.json", None)["calendar"] == ("QS-APR" if given else "QS-JAN")


def test_a_run_on_fiscal_periods_keeps_their_calendar_as_found(tmp_path):
    """A run on a Q-MAR PeriodIndex records 'QE-MAR' (kind 'period'): its own quarters, not a name before decision
    1044 to be read as the calendar year's 'QE-DEC' (decision 2104)."""
    run = _run(tmp_path)
    config = json.loads((run / "config.json").read_text())
    config["settings"]["freq"], config["run"]["calendar"] = None, {"kind": "period", "freq": "QE-MAR"}
    (run / "config.json").write_text(json.dumps(config))
    assert own_values(run / "config.json", None)["calendar"] == "QE-MAR"


def test_a_stray_report_html_beside_an_unfinished_training_is_said_as_such_not_a_damaged_metrics_json(tmp_path):
    """t35t4 L3: a run interrupted at epoch 2 of 4 plus a report.html (a foreign one) was refused as "finished
    training at epoch 2, but its metrics.json is damaged", though there was no metrics.json and training had not
    ended (decision 1804). A finished run whose metrics.json is gone says "is missing"."""
    from rnncast.resumedrecord import refuse_finished

    run = tmp_path / "run"
    run.mkdir()

    def stop(record):
        if record.epoch == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Forecaster(**{**TINY, "epochs": 4}).fit(make_frame(120), target="y", checkpoint=run / "checkpoint.safetensors",
                                                 on_epoch=stop)
    (run / "config.json").write_text('{"data": "series.csv"}')
    (run / "report.html").write_text("<html></html>")
    with pytest.raises(RnncastError) as refused:
        refuse_finished(run)
    assert str(refused.value) == (
        f"{run} holds a report.html but no metrics.json, and its checkpoint.safetensors holds an unfinished training "
        f"(epoch 2 of 4 finished): rnncast writes report.html last, once training has ended, so this one is not the "
        f"run's; remove {run}/report.html and run rnncast fit --resume {run} to continue it")
    (run / "checkpoint.safetensors").unlink()
    with pytest.raises(RnncastError, match=r"finished training, but its metrics.json is missing; to write"):
        refuse_finished(run)
