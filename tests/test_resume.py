"""The training loop's state (``resume.py``): a checkpoint of another network, a damaged one, one
holding NaN, or a pickle in its place is refused by name, and nothing is unpickled."""

from __future__ import annotations

import json
import pickle
import re

import numpy as np
import pandas as pd
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

from conftest import TINY, make_frame
from rnncast import Forecaster, RnncastError
from test_checkpoint import _Payload


def test_a_pickle_payload_as_the_checkpoint_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    checkpoint = tmp_path / "checkpoint.safetensors"
    checkpoint.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(RnncastError, match="checkpoint"):
        Forecaster(lookback=10, epochs=2, device="cpu").fit(np.sin(0.1 * np.arange(300)), checkpoint=checkpoint, resume=True)
    assert not marker.exists()


@pytest.mark.parametrize("other", ["columns", "settings"])
def test_a_checkpoint_of_another_network_is_refused_by_name(tmp_path, other):
    """Resuming with data of other columns (``--features all`` over a new DATA) or other settings builds
    another network; the checkpoint is refused naming the tensor that differs, not by load_state_dict's traceback."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    settings = {**TINY, "epochs": 1}
    Forecaster(**settings).fit(make_frame(200), target="y", features="all", checkpoint=checkpoint)
    _forget_data(checkpoint)  # a checkpoint of a fit on these columns: the data check would speak first
    data = make_frame(200).assign(z=np.arange(200.0)) if other == "columns" else make_frame(200)
    if other == "settings":
        settings["hidden_size"] = 4
    shape = r"\[32, 3\] here" if other == "columns" else r"\[16, 2\] here"
    with pytest.raises(RnncastError, match=rf"^{re.escape(str(checkpoint))} was trained on other columns or settings than this fit has: "
                                           rf"tensor \S+ has shape \[\d+, \d+\] there but {shape}; resume it with"):
        Forecaster(**{**settings, "epochs": 2}).fit(data, target="y", features="all", checkpoint=checkpoint, resume=True)


def test_a_checkpoint_without_its_loop_record_or_with_nan_weights_is_refused(tmp_path):
    path = tmp_path / "checkpoint.safetensors"
    Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=path)
    tensors = load_file(path)
    save_file(tensors, tmp_path / "bare.safetensors")  # no metadata
    with pytest.raises(RnncastError, match="not a readable rnncast checkpoint"):
        Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=tmp_path / "bare.safetensors", resume=True)
    with safe_open(str(path), framework="pt") as f:  # as an rnncast before checksums wrote it: NaN is found by value
        metadata = {k: v for k, v in f.metadata().items() if k != "sha256"}
    name = next(k for k in tensors if k.startswith("net.") and tensors[k].is_floating_point())
    tensors[name] = torch.full_like(tensors[name], float("nan"))
    save_file(tensors, tmp_path / "nan.safetensors", metadata=metadata)
    with pytest.raises(RnncastError, match="holds NaN or infinite values"):
        Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=tmp_path / "nan.safetensors", resume=True)


@pytest.mark.parametrize("changed", [{"window_scale": True}, {"window_norm": "mean"}])
def test_a_checkpoint_resumed_with_a_setting_that_adds_no_weights_changed_is_refused_by_name(tmp_path, changed):
    """window_scale and window_norm change what the same weights compute: a resume with either changed
    (a hand-edited config.json) would train on silently; it is refused naming the setting."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    _forget_data(checkpoint, ("settings",))  # written before settings were recorded: the network's check
    (name, value), = changed.items()
    with pytest.raises(RnncastError, match=rf"was trained with {name} .* but this fit has {name} {value!r}; resume it"):
        Forecaster(**{**TINY, "epochs": 2, **changed}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)  # its own: resumes


def test_a_checkpoint_written_before_its_network_was_recorded_still_resumes(tmp_path):
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    with safe_open(str(checkpoint), framework="pt") as f:
        metadata = f.metadata()
    loop = json.loads(metadata["loop"])
    del loop["network"]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2


