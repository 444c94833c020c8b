"""An earlier run replaced whole (``replacing.py``): the new run is written beside it, in a hidden folder, and
moved over it only once complete; a move that a kill cut short is finished by the next holder of the folder
(``settle``), from whichever step it reached. The command line's overwrite, interrupted and resumed, is in
scenarios/test_run_safety.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from rnncast import folderlock, outputs, replacing


def _folder(root: Path, names: dict) -> None:
    for name, text in names.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _held(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


OLD = {"config.json": "old", "model/model.json": "old", "report.html": "old", "tensorboard/events": "old"}
NEW = {"config.json": "new", "model/model.json": "new", "checkpoint.safetensors": "new", "report.html": "new"}


def test_the_earlier_output_stays_whole_until_the_new_one_is_swapped_in(tmp_path):
    _folder(tmp_path, {**OLD, "notes.txt": "the user's"})
    staged = replacing.begin(tmp_path)
    assert staged == replacing.staged(tmp_path) and replacing.home(staged) == tmp_path
    assert replacing.pending(tmp_path) is None  # nothing written there yet: no run to continue
    _folder(staged, NEW)
    assert replacing.pending(tmp_path) == staged
    assert {k: v for k, v in _held(tmp_path).items() if not k.startswith(".")} == {**OLD, "notes.txt": "the user's"}
    replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    # the earlier run's names all went (its tensorboard/ too, which the new run has none of); a file of the user's stays
    assert _held(tmp_path) == {**NEW, "notes.txt": "the user's"}
    assert not any(p.name in replacing.HIDDEN for p in tmp_path.iterdir())


def test_begin_removes_a_new_run_left_by_an_earlier_attempt_and_discard_removes_it(tmp_path):
    _folder(tmp_path, OLD)
    _folder(replacing.staged(tmp_path), {"config.json": "an attempt cut short"})
    staged = replacing.begin(tmp_path)
    assert list(staged.iterdir()) == []
    replacing.discard(tmp_path)
    assert not staged.exists() and _held(tmp_path) == OLD


def test_a_swap_killed_before_the_earlier_files_were_cleared_is_finished(tmp_path):
    _folder(tmp_path, OLD)
    _folder(tmp_path / replacing.DONE, NEW)  # killed right after the rename that makes the new run the one kept
    (tmp_path / "config.json").unlink()  # ... and midway through removing the earlier run's files
    replacing.settle(tmp_path, outputs.OUTPUT_FILES)
    assert _held(tmp_path) == NEW and not (tmp_path / replacing.DONE).exists()


def test_a_swap_killed_while_the_new_files_moved_up_is_finished(tmp_path):
    _folder(tmp_path, {"config.json": "new", "model/model.json": "new"})  # moved up before the kill
    _folder(tmp_path / replacing.DONE, {"checkpoint.safetensors": "new", "report.html": "new", replacing.CLEARED: ""})
    replacing.settle(tmp_path, outputs.OUTPUT_FILES)  # the new files at the top are not taken for the earlier run's
    assert _held(tmp_path) == NEW and not (tmp_path / replacing.DONE).exists()


def test_settle_leaves_a_new_run_cut_short_in_training_as_it_is_and_sweeps_its_temporaries(tmp_path):
    _folder(tmp_path, OLD)
    staged = replacing.staged(tmp_path)
    _folder(staged, {"config.json": "new", ".checkpoint.safetensors.abcd1234.tmp": "half"})
    replacing.settle(tmp_path, outputs.OUTPUT_FILES)
    assert _held(tmp_path) == {**OLD, f"{replacing.STAGED}/config.json": "new"}


def test_a_folder_holding_a_new_run_beside_the_earlier_one_is_rnncasts_own(tmp_path):
    """The hidden folders are rnncast's names: --overwrite replaces them, and they are never "files rnncast did
    not write"; without --overwrite the refusal says the new run can be finished."""
    _folder(tmp_path, {"config.json": '{"settings": {}, "data": {}, "fingerprint": null}', "model/model.json": "{}",
                       "report.html": "", f"{replacing.STAGED}/config.json": "{}"})
    try:
        outputs.claim_output(tmp_path, tmp_path / "d", overwrite=False, what="run")
    except outputs.RnncastError as err:
        assert f"a new run begun to replace it was cut short: rnncast fit --resume {tmp_path} finishes it" in str(err)
    else:
        raise AssertionError("an earlier run was taken without --overwrite")
    outputs.claim_output(tmp_path, tmp_path / "d", overwrite=True, what="run").release()