def test_a_field_the_checkpoint_does_not_record_reads_as_its_default(tmp_path):
    """A checkpoint of this version read by a later one that added a network field resumes."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    del loop["network"]["window_scale"], loop["network"]["season"]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2



def test_a_checkpoint_whose_tensor_bytes_changed_is_refused_and_one_without_a_checksum_resumes(tmp_path, caplog):
    """400 bytes overwritten inside a tensor's data (the header intact, the values finite) were resumed from without a
    word, to other final weights: the checkpoint keeps the SHA-256 of its content (the loop's record and the tensors),
    which a resume checks."""
    import struct

    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "hidden_size": 16, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    whole = checkpoint.read_bytes()
    size = struct.unpack("<Q", whole[:8])[0]
    header = json.loads(whole[8:8 + size])
    start, end = header["net.encoder.weight_hh_l0"]["data_offsets"]
    assert end - start > 400
    damaged = bytearray(whole)
    damaged[8 + size + start:8 + size + start + 400] = bytes((13 * i) % 64 for i in range(400))  # finite float32s:
    # no NaN check sees them
    checkpoint.write_bytes(bytes(damaged))
    assert torch.isfinite(load_file(checkpoint)["net.encoder.weight_hh_l0"]).all()
    with pytest.raises(RnncastError) as refused:
        Forecaster(**{**TINY, "hidden_size": 16, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                                   resume=True)
    assert str(refused.value) == (f"{checkpoint} is damaged: its content is not what it was written with (its "
                                  "SHA-256 differs from the one recorded in it); restore the file from a copy, or start "
                                  "the training over: fit without resume=True, with a checkpoint path of its own")
    checkpoint.write_bytes(whole)
    with safe_open(str(checkpoint), framework="pt") as f:
        metadata = f.metadata()
    from rnncast.resume import state_sha256
    assert metadata["sha256"] == state_sha256(load_file(checkpoint), metadata["loop"])
    loop = json.loads(metadata["loop"])
    loop["best_loss"] /= 2  # the loop's record changed, its tensors not
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop), "sha256": metadata["sha256"]})
    with pytest.raises(RnncastError, match=r"is damaged: its content is not what it was written with"):
        Forecaster(**{**TINY, "hidden_size": 16, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                                   resume=True)
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": metadata["loop"]})  # as an earlier rnncast wrote it
    with caplog.at_level("DEBUG", logger="rnncast.resume"):
        model = Forecaster(**{**TINY, "hidden_size": 16, "epochs": 2}).fit(make_frame(200), target="y",
                                                                           checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2 and "holds no SHA-256 of its content" in caplog.text


def test_a_resume_reads_its_checkpoint_once_and_a_file_replaced_meanwhile_again(tmp_path, monkeypatch):
    """``Forecaster.fit(resume=True)`` read and hashed its checkpoint twice (the settings' check, the load); it reads it
    once (``resume.read_once``). Within that scope a file changed since it was read (other bytes, the same size) is
    read again and refused as damaged, not taken from the first read; outside it nothing is kept."""
    from rnncast import resume

    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "hidden_size": 16, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    reads, load_file = [], resume.load_file
    monkeypatch.setattr(resume, "load_file", lambda path: reads.append(path) or load_file(path))
    model = Forecaster(**{**TINY, "hidden_size": 16, "epochs": 2}).fit(make_frame(200), target="y",
                                                                       checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2 and len(reads) == 1
    reads.clear()
    with resume.read_once():
        loop, _ = resume.read_checkpoint(checkpoint)
        assert resume.read_checkpoint(checkpoint)[0] is loop and len(reads) == 1
        _zero_weights(checkpoint)
        with pytest.raises(RnncastError, match=r"is damaged: its content is not what it was written with"):
            resume.read_checkpoint(checkpoint)
    with pytest.raises(RnncastError, match=r"is damaged"):
        resume.read_checkpoint(checkpoint)  # outside the scope: read afresh


def _zero_weights(checkpoint) -> None:
    """Overwrite the first 40 bytes of the checkpoint's first weights with zeros (finite: no NaN check sees them), in
    place: the file keeps its size, its header and its recorded SHA-256."""
    import struct

    whole = bytearray(checkpoint.read_bytes())
    size = struct.unpack("<Q", whole[:8])[0]
    start = min(v["data_offsets"][0] for k, v in json.loads(whole[8:8 + size]).items() if k.startswith("net."))
    whole[8 + size + start:8 + size + start + 40] = bytes(40)
    checkpoint.write_bytes(bytes(whole))


def _forget_data(checkpoint, keys=("data", "settings")) -> None:
    """Make ``checkpoint`` one written before the data a run trains on (and its settings: their check,
    ``resumedsettings``, would speak first) was recorded."""
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    for key in keys:
        del loop[key]
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})


@pytest.mark.parametrize("other, says", [
    (lambda f: f.head(150), r"it had 200 rows, 2024-01-01 00:00:00 to 2024-01-09 07:00:00; this data has 150 rows, "
                            r"2024-01-01 00:00:00 to 2024-01-07 05:00:00"),
    (lambda f: f.assign(y=f["y"] * 10 + 5), r"it had the same 200 rows, .*, but other values in column 'y'"),
    (lambda f: f.assign(date=f["date"] + pd.Timedelta("1D")), r"it had 200 rows, .* \(as many rows, at other times\)"),
    (lambda f: f.assign(z=np.arange(len(f), dtype=float)), r"it had the columns targets \['y'\], past covariates \['x'\]; this data has "
                                r"targets \['y'\], past covariates \['x', 'z'\]"),
])
def test_a_checkpoint_resumed_with_other_data_is_refused_naming_what_differs(tmp_path, other, says):
    """The data is split again when a fit resumes: other rows would put rows the model trained on into
    its test split, so a resume with other data (a truncated file, changed values, other dates, other
    columns: ``features="all"`` over a new table) is refused, naming what differs, and the checkpoint is left as it was."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", features="all", checkpoint=checkpoint)
    before = checkpoint.read_bytes()
    with pytest.raises(RnncastError, match=rf"^{re.escape(str(checkpoint))} cannot be resumed with this fit's data: "
                                           rf"{says}.*; resume it with the data it was trained on"):
        Forecaster(**{**TINY, "epochs": 2}).fit(other(make_frame(200)), target="y", features="all", checkpoint=checkpoint, resume=True)
    assert checkpoint.read_bytes() == before
    model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", features="all", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2  # the same data (a new frame of it): resumed


def test_a_checkpoint_whose_data_record_cannot_be_read_is_not_said_to_be_of_other_data(tmp_path):
    """r35r1 5: a checkpoint whose data record is of another version (version 2) was refused as "cannot be resumed with
    this fit's data: its data record is of another rnncast version or damaged", asking for the very data given. It now
    says the record cannot be read, so the data cannot be checked, and both ways out (decision 1816)."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    with safe_open(str(checkpoint), framework="pt") as f:
        loop = json.loads(f.metadata()["loop"])
    loop["data"]["version"] = 2
    save_file(load_file(checkpoint), checkpoint, metadata={"loop": json.dumps(loop)})
    with pytest.raises(RnncastError) as err:
        Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert str(err.value) == (
        f"{checkpoint} holds a data record (fingerprint) this rnncast cannot read (its version is 2, where this rnncast "
        "reads 1: written by another rnncast version, or edited), so whether this fit's data is the data it was trained "
        "on cannot be checked (a resumed run must train on that data); restore checkpoint.safetensors from a copy (or "
        "resume with the rnncast version that wrote it), or start the training over: fit without resume=True, with a "
        "checkpoint path of its own")


def test_a_checkpoint_resumed_with_another_cut_of_the_same_data_is_refused(tmp_path):
    """test_frac changed through the API (or split= given otherwise) moves the borders: rows the model
    trained on would be scored as test rows."""
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    _forget_data(checkpoint, ("settings",))  # written before settings were recorded: the cut's check
    with pytest.raises(RnncastError, match=r"the same data, but cut elsewhere: it had training rows to 140, validation "
                                           r"to 160, test to 200; this fit has training rows to 170, validation to 190, "
                                           r"test to 200 \(val_frac, test_frac or split= differ\)"):
        Forecaster(**{**TINY, "epochs": 2, "test_frac": 0.05}).fit(make_frame(200), target="y", checkpoint=checkpoint,
                                                                    resume=True)


def test_a_checkpoint_written_before_its_data_was_recorded_resumes_with_a_warning(tmp_path, caplog):
    checkpoint = tmp_path / "checkpoint.safetensors"
    Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(200), target="y", checkpoint=checkpoint)
    _forget_data(checkpoint)
    with caplog.at_level("WARNING", logger="rnncast.resume"):
        model = Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(200), target="y", checkpoint=checkpoint, resume=True)
    assert len(model.history_) == 2
    assert "cannot be checked" in caplog.text
    with safe_open(str(checkpoint), framework="pt") as f:
        assert json.loads(f.metadata()["loop"])["data"]["rows"] == 200  # recorded from now on


def _run_folder(tmp_path, checkpoint_from=None):
    """A run's folder as rnncast fit leaves it: config.json, model/ (a saved model), report.html, and the
    checkpoint of its training."""
    run = tmp_path / "runs" / "q1"
    model = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y", checkpoint=tmp_path / "c.safetensors")
    model.save(run / "model")
    (run / "config.json").write_text('{"settings": {}, "data": {}, "fingerprint": null}')  # as a run's holds, among others
    (run / "report.html").write_text("<html></html>")
    (run / "checkpoint.safetensors").write_bytes((tmp_path / "c.safetensors").read_bytes())
    return run


def _kept(paths):
    return {p: p.read_bytes() for p in paths}


def test_fit_never_writes_its_checkpoint_over_a_users_file_the_data_a_folder_or_a_model_or_run(tmp_path):
    """fit(checkpoint=) wrote safetensors bytes over any path: a CSV of the user's, the data being read,
    a saved model's or a run's weights (which then failed to load); a folder gave a raw IsADirectoryError.
    Each is refused before the first epoch is written, naming the path and what is taken instead."""
    data = tmp_path / "sales.csv"
    make_frame(120).to_csv(data, index=False)
    precious = tmp_path / "precious.csv"
    precious.write_text("date,sales\n2024-01-01,1\n")
    run = _run_folder(tmp_path)
    files = [data, precious, *(p for p in run.rglob("*") if p.is_file())]
    before = _kept(files)
    fit = lambda path, **kw: Forecaster(**{**TINY, "epochs": 1}).fit(data, target="y", checkpoint=path, **kw)  # noqa: E731
    for path, said in [
        (precious, rf"^checkpoint={re.escape(str(precious))} exists and is not a training checkpoint rnncast wrote; "
                   r"it stays as it is: give a new file name, or the checkpoint of an earlier fit"),
        (data, rf"^checkpoint={re.escape(str(data))} is the data this fit reads"),
        (run / "model" / "weights.safetensors", r"would write into the model folder .*runs/q1/model; give a checkpoint "
                                                r"file outside it"),
        (run / "model" / "new.safetensors", r"would write into the model folder"),
        (run, rf"^checkpoint={re.escape(str(run))} is a folder; give the path of the checkpoint file to write"),
        (run / "mine.safetensors", r"would write into .*runs/q1, which holds a run \(rnncast fit\); give a checkpoint "
                                   r"file outside it"),
        (run / "checkpoint.safetensors", r"is the checkpoint of the run in .*runs/q1, which its files describe; "
                                         r"continue it with resume=True"),
    ]:
        with pytest.raises(RnncastError, match=said):
            fit(path)
        assert _kept(files) == before, path
        assert not (run / "model" / "new.safetensors").exists() and not (run / "mine.safetensors").exists()
    link = tmp_path / "link.safetensors"
    link.symlink_to(precious)  # judged by where it leads
    with pytest.raises(RnncastError, match=r"\(a link to .*precious.csv\) exists and is not a training checkpoint"):
        fit(link)
    assert _kept(files) == before


def test_an_rnncast_checkpoint_is_continued_never_replaced_unasked_and_a_runs_own_only_continued(tmp_path):
    run = _run_folder(tmp_path)
    own = tmp_path / "c.safetensors"  # an earlier fit's checkpoint (1 epoch of 1), outside any output folder
    before = own.read_bytes()
    with pytest.raises(RnncastError, match=rf"^checkpoint={re.escape(str(own))} holds a finished training \(1 epoch\), "
                                           r"which a fit without resume=True would replace; it stays as it is: "
                                           r"resume=True gives its model back .*, give another checkpoint path, or "
                                           r"delete the file to start over$"):
        Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y", checkpoint=own)
    assert own.read_bytes() == before
    assert len(Forecaster(**{**TINY, "epochs": 2}).fit(make_frame(120), target="y", checkpoint=own,
                                                       resume=True).history_) == 2
    resumed = Forecaster(**{**TINY, "epochs": 1}).fit(make_frame(120), target="y",
                                                      checkpoint=run / "checkpoint.safetensors", resume=True)
    assert len(resumed.history_) == 1  # the run's own checkpoint continued, as rnncast fit --resume continues it
    assert Forecaster.load(run).predict(make_frame(120)) is not None  # the run's model untouched


def test_a_refused_resume_gives_python_callers_python_words_and_the_command_line_its_flag(tmp_path):
    """``fit(df, checkpoint="d.csv", resume=True)`` ended its refusal with "start the run again with --overwrite",
    a flag Python has not; the command line keeps its words (cli/fitting.py's hints)."""
    data = tmp_path / "d.csv"
    make_frame(120).to_csv(data, index=False)
    with pytest.raises(RnncastError) as refused:
        Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=data, resume=True)
    said = str(refused.value)
    assert "--overwrite" not in said and said.endswith("start the training over: fit without resume=True, with a "
                                                      "checkpoint path of its own"), said
    from rnncast.spelling import hints
    from rnncast.cli.fitting import START_OVER
    with hints(start_over=START_OVER), pytest.raises(RnncastError, match="start the run again with --overwrite$"):
        Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=data, resume=True)