def test_a_ctrl_c_during_the_swap_waits_until_the_new_run_is_in_place(tmp_path, monkeypatch):
    """A Ctrl-C (a second one, or one outside fit's held block) right after the rename that makes the new run the one
    kept stopped the move there: the folder held the earlier run's files and the new one hidden in DONE."""
    import os
    import signal

    _folder(tmp_path, OLD)
    _folder(replacing.begin(tmp_path), NEW)
    real = os.rename

    def ctrl_c(src, dst):
        real(src, dst)
        if Path(dst).name == replacing.DONE:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "rename", ctrl_c)
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    finally:
        signal.signal(signal.SIGINT, handler)
    assert _held(tmp_path) == NEW  # the new run whole, nothing of the earlier one, nothing hidden


def _two_models(fitted, run: Path):
    """``run`` holding ``fitted``'s model, and a new model of other weights staged to replace it (as fit
    --overwrite stages its new run); the new model's checksum."""
    import copy
    import json

    import torch

    fitted.save(run / "model")
    other = copy.deepcopy(fitted)
    with torch.no_grad():
        for tensor in other.net_.parameters():
            tensor.add_(0.01)
    other.save(replacing.staged(run) / "model")
    (run / "config.json").write_text("{}")
    return json.loads((replacing.staged(run) / "model" / "model.json").read_text())["weights_sha256"]


def test_a_model_replaced_while_it_is_read_is_read_again_whole(tmp_path, fitted, monkeypatch):
    """Forecaster.load('runs/sw') in a loop while fit --overwrite ran got "weights.safetensors cannot be read ...
    damaged", "missing model.json" or "still training": the move under it is now read again once it is done."""
    from rnncast import checkpoint, weightfile

    run = tmp_path / "run"
    new = _two_models(fitted, run)
    header, calls = weightfile.header, []

    def moved_between(path):  # model.json read, then the new run swapped in before the weights are
        calls.append(path)
        if len(calls) == 1:
            replacing.swap(run, outputs.OUTPUT_FILES)
        return header(path)

    monkeypatch.setattr(weightfile, "header", moved_between)
    net, meta, _ = checkpoint.load_with_history(run)
    assert meta["weights_sha256"] == new and len(calls) == 2  # the new model, in full, read a second time


def test_a_move_under_way_is_waited_for_and_one_that_does_not_end_is_named_with_its_process(tmp_path, fitted,
                                                                                             monkeypatch):
    import os
    import threading

    from rnncast import checkpoint
    from rnncast.errors import RnncastError

    run = tmp_path / "run"
    _two_models(fitted, run)
    claim = folderlock.lock_folder(run, "run")  # the replacing fit holds the run throughout its move
    try:
        os.rename(run / "model", run / "aside")  # the instant between the earlier model moved out and the new one in
        (run / replacing.DONE).mkdir()
        monkeypatch.setattr(replacing, "REREAD_WAIT", 0.2, raising=False)
        with pytest.raises(RnncastError) as refused:
            checkpoint.load_with_history(run)
        assert str(refused.value) == f"{run} is being replaced by another rnncast process (pid {os.getpid()}); try again"

        def finish():
            os.rename(run / "aside", run / "model")
            (run / replacing.DONE).rmdir()

        monkeypatch.setattr(replacing, "REREAD_WAIT", 30.0, raising=False)
        timer = threading.Timer(0.3, finish)
        timer.start()
        try:
            assert checkpoint.load_with_history(run)[1]["format"]  # waited for the move, then read whole
        finally:
            timer.join()
    finally:
        claim.release()
    os.rename(run / "model", run / "aside")
    (run / replacing.DONE).mkdir()  # a move a killed process left: nobody holds the run
    with pytest.raises(RnncastError, match=rf"^{run} was left half replaced by an rnncast process that was stopped or failed part way; "
                                            rf"rnncast fit --resume {run} finishes the move$"):
        checkpoint.load_with_history(run)
    (run / "model").mkdir()
    (run / "model" / "model.json").write_text("{")  # damaged, nothing being replaced: the model's own error
    (run / replacing.DONE).rmdir()
    with pytest.raises(RnncastError, match="is missing weights.safetensors"):
        checkpoint.load_with_history(run)