def test_a_checkpoint_that_is_no_path_is_refused_naming_the_argument():
    with pytest.raises(RnncastError, match=r"^fit's checkpoint must be the file to write the training state to \(or "
                                           r"None\), as text or a pathlib.Path, got int 5$"):
        Forecaster(**dict(TINY, epochs=1)).fit(make_frame(120), target="y", checkpoint=5)


@pytest.mark.parametrize("damaged, said", [
    ("config.json", "its config.json is damaged (not a JSON object, as rnncast wrote it): it holds the run's data and "
                    "settings, so the run can be neither resumed nor repeated with --config; fit again with rnncast "
                    "fit DATA --target COLUMN --out NEW, or put back a copy of that config.json"),
    ("metrics.json", "its metrics.json is damaged (not a JSON object, as rnncast wrote it); to write the run's outputs "
                     "again from its saved model, remove {run}/report.html and run rnncast fit --resume {run}")])
def test_resume_of_a_finished_run_names_a_damaged_config_or_metrics_file_and_what_to_do(tmp_path, damaged, said):
    """A finished run whose config.json or metrics.json was cut short was refused as finished, with the advice
    to fit again with --config RUN, which cannot read a damaged config.json."""
    from rnncast.resumedrecord import refuse_finished

    run = tmp_path / "run"
    run.mkdir()
    for name in ("config.json", "metrics.json"):
        (run / name).write_text('{"data": "series.csv"}')
    (run / "report.html").write_text("<html></html>")
    (run / damaged).write_text('{"data": "ser')  # truncated
    with pytest.raises(RnncastError) as refused:
        refuse_finished(run)
    assert str(refused.value) == f"{run} finished training, but {said.format(run=run)}"


def test_fit_without_resume_never_replaces_an_interrupted_trainings_checkpoint(tmp_path):
    """``fit(data, checkpoint=P)`` without ``resume=True`` wrote its first epoch over the checkpoint of an interrupted
    training at P, losing its epochs (the command line refuses the same case). It is refused, naming the file, the epoch
    it holds and the ways on; with ``resume=True`` it continues."""
    checkpoint = tmp_path / "c.safetensors"

    def stop(record):
        if record.epoch == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Forecaster(**{**TINY, "epochs": 4}).fit(make_frame(120), target="y", checkpoint=checkpoint, on_epoch=stop)
    before = checkpoint.read_bytes()
    with pytest.raises(RnncastError, match=rf"^checkpoint={re.escape(str(checkpoint))} holds an unfinished training "
                                           r"\(epoch 2 of 4 finished\), which a fit without resume=True would replace; "
                                           r"it stays as it is: continue it with resume=True, give another checkpoint "
                                           r"path, or delete the file to start over$"):
        Forecaster(**{**TINY, "epochs": 4}).fit(make_frame(120), target="y", checkpoint=checkpoint)
    assert checkpoint.read_bytes() == before
    resumed = Forecaster(**{**TINY, "epochs": 4}).fit(make_frame(120), target="y", checkpoint=checkpoint, resume=True)
    assert len(resumed.history_) == 4