def test_the_earlier_model_stays_in_place_until_the_new_one_is_renamed_over_it(tmp_path, monkeypatch):
    _folder(tmp_path, OLD)
    _folder(replacing.staged(tmp_path), NEW)
    import os

    seen, rename = [], os.rename

    def watched(src, dst):
        seen.append(((tmp_path / "model" / "model.json").is_file(), (tmp_path / "config.json").is_file()))
        return rename(src, dst)

    monkeypatch.setattr(os, "rename", watched)
    replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    assert _held(tmp_path) == NEW
    assert (False, False) not in seen  # never a folder without a model and its config.json: the earlier run's files
    assert seen.count((False, True)) == 1  # stay till each is replaced; the one instant: the model renamed aside


def _two_runs(fitted, run: Path) -> tuple[str, str]:
    """``run`` holding a run (its model, config.json and history.csv of one epoch) and a new run staged to replace
    it (another model, a history of two epochs), as fit --overwrite leaves them before its swap; both checksums."""
    import json

    from rnncast.runhistory import history_csv

    new = _two_models(fitted, run)
    epoch = {"epoch": 1, "train_loss": 1.0, "val_loss": 1.0, "seconds": 0.1, "best": True}
    (run / "history.csv").write_text(history_csv([epoch]))
    (replacing.staged(run) / "history.csv").write_text(history_csv([epoch, {**epoch, "epoch": 2, "train_loss": 0.5}]))
    (replacing.staged(run) / "config.json").write_text("{}")
    return json.loads((run / "model" / "model.json").read_text())["weights_sha256"], new



def _which(forecaster, fitted) -> str:
    """Which run a loaded Forecaster is, by its weights and by its epochs: 'old', 'new', or both (a mixed run)."""
    import torch

    model = "old" if torch.equal(next(forecaster.net_.parameters()), next(fitted.net_.parameters())) else "new"
    return model if model == {1: "old", 2: "new"}[len(forecaster.history_)] else f"{model} model, other epochs"


def test_a_forecaster_loaded_while_its_run_is_replaced_is_one_runs_model_and_epochs(tmp_path, fitted, monkeypatch):
    """The swap moves the new model/ in first, then each file over its namesake: a load that read the model, then
    history.csv after the swap had moved it, got one run's weights and the other's epochs. The model and the run's
    epochs are now one read, read again where the run was replaced under it."""
    from rnncast import Forecaster, runhistory

    run = tmp_path / "run"
    _two_runs(fitted, run)
    assert _which(Forecaster.load(run), fitted) == "old"
    real, calls = runhistory.read_back, []

    def swapped_first(*args, **kwargs):  # the model read, then the whole swap before history.csv is
        calls.append(args)
        if len(calls) == 1:
            replacing.swap(run, outputs.OUTPUT_FILES)
        return real(*args, **kwargs)

    monkeypatch.setattr(runhistory, "read_back", swapped_first)
    assert _which(Forecaster.load(run), fitted) == "new" and len(calls) == 2  # read again, whole