def test_a_checkpoint_of_a_newer_format_version_is_refused_by_it(tmp_path, monkeypatch):
    """Its format_version was written but never read: a newer rnncast's checkpoint was read as this one's record."""
    from rnncast import resume
    checkpoint = tmp_path / "c.safetensors"
    monkeypatch.setattr(resume, "TRAINING_FORMAT_VERSION", 2)
    Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=checkpoint)
    monkeypatch.setattr(resume, "TRAINING_FORMAT_VERSION", 1)
    with pytest.raises(RnncastError, match=r"c.safetensors uses checkpoint format version 2; .* reads version 1: it "
                                           r"was written by a newer rnncast"):
        Forecaster(**{**TINY, "epochs": 3}).fit(make_frame(120), target="y", checkpoint=checkpoint, resume=True)


def _damaged(path, kind: str) -> None:
    """``path`` (a safetensors file) damaged as ``kind`` says: its header's JSON, cut in half, cut to 5 bytes, empty,
    a CSV in its place, its header's length field."""
    data = bytearray(path.read_bytes())
    if kind == "header json":
        length = int.from_bytes(data[:8], "little")
        data[8 + length // 2] = ord("\x01")  # a control character: the header no longer reads as JSON
    elif kind == "length field":
        data[5] = 7
    data = {"cut in half": data[:len(data) // 2], "5 bytes": data[:5], "empty": b"",
            "csv": b"date,y\n2024-01-01,1.5\n2024-01-02,2.5\n"}.get(kind, data)
    path.write_bytes(bytes(data))


DAMAGE = ["header json", "cut in half", "5 bytes", "empty", "csv", "length field"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_an_unreadable_checkpoint_is_said_in_one_line_of_its_own_words_with_both_ways_out(tmp_path, kind):
    """A tester's finding: a checkpoint damaged in its header got safetensors' parser text ("Error while deserializing
    header: invalid JSON in header: expected `,` ...", "invalid header length") where one damaged deeper got a clean
    line. Every unreadable one now says what is wrong with the file in words (empty, cut short, not safetensors, its
    header damaged) and both ways out: restore it, or start over (decision 1163)."""
    path = tmp_path / "checkpoint.safetensors"
    Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=path)
    _damaged(path, kind)
    with pytest.raises(RnncastError) as refused:
        Forecaster(**TINY).fit(make_frame(120), target="y", checkpoint=path, resume=True)
    said = str(refused.value)
    words = {"header json": "its header is damaged", "cut in half": "it is cut short", "5 bytes": "it is cut short (5 "
             "bytes", "empty": "the file is empty", "csv": "it is not a safetensors file",
             "length field": "it is cut short, or its header is damaged"}[kind]
    assert said.startswith(f"{path} is not a readable rnncast checkpoint: {words}"), said
    assert said.endswith("; restore the file from a copy, or start the training over: fit without resume=True, with a "
                         "checkpoint path of its own") and "\n" not in said
    assert not re.search(r"deserializ|Header|header length|invalid|`", said), said  # no parser's words


def test_a_checkpoint_without_its_training_record_is_said_so_with_both_ways_out(tmp_path):
    path = tmp_path / "checkpoint.safetensors"
    save_file({"w": torch.zeros(2)}, path)  # another program's safetensors: no loop record
    from rnncast.resume import load_training_state

    with pytest.raises(RnncastError, match=r"^\S+ is not a readable rnncast checkpoint: it holds no training record "
                                           r"rnncast can read .*; restore the file from a copy, or start"):
        load_training_state(path, None, None, None)