def test_at_every_step_of_the_move_a_load_gets_one_run_whole_or_is_told_to_wait(tmp_path, fitted, monkeypatch):
    """At each rename of the swap (the run held by the replacing process), Forecaster.load of the run and of its
    model/ gives the earlier run whole or says the run is being replaced: never the new model beside the earlier
    history.csv. A move a killed process left half done is refused so too, naming how to finish it."""
    import os

    from rnncast import Forecaster
    from rnncast.errors import RnncastError

    run = tmp_path / "run"
    _two_runs(fitted, run)
    monkeypatch.setattr(replacing, "REREAD_WAIT", 0.0, raising=False)
    seen, rename, replace = [], os.rename, os.replace

    def load():
        for place in (run, run / "model"):
            try:
                seen.append(_which(Forecaster.load(place), fitted))
            except RnncastError as err:
                assert str(err) == f"{run} is being replaced by another rnncast process (pid {os.getpid()}); try again"
                seen.append("wait")

    def load_each(real):
        def moved(src, dst):  # a load before and after each rename of the swap
            load()
            real(src, dst)
            load()
        return moved

    claim = folderlock.lock_folder(run, "run")
    try:
        monkeypatch.setattr(os, "rename", load_each(rename))
        monkeypatch.setattr(os, "replace", load_each(replace))
        replacing.swap(run, outputs.OUTPUT_FILES)
    finally:
        monkeypatch.setattr(os, "rename", rename)
        monkeypatch.setattr(os, "replace", replace)
        claim.release()
    assert seen[:2] == ["old", "old"] and set(seen[2:]) == {"wait"}, seen  # the earlier run, until the move begins
    assert _which(Forecaster.load(run), fitted) == "new"
    (run / replacing.DONE).mkdir()  # killed with the new model moved in and the earlier history.csv not yet replaced
    (run / "history.csv").write_text("epoch,train_loss,val_loss,seconds,best\n1,1.0,1.0,0.1,True\n")
    with pytest.raises(RnncastError, match=rf"^{run} was left half replaced by an rnncast process that was stopped or failed part way; "
                                            rf"rnncast fit --resume {run} finishes the move$"):
        Forecaster.load(run)


def _marked(monkeypatch, name: str) -> None:
    """``name`` as chattr +i marks it, to the ioctl that reads the marks (lsattr's)."""
    import os

    real = replacing.fcntl.ioctl

    def ioctl(fd, request, flags, mutate=True):
        if request == replacing.FS_IOC_GETFLAGS and os.readlink(f"/proc/self/fd/{fd}").endswith(f"/{name}"):
            flags[0] = 0x10
            return 0
        return real(fd, request, flags, mutate)

    monkeypatch.setattr(replacing.fcntl, "ioctl", ioctl)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads which file a descriptor is from /proc")
def test_a_swap_over_a_file_no_rename_can_move_is_refused_before_the_move_with_the_earlier_run_whole(tmp_path,
                                                                                                      monkeypatch):
    """An immutable report.html (chattr +i) stopped the move part way: a mixed folder of two runs' files."""
    import errno

    _folder(tmp_path, OLD)
    _folder(replacing.begin(tmp_path), NEW)
    _marked(monkeypatch, "report.html")
    with pytest.raises(OSError) as caught:
        replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    assert (caught.value.errno, caught.value.filename) == (errno.EPERM, str(tmp_path / "report.html"))
    assert {k: v for k, v in _held(tmp_path).items() if not k.startswith(".")} == OLD
    assert replacing.pending(tmp_path) is not None  # the new run waits, complete, for fit --resume
    monkeypatch.undo()
    replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    assert _held(tmp_path) == NEW


def test_a_move_that_fails_part_way_names_the_half_replaced_folder_and_how_to_finish_it(tmp_path, monkeypatch):
    import errno
    import os

    from rnncast.errors import RnncastError

    _folder(tmp_path, OLD)
    _folder(replacing.begin(tmp_path), NEW)
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == "report.html":
            raise PermissionError(errno.EPERM, "Operation not permitted", str(src), None, str(dst))
        return real(src, dst)

    monkeypatch.setattr(replacing.os, "replace", replace)
    with pytest.raises(RnncastError) as caught:
        replacing.swap(tmp_path, outputs.OUTPUT_FILES)
    assert str(caught.value) == (
        f"{tmp_path / 'report.html'}: Operation not permitted ({tmp_path} is left half replaced: some of the new "
        f"output's files are in place, the rest wait in {tmp_path / replacing.DONE}; once that file can be replaced, "
        f"rnncast fit --resume {tmp_path} finishes the move)")
    monkeypatch.undo()
    replacing.settle(tmp_path, outputs.OUTPUT_FILES)
    assert _held(tmp_path) == NEW
